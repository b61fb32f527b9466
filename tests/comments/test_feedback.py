import re

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from comments import feedback
from comments.models import PageFeedback
from tests import factories

pytestmark = pytest.mark.django_db


def vote_url(kind: str, slug: str) -> str:
    return reverse("comments:feedback", kwargs={"kind": kind, "slug": slug})


def token_in(html: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


def test_article_and_point_pages_ask_whether_they_helped(client, open_article):
    point = factories.PointFactory()
    for url, action in [
        (open_article.get_absolute_url(), vote_url("article", open_article.slug)),
        (point.get_absolute_url(), vote_url("point", point.slug)),
    ]:
        page = client.get(url).content.decode()
        assert "Was this page helpful?" in page
        assert f'action="{action}#page-feedback"' in page


def test_no_then_a_reason_is_stored_redacted(client, open_article):
    response = client.post(vote_url("article", open_article.slug), {"helpful": "no"})
    assert response.status_code == 200
    assert "What was wrong?" in response.content.decode()
    answer = PageFeedback.objects.get()
    assert answer.article == open_article and answer.helpful is False

    response = client.post(
        reverse("comments:feedback-reason"),
        {
            "token": token_in(response.content.decode()),
            "reason": "unclear",
            "text": "Too long. Call me at (503) 555-0142.",
        },
    )
    assert "Thank you for telling us" in response.content.decode()
    answer.refresh_from_db()
    assert answer.reason == "unclear"
    assert "555-0142" not in answer.text
    assert "[phone number removed]" in answer.text


def test_inline_answer_gets_only_the_follow_up_form(client, open_article):
    response = client.post(
        vote_url("article", open_article.slug),
        {"helpful": "yes"},
        headers={"X-Requested-With": "fetch"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="page-feedback__reason"')
    assert "What was wrong?" not in html  # a Yes asks only for optional text


def test_a_missing_answer_gets_a_clear_message(client, open_article):
    response = client.post(vote_url("article", open_article.slug), {"helpful": "?"})
    assert response.status_code == 400
    assert "Please answer Yes or No." in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_unknown_page_kind_is_not_found(client):
    assert client.post(vote_url("routine", "x"), {"helpful": "yes"}).status_code == 404


def test_oversized_reason_is_refused_and_the_text_kept(client, open_article):
    answer = feedback.record(page=open_article, helpful=False)
    text = "x" * 501
    response = client.post(
        reverse("comments:feedback-reason"),
        {"token": feedback.reason_token(answer), "text": text},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "too long" in html
    assert text in html
    answer.refresh_from_db()
    assert answer.text == ""


def test_forged_reason_token_changes_nothing(client, open_article):
    feedback.record(page=open_article, helpful=False)
    response = client.post(
        reverse("comments:feedback-reason"), {"token": "1:forged", "text": "hi"}
    )
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert PageFeedback.objects.get().text == ""


def test_expired_reason_token_keeps_the_answer(client, open_article, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    answer = feedback.record(page=open_article, helpful=False)
    token = feedback.reason_token(answer)
    time_machine.shift(feedback.REASON_MAX_AGE + 5)
    response = client.post(
        reverse("comments:feedback-reason"), {"token": token, "text": "late"}
    )
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert PageFeedback.objects.filter(pk=answer.pk, text="").exists()


def test_a_reason_is_given_once(client, open_article):
    answer = feedback.record(page=open_article, helpful=False)
    token = feedback.reason_token(answer)
    url = reverse("comments:feedback-reason")
    client.post(url, {"token": token, "reason": "missing"})
    response = client.post(url, {"token": token, "reason": "other", "text": "again"})
    assert "already told us" in response.content.decode()
    answer.refresh_from_db()
    assert answer.reason == "missing" and answer.text == ""


def test_answers_are_rate_limited(client, open_article, settings):
    settings.FEEDBACK_RATE_LIMIT = "2/m"
    url = vote_url("article", open_article.slug)
    codes = [client.post(url, {"helpful": "yes"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert PageFeedback.objects.count() == 2


def test_free_text_is_never_shown_on_the_public_page(client, open_article):
    answer = feedback.record(page=open_article, helpful=False)
    PageFeedback.objects.filter(pk=answer.pk).update(text="Secret opinion")
    assert (
        "Secret opinion"
        not in client.get(open_article.get_absolute_url()).content.decode()
    )


def test_editors_see_counts_and_share_of_no_sorted(staff_client, open_article):
    other = factories.ArticleFactory(title="Another article")
    for helpful in (True, False, False, False):
        feedback.record(page=open_article, helpful=helpful)
    feedback.record(page=other, helpful=True)
    url = reverse("admin:comments_articlefeedback_changelist")
    html = staff_client.get(url + "?o=4").content.decode()  # by share of No
    assert "75%" in html and "0%" in html
    assert html.index("Another article") < html.index(open_article.title)
    change = staff_client.get(
        reverse("admin:comments_articlefeedback_change", args=[open_article.pk])
    )
    assert change.status_code == 200


def test_token_is_signed_for_feedback_only(open_article):
    answer = feedback.record(page=open_article, helpful=True)
    with pytest.raises(signing.BadSignature):
        signing.loads(feedback.reason_token(answer), salt="another")
