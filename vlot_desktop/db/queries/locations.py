"""The Opvanglocaties screen: one page of the filtered list, its totals, and one location's details.

Per-location place counts are correlated counts over the covering index
``ix_place_location_status`` (location_id, status), computed for the rows of one page, or for
every filtered location when the user sorts by a count; no counter columns to keep in step.
The list is read a page at a time (``PAGE_SIZE`` rows, ``LIMIT``/``OFFSET``) in the order the
user chose, so a keystroke costs one page and one totals query whatever the size of the offer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, false, func, or_, select
from sqlalchemy.orm import aliased

from vlot_desktop.db.models import (
    CapacityChange,
    ContactPerson,
    Location,
    LocationPartner,
    LocationStatusChange,
    Municipality,
    Organisation,
    Place,
    PlaceStatusChange,
    Postcode,
    Province,
    StaffUser,
)
from vlot_desktop.db.queries._common import raw_text
from vlot_desktop.db.queries.location_filter import LocationFilter, location_conditions
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold

PAGE_SIZE = 200


class SortColumn(StrEnum):
    """What the list can be sorted by (the columns of the screen)."""

    NAME = "name"
    MUNICIPALITY = "municipality"
    TYPE = "type"
    STATUS = "status"
    CAPACITY = "capacity"
    OCCUPIED = "occupied"
    FREE = "free"
    OFFERED = "offered"


@dataclass(frozen=True)
class LocationRow:
    """One line of the list."""

    id: str
    name: str
    municipality_nis: str
    municipality_name: str
    location_type: str
    status: str
    capacity: int
    occupied: int
    free: int
    offered: int


@dataclass(frozen=True)
class LocationTotals:
    """The totals line for the current filter."""

    locations: int = 0
    capacity: int = 0
    occupied: int = 0
    free: int = 0
    offered: int = 0


def places_in(status: PlaceStatus, location_id: Any) -> Any:
    """How many places of the location ``location_id`` (a column) are in ``status``.

    A correlated count over the covering index ``ix_place_location_status``: a few index
    entries per location, so it costs little for a page of rows or for sorting 5,000.
    """
    return (
        select(func.count())
        .select_from(Place)
        .where(Place.location_id == location_id, raw_text(Place.status) == status.value)
        .scalar_subquery()
    )


_COUNT_SORTS = {
    SortColumn.OCCUPIED: PlaceStatus.OCCUPIED,
    SortColumn.FREE: PlaceStatus.FREE,
    SortColumn.OFFERED: PlaceStatus.OFFERED_FEDASIL,
}


def _order_values(values: list[str]) -> dict[str, int]:
    return {value: position for position, value in enumerate(values)}


def _sort_expression(sort: SortColumn) -> Any:
    if sort is SortColumn.MUNICIPALITY:
        return (
            select(Municipality.search_name)
            .where(Municipality.nis_code == Location.municipality_nis)
            .scalar_subquery()
        )
    if sort is SortColumn.TYPE:
        return case(
            _order_values([t.value for t in LocationType]),
            value=raw_text(Location.location_type),
            else_=len(LocationType),
        )
    if sort is SortColumn.STATUS:  # in workflow order, not alphabetically
        return case(
            _order_values([s.value for s in LocationStatus]),
            value=raw_text(Location.status),
            else_=len(LocationStatus),
        )
    if sort is SortColumn.CAPACITY:
        return Location.capacity
    if sort in _COUNT_SORTS:
        return places_in(_COUNT_SORTS[sort], Location.id)
    return Location.search_text


def _row_select() -> Any:
    return select(
        Location.id,
        Location.name,
        Location.municipality_nis,
        Municipality.name_nl,
        raw_text(Location.location_type),
        raw_text(Location.status),
        Location.capacity,
        places_in(PlaceStatus.OCCUPIED, Location.id),
        places_in(PlaceStatus.FREE, Location.id),
        places_in(PlaceStatus.OFFERED_FEDASIL, Location.id),
    ).join(Municipality, Municipality.nis_code == Location.municipality_nis)


def list_locations(
    conn: Connection,
    location_filter: LocationFilter,
    *,
    sort: SortColumn = SortColumn.NAME,
    descending: bool = False,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> list[LocationRow]:
    """One page of the locations matching ``location_filter``, in the chosen order.

    Two steps: the ids of the page (filter, order, ``LIMIT``), then their rows with the place
    counts, so the counts are only computed for the rows shown (unless the order needs them).
    Equal sort values fall back to the name and then the id, so pages never overlap.
    """
    key = _sort_expression(sort)
    order = [key.desc() if descending else key.asc()]
    if sort is not SortColumn.NAME:
        # (Repeating the name when it is the key would cost SQLite its early stop at LIMIT.)
        order.append(Location.search_text)
    order.append(Location.id.desc() if descending else Location.id)
    ids_stmt = (
        select(Location.id)
        .where(*location_conditions(location_filter))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    ids = list(conn.scalars(ids_stmt))
    if not ids:
        return []
    found = {
        row[0]: LocationRow(*row) for row in conn.execute(_row_select().where(Location.id.in_(ids)))
    }
    return [found[location_id] for location_id in ids if location_id in found]


def location_row(conn: Connection, location_id: str) -> LocationRow | None:
    """The list line of one location (after an edit), whatever the filter."""
    found = conn.execute(_row_select().where(Location.id == location_id)).first()
    return LocationRow(*found) if found is not None else None


def location_totals(conn: Connection, location_filter: LocationFilter) -> LocationTotals:
    """Number of locations, capacity, occupied, free and offered places for the filter.

    The places are counted by walking from the filtered locations into the covering index of
    ``place`` (location_id, status): no per-location aggregate is materialised.
    """
    conditions = location_conditions(location_filter)
    locations, capacity = conn.execute(
        select(func.count(), func.coalesce(func.sum(Location.capacity), 0)).where(*conditions)
    ).one()
    # An alias: the filter's own EXISTS over ``place`` must not correlate to this join.
    counted = aliased(Place)
    status = raw_text(counted.status)
    occupied, free, offered = conn.execute(
        select(
            func.count().filter(status == PlaceStatus.OCCUPIED.value),
            func.count().filter(status == PlaceStatus.FREE.value),
            func.count().filter(status == PlaceStatus.OFFERED_FEDASIL.value),
        )
        .select_from(Location)
        .join(counted, counted.location_id == Location.id)
        .where(*conditions)
    ).one()
    return LocationTotals(int(locations), int(capacity), int(occupied), int(free), int(offered))


# -- one location ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LocationDetail:
    """Everything the detail pane edits, with the names behind the keys."""

    id: str
    name: str
    location_type: str
    status: str
    status_since: dt.date | None
    street: str | None
    house_number: str | None
    postcode: str | None
    municipality_nis: str
    municipality_name: str
    province_name: str
    owner_organisation_id: str | None
    owner_contact_id: str | None
    municipal_contact_id: str | None
    capacity: int
    wheelchair_accessible: bool
    suits_families: bool
    suits_singles: bool
    suits_medical_needs: bool
    suits_vulnerable_profiles: bool
    opened_on: dt.date | None
    closed_on: dt.date | None
    subsidy_scheme: str | None
    subsidy_reference: str | None
    notes: str | None


def location_detail(conn: Connection, location_id: str) -> LocationDetail | None:
    stmt = (
        select(
            Location.id,
            Location.name,
            raw_text(Location.location_type),
            raw_text(Location.status),
            Location.status_since,
            Location.street,
            Location.house_number,
            Location.postcode,
            Location.municipality_nis,
            Municipality.name_nl,
            Province.name_nl,
            Location.owner_organisation_id,
            Location.owner_contact_id,
            Location.municipal_contact_id,
            Location.capacity,
            Location.wheelchair_accessible,
            Location.suits_families,
            Location.suits_singles,
            Location.suits_medical_needs,
            Location.suits_vulnerable_profiles,
            Location.opened_on,
            Location.closed_on,
            Location.subsidy_scheme,
            Location.subsidy_reference,
            Location.notes,
        )
        .join(Municipality, Municipality.nis_code == Location.municipality_nis)
        .join(Province, Province.code == Municipality.province_code)
        .where(Location.id == location_id)
    )
    found = conn.execute(stmt).first()
    return LocationDetail(*found) if found is not None else None  # type: ignore[call-arg]


def place_status_counts(conn: Connection, location_id: str) -> dict[str, int]:
    """How many of the location's places are in each status (stored values as keys)."""
    stmt = (
        select(raw_text(Place.status), func.count())
        .where(Place.location_id == location_id)
        .group_by(raw_text(Place.status))
    )
    return {str(status): int(n) for status, n in conn.execute(stmt)}


