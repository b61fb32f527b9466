"""Comments under load, a worker killed: nothing lost, nothing stored twice.

Starts the site under gunicorn (2 workers) on a fresh database with the demo
content, then N concurrent clients post comments to the demo article. Each
client first GETs the article for a CSRF cookie and token, then posts its share
of comments; every body carries a unique id (``load-<client>-<n>``) so each post
can be traced to the rows stored.

With ``--kill-worker`` one gunicorn worker is killed with SIGKILL after about a
third of the posts (gunicorn starts a new one). A post whose connection fails
without an answer is *unacknowledged*: it may or may not have been stored.
Clients retry it with the same name and body after a short pause; the duplicate
rule (same name and body within the window is refused with 400 "already
posted") is what makes that retry safe. ``--kills N`` kills N workers, spread
over the middle of the load, to catch more posts in flight.

``--twins N`` then sends N comments twice at the same instant (a double click,
or a retry while the first attempt is still running): each must be stored once.

At the end the database is read directly and the script checks:

- no 5xx answer;
- every acknowledged post (302) is stored exactly once;
- no id is stored twice;
- each unacknowledged post is stored 0 or 1 times, and once if a retry was
  refused as a duplicate (the lost attempt is the one that stored it);
- nothing refused for any other reason was stored.

    .venv/bin/python bench/load.py --database sqlite
    .venv/bin/python bench/load.py --database postgres --kill-worker
    .venv/bin/python bench/load.py --database postgres --kill-worker --kills 15
    .venv/bin/python bench/load.py --database postgres --twins 100

Exit status 0 when every check passes, 1 otherwise. PostgreSQL is reached at
postgres://postgres@127.0.0.1:5432/postgres; the database ``acupressure_load``
is created for the run and dropped after it.
"""

import argparse
import collections
import contextlib
import html
import http.client
import json
import os
import random
import re
import shutil
import signal
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from benchsite import (
    PYTHON,
    postgres_database,
    run,
    set_up,
    site_env,
    start_gunicorn,
    wait_until_up,
    worker_pids,
)

SLUG = "acupressure-for-low-back-pain"
ARTICLE = f"/articles/{SLUG}/"
POST_PATH = ARTICLE + "comments/"
PG_LOAD_DB = "acupressure_load"
ERROR_PATTERN = re.compile(
    r'<div class="form-error" role="alert"[^>]*>\s*<p>(.*?)</p>', re.S
)
DUPLICATE = "already posted"

# Run with the site's own settings and environment: every row whose body carries
# this run's tag, grouped by the traced id.
COUNT_SCRIPT = r"""
import collections, json, re, sys
import django
django.setup()
from comments.models import Comment
tag = sys.argv[1]
rows = Comment.objects.filter(body__contains=tag).values_list("body", "status")
ids = collections.Counter()
statuses = collections.Counter()
for body, status in rows:
    match = re.search(r"load-\d+-\d+", body)
    ids[match.group(0) if match else "?"] += 1
    statuses[status] += 1
print(json.dumps({"ids": ids, "statuses": statuses,
    "all_load_rows": Comment.objects.filter(body__contains="load-").count()}))
"""


# Set-up helpers ---------------------------------------------------------------


