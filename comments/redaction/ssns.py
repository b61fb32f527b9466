"""Social Security numbers: dashed anywhere, bare or "last four" after a cue."""

from __future__ import annotations

from .common import (
    P_CONTEXT,
    P_FORMAT,
    Candidate,
    at_word_start,
    digits,
    guarded,
    has_any,
    rx,
)

# -- SSN -------------------------------------------------------------------
_SSN_DASHED_RE = rx(r"\d(?<![\w-]\d)\d\d(?P<s>[- ])\d\d(?P=s)\d{4}(?![\w-])")
_SSN_WORD = (
    r"(?:ssn|ssan|s\.s\.(?:a\.)?n\.?|ss\s?#|ss\s+(?:number|no\.?)"
    r"|soc\.?\s+sec\.?(?:\s+(?:number|no\.?|#))?"
    r"|social(?:\s+security)?(?:\s+(?:number|no\.?|num|#))?)"
)
_SSN_CONTEXT_RE = rx(
    rf"{_SSN_WORD}[^\d\n]{{0,30}}?"
    r"(?<![\d-])(?P<v>\d{3}[- .]?\d{2}[- .]?\d{4})(?![\d-]|\.\d)"
)
_SSN_AFTER_RE = rx(
    r"\d(?<![\w-]\d)(?P<v>\d\d[- ]?\d\d[- ]?\d{4})(?![\d-])"
    r"\s?[,(:-]?\s?(?:is|=|was)?\s?(?:my|his|her|our|the)?\s?"
    r"(?:ssn|ssan|social(?:\s+security)?)\b"
)
_SSN_LAST4_RE = rx(
    r"(?:"
    r"last\s+(?:4|four)(?:\s+(?:digits|numbers|nos?\.?))?\s+(?:of\s+)?"
    rf"(?:my\s+|the\s+|his\s+|her\s+)?{_SSN_WORD}"
    rf"|{_SSN_WORD}\s+(?:ending|ends)\s+(?:in|with)"
    r")[^\d\n]{0,15}?(?<!\d)(?P<v>\d{4})(?!\d)"
)
_SSN_HINTS = ("ss", "soc", "s.s.")
_SSN_MASKED_RE = rx(r"(?:x{3}|\*{3}|#{3})[- ]?(?:x{2}|\*{2}|#{2})[- ]?\d{4}(?!\d)")


def find_masked_ssns(low: str, out: list[Candidate]) -> None:
    if "xx" not in low and "**" not in low and "##" not in low:
        return
    for m in _SSN_MASKED_RE.finditer(low):
        if at_word_start(low, m.start()):
            out.append((P_CONTEXT, m.start(), m.end(), "ssn"))


def find_ssns(low: str, long_number: bool, out: list[Candidate]) -> None:
    if long_number:
        for m in _SSN_DASHED_RE.finditer(low):
            if _ssn_valid(digits(m.group())) and not guarded(low, m.start()):
                out.append((P_FORMAT, m.start(), m.end(), "ssn"))
    if not has_any(low, _SSN_HINTS):
        return
    for pattern in (_SSN_CONTEXT_RE, _SSN_LAST4_RE):
        for m in pattern.finditer(low):
            if at_word_start(low, m.start()):
                out.append((P_CONTEXT, m.start("v"), m.end("v"), "ssn"))
    if long_number:
        for m in _SSN_AFTER_RE.finditer(low):
            out.append((P_CONTEXT, m.start(), m.end("v"), "ssn"))


def _ssn_valid(digits: str) -> bool:
    # Not stdnum.us.ssn: it also refuses the numbers printed in adverts
    # (078-05-1120), which readers copy and which must still be removed.
    # SSA never issues area 000, 666 or 900-999, group 00 or serial 0000.
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return (
        area not in ("000", "666")
        and area[0] != "9"
        and group != "00"
        and serial != "0000"
    )
