"""Queue the moderators' daily digest of comments waiting (run from cron)."""

from django.core.management.base import BaseCommand

from comments.tasks import send_moderation_digest


class Command(BaseCommand):
    help = "Queue the e-mail to moderators that lists the comments waiting."

    def handle(self, *args, **options) -> None:
        result = send_moderation_digest.enqueue()
        self.stdout.write(f"Moderation digest queued ({result.id}).")
