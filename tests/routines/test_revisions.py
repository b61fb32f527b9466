"""Revisions: every change kept, compared field by field, restored in one click."""

import pytest
import reversion
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from reversion.models import Version

from routines import publishing
from routines.models import Article, RoutineStep
from tests import factories

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What a browser would submit for the page's main form, as it stands."""
    form = BeautifulSoup(response.content, "html.parser").select_one("form[id$=_form]")
    data: dict[str, object] = {}
    for node in form.select("input[name], textarea[name], select[name]"):
        name = node["name"]
        if node.name == "textarea":
            data[name] = node.text.lstrip("\n")
        elif node.name == "select":
            chosen = [o.get("value", "") for o in node.select("option[selected]")]
            if node.has_attr("multiple"):
                data[name] = chosen
            else:
                data[name] = chosen[0] if chosen else ""
        elif node.get("type") in ("checkbox", "radio"):
            if node.has_attr("checked"):
                data[name] = node.get("value", "on")
        elif node.get("type") not in ("submit", "file"):
            data[name] = node.get("value", "")
    return data


def save_revision(obj, comment: str = "", user=None) -> None:
    with reversion.create_revision():
        obj.save()
        reversion.set_comment(comment)
        if user is not None:
            reversion.set_user(user)


def versions(obj):
    return Version.objects.get_for_object(obj)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("eve", "eve@example.org")


def test_saving_an_article_in_the_admin_keeps_a_revision_with_who_and_comment(
    client, editor
):
    article = factories.DraftArticleFactory(body="First words.")
    client.force_login(editor)
    page = client.get(reverse("admin:routines_article_change", args=[article.pk]))
    data = form_data(page) | {"body": "Second words."}

    response = client.post(
        reverse("admin:routines_article_change", args=[article.pk]), data
    )

    assert response.status_code == 302
    version = versions(article).first()
    assert version.revision.user == editor
    assert "Body" in version.revision.get_comment()
    assert version.field_dict["body"] == "Second words."


def test_history_lists_revisions_and_compare_shows_the_body_diff(client, editor):
    article = factories.DraftArticleFactory(body="Press gently for one minute.")
    save_revision(article, "First draft", editor)
    article.body = "Press firmly for two minutes."
    save_revision(article, "Firmer", editor)
    client.force_login(editor)

    history = client.get(reverse("admin:routines_article_history", args=[article.pk]))
    old, new = versions(article).order_by("pk")
    compare = client.get(
        reverse("admin:routines_article_compare", args=[article.pk]),
        {"version_id1": old.pk, "version_id2": new.pk},
    )

    assert history.status_code == 200
    assert b"First draft" in history.content
    assert b"Firmer" in history.content
    assert compare.status_code == 200
    text = compare.content.decode()
    assert "<del>gent</del><ins>firm</ins>ly" in text
    assert "<del>one</del><ins>two</ins>" in text


def test_restoring_a_revision_brings_back_its_fields_as_a_new_revision(client, editor):
    article = factories.DraftArticleFactory(title="Old title", body="Old body.")
    save_revision(article, "Old", editor)
    old = versions(article).first()
    article.title, article.body = "New title", "New body."
    save_revision(article, "New", editor)
    client.force_login(editor)
    url = reverse("admin:routines_article_revision", args=[article.pk, old.pk])

    page = client.get(url)
    response = client.post(url, form_data(page))

    article.refresh_from_db()
    assert response.status_code == 302
    assert (article.title, article.body) == ("Old title", "Old body.")
    assert versions(article).count() == 3
    assert "Reverted" in versions(article).first().revision.get_comment()


def test_looking_at_an_old_revision_changes_nothing(client, editor):
    article = factories.DraftArticleFactory(title="Old title")
    save_revision(article)
    old = versions(article).first()
    article.title = "New title"
    save_revision(article)
    client.force_login(editor)

    client.get(reverse("admin:routines_article_revision", args=[article.pk, old.pk]))

    article.refresh_from_db()
    assert article.title == "New title"


def test_restoring_a_routine_restores_its_steps_in_their_old_order(
    client, editor, routine
):
    save_revision(routine, "Three steps in order", editor)
    old = versions(routine).first()
    first, second, third = routine.steps.order_by("order")
    third_pk = third.pk
    # Reorder (swapping places through a free one) and drop a step.
    RoutineStep.objects.filter(pk=first.pk).update(order=99)
    RoutineStep.objects.filter(pk=second.pk).update(order=1)
    RoutineStep.objects.filter(pk=first.pk).update(order=2)
    third.delete()
    save_revision(routine, "Swapped", editor)
    client.force_login(editor)
    url = reverse("admin:routines_routine_revision", args=[routine.pk, old.pk])

    page = client.get(url)
    response = client.post(url, form_data(page))

    assert response.status_code == 302, response.content[:2000]
    restored = list(routine.steps.order_by("order").values_list("pk", "order"))
    assert restored == [(first.pk, 1), (second.pk, 2), (third_pk, 3)]


