"""Shared page cache without Redis: the candidates side by side, in one run.

Each candidate is a Django cache backend that every gunicorn worker of one
machine can share. For each, the demo site (SQLite file, 200 comments) is
served by gunicorn with 2 workers and that cache, and wrk measures, in the same
run,

- the article page from the page cache and the same HTML as a static file
  (WhiteNoise, the same gunicorn): their ratio is the goal (>= 0.9);
- the article page just after every cached page was invalidated (each request
  bumps the version first, as a comment posted does): the miss path with its
  cache write;

and two processes increment one counter 2,000 times each through the backend
(what django-ratelimit does per post): an atomic backend ends at 4,000, a
get-then-set one loses counts, so a rate limit counted there lets more through.
Every candidate is served at once and measured in turn, round after round,
so a change in the machine's speed (other work on it) falls on all alike; the
median round is shown. Local memory and Redis are shown for reference: local
memory is per process (each worker its own pages and counters), Redis is the
several-machine setup.

    .venv/bin/python bench/cache_candidates.py
    .venv/bin/python bench/cache_candidates.py --seconds 10 --only diskcache,file

Load generator and server share the machine: compare within one run.
"""

import argparse
import json
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from benchsite import ARTICLE, PYTHON, run, site_env, start_gunicorn, wait_until_up
from pages import cpu_seconds, demo_site, fetch, worker_pids, wrk

REDIS_URL = "redis://127.0.0.1:6379/4"

CANDIDATES = {
    "diskcache": {"DJANGO_CACHE_BACKEND": "acupressure_site.cache.DiskCache"},
    # As diskcache ships it: closes its SQLite connections after each request.
    "diskcache-closing": {"DJANGO_CACHE_BACKEND": "diskcache.DjangoCache"},
    "file": {
        "DJANGO_CACHE_BACKEND": "django.core.cache.backends.filebased.FileBasedCache"
    },
    "database": {
        "DJANGO_CACHE_BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "DJANGO_CACHE_LOCATION": "page_cache",
    },
    "locmem": {
        "DJANGO_CACHE_BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "DJANGO_CACHE_LOCATION": "bench",
    },
    "redis": {"REDIS_URL": REDIS_URL},
}

# Two processes, one counter: how many of 4,000 increments survive.
COUNTER_SCRIPT = r"""
import multiprocessing, sys
import django
django.setup()
from django.core.cache import cache

def bump(n):
    from django.db import connections
    connections.close_all()
    for _ in range(n):
        try:
            cache.incr("bench:counter")
        except ValueError:
            cache.add("bench:counter", 0)
            cache.incr("bench:counter")

cache.delete("bench:counter")
cache.set("bench:counter", 0)
workers = [multiprocessing.Process(target=bump, args=(2000,)) for _ in range(2)]
for w in workers: w.start()
for w in workers: w.join()
print(cache.get("bench:counter"))
"""

# A middleware-free way to make every cached page stale before each request:
# wrk asks for /articles/...?bump=N and a tiny WSGI wrapper bumps the version.
BUMP_WSGI = r"""
from acupressure_site.wsgi import application as site
from acupressure_site.shared import pagecache

def application(environ, start_response):
    if environ.get("QUERY_STRING", "").startswith("bump"):
        pagecache.bump()
        environ["QUERY_STRING"] = ""
    return site(environ, start_response)
"""


