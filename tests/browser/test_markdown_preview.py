"""The article body is rendered beside the text as the editor types."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_body_preview_follows_the_editors_typing(editor, live_server):
    article = factories.DraftArticleFactory(body="First words.")
    page = editor
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else 0)

    page.goto(f"{live_server.url}/admin/routines/article/{article.pk}/change/")
    output = page.locator(".markdown-preview__output")
    expect(output).to_contain_text("First words.")
    page.locator("#id_body").fill("## Before you start\n\nSit **comfortably**.")

    expect(output.locator("h2")).to_have_text("Before you start")
    expect(output.locator("strong")).to_have_text("comfortably")
    assert not [e for e in errors if "Content Security Policy" in e]
