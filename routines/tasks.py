"""Background work for content, run by the task worker (``manage.py db_worker``).

A reader's request never waits for a generated handout to be rebuilt or a
picture to be resized: the view enqueues the work and answers at once with the
last good handout, or the original picture, until the worker is done. The
daily medical review reminder is a task too (``manage.py
remind_overdue_reviews`` enqueues it). Tasks take ids and file names, never
text a reader typed.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.tasks import Task, task

from acupressure_site.shared.urlcache import reverse

from . import renditions
from .models import Article, Routine

# Long enough for the worker to get to it; a lost task is enqueued again after.
PENDING_SECONDS = 300


def enqueue_once(work: Task, key: str, *args) -> None:
    """Enqueue ``work`` unless the same work (``key``) is already waiting: many
    readers asking for one stale file at once make one task, not hundreds."""
    if cache.add(f"tasks:pending:{key}", True, timeout=PENDING_SECONDS):
        work.enqueue(*args)


@task()
def rebuild_generated_handout(routine_id: int) -> int:
    """Build the routine's handout if its data changed; return its page count."""
    from . import handout_pdf  # the PDF library is large: only the worker needs it

    routine = Routine.objects.filter(pk=routine_id).first()
    if routine is None:
        return 0
    routine = handout_pdf.ensure_generated_handout(routine, site_url=settings.SITE_URL)
    return routine.generated_handout_pages


@task()
def make_rendition(source_name: str, width: int, fmt: str) -> int:
    """Resize an uploaded picture for ``picture()``'s srcset; return the width."""
    if not default_storage.exists(source_name):
        return 0
    renditions.ensure(default_storage, source_name, width, fmt)
    return width


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
