"""Context cues: what a writer says about a number makes it personal.

"My SSN", "last four", "MRN", "patient number", "state ID", "A-number",
"claim", "member ID", "call me at": after such a cue, the identifier-shaped
token that follows is removed whatever its format, even one no detector
knows ("MRN: 00-48-29-13", "A# 0-123-456-78", "state id N4410-22-9").

The kind comes from the cue. The detectors of each kind know the common
formats and run first; a cue only adds what they did not claim.
"""

from __future__ import annotations

from .common import P_CONTEXT, P_FORMAT, Candidate, guarded, rx

__all__ = ["find_cued"]

_NO = r"(?:\s*(?:number|numbers|num|no\.?|nbr|#|id))?"
_CUES: dict[str, tuple[str, ...]] = {
    "ssn": (
        r"ssn",
        r"ssan",
        r"s\.s\.(?:a\.)?n\.?",
        r"ss\s?#",
        r"social(?:\s+security)?" + _NO,
        r"seguro\s+social",
        r"soc\.?\s*sec\.?" + _NO,
    ),
    "id_number": (
        r"mrn",
        r"medical\s+record" + _NO,
        r"patient\s+(?:id|number|no\.?|#|account|acct)",
        r"chart\s+(?:number|no\.?|#)",
        r"(?:va\s+)?claim" + _NO,
        r"c-?file" + _NO,
        r"(?:va\s+)?file\s+(?:number|no\.?|#)",
        r"case\s+(?:number|no\.?|#)",
        r"member\s+(?:id|number|no\.?|#)",
        r"subscriber\s+(?:id|number|no\.?|#)",
        r"policy\s+(?:number|no\.?|#)",
        r"medicare" + _NO,
        r"medicaid" + _NO,
        r"tricare" + _NO,
        r"dod\s+id" + _NO,
        r"edipi",
        r"state\s+id" + _NO,
        r"id\s+card" + _NO,
        r"(?:my|his|her)\s+id" + _NO,
        r"driver'?s?\s+licen[cs]e" + _NO,
        r"licen[cs]e\s+(?:number|no\.?|#)",
        r"passport" + _NO,
        r"a-(?:number|no\.?|#)",
        r"a\s?#",
        r"alien\s+(?:registration\s+)?(?:number|no\.?|#)",
        r"uscis" + _NO,
        r"green\s+card" + _NO,
        r"service\s+(?:number|no\.?|#)",
        r"serial\s+(?:number|no\.?|#)",
        r"account" + _NO,
        r"acct" + _NO,
        r"icn",
        r"veteran\s+id",
        r"va\s+id",
        r"va\s?#",
        r"benefits?\s+id",
        r"va\s+(?:number|no\.)",
        r"(?:my|his|her)\s+a\s+number",
        r"n[uú]mero\s+de\s+(?:caso|reclamo|expediente|paciente|miembro|servicio"
        r"|seguro|licencia|pasaporte|identificaci[oó]n|afiliado)",
        r"reclamo",
        r"expediente",
        # Abroad: health and national numbers.
        r"nhs" + _NO,
        r"national\s+insurance" + _NO,
        r"ni\s+(?:number|no\.?)",
        r"(?:social\s+insurance|sin)\s+(?:number|no\.?|#)",
        r"health\s+(?:card|number|insurance)" + _NO,
        r"ohip" + _NO,
        r"[a-z]*versicherungsnummer",
        r"(?:steuer|personal)[-\s]?(?:id|ausweis)" + _NO,
        r"philhealth" + _NO,
        r"sss" + _NO,
        r"tin" + _NO,
        r"umid" + _NO,
        r"curp",
        r"rfc",
    ),
    "phone": (
        r"(?:cell|mobile|home|work|office|direct)?\s?(?:phone|ph|tel|telephone)" + _NO,
        r"cell" + _NO,
        r"mobile" + _NO,
        r"(?:call|text|ring|reach|contact)\s+(?:me|us|him|her)(?:\s+(?:at|on))?",
        r"(?:my|home|work|direct)\s+(?:number|digits|line|#)",
        r"voicemail",
        r"whatsapp",
        r"tel[eé]fono",
        r"celu(?:lar)?",
        r"cel",
        r"m[oó]vil",
        r"ll[aá]m(?:ame|enme|eme)(?:\s+al)?",
        r"(?:llamar|llamen|contactar(?:me)?|escribir(?:me)?)(?:\s+\w+){0,3}\s+al",
        r"fax",
    ),
}
# Any few short words may stand between a cue and its value ("my SSN is:",
# "service number from the Army was", "Medicare, his is").
_JOIN = r"(?:[\s:#=.,(\[-]|[a-zà-ÿ']{1,12}(?![a-zà-ÿ])){0,16}?"
# An identifier: groups of letters and digits, each group holding a digit,
# joined by single separators ("00-48-29-13", "N4410-22-9", "a0123 456 78").
_NOT_PREFIX = (
    r"(?!(?:is|was|are|of|my|no|it|at|on|to|the|and|its|his|her|as|in|by|for|or"
    r"|an|a|we|he|she|i|me|so|til|set|per|x|es|al|el|la|de|del|y|mi|su|un|por)\b)"
)
# Scanned from its first digit (fast), then extended back over the letters
# and prefix before it (_HEAD_RE).
_VALUE_RE = rx(
    r"\d[a-z0-9]*(?:(?:[ ./-]|\s-\s|\)\s?)(?:[a-z]{1,2}\s)?[a-z0-9]{0,3}\d[a-z0-9]*)*"
    r"(?![\w-]|[.,]\d)"
)
_HEAD_RE = rx(
    rf"(?<![\w-])(?:{_NOT_PREFIX}(?P<pre>[a-z]{{1,3}})[\s-]|(?:[a-z]{{1,6}}-){{1,3}})?"
    r"[a-z]{0,6}\(?\Z"
)
# Each kind's cues, read backwards from a value: the window before it must
# end with a cue and the joining words.
_CUE_BEFORE_RE = {
    kind: rx(rf"(?<![a-z0-9])(?:{'|'.join(cues)})(?![a-z]){_JOIN}\Z")
    for kind, cues in _CUES.items()
}
_WINDOW = 48
_CHAIN_RE = rx(
    r"[\s,;/()]*(?:or|and|not|maybe|sorry|i\s+mean|or\s+maybe|also|then)"
    r"[\s,;:()-]*(?:it'?s|is)?\s*"
)


