"""Editors' admin for topics, points, routines, articles and handouts."""

import copy

import reversion
from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, QuerySet
from django.forms.models import construct_instance
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff

from . import checks, previews, publishing, review
from .models import (
    Article,
    Handout,
    Point,
    PreviewLink,
    Routine,
    RoutineStep,
    Side,
    Topic,
)
from .templating import duration
from .text import human_size
from .validators import validate_picture

# Steps whose place changes are first moved out of the way so that swapping two
# places never trips the unique (routine, order) constraint half-way.
ORDER_SHIFT = 10000


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


@admin.register(Topic)
class TopicAdmin(CompareVersionAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Point)
class PointAdmin(CompareVersionAdmin):
    formfield_overrides = PICTURE_OVERRIDES
    list_display = ["code", "pinyin_name", "english_name", "body_region", "picture_tag"]
    list_display_links = ["code", "pinyin_name"]
    list_filter = ["body_region"]
    search_fields = ["code", "pinyin_name", "english_name"]
    prepopulated_fields = {"slug": ["code"]}
    readonly_fields = ["used_in", "picture_preview"]
    fieldsets = [
        ("State", {"fields": ["used_in"], "classes": ["article-state"]}),
        (None, {"fields": ["code", "slug", "pinyin_name", "english_name"]}),
        ("Where and how", {"fields": ["body_region", "location", "technique"]}),
        ("Safety", {"fields": ["cautions"]}),
        (
            "Picture",
            {
                "fields": [
                    "picture",
                    "picture_preview",
                    "picture_alt",
                    "picture_credit",
                ]
            },
        ),
    ]

    @admin.display(description="Used in")
    def used_in(self, obj: Point) -> str:
        if not obj.pk:
            return "—"
        routines = Routine.objects.filter(steps__point=obj).distinct()
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:routines_routine_change", args=[r.pk]), r.title)
                    for r in routines
                ),
            )
            or "No routine uses this point yet."
        )

    @admin.display(description="Picture")
    def picture_tag(self, obj: Point) -> str:
        return thumbnail(obj.picture)

    @admin.display(description="Current picture")
    def picture_preview(self, obj: Point) -> str:
        return thumbnail(obj.picture, obj.picture_alt)


class RoutineStepForm(forms.ModelForm):
    class Meta:
        model = RoutineStep
        fields = ["order", "point", "side", "duration_seconds", "instruction"]

    def validate_constraints(self) -> None:
        """Leave the place check to the formset, which sees every step at once.

        Checked row by row against the database, swapping two steps' places would
        always look like a clash; the formset still refuses two steps given the
        same place, and save_formset moves rows out of the way before saving.
        """
        try:
            self.instance.validate_constraints(
                exclude=self._get_validation_exclusions()
            )
        except ValidationError as error:
            kept = {
                field: [e for e in errors if e.code != "step_place_taken"]
                for field, errors in error.update_error_dict({}).items()
            }
            if kept := {field: errors for field, errors in kept.items() if errors}:
                self._update_errors(ValidationError(kept))


def steps_text(version: Version) -> str:
    """A routine revision's steps in order: "2. BL 40, both sides, 60 s: ..."."""
    rows = [
        v.field_dict
        for v in version.revision.version_set.get_for_model(RoutineStep)
        if str(v.field_dict.get("routine_id")) == str(version.object_id)
    ]
    points = Point.objects.in_bulk({row["point_id"] for row in rows})
    sides = dict(Side.choices)
    lines = []
    for row in sorted(rows, key=lambda row: row["order"]):
        point = points.get(row["point_id"])
        line = (
            f"{row['order']}. {point.code if point else '(deleted point)'}, "
            f"{sides.get(row['side'], row['side']).lower()}, "
            f"{row['duration_seconds']} s"
        )
        if row["instruction"]:
            line += f": {row['instruction']}"
        lines.append(line)
    return "\n".join(lines)


