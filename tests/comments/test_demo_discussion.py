"""The demo discussion (comments/fixtures/demo.json): stored as the site would
have stored it, and seen by readers and moderators once seed_demo has run."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, ModerationAction, Reason, Status
from comments.moderation import Policy, fingerprint, hold_reasons, submit
from comments.redaction import redact
from routines.models import Article

FIXTURE = Path(__file__).resolve().parents[2] / "comments" / "fixtures" / "demo.json"
ROWS = json.loads(FIXTURE.read_text())
COMMENTS = [row["fields"] for row in ROWS if row["model"] == "comments.comment"]
ACUPRESSURE = "acupressure-for-low-back-pain"
OLDER = "sitting-and-standing-alignment"


def test_demo_comments_hold_no_personal_data():
    """Names and bodies are stored as redaction leaves them: nothing more to find."""
    for comment in COMMENTS:
        assert redact(comment["author_name"]).kinds == ()
        assert redact(comment["body"]).kinds == ()
        assert comment["email_hash"] == ""


def test_the_comment_held_for_personal_data_is_stored_redacted():
    held = [c for c in COMMENTS if Reason.PERSONAL_DATA in c["hold_reasons"]]
    assert len(held) == 1
    assert held[0]["status"] == Status.PENDING
    assert held[0]["personal_data_kinds"] == "phone"
    assert "[phone number removed]" in held[0]["body"]


def test_demo_fingerprints_match_the_bodies():
    """Posting the same text again is refused, as for any stored comment."""
    for comment in COMMENTS:
        assert comment["fingerprint"] == fingerprint(comment["body"])


def test_links_and_words_holds_are_what_the_default_rules_give():
    policy = Policy.from_settings()
    for comment in COMMENTS:
        if comment["user"]:
            continue
        expected = hold_reasons(
            body=comment["body"],
            personal_data_found=False,
            first_comment=False,
            policy=policy,
        )
        stored = [r for r in comment["hold_reasons"].split(",") if r]
        assert [r for r in stored if r != Reason.PERSONAL_DATA] == expected


@pytest.fixture
def seeded(db):
    call_command("seed_demo", "--no-admin", stdout=io.StringIO())


def test_demo_article_shows_its_discussion_with_a_staff_answer(client, seeded):
    page = client.get(reverse("routines:article-detail", args=[ACUPRESSURE]))
    html = page.content.decode()
    assert 'id="comments-heading">Comments (19)<' in html
    assert html.count('class="comment comment--staff"') == 1
    assert "[phone number removed]" not in html  # still waiting for a moderator
    assert "crypto" not in html


def test_moderators_find_three_comments_waiting_and_one_spam(seeded):
    article = Article.objects.get(slug=ACUPRESSURE)
    waiting = Comment.objects.waiting().filter(article=article)
    reasons = sorted(comment.hold_reasons for comment in waiting)
    assert reasons == [Reason.LINKS, Reason.PERSONAL_DATA, Reason.WORDS]
    spam = Comment.objects.get(status=Status.SPAM)
    assert spam.actions.filter(action=ModerationAction.Action.SPAM).exists()
    visible = Comment.objects.visible().filter(article=article)
    assert visible.filter(parent=None).count() == 16
    assert visible.exclude(parent=None).count() == 3


def test_the_staff_answer_replies_to_a_readers_question(seeded):
    answer = Comment.objects.get(user__is_staff=True)
    assert answer.parent is not None and answer.parent.body.endswith("found it.")
    assert not answer.user.has_usable_password()


def test_the_older_article_shows_its_comments_closed(client, seeded):
    article = Article.objects.get(slug=OLDER)
    assert article.comments_mode == Article.Comments.CLOSED
    assert article.moderation_actions.filter(action=ModerationAction.Action.CLOSE)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'id="comments-heading">Comments (3)<' in html
    assert 'id="comment-form"' not in html


def test_demo_comments_come_after_their_article_and_before_now(seeded):
    for comment in Comment.objects.select_related("article"):
        assert comment.article.publish_at < comment.created_at < timezone.now()


def test_a_comment_posted_after_seeding_is_stored_under_a_new_id(seeded):
    """loaddata's explicit ids must not leave PostgreSQL's sequence behind."""
    article = Article.objects.get(slug=ACUPRESSURE)
    before = set(Comment.objects.values_list("pk", flat=True))
    submitted = submit(
        article=article,
        name="New reader",
        body="Tried it this morning.",
        policy=Policy.from_settings(),
    )
    assert submitted.comment.pk not in before
    assert Comment.objects.count() == len(before) + 1
