"""Tests for comments.redaction: what must be removed, what must survive.

Most examples are written for these tests (not copied from the shared
corpus) so they check that the rules are general; test_redaction_corpora.py
scores whole corpora with the shared scorer.
"""

from __future__ import annotations

import itertools

import pytest

from comments.redaction import (
    KINDS,
    LABELS,
    Finding,
    Redaction,
    describe_removed,
    redact,
)


def found(text: str) -> list[tuple[str, str]]:
    """(kind, original substring) for each finding."""
    return [(f.kind, text[f.start : f.end]) for f in redact(text).findings]


def assert_removed(text: str, kind: str, value: str) -> None:
    result = redact(text)
    assert (kind, value) in found(text), found(text)
    assert value not in result.text
    assert LABELS[kind] in result.text


def assert_survives(text: str, keep: str) -> None:
    result = redact(text)
    start = text.index(keep)
    end = start + len(keep)
    assert all(f.end <= start or f.start >= end for f in result.findings), found(text)
    assert keep in result.text


# ---------------------------------------------------------------------------
# Each kind, several ways of writing it
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Call me at (971) 555-0123 after lunch.", "(971) 555-0123"),
        ("My number is 971.555.0123 if you need it.", "971.555.0123"),
        ("Reach me on +1 971 555 0123, evenings.", "+1 971 555 0123"),
        ("Text 1-971-555-0123 to join.", "1-971-555-0123"),
        ("Ring 9715550123 any time.", "9715550123"),
        ("My cousin in London is on +44 20 7946 0958.", "+44 20 7946 0958"),
        ("Dial 011 49 30 1234567 for my brother.", "011 49 30 1234567"),
        ("My cell: 555-0199, call after 5.", "555-0199"),
    ],
)
def test_phone_number_is_removed(text: str, value: str) -> None:
    assert_removed(text, "phone", value)


def test_phone_number_in_parentheses_is_removed() -> None:
    assert_removed("Home phone (541) 555-0177.", "phone", "(541) 555-0177")


def test_phone_extension_is_removed_with_the_number() -> None:
    text = "Office: 503-555-0142 ext. 12, mornings."
    result = redact(text)
    assert [f.kind for f in result.findings] == ["phone"]
    assert "503-555-0142" not in result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Write to pat.lee+va@example.org please.", "pat.lee+va@example.org"),
        ("Old one: s_ortiz@mail.va.example.gov.", "s_ortiz@mail.va.example.gov"),
        ("Mail me: pat lee at gmail dot com", "lee at gmail dot com"),
        ("Try plee [at] yahoo [dot] com today.", "plee [at] yahoo [dot] com"),
        ("Or plee(at)outlook(dot)com works.", "plee(at)outlook(dot)com"),
        ("Shouting: PLEE AT AOL DOT COM", "PLEE AT AOL DOT COM"),
        ("plee at hotmail.com is fine too", "plee at hotmail.com"),
    ],
)
def test_email_address_is_removed(text: str, value: str) -> None:
    assert_removed(text, "email", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My SSN is 219-09-9999, is that safe?", "219-09-9999"),
        ("social security number 219 09 9999", "219 09 9999"),
        ("SSN: 219099999.", "219099999"),
        ("In the Navy my SSAN was 219-09-9999.", "219-09-9999"),
        ("SS# 219 09 9999 on the form", "219 09 9999"),
        ("the last four of my social are 9999.", "9999"),
        ("last 4 digits of SSN 4321", "4321"),
        ("my SSN ends in 1234, the clerk said", "1234"),
    ],
)
def test_ssn_is_removed(text: str, value: str) -> None:
    assert_removed(text, "ssn", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Send it to 4521 NE Alberta St, Apt 5, Portland, OR 97211 thanks",
            "4521 NE Alberta St, Apt 5, Portland, OR 97211",
        ),
        ("We moved to 77 Oak Lane last May.", "77 Oak Lane"),
        (
            "mail goes to 9 sw 3rd ave unit b, eugene, oregon 97401-1234",
            "9 sw 3rd ave unit b, eugene, oregon 97401-1234",
        ),
        ("Mail: P.O. Box 12, Salem, Oregon 97301.", "P.O. Box 12, Salem, Oregon 97301"),
        ("send to po box 881", "po box 881"),
        ("We're at RR 2 Box 15, Moro, OR 97039.", "RR 2 Box 15, Moro, OR 97039"),
        ("Ship to 12345 Highway 101, Eugene, OR", "12345 Highway 101, Eugene, OR"),
        (
            "Visit 1600 Pennsylvania Avenue NW, Washington, DC 20500.",
            "1600 Pennsylvania Avenue NW, Washington, DC 20500",
        ),
    ],
)
def test_street_address_is_removed(text: str, value: str) -> None:
    assert_removed(text, "street_address", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I was born 3/14/1952 in Ohio.", "3/14/1952"),
        ("DOB: 03-14-1952", "03-14-1952"),
        ("my birthday is March 14, 1952 so I'm old", "March 14, 1952"),
        ("My husband's date of birth is 1949-07-04.", "1949-07-04"),
        ("She was born on the 4th of July, 1946.", "the 4th of July, 1946"),
        ("birth date 14 Sept. 1950", "14 Sept. 1950"),
        ("Dad (b-day Jan 5th, 1930) loves this.", "Jan 5th, 1930"),
    ],
)
def test_date_of_birth_is_removed(text: str, value: str) -> None:
    assert_removed(text, "date_of_birth", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My VA claim number is 12345678.", "12345678"),
        ("C-file C12345678 is what they asked for.", "C12345678"),
        ("MRN: 00482913 at the clinic", "00482913"),
        ("My EDIPI 1234567890 is on the card.", "1234567890"),
        ("Medicare number 1EG4-TE5-MK73, please help", "1EG4-TE5-MK73"),
        ("insurance member ID XYZ123456789", "XYZ123456789"),
        ("service number RA12345678 from 1968", "RA12345678"),
        ("my driver's license # WDLKX82J901B", "WDLKX82J901B"),
        ("passport no. 123456789", "123456789"),
        ("ICN 1012345678V123456", "1012345678V123456"),
        ("Claim # 949 456 547, filed last spring", "949 456 547"),
    ],
)
def test_id_number_is_removed(text: str, value: str) -> None:
    assert_removed(text, "id_number", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Card 4111 1111 1111 1111 was charged.", "4111 1111 1111 1111"),
        ("Amex 3782-822463-10005 works.", "3782-822463-10005"),
        ("number 5555555555554444 expired", "5555555555554444"),
        ("my card 6011-0009-9013-9424 got hit", "6011-0009-9013-9424"),
    ],
)
def test_luhn_valid_card_number_is_removed(text: str, value: str) -> None:
    assert_removed(text, "credit_card", value)