class RoutineStepInline(SortableInlineAdminMixin, admin.TabularInline):
    model = RoutineStep
    form = RoutineStepForm
    extra = 1
    min_num = 1
    autocomplete_fields = ["point"]
    fields = ["order", "point", "side", "duration_seconds", "instruction"]


@admin.register(Routine)
class RoutineAdmin(SortableAdminBase, CompareVersionAdmin):
    list_display = ["title", "condition", "step_count", "total_time"]
    search_fields = ["title", "condition", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["handouts"]
    inlines = [RoutineStepInline]
    readonly_fields = ["featured_in", "total_time"]
    fieldsets = [
        ("State", {"fields": ["featured_in"], "classes": ["article-state"]}),
        (None, {"fields": ["title", "slug", "summary", "condition", "total_time"]}),
        (
            "Instructor",
            {
                "fields": [
                    "instructor_name",
                    "instructor_credentials",
                    "instructor_affiliation",
                ]
            },
        ),
        ("Handouts", {"fields": ["handouts"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Routine]:
        return super().get_queryset(request).prefetch_related("steps")

    @admin.display(description="Featured in")
    def featured_in(self, obj: Routine) -> str:
        return articles_state(obj.articles.all() if obj.pk else [])

    @admin.display(description="Steps")
    def step_count(self, obj: Routine) -> int:
        return len(obj.steps.all())

    @admin.display(description="Total time")
    def total_time(self, obj: Routine) -> str:
        return duration(obj.total_seconds) if obj.pk else "—"

    def compare_steps(self, obj_compare) -> str:
        """The steps of two revisions as text, one line a step, diffed."""
        return html_diff(
            steps_text(obj_compare.compare_obj1.version_record),
            steps_text(obj_compare.compare_obj2.version_record),
        )

    def _reversion_revisionform_view(
        self, request, version, template_name, extra_context=None
    ):
        """Restore a routine's steps into places moved out of the way first.

        A revision brings back every step's old place; without the shift, a step
        restored to place 1 while another still holds it breaks the unique
        (routine, order) constraint. Only a saved restore keeps the shift: a
        look at an old revision (GET) or a refused form is rolled back whole.
        """
        with transaction.atomic(using=version.db):
            RoutineStep.objects.filter(routine_id=version.object_id).update(
                order=F("order") + ORDER_SHIFT
            )
            response = super()._reversion_revisionform_view(
                request, version, template_name, extra_context
            )
            if not (request.method == "POST" and response.status_code == 302):
                transaction.set_rollback(True, using=version.db)
        return response

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not RoutineStep:
            return super().save_formset(request, form, formset, change)
        with transaction.atomic():
            deleted = [f.instance.pk for f in formset.deleted_forms if f.instance.pk]
            RoutineStep.objects.filter(pk__in=deleted).delete()
            moved = [
                f.instance.pk
                for f in formset.initial_forms
                if f.instance.pk
                and f not in formset.deleted_forms
                and "order" in f.changed_data
            ]
            RoutineStep.objects.filter(pk__in=moved).update(
                order=F("order") + ORDER_SHIFT
            )
            formset.save()


@admin.register(Handout)
class HandoutAdmin(CompareVersionAdmin):
    list_display = [
        "title",
        "language",
        "page_count",
        "size",
        "section_508_conformant",
        "section_508_checked_on",
    ]
    list_filter = ["language", "section_508_conformant"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["page_count", "size", "label"]
    fields = [
        "title",
        "slug",
        "file",
        "label",
        "description",
        "language",
        "section_508_conformant",
        "section_508_checked_on",
    ]

    @admin.display(description="Size")
    def size(self, obj: Handout) -> str:
        return human_size(obj.file_size) if obj.pk else "—"

    @admin.display(description="Link label")
    def label(self, obj: Handout) -> str:
        return obj.label if obj.pk else "Read from the file when it is saved."

    def view_on_site(self, obj: Handout) -> str:
        return obj.get_absolute_url()


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
