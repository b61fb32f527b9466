"""Addresses outside the US, and addresses after a cue in any format.

Readers write from the UK, Ireland, Germany, the Philippines, Mexico and
Canada, and copy whole forms ("Address:" over several lines). Three rules:

- :func:`extend_to_postcode`: a street the US rules found ("12 High Street")
  runs on over its town and region to a postcode (LS1 4AP, D09 K2W4,
  M5H 2N2, 10115, 1210), then maybe a country;
- :data:`STREET_FIRST_RE`: streets named before their number ("Hauptstraße 5",
  "Av. Chapultepec Sur 284") or typed after it the Romance way ("17 rue des
  Lilas");
- :func:`find_cued_addresses`: after "Address:", "my address is", "domicilio",
  "we are at 5 Sea Road": the rest of the line, and the short lines under it,
  when they hold a number.
"""

from __future__ import annotations

from .common import P_FORMAT, Candidate, rx

__all__ = ["STREET_FIRST_RE", "extend_to_postcode", "find_cued_addresses"]

_POSTCODE = (
    r"(?:[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}"  # UK: LS1 4AP, EH9 1HN
    r"|[a-z]\d{2}\s?[a-z\d]{4}"  # Ireland: D09 K2W4
    r"|[a-z]\d[a-z]\s?\d[a-z]\d"  # Canada: M5H 2N2
    r"|\d{4,6}(?:-\d{3,4})?)"  # most others, and US ZIPs
)
_PLACE = r"[a-zà-ÿß][a-zà-ÿß.'-]*"
# Words of prose, never of a place name: they stop the run to a postcode.
_PROSE = (
    r"(?!(?:and|or|but|the|a|i|we|my|our|is|was|are|since|for|from|in|to|of"
    r"|at|with|when|then|years?|days?|minutes?|times?|people|lbs|mg|please|pls"
    r"|plz|thanks|thank|thx|asap|now|today|tomorrow|soon|too|also|ok|okay)\b)"
)
_PART = (
    rf"{_PROSE}(?:{_PLACE}|#?\d{{1,4}}(?:[.,]\d+)?[a-z]?)(?:\s{_PROSE}{_PLACE}){{0,3}}"
)
# A comma, spaces, or one line break (a blank line ends the address).
_SEP = r"(?:,[ \t]*(?:\n[ \t]*)?|[ \t]+|[ \t]*\n[ \t]*)"
_COUNTRY_SEP = r"(?:,[ \t]*|[ \t]*\n[ \t]*)"
_TAIL_RE = rx(
    rf"(?:{_SEP}{_PART}){{0,6}}?{_SEP}(?<![\w])(?P<pc>{_POSTCODE})(?![\w])"
    rf"(?:(?:(?:{_COUNTRY_SEP}|[ \t]+){_PROSE}{_PLACE}"
    rf"(?:[ \t]{_PROSE}{_PLACE})?){{1,2}}"
    r"(?=[ \t]*(?:$|\n|[.;!?)])))?"
)
_TAIL_REACH = 80

STREET_FIRST_RE = rx(
    r"(?<![\w])(?:"
    # Hauptstraße 5, Königsallee 92a, Damrak 1
    r"[a-zà-ÿß-]+(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer"
    r"|laan|straat|gracht|gade|vej|väg|gatan)\s+\d{1,4}[a-z]?"
    # Av. Chapultepec Sur 284, Via Roma 12
    r"|(?:av\.|avenida|via|viale|corso|rua)\s+(?:[a-zà-ÿ]+\s+){1,3}\d{1,5}[a-z]?"
    # 1127 Avenu Guadalupe Apt C: a number, then the street's kind and name
    r"|\d{1,5}\s+(?:avenue|avenu|avenida|calle|ave\.?)\s+[a-zà-ÿ]+(?:\s+[a-zà-ÿ]+)?"
    r"(?:\s+(?:apt|unit|#)\.?\s*[a-z0-9]{1,4})?"
    # 17 rue des Lilas, 5 bis avenue Foch
    r"|\d{1,4}(?:\s?bis)?,?\s+(?:rue|avenue|boulevard|bd|chemin|allée|impasse"
    r"|place|quai)\s+(?:[a-zà-ÿ'-]+\s?){1,4}"
    r")"
)
_STREET_FIRST_HINTS = (
    "str", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer", "laan",
    "straat", "gracht", "gade", "vej", "väg", "gatan", "av.", "avenida", "via ",
    "viale", "corso", "rua ", "rue ", "avenu", "boulevard", "bd ", "chemin",
    "calle", "ave",
    "allée", "impasse", "place", "quai",
)  # fmt: skip

