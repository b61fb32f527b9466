"""Readers who are not logged in get cached pages that are never stale or personal."""

import datetime
import re

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from acupressure_site.shared import pagecache
from comments import moderation
from comments.models import Comment
from routines import publishing
from routines.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_second_request_is_served_from_the_cache_without_queries(article):
    url = article.get_absolute_url()
    assert get(Client(), url)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = get(Client(), url)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert article.title in response.content.decode()


def test_every_reader_gets_the_same_cached_copy_without_a_csrf_token(article):
    url = article.get_absolute_url()
    first = get(Client(), url)
    second = get(Client(), url)
    assert second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert TOKEN.search(second.content.decode()).group(1) == ""
    assert not second.cookies


def test_form_on_a_cached_page_works_with_the_token_fetched_for_it(article):
    url = article.get_absolute_url()
    get(Client(), url)
    reader = Client(enforce_csrf_checks=True)
    page = get(reader, url)
    assert page["X-Page-Cache"] == "hit"
    token_url = re.search(r'data-token-url="([^"]+)"', page.content.decode()).group(1)
    fetched = reader.get(token_url)
    assert "no-store" in fetched["Cache-Control"]
    response = reader.post(
        f"{url}comments/",
        {
            "name": "Ann",
            "body": "Cached page, working form.",
            "csrfmiddlewaretoken": fetched.json()["token"],
        },
    )
    assert response.status_code == 302
    assert Comment.objects.filter(body="Cached page, working form.").count() == 1


def test_each_reader_fetches_a_token_of_their_own(article):
    tokens = [Client().get("/comments/token/").json()["token"] for _ in range(2)]
    assert tokens[0] != tokens[1]
    assert all(len(token) == 64 for token in tokens)


def test_messages_after_posting_are_never_cached(article):
    url = article.get_absolute_url()
    get(Client(), url)
    poster = Client()
    response = poster.post(f"{url}comments/", {"name": "Ann", "body": "Hello there"})
    page = poster.get(response.url)
    assert "X-Page-Cache" not in page
    assert "Thank you. Your comment is posted." in page.content.decode()
    other = get(Client(), url)
    assert "Thank you. Your comment is posted." not in other.content.decode()
    assert "Hello there" in other.content.decode()


def test_logged_in_staff_are_never_served_from_the_cache(admin_client, article):
    get(Client(), article.get_absolute_url())
    assert "X-Page-Cache" not in get(admin_client, article.get_absolute_url())


def test_repeat_visit_with_the_etag_gets_304(article):
    url = article.get_absolute_url()
    etag = get(Client(), url)["ETag"]
    response = Client().get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert "private" in get(Client(), url)["Cache-Control"]


def comment_by(article, body, **kwargs):
    policy = moderation.Policy(**kwargs)
    return moderation.submit(article=article, name="Bo", body=body, policy=policy)


def edit_article(article, routine, held, shown, moderator):
    article.title = "A new title"
    article.save()
    return "A new title"


def change_step(article, routine, held, shown, moderator):
    step = routine.steps.get(order=1)
    step.duration_seconds = 45
    step.save()
    return "45 seconds"


def edit_point(article, routine, held, shown, moderator):
    point = routine.steps.get(order=1).point
    point.technique = "Press with two fingers."
    point.save()
    return "Press with two fingers."


def replace_handout(article, routine, held, shown, moderator):
    article.handouts.set([factories.HandoutFactory(title="Fresh handout")])
    return "Fresh handout"


def post_comment(article, routine, held, shown, moderator):
    comment_by(article, "Brand new comment")
    return "Brand new comment"


def approve(article, routine, held, shown, moderator):
    moderation.approve([held], moderator=moderator)
    return "Waiting comment"


def close(article, routine, held, shown, moderator):
    moderation.set_comments_mode(
        Article.objects.filter(pk=article.pk), Article.Comments.CLOSED
    )
    return "Comments are closed."


@pytest.mark.parametrize(
    "change",
    [
        post_comment,
        approve,
        close,
        edit_article,
        change_step,
        edit_point,
        replace_handout,
    ],
)
def test_cached_page_is_invalidated_at_once_by_each_change(
    article, routine, admin_user, change
):
    url = article.get_absolute_url()
    held = comment_by(article, "Waiting comment", premoderation=True).comment
    shown = comment_by(article, "Visible comment").comment
    get(Client(), url)
    assert get(Client(), url)["X-Page-Cache"] == "hit"
    expected = change(article, routine, held, shown, admin_user)
    response = get(Client(), url)
    assert response["X-Page-Cache"] == "miss"
    assert expected in response.content.decode()