# "last four 4410", "last 4 digits: 4410", "last four of my card 1234".
_LAST_FOUR_RE = rx(
    r"last\s+(?:4|four)(?:\s+(?:digits?|numbers?|nos?\.?))?"
    r"(?:\s+(?:of|on|from)\s+(?:my|the|his|her|our)?\s*(?P<what>[a-z]+(?:\s[a-z]+)?))?"
    r"[^\d\n]{0,12}?(?<![\d-])(?P<v>\d{4})(?![\d-])"
)
_CARD_WORDS = ("card", "visa", "mastercard", "amex", "debit", "credit", "discover")
_MIN_DIGITS = {"ssn": 4, "id_number": 4, "phone": 7}
# A version ("121.0.6167.85") or a date ("filed 03/14/2019") is no identifier.
_NOT_AN_ID_RE = rx(
    r"(?=\d+\.\d+\.\d)\d+(?:\.\d+)*\.\d{1,2}(?!\d)(?:\.\d+)*"
    r"|[0-3]?\d[./-][0-3]?\d[./-](?:19|20)?\d\d"
)
_YEAR_RE = rx(r"(?:19|20)\d\d(?:\s?-\s?(?:19|20)?\d\d)?")


def find_cued(text: str, low: str, out: list[Candidate]) -> None:
    """Append the identifiers that a context cue points at."""
    last_end, last_kind = -1, ""
    for m in _VALUE_RE.finditer(low):
        if sum(map(str.isdigit, m.group())) < 4:
            continue
        head = _HEAD_RE.search(low, max(0, m.start() - 24), m.start())
        if head is None:
            continue
        start = head.start()
        # A letter prefix ("RA 15 482 336", "XKW 2231 0887") is part of the
        # identifier when short or typed in capitals; "see 130/85" is prose.
        pre = head.group("pre")
        if pre and len(pre) > 2 and not text[head.start() : head.end("pre")].isupper():
            start = head.end("pre") + 1
        value = low[start : m.end()]
        digits = sum(map(str.isdigit, value))
        if digits < 4 or _YEAR_RE.fullmatch(value.split()[-1]):
            continue
        if _NOT_AN_ID_RE.fullmatch(value) or guarded(low, start):
            continue
        # "C-31 447 902 or maybe C-31 447 209": a second value of the kind.
        if (
            last_kind
            and digits >= _MIN_DIGITS[last_kind]
            and _CHAIN_RE.fullmatch(low, last_end, start)
        ):
            out.append((_priority(digits), start, m.end(), last_kind))
            last_end = m.end()
            continue
        window = low[max(0, start - _WINDOW) : start]
        for kind, pattern in _CUE_BEFORE_RE.items():
            if digits < _MIN_DIGITS[kind] or (kind == "phone" and digits > 15):
                continue
            if pattern.search(window):
                out.append((_priority(digits), start, m.end(), kind))
                last_end, last_kind = m.end(), kind
                break
    if "last" in low:
        for m in _LAST_FOUR_RE.finditer(low):
            what = m.group("what") or ""
            kind = "credit_card" if any(w in what for w in _CARD_WORDS) else "ssn"
            out.append((P_CONTEXT, m.start("v"), m.end(), kind))


def _priority(digits: int) -> int:
    # A short number after a far cue ("the social security office on 1234
    # Main St") yields to the format rules: the address is the better read.
    return P_CONTEXT - 5 if digits >= 7 else P_FORMAT - 5
