"""Properties of the redactor that hold for any text (Hypothesis)."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments.redaction import LABELS, redact

# Text shaped like comments with numbers in them: digits, separators, number
# words, look-alike letters and cue words, plus any Unicode at all.
PIECES = st.sampled_from(
    [
        " ",
        "-",
        ".",
        "/",
        "(",
        ")",
        "\n",
        "@",
        " at ",
        " dot ",
        "com",
        "0",
        "1",
        "5",
        "9",
        "O",
        "l",
        "oh",
        "five",
        "nine",
        "double",
        "SSN",
        "last four",
        "MRN",
        "born",
        "DOB",
        "call me",
        "St",
        "Apt",
        "gmail",
        "1-800-",
        "988",
        "#",
        "x",
        "A",
        "Z",
        "é",
        "１",
        "\u200b",
    ]
)
COMMENTS = st.one_of(
    st.lists(PIECES, max_size=40).map("".join),
    st.text(max_size=200),
)
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(COMMENTS)
def test_findings_are_valid_sorted_and_apart(text: str) -> None:
    findings = redact(text).findings
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert f.kind in LABELS
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start


@SETTINGS
@given(COMMENTS)
def test_redacted_text_is_the_original_with_each_finding_replaced(text: str) -> None:
    result = redact(text)
    rebuilt, pos = [], 0
    for f in result.findings:
        rebuilt += [text[pos : f.start], LABELS[f.kind]]
        pos = f.end
    rebuilt.append(text[pos:])
    assert result.text == "".join(rebuilt)


@SETTINGS
@given(COMMENTS)
def test_redacting_the_output_again_finds_nothing_new(text: str) -> None:
    once = redact(text).text
    assert redact(once).text == once


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_unicode_text_is_redacted_without_error(text: str) -> None:
    result = redact(text)
    assert isinstance(result.text, str)
