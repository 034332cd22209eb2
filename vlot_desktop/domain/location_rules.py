"""The rules a reception location and its places must obey, with the messages a user reads.

One set of rules for every way a location changes: typing in the detail pane, a place action,
an import row. The functions here are pure (no database): the caller passes what it looked up
(which postcodes belong to which municipality, how many places are in use). A problem of
severity ``error`` means the change is not saved; a ``warning`` is shown but does not stop it.

Messages are plain Dutch (the GUI shows them next to the field) with an English twin for the
English interface and the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Mapping, Set
from dataclasses import dataclass, field

from vlot_desktop.domain.enums import LocationStatus, LocationType

# Problem and Severity are imported from here by the rules and screens of every record.
from vlot_desktop.domain.problems import Problem as Problem
from vlot_desktop.domain.problems import Severity as Severity
from vlot_desktop.domain.text_limits import check_text_length

NAME_MAX = 200
STREET_MAX = 200
HOUSE_NUMBER_MAX = 20
CAPACITY_MAX = 5000  # the largest collective centre in Flanders has well under 1,000 places

_POSTCODE = re.compile(r"^[1-9]\d{3}$")


@dataclass
class LocationValues:
    """The editable fields of a location, as entered (``None`` = empty)."""

    name: str | None = None
    location_type: str | None = None
    status: str | None = None
    municipality_nis: str | None = None
    street: str | None = None
    house_number: str | None = None
    postcode: str | None = None
    capacity: int | None = 0
    status_since: dt.date | None = None
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    # Only a change of the notes is given (its length is checked: domain.text_limits).
    notes: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PlaceCounts:
    """How many of a location's places are in each use (the rest are free or in preparation)."""

    occupied: int = 0
    offered_to_fedasil: int = 0
    out_of_use: int = 0

    @property
    def in_use(self) -> int:
        return self.occupied + self.offered_to_fedasil + self.out_of_use


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


def _warning(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.WARNING)


def check_location(
    values: LocationValues,
    *,
    municipalities: Container[str],
    postcode_municipalities: Mapping[str, Set[str]],
    today: dt.date | None = None,
) -> list[Problem]:
    """Every problem with ``values``; an empty list means it can be saved as it is.

    ``municipalities``: the known NIS codes. ``postcode_municipalities``: postcode -> the NIS
    codes it serves (a few postcodes serve two municipalities).
    """
    problems: list[Problem] = []
    today = today or dt.date.today()

    name = (values.name or "").strip()
    if not name:
        problems.append(_error("name", "Vul een naam in.", "Enter a name."))
    elif len(name) > NAME_MAX:
        problems.append(
            _error(
                "name",
                f"De naam is te lang (hoogstens {NAME_MAX} tekens).",
                f"The name is too long (at most {NAME_MAX} characters).",
            )
        )

    if not values.location_type:
        problems.append(_error("location_type", "Kies een type.", "Choose a type."))
    elif values.location_type not in {t.value for t in LocationType}:
        problems.append(
            _error(
                "location_type",
                f"Onbekend type: {values.location_type}.",
                f"Unknown type: {values.location_type}.",
            )
        )

    if not values.status:
        problems.append(_error("status", "Kies een status.", "Choose a status."))
    elif values.status not in {s.value for s in LocationStatus}:
        problems.append(
            _error(
                "status", f"Onbekende status: {values.status}.", f"Unknown status: {values.status}."
            )
        )

    if not values.municipality_nis:
        problems.append(_error("municipality_nis", "Kies een gemeente.", "Choose a municipality."))
    elif values.municipality_nis not in municipalities:
        problems.append(
            _error(
                "municipality_nis",
                f"Onbekende gemeente (NIS-code {values.municipality_nis}).",
                f"Unknown municipality (NIS code {values.municipality_nis}).",
            )
        )

    problems.extend(_check_postcode(values, postcode_municipalities))

    if values.street and len(values.street) > STREET_MAX:
        problems.append(
            _error("street", "De straatnaam is te lang.", "The street name is too long.")
        )
    if values.house_number and len(values.house_number) > HOUSE_NUMBER_MAX:
        problems.append(
            _error("house_number", "Het huisnummer is te lang.", "The house number is too long.")
        )
    problems.extend(check_text_length("notes", values.notes))

    problems.extend(check_capacity(values.capacity))
    problems.extend(_check_dates(values, today))
    return problems


