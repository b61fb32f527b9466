"""Write the whole site to one archive: the database as JSON and the media files.

``python manage.py backup_site site-2026-11-23.tar.gz``; ``restore_site`` reads
it back. Content types, permissions, sessions and login-lockout records are left
out: migrate recreates the first two, and the others are not worth keeping.
"""

import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DATABASE_NAME = "database.json"
MEDIA_NAME = "media"
# The task queue stays out too: a restored copy must not send its e-mail again.
EXCLUDED = [
    "contenttypes",
    "auth.Permission",
    "sessions",
    "axes",
    "django_tasks_database",
]


def regular_files_only(member: tarfile.TarInfo) -> tarfile.TarInfo | None:
    # A link in the media folder could point anywhere; restore refuses them.
    return member if member.isfile() or member.isdir() else None


class Command(BaseCommand):
    help = "Back up the database and the media files to one .tar.gz archive."

    def add_arguments(self, parser) -> None:
        parser.add_argument("output", help="The archive to write, e.g. site.tar.gz")

    def handle(self, *args, output: str, **options) -> None:
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        partial = target.with_name(f"{target.name}.partial")
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / DATABASE_NAME
            call_command(
                "dumpdata",
                format="backupjson",  # times to the microsecond
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
                use_base_manager=True,
                exclude=EXCLUDED,
                output=str(dump),
                verbosity=0,
            )
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(dump, arcname=DATABASE_NAME)
                media = Path(settings.MEDIA_ROOT)
                if media.is_dir():
                    archive.add(media, arcname=MEDIA_NAME, filter=regular_files_only)
        # Only a complete archive gets the name asked for.
        partial.replace(target)
        self.stdout.write(self.style.SUCCESS(f"Backed up the site to {target}."))
