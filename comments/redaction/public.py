"""Public telephone numbers: kept in comments, never redacted (policy v2).

A reader who tells others to call the Veterans Crisis Line or a VA national
number leaks nothing personal, and removing the number would hurt the next
reader. Two things make a number public:

- it is on the editors' list (the admin's "Public numbers", seeded with
  :data:`NATIONAL_LINES`; the site passes that list to ``redact``), written
  in any format: "1-800-698-2411", "(800) 698 2411", "800.698.2411",
  "one eight hundred ...";
- it is a North American toll-free number (800, 833, 844, 855, 866, 877,
  888): those are always organisations' lines, never a person's own.

Short codes on the list (988, 838255, 711) are kept too wherever a rule
would otherwise take them for an identifier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "DEFAULT_PUBLIC_NUMBERS",
    "NATIONAL_LINES",
    "TOLL_FREE_AREA_CODES",
    "canonical",
    "is_public",
    "public_numbers",
]

# (name, number): the VA's national lines and the crisis lines, as the VA
# publishes them. The seed of the editors' list, and the default of redact().
NATIONAL_LINES: tuple[tuple[str, str], ...] = (
    ("Veterans Crisis Line (dial, then press 1)", "988"),
    ("Veterans Crisis Line (text)", "838255"),
    ("Veterans Crisis Line (former number, press 1)", "1-800-273-8255"),
    ("VA main information line (MyVA411)", "1-800-698-2411"),
    ("VA benefits", "1-800-827-1000"),
    ("VA health benefits", "1-877-222-8387"),
    ("Caregiver Support Line", "1-855-260-3274"),
    ("National Call Center for Homeless Veterans", "1-877-424-3838"),
    ("Women Veterans Call Center", "1-855-829-6636"),
    ("GI Bill and education benefits", "1-888-442-4551"),
    ("My HealtheVet help desk", "1-877-327-0022"),
    ("VA pension management center", "1-877-294-6380"),
    ("VA debt management center", "1-800-827-0648"),
    ("White House VA Hotline", "1-855-948-2311"),
    ("VA Office of Inspector General hotline", "1-800-488-8244"),
    ("TTY relay", "711"),
    ("Emergency", "911"),
)

# Public mailing addresses that readers tell each other to write to:
# (box or street number, ZIP). An address with both is kept.
PUBLIC_ADDRESSES: frozenset[tuple[str, str]] = frozenset(
    {
        ("4444", "53547"),  # VA Evidence Intake Center, Janesville, WI
        ("5365", "53547"),  # VA Pension Intake Center, Janesville, WI
        ("27063", "20038"),  # Board of Veterans' Appeals, Washington, DC
        ("810", "20420"),  # VA Central Office, 810 Vermont Avenue NW, DC
        ("2957", "30329"),  # Health Eligibility Center, Atlanta, GA
        ("1", "63138"),  # National Personnel Records Center, St. Louis, MO
    }
)

TOLL_FREE_AREA_CODES = frozenset({"800", "833", "844", "855", "866", "877", "888"})


def canonical(number: str) -> str:
    """The digits of a number, without the North American country code."""
    digits = "".join(c for c in number if c.isdigit())
    if len(digits) == 11 and digits[0] == "1":
        return digits[1:]
    return digits


def public_numbers(numbers: Iterable[str]) -> frozenset[str]:
    """The canonical form of each number, as :func:`is_public` compares them."""
    return frozenset(d for d in map(canonical, numbers) if d)


DEFAULT_PUBLIC_NUMBERS = public_numbers(number for _, number in NATIONAL_LINES)


def is_public_address(value: str) -> bool:
    """Whether ``value`` is one of the public mailing addresses."""
    groups = re.findall(r"\d+", value)
    zips = {g[:5] for g in groups if len(g) in (5, 9)}
    return any((g, z) in PUBLIC_ADDRESSES for g in groups for z in zips)


def is_public(value: str, public: frozenset[str]) -> bool:
    """Whether ``value`` (any format) is a public number that must be kept."""
    digits = canonical(value)
    if digits in public:
        return True
    return len(digits) == 10 and digits[:3] in TOLL_FREE_AREA_CODES
