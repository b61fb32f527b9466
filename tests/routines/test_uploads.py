"""Uploads are judged by content, through the admin and through ``full_clean``."""

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from routines.models import Article, Handout, Point, clean_upload_name
from routines.text import human_size
from routines.validators import validate_picture
from tests import factories
from tests.files import pdf_bytes, picture_bytes

pytestmark = pytest.mark.django_db

SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'
MP4 = (24).to_bytes(4, "big") + b"ftypisom" + b"\x00\x00\x02\x00" + b"isomiso2"
WEBVTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nWelcome.\n"


def upload(name: str, content: bytes, content_type: str = "") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(settings, folder: str) -> list[str]:
    path = settings.MEDIA_ROOT / folder
    return sorted(p.name for p in path.iterdir()) if path.exists() else []


def admin_field_errors(response, field: str) -> list[str]:
    assert response.status_code == 200
    row = BeautifulSoup(response.content, "html.parser").select_one(f".field-{field}")
    assert row is not None, f"no form row for {field}"
    errors = [
        li.get_text(strip=True).replace("\xa0", " ")
        for li in row.select("ul.errorlist li")
    ]
    assert errors, f"the admin accepted the form but showed no error for {field}"
    return errors


def full_clean_errors(obj, field: str) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    return [m.replace("\xa0", " ") for m in refused.value.message_dict[field]]


def make_submit(staff_client, model, fields: Callable[[], dict], route: str):
    """Make ``submit(field, value)``: the model's fields with one value changed,
    sent through the admin add view or through ``full_clean``.

    A refusal returns the messages shown for ``field``; an acceptance returns the
    saved object.
    """
    opts = model._meta
    add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")

    def submit(field: str, value, *, expect_refusal: bool = True):
        data = {**fields(), field: value}
        if route == "admin":
            response = staff_client.post(add_url, data)
            if expect_refusal:
                return admin_field_errors(response, field)
            assert response.status_code == 302, response.content.decode()[:3000]
            return model.objects.get()
        obj = model(**data)
        if expect_refusal:
            return full_clean_errors(obj, field)
        obj.full_clean()
        obj.save()
        return obj

    return submit


def handout_fields() -> dict:
    return {"title": "Low back handout", "slug": "low-back", "language": "en"}


def point_fields() -> dict:
    return {
        "code": "LI 4",
        "slug": "li-4",
        "pinyin_name": "He Gu",
        "english_name": "Union valley",
        "body_region": "hand",
        "location": "Between thumb and finger.",
        "technique": "Press firmly.",
        "picture_alt": "A hand with a dot between thumb and finger",
    }


def article_fields() -> dict:
    return {
        "title": "Video article",
        "slug": "video-article",
        "summary": "A short video.",
        "body": "Some words.",
        "byline": "Sam Writer",
        "status": "draft",
        "disclaimer": "Education only.",
    }


ROUTES = ["admin", "full_clean"]


@pytest.fixture(params=ROUTES)
def submit_handout(request, staff_client):
    return make_submit(staff_client, Handout, handout_fields, request.param)


@pytest.fixture(params=ROUTES)
def submit_picture(request, staff_client):
    return make_submit(staff_client, Point, point_fields, request.param)


@pytest.fixture(params=ROUTES)
def submit_article(request, staff_client):
    return make_submit(staff_client, Article, article_fields, request.param)


def assert_nothing_stored(settings, model, folder: str) -> None:
    assert not model.objects.exists()
    assert stored_files(settings, folder) == []


# Handouts


def test_png_renamed_to_pdf_is_refused_with_a_reason(submit_handout, settings):
    errors = submit_handout("file", upload("handout.pdf", picture_bytes()))

    assert any("This file is not a PDF" in error for error in errors)
    assert_nothing_stored(settings, Handout, "handouts")


def test_damaged_pdf_is_refused_with_a_reason(submit_handout, settings):
    errors = submit_handout("file", upload("handout.pdf", b"%PDF-1.4 garbage"))

    assert any("This PDF is damaged" in error for error in errors)
    assert_nothing_stored(settings, Handout, "handouts")


def test_pdf_over_the_size_limit_is_refused_with_the_limit(submit_handout, settings):
    settings.HANDOUT_MAX_BYTES = 1024

    errors = submit_handout("file", upload("handout.pdf", pdf_bytes(pages=2)))

    limit = human_size(1024)
    assert any(f"the largest allowed is {limit}." in error for error in errors)
    assert_nothing_stored(settings, Handout, "handouts")


def test_valid_pdf_is_stored_with_its_page_count_and_size(submit_handout, settings):
    content = pdf_bytes(pages=2)

    handout = submit_handout(
        "file", upload("handout.pdf", content), expect_refusal=False
    )

    handout.refresh_from_db()
    assert handout.page_count == 2
    assert handout.file_size == len(content)
    assert handout.file.name == "handouts/handout.pdf"
    with handout.file.open("rb") as stored:
        assert stored.read() == content


