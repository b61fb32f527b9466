"""Payment card numbers (Luhn-valid) and IP addresses."""

from __future__ import annotations

import ipaddress

from stdnum import luhn

from .common import DOTTED_RE, P_STRONG, Candidate, digits, guarded, rx

# -- cards and IP addresses -----------------------------------------------------
_CARD_RE = rx(
    r"\d(?<![\w.,$/-]\d)(?:"
    r"\d{3}(?P<s1>[ -]?)\d{4}(?P=s1)\d{4}(?P=s1)\d{4}(?:(?P=s1)\d{3})?"
    r"|\d{3}(?P<s2>[ -]?)\d{6}(?P=s2)\d{4,5}"
    r"|\d{12,18}"
    r")(?![\w-]|[.,]\d)"
)
_IPV4_RE = rx(r"\d(?<![\w.:-]\d)\d{0,2}(?:\.\d{1,3}){3}(?![\w-]|\.\d)")
_IPV6_RE = rx(
    r"(?<![\w:.])(?=[0-9a-f:]*:[0-9a-f]*:)"
    r"[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?"
    r"(?![\w:]|\.\d)"
)


def find_cards(low: str, long_number: bool, out: list[Candidate]) -> None:
    if not long_number:
        return
    for m in _CARD_RE.finditer(low):
        number = digits(m.group())
        if (
            number[0] in "23456"
            and luhn.is_valid(number)
            and not guarded(low, m.start())
        ):
            out.append((P_STRONG, m.start(), m.end(), "credit_card"))


def find_ips(low: str, out: list[Candidate]) -> None:
    for m in _IPV4_RE.finditer(low) if DOTTED_RE.search(low) else ():
        try:
            ipaddress.IPv4Address(m.group())
        except ValueError:
            continue
        if not guarded(low, m.start()):
            out.append((P_STRONG, m.start(), m.end(), "ip_address"))
    if "::" in low or low.count(":") >= 7:
        for m in _IPV6_RE.finditer(low):
            value = m.group()
            if sum(c.isalnum() for c in value) < 2:
                continue
            try:
                ipaddress.IPv6Address(value)
            except ValueError:
                continue
            out.append((P_STRONG, m.start(), m.end(), "ip_address"))
