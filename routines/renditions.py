"""Resized copies of uploaded pictures, so no page sends more pixels than it shows.

A template asks for a picture at a few widths (``picture()`` in
``routines.templating``); the browser picks one from ``srcset``/``sizes``. Each copy
is made by Pillow on its first request, stored next to the uploads under
``renditions/``, and made again when the original is newer. WebP is offered
first, with the original's format (JPEG or PNG) as the fallback.
"""

import functools
import io
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.urls import reverse

# Only these widths are made, so a crafted address cannot fill the disk.
WIDTHS = (160, 320, 480, 640, 960, 1280, 1600)
FORMATS = {"webp": ("WEBP", "image/webp"), "jpg": ("JPEG", "image/jpeg"),
           "png": ("PNG", "image/png")}  # fmt: skip
SOURCE_FOLDERS = ("points/", "articles/")


@dataclass(frozen=True)
class Rendition:
    name: str
    content_type: str


def fallback_format(source_name: str) -> str:
    suffix = PurePosixPath(source_name).suffix.lower()
    return "jpg" if suffix in {".jpg", ".jpeg"} else "png"


def rendition_name(source_name: str, width: int, fmt: str) -> str:
    return f"renditions/{width}/{source_name}.{fmt}"


@functools.cache
def _url_prefix() -> str:
    # reverse() costs ~30 µs and a page asks for dozens of these addresses.
    sample = reverse("rendition", kwargs={"width": 1, "fmt": "webp", "path": "p"})
    return sample.removesuffix("1/webp/p")


def rendition_url(source_name: str, width: int, fmt: str) -> str:
    return f"{_url_prefix()}{width}/{fmt}/{quote(source_name)}"


def resize(data: bytes, width: int, fmt: str) -> bytes:
    """``data`` scaled down to ``width`` (never up), encoded as ``fmt``."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        if image.width > width:
            height = round(image.height * width / image.width)
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        if FORMATS[fmt][0] == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        options = {"WEBP": {"quality": 80, "method": 4}, "JPEG": {"quality": 82},
                   "PNG": {"optimize": True}}[FORMATS[fmt][0]]  # fmt: skip
        image.save(out, format=FORMATS[fmt][0], **options)
    return out.getvalue()


def ensure(storage: Storage, source_name: str, width: int, fmt: str) -> Rendition:
    """Make the rendition if it is missing or older than its source."""
    name = rendition_name(source_name, width, fmt)
    stale = not storage.exists(name) or (
        storage.get_modified_time(name) < storage.get_modified_time(source_name)
    )
    if stale:
        with storage.open(source_name, "rb") as source:
            data = resize(source.read(), width, fmt)
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(data))
    return Rendition(name=name, content_type=FORMATS[fmt][1])
