import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from routines import publishing
from routines.checks import (
    Problem,
    alt_text_looks_like_file_name,
    handout_problems,
    link_text_problems,
    publishing_errors,
    publishing_problems,
    routine_problems,
    video_problems,
)
from routines.models import Article, Point, RoutineStep
from tests import factories

HERO_SIZE = {"hero_width": 40, "hero_height": 30}  # no file is read
GOOD_ALT = "Two thumbs pressing the muscles beside the spine at waist level"


def errors_of(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems if p.level == "error"]


def warnings_of(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems if p.level == "warning"]


# --- File names as alt text (pure) -----------------------------------------------


@pytest.mark.parametrize(
    ("alt", "file_name"),
    [
        ("IMG_1234", ""),
        ("img-1234", ""),
        ("DSC0001", ""),
        ("DSC_0001.JPG", ""),
        ("DSCN0042", ""),
        ("PXL_20240101_123456789.MP", ""),
        ("Screenshot 2024-05-01 at 10.02.11", ""),
        ("image001", ""),
        ("lower back.png", ""),
        ("hero.webp", ""),
        ("lower-back", "articles/lower-back.png"),
        ("Lower-Back.png", "articles/lower-back.png"),
    ],
)
def test_file_names_are_recognised_as_alt_text(alt, file_name):
    assert alt_text_looks_like_file_name(alt, file_name)


@pytest.mark.parametrize(
    ("alt", "file_name"),
    [
        (GOOD_ALT, "articles/img_1234.jpg"),
        ("A photo of two hands, one pressing the web of the other", ""),
        ("Back of a knee with a dot in the middle of the crease", "points/bl-40.png"),
        ("Lower back", "articles/lower-back.png"),
        ("", ""),
    ],
)
def test_descriptions_are_not_taken_for_file_names(alt, file_name):
    assert not alt_text_looks_like_file_name(alt, file_name)


# --- Hero picture ------------------------------------------------------------------


def test_hero_picture_without_alt_text_is_an_error():
    article = factories.ArticleFactory.build(
        hero_image="articles/back.png", hero_alt="", **HERO_SIZE
    )

    assert errors_of(publishing_problems(article, handouts=[])) == [
        "The hero picture has no alt text. Describe what the picture shows, for "
        "readers who cannot see it."
    ]


def test_hero_picture_with_a_file_name_as_alt_text_is_an_error():
    article = factories.ArticleFactory.build(
        hero_image="articles/img_1234.jpg", hero_alt="IMG_1234.JPG", **HERO_SIZE
    )

    assert errors_of(publishing_problems(article, handouts=[])) == [
        "The hero picture has a file name as its alt text (“IMG_1234.JPG”). "
        "Describe what the picture shows instead."
    ]


def test_hero_picture_with_a_description_passes():
    article = factories.ArticleFactory.build(
        hero_image="articles/img_1234.jpg", hero_alt=GOOD_ALT, **HERO_SIZE
    )

    assert publishing_problems(article, handouts=[]) == []


# --- Link text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "For more, [click here](https://www.nih.gov/back-pain).",
        "[Here](https://www.nih.gov/back-pain) is the guide.",
        "[Read more…](https://www.nih.gov/back-pain)",
        "Open [this link](https://www.nih.gov/back-pain).",
        "A [link](https://www.nih.gov/back-pain).",
        'Raw HTML too: <a href="https://www.nih.gov/back-pain">Click <b>here</b></a>.',
    ],
)
def test_link_text_that_says_nothing_is_an_error(body):
    [message] = errors_of(link_text_problems(body))

    assert message.startswith("The body has a link whose text is “")
    assert "(to https://www.nih.gov/back-pain)" in message


def test_link_without_text_is_an_error():
    [message] = errors_of(link_text_problems("[](https://www.nih.gov/back-pain)"))

    assert message.startswith("The body has a link with no text")


