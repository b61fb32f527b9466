"""The editors' list of public numbers, and comments keeping them."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from comments.models import PublicNumber
from comments.moderation import Policy, submit
from comments.redaction import NATIONAL_LINES
from comments.redaction.public import canonical

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("comments.migrations.0003_seed_public_numbers")


def post(article, body: str):
    return submit(article=article, name="Robin", body=body, policy=Policy()).comment


def test_migration_seeds_the_national_lines():
    assert set(PublicNumber.objects.values_list("digits", flat=True)) == {
        canonical(number) for _, number in NATIONAL_LINES
    }


def test_migration_list_matches_the_redactors_default():
    assert seed_migration.LINES == NATIONAL_LINES


def test_saving_derives_the_digits_without_the_country_code():
    number = PublicNumber.objects.create(name="Portland VA", number="+1 (503) 220-8262")
    assert number.digits == "5032208262"


@pytest.mark.parametrize("number", ["12", "call us", "1234567890123456"])
def test_a_number_without_3_to_15_digits_is_refused(number):
    with pytest.raises(ValidationError) as error:
        PublicNumber(name="x", number=number).full_clean()
    assert "3 to 15 digits" in str(error.value)


def test_a_number_already_on_the_list_in_another_format_is_refused():
    with pytest.raises(ValidationError) as error:
        PublicNumber(name="VA again", number="(800) 698 2411").full_clean()
    assert "already" in str(error.value)


def test_a_comment_keeps_a_national_line(article):
    comment = post(article, "The VA line 1 800 698 2411 sorted my claim out.")
    assert "1 800 698 2411" in comment.body
    assert comment.personal_data_kinds == ""


def test_a_local_number_added_by_an_editor_is_kept_in_new_comments(article):
    body = "Portland VA front desk: 503.220.8262, ask for Pat."
    assert "503.220.8262" not in post(article, body).body
    PublicNumber.objects.create(name="Portland VA", number="(503) 220-8262")
    assert "503.220.8262" in post(article, body + " Thanks!").body


def test_a_number_taken_off_the_list_is_removed_again(article):
    PublicNumber.objects.filter(digits="8008271000").delete()
    comment = post(article, "Benefits line (800) 827-1000? No: my cell 971-555-0123.")
    assert "971-555-0123" not in comment.body
    # Toll-free numbers stay public whatever the list says.
    assert "(800) 827-1000" in comment.body


def test_editors_can_add_a_public_number_in_the_admin(client, django_user_model):
    editor = django_user_model.objects.create_user("edna", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.post(
        reverse("admin:comments_publicnumber_add"),
        {"name": "Salem clinic", "number": "503-555-0100", "source": ""},
    )
    assert response.status_code == 302
    assert PublicNumber.objects.filter(digits="5035550100").exists()
