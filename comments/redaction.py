"""Find and remove personal data from reader comments before they are stored.

The comment form promises readers that personal data (SSNs, phone numbers,
addresses, ...) will be deleted for their protection, so every comment passes
through :func:`redact` before it is saved.  The result keeps the original
offsets of what was found (for audit and for tests) and the redacted text
with a readable label in place of each finding; :func:`describe_removed`
turns the kinds found into a sentence to show the commenter.

This module is deliberately pure: no Django, no database, no settings, and
every regular expression is compiled once at import, so it can run on each
comment (and in bulk re-scans) cheaply.

Detection is rule based.  Formats that are unambiguous on their own (an
e-mail address, a Luhn-valid card number, a dashed SSN, a North American
phone number, an address line ending in a street suffix, an IP address that
the stdlib ``ipaddress`` accepts) are matched everywhere.  Bare numbers that
are only personal data because of what the writer says about them (a
9-digit SSN, a claim or record number, a birth date) are matched only after a
context keyword.  Look-alikes such as times, scripture references, versions,
acupressure point codes, prices and historical dates are never matched by
these rules, and a few explicit guards (ISBN, software versions) cover the
formats that would otherwise collide.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers

__all__ = [
    "KINDS",
    "LABELS",
    "Finding",
    "Redaction",
    "describe_removed",
    "find",
    "redact",
]

LABELS: dict[str, str] = {
    "ssn": "[SSN removed]",
    "phone": "[phone number removed]",
    "email": "[email address removed]",
    "street_address": "[address removed]",
    "date_of_birth": "[birth date removed]",
    "id_number": "[ID number removed]",
    "credit_card": "[card number removed]",
    "ip_address": "[IP address removed]",
}

# The order in which kinds are listed in ``Redaction.kinds`` and in the
# sentence shown to the commenter.
KINDS: tuple[str, ...] = tuple(LABELS)

_NOUNS: dict[str, str] = {
    "ssn": "a Social Security number",
    "phone": "a phone number",
    "email": "an email address",
    "street_address": "an address",
    "date_of_birth": "a birth date",
    "id_number": "an ID number",
    "credit_card": "a card number",
    "ip_address": "an IP address",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: ``text[start:end]`` of the original text."""

    kind: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return LABELS[self.kind]


@dataclass(frozen=True, slots=True)
class Redaction:
    """The redacted text plus what was removed (offsets into the original)."""

    text: str
    findings: tuple[Finding, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        """Distinct kinds found, in the fixed order of :data:`KINDS`."""
        found = {f.kind for f in self.findings}
        return tuple(k for k in KINDS if k in found)

    def __bool__(self) -> bool:
        return bool(self.findings)


def describe_removed(kinds: Iterable[str]) -> str:
    """Sentence telling the commenter what was removed, or "" if nothing was.

    >>> describe_removed(["phone", "email"])
    'We removed a phone number and an email address from your comment to protect your privacy.'
    """  # noqa: E501
    wanted = set(kinds)
    nouns = [_NOUNS[k] for k in KINDS if k in wanted]
    nouns += sorted(f"some {k.replace('_', ' ')}" for k in wanted - set(KINDS))
    if not nouns:
        return ""
    if len(nouns) == 1:
        listed = nouns[0]
    else:
        listed = ", ".join(nouns[:-1]) + " and " + nouns[-1]
    return f"We removed {listed} from your comment to protect your privacy."


# ---------------------------------------------------------------------------
# Patterns
#
# Every pattern runs on a length-preserving lower-case copy of the comment
# (offsets stay valid) and is written without re.IGNORECASE: that, and
# starting each pattern with a literal or a digit class, lets the regex
# engine skip quickly to plausible starting points.  Word boundaries in
# front of keywords are checked in Python (_at_word_start) for the same
# reason.
# ---------------------------------------------------------------------------


def _rx(pattern: str) -> re.Pattern[str]:
    # ASCII classes are markedly faster than Unicode ones, and every format
    # handled here is written with ASCII digits and punctuation.
    return re.compile(pattern, re.ASCII)


# Priorities decide overlaps: a number explained by its context ("SSN:",
# "MRN", "born") beats the same digits read as a bare format (a phone number).
_P_CONTEXT = 90
_P_STRONG = 80
_P_FORMAT = 70
_P_PHONE = 60
_P_WEAK = 50

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d|'\d\d)"
_DATE = (
    r"(?:"
    rf"{_MONTH}\s+{_DAY}\b(?:,?\s*{_YEAR})?"
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR})?"
    r"|[01]?\d[/.-][0-3]?\d[/.-](?:\d{4}|\d\d)"
    r"|(?:19|20)\d\d[/.-][01]?\d[/.-][0-3]?\d"
    rf"|{_MONTH}\s+(?:19|20)\d\d"
    r")(?![\d/-]|\.\d)"
)

