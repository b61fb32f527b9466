"""Two identical posts sent at the same moment are stored once."""

import threading

import pytest
from django.db import connection

from comments.models import Comment
from comments.moderation import CommentRefused, Policy, submit
from tests import factories


@pytest.mark.django_db(transaction=True)
def test_the_same_comment_sent_twice_at_once_is_stored_once():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs concurrent writers: the in-memory SQLite test database has one "
            "lock for all; file SQLite queues them (bench/load.py --twins)"
        )
    article = factories.ArticleFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def post() -> None:
        barrier.wait()
        try:
            submit(
                article=article,
                name="Double clicker",
                body="Pressing BL 40 twice by accident.",
                policy=Policy(),
            )
            outcomes.append("stored")
        except CommentRefused as refused:
            outcomes.append(refused.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["duplicate", "stored"]
    assert Comment.objects.count() == 1
