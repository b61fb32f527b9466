"""WordPress export (WXR) files: read safely, and their posts made articles.

``parse(data)`` reads a WordPress 6 export with defusedxml, which refuses
entity declarations (billion laughs), external entities and DTDs before a byte
is expanded; it returns plain data and touches no database. ``import_posts``
creates or updates articles keyed by their WordPress GUID, so a second run
updates instead of duplicating. Bodies are cleaned by the site's sanitiser;
pictures come only from a local folder and are checked by content. The
comments of each post are imported by ``comments.wordpress`` (they need the
redactor, which this app must not import).
"""

import datetime
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

import reversion
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone
from django.utils.text import slugify

from .models import Article, Topic
from .text import sanitize_html
from .validators import validate_picture

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED,
}
TAGS = re.compile(r"<[^>]+>")


class WxrError(Exception):
    """The file cannot be imported; the message says why, for the editor."""


@dataclass(frozen=True)
class WxrComment:
    wordpress_id: int
    parent_id: int
    author: str
    email: str
    date: datetime.datetime
    content: str


@dataclass(frozen=True)
class WxrAttachment:
    wordpress_id: int
    parent_id: int
    url: str
    title: str
    alt: str


@dataclass
class WxrPost:
    wordpress_id: int
    guid: str
    title: str
    slug: str
    author: str
    status: str
    date: datetime.datetime | None
    content: str
    excerpt: str
    topics: list[tuple[str, str]] = field(default_factory=list)
    thumbnail_id: int | None = None
    comments: list[WxrComment] = field(default_factory=list)


@dataclass
class WxrFile:
    posts: list[WxrPost]
    attachments: dict[int, WxrAttachment]


@dataclass
class PostResult:
    post: WxrPost
    article: Article
    created: bool
    changed: list[str]
    notes: list[str] = field(default_factory=list)


def _text(item: Element, path: str) -> str:
    node = item.find(path, NS)
    return (node.text or "").strip() if node is not None else ""


def _int(value: str) -> int:
    return int(value) if value.strip().isdigit() else 0


def _gmt(value: str) -> datetime.datetime | None:
    """WordPress's GMT dates ("2026-03-14 09:30:00"; zeros for "none")."""
    if not value or value.startswith("0000"):
        return None
    try:
        naive = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return naive.replace(tzinfo=datetime.UTC)


def _meta(item: Element) -> dict[str, str]:
    return {
        _text(meta, "wp:meta_key"): _text(meta, "wp:meta_value")
        for meta in item.findall("wp:postmeta", NS)
    }


def _comments(item: Element) -> list[WxrComment]:
    found = []
    for node in item.findall("wp:comment", NS):
        approved = _text(node, "wp:comment_approved") == "1"
        kind = _text(node, "wp:comment_type")
        if not approved or kind not in ("", "comment"):
            continue
        date = _gmt(_text(node, "wp:comment_date_gmt")) or _gmt(
            _text(node, "wp:comment_date")
        )
        found.append(
            WxrComment(
                wordpress_id=_int(_text(node, "wp:comment_id")),
                parent_id=_int(_text(node, "wp:comment_parent")),
                author=_text(node, "wp:comment_author"),
                email=_text(node, "wp:comment_author_email"),
                date=date or timezone.now(),
                content=_text(node, "wp:comment_content"),
            )
        )
    return found