def test_link_text_that_names_the_destination_passes():
    body = (
        "See [the NIH guide to low back pain](https://www.nih.gov/back-pain) "
        "and [where the points are](/points/). Read more below."
    )

    assert link_text_problems(body) == []


# --- Video -------------------------------------------------------------------------


def test_video_without_captions_is_an_error():
    article = factories.ArticleFactory.build(
        video_url="https://www.youtube.com/watch?v=aCuPrEs5uR0",
        video_transcript="Welcome.",
    )

    assert errors_of(video_problems(article)) == [
        "The video has no captions file. Upload WebVTT captions."
    ]


def test_video_without_transcript_is_an_error():
    article = factories.ArticleFactory.build(
        video_file="videos/routine.mp4",
        video_captions="captions/routine.vtt",
        video_transcript="  ",
    )

    assert errors_of(video_problems(article)) == [
        "The video has no transcript. Add the transcript."
    ]


def test_video_with_captions_and_transcript_passes():
    article = factories.ArticleFactory.build(
        video_url="https://www.youtube.com/watch?v=aCuPrEs5uR0",
        video_captions="captions/routine.vtt",
        video_transcript="Welcome.",
    )

    assert video_problems(article) == []


def test_article_without_video_needs_no_captions():
    assert video_problems(factories.ArticleFactory.build()) == []


# --- Routine steps -----------------------------------------------------------------


def step_with(**point_fields) -> RoutineStep:
    # Sizes given, so that no picture file is read.
    point = Point(
        code="BL 23", slug="bl-23", picture_width=40, picture_height=30, **point_fields
    )
    return RoutineStep(order=2, point=point, duration_seconds=60)


def test_step_whose_point_has_no_picture_is_an_error():
    assert errors_of(routine_problems([step_with()])) == [
        "Step 2 (BL 23): the point BL 23 has no picture. Readers need one to find "
        "the point."
    ]


def test_point_picture_without_alt_text_is_an_error():
    step = step_with(picture="points/bl-23.png", picture_alt="")

    [message] = errors_of(routine_problems([step]))

    assert message.startswith("Step 2 (BL 23): the picture of BL 23 has no alt text.")


def test_point_picture_with_a_file_name_as_alt_text_is_an_error():
    step = step_with(picture="points/bl-23.png", picture_alt="bl-23")

    [message] = errors_of(routine_problems([step]))

    assert message.startswith(
        "Step 2 (BL 23): the picture of BL 23 has a file name as its alt text (“bl-23”)"
    )


def test_step_whose_point_has_a_described_picture_passes():
    step = step_with(picture="points/bl-23.png", picture_alt=GOOD_ALT)

    assert routine_problems([step]) == []


# --- Handouts ----------------------------------------------------------------------


def test_handout_not_marked_508_conformant_is_a_warning():
    handout = factories.HandoutFactory.build(
        title="Back sheet", section_508_conformant=False
    )

    assert handout_problems([handout]) == [
        Problem(
            "warning",
            "The handout “Back sheet” is not marked Section 508 conformant. Check "
            "it and record the date, or replace it.",
        )
    ]


def test_handout_marked_508_conformant_passes():
    handout = factories.HandoutFactory.build(
        section_508_conformant=True, section_508_checked_on=datetime.date(2026, 1, 5)
    )

    assert handout_problems([handout]) == []


# --- The whole article -------------------------------------------------------------


@pytest.fixture
def good_article(db):
    """A public-ready article: described pictures, captions, transcript."""
    routine = factories.RoutineFactory(title="Back routine")
    for order in (1, 2):
        factories.RoutineStepFactory(routine=routine, order=order)
    return factories.DraftArticleFactory(
        title="Good article",
        featured_routine=routine,
        video_url="https://www.youtube.com/watch?v=aCuPrEs5uR0",
        video_captions="captions/routine.vtt",
        video_transcript="Welcome.",
        body="See [the NIH guide](https://www.nih.gov/back-pain).",
    )


