"""A page's query count never grows with its content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment, Status
from tests import factories

pytestmark = pytest.mark.django_db


def add_comments(article, count: int) -> None:
    """``count`` approved comments, a third of them replies, one by staff."""
    staff = factories.factory.django.get_model("auth", "User").objects.create_user(
        f"staff{count}", is_staff=True
    )
    made = []
    for n in range(count):
        parent = made[n - 1] if n % 3 == 2 else None
        made.append(
            Comment.objects.create(
                article=article,
                parent=parent,
                depth=1 if parent else 0,
                author_name=f"Reader {n}",
                body=f"Comment {n}\nwith two lines",
                fingerprint=f"{count}-{n}",
                status=Status.APPROVED,
                user=staff if n == 0 else None,
            )
        )


def article_page_queries(client, article) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


def test_article_page_query_count_is_the_same_at_5_and_500_comments(
    client, article, routine
):
    other = factories.ArticleFactory(slug="other", featured_routine=routine)
    add_comments(article, 5)
    add_comments(other, 500)
    for topic in article.topics.all():
        other.topics.add(topic)
    other.handouts.set(article.handouts.all())
    few = article_page_queries(client, article)
    many = article_page_queries(client, other)
    assert few == many
    assert many <= 10
    page = client.get(other.get_absolute_url()).content.decode()
    assert page.count('class="comment__body"') == 500


def test_article_page_runs_six_queries_of_its_own(client, article, settings):
    # The article with its routine, topics, steps with points, handouts, "More
    # stories", the comment thread: a seventh is a regression to look at. (The
    # page cache, when on, adds one as it stores a page: when the next scheduled
    # article is due.)
    settings.PAGE_CACHE_SECONDS = 0
    assert article_page_queries(client, article) == 6


def test_article_page_query_count_does_not_grow_with_steps_topics_handouts(
    client, article, routine
):
    before = article_page_queries(client, article)
    for n in range(5):
        factories.RoutineStepFactory(routine=routine, order=10 + n)
        article.topics.add(factories.TopicFactory())
        article.handouts.add(factories.HandoutFactory())
        routine.handouts.add(factories.HandoutFactory())
        factories.ArticleFactory(topics=list(article.topics.all()))
    assert article_page_queries(client, article) == before


@pytest.mark.parametrize(
    "url", ["/", "/articles/", "/points/", "/topics/low-back-pain/", "/sitemap.xml"]
)
def test_list_pages_query_count_does_not_grow(client, article, url):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    topic = article.topics.first()
    for n in range(5):
        factories.ArticleFactory(topics=[topic])
        factories.PointFactory(code=f"GV {n}", slug=f"gv-{n}")
    assert queries() == before


def test_routine_and_preview_pages_query_counts_do_not_grow(
    client, admin_client, article, routine
):
    def queries(some_client, url) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert some_client.get(url).status_code == 200
        return len(captured)

    pages = [
        (client, routine.get_absolute_url()),
        (admin_client, f"/preview/articles/{article.pk}/"),
    ]
    before = [queries(*page) for page in pages]
    for n in range(5):
        factories.RoutineStepFactory(routine=routine, order=10 + n)
        routine.handouts.add(factories.HandoutFactory())
        article.topics.add(factories.TopicFactory())
    assert [queries(*page) for page in pages] == before
