"""Guided practice is an enhancement: without JavaScript the plain step list is the
page, and the hooks practice.js reads are in the markup, the same for everyone."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

PRACTICE_JS = "js/practice.js"


def soup_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def practice_scripts(page: BeautifulSoup) -> list:
    return [s for s in page.find_all("script", src=True) if PRACTICE_JS in s["src"]]


@pytest.mark.parametrize("page_name", ["article", "routine"])
def test_start_button_is_hidden_until_javascript_shows_it(client, article, page_name):
    url = (
        article.get_absolute_url()
        if page_name == "article"
        else article.featured_routine.get_absolute_url()
    )
    page = soup_of(client, url)
    buttons = page.select("[data-practice-start]")
    assert len(buttons) == 1
    button = buttons[0]
    assert button.name == "button"
    assert button["type"] == "button"
    assert button.has_attr("hidden")
    assert button.get_text(strip=True) == "Start guided practice"
    # Inside the routine, below the handout card (which must stay in the first
    # screen on a phone).
    assert button.find_parent(class_="routine-meta") is not None
    assert not page.select(".practice")


def test_plain_step_list_carries_the_data_practice_reads(client, article):
    page = soup_of(client, article.get_absolute_url())
    steps_list = page.select_one("#routine ol.routine-steps[data-practice-steps]")
    assert steps_list is not None
    items = steps_list.find_all("li", recursive=False)
    steps = list(article.featured_routine.steps.order_by("order"))
    assert len(items) == len(steps) == 3
    for item, step in zip(items, steps, strict=True):
        assert item["data-step-order"] == str(step.order)
        assert item["data-step-duration"] == str(step.duration_seconds)
        assert item["data-step-side"] == step.get_side_display()
        assert item["data-point-code"] == step.point.code
        assert item["data-point-name"] == step.point.pinyin_name
        assert item["data-point-english"] == step.point.english_name
        # Everything the panel shows is in the plain list already.
        assert item.select_one(".point-code").get_text() == step.point.code
        assert item.select_one(".step__facts")


@pytest.mark.parametrize("page_name", ["article", "routine"])
def test_practice_script_is_deferred_on_article_and_routine_pages_only(
    client, article, page_name
):
    url = (
        article.get_absolute_url()
        if page_name == "article"
        else article.featured_routine.get_absolute_url()
    )
    scripts = practice_scripts(soup_of(client, url))
    assert len(scripts) == 1
    assert scripts[0].has_attr("defer")
    assert scripts[0].parent.name == "head"

    point = article.featured_routine.steps.first().point
    for other in ("/", "/articles/", "/points/", point.get_absolute_url()):
        assert practice_scripts(soup_of(client, other)) == [], other


def test_practice_markup_holds_nothing_personal(client, article, staff_client):
    """The page is cached for readers: the hooks are the same for anyone."""

    def hooks(c) -> str:
        page = soup_of(c, article.get_absolute_url())
        return str(page.select_one("[data-practice-start]")) + str(
            page.select_one("[data-practice-steps]")
        )

    assert hooks(client) == hooks(staff_client)


def test_practice_adds_no_inline_script_or_style(client, article):
    page = soup_of(client, article.get_absolute_url())
    inline = [
        s
        for s in page.find_all("script")
        if not s.has_attr("src") and s.get("type") != "application/ld+json"
    ]
    assert inline == []
    assert page.select("[style]") == []
    assert page.find("style") is None
