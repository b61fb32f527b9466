"""Whole-page cache for readers who are not logged in.

Public pages are rendered once and served from the cache (Redis in production)
until any content or comment changes: every change bumps one version number that
is part of every key, so the next request renders afresh. Nothing personal is
stored: the comment form's CSRF token field is stored empty, and every reader
gets the same bytes. The form fetches a token of the reader's own when it is
used (``comments.views.csrf_token``, from ``site.js``); without JavaScript, a
post without a token is shown again with the reader's text kept and a token of
their own, to be sent once more (``comments.views.csrf_failure``). Requests
that carry a session or pending messages (someone logged in, or a reader just
told what happened to their comment) are never served from or stored in the
cache.

Each cached page carries an ETag, so a repeat visit is answered with 304.
"""

import datetime
import functools
import hashlib
import re
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.http import ConditionalGetMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers, quote_etag

VERSION_KEY = "pagecache:version"
TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PERSONAL_COOKIES = ("messages",)


class _Seen:
    """The version this process read last, trusted for PAGE_CACHE_VERSION_MS.

    Reading the version is a round trip to Redis on every hit, which cost more
    than the rest of a hit (bench/README.md). Under load a worker serves several
    hits within a few milliseconds, and they share one read: a change made by
    another process reaches this one's readers at most that long after it, and
    a change made by this process reaches them at once (``bump`` sets it here).
    """

    value: int | None = None
    until: float = 0.0


_seen = _Seen()
clock = time.monotonic


def _remember(value: int) -> int:
    _seen.value = value
    _seen.until = clock() + settings.PAGE_CACHE_VERSION_MS / 1000
    return value


def version() -> int:
    if _seen.value is not None and clock() < _seen.until:
        return _seen.value
    value = cache.get(VERSION_KEY)
    if value is None:
        # Start from the clock so keys never repeat after the cache was emptied.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        value = cache.get(VERSION_KEY)
    return _remember(value)


def bump(**kwargs) -> None:
    """Invalidate every cached page at once (a signal receiver, too)."""
    try:
        value = cache.incr(VERSION_KEY)
    except ValueError:
        value = time.time_ns()
        cache.set(VERSION_KEY, value, timeout=None)
    _remember(value)


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return False
    personal = (settings.SESSION_COOKIE_NAME, *PERSONAL_COOKIES)
    return not any(name in request.COOKIES for name in personal)


# Each tells when the next scheduled change of its content is due (or None).
# The content app registers its own in AppConfig.ready: nothing in shared/
# imports an app.
schedules: list[Callable[[], datetime.datetime | None]] = []


def on_schedule(when_due: Callable[[], datetime.datetime | None]) -> None:
    """Make cached pages expire when ``when_due()`` says a change is due."""
    if when_due not in schedules:
        schedules.append(when_due)


def seconds_until_next_publication() -> int | None:
    """A scheduled article must appear on time, so pages expire when it is due."""
    due = min(filter(None, (when_due() for when_due in schedules)), default=None)
    if due is None:
        return None
    return max(1, int((due - timezone.now()).total_seconds()) + 1)


class _Recent:
    """The last few pages fetched from the shared cache, kept in this process.

    Keys carry the site version, so a bump elsewhere makes them unreachable: only
    the small version number is read from Redis on each request, not the page.
    """

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self.entries: OrderedDict[str, dict] = OrderedDict()

    def get(self, key: str) -> dict | None:
        entry = self.entries.get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                self.put(key, entry)
        else:
            self.entries.move_to_end(key)
        # The entry's own deadline (a scheduled article is due) counts even if a
        # cache server's clock would keep it longer.
        if entry is not None and entry["expires"] <= time.time():
            self.entries.pop(key, None)
            return None
        return entry

    def put(self, key: str, entry: dict) -> None:
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > self.size:
            self.entries.popitem(last=False)


recent = _Recent()


def forget() -> None:
    """Drop what this process remembers (the version and recent pages), as after
    the shared cache was emptied."""
    _seen.value = None
    recent.entries.clear()


def key_for(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    # "p4": entries hold the page with an empty token field (the comment form's
    # and the feedback form's), and Report links; a new layout gets a new
    # prefix, so pages stored by an older release are never read.
    return f"pagecache:p4:{version()}:{path}"


def _serve(entry: dict, state: str) -> HttpResponse:
    response = HttpResponse(entry["body"], content_type=entry["content_type"])
    response["ETag"] = entry["etag"]
    response["X-Page-Cache"] = state
    # Every reader gets these bytes, but they are only fresh until the next
    # change: browsers revalidate with the ETag, shared caches keep nothing.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def cache_for_readers(view):
    """Store ``view``'s pages for readers who are not logged in.

    Stored pages are answered by ``PageCacheMiddleware`` before the view is
    reached, so here a request is always a miss: render, store, serve.
    """

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = key_for(request)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Set-Cookie")
        ):
            return response
        # No reader's token in the shared copy: the form fetches its own.
        body = TOKEN_FIELD.sub(rb"\g<1>\g<2>", response.content)
        timeout = settings.PAGE_CACHE_SECONDS
        if (due := seconds_until_next_publication()) is not None:
            timeout = min(timeout, due)
        entry = {
            "expires": time.time() + timeout,
            "body": body,
            "content_type": response["Content-Type"],
            "etag": etag_for(body),
        }
        cache.set(key, entry, timeout)
        recent.put(key, entry)
        return _serve(entry, "miss")

    return wrapped


class PageCacheMiddleware:
    """Answer cached pages early, before sessions, auth, messages and the rest.

    Pages are stored by ``cache_for_readers`` on the views; this only serves them,
    doing itself the little the skipped middleware would have done: a 304 for a
    matching ETag, and the frame and Vary headers.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            return self.get_response(request)
        entry = recent.get(key_for(request))
        if entry is None:
            return self.get_response(request)
        if entry["etag"] in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
            response["ETag"] = entry["etag"]
            return response
        response = _serve(entry, "hit")
        response["X-Frame-Options"] = "DENY"
        patch_vary_headers(response, ["Cookie"])
        return response


def etag_for(body: bytes) -> str:
    """SHA-256 of the body: 106 µs for the 214 KB article page here, where the
    MD5 Django uses takes 249 µs (this CPU computes SHA-256 in hardware)."""
    return quote_etag(hashlib.sha256(body).hexdigest()[:32])


class ETagMiddleware(ConditionalGetMiddleware):
    """Django's ``ConditionalGetMiddleware`` with the ETag from ``etag_for``; it
    answers 304 for pages not from the page cache (logged in, messages, or the
    page cache turned off).

    A response that sets a cookie gets no ETag made for it: it carries something
    of this request (a page with a form holds a CSRF token masked afresh each
    time, and sets the token's cookie), so its bytes never repeat and hashing them
    is wasted (0.1 ms for the article page). One that has an ETag already (a page
    the page cache just stored) still gets its 304. It sits above
    ``CsrfViewMiddleware`` in ``MIDDLEWARE`` so that it sees the cookie that
    middleware sets.
    """

    def needs_etag(self, response) -> bool:
        return not response.cookies and super().needs_etag(response)

    def process_response(self, request, response):
        if (
            request.method == "GET"
            and not response.streaming
            and response.content
            and not response.has_header("ETag")
            and self.needs_etag(response)
        ):
            response["ETag"] = etag_for(response.content)
        return super().process_response(request, response)