def test_change_made_by_this_process_is_seen_at_once_whatever_the_lease(
    article, settings
):
    settings.PAGE_CACHE_VERSION_MS = 60_000
    url = article.get_absolute_url()
    get(Client(), url)
    assert get(Client(), url)["X-Page-Cache"] == "hit"
    comment_by(article, "Seen at once")
    assert "Seen at once" in get(Client(), url).content.decode()


def test_change_made_by_another_process_is_seen_when_the_lease_ends(
    article, settings, monkeypatch
):
    settings.PAGE_CACHE_VERSION_MS = 60_000
    url = article.get_absolute_url()
    get(Client(), url)
    assert get(Client(), url)["X-Page-Cache"] == "hit"
    cache.incr(pagecache.VERSION_KEY)  # what a bump in another worker does
    assert get(Client(), url)["X-Page-Cache"] == "hit"
    later = pagecache.clock() + 60.001
    monkeypatch.setattr(pagecache, "clock", lambda: later)
    assert get(Client(), url)["X-Page-Cache"] == "miss"


def test_without_a_lease_every_request_reads_the_version(article, settings):
    settings.PAGE_CACHE_VERSION_MS = 0
    url = article.get_absolute_url()
    get(Client(), url)
    assert get(Client(), url)["X-Page-Cache"] == "hit"
    cache.incr(pagecache.VERSION_KEY)
    assert get(Client(), url)["X-Page-Cache"] == "miss"


def test_removed_comment_disappears_from_the_cached_page_at_once(article, admin_user):
    shown = comment_by(article, "Visible comment").comment
    get(Client(), article.get_absolute_url())
    moderation.remove([shown], moderator=admin_user)
    assert (
        "Visible comment"
        not in get(Client(), article.get_absolute_url()).content.decode()
    )


def test_unpublished_article_is_gone_from_the_cache_at_once(article):
    get(Client(), article.get_absolute_url())
    publishing.unpublish(Article.objects.filter(pk=article.pk))
    assert Client().get(article.get_absolute_url()).status_code == 404


def test_lists_show_a_scheduled_article_when_its_time_comes(article):
    due = timezone.now() + datetime.timedelta(minutes=30)
    factories.ScheduledArticleFactory(title="Coming soon", publish_at=due)
    assert "Coming soon" not in get(Client(), "/").content.decode()
    assert get(Client(), "/")["X-Page-Cache"] == "hit"
    with time_machine.travel(due + datetime.timedelta(seconds=5), tick=False):
        response = get(Client(), "/")
        assert "Coming soon" in response.content.decode()


def test_cache_is_off_without_a_shared_cache_by_default(settings, article):
    settings.PAGE_CACHE_SECONDS = 0
    get(Client(), article.get_absolute_url())
    assert "X-Page-Cache" not in get(Client(), article.get_absolute_url())


def test_cached_page_keeps_the_security_headers_and_sets_no_cookie(article):
    url = article.get_absolute_url()
    get(Client(), url)
    response = get(Client(), url)
    assert response["X-Page-Cache"] == "hit"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Cookie" in response["Vary"]
    assert not response.cookies


def test_pages_not_from_the_page_cache_get_an_etag_and_304_too(article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = "/"  # no form: the same bytes for every reader
    response = get(Client(), url)
    assert response["ETag"] == pagecache.etag_for(response.content)
    again = Client().get(url, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_a_page_that_sets_a_cookie_gets_no_etag(article, settings):
    # Its CSRF token is masked afresh on every request: no two copies match.
    settings.PAGE_CACHE_SECONDS = 0
    response = get(Client(), article.get_absolute_url())
    assert "csrftoken" in response.cookies
    assert not response.has_header("ETag")


def test_a_page_rebuilt_after_a_change_still_answers_304_when_it_is_the_same(article):
    url = article.get_absolute_url()
    etag = get(Client(), url)["ETag"]
    pagecache.bump()  # a change elsewhere: this page is rebuilt, the same bytes
    response = Client().get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
