"""Run the current redactor again over the comments already stored.

Comments stored before the redactor improved may still hold personal data it
now finds. :func:`redact_stored` re-redacts every stored name and body; each
comment it changes gets a ``redact`` entry in the moderation log (the kinds
removed, never the text), and cached pages are cleared so no reader sees the
old text again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from acupressure_site.shared import pagecache

from .models import Comment, ModerationAction, PublicNumber
from .moderation import fingerprint
from .redaction import redact

__all__ = ["Rescan", "redact_stored"]

_BATCH = 500


@dataclass(frozen=True, slots=True)
class Rescan:
    """What a run found: comments read and changed, findings by kind."""

    scanned: int
    changed: int
    kinds: Counter


def redact_stored(*, dry_run: bool = False, moderator=None) -> Rescan:
    """Re-redact stored comments; with ``dry_run`` only count what would change."""
    public = PublicNumber.objects.canonical()
    scanned = changed = 0
    kinds: Counter = Counter()
    rows = Comment.objects.order_by("pk").only(
        "pk", "article_id", "author_name", "body", "status", "personal_data_kinds"
    )
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:_BATCH]):
        last = batch[-1].pk
        with transaction.atomic():
            for comment in batch:
                scanned += 1
                name = redact(comment.author_name, public_numbers=public)
                body = redact(comment.body, public_numbers=public)
                found = [f.kind for f in (*name.findings, *body.findings)]
                if not found:
                    continue
                changed += 1
                kinds.update(found)
                if not dry_run:
                    _store(comment, name.text, body.text, found, moderator)
    if changed and not dry_run:
        pagecache.bump()
    return Rescan(scanned, changed, kinds)


def _store(comment: Comment, name: str, body: str, found: list[str], moderator):
    removed = dict.fromkeys(
        [k for k in comment.personal_data_kinds.split(",") if k] + found
    )
    Comment.objects.filter(pk=comment.pk).update(
        author_name=name[:80] or "Anonymous",
        body=body,
        fingerprint=fingerprint(body),
        personal_data_kinds=",".join(removed)[:200],
    )
    ModerationAction.objects.create(
        comment=comment,
        article_id=comment.article_id,
        moderator=moderator,
        action=ModerationAction.Action.REDACT,
        from_status=comment.status,
        to_status=comment.status,
        note=("removed: " + ", ".join(dict.fromkeys(found)))[:200],
    )
