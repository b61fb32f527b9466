"""Moderators' e-mail is a task: the reader's post never waits for the mail
server, and a mail server that is down delays the e-mail without losing it."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.models import Comment, Status

pytestmark = pytest.mark.django_db

PHONE = "(503) 555-0142"


@pytest.fixture
def held(settings, django_user_model):
    """Every comment waits for a moderator, who has an address."""
    settings.COMMENTS_PREMODERATION = True
    django_user_model.objects.create_superuser("boss", "boss@example.com", None)


def post_held(client, post_url, form_data, **fields):
    response = client.post(post_url, {**form_data, **fields}, follow=True)
    assert response.status_code == 200
    assert "waiting for a moderator" in response.content.decode()
    return Comment.objects.get()


def make_due() -> None:
    """The retry's time has come (the tests do not wait for it)."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def test_held_comment_is_answered_at_once_when_no_mail_server_answers(
    client, open_article, post_url, form_data, held, smtp_server, database_tasks
):
    comment = post_held(client, post_url, form_data)

    assert comment.status == Status.PENDING
    task = DBTaskResult.objects.get()
    assert task.task_path == "comments.tasks.notify_moderators"
    assert task.status == "READY"
    assert task.args_kwargs == {"args": [comment.pk], "kwargs": {}}


def test_reader_retry_after_a_held_post_says_it_arrived(
    client, open_article, post_url, form_data, held, smtp_server, database_tasks
):
    post_held(client, post_url, form_data)
    response = client.post(post_url, form_data)
    assert response.status_code == 400
    assert "You have already posted this comment" in response.content.decode()
    assert Comment.objects.count() == 1


def test_request_sends_no_mail_the_worker_does(
    client, open_article, post_url, form_data, held, mailoutbox, run_tasks
):
    post_held(client, post_url, form_data)
    assert mailoutbox == []

    run_tasks()

    assert [m.bcc for m in mailoutbox] == [["boss@example.com"]]


def test_mail_is_retried_until_the_server_accepts_then_sent_once(
    client, open_article, post_url, form_data, held, smtp_server, run_tasks
):
    post_held(client, post_url, form_data)

    run_tasks()  # connection refused: the server is not running
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs == {"args": [Comment.objects.get().pk, 2], "kwargs": {}}
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=20)
    run_tasks()  # not due yet
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    smtp_server.start()
    smtp_server.refuse = True  # up, but answering "421 try again later"
    make_due()
    run_tasks()
    assert smtp_server.messages == []
    third = DBTaskResult.objects.get(status="READY")
    assert third.args_kwargs["args"][1] == 3
    assert third.run_after - timezone.now() > retry.run_after - retry.enqueued_at

    smtp_server.refuse = False
    make_due()
    run_tasks()
    make_due()
    run_tasks()

    assert len(smtp_server.messages) == 1
    assert "boss@example.com" in smtp_server.messages[0].rcpt_tos
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 0


def test_mail_gives_up_after_the_last_retry(
    client, open_article, post_url, form_data, held, settings, smtp_server, run_tasks
):
    settings.MAIL_RETRY_SECONDS = [0, 0]
    post_held(client, post_url, form_data)

    for _ in range(4):
        run_tasks()

    assert DBTaskResult.objects.count() == 3
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert Comment.objects.get().status == Status.PENDING


def test_moderated_before_the_mail_went_out_mails_no_one(
    client, open_article, post_url, form_data, held, mailoutbox, run_tasks
):
    comment = post_held(client, post_url, form_data)
    Comment.objects.filter(pk=comment.pk).update(status=Status.APPROVED)

    run_tasks()

    assert mailoutbox == []


def test_task_rows_hold_no_personal_data(
    client, open_article, post_url, form_data, held, smtp_server, run_tasks
):
    post_held(
        client,
        post_url,
        form_data,
        name=f"Robin {PHONE}",
        email="robin@example.com",
        body=f"Call me on {PHONE}.",
    )
    run_tasks()
    smtp_server.start()
    make_due()
    run_tasks()

    assert len(smtp_server.messages) == 1
    rows = repr(list(DBTaskResult.objects.values()))
    for value in (PHONE, "555-0142", "robin@example.com", "Robin", "Call me"):
        assert value not in rows
