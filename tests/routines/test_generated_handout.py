import io
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from routines import handout_pdf
from routines.models import DEFAULT_DISCLAIMER, Routine
from routines.text import human_size
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "https://health.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def reader() -> Client:
    return Client()


def handout_url(routine: Routine) -> str:
    return reverse("routines:routine-handout", kwargs={"slug": routine.slug})


def download(client: Client, routine: Routine):
    response = client.get(handout_url(routine))
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def stored(routine: Routine) -> Routine:
    return Routine.objects.get(pk=routine.pk)


def test_handout_shows_every_steps_point_in_step_order(reader, article, routine):
    _, data = download(reader, routine)

    text = pdf_text(data)
    places = [
        text.index(f"Step {n}: BL {code}") for n, code in ((1, 23), (2, 40), (3, 57))
    ]
    assert places == sorted(places)
    assert "Back routine" in text
    assert "How to find it:" in text
    assert "Find the middle of the crease." in text
    assert "How to press: Press gently for a minute." in text
    assert "Cautions: Avoid swollen knees." in text
    assert "Side: Both sides. Time: 30 seconds." in text
    assert "Time: 1 minute 30 seconds." in text


def test_handout_carries_the_disclaimer_review_date_and_page_address(
    reader, article, routine
):
    _, data = download(reader, routine)

    text = pdf_text(data)
    assert " ".join(DEFAULT_DISCLAIMER.split()[:8]) in text
    reviewed = article.last_reviewed
    assert f"Last reviewed: {reviewed:%B} {reviewed.day}, {reviewed.year}" in text
    assert f"{SITE}/routines/back-routine/" in text


def test_handout_uses_the_featuring_articles_own_disclaimer(reader, article, routine):
    article.disclaimer = "Talk to your nurse before you try this routine."
    article.save()

    _, data = download(reader, routine)

    assert "Talk to your nurse before you try this routine." in pdf_text(data)


def test_handout_is_sent_as_a_pdf_attachment_with_its_length(reader, article, routine):
    response, data = download(reader, routine)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="back-routine-handout.pdf"'
    )
    assert int(response["Content-Length"]) == len(data)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert data.startswith(b"%PDF-")
    routine = stored(routine)
    assert routine.generated_handout_size == len(data)
    assert routine.generated_handout_pages == len(PdfReader(io.BytesIO(data)).pages)


def test_handout_is_tagged_with_title_language_outline_and_alt_text(
    reader, article, routine
):
    _, data = download(reader, routine)

    pdf = PdfReader(io.BytesIO(data))
    assert pdf.metadata.title == "Back routine: handout"
    assert pdf.metadata.author == "Self-Care Health"
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    document = root["/StructTreeRoot"]["/K"][0].get_object()
    elements = [kid.get_object() for kid in document["/K"]]
    kinds = [element["/S"] for element in elements]
    assert kinds[:2] == ["/H1", "/P"]
    assert kinds.count("/H2") == 4  # three steps and "Important"
    figures = [element for element in elements if element["/S"] == "/Figure"]
    assert [figure["/Alt"] for figure in figures] == [
        "Back of a knee with a dot in the middle of the crease"
    ] * 3
    title, steps = pdf.outline
    assert title.title == "Back routine"
    assert [entry.title for entry in steps] == [
        f"Step 1: BL 23 {routine.steps.get(order=1).point.pinyin_name} "
        f"({routine.steps.get(order=1).point.english_name})",
        *[entry.title for entry in steps[1:3]],
        "Important",
    ]
    assert all(
        entry.title.startswith(f"Step {n}: ")
        for n, entry in enumerate(steps[:3], start=1)
    )


PDFINFO = shutil.which("pdfinfo")


@pytest.mark.skipif(not PDFINFO, reason="poppler-utils is not installed")
def test_pdfinfo_reports_the_handout_as_tagged(reader, article, routine, tmp_path):
    _, data = download(reader, routine)
    path = tmp_path / "handout.pdf"
    path.write_bytes(data)

    info = subprocess.run(
        [PDFINFO, str(path)], capture_output=True, text=True, check=True
    ).stdout

    assert "Tagged:          yes" in info


def test_changing_a_steps_duration_rebuilds_the_handout(
    reader, article, routine, django_capture_on_commit_callbacks
):
    download(reader, routine)
    before = stored(routine)
    step = routine.steps.get(order=2)
    step.duration_seconds = 45
    step.save()

    with django_capture_on_commit_callbacks(execute=True):
        _, data = download(reader, routine)

    after = stored(routine)
    assert after.generated_handout_fingerprint != before.generated_handout_fingerprint
    assert after.generated_handout.name != before.generated_handout.name
    assert "Side: Both sides. Time: 45 seconds." in pdf_text(data)
    assert not before.generated_handout.storage.exists(before.generated_handout.name)


