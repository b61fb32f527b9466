"""Building blocks shared by the detectors: patterns, priorities, helpers.

Every pattern runs on a lower-case copy of the normalised comment (the
offsets stay valid) and is written without re.IGNORECASE: that, and
starting each pattern with a literal or a digit class, lets the regex
engine skip quickly to plausible starting points.  Word boundaries in
front of keywords are checked in Python (``at_word_start``) for the same
reason.
"""

from __future__ import annotations

import re


def rx(pattern: str) -> re.Pattern[str]:
    # ASCII classes are markedly faster than Unicode ones, and every format
    # handled here is written with ASCII digits and punctuation.
    return re.compile(pattern, re.ASCII)


# Priorities decide overlaps: a number explained by its context ("SSN:",
# "MRN", "born") beats the same digits read as a bare format (a phone number).
P_CONTEXT = 90
P_STRONG = 80
P_FORMAT = 70
P_PHONE = 60
P_WEAK = 50

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    # Spanish, for the site's Spanish pages.
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre"
    r"|octubre|noviembre|diciembre)(?![a-z])\.?"
)
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# "nineteen forty-nine", "two thousand three".
_YEAR_WORDS = (
    rf"(?:nineteen[\s-]+(?:{_TENS}(?:[\s-]+{_UNITS})?|oh[\s-]+{_UNITS}|hundred)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?{_UNITS})?)"
)
_ORDINAL_WORD = (
    r"(?:(?:twenty|thirty)[\s-]?)?(?:first|second|third|fourth|fifth|sixth"
    r"|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth"
    r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
)
DAY = rf"(?:the\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?|{_ORDINAL_WORD})"
# Two-digit years ("b. 4 Feb 51") only where a day and month come first.
YEAR = r"(?:1[89]\d\d|20\d\d|'\d\d)"
_SHORT_YEAR = rf"(?:1[89]\d\d|20\d\d|'?\d\d(?![\d:])|{_YEAR_WORDS}\b)"
DATE = (
    r"(?:"
    rf"{MONTH}\s+{DAY}\b(?:,?\s*{_SHORT_YEAR})?"
    rf"|{DAY}\s+(?:of\s+|de\s+|-)?{MONTH}(?:,?\s*(?:de\s+|del\s+)?{_SHORT_YEAR})?"
    rf"|[0-3]?\d-{MONTH}-(?:\d{{4}}|\d\d)"
    # Military style: 02JUN89, 4FEB1951.
    rf"|[0-3]?\d{MONTH}(?:\d{{4}}|\d\d)"
    # Either order of day and month: 3/14/1952, 14.03.1952, 3-14-52.
    r"|[0-3]?\d[/.-][0-3]?\d[/.-](?:\d{4}|\d\d)"
    r"|(?:19|20)\d\d[/.-][01]?\d[/.-][0-3]?\d"
    rf"|{MONTH}\s+(?:19|20)\d\d"
    r")(?![\d/-]|\.\d)"
)


def words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# Guards: text right before a number that makes it something other than
# personal data (a book number, a software version, a form, a model).
GUARD_RE = rx(
    r"\b(?:isbn(?:-1[03])?|issn|version|ver\.?|v|build|chrome|firefox|safari|"
    r"edge|ios|ipados|android|windows|macos|os|firmware|release|form|model|part)"
    # Same line only: a guard word ending the previous line guards nothing.
    r"[ \t:#.-]*\Z"
)
DIGIT_RE = rx(r"\d")
# Gates that let most comments skip whole groups of patterns: seven or more
# digits in a row (allowing single separators), and a dotted number.
LONG_NUMBER_RE = rx(r"\d(?:(?:[ .-]|[-.]\s)?\d){6}")
DOTTED_RE = rx(r"\d\.\d")


def lower(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets must hold)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters (e.g. "İ") lower-case to two code points.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def has_any(low: str, needles: tuple[str, ...]) -> bool:
    return any(map(low.__contains__, needles))


def at_word_start(low: str, i: int) -> bool:
    return i == 0 or not low[i - 1].isalnum()


def digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def guarded(low: str, start: int) -> bool:
    return GUARD_RE.search(low, max(0, start - 16), start) is not None


# (priority, start, end, kind): what every detector appends.
Candidate = tuple[int, int, int, str]
