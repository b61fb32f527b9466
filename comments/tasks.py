"""Background work for comments, run by the task worker (``manage.py db_worker``).

A reader's request never talks to the mail server: ``moderation.submit`` only
enqueues ``notify_moderators`` in the transaction that stores the comment, so
the comment and its notification are stored together or not at all. Tasks take
the comment's id, never its text or anyone's address, and return a count.
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


@task()
def notify_moderators(comment_id: int, attempt: int = 1) -> int:
    """E-mail moderators that a comment waits; retried with growing delays.

    Each attempt is a task of its own: a failed one enqueues the next and ends,
    so the worker is free meanwhile and an attempt that sent the message is
    never run again.
    """
    from .moderation import Policy, send_moderator_mail

    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.status != Status.PENDING:
        return 0  # removed or moderated before the mail went out
    try:
        return send_moderator_mail(comment, Policy.from_settings())
    except TEMPORARY_FAILURES as error:
        delays = settings.MAIL_RETRY_SECONDS
        if attempt > len(delays):
            logger.error(
                "moderator mail for comment %s not sent after %s attempts",
                comment_id,
                attempt,
            )
            raise
        delay = delays[attempt - 1]
        logger.warning(
            "moderator mail for comment %s failed (%s); attempt %s in %s s",
            comment_id,
            type(error).__name__,
            attempt + 1,
            delay,
        )
        run_after = timezone.now() + datetime.timedelta(seconds=delay)
        notify_moderators.using(run_after=run_after).enqueue(comment_id, attempt + 1)
        return 0
