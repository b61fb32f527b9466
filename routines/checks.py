"""Publishing checks: what must be right before an article reaches readers.

``publishing_problems(article)`` returns every problem found, each an error
(publishing is refused) or a warning (the editor is told, publishing goes on):

- errors: a picture (the hero picture, or a picture of a point in the featured
  routine) with no alt text or with a file name as alt text; link text that
  does not say where the link goes ("click here", "read more"); a video with no
  captions file or no transcript; a routine step whose point has no picture.
- warnings: a handout (the article's or its routine's) not marked Section 508
  conformant; a medical review that is overdue.

The checks read the article as given, so the admin can check what an editor
submitted before saving it: pass ``handouts`` when the article's own handouts
are not saved yet. The admin's form and its "Publish now" action use these
functions; ``publishing.publish`` takes them as its ``check``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Literal

from .models import Article, Handout, RoutineStep, handouts_with_routine
from .text import render_markdown

IMAGE_EXTENSION = re.compile(
    r"\.(?:jpe?g|jfif|png|gif|webp|avif|heic|heif|bmp|tiff?|svg)$", re.IGNORECASE
)
# Camera and phone file names: IMG_1234, DSC0001, DSCN0042, PXL_20240101_123456,
# "Screenshot 2024-05-01", image001.
CAMERA_NAME = re.compile(
    r"(?:img|dsc[nf]?|dcim|pxl|mvimg|gopr|dji|p|photo|image|pic|scan)"
    r"[\s_-]*\d[\d\s_.:-]*(?:[\s_.-]\w*)?"
    r"|screen ?shot[\s_-]*\d[\d\s_.:-]*(?:at[\d\s_.:-]*(?:[ap]m)?)?",
    re.IGNORECASE,
)
# Link text that says nothing about where the link goes, compared after
# lower-casing and dropping punctuation.
VAGUE_LINK_TEXT = frozenset(
    {
        "click here",
        "click",
        "here",
        "read more",
        "more",
        "learn more",
        "this link",
        "link",
        "click this link",
        "go here",
        "this page",
    }
)


@dataclass(frozen=True)
class Problem:
    level: Literal["error", "warning"]
    message: str

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def error(message: str) -> Problem:
    return Problem("error", message)


def warning(message: str) -> Problem:
    return Problem("warning", message)


def alt_text_looks_like_file_name(alt: str, file_name: str = "") -> bool:
    """True for "IMG_1234", "DSC0001.JPG", "back.png" or the picture's own name."""
    alt = alt.strip()
    if not alt:
        return False
    if IMAGE_EXTENSION.search(alt) or CAMERA_NAME.fullmatch(alt):
        return True
    if file_name:
        path = PurePosixPath(file_name.replace("\\", "/"))
        return alt.lower() in {path.name.lower(), path.stem.lower()}
    return False


def picture_problem(what: str, picture, alt: str) -> Problem | None:
    """An error when ``picture`` is set and its alt text is missing or a name."""
    if not picture:
        return None
    if not alt.strip():
        return error(
            f"{what} has no alt text. Describe what the picture shows, for "
            "readers who cannot see it."
        )
    if alt_text_looks_like_file_name(alt, picture.name or ""):
        return error(
            f"{what} has a file name as its alt text (“{alt.strip()}”). Describe "
            "what the picture shows instead."
        )
    return None


class _LinkText(HTMLParser):
    """Collects (text, href) for every <a> in sanitized HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._open: list[tuple[list[str], str]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "a":
            self._open.append(([], dict(attrs).get("href") or ""))

    def handle_data(self, data: str) -> None:
        for parts, _ in self._open:
            parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            parts, href = self._open.pop()
            self.links.append((" ".join("".join(parts).split()), href))


def links_in_markdown(text: str) -> list[tuple[str, str]]:
    """(text, address) of each link in the page's rendered, sanitized body."""
    parser = _LinkText()
    parser.feed(render_markdown(text))
    parser.close()
    return parser.links


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def link_text_problems(body: str) -> list[Problem]:
    problems = []
    for text, href in links_in_markdown(body):
        target = f" (to {href})" if href else ""
        plain = _plain(text)
        if not plain:
            problems.append(
                error(
                    f"The body has a link with no text{target}. Give it text that "
                    "says where it goes."
                )
            )
        elif plain in VAGUE_LINK_TEXT:
            problems.append(
                error(
                    f"The body has a link whose text is “{text}”{target}. Link "
                    "text should say where the link goes, for example “the "
                    "NIH back pain guide”."
                )
            )
    return problems


def video_problems(article: Article) -> list[Problem]:
    if not (article.video_url or article.video_file):
        return []
    problems = []
    if not article.video_captions:
        problems.append(
            error("The video has no captions file. Upload WebVTT captions.")
        )
    if not article.video_transcript.strip():
        problems.append(error("The video has no transcript. Add the transcript."))
    return problems


def routine_problems(steps: Iterable[RoutineStep]) -> list[Problem]:
    problems = []
    for step in steps:
        point = step.point
        what = f"Step {step.order} ({point.code})"
        if not point.picture:
            problems.append(
                error(
                    f"{what}: the point {point.code} has no picture. Readers need "
                    "one to find the point."
                )
            )
        elif problem := picture_problem(
            f"{what}: the picture of {point.code}", point.picture, point.picture_alt
        ):
            problems.append(problem)
    return problems


def handout_problems(handouts: Iterable[Handout]) -> list[Problem]:
    return [
        warning(
            f"The handout “{handout.title}” is not marked Section 508 conformant. "
            "Check it and record the date, or replace it."
        )
        for handout in handouts
        if not handout.section_508_conformant
    ]


def publishing_problems(
    article: Article, *, handouts: Iterable[Handout] | None = None
) -> list[Problem]:
    """Every problem that stops ``article`` being published, then warnings.

    ``handouts`` are the article's own handouts; by default the saved ones.
    The featured routine's handouts are always added.
    """
    problems: list[Problem] = []
    if hero := picture_problem(
        "The hero picture", article.hero_image, article.hero_alt
    ):
        problems.append(hero)
    problems += link_text_problems(article.body)
    problems += video_problems(article)
    if handouts is None:
        handouts = article.handouts.all() if article.pk else []
    if routine := article.featured_routine:
        steps = routine.steps.select_related("point").order_by("order")
        problems += routine_problems(steps)
    problems += handout_problems(handouts_with_routine(handouts, routine))
    if article.review_is_overdue:
        problems.append(
            warning(
                f"The medical review was due on {article.next_review_due:%Y-%m-%d}. "
                "Have the page reviewed and record the new date before publishing."
            )
        )
    return sorted(problems, key=lambda problem: not problem.is_error)


def publishing_errors(article: Article) -> list[str]:
    """The messages of the problems that block publishing (a publish check)."""
    return [p.message for p in publishing_problems(article) if p.is_error]
