"""A request id on every request, in every log line, and on the 500 page.

The id is taken from an incoming ``X-Request-ID`` header when that is a short
safe token (a proxy or load balancer may set one), or made up otherwise. It is
kept on ``request.request_id``, sent back in the ``X-Request-ID`` response
header, and added to log records by ``RequestIdFilter`` through a context
variable, so a reader who quotes the reference on the error page leads straight
to the log line, which carries no request body.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import TemplateDoesNotExist, loader
from django.views.decorators.csrf import requires_csrf_token

HEADER = "X-Request-ID"
NO_REQUEST = "-"
# Letters, digits, dots, underscores and dashes only: nothing that could split a
# log line or a header.
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")

current_request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)


def incoming_or_new_id(request: HttpRequest) -> str:
    incoming = request.headers.get(HEADER, "")
    if SAFE_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = incoming_or_new_id(request)
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every record ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page with the request id, rendered without context processors.

    Like Django's own handler it uses a plain context, so a broken context
    processor or database cannot break the error page too.
    """
    request_id = getattr(request, "request_id", "") or ""
    try:
        template = loader.get_template("500.html")
    except TemplateDoesNotExist:
        return HttpResponseServerError(
            f"<h1>Server Error (500)</h1><p>Reference: {request_id}</p>",
            content_type="text/html",
        )
    return HttpResponseServerError(template.render({"request_id": request_id}))
