"""Upload and address validators.

Every uploaded file is judged by its content, never by its name: a PNG renamed to
``.pdf`` is refused, and so is a PDF that no PDF reader can open. Each refusal
says why in words an editor understands.
"""

import io
import re
import warnings
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File

from .text import human_size

if TYPE_CHECKING:
    from pypdf import PdfReader

PICTURE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


def _head(file: File, size: int) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _check_size(file: File, limit: int, what: str) -> None:
    if file.size is not None and file.size > limit:
        raise ValidationError(
            "This %(what)s is %(size)s; the largest allowed is %(limit)s.",
            code="file_too_large",
            params={
                "what": what,
                "size": human_size(file.size),
                "limit": human_size(limit),
            },
        )


def read_pdf(file: File) -> "PdfReader":
    """Open ``file`` as a PDF, raising ValidationError when it is not one."""
    # Imported when needed: site workers serve pages, not uploads.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not _head(file, 1024).lstrip().startswith(b"%PDF-"):
        raise ValidationError(
            "This file is not a PDF (its content is not a PDF document, whatever "
            "its name says). Upload the handout as a PDF file.",
            code="not_pdf",
        )
    try:
        file.seek(0)
        reader = PdfReader(io.BytesIO(file.read()))
        if reader.is_encrypted:
            raise ValidationError(
                "This PDF is password-protected; readers could not open it. Upload "
                "a copy without a password.",
                code="pdf_encrypted",
            )
        if len(reader.pages) == 0:
            raise ValidationError("This PDF has no pages.", code="pdf_empty")
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(
            "This PDF is damaged and cannot be read. Export it again and upload "
            "the new file.",
            code="pdf_damaged",
        ) from exc
    finally:
        file.seek(0)
    return reader


def validate_pdf(file: File) -> None:
    _check_size(file, settings.HANDOUT_MAX_BYTES, "PDF")
    read_pdf(file)


def validate_picture(file: File) -> None:
    """Accept only real JPEG, PNG or WebP pictures within the size limit."""
    from PIL import Image, UnidentifiedImageError

    _check_size(file, settings.PICTURE_MAX_BYTES, "picture")
    head = _head(file, 512)
    if b"<svg" in head.lower() or head.lstrip().startswith(b"<"):
        raise ValidationError(
            "SVG and other text-based pictures are not accepted. Upload a JPEG, PNG "
            "or WebP picture.",
            code="picture_svg",
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its pixel limit and twice it: refuse those too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                kind = image.format
                image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "This file is not a picture we can read. Upload a JPEG, PNG or WebP "
            "picture.",
            code="picture_invalid",
        ) from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            "This picture has too many pixels to be processed safely. Upload a "
            "smaller picture.",
            code="picture_too_many_pixels",
        ) from exc
    finally:
        file.seek(0)
    if kind not in PICTURE_FORMATS:
        raise ValidationError(
            "This picture is a %(kind)s file; only JPEG, PNG and WebP are accepted.",
            code="picture_format",
            params={"kind": kind or "unknown"},
        )


def validate_mp4(file: File) -> None:
    _check_size(file, settings.VIDEO_MAX_BYTES, "video")
    head = _head(file, 12)
    if len(head) < 12 or head[4:8] != b"ftyp":
        raise ValidationError(
            "This file is not an MP4 video. Upload the video as an MP4 file.",
            code="not_mp4",
        )


def validate_webvtt(file: File) -> None:
    _check_size(file, settings.CAPTIONS_MAX_BYTES, "captions file")
    head = _head(file, 16)
    if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(
            'This is not a WebVTT captions file (it must start with "WEBVTT").',
            code="not_webvtt",
        )


YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{6,12}$")


def parse_video_url(url: str) -> tuple[str, str] | None:
    """Return ``(provider, video_id)`` for an allowed video address, else None."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https":
        return None
    host = (parts.hostname or "").lower()
    path = parts.path.strip("/").split("/")
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            candidate = path[0]
        elif path[0] == "watch":
            query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
            candidate = query.get("v", "")
        elif path[0] in {"embed", "shorts", "live"} and len(path) > 1:
            candidate = path[1]
        else:
            return None
        return ("youtube", candidate) if YOUTUBE_ID.match(candidate) else None
    if host in VIMEO_HOSTS:
        candidate = path[-1] if path else ""
        return ("vimeo", candidate) if VIMEO_ID.match(candidate) else None
    return None


def validate_video_url(url: str) -> None:
    if parse_video_url(url) is None:
        raise ValidationError(
            "Use the https address of a YouTube or Vimeo video, for example "
            "https://www.youtube.com/watch?v=XXXXXXXXXXX or https://vimeo.com/123456. "
            "Other video hosts are not allowed.",
            code="video_host",
        )
