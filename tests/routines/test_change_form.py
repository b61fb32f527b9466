"""The article change form: its state at the top, a live Markdown preview."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PREVIEW = reverse("routines:markdown-preview")


def test_the_preview_renders_markdown_with_the_sites_sanitiser(staff_client):
    response = staff_client.post(
        PREVIEW, {"text": "## Steps\n\n**Press** <script>alert(1)</script>"}
    )

    html = response.json()["html"]
    assert response.status_code == 200
    assert "<h2>Steps</h2>" in html
    assert "<strong>Press</strong>" in html
    assert "<script" not in html


def test_the_preview_is_for_staff_only():
    response = Client().post(PREVIEW, {"text": "Hello"})
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_the_preview_refuses_a_huge_text_with_a_message(staff_client):
    response = staff_client.post(PREVIEW, {"text": "x" * 200_001})
    assert response.status_code == 413
    assert "too long" in response.json()["error"]


def test_the_change_form_opens_with_the_state_and_the_checks(staff_client):
    article = factories.DraftArticleFactory(
        body="Read [click here](https://example.org/)."
    )

    page = BeautifulSoup(
        staff_client.get(
            reverse("admin:routines_article_change", args=[article.pk])
        ).content,
        "html.parser",
    )

    first = page.select("fieldset")[0]
    assert "Not visible to readers (Draft)" in first.get_text()
    assert first.select_one(".state-error") is not None
    legends = [h.get_text(strip=True) for h in page.select("fieldset h2")]
    assert legends[:6] == [
        "State",
        "Content",
        "Picture and video",
        "Publishing",
        "Medical review",
        "Comments",
    ]
    body = page.select_one("textarea#id_body")
    assert body["data-markdown-preview"] == PREVIEW
    assert page.select_one('script[src$="js/markdown-preview.js"]') is not None


def test_the_routine_form_opens_with_the_articles_that_feature_it(
    staff_client, article
):
    page = BeautifulSoup(
        staff_client.get(
            reverse("admin:routines_routine_change", args=[article.featured_routine.pk])
        ).content,
        "html.parser",
    )

    first = page.select("fieldset")[0].get_text(" ", strip=True)
    assert "Acupressure for low back pain (public)" in first


def test_the_point_form_opens_with_the_routines_that_use_it(staff_client, routine):
    point = routine.steps.first().point

    page = BeautifulSoup(
        staff_client.get(
            reverse("admin:routines_point_change", args=[point.pk])
        ).content,
        "html.parser",
    )

    assert "Back routine" in page.select("fieldset")[0].get_text()