_US_STATES = (
    r"alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|"
    r"florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|"
    r"louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|"
    r"missouri|montana|nebraska|nevada|new\s+hampshire|new\s+jersey|"
    r"new\s+mexico|new\s+york|north\s+carolina|north\s+dakota|ohio|oklahoma|"
    r"oregon|pennsylvania|rhode\s+island|south\s+carolina|south\s+dakota|"
    r"tennessee|texas|utah|vermont|virginia|washington|west\s+virginia|"
    r"wisconsin|wyoming|district\s+of\s+columbia|puerto\s+rico|guam"
)
_US_STATE_CODES = (
    "al|ak|az|ar|ca|co|ct|de|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|"
    "mo|mt|ne|nv|nh|nj|nm|ny|nc|nd|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|"
    "wi|wy|dc|pr|gu|vi|ap|ae|aa"
)
_STATE = rf"(?:(?:{_US_STATES})\b|(?:{_US_STATE_CODES})\b\.?)"
# State codes that are also common English words ("or", "in", "me", "hi").
_AMBIGUOUS_STATE_CODES = "al|de|hi|id|in|la|ma|me|oh|ok|or|pa|co|mo|ne|va|wa"
# A state that cannot be read as a word, or any state between commas after a
# city ("Hilo, HI, ..."), needs no ZIP or end of phrase behind it.
_STATE_SAFE = (
    rf"(?:(?:{_US_STATES})\b"
    rf"|(?!(?:{_AMBIGUOUS_STATE_CODES})\b)(?:{_US_STATE_CODES})\b\.?)"
)
_ZIP = r"\d{5}(?:-\d{4})?(?!\d)"
# City: one to three words; the state after it is what makes it a city.
_CITY = r"[a-z][a-z.'-]*(?:\s[a-z][a-z.'-]*){0,2}"
# Words that start prose, not a city name ("12 Oak St and Washington ...").
_CITY_STOP = "and|or|in|on|at|the|to|but|near|from|with|by|for|then|so|if"
# Without a ZIP the state must end the phrase, so "Salem or Portland" is not
# read as "Salem, OR".
_TAIL = (
    r"(?:"
    rf",?\s+{_CITY}(?:,\s*|\s+){_STATE}(?:,?\s+{_ZIP}|(?=\s*(?:[.,;:!?)\n]|$)))"
    rf"|,\s*{_CITY},\s*(?:{_STATE_SAFE}|(?:{_US_STATE_CODES})\b)(?!['-])"
    rf"|,?\s+(?!(?:{_CITY_STOP})\b){_CITY}(?:,\s*|\s+){_STATE_SAFE}(?!['-])"
    rf"|,?\s+{_STATE}\s+{_ZIP}"
    rf"|,?\s+{_ZIP}"
    r")?"
)
_SUFFIX = (
    r"(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|way|"
    r"court|ct|circle|cir|place|pl|terrace|ter|parkway|pkwy|highway|hwy|loop|"
    r"trail|trl|square|sq|plaza|plz|pike|alley|aly|crescent|cres|row|path|"
    r"ridge|crossing|xing|expressway|expy|freeway|fwy|causeway|cove|cv|grove|"
    r"heights|hts|hollow|landing|mews|broadway|turnpike|tpke)\b\.?"
)
_DIRECTION = (
    r"(?:[ns]\.\s?[ew]\.?(?!\w)|(?:north|south|east|west|northeast|northwest|"
    r"southeast|southwest|n|s|e|w|ne|nw|se|sw)\b\.?)"
)
# Words that never belong to a street name; they stop "walked 3 miles down
# the road" or "2 cun up the best way" from looking like an address.
_STREET_STOP = (
    "a|an|the|of|to|in|on|at|for|and|or|but|nor|my|your|our|his|her|their|its|"
    "is|was|are|were|be|been|it|this|that|these|those|with|up|down|by|from|per|"
    "each|every|x|i|we|you|he|she|they|me|us|them|not|no|so|as|if|then|than|"
    "also|just|only|more|most|less|some|all|any|about|around|into|over|after|"
    "before|between|through|times|time|reps?|sets?|minutes?|mins?|seconds?|"
    "secs?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|miles?|mi|steps?|laps?|"
    "lbs?|pounds?|kg|kgs|kilos?|degrees?|percent|cun|inch|inches|feet|foot|ft|"
    "oz|mg|ml|cm|mm|km|am|pm|others?|different|old|new|out|off|back|again|"
    "did|do|does|have|has|had|get|got|go|went|take|took|easy|easier|simple|"
    "best|good|great|better|right|wrong|whole|long|short|hard|same|quick|fast|"
    "slow|little|big|small|other|one|two|three|four|five|six|ten|extra|full"
)
_STREET_WORD = rf"(?!(?:{_STREET_STOP})\b)(?:[a-z][a-z'-]*\.?|\d+(?:st|nd|rd|th))"
_UNIT = (
    r"(?:,?\s*(?:apt|apartment|unit|suite|ste|space|spc|lot|rm|room|bldg|"
    r"building|fl|floor|trlr|dept)\b\.?\s*#?\s*|\s*#\s*)"
    r"(?=[a-z]?\d|[a-z]\b)[a-z0-9]+(?:-[a-z0-9]+)?"
)
# The lookbehind sits after the first digit so the pattern starts with a
# digit class (fast to scan for); it rejects "$20", "12,000", "#5", "I-84".
_STREET_RE = _rx(
    r"\d(?<![\w$#.,/:+-]\d)\d{0,5}(?:-\d{1,5})?[a-z]?(?:\s+1/2)?"
    rf"(?:\s+{_DIRECTION})?"
    r"(?:\s+(?:old|new)(?=\s+[a-z]+\s+[a-z]))?"
    rf"(?:\s+{_STREET_WORD}){{1,4}}?"
    rf"\s+{_SUFFIX}"
    rf"(?:\s+{_DIRECTION}(?!\s*\w))?"
    rf"(?:{_UNIT})?"
    rf"{_TAIL}"
)
# Rural addresses on a numbered road: "12345 Highway 101", "88 County Road 7".
_HIGHWAY_RE = _rx(
    r"\d(?<![\w$#.,/:+-]\d)\d{0,5}\s+"
    rf"(?:{_DIRECTION}\s+)?"
    r"(?:highway|hwy\.?|route|rte\.?|state\s+route|county\s+road|us|sr|fm)"
    r"[\s-]?\d{1,4}[a-z]?\b"
    rf"(?:\s+{_DIRECTION}(?!\s*\w))?(?:{_UNIT})?{_TAIL}"
)
_HIGHWAY_HINTS = (
    "highway",
    "hwy",
    "route",
    "rte",
    "county road",
    " us ",
    " us-",
    " sr ",
    " sr-",
    " fm ",
    " fm-",
)
_POBOX_RE = _rx(
    r"(?:"
    r"p\.?\s?o\.?\s*box|pob|post\s+office\s+box"
    r"|(?:r\.?r\.?|rural\s+route|h\.?c\.?|highway\s+contract|star\s+route)"
    r"\s*#?\s*\d+\s*,?\s*box"
    r")\s*#?\s*\d+(?!\d)"
    rf"{_TAIL}"
)


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# -- e-mail ------------------------------------------------------------------
_EMAIL_TLDS = _words(
    "com net org edu gov mil me us io co uk ca info biz de fr au nz ie in es it "
    "nl se no dk fi ch at be pl jp cn br mx ru za app dev email mail online xyz "
    "site pro name tv cc ly ai"
)
_MAIL_PROVIDERS = _words(
    "gmail googlemail yahoo ymail hotmail outlook live msn aol icloud me mac "
    "comcast att sbcglobal verizon proton protonmail pm charter frontier cox "
    "earthlink juno netzero mail gmx zoho fastmail tutanota hey yandex "
    "bellsouth optonline centurylink windstream spectrum"
)
# Words that precede " at " in ordinary prose ("look at x dot com").
_EMAIL_LOCAL_STOP = _words(
    "me us him her them it this that look looking here there home work "
    "i we you they he she is was are be one"
)
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+-")
# "@", "[at]", "(at)", "{at}", "<at>" and a spelled-out " at ".
_AT_RE = _rx(r"\s?@\s?|[\[({<]\s?at\s?[\])}>]| at ")
_DOT = r"(?:\s?[\[({<]\s?dot\s?[\])}>]\s?| dot | \. |\.)"
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_DOMAIN_RE = _rx(rf"\s?(?P<first>{_LABEL})(?:{_DOT}{_LABEL})+")
_DOT_SPLIT_RE = _rx(_DOT)
# A spelled-out dot inside the local part: "john dot smith at ...".
_LOCAL_DOT_RE = _rx(r"(?:\s?[\[({<]\s?dot\s?[\])}>]\s?| dot | \. )$")
_LOCAL_WORD_RE = _rx(r"[a-z0-9_%+-]+$")

