"""Count the CPU instructions one uncached article page costs, under callgrind.

CPU milliseconds change with whatever else the machine runs (here, other virtual
machines on the same host took up to a quarter of the CPU). Instructions do not:
callgrind counts the same total for the same code and data, loaded or not.

Sets up the demo content and N comments on a temporary SQLite file (the same set-up
as ``pages.py``), then runs the page in-process through Django's WSGI handler under
``valgrind --tool=callgrind`` twice: with 10 warm-up requests, and with 10 + R. The
difference divided by R is the cost of one request: handler, middleware, queries,
templates and the comment thread, without gunicorn's HTTP parsing.

    .venv/bin/python bench/instructions.py              # 200 comments, R=20
    .venv/bin/python bench/instructions.py --postgres   # PostgreSQL and Redis
    .venv/bin/python bench/instructions.py --repo /path/to/another/checkout

``--repo`` measures another checkout (an older commit, say) on the same data, so
two versions can be compared. ``--postgres`` puts the site on a PostgreSQL
database ``acupressure_instructions`` (created, then dropped) with Redis as its
cache, as ``pages.py --postgres --redis`` does: the count is then the worker's
side only (psycopg, not the server), and it leaves out the kernel's time in the
socket calls. Takes about two minutes (valgrind runs ~50x slower).
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchsite import ARTICLE, PYTHON, ROOT, postgres_database
from pages import demo_site, postgres_or_sqlite_env

PG_DB = "acupressure_instructions"

REQUESTS = r"""
import io, sys
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
app = WSGIHandler()
def call():
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": sys.argv[2],
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": "messages=bench", "QUERY_STRING": "", "SCRIPT_NAME": "",
        "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http"}
    status = []
    body = app(environ, lambda s, h: status.append(s))
    b"".join(body)
    body.close()
    assert status[0].startswith("200"), status
for _ in range(int(sys.argv[1])):
    call()
"""


def instructions(repo: Path, env: dict, requests: int) -> int:
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         PYTHON, "-c", REQUESTS, str(requests), ARTICLE],
        env={**env, "PYTHONPATH": str(repo)},
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    return int(re.search(r"Collected : (\d+)", out.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--repo", type=Path, default=ROOT)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed (Debian: apt-get install valgrind)")

    tmp = Path(tempfile.mkdtemp(prefix="acupressure-instructions-"))
    env = postgres_or_sqlite_env(tmp, PG_DB if args.postgres else None)
    facts = demo_site(env, args.comments)
    warm = instructions(args.repo, env, 10)
    total = instructions(args.repo, env, 10 + args.requests)
    per_request = (total - warm) / args.requests
    shutil.rmtree(tmp, ignore_errors=True)
    if args.postgres:
        postgres_database(PG_DB, "drop")
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"{args.repo}, {database}: uncached article page, "
        f"{facts['comments']} comments, {facts['queries']} queries: "
        f"{per_request / 1e6:.1f} M instructions per request "
        f"(callgrind, mean of {args.requests})"
    )


if __name__ == "__main__":
    main()