def prepare(name: str, extra_env: dict, args, tmp: Path) -> dict:
    """The demo site for one candidate, in a folder of its own; its env."""
    work = tmp / name
    work.mkdir()
    # Set up with the default cache: manage.py's checks refuse the backends
    # that cannot count atomically (django-ratelimit's E003), gunicorn does not.
    setup_env = site_env(work, database_url=f"sqlite:///{work / 'bench.sqlite3'}")
    static_copy = work / "article.html"
    demo_site(setup_env, args.comments, static_copy)
    shutil.copy(static_copy, work / "static" / "bench-article.html")
    (work / "bumpwsgi.py").write_text(BUMP_WSGI)
    env = {**setup_env, "PAGE_CACHE_SECONDS": "600", **extra_env}
    env["PYTHONPATH"] = f"{work}:{env['PYTHONPATH']}"
    if name == "redis":
        env["DJANGO_CACHE_PREFIX"] = f"bench-candidates-{work.name}"
    if extra_env.get("DJANGO_CACHE_LOCATION") == "page_cache":
        run([PYTHON, "manage.py", "createcachetable"], env)
    return env


def serve(env: dict, port: int) -> subprocess.Popen:
    server = start_gunicorn(env, port, app="bumpwsgi:application")
    wait_until_up(port, server)
    base = f"http://127.0.0.1:{port}"
    states = {fetch(base + ARTICLE)[1].get("X-Page-Cache") for _ in range(8)}
    assert "hit" in states, states
    return server


def measure(url: str, workers: list[int], args) -> dict:
    before = cpu_seconds(workers)
    figures = wrk(url, args.seconds, args.connections, [])
    figures["cpu_ms"] = (
        1000 * (cpu_seconds(workers) - before) / max(figures["requests"], 1)
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--port", type=int, default=18951)
    parser.add_argument("--only", default=",".join(CANDIDATES))
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="acupressure-candidates-"))
    names = args.only.split(",")
    servers: dict[str, subprocess.Popen] = {}
    rounds: dict[str, list[dict]] = {name: [] for name in names}
    counters = {}
    try:
        for n, name in enumerate(names):
            print(f"setting up {name} ...", file=sys.stderr)
            env = prepare(name, CANDIDATES[name], args, tmp)
            counters[name] = int(run([PYTHON, "-c", COUNTER_SCRIPT], env).split()[-1])
            servers[name] = serve(env, args.port + n)
        # Every candidate is measured in each round, cached then static, so a
        # change in the machine's speed falls on all of them alike.
        for r in range(args.rounds):
            for n, name in enumerate(names):
                print(f"round {r + 1}: {name}", file=sys.stderr)
                base = f"http://127.0.0.1:{args.port + n}"
                workers = worker_pids(servers[name].pid)
                wrk(base + ARTICLE, 1, args.connections, [])  # warm up
                rounds[name].append(
                    {
                        "cached": measure(base + ARTICLE, workers, args),
                        "static": measure(
                            base + "/static/bench-article.html", workers, args
                        ),
                        "after a bump": measure(base + ARTICLE + "?bump", workers, args)
                        if r == 0
                        else None,
                    }
                )
    finally:
        for server in servers.values():
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    figures = {}
    for name, measured in rounds.items():
        ratios = sorted(m["cached"]["rps"] / m["static"]["rps"] for m in measured)
        middle = sorted(
            measured, key=lambda m: m["cached"]["rps"] / m["static"]["rps"]
        )[len(measured) // 2]
        figures[name] = {
            "cached": middle["cached"],
            "static": middle["static"],
            "after a bump": measured[0]["after a bump"],
            "ratios": ratios,
            "counter": counters[name],
        }

    print(
        "\n| cache | cached req/s | static req/s | cached/static (median; all rounds)"
        " | CPU ms/hit | after a bump req/s | CPU ms/miss | counter of 4,000 |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in figures.items():
        ratios = ", ".join(f"{x:.2f}" for x in r["ratios"])
        median = r["cached"]["rps"] / r["static"]["rps"]
        print(
            f"| {name} | {r['cached']['rps']:,.0f} | {r['static']['rps']:,.0f} | "
            f"{median:.2f} ({ratios}) | {r['cached']['cpu_ms']:.2f} | "
            f"{r['after a bump']['rps']:,.0f} | {r['after a bump']['cpu_ms']:.2f} | "
            f"{r['counter']:,} |"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
