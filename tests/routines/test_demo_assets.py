"""The demo content as committed: routines/fixtures/demo.json and the pictures,
handouts and captions under routines/demo/media/.

These need no database: they read the files as they are in the repository.
"""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from routines.management.commands.seed_demo import MEDIA

FIXTURE = MEDIA.parent.parent / "fixtures" / "demo.json"
ROWS = json.loads(FIXTURE.read_text())
FILE_FIELDS = {
    "routines.point": ("picture",),
    "routines.article": ("hero_image", "video_captions", "video_file"),
    "routines.handout": ("file",),
}
MARKER_RING = (20, 48, 92)
MARKER_DOT = (214, 72, 30)
TIMESTAMP = r"(\d{2}):(\d{2}):(\d{2})\.(\d{3})"
CUE_TIMING = re.compile(rf"^{TIMESTAMP} --> {TIMESTAMP}$", re.MULTILINE)


def rows(model: str) -> dict[int, dict]:
    return {row["pk"]: row["fields"] for row in ROWS if row["model"] == model}


POINTS = rows("routines.point")
TOPICS = rows("routines.topic")
ROUTINES = rows("routines.routine")
STEPS = sorted(rows("routines.routinestep").values(), key=lambda s: s["order"])
ARTICLES = {a["slug"]: a for a in rows("routines.article").values()}
HANDOUTS = rows("routines.handout")
ACUPRESSURE = ARTICLES["acupressure-for-low-back-pain"]
POSTURE = ARTICLES["sitting-and-standing-alignment"]


def media(name: str) -> bytes:
    return (MEDIA / name).read_bytes()


def handout_of(article: dict) -> bytes:
    return media(HANDOUTS[article["handouts"][0]]["file"])


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, with runs of white space made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in reader.pages
    )


def seconds(hours: str, minutes: str, secs: str, millis: str) -> float:
    return int(hours) * 3600 + int(minutes) * 60 + int(secs) + int(millis) / 1000


# --- Files ----------------------------------------------------------------------


def test_every_file_the_fixture_names_is_committed_and_every_file_is_named():
    named = {
        row["fields"][field]
        for row in ROWS
        for field in FILE_FIELDS.get(row["model"], ())
        if row["fields"][field]
    }
    committed = {p.relative_to(MEDIA).as_posix() for p in MEDIA.rglob("*.*")}
    assert named == committed


@pytest.mark.parametrize("point", POINTS.values(), ids=lambda p: p["code"])
def test_every_point_picture_is_an_800_by_600_png_as_the_fixture_says(point):
    data = media(point["picture"])
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.mode == "RGB"
        assert image.size == (800, 600)
        assert image.size == (point["picture_width"], point["picture_height"])


def test_each_point_has_its_own_picture():
    assert len({media(point["picture"]) for point in POINTS.values()}) == len(POINTS)


@pytest.mark.parametrize("point", POINTS.values(), ids=lambda p: p["code"])
def test_point_pictures_show_the_ringed_marker(point):
    """The marker (dark ring, orange dot) readers are told to look for is drawn."""
    with Image.open(io.BytesIO(media(point["picture"]))) as image:
        colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}
    assert MARKER_DOT in colours
    assert MARKER_RING in colours


@pytest.mark.parametrize("article", ARTICLES.values(), ids=lambda a: a["slug"])
def test_hero_pictures_are_pngs_of_the_size_the_fixture_says(article):
    data = media(article["hero_image"])
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        assert image.size == (article["hero_width"], article["hero_height"])


# --- Content data -----------------------------------------------------------------


def test_routine_step_orders_run_from_one_without_gaps_or_repeats():
    orders = [step["order"] for step in STEPS]
    assert orders == list(range(1, len(orders) + 1))


def test_routine_has_seven_or_eight_steps_with_sensible_timing():
    assert len(STEPS) in (7, 8)
    for step in STEPS:
        assert step["point"] in POINTS
        assert 30 <= step["duration_seconds"] <= 120
        assert step["side"] in {"left", "right", "both", "centre"}


def test_every_point_has_real_alt_text_that_fits_the_field():
    for point in POINTS.values():
        alt = point["picture_alt"].strip()
        assert len(alt.split()) >= 5, point["code"]
        assert not re.search(r"\.(png|jpe?g|gif|svg|webp)$", alt, re.IGNORECASE)
        assert len(alt) <= 250  # Point.picture_alt max_length


def test_points_have_known_regions_and_one_location_step_per_line():
    for point in POINTS.values():
        assert point["body_region"] in {"hand", "back", "leg", "ankle", "hip"}
        lines = point["location"].splitlines()
        assert len(lines) >= 3 and all(line.strip() for line in lines)