def parse(data: bytes) -> WxrFile:
    """Read a WXR file; raise WxrError for hostile or malformed XML."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise WxrError(
            "The file was refused: it declares a DTD or XML entities, which a "
            "WordPress export never needs (they can expand into huge amounts of "
            "data or read other files). Export the site again from WordPress."
        ) from exc
    except ParseError as exc:
        raise WxrError(f"The file is not well-formed XML ({exc}).") from exc
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WxrError("The file is not a WordPress export (no <rss><channel>).")
    authors = {
        _text(node, "wp:author_login"): _text(node, "wp:author_display_name")
        for node in channel.findall("wp:author", NS)
    }
    posts, attachments = [], {}
    for item in channel.findall("item"):
        kind = _text(item, "wp:post_type")
        wp_id = _int(_text(item, "wp:post_id"))
        meta = _meta(item)
        if kind == "attachment":
            attachments[wp_id] = WxrAttachment(
                wordpress_id=wp_id,
                parent_id=_int(_text(item, "wp:post_parent")),
                url=_text(item, "wp:attachment_url"),
                title=_text(item, "title"),
                alt=meta.get("_wp_attachment_image_alt", ""),
            )
        elif kind == "post":
            posts.append(
                WxrPost(
                    wordpress_id=wp_id,
                    guid=_text(item, "guid") or f"wordpress-post-{wp_id}",
                    title=_text(item, "title") or "Untitled",
                    slug=_text(item, "wp:post_name"),
                    author=authors.get(creator := _text(item, "dc:creator")) or creator,
                    status=_text(item, "wp:status"),
                    date=_gmt(_text(item, "wp:post_date_gmt")),
                    content=_text(item, "content:encoded"),
                    excerpt=_text(item, "excerpt:encoded"),
                    topics=[
                        (node.get("nicename", ""), (node.text or "").strip())
                        for node in item.findall("category")
                        if node.get("domain") in ("category", "post_tag")
                    ],
                    thumbnail_id=_int(meta.get("_thumbnail_id", "")) or None,
                    comments=_comments(item),
                )
            )
    return WxrFile(posts=posts, attachments=attachments)


def plain_text(fragment: str) -> str:
    """HTML to one line of text (summaries; comments)."""
    return " ".join(html.unescape(TAGS.sub(" ", fragment)).split())


def _summary(post: WxrPost) -> str:
    text = plain_text(post.excerpt) or plain_text(post.content)
    if len(text) <= 300:
        return text or post.title
    return text[:297].rsplit(" ", 1)[0] + "…"


def _topics(post: WxrPost) -> list[Topic]:
    topics = []
    for nicename, name in post.topics:
        slug = slugify(nicename or name)[:80]
        if not slug or not name:
            continue
        topic = (
            Topic.objects.filter(slug=slug).first()
            or Topic.objects.filter(name=name[:80]).first()
        )
        topics.append(topic or Topic.objects.create(name=name[:80], slug=slug))
    return list(dict.fromkeys(topics))


def _free_slug(wanted: str, article: Article | None) -> str:
    base = slugify(wanted)[:190] or "imported-post"
    slug, n = base, 2
    others = Article.objects.exclude(pk=article.pk) if article else Article.objects
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _hero(post: WxrPost, wxr: WxrFile, media: Path | None) -> tuple[File | None, str]:
    """The post's featured picture from the local folder, and a note if none."""
    attachment = wxr.attachments.get(post.thumbnail_id or 0) or next(
        (a for a in wxr.attachments.values() if a.parent_id == post.wordpress_id),
        None,
    )
    if attachment is None or media is None:
        return None, ""
    path = PurePosixPath(urlsplit(attachment.url).path)
    # "wp-content/uploads/2026/03/back.jpg": try "2026/03/back.jpg", then "back.jpg".
    parts = path.parts
    tail = parts[parts.index("uploads") + 1 :] if "uploads" in parts else ()
    for candidate in (media.joinpath(*tail) if tail else None, media / path.name):
        if candidate is not None and candidate.is_file():
            break
    else:
        return None, f"picture {path.name} not found in {media}"
    picture = File(io.BytesIO(candidate.read_bytes()), name=path.name)
    try:
        validate_picture(picture)
    except ValidationError as exc:
        return None, f"picture {path.name} refused: {' '.join(exc.messages)}"
    picture.seek(0)
    return picture, ""


FIELDS = ("title", "slug", "summary", "body", "byline", "status", "publish_at")


def import_post(post: WxrPost, wxr: WxrFile, *, media: Path | None) -> PostResult:
    """Create or update the article for ``post`` (found by its GUID)."""
    article = Article.objects.filter(wordpress_guid=post.guid).first()
    created = article is None
    if created:
        article = Article(wordpress_guid=post.guid)
    status = STATUSES.get(post.status, Article.Status.DRAFT)
    is_draft = status == Article.Status.DRAFT
    values = {
        "title": post.title[:200],
        "slug": _free_slug(post.slug or post.title, None if created else article),
        "summary": _summary(post),
        "body": sanitize_html(post.content),
        "byline": post.author[:200] or "Imported from WordPress",
        "status": status,
        "publish_at": article.publish_at if is_draft else post.date,
    }
    if not is_draft and values["publish_at"] is None:
        values["status"] = Article.Status.DRAFT
    changed = [name for name in FIELDS if getattr(article, name) != values[name]]
    for name, value in values.items():
        setattr(article, name, value)
    notes = []
    picture, note = _hero(post, wxr, media)
    if note:
        notes.append(note)
    with reversion.create_revision():
        reversion.set_comment("Imported from WordPress")
        if picture is not None and not article.hero_image:
            attachment = wxr.attachments.get(post.thumbnail_id or 0)
            article.hero_alt = (
                attachment.alt or attachment.title if attachment else post.title
            )[:250] or post.title[:250]
            article.hero_image.save(picture.name, picture, save=False)
            changed.append("hero_image")
        article.save()
        topics = _topics(post)
        if set(article.topics.all()) != set(topics):
            article.topics.set(topics)
            changed.append("topics")
    return PostResult(
        post=post, article=article, created=created, changed=changed, notes=notes
    )
