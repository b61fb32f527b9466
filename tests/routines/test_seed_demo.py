import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from pypdf import PdfReader

from routines.handout_pdf import ensure_generated_handout
from routines.models import Article, Handout, Point, Routine, RoutineStep, Topic
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Topic, Point, Routine, RoutineStep, Article, Handout)
    }


def test_seed_creates_the_demo_content(seeded):
    assert counts() == {
        "Topic": 5,
        "Point": 8,
        "Routine": 1,
        "RoutineStep": 8,
        "Article": 2,
        "Handout": 2,
    }
    assert Article.objects.published().count() == 2


def test_every_point_has_a_picture_with_alt_text(seeded):
    # Read the stored dimensions: loading a point without them opens the picture.
    stored = Point.objects.values_list("picture_width", "picture_height")
    assert all(width and height for width, height in stored)
    for point in Point.objects.all():
        assert point.picture and point.picture_width and point.picture_height
        assert point.picture_alt.strip()
        assert not point.picture_alt.lower().endswith((".png", ".jpg"))


def test_every_handout_is_a_real_pdf_with_its_facts_read(seeded):
    for handout in Handout.objects.all():
        with handout.file.open("rb") as file:
            reader = PdfReader(file)
            assert len(reader.pages) == handout.page_count
        assert handout.file_size == handout.file.size
    assert Handout.objects.public().count() == 2


def test_seed_is_idempotent(seeded):
    before = counts()
    names = sorted(p.picture.name for p in Point.objects.all())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before
    assert sorted(p.picture.name for p in Point.objects.all()) == names


def test_seed_reports_progress(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Media files: 13 written, 0 unchanged" in out.getvalue()
    assert "Loaded routines/fixtures/demo.json" in out.getvalue()
    assert "Loaded comments/fixtures/demo.json" in out.getvalue()
    assert "Demo content is ready." in out.getvalue()


def test_second_seed_leaves_unchanged_files_alone(seeded):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Media files: 0 written, 13 unchanged" in out.getvalue()


def test_seed_puts_back_a_demo_file_that_was_changed(seeded):
    point = Point.objects.get(code="LI 4")
    with point.picture.open("rb") as file:
        original = file.read()
    point.picture.storage.delete(point.picture.name)
    point.picture.storage.save(point.picture.name, io.BytesIO(b"edited"))
    call_command("seed_demo", stdout=io.StringIO())
    with point.picture.open("rb") as file:
        assert file.read() == original


def test_seed_dates_the_demo_from_today():
    now = datetime.datetime(2027, 3, 10, 15, 30, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False):
        call_command("seed_demo", "--no-admin", stdout=io.StringIO())
    article = Article.objects.get(slug="acupressure-for-low-back-pain")
    assert article.publish_at == now - datetime.timedelta(days=3)
    assert article.last_reviewed == datetime.date(2027, 3, 7)
    # Moved by the same number of days as every other date of the demo.
    assert article.next_review_due - article.last_reviewed == datetime.timedelta(365)
    assert article.reviewer == "Dana Whitfield, LAc"
    assert article.updated_at == now
    older = Article.objects.get(slug="sitting-and-standing-alignment")
    assert older.publish_at == now - datetime.timedelta(days=10)


def test_reseeding_keeps_the_routine_handout_built_since(seeded):
    routine = Routine.objects.get()
    built = ensure_generated_handout(routine, site_url="http://testserver")
    call_command("seed_demo", stdout=io.StringIO())
    routine.refresh_from_db()
    assert routine.generated_handout.name == built.generated_handout.name
    assert routine.generated_handout_fingerprint == built.generated_handout_fingerprint


def test_reseeding_keeps_rows_added_in_the_admin(seeded):
    topic = factories.TopicFactory(name="Sleep", slug="sleep")
    call_command("seed_demo", stdout=io.StringIO())
    assert Topic.objects.filter(pk=topic.pk, slug="sleep").exists()
    assert Topic.objects.count() == 6


def test_local_admin_user_is_created_only_in_development(settings):
    settings.DEBUG = False
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not get_user_model().objects.filter(username="admin").exists()
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin")


def test_demo_article_page_renders_with_every_part(client, seeded):
    article = Article.objects.get(slug="acupressure-for-low-back-pain")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Download the handout" in page
    assert page.count('class="step"') == 8
    assert "youtube-nocookie.com/embed/" in page
