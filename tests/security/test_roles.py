"""Editors manage content, Moderators run comments, and nobody else gets in.

Every model registered in the admin is walked for every role: its list, add and
change pages, and every admin action it offers. The expected result is written
out below as data, so a new model or action fails the test until it is added.
"""

import datetime
import importlib

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.migrations.loader import MigrationLoader
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from comments.models import Comment, ModerationAction, PublicNumber, Status
from routines import previews
from routines.models import Article, PreviewLink
from tests import factories

pytestmark = pytest.mark.django_db

roles_migration = importlib.import_module("routines.migrations.0002_roles")
preview_migration = importlib.import_module("routines.migrations.0005_preview_links")
numbers_migration = importlib.import_module(
    "comments.migrations.0003_seed_public_numbers"
)
feedback_migration = importlib.import_module(
    "comments.migrations.0006_feedback_permissions"
)

ROLES = ("anonymous", "editor", "moderator", "superuser")
ALL = frozenset({"changelist", "add", "change"})
VIEW = frozenset({"changelist", "change"})
NONE = frozenset()

# Model -> role -> the admin pages that answer 200. Every other page answers 403
# to a logged-in member of staff; anonymous visitors are always sent to log in.
EXPECTED_PAGES = {
    "auth.group": {"editor": NONE, "moderator": NONE, "superuser": ALL},
    "auth.user": {"editor": NONE, "moderator": NONE, "superuser": ALL},
    "routines.topic": {"editor": ALL, "moderator": NONE, "superuser": ALL},
    "routines.point": {"editor": ALL, "moderator": NONE, "superuser": ALL},
    "routines.routine": {"editor": ALL, "moderator": NONE, "superuser": ALL},
    "routines.handout": {"editor": ALL, "moderator": NONE, "superuser": ALL},
    "routines.article": {"editor": ALL, "moderator": VIEW, "superuser": ALL},
    # Links are made and revoked, never edited: the change page only shows one.
    "routines.previewlink": {
        "editor": frozenset({"changelist", "add", "change"}),
        "moderator": NONE,
        "superuser": frozenset({"changelist", "add", "change"}),
    },
    "comments.comment": {"editor": NONE, "moderator": VIEW, "superuser": VIEW},
    "comments.moderationaction": {
        "editor": NONE,
        "moderator": VIEW,
        "superuser": VIEW,
    },
    "comments.publicnumber": {"editor": ALL, "moderator": VIEW, "superuser": ALL},
    "comments.articlediscussion": {
        "editor": NONE,
        "moderator": VIEW,
        "superuser": VIEW,
    },
    "comments.articlefeedback": {"editor": VIEW, "moderator": NONE, "superuser": VIEW},
    "comments.pointfeedback": {"editor": VIEW, "moderator": NONE, "superuser": VIEW},
    "axes.accessattempt": {"editor": NONE, "moderator": NONE, "superuser": VIEW},
    "axes.accesslog": {"editor": NONE, "moderator": NONE, "superuser": VIEW},
    "axes.accessfailurelog": {"editor": NONE, "moderator": NONE, "superuser": VIEW},
    # django-tasks-db's queue: read-only, superusers only.
    "django_tasks_database.dbtaskresult": {
        "editor": NONE,
        "moderator": NONE,
        "superuser": VIEW,
    },
}

CONTENT = frozenset({"editor", "superuser"})
MODERATION = frozenset({"moderator", "superuser"})
SUPERUSER = frozenset({"superuser"})

