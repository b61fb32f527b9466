"""The medical review cycle: due dates, what is overdue, reminders."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from routines import checks, review
from routines.models import Article
from routines.tasks import email_overdue_reviews
from tests import factories

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
TODAY = datetime.date(2026, 12, 4)


def test_next_review_defaults_to_the_interval_after_the_last():
    assert review.next_review_due(
        datetime.date(2026, 1, 31), months=12
    ) == datetime.date(2027, 1, 31)
    assert review.next_review_due(
        datetime.date(2026, 8, 31), months=6
    ) == datetime.date(2027, 2, 28)


@pytest.mark.django_db
def test_saving_a_reviewed_article_sets_the_next_review_from_the_setting(settings):
    settings.REVIEW_INTERVAL_MONTHS = 6
    article = factories.ArticleFactory(last_reviewed=datetime.date(2026, 3, 14))
    assert article.next_review_due == datetime.date(2026, 9, 14)


@pytest.fixture
def dated(db):
    return {
        "overdue": factories.ArticleFactory(
            title="Overdue", next_review_due=TODAY - datetime.timedelta(days=1)
        ),
        "soon": factories.ArticleFactory(
            title="Soon", next_review_due=TODAY + datetime.timedelta(days=30)
        ),
        "later": factories.ArticleFactory(
            title="Later", next_review_due=TODAY + datetime.timedelta(days=31)
        ),
        "unset": factories.ArticleFactory(title="Unset"),
    }


def test_overdue_and_due_soon_are_split_at_today_and_thirty_days(dated):
    titles = lambda qs: set(qs.values_list("title", flat=True))  # noqa: E731
    assert titles(Article.objects.review_overdue(TODAY)) == {"Overdue"}
    assert titles(Article.objects.review_due_soon(TODAY)) == {"Soon"}


@time_machine.travel(datetime.datetime(2026, 12, 4, 17, tzinfo=datetime.UTC))
def test_admin_index_and_list_filter_show_what_is_overdue(staff_client, dated):
    index = staff_client.get(reverse("admin:index")).content.decode()
    listing = staff_client.get(
        reverse("admin:routines_article_changelist"), {"review": "overdue"}
    ).content.decode()

    assert "Medical review" in index
    assert "Overdue" in index
    assert "Soon" in index
    assert ">Overdue</a>" in listing
    assert ">Later</a>" not in listing


@time_machine.travel(datetime.datetime(2026, 12, 4, 17, tzinfo=datetime.UTC))
def test_publishing_checks_warn_about_an_overdue_review(dated):
    problems = checks.publishing_problems(dated["overdue"])
    warnings = [p.message for p in problems if not p.is_error]
    assert any("medical review was due on 2026-12-03" in w for w in warnings)
    assert not any(
        "medical review" in p.message for p in checks.publishing_problems(dated["soon"])
    )


@pytest.fixture
def editors(db, django_user_model):
    group, _ = Group.objects.get_or_create(name="Editors")
    editor = django_user_model.objects.create_user(
        "edna", "edna@example.org", is_staff=True
    )
    editor.groups.add(group)
    django_user_model.objects.create_user("outsider", "out@example.org")
    return [editor]


@override_settings(TASKS=IMMEDIATE)
@time_machine.travel(datetime.datetime(2026, 12, 4, 17, tzinfo=datetime.UTC))
def test_the_reminder_command_e_mails_editors_the_overdue_list(dated, editors):
    call_command("remind_overdue_reviews")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["edna@example.org"]
    assert "Overdue (due 2026-12-03)" in message.body
    assert "Soon" not in message.body
    assert "?review=overdue" in message.body


@override_settings(TASKS=IMMEDIATE)
def test_no_reminder_is_sent_when_nothing_is_overdue(db, editors):
    factories.ArticleFactory(next_review_due=datetime.date(2099, 1, 1))
    assert email_overdue_reviews.enqueue().return_value == 0
    assert mail.outbox == []
