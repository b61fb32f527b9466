"""Enqueue the e-mail of articles overdue for medical review (run daily)."""

from django.core.management.base import BaseCommand

from routines.tasks import email_overdue_reviews


class Command(BaseCommand):
    help = "Enqueue the daily e-mail to editors listing overdue medical reviews."

    def handle(self, *args, **options) -> None:
        result = email_overdue_reviews.enqueue()
        self.stdout.write(f"Enqueued the overdue review reminder ({result.id}).")
