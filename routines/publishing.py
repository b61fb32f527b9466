"""Publishing rules: every change of an article's status goes through here.

The admin's actions and any future API call these functions, so "publish" means
the same thing everywhere.
"""

import datetime
from collections.abc import Callable, Sequence

import reversion
from django.contrib.auth.base_user import AbstractBaseUser
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
    user: AbstractBaseUser | None = None,
) -> int:
    """Make articles public now; a scheduled article's future time moves to now.

    With ``check`` (for example ``checks.publishing_errors``), an article for
    which it gives any reason is left as it is; the caller's check can note the
    reasons to report them. Returns how many articles changed.
    """
    now = now or timezone.now()
    changed = 0
    with reversion.create_revision():
        reversion.set_comment("Published")
        if user is not None:
            reversion.set_user(user)
        for article in _lock(articles):
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


def describe_state(article: Article) -> str:
    """The article's state in words, for a revision's comment."""
    if article.status == Article.Status.DRAFT:
        return "Draft"
    when = timezone.localtime(article.publish_at).strftime("%Y-%m-%d %H:%M")
    if article.status == Article.Status.SCHEDULED:
        return f"Scheduled for {when}"
    return f"Published ({when})"


def _lock(articles: QuerySet[Article]) -> QuerySet[Article]:
    # No joins (the admin passes a queryset with select_related): PostgreSQL
    # cannot lock the nullable side of an outer join.
    return articles.select_related(None).select_for_update()


@transaction.atomic
def unpublish(
    articles: QuerySet[Article], *, user: AbstractBaseUser | None = None
) -> int:
    """Take articles back to draft; they disappear from every public place.

    Each article changed is kept as a revision ("Unpublished"), like publishing.
    """
    going = list(_lock(articles.exclude(status=Article.Status.DRAFT)))
    if not going:
        return 0
    changed = Article.objects.filter(pk__in=[a.pk for a in going]).update(
        status=Article.Status.DRAFT, updated_at=timezone.now()
    )
    with reversion.create_revision():
        reversion.set_comment("Unpublished (back to draft)")
        if user is not None:
            reversion.set_user(user)
        for article in Article.objects.filter(pk__in=[a.pk for a in going]):
            reversion.add_to_revision(article)
    pagecache.bump()
    return changed
