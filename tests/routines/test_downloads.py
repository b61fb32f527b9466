import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.files import pdf_bytes, picture_bytes

pytestmark = pytest.mark.django_db

# The smallest file the MP4 check accepts: a box size, "ftyp" and a brand.
MP4 = (24).to_bytes(4, "big") + b"ftypisom" + b"\x00\x00\x02\x00" + b"isomiso2"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def download_url(handout) -> str:
    return reverse("routines:handout-download", kwargs={"slug": handout.slug})


def video_url(article) -> str:
    return reverse("routines:video-download", kwargs={"slug": article.slug})


@pytest.fixture
def handout_content() -> bytes:
    return pdf_bytes(pages=2, text="Press and breathe")


@pytest.fixture
def public_handout(handout_content):
    handout = factories.HandoutFactory(
        slug="low-back-pain-handout",
        file=SimpleUploadedFile("Some Upload Name.pdf", handout_content),
    )
    factories.ArticleFactory(handouts=[handout])
    return handout


def test_handout_download_is_a_pdf_attachment_with_a_clean_name(
    client, public_handout, handout_content
):
    response = client.get(download_url(public_handout))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="low-back-pain-handout.pdf"'
    )
    assert response["Content-Length"] == str(len(handout_content))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == handout_content


def test_handout_content_length_matches_the_stored_file_size(client, public_handout):
    response = client.get(download_url(public_handout))

    assert int(response["Content-Length"]) == public_handout.file_size


def test_handout_download_answers_head_without_a_body(client, public_handout):
    response = client.head(download_url(public_handout))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(public_handout.file_size)
    assert body(response) == b""


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_handout_download_refuses_other_methods(client, public_handout, method):
    response = getattr(client, method)(download_url(public_handout))

    assert response.status_code == 405
    assert sorted(response["Allow"].split(", ")) == ["GET", "HEAD"]


def test_unknown_handout_is_not_found(client):
    response = client.get("/handouts/no-such-handout.pdf")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "make_article",
    [factories.DraftArticleFactory, factories.ScheduledArticleFactory],
    ids=["draft", "scheduled"],
)
def test_handout_of_an_unpublished_article_is_hidden_from_readers(client, make_article):
    handout = factories.HandoutFactory()
    make_article(handouts=[handout])

    response = client.get(download_url(handout))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "make_article",
    [factories.DraftArticleFactory, factories.ScheduledArticleFactory],
    ids=["draft", "scheduled"],
)
def test_handout_of_an_unpublished_article_is_downloadable_by_staff(
    staff_client, make_article, handout_content
):
    handout = factories.HandoutFactory(
        file=SimpleUploadedFile("h.pdf", handout_content)
    )
    make_article(handouts=[handout])

    response = staff_client.get(download_url(handout))

    assert response.status_code == 200
    assert body(response) == handout_content


def test_handout_attached_to_nothing_is_hidden_from_readers(client):
    handout = factories.HandoutFactory()

    assert client.get(download_url(handout)).status_code == 404


def test_handout_of_a_routine_featured_in_a_public_article_is_public(client):
    handout = factories.HandoutFactory()
    routine = factories.RoutineFactory()
    routine.handouts.add(handout)
    factories.ArticleFactory(featured_routine=routine)

    response = client.get(download_url(handout))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_handout_of_a_routine_featured_only_in_a_draft_is_hidden(client):
    handout = factories.HandoutFactory()
    routine = factories.RoutineFactory()
    routine.handouts.add(handout)
    factories.DraftArticleFactory(featured_routine=routine)

    assert client.get(download_url(handout)).status_code == 404


def test_handout_shared_by_a_draft_and_a_public_article_is_public(client):
    handout = factories.HandoutFactory()
    factories.DraftArticleFactory(handouts=[handout])
    factories.ArticleFactory(handouts=[handout])

    assert client.get(download_url(handout)).status_code == 200