# -- phone -----------------------------------------------------------------
_EXT = r"(?P<ext>\s?,?\s?(?:ext\.?|extension|x)\s?\d{1,5})?"
_PHONE_END = r"(?![\w-]|[.:/]\d)"
# A leading "1" is the country code (NANP area codes never start with 1).
_PHONE_DIGIT_RE = _rx(
    r"\d(?<![\w$#/.:-]\d)"
    r"(?:(?<=1)[\s.-]?(?:\((?P<a1>\d{3})\)\s?|(?P<a2>\d{3})[\s./-]?)"
    r"|(?<=[2-9])\d\d[\s./-]?)"
    rf"(?P<ex>\d{{3}})[\s.-]?\d{{4}}{_EXT}{_PHONE_END}"
)
_PHONE_PAREN_RE = _rx(
    rf"\((?P<a1>\d{{3}})\)\s?(?P<ex>\d{{3}})[\s.-]?\d{{4}}{_EXT}{_PHONE_END}"
)
# Toll-free numbers spelled with capitals ("1-800-VETERANS"); run on the
# original text because the capitals are what tells them from prose.
_PHONE_VANITY_RE = _rx(
    r"8(?:00|88|77|66|55|44|33)\)?[\s.-](?=[A-Z0-9-]*[A-Z])"
    r"[A-Z0-9]{2,8}(?:-[A-Z0-9]{1,8}){0,3}(?![\w-])"
)
_TOLL_FREE = ("800", "888", "877", "866", "855", "844", "833")
# Country code 1 is the NANP, already covered above.
_PHONE_INTL_RE = _rx(r"(?:\+|011[\s.-]?)\s?[2-9]")
_PHONE_CONTEXT_RE = _rx(
    r"(?:phone|cell(?:\s?phone)?|mobile|tel|telephone|fax|whatsapp|"
    r"call\s+me|text\s+me|ring\s+me|reach\s+me|contact\s+me|voicemail|"
    r"my\s+(?:number|line|#)|home\s+(?:number|line|#)|work\s+(?:number|line|#)|"
    r"direct\s+(?:number|line|#))\b"
    r"[^\d\n]{0,25}?"
    r"(?P<num>\(?\+?\d[\d\s().-]{5,18}\d)(?![\d-]|\.\d)"
)

