"""Benchmark the site under gunicorn: pages, cache, static ceiling, comment posts.

Starts the site under gunicorn (2 workers) on a fresh database with the demo
content and N comments, then runs wrk against

- the article page uncached (a ``messages`` cookie makes the page cache step
  aside, as it does for a reader who was just told something),
- the same page from the page cache,
- the same HTML saved as a static file and served by WhiteNoise in the same
  gunicorn (the ceiling the cached page is compared with),
- comment posts (each with its own text, so none is refused as a duplicate),

and prints req/s, p50, p99, server CPU ms per request and queries per request,
the cached/static ratio, the posts stored (each accepted post exactly once), and
the workers' resident memory after all requests.

    .venv/bin/python bench/pages.py                      # SQLite, local memory
    .venv/bin/python bench/pages.py --postgres --redis   # PostgreSQL and Redis

Load generator and server share the machine, so compare figures within one run.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from benchsite import (
    ARTICLE,
    PYTHON,
    postgres_database,
    run,
    set_up,
    site_env,
    start_gunicorn,
    wait_until_up,
    worker_pids,
)

PG_BENCH_DB = "acupressure_bench"
CLK_TCK = os.sysconf("SC_CLK_TCK")

POST_LUA = r"""
counter = 0
request = function()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=TOKEN&name=Bench+reader&email=&website=" ..
    "&body=Bench+comment+" .. id .. "-" .. counter .. "+pressing+BL+40+helped."
  return wrk.format("POST", "PATH", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=COOKIE",
    ["Referer"] = "BASE",
  }, body)
end
setup = function(thread)
  thread:set("id", tostring(math.random(1, 1000000000)))
