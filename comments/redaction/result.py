"""What the redactor returns: findings, the redacted text, labels, sentences."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

LABELS: dict[str, str] = {
    "ssn": "[SSN removed]",
    "phone": "[phone number removed]",
    "email": "[email address removed]",
    "street_address": "[address removed]",
    "date_of_birth": "[birth date removed]",
    "id_number": "[ID number removed]",
    "credit_card": "[card number removed]",
    "ip_address": "[IP address removed]",
    # An identifier-shaped number that nothing explains (the safety net).
    "number": "[number removed]",
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
    "number": "a long number",
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
