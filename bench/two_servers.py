"""Two app servers on one PostgreSQL and Redis, uploads on S3 (moto): figures.

The set-up of tests/acupressure_site/test_two_servers.py (tests/cluster.py):
two gunicorns (2 workers each) on two ports, one task worker, moto's S3 server,
the demo content on a fresh PostgreSQL database. It then

- posts N comments alternately to both from C clients while server A is killed
  (SIGKILL, master and workers) a third of the way in and started again, each
  post retried with the same text until answered, and counts what is stored;
- makes three changes on A (a moderator removes a comment, closes the
  comments, unpublishes the article) and times how long until an anonymous
  reader of B, whose page was cached, sees each;
- runs backup_site, restore_site into an empty database, and compares every
  page and handout served from the restored copy with the original.

    .venv/bin/python bench/two_servers.py
    .venv/bin/python bench/two_servers.py --comments 5000 --clients 16

PostgreSQL at postgres://postgres@127.0.0.1:5432 and Redis at
redis://127.0.0.1:6379 (database 8) must be running.
"""

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import cluster as setup  # noqa: E402
from tests import servers  # noqa: E402
from tests.servers import Visitor  # noqa: E402


def propagation(cluster: dict) -> dict[str, float]:
    a, b = cluster["a"], cluster["b"]
    staff = setup.logged_in(a.base)
    Visitor(b.base).post_comment(setup.SLUG, "A comment to remove.")
    ((comment_id,),) = setup.query(
        cluster["database"],
        "SELECT id FROM comments_comment WHERE body = %s",
        "A comment to remove.",
    )
    ((article_id,),) = setup.query(
        cluster["database"],
        "SELECT id FROM routines_article WHERE slug = %s",
        setup.SLUG,
    )
    changes = [
        (
            "moderator removes a comment",
            "/admin/comments/comment/",
            "remove",
            comment_id,
            lambda s, body: "A comment to remove." not in body,
        ),
        (
            "comments closed",
            "/admin/comments/articlediscussion/",
            "close_comments",
            article_id,
            lambda s, body: "Comments are closed." in body,
        ),
        (
            "article unpublished",
            "/admin/routines/article/",
            "unpublish",
            article_id,
            lambda s, body: s == 404,
        ),
        (
            "article published again",
            "/admin/routines/article/",
            "publish_now",
            article_id,
            lambda s, body: s == 200,
        ),
    ]
    seconds = {}
    for label, changelist, action, pk, check in changes:
        setup.warm(b.base, setup.ARTICLE)
        start = time.monotonic()
        setup.admin_action(staff, changelist, action, pk)
        acted = time.monotonic()
        setup.seen_within_a_second(b.base, setup.ARTICLE, check)
        seconds[label] = (time.monotonic() - acted, acted - start)
    return seconds


def restore(cluster: dict, folder: Path) -> dict:
    env = cluster["env"]
    archive = folder / "site.tar.gz"
    start = time.monotonic()
    servers.manage(env, "backup_site", str(archive))
    backed_up = time.monotonic()
    restored_env = {
        **env,
        "DATABASE_URL": cluster["restored"],
        "DJANGO_CACHE_PREFIX": env["DJANGO_CACHE_PREFIX"] + "-restored",
    }
    servers.manage(restored_env, "restore_site", str(archive), timeout=300)
    restored = time.monotonic()
    c = servers.Gunicorn(restored_env, folder / "c.log")
    cluster["started"].append(c)
    paths = ["/", "/articles/", setup.ARTICLE, "/points/", "/feed/", "/sitemap.xml"]
    paths += [
        f"/handouts/{slug}.pdf"
        for (slug,) in setup.query(
            cluster["database"], "SELECT slug FROM routines_handout"
        )
    ]
    different = [
        path
        for path, page in setup.pages_of(cluster["a"].base, paths).items()
        if setup.pages_of(c.base, [path])[path] != page
    ]
    count = "SELECT count(*) FROM comments_comment"
    return {
        "backup_s": backed_up - start,
        "restore_s": restored - backed_up,
        "archive_kb": archive.stat().st_size / 1024,
        "pages": len(paths),
        "different": different,
        "comments": (
            setup.query(cluster["database"], count),
            setup.query(cluster["restored"], count),
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--database", default="postgres://postgres@127.0.0.1:5432/postgres"
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="acupressure-two-servers-"))
    print(
        "setting up PostgreSQL, Redis, moto, two gunicorns, a worker ...",
        file=sys.stderr,
    )
    with setup.two_servers(folder, args.database, args.redis) as cluster:
        load = setup.post_load(cluster, args.comments, args.clients)
        seconds = propagation(cluster)
        backup = restore(cluster, folder)

    outcomes = load["outcomes"]
    finals = dict(collections.Counter(attempts[-1] for attempts in outcomes))
    retried = sum(len(attempts) > 1 for attempts in outcomes)
    errors = sum(any(a.startswith("5") for a in o) for o in outcomes)
    stored = load["stored"]
    doubled = sum(v > 1 for v in stored.values())
    lost = args.comments - len(stored)
    rate = args.comments / load["seconds"]
    lines = [
        f"{args.comments} comments from {args.clients} clients to A and B in turn, "
        "A killed and restarted:",
        f"- {rate:.0f} posts/s over {load['seconds']:.1f} s; "
        f"A was down {load['down_seconds']:.1f} s",
        f"- answers: {finals}; {retried} posts needed a retry; {errors} 5xx",
        f"- stored: {len(stored)} distinct, {sum(stored.values())} rows, "
        f"{doubled} doubled, {lost} lost",
        "",
        "change made on A -> seen by an anonymous reader of B (page cached on B):",
    ]
    for label, (seen, took) in seconds.items():
        lines.append(
            f"- {label}: {seen * 1000:.0f} ms after A answered "
            f"(A took {took * 1000:.0f} ms)"
        )
    same = backup["pages"] - len(backup["different"])
    (before,), (after,) = backup["comments"][0][0], backup["comments"][1][0]
    lines += [
        "",
        f"backup_site {backup['backup_s']:.1f} s ({backup['archive_kb']:.0f} KB), "
        f"restore_site into an empty database {backup['restore_s']:.1f} s;",
        f"{same} of {backup['pages']} pages and handouts the same"
        + (f" (different: {backup['different']})" if backup["different"] else "")
        + f"; comments {before} -> {after}",
    ]
    print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
