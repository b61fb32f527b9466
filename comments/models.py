"""Reader comments under articles, and the record of every moderation action.

Nothing here ever holds personal data as typed: the name and body are stored
only after ``comments.redaction`` has replaced what it found, the e-mail address
only as a keyed hash, and the client's IP address not at all.
"""

import datetime
import functools
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse

from routines.models import Article, Point

from .redaction.public import canonical as canonical_number


class Status(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    SPAM = "spam", "Spam"
    REMOVED = "removed", "Removed"


class Reason(models.TextChoices):
    PREMODERATION = "premoderation", "Pre-moderation is on"
    LINKS = "links", "Too many links"
    WORDS = "words", "Word on the moderation list"
    PERSONAL_DATA = "personal_data", "Personal data found"
    FIRST_COMMENT = "first_comment", "First comment from this person"
    REPORTED = "reported", "Reported by readers"


class ThreadComment(NamedTuple):
    """What the page shows of a comment (nothing else is read); a tuple, as
    cheap to build as the row it comes from."""

    pk: int
    parent_id: int | None
    author_name: str
    body: str
    created_at: datetime.datetime
    user_is_staff: bool | None

    @property
    def is_staff_comment(self) -> bool:
        return bool(self.user_is_staff)


class CommentQuerySet(models.QuerySet):
    def visible(self) -> "CommentQuerySet":
        """What readers see: approved comments."""
        return self.filter(status=Status.APPROVED)

    def waiting(self) -> "CommentQuerySet":
        return self.filter(status=Status.PENDING)

    def thread_for(self, article: Article) -> list["ThreadComment"]:
        """The whole visible thread of an article in one query, oldest first.

        Plain rows rather than model instances: a page may show hundreds. The
        SQL comes from the queryset below, compiled once per database; building
        it and converting each row's date through the ORM cost more than the
        query itself (0.65 ms of the article page's 9 with 233 comments).
        """
        sql, template, article_index = _thread_sql(self.db)
        params = list(template)
        params[article_index] = article.pk
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [
            ThreadComment(
                pk,
                parent_id,
                author_name,
                body,
                # SQLite gives the stored UTC time without its zone.
                created_at
                if created_at.tzinfo
                else created_at.replace(tzinfo=datetime.UTC),
                is_staff,
            )
            for pk, parent_id, author_name, body, created_at, is_staff in rows
        ]


_ARTICLE_MARK = -7_310_945  # an id no article has, to find its place in the params


@functools.cache
def _thread_sql(alias: str) -> tuple[str, tuple, int]:
    rows = (
        Comment.objects.using(alias)
        .visible()
        .filter(article_id=_ARTICLE_MARK)
        .order_by("created_at", "pk")
        .values_list(
            "pk", "parent_id", "author_name", "body", "created_at", "user__is_staff"
        )
    )
    sql, params = rows.query.sql_with_params()
    return sql, tuple(params), params.index(_ARTICLE_MARK)


class Comment(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    author_name = models.CharField("name", max_length=80)
    # A keyed hash of the e-mail address, to recognise a returning commenter;
    # the address itself is never stored or shown.
    email_hash = models.CharField(max_length=64, blank=True, editable=False)
    body = models.TextField()
    # Hash of the normalised redacted body, to refuse the same comment twice.
    fingerprint = models.CharField(max_length=64, editable=False, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        help_text="Set when a member of staff posts from the article page.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    hold_reasons = models.CharField(
        max_length=120,
        blank=True,
        help_text="Why the comment was held, comma-separated reason codes.",
    )
    personal_data_kinds = models.CharField(
        "personal data removed",
        max_length=200,
        blank=True,
        help_text="The kinds of personal data removed before storing.",
    )
    # The comment's id in WordPress, when import_wxr brought it in.
    wordpress_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True, depth=0)
                | Q(parent__isnull=False, depth__gte=1),
                name="comment_depth_matches_parent",
            ),
            models.UniqueConstraint(
                fields=["article", "wordpress_id"],
                condition=Q(wordpress_id__isnull=False),
                name="comment_unique_wordpress_id_per_article",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author_name} on {self.article}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_staff_comment(self) -> bool:
        return self.user_id is not None and self.user.is_staff

    @property
    def reasons(self) -> list[str]:
        return [r for r in self.hold_reasons.split(",") if r]

    def get_reasons_display(self) -> str:
        labels = dict(Reason.choices)
        return ", ".join(labels.get(r, r) for r in self.reasons)


class ModerationAction(models.Model):
    class Action(models.TextChoices):
        APPROVE = "approve", "Approved"
        SPAM = "spam", "Marked as spam"
        REMOVE = "remove", "Removed"
        RESTORE = "restore", "Restored"
        HOLD = "hold", "Held automatically"
        CLOSE = "close", "Closed comments"
        REOPEN = "reopen", "Reopened comments"
        AUTO = "auto", "Set comments to close automatically"
        REDACT = "redact", "Personal data removed again"
        KEEP = "keep", "Kept after reports"

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="moderation_actions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        who = self.moderator or "system"
        return (
            f"{self.get_action_display()} by {who} at {self.created_at:%Y-%m-%d %H:%M}"
        )