end
accepted = 0
response = function(status, headers, body)
  if status == 302 then accepted = accepted + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("ERRORS %d %d %d %d %d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
"""

SETUP_SCRIPT = r"""
import json, sys
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from comments.models import Comment, Status
from routines.models import Article

article = Article.objects.get(slug="acupressure-for-low-back-pain")
n = int(sys.argv[1])
Comment.objects.filter(article=article).delete()
rows = []
for i in range(n):
    rows.append(Comment(article=article, author_name=f"Reader {i}",
        body=f"Comment {i}: the hand points helped.\nSecond line.",
        fingerprint=f"bench-{i}", status=Status.APPROVED))
Comment.objects.bulk_create(rows)
top = list(Comment.objects.filter(article=article).order_by("pk")[: n // 3])
for parent in top[::2]:
    Comment.objects.create(article=article, parent=parent, depth=1,
        author_name="Reply", body="A reply.", fingerprint=f"r-{parent.pk}",
        status=Status.APPROVED)
client = Client(HTTP_HOST="127.0.0.1")
with CaptureQueriesContext(connection) as queries:
    response = client.get(sys.argv[2], HTTP_COOKIE="messages=bench")
assert response.status_code == 200, response.status_code
html = response.content.decode()
out = sys.argv[3]
with open(out, "w") as f:
    f.write(html)
print(json.dumps({"queries": len(queries), "bytes": len(html),
    "comments": Comment.objects.filter(article=article).count()}))
"""

REDIS_BENCH_URL = "redis://127.0.0.1:6379/3"


def demo_site(env: dict, comments: int, html: Path | str = "/dev/null") -> dict:
    """Migrate, load the demo content and ``comments`` comments (a third of them
    with a reply), save the uncached article page to ``html``; return its facts
    (queries, bytes, comments)."""
    set_up(env)
    out = run([PYTHON, "-c", SETUP_SCRIPT, str(comments), ARTICLE, str(html)], env)
    return json.loads(out.strip().splitlines()[-1])


def postgres_or_sqlite_env(tmp: Path, postgres_name: str | None) -> dict:
    """The site on PostgreSQL (database ``postgres_name``, made afresh) with Redis,
    or, without a name, on a temporary SQLite file with the local-memory cache."""
    if postgres_name:
        return site_env(
            tmp,
            database_url=postgres_database(postgres_name),
            REDIS_URL=REDIS_BENCH_URL,
        )
    return site_env(tmp, database_url=f"sqlite:///{tmp / 'bench.sqlite3'}")


COUNT_SCRIPT = r"""
import django, json
django.setup()
from django.db.models import Count
from comments.models import Comment
dupes = (Comment.objects.filter(author_name="Bench reader").values("body")
    .annotate(n=Count("pk")).filter(n__gt=1).count())
print(json.dumps({"stored": Comment.objects.filter(author_name="Bench reader").count(),
    "duplicates": dupes}))
"""


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(FileNotFoundError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / CLK_TCK


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def parse_latency(text: str, label: str) -> float:
    match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
    if not match:
        return float("nan")
    value, unit = float(match.group(1)), match.group(2)
    return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url: str, seconds: int, connections: int, extra: list[str]) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"ERRORS (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": parse_latency(out, "50"),
        "p99": parse_latency(out, "99"),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "lua_errors": errors.groups() if errors else None,
    }


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--redis", action="store_true")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--post-seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=18931)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="acupressure-bench-"))
    env = site_env(
        tmp,
        database_url=postgres_database(PG_BENCH_DB)
        if args.postgres
        else f"sqlite:///{tmp / 'bench.sqlite3'}",
        PAGE_CACHE_SECONDS="600",
    )
    if args.redis:
        env["REDIS_URL"] = REDIS_BENCH_URL
        env["DJANGO_CACHE_PREFIX"] = f"bench{os.getpid()}"

    print(f"setting up in {tmp} ...", file=sys.stderr)
    static_copy = tmp / "article.html"
    facts = demo_site(env, args.comments, static_copy)
    shutil.copy(static_copy, tmp / "static" / "bench-article.html")

    base = f"http://127.0.0.1:{args.port}"
    server = start_gunicorn(env, args.port)
    try:
        wait_until_up(args.port, server)
        workers = worker_pids(server.pid)
        results = {}
        targets = {
            "uncached page": (base + ARTICLE, ["-H", "Cookie: messages=bench"]),
            "cached page": (base + ARTICLE, []),
            "static copy": (base + "/static/bench-article.html", []),
        }
        states = {fetch(base + ARTICLE)[1].get("X-Page-Cache") for _ in range(8)}
        assert "hit" in states, states  # each worker's cache is filled
        for name, (url, extra) in targets.items():
            wrk(url, 2, args.connections, extra)  # warm up
            before = cpu_seconds(workers)
            figures = wrk(url, args.seconds, args.connections, extra)
            cpu = cpu_seconds(workers) - before
            figures["cpu_ms"] = 1000 * cpu / max(figures["requests"], 1)
            results[name] = figures

        # Comment posts: a token from a real page, every body unique.
        _, headers, body = fetch(base + ARTICLE, {"Cookie": "messages=bench"})
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        lua = (
            POST_LUA.replace("TOKEN", token.group(1).decode())
            .replace("COOKIE", cookie.group(1))
            .replace("PATH", ARTICLE + "comments/")
            .replace("BASE", base + ARTICLE)
        )
        script = tmp / "post.lua"
        script.write_text(lua)
        before = cpu_seconds(workers)
        figures = wrk(
            base + ARTICLE + "comments/",
            args.post_seconds,
            args.connections,
            ["-s", str(script)],
        )
        figures["cpu_ms"] = (
            1000 * (cpu_seconds(workers) - before) / max(figures["requests"], 1)
        )
        results["comment POST"] = figures
        total_requests = sum(r["requests"] for r in results.values())
        memory = {pid: rss_mib(pid) for pid in workers}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    counted = json.loads(
        run([PYTHON, "-c", COUNT_SCRIPT], env).strip().splitlines()[-1]
    )
    database = "PostgreSQL" if args.postgres else "SQLite"
    cache = "Redis" if args.redis else "local memory"
    print(f"\n{database}, {cache} cache, {facts['comments']} comments on the page, ")
    print(f"page {facts['bytes']:,} bytes, {facts['queries']} queries uncached\n")
    print(f"| {'target':<14} | req/s | p50 ms | p99 ms | CPU ms/req | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        errors = r["non_2xx_3xx"] if name != "comment POST" else 0
        print(
            f"| {name:<14} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} "
            f"| {r['cpu_ms']:.2f} | {errors} {r['socket_errors']} |"
        )
    ratio = results["cached page"]["rps"] / results["static copy"]["rps"]
    posts = results["comment POST"]
    accepted = posts["requests"] - posts["non_2xx_3xx"]
    print(f"\ncached page / static copy throughput: {ratio:.0%} (target >= 90%)")
    # A post still in flight when wrk stops may be stored without wrk counting
    # its answer: stored may exceed answered by at most the open connections.
    in_flight = counted["stored"] - accepted
    print(
        f"comment posts: {posts['rps']:.0f}/s for {args.post_seconds} s; "
        f"{accepted} answered 302, {counted['stored']} stored "
        f"({in_flight} answered after wrk stopped), "
        f"{counted['duplicates']} stored twice, {posts['non_2xx_3xx']} refused"
    )
    print(
        f"worker memory after {total_requests:,} requests: "
        + ", ".join(f"{mib:.1f} MiB" for mib in memory.values())
        + " (target < 80 MiB)"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "facts": facts,
                    "results": results,
                    "ratio": ratio,
                    "posts": counted,
                    "memory_mib": list(memory.values()),
                },
                indent=2,
            )
        )
    shutil.rmtree(tmp, ignore_errors=True)
    ok = (
        ratio >= 0.7
        and 0 <= counted["stored"] - accepted <= args.connections
        and counted["duplicates"] == 0
        and all(m < 80 for m in memory.values())
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
