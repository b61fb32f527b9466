"""Pictures are served as resized renditions: WebP first, sized for their slot."""

import io
import os
import time

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django_tasks_db.models import DBTaskResult
from PIL import Image

from routines import renditions
from tests import factories
from tests.files import picture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def point(db):
    return factories.PointFactory(
        code="LI 4",
        slug="li-4",
        picture=factories.factory.django.FileField(
            filename="li-4.png",
            data=picture_bytes("PNG", size=(800, 600)),
        ),
    )


def image_of(response) -> Image.Image:
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def test_point_page_offers_webp_first_with_srcset_sizes_and_dimensions(client, point):
    page = BeautifulSoup(client.get(point.get_absolute_url()).content, "html.parser")
    picture = page.select_one(".point-figure picture")
    source = picture.source
    assert source["type"] == "image/webp"
    assert "/media/renditions/320/webp/points/li-4.png 320w" in source["srcset"]
    assert "640/webp" in source["srcset"]
    assert "960w" not in source["srcset"]  # the original is only 800 px wide
    assert "800w" in source["srcset"]
    img = picture.img
    assert img["alt"] == point.picture_alt
    assert (img["width"], img["height"]) == ("800", "600")
    assert img["sizes"] == source["sizes"]
    assert "/png/" in img["src"] and "png" in img["srcset"]


def test_steps_after_the_first_load_lazily(client, article):
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    loading = [img["loading"] for img in page.select("#routine .step__figure img")]
    assert loading == ["eager", "lazy", "lazy"]


def test_rendition_is_made_at_the_requested_width_as_webp(client, point):
    response = client.get("/media/renditions/320/webp/points/li-4.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    image = image_of(response)
    assert image.format == "WEBP"
    assert image.size == (320, 240)


def test_fallback_rendition_keeps_the_original_format(client, point):
    image = image_of(client.get("/media/renditions/480/png/points/li-4.png"))
    assert (image.format, image.size) == ("PNG", (480, 360))


def test_rendition_is_never_larger_than_the_original(client, point):
    image = image_of(client.get("/media/renditions/1280/webp/points/li-4.png"))
    assert image.size == (800, 600)


@pytest.mark.parametrize(
    "url",
    [
        "/media/renditions/321/webp/points/li-4.png",  # width not offered
        "/media/renditions/320/gif/points/li-4.png",  # format not offered
        "/media/renditions/320/webp/handouts/x.pdf",  # not a picture folder
        "/media/renditions/320/webp/points/../handouts/x.pdf",
        "/media/renditions/320/webp/points/missing.png",
    ],
)
def test_renditions_refuse_anything_but_offered_sizes_of_pictures(client, point, url):
    assert client.get(url).status_code == 404


def test_rendition_is_made_again_when_the_original_changes(client, point):
    client.get("/media/renditions/320/webp/points/li-4.png")
    name = renditions.rendition_name("points/li-4.png", 320, "webp")
    old = default_storage.path(name)
    os.utime(old, (time.time() - 60, time.time() - 60))
    default_storage.delete("points/li-4.png")
    default_storage.save(
        "points/li-4.png", ContentFile(picture_bytes("PNG", size=(640, 320)))
    )
    image = image_of(client.get("/media/renditions/320/webp/points/li-4.png"))
    assert image.size == (320, 160)


def test_a_rendition_appears_only_whole(client, point, monkeypatch):
    # Another worker may open it at any moment: under its own name it must
    # either not exist yet or be the whole picture.
    name = renditions.rendition_name("points/li-4.png", 480, "webp")
    final = default_storage.path(name)
    replace = os.replace
    seen = []

    def checked_replace(part, target):
        seen.append((os.path.exists(final), Image.open(part).size))
        replace(part, target)

    monkeypatch.setattr(renditions.os, "replace", checked_replace)
    response = client.get("/media/renditions/480/webp/points/li-4.png")
    assert image_of(response).size == (480, 360)
    assert seen == [(False, (480, 360))]
    folder = os.path.dirname(final)
    assert os.listdir(folder) == [os.path.basename(final)]
    assert oct(os.stat(final).st_mode & 0o777) == oct(0o644)


def test_a_rendition_that_fails_to_be_stored_leaves_nothing_behind(point, monkeypatch):
    def disk_full(part, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(renditions.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        renditions.ensure(default_storage, "points/li-4.png", 320, "webp")
    folder = os.path.dirname(
        default_storage.path(renditions.rendition_name("points/li-4.png", 320, "webp"))
    )
    assert os.listdir(folder) == []


def test_storages_without_a_local_path_get_the_rendition_under_its_name():
    storage = InMemoryStorage()
    storage.save("points/gb-30.png", ContentFile(picture_bytes("PNG", size=(800, 400))))
    made = renditions.ensure(storage, "points/gb-30.png", 320, "webp")
    with storage.open(made.name) as stored:
        assert Image.open(stored).size == (320, 160)
    assert made.name == renditions.rendition_name("points/gb-30.png", 320, "webp")


def test_rendition_folders_get_the_storages_folder_permissions(point, settings):
    settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
    made = renditions.ensure(default_storage, "points/li-4.png", 160, "webp")
    folder = os.path.dirname(default_storage.path(made.name))
    assert os.stat(folder).st_mode & 0o777 == 0o750


def test_reader_gets_the_original_picture_until_the_worker_made_the_rendition(
    client, point, run_tasks
):
    url = "/media/renditions/320/webp/points/li-4.png"
    waiting = client.get(url)
    assert waiting.status_code == 200
    assert waiting["Content-Type"] == "image/png"
    assert waiting["Cache-Control"] == "no-cache"  # asked for again next time
    assert image_of(waiting).size == (800, 600)
    client.get(url)
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # queued once

    run_tasks()

    made = client.get(url)
    assert made["Content-Type"] == "image/webp"
    assert made["Cache-Control"] == "public, max-age=86400"
    assert image_of(made).size == (320, 240)
