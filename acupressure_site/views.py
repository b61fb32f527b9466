"""Uploaded media served by the site itself (see SERVE_MEDIA in settings)."""

import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

from routines import renditions

# Only pictures and captions are served from here. Handouts and videos go through
# their own views, which check that the article they belong to is public.
PUBLIC_FOLDERS = ("points/", "articles/", "captions/")


def _normalised(path: str) -> str:
    """The path as the file system will see it ("a//b", "./", "../" resolved)."""
    return posixpath.normpath(path).lstrip("/")


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponse:
    path = _normalised(path)
    if not path.startswith(PUBLIC_FOLDERS):
        raise Http404("Not found.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def rendition(request: HttpRequest, width: int, fmt: str, path: str) -> FileResponse:
    """A resized copy of an uploaded picture, made on its first request."""
    path = _normalised(path)
    if (
        width not in renditions.WIDTHS
        or fmt not in renditions.FORMATS
        or not path.startswith(renditions.SOURCE_FOLDERS)
        or not default_storage.exists(path)
    ):
        raise Http404("Not found.")
    made = renditions.ensure(default_storage, path, width, fmt)
    response = FileResponse(
        default_storage.open(made.name, "rb"), content_type=made.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response
