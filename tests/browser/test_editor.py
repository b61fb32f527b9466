"""An editor builds and schedules an article in the admin; readers see it on time."""

import datetime
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.files import pdf_bytes, picture_bytes

from .conftest import picture_loaded

pytestmark = pytest.mark.django_db(transaction=True)

PUBLISH_DELAY = datetime.timedelta(seconds=8)


def pick_autocomplete(page, select_id: str, search: str, option: str) -> None:
    """Choose ``option`` in a Django admin autocomplete (select2) widget."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_editor_schedules_article_that_readers_see_once_its_time_comes(
    editor, live_server, new_reader
):
    base = live_server.url
    page = editor
    factories.PointFactory(code="BL 40", slug="bl-40", pinyin_name="Weizhong")
    factories.PointFactory(code="BL 57", slug="bl-57", pinyin_name="Chengshan")

    # A point with a picture.
    page.goto(f"{base}/admin/routines/point/add/")
    page.get_by_label("Code").fill("BL 23")
    page.get_by_label("Pinyin name").fill("Shenshu")
    page.get_by_label("English name").fill("Kidney Shu")
    page.get_by_label("Body region").select_option(label="Back")
    page.get_by_label("How to find it").fill(
        "Find the bottom of your ribs.\nMove two finger widths from the spine."
    )
    page.get_by_label("Technique").fill("Press with both thumbs for a minute.")
    page.locator("#id_picture").set_input_files(
        files=[
            {
                "name": "Shenshu point.PNG",
                "mimeType": "image/png",
                "buffer": picture_bytes(size=(320, 240)),
            }
        ]
    )
    page.get_by_label("Picture alt text").fill("Lower back with two dots")
    expect(page.locator("#id_slug")).to_have_value("bl-23")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # A handout with a real PDF.
    page.goto(f"{base}/admin/routines/handout/add/")
    page.locator("#id_title").fill("Low back routine handout")
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": "routine.pdf",
                "mimeType": "application/pdf",
                "buffer": pdf_bytes(pages=2, text="Low back routine"),
            }
        ]
    )
    page.get_by_label("Description").fill("The routine on two pages.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # A routine of three steps, in order; the sortable inline starts with two
    # rows and the third is added with the formset's own link.
    page.goto(f"{base}/admin/routines/routine/add/")
    page.locator("#id_title").fill("Evening back routine")
    page.get_by_label("Summary").fill("Three points before bed.")
    page.get_by_label("Condition").fill("Low back pain")
    rows = page.locator("#steps-group tr.form-row:not(.empty-form)")
    while rows.count() < 3:
        page.locator("#steps-group .add-row a").click()
    for index, (code, seconds) in enumerate(
        [("BL 23", "60"), ("BL 40", "45"), ("BL 57", "30")]
    ):
        pick_autocomplete(page, f"id_steps-{index}-point", code, code)
        page.locator(f"#id_steps-{index}-side").select_option("both")
        page.locator(f"#id_steps-{index}-duration_seconds").fill(seconds)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # The article featuring the routine and the handout, scheduled.
    page.goto(f"{base}/admin/routines/article/add/")
    page.locator("#id_title").fill("An evening routine for your back")
    page.get_by_label("Summary").fill("Three points to press before bed.")
    page.get_by_label("Body").fill("## Why it helps\n\nGentle pressure relaxes.")
    page.get_by_label("Byline").fill("Sam Writer")
    page.get_by_label("Status").select_option("scheduled")
    publish_at = timezone.localtime() + PUBLISH_DELAY
    page.locator("#id_publish_at_0").fill(publish_at.strftime("%Y-%m-%d"))
    page.locator("#id_publish_at_1").fill(publish_at.strftime("%H:%M:%S"))
    pick_autocomplete(page, "id_featured_routine", "Evening", "Evening back routine")
    pick_autocomplete(page, "id_handouts", "Low back", "Low back routine handout")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    url = f"{base}/articles/an-evening-routine-for-your-back/"
    reader = new_reader()
    before = reader.goto(url)
    checked_at = timezone.now()
    assert before.status == 404
    assert checked_at < publish_at.replace(microsecond=0), (
        "the admin steps took longer than the publish delay; raise PUBLISH_DELAY"
    )

    time.sleep(max(0.0, (publish_at - timezone.now()).total_seconds()) + 1)
    after = reader.goto(url)
    assert after.status == 200
    expect(reader.locator("h1")).to_have_text("An evening routine for your back")
    expect(reader.locator(".routine-steps .point-code")).to_have_text(
        ["BL 23", "BL 40", "BL 57"]
    )
    expect(reader.locator(".step").first.locator("img")).to_have_attribute(
        "alt", "Lower back with two dots"
    )
    expect(reader.locator(".handout-card .handout-link")).to_contain_text(
        "Low back routine handout (PDF, 2 pages,"
    )
    # The picture loaded (as a rendition: its natural width follows srcset/sizes).
    assert picture_loaded(reader.locator(".step").first.locator("img"))
    assert "/media/renditions/" in (
        reader.locator(".step").first.locator("img").get_attribute("src")
    )
