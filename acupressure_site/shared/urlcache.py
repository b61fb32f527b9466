"""``reverse()`` and ``static()``, remembered per process.

Django's ``reverse()`` matches the name against the URL patterns on every call,
15 to 20 µs each, and the article page asks for about thirty addresses (its
points, handouts, topics, stories and the site's menus). An address depends only
on the name, the arguments, the URLconf and the script prefix, which are all part
of the key here, so each is worked out once per process. The site has no
translated URL patterns; with them the language would have to be in the key too.

``static()`` asks the static files storage, which looks the name up in its
manifest and joins it to ``STATIC_URL`` (9 µs, six times a page). The manifest is
read once when the process starts, so an address only changes with the settings,
and a settings change (in tests) forgets them.
"""

import functools
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static as django_static
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse


@functools.lru_cache(maxsize=4096)
def _reverse(
    viewname: str,
    args: tuple | None,
    kwargs: tuple | None,
    urlconf: str,
    prefix: str,
) -> str:
    return django_reverse(
        viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs) if kwargs else None
    )


def reverse(
    viewname: str,
    args: Sequence | None = None,
    kwargs: Mapping | None = None,
) -> str:
    """The same as ``django.urls.reverse(viewname, args=..., kwargs=...)``."""
    return _reverse(
        viewname,
        tuple(args) if args else None,
        tuple(sorted(kwargs.items())) if kwargs else None,
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
    )


@functools.lru_cache(maxsize=1024)
def static(path: str) -> str:
    """The same as ``django.templatetags.static.static(path)``."""
    return django_static(path)


@receiver(setting_changed)
def _forget_static(*, setting: str, **kwargs) -> None:
    if setting in {"STATIC_URL", "STATIC_ROOT", "STORAGES", "DEBUG", "INSTALLED_APPS"}:
        static.cache_clear()
