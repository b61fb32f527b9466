"""The medical review cycle: when an article was last reviewed and is next due.

Pure date arithmetic plus the queryset filters that name what is overdue or
due soon; the admin index, the article list filter, the publishing checks and
the reminder task all use these, so "overdue" means one thing everywhere.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet

DUE_SOON_DAYS = 30


def next_review_due(last_reviewed: datetime.date, *, months: int) -> datetime.date:
    """The default next review: ``months`` after the last (end of month kept)."""
    return last_reviewed + relativedelta(months=months)


def overdue(articles: QuerySet, *, today: datetime.date) -> QuerySet:
    """Articles whose next review date has passed."""
    return articles.filter(next_review_due__lt=today)


def due_soon(
    articles: QuerySet, *, today: datetime.date, days: int = DUE_SOON_DAYS
) -> QuerySet:
    """Articles due for review from today to ``days`` ahead (not yet overdue)."""
    return articles.filter(
        Q(next_review_due__gte=today)
        & Q(next_review_due__lte=today + datetime.timedelta(days=days))
    )


def is_overdue(due: datetime.date | None, *, today: datetime.date) -> bool:
    return due is not None and due < today
