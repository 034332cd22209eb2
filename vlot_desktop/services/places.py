"""Place actions and capacity changes: each one transaction, each step recorded with its date.

A location has one ``place`` row per unit of declared capacity (``Location.capacity`` equals the
number of rows), so a capacity change adds or removes rows. Only places that are not in use
(free or in preparation) are removed, with their status history; occupied, offered and
out-of-use places stay, and a capacity below them is refused with the rule's message.
Every status change of a place is a ``PlaceStatusChange`` row (the basis of occupancy over
time), every capacity change a ``CapacityChange`` row. Sync capture is done by the triggers.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import (
    CapacityChange,
    Location,
    Place,
    PlaceStatusChange,
    StaffUser,
)
from vlot_desktop.db.queries.free_places import FreeProvince
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.location_rules import (
    PlaceCounts,
    Problem,
    check_capacity,
    check_place_counts,
    check_step_date,
    no_places_chosen,
)


class LocationNotFoundError(LookupError):
    """The location is gone (deleted on another laptop and synced in)."""


# The statuses a user can set with the quick actions.
ACTION_STATUSES = (
    PlaceStatus.OCCUPIED,
    PlaceStatus.FREE,
    PlaceStatus.OFFERED_FEDASIL,
    PlaceStatus.OUT_OF_USE,
)
# Removed first when the capacity goes down: nobody uses them.
_REMOVABLE = (PlaceStatus.IN_PREPARATION.value, PlaceStatus.FREE.value)


def known_author(session: Session, author_id: str | None) -> str | None:
    """``author_id`` if that staff user exists here, else ``None`` (a foreign key, after all)."""
    if not author_id:
        return None
    return author_id if session.get(StaffUser, author_id) is not None else None


def counts_in_use(statuses: Sequence[str]) -> PlaceCounts:
    tally = Counter(statuses)
    return PlaceCounts(
        occupied=tally[PlaceStatus.OCCUPIED.value],
        offered_to_fedasil=tally[PlaceStatus.OFFERED_FEDASIL.value],
        out_of_use=tally[PlaceStatus.OUT_OF_USE.value],
    )


def _status_value(status: object) -> str:
    return str(getattr(status, "value", status))


def set_place_status(
    engine: Engine,
    location_id: str,
    place_ids: Sequence[str],
    new_status: PlaceStatus,
    *,
    on_date: dt.date,
    author_id: str | None,
    today: dt.date | None = None,
) -> list[Problem]:
    """Give the chosen places of one location ``new_status`` from ``on_date``.

    Offering to FEDASIL also records ``on_date`` as the offer date. Returns the problems; when
    there is an error nothing changed. Places already in ``new_status`` are left alone.
    """
    today = today or dt.date.today()
    if not place_ids:
        return [no_places_chosen()]
    with Session(engine) as session, session.begin():
        location = session.get(Location, location_id)
        if location is None:
            raise LocationNotFoundError(location_id)
        places = list(session.scalars(select(Place).where(Place.location_id == location_id)))
        chosen = [p for p in places if p.id in set(place_ids)]
        if not chosen:
            return [no_places_chosen()]
        latest = max((p.status_since for p in chosen if p.status_since), default=None)
        problems = check_step_date("places", on_date, previous=latest, today=today)
        if problems:
            return problems
        after = [new_status.value if p in chosen else _status_value(p.status) for p in places]
        problems = check_place_counts(location.capacity, counts_in_use(after))
        if problems:
            return problems
        author = known_author(session, author_id)
        for place in chosen:
            old = _status_value(place.status)
            if old == new_status.value:
                continue
            place.status = new_status
            place.status_since = on_date
            if new_status is PlaceStatus.OFFERED_FEDASIL:
                place.offered_to_fedasil_on = on_date
            session.add(
                PlaceStatusChange(
                    place_id=place.id,
                    location_id=location_id,
                    from_status=old,
                    to_status=new_status,
                    changed_on=on_date,
                    author_id=author,
                )
            )
    return []


def apply_capacity(
    session: Session,
    location: Location,
    new_capacity: int,
    *,
    on_date: dt.date,
    author_id: str | None,
    reason: str | None = None,
) -> list[Problem]:
    """Within the caller's transaction: set the capacity, add or remove place rows, record it.

    Returns the problems (nothing changed when there is an error).
    """
    places = list(
        session.scalars(
            select(Place)
            .where(Place.location_id == location.id)
            .order_by(Place.created_at, Place.id)
        )
    )
    statuses = [_status_value(p.status) for p in places]
    problems = check_capacity(new_capacity, counts_in_use(statuses))
    if problems:
        return problems
    old_capacity = location.capacity
    if new_capacity == old_capacity and new_capacity == len(places):
        return []
    author = known_author(session, author_id)
    if new_capacity > len(places):
        # New places are free in an operational location, in preparation otherwise.
        status = (
            PlaceStatus.FREE
            if _status_value(location.status) == LocationStatus.OPERATIONAL.value
            else PlaceStatus.IN_PREPARATION
        )
        for number in range(len(places) + 1, new_capacity + 1):
            place = Place(
                location_id=location.id,
                label=f"Plaats {number}",
                status=status,
                status_since=on_date,
            )
            session.add(place)
            session.flush()
            session.add(
                PlaceStatusChange(
                    place_id=place.id,
                    location_id=location.id,
                    from_status=None,
                    to_status=status,
                    changed_on=on_date,
                    author_id=author,
                )
            )
    elif new_capacity < len(places):
        surplus = len(places) - new_capacity
        # In preparation first, then free; the most recently added first.
        removable = [p for p in reversed(places) if _status_value(p.status) in _REMOVABLE]
        removable.sort(key=lambda p: _REMOVABLE.index(_status_value(p.status)))
        gone = [p.id for p in removable[:surplus]]
        session.execute(delete(PlaceStatusChange).where(PlaceStatusChange.place_id.in_(gone)))
        session.execute(delete(Place).where(Place.id.in_(gone)))
        session.expire_all()
    location = session.get_one(Location, location.id)
    if new_capacity != old_capacity:
        location.capacity = new_capacity
        session.add(
            CapacityChange(
                location_id=location.id,
                old_capacity=old_capacity,
                new_capacity=new_capacity,
                changed_on=on_date,
                author_id=author,
                reason=reason,
            )
        )
    return []


def change_capacity(
    engine: Engine,
    location_id: str,
    new_capacity: int | None,
    *,
    on_date: dt.date,
    author_id: str | None,
    reason: str | None = None,
) -> list[Problem]:
    """Change a location's capacity (one transaction); returns the problems, if any."""
    if new_capacity is None:
        return check_capacity(None)
    with Session(engine) as session, session.begin():
        location = session.get(Location, location_id)
        if location is None:
            raise LocationNotFoundError(location_id)
        # apply_capacity checks before it changes anything: an error leaves nothing to undo.
        return apply_capacity(
            session, location, new_capacity, on_date=on_date, author_id=author_id, reason=reason
        )


