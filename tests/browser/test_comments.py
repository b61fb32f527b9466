"""Readers comment safely; moderators approve, reply as staff and close."""

import re

import pytest
from playwright.sync_api import expect

from comments import moderation
from comments.models import Comment, Status
from tests.browser.conftest import Network

pytestmark = pytest.mark.django_db(transaction=True)

PII_COMMENT = (
    "Pressing BL 40 helped my back.\nCall me at (503) 555-0142, my SSN is 123-45-6789."
)
REMOVED = re.compile(
    r"We removed .*phone number.* from your comment to protect your privacy\."
)


def post_comment(page, name: str, body: str) -> None:
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill(name)
    form.get_by_label("Your comment").fill(body)
    form.get_by_role("button", name="Post comment").click()


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        (None, None),
        ("COMMENTS_PREMODERATION", True),
        ("COMMENTS_PERSONAL_DATA_POLICY", "hold"),
    ],
    ids=["published", "premoderation", "hold-personal-data"],
)
def test_reader_is_told_what_personal_data_was_removed(
    reader, live_server, article, settings, setting, value
):
    if setting:
        setattr(settings, setting, value)
    page = reader
    page.goto(live_server.url + article.get_absolute_url())
    post_comment(page, "Jim", PII_COMMENT)

    messages = page.locator(".comments .messages")
    expect(messages).to_contain_text(REMOVED)
    expect(messages).to_contain_text("Social Security number")
    content = page.content()
    assert "555-0142" not in content
    assert "123-45-6789" not in content
    if setting is None:
        expect(messages).to_contain_text("Your comment is posted.")
        body = page.locator(".comment-list .comment__body")
        expect(body).to_contain_text("Pressing BL 40 helped my back.")
        expect(body).to_contain_text("[phone number removed]")
        expect(body).to_contain_text("[SSN removed]")
        expect(page.locator(".comment__author")).to_have_text("Jim")
    else:
        expect(messages).to_contain_text("waiting for a moderator")
        expect(page.locator(".comment-list")).to_have_count(0)
        expect(page.locator(".comments")).to_contain_text("No comments yet.")
    comment = Comment.objects.get()
    assert "[phone number removed]" in comment.body
    assert comment.status == (Status.APPROVED if setting is None else Status.PENDING)


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def open_cached(page, live_server, article) -> None:
    response = page.goto(live_server.url + article.get_absolute_url())
    assert response.headers["x-page-cache"] == "hit"


def test_reader_comments_from_a_cached_page_with_a_token_fetched_for_them(
    page_cache_on, reader, new_reader, live_server, article
):
    new_reader().goto(live_server.url + article.get_absolute_url())  # stores it
    open_cached(reader, live_server, article)
    post_comment(reader, "Ann", "Posted from the cached copy.")
    expect(reader.locator(".comments .messages")).to_contain_text(
        "Your comment is posted."
    )
    assert Comment.objects.filter(body="Posted from the cached copy.").count() == 1


def test_reader_without_javascript_sends_again_once_and_loses_nothing(
    page_cache_on, new_context, live_server, article
):
    context = new_context(java_script_enabled=False)
    context.route("**/*", Network().handle)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + article.get_absolute_url())  # stores it
    open_cached(page, live_server, article)
    post_comment(page, "Ann", "No script, nothing lost.")
    expect(page.locator("#comment-error")).to_contain_text("not posted yet")
    expect(page.get_by_label("Your comment")).to_have_value("No script, nothing lost.")
    assert Comment.objects.count() == 0
    page.locator("#comment-form").get_by_role("button", name="Post comment").click()
    expect(page.locator(".comments .messages")).to_contain_text(
        "Your comment is posted."
    )
    assert Comment.objects.get().body == "No script, nothing lost."


def test_moderator_approves_replies_as_staff_and_closes_comments(
    editor, live_server, article, new_reader
):
    held = moderation.submit(
        article=article,
        name="Ana",
        body="Does this work for sciatica too?",
        policy=moderation.Policy(premoderation=True),
    ).comment
    assert held.status == Status.PENDING
    url = live_server.url + article.get_absolute_url()
    reader = new_reader()
    reader.goto(url)
    expect(reader.locator(".comments")).not_to_contain_text("sciatica")

    page = editor
    page.goto(live_server.url + "/admin/")
    page.locator(".moderation-summary a").click()
    row = page.locator("#result_list tbody tr", has_text="sciatica")
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Approve selected comments")
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("Approved 1 comment(s).")

    page.goto(url)
    page.get_by_role("link", name="Reply to comment 1").click()
    expect(page.locator("#comment-form h3")).to_contain_text(
        "Reply to comment 1 by Ana"
    )
    post_comment(page, "Clinic team", "It may help; ask your provider first.")
    reply = page.locator(".comment-list--replies .comment").first
    expect(reply).to_contain_text("It may help; ask your provider first.")
    expect(reply.locator(".badge")).to_have_text("Staff")
    expect(reply.locator(".comment__number")).to_have_text("1.1.")

    reader.reload()
    expect(reader.locator(".comments")).to_contain_text("sciatica")
    expect(reader.locator("#comment-form form")).to_have_count(1)

    page.goto(live_server.url + "/admin/")
    page.get_by_role("link", name="Article discussions").click()
    row = page.locator("#result_list tbody tr", has_text=article.title)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Close comments")
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("Closed comments on 1")

    reader.reload()
    expect(reader.locator(".comments-closed")).to_have_text("Comments are closed.")
    expect(reader.locator(".comments form")).to_have_count(0)
    expect(reader.get_by_role("link", name=re.compile("^Reply"))).to_have_count(0)
    expect(reader.locator(".comments")).to_contain_text("sciatica")
    expect(reader.locator(".comment--staff .badge")).to_have_text("Staff")