def test_ready_article_has_no_problems(good_article):
    assert publishing_problems(good_article) == []


def test_routine_and_article_handouts_give_warnings_not_errors(good_article):
    routine_sheet = factories.HandoutFactory(title="Routine sheet")
    good_article.featured_routine.handouts.add(routine_sheet)
    good_article.handouts.add(factories.HandoutFactory(title="Article sheet"))

    problems = publishing_problems(good_article)

    assert errors_of(problems) == []
    assert [m.split("”")[0] for m in warnings_of(problems)] == [
        "The handout “Article sheet",
        "The handout “Routine sheet",
    ]


def test_step_without_picture_in_the_featured_routine_blocks(good_article):
    step = good_article.featured_routine.steps.get(order=2)
    Point.objects.filter(pk=step.point_id).update(picture="", picture_alt="")

    assert publishing_errors(good_article) == [
        f"Step 2 ({step.point.code}): the point {step.point.code} has no picture. "
        "Readers need one to find the point."
    ]


def test_errors_come_before_warnings(good_article):
    good_article.handouts.add(factories.HandoutFactory())
    good_article.body = "[here](https://www.nih.gov/)"

    levels = [p.level for p in publishing_problems(good_article)]

    assert levels == ["error", "warning"]


def test_demo_articles_have_no_publishing_errors(db):
    call_command("seed_demo", "--no-admin", stdout=io.StringIO())

    articles = Article.objects.order_by("slug")
    assert len(articles) == 2
    for article in articles:
        problems = publishing_problems(article)
        assert errors_of(problems) == [], article.slug
        # The demo handouts are honestly not marked conformant: warnings only.
        assert all(p.level == "warning" for p in problems)


# --- publishing.publish with a check ----------------------------------------------


def test_publish_with_the_check_leaves_a_failing_article_as_draft(good_article, db):
    bad = factories.DraftArticleFactory(body="[click here](https://www.nih.gov/)")

    count = publishing.publish(
        Article.objects.filter(pk__in=[bad.pk, good_article.pk]),
        check=publishing_errors,
    )

    assert count == 1
    bad.refresh_from_db()
    good_article.refresh_from_db()
    assert bad.status == Article.Status.DRAFT
    assert good_article.status == Article.Status.PUBLISHED


def test_publish_without_a_check_publishes_as_before(db):
    bad = factories.DraftArticleFactory(body="[click here](https://www.nih.gov/)")

    assert publishing.publish(Article.objects.filter(pk=bad.pk)) == 1


# --- The admin ---------------------------------------------------------------------


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def top_errors(response) -> list[str]:
    return [
        li.get_text(" ", strip=True)
        for li in soup(response).select("ul.errorlist.nonfield li")
    ]


def page_messages(response) -> list[tuple[str, str]]:
    return [
        (" ".join(li.get("class", [])), li.get_text(" ", strip=True))
        for li in soup(response).select("ul.messagelist li")
    ]


def article_form(**overrides) -> dict:
    when = timezone.localtime() - datetime.timedelta(hours=1)
    return {
        "title": "Stretch your back",
        "slug": "stretch-your-back",
        "summary": "Three stretches.",
        "body": "Plain words.",
        "byline": "Sam Writer",
        "status": Article.Status.PUBLISHED,
        "publish_at_0": when.strftime("%Y-%m-%d"),
        "publish_at_1": when.strftime("%H:%M:%S"),
        "last_reviewed": when.strftime("%Y-%m-%d"),
        "disclaimer": "For education only.",
        "hero_alt": "",
        "video_url": "",
        "video_transcript": "",
        **overrides,
    }


ADD_URL = "admin:routines_article_add"