def _check_postcode(
    values: LocationValues, postcode_municipalities: Mapping[str, Set[str]]
) -> list[Problem]:
    postcode = (values.postcode or "").strip()
    if not postcode:
        return []
    if not _POSTCODE.match(postcode):
        return [
            _error(
                "postcode",
                "Een postcode heeft vier cijfers (bijvoorbeeld 3500).",
                "A postcode has four digits (for example 3500).",
            )
        ]
    served = postcode_municipalities.get(postcode)
    if not served:
        return [
            _error(
                "postcode",
                f"Postcode {postcode} bestaat niet in Vlaanderen.",
                f"Postcode {postcode} does not exist in Flanders.",
            )
        ]
    if values.municipality_nis and values.municipality_nis not in served:
        return [
            _warning(
                "postcode",
                f"Postcode {postcode} hoort niet bij de gekozen gemeente.",
                f"Postcode {postcode} does not belong to the chosen municipality.",
            )
        ]
    return []


def check_capacity(capacity: int | None, counts: PlaceCounts | None = None) -> list[Problem]:
    """Capacity is a whole number from 0, and not below the places in use."""
    if capacity is None:
        return [_error("capacity", "Vul de capaciteit in.", "Enter the capacity.")]
    if capacity < 0:
        return [
            _error(
                "capacity",
                "De capaciteit kan niet negatief zijn.",
                "The capacity cannot be negative.",
            )
        ]
    if capacity > CAPACITY_MAX:
        return [
            _error(
                "capacity",
                f"De capaciteit is hoogstens {CAPACITY_MAX} plaatsen.",
                f"The capacity is at most {CAPACITY_MAX} places.",
            )
        ]
    if counts is not None:
        return check_place_counts(capacity, counts)
    return []


def check_place_counts(capacity: int, counts: PlaceCounts) -> list[Problem]:
    """Occupied + offered to FEDASIL + out of use never exceeds the capacity."""
    negatives = [
        value
        for value in (counts.occupied, counts.offered_to_fedasil, counts.out_of_use)
        if value < 0
    ]
    if negatives:
        return [
            _error(
                "places",
                "Een aantal plaatsen kan niet negatief zijn.",
                "A number of places cannot be negative.",
            )
        ]
    if counts.in_use > capacity:
        return [
            _error(
                "places",
                f"Bezet ({counts.occupied}) + aangeboden aan FEDASIL "
                f"({counts.offered_to_fedasil}) + buiten gebruik ({counts.out_of_use}) "
                f"is meer dan de capaciteit ({capacity}).",
                f"Occupied ({counts.occupied}) + offered to FEDASIL "
                f"({counts.offered_to_fedasil}) + out of use ({counts.out_of_use}) "
                f"exceeds the capacity ({capacity}).",
            )
        ]
    return []


