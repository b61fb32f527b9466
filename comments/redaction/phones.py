"""Telephone numbers: North American formats and international ones.

Toll-free numbers, vanity ones included ("1-800-MEDICARE"), are public
lines (:mod:`.public`), so none is looked for here; digits in another
grouping after "call me" or "cell" are :mod:`.cues`' job.
"""

from __future__ import annotations

import phonenumbers

from .common import (
    P_PHONE,
    Candidate,
    guarded,
    rx,
)

# -- phone -----------------------------------------------------------------
_EXT = r"(?P<ext>\s?,?\s?(?:ext\.?|extension|x)\s?\d{1,5})?"
_PHONE_END = r"(?![\w-]|[.:/]\d)"
# Before the last four digits; a number may break across a line there.
_LAST_SEP = r"(?:[-.]\s|[\s.-])?"
# A leading "1" is the country code (NANP area codes never start with 1).
_PHONE_DIGIT_RE = rx(
    r"\d(?<![\w$#/.:-]\d)"
    r"(?:(?<=1)[\s.-]?(?:\((?P<a1>\d{3})\)\s?|(?P<a2>\d{3})[\s./-]?)"
    r"|(?<=[2-9])\d\d[\s./-]?)"
    rf"(?P<ex>\d{{3}}){_LAST_SEP}\d{{4}}{_EXT}{_PHONE_END}"
)
_PHONE_PAREN_RE = rx(
    rf"\((?P<a1>\d{{3}})\)\s?(?P<ex>\d{{3}}){_LAST_SEP}\d{{4}}{_EXT}{_PHONE_END}"
)
# Country code 1 is the NANP, already covered above.
_PHONE_INTL_RE = rx(r"(?:\+|011[\s.-]?)\s?[2-9]")


def find_phones(text: str, low: str, long_number: bool, out: list[Candidate]) -> None:
    patterns = [_PHONE_DIGIT_RE] if long_number else []
    if "(" in low:
        patterns.append(_PHONE_PAREN_RE)
    for pattern in patterns:
        for m in pattern.finditer(low):
            s = m.start()
            area = (
                m.group("a1")
                or (m.group("a2") if pattern is _PHONE_DIGIT_RE else None)
                or low[s : s + 3]
            )
            if guarded(low, s):
                continue
            # NANP area codes and exchanges never start with 0 or 1; that
            # rules out a bare run of ten digits, but a number grouped as a
            # phone number is one, valid or not ("555-123-4567").
            bare = m.group().isdigit()
            if bare and (area[0] in "01" or m.group("ex")[0] in "01"):
                continue
            if s and low[s - 1] == "+":
                s -= 1
            out.append((P_PHONE, s, m.end(), "phone"))
    if "+" in text or "011" in text:
        _find_international_phones(text, out)


def _find_international_phones(text: str, out: list[Candidate]) -> None:
    # phonenumbers knows every country's numbering plan; it only runs on the
    # rare spot that starts like an international number.
    for m in _PHONE_INTL_RE.finditer(text):
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] == "+"):
            continue
        window = text[start : start + 32]
        shift = 0
        if window.startswith("011"):
            rest = window[3:].lstrip(" .-")
            shift = len(window) - len(rest) - 1
            window = "+" + rest
        matcher = phonenumbers.PhoneNumberMatcher(
            window, None, leniency=phonenumbers.Leniency.POSSIBLE, max_tries=3
        )
        for match in matcher:
            if match.start == 0:
                out.append((P_PHONE, start, start + match.end + shift, "phone"))
            break
