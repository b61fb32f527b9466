"""Readers report comments, answer "Was this page helpful?", and opt in to
(and out of) reply e-mails, in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from comments.models import (
    Comment,
    PageFeedback,
    ReplySubscription,
    Report,
    Status,
)
from tests import factories
from tests.browser.conftest import Network

pytestmark = pytest.mark.django_db(transaction=True)


def reader_at(new_context, address: str, *, javascript: bool = True):
    """A reader whose requests come from ``address`` (through the proxy header)."""
    context = new_context(
        extra_http_headers={"X-Forwarded-For": address},
        java_script_enabled=javascript,
    )
    context.route("**/*", Network().handle)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def report(page, url: str, reason: str) -> None:
    page.goto(url)
    page.get_by_role("link", name="Report comment 1").click()
    page.get_by_label(reason).check()
    page.get_by_role("button", name="Send report").click()


def test_reports_hold_a_comment_at_the_threshold_and_repeats_are_refused(
    new_context, live_server, article, settings
):
    settings.COMMENTS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.COMMENTS_REPORT_THRESHOLD = 2
    comment = factories.CommentFactory(article=article, body="Buy pills at my shop")
    url = live_server.url + article.get_absolute_url()

    first = reader_at(new_context, "198.51.100.1")
    report(first, url, "Spam or advertising")
    expect(first.locator(".comments .messages")).to_contain_text(
        "Thank you for your report."
    )
    report(first, url, "Abusive or hateful")
    expect(first.locator("#report-error")).to_contain_text("already reported")
    assert Comment.objects.get().status == Status.APPROVED

    second = reader_at(new_context, "198.51.100.2")
    report(second, url, "Off-topic")
    expect(second.locator(".comments")).not_to_contain_text("Buy pills")
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert sorted(Report.objects.values_list("reason", flat=True)) == [
        "off_topic",
        "spam",
    ]


def test_reader_confirms_reply_emails_then_unsubscribes(reader, live_server, article):
    page = reader
    page.goto(live_server.url + article.get_absolute_url())
    form = page.locator("#comment-form")
    form.get_by_label("Your name").fill("Ana")
    form.get_by_label("Email (optional)").fill("ana@example.com")
    expect(form.get_by_label("E-mail me when someone replies")).not_to_be_checked()
    form.get_by_label("E-mail me when someone replies").check()
    form.get_by_label("Your comment").fill("Does this help sciatica?")
    form.get_by_role("button", name="Post comment").click()
    expect(page.locator(".comments .messages")).to_contain_text("sent you an email")

    confirm = re.search(r"http\S+/confirm/\S+", mail.outbox[-1].body)[0]
    page.goto(confirm.replace("http://127.0.0.1:8000", live_server.url))
    page.get_by_role("button", name="Yes, e-mail me").click()
    expect(page.locator("main")).to_contain_text("we will e-mail you")
    assert ReplySubscription.objects.get().confirmed_at is not None

    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("link", name="Reply to comment 1").click()
    form.get_by_label("Your name").fill("Lee")
    form.get_by_label("Your comment").fill("It helped me, try it.")
    form.get_by_role("button", name="Post comment").click()
    # The reply is on the page once its post has been answered.
    expect(page.locator(".comments")).to_contain_text("It helped me, try it.")
    notice = mail.outbox[-1]
    assert "It helped me, try it." in notice.body
    leave = re.search(r"<(\S+)>", notice.extra_headers["List-Unsubscribe"])[1]

    page.goto(leave.replace("http://127.0.0.1:8000", live_server.url))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.locator("main")).to_contain_text("You are unsubscribed")
    assert not ReplySubscription.objects.exists()


@pytest.mark.parametrize("javascript", [True, False], ids=["inline", "no-script"])
def test_reader_says_a_cached_page_did_not_help_and_why(
    new_context, live_server, article, settings, javascript
):
    settings.PAGE_CACHE_SECONDS = 600
    url = live_server.url + article.get_absolute_url()
    reader_at(new_context, "198.51.100.7").goto(url)  # stores the page
    page = reader_at(new_context, "198.51.100.8", javascript=javascript)
    assert page.goto(url).headers["x-page-cache"] == "hit"

    box = page.locator("#page-feedback")
    box.get_by_role("button", name="No").click()
    if javascript:
        expect(page).to_have_url(url)  # answered in place
    else:
        expect(page.locator("main")).to_contain_text("not sent yet")
        page.get_by_role("button", name="Send my answer: No").click()
    expect(page.locator(".page-feedback__thanks")).to_contain_text("Thank you")
    page.get_by_label("Hard to understand").check()
    page.get_by_label("Tell us more (optional)").fill("Too long; mail me at a@b.org")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("main")).to_contain_text("Thank you for telling us")
    answer = PageFeedback.objects.get()
    assert (answer.helpful, answer.reason) == (False, "unclear")
    assert "a@b.org" not in answer.text
