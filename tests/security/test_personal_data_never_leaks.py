"""Personal data that readers type never reaches storage, logs, e-mail or cache.

Comments full of personal data (in the name and the body) are posted through the
real view, with both policies ("hold": a moderator is e-mailed; "redact"), plus a
comment refused as too long and one refused as a duplicate, from a known client
address. Then every place a copy could end up is read back: every row of every
table, every log record at DEBUG (SQL with its parameters included), every
e-mail (subject, body, headers), and every cache entry with the page cache on
after a reader has been served the article page. None holds a raw value.
"""

import logging
import pickle

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import Client

from acupressure_site.cache import DiskCache
from comments.models import Comment, Status
from tests import factories
from tests.comments.test_posting import every_stored_value

pytestmark = pytest.mark.django_db

CLIENT_ADDRESS = "198.51.100.77"
MODERATOR = "moderator@example.org"

# What each comment carries, and the raw values that must never be kept.
COMMENTS = [
    {
        "name": "Jim 503-555-0142",
        "email": "jim.baxter@example.com",
        "body": (
            "Pressing LI 4 helped my back.\n"
            "My SSN is 123-45-6789, call me at (503) 555-0142 or write to "
            "jim.baxter@example.com.\n"
            "I live at 4521 NE Alberta St, Portland, OR 97211."
        ),
    },
    {
        "name": "Ana ana.lopez+va@example.org",
        "email": "ana.lopez+va@example.org",
        "body": (
            "I was born on March 14, 1962 and my VA claim number 28461937 is "
            "still open.\nCard 4111 1111 1111 1111 was charged twice.\n"
            "My IP is 203.0.113.77 if that helps."
        ),
    },
    {
        "name": "Bo SSN 523-41-8876",
        "email": "",
        "body": (
            "DOB: 07/04/1958. Text me at 206-555-0199.\n"
            "Ship to 1600 Maple Avenue, Springfield, IL 62704."
        ),
    },
]
RAW_VALUES = [
    "503-555-0142",
    "555-0142",
    "jim.baxter@example.com",
    "123-45-6789",
    "4521 NE Alberta",
    "97211",
    "ana.lopez+va@example.org",
    "ana.lopez",
    "March 14, 1962",
    "28461937",
    "4111 1111 1111 1111",
    "4111111111111111",
    "203.0.113.77",
    "523-41-8876",
    "07/04/1958",
    "206-555-0199",
    "1600 Maple Avenue",
    "62704",
    CLIENT_ADDRESS,
]
TOO_LONG_MARKER = "too-long-marker"
TOO_LONG = (
    f"{TOO_LONG_MARKER} My SSN is 123-45-6789 and my phone is (503) 555-0142. "
    + "This routine is great. " * 200
)