# (model, action) -> the roles that may run it.
EXPECTED_ACTIONS = {
    ("auth.group", "delete_selected"): SUPERUSER,
    ("auth.user", "delete_selected"): SUPERUSER,
    ("routines.topic", "delete_selected"): CONTENT,
    ("routines.point", "delete_selected"): CONTENT,
    ("routines.routine", "delete_selected"): CONTENT,
    ("routines.handout", "delete_selected"): CONTENT,
    ("routines.article", "delete_selected"): CONTENT,
    ("routines.article", "publish_now"): CONTENT,
    ("routines.article", "unpublish"): CONTENT,
    ("routines.previewlink", "delete_selected"): CONTENT,
    ("routines.previewlink", "revoke"): CONTENT,
    ("comments.comment", "delete_selected"): SUPERUSER,
    ("comments.publicnumber", "delete_selected"): CONTENT,
    ("comments.comment", "approve"): MODERATION,
    ("comments.comment", "keep"): MODERATION,
    ("comments.comment", "mark_spam"): MODERATION,
    ("comments.comment", "remove"): MODERATION,
    ("comments.comment", "restore"): MODERATION,
    ("comments.articlediscussion", "close_comments"): MODERATION,
    ("comments.articlediscussion", "reopen_comments"): MODERATION,
    ("comments.articlediscussion", "auto_close_comments"): MODERATION,
    ("axes.accessattempt", "delete_selected"): SUPERUSER,
    ("axes.accessattempt", "cleanup_expired_attempts"): SUPERUSER,
    ("axes.accesslog", "delete_selected"): SUPERUSER,
    ("axes.accessfailurelog", "delete_selected"): SUPERUSER,
}

# Known failures, each a strict xfail that turns red once it is fixed.
# django-axes 8.3.1's own action reads request.axes_attempt_time, which only a
# login request has: it crashes (expired attempts are cleaned at every login).
AXES_BUG = pytest.mark.xfail(
    raises=AttributeError, reason="django-axes 8.3.1 cleanup action crashes"
)
KNOWN_FAILURES = {
    ("axes.accessattempt", "cleanup_expired_attempts", "superuser"): AXES_BUG,
}

EXPECTED_GROUP_PERMISSIONS = {
    "Editors": {
        f"routines.{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in (
            "topic",
            "point",
            "routine",
            "routinestep",
            "article",
            "handout",
            "previewlink",
        )
    }
    | {
        f"comments.{action}_publicnumber"
        for action in ("add", "change", "delete", "view")
    }
    | {"comments.view_articlefeedback", "comments.view_pointfeedback"},
    "Moderators": {
        "comments.view_comment",
        "comments.change_comment",
        "comments.view_moderationaction",
        "comments.view_articlediscussion",
        "comments.change_articlediscussion",
        "routines.view_article",
        "comments.view_publicnumber",
    },
}


@pytest.fixture(scope="module")
def migration_apps():
    """The app registry as the roles migration sees it."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return loader.project_state(("routines", "0002_roles")).apps


@pytest.fixture(scope="module")
def numbers_apps():
    """The app registry as the public numbers migration sees it."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return loader.project_state(("comments", "0003_seed_public_numbers")).apps


@pytest.fixture(scope="module")
def feedback_apps():
    """The app registry as the feedback permissions migration sees it."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return loader.project_state(("comments", "0006_feedback_permissions")).apps


@pytest.fixture(scope="module")
def preview_apps():
    """The app registry as the preview links migration sees it."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return loader.project_state(("routines", "0005_preview_links")).apps


@pytest.fixture
def groups(migration_apps, numbers_apps, feedback_apps, preview_apps):
    # A transactional test elsewhere in the suite may have flushed the groups the
    # migration made; its own function brings them back (it is idempotent).
    roles_migration.create_roles(migration_apps, None)
    numbers_migration.grant(numbers_apps, None)
    feedback_migration.grant(feedback_apps, None)
    preview_migration.grant(preview_apps, None)
    return {group.name: group for group in Group.objects.all()}


@pytest.fixture
def users(groups, django_user_model):
    editor = django_user_model.objects.create_user("edna", is_staff=True)
    editor.groups.add(groups["Editors"])
    moderator = django_user_model.objects.create_user("moe", is_staff=True)
    moderator.groups.add(groups["Moderators"])
    superuser = django_user_model.objects.create_superuser("root", "root@example.org")
    return {"editor": editor, "moderator": moderator, "superuser": superuser}


