"""Posting a comment: parse, check, hand over to ``moderation.submit``, redirect."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from acupressure_site.shared.clients import client_address, keyed_digest
from routines.models import Article
from routines.views import ArticleDetailView

from . import subscriptions
from .forms import CommentForm
from .models import Comment, Status
from .moderation import CLOSED, CommentRefused, Policy, comments_open, submit
from .redaction import describe_removed

POSTED = "Thank you. Your comment is posted."
HELD = (
    "Thank you. Your comment is waiting for a moderator and will appear once "
    "it is approved."
)
SPAM_TRAP = (
    "Your comment was not posted because a hidden field was filled in, which "
    "spam robots do. If a browser extension fills in forms for you, turn it off "
    "for this page and post again."
)
CONFIRM = (
    "Your comment is not posted yet: this page could not confirm that it was sent "
    "from this site (it is checked to stop forged posts). Please check it and "
    "press Post comment again."
)
CONFIRM_REPLIES = (
    "We sent you an email with a link: open it to be told of replies. Until "
    "then, nothing more is sent."
)
RATE_LIMITED = (
    "You have posted several comments in a short time. Please wait a few minutes, "
    "then post again."
)


def client_key(group: str, request: HttpRequest) -> str:
    """A keyed hash of the client's address: the address itself is never kept."""
    return keyed_digest(client_address(request)).hex()


def render_refused(
    request: HttpRequest,
    article: Article,
    form: CommentForm,
    message: str = "",
    status: int = 400,
) -> HttpResponse:
    """Show the article again with the reader's text kept in the form."""
    view = ArticleDetailView()
    view.setup(request, slug=article.slug)
    view.object = article
    context = view.get_context_data(object=article)
    context.update(comment_form=form, comment_error=message)
    return TemplateResponse(request, view.get_template_names(), context, status=status)


@sensitive_variables()
@sensitive_post_parameters("name", "email", "body")
@require_POST
def post_comment(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), slug=slug)
    policy = Policy.from_settings()
    form = CommentForm(request.POST)

    if not comments_open(article, policy):
        return render_refused(
            request,
            article,
            form,
            CLOSED,
            status=403,
        )
    if form.is_spam_trap_filled:
        return render_refused(request, article, form, SPAM_TRAP)
    if is_ratelimited(
        request,
        group="comments.post",
        key=client_key,
        rate=settings.COMMENTS_RATE_LIMIT,
        method="POST",
        increment=True,
    ):
        return render_refused(request, article, form, RATE_LIMITED, status=429)
    if not form.is_valid():
        return render_refused(
            request, article, form, "Your comment was not posted. Please check:"
        )

    parent = None
    if parent_id := form.cleaned_data.get("parent"):
        parent = Comment.objects.filter(pk=parent_id, article=article).first()
        if parent is None:
            return render_refused(
                request,
                article,
                form,
                "The comment you replied to is no longer available.",
            )
    user = request.user if request.user.is_staff else None
    try:
        result = submit(
            article=article,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            body=form.cleaned_data["body"],
            parent=parent,
            user=user,
            policy=policy,
        )
    except CommentRefused as refusal:
        status = 403 if refusal.code == "closed" else 400
        return render_refused(request, article, form, refusal.message, status=status)

    messages.success(request, POSTED if result.is_visible else HELD)
    if form.cleaned_data["notify_replies"] and form.cleaned_data["email"]:
        subscriptions.request(comment=result.comment, email=form.cleaned_data["email"])
        messages.info(request, CONFIRM_REPLIES)
    if result.removed_kinds:
        messages.info(request, describe_removed(result.removed_kinds))
    anchor = (
        f"comment-{result.comment.pk}"
        if result.comment.status == Status.APPROVED
        else "comments"
    )
    return redirect(f"{article.get_absolute_url()}#{anchor}")


@require_safe
@never_cache
def csrf_token(request: HttpRequest) -> JsonResponse:
    """A CSRF token of the reader's own, for the comment form of a cached page
    (which every reader shares, so it holds none); sets the CSRF cookie too."""
    response = JsonResponse({"token": get_token(request)})
    response["X-Robots-Tag"] = "noindex"
    return response


@sensitive_variables()
@sensitive_post_parameters("name", "email", "body")
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a comment sent without a valid token (from a cached
    page without JavaScript, or after the cookie expired) is shown again with
    the reader's text kept and a token of their own, to be sent once more.

    Nothing is stored, and a post from another site (the Origin or Referer
    check failed) gets Django's plain refusal instead.
    """
    match = request.resolver_match
    if (
        request.method == "POST"
        and match is not None
        and match.view_name == "comments:post"
        and not reason.startswith(("Origin checking failed", "Referer checking failed"))
    ):
        article = Article.objects.published().filter(slug=match.kwargs["slug"]).first()
        if article is not None:
            message = (
                CONFIRM if comments_open(article, Policy.from_settings()) else CLOSED
            )
            return render_refused(
                request, article, CommentForm(request.POST), message, status=403
            )
    if (
        request.method == "POST"
        and match is not None
        and match.view_name == "comments:feedback"
        and not reason.startswith(("Origin checking failed", "Referer checking failed"))
        and request.POST.get("helpful") in ("yes", "no")
    ):
        # A cached page's answer without a token (no JavaScript): sent again
        # with one, at one press.
        answer = request.POST["helpful"]
        return TemplateResponse(
            request,
            "comments/notice.html",
            {
                "heading": "Was this page helpful?",
                "error": "Your answer is not sent yet: this page could not confirm "
                "that it came from this site. Please press the button to send it.",
                "button": f"Send my answer: {answer.capitalize()}",
                "button_name": "helpful",
                "button_value": answer,
                "action": request.path,
            },
            status=403,
        )
    return django_csrf_failure(request, reason)
