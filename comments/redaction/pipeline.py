"""The redactor's pipeline: normalise, detect, keep what is public, resolve.

1. :func:`~.normalise.normalise` rewrites numbers into one spelling
   (spelled-out digits, O for zero, spaces between digits, fullwidth forms)
   and remembers where each character came from.
2. The detectors, one module per kind, propose candidates: validated formats
   (Luhn for cards, the SSA's rules for SSNs, ``ipaddress``, ``phonenumbers``
   for international numbers), and context cues ("my SSN", "last four",
   "MRN", "DOB", "e-mail me at") that take the identifier after them in a
   format no detector knows (:mod:`.cues`).
3. Public numbers (:mod:`.public`) are dropped: they are kept in the text.
4. Overlaps are resolved: a number explained by its context beats the same
   digits read as a bare format.
5. The safety net (:mod:`.net`) removes what is still shaped like an
   identifier and nothing explains as safe.
"""

from __future__ import annotations

from .addresses import find_addresses
from .birthdates import find_dobs
from .cards import find_cards, find_ips
from .common import DIGIT_RE, LONG_NUMBER_RE, Candidate, lower
from .cues import find_cued
from .emails import find_emails
from .ids import find_ids
from .net import find_unexplained
from .normalise import normalise
from .phones import find_phones
from .public import DEFAULT_PUBLIC_NUMBERS, is_public, is_public_address
from .result import LABELS, Finding, Redaction
from .ssns import find_masked_ssns, find_ssns

__all__ = ["find", "redact"]

# Kinds whose value may be a public line rather than a person's number.
_NUMBER_KINDS = frozenset({"phone", "number", "id_number"})


def find(
    text: str, *, public_numbers: frozenset[str] = DEFAULT_PUBLIC_NUMBERS
) -> tuple[Finding, ...]:
    """Personal data in ``text``: non-overlapping findings in text order."""
    if not text:
        return ()
    norm = normalise(text)
    found = _find(norm.text, public_numbers)
    if norm.starts is None:
        return found
    merged: list[Finding] = []
    for f in found:
        start, end = norm.original(f.start, f.end)
        if merged and start < merged[-1].end:
            last = merged.pop()
            start, end = last.start, max(end, last.end)
            f = last
        merged.append(Finding(f.kind, start, end))
    return tuple(merged)


def _find(text: str, public: frozenset[str]) -> tuple[Finding, ...]:
    low = lower(text)
    candidates: list[Candidate] = []
    kept: list[tuple[int, int]] = []
    if "@" in low or "at" in low or "arroba" in low:
        find_emails(text, low, candidates)
    if DIGIT_RE.search(low):
        long_number = LONG_NUMBER_RE.search(low) is not None
        find_ssns(low, long_number, candidates)
        find_masked_ssns(low, candidates)
        find_ids(text, low, long_number, candidates)
        find_dobs(low, candidates)
        find_cards(low, long_number, candidates)
        find_ips(low, candidates)
        find_phones(text, low, long_number, candidates)
        find_addresses(low, candidates)
        find_cued(text, low, candidates)
        kept = [
            (c[1], c[2])
            for c in candidates
            if (c[3] in _NUMBER_KINDS and is_public(low[c[1] : c[2]], public))
            or (c[3] == "street_address" and is_public_address(low[c[1] : c[2]]))
        ]
        if kept:
            candidates = [c for c in candidates if (c[1], c[2]) not in kept]
    findings = _resolve(candidates) if candidates else []
    if DIGIT_RE.search(low):
        extra = find_unexplained(low, findings, kept, public)
        if extra:
            findings = sorted([*findings, *extra], key=lambda f: f.start)
    return tuple(findings)


def _resolve(candidates: list[Candidate]) -> list[Finding]:
    """Keep non-overlapping candidates: higher priority first, then longer."""
    chosen: list[Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c[0], c[1] - c[2], c[1])):
        _, s, e, _ = cand
        if all(e <= cs or s >= ce for _, cs, ce, _ in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c[1])
    return [Finding(kind, s, e) for _, s, e, kind in chosen]


def redact(
    text: str, *, public_numbers: frozenset[str] = DEFAULT_PUBLIC_NUMBERS
) -> Redaction:
    """Return ``text`` with personal data replaced by labels, and the findings.

    ``public_numbers`` (canonical digits, see :func:`.public.public_numbers`)
    are kept wherever they appear; the site passes the editors' list.
    """
    findings = find(text, public_numbers=public_numbers)
    if not findings:
        return Redaction(text, ())
    parts: list[str] = []
    pos = 0
    for f in findings:
        parts.append(text[pos : f.start])
        parts.append(LABELS[f.kind])
        pos = f.end
    parts.append(text[pos:])
    return Redaction("".join(parts), findings)