def test_email_run_into_next_sentence_keeps_the_next_word() -> None:
    text = "mail jo@example.com.Next time"
    assert found(text) == [("email", "jo@example.com")]
    assert redact(text).text == "mail [email address removed].Next time"


def test_card_number_failing_luhn_is_not_a_card() -> None:
    assert all(k != "credit_card" for k, _ in found("order 4111111111111112 ok"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My router is 192.168.1.1 at home.", "192.168.1.1"),
        ("Blocked from 203.0.113.45.", "203.0.113.45"),
        ("My IP is 2001:db8::1 apparently.", "2001:db8::1"),
        ("Link-local fe80::1ff:fe23:4567:890a here", "fe80::1ff:fe23:4567:890a"),
    ],
)
def test_ip_address_is_removed(text: str, value: str) -> None:
    assert_removed(text, "ip_address", value)


def test_invalid_dotted_quad_is_not_an_ip_address() -> None:
    assert found("that took 300.1.2.999 tries") == []


# ---------------------------------------------------------------------------
# Look-alikes that must survive
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "keep"),
    [
        ("I'm 79 and still stubborn.", "79"),
        ("My 91-year-old mother does it too.", "91-year-old"),
        ("Served 1966-1970 in the Army.", "1966-1970"),
        ("Spent 22 years in the Navy.", "22 years"),
        ("The clip at 1:02:45 shows it.", "1:02:45"),
        ("Coffee break at 10:55 daily.", "10:55"),
        ("I start at 6:30 am.", "6:30 am"),
        ("Hold it for 1 to 2 minutes.", "1 to 2 minutes"),
        ("Do it 3 times a day.", "3 times a day"),
        ("Paid $20 for the DVD.", "$20"),
        ("Paid $1,700 for the chair.", "$1,700"),
        ("Thanks for mentioning BL 40.", "BL 40"),
        ("Press LI4 gently.", "LI4"),
        ("What about EX-UE7?", "EX-UE7"),
        ("Your reply on December 21, 2023 helped.", "December 21, 2023"),
        ("Tet kicked off on January 30, 1968.", "January 30, 1968"),
        ("Left the Army on 8/18/1989.", "8/18/1989"),
        ("Sent my Form 21-526EZ today.", "Form 21-526EZ"),
        ("Sent in my DD-214 after reading this.", "DD-214"),
        ("Updated to Chrome 120.0.6099.109 today.", "Chrome 120.0.6099.109"),
        ("My phone (Chrome 120.0.61.9) plays it.", "Chrome 120.0.61.9"),
        ("Updated to iOS 17.2 and it works.", "iOS 17.2"),
        ("Read ISBN 978-0-306-40615-7 twice.", "ISBN 978-0-306-40615-7"),
        ("Read ISBN 9780306406157 twice.", "ISBN 9780306406157"),
        ("Reading Isaiah 40:31 every morning.", "Isaiah 40:31"),
        ("Stuck on I-84 again.", "I-84"),
        ("The clinic on 82nd Avenue is good.", "82nd Avenue"),
        ("Numbness plus weakness means 911.", "911"),
        ("I gave up on the 1-800 number.", "the 1-800 number"),
        ("I'm rated 80% for my back.", "80%"),
        ("I watch on my Roku Ultra 4802R.", "Roku Ultra 4802R"),
        ("Walked 12,000 steps today.", "12,000 steps"),
        ("Walked 3 miles down Main St today.", "3 miles"),
        ("I found 1 easy way to relax.", "1 easy way"),
        ("I saw the link on VA.gov and came over.", "VA.gov"),
        ("Follow @DeptVetAffairs for news.", "@DeptVetAffairs"),
        ("For my birthday in May 2023 I got a mat.", "May 2023"),
        ("The Portland VA Medical Center gift shop.", "Portland VA Medical Center"),
        ("I filed a claim in 2019 and waited.", "2019"),
    ],
)
def test_look_alike_survives(text: str, keep: str) -> None:
    assert_survives(text, keep)


