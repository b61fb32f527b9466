"""The handout generated from a routine's own data, so it never drifts from the page.

``routine_handout_data`` reads everything the handout shows in one query: the
routine, each step with its point (picture, how to find it, technique, side,
time, cautions), the disclaimer and last-reviewed date of the article that
features it, and the page's address. ``fingerprint`` is the sha256 of that data,
serialized. ``ensure_generated_handout`` rebuilds and stores the PDF only when
the stored fingerprint differs, so any change to the routine, its steps or its
points gives a new PDF on the next request, without signals or jobs.

Accessibility, as far as fpdf2 2.8 allows: document title (shown by viewers
instead of the file name), author, subject, keywords and language; every heading
is a bookmark (the outline nests steps under the title); the PDF is tagged
(``/MarkInfo``, a structure tree in reading order: H1, H2, P and Figure, each
picture with its alt text), and the running footer is marked as an artifact.
fpdf2 builds a flat structure tree (no nested L/LI list tags, no Link
elements), so the web page stays the accessible original and the handout links
back to it.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import json
import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import reportlab
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Case, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils.translation import to_locale
from fontTools.ttLib import TTFont
from fpdf import FPDF, ViewerPreferences
from fpdf.enums import MethodReturnValue, XPos, YPos
from PIL import Image
from pypdf import PdfReader

from .models import DEFAULT_DISCLAIMER, Article, Point, Routine, Side, plain_lines
from .templating import duration

# fpdf2 subsets the font with fontTools, which logs every table at INFO.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

__all__ = [
    "BUILDER_VERSION",
    "build_handout_pdf",
    "current_fingerprint",
    "ensure_generated_handout",
    "fingerprint",
    "is_built",
    "routine_handout_data",
]

# Part of the fingerprint: raise it when the layout changes, so every stored
# handout is rebuilt on its next request.
BUILDER_VERSION = 1

# Bitstream Vera ships inside ReportLab (already a dependency): a Unicode
# TrueType font that is embedded, so the text can be searched and read aloud.
FONT_DIR = Path(reportlab.__file__).parent / "fonts"
FONT_FILES = {"": "Vera.ttf", "B": "VeraBd.ttf"}

NAVY = (20, 48, 92)
INK = (33, 33, 38)
GREY = (85, 80, 74)
BOX = (244, 241, 234)
BOX_LINE = (201, 193, 178)

MARGIN = 40  # points
PICTURE_WIDTH = 110  # points
PICTURE_GAP = 12
PICTURE_MAX_PIXELS = 480  # about 300 dpi at the printed width
BODY_SIZE = 10
LINE = 13.5  # leading of body text


# --- The data ------------------------------------------------------------------


def _featuring_article() -> Any:
    """The article whose disclaimer and review date the handout carries.

    A public article first (the latest), so readers get what its page says;
    staff previewing a routine no public article features get the latest draft.
    """
    public = Q(pk__in=Article.objects.published().values("pk"))
    return (
        Article.objects.filter(featured_routine=OuterRef("pk"))
        .annotate(
            public_first=Case(
                When(public, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("public_first", F("publish_at").desc(nulls_last=True), "-pk")
    )


ROUTINE_FIELDS = [
    "title",
    "slug",
    "summary",
    "condition",
    "instructor_name",
    "instructor_credentials",
    "instructor_affiliation",
]
STEP_FIELDS = ["order", "side", "duration_seconds", "instruction"]
POINT_FIELDS = [
    "code",
    "pinyin_name",
    "english_name",
    "location",
    "technique",
    "cautions",
    "picture",
    "picture_alt",
    "picture_width",
    "picture_height",
]


def routine_handout_data(routine: Routine, *, site_url: str) -> dict[str, Any]:
    """Everything the handout shows, read in one query (one row per step)."""
    article = _featuring_article()
    rows = list(
        Routine.objects.filter(pk=routine.pk)
        .annotate(
            article_disclaimer=Subquery(article.values("disclaimer")[:1]),
            article_last_reviewed=Subquery(article.values("last_reviewed")[:1]),
        )
        .values(
            *ROUTINE_FIELDS,
            "article_disclaimer",
            "article_last_reviewed",
            *(f"steps__{name}" for name in STEP_FIELDS),
            *(f"steps__point__{name}" for name in POINT_FIELDS),
        )
        .order_by("steps__order")
    )
    if not rows:
        raise Routine.DoesNotExist(routine.pk)
    first = rows[0]
    last_reviewed = first["article_last_reviewed"]
    steps = [
        {
            **{name: row[f"steps__{name}"] for name in STEP_FIELDS},
            "side_label": Side(row["steps__side"]).label,
            "point": {name: row[f"steps__point__{name}"] for name in POINT_FIELDS},
        }
        for row in rows
        if row["steps__order"] is not None
    ]
    return {
        "builder": BUILDER_VERSION,
        **{name: first[name] for name in ROUTINE_FIELDS},
        "disclaimer": first["article_disclaimer"] or DEFAULT_DISCLAIMER,
        "last_reviewed": last_reviewed.isoformat() if last_reviewed else None,
        "url": site_url.rstrip("/") + routine.get_absolute_url(),
        "steps": steps,
    }


def fingerprint(data: dict[str, Any]) -> str:
    """sha256 of the data, serialized the same way every time."""
    serialized = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(serialized.encode()).hexdigest()


# --- The PDF -------------------------------------------------------------------


@functools.cache
def _font_characters() -> frozenset[int]:
    with TTFont(FONT_DIR / FONT_FILES[""]) as font:
        return frozenset(font.getBestCmap())


def _printable(text: str) -> str:
    """Keep what the font can draw; otherwise drop accents, else a "?"."""
    known = _font_characters()
    out = []
    for char in text:
        if ord(char) in known or char in "\n\t":
            out.append(char)
            continue
        plain = "".join(
            c
            for c in unicodedata.normalize("NFKD", char)
            if not unicodedata.combining(c)
        )
        out.append(plain if plain and all(ord(c) in known for c in plain) else "?")
    return "".join(out)


def _long_date(value: str) -> str:
    day = datetime.date.fromisoformat(value)
    return f"{day:%B} {day.day}, {day.year}"


class HandoutPDF(FPDF):
    """fpdf2 with tagged paragraphs and headings that never break across pages."""

    def __init__(self, *, title: str, url: str) -> None:
        super().__init__(orientation="portrait", unit="pt", format="letter")
        self.handout_title = title
        self.handout_url = url
        for style, name in FONT_FILES.items():
            self.add_font("Vera", style=style, fname=str(FONT_DIR / name))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 14)
        self.set_text_color(*INK)

    @contextmanager
    def tagged(self, tag: str) -> Iterator[None]:
        """Mark what is drawn inside as one structure element (H1, H2, P)."""
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        self._add_marked_content(struct_type=f"/{tag}", mcid=mcid)
        page = self.page
        self._out(f"/{tag} <</MCID {mcid}>> BDC")
        yield
        self._out("EMC")
        if self.page != page:  # _fit() should have prevented it
            raise RuntimeError("a tagged block ran over a page break")

    def footer(self) -> None:
        """Title, page number and address on every page, marked as an artifact."""
        self._out("/Artifact <</Type /Pagination>> BDC")
        self.set_y(-MARGIN)
        self.set_draw_color(*BOX_LINE)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.y - 4, self.w - self.r_margin, self.y - 4)
        self.set_font("Vera", size=8)
        self.set_text_color(*GREY)
        left = _printable(f"{self.handout_title} \u00b7 page {self.page_no()}")
        self.cell(0, 10, left, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 10, _printable(self.handout_url), align="R")
        self.set_text_color(*INK)
        self._out("EMC")

    def _lines(self, text: str, width: float, height: float) -> list[str]:
        return self.multi_cell(
            width, height, text, dry_run=True, output=MethodReturnValue.LINES
        )

    def _room(self) -> float:
        return self.page_break_trigger - self.y

    def _fit(self, height: float) -> None:
        """Start a new page unless ``height`` fits (at most a whole page)."""
        usable = self.page_break_trigger - self.t_margin
        if self._room() < min(height, usable):
            self.add_page()

    def heading(self, text: str, *, level: int, size: float, keep: float) -> None:
        """A heading (H1/H2) that is a bookmark, kept with ``keep`` points after."""
        text = _printable(text)
        self.set_font("Vera", "B", size)
        height = size * 1.25
        self.set_x(self.l_margin)
        lines = self._lines(text, 0, height)
        self._fit(len(lines) * height + keep)
        self.start_section(text, level=level)
        self.set_text_color(*NAVY)
        with self.tagged(f"H{level + 1}"):
            self.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def paragraph(
        self,
        text: str,
        *,
        x: float | None = None,
        size: float = BODY_SIZE,
        bold: bool = False,
        color: tuple[int, int, int] = INK,
        after: float = 3,
        link: str = "",
    ) -> None:
        """A tagged paragraph; a long one is split at page breaks (one P each)."""
        x = self.l_margin if x is None else x
        width = self.w - self.r_margin - x
        height = LINE * size / BODY_SIZE
        self.set_font("Vera", "B" if bold else "", size)
        self.set_text_color(*color)
        lines = self._lines(_printable(text), width, height)
        while lines:
            fits = int(self._room() // height)
            if fits < min(2, len(lines)):
                self.add_page()
                continue
            chunk, lines = lines[:fits], lines[fits:]
            self.set_x(x)
            with self.tagged("P"):
                self.multi_cell(
                    width,
                    height,
                    "\n".join(chunk),
                    new_x=XPos.LEFT,
                    new_y=YPos.NEXT,
                    link=link,
                )
        self.set_text_color(*INK)
        self.ln(after)


def _picture(name: str) -> Image.Image | None:
    """The point's picture, scaled down for print; None when it is missing."""
    storage = Point._meta.get_field("picture").storage
    if not name or not storage.exists(name):
        return None
    with storage.open(name, "rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
    image.thumbnail((PICTURE_MAX_PIXELS, PICTURE_MAX_PIXELS))
    return image.convert("RGB") if image.mode not in ("RGB", "L") else image


def _step(pdf: HandoutPDF, step: dict[str, Any]) -> None:
    point = step["point"]
    picture = _picture(point["picture"])
    heading = (
        f"Step {step['order']}: {point['code']} {point['pinyin_name']} "
        f"({point['english_name']})"
    )
    picture_height = 0.0
    if picture is not None:
        picture_height = PICTURE_WIDTH * picture.height / picture.width
    # Keep the heading with the picture (or the first lines of text).
    pdf.heading(heading, level=1, size=12.5, keep=max(picture_height, 3 * LINE))
    top, page = pdf.y, pdf.page
    text_x = pdf.l_margin
    if picture is not None:
        pdf.image(
            picture,
            x=pdf.l_margin,
            y=top,
            w=PICTURE_WIDTH,
            alt_text=point["picture_alt"],
        )
        text_x = pdf.l_margin + PICTURE_WIDTH + PICTURE_GAP
        pdf.set_y(top)
    facts = f"Side: {step['side_label']}. Time: {duration(step['duration_seconds'])}."
    pdf.paragraph(facts, x=text_x, bold=True)
    if step["instruction"].strip():
        pdf.paragraph(step["instruction"].strip(), x=text_x)
    pdf.paragraph("How to find it:", x=text_x, bold=True, after=0)
    for number, line in enumerate(plain_lines(point["location"]), start=1):
        pdf.paragraph(f"{number}. {line}", x=text_x, after=0)
    pdf.ln(3)
    pdf.paragraph(f"How to press: {point['technique'].strip()}", x=text_x)
    if point["cautions"].strip():
        pdf.paragraph(f"Cautions: {point['cautions'].strip()}", x=text_x)
    if picture is not None and pdf.page == page and pdf.y < top + picture_height:
        pdf.set_y(top + picture_height)
    pdf.ln(6)


def build_handout_pdf(data: dict[str, Any]) -> bytes:
    """Lay out the handout for ``data`` (from ``routine_handout_data``)."""
    title = f"{data['title']}: handout"
    pdf = HandoutPDF(title=data["title"], url=data["url"])
    pdf.set_title(title)
    pdf.set_author(settings.SITE_NAME)
    pdf.set_subject(data["summary"])
    pdf.set_keywords(["self-care", "acupressure", "handout", data["condition"]])
    pdf.set_creator(f"{settings.SITE_NAME}, generated from {data['url']}")
    pdf.set_lang(to_locale(settings.LANGUAGE_CODE).replace("_", "-"))  # "en-US"
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.add_page()

    pdf.heading(data["title"], level=0, size=20, keep=3 * LINE)
    pdf.paragraph(data["summary"], size=11)
    total = sum(step["duration_seconds"] for step in data["steps"])
    meta = f"{len(data['steps'])} points, about {duration(total)} of pressing in all."
    if data["instructor_name"]:
        teacher = ", ".join(
            part
            for part in (data["instructor_name"], data["instructor_credentials"])
            if part
        )
        if data["instructor_affiliation"]:
            teacher += f" ({data['instructor_affiliation']})"
        meta += f" Taught by {teacher}."
    pdf.paragraph(meta, color=GREY, after=8)

    for step in data["steps"]:
        _step(pdf, step)

    pdf.heading("Important", level=1, size=12.5, keep=4 * LINE)
    pdf.paragraph(data["disclaimer"])
    if data["last_reviewed"]:
        pdf.paragraph(f"Last reviewed: {_long_date(data['last_reviewed'])}")
    pdf.paragraph("Read this routine online, with pictures you can enlarge:", after=0)
    pdf.paragraph(data["url"], color=NAVY, link=data["url"])
    return bytes(pdf.output())


# --- Storing it ----------------------------------------------------------------


def _store(routine: Routine, pdf: bytes, digest: str, pages: int) -> None:
    old = routine.generated_handout.name
    routine.generated_handout.save(
        f"{routine.slug}-{digest[:12]}.pdf", ContentFile(pdf), save=False
    )
    routine.generated_handout_pages = pages
    routine.generated_handout_size = len(pdf)
    routine.generated_handout_fingerprint = digest
    routine.save(
        update_fields=[
            "generated_handout",
            "generated_handout_pages",
            "generated_handout_size",
            "generated_handout_fingerprint",
        ]
    )
    if old and old != routine.generated_handout.name:
        storage = routine.generated_handout.storage
        transaction.on_commit(lambda: storage.delete(old))


def current_fingerprint(routine: Routine, *, site_url: str) -> str:
    """The fingerprint the handout must have to match the page now (one query)."""
    return fingerprint(routine_handout_data(routine, site_url=site_url))


def is_built(routine: Routine, digest: str) -> bool:
    stored = routine.generated_handout
    return bool(
        routine.generated_handout_fingerprint == digest
        and stored
        and stored.storage.exists(stored.name)
    )


def ensure_generated_handout(routine: Routine, *, site_url: str) -> Routine:
    """Return the routine with an up-to-date handout, building it if needed.

    Unchanged data costs one query and no build. The row is locked while
    building, so two workers at once build it once. Readers' requests never
    call this: ``routines.tasks.rebuild_generated_handout`` does.
    """
    data = routine_handout_data(routine, site_url=site_url)
    digest = fingerprint(data)
    if is_built(routine, digest):
        return routine
    with transaction.atomic():
        locked = Routine.objects.select_for_update().get(pk=routine.pk)
        if not is_built(locked, digest):
            pdf = build_handout_pdf(data)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            _store(locked, pdf, digest, pages)
    return locked
