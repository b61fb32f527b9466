"""The moderators' admin: the queue, bulk actions, the record, closing comments."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from comments.models import Comment, ModerationAction, Status
from routines.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

Action = ModerationAction.Action
Mode = Article.Comments

COMMENTS = reverse("admin:comments_comment_changelist")
ACTIONS = reverse("admin:comments_moderationaction_changelist")
DISCUSSIONS = reverse("admin:comments_articlediscussion_changelist")

MODERATOR_PERMISSIONS = [
    "view_comment",
    "change_comment",
    "view_moderationaction",
    "view_articlediscussion",
    "change_articlediscussion",
]


def make_comment(article: Article, **kw) -> Comment:
    return factories.CommentFactory(article=article, **kw)


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def listed_pks(response) -> list[int]:
    """Primary keys of the rows on an admin changelist, in order."""
    assert response.status_code == 200
    boxes = soup(response).select("#result_list input[name=_selected_action]")
    return sorted(int(box["value"]) for box in boxes)


def pks(*objects) -> list[int]:
    return sorted(obj.pk for obj in objects)


def login(django_user_model, username: str, *codenames: str, group: str = ""):
    user = django_user_model.objects.create_user(
        username, f"{username}@example.com", is_staff=True
    )
    permissions = Permission.objects.filter(codename__in=codenames)
    assert permissions.count() == len(codenames)
    if group:
        moderators = Group.objects.create(name=f"Test {group}")
        moderators.permissions.set(permissions)
        user.groups.add(moderators)
    else:
        user.user_permissions.set(permissions)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def superuser_client(django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.com", None)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def moderator_client(django_user_model):
    """Staff in a "Moderators" group that may handle comments and nothing else."""
    return login(django_user_model, "mod", *MODERATOR_PERMISSIONS, group="Moderators")


@pytest.fixture(params=["superuser", "moderator"])
def admin_client_for(request):
    """Each test runs as a superuser and as a member of the Moderators group."""
    return request.getfixturevalue(f"{request.param}_client")


@pytest.fixture
def writer_client(django_user_model):
    """Staff who edit articles but have no permission on comments."""
    return login(django_user_model, "writer", "view_article", "change_article")


@pytest.fixture
def article() -> Article:
    return factories.ArticleFactory(
        title="Acupressure for low back pain", slug="low-back-pain"
    )


# Pages load ----------------------------------------------------------------


def test_comment_changelist_lists_comments(admin_client_for, article):
    comment = make_comment(article, body="Pressing BL 40 helped my back.")

    response = admin_client_for.get(COMMENTS)

    assert listed_pks(response) == [comment.pk]
    assert "Pressing BL 40 helped my back." in response.text


def test_comment_change_page_shows_the_comment(admin_client_for, article):
    comment = make_comment(article, body="Pressing BL 40 helped my back.")

    response = admin_client_for.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    )

    assert response.status_code == 200
    content = soup(response).select_one("#content").get_text()
    assert "Pressing BL 40 helped my back." in content
    assert "View on the article page" in content


def test_comment_add_page_is_forbidden(admin_client_for):
    response = admin_client_for.get(reverse("admin:comments_comment_add"))

    assert response.status_code == 403


def test_moderation_action_pages_load(admin_client_for, article):
    comment = make_comment(article)
    action = ModerationAction.objects.create(
        comment=comment, article=article, action=Action.REMOVE
    )

    listing = admin_client_for.get(ACTIONS)
    detail = admin_client_for.get(
        reverse("admin:comments_moderationaction_change", args=[action.pk])
    )

    assert listing.status_code == 200
    rows = soup(listing).select("#result_list tbody tr")
    assert [row.select_one(".field-comment_link").get_text() for row in rows] == [
        f"#{comment.pk}"
    ]
    assert detail.status_code == 200
    add = admin_client_for.get(reverse("admin:comments_moderationaction_add"))
    assert add.status_code == 403


def test_article_discussion_pages_load(admin_client_for, article):
    make_comment(article, status=Status.PENDING)
    make_comment(article, status=Status.APPROVED)
    make_comment(article, status=Status.APPROVED)

    listing = admin_client_for.get(DISCUSSIONS)
    detail = admin_client_for.get(
        reverse("admin:comments_articlediscussion_change", args=[article.pk])
    )

    assert listed_pks(listing) == [article.pk]
    row = soup(listing).select_one("#result_list tbody tr")
    assert row.select_one(".field-approved_count").get_text() == "2"
    assert row.select_one(".field-waiting_count").get_text() == "1"
    assert detail.status_code == 200
    assert soup(detail).select_one("select[name=comments_mode]") is not None


# Filters and search ----------------------------------------------------------


def test_status_filter_shows_only_waiting_comments(admin_client_for, article):
    waiting = make_comment(article, status=Status.PENDING)
    make_comment(article, status=Status.APPROVED)
    make_comment(article, status=Status.SPAM)

    response = admin_client_for.get(COMMENTS, {"status__exact": "pending"})

    assert listed_pks(response) == [waiting.pk]


def test_reason_filter_shows_only_comments_held_for_that_reason(
    admin_client_for, article
):
    links = make_comment(article, status=Status.PENDING, hold_reasons="links")
    both = make_comment(article, status=Status.PENDING, hold_reasons="words,links")
    make_comment(article, status=Status.PENDING, hold_reasons="words")
    make_comment(article, status=Status.APPROVED)

    response = admin_client_for.get(COMMENTS, {"reason": "links"})

    assert listed_pks(response) == pks(links, both)


def test_article_filter_shows_only_that_articles_comments(admin_client_for, article):
    here = make_comment(article)
    make_comment(factories.ArticleFactory(title="Better sleep"))

    response = admin_client_for.get(COMMENTS, {"article__id__exact": article.pk})

    assert listed_pks(response) == [here.pk]


def test_search_finds_comments_by_body_name_and_article(admin_client_for, article):
    sleep = factories.ArticleFactory(title="Better sleep")
    by_body = make_comment(sleep, body="The ankle point was hard to find.")
    by_name = make_comment(sleep, author_name="Marguerite")
    on_article = make_comment(article)

    def found(query: str) -> list[int]:
        return listed_pks(admin_client_for.get(COMMENTS, {"q": query}))

    assert found("ankle") == [by_body.pk]
    assert found("marguerite") == [by_name.pk]
    assert found("low back") == [on_article.pk]
    assert found("nothing like this") == []


# Bulk actions on comments ----------------------------------------------------


def run_action(client, url: str, action: str, *objects):
    return client.post(
        url, {"action": action, "_selected_action": [obj.pk for obj in objects]}
    )


@pytest.mark.parametrize(
    ("action", "start", "target", "recorded"),
    [
        ("approve", Status.PENDING, Status.APPROVED, Action.APPROVE),
        ("mark_spam", Status.PENDING, Status.SPAM, Action.SPAM),
        ("remove", Status.APPROVED, Status.REMOVED, Action.REMOVE),
    ],
)
def test_bulk_action_changes_status_and_records_the_moderator(
    admin_client_for, article, action, start, target, recorded
):
    chosen = [make_comment(article, status=start) for _ in range(2)]
    other = make_comment(article, status=start)

    response = run_action(admin_client_for, COMMENTS, action, *chosen)

    assert response.status_code == 302
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert [statuses[c.pk] for c in chosen] == [target, target]
    assert statuses[other.pk] == start
    actions = ModerationAction.objects.order_by("comment_id")
    assert [
        (a.comment_id, a.moderator, a.action, a.from_status, a.to_status)
        for a in actions
    ] == [(c.pk, admin_client_for.user, recorded, start, target) for c in chosen]


def test_bulk_restore_brings_comments_back_to_their_earlier_status(
    admin_client_for, article
):
    was_waiting = make_comment(article, status=Status.PENDING)
    was_public = make_comment(article, status=Status.APPROVED)
    run_action(admin_client_for, COMMENTS, "remove", was_waiting, was_public)

    response = run_action(
        admin_client_for, COMMENTS, "restore", was_waiting, was_public
    )

    assert response.status_code == 302
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses == {was_waiting.pk: Status.PENDING, was_public.pk: Status.APPROVED}
    restored = ModerationAction.objects.filter(action=Action.RESTORE)
    assert sorted(restored.values_list("comment_id", "moderator", "to_status")) == [
        (was_waiting.pk, admin_client_for.user.pk, Status.PENDING),
        (was_public.pk, admin_client_for.user.pk, Status.APPROVED),
    ]


def test_bulk_action_reports_how_many_comments_changed(admin_client_for, article):
    waiting = make_comment(article, status=Status.PENDING)
    done = make_comment(article, status=Status.APPROVED)

    response = admin_client_for.post(
        COMMENTS,
        {"action": "approve", "_selected_action": [waiting.pk, done.pk]},
        follow=True,
    )

    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Approved 1 comment(s)."]
    assert ModerationAction.objects.count() == 1


def test_recorded_actions_show_on_the_action_list_and_the_comment_page(
    moderator_client, article
):
    comment = make_comment(article, status=Status.PENDING)
    run_action(moderator_client, COMMENTS, "approve", comment)
    run_action(moderator_client, COMMENTS, "remove", comment)

    listing = moderator_client.get(ACTIONS)
    page = moderator_client.get(
        reverse("admin:comments_comment_change", args=[comment.pk])
    )

    rows = soup(listing).select("#result_list tbody tr")
    assert [
        (
            row.select_one(".field-action").get_text(),
            row.select_one(".field-moderator").get_text(),
            row.select_one(".field-comment_link").get_text(),
        )
        for row in rows
    ] == [("Removed", "mod", f"#{comment.pk}"), ("Approved", "mod", f"#{comment.pk}")]
    inline = [
        (
            row.select_one(".field-action").get_text(strip=True),
            row.select_one(".field-moderator").get_text(strip=True),
            row.select_one(".field-from_status").get_text(strip=True),
            row.select_one(".field-to_status").get_text(strip=True),
        )
        for row in soup(page).select("#actions-group tbody tr.form-row")
    ]
    assert sorted(inline) == [
        ("Approved", "mod", "pending", "approved"),
        ("Removed", "mod", "approved", "removed"),
    ]


@pytest.mark.parametrize(
    ("url", "action"),
    [(COMMENTS, "approve"), (DISCUSSIONS, "close_comments")],
)
def test_staff_who_may_only_view_cannot_run_moderation_actions(
    django_user_model, article, url, action
):
    viewer = login(
        django_user_model, "viewer", "view_comment", "view_articlediscussion"
    )
    comment = make_comment(article, status=Status.PENDING)
    chosen = comment if url == COMMENTS else article

    run_action(viewer, url, action, chosen)

    comment.refresh_from_db()
    article.refresh_from_db()
    assert comment.status == Status.PENDING
    assert article.comments_mode == Mode.AUTO
    assert not ModerationAction.objects.exists()


# The admin index -------------------------------------------------------------


def moderation_summary(client) -> BeautifulSoup | None:
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return soup(response).select_one(".moderation-summary")


def test_index_links_moderators_to_the_waiting_comments(admin_client_for, article):
    for _ in range(3):
        make_comment(article, status=Status.PENDING)
    make_comment(article, status=Status.APPROVED)

    summary = moderation_summary(admin_client_for)

    link = summary.select_one("a")
    assert link.get_text(" ", strip=True) == "3 comments waiting for moderation"
    assert link["href"] == f"{COMMENTS}?status__exact=pending"


def test_index_says_one_comment_waiting_in_the_singular(moderator_client, article):
    make_comment(article, status=Status.PENDING)

    summary = moderation_summary(moderator_client)

    assert "1 comment waiting for moderation" in summary.get_text(" ", strip=True)


def test_index_says_when_no_comment_waits(moderator_client, article):
    make_comment(article, status=Status.APPROVED)

    summary = moderation_summary(moderator_client)

    assert "No comments are waiting for moderation." in summary.get_text()
    assert summary.select_one("a") is None


def test_index_shows_no_moderation_summary_to_staff_without_comment_permission(
    writer_client, article
):
    make_comment(article, status=Status.PENDING)

    response = writer_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert soup(response).select_one(".moderation-summary") is None
    assert "waiting for moderation" not in response.text
    assert f"{COMMENTS}?status__exact=pending" not in response.text


# Opening and closing comments ----------------------------------------------


@pytest.mark.parametrize(
    ("action", "start", "mode", "recorded"),
    [
        ("close_comments", Mode.AUTO, Mode.CLOSED, Action.CLOSE),
        ("reopen_comments", Mode.CLOSED, Mode.OPEN, Action.REOPEN),
        ("auto_close_comments", Mode.OPEN, Mode.AUTO, Action.AUTO),
    ],
)
def test_discussion_action_sets_the_mode_of_several_articles(
    admin_client_for, action, start, mode, recorded
):
    chosen = [factories.ArticleFactory(comments_mode=start) for _ in range(2)]
    already = factories.ArticleFactory(comments_mode=mode)
    untouched = factories.ArticleFactory(comments_mode=start)

    response = run_action(admin_client_for, DISCUSSIONS, action, *chosen, already)

    assert response.status_code == 302
    modes = dict(Article.objects.values_list("pk", "comments_mode"))
    assert [modes[a.pk] for a in [*chosen, already]] == [mode, mode, mode]
    assert modes[untouched.pk] == start
    actions = ModerationAction.objects.order_by("article_id")
    assert [
        (a.article_id, a.moderator, a.action, a.from_status, a.to_status)
        for a in actions
    ] == [(a.pk, admin_client_for.user, recorded, start, mode) for a in chosen]


def change_discussion(client, article: Article, **data):
    data.setdefault("comments_mode", article.comments_mode)
    data.setdefault("comments_close_after_days", "")
    return client.post(
        reverse("admin:comments_articlediscussion_change", args=[article.pk]), data
    )


def test_changing_the_mode_on_the_discussion_form_records_it(admin_client_for, article):
    response = change_discussion(admin_client_for, article, comments_mode="closed")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.comments_mode == Mode.CLOSED
    action = ModerationAction.objects.get()
    assert (
        action.article,
        action.moderator,
        action.action,
        action.from_status,
        action.to_status,
    ) == (article, admin_client_for.user, Action.CLOSE, Mode.AUTO, Mode.CLOSED)


def test_changing_only_the_days_on_the_discussion_form_records_no_action(
    admin_client_for, article
):
    response = change_discussion(
        admin_client_for, article, comments_close_after_days="7"
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.comments_mode, article.comments_close_after_days) == (
        Mode.AUTO,
        7,
    )
    assert not ModerationAction.objects.exists()


def test_discussion_form_leaves_the_article_content_alone(admin_client_for, article):
    change_discussion(
        admin_client_for, article, comments_mode="open", title="A new title"
    )

    article.refresh_from_db()
    assert article.title == "Acupressure for low back pain"
    assert article.comments_mode == Mode.OPEN


def test_closing_in_the_admin_closes_the_article_page(admin_client_for, article):
    reader = Client()
    assert reader.get(article.get_absolute_url()).status_code == 200
    make_comment(article, body="An earlier comment stays visible.")

    run_action(admin_client_for, DISCUSSIONS, "close_comments", article)

    page = reader.get(article.get_absolute_url())
    section = soup(page).select_one("#comments")
    assert "Comments are closed." in section.get_text()
    assert section.select_one("form") is None
    assert section.select_one("textarea") is None
    assert "An earlier comment stays visible." in section.get_text()
    assert "Reply" not in section.get_text()

    response = reader.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        {"name": "Robin", "body": "Can I still comment?"},
    )

    assert response.status_code == 403
    assert "Comments are closed" in response.text
    assert list(Comment.objects.values_list("body", flat=True)) == [
        "An earlier comment stays visible."
    ]
