"""Publishing rules: every change of an article's status goes through here.

The admin's actions and any future API call these functions, so "publish" means
the same thing everywhere.
"""

import datetime
from collections.abc import Callable, Sequence

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from acupressure_site.shared import pagecache

from .models import Article

# Given an article, the reasons it may not be published (none: it may).
PublishCheck = Callable[[Article], Sequence[str]]


def next_publication_at() -> datetime.datetime | None:
    """When the next scheduled article becomes public, if one is scheduled."""
    return (
        Article.objects.exclude(status=Article.Status.DRAFT)
        .filter(publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )


@transaction.atomic
def publish(
    articles: QuerySet[Article],
    *,
    now: datetime.datetime | None = None,
    check: PublishCheck | None = None,
) -> int:
    """Make articles public now; a scheduled article's future time moves to now.

    With ``check`` (for example ``checks.publishing_errors``), an article for
    which it gives any reason is left as it is; the caller's check can note the
    reasons to report them. Returns how many articles changed.
    """
    now = now or timezone.now()
    changed = 0
    # No joins (the admin passes a queryset with select_related): PostgreSQL
    # cannot lock the nullable side of an outer join.
    for article in articles.select_related(None).select_for_update():
        if article.is_public and article.status == Article.Status.PUBLISHED:
            continue
        if check is not None and check(article):
            continue
        if article.publish_at is None or article.publish_at > now:
            article.publish_at = now
        article.status = Article.Status.PUBLISHED
        article.save(update_fields=["status", "publish_at", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def unpublish(articles: QuerySet[Article]) -> int:
    """Take articles back to draft; they disappear from every public place."""
    changed = articles.exclude(status=Article.Status.DRAFT).update(
        status=Article.Status.DRAFT, updated_at=timezone.now()
    )
    if changed:
        pagecache.bump()
    return changed
