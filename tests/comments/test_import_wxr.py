"""import_wxr: a WordPress 6 export's posts and approved comments come in once."""

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comments.models import Comment
from routines.models import Article, Topic
from tests import factories

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).parent / "data" / "wordpress-export.xml"
DEMO_PICTURE = (
    Path(__file__).parents[2]
    / "routines/demo/media/articles/acupressure-for-low-back-pain.png"
)
STORY_GUID = "https://backcare.example.org/?p=10"


@pytest.fixture
def uploads(tmp_path) -> Path:
    """The WordPress uploads folder, as copied from the old server."""
    folder = tmp_path / "uploads"
    (folder / "2026/03").mkdir(parents=True)
    shutil.copy(DEMO_PICTURE, folder / "2026/03/back-routine.png")
    return folder


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_wxr", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.fixture
def story(uploads) -> Article:
    run(EXPORT, "--media", uploads)
    return Article.objects.get(wordpress_guid=STORY_GUID)


def test_the_story_arrives_published_with_its_dates_topics_and_picture(story):
    assert story.title == "Acupressure for low back pain"
    assert story.slug == "acupressure-for-low-back-pain"
    assert story.status == Article.Status.PUBLISHED
    assert story.publish_at.isoformat() == "2026-03-14T09:30:00+00:00"
    assert story.byline == "Lee Chen, LAc"
    assert story.summary == "Eight points you can press yourself to ease low back pain."
    assert set(story.topics.values_list("name", flat=True)) == {
        "Low back pain",
        "Self-care",
    }
    assert story.hero_image.name.startswith("articles/back-routine")
    assert story.hero_alt.startswith("A person pressing two points")


def test_the_body_is_cleaned_by_the_site_sanitiser(story):
    assert "NIH back pain guide</a>" in story.body
    for hostile in ("<script", "onclick", "<iframe", "tracking"):
        assert hostile not in story.body


def test_the_draft_post_stays_a_draft(story):
    draft = Article.objects.get(wordpress_guid="https://backcare.example.org/?p=20")
    assert draft.status == Article.Status.DRAFT
    assert draft.publish_at is None
    assert draft.slug == "sitting-and-standing-alignment"
    assert not draft.is_public


def test_approved_comments_keep_their_names_dates_and_threading(story):
    comments = story.comments.order_by("created_at")
    reply = comments.get(wordpress_id=117)

    assert comments.count() == 17  # the spam one is not imported
    assert reply.parent.wordpress_id == 110
    assert reply.depth == 1
    assert reply.author_name == "Dr Ana Ruiz"
    assert (
        reply.body == "Follow the order shown: it moves from the back down to the legs."
    )
    assert comments.first().created_at.isoformat() == "2026-03-02T10:15:00+00:00"
    assert set(comments.values_list("status", flat=True)) == {"approved"}


def test_imported_comments_are_redacted_and_keep_no_address(story):
    gloria = story.comments.get(author_name="Gloria")
    stored = " ".join(
        " ".join(map(str, row))
        for row in Comment.objects.values_list(
            "author_name", "body", "email_hash", "personal_data_kinds"
        )
    )

    assert "555-0147" not in gloria.body
    assert "503" not in gloria.body
    assert "phone" in gloria.personal_data_kinds
    assert gloria.email_hash and "@" not in gloria.email_hash
    assert "example.net" not in stored
    assert "203.0.113" not in stored


def test_running_the_import_again_updates_instead_of_duplicating(story, uploads):
    Article.objects.filter(pk=story.pk).update(title="Edited here")

    output = run(EXPORT, "--media", uploads)

    assert Article.objects.filter(wordpress_guid=STORY_GUID).count() == 1
    assert Article.objects.get(pk=story.pk).title == "Acupressure for low back pain"
    assert Comment.objects.count() == 17
    assert Topic.objects.count() == 2
    assert "update (title)" in output


def test_a_dry_run_prints_what_would_change_and_saves_nothing(uploads):
    output = run(EXPORT, "--media", uploads, "--dry-run")

    assert "create: “Acupressure for low back pain”" in output
    assert "17 new" in output
    assert "Dry run: nothing was saved." in output
    assert not Article.objects.exists()
    assert not Comment.objects.exists()


def test_a_missing_picture_is_noted_and_the_post_still_imported(tmp_path):
    output = run(EXPORT, "--media", tmp_path)

    assert "note: picture back-routine.png not found" in output
    assert not Article.objects.get(wordpress_guid=STORY_GUID).hero_image


HOSTILE = {
    "billion laughs": b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss><channel><title>&b;</title></channel></rss>""",
    "external entity": b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&x;</title></channel></rss>""",
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_xml_is_refused_with_a_clear_message(tmp_path, kind):
    path = tmp_path / "export.xml"
    path.write_bytes(HOSTILE[kind])

    with pytest.raises(CommandError, match="refused: it declares a DTD or XML"):
        run(path)
    assert not Article.objects.exists()


def test_a_malformed_file_changes_nothing(tmp_path):
    factories.ArticleFactory(title="Already here")
    path = tmp_path / "export.xml"
    path.write_bytes(EXPORT.read_bytes()[:-200])

    with pytest.raises(CommandError, match="not well-formed XML"):
        run(path)
    assert list(Article.objects.values_list("title", flat=True)) == ["Already here"]


def test_a_failure_half_way_rolls_back_every_post(tmp_path, monkeypatch):
    from comments import wordpress

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("comments.management.commands.import_wxr.import_comments", fail)
    assert wordpress  # the real module still imports

    with pytest.raises(CommandError, match="disk full"):
        run(EXPORT)
    assert not Article.objects.exists()
