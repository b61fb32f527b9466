"""Rewrite a comment the way the detectors read it, remembering where each
character came from.

Readers type the same number in many ways: "five oh three", "5O3-555-Ol42",
"0 7 8 - 0 5 - 1 1 2 0", fullwidth digits, a zero-width space in the middle.
Each pass below turns one of those habits into plain digits, so every
detector sees one spelling; :class:`Normalised` maps a span of the rewritten
text back to the original characters it came from.

The passes only ever change characters that are part of a number, so words,
spaces and punctuation around them stay as the writer typed them (the
context cues read those).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Normalised", "normalise"]

_DIGIT_WORDS = {
    "zero": "0",
    "oh": "0",
    "o": "0",
    "nil": "0",
    # Spanish, for the site's Spanish pages.
    "cero": "0",
    "uno": "1",
    "dos": "2",
    "tres": "3",
    "cuatro": "4",
    "cinco": "5",
    "seis": "6",
    "siete": "7",
    "ocho": "8",
    "nueve": "9",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "niner": "9",
    # "one eight hundred ...": the toll-free prefix said aloud.
    "hundred": "00",
}
_MULTIPLIERS = {"double": 2, "triple": 3}
_WORD = "|".join(sorted([*_DIGIT_WORDS, *_MULTIPLIERS], key=len, reverse=True))
# A run of number words and digit groups, separated by spaces, commas,
# hyphens or dots ("five oh three, 555, oh one four two").
_SPELLED_RUN_RE = re.compile(
    rf"(?<![\w])(?:{_WORD}|\d+)(?:(?:[\s,.-]{{1,3}}|\s+(?:dash|hyphen)\s+)"
    rf"(?:{_WORD}|\d+))+(?![\w])",
    re.ASCII | re.IGNORECASE,
)
_TOKEN_RE = re.compile(rf"{_WORD}|\d+", re.ASCII | re.IGNORECASE)
# Read on the lower-cased text: case-blind patterns are slower to scan.
_SPELLED_HINT_RE = re.compile(
    r"(?<![a-z])(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|niner"
    r"|hundred|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)(?![a-z])",
    re.ASCII,
)
# "last four", "last 4": the cue's own number word is not a digit.
_LAST_FOUR_RE = re.compile(r"last\s+$", re.ASCII | re.IGNORECASE)

# A letter O or l/I typed for a digit inside a number ("5O3-555-Ol42").
_LOOKALIKE_RUN_RE = re.compile(
    r"(?<![\w])[0-9OoIl]*\d[0-9OoIl]*(?:[\s.()-]{1,2}[0-9OoIl]*\d[0-9OoIl]*)*(?![\w])",
    re.ASCII,
)
_LOOKALIKE = str.maketrans("OoIl", "0011")

# Letters typed apart so a filter would not see the word: "g-m-a-i-l",
# "k e l l y" (one separator throughout).
_SPELLED_LETTERS_RE = re.compile(
    r"(?<![\w.-])[a-z0-9](?P<sep>[ -])[a-z0-9](?:(?P=sep)[a-z0-9])+(?![\w-])",
    re.ASCII | re.IGNORECASE,
)
# Single digits with spaces between them ("0 7 8 - 0 5 - 1 1 2 0").
_SPACED_RUN_RE = re.compile(
    r"(?<![\w.,/-])\d(?!\d)(?:(?:\s?[-./]\s?|\s)\d(?!\d)){3,}(?![\w])", re.ASCII
)


@dataclass(frozen=True, slots=True)
class Normalised:
    """The text the detectors read; ``starts``/``ends`` are original offsets.

    Both are ``None`` when the text is the original, unchanged.
    """

    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


class _Builder:
    """Characters with their original spans, rebuilt by each pass."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)
        self.starts = list(range(len(text)))
        self.ends = list(range(1, len(text) + 1))

    def replace(self, pieces: list[tuple[int, int, str]]) -> None:
        """Replace each ``chars[start:end]`` by ``new`` (spans sorted, apart)."""
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        for start, end, new in pieces:
            chars += self.chars[pos:start]
            starts += self.starts[pos:start]
            ends += self.ends[pos:start]
            if len(new) == end - start:
                chars += new
                starts += self.starts[start:end]
                ends += self.ends[start:end]
            else:
                # Each new character stands for the whole original span.
                for _ in new:
                    chars.append(_)
                    starts.append(self.starts[start])
                    ends.append(self.ends[end - 1])
            pos = end
        chars += self.chars[pos:]
        starts += self.starts[pos:]
        ends += self.ends[pos:]
        self.chars, self.starts, self.ends = chars, starts, ends

    def text(self) -> str:
        return "".join(self.chars)


