"""Cell values as users type them become dates, whole numbers and yes/no, or a Dutch message."""

from __future__ import annotations

import datetime as dt

import pytest

from vlot_desktop.spreadsheets.cells import cell_text, parse_bool, parse_date, parse_int
from vlot_desktop.spreadsheets.errors import CellError

NOV_26 = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    "value",
    [
        "26/11/2026",
        "26-11-2026",
        "26.11.2026",
        "26/11/26",
        "2026-11-26",
        " 26/11/2026 ",
        "26/11/2026 00:00:00",
        "2026-11-26T00:00:00",
        dt.datetime(2026, 11, 26, 0, 0),
        NOV_26,
        46352,  # Excel serial number of 26/11/2026 (a date column formatted as "Standaard")
        46352.0,
        "46352",
    ],
)
def test_dates_in_every_form_users_write_them(value: object) -> None:
    assert parse_date(value) == NOV_26  # type: ignore[arg-type]


def test_day_and_month_without_leading_zeros() -> None:
    assert parse_date("1-3-2025") == dt.date(2025, 3, 1)
    assert parse_date("2025-3-1") == dt.date(2025, 3, 1)


@pytest.mark.parametrize("value", ["31/02/2026", "morgen", "2026/13/01", "12,5", -3])
def test_what_is_not_a_date_gets_a_dutch_message(value: object) -> None:
    with pytest.raises(CellError) as caught:
        parse_date(value)  # type: ignore[arg-type]
    assert "is geen datum" in caught.value.message_nl
    assert "dd/mm/jjjj" in caught.value.message_nl


def test_empty_cells_are_no_value() -> None:
    assert parse_date(None) is None
    assert parse_date("  ") is None
    assert parse_int("") is None
    assert parse_bool(None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), ("12,0", 12), ("12.0", 12), (12, 12), (12.0, 12), (" 7 ", 7), ("1.234", 1234)],
)
def test_whole_numbers_as_numbers_or_text(value: object, expected: int) -> None:
    assert parse_int(value) == expected  # type: ignore[arg-type]


def test_not_whole_and_not_numbers() -> None:
    with pytest.raises(CellError, match="not a whole number") as caught:
        parse_int("12,5")
    assert caught.value.message_nl == "'12,5' is geen geheel getal."
    with pytest.raises(CellError) as caught:
        parse_int("twaalf")
    assert caught.value.message_nl == "'twaalf' is geen getal."


@pytest.mark.parametrize("text", ["ja", "Ja", "JA ", "yes", "waar", "WAAR", "1", "x", True])
def test_yes(text: object) -> None:
    assert parse_bool(text) is True  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["nee", "Neen", "no", "onwaar", "0", False, 0])
def test_no(text: object) -> None:
    assert parse_bool(text) is False  # type: ignore[arg-type]


def test_neither_yes_nor_no() -> None:
    with pytest.raises(CellError) as caught:
        parse_bool("misschien")
    assert caught.value.message_nl == "'misschien' is geen ja of nee."


def test_cell_text_shows_dates_and_numbers_the_belgian_way() -> None:
    assert cell_text(dt.datetime(2026, 1, 5)) == "05/01/2026"
    assert cell_text(3500.0) == "3500"
    assert cell_text(2.5) == "2,5"
    assert cell_text(True) == "ja"
