"""Readers report comments; enough open reports hold a comment for moderators.

Who reported is never kept: a keyed hash of the client and the comment make a
database-unique pair, so one reader reports a comment once.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from acupressure_site.shared.clients import keyed_digest

from .models import Comment, Report, ReportReason, Status
from .moderation import hold_reported

ALREADY = "You have already reported this comment. Thank you: a moderator will look."
GONE = "This comment is no longer shown, so it cannot be reported."
THANKS = "Thank you for your report. A moderator will look at the comment."


class ReportRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Reported:
    report: Report
    held: bool


def reporter_hash(client: str, comment_id: int) -> str:
    """The same client and comment give the same hash; nothing else is kept."""
    return keyed_digest(f"{client}:{comment_id}", purpose="report").hex()


def report(*, comment: Comment, reason: str, client: str, threshold: int) -> Reported:
    """Record a report; hold the comment once it has ``threshold`` open ones."""
    if comment.status != Status.APPROVED:
        raise ReportRefused("gone", GONE)
    if reason not in ReportReason.values:
        raise ReportRefused("reason", "Please choose why you report this comment.")
    try:
        with transaction.atomic():
            created = Report.objects.create(
                comment=comment,
                reason=reason,
                reporter_hash=reporter_hash(client, comment.pk),
            )
    except IntegrityError:
        raise ReportRefused("duplicate", ALREADY) from None
    open_reports = Report.objects.open().filter(comment=comment).count()
    held = False
    if threshold and open_reports >= threshold:
        held = hold_reported(comment, open_reports=open_reports)
    return Reported(report=created, held=held)
