"""The location rules give one clear Dutch message per problem, and none for good values."""

from __future__ import annotations

import datetime as dt

from vlot_desktop.domain.enums import LocationStatus
from vlot_desktop.domain.location_rules import (
    LocationValues,
    PlaceCounts,
    Severity,
    check_location,
    check_place_counts,
    check_status_step,
    next_statuses,
)

MUNICIPALITIES = {"71022", "11002"}  # Hasselt, Antwerpen
POSTCODES = {"3500": {"71022"}, "3501": {"71022"}, "2000": {"11002"}}
TODAY = dt.date(2026, 11, 26)


def _good(**changes: object) -> LocationValues:
    values = LocationValues(
        name="Opvang De Linde",
        location_type="collectieve_opvang",
        status="operationeel",
        municipality_nis="71022",
        street="Kuringersteenweg",
        house_number="12",
        postcode="3500",
        capacity=40,
        opened_on=dt.date(2022, 4, 1),
    )
    for key, value in changes.items():
        setattr(values, key, value)
    return values


def _check(values: LocationValues) -> list[tuple[str, str, Severity]]:
    problems = check_location(
        values, municipalities=MUNICIPALITIES, postcode_municipalities=POSTCODES, today=TODAY
    )
    return [(p.field, p.message, p.severity) for p in problems]


def test_a_complete_location_has_no_problems() -> None:
    assert _check(_good()) == []


def test_required_fields_are_named_in_dutch() -> None:
    found = _check(_good(name="  ", location_type=None, municipality_nis=None, status=None))
    assert ("name", "Vul een naam in.", Severity.ERROR) in found
    assert ("location_type", "Kies een type.", Severity.ERROR) in found
    assert ("status", "Kies een status.", Severity.ERROR) in found
    assert ("municipality_nis", "Kies een gemeente.", Severity.ERROR) in found


def test_negative_capacity_is_an_error() -> None:
    assert _check(_good(capacity=-3)) == [
        ("capacity", "De capaciteit kan niet negatief zijn.", Severity.ERROR)
    ]


def test_a_postcode_of_another_municipality_only_warns() -> None:
    assert _check(_good(postcode="2000")) == [
        ("postcode", "Postcode 2000 hoort niet bij de gekozen gemeente.", Severity.WARNING)
    ]
    assert _check(_good(postcode="35")) == [
        ("postcode", "Een postcode heeft vier cijfers (bijvoorbeeld 3500).", Severity.ERROR)
    ]
    assert _check(_good(postcode="9999"))[0][1] == "Postcode 9999 bestaat niet in Vlaanderen."


def test_dates_must_be_in_order() -> None:
    found = _check(_good(closed_on=dt.date(2021, 1, 1)))
    assert found == [("closed_on", "De sluitingsdatum ligt vóór de openingsdatum.", Severity.ERROR)]
    assert _check(_good(status_since=TODAY + dt.timedelta(days=1)))[0][0] == "status_since"


def test_places_in_use_never_exceed_the_capacity() -> None:
    assert check_place_counts(10, PlaceCounts(occupied=6, offered_to_fedasil=2, out_of_use=2)) == []
    problems = check_place_counts(10, PlaceCounts(occupied=6, offered_to_fedasil=3, out_of_use=2))
    assert len(problems) == 1
    assert problems[0].message == (
        "Bezet (6) + aangeboden aan FEDASIL (3) + buiten gebruik (2) "
        "is meer dan de capaciteit (10)."
    )


def test_the_status_workflow_allows_only_its_steps() -> None:
    assert LocationStatus.PREPARING in next_statuses(LocationStatus.PROSPECT)
    assert check_status_step(LocationStatus.PROSPECT, LocationStatus.PREPARING) == []
    problems = check_status_step(LocationStatus.PROSPECT, LocationStatus.WOUND_DOWN)
    assert problems[0].message == "Van 'Prospect' kan een locatie niet naar 'Afgebouwd'."
