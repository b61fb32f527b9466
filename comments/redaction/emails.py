"""E-mail addresses, also written "at" / "dot" or with brackets."""

from __future__ import annotations

import re

from .common import P_STRONG, Candidate, rx, words

# -- e-mail ------------------------------------------------------------------
_EMAIL_TLDS = words(
    "com net org edu gov mil me us io co uk ca info biz de fr au nz ie in es it "
    "nl se no dk fi ch at be pl jp cn br mx ru za app dev email mail online xyz "
    "site pro name tv cc ly ai"
)
_MAIL_PROVIDERS = words(
    "gmail googlemail yahoo ymail hotmail outlook live msn aol icloud me mac "
    "comcast att sbcglobal verizon proton protonmail pm charter frontier cox "
    "earthlink juno netzero mail gmx zoho fastmail tutanota hey yandex "
    "bellsouth optonline centurylink windstream spectrum"
)
# Words that precede " at " in ordinary prose ("look at x dot com").
_EMAIL_LOCAL_STOP = words(
    "me us him her them it this that look looking here there home work "
    "i we you they he she is was are be one"
)
# Providers whose name alone stands for the domain; words such as "me" or
# "live" are left out.
_BARE_PROVIDERS = words(
    "gmail googlemail yahoo ymail hotmail outlook msn aol icloud comcast "
    "sbcglobal verizon protonmail earthlink netzero gmx zoho fastmail tutanota "
    "yandex bellsouth optonline centurylink windstream"
)
_EMAIL_CUE_RE = rx(r"(?:e-?mail|mail|write|msg|message|contact|reach)\b[^.!?\n]*$")
_SPACED_PART_RE = rx(r"(?:(?<=\sdot\s)|(?<=punto\s))[a-z][a-z0-9_]*\s\Z")
_LOCAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._%+-")
# "@", "[at]", "(at)", "{at}", "<at>" and a spelled-out " at ".
_AT_RE = rx(
    r"\s?@\s?|\s?[\[({<]\s?(?:at(?:[\s-]sign)?|arroba)\s?[\])}>]"
    r"| at[\s-](?:sign|symbol) | at | arroba "
)
_DOT = (
    r"(?:\s?[\[({<]\s?(?:dot|punto)\s?[\])}>]\s?| dot | punto | \. |\."
    r"|,(?=(?:com|net|org)\b))"
)
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_DOMAIN_RE = rx(rf"\s?(?P<first>{_LABEL})(?:{_DOT}{_LABEL})*")
_DOT_SPLIT_RE = rx(_DOT)
# A spelled-out dot inside the local part: "john dot smith at ...".
_LOCAL_DOT_RE = rx(r"(?:\s?[\[({<]\s?(?:dot|punto)\s?[\])}>]\s?| dot | punto | \. )$")
_LOCAL_WORD_RE = rx(r"[a-z0-9_%+-]+$")


def find_emails(text: str, low: str, out: list[Candidate]) -> None:
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
        # "joe dot martinez 58 at gmail dot com": a number typed apart.
        if local.isdigit() and (word := _SPACED_PART_RE.search(low, 0, i)):
            i = word.start()
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
        if len(labels) < 2 and not _bare_provider(low, i, stop, labels[0], at):
            continue
        out.append((P_STRONG, i, end, "email"))


def _bare_provider(low: str, i: int, stop: int, label: str, at: re.Match) -> bool:
    """ "tr3vor.m@yahoo", "bigmike0311 at yahoo": an address missing its ".com".

    A plain " at " before a provider's name is prose ("I worked at verizon")
    unless the part before it looks like a handle or an e-mail cue precedes.
    """
    if label not in _BARE_PROVIDERS:
        return False
    if at.group() != " at ":
        return True
    local = low[i:stop]
    if any(c.isdigit() or c in "._" for c in local):
        return True
    return _EMAIL_CUE_RE.search(low, max(0, i - 30), i) is not None


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
    for needle in ("@", " at ", "at]", "at)", "at}", "at>", "arroba"):
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
