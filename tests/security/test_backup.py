"""backup_site and restore_site bring back every row and every file."""

import importlib
import io
import shutil
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from comments import moderation
from comments.models import Comment, PublicNumber
from routines.models import Article, Handout, Point

# Not in the archive: sessions and login-lockout records are not worth keeping.
NOT_BACKED_UP = {"sessions", "axes"}


numbers_migration = importlib.import_module(
    "comments.migrations.0003_seed_public_numbers"
)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in NOT_BACKED_UP
    }


@pytest.fixture
def site(settings):
    """The demo content with its admin user and discussion, and two comments."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    article = Article.objects.get(slug="acupressure-for-low-back-pain")
    policy = moderation.Policy.from_settings()
    for name, body in [
        ("Ana", "Pressing the point behind the knee helped after a long drive."),
        ("Ben", "Could you add a routine for the neck?\nThanks for the handout."),
    ]:
        moderation.submit(article=article, name=name, body=body, policy=policy)


@pytest.fixture
def archive(tmp_path) -> Path:
    return tmp_path / "site.tar.gz"


def make_archive(path: Path, members: dict[str, bytes], links=()) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, target in links:
            info = tarfile.TarInfo(name)
            info.type = tarfile.SYMTYPE
            info.linkname = target
            tar.addfile(info)
    return path


@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_every_row_every_file_and_the_comments(
    site, archive, settings
):
    counts = row_counts()
    handout = Handout.objects.order_by("pk").first()
    point = Point.objects.exclude(picture="").order_by("pk").first()
    handout_bytes = Path(handout.file.path).read_bytes()
    picture_bytes = Path(point.picture.path).read_bytes()
    comments = sorted(Comment.objects.values_list("author_name", "body", "status"))
    assert {"Ana", "Ben"} <= {name for name, _, _ in comments}

    call_command("backup_site", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Article.objects.exists()

    call_command("restore_site", str(archive), stdout=io.StringIO())

    assert row_counts() == counts
    restored_handout = Handout.objects.get(slug=handout.slug)
    restored_point = Point.objects.get(code=point.code)
    assert Path(restored_handout.file.path).read_bytes() == handout_bytes
    assert Path(restored_point.picture.path).read_bytes() == picture_bytes
    assert sorted(Comment.objects.values_list("author_name", "body", "status")) == (
        comments
    )


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_has_content_unless_forced(site, archive):
    stored = Comment.objects.count()
    call_command("backup_site", str(archive), stdout=io.StringIO())
    Comment.objects.all().delete()

    with pytest.raises(CommandError, match="already has content"):
        call_command("restore_site", str(archive), stdout=io.StringIO())
    assert not Comment.objects.exists()

    call_command("restore_site", str(archive), "--force", stdout=io.StringIO())
    assert Comment.objects.count() == stored


@pytest.mark.parametrize(
    ("members", "links", "reason"),
    [
        ({"database.json": b"[]", "/etc/cron.d/evil": b"x"}, (), "Unsafe path"),
        ({"database.json": b"[]", "media/../../evil.py": b"x"}, (), "Unsafe path"),
        ({"database.json": b"[]"}, [("media/points/x.png", "/etc/passwd")], "link"),
        ({"database.json": b"[]", "settings.py": b"x"}, (), "Unexpected file"),
        ({"media/points/x.png": b"x"}, (), "no database.json"),
    ],
    ids=["absolute", "dot-dot", "symlink", "outside-media", "no-database"],
)
@pytest.mark.django_db
def test_restore_rejects_an_unsafe_archive_before_writing_anything(
    tmp_path, settings, members, links, reason
):
    archive = make_archive(tmp_path / "bad.tar.gz", members, links)

    with pytest.raises(CommandError, match=reason):
        call_command("restore_site", str(archive), stdout=io.StringIO())
    assert not Path(settings.MEDIA_ROOT).exists()
    assert not (tmp_path / "evil.py").exists()


@pytest.mark.django_db
def test_backup_leaves_out_sessions_lockouts_and_permissions(archive, admin_client):
    call_command("backup_site", str(archive), stdout=io.StringIO())

    with tarfile.open(archive) as tar:
        dump = tar.extractfile("database.json").read().decode()
    assert '"auth.user"' in dump
    for left_out in ('"sessions.', '"axes.', '"auth.permission"', '"contenttypes.'):
        assert left_out not in dump


@pytest.mark.django_db(transaction=True)
def test_restore_keeps_times_to_the_microsecond(site, archive):
    article = Article.objects.get(slug="acupressure-for-low-back-pain")
    Article.objects.filter(pk=article.pk).update(
        publish_at=article.publish_at.replace(microsecond=733031)
    )
    times = sorted(Article.objects.values_list("slug", "publish_at", "updated_at"))

    call_command("backup_site", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore_site", str(archive), stdout=io.StringIO())

    assert sorted(Article.objects.values_list("slug", "publish_at", "updated_at")) == (
        times
    )


@pytest.mark.django_db(transaction=True)
def test_restore_replaces_the_seeded_public_numbers_with_the_sites_own(site, archive):
    PublicNumber.objects.filter(digits="911").delete()
    PublicNumber.objects.create(name="Salem clinic", number="503-555-0100")
    kept = sorted(PublicNumber.objects.values_list("digits", flat=True))

    call_command("backup_site", str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    # What migrate does on a fresh database: the national lines again.
    numbers_migration.seed(apps, None)
    call_command("restore_site", str(archive), stdout=io.StringIO())

    assert sorted(PublicNumber.objects.values_list("digits", flat=True)) == kept
