"""The article page shows everything a reader needs, in a sensible order."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def soup_of(client, article) -> BeautifulSoup:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_header_shows_title_summary_byline_and_date(client, article):
    page = soup_of(client, article)
    assert page.h1.get_text() == "Acupressure for low back pain"
    assert page.select_one(".lead").get_text() == "What you need to know."
    byline = page.select_one(".byline")
    assert "By Sam Writer" in byline.get_text()
    # The page shows the date in the site's time zone, not UTC's.
    local_date = timezone.localtime(article.publish_at).date()
    assert byline.time["datetime"].startswith(str(local_date))


def test_handout_card_comes_before_the_routine_and_says_what_the_file_is(
    client, article
):
    page = soup_of(client, article)
    card = page.select_one("#handout")
    assert card.h2.get_text() == "Download the handout"
    link = card.select_one("a.handout-link")
    assert link["href"] == "/handouts/low-back-pain-handout.pdf"
    label = " ".join(link.get_text().split())
    assert label.startswith("Acupressure for low back pain handout (PDF, 2 pages, ")
    assert label.endswith(" KB)")
    html = str(page)
    assert html.index('id="handout"') < html.index('id="routine"')


def test_handout_of_the_featured_routine_is_offered_too(client, article, routine):
    routine.handouts.add(factories.HandoutFactory(title="Routine sheet"))
    links = soup_of(client, article).select("#handout a.handout-link")
    assert [a.get_text().split(" (")[0] for a in links] == [
        "Acupressure for low back pain handout",
        "Routine sheet",
    ]


def test_video_is_a_click_to_load_privacy_enhanced_facade(client, article):
    page = soup_of(client, article)
    video = page.select_one("#video")
    assert video.find("iframe") is None
    loaded = [
        tag
        for tag in page.find_all(["img", "script", "link", "iframe"])
        if tag.get("type") != "application/ld+json"  # data, never fetched
    ]
    assert "youtube" not in " ".join(str(tag) for tag in loaded)
    facade = video.select_one("a.video-facade")
    assert facade["data-embed"].startswith(
        "https://www.youtube-nocookie.com/embed/aCuPrEs5uR0"
    )
    assert "cc_load_policy=1" in facade["data-embed"]
    assert facade["href"] == "https://www.youtube.com/watch?v=aCuPrEs5uR0"


def test_transcript_is_on_the_page(client, article):
    transcript = soup_of(client, article).select_one("#transcript")
    assert "Today we press eight points." in transcript.get_text()


def test_video_without_a_file_explains_how_to_keep_it(client, article):
    video = soup_of(client, article).select_one("#video")
    assert "can’t be downloaded" in video.get_text()
    assert "Download the video" not in video.get_text()


def test_video_file_is_offered_with_type_and_size(client, article):
    article.video_file.save(
        "clip.mp4", ContentFile(b"\x00\x00\x00\x18ftypisom" + b"\x00" * 2048)
    )
    article.save()
    video = soup_of(client, article).select_one("#video")
    link = video.find("a", string=lambda s: s and s.startswith("Download the video"))
    assert link.get_text() == "Download the video (MP4, 2 KB)"
    assert link["href"] == f"/articles/{article.slug}/video.mp4"


def test_captions_can_be_downloaded(client, article):
    article.video_captions.save(
        "captions.vtt", ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n")
    )
    article.save()
    video = soup_of(client, article).select_one("#video")
    assert video.find("a", string="Download the captions (WebVTT)")


def test_routine_steps_show_picture_place_technique_side_time_and_cautions(
    client, article, routine
):
    steps = soup_of(client, article).select("#routine li.step")
    assert len(steps) == 3
    expected = list(routine.steps.select_related("point"))
    for item, step in zip(steps, expected, strict=True):
        text = " ".join(item.get_text().split())
        assert step.point.code in text
        assert "Bend the knee a little." in text  # how to find it
        assert "Press gently for a minute." in text  # technique
        assert "Both sides" in text
        assert "Avoid swollen knees." in text
        img = item.find("img")
        assert img["alt"] == step.point.picture_alt
        assert img["width"] and img["height"]
        link = item.select_one(".step__title a")
        assert link["href"] == step.point.get_absolute_url()
    times = [s.select_one(".step__facts").get_text(" ", strip=True) for s in steps]
    assert "30 seconds" in times[0]
    assert "1 minute 30 seconds" in times[2]


def test_routine_total_time_is_shown(client, article):
    meta = soup_of(client, article).select_one(".routine-meta").get_text()
    assert "3 points" in meta
    assert "3 minutes" in meta


def test_body_markdown_is_rendered_and_scripts_removed(client, article):
    article.body = (
        "## Safe\n\n<script>alert('x')</script>\n\n"
        '<a href="javascript:alert(1)" onclick="steal()">bad link</a>\n\n'
        "<img src=x onerror=alert(1)>"
    )
    article.save()
    body = soup_of(client, article).select_one(".article__body")
    assert body.h2.get_text() == "Safe"
    html = str(body)
    assert "<script" not in html
    assert "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html


def test_topics_in_this_story_link_to_topic_pages(client, article):
    section = soup_of(client, article).select_one(".topics")
    assert section.h2.get_text() == "Topics in this story"
    assert [a["href"] for a in section.find_all("a")] == ["/topics/low-back-pain/"]


def test_more_stories_share_a_topic_newest_first_and_never_itself(client, article):
    topic = article.topics.first()
    now = timezone.now()
    older = factories.ArticleFactory(
        title="Older", publish_at=now - datetime.timedelta(days=5), topics=[topic]
    )
    newer = factories.ArticleFactory(
        title="Newer", publish_at=now - datetime.timedelta(hours=1), topics=[topic]
    )
    factories.ArticleFactory(title="Unrelated")
    titles = [
        h.get_text(strip=True)
        for h in soup_of(client, article).select(".more-stories h3")
    ]
    assert titles == [newer.title, older.title]


def test_disclaimer_and_last_reviewed_date_close_the_article(client, article):
    article.last_reviewed = datetime.date(2026, 3, 14)
    article.next_review_due = None  # derived again on save
    article.save()
    disclaimer = soup_of(client, article).select_one(".disclaimer")
    assert "education only" in disclaimer.get_text()
    text = " ".join(disclaimer.get_text().split())
    assert "Page last reviewed: 14 March 2026" in text
    assert "Next review due: 14 March 2027" in text


def test_review_dates_are_machine_readable_and_name_the_reviewer(client, article):
    article.last_reviewed = datetime.date(2026, 3, 14)
    article.next_review_due = datetime.date(2026, 9, 1)
    article.reviewer_name = "Dr Ana Ruiz"
    article.reviewer_credentials = "MD, physiatrist"
    article.save()

    page = soup_of(client, article)

    times = [t["datetime"] for t in page.select(".review-dates time")]
    assert times == ["2026-03-14", "2026-09-01"]
    assert "Dr Ana Ruiz, MD, physiatrist" in page.select_one(".review-dates").text


def test_open_graph_tags_describe_the_article(client, article):
    page = soup_of(client, article)

    def og(name):
        return page.find("meta", property=f"og:{name}")["content"]

    assert og("title") == article.title
    assert og("description") == article.summary
    assert og("url").endswith(article.get_absolute_url())
    assert og("type") == "article"


def test_page_has_no_inline_script_or_style(client, article):
    page = soup_of(client, article)
    scripts = page.find_all("script")
    assert all(s.get("src") or s.get("type") == "application/ld+json" for s in scripts)
    assert page.find(style=True) is None
    assert page.find("style") is None


def test_point_page_shows_picture_steps_and_routines_using_it(client, article):
    point = article.featured_routine.steps.first().point
    response = client.get(point.get_absolute_url())
    page = BeautifulSoup(response.content, "html.parser")
    assert point.code in page.h1.get_text()
    assert page.select_one(".point-figure img")["alt"] == point.picture_alt
    assert [li.get_text() for li in page.select(".find-steps li")] == [
        "Bend the knee a little.",
        "Find the middle of the crease.",
    ]
    routines = page.select_one("#routines-heading").find_parent("section")
    assert routines.a["href"] == article.featured_routine.get_absolute_url()


def test_point_library_lists_every_point_by_body_region_head_to_foot(client, routine):
    factories.PointFactory(code="LI 4", slug="li-4", body_region="hand")
    factories.PointFactory(code="GV 20", slug="gv-20", body_region="head")
    factories.PointFactory(code="GV 4", slug="gv-4", body_region="back")
    page = BeautifulSoup(client.get("/points/").content, "html.parser")
    regions = [h.get_text() for h in page.select("main h2")]
    # Head to foot, not alphabetical ("Back" would come first).
    assert regions == ["Head and neck", "Hand and arm", "Back", "Leg and knee"]
    assert [a.get_text() for a in page.select("nav.toc a")] == regions
    assert len(page.select(".point-card")) == 6


def test_routine_page_lists_steps_and_its_article(client, article, routine):
    page = BeautifulSoup(client.get(routine.get_absolute_url()).content, "html.parser")
    assert len(page.select("li.step")) == 3
    assert page.find("a", href=article.get_absolute_url())


def test_unknown_page_uses_the_site_design(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_routine_says_how_many_points_and_how_long_in_all(client, article, routine):
    meta = soup_of(client, article).select_one(".routine-meta p").get_text(" ")
    total = sum(step.duration_seconds for step in routine.steps.all())
    assert f"{routine.steps.count()} points" in meta
    assert total == 180
    assert "about 3 minutes of pressing in all" in " ".join(meta.split())
    routine_page = client.get(routine.get_absolute_url()).content.decode()
    assert "about <strong>3 minutes</strong> of pressing in all" in routine_page