def test_pregnancy_cautions_are_given_for_the_points_that_need_them():
    cautions = {point["code"]: point["cautions"] for point in POINTS.values()}
    for code in ("LI 4", "BL 60", "BL 57"):
        assert "pregnant" in cautions[code]


def test_demo_text_never_claims_to_reduce_inflammation_or_cure():
    texts = [
        a["body"] + a["summary"] + a["video_transcript"] for a in ARTICLES.values()
    ]
    texts += [p["technique"] + p["cautions"] for p in POINTS.values()]
    for text in texts:
        assert "inflammation" not in text.lower()
        assert "cures " not in text.lower()


def test_articles_refer_to_known_topics_routines_and_handouts():
    for article in ARTICLES.values():
        assert set(article["topics"]) <= set(TOPICS)
        assert set(article["handouts"]) <= set(HANDOUTS)
        assert article["featured_routine"] in {None, *ROUTINES}
    assert ACUPRESSURE["featured_routine"] in ROUTINES


def test_captions_are_webvtt_with_increasing_cue_times():
    captions = media(ACUPRESSURE["video_captions"]).decode()
    assert captions.startswith("WEBVTT\n\n")
    cues = CUE_TIMING.findall(captions)
    assert 10 <= len(cues) <= 20
    previous_end = -1.0
    for cue in cues:
        start, end = seconds(*cue[:4]), seconds(*cue[4:])
        assert previous_end <= start < end
        previous_end = end


def test_captions_match_the_transcript():
    blocks = media(ACUPRESSURE["video_captions"]).decode().split("\n\n")[1:]
    caption_words = " ".join(
        " ".join(block.splitlines()[1:]) for block in blocks if block.strip()
    ).split()
    assert caption_words == ACUPRESSURE["video_transcript"].split()


# --- Handouts ---------------------------------------------------------------------


@pytest.mark.parametrize("handout", HANDOUTS.values(), ids=lambda h: h["slug"])
def test_handout_page_count_and_size_are_the_files_own(handout):
    data = media(handout["file"])
    assert data.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(data)).pages) == handout["page_count"]
    assert len(data) == handout["file_size"]


def test_routine_handout_is_a_two_page_pdf():
    assert len(PdfReader(io.BytesIO(handout_of(ACUPRESSURE))).pages) == 2


def test_routine_handout_lists_every_step_in_order():
    text = pdf_text(handout_of(ACUPRESSURE))
    positions = []
    for step in STEPS:
        heading = f"Step {step['order']}: {POINTS[step['point']]['code']} "
        assert heading in text
        positions.append(text.index(heading))
    assert positions == sorted(positions)


def test_routine_handout_carries_the_disclaimer_red_flags_and_address():
    text = pdf_text(handout_of(ACUPRESSURE))
    assert " ".join(ACUPRESSURE["disclaimer"].split()[:8]) in text
    assert "Call 911" in text
    # The address make run serves (DJANGO_SITE_URL's default).
    assert "http://127.0.0.1:8000/articles/acupressure-for-low-back-pain/" in text


def test_routine_handout_has_document_info_language_and_bookmarks():
    reader = PdfReader(io.BytesIO(handout_of(ACUPRESSURE)))
    assert reader.metadata.title == ACUPRESSURE["title"]
    assert reader.metadata.author
    assert reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == "en"
    outline = reader.outline  # the title, then its nested sections
    assert outline[0].title == ACUPRESSURE["title"]
    sections = [item.title for item in outline[1]]
    first_code = POINTS[STEPS[0]["point"]]["code"]
    assert sections[0].startswith(f"Step 1: {first_code} ")
    assert sections[-1] == "See your doctor or nurse soon if:"
    assert len(sections) == len(STEPS) + 3  # steps, safety, two red-flag lists


def test_routine_handout_embeds_a_picture_per_step():
    reader = PdfReader(io.BytesIO(handout_of(ACUPRESSURE)))
    assert sum(len(page.images) for page in reader.pages) == len(STEPS)


def test_posture_handout_is_a_short_pdf_with_its_title():
    data = handout_of(POSTURE)
    reader = PdfReader(io.BytesIO(data))
    assert 1 <= len(reader.pages) <= 2
    assert reader.metadata.title == POSTURE["title"]
    text = pdf_text(data)
    assert POSTURE["title"] in text
    assert "15 to 30 inches" in text


@pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),
    reason="the pictures were drawn with DejaVu Sans (fonts-dejavu-core)",
)
def test_the_picture_script_draws_the_committed_pictures_again():
    script = MEDIA.parents[2] / "bench" / "demo_media" / "pictures.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 of 10 pictures differ" in result.stdout
