"""The notes of a location and the medical notes of a member obey the free-text limit: at the
limit they are saved, one character more is refused with the message that says how long."""

from __future__ import annotations

import datetime as dt

from vlot_desktop.domain.case_rules import MemberValues, check_member
from vlot_desktop.domain.location_rules import LocationValues, Severity, check_location
from vlot_desktop.domain.text_limits import MAX_FREE_TEXT

TODAY = dt.date(2026, 11, 26)
TOO_LONG_NL = (
    "Deze tekst is te lang: 100.001 tekens, hoogstens 100.000. Hij is niet bewaard; "
    "maak hem korter."
)


def _location(notes: str | None) -> list[tuple[str, str, Severity]]:
    values = LocationValues(
        name="Opvang De Linde",
        location_type="collectieve_opvang",
        status="operationeel",
        municipality_nis="71022",
        capacity=4,
        notes=notes,
    )
    problems = check_location(
        values, municipalities={"71022"}, postcode_municipalities={}, today=TODAY
    )
    return [(p.field, p.message, p.severity) for p in problems]


def test_location_notes_at_the_limit_are_saved_one_more_is_refused() -> None:
    assert MAX_FREE_TEXT == 100_000
    assert _location(None) == []
    assert _location("n" * MAX_FREE_TEXT) == []
    assert _location("n" * (MAX_FREE_TEXT + 1)) == [("notes", TOO_LONG_NL, Severity.ERROR)]


def test_medical_notes_at_the_limit_are_saved_one_more_is_refused() -> None:
    def member(notes: str | None) -> list[tuple[str, str]]:
        values = MemberValues(first_name="Olena", last_name="Kovalenko", medical_notes=notes)
        return [(p.field, p.message) for p in check_member(values, today=TODAY)]

    assert member(None) == []
    assert member("m" * MAX_FREE_TEXT) == []
    assert member("m" * (MAX_FREE_TEXT + 1)) == [("medical_notes", TOO_LONG_NL)]
