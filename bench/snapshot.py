"""Save every public page of a freshly seeded demo site, to show what a change
does to what readers see.

    git archive <commit> | tar -x -C /tmp/before
    .venv/bin/python bench/snapshot.py /tmp/snap-before --repo /tmp/before
    .venv/bin/python bench/snapshot.py /tmp/snap-after
    diff -ru /tmp/snap-before /tmp/snap-after

It seeds the demo (``migrate``, ``seed_demo``, as ``make run`` does) on a
temporary SQLite file and media folder, then fetches each page with the test
client: home, article list, topics, articles, point library and points,
routines, search, feed, sitemap, robots.txt, and the handouts' bytes, plus a
hash of every stored media file. The clock stands still at one instant for the
whole run (the demo's dates are relative to seeding) and the CSRF token is
blanked, so two runs of one version write the same files.
"""

import argparse
import datetime
import hashlib
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANT = datetime.datetime(2026, 12, 4, 12, 0, tzinfo=datetime.UTC)
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
SEARCHES = ("", "back", "LI 4", "posture", "nothing-matches-this")


def pages() -> list[str]:
    from routines.models import Article, Handout, Point, Routine, Topic

    paths = ["/", "/articles/", "/points/", "/feed/", "/sitemap.xml", "/robots.txt"]
    for model in (Article, Topic, Point, Routine):
        paths += [obj.get_absolute_url() for obj in model.objects.order_by("pk")]
    paths += [f"/routines/{r.slug}/handout.pdf" for r in Routine.objects.all()]
    paths += [h.get_absolute_url() for h in Handout.objects.order_by("pk")]
    paths += [f"/search/?q={query}" for query in SEARCHES]
    return paths


def file_name(path: str) -> str:
    name = re.sub(r"[^A-Za-z0-9.]+", "_", path.strip("/")) or "home"
    return name if "." in name.rsplit("_", 1)[-1] else name + ".html"


def snapshot(out: Path) -> None:
    from django.core.files.storage import default_storage
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", "--no-admin", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    out.mkdir(parents=True, exist_ok=True)
    for path in pages():
        response = client.get(path)
        body = b"".join(response) if response.streaming else response.content
        body = TOKEN.sub(rb"\g<1>\g<2>", body)
        (out / file_name(path)).write_bytes(f"{response.status_code}\n".encode() + body)
    lines = []
    for folder in sorted({"", *_folders(default_storage, "")}):
        for name in sorted(default_storage.listdir(folder)[1]):
            full = f"{folder}/{name}" if folder else name
            with default_storage.open(full, "rb") as file:
                lines.append(f"{hashlib.sha256(file.read()).hexdigest()}  {full}")
    (out / "media.sha256").write_text("\n".join(lines) + "\n")
    print(f"{len(pages())} pages and {len(lines)} media files in {out}")


def _folders(storage, folder: str) -> list[str]:
    found = []
    for name in storage.listdir(folder)[0]:
        sub = f"{folder}/{name}" if folder else name
        found += [sub, *_folders(storage, sub)]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="a folder for the pages")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the checkout")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="acupressure-snapshot-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="acupressure_site.settings",
        DJANGO_SECRET_KEY="snapshot-" + "x" * 50,
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        PAGE_CACHE_SECONDS="0",
    )
    os.environ.pop("REDIS_URL", None)
    repo = args.repo.resolve()
    sys.path.insert(0, str(repo))
    os.chdir(repo)

    import django
    import time_machine
    from django.conf import settings

    with time_machine.travel(INSTANT, tick=False):
        django.setup()
        # Static names as in the tests: no collectstatic needed.
        settings.STORAGES["staticfiles"] = {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        }
        try:
            snapshot(args.out.resolve())
        finally:
            shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
