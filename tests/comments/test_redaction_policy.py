"""Policy v2 and the rules that generalise: cues, the safety net.

Examples written for these tests (not from any corpus).
"""

from __future__ import annotations

import pytest

from comments.redaction import (
    DEFAULT_PUBLIC_NUMBERS,
    LABELS,
    NATIONAL_LINES,
    public_numbers,
    redact,
)


def found(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in redact(text, **kwargs).findings]


# -- public numbers are kept ---------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "If you're in crisis dial 988 and press 1.",
        "You can also text 838255 any time.",
        "The main VA line is 1-800-698-2411, ask for the nurse.",
        "benefits: (800) 827-1000",
        "caregiver line 855.260.3274 was kind",
        "I called 1 877 222 8387 about my health benefits",
        "call one eight hundred two seven three eight two five five",
        "Call 1-800-MEDICARE for the card.",
        "our pharmacy's toll free line 1-866-400-1234 works",
    ],
)
def test_public_numbers_are_kept_in_any_format(text: str) -> None:
    result = redact(text)
    assert result.findings == ()
    assert result.text == text


def test_a_personal_number_beside_a_hotline_is_still_removed() -> None:
    text = "Call 988 (press 1) or my cell 971-555-0123 if you need me."
    assert found(text) == [("phone", "971-555-0123")]


def test_a_local_number_on_the_editors_list_is_kept() -> None:
    portland_va = public_numbers(["(503) 220-8262", *DEFAULT_PUBLIC_NUMBERS])
    text = "Portland VA front desk is 503.220.8262, they were great."
    assert found(text, public_numbers=portland_va) == []
    assert found(text) == [("phone", "503.220.8262")]


def test_every_national_line_is_in_the_default_list() -> None:
    assert len(DEFAULT_PUBLIC_NUMBERS) == len(NATIONAL_LINES)
    assert "6982411" in {d[-7:] for d in DEFAULT_PUBLIC_NUMBERS}


# -- context cues take the identifier after them, in any format ---------------
@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("MRN: 00-48-29-13 at the Salem clinic", "00-48-29-13", "id_number"),
        ("my state ID is N4410-22-9 if it matters", "N4410-22-9", "id_number"),
        ("My A-number: A0123 456 78", "A0123 456 78", "id_number"),
        ("patient number 7788 1122 on the bracelet", "7788 1122", "id_number"),
        ("last four 4410", "4410", "ssn"),
        ("last 4 digits are 9021, is that enough", "9021", "ssn"),
        ("last four of my visa 1881 got charged", "1881", "credit_card"),
        (
            "his service number from the Army was RA 15 482 336",
            "RA 15 482 336",
            "id_number",
        ),
    ],
)
def test_identifier_after_a_cue_is_removed(text: str, value: str, kind: str) -> None:
    assert (kind, value) in found(text)


@pytest.mark.parametrize(
    ("text", "keep"),
    [
        ("My claim was denied in 2021 and I appealed.", "2021"),
        ("My phone (Chrome 121.0.6167.85) plays the video.", "121.0.6167.85"),
        ("member id card arrived 3 weeks late", "3 weeks"),
        ("my social worker said 20 minutes a day", "20 minutes"),
        ("my claim was filed 03/14/2019 and denied", "03/14/2019"),
    ],
)
def test_cue_words_in_prose_remove_nothing(text: str, keep: str) -> None:
    result = redact(text)
    assert keep in result.text
    assert result.findings == ()


# -- dates of birth in more formats ------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("DOB 14/03/1952 (day first, I'm in the UK)", "14/03/1952"),
        ("date of birth 22.05.1947", "22.05.1947"),
        ("my dad was b. 4 Feb 51 in Ohio", "4 Feb 51"),
        ("DOB: 02JUN89", "02JUN89"),
        ("I was born on the ninth of November, 1946.", "the ninth of November, 1946"),
    ],
)
def test_birth_date_in_other_formats_is_removed(text: str, value: str) -> None:
    assert ("date_of_birth", value) in found(text)


# -- e-mail and addresses in the ways people write them ----------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("write bjones71 at sign hotmail dot com", "bjones71 at sign hotmail dot com"),
        ("email me at tr3vor.k@yahoo thanks", "tr3vor.k@yahoo"),
        ("drop a line to bigmike0311 at yahoo", "bigmike0311 at yahoo"),
        ("my mail is sarge.ret@gmail,com", "sarge.ret@gmail,com"),
    ],
)
def test_email_written_loosely_is_removed(text: str, value: str) -> None:
    assert ("email", value) in found(text)


