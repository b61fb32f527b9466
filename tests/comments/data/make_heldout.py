"""Generate ``heldout.jsonl``: a held-out PII corpus for the comment redactor.

The records follow the format of ``/work/shared/pii-dev/dev.jsonl`` (see its
README) but use new sentences, new keyword phrasings and new value formats, so
that the redactor can be measured on text it was not tuned on.  Offsets are
computed by code; every record is checked before it is written.

    python tests/comments/data/make_heldout.py            # writes heldout.jsonl
    python tests/comments/data/make_heldout.py --check    # only validates the file
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "heldout.jsonl"
SEED = 20240611
N_RECORDS = 300
KINDS = {
    "ssn",
    "phone",
    "email",
    "street_address",
    "date_of_birth",
    "id_number",
    "credit_card",
    "ip_address",
    "person_name",
}

R = random.Random(SEED)


def pick(seq):
    return R.choice(seq)


def chance(p):
    return R.random() < p


# ---------------------------------------------------------------------------
# templates: "{x}" slots are filled with (kind, value) pairs; kind "keep" marks
# a look-alike that must survive, kind None is plain text.
# ---------------------------------------------------------------------------
_SLOT = re.compile(r"\{(\w+)\}")


def T(template, **slots):
    parts = []
    for i, piece in enumerate(_SLOT.split(template)):
        if i % 2 == 0:
            if piece:
                parts.append((None, piece))
        else:
            kind, value = slots[piece]
            parts.append((kind, value))
    return parts


def keep(v):
    return ("keep", v)


def pii(kind, v):
    return (kind, v)


# ---------------------------------------------------------------------------
# value pools (none of them copied from dev.jsonl)
# ---------------------------------------------------------------------------
FIRST = [
    "Dolores",
    "Raymond",
    "Gloria",
    "Dwayne",
    "Tomas",
    "Bernice",
    "Luis",
    "Marisol",
    "Garrett",
    "Yolanda",
    "Vernon",
    "Priya",
    "Arturo",
    "Lorraine",
    "Dale",
    "Rosa",
    "Clarence",
    "Wanda",
    "Eugene",
    "Anh",
    "Bettye",
    "Marcus",
    "Colleen",
    "Rudy",
    "Thelma",
    "Orville",
    "Benita",
    "Chuck",
    "Delphine",
    "Ignacio",
]
LAST = [
    "Okafor",
    "Delgado",
    "Kowalski",
    "Haugen",
    "Bautista",
    "Whitfield",
    "Castellanos",
    "Yamamoto",
    "Brennan",
    "Oyelaran",
    "Lindqvist",
    "Pham",
    "Rourke",
    "Abernathy",
    "Mendoza",
    "Szabo",
    "Thibodeaux",
    "Nakamura",
    "Fitzgerald",
    "Quintero",
    "Running Bear",
    "O'Malley",
    "Van Horn",
    "Dubois",
    "Kealoha",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MON_ABBR = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
]
AREA = [
    "503",
    "971",
    "541",
    "360",
    "206",
    "253",
    "425",
    "509",
    "208",
    "916",
    "775",
    "612",
    "404",
    "907",
    "808",
    "458",
    "564",
    "702",
    "619",
    "971",
]
DOMAINS = [
    "gmail.com",
    "yahoo.com",
    "comcast.net",
    "outlook.com",
    "aol.com",
    "msn.com",
    "q.com",
    "centurylink.net",
    "va.gov",
    "icloud.com",
    "protonmail.com",
    "earthlink.net",
    "mail.vets-network.org",
    "frontier.com",
    "hotmail.com",
    "pdx.edu",
    "army.mil",
    "wildblue.net",
    "example.org",
    "ymail.com",
]
CITIES = [
    ("Portland", "OR", "Oregon", "972"),
    ("Beaverton", "OR", "Oregon", "970"),
    ("Gresham", "OR", "Oregon", "970"),
    ("Bend", "OR", "Oregon", "977"),
    ("Medford", "OR", "Oregon", "975"),
    ("Eugene", "OR", "Oregon", "974"),
    ("Tacoma", "WA", "Washington", "984"),
    ("Spokane", "WA", "Washington", "992"),
    ("Yakima", "WA", "Washington", "989"),
    ("Boise", "ID", "Idaho", "837"),
    ("Sacramento", "CA", "California", "958"),
    ("Reno", "NV", "Nevada", "895"),
    ("Anchorage", "AK", "Alaska", "995"),
    ("Hilo", "HI", "Hawaii", "967"),
    ("Phoenix", "AZ", "Arizona", "850"),
    ("Grants Pass", "OR", "Oregon", "975"),
    ("Walla Walla", "WA", "Washington", "993"),
    ("Klamath Falls", "OR", "Oregon", "976"),
    ("Coeur d'Alene", "ID", "Idaho", "838"),
    ("Fayetteville", "NC", "North Carolina", "283"),
]
STREET_NAMES = [
    "Alder",
    "Burnside",
    "Division",
    "Hawthorne",
    "Killingsworth",
    "Sandy",
    "Powell",
    "Foster",
    "Holgate",
    "Fremont",
    "Broadway",
    "Glisan",
    "Stark",
    "Willamette",
    "Lombard",
    "Columbia",
    "Sunset",
    "Madrona",
    "Cedar Hills",
    "Old Orchard",
    "Mill Creek",
    "Ridgeview",
    "Martin Luther King Jr",
    "Oak Grove",
    "Chestnut Hill",
    "Laurelhurst",
    "Riverside",
    "Canyon",
    "Lakeview",
    "Kingsley",
]
SUFFIXES = [
    "St",
    "St.",
    "Street",
    "Ave",
    "Ave.",
    "Avenue",
    "Blvd",
    "Blvd.",
    "Boulevard",
    "Rd",
    "Rd.",
    "Road",
    "Lane",
    "Ln",
    "Dr",
    "Dr.",
    "Drive",
    "Court",
    "Ct",
    "Way",
    "Pl",
    "Place",
    "Terrace",
    "Ter",
    "Circle",
    "Cir",
    "Loop",
    "Parkway",
    "Pkwy",
    "Trail",
    "Hwy",
    "Highway",
    "Pike",
    "Row",
    "Square",
    "Alley",
]
DIRS = [
    "N",
    "S",
    "E",
    "W",
    "NE",
    "NW",
    "SE",
    "SW",
    "N.",
    "S.E.",
    "North",
    "Southwest",
    "Northeast",
]
POINTS = [
    "BL 40",
    "LI4",
    "EX-UE7",
    "KI 3",
    "GB 30",
    "ST36",
    "SP-6",
    "GV 20",
    "CV6",
    "LR3",
    "PC 6",
    "HT 7",
    "TE5",
    "SI 3",
    "BL23",
    "GB34",
    "ST 36",
    "LV 3",
    "KI1",
    "BL 60",
    "Yintang",
    "GV4",
]


MBI = "ACDEFGHJKMNPQRTUVWXY"  # letters used in Medicare Beneficiary IDs


def ordinal(n):
    teen = 10 <= n % 100 <= 20
    suf = "th" if teen else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def digits(n):
    return "".join(str(R.randint(0, 9)) for _ in range(n))


def name():
    return f"{pick(FIRST)} {pick(LAST)}"


# ---------------------------------------------------------------------------
# PII value generators
# ---------------------------------------------------------------------------
def phone_value():
    a = pick(AREA)
    ex = "555" if chance(0.6) else str(R.randint(201, 989))
    ln = f"01{R.randint(0, 99):02d}" if ex == "555" else digits(4)
    forms = [
        f"({a}) {ex}-{ln}",
        f"({a}){ex}-{ln}",
        f"{a}-{ex}-{ln}",
        f"{a}.{ex}.{ln}",
        f"{a} {ex} {ln}",
        f"{a}{ex}{ln}",
        f"+1 ({a}) {ex}-{ln}",
        f"+1 {a}-{ex}-{ln}",
        f"+1.{a}.{ex}.{ln}",
        f"1 ({a}) {ex}-{ln}",
        f"1-{a}-{ex}-{ln}",
        f"+1{a}{ex}{ln}",
        f"{a}/{ex}-{ln}",
        f"1.{a}.{ex}.{ln}",
        f"({a}) {ex} {ln}",
    ]
    return pick(forms)


def tollfree_value():
    a = pick(["800", "888", "877", "866", "855"])
    ex, ln = str(R.randint(200, 989)), digits(4)
    return pick(
        [
            f"1 {a} {ex} {ln}",
            f"1-{a}-{ex}-{ln}",
            f"{a}-{ex}-{ln}",
            f"1 ({a}) {ex}-{ln}",
            f"({a}) {ex}-{ln}",
            f"1.{a}.{ex}.{ln}",
        ]
    )


def ssn_value():
    area = R.randint(1, 899)
    while area == 666:
        area = R.randint(1, 899)
    a, g, s = f"{area:03d}", f"{R.randint(1, 99):02d}", f"{R.randint(1, 9999):04d}"
    return pick([f"{a}-{g}-{s}", f"{a} {g} {s}", f"{a}{g}{s}", f"{a}-{g}-{s}"])


def email_value():
    f, l_ = pick(FIRST).lower(), pick(LAST).lower().replace(" ", "").replace("'", "")
    user = pick(
        [
            f"{f}.{l_}",
            f"{f[0]}{l_}",
            f"{f}{l_}{R.randint(1, 99)}",
            f"{f}_{l_}",
            f"{l_}.{f}",
            f"{f}.{l_}+{pick(['va', 'vids', 'health', 'news'])}",
            f"{f[0]}.{l_}{R.randint(40, 75)}",
            f"{f}-{l_}",
            f"{l_}{R.randint(1940, 1975)}",
        ]
    )
    dom = pick(DOMAINS)
    style = R.random()
    if style < 0.55:
        v = f"{user}@{dom}"
        if chance(0.12):
            v = v.upper()
        return v
    user_sp = user.replace(".", pick([" dot ", " . "])) if chance(0.5) else user
    dom_words = dom.split(".")
    at, dot = pick(
        [
            (" at ", " dot "),
            ("(at)", "(dot)"),
            (" [at] ", " [dot] "),
            (" (at) ", " (dot) "),
            (" {at} ", " {dot} "),
            (" AT ", " DOT "),
            (" at ", "."),
            ("[at]", "[dot]"),
            (" @ ", " . "),
        ]
    )
    v = user_sp + at + dot.join(dom_words)
    if at == " AT ":
        v = v.upper()
    return v


def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def card_value():
    brand = pick(["visa", "mc", "mc2", "amex", "discover", "discover65"])
    if brand == "amex":
        n = luhn_complete(pick(["34", "37"]), 15)
        sep = pick([" ", "-", ""])
        return (f"{n[:4]}{sep}{n[4:10]}{sep}{n[10:]}", "Amex")
    prefix = {
        "visa": "4",
        "mc": str(R.randint(51, 55)),
        "mc2": str(R.randint(2221, 2720)),
        "discover": "6011",
        "discover65": "65",
    }[brand]
    n = luhn_complete(prefix, 16)
    sep = pick([" ", "-", "", " "])
    label = {
        "visa": "Visa",
        "mc": "Mastercard",
        "mc2": "MasterCard",
        "discover": "Discover",
        "discover65": "Discover",
    }[brand]
    return (sep.join(n[i : i + 4] for i in range(0, 16, 4)), label)


def ipv4_value():
    return pick(
        [
            f"{R.randint(1, 223)}.{R.randint(0, 255)}."
            f"{R.randint(0, 255)}.{R.randint(1, 254)}",
            f"192.168.{R.randint(0, 5)}.{R.randint(2, 254)}",
            f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
            f"73.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
        ]
    )


def ipv6_value():
    def h():
        return f"{R.randint(0, 0xFFFF):x}"

    return pick(
        [
            ":".join(f"{R.randint(0, 0xFFFF):04x}" for _ in range(8)),
            f"2001:db8::{h()}",
            f"fe80::{h()}:{h()}:{h()}:{h()}",
            f"2600:1700:{h()}:{h()}::{h()}",
            f"2601:{h()}:{h()}:{h()}:{h()}:{h()}:{h()}:{h()}",
            f"2a02:{h()}:{h()}::{h()}:{h()}",
            f"2001:0db8:{h()}:0000:0000:{h()}:{h()}:{h()}",
        ]
    )


def date_value(year_lo=1925, year_hi=1975, iso_ok=True):
    y = R.randint(year_lo, year_hi)
    m = R.randint(1, 12)
    d = R.randint(1, 28)
    forms = [
        f"{m}/{d}/{y}",
        f"{m:02d}/{d:02d}/{y}",
        f"{m:02d}-{d:02d}-{y % 100:02d}",
        f"{d} {MONTHS[m - 1]} {y}",
        f"{MONTHS[m - 1]} {ordinal(d)}, {y}",
        f"{MONTHS[m - 1]} {d}, {y}",
        f"{MON_ABBR[m - 1]} {d} {y}",
        f"{MON_ABBR[m - 1]}. {d}, {y}",
        f"{m}/{d}/{y % 100:02d}",
        f"{m}-{d}-{y}",
        f"{m}.{d}.{y}",
        f"{ordinal(d)} of {MONTHS[m - 1]}, {y}",
        f"{ordinal(d)} {MONTHS[m - 1]} {y}",
    ]
    if iso_ok:
        forms.append(f"{y}-{m:02d}-{d:02d}")
    return pick(forms)


def street_line():
    num = str(R.choice([R.randint(1, 99), R.randint(100, 999), R.randint(1000, 29999)]))
    parts = [num]
    if chance(0.5):
        parts.append(pick(DIRS))
    if chance(0.3):
        parts.append(ordinal(R.randint(2, 190)))
    else:
        parts.append(pick(STREET_NAMES))
    parts.append(pick(SUFFIXES))
    line = " ".join(parts)
    if chance(0.1):
        line = (
            f"{num} {pick(['Highway 99', 'Hwy 26', 'State Route 14', 'Highway 101 N'])}"
        )
    if chance(0.35):
        unit = pick(
            [
                f"Apt {R.randint(1, 40)}{pick(['', 'B', 'C'])}",
                f"Apt. {R.randint(100, 420)}",
                f"Unit {R.randint(1, 30)}",
                f"#{R.randint(1, 40)}",
                f"Suite {R.randint(1, 9)}00",
                f"Ste {R.randint(100, 500)}",
                f"Space {R.randint(1, 80)}",
                f"Lot {R.randint(1, 90)}",
            ]
        )
        line += pick([", ", " "]) + unit
    return line


def city_tail():
    city, st, full, z3 = pick(CITIES)
    state = st if chance(0.6) else full
    zipc = z3 + digits(2)
    if chance(0.25):
        zipc += "-" + digits(4)
    r = R.random()
    if r < 0.55:
        return f", {city}, {state} {zipc}"
    if r < 0.8:
        return f", {city}, {state}"
    if r < 0.9:
        return f" {city} {st} {zipc}"
    return f", {city} {state} {zipc}"


def address_value():
    r = R.random()
    if r < 0.16:
        box = pick(
            [
                "PO Box",
                "P.O. Box",
                "post office box",
                "P.O. BOX",
                "PO box",
                "POB",
                "Post Office Box",
                "P. O. Box",
            ]
        )
        v = f"{box} {R.randint(1, 9999)}"
    elif r < 0.23:
        v = pick(
            [
                f"RR {R.randint(1, 9)} Box {R.randint(1, 300)}",
                f"Rural Route {R.randint(1, 9)}, Box {R.randint(1, 300)}",
                f"Rural Route {R.randint(1, 9)} Box {R.randint(1, 300)}",
                f"HC {R.randint(60, 80)} Box {R.randint(10, 999)}",
            ]
        )
    else:
        v = street_line()
    if chance(0.6):
        v += city_tail()
    return v


def id_value():
    """(context phrase, value) pairs for person-linked identifiers."""
    opts = [
        (
            pick(
                [
                    "VA claim number",
                    "my VA claim # is",
                    "claim no.",
                    "Claim number:",
                    "my claim number is",
                ]
            ),
            pick(
                [
                    digits(9),
                    digits(8),
                    f"{digits(3)} {digits(3)} {digits(3)}",
                    f"{digits(2)} {digits(3)} {digits(3)}",
                ]
            ),
        ),
        (
            pick(["C-file", "my C-file number is", "C file #", "VA file number"]),
            pick([f"C{digits(8)}", f"C-{digits(8)}", f"C {digits(8)}", digits(9)]),
        ),
        (
            pick(["MRN", "medical record number", "med record #", "MRN:", "my MRN is"]),
            pick([digits(7), digits(8), f"00{digits(6)}"]),
        ),
        (
            pick(["EDIPI", "DoD ID", "DoD ID#", "my EDIPI is", "DoD ID number:"]),
            digits(10),
        ),
        (
            pick(
                [
                    "Medicare number",
                    "MBI",
                    "my Medicare # is",
                    "Medicare Beneficiary ID",
                ]
            ),
            pick(
                [
                    f"{R.randint(1, 9)}{pick(MBI)}{R.randint(0, 9)}"
                    f"{R.randint(0, 9)}-{pick(MBI)}{pick(MBI)}"
                    f"{R.randint(0, 9)}-{pick(MBI)}"
                    f"{pick(MBI)}{R.randint(0, 9)}{R.randint(0, 9)}",
                    f"{R.randint(1, 9)}{pick(MBI)}{R.randint(0, 9)}"
                    f"{R.randint(0, 9)}{pick(MBI)}{pick(MBI)}"
                    f"{R.randint(0, 9)}{pick(MBI)}"
                    f"{pick(MBI)}{R.randint(0, 9)}{R.randint(0, 9)}",
                ]
            ),
        ),
        (
            pick(
                [
                    "member ID",
                    "Member ID #",
                    "TRICARE member number",
                    "insurance ID",
                    "my member number is",
                ]
            ),
            pick(
                [
                    f"{pick(['XJH', 'BCX', 'W', 'YHE', 'Q'])}{digits(9)}",
                    f"{digits(11)}",
                    f"{pick(['A', 'K', 'M'])}{digits(8)}-{digits(2)}",
                ]
            ),
        ),
        (
            pick(
                [
                    "service number",
                    "my old service number was",
                    "Service No.",
                    "army serial number",
                ]
            ),
            pick([f"RA{digits(8)}", f"US{digits(8)}", digits(7), f"ER{digits(8)}"]),
        ),
        (
            pick(
                [
                    "driver's license number",
                    "DL#",
                    "Oregon DL",
                    "driver license no.",
                    "my drivers license is",
                ]
            ),
            pick(
                [
                    digits(7),
                    digits(8),
                    f"WDL{pick(['K', 'M', 'Z'])}{digits(2)}"
                    f"{pick(['AB', 'QR', 'TT'])}{digits(3)}{pick(['J', 'B'])}",
                ]
            ),
        ),
        (
            pick(["passport number", "passport no.", "Passport #:", "my passport is"]),
            pick([digits(9), f"{pick('ACEXZ')}{digits(8)}"]),
        ),
        (
            pick(["ICN", "my ICN is", "VA ICN:", "Integration Control Number"]),
            f"{digits(10)}V{digits(6)}",
        ),
    ]
    return pick(opts)


# ---------------------------------------------------------------------------
# PII sentences
# ---------------------------------------------------------------------------
def s_phone():
    v = phone_value()
    r = R.random()
    if r < 0.12:
        a, b = str(R.randint(201, 989)), digits(4)
        seven = pick([f"555-{b}", f"{a}-{b}", f"555 {b}", f"{a}.{b}"])
        return T(
            pick(
                [
                    "my cell is {p}, local.",
                    "my cell is {p} if you're in town.",
                    "call me at {p} (no area code, it's local).",
                    "The house phone is {p}.",
                ]
            ),
            p=pii("phone", seven),
        )
    if r < 0.22:
        ext = pick(["x12", "x 204", "ext 12", "ext. 3301", "extension 7", "#4"])
        return T(
            pick(
                [
                    "Work line is {p} " + ext + ", ask for the front desk.",
                    "You can leave a message at {p} " + ext + ".",
                ]
            ),
            p=pii("phone", v),
        )
    if r < 0.32:
        tf = tollfree_value()
        return T(
            pick(
                [
                    "The pharmacy refill line is {p}, it worked for me.",
                    "Or just call {p} and they'll mail the booklet.",
                    "the helpline I used was {p}, open till 8.",
                ]
            ),
            # Policy v2 (2026-12-04): toll-free lines are organisations'
            # public numbers, kept in the comment.
            p=keep(tf),
        )
    tpl = pick(
        [
            "Call me at {p} if you want the handout.",
            "my cell is {p}",
            "Cell # {p}",
            "Ph: {p}",
            "Tel. {p} evenings",
            "Text me at {p} and I'll send pictures of the chart.",
            "Home phone: {p}",
            "You can reach me on {p} most afternoons.",
            "my number's {p}, leave a msg",
            "Give me a ring at {p} if you're in the area.",
            "My wife's cell is {p} if I don't pick up.",
            "phone number is {p}",
            "Call or text {p}.",
            "Reach our vet group at {p}.",
            "PHONE {p}",
            "my mobile: {p}",
            "If anyone wants to carpool, {p}.",
        ]
    )
    return T(tpl, p=pii("phone", v))


def s_ssn():
    v = ssn_value()
    r = R.random()
    if r < 0.2:
        last4 = digits(4)
        tpl = pick(
            [
                "last 4 of my social are {s}",
                "The last four of my SSN: {s}, if that helps them find my file.",
                "They asked for the last 4 of my social, it's {s}.",
                "last four SSN {s}",
                "Last 4 of social security # is {s}.",
                "the last four digits of my social security number are {s}",
            ]
        )
        return T(tpl, s=pii("ssn", last4))
    tpl = pick(
        [
            "SSN {s}",
            "social security number is {s}",
            "SS# {s}",
            "ssan: {s}",
            "My SSN is {s}, please don't share it.",
            "Social Security No. {s}",
            "my social is {s} if the VA needs to look it up",
            "SSAN {s} (old Army habit)",
            "soc sec # {s}",
            "S.S.N. {s}",
            "I put my social security # {s} on the sign-up sheet.",
            "my ss number is {s}",
            "Social: {s}",
            "ssn- {s}",
        ]
    )
    return T(tpl, s=pii("ssn", v))


def s_email():
    v = email_value()
    tpl = pick(
        [
            "Email me at {e} for the printable chart.",
            "my email is {e}",
            "E-mail: {e}",
            "drop me a line, {e}",
            "Send it to {e} please!",
            "Write me: {e}",
            "email {e} and I'll add you to the list",
            "my daughter's email is {e}, she helps me with the computer.",
            "Reach me at {e}.",
            "{e} is my address if you want to swap notes.",
            "contact: {e}",
            "I set up a group, sign up by mailing {e}",
        ]
    )
    return T(tpl, e=pii("email", v))


def s_email2():
    a, b = email_value(), email_value()
    return T(
        "Old email {a} is dead, new one is {b}.", a=pii("email", a), b=pii("email", b)
    )


def s_address():
    v = address_value()
    tpl = pick(
        [
            "I live at {a}.",
            "My address is {a}",
            "Mail it to {a}, thanks!",
            "Send the DVD to {a}.",
            "ship to {a}",
            "we're over at {a} if anyone's nearby.",
            "Mailing address: {a}",
            "I moved to {a} last spring.",
            "my mom lives at {a} and would love a copy.",
            "Address: {a}",
            "Please mail the booklet to {a}.",
            "Find me at {a}, I'm usually home.",
            "Our group meets at my place, {a}.",
            "new address is {a}",
        ]
    )
    return T(tpl, a=pii("street_address", v))


def s_dob():
    v = date_value()
    tpl = pick(
        [
            "born on {d}",
            "DOB {d}",
            "d.o.b.: {d}",
            "My date of birth is {d}.",
            "my husband was born {d} and he does these too.",
            "birthdate: {d}",
            "D.O.B. {d}",
            "Date of Birth - {d}",
            "Dad (born {d}) still does the seated version.",
            "I was born {d}, so go easy on me.",
            "my wife's DOB is {d}",
            "Bday {d}",
            "birth date {d}, if the clinic needs it",
            "My birthday is {d}.",
            "He was born on {d} in Klamath Falls.",
            "DOB: {d}",
        ]
    )
    return T(tpl, d=pii("date_of_birth", v))


def s_id():
    ctx, v = id_value()
    tpl = pick(
        [
            "{c} {v}",
            "Here's my {c} {v} in case that helps.",
            "{c} {v}, still waiting on a decision.",
            "they asked for my {c} {v} at check-in",
            "{c} {v}.",
        ]
    )
    if ctx.endswith((" is", " was", ":", "#", "No.", "no.")) and chance(0.6):
        tpl = "{c} {v}"
    if tpl.startswith(("Here's", "they")) and ctx.startswith(("my ", "My ")):
        tpl = "{c} {v}."
    return T(tpl, c=(None, ctx), v=pii("id_number", v))


def s_card():
    v, label = card_value()
    tpl = pick(
        [
            "My " + label + " is {c}, exp 04/27.",
            "card number {c}",
            "Charge it to my " + label + " {c} for the DVD.",
            "cc# {c}",
            label + " {c} - can I pay for the workshop that way?",
            "I paid with card {c} and never got the booklet.",
            "credit card: {c}",
            "use my card {c}, the billing zip is on file",
        ]
    )
    return T(tpl, c=pii("credit_card", v))


def s_ip():
    v = ipv4_value() if chance(0.6) else ipv6_value()
    r = R.random()
    if r < 0.25:
        ts = (
            f"2024-0{R.randint(1, 9)}-1{R.randint(0, 9)} "
            f"{R.randint(10, 23)}:{R.randint(10, 59)}:{R.randint(10, 59)}"
        )
        code = pick(["403", "404", "500"])
        return T(
            "Log says: [{t}] GET /videos/low-back " + code + " from {i}",
            t=keep(ts),
            i=pii("ip_address", v),
        )
    tpl = pick(
        [
            "my IP is {i}",
            "My IP address is {i}, is it blocked?",
            "The site says access denied for {i}.",
            "ip: {i}",
            "router shows {i}, if the webmaster needs it",
            "Blocked again from {i} this morning.",
            "it lists my address as {i}",
        ]
    )
    return T(tpl, i=pii("ip_address", v))


def s_name():
    n = name()
    tpl = pick(
        [
            "my wife {n} says hi.",
            "Dr. {n} at the clinic showed me LI4 first.",
            "Thanks to {n} for sharing this with our post.",
            "- {n}",
            "My buddy {n} swears by it.",
            "Signed, {n}",
            "Nurse {n} recommended this page.",
        ]
    )
    return T(tpl, n=pii("person_name", n))


def s_card_block():
    """A multi-line contact block."""
    lines = []
    if chance(0.5):
        lines.append(T("Name: {n}", n=pii("person_name", name())))
    lines.append(
        T(
            pick(["Phone: {p}", "Cell: {p}", "Ph {p}", "Mobile - {p}"]),
            p=pii("phone", phone_value()),
        )
    )
    if chance(0.7):
        lines.append(
            T(
                pick(["Email: {e}", "email {e}", "E-mail - {e}"]),
                e=pii("email", email_value()),
            )
        )
    if chance(0.5):
        lines.append(
            T(
                pick(["Address: {a}", "Addr: {a}", "Mail: {a}"]),
                a=pii("street_address", address_value()),
            )
        )
    out = []
    for i, ln in enumerate(lines):
        if i:
            out.append((None, "\n"))
        out.extend(ln)
    return out


PII_SENTENCES = [
    (s_phone, 14),
    (s_ssn, 11),
    (s_email, 11),
    (s_email2, 2),
    (s_address, 14),
    (s_dob, 11),
    (s_id, 12),
    (s_card, 8),
    (s_ip, 7),
    (s_card_block, 3),
]


# ---------------------------------------------------------------------------
# look-alike sentences (keep strings)
# ---------------------------------------------------------------------------
def f_age():
    a = str(R.randint(62, 97))
    r = R.random()
    if r < 0.4:
        return T(
            pick(
                [
                    "I'm {a} and still at it.",
                    "at {a} I'll take any help I can get",
                    "Not bad for {a} years old!",
                ]
            ),
            a=keep(a),
        )
    v = f"{a}-year-old"
    return T(
        pick(
            [
                "My {v} dad does this every morning.",
                "my {v} neighbor taught me LI4.",
                "Even my {v} mother can do the seated one.",
            ]
        ),
        v=keep(v),
    )


def f_service():
    y1 = R.randint(1950, 1995)
    y2 = y1 + R.randint(2, 24)
    r = R.random()
    if r < 0.35:
        return T(
            pick(
                [
                    "Served {p} with the 1st Cav.",
                    "Navy {p}, bad back ever since.",
                    "USMC {p}",
                ]
            ),
            p=keep(f"{y1}-{y2}"),
        )
    if r < 0.7:
        n = f"{R.randint(3, 30)} years"
        return T(
            pick(
                [
                    "{n} in the Army will do that to your back.",
                    "I did {n} as a corpsman.",
                    "{n} of jumping out of planes",
                ]
            ),
            n=keep(n),
        )
    return T("Went in {a}, got out {b}.", a=keep(str(y1)), b=keep(str(y2)))


def f_time():
    h, m = R.randint(1, 12), R.randint(0, 59)
    t = pick(
        [
            f"{h}:{m:02d} am",
            f"{h}:{m:02d} PM",
            f"{h}:{m:02d}",
            f"{h}:{m:02d}a.m.",
            f"{h}:{m:02d}pm",
        ]
    )
    return T(
        pick(
            [
                "I do the routine at {t} every day.",
                "up at {t}, stretches first",
                "Class starts {t} sharp.",
            ]
        ),
        t=keep(t),
    )


def f_timestamp():
    r = R.random()
    if r < 0.5:
        t = f"{R.randint(0, 14)}:{R.randint(0, 59):02d}"
    else:
        t = f"{R.randint(1, 2)}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}"
    return T(
        pick(
            [
                "At {t} she shows the thumb position.",
                "the part at {t} is gold",
                "Rewind to {t}, that's the one for sciatica.",
                "around {t} the audio cuts out",
            ]
        ),
        t=keep(t),
    )


def f_duration():
    d = pick(
        [
            "1 to 2 minutes",
            "30-60 seconds",
            "90 seconds",
            "2-3 minutes",
            "a full minute",
            "10 to 15 minutes",
            "45 secs",
        ]
    )
    c = pick(
        [
            "3 times a day",
            "twice a day",
            "5 reps",
            "every 4 hours",
            "3x daily",
            "6 days a week",
        ]
    )
    return T("I hold each point {d}, {c}.", d=keep(d), c=keep(c))


def f_price():
    p = pick(
        [
            f"${R.randint(5, 95)}",
            f"${R.randint(1, 9)},{R.randint(100, 999)}",
            f"${R.randint(10, 99)}.99",
            f"${R.randint(100, 400)}",
        ]
    )
    return T(
        pick(
            [
                "Acupuncture was {p} a session, this is free.",
                "I spent {p} on gadgets that didn't help.",
                "the copay went up to {p}",
            ]
        ),
        p=keep(p),
    )


def f_rating():
    p = f"{R.choice(range(10, 101, 10))}%"
    return T(
        pick(
            [
                "I'm rated {p} for my lumbar spine.",
                "rated {p} service connected",
                "VA finally bumped me to {p}.",
            ]
        ),
        p=keep(p),
    )


def f_points():
    a, b = R.sample(POINTS, 2)
    return T(
        pick(
            [
                "Is {a} the same as {b}?",
                "{a} and {b} together worked best for me.",
                "my acupuncturist uses {a}, never heard of {b}",
            ]
        ),
        a=keep(a),
        b=keep(b),
    )


def f_forms():
    f = pick(
        [
            "Form 21-526EZ",
            "VA Form 10-10EZ",
            "DD-214",
            "DD Form 214",
            "SF-180",
            "VA Form 21-0781",
            "Form 21-4138",
            "VA Form 21-686c",
            "DD 214",
        ]
    )
    return T(
        pick(
            [
                "Still waiting on my {f} to process.",
                "Filed the {f} last month.",
                "had to dig out my {f} for the clinic",
            ]
        ),
        f=keep(f),
    )


def f_version():
    v = pick(
        [
            "iOS 17.2",
            "Chrome 120.0.6099.109",
            "Android 14",
            "version 2.3.1",
            "Firefox 121.0",
            "Edge 119.0.2151.97",
            "macOS 14.1.2",
            "iPadOS 16.7.2",
            "Chrome 118.0.5993.88",
            "Safari 17.1",
            "build 10.0.19045.3803",
            "Windows 10",
        ]
    )
    return T(
        pick(
            [
                "Video won't load on {v}.",
                "works fine on {v} now",
                "Anyone else on {v}? the captions are off.",
            ]
        ),
        v=keep(v),
    )


def f_scripture():
    s = pick(
        [
            "Isaiah 40:31",
            "John 3:16",
            "Philippians 4:13",
            "Psalm 23:4",
            "Romans 8:28",
            "2 Corinthians 12:9",
            "Matthew 11:28",
            "Joshua 1:9",
        ]
    )
    return T(
        pick(
            [
                "{s} gets me through the bad days.",
                "Reminds me of {s}.",
                "Praying {s} for everyone here.",
            ]
        ),
        s=keep(s),
    )


def f_isbn():
    i = pick(
        [
            "ISBN 978-0-13-468599-1",
            "ISBN-13: 978-1-4028-9462-6",
            "ISBN 0-306-40615-2",
            "isbn 978-0-316-76948-8",
            "ISBN 9780143127741",
        ]
    )
    return T("The book I mentioned is {i}.", i=keep(i))


def f_road():
    r = pick(
        [
            "I-84",
            "Route 66",
            "82nd Avenue",
            "Highway 26",
            "I-5",
            "US 101",
            "SR 14",
            "Highway 97",
            "122nd Ave",
            "Hwy 217",
        ]
    )
    return T(
        pick(
            [
                "Driving {r} wrecks my back.",
                "traffic on {r} was brutal today",
                "the clinic off {r} has a good PT",
            ]
        ),
        r=keep(r),
    )


def f_institution():
    i = pick(
        [
            "Portland VA Medical Center",
            "Camp Lejeune",
            "VA Puget Sound",
            "Boise VA Medical Center",
            "Fort Lewis",
            "the Vet Center in Salem",
            "Walter Reed",
            "Roseburg VA",
            "Jonathan M. Wainwright Memorial VA",
        ]
    )
    return T(
        pick(
            [
                "The PT at {i} showed me this.",
                "Stationed at {i} back in the day.",
                "{i} has a class on Tuesdays.",
            ]
        ),
        i=keep(i),
    )


def f_crisis():
    r = R.random()
    if r < 0.3:
        return T("If you're struggling, {k}.", k=keep("dial 988 then press 1"))
    if r < 0.5:
        return T("Veterans Crisis Line is {k}, press 1.", k=keep("988"))
    if r < 0.75:
        return T("Chest pain means {k}, not acupressure.", k=keep("911"))
    return T("I gave up on {k} after an hour on hold.", k=keep("the 1-800 number"))


def f_dates():
    r = R.random()
    if r < 0.3:
        d = pick(
            [
                "December 21, 2023",
                "Jan 3, 2024",
                "March 15, 2024",
                "2024-02-11",
                "11/28/2023",
            ]
        )
        return T(
            pick(
                [
                    "Posted this on {d}.",
                    "Your update from {d} answered it.",
                    "Edit ({d}): still working!",
                ]
            ),
            d=keep(d),
        )
    if r < 0.5:
        d = pick(
            [
                "June 6, 1944",
                "Nov 11, 1918",
                "December 7, 1941",
                "April 30, 1975",
                "January 31, 1968",
            ]
        )
        return T(
            pick(
                [
                    "My dad landed on {d}.",
                    "Never forget {d}.",
                    "we left on {d} and never looked back",
                ]
            ),
            d=keep(d),
        )
    if r < 0.7:
        d = date_value(2019, 2024, iso_ok=True)
        return T(
            pick(
                [
                    "My next appointment is {d}.",
                    "had surgery on {d}",
                    "we got married {d}, second time around",
                ]
            ),
            d=keep(d),
        )
    d = date_value(1960, 1985, iso_ok=False)
    return T(
        pick(
            [
                "We married on {d} and she still puts up with me.",
                "Discharged {d}, been hurting since.",
            ]
        ),
        d=keep(d),
    )


def f_rooms():
    r = pick(
        [
            f"room {R.randint(100, 499)}",
            f"Bldg {R.randint(1, 12)}",
            f"Building {R.randint(100, 120)}",
            f"clinic {R.randint(1, 9)}B",
            f"flight AS {R.randint(100, 2999)}",
            f"gate C{R.randint(1, 20)}",
        ]
    )
    return T(
        pick(
            [
                "The class is in {r} now.",
                "Meet at {r} if you're coming.",
                "I'm heading out on {r} tomorrow.",
            ]
        ),
        r=keep(r),
    )


def f_models():
    m = pick(
        [
            "TENS 3000",
            "Omron HV-F013",
            "iPhone 15",
            "Galaxy S23",
            "TENS 7000",
            "Fire TV Stick 4K",
            "HoMedics PA-MH",
        ]
    )
    return T(
        pick(
            [
                "Using a {m} alongside the points.",
                "I watch on my {m}.",
                "tried the {m}, meh",
            ]
        ),
        m=keep(m),
    )


def f_counts():
    r = R.random()
    if r < 0.5:
        c = pick([f"{R.randint(5, 40)} pounds", f"{R.randint(10, 30)} lbs"])
        return T(
            pick(["Lost {c} since starting.", "down {c} and moving better"]), c=keep(c)
        )
    c = pick([f"{R.randint(2, 15)},000 steps", f"{R.randint(2, 9)} miles"])
    return T(pick(["Walked {c} yesterday!", "Did {c} on the trail today."]), c=keep(c))


def f_misc():
    r = pick(
        [
            "130/85",
            "A1C 6.8",
            "10/10",
            "5/5 stars",
            "72°F",
            "3/4 inch",
            "page 12",
            "Episode 14",
            "part 2 of 6",
            "24/7",
            "4-7-8 breathing",
            "1-2 inches",
            "7.5 mm",
        ]
    )
    return T(
        pick(
            [
                "{r}, for what it's worth.",
                "My BP was {r} after.",
                "Rating: {r}",
                "see {r}",
            ]
        ),
        r=keep(r),
    )


def f_web():
    w = pick(
        [
            "VA.gov",
            "@DeptVetAffairs",
            "myhealth.va.gov",
            "veteranscrisisline.net",
            "@VAPortland",
            "r/Veterans",
            "www.va.gov/wholehealth",
        ]
    )
    return T(
        pick(
            [
                "Found this through {w}.",
                "Someone shared it on {w}.",
                "check {w} for more",
            ]
        ),
        w=keep(w),
    )


def f_plain():
    return [
        (
            None,
            pick(
                [
                    "This helped more than the pills.",
                    "Does anyone know if this is safe with a pacemaker?",
                    "My lower back has been locked up since Thanksgiving.",
                    "Tried it twice, felt a little dizzy the first time.",
                    "Wish I had found this years ago",
                    "the lady's voice is very calming lol",
                    "Can you do one for neck pain next?",
                    "My PT says pressure points are hit or miss but I like them.",
                    "it's not magic but it takes the edge off",
                    "Sitting in a deer stand all morning did me in.",
                ]
            ),
        )
    ]


FILLERS = [
    (f_age, 6),
    (f_service, 6),
    (f_time, 5),
    (f_timestamp, 5),
    (f_duration, 5),
    (f_price, 4),
    (f_rating, 4),
    (f_points, 6),
    (f_forms, 4),
    (f_version, 5),
    (f_scripture, 3),
    (f_isbn, 2),
    (f_road, 4),
    (f_institution, 4),
    (f_crisis, 4),
    (f_dates, 6),
    (f_rooms, 3),
    (f_models, 3),
    (f_counts, 3),
    (f_misc, 3),
    (f_web, 2),
    (f_plain, 6),
]

OPENERS = [
    "Hi all,",
    "Great video!!",
    "🙏",
    "Thank you 🙏",
    "Hello from Bend.",
    "ok so",
    "Question for the presenter:",
    "Semper Fi.",
    "Long time reader.",
    "First comment here 👋",
    "Hey folks",
]
CLOSERS = [
    "God bless.",
    "Thanks again!",
    "-- sent from my iPad",
    "Stay strong 💪",
    "Welcome home, brothers and sisters.",
    "🇺🇸",
    "Cheers",
    "ty",
]


def weighted(items):
    fns, ws = zip(*items, strict=True)
    return R.choices(fns, weights=ws, k=1)[0]


def build_record(idx):
    sentences = []
    has_pii = R.random() >= 0.25
    if has_pii:
        for _ in range(R.choice([1, 1, 1, 2, 2, 3])):
            sentences.append(weighted(PII_SENTENCES)())
    if R.random() < 0.10:
        sentences.append(s_name())
    for _ in range(R.choice([0, 1, 1, 2, 2, 3])):
        sentences.append(weighted(FILLERS)())
    if not sentences:
        sentences.append(weighted(FILLERS)())
    R.shuffle(sentences)
    if chance(0.3):
        sentences.insert(0, [(None, pick(OPENERS))])
    if chance(0.25):
        sentences.append([(None, pick(CLOSERS))])
    lower = chance(0.15)
    text, spans, keeps = "", [], []
    for i, sent in enumerate(sentences):
        if i:
            text += pick([" ", " ", " ", "  ", "\n", "\n\n", " - "])
        for kind, val in sent:
            if lower:
                val = val.lower()
            start = len(text)
            text += val
            if kind == "keep":
                keeps.append(val)
            elif kind is not None:
                spans.append({"kind": kind, "start": start, "end": len(text)})
    return {
        "id": f"ho-{idx:04d}",
        "text": text,
        "pii": spans,
        "keep": list(dict.fromkeys(keeps)),
    }


def check_record(r):
    """Raise AssertionError when the record breaks the corpus conventions."""
    text = r["text"]
    spans = r["pii"]
    for s in spans:
        assert s["kind"] in KINDS, s
        assert 0 <= s["start"] < s["end"] <= len(text), s
        value = text[s["start"] : s["end"]]
        assert value == value.strip(), (r["id"], value)
    for k in r["keep"]:
        assert k in text, (r["id"], k)
        pos = text.find(k)
        while pos != -1:
            end = pos + len(k)
            for s in spans:
                assert end <= s["start"] or pos >= s["end"], (r["id"], k, s)
            pos = text.find(k, pos + 1)
    ordered = sorted(spans, key=lambda s: s["start"])
    for a, b in itertools.pairwise(ordered):
        assert a["end"] <= b["start"], (r["id"], a, b)


def generate():
    records = []
    idx = 1
    while len(records) < N_RECORDS:
        r = build_record(idx)
        try:
            check_record(r)
        except AssertionError:
            continue  # e.g. a keep string that also occurs inside a pii value
        records.append(r)
        idx += 1
    return records


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true", help="only validate OUT")
    args = ap.parse_args(argv)
    if args.check:
        records = [json.loads(x) for x in OUT.read_text(encoding="utf-8").splitlines()]
    else:
        records = generate()
        with OUT.open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for r in records:
        check_record(r)
    n_clean = sum(
        not [s for s in r["pii"] if s["kind"] != "person_name"] for r in records
    )
    kinds = {}
    for r in records:
        for s in r["pii"]:
            kinds[s["kind"]] = kinds.get(s["kind"], 0) + 1
    print(
        f"{len(records)} records, {n_clean} without personal data; spans: {kinds}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
