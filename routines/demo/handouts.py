"""Printable handout PDFs for the demo content, built with ReportLab.

``build_handout_pdf`` lays out any handout: a title, an intro, sections with
an optional small picture beside them, a disclaimer box and the web address
of the page. ``routine_handout_pdf`` and ``posture_handout_pdf`` build the two
demo handouts from ``content.py`` only.

Accessibility, as far as open-source ReportLab allows: the document info has
a title, author, subject and keywords; the catalogue has a language; viewers
show the title instead of the file name; every heading is a bookmark, nested
as in the page (title, then sections). ReportLab cannot write tagged PDF
structure, so the web page stays the accessible original and the handout
links back to it.

The output is deterministic: ReportLab's ``invariant`` mode leaves out the
creation date and the random document ID.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .content import (
    ARTICLES_BY_SLUG,
    DEMO_SITE_URL,
    POINTS_BY_CODE,
    POSTURE_INTRO,
    POSTURE_SECTIONS,
    RED_FLAGS_EMERGENCY,
    RED_FLAGS_SOON,
    ROUTINES_BY_SLUG,
    SAFETY_TIPS,
)
from .pictures import draw_point_picture

__all__ = [
    "AUTHOR",
    "article_url",
    "build_handout_pdf",
    "posture_handout_pdf",
    "routine_handout_pdf",
]

AUTHOR = "Acupressure Self-Care project (demo)"
POSTURE_ARTICLE = "sitting-and-standing-alignment"

NAVY = colors.HexColor("#14305C")
INK = colors.HexColor("#212126")
GREY = colors.HexColor("#55504A")
BOX = colors.HexColor("#F4F1EA")
BOX_LINE = colors.HexColor("#C9C1B2")

PICTURE_WIDTH = 1.4 * inch
PICTURE_SIZE = (400, 300)  # pixels of the point pictures put in the handout
LABEL_MAX = 24  # a leading "Label:" up to this length is set in bold
TWO_COLUMN_MIN_ITEMS = 5
TWO_COLUMN_MAX_CHARS = 100

_SIDES = {
    "both": "both sides",
    "left": "left side",
    "right": "right side",
    "centre": "centre of the body",
}


def _styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles: a clear type scale in built-in Helvetica."""
    body = ParagraphStyle(
        "Body",
        fontName="Helvetica",
        fontSize=9,
        leading=11.3,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=2,
    )
    return {
        "body": body,
        "intro": ParagraphStyle(
            "Intro", parent=body, fontSize=10, leading=13, spaceAfter=2
        ),
        "h1": ParagraphStyle(
            "Heading1",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=18,
            leading=22,
            textColor=NAVY,
            spaceAfter=4,
        ),
        "h2": ParagraphStyle(
            "Heading2",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=11.5,
            leading=14,
            textColor=NAVY,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=True,
        ),
        "bullet": ParagraphStyle("Bullet", parent=body, spaceAfter=1),
        "small": ParagraphStyle(
            "Small", parent=body, fontSize=8.5, leading=11, textColor=GREY
        ),
        "box": ParagraphStyle("Box", parent=body, fontSize=9, leading=11.8),
    }


class _Heading(Paragraph):
    """A paragraph that becomes a PDF bookmark at the given outline level."""

    def __init__(self, text: str, style: ParagraphStyle, level: int) -> None:
        super().__init__(escape(text), style)
        self.outline_title = text
        self.outline_level = level


class _HandoutDoc(SimpleDocTemplate):
    """A document that turns headings into nested bookmarks."""

    def afterFlowable(self, flowable: Flowable) -> None:  # ReportLab hook
        if isinstance(flowable, _Heading):
            key = f"h{self.seq.nextf('heading')}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(
                flowable.outline_title, key, level=flowable.outline_level
            )


def _markup(item: str) -> str:
    """Escape an item for ReportLab and bold a short leading "Label:"."""
    label, sep, rest = item.partition(": ")
    if sep and len(label) <= LABEL_MAX and "." not in label:
        return f"<b>{escape(label)}:</b> {escape(rest)}"
    return escape(item)


