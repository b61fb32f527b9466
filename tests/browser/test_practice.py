"""Guided practice: one step at a time with a timer, for the keyboard, screen
readers (a polite live region) and readers who prefer less motion; silent unless
asked; the plain step list without JavaScript."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from .conftest import (
    VIEWPORTS,
    Network,
    describe_violations,
    picture_loaded,
    run_axe,
    screenshot,
)
from .test_keyboard import assert_focus_visible, tab_to

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
AUDIO_FILE = re.compile(r"\.(mp3|wav|ogg|oga|m4a|aac|flac|opus|weba)(\?|$)", re.I)

# Counts what the page does with the Web Audio API.
COUNT_AUDIO = """
(() => {
  window.__audio = {contexts: 0, oscillators: 0};
  const Original = window.AudioContext;
  if (!Original) return;
  window.AudioContext = class extends Original {
    constructor(...args) { super(...args); window.__audio.contexts += 1; }
    createOscillator() {
      window.__audio.oscillators += 1;
      return super.createOscillator();
    }
  };
})();
"""


def open_article(page, live_server, article):
    """The article with the page's clock under the test's control (paused)."""
    page.clock.install(time=START)
    page.goto(live_server.url + article.get_absolute_url())
    page.clock.pause_at(START + datetime.timedelta(minutes=5))
    return page


def panel_parts(page) -> dict:
    panel = page.locator("section.practice")
    return {
        "panel": panel,
        "count": panel.locator(".practice__count"),
        "title": panel.locator(".practice__title"),
        "clock": panel.locator(".practice__clock"),
        "status": panel.get_by_role("status"),
        "toggle": panel.locator(".practice__toggle"),
        "previous": panel.get_by_role("button", name="Previous step"),
        "next": panel.get_by_role("button", name="Next step"),
        "exit": panel.get_by_role("button", name="Exit guided practice"),
        "auto": panel.get_by_label("Go on to the next step by itself"),
        "sound": panel.get_by_label("Play a sound when a step ends"),
    }


def first_steps(page, count: int = 3) -> list[dict]:
    """Codes and picture alt text as the plain list shows them."""
    steps = page.locator(".routine-steps > li")
    return [
        {
            "code": steps.nth(i).locator(".point-code").inner_text(),
            "alt": steps.nth(i).locator("img").get_attribute("alt"),
        }
        for i in range(count)
    ]


def test_without_javascript_the_plain_step_list_is_the_page(
    new_context, live_server, demo
):
    context = new_context(java_script_enabled=False)
    context.route("**/*", Network().handle)
    page = context.new_page()
    page.goto(live_server.url + demo.get_absolute_url())

    expect(page.locator("[data-practice-start]")).to_be_hidden()
    expect(page.get_by_role("button", name="Start guided practice")).to_have_count(0)
    expect(page.locator(".practice")).to_have_count(0)
    steps = page.locator("ol.routine-steps > li.step")
    expect(steps).to_have_count(8)
    for i in range(8):
        expect(steps.nth(i).locator("img")).to_be_visible()
        expect(steps.nth(i).locator(".step__facts")).to_contain_text("Time")


def test_guided_practice_steps_timer_and_announcements(
    reader, network, live_server, demo
):
    page = reader
    page.add_init_script(COUNT_AUDIO)
    open_article(page, live_server, demo)
    steps = first_steps(page)
    parts = panel_parts(page)
    start = page.get_by_role("button", name="Start guided practice")
    expect(start).to_be_visible()
    expect(start).to_have_attribute("aria-expanded", "false")
    expect(parts["panel"]).to_be_hidden()

    start.click()
    panel = parts["panel"]
    expect(panel).to_be_visible()
    expect(panel).to_be_focused()
    expect(start).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("region", name="Guided practice")).to_be_visible()
    expect(parts["count"]).to_have_text("Step 1 of 8")
    expect(parts["title"]).to_contain_text(steps[0]["code"])
    picture = panel.locator(".practice__figure img")
    expect(picture).to_have_attribute("alt", steps[0]["alt"])
    expect(picture).to_be_visible()
    assert picture_loaded(picture)
    expect(panel).to_contain_text("How to find it")
    expect(panel.locator(".step__facts")).to_contain_text("Both sides")
    expect(parts["clock"]).to_have_text("01:00")
    expect(parts["status"]).to_have_attribute("aria-live", "polite")
    expect(parts["status"]).to_contain_text("Step 1 of 8: " + steps[0]["code"])
    expect(parts["previous"]).to_have_attribute("aria-disabled", "true")

    # Start runs the timer; the live region is not updated every second.
    parts["toggle"].click()
    expect(parts["toggle"]).to_have_text("Pause timer")
    expect(parts["status"]).to_have_text("Timer started: 1 minute.")
    page.clock.run_for(15_000)
    expect(parts["clock"]).to_have_text("00:45")
    expect(parts["status"]).to_have_text("Timer started: 1 minute.")
    page.clock.run_for(15_000)
    expect(parts["clock"]).to_have_text("00:30")
    expect(parts["status"]).to_have_text("Halfway: 30 seconds left.")
    assert panel.locator("progress").evaluate("p => [p.value, p.max]") == [30, 60]

    # Pause stops it: time does not move over a further fast-forward.
    parts["toggle"].click()
    expect(parts["toggle"]).to_have_text("Resume timer")
    expect(parts["status"]).to_have_text("Paused with 30 seconds left.")
    page.clock.fast_forward(20_000)
    page.clock.run_for(5_000)
    expect(parts["clock"]).to_have_text("00:30")

    parts["toggle"].click()
    expect(parts["status"]).to_have_text("Resumed: 30 seconds left.")
    page.clock.run_for(30_000)
    expect(parts["clock"]).to_have_text("00:00")
    expect(parts["status"]).to_contain_text("Step 1 finished.")
    expect(parts["status"]).to_contain_text("Select Next step")
    # Without auto-advance the reader decides when to move on.
    page.clock.run_for(10_000)
    expect(parts["count"]).to_have_text("Step 1 of 8")
    expect(parts["toggle"]).to_have_text("Start this step again")

    parts["next"].click()
    expect(parts["count"]).to_have_text("Step 2 of 8")
    expect(parts["title"]).to_contain_text(steps[1]["code"])
    expect(panel.locator(".practice__figure img")).to_have_attribute(
        "alt", steps[1]["alt"]
    )
    expect(parts["clock"]).to_have_text("01:00")
    expect(parts["status"]).to_contain_text("Step 2 of 8: " + steps[1]["code"])
    expect(parts["previous"]).not_to_have_attribute("aria-disabled", "true")

    parts["previous"].click()
    expect(parts["count"]).to_have_text("Step 1 of 8")
    expect(parts["status"]).to_contain_text("Step 1 of 8: " + steps[0]["code"])

    # With auto-advance, the end of a step starts the next one.
    parts["next"].click()
    parts["auto"].check()
    parts["toggle"].click()
    page.clock.run_for(60_000)
    expect(parts["count"]).to_have_text("Step 3 of 8")
    expect(parts["status"]).to_contain_text("Step 2 finished.")
    expect(parts["status"]).to_contain_text("Step 3 of 8: " + steps[2]["code"])
    expect(parts["clock"]).to_have_text("02:00")
    expect(parts["toggle"]).to_have_text("Pause timer")
    page.clock.run_for(1_000)
    expect(parts["clock"]).to_have_text("01:59")
    screenshot(page, "practice-desktop")

    # Escape closes the panel and returns focus to the Start button.
    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(start).to_be_focused()
    expect(start).to_have_attribute("aria-expanded", "false")

    # The plain list stayed as it was, and nothing made a sound.
    expect(page.locator("ol.routine-steps > li")).to_have_count(8)
    assert page.evaluate("window.__audio") == {"contexts": 0, "oscillators": 0}
    assert [url for url in network.requested if AUDIO_FILE.search(url)] == []
    assert network.external() == []


def test_guided_practice_with_the_keyboard_only(reader, live_server, demo):
    page = reader
    open_article(page, live_server, demo)
    parts = panel_parts(page)

    tab_to(page, "[data-practice-start]")
    page.keyboard.press("Enter")
    expect(parts["panel"]).to_be_focused()
    expect(parts["count"]).to_have_text("Step 1 of 8")

    # Space on the panel starts and pauses.
    page.keyboard.press("Space")
    expect(parts["toggle"]).to_have_text("Pause timer")
    page.clock.run_for(10_000)
    expect(parts["clock"]).to_have_text("00:50")
    page.keyboard.press("Space")
    expect(parts["toggle"]).to_have_text("Resume timer")

    # Tab order: timer button, previous, next, the two options, exit.
    expected = [
        ("practice__toggle", "Resume timer"),
        ("", "Previous step"),
        ("", "Next step"),
        ("", 'type="checkbox"'),
        ("", 'type="checkbox"'),
        ("practice__exit", "Exit guided practice"),
    ]
    for css_class, text in expected:
        page.keyboard.press("Tab")
        focused = assert_focus_visible(page)
        assert text in focused["html"], focused["html"]
        assert css_class in focused["html"], focused["html"]

    # Back to the timer button: Enter resumes, Space pauses.
    for _ in range(5):
        page.keyboard.press("Shift+Tab")
    expect(parts["toggle"]).to_be_focused()
    page.keyboard.press("Enter")
    expect(parts["status"]).to_have_text("Resumed: 50 seconds left.")
    page.clock.run_for(5_000)
    expect(parts["clock"]).to_have_text("00:45")
    page.keyboard.press("Space")
    expect(parts["status"]).to_have_text("Paused with 45 seconds left.")

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(parts["next"]).to_be_focused()
    page.keyboard.press("Enter")
    expect(parts["count"]).to_have_text("Step 2 of 8")
    expect(parts["status"]).to_contain_text("Step 2 of 8")
    page.keyboard.press("Shift+Tab")
    expect(parts["previous"]).to_be_focused()
    page.keyboard.press("Space")
    expect(parts["count"]).to_have_text("Step 1 of 8")
    # At the first step "Previous" is unavailable but keeps the focus.
    expect(parts["previous"]).to_have_attribute("aria-disabled", "true")
    expect(parts["previous"]).to_be_focused()
    page.keyboard.press("Enter")
    expect(parts["count"]).to_have_text("Step 1 of 8")

    # The auto-advance box with Space, then a whole step hands-free.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(parts["auto"]).to_be_focused()
    page.keyboard.press("Space")
    expect(parts["auto"]).to_be_checked()
    expect(parts["sound"]).not_to_be_checked()
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    expect(parts["toggle"]).to_be_focused()
    page.keyboard.press("Enter")
    page.clock.run_for(60_000)
    expect(parts["count"]).to_have_text("Step 2 of 8")
    expect(parts["status"]).to_contain_text("Step 1 finished.")

    # Escape from anywhere in the panel returns to the Start button; Enter
    # opens the panel again where the reader left it.
    page.keyboard.press("Escape")
    expect(parts["panel"]).to_be_hidden()
    start = page.locator("[data-practice-start]")
    expect(start).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    expect(parts["panel"]).to_be_focused()
    expect(parts["count"]).to_have_text("Step 2 of 8")
    page.keyboard.press("Tab")
    expect(parts["toggle"]).to_have_text("Resume timer")

    # The exit button works from the keyboard as well.
    for _ in range(5):
        page.keyboard.press("Tab")
    expect(parts["exit"]).to_be_focused()
    page.keyboard.press("Enter")
    expect(parts["panel"]).to_be_hidden()
    expect(start).to_be_focused()


def test_sound_only_when_the_reader_asks_for_it(reader, network, live_server, demo):
    page = reader
    page.add_init_script(COUNT_AUDIO)
    open_article(page, live_server, demo)
    parts = panel_parts(page)
    assert page.evaluate("typeof window.__audio.contexts") == "number"

    page.get_by_role("button", name="Start guided practice").click()
    parts["toggle"].click()
    page.clock.run_for(60_000)
    expect(parts["status"]).to_contain_text("Step 1 finished.")
    assert page.evaluate("window.__audio") == {"contexts": 0, "oscillators": 0}

    parts["sound"].check()
    assert page.evaluate("window.__audio") == {"contexts": 1, "oscillators": 0}
    parts["next"].click()
    parts["toggle"].click()
    page.clock.run_for(30_000)
    assert page.evaluate("window.__audio.oscillators") == 0
    page.clock.run_for(30_000)
    expect(parts["status"]).to_contain_text("Step 2 finished.")
    assert page.evaluate("window.__audio") == {"contexts": 1, "oscillators": 1}

    parts["sound"].uncheck()
    parts["next"].click()
    parts["toggle"].click()
    page.clock.run_for(120_000)
    expect(parts["status"]).to_contain_text("Step 3 finished.")
    assert page.evaluate("window.__audio") == {"contexts": 1, "oscillators": 1}
    assert [url for url in network.requested if AUDIO_FILE.search(url)] == []
    assert network.external(r"^(?!https?://(localhost|127\.0\.0\.1))") == []


TRANSITIONS = """() => [
  '.practice', '.practice__clock', '.practice__toggle', '.practice__progress'
].map(s => getComputedStyle(document.querySelector(s)).transitionDuration)"""


def test_no_transitions_when_reduced_motion_is_preferred(reader, live_server, demo):
    page = reader
    page.emulate_media(reduced_motion="no-preference")
    page.goto(live_server.url + demo.get_absolute_url())
    page.get_by_role("button", name="Start guided practice").click()
    # Some transitions exist for readers who do not mind motion...
    assert any(d != "0s" for d in page.evaluate(TRANSITIONS))

    page.emulate_media(reduced_motion="reduce")
    page.reload()
    page.get_by_role("button", name="Start guided practice").click()
    page.locator(".practice__toggle").click()
    # ...and none for those who prefer less.
    assert set(page.evaluate(TRANSITIONS)) == {"0s"}
    assert page.evaluate(
        "() => [...document.querySelectorAll('.practice, .practice *')]"
        ".every(el => getComputedStyle(el).transitionDuration.split(', ')"
        ".every(d => d === '0s') && getComputedStyle(el).animationName === 'none')"
    )


@pytest.mark.parametrize("viewport", VIEWPORTS.keys())
def test_practice_panel_has_no_axe_violations(reader, live_server, demo, viewport):
    page = reader
    page.set_viewport_size(VIEWPORTS[viewport])
    open_article(page, live_server, demo)
    page.get_by_role("button", name="Start guided practice").click()
    page.locator(".practice__toggle").click()
    page.clock.run_for(5_000)
    page.get_by_role("button", name="Pause timer").click()
    expect(page.locator(".practice__clock")).to_have_text("00:55")
    screenshot(page, f"practice-{viewport}")
    # axe-core waits on timers: let the page's clock run again (the practice
    # timer itself is paused).
    page.clock.resume()
    violations = run_axe(page)
    assert not violations, describe_violations(violations)

    # The first step's disabled "Previous" is checked too, then a middle step.
    page.get_by_role("button", name="Next step").click()
    violations = run_axe(page)
    assert not violations, describe_violations(violations)


def test_guided_practice_on_the_routine_page(reader, live_server, demo):
    page = reader
    page.goto(live_server.url + demo.featured_routine.get_absolute_url())
    steps = first_steps(page, 1)
    page.get_by_role("button", name="Start guided practice").click()
    parts = panel_parts(page)
    expect(parts["panel"]).to_be_focused()
    expect(parts["count"]).to_have_text("Step 1 of 8")
    expect(parts["title"]).to_contain_text(steps[0]["code"])
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
    parts["exit"].click()
    expect(parts["panel"]).to_be_hidden()
    expect(page.get_by_role("button", name="Start guided practice")).to_be_focused()
