"""Every location rule at its edge: the value at a limit is saved, one past it is refused with
the Dutch (and English) message the user reads next to the field.

Found by mutation testing (tests/mutation, docs/testing.md): a limit that no test tried at its
edge, or a message no test read, could change without any test failing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from vlot_desktop.domain.enums import LocationStatus as LS
from vlot_desktop.domain.enums import LocationType
from vlot_desktop.domain.location_rules import (
    CAPACITY_MAX,
    HOUSE_NUMBER_MAX,
    NAME_MAX,
    STREET_MAX,
    LocationValues,
    PlaceCounts,
    Problem,
    Severity,
    ambiguous_postcode,
    check_capacity,
    check_location,
    check_place_counts,
    check_status_step,
    check_step_date,
    duplicate_address_warning,
    municipality_from_postcode,
    municipality_name_mismatch,
    next_statuses,
    no_places_chosen,
    not_a_date,
    not_a_whole_number,
    unknown_municipality_name,
)

HASSELT, ANTWERPEN, ZAVENTEM, KRAAINEM = "71022", "11002", "23094", "23099"
MUNICIPALITIES = {HASSELT, ANTWERPEN, ZAVENTEM, KRAAINEM}
# 1930 serves two municipalities (as some Flemish postcodes do).
POSTCODES = {
    "3500": {HASSELT},
    "2000": {ANTWERPEN},
    "1930": {ZAVENTEM, KRAAINEM},
    "1000": {ANTWERPEN},  # a postcode starting with 1, the lowest first digit allowed
}
TODAY = dt.date(2026, 11, 26)

Found = tuple[str, str, str, Severity]


def _good(**changes: object) -> LocationValues:
    values = LocationValues(
        name="Opvang De Linde",
        location_type="collectieve_opvang",
        status="operationeel",
        municipality_nis=HASSELT,
        street="Kuringersteenweg",
        house_number="12",
        postcode="3500",
        capacity=40,
        opened_on=dt.date(2022, 4, 1),
    )
    for key, value in changes.items():
        setattr(values, key, value)
    return values


def _check(values: LocationValues, today: dt.date | None = TODAY) -> list[Found]:
    problems = check_location(
        values, municipalities=MUNICIPALITIES, postcode_municipalities=POSTCODES, today=today
    )
    return [(p.field, p.message, p.message_en, p.severity) for p in problems]


def _as_found(problems: list[Problem]) -> list[Found]:
    return [(p.field, p.message, p.message_en, p.severity) for p in problems]


# -- the text fields: required, and at most so many characters ----------------------------


def test_the_name_at_its_limit_is_saved_and_one_past_it_is_refused() -> None:
    assert _check(_good(name="N" * NAME_MAX)) == []
    assert _check(_good(name="N" * (NAME_MAX + 1))) == [
        (
            "name",
            "De naam is te lang (hoogstens 200 tekens).",
            "The name is too long (at most 200 characters).",
            Severity.ERROR,
        )
    ]
    assert NAME_MAX == 200


def test_spaces_around_a_name_do_not_count_and_a_blank_name_is_missing() -> None:
    assert _check(_good(name="  " + "N" * NAME_MAX + "  ")) == []
    for blank in (None, "", "   "):
        assert _check(_good(name=blank)) == [
            ("name", "Vul een naam in.", "Enter a name.", Severity.ERROR)
        ]


def test_the_street_at_its_limit_is_saved_and_one_past_it_is_refused() -> None:
    assert STREET_MAX == 200
    assert _check(_good(street="S" * STREET_MAX)) == []
    assert _check(_good(street="S" * (STREET_MAX + 1))) == [
        ("street", "De straatnaam is te lang.", "The street name is too long.", Severity.ERROR)
    ]
    assert _check(_good(street=None)) == []


def test_the_house_number_at_its_limit_is_saved_and_one_past_it_is_refused() -> None:
    assert HOUSE_NUMBER_MAX == 20
    assert _check(_good(house_number="1" * HOUSE_NUMBER_MAX)) == []
    assert _check(_good(house_number="1" * (HOUSE_NUMBER_MAX + 1))) == [
        (
            "house_number",
            "Het huisnummer is te lang.",
            "The house number is too long.",
            Severity.ERROR,
        )
    ]
    assert _check(_good(house_number=None)) == []


# -- type, status, municipality: one of the known values --------------------------------------


@pytest.mark.parametrize("location_type", list(LocationType))
def test_every_location_type_is_accepted(location_type: LocationType) -> None:
    assert _check(_good(location_type=location_type.value)) == []


@pytest.mark.parametrize("status", [s for s in LS if s is not LS.CLOSED])
def test_every_status_is_accepted(status: LS) -> None:
    assert _check(_good(status=status.value)) == []


def test_a_missing_or_unknown_type_is_named() -> None:
    assert _check(_good(location_type=None)) == [
        ("location_type", "Kies een type.", "Choose a type.", Severity.ERROR)
    ]
    assert _check(_good(location_type="kasteel")) == [
        ("location_type", "Onbekend type: kasteel.", "Unknown type: kasteel.", Severity.ERROR)
    ]


def test_a_missing_or_unknown_status_is_named() -> None:
    assert _check(_good(status="")) == [
        ("status", "Kies een status.", "Choose a status.", Severity.ERROR)
    ]
    assert _check(_good(status="open")) == [
        ("status", "Onbekende status: open.", "Unknown status: open.", Severity.ERROR)
    ]


def test_a_missing_or_unknown_municipality_is_named() -> None:
    # Without a municipality the postcode is not compared with it: one message, not two.
    assert _check(_good(municipality_nis=None)) == [
        ("municipality_nis", "Kies een gemeente.", "Choose a municipality.", Severity.ERROR)
    ]
    assert _check(_good(municipality_nis="99999", postcode=None)) == [
        (
            "municipality_nis",
            "Onbekende gemeente (NIS-code 99999).",
            "Unknown municipality (NIS code 99999).",
            Severity.ERROR,
        )
    ]


# -- the postcode ---------------------------------------------------------------------------


def test_a_postcode_is_optional_and_spaces_around_it_do_not_count() -> None:
    for empty in (None, "", "  "):
        assert _check(_good(postcode=empty)) == []
    assert _check(_good(postcode=" 3500 ")) == []


@pytest.mark.parametrize("typed", ["350", "35000", "0500", "35a0", "3 500", "٣٥٠٠"])
def test_a_postcode_has_four_digits_not_starting_with_zero(typed: str) -> None:
    assert _check(_good(postcode=typed)) == [
        (
            "postcode",
            "Een postcode heeft vier cijfers (bijvoorbeeld 3500).",
            "A postcode has four digits (for example 3500).",
            Severity.ERROR,
        )
    ]


def test_a_postcode_starting_with_one_is_a_postcode() -> None:
    assert _check(_good(municipality_nis=ANTWERPEN, postcode="1000")) == []


def test_an_unknown_postcode_is_refused() -> None:
    assert _check(_good(postcode="9999")) == [
        (
            "postcode",
            "Postcode 9999 bestaat niet in Vlaanderen.",
            "Postcode 9999 does not exist in Flanders.",
            Severity.ERROR,
        )
    ]


def test_a_postcode_of_another_municipality_is_a_warning_that_lets_it_save() -> None:
    found = _check(_good(postcode="2000"))
    assert found == [
        (
            "postcode",
            "Postcode 2000 hoort niet bij de gekozen gemeente.",
            "Postcode 2000 does not belong to the chosen municipality.",
            Severity.WARNING,
        )
    ]


def test_a_postcode_that_serves_two_municipalities_fits_both() -> None:
    assert _check(_good(municipality_nis=ZAVENTEM, postcode="1930")) == []
    assert _check(_good(municipality_nis=KRAAINEM, postcode="1930")) == []
    assert _check(_good(municipality_nis=HASSELT, postcode="1930"))[0][3] is Severity.WARNING


# -- capacity and places --------------------------------------------------------------------


def test_the_capacity_from_zero_to_its_maximum_is_saved() -> None:
    assert CAPACITY_MAX == 5000
    for capacity in (0, 1, CAPACITY_MAX):
        assert _check(_good(capacity=capacity)) == []
        assert check_capacity(capacity) == []


def test_a_capacity_one_past_the_maximum_is_refused() -> None:
    assert _check(_good(capacity=CAPACITY_MAX + 1)) == [
        (
            "capacity",
            "De capaciteit is hoogstens 5000 plaatsen.",
            "The capacity is at most 5000 places.",
            Severity.ERROR,
        )
    ]


def test_a_negative_or_missing_capacity_is_refused() -> None:
    assert _check(_good(capacity=-1)) == [
        (
            "capacity",
            "De capaciteit kan niet negatief zijn.",
            "The capacity cannot be negative.",
            Severity.ERROR,
        )
    ]
    assert _check(_good(capacity=None)) == [
        ("capacity", "Vul de capaciteit in.", "Enter the capacity.", Severity.ERROR)
    ]


def test_a_capacity_equal_to_the_places_in_use_is_saved_one_below_is_refused() -> None:
    in_use = PlaceCounts(occupied=5, offered_to_fedasil=3, out_of_use=2)
    assert in_use.in_use == 10
    assert check_capacity(10, in_use) == []
    assert _as_found(check_capacity(9, in_use)) == [
        (
            "places",
            "Bezet (5) + aangeboden aan FEDASIL (3) + buiten gebruik (2) "
            "is meer dan de capaciteit (9).",
            "Occupied (5) + offered to FEDASIL (3) + out of use (2) exceeds the capacity (9).",
            Severity.ERROR,
        )
    ]
    # The limits of the capacity itself come first, with or without counts.
    assert check_capacity(-1, in_use)[0].message == "De capaciteit kan niet negatief zijn."


@pytest.mark.parametrize(
    "counts",
    [
        PlaceCounts(occupied=11),
        PlaceCounts(offered_to_fedasil=11),
        PlaceCounts(out_of_use=11),
        PlaceCounts(occupied=4, offered_to_fedasil=4, out_of_use=3),
    ],
)
def test_every_kind_of_place_in_use_counts_against_the_capacity(counts: PlaceCounts) -> None:
    assert counts.in_use == 11
    (problem,) = check_place_counts(10, counts)
    assert problem.field == "places" and problem.is_error
    assert "is meer dan de capaciteit (10)" in problem.message
    assert check_place_counts(11, counts) == []


@pytest.mark.parametrize(
    "counts",
    [
        PlaceCounts(occupied=-1),
        PlaceCounts(offered_to_fedasil=-1),
        PlaceCounts(out_of_use=-1),
    ],
)
def test_a_negative_number_of_places_is_refused(counts: PlaceCounts) -> None:
    assert _as_found(check_place_counts(10, counts)) == [
        (
            "places",
            "Een aantal plaatsen kan niet negatief zijn.",
            "A number of places cannot be negative.",
            Severity.ERROR,
        )
    ]
    assert check_place_counts(10, PlaceCounts()) == []


# -- dates --------------------------------------------------------------------------------------


def test_a_location_can_close_on_the_day_it_opened_but_not_before() -> None:
    opened = dt.date(2024, 3, 5)
    assert _check(_good(status="gesloten", opened_on=opened, closed_on=opened)) == []
    assert _check(_good(opened_on=opened, closed_on=opened - dt.timedelta(days=1))) == [
        (
            "closed_on",
            "De sluitingsdatum ligt vóór de openingsdatum.",
            "The closing date is before the opening date.",
            Severity.ERROR,
        )
    ]
    # With only one of both dates there is nothing to compare.
    assert _check(_good(opened_on=None, closed_on=opened)) == []


def test_a_status_can_start_today_but_not_tomorrow() -> None:
    assert _check(_good(status_since=TODAY)) == []
    assert _check(_good(status_since=TODAY + dt.timedelta(days=1))) == [
        (
            "status_since",
            "De status kan niet ingaan in de toekomst.",
            "The status cannot start in the future.",
            Severity.ERROR,
        )
    ]


def test_without_a_date_given_today_is_the_laptops_date() -> None:
    today = dt.date.today()
    assert _check(_good(status_since=today), today=None) == []
    found = _check(_good(status_since=today + dt.timedelta(days=1)), today=None)
    assert [f[0] for f in found] == ["status_since"]


def test_a_closed_location_that_opened_is_asked_for_its_closing_date() -> None:
    assert _check(_good(status="gesloten", closed_on=None)) == [
        ("closed_on", "Vul de sluitingsdatum in.", "Enter the closing date.", Severity.WARNING)
    ]
    # Never opened (a prospect that was dropped): no closing date to ask for.
    assert _check(_good(status="gesloten", opened_on=None, closed_on=None)) == []
    # Still open: no closing date needed.
    assert _check(_good(status="afgebouwd", closed_on=None)) == []


def test_a_warning_does_not_stop_the_save_an_error_does() -> None:
    (warning,) = check_location(
        _good(postcode="2000"),
        municipalities=MUNICIPALITIES,
        postcode_municipalities=POSTCODES,
        today=TODAY,
    )
    assert not warning.is_error
    assert warning.text("nl") == "Postcode 2000 hoort niet bij de gekozen gemeente."
    assert warning.text("en") == "Postcode 2000 does not belong to the chosen municipality."
    (error,) = check_capacity(-1)
    assert error.is_error


def test_every_problem_is_listed_at_once() -> None:
    found = _check(
        LocationValues(
            name=None,
            location_type=None,
            status=None,
            municipality_nis=None,
            postcode="12",
            street="S" * (STREET_MAX + 1),
            house_number="1" * (HOUSE_NUMBER_MAX + 1),
            capacity=None,
            opened_on=TODAY,
            closed_on=TODAY - dt.timedelta(days=1),
            status_since=TODAY + dt.timedelta(days=1),
        )
    )
    assert [f[0] for f in found] == [
        "name",
        "location_type",
        "status",
        "municipality_nis",
        "postcode",
        "street",
        "house_number",
        "capacity",
        "closed_on",
        "status_since",
    ]
    assert all(f[3] is Severity.ERROR for f in found)


# -- the status workflow ----------------------------------------------------------------------

LEGAL = {
    (LS.PROSPECT, LS.PREPARING),
    (LS.PROSPECT, LS.CLOSED),
    (LS.PREPARING, LS.PROSPECT),
    (LS.PREPARING, LS.OPERATIONAL),
    (LS.PREPARING, LS.CLOSED),
    (LS.OPERATIONAL, LS.PREPARING),
    (LS.OPERATIONAL, LS.WOUND_DOWN),
    (LS.OPERATIONAL, LS.CLOSED),
    (LS.WOUND_DOWN, LS.OPERATIONAL),
    (LS.WOUND_DOWN, LS.CLOSED),
    (LS.CLOSED, LS.WOUND_DOWN),
}


@pytest.mark.parametrize("current", list(LS))
@pytest.mark.parametrize("new", list(LS))
def test_every_location_status_step_is_allowed_or_refused_with_its_message(
    current: LS, new: LS
) -> None:
    problems = check_status_step(current, new)
    assert (new in next_statuses(current)) == ((current, new) in LEGAL)
    if current == new or (current, new) in LEGAL:
        assert problems == []
    else:
        assert _as_found(problems) == [
            (
                "status",
                f"Van '{current.label_nl}' kan een locatie niet naar '{new.label_nl}'.",
                f"A location cannot go from '{current.label_en}' to '{new.label_en}'.",
                Severity.ERROR,
            )
        ]


def test_a_refused_step_reads_well() -> None:
    (problem,) = check_status_step(LS.CLOSED, LS.OPERATIONAL)
    assert problem.message == "Van 'Gesloten' kan een locatie niet naar 'Operationeel'."
    assert problem.message_en == "A location cannot go from 'Closed' to 'Operational'."


# -- dated steps: a location's or a place's status change -------------------------------------


def test_two_status_steps_on_the_same_day_are_allowed() -> None:
    day = dt.date(2026, 3, 5)
    assert check_step_date("status_since", day, previous=day, today=TODAY) == []
    assert check_step_date("status_since", TODAY, previous=None, today=TODAY) == []


def test_a_step_before_the_previous_one_names_the_previous_date() -> None:
    previous = dt.date(2026, 3, 5)
    assert _as_found(
        check_step_date("since", previous - dt.timedelta(days=1), previous=previous, today=TODAY)
    ) == [
        (
            "since",
            "De datum ligt vóór de vorige wijziging (05/03/2026).",
            "The date is before the previous change (05/03/2026).",
            Severity.ERROR,
        )
    ]


def test_a_step_cannot_be_dated_tomorrow() -> None:
    assert _as_found(
        check_step_date("since", TODAY + dt.timedelta(days=1), previous=None, today=TODAY)
    ) == [
        (
            "since",
            "De datum kan niet in de toekomst liggen.",
            "The date cannot be in the future.",
            Severity.ERROR,
        )
    ]


# -- the ready-made messages ------------------------------------------------------------------


def test_the_messages_of_the_import_and_the_forms() -> None:
    assert _as_found([duplicate_address_warning("Opvang De Linde")]) == [
        (
            "street",
            "Op dit adres in deze gemeente staat al een locatie: Opvang De Linde.",
            "There already is a location at this address in this municipality: Opvang De Linde.",
            Severity.WARNING,
        )
    ]
    assert _as_found([unknown_municipality_name("Hasselt-Noord")]) == [
        (
            "municipality_nis",
            "Onbekende gemeente: Hasselt-Noord.",
            "Unknown municipality: Hasselt-Noord.",
            Severity.ERROR,
        )
    ]
    assert _as_found([ambiguous_postcode("1930")]) == [
        (
            "municipality_nis",
            "Postcode 1930 hoort bij meer dan één gemeente; vul de gemeente in.",
            "Postcode 1930 belongs to more than one municipality; fill in the municipality.",
            Severity.ERROR,
        )
    ]
    assert _as_found([municipality_name_mismatch("Genk", HASSELT, "Hasselt")]) == [
        (
            "municipality_nis",
            "De gemeente Genk past niet bij NIS-code 71022 (Hasselt); Hasselt wordt gebruikt.",
            "The municipality Genk does not match NIS code 71022 (Hasselt); Hasselt is used.",
            Severity.WARNING,
        )
    ]
    assert _as_found([municipality_from_postcode("3500", "Hasselt")]) == [
        (
            "municipality_nis",
            "Gemeente Hasselt ingevuld volgens postcode 3500.",
            "Municipality Hasselt filled in from postcode 3500.",
            Severity.WARNING,
        )
    ]
    assert _as_found([no_places_chosen()]) == [
        (
            "places",
            "Kies eerst een of meer plaatsen.",
            "Choose one or more places first.",
            Severity.ERROR,
        )
    ]


def test_the_messages_for_what_was_typed_name_the_field() -> None:
    assert _as_found([not_a_date("opened_on")]) == [
        (
            "opened_on",
            "Geen geldige datum: gebruik dd/mm/jjjj (bijvoorbeeld 26/11/2026).",
            "Not a valid date: use dd/mm/yyyy (for example 26/11/2026).",
            Severity.ERROR,
        )
    ]
    assert _as_found([not_a_whole_number("capacity")]) == [
        (
            "capacity",
            "Vul een geheel getal in (bijvoorbeeld 12).",
            "Enter a whole number (e.g. 12).",
            Severity.ERROR,
        )
    ]
