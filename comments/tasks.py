"""Mail that moderators and readers get, sent by the task worker
(``manage.py db_worker``).

A reader's request never talks to the mail server: it only enqueues a task in
the transaction that stores what the mail is about, so both are stored together
or not at all. Tasks take ids only, never a text or anyone's address: they read
what they need when they run, so a queued task holds nothing personal, and a
comment or subscription deleted meanwhile simply sends nothing. A mail server
that cannot be reached delays the mail, retried with growing delays
(``MAIL_RETRY_SECONDS``); each attempt is a task of its own, so the worker is
free meanwhile and an attempt that sent the message is never run again.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from .models import Comment, Status

logger = logging.getLogger(__name__)

# What a mail server that cannot be reached, or refuses for now, raises.
TEMPORARY_FAILURES = (OSError, smtplib.SMTPException)


def _retry_later(this_task, object_id: int, attempt: int, error: Exception) -> int:
    """Enqueue the next attempt of ``this_task``, or give up after the last."""
    delays = settings.MAIL_RETRY_SECONDS
    name = this_task.name
    if attempt > len(delays):
        logger.error("%s for %s not sent after %s attempts", name, object_id, attempt)
        raise error
    delay = delays[attempt - 1]
    logger.warning(
        "%s for %s failed (%s); attempt %s in %s s",
        name,
        object_id,
        type(error).__name__,
        attempt + 1,
        delay,
    )
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    this_task.using(run_after=run_after).enqueue(object_id, attempt + 1)
    return 0


@task()
def notify_moderators(comment_id: int, attempt: int = 1) -> int:
    """E-mail moderators that a comment waits."""
    from .moderation import Policy, send_moderator_mail

    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.status != Status.PENDING:
        return 0  # removed or moderated before the mail went out
    try:
        return send_moderator_mail(comment, Policy.from_settings())
    except TEMPORARY_FAILURES as error:
        return _retry_later(notify_moderators, comment_id, attempt, error)


@task()
def send_reply_confirmation(subscription_id: int, attempt: int = 1) -> int:
    """The double opt-in mail: a signed link that turns reply e-mail on."""
    from . import subscriptions

    try:
        return subscriptions.send_confirmation(subscription_id)
    except TEMPORARY_FAILURES as error:
        return _retry_later(send_reply_confirmation, subscription_id, attempt, error)


@task()
def notify_reply(reply_id: int, attempt: int = 1) -> int:
    """Tell the subscribers of a thread that someone replied."""
    from . import subscriptions

    try:
        return subscriptions.send_reply_notification(reply_id)
    except TEMPORARY_FAILURES as error:
        return _retry_later(notify_reply, reply_id, attempt, error)


@task()
def send_moderation_digest() -> int:
    """The moderators' daily list of comments waiting."""
    from . import digest

    return digest.send_digest()
