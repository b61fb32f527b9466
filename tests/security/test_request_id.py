"""Every request has an id: in the response, in the log, on the 500 page."""

import io
import logging
import re

import pytest

from acupressure_site.request_id import RequestIdFilter

pytestmark = pytest.mark.django_db

SSN = "123-45-6789"
NEW_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def broken_site(settings, client):
    settings.ROOT_URLCONF = "tests.security.urls_500"
    client.raise_request_exception = False
    return client


@pytest.fixture
def console():
    """What the site's console log handler writes, as configured in settings."""
    handler = next(
        h for h in logging.getLogger("django").handlers if h.get_name() == "console"
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.fixture
def request_log(caplog):
    # pytest captures the "django" logger although it does not propagate.
    caplog.handler.addFilter(RequestIdFilter())
    return caplog


def post_personal_data(client):
    return client.post(
        "/broken/", {"name": "Jim Baxter", "ssn": SSN, "note": f"My SSN is {SSN}"}
    )


def test_every_response_carries_a_new_request_id(client):
    first = client.get("/robots.txt")
    second = client.get("/robots.txt")

    assert NEW_ID.fullmatch(first["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_safe_incoming_request_id_is_kept(client):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID="lb-7f3a9c21.edge_01")

    assert response["X-Request-ID"] == "lb-7f3a9c21.edge_01"


@pytest.mark.parametrize(
    "incoming",
    ["short", "x" * 65, "two words here", "id;rm -rf", "<script>alert(1)</script>"],
)
def test_an_unsafe_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID=incoming)

    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_a_server_error_is_logged_with_its_request_id_and_no_posted_data(
    broken_site, console, request_log
):
    response = post_personal_data(broken_site)

    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    line = next(
        line
        for line in console.getvalue().splitlines()
        if "Internal Server Error" in line
    )
    assert f"[{request_id}]" in line
    assert SSN not in console.getvalue()
    assert "Jim Baxter" not in console.getvalue()
    [record] = [r for r in request_log.records if r.levelno == logging.ERROR]
    assert record.request_id == request_id
    assert SSN not in request_log.text
    assert "Jim Baxter" not in request_log.text


def test_the_server_error_page_shows_the_request_id(broken_site):
    response = post_personal_data(broken_site)

    assert response.status_code == 500
    assert response["X-Request-ID"] in response.text
    assert SSN not in response.text


def test_log_lines_outside_a_request_carry_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "message", None, None)

    RequestIdFilter().filter(record)

    assert record.request_id == "-"
