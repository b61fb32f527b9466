"""Preview links: signed addresses that show an unpublished article to anyone.

An editor makes a link (default PREVIEW_LINK_DAYS days); whoever has it sees the
article with a "Preview, not published" banner, never cached, never indexed and
with no comment section. The address is the link's id signed with the site's
secret key, so ids cannot be guessed; expiry and revocation live in the row,
so an editor can end a link at any time.
"""

import datetime
import enum
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.db.models import QuerySet
from django.utils import timezone

from .models import Article, PreviewLink

SALT = "routines.preview-link"


class Refusal(enum.StrEnum):
    INVALID = "invalid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    PUBLISHED = "published"


@dataclass(frozen=True)
class Opened:
    link: PreviewLink | None
    refusal: Refusal | None = None


def token_for(link: PreviewLink) -> str:
    return signing.dumps(link.pk, salt=SALT, compress=False)


def expiry(
    *, days: int | None = None, now: datetime.datetime | None = None
) -> datetime.datetime:
    """When a link made now expires: ``days`` ahead, PREVIEW_LINK_DAYS unless given."""
    days = settings.PREVIEW_LINK_DAYS if days is None else days
    return (now or timezone.now()) + datetime.timedelta(days=days)


def create_link(
    article: Article,
    *,
    created_by: AbstractBaseUser | None = None,
    days: int | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> PreviewLink:
    return PreviewLink.objects.create(
        article=article,
        created_by=created_by,
        note=note,
        expires_at=expiry(days=days, now=now),
    )


def revoke(
    links: QuerySet[PreviewLink], *, now: datetime.datetime | None = None
) -> int:
    return links.filter(revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


def open_link(token: str, *, now: datetime.datetime | None = None) -> Opened:
    """The link a token names, or why it shows nothing."""
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return Opened(None, Refusal.INVALID)
    link = (
        PreviewLink.objects.select_related("article", "article__featured_routine")
        .filter(pk=pk)
        .first()
        if isinstance(pk, int)
        else None
    )
    if link is None:
        return Opened(None, Refusal.INVALID)
    if link.revoked_at is not None:
        return Opened(link, Refusal.REVOKED)
    if link.expires_at <= (now or timezone.now()):
        return Opened(link, Refusal.EXPIRED)
    if link.article.is_public:
        return Opened(link, Refusal.PUBLISHED)
    return Opened(link)
