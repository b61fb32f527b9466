"""The moderators' daily digest: what waits in the queue, and why."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Count, Q
from django.urls import reverse

from .models import Comment
from .moderation import Policy, moderator_addresses


def send_digest() -> int:
    """One mail to every moderator (blind copies) if any comment waits."""
    waiting = Comment.objects.waiting().select_related("article").order_by("created_at")
    total = waiting.count()
    recipients = moderator_addresses(Policy.from_settings())
    if not total or not recipients:
        return 0
    reported = waiting.annotate(
        open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True))
    ).filter(open_reports__gt=0)
    queue = reverse("admin:comments_comment_changelist") + "?status__exact=pending"
    lines = [
        f"{total} comment(s) wait for moderation, {reported.count()} of them "
        "reported by readers.",
        "",
    ]
    for comment in waiting[:50]:
        reasons = comment.get_reasons_display() or "held"
        lines.append(f"- “{comment.article.title}”: {reasons}")
    if total > 50:
        lines.append(f"… and {total - 50} more.")
    lines += ["", f"Moderation queue: {settings.SITE_URL}{queue}"]
    message = EmailMessage(
        subject=f"Comments waiting for moderation: {total}",
        body="\n".join(lines) + "\n",
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    )
    return message.send()
