"""What the editors' admin pages share: thumbnails, picture fields, the live
Markdown preview."""

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ..validators import validate_picture


def thumbnail(image, alt: str = "") -> str:
    if not image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" width="64" class="admin-thumbnail">', image.url, alt
    )


def articles_state(articles) -> str:
    """Each article as a link to its form, with whether readers see it."""
    rows = [
        (
            reverse("admin:routines_article_change", args=[a.pk]),
            a.title,
            "public" if a.is_public else a.get_status_display().lower(),
        )
        for a in articles
    ]
    if not rows:
        return "No article features it yet: readers cannot see it."
    return format_html_join(", ", '<a href="{}">{}</a> ({})', rows)


class PictureField(forms.ImageField):
    """Run the site's picture check first, so editors see its precise reason."""

    def to_python(self, data):
        if data not in self.empty_values:
            validate_picture(data)
        return super().to_python(data)


PICTURE_OVERRIDES = {models.ImageField: {"form_class": PictureField}}


class EditorMedia:
    """The live Markdown preview's script and the admin's own styles."""

    css = {"all": ["css/admin.css"]}
    js = ["js/markdown-preview.js"]


def with_preview(form: forms.BaseForm, *names: str) -> None:
    """Show these fields rendered as readers see them, beside the text."""
    url = reverse("routines:markdown-preview")
    for name in names:
        if name in form.fields:
            form.fields[name].widget.attrs["data-markdown-preview"] = url
