"""Filters and functions the content pages' templates use.

Plain functions: ``acupressure_site/jinja2.py`` puts them in the templates'
environment, and Python code (the admin, the generated PDF) calls them too.
"""

import datetime
import functools

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from markupsafe import Markup, escape

from routines import renditions
from routines.text import render_markdown


def markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text or ""))  # noqa: S308 (sanitized by nh3)


def linebreaksbr(text: str) -> Markup:
    """Django's ``linebreaksbr`` filter for the Jinja2 pages: escaped unless safe
    already, each line break a ``<br>``; a fifth of the cost, and the routine shows
    about twenty such texts."""
    lines = str(escape(text)).replace("\r\n", "\n").replace("\r", "\n")
    return Markup(lines.replace("\n", "<br>"))  # noqa: S704 (escaped above)


def duration(seconds: int | datetime.timedelta) -> str:
    """Human duration: "45 seconds", "1 minute", "2 minutes 30 seconds"."""
    if isinstance(seconds, datetime.timedelta):
        seconds = int(seconds.total_seconds())
    minutes, rest = divmod(int(seconds), 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def picture(
    image,
    alt: str,
    width: int | None,
    height: int | None,
    *,
    sizes: str,
    widths: str = "320,480,640,960",
    loading: str = "lazy",
) -> SafeString:
    """A responsive <picture>: WebP first, the original format as fallback.

    ``width``/``height`` are the original's stored size: they set the aspect
    ratio (no layout shift) and cap the widths offered (never upscaled).
    """
    if not image:
        return mark_safe("")
    if not width or not height:
        return format_html(
            '<img src="{}" alt="{}" loading="{}" decoding="async">',
            image.url,
            alt,
            loading,
        )
    return _picture(image.name, alt, width, height, sizes, widths, loading)


@functools.lru_cache(maxsize=1024)
def _picture(
    name: str, alt: str, width: int, height: int, sizes: str, widths: str, loading: str
) -> SafeString:
    """The markup depends on these values alone, so each is built once per process
    (about 70 µs each, nine on the article page)."""
    wanted = [int(w) for w in widths.split(",")]
    offered = sorted({min(w, width) for w in wanted if w <= width} or {min(wanted)})
    if width > offered[-1] and any(w > width for w in wanted):
        offered.append(min(w for w in wanted if w > width))
    fallback = renditions.fallback_format(name)

    def srcset(fmt: str) -> str:
        return ", ".join(
            f"{renditions.rendition_url(name, w, fmt)} {min(w, width)}w"
            for w in offered
        )

    default = offered[len(offered) // 2]
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async"></picture>',
        srcset("webp"),
        sizes,
        renditions.rendition_url(name, default, fallback),
        srcset(fallback),
        sizes,
        width,
        height,
        alt,
        loading,
    )
