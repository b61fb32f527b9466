"""The safety net: an identifier nothing explains is removed as a number.

No list of formats is complete: a reader will type a number in a way no
detector knows and with no cue before it ("call 0781 234 567", a licence
number "WDLKX82J901B" on its own line). After the detectors have run, any
token still shaped like an identifier (seven or more digits in a row, or a
code of letters and five or more digits) is removed as "[number removed]",
unless something explains it as safe:

- a guard word before it (ISBN, version, build, form, model, part, order,
  tracking, confirmation, invoice, ...);
- its shape: a dotted version ("120.0.6099.109"), a valid ISBN, a range of
  years, a date, shift hours ("2300-0700"), a VA form number ("21-526EZ"),
  a decimal measurement, an amount ("$1,250,000"), a public number
  (:mod:`.public`), a code with a word in it ("covid-2019").

Redacting beats holding here: a long number is rarely what a comment is
about, and holding every comment that has one would leave readers waiting
for a moderator.
"""

from __future__ import annotations

from stdnum import isbn

from .common import GUARD_RE, Candidate, rx
from .public import is_public
from .result import Finding

__all__ = ["find_unexplained"]

# An area code in parentheses belongs to the run: "(02) 8555 0142".
_RUN_RE = rx(
    r"(?:\+|\(\d{1,4}\)\s?)?\d(?<![\w$.,/:-]\d)(?:[ .-]?\d){6,}(?![\w]|[.,:/-]\d)"
)
_CODE_RE = rx(
    r"(?<![\w.$/-])(?=[a-z0-9-]{7,}(?![\w]))(?=(?:[a-z-]*\d){5})"
    r"(?=[0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*(?![\w-])"
)
_GUARD_MORE_RE = rx(
    r"\b(?:order|tracking|track|confirmation|conf|invoice|receipt|item|sku|upc"
    r"|asin|ref|reference|ticket|flight|serial\s+on\s+the|batch|lot|isbn-?13"
    r"|patent|catalog|cat|kit|sn|formulario|forma|pedido|orden|rastreo|gu[ií]a)"
    r"(?:\s+(?:number|no\.?|#|id))?(?:\s+[a-z]{1,8}){0,2}[ \t:#.-]*\Z"
)
# A code with a word in it ("load-09-0000", "covid-2019") is a label.
_WORD_PART_RE = rx(r"(?:^|(?<=-))[a-z]{3,}(?=-)|(?<=-)[a-z]{3,}(?![\w])")
_LEAD_GROUPS_RE = rx(r"(?:(?<![\w])(?=[a-z]{0,3}\d)[a-z0-9]{1,4}\s)+\Z")
# A dotted version, but not a dotted phone number (555.123.4567).
# (a group of one or two digits: a dotted phone number has none).
_VERSION_RE = rx(r"(?=\d+\.\d+\.\d)\d+(?:\.\d+)*\.\d{1,2}(?!\d)(?:\.\d+)*")
_YEARS_RE = rx(r"(?:19|20)\d\d\s?-\s?(?:19|20)\d\d")
_DATE_RE = rx(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
# VA form numbers: 21-526EZ, 10-10EZ, 21-0781.
_FORM_RE = rx(r"\d\d[a-z]?-\d{2,4}[a-z]{0,3}")
# A measurement with decimals: "122.6784° W", "1234.5678 mg".
_DECIMAL_RE = rx(r"\d{1,6}\.\d{1,6}")
_HOURS_RE = rx(r"[0-2]\d[0-5]\d\s?-\s?[0-2]\d[0-5]\d")


def _explained(low: str, start: int, end: int, public: frozenset[str]) -> bool:
    value = low[start:end]
    # Code groups before the number belong to it ("1z 9r4 w81 03 4471 2290").
    lead = _LEAD_GROUPS_RE.search(low, max(0, start - 24), start)
    if lead:
        start = lead.start()
    before = low[max(0, start - 24) : start]
    if GUARD_RE.search(before) or _GUARD_MORE_RE.search(before):
        return True
    if start and low[start - 1] == "$":
        return True
    digits = "".join(c for c in value if c.isdigit())
    return bool(
        _VERSION_RE.fullmatch(value)
        or _YEARS_RE.fullmatch(value)
        or _DATE_RE.fullmatch(value)
        or _HOURS_RE.fullmatch(value)
        or _DECIMAL_RE.fullmatch(value)
        or _FORM_RE.fullmatch(value)
        or (len(digits) == 13 and isbn.is_valid(digits))
        or is_public(digits, public)
    )


def find_unexplained(
    low: str,
    findings: list[Finding],
    kept: list[tuple[int, int]],
    public: frozenset[str],
) -> list[Finding]:
    """Identifier-shaped tokens outside ``findings`` and ``kept`` (public
    numbers) that nothing explains."""
    taken = [*kept, *((f.start, f.end) for f in findings)]
    extra: list[Finding] = []
    spans: list[Candidate] = []
    spans += ((0, m.start(), m.end(), "number") for m in _RUN_RE.finditer(low))
    if any(c.isalpha() for c in low):
        spans += ((0, m.start(), m.end(), "number") for m in _CODE_RE.finditer(low))
    for _, start, end, kind in sorted(spans, key=lambda s: s[1]):
        if any(s < end and start < e for s, e in taken):
            continue
        if _WORD_PART_RE.search(low[start:end]):
            continue
        if _explained(low, start, end, public):
            continue
        taken.append((start, end))
        extra.append(Finding(kind, start, end))
    return extra