@dataclass(frozen=True)
class PlaceRow:
    id: str
    label: str
    status: str
    status_since: dt.date | None
    offered_to_fedasil_on: dt.date | None


def list_places(conn: Connection, location_id: str) -> list[PlaceRow]:
    """The location's places, in the order they were created (``Kamer 1 - bed 1`` first)."""
    stmt = (
        select(
            Place.id,
            Place.label,
            raw_text(Place.status),
            Place.status_since,
            Place.offered_to_fedasil_on,
        )
        .where(Place.location_id == location_id)
        .order_by(Place.created_at, Place.id)
    )
    return [PlaceRow(*row) for row in conn.execute(stmt)]


@dataclass(frozen=True)
class StatusChangeRow:
    from_status: str | None
    to_status: str
    changed_on: dt.date
    author_name: str | None
    remark: str | None


def status_history(conn: Connection, location_id: str) -> list[StatusChangeRow]:
    """The steps of the location's workflow, newest first."""
    stmt = (
        select(
            raw_text(LocationStatusChange.from_status),
            raw_text(LocationStatusChange.to_status),
            LocationStatusChange.changed_on,
            StaffUser.name,
            LocationStatusChange.remark,
        )
        .outerjoin(StaffUser, StaffUser.id == LocationStatusChange.author_id)
        .where(LocationStatusChange.location_id == location_id)
        .order_by(LocationStatusChange.changed_on.desc(), LocationStatusChange.created_at.desc())
    )
    return [StatusChangeRow(*row) for row in conn.execute(stmt)]