def make_comment(status: str = Status.APPROVED) -> Comment:
    return factories.CommentFactory(status=status)


def make_attempt(**kwargs) -> AccessAttempt:
    return AccessAttempt.objects.create(
        user_agent="test",
        ip_address="fd00::1",
        username="someone",
        http_accept="*/*",
        path_info="/admin/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
        **kwargs,
    )


def make_expired_attempt() -> AccessAttempt:
    attempt = make_attempt()
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=timezone.now() - datetime.timedelta(days=2)
    )
    return attempt


def make_log(model):
    return model.objects.create(
        user_agent="test",
        ip_address="fd00::1",
        username="someone",
        http_accept="*/*",
        path_info="/admin/login/",
    )


def make_task_result() -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path="comments.tasks.notify_moderators",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
    )


def make_object(label: str):
    return {
        "auth.group": lambda: Group.objects.create(name="Volunteers"),
        "auth.user": lambda: get_user_model().objects.create_user("someone-else"),
        "routines.topic": factories.TopicFactory,
        "routines.point": factories.PointFactory,
        "routines.routine": factories.RoutineFactory,
        "routines.handout": factories.HandoutFactory,
        "routines.article": factories.ArticleFactory,
        "routines.previewlink": lambda: previews.create_link(
            factories.DraftArticleFactory()
        ),
        "comments.comment": make_comment,
        "comments.moderationaction": lambda: ModerationAction.objects.create(
            article=factories.ArticleFactory(), action=ModerationAction.Action.CLOSE
        ),
        "comments.articlediscussion": factories.ArticleFactory,
        "comments.articlefeedback": factories.ArticleFactory,
        "comments.pointfeedback": factories.PointFactory,
        "comments.publicnumber": lambda: PublicNumber.objects.create(
            name="Salem clinic", number="503-555-0100"
        ),
        "axes.accessattempt": make_attempt,
        "axes.accesslog": lambda: make_log(AccessLog),
        "axes.accessfailurelog": lambda: make_log(AccessFailureLog),
        "django_tasks_database.dbtaskresult": make_task_result,
    }[label]()


def exists(model):
    return lambda obj: model.objects.filter(pk=obj.pk).exists()


def field(model, name):
    return lambda obj: model.objects.values_list(name, flat=True).get(pk=obj.pk)


article_status = field(Article, "status")
comment_status = field(Comment, "status")
comments_mode = field(Article, "comments_mode")

# (model, action) -> (an object the action would change, how to read its state).
ACTION_SUBJECTS = {
    ("routines.article", "publish_now"): (
        factories.DraftArticleFactory,
        article_status,
    ),
    ("routines.article", "unpublish"): (factories.ArticleFactory, article_status),
    ("routines.previewlink", "revoke"): (
        lambda: previews.create_link(factories.DraftArticleFactory()),
        field(PreviewLink, "revoked_at"),
    ),
    ("comments.comment", "approve"): (
        lambda: make_comment(Status.PENDING),
        comment_status,
    ),
    ("comments.comment", "keep"): (
        lambda: make_comment(Status.PENDING),
        comment_status,
    ),
    ("comments.comment", "mark_spam"): (make_comment, comment_status),
    ("comments.comment", "remove"): (make_comment, comment_status),
    ("comments.comment", "restore"): (
        lambda: make_comment(Status.REMOVED),
        comment_status,
    ),
    ("comments.articlediscussion", "close_comments"): (
        factories.ArticleFactory,
        comments_mode,
    ),
    ("comments.articlediscussion", "reopen_comments"): (
        factories.ArticleFactory,
        comments_mode,
    ),
    ("comments.articlediscussion", "auto_close_comments"): (
        lambda: factories.ArticleFactory(comments_mode=Article.Comments.OPEN),
        comments_mode,
    ),
    ("axes.accessattempt", "cleanup_expired_attempts"): (
        make_expired_attempt,
        exists(AccessAttempt),
    ),
}


