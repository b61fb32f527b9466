"""Import a WordPress 6 export (WXR): posts as articles, approved comments.

    manage.py import_wxr export.xml --media uploads/ [--dry-run]

Everything happens in one transaction: a file that fails half-way changes
nothing, and ``--dry-run`` runs the whole import and then rolls it back,
printing what would change.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from comments.moderation import Policy
from comments.wordpress import import_comments
from routines import wordpress

MAX_BYTES = 200 * 1024 * 1024


class DryRun(Exception):
    """Raised at the end of a dry run to roll everything back."""


class Command(BaseCommand):
    help = "Import posts and approved comments from a WordPress export (WXR)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The WXR file WordPress exported.")
        parser.add_argument(
            "--media",
            type=Path,
            help="A local folder with the uploads (wp-content/uploads); no network.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; save none."
        )

    def handle(self, *args, file: Path, media: Path | None, dry_run: bool, **kw):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file} is larger than {MAX_BYTES // 2**20} MB.")
        if media is not None and not media.is_dir():
            raise CommandError(f"--media {media} is not a folder.")
        try:
            wxr = wordpress.parse(file.read_bytes())
        except wordpress.WxrError as exc:
            raise CommandError(f"{file}: {exc} Nothing was imported.") from exc
        policy = Policy.from_settings()
        try:
            with transaction.atomic():
                for post in wxr.posts:
                    result = wordpress.import_post(post, wxr, media=media)
                    self.report(
                        result,
                        import_comments(result.article, post.comments, policy=policy),
                    )
                if dry_run:
                    raise DryRun
        except DryRun:
            self.stdout.write("Dry run: nothing was saved.")
            return
        except Exception as exc:
            raise CommandError(
                f"{file}: the import failed ({exc}). Nothing was imported."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {len(wxr.posts)} post(s)."))

    def report(self, post, comments) -> None:
        article = post.article
        if post.created:
            verb = "create"
        elif post.changed:
            verb = f"update ({', '.join(post.changed)})"
        else:
            verb = "unchanged"
        self.stdout.write(
            f"{verb}: “{article.title}” /{article.slug}/ [{article.status}]; "
            f"comments: {comments.created} new, {comments.updated} updated, "
            f"{comments.redacted} with personal data removed"
        )
        for note in post.notes:
            self.stdout.write(f"  note: {note}")
