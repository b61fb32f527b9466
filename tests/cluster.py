"""Two app servers (gunicorn on two ports) on one PostgreSQL and one Redis, with
uploads on moto's S3 server and a task worker: what tests/acupressure_site/
test_two_servers.py and bench/two_servers.py set up and do."""

import concurrent.futures
import contextlib
import os
import random
import re
import signal
import string
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from tests import servers
from tests.servers import Visitor, wait_for

SLUG = "acupressure-for-low-back-pain"
ARTICLE = f"/articles/{SLUG}/"
PASSWORD = "two-servers-admin-password"


def admin_url(database_url: str) -> str:
    return database_url.rsplit("/", 1)[0] + "/postgres"


@contextlib.contextmanager
def two_servers(folder: Path, database_url: str, redis_url: str):
    """Fresh PostgreSQL databases (the site's and an empty one to restore into),
    Redis database 8, moto's S3 with a bucket, the demo content, two gunicorns
    (2 workers each) and a task worker; everything is stopped and dropped after."""
    import boto3
    import psycopg
    import redis

    admin = psycopg.connect(admin_url(database_url), autocommit=True)
    name = f"two_servers_{uuid.uuid4().hex[:8]}"
    restored = f"{name}_restored"
    for db in (name, restored):
        admin.execute(f"CREATE DATABASE {db}")
    s3_port = servers.free_port()
    endpoint = f"http://127.0.0.1:{s3_port}"
    s3 = servers.Process(
        [servers.PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
        dict(os.environ),
        folder / "moto.log",
    )
    started = []
    try:
        wait_for(lambda: answers(endpoint), seconds=30)
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        ).create_bucket(Bucket="site-uploads")
        # Redis database 8: the suite itself empties the one it is given.
        site_redis = redis_url.rsplit("/", 1)[0] + "/8"
        redis.Redis.from_url(site_redis).flushdb()
        base_url = database_url.rsplit("/", 1)[0]
        settings = {
            "DATABASE_URL": f"{base_url}/{name}",
            "REDIS_URL": site_redis,
            "DJANGO_CACHE_PREFIX": name,
            "DJANGO_S3_BUCKET": "site-uploads",
            "DJANGO_S3_ENDPOINT_URL": endpoint,
            "DJANGO_S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "COMMENTS_RATE_LIMIT": "100000/m",
            "COMMENTS_CLOSE_AFTER_DAYS": "3650",
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        }
        env = servers.site_env(folder, **settings)
        servers.manage(env, "migrate", "--no-input", "-v0")
        servers.manage(env, "seed_demo", "--no-admin", timeout=300)
        servers.manage(env, "collectstatic", "--no-input", "-v0")
        servers.manage(
            env, "createsuperuser", "--no-input", "--username", "boss",
            "--email", "boss@example.org",
        )  # fmt: skip
        a = servers.Gunicorn(env, folder / "a.log")
        started.append(a)
        b = servers.Gunicorn(env, folder / "b.log")
        started.append(b)
        worker = servers.task_worker(env, folder / "worker.log")
        started.append(worker)
        yield {
            "a": a,
            "b": b,
            "env": env,
            "folder": folder,
            "started": started,
            "database": f"{base_url}/{name}",
            "restored": f"{base_url}/{restored}",
            "s3": boto3.client(
                "s3",
                endpoint_url=endpoint,
                region_name="us-east-1",
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            ),
        }
    finally:
        for process in reversed(started):
            process.stop()
        s3.stop()
        for db in (name, restored):
            admin.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
        admin.close()


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2).close()  # noqa: S310
    except OSError:
        return False
    return True


def query(database_url: str, sql: str, *params):
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute(sql, params).fetchall()


def logged_in(base: str) -> Visitor:
    staff = Visitor(base)
    _, _, form = staff.get("/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    status, _, _ = staff.request(
        "POST",
        "/admin/login/?next=/admin/",
        {"csrfmiddlewaretoken": token, "username": "boss", "password": PASSWORD},
    )
    assert status == 302
    return staff


