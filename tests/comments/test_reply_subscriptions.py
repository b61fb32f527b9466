import datetime
import re
from smtplib import SMTPException
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from comments import moderation, subscriptions
from comments.models import Comment, ReplySubscription
from routines.models import Article

# Mail is enqueued once the transaction commits, so the tests commit.
pytestmark = pytest.mark.django_db(transaction=True)

ADDRESS = "ana.reader@example.com"


@pytest.fixture
def subscribed_post(client, post_url, form_data):
    data = {**form_data, "email": ADDRESS, "notify_replies": "on"}
    return client.post(post_url, data, follow=True)


def link_in(message, name: str) -> str:
    path = reverse(f"comments:replies-{name}", args=["TOKEN"]).replace("TOKEN/", "")
    return re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s>]+)", message.body)[1]


def reply_to(comment: Comment, body: str = "Glad it helped!") -> Comment:
    return moderation.submit(
        article=comment.article,
        name="Lee",
        body=body,
        parent=comment,
        policy=moderation.Policy(),
    ).comment


def confirmed(client) -> ReplySubscription:
    client.post(link_in(mail.outbox[0], "confirm"))
    return ReplySubscription.objects.get()


def test_the_box_is_unticked_by_default(client, open_article):
    page = client.get(open_article.get_absolute_url()).content.decode()
    box = re.search(r'<input[^>]+name="notify_replies"[^>]*>', page)[0]
    assert "checked" not in box