def test_point_code_bl_40_survives() -> None:
    assert redact("Holding BL 40 for 2 minutes.").findings == ()


def test_scripture_reference_survives() -> None:
    assert redact("Psalm 23:4 and Matthew 11:28 help me.").findings == ()


def test_birth_year_alone_is_not_removed() -> None:
    # A year is not a birth date; the span must be a date.
    assert redact("Born in 1952, drafted 1970.").findings == ()


# ---------------------------------------------------------------------------
# General rules added for held-out text (examples written for these tests)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Dotted directionals.
        (
            "Mail to 88 N.W. Birch Lane, Hood River, OR",
            "88 N.W. Birch Lane, Hood River, OR",
        ),
        ("we're at 5 s.w. pine ct.", "5 s.w. pine ct."),
        # "POB" for a post office box.
        ("Send it to POB 4410 please", "POB 4410"),
        # "Old"/"New" starting a longer street name; four-word names.
        ("ship to 7 old mill creek rd", "7 old mill creek rd"),
        ("I'm at 212 New Market Road", "212 New Market Road"),
        ("home is 640 Bonnie Brae Canyon View Dr", "640 Bonnie Brae Canyon View Dr"),
        # Directional before a numbered highway.
        ("Farm is 19100 SW Highway 47, Gaston, OR", "19100 SW Highway 47, Gaston, OR"),
        # A state between commas, or one that is not an English word, may be
        # followed by more prose.
        ("Write to 12 Ash Ct, Boise, ID when you can", "12 Ash Ct, Boise, ID"),
        (
            "Mail 73 Alder Rd Carson City Nevada next week",
            "73 Alder Rd Carson City Nevada",
        ),
        ("find us at 9 Fir Loop, Elko, nv if you pass by", "9 Fir Loop, Elko, nv"),
    ],
)
def test_more_street_address_forms_are_removed(text: str, value: str) -> None:
    assert_removed(text, "street_address", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Reach me at 541/555-0199 tonight.", "541/555-0199"),
        ("office 1-971/555-0120", "1-971/555-0120"),
    ],
)
def test_phone_with_slash_after_area_code_is_removed(text: str, value: str) -> None:
    assert_removed(text, "phone", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("S.S.N. 219099999 on file", "219099999"),
        ("my s.s.a.n. was 219 09 9999", "219 09 9999"),
    ],
)
def test_dotted_ssn_keyword_is_recognised(text: str, value: str) -> None:
    assert_removed(text, "ssn", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("C-file # c 2345 6789 please", "c 2345 6789"),
        ("VA file number C-4455 6677", "C-4455 6677"),
        ("Tricare member ID YQX445566778.", "YQX445566778"),
        ("insurance member number K55667788-01", "K55667788-01"),
    ],
)
def test_more_id_number_forms_are_removed(text: str, value: str) -> None:
    assert_removed(text, "id_number", value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("write kay dot lund at outlook dot com", "kay dot lund at outlook dot com"),
        ("or kay . lund @ aol . com", "kay . lund @ aol . com"),
        (
            "kay dot lund [at] proton [dot] me works",
            "kay dot lund [at] proton [dot] me",
        ),
        ("try k . lund at example.net today", "k . lund at example.net"),
        ("KAY DOT LUND(AT)MSN(DOT)COM", "KAY DOT LUND(AT)MSN(DOT)COM"),
    ],
)
def test_email_with_spelled_out_dots_in_local_part_is_removed(
    text: str, value: str
) -> None:
    assert_removed(text, "email", value)


