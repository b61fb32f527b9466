"""Compare two checkouts' uncached article page under gunicorn, side by side.

The host's speed changes from hour to hour (the same code measured 8.8 and 10.6
ms an hour apart), so two ``pages.py`` runs of two versions compare the hours as
much as the code. This runs both at once instead: one fresh database with the
demo content and N comments (SQLite, or PostgreSQL with Redis), a gunicorn with
2 workers for each checkout, and wrk against their uncached article page in
turn, A then B, then B then A, for R rounds. Each round gives each version's
worker CPU ms per request; the paired differences take out whatever the host
did during the run.

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/compare.py /tmp/before .
    .venv/bin/python bench/compare.py /tmp/before . --postgres --rounds 8

Both checkouts run on one database, migrated and filled by this checkout, and
serve the static files this checkout collected: compare versions with the same
migrations. Exit status 0, or 1 when a version answered anything but 200 (its
figures would measure an error page); the figures are for reading, not a gate.
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchsite import (
    ARTICLE,
    postgres_database,
    start_gunicorn,
    wait_until_up,
    worker_pids,
)
from pages import cpu_seconds, demo_site, postgres_or_sqlite_env, wrk

PG_COMPARE_DB = "acupressure_compare"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("a", type=Path, help="the checkout to compare against")
    parser.add_argument("b", type=Path, help="the checkout to measure")
    parser.add_argument("--postgres", action="store_true", help="and Redis")
    parser.add_argument("--comments", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=18941)
    args = parser.parse_args()
    repos = [args.a.resolve(), args.b.resolve()]

    tmp = Path(tempfile.mkdtemp(prefix="acupressure-compare-"))
    env = postgres_or_sqlite_env(tmp, PG_COMPARE_DB if args.postgres else None)
    print(f"setting up in {tmp} ...", file=sys.stderr)
    facts = demo_site(env, args.comments)

    servers = [
        start_gunicorn({**env, "PYTHONPATH": str(repo)}, args.port + i, cwd=repo)
        for i, repo in enumerate(repos)
    ]
    cpu_ms: list[list[float]] = [[], []]
    try:
        for i, server in enumerate(servers):
            wait_until_up(args.port + i, server)
        extra = ["-H", "Cookie: messages=bench"]  # the page cache steps aside
        urls = [f"http://127.0.0.1:{args.port + i}{ARTICLE}" for i in (0, 1)]
        for url in urls:
            wrk(url, 2, args.connections, extra)  # warm up
        for n in range(args.rounds):
            for i in (0, 1) if n % 2 == 0 else (1, 0):
                workers = worker_pids(servers[i].pid)
                before = cpu_seconds(workers)
                figures = wrk(urls[i], args.seconds, args.connections, extra)
                spent = cpu_seconds(workers) - before
                if figures["non_2xx_3xx"] or figures["socket_errors"]:
                    sys.exit(
                        f"{repos[i]} answered {figures['non_2xx_3xx']} errors "
                        f"({figures['socket_errors'] or 'no socket errors'})"
                    )
                cpu_ms[i].append(1000 * spent / max(figures["requests"], 1))
            print(f"round {n + 1}: A {cpu_ms[0][-1]:.2f} ms, B {cpu_ms[1][-1]:.2f} ms")
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.postgres:
            postgres_database(PG_COMPARE_DB, "drop")
        shutil.rmtree(tmp, ignore_errors=True)

    database = "PostgreSQL, Redis" if args.postgres else "SQLite"
    print(
        f"\n{database}, {facts['comments']} comments, uncached article page, "
        f"worker CPU ms per request over {args.rounds} rounds of {args.seconds} s"
    )
    for label, repo, figures in zip("AB", repos, cpu_ms, strict=True):
        print(
            f"{label} {repo}: median {statistics.median(figures):.2f}, "
            f"min {min(figures):.2f}, max {max(figures):.2f}"
        )
    differences = [b - a for a, b in zip(*cpu_ms, strict=True)]
    print(
        f"B - A, paired: median {statistics.median(differences):+.2f} ms "
        f"({statistics.median(differences) / statistics.median(cpu_ms[0]):+.0%}), "
        f"range {min(differences):+.2f} to {max(differences):+.2f}"
    )


if __name__ == "__main__":
    main()
