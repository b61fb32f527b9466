"""Two app servers (separate gunicorns on two ports) on one PostgreSQL and one
Redis, uploads on an S3 API (moto's server), and a task worker: nothing lost or
doubled when one server dies under load, a change made on one is seen on the
other, files are shared, and a backup restores the same site elsewhere.

Runs in the PostgreSQL + Redis part of ``.ci/run`` (DATABASE_URL is a
PostgreSQL address); elsewhere it is skipped with the reason, and with
``CI=true`` a missing PostgreSQL or Redis fails it instead.
bench/two_servers.py runs the same set-up and prints figures.
"""

import os
import re
import urllib.parse
import uuid

import pytest

from tests import servers
from tests.cluster import (
    ARTICLE,
    SLUG,
    admin_action,
    logged_in,
    pages_of,
    post_load,
    query,
    seen_within_a_second,
    two_servers,
    warm,
)
from tests.servers import Visitor, wait_for

COMMENTS = 2000
CLIENTS = 8


def unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith("postgres"):
        pytest.skip(
            "runs in the PostgreSQL + Redis part of .ci/run (DATABASE_URL is not "
            "a PostgreSQL address)"
        )
    if not redis_url:
        unavailable("REDIS_URL is not set")
    import psycopg
    import redis

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).ping()
        psycopg.connect(database_url, connect_timeout=5).close()
    except (redis.RedisError, psycopg.OperationalError) as error:
        unavailable(f"PostgreSQL or Redis is not reachable: {error}")
    folder = tmp_path_factory.mktemp("two-servers")
    with two_servers(folder, database_url, redis_url) as running:
        yield running


def test_comments_posted_to_both_while_one_server_restarts_none_lost_or_doubled(
    cluster,
):
    load = post_load(cluster, COMMENTS, CLIENTS)

    outcomes, stored = load["outcomes"], load["stored"]
    assert not [o for o in outcomes if any(x.startswith("5") for x in o)]
    assert {attempts[-1] for attempts in outcomes} <= {"302", "duplicate"}
    assert len(stored) == COMMENTS  # none lost
    assert set(stored.values()) == {1}  # none doubled
    assert any(len(attempts) > 1 for attempts in outcomes)  # the restart was felt


def test_changes_made_on_a_reach_readers_of_b_within_a_second(cluster):
    a, b = cluster["a"], cluster["b"]
    staff = logged_in(a.base)
    Visitor(b.base).post_comment(SLUG, "Please remove this one.")
    (comment_id,) = query(
        cluster["database"],
        "SELECT id FROM comments_comment WHERE body = %s",
        "Please remove this one.",
    )[0]
    (article_id,) = query(
        cluster["database"], "SELECT id FROM routines_article WHERE slug = %s", SLUG
    )[0]

    warm(b.base, ARTICLE)
    admin_action(staff, "/admin/comments/comment/", "remove", comment_id)
    seen_within_a_second(
        b.base, ARTICLE, lambda s, body: "Please remove this one." not in body
    )

    warm(b.base, ARTICLE)
    admin_action(
        staff, "/admin/comments/articlediscussion/", "close_comments", article_id
    )
    seen_within_a_second(
        b.base, ARTICLE, lambda s, body: "Comments are closed." in body
    )

    warm(b.base, ARTICLE)
    admin_action(staff, "/admin/routines/article/", "unpublish", article_id)
    seen_within_a_second(b.base, ARTICLE, lambda s, body: s == 404)
    admin_action(staff, "/admin/routines/article/", "publish_now", article_id)
    seen_within_a_second(b.base, ARTICLE, lambda s, body: s == 200)


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for key, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for key, (filename, data, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_files_are_shared_through_s3(cluster):
    from tests.files import pdf_bytes

    a, b = cluster["a"], cluster["b"]
    s3 = cluster["s3"]
    staff = logged_in(a.base)
    _, _, form = staff.get("/admin/routines/handout/add/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    pdf = pdf_bytes(pages=3, text="Shared handout")
    body, content_type = multipart(
        {
            "csrfmiddlewaretoken": token,
            "title": "Shared handout",
            "slug": "shared-handout",
            "description": "",
            "language": "en",
            "section_508_checked_on": "",
        },
        {"file": ("shared.pdf", pdf, "application/pdf")},
    )
    status, _, _ = staff.request(
        "POST", "/admin/routines/handout/add/", body=body, content_type=content_type
    )
    assert status == 302
    # The editor features it on the public article (the admin's article form
    # is long; its many-to-many row is what that form would add).
    query(
        cluster["database"],
        "INSERT INTO routines_article_handouts (article_id, handout_id) "
        "SELECT a.id, h.id FROM routines_article a, routines_handout h "
        "WHERE a.slug = %s AND h.slug = 'shared-handout' RETURNING id",
        SLUG,
    )
    status, headers, _ = Visitor(b.base).get("/handouts/shared-handout.pdf")
    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket="site-uploads")["Contents"]}
    assert any(key.startswith("handouts/") and "shared" in key for key in keys)

    # A rendition asked for on B and the generated handout asked for on A are
    # made by the worker and written to S3.
    (picture,) = query(
        cluster["database"],
        "SELECT picture FROM routines_point WHERE picture <> '' ORDER BY id LIMIT 1",
    )[0]
    Visitor(b.base).get(f"/media/renditions/320/webp/{urllib.parse.quote(picture)}")
    (routine,) = query(
        cluster["database"],
        "SELECT r.slug FROM routines_routine r JOIN routines_article a "
        "ON a.featured_routine_id = r.id WHERE a.slug = %s",
        SLUG,
    )[0]
    Visitor(a.base).get(f"/routines/{routine}/handout.pdf")

    def listed() -> set[str]:
        contents = s3.list_objects_v2(Bucket="site-uploads")["Contents"]
        return {o["Key"] for o in contents}

    wait_for(lambda: f"renditions/320/{picture}.webp" in listed())
    wait_for(lambda: any(k.startswith("handouts/generated/") for k in listed()))
    status, headers, _ = Visitor(b.base).get(f"/routines/{routine}/handout.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf"


def test_backup_restores_the_same_site_into_an_empty_postgresql(cluster, tmp_path):
    a = cluster["a"]
    env = cluster["env"]
    archive = tmp_path / "site.tar.gz"
    servers.manage(env, "backup_site", str(archive))
    restored_env = {
        **env,
        "DATABASE_URL": cluster["restored"],
        "DJANGO_CACHE_PREFIX": env["DJANGO_CACHE_PREFIX"] + "-restored",
    }
    servers.manage(restored_env, "restore_site", str(archive), timeout=300)
    c = servers.Gunicorn(restored_env, cluster["folder"] / "c.log")
    cluster["started"].append(c)

    paths = ["/", "/articles/", ARTICLE, "/points/", "/feed/", "/sitemap.xml"]
    paths += [
        f"/handouts/{slug}.pdf"
        for (slug,) in query(cluster["database"], "SELECT slug FROM routines_handout")
    ]
    assert pages_of(c.base, paths) == pages_of(a.base, paths)
    count = "SELECT count(*), max(id) FROM comments_comment"
    assert query(cluster["restored"], count) == query(cluster["database"], count)
