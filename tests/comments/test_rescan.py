"""manage.py redact_stored_comments: the current redactor over stored comments."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from acupressure_site.shared import pagecache
from comments.models import Comment, ModerationAction
from tests import factories

pytestmark = pytest.mark.django_db

LEAKY = (
    "My SSN is 0 7 8 - 0 5 - 1 1 2 0, call five oh three five five five oh one four two"
)


def run(*args: str) -> str:
    out = StringIO()
    call_command("redact_stored_comments", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def stored():
    return [
        factories.CommentFactory(body=LEAKY, author_name="Sam"),
        factories.CommentFactory(body="BL 40 for two minutes helped."),
        factories.CommentFactory(body="ok", author_name="jo@example.com"),
    ]


def test_dry_run_counts_by_kind_and_changes_nothing(stored):
    out = run("--dry-run")
    assert "3 comments read, 2 would change." in out
    assert "ssn: 1" in out and "phone: 1" in out and "email: 1" in out
    assert "078" not in out and "five" not in out and "jo@" not in out
    assert Comment.objects.get(pk=stored[0].pk).body == LEAKY
    assert not ModerationAction.objects.exists()


def test_run_redacts_names_and_bodies_and_records_each_change(stored):
    out = run()
    assert "2 changed." in out
    leaky = Comment.objects.get(pk=stored[0].pk)
    assert leaky.body == "My SSN is [SSN removed], call [phone number removed]"
    assert set(leaky.personal_data_kinds.split(",")) == {"ssn", "phone"}
    assert Comment.objects.get(pk=stored[2].pk).author_name == "[email address removed]"
    actions = ModerationAction.objects.filter(action=ModerationAction.Action.REDACT)
    assert {a.comment_id for a in actions} == {stored[0].pk, stored[2].pk}
    assert all(a.from_status == a.to_status == "approved" for a in actions)
    assert "078" not in " ".join(a.note for a in actions)


def test_run_clears_cached_pages(stored):
    before = pagecache.version()
    run()
    assert pagecache.version() != before


def test_second_run_changes_nothing(stored):
    run()
    assert "0 changed." in run()
    assert ModerationAction.objects.count() == 2
