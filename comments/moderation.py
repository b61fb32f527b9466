"""Comment rules: who may post, what gets held, and every change of state.

The view that takes a reader's comment and the moderators' admin actions both
call these functions, so a rule holds wherever a comment comes from. Personal
data is redacted here, before anything is stored, logged or e-mailed.
"""

import datetime
import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from acupressure_site.shared import pagecache
from acupressure_site.shared.clients import keyed_digest
from routines.models import Article

from . import tasks
from .models import Comment, ModerationAction, PublicNumber, Reason, Report, Status
from .redaction import redact

logger = logging.getLogger(__name__)

LINK = re.compile(r"https?://(?:www\.)?|\bwww\.", re.IGNORECASE)
SPACES = re.compile(r"\s+")
CLOSED = "Comments are closed. Your comment was not posted."


@dataclass(frozen=True)
class Policy:
    """The site's comment settings, read once per request from Django settings."""

    max_length: int = 3000
    max_depth: int = 1
    premoderation: bool = False
    personal_data: str = "redact"  # or "hold"
    max_links: int = 2
    moderation_words: tuple[str, ...] = ()
    hold_first_comment: bool = False
    close_after_days: int = 30
    duplicate_window: datetime.timedelta = datetime.timedelta(hours=1)
    moderator_emails: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_settings(cls) -> "Policy":
        return cls(
            max_length=settings.COMMENTS_MAX_LENGTH,
            max_depth=settings.COMMENTS_MAX_DEPTH,
            premoderation=settings.COMMENTS_PREMODERATION,
            personal_data=settings.COMMENTS_PERSONAL_DATA_POLICY,
            max_links=settings.COMMENTS_MAX_LINKS,
            moderation_words=tuple(settings.COMMENTS_MODERATION_WORDS),
            hold_first_comment=settings.COMMENTS_HOLD_FIRST_COMMENT,
            close_after_days=settings.COMMENTS_CLOSE_AFTER_DAYS,
            duplicate_window=datetime.timedelta(
                minutes=settings.COMMENTS_DUPLICATE_WINDOW_MINUTES
            ),
            moderator_emails=tuple(settings.COMMENTS_MODERATOR_EMAILS),
        )


class CommentRefused(Exception):
    """A post that cannot be accepted; ``message`` is shown to the reader."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Submitted:
    comment: Comment
    removed_kinds: tuple[str, ...]

    @property
    def is_visible(self) -> bool:
        return self.comment.status == Status.APPROVED


# Closing -------------------------------------------------------------------


def closes_at(article: Article, policy: Policy) -> datetime.datetime | None:
    """When an article's comments close by themselves, if they do."""
    if article.comments_mode != Article.Comments.AUTO or article.publish_at is None:
        return None
    days = article.comments_close_after_days
    days = policy.close_after_days if days is None else days
    return article.publish_at + datetime.timedelta(days=days)


def comments_open(
    article: Article, policy: Policy, *, now: datetime.datetime | None = None
) -> bool:
    if article.comments_mode == Article.Comments.CLOSED:
        return False
    if article.comments_mode == Article.Comments.OPEN:
        return True
    deadline = closes_at(article, policy)
    return deadline is None or (now or timezone.now()) < deadline


@transaction.atomic
def set_comments_mode(articles: QuerySet[Article], mode: str, *, moderator=None) -> int:
    """Close, reopen or set auto-closing for articles, recording each change."""
    action = {
        Article.Comments.CLOSED: ModerationAction.Action.CLOSE,
        Article.Comments.OPEN: ModerationAction.Action.REOPEN,
        Article.Comments.AUTO: ModerationAction.Action.AUTO,
    }[mode]
    changed = 0
    for article in articles.select_related(None).select_for_update():
        if article.comments_mode == mode:
            continue
        ModerationAction.objects.create(
            article=article,
            moderator=moderator,
            action=action,
            from_status=article.comments_mode,
            to_status=mode,
        )
        changed += Article.objects.filter(pk=article.pk).update(
            comments_mode=mode, updated_at=timezone.now()
        )
    if changed:
        pagecache.bump()
    return changed


# Posting -------------------------------------------------------------------


def hash_email(email: str) -> str:
    """A keyed hash that recognises a returning commenter without the address."""
    if not email.strip():
        return ""
    return keyed_digest(email.strip().casefold()).hex()


def fingerprint(body: str) -> str:
    normal = SPACES.sub(" ", body).strip().casefold()
    return hashlib.sha256(normal.encode()).hexdigest()


def hold_reasons(
    *,
    body: str,
    personal_data_found: bool,
    first_comment: bool,
    policy: Policy,
) -> list[str]:
    """Why a new comment should wait for a moderator (empty: it need not)."""
    reasons = []
    if policy.premoderation:
        reasons.append(Reason.PREMODERATION)
    if len(LINK.findall(body)) > policy.max_links:
        reasons.append(Reason.LINKS)
    lowered = body.casefold()
    if any(
        re.search(rf"\b{re.escape(word.casefold())}\b", lowered)
        for word in policy.moderation_words
    ):
        reasons.append(Reason.WORDS)
    if personal_data_found and policy.personal_data == "hold":
        reasons.append(Reason.PERSONAL_DATA)
    if first_comment and policy.hold_first_comment:
        reasons.append(Reason.FIRST_COMMENT)
    return [str(reason) for reason in reasons]