def process_state(pid: int) -> str:
    """R running, S sleeping, ... (empty when the process is gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return ""


def request(
    port: int, method: str, path: str, body: str = "", headers: dict | None = None
) -> tuple[int, dict, bytes]:
    """One request on its own connection (gunicorn's sync workers close it)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


# The load ------------------------------------------------------------------


@dataclass
class Post:
    id: str
    attempts: list[str] = field(default_factory=list)  # "302", "400", "no answer: X"
    messages: list[str] = field(default_factory=list)
    seconds: float = 0.0  # of the answered attempt

    @property
    def final(self) -> str:
        return self.attempts[-1] if self.attempts else "not sent"

    @property
    def acknowledged(self) -> bool:
        return self.final == "302"

    @property
    def unacknowledged(self) -> bool:
        """Some attempt got no answer: it may or may not have been stored."""
        return any(a.startswith("no answer") for a in self.attempts)

    @property
    def refused_as_duplicate(self) -> bool:
        return any(DUPLICATE in m for m in self.messages)


class Load:
    def __init__(self, args: argparse.Namespace, port: int, tag: str) -> None:
        self.args = args
        self.port = port
        self.tag = tag
        self.posts: list[Post] = []
        self.lock = threading.Lock()
        self.done = 0
        self.setup_errors: list[str] = []

    def session(self) -> tuple[dict, str]:
        """Read the article and fetch a token as a reader's browser does (the
        cached page holds none): a CSRF cookie and the form's token."""
        status, _, _ = request(self.port, "GET", ARTICLE)
        if status != 200:
            raise RuntimeError(f"article page answered {status}")
        status, headers, answer = request(self.port, "GET", "/comments/token/")
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
        token = json.loads(answer).get("token") if status == 200 else None
        if not cookie or not token:
            raise RuntimeError(f"/comments/token/ answered {status} without a token")
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie.group(1)}",
            "Referer": f"http://127.0.0.1:{self.port}{ARTICLE}",
        }
        return headers, token

    def form(self, token: str, name: str, post_id: str) -> str:
        return urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "name": name,
                "email": "",
                "website": "",
                "parent": "",
                "body": f"Load test {self.tag} {post_id}: pressing BL 40 for "
                "two minutes eased my back.",
            }
        )

    def client(self, number: int, count: int, start: threading.Barrier) -> None:
        try:
            headers, token = self.session()
        except Exception as error:
            self.setup_errors.append(f"client {number}: {error!r}")
            start.abort()
            return
        name = f"Load reader {number:02d}"
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait()
        for n in range(count):
            post = Post(id=f"load-{number:02d}-{n:04d}")
            form = self.form(token, name, post.id)
            for attempt in range(self.args.retries + 1):
                began = time.perf_counter()
                try:
                    status, _, answer = request(
                        self.port, "POST", POST_PATH, form, headers
                    )
                except (OSError, http.client.HTTPException) as error:
                    post.attempts.append(f"no answer: {type(error).__name__}")
                    # A person would look at the error page for a moment before
                    # pressing the button again.
                    time.sleep(0.25 * (attempt + 1))
                    continue
                post.seconds = time.perf_counter() - began
                post.attempts.append(str(status))
                if status != 302:
                    message = ERROR_PATTERN.search(answer.decode(errors="replace"))
                    post.messages.append(
                        html.unescape(message.group(1)) if message else ""
                    )
                break
            with self.lock:
                self.posts.append(post)
                self.done += 1

    def twins(self, pairs: int) -> dict[str, list[str]]:
        """Send each of ``pairs`` comments twice at the same instant.

        A double click, or a retry sent while the first attempt is still being
        handled: the duplicate rule should store each comment once.
        """
        headers, token = self.session()
        answers: dict[str, list[str]] = {}
        for n in range(pairs):
            post_id = f"load-{self.args.clients:02d}-{n:04d}"
            form = self.form(token, "Load twin", post_id)
            answers[post_id] = []
            together = threading.Barrier(2)

            def send(
                post_id: str = post_id,
                form: str = form,
                together: threading.Barrier = together,
            ) -> None:
                together.wait()
                try:
                    status, _, _ = request(self.port, "POST", POST_PATH, form, headers)
                    answers[post_id].append(str(status))
                except (OSError, http.client.HTTPException) as error:
                    answers[post_id].append(f"no answer: {type(error).__name__}")

            threads = [threading.Thread(target=send) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        return answers

    def killer(self, master: int, finished: threading.Event, kills: list) -> None:
        """SIGKILL a worker after about a third of the posts; time its restart.

        With ``--kills N`` the kills are spread evenly over the middle of the
        load, each after the previous worker was replaced. A worker that is
        running (state R) is chosen when there is one within half a second: it
        is in the middle of a request, which is the case worth testing.
        """
        count = self.args.kills
        for k in range(count):
            at = self.args.comments * (k + 1) // (count + 2)
            while not finished.is_set() and self.done < at:
                time.sleep(0.005)
            if finished.is_set():
                return
            workers = worker_pids(master)
            victim, state = workers[0], "?"
            deadline = time.perf_counter() + 0.5
            while time.perf_counter() < deadline:
                states = {pid: process_state(pid) for pid in workers}
                running = [pid for pid, s in states.items() if s == "R"]
                if running:
                    victim, state = running[0], "R"
                    break
                time.sleep(0.001)
            else:
                state = process_state(victim)
            os.kill(victim, signal.SIGKILL)
            killed_at = time.perf_counter()
            kill = {"pid": victim, "state": state, "after_posts": self.done}
            kills.append(kill)
            while not finished.is_set():
                now = worker_pids(master)
                if len(now) == len(workers) and victim not in now:
                    kill["restart_seconds"] = time.perf_counter() - killed_at
                    break
                time.sleep(0.02)

    def run(self, master: int | None) -> tuple[float, list]:
        per_client = [
            self.args.comments // self.args.clients
            + (1 if i < self.args.comments % self.args.clients else 0)
            for i in range(self.args.clients)
        ]
        start = threading.Barrier(self.args.clients + 1)
        threads = [
            threading.Thread(target=self.client, args=(i, count, start))
            for i, count in enumerate(per_client)
        ]
        for thread in threads:
            thread.start()
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait()  # every client holds a token: the clock starts now
        began = time.perf_counter()
        finished = threading.Event()
        kills: list = []
        killer = None
        if master is not None:
            killer = threading.Thread(
                target=self.killer, args=(master, finished, kills)
            )
            killer.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        finished.set()
        if killer:
            killer.join()
        return elapsed, kills


# Checks --------------------------------------------------------------------


def check(
    posts: list[Post], twins: dict[str, list[str]], stored: collections.Counter
) -> tuple[dict, list[str]]:
    failures = []
    by_id = {post.id: post for post in posts}
    twins_twice = [i for i in twins if stored[i] > 1]
    for i in twins:
        if stored[i] != 1 or any(a.startswith("5") for a in twins[i]):
            failures.append(
                f"{i}: sent twice at once ({', '.join(twins[i])}), "
                f"stored {stored[i]} times"
            )
    five_xx = [p for p in posts if any(a.startswith("5") for a in p.attempts)]
    for post in five_xx:
        failures.append(f"{post.id}: 5xx answer ({', '.join(post.attempts)})")
    acknowledged = [p for p in posts if p.acknowledged]
    for post in acknowledged:
        if stored[post.id] != 1:
            failures.append(f"{post.id}: acknowledged, stored {stored[post.id]} times")
    twice = [i for i, n in stored.items() if n > 1]
    for i in twice:
        if i in by_id and not by_id[i].acknowledged:
            failures.append(f"{i}: stored {stored[i]} times")
    unknown = [i for i in stored if i not in by_id and i not in twins]
    for i in unknown:
        failures.append(f"{i}: stored but never posted")
    unacknowledged = [p for p in posts if p.unacknowledged]
    for post in unacknowledged:
        if post.refused_as_duplicate and stored[post.id] != 1:
            failures.append(
                f"{post.id}: retry refused as a duplicate, stored "
                f"{stored[post.id]} times"
            )
    refused = [p for p in posts if not p.acknowledged and not p.unacknowledged]
    for post in refused:
        if stored[post.id]:
            failures.append(f"{post.id}: refused ({post.final}) but stored")
    lost = [p for p in unacknowledged if p.final.startswith("no answer")]
    figures = {
        "posts": len(posts),
        "attempts": sum(len(p.attempts) for p in posts),
        "acknowledged": len(acknowledged),
        "stored": sum(n for i, n in stored.items() if i not in twins),
        "stored_total": sum(stored.values()),
        "duplicates": sum(n - 1 for i, n in stored.items() if n > 1 and i not in twins),
        "5xx": len(five_xx),
        "unacknowledged": len(unacknowledged),
        "unack_stored_by_lost_attempt": sum(
            1 for p in unacknowledged if p.refused_as_duplicate and stored[p.id] == 1
        ),
        "unack_stored_by_retry": sum(
            1 for p in unacknowledged if p.acknowledged and stored[p.id] == 1
        ),
        "unack_never_answered": len(lost),
        "unack_never_answered_stored": sum(1 for p in lost if stored[p.id]),
        "refused": len(refused),
        "twin_pairs": len(twins),
        "twin_pairs_stored_twice": len(twins_twice),
        "twin_answers": dict(
            collections.Counter(a for answers in twins.values() for a in answers)
        ),
        "answers": dict(
            collections.Counter(a for p in posts for a in p.attempts).most_common()
        ),
        "refusal_messages": dict(
            collections.Counter(m for p in posts for m in p.messages).most_common()
        ),
    }
    return figures, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--kill-worker", action="store_true")
    parser.add_argument(
        "--kills", type=int, default=1, help="with --kill-worker: how many kills"
    )
    parser.add_argument(
        "--twins",
        type=int,
        default=0,
        help="after the load, send this many comments twice at the same instant",
    )
    parser.add_argument("--retries", type=int, default=3, help="per unanswered post")
    parser.add_argument("--port", type=int, default=18947)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="acupressure-load-"))
    postgres = args.database == "postgres"
    env = site_env(
        tmp,
        database_url=postgres_database(PG_LOAD_DB)
        if postgres
        else f"sqlite:///{tmp / 'load.sqlite3'}",
        DJANGO_SECRET_KEY="load-" + "x" * 50,
        COMMENTS_DUPLICATE_WINDOW_MINUTES="60",
    )
    log = tmp / "gunicorn.log"
    try:
        print(f"setting up in {tmp} ...", file=sys.stderr)
        set_up(env)
        # Letters only: a run of hex digits is shaped like an identifier, and
        # the redactor's safety net would remove it.
        tag = "".join(random.SystemRandom().choices(string.ascii_lowercase, k=10))
        with log.open("w") as log_file:
            server = start_gunicorn(
                env, args.port, stdout=log_file, stderr=subprocess.STDOUT
            )
            try:
                wait_until_up(args.port, server)
                load = Load(args, args.port, tag)
                print(
                    f"{args.comments} posts from {args.clients} clients ...",
                    file=sys.stderr,
                )
                elapsed, kills = load.run(server.pid if args.kill_worker else None)
                twins = load.twins(args.twins) if args.twins else {}
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)
        if load.setup_errors:
            sys.exit("clients could not start:\n" + "\n".join(load.setup_errors))
        counted = json.loads(
            run([PYTHON, "-c", COUNT_SCRIPT, tag], env).strip().splitlines()[-1]
        )
    finally:
        if postgres:
            postgres_database(PG_LOAD_DB, "drop")

    stored = collections.Counter(counted["ids"])
    figures, failures = check(load.posts, twins, stored)
    if counted["all_load_rows"] != figures["stored_total"]:
        failures.append(
            f"{counted['all_load_rows']} rows contain 'load-', "
            f"{figures['stored_total']} carry this run's tag"
        )
    if args.kill_worker and len(kills) != args.kills:
        failures.append(f"{len(kills)} workers killed, {args.kills} asked for")
    for kill in kills:
        if "restart_seconds" not in kill:
            failures.append(f"gunicorn did not replace worker {kill['pid']}")
    latencies = sorted(p.seconds for p in load.posts if p.acknowledged)
    figures.update(
        database=args.database,
        kills=kills,
        seconds=elapsed,
        posts_per_second=figures["posts"] / elapsed,
        p50_ms=1000 * statistics.median(latencies) if latencies else None,
        p99_ms=1000 * latencies[int(0.99 * (len(latencies) - 1))]
        if latencies
        else None,
        statuses=counted["statuses"],
    )
    server_errors = [
        line
        for line in log.read_text().splitlines()
        if "Traceback" in line or "ERROR" in line or "WORKER TIMEOUT" in line
    ]

    print()
    if len(kills) > 2:
        kill_text = (
            f"{len(kills)} workers killed (states "
            + "".join(k["state"] for k in kills)
            + f") after {kills[0]['after_posts']} to {kills[-1]['after_posts']} "
            "posts, each replaced in <= "
            f"{max(k.get('restart_seconds', float('nan')) for k in kills):.2f} s"
        )
    else:
        kill_text = (
            "; ".join(
                f"worker {k['pid']} (state {k['state']}) killed after "
                f"{k['after_posts']} posts, replaced in "
                f"{k.get('restart_seconds', float('nan')):.2f} s"
                for k in kills
            )
            or "no worker killed"
        )
    print(f"{args.database}, {args.clients} clients, {kill_text}")
    print(
        f"{figures['posts']} posts ({figures['attempts']} attempts) in "
        f"{elapsed:.1f} s: {figures['posts_per_second']:.0f} posts/s, "
        f"p50 {figures['p50_ms']:.0f} ms, p99 {figures['p99_ms']:.0f} ms"
    )
    print()
    rows = [
        ("posts", figures["posts"]),
        ("acknowledged (302)", figures["acknowledged"]),
        ("stored", figures["stored"]),
        ("stored twice (duplicates)", figures["duplicates"]),
        ("5xx answers", figures["5xx"]),
        ("refused (4xx, final)", figures["refused"]),
        ("unacknowledged (an attempt got no answer)", figures["unacknowledged"]),
        (
            "  stored by the lost attempt, retry refused",
            figures["unack_stored_by_lost_attempt"],
        ),
        ("  stored by the retry (302)", figures["unack_stored_by_retry"]),
        ("  never answered", figures["unack_never_answered"]),
        ("  never answered, stored", figures["unack_never_answered_stored"]),
    ]
    width = max(len(label) for label, _ in rows)
    print(f"| {'check':<{width}} | count |")
    print(f"| {'-' * width} | ----: |")
    for label, value in rows:
        print(f"| {label:<{width}} | {value:>5} |")
    print()
    print("answers:", ", ".join(f"{k} x{v}" for k, v in figures["answers"].items()))
    if figures["refusal_messages"]:
        print("refusals:", figures["refusal_messages"])
    if twins:
        print(
            f"twins: {len(twins)} comments each sent twice at once, answered "
            + ", ".join(f"{k} x{v}" for k, v in figures["twin_answers"].items())
            + f"; {figures['twin_pairs_stored_twice']} stored twice"
        )
    print("stored statuses:", counted["statuses"])
    if server_errors:
        print("server log (SIGKILL lines are this script's kills):")
        print(*server_errors[:8], sep="\n")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))

    if failures:
        print(f"\nFAIL: {len(failures)} check(s) failed", file=sys.stderr)
        for failure in failures[:30]:
            print(f"  {failure}", file=sys.stderr)
        print(f"(server log kept in {log})", file=sys.stderr)
        sys.exit(1)
    print("\nOK: no 5xx; every acknowledged post stored once; no id stored twice")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
