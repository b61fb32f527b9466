"""The moderators' queue, the record of their actions, and closing comments."""

from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import truncatechars
from django.utils.html import format_html

from acupressure_site.shared import pagecache
from routines.models import Article

from . import moderation
from .feedback import with_counts
from .models import (
    ArticleDiscussion,
    ArticleFeedback,
    Comment,
    ModerationAction,
    PageFeedback,
    PointFeedback,
    PublicNumber,
    Reason,
    Report,
    ReportReason,
)


class ReadOnlyInline(admin.TabularInline):
    """A record to read beside the object, never to edit."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record to look at: nobody adds, changes or deletes it here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReportedFilter(admin.SimpleListFilter):
    title = "reported"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("open", "Open reports"), ("any", "Ever reported")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(open_reports__gt=0)
        if self.value() == "any":
            # A subquery: a join would multiply the report counts.
            return queryset.filter(
                Exists(Report.objects.filter(comment=OuterRef("pk")))
            )
        return queryset


class ReportInline(ReadOnlyInline):
    """The reasons readers gave; who reported is never stored, so never shown."""

    model = Report
    fields = ["created_at", "reason", "resolved_at"]
    readonly_fields = fields


class ReasonFilter(admin.SimpleListFilter):
    title = "reason held"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return Reason.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(hold_reasons__contains=self.value())
        return queryset


class ModerationActionInline(ReadOnlyInline):
    model = ModerationAction
    fk_name = "comment"
    fields = ["created_at", "action", "moderator", "from_status", "to_status", "note"]
    readonly_fields = fields


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt",
        "author_name",
        "article",
        "status",
        "reasons_display",
        "reports_display",
        "personal_data_kinds",
        "created_at",
        "staff_badge",
    ]
    list_filter = [
        "status",
        ReportedFilter,
        ReasonFilter,
        ("article", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    list_select_related = ["article", "user"]
    search_fields = ["body", "author_name", "article__title"]
    date_hierarchy = "created_at"
    actions = ["approve", "keep", "mark_spam", "remove", "restore"]
    readonly_fields = [
        "article",
        "parent",
        "depth",
        "author_name",
        "body",
        "user",
        "status",
        "hold_reasons",
        "personal_data_kinds",
        "created_at",
        "updated_at",
        "view_link",
    ]
    fields = readonly_fields
    inlines = [ReportInline, ModerationActionInline]
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        open_reports = Q(reports__resolved_at__isnull=True, reports__isnull=False)
        counts = {
            f"reports_{value}": Count(
                "reports", filter=open_reports & Q(reports__reason=value)
            )
            for value in ReportReason.values
        }
        return (
            super()
            .get_queryset(request)
            .annotate(open_reports=Count("reports", filter=open_reports), **counts)
        )

    @admin.display(description="Open reports", ordering="open_reports")
    def reports_display(self, obj: Comment) -> str:
        if not obj.open_reports:
            return "—"
        labels = dict(ReportReason.choices)
        reasons = ", ".join(
            f"{labels[value]}: {getattr(obj, f'reports_{value}')}"
            for value in ReportReason.values
            if getattr(obj, f"reports_{value}")
        )
        return f"{obj.open_reports} ({reasons})"

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Comments come from readers (and staff replying on the article page).
        return False

    @admin.display(description="Comment")
    def excerpt(self, obj: Comment) -> str:
        return truncatechars(obj.body, 80)

    @admin.display(description="Reason held")
    def reasons_display(self, obj: Comment) -> str:
        return obj.get_reasons_display() or "—"

    @admin.display(description="Staff", boolean=True)
    def staff_badge(self, obj: Comment) -> bool:
        return obj.user_id is not None

    @admin.display(description="On the site")
    def view_link(self, obj: Comment) -> str:
        if obj.status != "approved" or not obj.article.is_public:
            return "Not visible to readers"
        return format_html(
            '<a href="{}">View on the article page</a>', obj.get_absolute_url()
        )

    def _run(self, request, queryset, function, done: str) -> None:
        # Without the list's report counts: PostgreSQL locks no grouped rows.
        plain = Comment.objects.filter(pk__in=queryset.values("pk"))
        count = function(plain, moderator=request.user)
        self.message_user(request, f"{done} {count} comment(s).", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset: QuerySet[Comment]) -> None:
        self._run(request, queryset, moderation.approve, "Approved")

    @admin.action(
        description="Keep selected comments (dismiss their reports)",
        permissions=["change"],
    )
    def keep(self, request, queryset: QuerySet[Comment]) -> None:
        self._run(request, queryset, moderation.keep, "Kept")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset: QuerySet[Comment]) -> None:
        self._run(request, queryset, moderation.mark_spam, "Marked as spam")

    @admin.action(description="Remove selected comments", permissions=["change"])
    def remove(self, request, queryset: QuerySet[Comment]) -> None:
        self._run(request, queryset, moderation.remove, "Removed")

    @admin.action(description="Restore selected comments", permissions=["change"])
    def restore(self, request, queryset: QuerySet[Comment]) -> None:
        self._run(request, queryset, moderation.restore, "Restored")


@admin.register(ModerationAction)
class ModerationActionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "moderator", "article", "comment_link"]
    list_filter = ["action", ("moderator", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["moderator", "article", "comment"]
    search_fields = ["article__title", "note", "moderator__username"]
    date_hierarchy = "created_at"

    @admin.display(description="Comment")
    def comment_link(self, obj: ModerationAction) -> str:
        return f"#{obj.comment_id}" if obj.comment_id else "—"


@admin.register(ArticleDiscussion)
class ArticleDiscussionAdmin(admin.ModelAdmin):
    """Moderators open and close comments here without touching the content."""

    list_display = [
        "title",
        "comments_mode",
        "comments_close_after_days",
        "open_now",
        "approved_count",
        "waiting_count",
    ]
    list_filter = ["comments_mode"]
    search_fields = ["title"]
    fields = ["title", "comments_mode", "comments_close_after_days", "closes"]
    readonly_fields = ["title", "closes"]
    actions = ["close_comments", "reopen_comments", "auto_close_comments"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                approved=Count("comments", filter=Q(comments__status="approved")),
                waiting=Count("comments", filter=Q(comments__status="pending")),
            )
        )

    @admin.display(description="Open now", boolean=True)
    def open_now(self, obj: Article) -> bool:
        return moderation.comments_open(obj, moderation.Policy.from_settings())

    @admin.display(description="Closes automatically on")
    def closes(self, obj: Article) -> str:
        when = moderation.closes_at(obj, moderation.Policy.from_settings())
        return f"{when:%B %-d, %Y}" if when else "—"

    @admin.display(description="Approved", ordering="approved")
    def approved_count(self, obj) -> int:
        return obj.approved

    @admin.display(description="Waiting", ordering="waiting")
    def waiting_count(self, obj) -> int:
        return obj.waiting

    def save_model(self, request, obj, form, change) -> None:
        # Only the comment settings are written (never the article's content);
        # a mode change goes through moderation so it is recorded like the actions.
        article = Article.objects.filter(pk=obj.pk)
        article.update(comments_close_after_days=obj.comments_close_after_days)
        pagecache.bump()
        if "comments_mode" in form.changed_data:
            moderation.set_comments_mode(
                article, obj.comments_mode, moderator=request.user
            )

    def _set(self, request, queryset, mode: str, done: str) -> None:
        count = moderation.set_comments_mode(
            Article.objects.filter(pk__in=queryset.values("pk")),
            mode,
            moderator=request.user,
        )
        self.message_user(request, f"{done} {count} article(s).", messages.SUCCESS)

    @admin.action(description="Close comments", permissions=["change"])
    def close_comments(self, request, queryset) -> None:
        self._set(request, queryset, Article.Comments.CLOSED, "Closed comments on")

    @admin.action(description="Reopen comments", permissions=["change"])
    def reopen_comments(self, request, queryset) -> None:
        self._set(request, queryset, Article.Comments.OPEN, "Reopened comments on")

    @admin.action(
        description="Close comments automatically after N days", permissions=["change"]
    )
    def auto_close_comments(self, request, queryset) -> None:
        self._set(request, queryset, Article.Comments.AUTO, "Set automatic closing on")


@admin.register(PublicNumber)
class PublicNumberAdmin(admin.ModelAdmin):
    """The public numbers that comments keep (policy v2); Editors keep the list.

    A number added here survives in new comments in any format a reader types
    it; comments stored earlier had it removed before they were saved.
    """

    list_display = ["name", "number", "digits", "updated_at"]
    search_fields = ["name", "number", "digits"]
    readonly_fields = ["digits", "updated_at"]
    fields = ["name", "number", "digits", "source", "updated_at"]


class FeedbackInline(ReadOnlyInline):
    """What readers answered (the text was redacted before it was stored)."""

    model = PageFeedback
    fields = ["created_at", "helpful", "reason", "text"]
    readonly_fields = fields
    ordering = ["-created_at"]


class FeedbackAdmin(ReadOnlyAdmin):
    """Counts and the share of "No" per page, sortable; the reasons inside."""

    list_display = ["__str__", "yes_count", "no_count", "no_share", "total_count"]
    inlines = [FeedbackInline]
    actions = None

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Most answered first; every column sorts.
        return with_counts(super().get_queryset(request)).order_by(
            "-feedback_total", "pk"
        )

    def get_fields(self, request, obj=None) -> list[str]:
        return ["yes_count", "no_count", "no_share"]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return ["yes_count", "no_count", "no_share"]

    @admin.display(description="Yes", ordering="feedback_yes")
    def yes_count(self, obj) -> int:
        return obj.feedback_yes

    @admin.display(description="No", ordering="feedback_no")
    def no_count(self, obj) -> int:
        return obj.feedback_no

    @admin.display(description="Answers", ordering="feedback_total")
    def total_count(self, obj) -> int:
        return obj.feedback_total

    @admin.display(description="Share of No", ordering="feedback_no_share")
    def no_share(self, obj) -> str:
        share = obj.feedback_no_share
        return "—" if share is None else f"{share:.0%}"


@admin.register(ArticleFeedback)
class ArticleFeedbackAdmin(FeedbackAdmin):
    search_fields = ["title"]


@admin.register(PointFeedback)
class PointFeedbackAdmin(FeedbackAdmin):
    search_fields = ["code", "pinyin_name", "english_name"]