def admin_action(staff: Visitor, changelist: str, action: str, pk: int) -> None:
    _, _, page = staff.get(changelist)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, _, _ = staff.request(
        "POST",
        changelist,
        {
            "csrfmiddlewaretoken": token,
            "action": action,
            "_selected_action": str(pk),
            "index": "0",
            "select_across": "0",
        },
    )
    assert status == 302, (changelist, action, status)


def seen_within_a_second(base: str, path: str, check) -> float:
    """Seconds until an anonymous reader of ``base`` sees it (fails after 1 s)."""
    start = time.monotonic()
    while True:
        status, _, body = Visitor(base).get(path)
        if check(status, body):
            return time.monotonic() - start
        assert time.monotonic() - start < 1.0, f"{path} not changed within 1 s"
        time.sleep(0.02)


def warm(base: str, path: str) -> None:
    """Fill both workers' copies of the page from the page cache."""
    for _ in range(6):
        Visitor(base).get(path)


# The load ---------------------------------------------------------------------


def post_until_answered(visitor: Visitor, body: str) -> list[str]:
    """POST one comment, retrying with the same text while the server is down;
    returns every attempt's outcome."""
    attempts = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            status, _, page = visitor.post(
                f"{ARTICLE}comments/",
                {"name": "Two servers", "email": "", "body": body, "website": ""},
            )
        except (ConnectionError, OSError) as error:
            attempts.append(f"no answer: {type(error).__name__}")
            time.sleep(0.2)
            continue
        if status == 400 and "already posted" in page:
            attempts.append("duplicate")
        else:
            attempts.append(str(status))
        return attempts
    attempts.append("gave up")
    return attempts


def post_load(cluster: dict, comments: int, clients: int) -> dict:
    """``comments`` posts, alternately to A and B from ``clients`` threads; a
    third of the way in, server A is killed (SIGKILL, master and workers) and
    started again on its port. Each post is retried with the same text until
    it is answered. Returns each post's attempts and the timings."""
    a = cluster["a"]
    # Letters only: hex digits are shaped like an identifier, and the
    # redactor's safety net would remove them.
    tag = "".join(random.SystemRandom().choices(string.ascii_lowercase, k=8))
    visitors = {
        name: [Visitor(cluster[name].base) for _ in range(clients)] for name in "ab"
    }
    timings = {}

    def post(n: int) -> list[str]:
        name = "ab"[n % 2]
        if n == comments // 3 and "killed" not in timings:
            timings["killed"] = time.monotonic()
            for pid in a.worker_pids():
                os.kill(pid, signal.SIGKILL)
            a.stop(signal.SIGKILL)
            time.sleep(1)
            cluster["a"] = servers.Gunicorn(cluster["env"], a.log, port=a.port)
            cluster["started"].append(cluster["a"])
            timings["back"] = time.monotonic()
        visitor = visitors[name][n % clients]
        return post_until_answered(visitor, f"Load {tag}-{n}: BL 40 helped.")

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=clients) as pool:
        outcomes = list(pool.map(post, range(comments)))
    seconds = time.monotonic() - start
    rows = query(
        cluster["database"],
        "SELECT body, count(*) FROM comments_comment WHERE body LIKE %s GROUP BY body",
        f"Load {tag}-%",
    )
    return {
        "outcomes": outcomes,
        "stored": dict(rows),
        "seconds": seconds,
        "down_seconds": timings["back"] - timings["killed"],
    }


SERVER = re.compile(r"http://127\.0\.0\.1:\d+")


def pages_of(base: str, paths: list[str]) -> dict[str, tuple[int, str]]:
    """Each page's status and text, with the servers' addresses taken out: the
    page cache is shared, so a page one server rendered (with its own address
    in absolute links) is what the other serves, as behind one host name."""
    out = {}
    for path in paths:
        status, _, body = Visitor(base).get(path)
        out[path] = (status, SERVER.sub("SITE", body))
    return out
