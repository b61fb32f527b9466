"""Background work for editors: the daily medical review reminder.

Defined with Django's own task framework; ``manage.py remind_overdue_reviews``
enqueues it, and the worker (or cron running that command daily) does the
sending, never a reader's request.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task

from acupressure_site.shared.urlcache import reverse

from .models import Article


def editor_addresses() -> list[str]:
    """Active members of the Editors group who have an e-mail address."""
    return sorted(
        set(
            get_user_model()
            .objects.filter(is_active=True, groups__name="Editors")
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def overdue_message(articles: list[Article]) -> str:
    admin_url = settings.SITE_URL.rstrip("/") + reverse(
        "admin:routines_article_changelist"
    )
    lines = [
        f"{len(articles)} article(s) are overdue for medical review:",
        "",
        *(f"- {a.title} (due {a.next_review_due:%Y-%m-%d})" for a in articles),
        "",
        f"The list in the admin: {admin_url}?review=overdue",
    ]
    return "\n".join(lines)


@task
def email_overdue_reviews() -> int:
    """E-mail editors the articles overdue for review; returns how many."""
    articles = list(
        Article.objects.review_overdue()
        .order_by("next_review_due", "title")
        .only("title", "next_review_due")
    )
    recipients = editor_addresses()
    if not articles or not recipients:
        return 0
    send_mail(
        subject=f"{len(articles)} article(s) overdue for medical review",
        message=overdue_message(articles),
        from_email=None,
        recipient_list=recipients,
    )
    return len(articles)
