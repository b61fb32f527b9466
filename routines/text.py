"""Editors' Markdown turned into safe HTML.

Markdown may carry raw HTML, so the rendered result always goes through nh3 (the
Ammonia sanitizer): only a small set of tags and attributes survives, links get
``rel="noopener noreferrer"`` and ``javascript:`` addresses are dropped.
"""

import functools

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "dl", "dt", "em", "h2",
    "h3", "h4", "hr", "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@functools.lru_cache(maxsize=256)
def render_markdown(text: str) -> str:
    """Return sanitized HTML for ``text``; safe to mark as safe in a template.

    Rendering takes milliseconds and the same body is rendered on every view,
    so results are kept per process, keyed by the text itself.
    """
    html = markdown.markdown(text, extensions=["extra", "sane_lists"])
    return sanitize_html(html)


def sanitize_html(html: str) -> str:
    """Only the tags and attributes the site allows; safe links (nh3)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def human_size(size: int) -> str:
    """File size as readers expect it on a link: "340 KB", "4.2 MB", "48 MB"."""
    if size < 1024:
        return f"{size} bytes" if size != 1 else "1 byte"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            break
    if unit == "KB" or size >= 10:
        return f"{round(size)} {unit}"
    return f"{size:.1f} {unit}"


def pdf_label(pages: int, size: int) -> str:
    """What a download link says the file is: "PDF, 2 pages, 340 KB"."""
    return f"PDF, {'1 page' if pages == 1 else f'{pages} pages'}, {human_size(size)}"