def last_status_change_date(conn: Connection, location_id: str) -> dt.date | None:
    stmt = select(func.max(LocationStatusChange.changed_on)).where(
        LocationStatusChange.location_id == location_id
    )
    value = conn.execute(stmt).scalar()
    return value if isinstance(value, dt.date) else None


@dataclass(frozen=True)
class CapacityChangeRow:
    old_capacity: int
    new_capacity: int
    changed_on: dt.date
    author_name: str | None
    reason: str | None


def capacity_history(conn: Connection, location_id: str) -> list[CapacityChangeRow]:
    """Changes of the declared capacity, newest first."""
    stmt = (
        select(
            CapacityChange.old_capacity,
            CapacityChange.new_capacity,
            CapacityChange.changed_on,
            StaffUser.name,
            CapacityChange.reason,
        )
        .outerjoin(StaffUser, StaffUser.id == CapacityChange.author_id)
        .where(CapacityChange.location_id == location_id)
        .order_by(CapacityChange.changed_on.desc(), CapacityChange.created_at.desc())
    )
    return [CapacityChangeRow(*row) for row in conn.execute(stmt)]


@dataclass(frozen=True)
class PartnerRow:
    id: str
    municipality_nis: str
    municipality_name: str
    role: str | None


def list_partners(conn: Connection, location_id: str) -> list[PartnerRow]:
    """The municipalities that share the location (intergemeentelijke samenwerking)."""
    stmt = (
        select(
            LocationPartner.id,
            LocationPartner.municipality_nis,
            Municipality.name_nl,
            LocationPartner.role,
        )
        .join(Municipality, Municipality.nis_code == LocationPartner.municipality_nis)
        .where(LocationPartner.location_id == location_id)
        .order_by(Municipality.search_name)
    )
    return [PartnerRow(*row) for row in conn.execute(stmt)]


