"""Street addresses, rural routes and post office boxes."""

from __future__ import annotations

from .abroad import (
    STREET_FIRST_RE,
    extend_to_postcode,
    find_cued_addresses,
    has_street_first,
)
from .common import P_FORMAT, Candidate, at_word_start, has_any, rx

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
_CITY = r"[a-zà-ÿ][a-zà-ÿ.'-]*(?:\s[a-zà-ÿ][a-zà-ÿ.'-]*){0,2}"
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
    # Common misspellings: "Stret", "STREEET", "Avenu", "Drve", "Raod".
    r"str|strt|stret|streeet|steet|sreet|streat|avenu|avenew|avnue|aveune|avn|"
    r"drv|drve|driv|raod|lne|blv|bvld|boulavard|crt|pky|"
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
    "slow|little|big|small|other|one|two|three|four|five|six|ten|extra|full|"
    # Spanish prose ("el LI 4 y el ST 36").
    "y|el|la|los|las|de|del|en|con|por|para|que|es|un|una|mi|su|al|hace"
)
_STREET_WORD = rf"(?!(?:{_STREET_STOP})\b)(?:[a-z][a-z'-]*\.?|\d+(?:st|nd|rd|th))"
_UNIT = (
    r"(?:,?\s*(?:apt|apartment|unit|suite|ste|space|spc|lot|rm|room|bldg|"
    r"building|fl|floor|trlr|dept)\b\.?\s*#?\s*|\s*#\s*)"
    r"(?=[a-z]?\d|[a-z]\b)[a-z0-9]+(?:-[a-z0-9]+)?"
)
# The lookbehind sits after the first digit so the pattern starts with a
# digit class (fast to scan for); it rejects "$20", "12,000", "#5", "I-84".
_STREET_RE = rx(
    r"\d(?<![\w$#.,/:+-]\d)\d{0,5}(?:-\d{1,5})?[a-z]?(?:\s+1/2)?"
    rf"(?:\s+{_DIRECTION})?"
    r"(?:\s+(?:old|new)(?=\s+[a-z]+\s+[a-z]))?"
    rf"(?:\s+{_STREET_WORD}){{1,4}}?"
    # A second suffix: "Maple Grove Rd", "Park Place Dr".
    rf"\s+{_SUFFIX}(?:\s+{_SUFFIX})?"
    rf"(?:\s+{_DIRECTION}(?!\s*\w))?"
    rf"(?:{_UNIT})?"
    rf"{_TAIL}"
)
_LETTER_ROAD = (
    r"(?:county|cty\.?|co\.?|state|town)\s+(?:road|rd|highway|hwy|trunk)\.?"
    r"\s+(?:[a-z]{1,2}|\d{1,4}[a-z]?)\b"
)
# Grid addresses of the rural Midwest: "W4418 County Road K", "N5678 Elm Ln".
_GRID_RE = rx(
    r"[nsew](?<![\w][nsew])\d{3,5}\s+"
    rf"(?:{_LETTER_ROAD}|(?:highway|hwy\.?|route|rte\.?)[\s-]?\d{{1,4}}\b"
    rf"|(?:{_STREET_WORD}\s+){{1,4}}?{_SUFFIX})"
    rf"(?:\s+{_DIRECTION}(?!\s*\w))?(?:{_UNIT})?{_TAIL}"
)
_GRID_HINT_RE = rx(r"(?<![\w])[nsew]\d{3,5}\s")
# Puerto Rico and Spanish-speaking readers: "Calle Luna 45, Apt 2, Ponce, PR".
_CALLE_RE = rx(
    r"(?:urb\.?\s+[a-zà-ÿ]+(?:\s+[a-zà-ÿ]+){0,3},?\s+)?"
    r"(?:calle|avenida|avda\.?|av\.|carretera|carr\.?|camino|paseo)\s+"
    r"(?:[a-zà-ÿ0-9]+\s+){0,3}?#?\d+(?:\s?[a-z]?-?\d+|[a-z])?\b"
    rf"(?:{_UNIT})?{_TAIL}"
)
_CALLE_HINTS = ("calle", "avenida", "avda", "carr", "camino", "paseo")
# A unit written before the number: "Lot 37, 1500 Pine Ridge Dr".
_LEAD_UNIT_RE = rx(
    r"(?<![\w])(?:lot|apt|apartment|unit|space|spc|trlr|suite|ste|flat)\.?\s*#?\s*"
    r"[a-z0-9-]{1,6},?\s+\Z"
)
# Rural addresses on a numbered road: "12345 Highway 101", "88 County Road 7".
_HIGHWAY_RE = rx(
    r"\d(?<![\w$#.,/:+-]\d)\d{0,5}\s+"
    rf"(?:{_DIRECTION}\s+)?"
    r"(?:(?:highway|hwy\.?|route|rte\.?|state\s+route|county\s+road|us|sr|fm)"
    rf"[\s-]?\d{{1,4}}[a-z]?\b|{_LETTER_ROAD})"
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
_POBOX_RE = rx(
    r"(?:"
    r"p\.?\s?o\.?\s*box|pob|p\.o\.b\.|post\s+office\s+box"
    r"|(?:r\.?r\.?|rural\s+route|rt\.?|rte\.?|route|h\.?c\.?|highway\s+contract"
    r"|star\s+route|psc|cmr|unit)"
    r"\s*#?\s*\d+\s*,?\s*box"
    r")\s*#?\s*\d+(?:-?[a-z]\b)?(?!\d)"
    # Military mail: "PSC 1234 Box 5678, APO AE 09012".
    r"(?:,?\s*(?:apo|fpo|dpo)\s*(?:ae|ap|aa)(?:\s*\d{5})?)?"
    rf"{_TAIL}"
)


def find_addresses(low: str, out: list[Candidate]) -> None:
    matches = list(_STREET_RE.finditer(low))
    if has_any(low, _HIGHWAY_HINTS):
        matches += _HIGHWAY_RE.finditer(low)
    if "box" in low or "pob" in low or "p.o.b" in low:
        matches += [m for m in _POBOX_RE.finditer(low) if at_word_start(low, m.start())]
    if _GRID_HINT_RE.search(low):
        matches += _GRID_RE.finditer(low)
    if has_any(low, _CALLE_HINTS):
        matches += _CALLE_RE.finditer(low)
    if has_street_first(low):
        matches += STREET_FIRST_RE.finditer(low)
    found = []
    for m in matches:
        start, end = m.start(), m.end()
        while end > start and low[end - 1] in " ,":
            end -= 1
        end = extend_to_postcode(low, end)
        lead = _LEAD_UNIT_RE.search(low, max(0, start - 24), start)
        if lead:
            start = lead.start()
        out.append((P_FORMAT, start, end, "street_address"))
        found.append((start, end))
    find_cued_addresses(low, out, found)
