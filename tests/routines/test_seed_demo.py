import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from pypdf import PdfReader

from routines.demo import content
from routines.models import Article, Handout, Point, Routine, RoutineStep, Topic

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
        "Topic": len(content.TOPICS),
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
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Point LI 4 created" in out.getvalue()
    assert "Demo content is ready." in out.getvalue()


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