def _items(items: Sequence[str], styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Turn section items into paragraphs; "- " items become a bullet list."""
    flowables: list[Flowable] = []
    bullets: list[ListItem] = []

    def flush() -> None:
        if bullets:
            flowables.append(
                ListFlowable(
                    list(bullets),
                    bulletType="bullet",
                    start="\u2022",
                    leftIndent=12,
                    bulletFontSize=9,
                    bulletColor=NAVY,
                )
            )
            bullets.clear()

    for item in items:
        if item.startswith("- "):
            bullets.append(ListItem(Paragraph(_markup(item[2:]), styles["bullet"])))
        else:
            flush()
            flowables.append(Paragraph(_markup(item), styles["body"]))
    flush()
    return flowables


def _two_columns(items: Sequence[str]) -> bool:
    """Set a list in two columns when it has 5 or more short bullets."""
    return (
        len(items) >= TWO_COLUMN_MIN_ITEMS
        and all(item.startswith("- ") for item in items)
        and all(len(item) <= TWO_COLUMN_MAX_CHARS for item in items)
    )


def _picture(png: bytes) -> Image:
    """A small picture, scaled to PICTURE_WIDTH, keeping its shape."""
    image = Image(io.BytesIO(png))
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth = PICTURE_WIDTH
    image.drawHeight = PICTURE_WIDTH * ratio
    return image


def _page_decor(title: str, url: str) -> Callable[[Canvas, Any], None]:
    """Return the footer painter: title and page number left, address right."""

    def decorate(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(GREY)
        y = 0.42 * inch
        canvas.drawString(doc.leftMargin, y, f"{title} \u00b7 page {doc.page}")
        canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, y, url)
        canvas.setStrokeColor(BOX_LINE)
        canvas.setLineWidth(0.6)
        canvas.line(doc.leftMargin, y + 11, doc.pagesize[0] - doc.rightMargin, y + 11)
        canvas.restoreState()

    return decorate


def build_handout_pdf(
    *,
    title: str,
    intro: str,
    sections: list[tuple[str, list[str]]],
    disclaimer: str,
    url: str,
    lang: str = "en",
    pictures: dict[str, bytes] | None = None,
) -> bytes:
    """Return a handout as PDF bytes.

    ``sections`` is a list of (heading, items). An item that starts with
    "- " is a bullet; a short leading "Label:" is set in bold. ``pictures``
    maps a section heading to a PNG shown small beside that section. The
    disclaimer goes in a box at the end, followed by the page address.
    """
    pictures = pictures or {}
    styles = _styles()
    buffer = io.BytesIO()
    doc = _HandoutDoc(
        buffer,
        pagesize=LETTER,
        leftMargin=0.55 * inch,
        rightMargin=0.55 * inch,
        topMargin=0.5 * inch,
        bottomMargin=0.65 * inch,
        title=title,
        author=AUTHOR,
        subject=intro.split(". ")[0].rstrip(".") + ".",
        keywords=["self-care", "handout", title],
        creator="Acupressure Self-Care demo content",
        invariant=1,
        lang=lang,
        displayDocTitle=True,
    )
    story: list[Flowable] = [
        _Heading(title, styles["h1"], level=0),
        Paragraph(escape(intro), styles["intro"]),
    ]
    text_width = doc.width - PICTURE_WIDTH - 0.15 * inch
    for heading, items in sections:
        head = _Heading(heading, styles["h2"], level=1)
        body = _items(items, styles)
        if _two_columns(items):
            half = (len(items) + 1) // 2
            table = Table(
                [[_items(items[:half], styles), _items(items[half:], styles)]],
                colWidths=[doc.width / 2, doc.width / 2],
                style=TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 6),
                        ("RIGHTPADDING", (0, 0), (0, -1), 10),
                        ("RIGHTPADDING", (1, 0), (1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ]
                ),
            )
            story.append(KeepTogether([head, table]))
        elif heading in pictures:
            table = Table(
                [[_picture(pictures[heading]), body]],
                colWidths=[PICTURE_WIDTH + 0.15 * inch, text_width],
                style=TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                    ]
                ),
            )
            story.append(KeepTogether([head, table]))
        else:
            story += [head, *body]
    notice = Table(
        [[Paragraph(f"<b>Please note:</b> {escape(disclaimer)}", styles["box"])]],
        colWidths=[doc.width],
        style=TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), BOX),
                ("BOX", (0, 0), (-1, -1), 0.8, BOX_LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        ),
    )
    link = escape(url)
    story += [
        Spacer(1, 8),
        notice,
        Spacer(1, 5),
        Paragraph(
            f'Read this page online: <a href="{link}" '
            f'color="#14305C"><u>{link}</u></a>',
            styles["small"],
        ),
    ]
    decorate = _page_decor(title, url)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def article_url(slug: str, base_url: str = DEMO_SITE_URL) -> str:
    """The address printed on a handout for the article ``slug``."""
    return f"{base_url.rstrip('/')}/articles/{slug}/"


def _seconds(value: int) -> str:
    """Say a duration in plain words: "30 seconds", "1 minute", "90 seconds"."""
    if value % 60 == 0:
        minutes = value // 60
        return f"{minutes} minute" + ("s" if minutes != 1 else "")
    return f"{value} seconds"


def _without_general_caution(text: str) -> str:
    """Drop the caution that every point repeats (it is in "Stay safe")."""
    general = "Do not press on broken, bruised or swollen skin. Stop if it hurts."
    return text.replace(general, "").strip()


def routine_handout_sections(
    slug_of_article: str = "acupressure-for-low-back-pain",
) -> tuple[list[tuple[str, list[str]]], dict[str, bytes]]:
    """The sections and pictures of a routine handout, from content.py."""
    article = ARTICLES_BY_SLUG[slug_of_article]
    routine = ROUTINES_BY_SLUG[article["featured_routine"]]
    steps = sorted(routine["steps"], key=lambda step: step["order"])
    sections: list[tuple[str, list[str]]] = []
    pictures: dict[str, bytes] = {}
    for step in steps:
        point = POINTS_BY_CODE[step["point"]]
        heading = (
            f"Step {step['order']}: {point['code']} "
            f"{point['pinyin_name']} ({point['english_name']})"
        )
        items = [
            "Find it: " + " ".join(point["location"].splitlines()),
            f"Press: {point['technique']}",
            f"Time: {_seconds(step['duration_seconds'])} in all, "
            f"{_SIDES[step['side']]}.",
        ]
        caution = _without_general_caution(point["cautions"])
        if caution:
            items.append(f"Caution: {caution}")
        sections.append((heading, items))
        pictures[heading] = draw_point_picture(point["code"], size=PICTURE_SIZE)
    sections += [
        ("Stay safe", [f"- {tip}" for tip in SAFETY_TIPS]),
        (
            "Call 911 or go to the emergency room if you have back pain and:",
            [f"- {flag}" for flag in RED_FLAGS_EMERGENCY],
        ),
        (
            "See your doctor or nurse soon if:",
            [f"- {flag}" for flag in RED_FLAGS_SOON],
        ),
    ]
    return sections, pictures


def routine_handout_pdf(
    slug_of_article: str = "acupressure-for-low-back-pain",
    *,
    url: str | None = None,
) -> bytes:
    """The 2-page handout for an article's featured routine."""
    article = ARTICLES_BY_SLUG[slug_of_article]
    routine = ROUTINES_BY_SLUG[article["featured_routine"]]
    sections, pictures = routine_handout_sections(slug_of_article)
    intro = (
        f"{routine['summary']} It is not a cure and does not replace your "
        "doctor's advice. Sit or lie down and breathe slowly. Press with your "
        "thumb or a fingertip, firmly but gently: a dull ache is fine, but it "
        "should never hurt. You can repeat the routine up to 5 times a day. "
        "Give it a few weeks before you decide if it helps."
    )
    return build_handout_pdf(
        title=article["title"],
        intro=intro,
        sections=sections,
        disclaimer=article["disclaimer"],
        url=url or article_url(slug_of_article),
        lang=article["handout"]["language"],
        pictures=pictures,
    )


def posture_handout_pdf(*, url: str | None = None) -> bytes:
    """The 1-page sitting and standing handout."""
    article = ARTICLES_BY_SLUG[POSTURE_ARTICLE]
    sections = [
        (heading, [f"- {item}" for item in items])
        for heading, items in POSTURE_SECTIONS
    ]
    sections.append(
        (
            "Call 911 or go to the emergency room if you have back pain and:",
            [f"- {flag}" for flag in RED_FLAGS_EMERGENCY],
        )
    )
    return build_handout_pdf(
        title=article["title"],
        intro=POSTURE_INTRO,
        sections=sections,
        disclaimer=article["disclaimer"],
        url=url or article_url(POSTURE_ARTICLE),
        lang=article["handout"]["language"],
    )