def test_a_deleted_article_can_be_recovered(client, editor):
    article = factories.DraftArticleFactory(title="Gone for now")
    save_revision(article, "Before deleting", editor)
    pk = article.pk
    with reversion.create_revision():
        article.delete()
    client.force_login(editor)
    deleted = Version.objects.get_deleted(Article).get()

    listing = client.get(reverse("admin:routines_article_recoverlist"))
    url = reverse("admin:routines_article_recover", args=[deleted.pk])
    response = client.post(url, form_data(client.get(url)))

    assert b"Gone for now" in listing.content
    assert response.status_code == 302
    assert Article.objects.get(pk=pk).title == "Gone for now"


def test_publishing_and_unpublishing_are_revisions_with_their_own_comment(editor):
    article = factories.DraftArticleFactory()

    publishing.publish(Article.objects.filter(pk=article.pk), user=editor)
    publishing.unpublish(Article.objects.filter(pk=article.pk), user=editor)

    comments = [v.revision.get_comment() for v in versions(article).order_by("pk")]
    assert comments == ["Published", "Unpublished (back to draft)"]
    assert versions(article).first().field_dict["status"] == Article.Status.DRAFT
    assert {v.revision.user for v in versions(article)} == {editor}


def test_scheduling_in_the_admin_names_the_schedule_in_the_revision(client, editor):
    article = factories.DraftArticleFactory()
    client.force_login(editor)
    url = reverse("admin:routines_article_change", args=[article.pk])
    data = form_data(client.get(url)) | {
        "status": Article.Status.SCHEDULED,
        "publish_at_0": "2030-01-02",
        "publish_at_1": "09:00:00",
    }

    response = client.post(url, data)

    assert response.status_code == 302
    assert (
        versions(article)
        .first()
        .revision.get_comment()
        .startswith("Scheduled for 2030-01-02 09:00")
    )


def test_moderators_cannot_restore_content(client, django_user_model):
    article = factories.ArticleFactory(title="Kept")
    save_revision(article)
    old = versions(article).first()
    article.title = "Current"
    save_revision(article)
    moderator = django_user_model.objects.create_user("moe", is_staff=True)
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="view_article"))
    moderator.groups.add(moderators)
    client.force_login(moderator)
    url = reverse("admin:routines_article_revision", args=[article.pk, old.pk])

    response = client.post(url, {"title": "Kept"})

    article.refresh_from_db()
    assert response.status_code == 403
    assert article.title == "Current"


def test_the_history_page_has_no_inline_style_for_the_csp(client, editor):
    article = factories.DraftArticleFactory()
    save_revision(article, "One")
    save_revision(article, "Two")
    client.force_login(editor)

    history = client.get(reverse("admin:routines_article_history", args=[article.pk]))

    assert b'name="version_id1"' in history.content
    assert b"style=" not in history.content


def test_changing_the_last_review_in_the_admin_moves_the_next_one(
    client, editor, settings
):
    settings.REVIEW_INTERVAL_MONTHS = 12
    article = factories.DraftArticleFactory(last_reviewed=None)
    client.force_login(editor)
    url = reverse("admin:routines_article_change", args=[article.pk])
    data = form_data(client.get(url)) | {"last_reviewed": "2026-05-01"}

    client.post(url, data)

    article.refresh_from_db()
    assert str(article.next_review_due) == "2027-05-01"


def test_comparing_routine_revisions_shows_each_changed_step_as_text(
    client, editor, routine
):
    save_revision(routine, "Before")
    step = routine.steps.get(order=2)
    step.duration_seconds, step.instruction = 75, "Press slowly."
    with reversion.create_revision():
        step.save()
        routine.save()
    old, new = versions(routine).order_by("pk")
    client.force_login(editor)

    response = client.get(
        reverse("admin:routines_routine_compare", args=[routine.pk]),
        {"version_id1": old.pk, "version_id2": new.pk},
    )

    text = response.content.decode()
    assert "1. BL 23, both sides, 30 s: Breathe slowly." in text
    assert "2. BL 40, both sides, <del>60</del><ins>75</ins> s:" in text
    assert "3. BL 57, both sides, 90 s" in text
