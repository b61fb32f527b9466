"""The settings module is driven by the environment and fails fast when unsafe."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ENGINE": settings.DATABASES["default"]["ENGINE"],
    "NAME": str(settings.DATABASES["default"]["NAME"]),
    "CACHE": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"]["LOCATION"],
    "PAGE_CACHE_SECONDS": settings.PAGE_CACHE_SECONDS,
    "TASKS": settings.TASKS["default"]["BACKEND"],
    "SSL": settings.SECURE_SSL_REDIRECT,
    "HOSTS": settings.ALLOWED_HOSTS,
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    "STATIC_ROOT": str(settings.STATIC_ROOT),
    "STORAGE": settings.STORAGES["default"]["BACKEND"],
    "SERVE_MEDIA": settings.SERVE_MEDIA,
    "SESSIONS": settings.SESSION_ENGINE,
}))
"""


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    clean["DJANGO_SETTINGS_MODULE"] = "acupressure_site.settings"
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def settings_with(**env: str) -> dict:
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_debug_a_missing_secret_key_stops_the_site_with_a_reason():
    result = load_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_defaults_are_production_like_on_sqlite_and_a_shared_disk_cache():
    values = settings_with(DJANGO_SECRET_KEY="x" * 50)
    assert values["DEBUG"] is False
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"].endswith("db.sqlite3")
    assert values["CACHE"] == "acupressure_site.cache.DiskCache"
    assert values["CACHE_LOCATION"] == str(ROOT / "cache")
    assert values["PAGE_CACHE_SECONDS"] == 600
    assert values["TASKS"] == "django_tasks_db.DatabaseBackend"
    assert values["SSL"] is True
    assert "127.0.0.1" in values["HOSTS"]


def test_debug_runs_without_a_secret_key_and_without_ssl_redirect():
    values = settings_with(DJANGO_DEBUG="1")
    assert values["DEBUG"] is True
    assert values["SSL"] is False


def test_database_redis_hosts_and_folders_come_from_the_environment(tmp_path):
    values = settings_with(
        DJANGO_SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        REDIS_URL="redis://127.0.0.1:6379/0",
        DJANGO_ALLOWED_HOSTS="health.example.org,www.health.example.org",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
    )
    assert values["ENGINE"] == "django.db.backends.postgresql"
    assert values["NAME"] == "test"
    assert values["CACHE"] == "acupressure_site.cache.RedisCache"
    assert values["HOSTS"] == ["health.example.org", "www.health.example.org"]
    assert values["SSL"] is False
    assert values["MEDIA_ROOT"] == str(tmp_path / "media")
    assert values["STATIC_ROOT"] == str(tmp_path / "static")


def test_uploads_go_to_s3_compatible_storage_when_a_bucket_is_named():
    values = settings_with(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_S3_BUCKET="acupressure-media",
        DJANGO_S3_ENDPOINT_URL="https://s3.example.org",
    )
    assert values["STORAGE"] == "storages.backends.s3.S3Storage"
    assert values["SERVE_MEDIA"] is False


def test_app_servers_keep_no_local_state_with_redis():
    values = settings_with(
        DJANGO_SECRET_KEY="x" * 50, REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert values["SESSIONS"] == "django.contrib.sessions.backends.cached_db"
    assert values["CACHE"] == "acupressure_site.cache.RedisCache"
    assert values["STORAGE"].endswith("FileSystemStorage")


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy
    assert 'fullscreen=(self "https://www.youtube-nocookie.com"' in policy
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-src https://www.youtube-nocookie.com" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's parameter binding"
)
def test_postgresql_binds_parameters_on_the_server():
    import psycopg

    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor, psycopg.Cursor)
        assert not isinstance(cursor.cursor, psycopg.ClientCursor)
        cursor.execute("SELECT %s::int + 1", [41])
        assert cursor.fetchone() == (42,)
