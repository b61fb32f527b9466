"""Guessing admin passwords stops after a few tries (django-axes)."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
HOME = "203.0.113.7"
ELSEWHERE = "198.51.100.23"


@pytest.fixture
def staff(django_user_model):
    django_user_model.objects.create_user("edna", password=PASSWORD, is_staff=True)
    django_user_model.objects.create_user("moe", password=PASSWORD, is_staff=True)


def log_in(client, username: str, password: str, address: str = HOME):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, username: str, times: int, address: str = HOME) -> None:
    for _ in range(times):
        response = log_in(client, username, "wrong-password", address)
        assert "_auth_user_id" not in client.session
        assert response.status_code in (200, 429)


def test_failure_limit_is_five_by_default():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_after_the_limit_the_right_password_is_refused_with_a_lockout_message(
    client, staff
):
    fail(client, "edna", settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "edna", PASSWORD)

    assert response.status_code == 429
    assert "too many login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_before_the_limit_the_right_password_still_works(client, staff):
    fail(client, "edna", settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client, "edna", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_another_username_from_the_same_address_is_not_locked(client, staff):
    fail(client, "edna", settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "moe", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_same_username_from_another_address_is_not_locked(client, staff):
    fail(client, "edna", settings.AXES_FAILURE_LIMIT)

    response = log_in(client, "edna", PASSWORD, address=ELSEWHERE)

    assert response.status_code == 302


def test_a_successful_login_before_the_limit_resets_the_count(client, staff):
    almost = settings.AXES_FAILURE_LIMIT - 1
    fail(client, "edna", almost)
    assert log_in(client, "edna", PASSWORD).status_code == 302
    client.logout()

    fail(client, "edna", almost)
    response = log_in(client, "edna", PASSWORD)

    assert response.status_code == 302


def test_failed_logins_keep_no_real_address_and_no_password(client, staff):
    fail(client, "edna", 2)

    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address != HOME
    assert attempt.ip_address.startswith("fd")
    assert "wrong-password" not in attempt.post_data
    assert HOME not in attempt.post_data


def test_successful_logins_are_not_recorded(client, staff):
    log_in(client, "edna", PASSWORD)

    assert not AccessLog.objects.exists()


def test_force_login_still_works_for_tests(admin_client):
    assert admin_client.get(reverse("admin:index")).status_code == 200
