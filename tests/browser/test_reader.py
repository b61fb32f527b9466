"""A reader finds the handout, the points and the video on the article page."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import VIEWPORTS, picture_loaded, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

VIDEO_HOSTS = r"youtube|ytimg|google|gstatic|doubleclick"


def test_reader_finds_handout_point_and_video(reader, network, live_server, demo):
    page = reader
    url = live_server.url + demo.get_absolute_url()

    for name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.goto(url)
        screenshot(page, f"article-{name}")
        card = page.locator(".handout-card").bounding_box()
        bottom = card["y"] + card["height"]
        routine_top = page.locator("#routine").bounding_box()["y"]
        assert page.evaluate("window.scrollY") == 0
        assert bottom <= viewport["height"], (
            f"{name}: the handout card ends at {bottom:.0f}px, below the first "
            f"screen ({viewport['height']}px)"
        )
        assert bottom <= routine_top, (
            f"{name}: the handout card ends at {bottom:.0f}px, below the top of "
            f"the routine ({routine_top:.0f}px)"
        )
        expect(page.locator(".handout-card .handout-link")).to_be_in_viewport()

    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(url)
    link = page.locator(".handout-card .handout-link").first
    expect(link).to_contain_text(re.compile(r"\(PDF, \d+ pages?, [\d.]+ [KM]B\)"))
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "acupressure-for-low-back-pain-handout.pdf"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(data))
    assert len(pdf.pages) >= 1
    assert "low back" in pdf.pages[0].extract_text().lower()

    first_step = page.locator(".routine-steps .step").first
    code = first_step.locator(".point-code").inner_text()
    first_step.locator(".step__title a").click()
    expect(page.locator("h1 .point-code")).to_have_text(code)
    expect(page.get_by_role("heading", name="How to find it")).to_be_visible()
    assert picture_loaded(page.locator(".point-figure img"))

    page.go_back()
    expect(page.locator(".video-facade")).to_be_visible()
    assert page.locator("iframe").count() == 0
    assert network.external(VIDEO_HOSTS) == []
    page.locator(".video-facade").click()
    iframe = page.locator(".video iframe")
    expect(iframe).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/aCuPrEs5uR0\?")
    )
    expect(iframe).to_have_attribute("title", re.compile("Video: "))
    assert network.external(VIDEO_HOSTS) != []
    assert all(
        url.startswith("https://www.youtube-nocookie.com/")
        for url in network.external(VIDEO_HOSTS)
    )
