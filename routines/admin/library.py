"""Editors' admin for the library: topics, points, routines with their steps,
handouts."""

from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html_join
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff

from ..models import (
    Handout,
    Point,
    Routine,
    RoutineStep,
    Side,
    Topic,
)
from ..templating import duration
from ..text import human_size
from .common import PICTURE_OVERRIDES, articles_state, thumbnail

# Steps whose place changes are first moved out of the way so that swapping two
# places never trips the unique (routine, order) constraint half-way.
ORDER_SHIFT = 10000


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
