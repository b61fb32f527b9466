import datetime
from xml.etree import ElementTree

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from routines.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "http://testserver"


def parse_xml(response) -> ElementTree.Element:
    # The XML is the site's own output, not untrusted input.
    return ElementTree.fromstring(response.content)  # noqa: S314


def feed_entries(client) -> list[dict[str, str]]:
    response = client.get(reverse("routines:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
        }
        for entry in parse_xml(response).iter(f"{ATOM}entry")
    ]


def feed_titles(client) -> list[str]:
    return [entry["title"] for entry in feed_entries(client)]


def sitemap_locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return {loc.text for loc in parse_xml(response).iter(f"{SITEMAP}loc")}


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def mixed_articles():
    """One article in each state, each with a topic and routine of its own."""
    made = {}
    for state, make, publish_at in [
        ("public", factories.ArticleFactory, days_ago(1)),
        ("draft", factories.DraftArticleFactory, None),
        ("future", factories.ScheduledArticleFactory, days_ago(-2)),
        ("due", factories.ScheduledArticleFactory, days_ago(0.5)),
    ]:
        topic = factories.TopicFactory(name=f"{state} topic", slug=f"{state}-topic")
        routine = factories.RoutineFactory(slug=f"{state}-routine")
        made[state] = make(
            title=f"{state} article",
            slug=f"{state}-article",
            publish_at=publish_at,
            topics=[topic],
            featured_routine=routine,
        )
    return made


def test_feed_lists_public_articles_only(client, mixed_articles):
    assert feed_titles(client) == ["due article", "public article"]


def test_feed_entry_links_to_the_article_and_gives_summary_and_byline(client):
    factories.ArticleFactory(
        slug="sleep", title="Sleep", summary="Rest well.", byline="Ana Writer"
    )

    [entry] = feed_entries(client)

    assert entry == {
        "title": "Sleep",
        "link": f"{SITE}/articles/sleep/",
        "summary": "Rest well.",
        "author": "Ana Writer",
    }


def test_feed_lists_the_twenty_newest_first(client):
    for day in range(1, 23):
        factories.ArticleFactory(title=f"Day {day}", publish_at=days_ago(day))

    assert feed_titles(client) == [f"Day {day}" for day in range(1, 21)]


def test_feed_is_linked_from_every_page(client):
    response = client.get(reverse("routines:home"))

    assert (
        f'type="application/atom+xml" title="Latest articles" '
        f'href="{reverse("routines:feed")}"'
    ).encode() in response.content


def test_sitemap_lists_public_content_only(client, mixed_articles):
    point_only = factories.PointFactory(slug="st-36")

    locations = sitemap_locations(client)

    for state in ("public", "due"):
        assert f"{SITE}/articles/{state}-article/" in locations
        assert f"{SITE}/topics/{state}-topic/" in locations
        assert f"{SITE}/routines/{state}-routine/" in locations
    for state in ("draft", "future"):
        assert not any(state in location for location in locations)
    assert f"{SITE}{point_only.get_absolute_url()}" in locations


def test_sitemap_lists_every_point_and_the_main_pages(client):
    points = [factories.PointFactory() for _ in range(3)]

    locations = sitemap_locations(client)

    assert {f"{SITE}{point.get_absolute_url()}" for point in points} <= locations
    assert {f"{SITE}/", f"{SITE}/articles/", f"{SITE}/points/"} <= locations


def test_sitemap_keeps_a_topic_shared_with_a_draft_when_one_article_is_public(client):
    shared = factories.TopicFactory(slug="shared")
    factories.DraftArticleFactory(topics=[shared])
    factories.ArticleFactory(topics=[shared])

    assert f"{SITE}/topics/shared/" in sitemap_locations(client)


def test_sitemap_lists_each_url_once(client, mixed_articles):
    shared = factories.TopicFactory(slug="shared")
    for _ in range(2):
        factories.ArticleFactory(
            topics=[shared], featured_routine=mixed_articles["public"].featured_routine
        )

    response = client.get("/sitemap.xml")
    locations = [loc.text for loc in parse_xml(response).iter(f"{SITEMAP}loc")]

    assert len(locations) == len(set(locations))


def test_sitemap_gives_articles_their_last_change(client):
    article = factories.ArticleFactory(slug="sleep")

    response = client.get("/sitemap.xml")

    for url in parse_xml(response).iter(f"{SITEMAP}url"):
        if url.findtext(f"{SITEMAP}loc") == f"{SITE}/articles/sleep/":
            lastmod = url.findtext(f"{SITEMAP}lastmod")
            break
    else:
        pytest.fail("the article is not in the sitemap")
    assert lastmod.startswith(timezone.localtime(article.updated_at).date().isoformat())


def test_robots_txt_disallows_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_robots_txt_refuses_post(client):
    assert client.post("/robots.txt").status_code == 405


def test_scheduled_article_appears_once_its_time_has_passed(client):
    publish_at = timezone.now() + datetime.timedelta(hours=3)
    factories.ScheduledArticleFactory(
        title="Coming soon", slug="coming-soon", publish_at=publish_at
    )
    article_url = f"{SITE}/articles/coming-soon/"
    assert feed_titles(client) == []
    assert article_url not in sitemap_locations(client)
    assert client.get("/articles/coming-soon/").status_code == 404

    with time_machine.travel(publish_at + datetime.timedelta(minutes=1), tick=False):
        assert feed_titles(client) == ["Coming soon"]
        assert article_url in sitemap_locations(client)
        assert client.get("/articles/coming-soon/").status_code == 200


def test_scheduled_article_whose_time_has_passed_is_listed_without_a_job(client):
    due = factories.ScheduledArticleFactory(title="Due", publish_at=days_ago(1))

    assert due.status == Article.Status.SCHEDULED
    assert feed_titles(client) == ["Due"]
    assert f"{SITE}{due.get_absolute_url()}" in sitemap_locations(client)
