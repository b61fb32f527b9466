"""Template filters for content pages."""

import datetime

from django import template
from django.utils.safestring import SafeString, mark_safe

from routines.text import human_size, render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text or ""))  # noqa: S308 (sanitized by nh3)


@register.filter
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


@register.filter
def iso_duration(seconds: int) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"PT{minutes}M{rest}S" if minutes else f"PT{rest}S"


@register.filter
def filesize(size: int) -> str:
    return human_size(size)