def _fold(text: str) -> _Builder:
    """Drop invisible format characters; NFKC the rest ("１２３" reads "123")."""
    b = _Builder("")
    for i, ch in enumerate(text):
        if ch.isascii():
            parts = ch
        elif unicodedata.category(ch) == "Cf":
            continue
        else:
            parts = unicodedata.normalize("NFKC", ch)
        for part in parts:
            b.chars.append(part)
            b.starts.append(i)
            b.ends.append(i + 1)
    return b


def _spelled_pieces(text: str) -> list[tuple[int, int, str]]:
    pieces = []
    for run in _SPELLED_RUN_RE.finditer(text):
        tokens = list(_TOKEN_RE.finditer(run.group()))
        if _LAST_FOUR_RE.search(text, max(0, run.start() - 8), run.start()):
            tokens = tokens[1:]
        words = sum(not t.group().isdigit() for t in tokens)
        digits, repeat = [], 1
        for t in tokens:
            word = t.group().lower()
            if word in _MULTIPLIERS:
                repeat = _MULTIPLIERS[word]
                continue
            digits.append((_DIGIT_WORDS.get(word) or word) * repeat)
            repeat = 1
        number = "".join(digits)
        # Three number words and four digits at least: "one or two" and
        # "oh, one more thing" stay words.
        if words < 3 or len(number) < 4 or not tokens:
            continue
        start = run.start() + tokens[0].start()
        pieces.append((start, run.start() + tokens[-1].end(), number))
    return pieces


def _lookalike_pieces(text: str) -> list[tuple[int, int, str]]:
    pieces = []
    for run in _LOOKALIKE_RUN_RE.finditer(text):
        value = run.group()
        fixed = value.translate(_LOOKALIKE)
        if fixed == value:
            continue
        letters = sum(a != b for a, b in zip(value, fixed, strict=True))
        digits = sum(c.isdigit() for c in value)
        if letters and digits >= 4 and letters * 2 <= digits:
            pieces.append((run.start(), run.end(), fixed))
    return pieces


def _spaced_pieces(text: str) -> list[tuple[int, int, str]]:
    pieces = []
    for m in _SPACED_RUN_RE.finditer(text):
        value = m.group()
        seps = {c for c in value if not c.isdigit()}
        if len(seps) == 1 and sum(c.isdigit() for c in value) >= 6:
            # One separator between every digit: "5.0.3.5.5.5.0.1.8.7".
            pieces.append((m.start(), m.end(), value.replace(seps.pop(), "")))
        else:
            # Keep the groups a writer marked: "0 7 8 - 0 5 - 1 1 2 0".
            pieces.append((m.start(), m.end(), "".join(value.split())))
    for m in _SPELLED_LETTERS_RE.finditer(text):
        # Three letters apart with hyphens ("c-o-m"), four with spaces.
        if m.group("sep") == " " and len(m.group()) < 7:
            continue
        pieces.append((m.start(), m.end(), m.group().replace(m.group(1), "")))
    pieces.sort()
    return [p for i, p in enumerate(pieces) if not i or p[0] >= pieces[i - 1][1]]


def normalise(text: str) -> Normalised:
    """``text`` with numbers in one spelling, and the way back to the original."""
    plain = text.isascii()
    spelled = _SPELLED_HINT_RE.search(text.lower()) is not None
    quick = _QUICK_DIGITS_RE.search(text) or _QUICK_LETTERS_RE.search(" " + text)
    if plain and not spelled and not quick:
        return Normalised(text)
    # The character map is built only once a pass has something to change.
    b = None if plain else _fold(text)
    current = text if b is None else b.text()
    for pass_ in (_spelled_pieces, _lookalike_pieces, _spaced_pieces):
        if pass_ is _spelled_pieces and not spelled:
            continue
        pieces = pass_(current)
        if pieces:
            b = b or _Builder(text)
            b.replace(pieces)
            current = b.text()
    if b is None or current == text:
        return Normalised(text)
    return Normalised(current, tuple(b.starts), tuple(b.ends))


# Cheap tests for whether a pass could change anything at all.
_QUICK_DIGITS_RE = re.compile(r"\d[ OoIl.]\d|[OoIl]\d|\d[OoIl]", re.ASCII)
_QUICK_LETTERS_RE = re.compile(
    r"[ -][a-z][ -][a-z][ -][a-z]\b", re.ASCII | re.IGNORECASE
)
