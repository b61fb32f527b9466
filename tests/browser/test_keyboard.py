"""Keyboard alone: reach and submit the comment form, start the video."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TABS = 80

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    html: el.outerHTML.slice(0, 120),
    id: el.id,
    outlineStyle: style.outlineStyle,
    outlineWidth: style.outlineWidth,
    boxShadow: style.boxShadow,
  };
}"""


def assert_focus_visible(page) -> dict:
    focused = page.evaluate(FOCUSED)
    assert focused is not None, "focus left the page's elements"
    outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] != "0px"
    shadow = focused["boxShadow"] not in ("", "none")
    assert outline or shadow, f"no visible focus indicator on {focused['html']}"
    return focused


def tab_to(page, selector: str) -> int:
    """Press Tab until ``selector`` has focus, checking every stop on the way."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached in {MAX_TABS} presses of Tab")


def test_keyboard_reader_comments_and_starts_video(
    reader, network, live_server, article
):
    page = reader
    url = live_server.url + article.get_absolute_url()
    page.goto(url)

    tab_to(page, "#id_name")
    page.keyboard.type("Kim")
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["id"] == "id_email"
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["id"] == "id_notify_replies"
    page.keyboard.press("Tab")
    assert assert_focus_visible(page)["id"] == "id_body"
    page.keyboard.type("Step 2 was easy to find with the picture.")
    page.keyboard.press("Tab")
    assert "Post comment" in assert_focus_visible(page)["html"]
    page.keyboard.press("Enter")
    expect(page.locator(".comments .messages")).to_contain_text(
        "Your comment is posted."
    )
    expect(page.locator(".comment__body")).to_contain_text("Step 2 was easy")

    page.goto(url)
    tab_to(page, ".video-facade")
    assert page.locator("iframe").count() == 0
    assert network.external() == []
    page.keyboard.press("Enter")
    expect(page.locator(".video iframe")).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/")
    )
