"""Readers post comments and replies; personal data never reaches storage."""

import datetime
import logging

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from comments.models import Comment, Status
from routines.models import Article
from tests import factories
from tests.comments.conftest import PII_BODY, PII_VALUES

pytestmark = pytest.mark.django_db


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def typed_body(page: BeautifulSoup) -> str:
    """The comment box's text as the browser shows it (without the leading newline
    that HTML ignores)."""
    return page.select_one("#id_body").get_text().removeprefix("\n")


def every_stored_value() -> str:
    """Every row of every table, as text: where a leak would show up."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_comment_is_posted_and_shown_numbered_with_name_and_date(
    client, open_article, post_url, form_data
):
    response = client.post(post_url, form_data, follow=True)
    comment = Comment.objects.get()
    assert comment.status == Status.APPROVED
    assert response.redirect_chain[-1][0].endswith(f"#comment-{comment.pk}")
    item = page_of(response).select_one(f"#comment-{comment.pk}")
    assert item.select_one(".comment__number").get_text() == "1."
    assert item.select_one(".comment__author").get_text() == "Jim"
    assert item.time["datetime"]
    assert item.select_one(".comment__permalink")["href"] == f"#comment-{comment.pk}"
    assert "Thank you. Your comment is posted." in response.content.decode()


def test_heading_counts_visible_comments(client, open_article, post_url, form_data):
    for n in range(3):
        client.post(post_url, {**form_data, "body": f"Comment number {n}"})
    Comment.objects.filter(body="Comment number 1").update(status=Status.REMOVED)
    page = page_of(client.get(open_article.get_absolute_url()))
    assert page.select_one("#comments-heading").get_text() == "Comments (2)"
    numbers = [n.get_text() for n in page.select(".comment__number")]
    assert numbers == ["1.", "2."]


def test_notice_says_not_a_support_channel_and_personal_data_is_removed(
    client, open_article
):
    notice = page_of(client.get(open_article.get_absolute_url())).select_one(
        ".comment-notice"
    )
    text = notice.get_text()
    assert "not a support channel" in text
    assert "call 911" in text
    assert "Social Security number" in text and "phone number" in text
    assert "health information" in text
    assert "will be removed" in text


def test_personal_data_is_redacted_before_storage_logs_and_mail(
    client, open_article, post_url, caplog, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_PERSONAL_DATA_POLICY = "hold"
    factories.factory.django.get_model("auth", "User").objects.create_superuser(
        "mod", "mod@example.org", "pw-for-tests-only"
    )
    caplog.set_level(logging.DEBUG)
    connection.force_debug_cursor = True  # SQL with parameters goes to the log
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                post_url,
                {"name": "Jim", "email": "jim@example.org", "body": PII_BODY},
                follow=True,
            )
    finally:
        connection.force_debug_cursor = False
    comment = Comment.objects.get()
    assert "[phone number removed]" in comment.body
    assert "[SSN removed]" in comment.body
    assert "[address removed]" in comment.body
    assert "[email address removed]" in comment.body
    stored = every_stored_value()
    logged = caplog.text
    mailed = "\n".join(m.subject + m.body for m in mail.outbox)
    assert len(mail.outbox) == 1
    for value in [*PII_VALUES, "jim@example.org"]:
        assert value not in stored
        assert value not in logged
        assert value not in mailed
    assert "[phone number removed]" in mailed
    assert "waiting for a moderator" in response.content.decode()


def test_reader_is_told_which_kinds_were_removed(client, post_url, form_data):
    response = client.post(post_url, {**form_data, "body": PII_BODY}, follow=True)
    messages = [m.get_text() for m in page_of(response).select(".messages li")]
    assert messages[0] == "Thank you. Your comment is posted."
    assert messages[1].startswith("We removed ")
    for kind in ("a Social Security number", "a phone number", "an email address"):
        assert kind in messages[1]
    assert " and an address " in messages[1]
    assert messages[1].endswith("from your comment to protect your privacy.")


def test_redacted_comment_is_shown_with_labels(client, post_url, form_data):
    response = client.post(post_url, {**form_data, "body": PII_BODY}, follow=True)
    body = page_of(response).select_one(".comment__body").get_text()
    assert "[phone number removed]" in body
    assert "123-45-6789" not in response.content.decode()


def test_name_goes_through_redaction_too(client, post_url, form_data):
    client.post(post_url, {**form_data, "name": "Jim 503-555-0142"})
    assert Comment.objects.get().author_name == "Jim [phone number removed]"


def test_email_is_never_shown(client, open_article, post_url, form_data):
    client.post(post_url, {**form_data, "email": "reader@example.net"})
    page = client.get(open_article.get_absolute_url()).content.decode()
    assert "reader@example.net" not in page
    assert "reader@example.net" not in every_stored_value()


def test_body_keeps_line_breaks_and_is_plain_text(client, post_url, form_data):
    body = (
        "First line\nSecond <b>bold</b> https://example.org/page\n<script>x()</script>"
    )
    response = client.post(post_url, {**form_data, "body": body}, follow=True)
    html = page_of(response).select_one(".comment__body")
    assert html.find("br") is not None
    assert html.find("b") is None and html.find("script") is None
    assert html.find("a") is None
    assert "<b>bold</b>" in html.get_text()


def test_staff_reply_from_the_article_page_carries_a_badge(
    admin_client, post_url, form_data
):
    admin_client.post(post_url, {**form_data, "body": "Reader question"})
    parent = Comment.objects.get()
    response = admin_client.post(
        post_url,
        {**form_data, "name": "Moderator", "body": "Staff answer", "parent": parent.pk},
        follow=True,
    )
    reply = Comment.objects.get(body="Staff answer")
    assert reply.parent == parent and reply.depth == 1
    assert reply.user is not None
    item = page_of(response).select_one(f"#comment-{reply.pk}")
    assert item.select_one(".badge").get_text() == "Staff"
    assert item.find_parent("li", id=f"comment-{parent.pk}") is not None
    assert item.select_one(".comment__number").get_text() == "1.1."


def test_reader_cannot_claim_to_be_staff(client, post_url, form_data):
    client.post(post_url, form_data)
    assert Comment.objects.get().user is None


@pytest.mark.parametrize(("max_depth", "depth"), [(1, 1), (2, 2)])
def test_replies_nest_to_the_configured_depth(
    client, post_url, form_data, settings, max_depth, depth
):
    settings.COMMENTS_MAX_DEPTH = max_depth
    client.post(post_url, {**form_data, "body": "top"})
    top = Comment.objects.get(body="top")
    client.post(post_url, {**form_data, "body": "reply", "parent": top.pk})
    reply = Comment.objects.get(body="reply")
    client.post(post_url, {**form_data, "body": "deeper", "parent": reply.pk})
    deeper = Comment.objects.get(body="deeper")
    assert deeper.depth == depth
    assert deeper.parent == (top if max_depth == 1 else reply)


def test_reply_link_works_without_javascript(client, open_article, post_url, form_data):
    client.post(post_url, form_data)
    parent = Comment.objects.get()
    page = page_of(client.get(open_article.get_absolute_url()))
    link = page.select_one(f"#comment-{parent.pk} .comment__actions a")
    assert link["href"] == f"?reply_to={parent.pk}#comment-form"
    reply_page = page_of(client.get(open_article.get_absolute_url() + link["href"]))
    form = reply_page.select_one("#comment-form")
    assert "Reply to comment 1 by Jim" in form.h3.get_text()
    assert form.find("input", {"name": "parent"})["value"] == str(parent.pk)


def test_invalid_form_shows_errors_next_to_fields_and_keeps_the_text(client, post_url):
    data = {"name": "", "email": "not-an-email", "body": "My long thoughts here."}
    response = client.post(post_url, data)
    assert response.status_code == 400
    page = page_of(response)
    assert typed_body(page) == "My long thoughts here."
    assert page.select_one("#id_email")["value"] == "not-an-email"
    name_errors = page.select_one("#div_id_name").get_text()
    assert "Please enter your name." in name_errors
    assert "valid email" in page.select_one("#div_id_email").get_text()
    assert page.select_one("#comment-error")["role"] == "alert"
    assert Comment.objects.count() == 0


def test_too_long_comment_is_refused_with_the_limit_and_kept(
    client, post_url, form_data, settings
):
    settings.COMMENTS_MAX_LENGTH = 50
    body = "x" * 51
    response = client.post(post_url, {**form_data, "body": body})
    assert response.status_code == 400
    page = page_of(response)
    assert "the limit is 50 characters" in page.select_one("#div_id_body").get_text()
    assert typed_body(page) == body
    assert page.select_one("#id_body")["maxlength"] == "50"
    assert Comment.objects.count() == 0


def test_honeypot_refuses_the_post_says_why_and_keeps_the_text(
    client, post_url, form_data
):
    response = client.post(post_url, {**form_data, "website": "http://spam.example"})
    assert response.status_code == 400
    page = page_of(response)
    assert "hidden field was filled in" in page.select_one("#comment-error").get_text()
    assert typed_body(page) == form_data["body"]
    assert Comment.objects.count() == 0


def test_rate_limit_refuses_the_post_says_why_and_keeps_the_text(
    client, post_url, form_data, settings
):
    settings.COMMENTS_RATE_LIMIT = "2/m"
    for n in range(2):
        assert (
            client.post(post_url, {**form_data, "body": f"ok {n}"}).status_code == 302
        )
    response = client.post(post_url, {**form_data, "body": "third one"})
    assert response.status_code == 429
    page = page_of(response)
    assert "wait a few minutes" in page.select_one("#comment-error").get_text()
    assert typed_body(page) == "third one"
    assert Comment.objects.count() == 2


def test_rate_limit_is_per_client(post_url, form_data, settings):
    settings.COMMENTS_RATE_LIMIT = "1/m"
    first = Client(REMOTE_ADDR="192.0.2.1")
    second = Client(REMOTE_ADDR="192.0.2.2")
    assert first.post(post_url, {**form_data, "body": "a"}).status_code == 302
    assert first.post(post_url, {**form_data, "body": "b"}).status_code == 429
    assert second.post(post_url, {**form_data, "body": "c"}).status_code == 302


def test_rate_limit_keys_hold_no_raw_address(post_url, form_data):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]

    Client(REMOTE_ADDR="198.51.100.77").post(post_url, form_data)
    if isinstance(cache, RedisCache):
        keys = cache._cache.get_client().keys("*")
    else:  # diskcache's shards or local memory's dict: both iterate their keys
        keys = list(cache._cache)
    assert keys, "the rate limit should have written to the cache"
    assert not any("198.51.100.77" in str(key) for key in keys)


def test_duplicate_is_refused_says_why_and_keeps_the_text(client, post_url, form_data):
    assert client.post(post_url, form_data).status_code == 302
    response = client.post(post_url, {**form_data, "body": "  thanks, THIS helped. "})
    assert response.status_code == 400
    page = page_of(response)
    assert "already posted this comment" in page.select_one("#comment-error").get_text()
    assert "THIS helped" in typed_body(page)
    assert Comment.objects.count() == 1


def test_csrf_token_is_required(open_article, post_url, form_data):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(post_url, form_data).status_code == 403
    assert Comment.objects.count() == 0


def test_post_without_a_token_comes_back_with_the_text_and_a_token_of_its_own(
    open_article, post_url, form_data
):
    """A cached page read without JavaScript sends its form without a token."""
    reader = Client(enforce_csrf_checks=True)
    response = reader.post(post_url, {**form_data, "body": "Kept, not lost."})
    assert response.status_code == 403
    page = page_of(response)
    assert "not posted yet" in page.select_one("#comment-error").get_text()
    assert typed_body(page) == "Kept, not lost."
    assert Comment.objects.count() == 0
    token = page.select_one('input[name="csrfmiddlewaretoken"]')["value"]
    again = {**form_data, "body": typed_body(page), "csrfmiddlewaretoken": token}
    assert reader.post(post_url, again).status_code == 302
    assert Comment.objects.get().body == "Kept, not lost."


def test_post_with_a_stale_token_comes_back_with_the_text(
    open_article, post_url, form_data
):
    reader = Client(enforce_csrf_checks=True)
    reader.get("/comments/token/")
    stale = {**form_data, "csrfmiddlewaretoken": "x" * 64}
    response = reader.post(post_url, stale)
    assert response.status_code == 403
    assert typed_body(page_of(response)) == form_data["body"]
    assert Comment.objects.count() == 0


def test_post_without_a_token_on_closed_comments_says_they_are_closed(
    open_article, post_url, form_data
):
    Article.objects.filter(pk=open_article.pk).update(
        comments_mode=Article.Comments.CLOSED
    )
    response = Client(enforce_csrf_checks=True).post(post_url, form_data)
    assert response.status_code == 403
    text = page_of(response).get_text()
    assert "Comments are closed." in text
    assert "not posted yet" not in text


def test_post_from_another_site_gets_a_plain_refusal(open_article, post_url, form_data):
    response = Client(enforce_csrf_checks=True).post(
        post_url,
        {**form_data, "body": "Forged from elsewhere."},
        headers={"origin": "https://attacker.example"},
    )
    assert response.status_code == 403
    assert "Forged from elsewhere." not in response.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()
    assert Comment.objects.count() == 0


def test_other_forms_keep_djangos_csrf_refusal(db):
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "a", "password": "b"}
    )
    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()


def test_comments_on_a_draft_cannot_be_posted(client, form_data):
    draft = factories.DraftArticleFactory(slug="draft")
    assert (
        client.post(f"/articles/{draft.slug}/comments/", form_data).status_code == 404
    )
    assert Comment.objects.count() == 0


def test_get_on_the_comment_endpoint_is_not_allowed(client, post_url):
    assert client.get(post_url).status_code == 405


def test_closed_article_shows_closed_and_refuses_posts(
    client, open_article, post_url, form_data
):
    client.post(post_url, form_data)
    Article.objects.filter(pk=open_article.pk).update(
        comments_mode=Article.Comments.CLOSED
    )
    page = page_of(client.get(open_article.get_absolute_url()))
    assert page.select_one(".comments-closed").get_text() == "Comments are closed."
    assert page.select_one("#comment-form") is None
    assert page.select_one(".comment__body")  # existing comments stay visible
    assert page.select_one('.comment__actions a[href*="reply_to"]') is None
    assert page.select_one(".comment__report")  # reports are still taken
    response = client.post(post_url, {**form_data, "body": "Late comment"})
    assert response.status_code == 403
    assert "Comments are closed" in response.content.decode()
    assert Comment.objects.count() == 1


def test_comments_close_automatically_after_the_configured_days(
    client, form_data, settings
):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    old = factories.ArticleFactory(
        slug="old", publish_at=timezone.now() - datetime.timedelta(days=15)
    )
    recent = factories.ArticleFactory(
        slug="recent", publish_at=timezone.now() - datetime.timedelta(days=13)
    )
    assert client.post("/articles/old/comments/", form_data).status_code == 403
    assert client.post("/articles/recent/comments/", form_data).status_code == 302
    assert "Comments are closed." in client.get(old.get_absolute_url()).content.decode()
    assert "Comments close on" in client.get(recent.get_absolute_url()).content.decode()
    assert list(Comment.objects.values_list("article__slug", flat=True)) == ["recent"]


def test_article_can_override_the_closing_days(client, form_data, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 14
    factories.ArticleFactory(
        slug="longer",
        publish_at=timezone.now() - datetime.timedelta(days=20),
        comments_close_after_days=30,
    )
    assert client.post("/articles/longer/comments/", form_data).status_code == 302


def test_held_comment_is_not_shown_and_the_reader_is_told(
    client, open_article, post_url, form_data, settings
):
    settings.COMMENTS_PREMODERATION = True
    response = client.post(post_url, form_data, follow=True)
    assert Comment.objects.get().status == Status.PENDING
    page = page_of(response)
    assert "waiting for a moderator" in page.select_one(".messages").get_text()
    assert page.select_one(".comment__body") is None
    assert page.select_one("#comments-heading").get_text() == "Comments (0)"


def test_form_works_without_javascript(client, open_article):
    page = page_of(client.get(open_article.get_absolute_url()))
    form = page.select_one("#comment-form form")
    assert form["method"] == "post"
    assert form["action"].startswith("/articles/acupressure/comments/")
    assert form.find("input", {"name": "csrfmiddlewaretoken"})
    names = {field["name"] for field in form.select("input, textarea")}
    assert {"name", "email", "body", "website", "parent"} <= names
    assert form.select_one(".hp-field")["aria-hidden"] == "true"


def test_bidi_override_in_body_is_removed_before_storing(
    client, open_article, post_url, form_data
):
    body = "Pressing LI 4 \u202ehelped\u202c, then \u2067BL 23\u2069 too."
    client.post(post_url, {**form_data, "name": "\u202eJim", "body": body})
    comment = Comment.objects.get()
    assert comment.body == "Pressing LI 4 helped, then BL 23 too."
    assert comment.author_name == "Jim"


def test_body_of_only_bidi_controls_is_refused_as_empty(
    client, open_article, post_url, form_data
):
    response = client.post(post_url, {**form_data, "body": "\u202e \u2066"})
    assert response.status_code == 400
    assert "Please write a comment." in response.content.decode()
    assert not Comment.objects.exists()


def test_stored_bidi_override_does_not_reach_the_page(client, open_article):
    """A body stored before the form removed the controls is shown without them."""
    comment = factories.CommentFactory(
        article=open_article, body="Good \u202eadvice\nsecond line"
    )
    page = page_of(client.get(open_article.get_absolute_url()))
    body = page.select_one(f"#comment-{comment.pk} .comment__body")
    assert "\u202e" not in str(body)
    assert body.get_text() == "Good advicesecond line"