def test_handout_becomes_hidden_when_its_article_is_unpublished(client):
    handout = factories.HandoutFactory()
    article = factories.ArticleFactory(handouts=[handout])
    assert client.get(download_url(handout)).status_code == 200

    article.status = article.Status.DRAFT
    article.save()

    assert client.get(download_url(handout)).status_code == 404


def test_handout_whose_file_is_missing_is_not_found(staff_client, public_handout):
    public_handout.file.storage.delete(public_handout.file.name)

    response = staff_client.get(download_url(public_handout))

    assert response.status_code == 404


def test_public_article_page_links_to_the_handout_download(client, article):
    handout = article.handouts.get()

    response = client.get(article.get_absolute_url())

    assert f'href="{download_url(handout)}"'.encode() in response.content


@pytest.fixture
def video_article():
    return factories.ArticleFactory(
        slug="back-video", video_file=SimpleUploadedFile("My Clip.mp4", MP4)
    )


def test_video_download_is_an_mp4_attachment(client, video_article):
    response = client.get(video_url(video_article))

    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"] == 'attachment; filename="back-video.mp4"'
    assert response["Content-Length"] == str(len(MP4))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == MP4


def test_video_download_answers_head(client, video_article):
    response = client.head(video_url(video_article))

    assert response.status_code == 200
    assert response["Content-Type"] == "video/mp4"


def test_video_download_refuses_post(client, video_article):
    assert client.post(video_url(video_article)).status_code == 405


def test_video_download_without_a_video_is_not_found(client):
    article = factories.ArticleFactory()

    assert client.get(video_url(article)).status_code == 404


def test_video_download_whose_file_is_missing_is_not_found(client, video_article):
    video_article.video_file.storage.delete(video_article.video_file.name)

    assert client.get(video_url(video_article)).status_code == 404


@pytest.mark.parametrize(
    "make_article",
    [factories.DraftArticleFactory, factories.ScheduledArticleFactory],
    ids=["draft", "scheduled"],
)
def test_video_of_an_unpublished_article_is_for_staff_only(staff_client, make_article):
    article = make_article(video_file=SimpleUploadedFile("clip.mp4", MP4))

    assert Client().get(video_url(article)).status_code == 404
    staff_response = staff_client.get(video_url(article))
    assert staff_response.status_code == 200
    assert body(staff_response) == MP4


def media_url(name: str) -> str:
    return reverse("media", kwargs={"path": name})


def test_media_serves_a_point_picture_with_nosniff(client):
    point = factories.PointFactory()

    response = client.get(point.picture.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == picture_bytes()


def test_media_refuses_a_handout_path(client, public_handout):
    assert public_handout.file.name.startswith("handouts/")

    assert client.get(media_url(public_handout.file.name)).status_code == 404


def test_media_refuses_a_video_path(client, video_article):
    assert video_article.video_file.name.startswith("videos/")

    assert client.get(media_url(video_article.video_file.name)).status_code == 404


@pytest.mark.parametrize(
    "disguise",
    ["/{}", "./{}", "points/../{}", "%2e/{}"],
    ids=["double-slash", "dot-segment", "parent-segment", "encoded-dot"],
)
def test_media_refuses_a_disguised_handout_path(client, disguise):
    """A draft's handout must not leak through a path that normalizes to it."""
    handout = factories.HandoutFactory()
    factories.DraftArticleFactory(handouts=[handout])

    response = client.get("/media/" + disguise.format(handout.file.name))

    assert response.status_code == 404


def test_media_refuses_a_path_outside_the_media_folder(client, settings):
    (settings.MEDIA_ROOT.parent / "secret.txt").write_text("secret")
    factories.PointFactory()  # makes MEDIA_ROOT exist

    response = client.get("/media/points/../../secret.txt")

    assert response.status_code in {400, 404}
    assert b"secret" not in response.content


def test_media_refuses_post(client):
    point = factories.PointFactory()

    assert client.post(point.picture.url).status_code == 405
