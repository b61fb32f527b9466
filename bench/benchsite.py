"""What the benchmarks share: a fresh demo site on a temporary database, served
by gunicorn the production way (DEBUG off, WhiteNoise, 2 workers)."""

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ARTICLE = "/articles/acupressure-for-low-back-pain/"
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def run(cmd: list[str], env: dict, **kw) -> str:
    result = subprocess.run(
        cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False, **kw
    )
    if result.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(
        ["pgrep", "-P", str(master)], capture_output=True, text=True, check=False
    )
    return [int(p) for p in out.stdout.split()]


def postgres_database(name: str, action: str = "create") -> str:
    """Drop the database ``name`` and, with action "create", make it afresh."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if action == "create":
            conn.execute(f"CREATE DATABASE {name}")
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def site_env(tmp: Path, *, database_url: str, **overrides: str) -> dict[str, str]:
    """Production settings without TLS, uploads and static files under ``tmp``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "acupressure_site.settings",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_CACHE_LOCATION": str(tmp / "cache"),
        "DATABASE_URL": database_url,
        "COMMENTS_RATE_LIMIT": "100000000/s",
        "COMMENTS_CLOSE_AFTER_DAYS": "3650",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    env.update(overrides)
    return env


def set_up(env: dict) -> None:
    """Migrate, load the demo content and collect the static files."""
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
    run([PYTHON, "manage.py", "seed_demo", "--no-admin"], env)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)


def start_gunicorn(
    env: dict,
    port: int,
    cwd: Path = ROOT,
    app: str = "acupressure_site.wsgi",
    **popen: object,
) -> subprocess.Popen:
    """gunicorn with 2 workers serving the checkout at ``cwd`` (this one)."""
    return subprocess.Popen(
        [
            str(Path(PYTHON).with_name("gunicorn")),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--no-control-socket",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=cwd,
        **popen,
    )


def wait_until_up(port: int, proc: subprocess.Popen) -> None:
    """Wait until gunicorn answers, or stop if it exited or never answers."""
    url = f"http://127.0.0.1:{port}/robots.txt"
    for _ in range(150):
        if proc.poll() is not None:
            sys.exit("gunicorn exited while starting")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=5).close()
            return
        time.sleep(0.2)
    sys.exit("gunicorn did not answer")