FREE_PLACES_CSV_HEADERS = (
    "Provincie",
    "Gemeente",
    "NIS-code",
    "Opvanglocatie",
    "Type",
    "Status",
    "Adres",
    "Vrije plaatsen",
    "Capaciteit",
    "Geschikt voor kwetsbare profielen",
    "Rolstoeltoegankelijk",
)


def write_free_places_csv(path: Path, provinces: Sequence[FreeProvince]) -> int:
    """Write the free places per location as a CSV Excel on a Belgian Windows opens as is.

    Semicolons (the list separator of a Belgian Windows), UTF-8 with a byte-order mark (so
    Excel reads the accents), one line per location. Written to a temporary file first and
    renamed, so a failed export never leaves half a file. Returns the number of locations.
    """
    temp = path.with_name(path.name + ".part")
    rows = 0
    with temp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(FREE_PLACES_CSV_HEADERS)
        for province in provinces:
            for municipality in province.municipalities:
                for location in municipality.locations:
                    writer.writerow(
                        [
                            province.name,
                            municipality.name,
                            municipality.nis_code,
                            location.name,
                            _label(LocationType, location.location_type),
                            _label(LocationStatus, location.status),
                            location.address,
                            location.free,
                            location.capacity,
                            "ja" if location.suits_vulnerable_profiles else "nee",
                            "ja" if location.wheelchair_accessible else "nee",
                        ]
                    )
                    rows += 1
    os.replace(temp, path)
    return rows


def _label(enum_type: type[LocationType] | type[LocationStatus], value: str) -> str:
    try:
        return enum_type(value).label_nl
    except ValueError:
        return value
