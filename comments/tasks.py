"""Mail that readers and moderators get, sent by the task worker.

Each task takes ids only, never an address or a text: it reads what it needs
when it runs, so a queued task holds nothing personal, and a comment or a
subscription deleted meanwhile simply sends nothing. A mail server that fails
fails the task (the worker records it and can retry); the reader's request,
which only enqueued it after its transaction committed, has long answered.
"""

from django.tasks import task


@task
def send_reply_confirmation(subscription_id: int) -> int:
    from . import subscriptions

    return subscriptions.send_confirmation(subscription_id)


@task
def notify_reply(reply_id: int) -> int:
    from . import subscriptions

    return subscriptions.send_reply_notification(reply_id)


@task
def send_moderation_digest() -> int:
    from . import digest

    return digest.send_digest()
