"""Restore an archive written by ``backup_site``: database and media files.

``python manage.py restore_site site.tar.gz`` migrates the database, loads the
data and puts the files back in MEDIA_ROOT. It refuses to run on a database that
already has content; ``--force`` empties the database first and then restores.
Every archive member is checked before anything is written: only
``database.json`` and plain files and folders under ``media/``, no absolute
paths, no "..", no links.
"""

import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .backup_site import DATABASE_NAME, MEDIA_NAME

# Rows that exist on a freshly migrated database, so they are not "content".
NOT_CONTENT = {"contenttypes", "sessions", "axes", "admin"}
NOT_CONTENT_MODELS = {"auth.permission", "auth.group"}


def seeded_models() -> list:
    """Models whose rows a migration seeds (BACKUP_SEEDED_MODELS): the
    archive's rows replace the seed, so what an editor deleted stays deleted."""
    return [apps.get_model(label) for label in settings.BACKUP_SEEDED_MODELS]


def check_member(member: tarfile.TarInfo) -> None:
    path = PurePosixPath(member.name)
    if path.is_absolute() or "\\" in member.name or ".." in path.parts:
        raise CommandError(f"Unsafe path in the archive: {member.name!r}.")
    if not (member.isfile() or member.isdir()):
        raise CommandError(f"The archive holds a link or device: {member.name!r}.")
    if member.name != DATABASE_NAME and path.parts[0] != MEDIA_NAME:
        raise CommandError(f"Unexpected file in the archive: {member.name!r}.")


def has_content() -> bool:
    return any(
        model.objects.exists()
        for model in apps.get_models()
        if model._meta.app_label not in NOT_CONTENT
        and model._meta.label_lower not in NOT_CONTENT_MODELS
        and model not in seeded_models()
    )


class Command(BaseCommand):
    help = "Restore the database and media files from a backup_site archive."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", help="An archive written by backup_site")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Empty a database that already has content, then restore.",
        )

    def handle(self, *args, archive: str, force: bool, **options) -> None:
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"There is no archive at {path}.")
        try:
            with tarfile.open(path, "r:gz") as tar:
                self.restore(tar, force=force)
        except (tarfile.TarError, OSError, EOFError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored the site from {path}."))

    def restore(self, tar: tarfile.TarFile, *, force: bool) -> None:
        members = tar.getmembers()
        for member in members:
            check_member(member)
        if DATABASE_NAME not in {member.name for member in members}:
            raise CommandError(f"The archive has no {DATABASE_NAME}.")

        call_command("migrate", interactive=False, verbosity=0)
        if has_content():
            if not force:
                raise CommandError(
                    "The database already has content. Restore into an empty "
                    "database, or add --force to replace everything in it."
                )
            call_command("flush", interactive=False, verbosity=0)

        with tempfile.TemporaryDirectory() as folder:
            tar.extract(DATABASE_NAME, path=folder, filter="data")
            with transaction.atomic():
                for model in seeded_models():
                    model.objects.all().delete()
                call_command("loaddata", str(Path(folder) / DATABASE_NAME), verbosity=0)

        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        for member in members:
            if member.name == DATABASE_NAME:
                continue
            relative = PurePosixPath(member.name).relative_to(MEDIA_NAME)
            if not relative.parts:
                continue
            tar.extract(
                member.replace(name=str(relative), deep=False),
                path=media_root,
                filter="data",
            )