def _check_dates(values: LocationValues, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    if values.opened_on and values.closed_on and values.closed_on < values.opened_on:
        problems.append(
            _error(
                "closed_on",
                "De sluitingsdatum ligt vóór de openingsdatum.",
                "The closing date is before the opening date.",
            )
        )
    if values.status_since and values.status_since > today:
        problems.append(
            _error(
                "status_since",
                "De status kan niet ingaan in de toekomst.",
                "The status cannot start in the future.",
            )
        )
    if values.status == LocationStatus.CLOSED.value and values.opened_on and not values.closed_on:
        problems.append(
            _warning(
                "closed_on",
                "Vul de sluitingsdatum in.",
                "Enter the closing date.",
            )
        )
    return problems


# -- status workflow ------------------------------------------------------------------------

# prospect -> in voorbereiding -> operationeel -> afgebouwd / gesloten, with the steps back a
# team needs to correct a mistake or reopen a location that was wound down.
ALLOWED_STATUS_STEPS: Mapping[LocationStatus, frozenset[LocationStatus]] = {
    LocationStatus.PROSPECT: frozenset({LocationStatus.PREPARING, LocationStatus.CLOSED}),
    LocationStatus.PREPARING: frozenset(
        {LocationStatus.PROSPECT, LocationStatus.OPERATIONAL, LocationStatus.CLOSED}
    ),
    LocationStatus.OPERATIONAL: frozenset(
        {LocationStatus.PREPARING, LocationStatus.WOUND_DOWN, LocationStatus.CLOSED}
    ),
    LocationStatus.WOUND_DOWN: frozenset({LocationStatus.OPERATIONAL, LocationStatus.CLOSED}),
    LocationStatus.CLOSED: frozenset({LocationStatus.WOUND_DOWN}),
}


def next_statuses(current: LocationStatus) -> frozenset[LocationStatus]:
    """The statuses a location in ``current`` may move to."""
    return ALLOWED_STATUS_STEPS.get(current, frozenset())


def check_status_step(current: LocationStatus, new: LocationStatus) -> list[Problem]:
    if new == current or new in next_statuses(current):
        return []
    return [
        _error(
            "status",
            f"Van '{current.label_nl}' kan een locatie niet naar '{new.label_nl}'.",
            f"A location cannot go from '{current.label_en}' to '{new.label_en}'.",
        )
    ]


def duplicate_address_warning(other_location_name: str) -> Problem:
    """The same street and number in the same municipality is probably the same building."""
    return _warning(
        "street",
        f"Op dit adres in deze gemeente staat al een locatie: {other_location_name}.",
        f"There already is a location at this address in this municipality: {other_location_name}.",
    )


# -- finding the municipality from what a file gives (import) -------------------------------


def unknown_municipality_name(name: str) -> Problem:
    """A municipality name that is none of the 285 Flemish municipalities."""
    return _error(
        "municipality_nis",
        f"Onbekende gemeente: {name}.",
        f"Unknown municipality: {name}.",
    )


def ambiguous_postcode(postcode: str) -> Problem:
    """A postcode serving two municipalities cannot say which one is meant."""
    return _error(
        "municipality_nis",
        f"Postcode {postcode} hoort bij meer dan één gemeente; vul de gemeente in.",
        f"Postcode {postcode} belongs to more than one municipality; fill in the municipality.",
    )


def municipality_name_mismatch(name: str, nis_code: str, nis_name: str) -> Problem:
    """The name and the NIS code disagree: the NIS code is used, the user should check."""
    return _warning(
        "municipality_nis",
        f"De gemeente {name} past niet bij NIS-code {nis_code} ({nis_name}); "
        f"{nis_name} wordt gebruikt.",
        f"The municipality {name} does not match NIS code {nis_code} ({nis_name}); "
        f"{nis_name} is used.",
    )


# -- typed input and dated steps (the detail pane and the place actions) ------------------


def not_a_date(field_name: str) -> Problem:
    """What the user typed in a date field is not a date."""
    return _error(
        field_name,
        "Geen geldige datum: gebruik dd/mm/jjjj (bijvoorbeeld 26/11/2026).",
        "Not a valid date: use dd/mm/yyyy (for example 26/11/2026).",
    )


def not_a_whole_number(field_name: str) -> Problem:
    """What the user typed in a number field is not a whole number."""
    return _error(
        field_name, "Vul een geheel getal in (bijvoorbeeld 12).", "Enter a whole number (e.g. 12)."
    )


def check_step_date(
    field_name: str, on_date: dt.date, *, previous: dt.date | None, today: dt.date
) -> list[Problem]:
    """A status step (of a location or a place) is not in the future nor before the last one."""
    if on_date > today:
        return [
            _error(
                field_name,
                "De datum kan niet in de toekomst liggen.",
                "The date cannot be in the future.",
            )
        ]
    if previous is not None and on_date < previous:
        shown = f"{previous.day:02d}/{previous.month:02d}/{previous.year}"
        return [
            _error(
                field_name,
                f"De datum ligt vóór de vorige wijziging ({shown}).",
                f"The date is before the previous change ({shown}).",
            )
        ]
    return []


def no_places_chosen() -> Problem:
    return _error("places", "Kies eerst een of meer plaatsen.", "Choose one or more places first.")


def municipality_from_postcode(postcode: str, municipality_name: str) -> Problem:
    """The municipality was filled in from the postcode: say so, the user may correct it."""
    return _warning(
        "municipality_nis",
        f"Gemeente {municipality_name} ingevuld volgens postcode {postcode}.",
        f"Municipality {municipality_name} filled in from postcode {postcode}.",
    )