def reply_parent(parent: Comment | None, policy: Policy) -> Comment | None:
    """Replies nest up to ``max_depth``; deeper ones join the deepest allowed."""
    if parent is None:
        return None
    if policy.max_depth < 1:
        return None
    while parent.depth >= policy.max_depth:
        parent = parent.parent
    return parent


def submit(
    *,
    article: Article,
    name: str,
    body: str,
    email: str = "",
    parent: Comment | None = None,
    user=None,
    policy: Policy,
    now: datetime.datetime | None = None,
) -> Submitted:
    """Redact, check and store a new comment; raise CommentRefused if it can't be.

    The name and body are redacted first, so what is checked, stored, logged and
    e-mailed is only ever the redacted text.
    """
    now = now or timezone.now()
    if not comments_open(article, policy, now=now):
        raise CommentRefused("closed", CLOSED)
    if parent is not None and (
        parent.article_id != article.pk or parent.status != Status.APPROVED
    ):
        raise CommentRefused(
            "parent", "The comment you replied to is no longer available."
        )

    public = PublicNumber.objects.canonical()
    clean_name = redact(name.strip(), public_numbers=public)
    clean_body = redact(body.strip(), public_numbers=public)
    kinds = tuple(dict.fromkeys(clean_name.kinds + clean_body.kinds))
    body_print = fingerprint(clean_body.text)

    is_staff = bool(user is not None and user.is_staff)
    email_hash = hash_email(email)
    with transaction.atomic():
        # Posts to one article take turns from here to the commit, so two
        # identical posts sent at once (a double click) cannot both pass the
        # duplicate check. PostgreSQL needs the row lock; SQLite's IMMEDIATE
        # transactions already queue.
        Article.objects.select_for_update().filter(pk=article.pk).exists()
        duplicate = Comment.objects.filter(
            article=article,
            author_name=clean_name.text[:80] or "Anonymous",
            fingerprint=body_print,
            created_at__gte=now - policy.duplicate_window,
        ).exclude(status=Status.REMOVED)
        if duplicate.exists():
            raise CommentRefused(
                "duplicate",
                "You have already posted this comment. It was not posted again.",
            )
        first = not (
            email_hash
            and Comment.objects.filter(
                email_hash=email_hash, status=Status.APPROVED
            ).exists()
        )
        reasons = (
            []
            if is_staff
            else hold_reasons(
                body=clean_body.text,
                personal_data_found=bool(kinds),
                first_comment=first,
                policy=policy,
            )
        )
        parent = reply_parent(parent, policy)
        if parent is not None and parent.status != Status.APPROVED:
            raise CommentRefused(
                "parent", "The comment you replied to is no longer available."
            )
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            author_name=clean_name.text[:80] or "Anonymous",
            email_hash=email_hash,
            body=clean_body.text,
            fingerprint=body_print,
            user=user if is_staff else None,
            status=Status.PENDING if reasons else Status.APPROVED,
            hold_reasons=",".join(reasons),
            personal_data_kinds=",".join(kinds),
        )
        if reasons:
            ModerationAction.objects.create(
                comment=comment,
                article=article,
                action=ModerationAction.Action.HOLD,
                to_status=Status.PENDING,
                note=comment.get_reasons_display()[:200],
            )
            # The worker sends it; the task row commits with the comment.
            tasks.notify_moderators.enqueue(comment.pk)
        elif parent is not None:
            _notify_replied(comment)
    logger.info(
        "comment %s stored on article %s as %s (removed: %s)",
        comment.pk,
        article.pk,
        comment.status,
        ",".join(kinds) or "nothing",
    )
    return Submitted(comment=comment, removed_kinds=kinds)


def moderator_addresses(policy: Policy) -> list[str]:
    """Staff who can moderate comments, plus any addresses set in settings."""
    users = (
        get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    )
    users = users.filter(
        Q(is_superuser=True)
        | Q(user_permissions__codename="change_comment")
        | Q(groups__permissions__codename="change_comment")
    ).distinct()
    return sorted({*policy.moderator_emails, *(u.email for u in users)})


def send_moderator_mail(comment: Comment, policy: Policy) -> int:
    """E-mail moderators that a comment waits; only the redacted text goes out.

    Called by the task ``comments.tasks.notify_moderators``, never in a request.
    """
    recipients = moderator_addresses(policy)
    if not recipients:
        return 0
    queue = reverse("admin:comments_comment_changelist") + "?status__exact=pending"
    body = (
        f"A comment on “{comment.article.title}” is waiting for moderation.\n\n"
        f"Reason: {comment.get_reasons_display()}\n"
        f"Name: {comment.author_name}\n\n"
        f"{comment.body}\n\n"
        f"Moderation queue: {settings.SITE_URL}{queue}\n"
    )
    # Blind copies: moderators do not see each other's addresses.
    message = EmailMessage(
        subject=f"Comment waiting for moderation: {comment.article.title}"[:150],
        body=body,
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    )
    return message.send()