def test_handout_file_name_is_cleaned(submit_handout, settings):
    handout = submit_handout(
        "file",
        upload("../../My Handout (final).PDF", pdf_bytes()),
        expect_refusal=False,
    )

    assert handout.file.name == "handouts/my-handout-final.pdf"
    assert stored_files(settings, "handouts") == ["my-handout-final.pdf"]
    assert not (settings.MEDIA_ROOT.parent / "my-handout-final.pdf").exists()


@pytest.mark.parametrize(
    ("name", "cleaned"),
    [
        ("../../My Handout (final).PDF", "my-handout-final.pdf"),
        ("..\\..\\windows\\Hand out.pdf", "hand-out.pdf"),
        ("Ácupressure über.PDF", "acupressure-uber.pdf"),
        ("(((.pdf", "file.pdf"),
        ("no extension", "no-extension"),
        (".pdf", "pdf"),
    ],
)
def test_clean_upload_name(name, cleaned):
    assert clean_upload_name(name) == cleaned


def test_handout_admin_shows_the_label_read_from_the_saved_file(staff_client):
    content = pdf_bytes(pages=3)
    data = {**handout_fields(), "file": upload("handout.pdf", content)}

    response = staff_client.post(reverse("admin:routines_handout_add"), data)

    assert response.status_code == 302
    handout = Handout.objects.get()
    assert handout.page_count == 3
    assert handout.label.startswith("PDF, 3 pages, ")


# Pictures


def test_pdf_renamed_to_png_is_refused_as_a_picture(submit_picture, settings):
    errors = submit_picture("picture", upload("point.png", pdf_bytes()))

    assert errors
    assert_nothing_stored(settings, Point, "points")


def test_svg_picture_is_refused_with_a_message_naming_svg(submit_picture, settings):
    errors = submit_picture("picture", upload("point.png", SVG, "image/png"))

    assert any("SVG" in error for error in errors), errors
    assert_nothing_stored(settings, Point, "points")


def test_gif_picture_is_refused_naming_the_allowed_formats(submit_picture, settings):
    errors = submit_picture("picture", upload("point.gif", picture_bytes("GIF")))

    assert errors == [
        "This picture is a GIF file; only JPEG, PNG and WebP are accepted."
    ]
    assert_nothing_stored(settings, Point, "points")


PIXEL_BOMBS = pytest.mark.parametrize(
    "size",
    [(40, 30), (80, 30)],
    ids=["just-over-the-limit", "over-twice-the-limit"],
)


@PIXEL_BOMBS
def test_picture_with_more_pixels_than_allowed_is_refused_by_the_admin(
    staff_client, settings, monkeypatch, size
):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    data = {**point_fields(), "picture": upload("p.png", picture_bytes(size=size))}

    response = staff_client.post(reverse("admin:routines_point_add"), data)

    assert admin_field_errors(response, "picture")
    assert_nothing_stored(settings, Point, "points")


@PIXEL_BOMBS
def test_picture_with_more_pixels_than_allowed_is_refused_with_the_reason(
    monkeypatch, size
):
    """Pillow only warns up to twice its limit; the site refuses from the limit.

    The validator is called directly: assigning such a picture to a model reads
    its dimensions first (``width_field``), before any validation can run.
    """
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)

    with pytest.raises(ValidationError) as refused:
        validate_picture(upload("p.png", picture_bytes(size=size)))

    assert refused.value.messages == [
        "This picture has too many pixels to be processed safely. Upload a "
        "smaller picture."
    ]


def test_picture_over_the_size_limit_is_refused_with_the_limit(
    submit_picture, settings
):
    settings.PICTURE_MAX_BYTES = 100

    errors = submit_picture("picture", upload("point.png", picture_bytes()))

    limit = human_size(100)
    assert any(f"the largest allowed is {limit}." in error for error in errors)
    assert_nothing_stored(settings, Point, "points")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_pictures_are_accepted(submit_picture, settings, fmt):
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[fmt]

    point = submit_picture(
        "picture",
        upload(f"Point Picture.{extension}", picture_bytes(fmt)),
        expect_refusal=False,
    )

    point.refresh_from_db()
    assert point.picture.name == f"points/point-picture.{extension}"
    assert (point.picture_width, point.picture_height) == (40, 30)


def test_hero_picture_is_checked_like_a_point_picture(submit_article, settings):
    errors = submit_article("hero_image", upload("hero.gif", picture_bytes("GIF")))

    assert errors == [
        "This picture is a GIF file; only JPEG, PNG and WebP are accepted."
    ]
    assert_nothing_stored(settings, Article, "articles")


