"""Uploaded media served by the site itself (see SERVE_MEDIA in settings)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

# Handouts and videos are served only through their own views, which check that
# the article they belong to is public.
PRIVATE_FOLDERS = ("handouts/", "videos/")


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponse:
    if path.startswith(PRIVATE_FOLDERS):
        raise Http404("Not found.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response
