"""The Redis cache backend: Django's, keeping one client per connection pool."""

import os

import pytest
import redis

from acupressure_site.cache import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture
def backend():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-cache-backend"})
    yield cache
    cache.clear()


def test_every_call_uses_the_same_client_for_its_connection_pool(backend):
    client = backend._cache.get_client("a")
    assert backend._cache.get_client("b") is client
    assert backend._cache.get_client("c", write=True) is client


def test_reads_writes_and_counters_work_as_with_django_s_backend(backend):
    backend.set("page", {"body": b"<html>"}, 30)
    assert backend.get("page") == {"body": b"<html>"}
    assert backend.add("version", 1, None)
    assert backend.incr("version") == 2
    assert backend.get_many(["page", "version"]) == {
        "page": {"body": b"<html>"},
        "version": 2,
    }
    backend.delete("page")
    assert backend.get("page") is None