_PHONE_HINTS = (
    "phone",
    "cell",
    "mobile",
    "tel",
    "fax",
    "whatsapp",
    "call me",
    "text me",
    "ring me",
    "reach me",
    "contact me",
    "voicemail",
    "my number",
    "my line",
    "my #",
    "home number",
    "home line",
    "work number",
    "work line",
    "direct",
)

# -- SSN -------------------------------------------------------------------
_SSN_DASHED_RE = _rx(r"\d(?<![\w-]\d)\d\d(?P<s>[- ])\d\d(?P=s)\d{4}(?![\w-])")
_SSN_WORD = (
    r"(?:ssn|ssan|s\.s\.(?:a\.)?n\.?|ss\s?#|ss\s+(?:number|no\.?)"
    r"|soc\.?\s+sec\.?(?:\s+(?:number|no\.?|#))?"
    r"|social(?:\s+security)?(?:\s+(?:number|no\.?|num|#))?)"
)
_SSN_CONTEXT_RE = _rx(
    rf"{_SSN_WORD}[^\d\n]{{0,30}}?"
    r"(?<![\d-])(?P<v>\d{3}[- .]?\d{2}[- .]?\d{4})(?![\d-]|\.\d)"
)
_SSN_AFTER_RE = _rx(
    r"\d(?<![\w-]\d)(?P<v>\d\d[- ]?\d\d[- ]?\d{4})(?![\d-])"
    r"\s?[,(:-]?\s?(?:is|=|was)?\s?(?:my|his|her|our|the)?\s?"
    r"(?:ssn|ssan|social\s+security)\b"
)
_SSN_LAST4_RE = _rx(
    r"(?:"
    r"last\s+(?:4|four)(?:\s+(?:digits|numbers|nos?\.?))?\s+(?:of\s+)?"
    rf"(?:my\s+|the\s+|his\s+|her\s+)?{_SSN_WORD}"
    rf"|{_SSN_WORD}\s+(?:ending|ends)\s+(?:in|with)"
    r")[^\d\n]{0,15}?(?<!\d)(?P<v>\d{4})(?!\d)"
)
_SSN_HINTS = ("ss", "soc", "s.s.")
_SSN_MASKED_RE = _rx(r"(?:x{3}|\*{3}|#{3})[- ]?(?:x{2}|\*{2}|#{2})[- ]?\d{4}(?!\d)")

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
_ID_CONTEXT_RE = _rx(
    rf"{_ID_WORD}"
    r"(?:[\s:#=-]|is\b|was\b|number\b|no\.|id\b|card\b|member\b|insurance\b"
    r"|beneficiary\b)*"
    r"(?<![\w-])(?P<v>\d{2,5}(?: \d{2,5}){1,4}(?![\w-])"
    r"|c[\s-]?\d(?:\s?\d){6,8}(?![\w-])"
    r"|[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*)"
)
# VA Integration Control Number and Medicare Beneficiary Identifier have
# formats distinctive enough to need no context.
_ICN_RE = _rx(r"\d(?<![\w-]\d)\d{9}v\d{6}(?![\w-])")
_MBI_RE = _rx(
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
_YEAR_RANGE_RE = _rx(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d")

# -- dates of birth ------------------------------------------------------------
_DOB_WORD = (
    r"(?:born|d\.?o\.?b\.?|date\s+of\s+birth|birth\s?date|birthday|b-?day"
    r"|birth\s+day)"
)
_DOB_BEFORE_RE = _rx(
    rf"{_DOB_WORD}(?![\w-])[^\d.!?;\n]{{0,25}}?(?<![\w/-])(?P<v>{_DATE})"
)
_DOB_AFTER_RE = _rx(
    rf"(?<![\w/-])(?P<v>{_DATE})\s?[,(:-]?\s?(?:is|was|=)?\s?"
    rf"(?:my|his|her|their|our|the)?\s?(?:'s\s)?{_DOB_WORD}\b"
)
_RECENT_YEAR_RE = _rx(r"20[1-9]\d$")
_DOB_HINTS = ("born", "birth", "dob", "d.o.b", "bday", "b-day")

# -- cards and IP addresses -----------------------------------------------------
_CARD_RE = _rx(
    r"\d(?<![\w.,$/-]\d)(?:"
    r"\d{3}(?P<s1>[ -]?)\d{4}(?P=s1)\d{4}(?P=s1)\d{4}(?:(?P=s1)\d{3})?"
    r"|\d{3}(?P<s2>[ -]?)\d{6}(?P=s2)\d{4,5}"
    r"|\d{12,18}"
    r")(?![\w-]|[.,]\d)"
)
_IPV4_RE = _rx(r"\d(?<![\w.:-]\d)\d{0,2}(?:\.\d{1,3}){3}(?![\w-]|\.\d)")
_IPV6_RE = _rx(
    r"(?<![\w:.])(?=[0-9a-f:]*:[0-9a-f]*:)"
    r"[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?"
    r"(?![\w:]|\.\d)"
)

# Guards: text right before a number that makes it something other than
# personal data (a book number, a software version, a form, a model).
_GUARD_RE = _rx(
    r"\b(?:isbn(?:-1[03])?|issn|version|ver\.?|v|build|chrome|firefox|safari|"
    r"edge|ios|ipados|android|windows|macos|os|firmware|release|form|model|part)"
    # Same line only: a guard word ending the previous line guards nothing.
    r"[ \t:#.-]*\Z"
)
_DIGIT_RE = _rx(r"\d")
# Gates that let most comments skip whole groups of patterns: seven or more
# digits in a row (allowing single separators), and a dotted number.
_LONG_NUMBER_RE = _rx(r"\d(?:[ .-]?\d){6}")
_DOTTED_RE = _rx(r"\d\.\d")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def _lower(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets must hold)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # A few characters (e.g. "İ") lower-case to two code points.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _has_any(low: str, needles: tuple[str, ...]) -> bool:
    return any(map(low.__contains__, needles))


def _at_word_start(low: str, i: int) -> bool:
    return i == 0 or not low[i - 1].isalnum()


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit())


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _ssn_valid(digits: str) -> bool:
    # SSA never issues area 000, 666 or 900-999, group 00 or serial 0000.
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return (
        area not in ("000", "666")
        and area[0] != "9"
        and group != "00"
        and serial != "0000"
    )


def _guarded(low: str, start: int) -> bool:
    return _GUARD_RE.search(low, max(0, start - 16), start) is not None


# ---------------------------------------------------------------------------
# Detectors: each appends (priority, start, end, kind) candidates
# ---------------------------------------------------------------------------
_Candidate = tuple[int, int, int, str]


def _find_emails(text: str, low: str, out: list[_Candidate]) -> None:
    for at in _at_signs(low):
        # Walk back over the local part ("jo.smith+va"), allowing one space
        # before a bracketed "[at]".
        stop = at.start()
        if stop and low[stop - 1] == " " and low[stop] != " ":
            stop -= 1
        i = stop
        while i > 0 and low[i - 1] in _LOCAL_CHARS:
            i -= 1
        while i < stop and not low[i].isalnum():
            i += 1
        local = low[i:stop].rstrip(".")
        if not local or (i > 0 and low[i - 1].isalnum()):
            continue
        spelled_local = (j := _extend_local(low, i)) < i
        i = j
        dom = _DOMAIN_RE.match(low, at.end())
        if dom is None:
            continue
        labels = _DOT_SPLIT_RE.split(dom.group().strip())
        literal_at = "@" in at.group()
        # "look at VA.gov" must survive, so a plain spelled-out " at " needs
        # a spelled-out dot or a well-known mail provider behind it.
        if at.group() == " at ":
            spelled_dot = len(labels) - 1 > dom.group().count(".")
            if local in _EMAIL_LOCAL_STOP:
                continue
            if not (spelled_dot or spelled_local) and (
                dom.group("first") not in _MAIL_PROVIDERS
            ):
                continue
        end = dom.end()
        # Drop trailing labels that are not a top-level domain ("x@y.com.Next").
        while len(labels) > 1 and not _tld_ok(text, labels[-1], end, literal_at):
            label_start = low.rfind(labels.pop(), i, end)
            seps = [
                sep.start()
                for sep in _DOT_SPLIT_RE.finditer(low, i, label_start)
                if sep.end() == label_start
            ]
            end = seps[-1] if seps else label_start
        if len(labels) < 2:
            continue
        out.append((_P_STRONG, i, end, "email"))


def _extend_local(low: str, i: int) -> int:
    """Move ``i`` back over spelled-out dots in the local part."""
    while i:
        sep = _LOCAL_DOT_RE.search(low, max(0, i - 8), i)
        if sep is None:
            break
        word = _LOCAL_WORD_RE.search(low, max(0, sep.start() - 40), sep.start())
        if word is None or word.group() in _EMAIL_LOCAL_STOP:
            break
        if word.start() and low[word.start() - 1] not in " \n\t(:[<\"'":
            break
        i = word.start()
    return i


def _at_signs(low: str) -> list[re.Match[str]]:
    # str.find is much faster than a regex scan for the common " at " case.
    found: list[re.Match[str]] = []
    for needle in ("@", " at ", "at]", "at)", "at}", "at>"):
        i = low.find(needle)
        while i >= 0:
            m = _AT_RE.match(low, max(0, i - 2))
            if m is None:
                m = _AT_RE.match(low, max(0, i - 1)) or _AT_RE.match(low, i)
            if m is not None and m.start() <= i < m.end():
                found.append(m)
            i = low.find(needle, i + 1)
    found.sort(key=lambda m: m.start())
    return found


def _tld_ok(text: str, label: str, end: int, literal_at: bool) -> bool:
    if label in _EMAIL_TLDS:
        return True
    # Any alphabetic TLD after a real "@", unless it was written with a
    # capital (the start of the next sentence run into the address).
    original = text[end - len(label) : end]
    return (
        literal_at
        and label.isalpha()
        and 2 <= len(label) <= 24
        and (original.islower())
    )


def _find_phones(text: str, low: str, long_number: bool, out: list[_Candidate]) -> None:
    patterns = [_PHONE_DIGIT_RE] if long_number else []
    if "(" in low:
        patterns.append(_PHONE_PAREN_RE)
    for rx in patterns:
        for m in rx.finditer(low):
            s = m.start()
            area = (
                m.group("a1")
                or (m.group("a2") if rx is _PHONE_DIGIT_RE else None)
                or low[s : s + 3]
            )
            # NANP area codes and exchanges never start with 0 or 1.
            if area[0] in "01" or m.group("ex")[0] in "01" or _guarded(low, s):
                continue
            if s and low[s - 1] == "+":
                s -= 1
            out.append((_P_PHONE, s, m.end(), "phone"))
    if _has_any(text, _TOLL_FREE):
        for m in _PHONE_VANITY_RE.finditer(text):
            s = m.start()
            if s and (text[s - 1].isalnum() and text[s - 1] != "1"):
                continue
            tail = text[m.start() + 3 : m.end()]
            if sum(c.isalnum() for c in tail) not in (7, 8):
                continue
            while s and text[s - 1] in "1(-. +" and m.start() - s < 4:
                s -= 1
            while text[s] in " ":
                s += 1
            out.append((_P_PHONE, s, m.end(), "phone"))
    if "+" in text or "011" in text:
        _find_international_phones(text, out)
    if not _has_any(low, _PHONE_HINTS):
        return
    for m in _PHONE_CONTEXT_RE.finditer(low):
        if not _at_word_start(low, m.start()):
            continue
        n = len(_digits(m.group("num")))
        if 7 <= n <= 15 and not _guarded(low, m.start("num")):
            out.append((_P_WEAK, m.start("num"), m.end("num"), "phone"))


def _find_international_phones(text: str, out: list[_Candidate]) -> None:
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
                out.append((_P_PHONE, start, start + match.end + shift, "phone"))
            break


def _find_masked_ssns(low: str, out: list[_Candidate]) -> None:
    if "xx" not in low and "**" not in low and "##" not in low:
        return
    for m in _SSN_MASKED_RE.finditer(low):
        if _at_word_start(low, m.start()):
            out.append((_P_CONTEXT, m.start(), m.end(), "ssn"))


def _find_ssns(low: str, long_number: bool, out: list[_Candidate]) -> None:
    if long_number:
        for m in _SSN_DASHED_RE.finditer(low):
            if _ssn_valid(_digits(m.group())) and not _guarded(low, m.start()):
                out.append((_P_FORMAT, m.start(), m.end(), "ssn"))
    if not _has_any(low, _SSN_HINTS):
        return
    for rx in (_SSN_CONTEXT_RE, _SSN_LAST4_RE):
        for m in rx.finditer(low):
            if _at_word_start(low, m.start()):
                out.append((_P_CONTEXT, m.start("v"), m.end("v"), "ssn"))
    if long_number:
        for m in _SSN_AFTER_RE.finditer(low):
            out.append((_P_CONTEXT, m.start(), m.end("v"), "ssn"))


def _find_ids(text: str, low: str, long_number: bool, out: list[_Candidate]) -> None:
    if _has_any(low, _ID_HINTS):
        _find_context_ids(low, out)
    if long_number:
        for m in _ICN_RE.finditer(low):
            out.append((_P_CONTEXT, m.start(), m.end(), "id_number"))
    if "medicare" in low or "mbi" in low or "beneficiary" in low:
        for m in _MBI_RE.finditer(text.upper()):
            out.append((_P_CONTEXT, m.start(), m.end(), "id_number"))


def _find_context_ids(low: str, out: list[_Candidate]) -> None:
    for m in _ID_CONTEXT_RE.finditer(low):
        if not _at_word_start(low, m.start()):
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
        out.append((_P_CONTEXT, m.start("v"), m.end("v"), "id_number"))


def _find_dobs(low: str, out: list[_Candidate]) -> None:
    if not _has_any(low, _DOB_HINTS):
        return
    for m in _DOB_BEFORE_RE.finditer(low):
        if not _at_word_start(low, m.start()):
            continue
        # "for my birthday in May 2023" is a party, not a birth date.
        year = _RECENT_YEAR_RE.search(m.group("v"))
        if year and m.group().startswith(("birthday", "bday", "b-day", "birth day")):
            continue
        out.append((_P_CONTEXT, m.start("v"), m.end("v"), "date_of_birth"))
    for m in _DOB_AFTER_RE.finditer(low):
        out.append((_P_CONTEXT, m.start("v"), m.end("v"), "date_of_birth"))


def _find_cards(low: str, long_number: bool, out: list[_Candidate]) -> None:
    if not long_number:
        return
    for m in _CARD_RE.finditer(low):
        digits = _digits(m.group())
        if digits[0] in "23456" and _luhn_ok(digits) and not _guarded(low, m.start()):
            out.append((_P_STRONG, m.start(), m.end(), "credit_card"))


def _find_ips(low: str, out: list[_Candidate]) -> None:
    for m in _IPV4_RE.finditer(low) if _DOTTED_RE.search(low) else ():
        try:
            ipaddress.IPv4Address(m.group())
        except ValueError:
            continue
        if not _guarded(low, m.start()):
            out.append((_P_STRONG, m.start(), m.end(), "ip_address"))
    if "::" in low or low.count(":") >= 7:
        for m in _IPV6_RE.finditer(low):
            value = m.group()
            if sum(c.isalnum() for c in value) < 2:
                continue
            try:
                ipaddress.IPv6Address(value)
            except ValueError:
                continue
            out.append((_P_STRONG, m.start(), m.end(), "ip_address"))


def _find_addresses(low: str, out: list[_Candidate]) -> None:
    matches = list(_STREET_RE.finditer(low))
    if _has_any(low, _HIGHWAY_HINTS):
        matches += _HIGHWAY_RE.finditer(low)
    if "box" in low or "pob" in low:
        matches += [
            m for m in _POBOX_RE.finditer(low) if _at_word_start(low, m.start())
        ]
    for m in matches:
        end = m.end()
        while end > m.start() and low[end - 1] in " ,":
            end -= 1
        out.append((_P_FORMAT, m.start(), end, "street_address"))


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def _resolve(candidates: list[_Candidate]) -> list[Finding]:
    """Keep non-overlapping candidates: higher priority first, then longer."""
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (-c[0], c[1] - c[2], c[1])):
        _, s, e, _ = cand
        if all(e <= cs or s >= ce for _, cs, ce, _ in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda c: c[1])
    return [Finding(kind, s, e) for _, s, e, kind in chosen]


