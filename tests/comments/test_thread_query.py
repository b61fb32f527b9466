"""``Comment.objects.thread_for``: one query, the rows the page shows."""

import datetime

import pytest

from comments.models import Comment, Status
from tests import factories


@pytest.mark.django_db
def test_thread_query_gives_this_articles_approved_comments_oldest_first(
    django_user_model,
):
    article, other = factories.ArticleFactory(), factories.ArticleFactory()
    staff = django_user_model.objects.create_user("ed", is_staff=True)
    first = factories.CommentFactory(article=article, author_name="Ann")
    reply = factories.CommentFactory(article=article, parent=first, user=staff)
    factories.CommentFactory(article=article, status=Status.PENDING)
    factories.CommentFactory(article=other, body="Elsewhere")
    Comment.objects.filter(pk=first.pk).update(
        created_at=reply.created_at - datetime.timedelta(minutes=5)
    )
    first.refresh_from_db()

    rows = Comment.objects.thread_for(article)

    assert [row.pk for row in rows] == [first.pk, reply.pk]
    assert rows[0] == (first.pk, None, "Ann", first.body, first.created_at, None)
    assert rows[0].created_at.utcoffset() == datetime.timedelta(0)
    assert rows[1].parent_id == first.pk
    assert rows[1].is_staff_comment
    assert [row.body for row in Comment.objects.thread_for(other)] == ["Elsewhere"]