def registered() -> dict[str, admin.ModelAdmin]:
    return {
        model._meta.label_lower: model_admin
        for model, model_admin in admin.site._registry.items()
    }


def admin_url(label: str, page: str, obj=None) -> str:
    app_label, model = label.split(".")
    name = f"admin:{app_label}_{model}_{page}"
    return reverse(name, args=[obj.pk] if page == "change" else [])


def log_in(client, users, role: str) -> None:
    if role != "anonymous":
        client.force_login(users[role])


def page_cases() -> list:
    return [
        pytest.param(label, role, page, id=f"{label}-{role}-{page}")
        for label in EXPECTED_PAGES
        for role in ROLES
        for page in ("changelist", "add", "change")
    ]


def action_cases() -> list:
    return [
        pytest.param(
            label,
            action,
            role,
            id=f"{label}-{action}-{role}",
            marks=[KNOWN_FAILURES[(label, action, role)]]
            if (label, action, role) in KNOWN_FAILURES
            else [],
        )
        for label, action in EXPECTED_ACTIONS
        for role in ROLES
    ]


def test_the_matrix_covers_every_model_registered_in_the_admin():
    assert set(EXPECTED_PAGES) == set(registered())


def test_the_matrix_covers_every_admin_action(users):
    request = RequestFactory().get("/admin/")
    request.user = users["superuser"]
    declared = {
        (label, action)
        for label, model_admin in registered().items()
        for action in model_admin.get_actions(request)
    }
    assert declared == set(EXPECTED_ACTIONS)


def test_roles_migration_creates_both_groups_with_exactly_their_permissions(
    migration_apps, numbers_apps, feedback_apps, preview_apps
):
    # As on a fresh database: no groups, and no permissions yet (post_migrate
    # has not run when the migration does).
    Group.objects.all().delete()
    Permission.objects.all().delete()

    roles_migration.create_roles(migration_apps, None)
    numbers_migration.grant(numbers_apps, None)
    feedback_migration.grant(feedback_apps, None)
    preview_migration.grant(preview_apps, None)

    granted = {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.all()
    }
    assert granted == EXPECTED_GROUP_PERMISSIONS


def test_moderators_discussion_permissions_belong_to_the_proxy_model(groups):
    permission = groups["Moderators"].permissions.get(
        codename="change_articlediscussion"
    )
    assert permission.content_type.model == "articlediscussion"
    assert permission.content_type.app_label == "comments"


def test_reversing_the_roles_migration_removes_the_groups(migration_apps, groups):
    roles_migration.remove_roles(migration_apps, None)

    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


@pytest.mark.parametrize(("label", "role", "page"), page_cases())
def test_admin_pages_answer_only_the_roles_allowed_to_see_them(
    client, users, label, role, page
):
    obj = make_object(label)
    log_in(client, users, role)

    response = client.get(admin_url(label, page, obj))

    if role == "anonymous":
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))
    elif page in EXPECTED_PAGES[label][role]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(("label", "action", "role"), action_cases())
def test_admin_actions_run_only_for_the_roles_allowed_to_run_them(
    client, users, label, action, role
):
    # Logged in first: a login makes axes clean up expired attempts itself.
    log_in(client, users, role)
    if action == "delete_selected":
        obj = make_object(label)
        state = exists(type(obj))
    else:
        make, state = ACTION_SUBJECTS[(label, action)]
        obj = make()
    before = state(obj)

    response = client.post(
        admin_url(label, "changelist"),
        # "post" confirms delete_selected, which otherwise asks first.
        {"action": action, "_selected_action": [obj.pk], "post": "yes"},
    )

    if role in EXPECTED_ACTIONS[(label, action)]:
        assert response.status_code == 302
        assert state(obj) != before
    else:
        assert state(obj) == before
        if role == "anonymous":
            assert response.status_code == 302
            assert response.url.startswith(reverse("admin:login"))
        elif response.status_code == 302:
            messages = [str(m) for m in response.wsgi_request._messages]
            assert "No action selected." in messages
        else:
            assert response.status_code in (200, 403)
