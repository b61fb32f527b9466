"""Remembered addresses are the ones Django's ``reverse()`` gives."""

from unittest import mock

import pytest
from django import urls
from django.urls import NoReverseMatch, set_script_prefix

from acupressure_site.shared import urlcache
from acupressure_site.shared.urlcache import reverse, static


@pytest.fixture(autouse=True)
def _empty_memo():
    urlcache._reverse.cache_clear()
    static.cache_clear()
    yield
    urlcache._reverse.cache_clear()
    static.cache_clear()
    set_script_prefix("/")


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("routines:home", None, None),
        ("routines:point-detail", None, {"slug": "li-4"}),
        ("routines:article-preview", [7], None),
        ("comments:post", None, {"slug": "back-pain"}),
    ],
)
def test_gives_what_django_gives(name, args, kwargs):
    assert reverse(name, args=args, kwargs=kwargs) == urls.reverse(
        name, args=args, kwargs=kwargs
    )


def test_works_each_address_out_once():
    with mock.patch.object(
        urlcache, "django_reverse", wraps=urlcache.django_reverse
    ) as django_reverse:
        for _ in range(3):
            reverse("routines:point-detail", kwargs={"slug": "li-4"})
        reverse("routines:point-detail", kwargs={"slug": "gb-30"})
    assert django_reverse.call_count == 2


def test_script_prefix_is_part_of_the_key():
    assert reverse("routines:home") == "/"
    set_script_prefix("/health/")
    assert reverse("routines:home") == "/health/"


def test_urlconf_is_part_of_the_key(settings):
    assert reverse("routines:home") == "/"
    settings.ROOT_URLCONF = "tests.security.urls_500"
    with pytest.raises(NoReverseMatch):
        reverse("routines:home")


def test_static_gives_what_django_gives_and_asks_once():
    with mock.patch.object(
        urlcache, "django_static", wraps=urlcache.django_static
    ) as django_static:
        addresses = {static("css/site.css") for _ in range(3)}
    assert addresses == {urlcache.django_static("css/site.css")}
    assert django_static.call_count == 1


def test_static_addresses_follow_a_change_of_static_url(settings):
    before = static("css/site.css")
    settings.STATIC_URL = "/assets/"
    after = static("css/site.css")
    assert before.startswith("/static/")
    assert after.startswith("/assets/")