def test_ticking_the_box_without_an_address_is_refused_and_loses_nothing(
    client, post_url, form_data
):
    response = client.post(post_url, {**form_data, "notify_replies": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter your email to be told of replies" in html
    assert form_data["body"] in html
    assert not Comment.objects.exists()


def test_a_confirmation_is_sent_and_nothing_else_until_confirmed(subscribed_post):
    assert "sent you an email" in subscribed_post.content.decode()
    assert [m.to for m in mail.outbox] == [[ADDRESS]]
    assert "/comments/replies/confirm/" in mail.outbox[0].body
    subscription = ReplySubscription.objects.get()
    assert subscription.confirmed_at is None
    reply_to(subscription.comment)
    assert len(mail.outbox) == 1


def test_confirm_link_asks_first_then_turns_notifications_on(client, subscribed_post):
    url = link_in(mail.outbox[0], "confirm")
    page = client.get(url)
    assert "Yes, e-mail me" in page.content.decode()
    assert ReplySubscription.objects.get().confirmed_at is None
    done = client.post(url)
    assert "we will e-mail you" in done.content.decode()
    assert ReplySubscription.objects.get().confirmed_at is not None


def test_reply_sends_redacted_text_link_and_one_click_unsubscribe(
    client, subscribed_post
):
    subscription = confirmed(client)
    reply = reply_to(subscription.comment, "Call me at (503) 555-0142 about it.")
    notice = mail.outbox[-1]
    assert notice.to == [ADDRESS]
    assert "[phone number removed]" in notice.body
    assert "555-0142" not in notice.body
    assert f"#comment-{reply.pk}" in notice.body
    unsubscribe = notice.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/unsubscribe/" in unsubscribe
    assert notice.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )


def test_held_reply_is_sent_when_a_moderator_approves_it(
    client, subscribed_post, django_user_model
):
    subscription = confirmed(client)
    held = moderation.submit(
        article=subscription.comment.article,
        name="Lee",
        body="Held first.",
        parent=subscription.comment,
        policy=moderation.Policy(premoderation=True),
    ).comment
    count = len(mail.outbox)
    assert not any("Held first." in m.body for m in mail.outbox)
    moderator = django_user_model.objects.create_user("moe", is_staff=True)
    moderation.approve(Comment.objects.filter(pk=held.pk), moderator=moderator)
    assert len(mail.outbox) == count + 1
    assert "Held first." in mail.outbox[-1].body


def test_one_click_post_unsubscribes_without_csrf_and_deletes_the_address(
    client, subscribed_post
):
    subscription = confirmed(client)
    reply_to(subscription.comment)
    url = link_in(mail.outbox[-1], "unsubscribe")
    strict = type(client)(enforce_csrf_checks=True)
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not ReplySubscription.objects.exists()
    again = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200  # a second click is answered, not an error


def test_unsubscribe_get_shows_a_button_and_changes_nothing(client, subscribed_post):
    subscription = confirmed(client)
    reply_to(subscription.comment)
    response = client.get(link_in(mail.outbox[-1], "unsubscribe"))
    assert ">Unsubscribe</button>" in response.content.decode()
    assert ReplySubscription.objects.exists()


@pytest.mark.parametrize("name", ["confirm", "unsubscribe"])
def test_forged_links_get_a_clear_answer_and_change_nothing(
    client, name, subscribed_post
):
    url = reverse(f"comments:replies-{name}", args=["1:forged:sig"])
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 400
        assert "not valid" in response.content.decode()
    assert ReplySubscription.objects.get().confirmed_at is None


def test_expired_confirm_link_says_so(client, subscribed_post, time_machine):
    url = link_in(mail.outbox[0], "confirm")
    time_machine.move_to(timezone.now() + datetime.timedelta(hours=49))
    response = client.post(url)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert ReplySubscription.objects.get().confirmed_at is None


def test_a_failing_mail_server_loses_neither_comment_nor_subscription(
    client, post_url, form_data, monkeypatch
):
    def broken(self, *args, **kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    data = {**form_data, "email": ADDRESS, "notify_replies": "on"}
    response = client.post(post_url, data, follow=True)
    assert response.status_code == 200
    assert "Your comment is posted." in response.content.decode()
    assert ReplySubscription.objects.get().comment == Comment.objects.get()


def test_tasks_carry_ids_only(client, post_url, form_data, monkeypatch):
    seen = []
    queue = SimpleNamespace(enqueue=lambda *args, **kwargs: seen.append((args, kwargs)))
    monkeypatch.setattr(
        subscriptions, "tasks", SimpleNamespace(send_reply_confirmation=queue)
    )
    data = {**form_data, "email": ADDRESS, "notify_replies": "on"}
    client.post(post_url, data)
    assert seen == [((ReplySubscription.objects.get().pk,), {})]


def test_sweep_deletes_addresses_after_the_discussion_closed(
    client, subscribed_post, settings, django_user_model
):
    settings.COMMENTS_REPLY_KEEP_DAYS = 30
    subscription = confirmed(client)
    article = subscription.comment.article
    moderation.set_comments_mode(
        Article.objects.filter(pk=article.pk), Article.Comments.CLOSED
    )
    assert subscriptions.sweep() == 0
    later = timezone.now() + datetime.timedelta(days=31)
    assert subscriptions.sweep(now=later) == 1
    assert not ReplySubscription.objects.exists()


def test_sweep_command_deletes_unconfirmed_requests_whose_link_expired(
    subscribed_post, capsys
):
    ReplySubscription.objects.update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    call_command("sweep_reply_subscriptions")
    assert "Deleted 1 reply subscription(s)." in capsys.readouterr().out
    assert not ReplySubscription.objects.exists()


def test_daily_digest_lists_waiting_comments_for_moderators(
    open_article, settings, capsys
):
    settings.COMMENTS_MODERATOR_EMAILS = ["mod@example.org"]
    moderation.submit(
        article=open_article,
        name="Kim",
        body="Waiting here.",
        policy=moderation.Policy(premoderation=True),
    )
    mail.outbox.clear()
    call_command("send_moderation_digest")
    assert "Moderation digest queued" in capsys.readouterr().out
    digest = mail.outbox[-1]
    assert digest.bcc == ["mod@example.org"]
    assert "1 comment(s) wait for moderation" in digest.body
    assert "Waiting here." not in digest.body  # reasons and pages, not texts
