from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from routines.sitemaps import sitemaps

from .views import media, rendition

handler500 = "acupressure_site.request_id.server_error"

admin.site.site_header = "Self-Care Health administration"
admin.site.site_title = "Self-Care Health admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "media/renditions/<int:width>/<str:fmt>/<path:path>",
        rendition,
        name="rendition",
    ),
    path("", include("comments.urls")),
    path("", include("routines.urls")),
]

if settings.SERVE_MEDIA:
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{prefix}(?P<path>.*)$", media, name="media"))
