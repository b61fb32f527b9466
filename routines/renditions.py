"""Resized copies of uploaded pictures, so no page sends more pixels than it shows.

A template asks for a picture at a few widths (``picture()`` in
``routines.templating``); the browser picks one from ``srcset``/``sizes``. Each copy
is made by Pillow in the task worker after its first request (which gets the
original meanwhile: ``routines.tasks.make_rendition``), stored next to the
uploads under ``renditions/``, and made again when the original is newer. WebP
is offered first, with the original's format (JPEG or PNG) as the fallback.
"""

import functools
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
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


def is_current(storage: Storage, source_name: str, width: int, fmt: str) -> bool:
    """Whether the rendition exists and is not older than its source."""
    name = rendition_name(source_name, width, fmt)
    return storage.exists(name) and (
        storage.get_modified_time(name) >= storage.get_modified_time(source_name)
    )


def ensure(storage: Storage, source_name: str, width: int, fmt: str) -> Rendition:
    """Make the rendition if it is missing or older than its source."""
    name = rendition_name(source_name, width, fmt)
    if not is_current(storage, source_name, width, fmt):
        with storage.open(source_name, "rb") as source:
            data = resize(source.read(), width, fmt)
        _store(storage, name, data)
    return Rendition(name=name, content_type=FORMATS[fmt][1])


def _store(storage: Storage, name: str, data: bytes) -> None:
    """Put ``data`` at ``name`` so that nobody ever reads it half written.

    Two requests (two workers) may make the same rendition at once, and a third
    may open it while the first still writes. On local disk the file is written
    under a temporary name in the same folder and renamed over ``name`` in one
    step, so a reader opens the whole old file or the whole new one; a browser
    would otherwise keep a broken picture for a day (``max-age``). Other storages
    (S3) show an object only once it is whole.
    """
    if not isinstance(storage, FileSystemStorage):
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(data))
        return
    path = Path(storage.path(name))
    if (mode := storage.directory_permissions_mode) is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    else:  # as FileSystemStorage makes folders
        umask = os.umask(0o777 & ~mode)
        try:
            os.makedirs(path.parent, mode, exist_ok=True)
        finally:
            os.umask(umask)
    part = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below)
        dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
    )
    try:
        with part:
            part.write(data)
            part.flush()
            # On disk before the rename: after a crash the name holds the whole
            # picture or nothing, never an empty file newer than its original.
            os.fsync(part.fileno())
        os.chmod(part.name, storage.file_permissions_mode or 0o644)
        os.replace(part.name, path)
    except BaseException:
        Path(part.name).unlink(missing_ok=True)
        raise
