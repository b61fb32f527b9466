"""The comment section, included in the article page by ``{% comment_section %}``."""

import functools

from crispy_forms.utils import render_crispy_form
from django import template
from django.conf import settings

from comments.forms import CommentForm
from comments.models import Comment
from comments.moderation import Policy, closes_at, comments_open
from comments.rendering import render_thread
from comments.threads import build_thread, count

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context: template.Context, article) -> dict:
    request = context["request"]
    policy = Policy.from_settings()
    nodes = build_thread(Comment.objects.thread_for(article))
    form = context.get("comment_form")
    reply_to = None
    if form is None:
        initial = {}
        if request.user.is_staff:
            initial["name"] = request.user.get_full_name() or request.user.username
        reply_id = request.GET.get("reply_to", "")
        if reply_id.isascii() and reply_id.isdigit() and len(reply_id) <= 18:
            initial["parent"] = int(reply_id)
        form = CommentForm(initial=initial)
    parent_id = form["parent"].value()
    if parent_id:
        reply_to = next(
            (n for n in _walk(nodes) if str(n.comment.pk) == str(parent_id)), None
        )
    is_open = comments_open(article, policy)
    return {
        "form_html": form_html(form) if is_open else "",
        "article": article,
        "nodes": nodes,
        "thread_html": render_thread(nodes, is_open=is_open),
        "count": count(nodes),
        "is_open": is_open,
        "closes_at": closes_at(article, policy),
        "form": form,
        "error": context.get("comment_error", ""),
        "reply_to": reply_to,
        "max_length": settings.COMMENTS_MAX_LENGTH,
        "request": request,
        "messages": context.get("messages"),
        "csrf_token": context.get("csrf_token"),
        "user": request.user,
    }


@functools.cache
def _blank_form_html(max_length: int) -> str:
    return render_crispy_form(CommentForm())


def form_html(form: CommentForm) -> str:
    """The form's fields; the blank form (most page views) is rendered once."""
    if not form.is_bound and not form.initial:
        return _blank_form_html(settings.COMMENTS_MAX_LENGTH)
    return render_crispy_form(form)


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.replies)


@register.simple_tag(takes_context=True)
def pending_comments(context: template.Context) -> int | None:
    """How many comments wait, for those who may moderate them (else None)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("comments.change_comment"):
        return None
    return Comment.objects.waiting().count()
