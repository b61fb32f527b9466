"""Tests for the demo content data, point pictures and handout PDFs.

These need no database: they only read routines.demo (plain Python).
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader

from routines.demo import content, handouts, pictures

ROUTINE = content.ROUTINES[0]
STEPS = sorted(ROUTINE["steps"], key=lambda step: step["order"])
ACUPRESSURE = content.ARTICLES_BY_SLUG["acupressure-for-low-back-pain"]
POSTURE = content.ARTICLES_BY_SLUG["sitting-and-standing-alignment"]
CODES = [point["code"] for point in content.POINTS]
TIMESTAMP = r"(\d{2}):(\d{2}):(\d{2})\.(\d{3})"
CUE_TIMING = re.compile(rf"^{TIMESTAMP} --> {TIMESTAMP}$", re.MULTILINE)


@pytest.fixture(scope="module")
def routine_pdf() -> bytes:
    return handouts.routine_handout_pdf()


@pytest.fixture(scope="module")
def posture_pdf() -> bytes:
    return handouts.posture_handout_pdf()


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, with runs of white space made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in reader.pages
    )


def seconds(hours: str, minutes: str, secs: str, millis: str) -> float:
    return int(hours) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


# --- Pictures -----------------------------------------------------------------


@pytest.mark.parametrize("code", CODES)
def test_every_point_gets_a_png_that_pillow_verifies(code):
    data = pictures.draw_point_picture(code)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == (800, 600)
        assert image.mode == "RGB"


def test_point_picture_has_the_requested_size():
    data = pictures.draw_point_picture("LI 4", size=(400, 300))
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (400, 300)


def test_point_pictures_are_deterministic():
    for code in CODES:
        assert pictures.draw_point_picture(code) == pictures.draw_point_picture(code)


def test_each_point_has_its_own_picture():
    drawn = {pictures.draw_point_picture(code, size=(200, 150)) for code in CODES}
    assert len(drawn) == len(CODES)


def test_point_picture_shows_the_marker_colours():
    """The ringed marker (dark ring, orange dot) is really drawn."""
    data = pictures.draw_point_picture("BL 23")
    with Image.open(io.BytesIO(data)) as image:
        colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    assert pictures.MARKER_DOT in colours
    assert pictures.MARKER_RING in colours


def test_unknown_point_has_no_picture():
    with pytest.raises(KeyError):
        pictures.draw_point_picture("XX 99")


@pytest.mark.parametrize("slug", [article["slug"] for article in content.ARTICLES])
def test_hero_pictures_are_deterministic_pngs_of_the_requested_size(slug):
    data = pictures.draw_hero_picture(slug, size=(800, 450))
    assert data == pictures.draw_hero_picture(slug, size=(800, 450))
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (800, 450)


# --- Content data ---------------------------------------------------------------


def test_every_routine_step_refers_to_a_known_point():
    for step in ROUTINE["steps"]:
        assert step["point"] in CODES


def test_routine_step_orders_run_from_one_without_gaps_or_repeats():
    orders = [step["order"] for step in ROUTINE["steps"]]
    assert sorted(orders) == list(range(1, len(orders) + 1))


def test_routine_has_seven_or_eight_steps_with_sensible_timing():
    assert len(ROUTINE["steps"]) in (7, 8)
    for step in ROUTINE["steps"]:
        assert 30 <= step["duration_seconds"] <= 120
        assert step["side"] in {"left", "right", "both", "centre"}


def test_every_point_has_real_alt_text_that_fits_the_field():
    for point in content.POINTS:
        alt = point["picture_alt"].strip()
        assert len(alt.split()) >= 5, point["code"]
        assert not re.search(r"\.(png|jpe?g|gif|svg|webp)$", alt, re.IGNORECASE)
        assert len(alt) <= 250  # Point.picture_alt max_length


def test_points_have_known_regions_and_one_location_step_per_line():
    for point in content.POINTS:
        assert point["body_region"] in {"hand", "back", "leg", "ankle", "hip"}
        lines = point["location"].splitlines()
        assert len(lines) >= 3 and all(line.strip() for line in lines)


def test_pregnancy_cautions_are_given_for_the_points_that_need_them():
    for code in ("LI 4", "BL 60", "BL 57"):
        assert "pregnant" in content.POINTS_BY_CODE[code]["cautions"]


def test_demo_text_never_claims_to_reduce_inflammation_or_cure():
    texts = [a["body"] + a["summary"] + a["video_transcript"] for a in content.ARTICLES]
    texts += [p["technique"] + p["cautions"] for p in content.POINTS]
    for text in texts:
        assert "inflammation" not in text.lower()
        assert "cures " not in text.lower()


def test_articles_refer_to_known_topics_and_routines():
    topic_slugs = {topic["slug"] for topic in content.TOPICS}
    for article in content.ARTICLES:
        assert set(article["topics"]) <= topic_slugs
        if article["featured_routine"]:
            assert article["featured_routine"] in content.ROUTINES_BY_SLUG


def test_captions_are_webvtt_with_increasing_cue_times():
    captions = ACUPRESSURE["video_captions"]
    assert captions.startswith("WEBVTT\n\n")
    cues = CUE_TIMING.findall(captions)
    assert 10 <= len(cues) <= 20
    previous_end = -1.0
    for cue in cues:
        start, end = seconds(*cue[:4]), seconds(*cue[4:])
        assert previous_end <= start < end
        previous_end = end


def test_captions_match_the_transcript():
    blocks = ACUPRESSURE["video_captions"].split("\n\n")[1:]
    caption_words = " ".join(
        " ".join(block.splitlines()[1:]) for block in blocks if block.strip()
    ).split()
    assert caption_words == ACUPRESSURE["video_transcript"].split()


# --- Handouts ---------------------------------------------------------------------


def test_routine_handout_is_a_two_page_pdf(routine_pdf):
    assert routine_pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(routine_pdf))
    assert len(reader.pages) == 2


def test_routine_handout_lists_every_step_in_order(routine_pdf):
    text = pdf_text(routine_pdf)
    positions = []
    for step in STEPS:
        heading = f"Step {step['order']}: {step['point']} "
        assert heading in text
        positions.append(text.index(heading))
    assert positions == sorted(positions)


def test_routine_handout_carries_the_disclaimer_and_red_flags(routine_pdf):
    text = pdf_text(routine_pdf)
    first_words = " ".join(ACUPRESSURE["disclaimer"].split()[:8])
    assert first_words in text
    assert "Call 911" in text
    assert (
        "https://selfcare.example.org/articles/acupressure-for-low-back-pain/" in text
    )


def test_routine_handout_has_document_info_language_and_bookmarks(routine_pdf):
    reader = PdfReader(io.BytesIO(routine_pdf))
    assert reader.metadata.title == ACUPRESSURE["title"]
    assert reader.metadata.author
    assert reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    outline = reader.outline  # the title, then its nested sections
    assert outline[0].title == ACUPRESSURE["title"]
    sections = [item.title for item in outline[1]]
    assert sections[0].startswith(f"Step 1: {STEPS[0]['point']} ")
    assert sections[-1] == "See your doctor or nurse soon if:"
    assert len(sections) == len(STEPS) + 3  # steps, safety, two red-flag lists


def test_routine_handout_embeds_a_picture_per_step(routine_pdf):
    reader = PdfReader(io.BytesIO(routine_pdf))
    images = sum(len(page.images) for page in reader.pages)
    assert images == len(STEPS)


def test_handouts_are_deterministic(routine_pdf, posture_pdf):
    assert handouts.routine_handout_pdf() == routine_pdf
    assert handouts.posture_handout_pdf() == posture_pdf


def test_posture_handout_is_a_short_pdf_with_its_title(posture_pdf):
    reader = PdfReader(io.BytesIO(posture_pdf))
    assert 1 <= len(reader.pages) <= 2
    assert reader.metadata.title == POSTURE["title"]
    text = pdf_text(posture_pdf)
    assert POSTURE["title"] in text
    assert "15 to 30 inches" in text


def test_build_handout_pdf_escapes_text_and_uses_the_language():
    data = handouts.build_handout_pdf(
        title="Tips & <tricks>",
        intro="An intro.",
        sections=[("Section", ["- one", "Label: two"])],
        disclaimer="Not medical advice.",
        url="https://example.org/x/",
        lang="es",
    )
    reader = PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    text = pdf_text(data)
    assert "Tips & <tricks>" in text
    assert "Not medical advice." in text
