"""The comment section of an article page: ``comment_section(article)`` in its
template (put there by ``acupressure_site/jinja2.py``)."""

import functools

import jinja2
from crispy_forms.utils import render_crispy_form
from django.conf import settings
from markupsafe import Markup

from acupressure_site.shared.urlcache import reverse

from .forms import CommentForm
from .models import Comment
from .moderation import Policy, closes_at, comments_open
from .rendering import render_thread
from .threads import build_thread, count, walk


@jinja2.pass_context
def comment_section(context: jinja2.runtime.Context, article) -> Markup:
    """The thread and the form; a refused comment's form comes back filled in."""
    request = context["request"]
    policy = Policy.from_settings()
    nodes = build_thread(Comment.objects.thread_for(article))
    form = context.get("comment_form")
    if form is None:
        initial = {}
        if request.user.is_staff:
            initial["name"] = request.user.get_full_name() or request.user.username
        reply_id = request.GET.get("reply_to", "")
        if reply_id.isascii() and reply_id.isdigit() and len(reply_id) <= 18:
            initial["parent"] = int(reply_id)
        # Most views need no form of their own: the blank one is rendered once.
        form = CommentForm(initial=initial) if initial else None
    reply_to = None
    if form is not None and (parent_id := form["parent"].value()):
        reply_to = next(
            (n for n in walk(nodes) if str(n.comment.pk) == str(parent_id)), None
        )
    is_open = comments_open(article, policy)
    template = context.environment.get_template("comments/section.html")
    # The section's own template escapes everything in it (autoescape is on).
    return Markup(  # noqa: S704
        template.render(
            form_html=form_html(form) if is_open else "",
            article=article,
            nodes=nodes,
            thread_html=render_thread(nodes, is_open=is_open),
            count=count(nodes),
            is_open=is_open,
            closes_at=closes_at(article, policy),
            form=form,
            error=context.get("comment_error", ""),
            reply_to=reply_to,
            messages=context.get("messages"),
            csrf_input=context.get("csrf_input"),
        )
    )


@functools.cache
def _blank_form_html(max_length: int) -> str:
    return render_crispy_form(CommentForm())


def form_html(form: CommentForm | None) -> str:
    """The form's fields; the blank form (``None``: most page views) is rendered
    once per process."""
    if form is None:
        return _blank_form_html(settings.COMMENTS_MAX_LENGTH)
    return render_crispy_form(form)


@jinja2.pass_context
def page_feedback(context: jinja2.runtime.Context, page) -> Markup:
    """ "Was this page helpful?" under an article or a point: the same for every
    reader (its token field is emptied in the page cache, like the comment
    form's)."""
    kind = page._meta.model_name
    template = context.environment.get_template("comments/includes/feedback.html")
    return Markup(  # noqa: S704 (the template escapes everything in it)
        template.render(
            action=reverse(
                "comments:feedback", kwargs={"kind": kind, "slug": page.slug}
            ),
            csrf_input=context.get("csrf_input"),
        )
    )
