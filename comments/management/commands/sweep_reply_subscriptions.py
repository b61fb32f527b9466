"""Delete reply-notification addresses that are no longer needed (run daily)."""

from django.core.management.base import BaseCommand

from comments.subscriptions import sweep


class Command(BaseCommand):
    help = (
        "Delete unconfirmed reply subscriptions whose link expired, and every "
        "address of a discussion closed COMMENTS_REPLY_KEEP_DAYS ago."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Deleted {sweep()} reply subscription(s).")
