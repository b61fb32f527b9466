"""The site served the production way in processes of its own, for tests that
need several workers or servers: gunicorn, the task worker, on a file database.

A demo site (migrated, demo content, static files collected) is built once per
run and copied for each test that asks for one.
"""

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(folder: Path, **overrides: str) -> dict[str, str]:
    """Production settings without TLS on a SQLite file, the default cache."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "PYTEST_", "COMMENTS_"))
        and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="acupressure_site.settings",
        DJANGO_SECRET_KEY="servers-" + "x" * 50,
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        DJANGO_STATIC_ROOT=str(folder / "static"),
        DJANGO_CACHE_LOCATION=str(folder / "cache"),
        DATABASE_URL=f"sqlite:///{folder / 'site.sqlite3'}",
        PYTHONPATH=str(ROOT),
    )
    env.update(overrides)
    return env


def manage(env: dict, *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def build_demo(folder: Path) -> None:
    env = site_env(folder)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "seed_demo", "--no-admin")
    manage(env, "collectstatic", "--no-input", "-v0")


def copy_demo(source: Path, folder: Path) -> None:
    for name in ("site.sqlite3", "media", "static"):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, folder / name)
        elif path.exists():
            shutil.copy(path, folder / name)


class Process:
    """A process of the site's, stopped (SIGTERM, then SIGKILL) at the end."""

    def __init__(self, command: list[str], env: dict, log: Path) -> None:
        self.log = log
        self.popen = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
        )

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


class Gunicorn(Process):
    def __init__(
        self, env: dict, log: Path, *, workers: int = 2, port: int | None = None
    ) -> None:
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        super().__init__(
            [
                GUNICORN,
                "acupressure_site.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--no-control-socket",
                "--log-level",
                "warning",
            ],
            env,
            log,
        )
        self.wait_until_up()

    def wait_until_up(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.popen.poll() is None, self.output()[-3000:]
            with contextlib.suppress(OSError):
                urllib.request.urlopen(self.base + "/robots.txt", timeout=5).close()  # noqa: S310
                return
            time.sleep(0.2)
        raise AssertionError("gunicorn did not answer:\n" + self.output()[-3000:])

    def worker_pids(self) -> list[int]:
        pid = self.popen.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(child) for child in children.split()]


def task_worker(env: dict, log: Path) -> Process:
    """``manage.py db_worker``, polling every 0.1 s."""
    return Process(
        [
            PYTHON,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.1",
        ],
        env,
        log,
    )


def wait_for(condition, *, seconds: float = 30, every: float = 0.1):
    """Poll ``condition`` until it returns something true; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        if value := condition():
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {seconds} s")
        time.sleep(every)


class Visitor:
    """One browser's worth of cookies; every request on a connection of its own
    (gunicorn's sync workers close it), so requests spread over the workers."""

    def __init__(self, base: str) -> None:
        self.host, port = base.removeprefix("http://").split(":")
        self.port = int(port)
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        data: dict | None = None,
        *,
        body: bytes | str | None = None,
        content_type: str = "",
    ) -> tuple[int, http.client.HTTPMessage, str]:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            body = urllib.parse.urlencode(data)
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.headers, text

    def get(self, path: str) -> tuple[int, http.client.HTTPMessage, str]:
        return self.request("GET", path)

    def fetch_token(self) -> None:
        """A CSRF cookie and token, as the comment form's script fetches them."""
        self.token = json.loads(self.get("/comments/token/")[2])["token"]

    def post(self, path: str, data: dict) -> tuple[int, http.client.HTTPMessage, str]:
        if not hasattr(self, "token"):
            self.fetch_token()
        return self.request("POST", path, {"csrfmiddlewaretoken": self.token, **data})

    def post_comment(self, slug: str, body: str, name: str = "Jim") -> int:
        status, _, _ = self.post(
            f"/articles/{slug}/comments/",
            {"name": name, "email": "", "body": body, "website": ""},
        )
        return status