# Moderation actions --------------------------------------------------------

ACTION_TARGETS = {
    ModerationAction.Action.APPROVE: Status.APPROVED,
    ModerationAction.Action.SPAM: Status.SPAM,
    ModerationAction.Action.REMOVE: Status.REMOVED,
}


def _previous_status(comment: Comment) -> str:
    """The status a comment had before it was removed or marked as spam."""
    last = (
        comment.actions.filter(
            to_status__in=[Status.REMOVED, Status.SPAM],
            from_status__in=[Status.PENDING, Status.APPROVED],
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    # Never publish what no moderator approved: unknown history goes back to
    # the queue.
    return last.from_status if last else Status.PENDING


@transaction.atomic
def moderate(
    comments: Iterable[Comment] | QuerySet[Comment],
    action: str,
    *,
    moderator,
    note: str = "",
) -> int:
    """Approve, mark as spam, remove or restore comments; record each change."""
    if isinstance(comments, QuerySet):
        comments = comments.select_related(None).select_for_update()
    changed = 0
    for comment in comments:
        if action == ModerationAction.Action.RESTORE:
            if comment.status not in (Status.REMOVED, Status.SPAM):
                continue
            target = _previous_status(comment)
        else:
            target = ACTION_TARGETS[action]
        if comment.status == target:
            continue
        ModerationAction.objects.create(
            comment=comment,
            article_id=comment.article_id,
            moderator=moderator,
            action=action,
            from_status=comment.status,
            to_status=target,
            note=note[:200],
        )
        Comment.objects.filter(pk=comment.pk).update(
            status=target, updated_at=timezone.now()
        )
        if target == Status.APPROVED and comment.status == Status.PENDING:
            _notify_replied(comment)
        comment.status = target
        changed += 1
        if target in (Status.REMOVED, Status.SPAM):
            Report.objects.open().filter(comment=comment).update(
                resolved_at=timezone.now()
            )
    if changed:
        pagecache.bump()
    return changed


def _notify_replied(comment: Comment) -> None:
    """Once the transaction commits, tell the parent's subscriber (if any) that
    a reply is visible: the task worker sends it, with the reply's id only."""
    if comment.parent_id is None:
        return
    pk = comment.pk
    transaction.on_commit(lambda: tasks.notify_reply.enqueue(pk))


@transaction.atomic
def hold_reported(comment: Comment, *, open_reports: int) -> bool:
    """Hold a visible comment that readers reported until a moderator decides."""
    updated = Comment.objects.filter(pk=comment.pk, status=Status.APPROVED).update(
        status=Status.PENDING,
        hold_reasons=Reason.REPORTED,
        updated_at=timezone.now(),
    )
    if not updated:
        return False
    ModerationAction.objects.create(
        comment=comment,
        article_id=comment.article_id,
        action=ModerationAction.Action.HOLD,
        from_status=Status.APPROVED,
        to_status=Status.PENDING,
        note=f"Reported by {open_reports} readers",
    )
    comment.status = Status.PENDING
    pagecache.bump()
    return True


@transaction.atomic
def keep(comments: QuerySet[Comment], *, moderator) -> int:
    """Keep reported comments: visible again, their open reports closed; each
    decision is recorded, even for a comment that was never held."""
    kept = 0
    for comment in comments.select_related(None).select_for_update():
        reports = Report.objects.open().filter(comment=comment)
        count = reports.count()
        if not count and comment.status != Status.PENDING:
            continue
        if comment.status not in (Status.PENDING, Status.APPROVED):
            continue
        ModerationAction.objects.create(
            comment=comment,
            article_id=comment.article_id,
            moderator=moderator,
            action=ModerationAction.Action.KEEP,
            from_status=comment.status,
            to_status=Status.APPROVED,
            note=f"{count} report(s) dismissed",
        )
        reports.update(resolved_at=timezone.now())
        if comment.status == Status.PENDING:
            Comment.objects.filter(pk=comment.pk).update(
                status=Status.APPROVED, updated_at=timezone.now()
            )
            _notify_replied(comment)
        kept += 1
    if kept:
        pagecache.bump()
    return kept


def approve(comments, *, moderator) -> int:
    return moderate(comments, ModerationAction.Action.APPROVE, moderator=moderator)


def mark_spam(comments, *, moderator) -> int:
    return moderate(comments, ModerationAction.Action.SPAM, moderator=moderator)


def remove(comments, *, moderator) -> int:
    return moderate(comments, ModerationAction.Action.REMOVE, moderator=moderator)


def restore(comments, *, moderator) -> int:
    return moderate(comments, ModerationAction.Action.RESTORE, moderator=moderator)
