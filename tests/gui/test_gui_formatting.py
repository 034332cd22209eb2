"""Belgian numbers and dates, enum labels in the interface language."""

from __future__ import annotations

import datetime as dt

from vlot_desktop.domain.enums import ContactRole, PlaceStatus
from vlot_desktop.ui.formatting import enum_label, format_date, format_int, format_time


def test_numbers_use_the_belgian_thousands_separator(dutch: None) -> None:
    assert format_int(0) == "0"
    assert format_int(999) == "999"
    assert format_int(1234) == "1.234"
    assert format_int(1234567) == "1.234.567"
    assert format_int(None) == "—"


def test_dates_are_day_month_year() -> None:
    assert format_date(dt.date(2026, 11, 26)) == "26/11/2026"
    assert format_date(dt.date(2027, 1, 5)) == "05/01/2027"
    assert format_date(None) == ""
    assert format_time(dt.datetime(2026, 11, 26, 9, 5)) == "09:05"


def test_enum_labels_follow_the_language(dutch: None) -> None:
    assert enum_label(PlaceStatus, "aangeboden_fedasil") == "Aangeboden aan FEDASIL"
    assert enum_label(ContactRole, "burgemeester") == "Burgemeester"
    assert enum_label(ContactRole, "nieuwe_rol") == "nieuwe_rol"


def test_enum_labels_in_english(english: None) -> None:
    assert enum_label(PlaceStatus, "aangeboden_fedasil") == "Offered to FEDASIL"
    assert format_int(1234) == "1.234"  # still Belgian: the users work in Belgium
