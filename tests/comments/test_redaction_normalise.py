"""The normaliser: one spelling for numbers, offsets back to the original.

The examples are written for these tests, in the ways readers type numbers
that the issue names: spelled-out digits, O for zero, spaces between digits.
"""

from __future__ import annotations

import pytest

from comments.redaction import redact
from comments.redaction.normalise import normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call nine seven one, five five five, oh one two three", "9715550123"),
        ("my cell is 5O3-555-Ol42 ok", "503-555-0142"),
        ("ssn 2 1 9 - 0 9 - 9 9 9 9 thanks", "219-09-9999"),
        ("double five five oh one nine nine", "5550199"),
        ("ｃａｌｌ ５０３ ５５５ ０１４２", "503 555 0142"),
    ],
)
def test_numbers_are_rewritten_as_plain_digits(text: str, expected: str) -> None:
    assert expected in normalise(text).text


@pytest.mark.parametrize(
    "text",
    [
        "I did one or two rounds, oh well.",
        "Oh, one more thing: thanks!",
        "Hold it for five minutes, then one more time.",
        "BOLO for my old unit",
    ],
)
def test_prose_with_number_words_is_left_alone(text: str) -> None:
    assert normalise(text).text == text


def test_span_of_a_rewritten_number_maps_to_the_words_typed() -> None:
    text = "text me at five oh three five five five oh one four two please"
    norm = normalise(text)
    start = norm.text.index("5035550142")
    start, end = norm.original(start, start + 10)
    assert text[start:end] == "five oh three five five five oh one four two"


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "ring me on seven oh seven, five five five, oh one nine one",
            "seven oh seven, five five five, oh one nine one",
            "phone",
        ),
        ("My SSN is 0 7 8 - 0 5 - 1 1 2 0 lol", "0 7 8 - 0 5 - 1 1 2 0", "ssn"),
        ("phone 2O6-555-Ol77 after six", "2O6-555-Ol77", "phone"),
        ("last four four four one zero", "four four one zero", "ssn"),
        ("(5O3) 555-O142 is my cell", "(5O3) 555-O142", "phone"),
        (
            "ZERO SEVEN EIGHT DASH ZERO FIVE DASH ONE ONE TWO ZERO is my social",
            "ZERO SEVEN EIGHT DASH ZERO FIVE DASH ONE ONE TWO ZERO",
            "ssn",
        ),
    ],
)
def test_rewritten_numbers_are_removed_where_they_were_typed(
    text: str, value: str, kind: str
) -> None:
    result = redact(text)
    assert [(f.kind, text[f.start : f.end]) for f in result.findings] == [(kind, value)]
    assert value not in result.text
