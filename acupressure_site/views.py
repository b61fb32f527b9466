"""Uploaded media served by the site itself (see SERVE_MEDIA in settings)."""

import mimetypes
import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

from routines import renditions, tasks

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
    """A resized copy of an uploaded picture.

    A copy not made yet (or older than its original) is made by the task worker;
    meanwhile this request gets the original picture, marked to be asked for
    again, so no reader waits for Pillow.
    """
    path = _normalised(path)
    if (
        width not in renditions.WIDTHS
        or fmt not in renditions.FORMATS
        or not path.startswith(renditions.SOURCE_FOLDERS)
        or not default_storage.exists(path)
    ):
        raise Http404("Not found.")
    name = renditions.rendition_name(path, width, fmt)
    if not renditions.is_current(default_storage, path, width, fmt):
        made = default_storage.get_modified_time(path).timestamp()
        tasks.enqueue_once(tasks.make_rendition, f"{name}:{made}", path, width, fmt)
    if renditions.is_current(default_storage, path, width, fmt):
        # (At once when tasks run in the request, as in the test suite.)
        content_type = renditions.FORMATS[fmt][1]
        cache_control = "public, max-age=86400"
    else:
        name = path
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        cache_control = "no-cache"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response
