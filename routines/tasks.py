"""Background work for content, run by the task worker (``manage.py db_worker``).

A reader's request never waits for a generated handout to be rebuilt or a
picture to be resized: the view enqueues the work and answers at once with the
last good handout, or the original picture, until the worker is done. Tasks
take ids and file names, never text a reader typed.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.tasks import Task, task

from . import renditions
from .models import Routine

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