def readable(value) -> str:
    """A cached value as text, whatever shape it was stored in."""
    if isinstance(value, bytes | bytearray):
        try:
            return readable(pickle.loads(value))  # noqa: S301 (our own cache)
        except Exception:
            return bytes(value).decode("utf-8", "replace")
    if isinstance(value, dict):
        return "\n".join(readable(k) + "=" + readable(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return "\n".join(readable(v) for v in value)
    return str(value)


def cache_entries() -> dict[str, str]:
    """Every key of the default cache with its value as text."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        client = backend._cache.get_client(write=False)
        pattern = f"{backend.key_prefix}:*" if backend.key_prefix else "*"
        return {
            key.decode(): readable(client.get(key))
            for key in client.scan_iter(match=pattern)
        }
    if isinstance(backend, DiskCache):
        return {key: readable(backend._cache.get(key)) for key in backend._cache}
    # LocMemCache keeps pickled values in a dict.
    return {key: readable(value) for key, value in backend._cache.items()}


@pytest.fixture
def site(settings, django_user_model):
    settings.PAGE_CACHE_SECONDS = 600
    settings.COMMENTS_RATE_LIMIT = "1000000/m"
    settings.COMMENTS_MODERATOR_EMAILS = []
    django_user_model.objects.create_superuser(
        "moderator", MODERATOR, "a-long-test-password"
    )
    return factories.ArticleFactory(title="Acupressure for low back pain")


@pytest.fixture
def debug_log(caplog):
    """Every log record at DEBUG, SQL with its parameters included."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    # "django" does not propagate to the root logger, where caplog listens.
    django_logger = logging.getLogger("django")
    django_logger.addHandler(caplog.handler)
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False
    django_logger.removeHandler(caplog.handler)


def everything_logged(caplog) -> str:
    return "\n".join(
        f"{record.name} {record.getMessage()} {record.exc_text or ''}"
        for record in caplog.records
    )


@pytest.mark.parametrize("policy", ["hold", "redact"])
def test_raw_personal_data_is_nowhere_after_posting_and_serving_the_page(
    client,
    site,
    settings,
    debug_log,
    mailoutbox,
    django_capture_on_commit_callbacks,
    policy,
):
    settings.COMMENTS_PERSONAL_DATA_POLICY = policy
    url = f"/articles/{site.slug}/comments/"

    with django_capture_on_commit_callbacks(execute=True):
        for data in COMMENTS:
            response = client.post(url, data, REMOTE_ADDR=CLIENT_ADDRESS)
            assert response.status_code == 302
        too_long = client.post(
            url,
            {"name": "Jim 503-555-0142", "body": TOO_LONG},
            REMOTE_ADDR=CLIENT_ADDRESS,
        )
        duplicate = client.post(url, COMMENTS[0], REMOTE_ADDR=CLIENT_ADDRESS)

    # The refused posts are re-rendered with the reader's own text kept...
    assert too_long.status_code == 400
    assert "too long" in too_long.text and TOO_LONG_MARKER in too_long.text
    assert duplicate.status_code == 400
    assert "already posted" in duplicate.text
    assert "123-45-6789" in duplicate.text
    # ...and were not stored.
    assert Comment.objects.count() == len(COMMENTS)
    expected = Status.PENDING if policy == "hold" else Status.APPROVED
    assert set(Comment.objects.values_list("status", flat=True)) == {expected}

    # A reader who is not logged in is served the page from the page cache.
    reader = Client()
    first = reader.get(site.get_absolute_url())
    second = reader.get(site.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    for page in ("/", "/articles/"):
        assert reader.get(page).status_code == 200

    stored = every_stored_value()
    logged = everything_logged(debug_log)
    mailed = "\n".join(
        "\n".join(
            [
                message.subject,
                message.body,
                repr(message.to),
                repr(message.bcc),
                repr(message.extra_headers),
                message.message().as_string(),
            ]
        )
        for message in mailoutbox
    )
    entries = cache_entries()
    cached = "\n".join(f"{key}\n{value}" for key, value in entries.items())
    shown = first.text

    # The places searched really hold the (redacted) comments.
    assert "[SSN removed]" in stored
    assert "INSERT INTO" in logged and "[SSN removed]" in logged
    assert any("pagecache:" in key for key in entries)
    assert "Comments (" in cached
    if policy == "hold":
        assert len(mailoutbox) == len(COMMENTS)
        assert "[SSN removed]" in mailed
        assert all(MODERATOR in message.bcc for message in mailoutbox)
    else:
        assert mailoutbox == []
        assert "[SSN removed]" in shown
        assert "[SSN removed]" in cached

    for value in RAW_VALUES:
        assert value not in stored, f"{value!r} stored"
        assert value not in logged, f"{value!r} logged"
        assert value not in mailed, f"{value!r} mailed"
        assert value not in cached, f"{value!r} cached"
        assert value not in shown, f"{value!r} shown"
    # What a refused reader typed is only ever in their own response.
    assert TOO_LONG_MARKER not in stored + logged + mailed + cached
    assert "already posted" not in cached


def test_refused_post_is_not_served_from_the_page_cache(client, site):
    url = f"/articles/{site.slug}/comments/"
    refused = client.post(url, {"name": "Jim", "body": TOO_LONG})
    assert refused.status_code == 400

    page = Client().get(site.get_absolute_url())

    assert page["X-Page-Cache"] == "miss"
    assert TOO_LONG_MARKER not in page.text
    assert TOO_LONG_MARKER not in "\n".join(cache_entries().values())
