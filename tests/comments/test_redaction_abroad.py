"""Addresses, numbers and words from readers abroad and in Spanish.

Examples written for these tests (not from any corpus).
"""

from __future__ import annotations

import pytest

from comments.redaction import redact


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in redact(text).findings]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("write to 8 Mill Lane, York YO1 7HH please", "8 Mill Lane, York YO1 7HH"),
        ("we are at 3 Quay Road, Cork T12 X2Y4", "3 Quay Road, Cork T12 X2Y4"),
        (
            "mail 41 King St E, Apt 9, Hamilton, ON L8N 1A1 thanks",
            "41 King St E, Apt 9, Hamilton, ON L8N 1A1",
        ),
        ("Gartenstraße 14, 80331 München", "Gartenstraße 14, 80331 München"),
        (
            "c'est 9 rue Victor Hugo, 69002 Lyon, France",
            "9 rue Victor Hugo, 69002 Lyon, France",
        ),
        (
            "Address:\n12 Rose Crescent\nBristol\nBS8 1QU\n\nthanks all",
            "12 Rose Crescent\nBristol\nBS8 1QU",
        ),
        (
            "Our address Purok 2, Brgy. Maligaya, Tarlac City 2300",
            "Purok 2, Brgy. Maligaya, Tarlac City 2300",
        ),
        (
            "Vivimos en Calle Sol 18, Apt 3, Caguas, PR 00725.",
            "Calle Sol 18, Apt 3, Caguas, PR 00725",
        ),
    ],
)
def test_address_abroad_is_removed(text: str, value: str) -> None:
    assert ("street_address", value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm at 10% battery, more later",
        "we are at 5,000 ft and my ears hurt",
        "Address the pain early, 2 or 3 times a day",
        "send it to the VA in 2019 and wait",
    ],
)
def test_address_cue_words_in_prose_remove_nothing(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "Mi teléfono es siete ocho siete, cinco cinco cinco, cero uno dos tres",
            "siete ocho siete, cinco cinco cinco, cero uno dos tres",
            "phone",
        ),
        ("llámenme al 787 555 0123 por favor", "787 555 0123", "phone"),
        ("mi número de seguro social es 219-09-9999", "219-09-9999", "ssn"),
        ("Nací el 14-08-1956 en Ponce", "14-08-1956", "date_of_birth"),
        ("nació el 3 de abril del 52", "3 de abril del 52", "date_of_birth"),
        (
            "mi correo es ana punto ruiz arroba gmail punto com",
            "ana punto ruiz arroba gmail punto com",
            "email",
        ),
        ("el número de caso es VBA-2024-0012345", "VBA-2024-0012345", "id_number"),
        ("mi reclamo, el número es C 12 345 678", "C 12 345 678", "id_number"),
    ],
)
def test_spanish_personal_data_is_removed(text: str, value: str, kind: str) -> None:
    assert (kind, value) in found(text)


def test_spanish_prose_with_point_codes_keeps_them() -> None:
    text = "Él hace el LI 4 y el ST 36 todos los días"
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("NHS number 943 476 5919", "943 476 5919", "id_number"),
        ("Sozialversicherungsnummer 12 150385 M 003", "12 150385 M 003", "id_number"),
        ("Tel: (02) 8555 0142", "(02) 8555 0142", "phone"),
        ("cell: 0917.555.0148", "0917.555.0148", "phone"),
    ],
)
def test_numbers_abroad_are_removed(text: str, value: str, kind: str) -> None:
    result = redact(text)
    assert value not in result.text
    assert any(text[f.start : f.end] == value for f in result.findings), found(text)


def test_a_public_number_after_a_case_word_is_kept() -> None:
    text = "MI CASO DEL VA: NO ME CONTESTAN EL 1-800-827-1000"
    assert found(text) == []