# Captions and video files


def test_captions_not_starting_with_webvtt_are_refused(submit_article, settings):
    srt = b"1\n00:00:00,000 --> 00:00:02,000\nWelcome.\n"

    errors = submit_article("video_captions", upload("captions.vtt", srt))

    assert errors == [
        'This is not a WebVTT captions file (it must start with "WEBVTT").'
    ]
    assert_nothing_stored(settings, Article, "captions")


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "with-bom"])
def test_webvtt_captions_are_accepted(submit_article, bom):
    article = submit_article(
        "video_captions",
        upload("Captions EN.vtt", bom + WEBVTT),
        expect_refusal=False,
    )

    assert article.video_captions.name == "captions/captions-en.vtt"


def test_non_mp4_video_is_refused(submit_article, settings):
    errors = submit_article("video_file", upload("clip.mp4", b"RIFF\x00\x00AVI LIST"))

    assert errors == ["This file is not an MP4 video. Upload the video as an MP4 file."]
    assert_nothing_stored(settings, Article, "videos")


def test_video_over_the_size_limit_is_refused(submit_article, settings):
    settings.VIDEO_MAX_BYTES = 10

    errors = submit_article("video_file", upload("clip.mp4", MP4))

    limit = human_size(10)
    assert any(f"the largest allowed is {limit}." in error for error in errors)
    assert_nothing_stored(settings, Article, "videos")


def test_mp4_video_is_accepted_and_its_size_recorded(submit_article):
    article = submit_article(
        "video_file", upload("Clip.MP4", MP4), expect_refusal=False
    )

    article.refresh_from_db()
    assert article.video_file.name == "videos/clip.mp4"
    assert article.video_file_size == len(MP4)


# Video addresses

YOUTUBE_ID = "aCuPrEs5uR0"
NOCOOKIE = f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"


@pytest.mark.parametrize(
    ("url", "embed_start"),
    [
        (f"https://www.youtube.com/watch?v={YOUTUBE_ID}", NOCOOKIE),
        (f"https://www.youtube.com/watch?feature=share&v={YOUTUBE_ID}", NOCOOKIE),
        (f"https://m.youtube.com/watch?v={YOUTUBE_ID}", NOCOOKIE),
        (f"https://youtu.be/{YOUTUBE_ID}", NOCOOKIE),
        (f"https://www.youtube.com/embed/{YOUTUBE_ID}", NOCOOKIE),
        (f"https://www.youtube.com/shorts/{YOUTUBE_ID}", NOCOOKIE),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789"),
        (
            "https://player.vimeo.com/video/123456789",
            "https://player.vimeo.com/video/123456789",
        ),
    ],
)
def test_youtube_and_vimeo_addresses_are_accepted_and_embedded_privately(
    submit_article, url, embed_start
):
    article = submit_article("video_url", url, expect_refusal=False)

    assert article.video_url == url
    assert article.video_embed_url.startswith(embed_start + "?")
    if "vimeo" in embed_start:
        assert "dnt=1" in article.video_embed_url.split("?", 1)[1].split("&")
        assert article.video_provider_name == "Vimeo"
    else:
        assert article.video_provider_name == "YouTube"


@pytest.mark.parametrize(
    "url",
    [
        f"http://www.youtube.com/watch?v={YOUTUBE_ID}",
        f"http://youtu.be/{YOUTUBE_ID}",
        "http://vimeo.com/123456789",
        f"https://evil.example.com/watch?v={YOUTUBE_ID}",
        f"https://www.youtube.com.evil.example.com/watch?v={YOUTUBE_ID}",
        f"https://www.youtube.com@evil.example.com/watch?v={YOUTUBE_ID}",
        f"https://notyoutube.com/watch?v={YOUTUBE_ID}",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/",
        "https://vimeo.com/channels/staffpicks",
        "https://www.dailymotion.com/video/x7tgad0",
        "javascript:alert(1)",
    ],
)
def test_other_video_addresses_are_refused(submit_article, url):
    errors = submit_article("video_url", url)

    assert errors
    assert not Article.objects.exists()


def test_refused_video_address_explains_what_is_allowed():
    article = factories.DraftArticleFactory.build(
        video_url=f"https://evil.example.com/watch?v={YOUTUBE_ID}"
    )

    errors = full_clean_errors(article, "video_url")

    assert len(errors) == 1
    assert "YouTube or Vimeo" in errors[0]
    assert "Other video hosts are not allowed." in errors[0]


def test_article_without_a_video_has_no_embed_address():
    article = factories.DraftArticleFactory.build(video_url="")

    assert article.video_embed_url == ""
    assert article.video_provider_name == ""