@pytest.mark.django_db
def test_admin_refuses_to_publish_with_errors_and_saves_nothing(staff_client):
    response = staff_client.post(
        reverse(ADD_URL),
        article_form(
            body="[Click here](https://www.nih.gov/) for the guide.",
            video_url="https://www.youtube.com/watch?v=aCuPrEs5uR0",
        ),
    )

    assert response.status_code == 200
    assert top_errors(response) == [
        "The body has a link whose text is “Click here” (to https://www.nih.gov/). "
        "Link text should say where the link goes, for example “the NIH back pain "
        "guide”.",
        "The video has no captions file. Upload WebVTT captions.",
        "The video has no transcript. Add the transcript.",
    ]
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_refuses_to_schedule_a_routine_with_a_step_without_picture(
    staff_client,
):
    routine = factories.RoutineFactory()
    step = factories.RoutineStepFactory(
        routine=routine, order=1, point__picture="", point__picture_alt=""
    )
    draft = factories.DraftArticleFactory(title="Draft")
    later = timezone.localtime() + datetime.timedelta(days=2)

    response = staff_client.post(
        reverse("admin:routines_article_change", args=[draft.pk]),
        article_form(
            title="Draft",
            slug=draft.slug,
            status=Article.Status.SCHEDULED,
            featured_routine=routine.pk,
            publish_at_0=later.strftime("%Y-%m-%d"),
        ),
    )

    assert response.status_code == 200
    assert top_errors(response) == [
        f"Step 1 ({step.point.code}): the point {step.point.code} has no picture. "
        "Readers need one to find the point."
    ]
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.featured_routine is None


@pytest.mark.django_db
def test_admin_saves_a_draft_with_problems_and_says_what_blocks(staff_client):
    response = staff_client.post(
        reverse(ADD_URL),
        article_form(status=Article.Status.DRAFT, body="[here](https://nih.gov/)"),
        follow=True,
    )

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert (
        "warning",
        "Before it can be published: The body has a link whose text is “here” (to "
        "https://nih.gov/). Link text should say where the link goes, for example "
        "“the NIH back pain guide”.",
    ) in page_messages(response)


@pytest.mark.django_db
def test_admin_publishes_with_a_warning_for_a_chosen_handout(staff_client):
    handout = factories.HandoutFactory(title="Stretch sheet")

    response = staff_client.post(
        reverse(ADD_URL), article_form(handouts=[handout.pk]), follow=True
    )

    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    assert list(article.handouts.all()) == [handout]
    assert (
        "warning",
        "The handout “Stretch sheet” is not marked Section 508 conformant. Check it "
        "and record the date, or replace it.",
    ) in page_messages(response)


@pytest.mark.django_db
def test_publish_now_skips_articles_with_errors_and_says_why(
    staff_client, good_article
):
    bad = factories.DraftArticleFactory(
        title="Bad article", body="[Read more](https://www.nih.gov/)"
    )

    response = staff_client.post(
        reverse("admin:routines_article_changelist"),
        {"action": "publish_now", "_selected_action": [bad.pk, good_article.pk]},
        follow=True,
    )

    messages = page_messages(response)
    assert ("success", "Published 1 article(s).") in messages
    assert (
        "error",
        "“Bad article” was not published: The body has a link whose text is “Read "
        "more” (to https://www.nih.gov/). Link text should say where the link goes, "
        "for example “the NIH back pain guide”.",
    ) in messages
    bad.refresh_from_db()
    good_article.refresh_from_db()
    assert bad.status == Article.Status.DRAFT
    assert good_article.status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_publish_now_warns_when_the_medical_review_is_overdue(
    staff_client, good_article
):
    Article.objects.filter(pk=good_article.pk).update(
        next_review_due=datetime.date(2020, 1, 31)
    )

    response = staff_client.post(
        reverse("admin:routines_article_changelist"),
        {"action": "publish_now", "_selected_action": [good_article.pk]},
        follow=True,
    )

    messages = page_messages(response)
    assert ("success", "Published 1 article(s).") in messages
    assert (
        "warning",
        "“Good article” was published with a warning: The medical review was due "
        "on 2020-01-31. Have the page reviewed and record the new date before "
        "publishing.",
    ) in messages