# A cue that says an address follows, in any format. Strong cues take the
# rest of the line whatever it starts with; weak ones ("we're at") only
# what starts like an address.
_STRONG_CUE = (
    r"(?:my|our|his|her|their)\s+(?:(?:mailing|home|postal|street|new)\s+)?address"
    r"(?:\s+is)?|(?:(?:the|mailing|home|postal|street)\s+)*address"
    r"(?:\s+is|\s+for\s+[^:\n]{1,30}:|\s*:)|addr\.?(?![a-z])(?:\s+for\s+[^:\n]{1,30})?\s*:?"
    r"|domicilio\s*:?"
    r"|(?:mi\s+|la\s+)?direcci[oó]n(?:\s+es|\s*:)?|adresse\s*:?|anschrift\s*:?"
)
_WEAK_CUE = (
    r"(?:i|we)\s+live\s+at|(?:vivo|vivimos)\s+en|(?:my|our)\s+place\s+is"
    r"|(?:our|my|the)\s+house\s+(?:is\s+)?(?:at\s+)?|house\s+is|we(?:'re|\s+are)\s+(?:at|in)"
    r"|i'?m\s+at"
    r"|(?:send|mail|ship)\s+(?:it|them|the\s+\w+)\s+to"
)
_CUE_RE = rx(
    rf"(?<![a-z])(?:(?P<strong>{_STRONG_CUE})|(?P<weak>{_WEAK_CUE}))[ \t:]*"
    r"(?:\n\s*)?"
)
_LINE_RE = rx(r"[^\n]*")
_FULL_STOP_RE = rx(r"[.!?](?=\s|$)")
_WORD_BEFORE_RE = rx(r"[\w]+\Z")
_STARTS_LIKE_ADDRESS_RE = rx(
    r"(?:#?\d|flat\b|apt\b|unit\b|blk\b|block\b|lot\b|purok\b|calle\b|urb\b"
    r"|p\.?\s?o\.?\s*box|rr\s|psc\s|c/)"
)
# The short lines under "Address:" that go on with it (a town, a postcode).
_NEXT_LINE_RE = rx(r"\n[ \t]*(?P<line>[^\n:]{2,40})(?=\n|$)")
_STOP_RE = rx(
    r"\s*(?:[,;(]\s*)?\b(?:phone|cell|mobile|tel|telephone|e-?mail|dob|ssn|born"
    r"|call|text|my\s+(?:number|email|phone|dob))\b"
)
_CUE_HINTS = (
    "address", "addr", "domicilio", "direcci", "adresse", "anschrift", "live at",
    "vivo", "vivimos", "place is", "house", "we're", "we are", "i'm at",
    "im at", "send", "mail", "ship",
)  # fmt: skip
# What a weak cue's line must hold to be an address: a street word, a
# district word or a postcode.
_MARKER_RE = rx(
    r"\b(?:st|street|rd|road|ave|avenu|avenue|lane|ln|dr|drive|blvd|way|court|ct"
    r"|crescent|close|terrace|place|gardens|brgy|barangay|purok|subd|calle|box"
    r"|blk|lot|flat|apt|unit|city|col|colonia)\b"
    # Postcodes with letters only: four or five digits are too often a year.
    r"|(?<![\w])(?:[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}|[a-z]\d[a-z]\s?\d[a-z]\d)(?![\w])"
)


def extend_to_postcode(low: str, end: int) -> int:
    """Where an address found to ``end`` really ends, its postcode included."""
    m = _TAIL_RE.match(low, end, min(len(low), end + _TAIL_REACH))
    return m.end() if m else end


def find_cued_addresses(
    low: str, out: list[Candidate], found: list[tuple[int, int]]
) -> None:
    """Append what follows an address cue (see the module's docstring), where
    no address ``found`` by the format rules starts it."""
    if "address" not in low and not any(map(low.__contains__, _CUE_HINTS)):
        return
    for m in _CUE_RE.finditer(low):
        line = _LINE_RE.match(low, m.end())
        start, end = line.start(), line.end()
        stop = _STOP_RE.search(low, start, end)
        if stop and stop.start() > start:
            end = stop.start()
        end = _sentence_end(low, start, end)
        if m.group("weak") and not _STARTS_LIKE_ADDRESS_RE.match(low, start):
            continue
        if m.group("strong"):
            # The lines under it: a town, a postcode, a country.
            for _ in range(4):
                more = _NEXT_LINE_RE.match(low, end)
                if not more or _STOP_RE.match(more.group("line")):
                    break
                end = more.end()
        while end > start and low[end - 1] in " \t,.":
            end -= 1
        if end - start < 4 or not any(c.isdigit() for c in low[start:end]):
            continue
        if any(start <= s <= start + 3 for s, _ in found):
            continue  # the format rule knows where this address ends
        if m.group("weak") and not _MARKER_RE.search(low, start, end):
            continue
        # A cue that says "address" outranks a street rule that found only
        # part of it; "we're at" does not.
        priority = P_FORMAT + 5 if m.group("strong") else P_FORMAT - 5
        out.append((priority, start, end, "street_address"))


def _sentence_end(low: str, start: int, end: int) -> int:
    """``end``, or the first full stop before it that ends a sentence: not one
    after a short abbreviation ("St.", "Col.", "Co.")."""
    for m in _FULL_STOP_RE.finditer(low, start, end):
        word = _WORD_BEFORE_RE.search(low, start, m.start())
        if word is None or not (word.group().isalpha() and len(word.group()) <= 4):
            return m.start()
    return end


def has_street_first(low: str) -> bool:
    return any(map(low.__contains__, _STREET_FIRST_HINTS))
