"""Editors' admin for articles and their preview links."""

import copy

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import construct_instance
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion_compare.admin import CompareVersionAdmin

from .. import checks, previews, publishing, review
from ..models import (
    Article,
    PreviewLink,
)
from .common import PICTURE_OVERRIDES, EditorMedia, thumbnail, with_preview


class ReviewFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue"), ("soon", "Due in 30 days"), ("none", "Not set")]

    def queryset(self, request, queryset):
        match self.value():
            case "overdue":
                return queryset.review_overdue()
            case "soon":
                return queryset.review_due_soon()
            case "none":
                return queryset.filter(next_review_due__isnull=True)
        return queryset


class ArticleAdminForm(forms.ModelForm):
    """Refuses to schedule or publish an article that fails the publishing checks.

    Runs on what was submitted: the article's fields and its chosen handouts
    (many-to-many rows are saved only after the form is valid). Warnings do not
    block; the admin shows them once the article is saved. The admin supplies
    the model and the fields (from ArticleAdmin.fieldsets).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        with_preview(self, "body")

    def clean(self) -> dict:
        cleaned_data = super().clean()
        # A new review date moves the next one unless the editor set it too.
        if (
            "last_reviewed" in self.changed_data
            and "next_review_due" not in self.changed_data
            and cleaned_data.get("last_reviewed")
        ):
            cleaned_data["next_review_due"] = review.next_review_due(
                cleaned_data["last_reviewed"], months=settings.REVIEW_INTERVAL_MONTHS
            )
        submitted = construct_instance(self, copy.copy(self.instance))
        if "handouts" in self.fields:
            handouts = cleaned_data.get("handouts") or []
        else:
            handouts = self.instance.handouts.all() if self.instance.pk else []
        problems = checks.publishing_problems(submitted, handouts=handouts)
        going_public = cleaned_data.get("status") in (
            Article.Status.SCHEDULED,
            Article.Status.PUBLISHED,
        )
        if going_public and (errors := [p for p in problems if p.is_error]):
            raise ValidationError(
                [ValidationError(p.message, code="publishing_check") for p in errors]
            )
        # Shown after saving: warnings, and for a draft what blocks publishing.
        self.publishing_notes = [
            ("Before it can be published: " if p.is_error else "") + p.message
            for p in problems
        ]
        return cleaned_data


@admin.register(Article)
class ArticleAdmin(CompareVersionAdmin):
    form = ArticleAdminForm
    formfield_overrides = PICTURE_OVERRIDES
    list_display = [
        "title",
        "status",
        "publish_at",
        "is_live",
        "next_review_due",
        "featured_routine",
        "hero_tag",
    ]
    list_filter = [
        "status",
        ReviewFilter,
        "topics",
        ("featured_routine", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["featured_routine"]
    search_fields = ["title", "summary", "byline"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["topics", "featured_routine", "handouts"]
    readonly_fields = [
        "state",
        "hero_preview",
        "video_file_size",
        "created_at",
        "updated_at",
        # Moderators change these under Discussions (comments.moderation logs it).
        "comments_mode",
        "comments_close_after_days",
    ]
    actions = ["publish_now", "unpublish"]
    Media = EditorMedia
    fieldsets = [
        ("State", {"fields": ["state"], "classes": ["article-state"]}),
        (
            "Content",
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "body",
                    "byline",
                    "topics",
                    "featured_routine",
                    "handouts",
                    "disclaimer",
                ]
            },
        ),
        (
            "Picture and video",
            {
                "fields": [
                    "hero_image",
                    "hero_preview",
                    "hero_alt",
                    "video_url",
                    "video_captions",
                    "video_transcript",
                    "video_file",
                    "video_file_size",
                ]
            },
        ),
        ("Publishing", {"fields": ["status", "publish_at"]}),
        (
            "Medical review",
            {
                "fields": [
                    "reviewer_name",
                    "reviewer_credentials",
                    "last_reviewed",
                    "next_review_due",
                ]
            },
        ),
        ("Comments", {"fields": ["comments_mode", "comments_close_after_days"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description="State and publishing checks")
    def state(self, obj: Article) -> str:
        if not obj.pk:
            return "New article: a draft until it is scheduled or published."
        where = (
            "Public now" if obj.is_public else "Not visible to readers"
        ) + f" ({publishing.describe_state(obj)})."
        problems = checks.publishing_problems(obj)
        if not problems:
            return format_html("{} <p>The publishing checks pass.</p>", where)
        items = format_html_join(
            "",
            '<li class="state-{}">{}</li>',
            ((p.level, p.message) for p in problems),
        )
        return format_html("{}<ul>{}</ul>", where, items)

    @admin.display(description="Public now", boolean=True)
    def is_live(self, obj: Article) -> bool:
        return obj.is_public

    @admin.display(description="Hero")
    def hero_tag(self, obj: Article) -> str:
        return thumbnail(obj.hero_image)

    @admin.display(description="Current picture")
    def hero_preview(self, obj: Article) -> str:
        return thumbnail(obj.hero_image, obj.hero_alt)

    def view_on_site(self, obj: Article) -> str:
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("routines:article-preview", kwargs={"pk": obj.pk})

    def save_model(self, request: HttpRequest, obj: Article, form, change) -> None:
        super().save_model(request, obj, form, change)
        if {"status", "publish_at"} & set(form.changed_data):
            request.publishing_note = publishing.describe_state(obj)

    def log_change(self, request: HttpRequest, obj: Article, message):
        """Name a change of state in the revision's comment: "Scheduled for ..."."""
        entry = super().log_change(request, obj, message)
        if reversion.is_active() and (note := getattr(request, "publishing_note", "")):
            reversion.set_comment(f"{note}. {entry.get_change_message()}")
        return entry

    def save_related(self, request: HttpRequest, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        for note in getattr(form, "publishing_notes", []):
            self.message_user(request, note, level=messages.WARNING)

    @admin.action(description="Publish selected articles now", permissions=["change"])
    def publish_now(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        refused: dict[Article, list[str]] = {}
        warned: dict[Article, list[str]] = {}

        def check(article: Article) -> list[str]:
            problems = checks.publishing_problems(article)
            if errors := [p.message for p in problems if p.is_error]:
                refused[article] = errors
            elif warnings := [p.message for p in problems if not p.is_error]:
                warned[article] = warnings
            return errors

        count = publishing.publish(queryset, check=check, user=request.user)
        self.message_user(
            request, f"Published {count} article(s).", level=messages.SUCCESS
        )
        for article, errors in refused.items():
            self.message_user(
                request,
                f"“{article}” was not published: {' '.join(errors)}",
                level=messages.ERROR,
            )
        for article, warnings in warned.items():
            self.message_user(
                request,
                f"“{article}” was published with a warning: {' '.join(warnings)}",
                level=messages.WARNING,
            )

    @admin.action(
        description="Unpublish selected articles (back to draft)",
        permissions=["change"],
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        count = publishing.unpublish(queryset, user=request.user)
        self.message_user(
            request, f"Unpublished {count} article(s).", level=messages.SUCCESS
        )


class PreviewLinkForm(forms.ModelForm):
    days = forms.IntegerField(
        min_value=1,
        max_value=90,
        initial=settings.PREVIEW_LINK_DAYS,
        help_text="How many days the link works.",
    )

    class Meta:
        model = PreviewLink
        fields = ["article", "note"]

    def clean_article(self) -> Article:
        article = self.cleaned_data["article"]
        if article.is_public:
            raise ValidationError(
                "This article is already public: send its address instead."
            )
        return article


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Editors make, list and revoke preview links; links are never edited."""

    form = PreviewLinkForm
    list_display = ["article", "note", "created_by", "expires_at", "state"]
    list_select_related = ["article", "created_by"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["article__title", "note"]
    autocomplete_fields = ["article"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj=None) -> list[str]:
        if obj is None:
            return ["article", "note", "days"]
        return ["article", "note", "address", "created_by", "expires_at", "state"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        if obj is None:
            return []
        return self.get_fields(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # The change page only shows the link; "view" is enough to open it.
        return False

    @admin.display(description="Preview address")
    def address(self, obj: PreviewLink) -> str:
        url = settings.SITE_URL.rstrip("/") + obj.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description="State")
    def state(self, obj: PreviewLink) -> str:
        if obj.revoked_at:
            return "Revoked"
        return "Expired" if obj.expires_at <= timezone.now() else "Active"

    def save_model(self, request: HttpRequest, obj: PreviewLink, form, change) -> None:
        obj.created_by = request.user
        obj.expires_at = previews.expiry(days=form.cleaned_data["days"])
        super().save_model(request, obj, form, change)

    def response_add(self, request: HttpRequest, obj: PreviewLink, post_url=None):
        self.message_user(
            request,
            f"Preview link made; it works until {obj.expires_at:%Y-%m-%d %H:%M}: "
            f"{settings.SITE_URL.rstrip('/')}{obj.get_absolute_url()}",
            level=messages.SUCCESS,
        )
        return super().response_add(request, obj, post_url)

    @admin.action(description="Revoke selected preview links", permissions=["add"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[PreviewLink]) -> None:
        count = previews.revoke(queryset)
        self.message_user(
            request, f"Revoked {count} preview link(s).", level=messages.SUCCESS
        )
