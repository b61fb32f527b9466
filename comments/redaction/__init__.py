"""Find and remove personal data from reader comments before they are stored.

The comment form promises readers that personal data (SSNs, phone numbers,
addresses, ...) will be deleted for their protection, so every comment passes
through :func:`redact` before it is saved. The result keeps the original
offsets of what was found (for audit and for tests) and the redacted text
with a readable label in place of each finding; :func:`describe_removed`
turns the kinds found into a sentence to show the commenter.

The package is pure: no Django, no database, no settings; every pattern is
compiled once at import. :mod:`.pipeline` says how the parts fit together;
docs/redaction.md says what is removed, what is kept and why.
"""

from .pipeline import find, redact
from .public import DEFAULT_PUBLIC_NUMBERS, NATIONAL_LINES, is_public, public_numbers
from .result import KINDS, LABELS, Finding, Redaction, describe_removed

__all__ = [
    "DEFAULT_PUBLIC_NUMBERS",
    "KINDS",
    "LABELS",
    "NATIONAL_LINES",
    "Finding",
    "Redaction",
    "describe_removed",
    "find",
    "is_public",
    "public_numbers",
    "redact",
]
