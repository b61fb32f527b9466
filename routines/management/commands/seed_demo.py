"""Load the demo content: topics, 8 points with pictures, a routine, two articles
with handouts, their discussion, and (in development) a local admin user.

The content is data, as in wagtail's bakerydemo: each installed app's
``fixtures/demo.json`` (the content here, the discussion in ``comments``) and
the files they name, kept under ``routines/demo/media/`` (docs/content.md).
This command knows no app but its own: it loads whatever demo fixtures the
installed apps have.

The fixtures' dates are written as if it were ``FIXTURE_NOW``; loading moves
them by the time since, so the demo article is always three days old and its
discussion recent.

Idempotent: running it again resets the demo rows (the fixtures' primary keys)
to the fixtures, keeps what the fixtures leave out (the routine's handout, built
on demand) and leaves files that have not changed alone, so ``make run`` can
call it every time. Rows added in the admin are kept.
"""

import datetime
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.utils import timezone

FIXTURE = "demo.json"
FIXTURE_NOW = datetime.datetime(2026, 1, 1, 12, 0, tzinfo=datetime.UTC)
MEDIA = Path(__file__).resolve().parents[2] / "demo" / "media"
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "admin"  # noqa: S105 (local development only, see README)


def demo_fixtures() -> list[Path]:
    """Every installed app's demo fixture, in ``INSTALLED_APPS`` order."""
    paths = (Path(app.path) / "fixtures" / FIXTURE for app in apps.get_app_configs())
    return [path for path in paths if path.exists()]


def fixture_rows(paths: list[Path]) -> list[tuple[type[models.Model], dict]]:
    """The rows with a primary key (not those found by a natural key)."""
    rows = []
    for path in paths:
        for entry in json.loads(path.read_text()):
            if "pk" in entry:
                rows.append((apps.get_model(entry["model"]), entry))
    return rows


def copy_media(storage=default_storage) -> tuple[int, int]:
    """Store each demo file under its own name unless the same bytes are there.

    Returns how many files were written and how many were already in place.
    """
    written = unchanged = 0
    for path in sorted(p for p in MEDIA.rglob("*") if p.is_file()):
        name = path.relative_to(MEDIA).as_posix()
        data = path.read_bytes()
        if storage.exists(name):
            with storage.open(name, "rb") as existing:
                if existing.read() == data:
                    unchanged += 1
                    continue
            storage.delete(name)
        stored = storage.save(name, ContentFile(data))
        if stored != name:
            raise RuntimeError(f"{name} was stored as {stored}")
        written += 1
    return written, unchanged


def left_out(rows: list[tuple[type[models.Model], dict]]) -> list[tuple]:
    """The values the fixtures leave out, of the rows that exist already."""
    kept = []
    for model, entry in rows:
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if not field.primary_key and field.name not in entry["fields"]
        ]
        if names:
            values = model._base_manager.filter(pk=entry["pk"]).values(*names).first()
            if values:
                kept.append((model, entry["pk"], values))
    return kept


def move_dates(
    rows: list[tuple[type[models.Model], dict]], now: datetime.datetime
) -> None:
    """Move every date in the loaded rows by the time since ``FIXTURE_NOW``."""
    shift = now - FIXTURE_NOW
    days = datetime.timedelta(days=(now.date() - FIXTURE_NOW.date()).days)
    for model, entry in rows:
        values = {}
        for field in model._meta.concrete_fields:
            written = entry["fields"].get(field.name)
            if written is None:
                continue
            if isinstance(field, models.DateTimeField):
                values[field.attname] = field.to_python(written) + shift
            elif isinstance(field, models.DateField):
                values[field.attname] = field.to_python(written) + days
        if values:
            model._base_manager.filter(pk=entry["pk"]).update(**values)


class Command(BaseCommand):
    help = "Create or update the demo content (safe to run more than once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-admin",
            action="store_true",
            help="Do not create the local admin user.",
        )

    def log(self, message: str) -> None:
        self.stdout.write(message)

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        written, unchanged = copy_media()
        self.log(f"Media files: {written} written, {unchanged} unchanged")
        fixtures = demo_fixtures()
        rows = fixture_rows(fixtures)
        kept = left_out(rows)
        call_command("loaddata", *map(str, fixtures), verbosity=0)
        for model, pk, values in kept:
            model._base_manager.filter(pk=pk).update(**values)
        move_dates(rows, timezone.now())
        for path in fixtures:
            self.log(f"Loaded {path.relative_to(settings.BASE_DIR)}")
        if not options["no_admin"]:
            self.seed_admin()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def seed_admin(self) -> None:
        if not settings.DEBUG:
            self.log(
                "Admin user skipped: DEBUG is off (create one with createsuperuser)."
            )
            return
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=ADMIN_USERNAME,
            defaults={
                "email": "admin@localhost",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        if created:
            user.set_password(ADMIN_PASSWORD)
            user.save()
        self.log(
            f"Admin user {ADMIN_USERNAME!r} "
            f"{'created' if created else 'already exists'} "
            f"(password {ADMIN_PASSWORD!r}, local development only)"
        )
