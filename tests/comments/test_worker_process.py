"""End to end: gunicorn takes a held comment while the mail server is down, the
real task worker (``manage.py db_worker``, a process of its own) retries the
moderators' e-mail and sends it once the server is back."""

import sqlite3
import time

from tests.servers import Visitor, wait_for

SLUG = "acupressure-for-low-back-pain"


def tasks_in(database) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        rows = db.execute(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult "
            "GROUP BY status"
        ).fetchall()
    return dict(rows)


def test_worker_process_sends_the_held_comments_mail_once_the_server_is_back(
    start_site, site_folder, smtp_server
):
    settings = {
        "COMMENTS_PREMODERATION": "1",
        "COMMENTS_MODERATOR_EMAILS": "moderators@example.org",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(smtp_server.port),
        "DJANGO_MAIL_RETRY_SECONDS": "0.5,0.5,0.5,1,1,2,2,5,5,10",
    }
    site = start_site("gunicorn", **settings)
    database = site_folder / "site.sqlite3"

    status = Visitor(site.base).post_comment(SLUG, "Does LI 4 help at night?")
    assert status == 302  # answered at once: nothing was sent in the request
    assert tasks_in(database) == {"READY": 1}

    worker = start_site("worker", **settings)
    wait_for(lambda: tasks_in(database).get("SUCCESSFUL", 0) >= 2)  # refused twice
    assert smtp_server.messages == []

    smtp_server.start()
    wait_for(lambda: smtp_server.messages)
    wait_for(lambda: "READY" not in tasks_in(database))
    time.sleep(1.5)  # what a second sending would need

    assert len(smtp_server.messages) == 1
    message = smtp_server.messages[0]
    assert "moderators@example.org" in message.rcpt_tos
    assert "Does LI 4 help at night?" in message.get_payload(decode=True).decode()
    assert "FAILED" not in tasks_in(database)
    assert "failed (ConnectionRefusedError)" in worker.output()