@pytest.mark.parametrize(
    "text",
    ["I worked at verizon for 20 years.", "We met at outlook point.", "look at me go"],
)
def test_at_before_a_provider_name_in_prose_is_kept(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "send it to 2207 North Elm Stret Fargo ND 58102",
            "2207 North Elm Stret Fargo ND 58102",
        ),
        (
            "we're at W4418 County Road K, Merrill WI 54452",
            "W4418 County Road K, Merrill WI 54452",
        ),
        ("Rt. 1 Box 62-A, Ellijay GA 30540", "Rt. 1 Box 62-A, Ellijay GA 30540"),
        (
            "Lot 37, 1500 Pine Ridge Dr, Kingman AZ 86401",
            "Lot 37, 1500 Pine Ridge Dr, Kingman AZ 86401",
        ),
        (
            "N4567 State Road 22, Rhinelander WI 54501",
            "N4567 State Road 22, Rhinelander WI 54501",
        ),
        (
            "mail PSC 1234 Box 5678, APO AE 09012 please",
            "PSC 1234 Box 5678, APO AE 09012",
        ),
        (
            "1418 Maple Grove Rd, Apt 3, Muncie IN 47304",
            "1418 Maple Grove Rd, Apt 3, Muncie IN 47304",
        ),
    ],
)
def test_address_written_loosely_is_removed(text: str, value: str) -> None:
    assert ("street_address", value) in found(text)


@pytest.mark.parametrize(
    "value", ["651-555-\n0179", "(402) 555-\n0184", "503.555.\n0149"]
)
def test_phone_broken_across_a_line_is_removed(value: str) -> None:
    text = f"call {value} after noon"
    assert found(text) == [("phone", value)]


@pytest.mark.parametrize(
    "text",
    [
        "contact me on 7O7 555 Ol91",
        "voicemail 707 555 0191 x3",
        "my home line: 707.555.0191",
    ],
)
def test_phone_after_a_cue_is_removed_whatever_its_grouping(text: str) -> None:
    assert [kind for kind, _ in found(text)] == ["phone"]


# -- the safety net ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("you can ring 0781 234 567 in the evening", "0781 234 567"),
        ("WDLKX82J901B\nthat's what the DMV gave me", "WDLKX82J901B"),
        ("it's 44102938 on the letter they sent", "44102938"),
    ],
)
def test_unexplained_identifier_is_removed_as_a_number(text: str, value: str) -> None:
    result = redact(text)
    assert (("number", value) in found(text)) or any(
        text[f.start : f.end] == value for f in result.findings
    )
    assert value not in result.text


@pytest.mark.parametrize(
    ("text", "keep"),
    [
        ("Order number 112-4456789-3321 never came.", "112-4456789-3321"),
        ("tracking 1Z999AA10123456784 says delivered", "1Z999AA10123456784"),
        ("Build 22631.2861 fixed the audio", "22631.2861"),
        ("I work nights, 2300-0700, so I do it at dawn.", "2300-0700"),
        ("ISBN 9780306406157 is the book", "9780306406157"),
        ("Served 1968-1972 with the 1st Cav.", "1968-1972"),
        ("The chair cost $1,250,000? no, $1,250.", "$1,250,000"),
        ("covid-2019 wrecked my back routine", "covid-2019"),
        ("the VA is at 45.5152° N, 122.6784° W", "122.6784"),
    ],
)
def test_explained_long_numbers_are_kept(text: str, keep: str) -> None:
    result = redact(text)
    assert keep in result.text, result.findings


def test_safety_net_label_is_readable() -> None:
    assert LABELS["number"] == "[number removed]"


@pytest.mark.parametrize(
    "value",
    ["555.123.4567", "(555)123-4567", "+1-555-123-4567", "1 555 123 4567"],
)
def test_number_grouped_as_a_phone_number_is_one_even_if_unassigned(value) -> None:
    text = f"reach me at {value} after six"
    assert found(text) == [("phone", value)]


def test_bare_ten_digits_that_cannot_be_a_phone_number_are_not_one() -> None:
    # Not a phone number (an area code never starts with 1), so the safety
    # net removes it as a number.
    assert found("the code 1234567890 on the box") == [("number", "1234567890")]


def test_dotted_post_office_box_is_an_address() -> None:
    text = "P.O.B. 77 Tok AK 99780"
    assert found(text) == [("street_address", text)]


def test_a_house_number_after_a_far_cue_stays_part_of_the_address() -> None:
    text = "I went to the social security office on 1234 Main Street"
    assert found(text) == [("street_address", "1234 Main Street")]
