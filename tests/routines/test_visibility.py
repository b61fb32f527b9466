"""Drafts and scheduled articles are invisible to the public everywhere."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from routines.models import Article, Handout, Routine
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return factories.TopicFactory(name="Posture", slug="posture")


@pytest.fixture
def hidden_articles(topic, routine):
    """A draft and a scheduled article, each with a topic, routine and handout."""
    draft = factories.DraftArticleFactory(
        title="Secret draft",
        slug="secret-draft",
        topics=[topic],
        featured_routine=routine,
        handouts=[factories.HandoutFactory(slug="draft-handout")],
    )
    scheduled = factories.ScheduledArticleFactory(
        title="Future story",
        slug="future-story",
        topics=[topic],
        handouts=[factories.HandoutFactory(slug="future-handout")],
    )
    return draft, scheduled


@pytest.fixture
def public_article(topic):
    return factories.ArticleFactory(
        title="Visible story", slug="visible-story", topics=[topic]
    )


def test_published_queryset_holds_only_public_articles(hidden_articles, public_article):
    assert list(Article.objects.published()) == [public_article]


def test_draft_and_scheduled_article_pages_are_not_found(client, hidden_articles):
    for article in hidden_articles:
        assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        reverse("routines:home"),
        reverse("routines:article-list"),
        reverse("routines:topic-detail", kwargs={"slug": "posture"}),
        reverse("routines:feed"),
        "/sitemap.xml",
    ],
)
def test_lists_feed_and_sitemap_leave_out_hidden_articles(
    client, url, hidden_articles, public_article
):
    page = client.get(url).content.decode()
    assert "visible-story" in page
    assert "secret-draft" not in page and "Secret draft" not in page
    assert "future-story" not in page and "Future story" not in page


def test_more_stories_leave_out_hidden_articles(client, hidden_articles, topic):
    reader_page = factories.ArticleFactory(slug="reader-page", topics=[topic])
    page = client.get(reader_page.get_absolute_url()).content.decode()
    assert "secret-draft" not in page
    assert "future-story" not in page


def test_handouts_of_hidden_articles_are_not_public(client, hidden_articles):
    assert Handout.objects.public().count() == 0
    for slug in ("draft-handout", "future-handout"):
        url = reverse("routines:handout-download", kwargs={"slug": slug})
        assert client.get(url).status_code == 404


def test_routine_featured_only_by_a_draft_is_not_public(
    client, hidden_articles, routine
):
    assert Routine.objects.public().count() == 0
    assert client.get(routine.get_absolute_url()).status_code == 404
    point = routine.steps.first().point
    page = client.get(point.get_absolute_url()).content.decode()
    assert routine.get_absolute_url() not in page


def test_scheduled_article_appears_by_itself_when_its_time_comes(client, topic):
    publish_at = timezone.now() + datetime.timedelta(hours=2)
    article = factories.ScheduledArticleFactory(
        slug="at-noon", publish_at=publish_at, topics=[topic]
    )
    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(publish_at + datetime.timedelta(minutes=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "at-noon" in client.get(reverse("routines:feed")).content.decode()
        assert "at-noon" in client.get("/sitemap.xml").content.decode()


def test_staff_preview_shows_a_draft_with_a_banner(staff_client, hidden_articles):
    draft = hidden_articles[0]
    url = reverse("routines:article-preview", kwargs={"pk": draft.pk})
    response = staff_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Secret draft" in page
    assert "Preview: this article is <strong>draft</strong>" in page
    assert '<meta name="robots" content="noindex">' in page


def test_preview_is_refused_to_readers(client, hidden_articles):
    url = reverse("routines:article-preview", kwargs={"pk": hidden_articles[0].pk})
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_can_download_a_drafts_handout(staff_client, hidden_articles):
    url = reverse("routines:handout-download", kwargs={"slug": "draft-handout"})
    assert staff_client.get(url).status_code == 200