@pytest.mark.parametrize(
    ("text", "keep"),
    [
        ("the site dot com at home is slow", "the site dot com at home"),
        ("she said dot org at work", "dot org at work"),
        ("BP 128/82 after the routine", "128/82"),
        ("Ship to 9 Fir St and Washington taxes it", "Washington"),
        ("Took 3 new road trips this year.", "3 new road trips"),
        ("Hold 5 old school stretches", "5 old school stretches"),
    ],
)
def test_new_rules_leave_look_alikes_alone(text: str, keep: str) -> None:
    assert_survives(text, keep)


# ---------------------------------------------------------------------------
# Result shape and offsets
# ---------------------------------------------------------------------------
def test_empty_string_gives_empty_result() -> None:
    result = redact("")
    assert result.text == ""
    assert result.findings == ()
    assert result.kinds == ()


def test_text_without_personal_data_is_unchanged() -> None:
    text = "Great video! Holding GB 21 for 30 seconds at 7:15 AM helps.\n🙏"
    result = redact(text)
    assert result.text == text
    assert result.findings == ()
    assert not result


def test_result_is_a_frozen_dataclass() -> None:
    result = redact("Call 503-555-0142.")
    assert isinstance(result, Redaction)
    assert isinstance(result.findings[0], Finding)
    with pytest.raises(AttributeError):
        result.text = "changed"  # type: ignore[misc]


def test_offsets_point_into_the_original_text_after_emoji() -> None:
    text = "🙏🙏 thanks! SSN 219-09-9999 and email jo@example.com 🙂"
    result = redact(text)
    assert [(f.kind, text[f.start : f.end]) for f in result.findings] == [
        ("ssn", "219-09-9999"),
        ("email", "jo@example.com"),
    ]


def test_each_finding_is_replaced_by_its_label() -> None:
    text = "Call 503-555-0142 or mail jo@example.com; SSN 219-09-9999."
    result = redact(text)
    assert result.text == (
        "Call [phone number removed] or mail [email address removed]; "
        "SSN [SSN removed]."
    )


def test_lower_case_comment_is_redacted() -> None:
    text = "i'm at 5401 nw walnut street, seattle, wa 98101, dob 4/2/1950"
    result = redact(text)
    assert result.kinds == ("street_address", "date_of_birth")
    assert result.text == "i'm at [address removed], dob [birth date removed]"


def test_findings_are_sorted_and_do_not_overlap() -> None:
    text = (
        "CAC / DoD ID number 5449123003, SSN: 219099999, born 3/14/1952, "
        "cell 503-555-0142, card 4111 1111 1111 1111, IP 10.0.0.1, "
        "home 12 Oak St, Salem, OR 97301, mail jo at gmail dot com."
    )
    findings = redact(text).findings
    assert len(findings) == 8
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start


def test_context_number_beats_phone_reading() -> None:
    # Ten digits read as a phone number everywhere else are a DoD ID here.
    assert found("DoD ID number 5449123003") == [("id_number", "5449123003")]


def test_kinds_are_distinct_and_in_fixed_order() -> None:
    text = "jo@example.com, 503-555-0142, ann@example.com, SSN 219-09-9999"
    assert redact(text).kinds == ("ssn", "phone", "email")


def test_every_kind_has_a_label() -> None:
    assert set(KINDS) == set(LABELS)
    assert LABELS["street_address"] == "[address removed]"


# ---------------------------------------------------------------------------
# describe_removed
# ---------------------------------------------------------------------------
def test_describe_removed_two_kinds() -> None:
    assert describe_removed(["phone", "email"]) == (
        "We removed a phone number and an email address from your comment "
        "to protect your privacy."
    )


def test_describe_removed_one_kind() -> None:
    assert describe_removed(("ssn",)) == (
        "We removed a Social Security number from your comment to protect your privacy."
    )


def test_describe_removed_lists_three_kinds_with_commas_and_and() -> None:
    sentence = describe_removed(["ip_address", "street_address", "credit_card"])
    assert sentence == (
        "We removed an address, a card number and an IP address from your "
        "comment to protect your privacy."
    )


def test_describe_removed_nothing_is_empty() -> None:
    assert describe_removed([]) == ""


def test_describe_removed_accepts_redaction_kinds() -> None:
    kinds = redact("born 3/14/1952, MRN 00482913").kinds
    assert describe_removed(kinds) == (
        "We removed a birth date and an ID number from your comment to "
        "protect your privacy."
    )
