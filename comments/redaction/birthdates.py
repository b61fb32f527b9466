"""Dates of birth: a date only where the context says it is one."""

from __future__ import annotations

from .common import DATE, P_CONTEXT, Candidate, at_word_start, has_any, rx

# -- dates of birth ------------------------------------------------------------
_DOB_WORD = (
    r"(?:born|d\.?o\.?b\.?|date\s+of\s+birth|birth\s?date|birthday|b-?day"
    r"|birth\s+day|b\.(?=\s*\d)"
    r"|nac[ií][oó]?|nacid[oa]|fecha\s+de\s+nacimiento|cumpleaños)"
)
_DOB_BEFORE_RE = rx(
    rf"{_DOB_WORD}(?![\w-])[^\d.!?;\n]{{0,25}}?(?<![\w/-])(?P<v>{DATE})"
)
_DOB_AFTER_RE = rx(
    rf"(?<![\w/-])(?P<v>{DATE})\s?[,(:-]?\s?(?:is|was|=)?\s?"
    rf"(?:my|his|her|their|our|the)?\s?(?:'s\s)?{_DOB_WORD}\b"
)
_RECENT_YEAR_RE = rx(r"20[1-9]\d$")
_DOB_HINTS = ("born", "birth", "dob", "d.o.b", "bday", "b-day", "b.", "nac", "cumplea")


def find_dobs(low: str, out: list[Candidate]) -> None:
    if not has_any(low, _DOB_HINTS):
        return
    for m in _DOB_BEFORE_RE.finditer(low):
        if not at_word_start(low, m.start()):
            continue
        # "for my birthday in May 2023" is a party, not a birth date.
        year = _RECENT_YEAR_RE.search(m.group("v"))
        if year and m.group().startswith(("birthday", "bday", "b-day", "birth day")):
            continue
        out.append((P_CONTEXT, m.start("v"), m.end("v"), "date_of_birth"))
    for m in _DOB_AFTER_RE.finditer(low):
        out.append((P_CONTEXT, m.start("v"), m.end("v"), "date_of_birth"))
