""" "E-mail me when someone replies": double opt-in, notifications, unsubscribe.

The address is kept in ``ReplySubscription`` only, for this only. It is asked
for on the comment form; a confirmation mail with a signed link that expires
turns the notifications on. Every notification carries a one-click unsubscribe
(a link and RFC 8058's ``List-Unsubscribe`` headers), and
``sweep`` deletes what is no longer needed (docs/comments.md).
"""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import tasks
from .models import Comment, ModerationAction, ReplySubscription, Status
from .moderation import Policy, closes_at

logger = logging.getLogger(__name__)

CONFIRM_SALT = "comments.replies.confirm"
UNSUBSCRIBE_SALT = "comments.replies.unsubscribe"


class LinkRefused(Exception):
    """A link that is forged, expired or no longer points at anything."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


EXPIRED_CONFIRM = (
    "This confirmation link has expired. Nothing was changed: to be told of "
    "replies, post a comment again and tick “E-mail me when someone replies”."
)
FORGED = "This link is not valid: it may have been cut short or changed."
GONE = "There is nothing to change: this subscription no longer exists."


def _token(salt: str, pk: int) -> str:
    return signing.TimestampSigner(salt=salt).sign(str(pk))


def _pk(salt: str, token: str, max_age: datetime.timedelta, expired: str) -> int:
    try:
        return int(signing.TimestampSigner(salt=salt).unsign(token, max_age=max_age))
    except signing.SignatureExpired:
        raise LinkRefused(expired) from None
    except (signing.BadSignature, ValueError):
        raise LinkRefused(FORGED) from None


def confirm_url(subscription: ReplySubscription) -> str:
    token = _token(CONFIRM_SALT, subscription.pk)
    return settings.SITE_URL + reverse("comments:replies-confirm", args=[token])


def unsubscribe_url(subscription: ReplySubscription) -> str:
    token = _token(UNSUBSCRIBE_SALT, subscription.pk)
    return settings.SITE_URL + reverse("comments:replies-unsubscribe", args=[token])


def request(*, comment: Comment, email: str) -> ReplySubscription:
    """Keep the address for ``comment`` and send the confirmation (a task, once
    the transaction commits): nothing is sent until the reader confirms."""
    subscription = ReplySubscription.objects.create(
        comment=comment, email=email.strip()
    )
    pk = subscription.pk
    transaction.on_commit(lambda: tasks.send_reply_confirmation.enqueue(pk))
    return subscription


def check_confirm(token: str) -> ReplySubscription:
    max_age = datetime.timedelta(hours=settings.COMMENTS_REPLY_CONFIRM_HOURS)
    pk = _pk(CONFIRM_SALT, token, max_age, EXPIRED_CONFIRM)
    subscription = (
        ReplySubscription.objects.select_related("comment__article")
        .filter(pk=pk)
        .first()
    )
    if subscription is None:
        raise LinkRefused(GONE)
    return subscription


def confirm(token: str, *, now: datetime.datetime | None = None) -> ReplySubscription:
    subscription = check_confirm(token)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = now or timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return subscription


def check_unsubscribe(token: str) -> ReplySubscription:
    max_age = datetime.timedelta(days=settings.COMMENTS_REPLY_UNSUBSCRIBE_DAYS)
    expired = (
        "This unsubscribe link has expired. Addresses are deleted "
        f"{settings.COMMENTS_REPLY_KEEP_DAYS} days after a discussion closes; "
        "the link in the latest notification works."
    )
    pk = _pk(UNSUBSCRIBE_SALT, token, max_age, expired)
    subscription = ReplySubscription.objects.filter(pk=pk).first()
    if subscription is None:
        raise LinkRefused(GONE)
    return subscription


def unsubscribe(token: str) -> None:
    """Delete the address at once (one click, or the confirm button)."""
    check_unsubscribe(token).delete()


def send_confirmation(subscription_id: int) -> int:
    subscription = (
        ReplySubscription.objects.select_related("comment__article")
        .filter(pk=subscription_id, confirmed_at__isnull=True)
        .first()
    )
    if subscription is None:
        return 0
    article = subscription.comment.article
    hours = settings.COMMENTS_REPLY_CONFIRM_HOURS
    body = (
        f"You asked to be told by e-mail when someone replies to your comment "
        f"on “{article.title}”.\n\n"
        f"To turn this on, open this link within {hours} hours:\n"
        f"{confirm_url(subscription)}\n\n"
        "If you did not ask for this, do nothing: without confirmation nothing "
        "more is sent and your address is deleted.\n"
    )
    message = EmailMessage(
        subject=f"Confirm reply notifications: {article.title}"[:150],
        body=body,
        to=[subscription.email],
    )
    return message.send()


def send_reply_notification(reply_id: int) -> int:
    """Tell the parent's confirmed subscriber about a visible reply."""
    reply = (
        Comment.objects.select_related("article", "parent")
        .filter(pk=reply_id, status=Status.APPROVED, parent__isnull=False)
        .first()
    )
    if reply is None:
        return 0
    subscription = ReplySubscription.objects.filter(
        comment_id=reply.parent_id, confirmed_at__isnull=False
    ).first()
    if subscription is None:
        return 0
    if reply.email_hash and reply.email_hash == reply.parent.email_hash:
        return 0  # their own reply
    article = reply.article
    link = settings.SITE_URL + reply.get_absolute_url()
    leave = unsubscribe_url(subscription)
    # The reply's text is stored redacted; nothing else of it is sent.
    body = (
        f"{reply.author_name} replied to your comment on “{article.title}”:\n\n"
        f"{reply.body}\n\n"
        f"Read the discussion: {link}\n\n"
        f"Stop these e-mails (one click): {leave}\n"
    )
    message = EmailMessage(
        subject=f"New reply to your comment: {article.title}"[:150],
        body=body,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{leave}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message.send()


def discussion_closed_at(article, policy: Policy) -> datetime.datetime | None:
    """When an article's comments closed, if they have."""
    if article.comments_mode == article.Comments.CLOSED:
        last = (
            ModerationAction.objects.filter(
                article=article, action=ModerationAction.Action.CLOSE
            )
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        return last or article.updated_at
    if article.comments_mode == article.Comments.AUTO:
        return closes_at(article, policy)
    return None


def sweep(*, now: datetime.datetime | None = None) -> int:
    """Delete the addresses no longer needed: unconfirmed ones whose link has
    expired, and all of a discussion closed ``COMMENTS_REPLY_KEEP_DAYS`` ago."""
    now = now or timezone.now()
    policy = Policy.from_settings()
    expired = now - datetime.timedelta(hours=settings.COMMENTS_REPLY_CONFIRM_HOURS)
    deleted, _ = ReplySubscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=expired
    ).delete()
    keep = datetime.timedelta(days=settings.COMMENTS_REPLY_KEEP_DAYS)
    stale = []
    subscriptions = ReplySubscription.objects.select_related("comment__article")
    for subscription in subscriptions:
        closed = discussion_closed_at(subscription.comment.article, policy)
        if closed is not None and closed + keep <= now:
            stale.append(subscription.pk)
    if stale:
        deleted += ReplySubscription.objects.filter(pk__in=stale).delete()[0]
    logger.info("reply subscriptions swept: %s deleted", deleted)
    return deleted