@dataclass(frozen=True)
class OccupancyPoint:
    """The places of a location at the end of one month, by status."""

    month: dt.date  # the first day of the month
    places: int
    occupied: int
    free: int
    offered: int
    out_of_use: int


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def occupancy_by_month(
    conn: Connection, location_id: str, *, today: dt.date, months: int = 24
) -> list[OccupancyPoint]:
    """Occupancy over time, replayed from the places' status history (the last ``months``).

    A place counts from its first status change; its status at the end of a month is the last
    change on or before that day.
    """
    stmt = (
        select(
            PlaceStatusChange.place_id,
            raw_text(PlaceStatusChange.to_status),
            PlaceStatusChange.changed_on,
        )
        .where(PlaceStatusChange.location_id == location_id)
        .order_by(PlaceStatusChange.changed_on, PlaceStatusChange.created_at)
    )
    changes = [(str(p), str(s), d) for p, s, d in conn.execute(stmt) if isinstance(d, dt.date)]
    if not changes:
        return []
    # Go back ``months - 1`` months from this month, but not before the first change.
    start = _month_start(today)
    for _ in range(months - 1):
        previous = (start - dt.timedelta(days=1)).replace(day=1)
        if previous < _month_start(changes[0][2]):
            break
        start = previous
    first = start
    current: dict[str, str] = {}
    points: list[OccupancyPoint] = []
    index = 0
    month = first
    while month <= _month_start(today):
        end = min(_next_month(month) - dt.timedelta(days=1), today)
        while index < len(changes) and changes[index][2] <= end:
            place_id, status, _day = changes[index]
            current[place_id] = status
            index += 1
        tally = Counter(current.values())
        points.append(
            OccupancyPoint(
                month=month,
                places=len(current),
                occupied=tally[PlaceStatus.OCCUPIED.value],
                free=tally[PlaceStatus.FREE.value],
                offered=tally[PlaceStatus.OFFERED_FEDASIL.value],
                out_of_use=tally[PlaceStatus.OUT_OF_USE.value],
            )
        )
        month = _next_month(month)
    return points


# -- choices for the detail pane ------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """A key and the text a combo shows for it."""

    key: str
    text: str


def municipality_choices(conn: Connection) -> list[Choice]:
    stmt = select(Municipality.nis_code, Municipality.name_nl).order_by(Municipality.search_name)
    return [Choice(nis, name) for nis, name in conn.execute(stmt)]


def postcode_municipalities(conn: Connection) -> dict[str, set[str]]:
    """Postcode -> the NIS codes it serves (a few postcodes serve two municipalities)."""
    result: dict[str, set[str]] = {}
    for postcode, nis in conn.execute(select(Postcode.postcode, Postcode.municipality_nis)):
        result.setdefault(str(postcode), set()).add(str(nis))
    return result


def organisation_choices(conn: Connection) -> list[Choice]:
    """Organisations that can own a location, by name (with their municipality if known)."""
    stmt = (
        select(Organisation.id, Organisation.name, Municipality.name_nl)
        .outerjoin(Municipality, Municipality.nis_code == Organisation.municipality_nis)
        .order_by(func.lower(Organisation.name), Organisation.id)
    )
    return [
        Choice(oid, f"{name} ({place})" if place and fold(place) not in fold(name) else name)
        for oid, name, place in conn.execute(stmt)
    ]


def contact_choices(
    conn: Connection,
    *,
    organisation_id: str | None = None,
    municipality_nis: str | None = None,
    include_id: str | None = None,
) -> list[Choice]:
    """Active contact persons of an organisation or a municipality (plus ``include_id``, the
    one currently chosen, even when it no longer belongs there)."""
    person = aliased(ContactPerson)
    scopes: list[ColumnElement[bool]] = []
    if organisation_id:
        scopes.append(person.organisation_id == organisation_id)
    if municipality_nis:
        scopes.append(person.municipality_nis == municipality_nis)
    wanted: ColumnElement[bool] = person.active.is_(True) & or_(*scopes) if scopes else false()
    if include_id:
        wanted = or_(wanted, person.id == include_id)
    elif not scopes:
        return []
    stmt = (
        select(person.id, person.first_name, person.last_name)
        .where(wanted)
        .order_by(person.last_name, person.first_name, person.id)
    )
    return [Choice(pid, f"{first} {last}".strip()) for pid, first, last in conn.execute(stmt)]


def duplicate_address(
    conn: Connection,
    *,
    location_id: str | None,
    municipality_nis: str | None,
    street: str | None,
    house_number: str | None,
) -> str | None:
    """The name of another location at the same street and number in the same municipality."""
    if not (
        municipality_nis and street and street.strip() and house_number and house_number.strip()
    ):
        return None
    stmt = select(Location.id, Location.name, Location.street, Location.house_number).where(
        Location.municipality_nis == municipality_nis
    )
    wanted = (fold(street).strip(), fold(house_number).replace(" ", ""))
    for other_id, name, other_street, other_number in conn.execute(stmt):
        if other_id == location_id:
            continue
        if (fold(other_street).strip(), fold(other_number).replace(" ", "")) == wanted:
            return str(name)
    return None
