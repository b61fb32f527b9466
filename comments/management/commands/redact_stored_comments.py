"""manage.py redact_stored_comments [--dry-run]: re-redact stored comments."""

from django.core.management.base import BaseCommand

from comments.rescan import redact_stored


class Command(BaseCommand):
    help = (
        "Run the current redactor over every stored comment's name and body, "
        "record each change in the moderation log and clear cached pages. "
        "--dry-run only counts, by kind; no text is printed either way."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be removed, by kind; change nothing.",
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        result = redact_stored(dry_run=dry_run)
        verb = "would change" if dry_run else "changed"
        self.stdout.write(f"{result.scanned} comments read, {result.changed} {verb}.")
        for kind, count in sorted(result.kinds.items()):
            self.stdout.write(f"  {kind}: {count}")
