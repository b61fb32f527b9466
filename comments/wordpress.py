"""A WordPress export's approved comments, stored as the site stores its own.

Every name and body goes through the site's redactor (with the editors' list
of public numbers) before it is stored, like ``moderation.submit``: the e-mail
address is kept only as its keyed hash, the IP address never. Dates and
threading come from WordPress; replies deeper than the site allows join the
deepest level allowed. A second import finds each comment by its WordPress id
and updates it instead of adding it again.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from routines.models import Article
from routines.wordpress import WxrComment, plain_text

from .models import Comment, PublicNumber, Status
from .moderation import Policy, fingerprint, hash_email, reply_parent
from .redaction import redact


@dataclass
class CommentsResult:
    created: int = 0
    updated: int = 0
    redacted: int = 0


def import_comments(
    article: Article, comments: Iterable[WxrComment], *, policy: Policy
) -> CommentsResult:
    """Create or update ``article``'s imported comments, parents first."""
    result = CommentsResult()
    public = PublicNumber.objects.canonical()
    existing = {c.wordpress_id: c for c in article.comments.exclude(wordpress_id=None)}
    by_id: dict[int, Comment] = dict(existing)
    pending = sorted(comments, key=lambda c: (c.date, c.wordpress_id))
    # Parents first: WordPress lists comments in any order.
    placed: set[int] = set()
    while pending:
        ready = [c for c in pending if not c.parent_id or c.parent_id in placed]
        if not ready:  # A parent that is missing or unapproved: keep as top level.
            ready = pending[:1]
        for wxr in ready:
            pending.remove(wxr)
            placed.add(wxr.wordpress_id)
            parent = reply_parent(by_id.get(wxr.parent_id), policy)
            name = redact(plain_text(wxr.author)[:200], public_numbers=public)
            body = redact(_comment_text(wxr.content), public_numbers=public)
            kinds = tuple(dict.fromkeys(name.kinds + body.kinds))
            comment = existing.get(wxr.wordpress_id) or Comment(
                article=article, wordpress_id=wxr.wordpress_id
            )
            is_new = comment.pk is None
            comment.parent = parent
            comment.depth = parent.depth + 1 if parent else 0
            comment.author_name = name.text[:80] or "Anonymous"
            comment.email_hash = hash_email(wxr.email)
            comment.body = body.text
            comment.fingerprint = fingerprint(body.text)
            comment.status = Status.APPROVED
            comment.personal_data_kinds = ",".join(kinds)
            comment.save()
            # created_at is set on insert; WordPress's own date replaces it.
            Comment.objects.filter(pk=comment.pk).update(created_at=wxr.date)
            by_id[wxr.wordpress_id] = comment
            result.created += is_new
            result.updated += not is_new
            result.redacted += bool(kinds)
    return result


def _comment_text(content: str) -> str:
    """WordPress comment HTML as the plain paragraphs the site stores."""
    paragraphs = content.replace("\r\n", "\n").split("\n\n")
    return "\n\n".join(
        text for text in (plain_text(p) for p in paragraphs) if text
    ).strip()
