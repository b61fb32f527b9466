"""Template tags for the admin's own pages (Django template language)."""

from dataclasses import dataclass

from django import template

from routines.models import Article

register = template.Library()

SHOWN = 10


@dataclass(frozen=True)
class ReviewSummary:
    overdue: list[Article]
    overdue_count: int
    due_soon: list[Article]
    due_soon_count: int


@register.simple_tag(takes_context=True)
def review_summary(context: template.Context) -> ReviewSummary | None:
    """What is overdue for medical review and due in 30 days (editors only)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("routines.change_article"):
        return None
    fields = ("pk", "title", "next_review_due")
    overdue = Article.objects.review_overdue().order_by("next_review_due")
    soon = Article.objects.review_due_soon().order_by("next_review_due")
    return ReviewSummary(
        overdue=list(overdue.only(*fields)[:SHOWN]),
        overdue_count=overdue.count(),
        due_soon=list(soon.only(*fields)[:SHOWN]),
        due_soon_count=soon.count(),
    )
