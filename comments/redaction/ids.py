"""Identifiers tied to a person: claim, record, member, licence numbers, ..."""

from __future__ import annotations

from .common import P_CONTEXT, Candidate, at_word_start, has_any, rx

# -- ID numbers --------------------------------------------------------------
_NO = r"(?:\s+(?:number|no\.?|num|#|id))?"
_ID_WORD = (
    "(?:"
    + "|".join(
        [
            rf"claim{_NO}",
            rf"va\s+(?:claim|file|id){_NO}",
            rf"c-?file{_NO}",
            r"file\s+(?:number|no\.?|#)",
            r"c-?number",
            r"mrn",
            rf"medical\s+record{_NO}",
            r"patient\s+(?:id|number|#)",
            r"chart\s+(?:number|no\.?|#)",
            r"record\s+(?:number|no\.?|#)",
            rf"dod\s+(?:id|benefits?\s+number){_NO}",
            r"edipi",
            r"dbn",
            rf"medicare{_NO}",
            r"mbi",
            rf"medicaid{_NO}",
            rf"tricare{_NO}",
            r"insurance\s+(?:member\s+)?(?:id|number|no\.?|#)",
            r"member\s+(?:id|number|no\.?|#)",
            r"subscriber\s+(?:id|number)",
            r"policy\s+(?:number|no\.?|#)",
            r"military\s+(?:service\s+)?(?:id|number)",
            r"service\s+(?:number|no\.?|#)",
            r"serial\s+(?:number|no\.?)",
            r"veteran\s+id",
            r"id\s?(?:number|no\.?|#|card|:)",
            rf"driver['’]?s?\s+licen[cs]e{_NO}",
            rf"driving\s+licen[cs]e{_NO}",
            r"dl(?![a-z])(?:\s?#|\s+number|:)?",
            r"licen[cs]e\s+(?:number|no\.?|#)",
            rf"passport{_NO}",
            r"icn",
            r"integration\s+control\s+number",
            r"account\s+(?:number|no\.?|#)",
        ]
    )
    + ")"
)
_ID_CONTEXT_RE = rx(
    rf"{_ID_WORD}"
    r"(?:[\s:#=-]|is\b|was\b|number\b|no\.|id\b|card\b|member\b|insurance\b"
    r"|beneficiary\b)*"
    r"(?<![\w-])(?P<v>\d{2,5}(?: \d{2,5}){1,4}(?![\w-])"
    r"|c[\s-]?\d(?:\s?\d){6,8}(?![\w-])"
    r"|[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*)"
)
# VA Integration Control Number and Medicare Beneficiary Identifier have
# formats distinctive enough to need no context.
_ICN_RE = rx(r"\d(?<![\w-]\d)\d{9}v\d{6}(?![\w-])")
_MBI_RE = rx(
    r"[1-9](?<![\w-][1-9])[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?"
    r"[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d\d(?![\w-])"
)
# Cheap substring test run before _ID_CONTEXT_RE: one of these is part of
# every keyword that regex knows.
_ID_HINTS = (
    "claim",
    "file",
    "mrn",
    "record",
    "chart",
    "dod",
    "edipi",
    "dbn",
    "medic",
    "mbi",
    "tricare",
    "member",
    "subscriber",
    "policy",
    "military",
    "serial",
    "service n",
    "service #",
    "veteran id",
    "va id",
    "id n",
    "id#",
    "id #",
    "id:",
    "id :",
    "id card",
    "licen",
    "dl",
    "passport",
    "icn",
    "integration",
    "account",
    "c-number",
    "c number",
)
_YEAR_RANGE_RE = rx(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d")


def find_ids(text: str, low: str, long_number: bool, out: list[Candidate]) -> None:
    if has_any(low, _ID_HINTS):
        _find_context_ids(low, out)
    if long_number:
        for m in _ICN_RE.finditer(low):
            out.append((P_CONTEXT, m.start(), m.end(), "id_number"))
    if "medicare" in low or "mbi" in low or "beneficiary" in low:
        for m in _MBI_RE.finditer(text.upper()):
            out.append((P_CONTEXT, m.start(), m.end(), "id_number"))


def _find_context_ids(low: str, out: list[Candidate]) -> None:
    for m in _ID_CONTEXT_RE.finditer(low):
        if not at_word_start(low, m.start()):
            continue
        value = m.group("v")
        n = sum(c.isdigit() for c in value)
        letters = sum(c.isalpha() for c in value)
        # Years, counts and short numbers after "claim" or "passport" are
        # not identifiers ("filed a claim in 2019").
        if n < 5 and not (n >= 2 and letters and len(value) >= 7):
            continue
        if _YEAR_RANGE_RE.fullmatch(value):
            continue
        out.append((P_CONTEXT, m.start("v"), m.end("v"), "id_number"))
