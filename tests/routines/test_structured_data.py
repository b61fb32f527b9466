"""Article and routine pages describe themselves to search engines in JSON-LD."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from routines.structured_data import article_jsonld, dumps, iso8601_duration
from routines.views import ORDERED_STEPS, article_detail_queryset
from tests import factories
from tests.files import picture_bytes

ORIGIN = "http://testserver"
BREAKOUT = "Back </script><script>alert(1)</script> pain"


def ld_scripts(client, url: str) -> tuple[BeautifulSoup, list[dict]]:
    response = client.get(url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    blocks = page.find_all("script", type="application/ld+json")
    return page, [json.loads(block.string) for block in blocks]


def nodes_by_type(client, article) -> dict[str, dict]:
    _, blocks = ld_scripts(client, article.get_absolute_url())
    nodes = {}
    for block in blocks:
        assert block["@context"] == "https://schema.org"
        for node in block.get("@graph", [block]):
            assert node["@type"] not in nodes
            nodes[node["@type"]] = node
    return nodes


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (570, "PT9M30S"),
        (45, "PT45S"),
        (180, "PT3M"),
        (3600, "PT1H"),
        (3725, "PT1H2M5S"),
        (0, "PT0S"),
    ],
)
def test_durations_are_iso_8601(seconds, expected):
    assert iso8601_duration(seconds) == expected


def test_dumps_escapes_what_could_end_a_script_element():
    text = dumps({"name": "a </script> & <!-- b"})
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == {"name": "a </script> & <!-- b"}


@pytest.mark.django_db
def test_article_page_describes_page_routine_and_video(client, article):
    assert set(nodes_by_type(client, article)) == {
        "MedicalWebPage",
        "HowTo",
        "VideoObject",
    }


@pytest.mark.django_db
def test_article_without_routine_or_video_is_only_a_medical_web_page(client):
    article = factories.ArticleFactory()
    assert set(nodes_by_type(client, article)) == {"MedicalWebPage"}


@pytest.mark.django_db
def test_medical_web_page_has_dates_author_publisher_and_topics(
    client, article, settings
):
    article.last_reviewed = datetime.date(2026, 3, 14)
    article.save()
    page = nodes_by_type(client, article)["MedicalWebPage"]
    url = f"{ORIGIN}/articles/acupressure-for-low-back-pain/"
    assert page["url"] == url
    assert page["name"] == page["headline"] == "Acupressure for low back pain"
    assert page["description"] == "What you need to know."
    published = datetime.datetime.fromisoformat(page["datePublished"])
    assert abs(published - article.publish_at) < datetime.timedelta(seconds=1)
    assert datetime.datetime.fromisoformat(page["dateModified"])
    assert page["lastReviewed"] == "2026-03-14"
    assert page["author"] == {"@type": "Person", "name": "Sam Writer"}
    assert page["publisher"]["@type"] == "Organization"
    assert page["publisher"]["name"] == settings.SITE_NAME
    assert page["publisher"]["logo"]["url"].startswith(f"{ORIGIN}/static/")
    assert page["keywords"] == "Low back pain"
    assert page["about"] == [{"@type": "Thing", "name": "Low back pain"}]
    assert page["medicalAudience"]["audienceType"] == "Patient"
    assert "image" not in page
    assert "reviewedBy" not in page


@pytest.mark.django_db
def test_medical_web_page_names_its_medical_reviewer(client, article):
    article.last_reviewed = datetime.date(2026, 3, 14)
    article.reviewer_name = "Dr Ana Ruiz"
    article.reviewer_credentials = "MD"
    article.save()

    page = nodes_by_type(client, article)["MedicalWebPage"]

    assert page["lastReviewed"] == "2026-03-14"
    assert page["reviewedBy"]["name"] == "Dr Ana Ruiz"
    assert page["reviewedBy"]["hasCredential"]["name"] == "MD"


@pytest.mark.django_db
def test_team_byline_is_an_organization_and_the_reviewer_a_person(client):
    article = factories.ArticleFactory(
        byline="Self-Care demo team, reviewed by Dana Whitfield, LAc"
    )
    page = nodes_by_type(client, article)["MedicalWebPage"]
    assert page["author"] == {"@type": "Organization", "name": "Self-Care demo team"}
    assert page["reviewedBy"] == {"@type": "Person", "name": "Dana Whitfield, LAc"}


@pytest.mark.django_db
def test_hero_picture_is_the_page_image_and_the_video_thumbnail(client, article):
    article.hero_image.save("hero.png", ContentFile(picture_bytes()), save=False)
    article.hero_alt = "Hands pressing the lower back"
    article.save()
    nodes = nodes_by_type(client, article)
    image = nodes["MedicalWebPage"]["image"]
    assert image["url"].startswith(f"{ORIGIN}/media/articles/hero")
    assert (image["width"], image["height"]) == (40, 30)
    assert nodes["VideoObject"]["thumbnailUrl"] == [image["url"]]


@pytest.mark.django_db
def test_how_to_has_total_time_and_every_step_in_order(client):
    routine = factories.RoutineFactory(title="Nine minutes", slug="nine-minutes")
    codes = ["GB 30", "BL 23", "KI 3"]
    timings = zip(codes, [300, 150, 120], strict=True)
    for order, (code, seconds) in enumerate(timings, start=1):
        point = factories.PointFactory(
            code=code,
            slug=code.lower().replace(" ", "-"),
            location="Lie on your side.\nFind the hollow.",
        )
        factories.RoutineStepFactory(
            routine=routine,
            order=order * 10,  # positions count from 1 whatever the order values
            point=point,
            duration_seconds=seconds,
            instruction=f"Press {code} gently.",
        )
    article = factories.ArticleFactory(featured_routine=routine)
    howto = nodes_by_type(client, article)["HowTo"]
    assert howto["name"] == "Nine minutes"
    assert howto["description"] == "A short routine."
    assert howto["totalTime"] == "PT9M30S"
    steps = howto["step"]
    assert [s["@type"] for s in steps] == ["HowToStep"] * 3
    assert [s["position"] for s in steps] == [1, 2, 3]
    assert [s["name"] for s in steps] == [str(s.point) for s in routine.steps.all()]
    assert [s["name"][: len(c)] for s, c in zip(steps, codes, strict=True)] == codes
    assert steps[0]["text"].startswith("Press GB 30 gently. How to find it: Lie on")
    assert "Find the hollow." in steps[0]["text"]
    page_url = f"{ORIGIN}{article.get_absolute_url()}"
    assert [s["url"] for s in steps] == [
        f"{page_url}#step-10",
        f"{page_url}#step-20",
        f"{page_url}#step-30",
    ]
    for step in steps:
        assert step["image"].startswith(f"{ORIGIN}/media/points/")
    # The anchors the steps point to exist on the page.
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    assert all(page.find(id=s["url"].split("#")[1]) for s in steps)


@pytest.mark.django_db
def test_video_object_is_privacy_enhanced_with_thumbnail_date_and_transcript(
    client, article
):
    video = nodes_by_type(client, article)["VideoObject"]
    assert video["name"] == article.title
    assert video["description"] == article.summary
    assert video["embedUrl"].startswith(
        "https://www.youtube-nocookie.com/embed/aCuPrEs5uR0"
    )
    assert "autoplay" not in video["embedUrl"]
    assert video["thumbnailUrl"][0].startswith(f"{ORIGIN}/static/img/favicon")
    assert datetime.datetime.fromisoformat(video["uploadDate"])
    assert video["transcript"] == "Welcome. Today we press eight points."
    assert "contentUrl" not in video


@pytest.mark.django_db
def test_video_object_links_the_mp4_download(client, article):
    article.video_file.save(
        "clip.mp4", ContentFile(b"\x00\x00\x00\x18ftypisom" + b"\x00" * 2048)
    )
    article.save()
    video = nodes_by_type(client, article)["VideoObject"]
    assert video["contentUrl"] == f"{ORIGIN}/articles/{article.slug}/video.mp4"


@pytest.mark.django_db
def test_closing_script_tag_in_a_title_cannot_break_out(client, routine):
    routine.title = BREAKOUT
    routine.save()
    article = factories.ArticleFactory(
        title=BREAKOUT,
        summary="</SCRIPT> & <!-- more",
        featured_routine=routine,
        video_url="https://www.youtube.com/watch?v=aCuPrEs5uR0",
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    # The site's own script files and the one JSON-LD block: nothing else
    # became a script element.
    page, blocks = ld_scripts(client, article.get_absolute_url())
    files = [s for s in page.find_all("script") if s.get("src")]
    assert all(s["src"].startswith("/static/js/") for s in files)
    assert html.lower().count("<script") == len(files) + 1
    assert "alert(1)</script>" not in html
    assert len(page.find_all("script")) == len(files) + 1
    [block] = blocks
    nodes = {node["@type"]: node for node in block["@graph"]}
    assert nodes["MedicalWebPage"]["name"] == BREAKOUT
    assert nodes["MedicalWebPage"]["description"] == "</SCRIPT> & <!-- more"
    assert nodes["HowTo"]["name"] == BREAKOUT
    assert nodes["VideoObject"]["name"] == BREAKOUT


@pytest.mark.django_db
def test_routine_page_is_a_how_to_pointing_at_its_own_steps(client, article, routine):
    _, [howto] = ld_scripts(client, routine.get_absolute_url())
    assert howto["@context"] == "https://schema.org"
    assert howto["@type"] == "HowTo"
    assert howto["totalTime"] == "PT3M"
    assert [step["url"] for step in howto["step"]] == [
        f"{ORIGIN}/routines/back-routine/#step-{n}" for n in (1, 2, 3)
    ]


@pytest.mark.django_db
def test_building_the_graph_costs_no_query(rf, article, django_assert_num_queries):
    loaded = article_detail_queryset().get(pk=article.pk)
    topics = list(loaded.topics.all())
    steps = list(ORDERED_STEPS.filter(routine=loaded.featured_routine))
    with django_assert_num_queries(0):
        data = article_jsonld(loaded, rf.get("/"), topics=topics, steps=steps)
    assert len(data["@graph"]) == 3