def _fold(text: str) -> tuple[str, list[int]]:
    """Text as the rules read it, and where each of its characters came from.

    Invisible format characters (zero-width space, word joiner) are dropped and
    look-alikes are normalised (fullwidth "１２３" reads "123"), so personal data
    typed with them is still found; offsets are mapped back to the original.
    """
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            folded.append(ch)
            origin.append(i)
            continue
        if unicodedata.category(ch) == "Cf":
            continue
        for part in unicodedata.normalize("NFKC", ch):
            folded.append(part)
            origin.append(i)
    return "".join(folded), origin


def find(text: str) -> tuple[Finding, ...]:
    """Personal data in ``text``: non-overlapping findings in text order."""
    if not text:
        return ()
    if text.isascii():
        return _find(text)
    folded, origin = _fold(text)
    if not folded:
        return ()
    return tuple(
        Finding(f.kind, origin[f.start], origin[f.end - 1] + 1) for f in _find(folded)
    )


def _find(text: str) -> tuple[Finding, ...]:
    low = _lower(text)
    candidates: list[_Candidate] = []
    if "@" in low or "at" in low:
        _find_emails(text, low, candidates)
    if _DIGIT_RE.search(low):
        long_number = _LONG_NUMBER_RE.search(low) is not None
        _find_ssns(low, long_number, candidates)
        _find_masked_ssns(low, candidates)
        _find_ids(text, low, long_number, candidates)
        _find_dobs(low, candidates)
        _find_cards(low, long_number, candidates)
        _find_ips(low, candidates)
        _find_phones(text, low, long_number, candidates)
        _find_addresses(low, candidates)
    return tuple(_resolve(candidates)) if candidates else ()


def redact(text: str) -> Redaction:
    """Return ``text`` with personal data replaced by labels, and the findings."""
    findings = find(text)
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