class ArticleDiscussion(Article):
    """The comment settings of an article, for moderators (not its content)."""

    class Meta:
        proxy = True
        verbose_name = "article discussion"
        verbose_name_plural = "article discussions"


class PublicNumberQuerySet(models.QuerySet):
    def canonical(self) -> frozenset[str]:
        """The list as the redactor compares it (digits, no country code)."""
        return frozenset(self.values_list("digits", flat=True))


class PublicNumber(models.Model):
    """A public telephone number that comments may keep (policy v2).

    Editors maintain the list; it is seeded with the VA's national lines. A
    number on it survives in any format a reader types it; toll-free numbers
    are always kept (see docs/redaction.md).
    """

    name = models.CharField(
        max_length=120, help_text="Who answers, e.g. “Veterans Crisis Line”."
    )
    number = models.CharField(
        max_length=40,
        help_text="As it is published, e.g. 1-800-698-2411 or 988.",
    )
    digits = models.CharField(max_length=15, unique=True, editable=False)
    source = models.URLField(
        blank=True, help_text="Where the number is published, for the next editor."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicNumberQuerySet.as_manager()

    class Meta:
        ordering = ["name", "digits"]
        constraints = [
            models.CheckConstraint(
                condition=Q(digits__regex=r"^[0-9]{3,15}$"),
                name="public_number_has_3_to_15_digits",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.number}"

    def save(self, *args, **kwargs) -> None:
        self.digits = canonical_number(self.number)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("admin:comments_publicnumber_change", args=[self.pk])

    def clean(self) -> None:
        digits = canonical_number(self.number)
        if not 3 <= len(digits) <= 15:
            raise ValidationError({"number": "A telephone number has 3 to 15 digits."})
        clash = PublicNumber.objects.filter(digits=digits).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"number": "This number is on the list already."})


class ReportReason(models.TextChoices):
    PERSONAL = "personal", "It shows personal information"
    SPAM = "spam", "Spam or advertising"
    ABUSE = "abuse", "Abusive or hateful"
    OFF_TOPIC = "off_topic", "Off-topic"
    OTHER = "other", "Something else"


class ReportQuerySet(models.QuerySet):
    def open(self) -> "ReportQuerySet":
        """Reports no moderator has decided on yet."""
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    """A reader's report of a comment. Who reported is never kept: only a keyed
    hash of the client, so one client reports a comment once."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=10, choices=ReportReason.choices)
    reporter_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter_hash"], name="one_report_per_reader"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} (comment {self.comment_id})"

    def get_absolute_url(self) -> str:
        return reverse("admin:comments_comment_change", args=[self.comment_id])


class FeedbackReason(models.TextChoices):
    UNCLEAR = "unclear", "Hard to understand"
    MISSING = "missing", "Missing what I was looking for"
    DID_NOT_WORK = "no_help", "The advice did not help me"
    OTHER = "other", "Something else"


class PageFeedback(models.Model):
    """ "Was this page helpful?" on an article or a point page. The free text is
    redacted before it is stored and only editors read it."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback",
    )
    point = models.ForeignKey(
        Point, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    helpful = models.BooleanField()
    reason = models.CharField(max_length=10, choices=FeedbackReason.choices, blank=True)
    text = models.CharField(max_length=600, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "page feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(article__isnull=False, point__isnull=True)
                | Q(article__isnull=True, point__isnull=False),
                name="feedback_is_about_one_page",
            ),
        ]

    def __str__(self) -> str:
        return f"{'Yes' if self.helpful else 'No'} on {self.page}"

    def get_absolute_url(self) -> str:
        return self.page.get_absolute_url()

    @property
    def page(self) -> Article | Point:
        return self.article if self.article_id else self.point


class ArticleFeedback(Article):
    """Readers' answers to "Was this page helpful?", per article, for editors."""

    class Meta:
        proxy = True
        verbose_name = "article feedback"
        verbose_name_plural = "article feedback"


class PointFeedback(Point):
    """Readers' answers to "Was this page helpful?", per point, for editors."""

    class Meta:
        proxy = True
        verbose_name = "point feedback"
        verbose_name_plural = "point feedback"


class ReplySubscription(models.Model):
    """ "E-mail me when someone replies": the only place an address is kept.

    Never shown in the admin or on a page; deleted on unsubscribe, and by
    ``sweep_reply_subscriptions`` once the discussion has been closed for
    ``COMMENTS_REPLY_KEEP_DAYS`` (or an unconfirmed request has expired).
    """

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="subscription"
    )
    email = models.EmailField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Reply notifications for comment {self.comment_id}"

    def get_absolute_url(self) -> str:
        return self.comment.get_absolute_url()