def test_changing_a_points_technique_rebuilds_the_handout(reader, article, routine):
    download(reader, routine)
    before = stored(routine)
    point = routine.steps.get(order=3).point
    point.technique = "Lean in with the heel of your hand."
    point.save()

    _, data = download(reader, routine)

    after = stored(routine)
    assert after.generated_handout_fingerprint != before.generated_handout_fingerprint
    assert "How to press: Lean in with the heel of your hand." in pdf_text(data)


def test_unchanged_data_serves_the_stored_handout_without_building(
    reader, article, routine, monkeypatch
):
    _, first = download(reader, routine)
    before = stored(routine)
    path = before.generated_handout.path
    mtime = before.generated_handout.storage.get_modified_time(
        before.generated_handout.name
    )

    def no_build(data):
        raise AssertionError("the handout was built again")

    monkeypatch.setattr(handout_pdf, "build_handout_pdf", no_build)
    _, second = download(reader, routine)

    after = stored(routine)
    assert second == first
    assert after.generated_handout.path == path
    assert (
        after.generated_handout.storage.get_modified_time(after.generated_handout.name)
        == mtime
    )
    assert after.generated_handout_fingerprint == before.generated_handout_fingerprint


def test_the_data_is_read_in_one_query(article, routine, django_assert_num_queries):
    with django_assert_num_queries(1):
        data = handout_pdf.routine_handout_data(routine, site_url=SITE)

    assert [step["point"]["code"] for step in data["steps"]] == [
        "BL 23",
        "BL 40",
        "BL 57",
    ]


def test_fingerprint_changes_with_the_printed_address(article, routine):
    data = handout_pdf.routine_handout_data(routine, site_url=SITE)
    other = handout_pdf.routine_handout_data(routine, site_url="https://other.example")

    assert handout_pdf.fingerprint(data) == handout_pdf.fingerprint(dict(data))
    assert handout_pdf.fingerprint(data) != handout_pdf.fingerprint(other)


def test_routine_only_a_draft_features_is_not_found_for_readers(reader, staff_client):
    routine = factories.RoutineFactory(slug="draft-routine")
    factories.RoutineStepFactory(routine=routine, order=1)
    factories.DraftArticleFactory(featured_routine=routine)

    assert reader.get(handout_url(routine)).status_code == 404
    assert reader.head(handout_url(routine)).status_code == 404
    response = staff_client.get(handout_url(routine))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_handout_download_refuses_posts(reader, article, routine):
    assert reader.post(handout_url(routine)).status_code == 405


def link_of(response) -> BeautifulSoup:
    page = BeautifulSoup(response.content, "html.parser")
    return page.select_one("a.generated-handout-link")


def test_article_handout_card_links_the_generated_handout(reader, article, routine):
    link = link_of(reader.get(article.get_absolute_url()))
    assert link["href"] == "/routines/back-routine/handout.pdf"
    assert " ".join(link.get_text().split()) == (
        "Back routine handout, generated from this page (PDF)"
    )

    download(reader, routine)

    routine = stored(routine)
    label = " ".join(link_of(reader.get(article.get_absolute_url())).get_text().split())
    assert label == (
        "Back routine handout, generated from this page "
        f"(PDF, 1 page, {human_size(routine.generated_handout_size)})"
    )


def test_routine_page_links_the_generated_handout(reader, article, routine):
    download(reader, routine)

    link = link_of(reader.get(routine.get_absolute_url()))

    assert link["href"] == "/routines/back-routine/handout.pdf"
    assert routine.title in link.get_text()
    assert "(PDF, " in link.get_text()


def test_label_before_any_build_says_only_pdf(routine):
    assert routine.generated_handout_label == "PDF"
    routine.generated_handout_pages = 1
    routine.generated_handout_size = 2048
    assert routine.generated_handout_label == "PDF, 1 page, 2 KB"


def test_demo_routine_handout_has_all_eight_points_in_order(reader):
    call_command("seed_demo", "--no-admin", stdout=io.StringIO())
    routine = Routine.objects.public().get()

    _, data = download(reader, routine)

    text = pdf_text(data)
    codes = list(routine.steps.order_by("order").values_list("point__code", flat=True))
    assert len(codes) == 8
    places = [text.index(f"Step {n}: {code} ") for n, code in enumerate(codes, 1)]
    assert places == sorted(places)


def test_reader_gets_the_last_good_handout_while_the_worker_rebuilds(
    reader, article, routine, run_tasks
):
    first = reader.get(handout_url(routine))
    assert first.status_code == 503  # never built: queued, nothing to serve yet
    assert first["Retry-After"] == "30"
    run_tasks()
    _, old = download(reader, routine)
    step = routine.steps.get(order=2)
    step.duration_seconds = 45
    step.save()

    _, served = download(reader, routine)
    _, again = download(reader, routine)

    assert served == again == old
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # queued once
    run_tasks()
    _, new = download(reader, routine)
    assert "Side: Both sides. Time: 45 seconds." in pdf_text(new)
