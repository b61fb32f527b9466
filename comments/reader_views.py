"""Readers' other doings: reporting a comment, "Was this page helpful?", and
the links in reply notifications. Thin: parse, call the domain, answer."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from acupressure_site.shared.clients import client_address
from routines.models import Article, Point

from . import feedback, reports, subscriptions
from .feedback import FeedbackRefused
from .models import Comment, FeedbackReason, PageFeedback, ReportReason, Status
from .reports import ReportRefused
from .subscriptions import LinkRefused
from .views import client_key

TOO_MANY = "You have sent several in a short time. Please wait a few minutes."


def _limited(request: HttpRequest, group: str, rate: str) -> bool:
    return is_ratelimited(
        request, group=group, key=client_key, rate=rate, method="POST", increment=True
    )


def notice(request: HttpRequest, status: int = 200, **context) -> TemplateResponse:
    return TemplateResponse(request, "comments/notice.html", context, status=status)


# Reporting a comment --------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report_comment(request: HttpRequest, pk: int) -> HttpResponse:
    comment = (
        Comment.objects.select_related("article")
        .filter(pk=pk, article__in=Article.objects.published())
        .first()
    )
    if comment is None:
        raise Http404("No such comment.")
    if comment.status != Status.APPROVED:
        return notice(request, 410, heading="Report a comment", error=reports.GONE)

    def page(error: str = "", status: int = 200) -> TemplateResponse:
        context = {
            "comment": comment,
            "reasons": ReportReason.choices,
            "chosen": request.POST.get("reason", ""),
            "error": error,
        }
        return TemplateResponse(request, "comments/report.html", context, status=status)

    if request.method != "POST":
        return page()
    if _limited(request, "comments.report", settings.COMMENTS_REPORT_RATE_LIMIT):
        return page(TOO_MANY, 429)
    try:
        reports.report(
            comment=comment,
            reason=request.POST.get("reason", ""),
            client=client_address(request),
            threshold=settings.COMMENTS_REPORT_THRESHOLD,
        )
    except ReportRefused as refusal:
        status = 409 if refusal.code == "duplicate" else 400
        return page(refusal.message, status)
    messages.success(request, reports.THANKS)
    return redirect(f"{comment.article.get_absolute_url()}#comments")


# Was this page helpful? ------------------------------------------------------


def _page(kind: str, slug: str) -> Article | Point:
    if kind == "article":
        return get_object_or_404(Article.objects.published(), slug=slug)
    if kind == "point":
        return get_object_or_404(Point, slug=slug)
    raise Http404("No such page.")


def _title(page: Article | Point) -> str:
    if isinstance(page, Article):
        return page.title
    return f"{page.code} {page.pinyin_name}"


def _reason_context(*, token: str, helpful: bool, **extra) -> dict:
    return {
        "token": token,
        "helpful": helpful,
        "reasons": FeedbackReason.choices,
        "max_text": feedback.MAX_TEXT,
        **extra,
    }


@require_POST
def vote(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    page = _page(kind, slug)
    answer = request.POST.get("helpful", "")
    if answer not in ("yes", "no"):
        return notice(
            request,
            400,
            heading="Was this page helpful?",
            error="Please answer Yes or No.",
            back=page.get_absolute_url(),
            back_label=f"Back to {_title(page)}",
        )
    if _limited(request, "comments.feedback", settings.FEEDBACK_RATE_LIMIT):
        return notice(
            request,
            429,
            heading="Was this page helpful?",
            error=TOO_MANY,
            back=page.get_absolute_url(),
            back_label=f"Back to {_title(page)}",
        )
    answer_row = feedback.record(page=page, helpful=answer == "yes")
    context = _reason_context(
        token=feedback.reason_token(answer_row), helpful=answer_row.helpful
    )
    if request.headers.get("X-Requested-With") == "fetch":
        # Inline: only the follow-up form, put in place by site.js.
        return TemplateResponse(
            request, "comments/includes/feedback_reason_form.html", context
        )
    context.update(page=page, page_title=_title(page))
    return TemplateResponse(request, "comments/feedback_reason.html", context)


@sensitive_post_parameters("text")
@require_POST
def feedback_reason(request: HttpRequest) -> HttpResponse:
    token = request.POST.get("token", "")
    text = request.POST.get("text", "")
    reason = request.POST.get("reason", "")
    try:
        saved = feedback.add_reason(token=token, reason=reason, text=text)
    except FeedbackRefused as refusal:
        answer = _answer_for(token)
        if answer is None:
            return notice(request, 400, heading="Thank you", error=refusal.message)
        context = _reason_context(
            token=token,
            helpful=answer.helpful,
            error=refusal.message,
            text=text,
            chosen=reason,
            page=answer.page,
            page_title=_title(answer.page),
        )
        return TemplateResponse(
            request, "comments/feedback_reason.html", context, status=400
        )
    return notice(
        request,
        heading="Thank you",
        message="Thank you for telling us. Editors read every answer.",
        back=saved.page.get_absolute_url(),
        back_label=f"Back to {_title(saved.page)}",
    )


def _answer_for(token: str) -> PageFeedback | None:
    """The answer a still-valid token points at (to show its form again)."""
    from django.core import signing

    try:
        pk = signing.loads(token, salt=feedback.SALT, max_age=feedback.REASON_MAX_AGE)
    except signing.BadSignature:
        return None
    return PageFeedback.objects.select_related("article", "point").filter(pk=pk).first()


# Reply notifications -----------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm_replies(request: HttpRequest, token: str) -> HttpResponse:
    heading = "E-mail me when someone replies"
    try:
        if request.method != "POST":
            subscription = subscriptions.check_confirm(token)
            return notice(
                request,
                heading=heading,
                message="Press the button to get an e-mail when someone replies "
                f"to your comment on “{subscription.comment.article.title}”.",
                button="Yes, e-mail me",
                action=request.path,
            )
        subscription = subscriptions.confirm(token)
    except LinkRefused as refusal:
        return notice(request, 400, heading=heading, error=refusal.message)
    return notice(
        request,
        heading=heading,
        message="Done: we will e-mail you when someone replies. Every e-mail has "
        "a link to stop them.",
        back=subscription.comment.get_absolute_url(),
        back_label="Back to your comment",
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" bare
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_replies(request: HttpRequest, token: str) -> HttpResponse:
    heading = "Stop reply e-mails"
    if request.method != "POST":
        try:
            subscriptions.check_unsubscribe(token)
        except LinkRefused as refusal:
            return notice(request, 400, heading=heading, error=refusal.message)
        return notice(
            request,
            heading=heading,
            message="Press the button to stop the e-mails and delete your address.",
            button="Unsubscribe",
            action=request.path,
        )
    try:
        subscriptions.unsubscribe(token)
    except LinkRefused as refusal:
        if refusal.message != subscriptions.GONE:
            return notice(request, 400, heading=heading, error=refusal.message)
    return notice(
        request,
        heading=heading,
        message="You are unsubscribed: your address is deleted and no more "
        "e-mails will be sent.",
    )
