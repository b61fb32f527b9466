"""Template tags for the admin's own pages (Django template language)."""

from django import template

from comments.models import Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comments(context: template.Context) -> int | None:
    """How many comments wait, for those who may moderate them (else None)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("comments.change_comment"):
        return None
    return Comment.objects.waiting().count()
