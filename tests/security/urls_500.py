"""A URLconf with a view that always fails, for the server error tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the view broke")


urlpatterns = [path("broken/", broken)]

handler500 = "acupressure_site.request_id.server_error"
