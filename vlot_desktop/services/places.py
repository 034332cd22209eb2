"""Place actions and capacity changes: each one transaction, each step recorded with its date.

A location has one ``place`` row per unit of declared capacity (``Location.capacity`` equals the
number of rows), with distinct labels. :func:`set_capacity` is the one write path of that rule:
the detail pane (``update_location``, :func:`change_capacity`), the import, the demo generator
and the sync's repair after a merge (:func:`restore_place_rows`, handed to the sync engine by
``services.sync_service``) all go through it, so they all make the same rows
(:func:`plan_capacity`): new places are "Plaats N" with the lowest free numbers; only places
nobody uses (free or in preparation, in no case's history) are removed, with their status
history; a capacity below the places in use is refused with the rule's message.
Every status change of a place is a ``PlaceStatusChange`` row (the basis of occupancy over
time), every capacity change a ``CapacityChange`` row. Sync capture is done by the triggers.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import (
    Location,
    Place,
    PlaceStatusChange,
    StaffUser,
)
from vlot_desktop.db.models.base import utc_now
from vlot_desktop.db.queries.free_places import FreeProvince
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.ids import uuid7
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


@dataclass(frozen=True)
class PlaceBefore:
    """A place as it was before a quick action changed it: what :func:`undo_place_status`
    puts back. ``change_id`` is the status change the action recorded for it."""

    place_id: str
    status: str
    status_since: dt.date | None
    offered_to_fedasil_on: dt.date | None
    change_id: str


@dataclass(frozen=True)
class PlaceStatusResult:
    """What :func:`change_place_status` did: nothing when there is an error (``problems``);
    else ``before`` holds each place it changed as it was (places already in the new status
    were left alone and are not in it)."""

    problems: list[Problem] = field(default_factory=list)
    before: tuple[PlaceBefore, ...] = ()
    new_status: str = ""

    @property
    def saved(self) -> bool:
        return not any(p.is_error for p in self.problems)


def change_place_status(
    engine: Engine,
    location_id: str,
    place_ids: Sequence[str],
    new_status: PlaceStatus,
    *,
    on_date: dt.date,
    author_id: str | None,
    today: dt.date | None = None,
) -> PlaceStatusResult:
    """Give the chosen places of one location ``new_status`` from ``on_date``, in one
    transaction; the result says what each place was before (for the undo).

    Offering to FEDASIL also records ``on_date`` as the offer date. When there is an error
    nothing changed. Places already in ``new_status`` are left alone.
    """
    today = today or dt.date.today()
    if not place_ids:
        return PlaceStatusResult([no_places_chosen()])
    with Session(engine) as session, session.begin():
        location = session.get(Location, location_id)
        if location is None:
            raise LocationNotFoundError(location_id)
        places = list(session.scalars(select(Place).where(Place.location_id == location_id)))
        chosen = [p for p in places if p.id in set(place_ids)]
        if not chosen:
            return PlaceStatusResult([no_places_chosen()])
        latest = max((p.status_since for p in chosen if p.status_since), default=None)
        problems = check_step_date("places", on_date, previous=latest, today=today)
        if problems:
            return PlaceStatusResult(problems)
        after = [new_status.value if p in chosen else _status_value(p.status) for p in places]
        problems = check_place_counts(location.capacity, counts_in_use(after))
        if problems:
            return PlaceStatusResult(problems)
        author = known_author(session, author_id)
        before: list[PlaceBefore] = []
        for place in chosen:
            old = _status_value(place.status)
            if old == new_status.value:
                continue
            change = PlaceStatusChange(
                place_id=place.id,
                location_id=location_id,
                from_status=old,
                to_status=new_status,
                changed_on=on_date,
                author_id=author,
            )
            session.add(change)
            session.flush()
            before.append(
                PlaceBefore(
                    place.id, old, place.status_since, place.offered_to_fedasil_on, change.id
                )
            )
            place.status = new_status
            place.status_since = on_date
            if new_status is PlaceStatus.OFFERED_FEDASIL:
                place.offered_to_fedasil_on = on_date
    return PlaceStatusResult(before=tuple(before), new_status=new_status.value)


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
    """:func:`change_place_status`, for callers that need only the problems (empty: done)."""
    return change_place_status(
        engine,
        location_id,
        place_ids,
        new_status,
        on_date=on_date,
        author_id=author_id,
        today=today,
    ).problems


@dataclass(frozen=True)
class PlaceUndoResult:
    """What :func:`undo_place_status` did: ``restored`` places are as they were before the
    action; ``kept`` places changed again since (here or on another laptop) and were left as
    they are. With an error (``problems``) nothing changed."""

    problems: list[Problem] = field(default_factory=list)
    restored: int = 0
    kept: int = 0

    @property
    def saved(self) -> bool:
        return not any(p.is_error for p in self.problems)


def nothing_to_undo() -> Problem:
    return Problem(
        "places",
        "Deze plaatsen zijn intussen opnieuw gewijzigd: er is niets teruggezet.",
        "These places have changed again since: nothing was put back.",
    )


def undo_place_status(
    engine: Engine, location_id: str, before: Sequence[PlaceBefore], new_status: str
) -> PlaceUndoResult:
    """Put back each place :func:`change_place_status` changed as it was (``before``), in one
    transaction: its status, its date and its offer date, and the status change the action
    recorded is removed, as if the click never happened (the occupancy over time then shows
    no step that never took place). The removal travels to the other laptops like any edit.

    A place that changed again since (its status is no longer ``new_status``, or a later
    step was recorded) is left as it is and counted in ``kept``. Refused with the rule's
    message, changing nothing, when the places put back would no longer fit the capacity.
    """
    try:
        return _undo_place_status(engine, location_id, before, new_status)
    except _UndoRefused as refused:
        return refused.result


class _UndoRefused(Exception):
    """Leaves the transaction of an undo (rolled back) with the result to return."""

    def __init__(self, result: PlaceUndoResult) -> None:
        super().__init__()
        self.result = result


def _undo_place_status(
    engine: Engine, location_id: str, before: Sequence[PlaceBefore], new_status: str
) -> PlaceUndoResult:
    with Session(engine) as session, session.begin():
        location = session.get(Location, location_id)
        if location is None:
            raise LocationNotFoundError(location_id)
        restored = 0
        for was in before:
            place = session.get(Place, was.place_id)
            change = session.get(PlaceStatusChange, was.change_id)
            if (
                place is None
                or change is None
                or place.location_id != location_id
                or _status_value(place.status) != new_status
            ):
                continue
            later = session.scalar(
                select(PlaceStatusChange.id)
                .where(
                    PlaceStatusChange.place_id == place.id,
                    PlaceStatusChange.id != change.id,
                    PlaceStatusChange.created_at > change.created_at,
                )
                .limit(1)
            )
            if later is not None:
                continue
            session.delete(change)
            place.status = PlaceStatus(was.status)
            place.status_since = was.status_since
            place.offered_to_fedasil_on = was.offered_to_fedasil_on
            restored += 1
        kept = len(before) - restored
        if not restored:
            return PlaceUndoResult([nothing_to_undo()], kept=kept)
        session.flush()
        statuses = list(
            session.scalars(select(Place.status).where(Place.location_id == location_id))
        )
        problems = check_place_counts(
            location.capacity, counts_in_use([_status_value(s) for s in statuses])
        )
        if problems:
            raise _UndoRefused(PlaceUndoResult(problems))
    return PlaceUndoResult(restored=restored, kept=kept)


# -- the capacity rule: one write path -------------------------------------------------------

# The label of the n-th place the application adds ("Plaats 1", "Plaats 2", ...).
PLACE_LABEL = "Plaats {number}"
_PLACE_NUMBER = re.compile(r"^Plaats ([1-9][0-9]{0,5})$")
_DIGITS = re.compile(r"(\d+)")
# The reason in the capacity history when a merge made the capacity follow the places in use.
MERGE_REASON = "Samengevoegd na synchronisatie"

# A session (the GUI), a connection (the import) or a plain sqlite3 connection (the demo
# generator, the sync's repair after a merge): the rule writes through any of them.
Db = Session | Connection | sqlite3.Connection


def dbapi_connection(db: Db) -> sqlite3.Connection:
    """The SQLite connection under ``db``, in the transaction ``db`` is in. A session is
    flushed first, so that the SQL sees what the session holds."""
    if isinstance(db, sqlite3.Connection):
        return db
    connection = db
    if isinstance(db, Session):
        db.flush()
        connection = db.connection()
    assert isinstance(connection, Connection)
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def written_through(db: Db) -> None:
    """After plain SQL on a session's connection: its objects are read again when used."""
    if isinstance(db, Session):
        db.expire_all()


def timestamp(at: dt.datetime | None = None) -> str:
    """``at`` (naive UTC, default now) as SQLAlchemy stores a ``DateTime`` in SQLite."""
    return (at or utc_now()).isoformat(" ", "microseconds")


def known_author_id(conn: sqlite3.Connection, author_id: str | None) -> str | None:
    """:func:`known_author` on a plain connection."""
    if not author_id:
        return None
    found = conn.execute("SELECT 1 FROM staff_user WHERE id = ?", (author_id,)).fetchone()
    return author_id if found is not None else None


@dataclass(frozen=True)
class StoredPlace:
    """A place as the capacity rule sees it."""

    id: str
    label: str
    status: str


@dataclass(frozen=True)
class CapacityPlan:
    """What a capacity change does to the place rows (see :func:`plan_capacity`)."""

    capacity: int
    remove: tuple[str, ...] = ()  # place ids
    relabel: tuple[tuple[str, str], ...] = ()  # (place id, new label)
    add: tuple[str, ...] = ()  # the labels of the new places, in this order
    new_status: PlaceStatus = PlaceStatus.FREE  # of the new places

    @property
    def changes_places(self) -> bool:
        return bool(self.remove or self.relabel or self.add)


@dataclass(frozen=True)
class NewPlace:
    id: str
    label: str
    status: PlaceStatus


@dataclass(frozen=True)
class CapacityResult:
    """What :func:`set_capacity` did: nothing when there is an error (``problems``)."""

    problems: list[Problem] = field(default_factory=list)
    added: tuple[NewPlace, ...] = ()
    removed: tuple[str, ...] = ()  # place ids
    relabelled: tuple[tuple[str, str], ...] = ()  # (place id, new label)

    @property
    def saved(self) -> bool:
        return not any(p.is_error for p in self.problems)


def too_few_removable(removable: int, floor: int) -> Problem:
    """The places in a case's history stay: the capacity cannot go below the rest."""
    return Problem(
        "places",
        f"Er kunnen maar {removable} plaatsen weg (vrije plaatsen die in geen dossier "
        f"voorkomen); de capaciteit kan niet onder {floor}.",
        f"Only {removable} places can be removed (free places no case refers to); the "
        f"capacity cannot go below {floor}.",
    )


def _natural(label: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of labels: "Plaats 2" before "Plaats 10"."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(label)
        if part
    )


def plan_capacity(
    places: Sequence[StoredPlace],
    capacity: int | None,
    *,
    operational: bool,
    in_a_case: Set[str] = frozenset(),
) -> tuple[CapacityPlan | None, list[Problem]]:
    """The one behaviour of "a location's capacity equals its place rows, with distinct labels".

    ``places`` in the order they were created; ``in_a_case``: the ids of those a case or a
    timeline entry refers to. Returns the plan, or ``None`` and the problems:

    - the capacity is a whole number from 0 to ``CAPACITY_MAX``, and not below the places in
      use (occupied, offered to FEDASIL, out of use): refused with the rule's message;
    - when there are more places than the capacity, places nobody uses go (free or in
      preparation, and in no case's history): a place with the label of an older one first,
      then in preparation before free, then the highest label ("Plaats 5" before "Plaats 4");
      when too few can go, it is refused (:func:`too_few_removable`) and nothing changes;
    - a place with the label of an older one gets the lowest free "Plaats N";
    - missing places are added as "Plaats N" with the lowest numbers no place has, free in an
      operational location and in preparation otherwise.
    """
    statuses = [p.status for p in places]
    problems = check_capacity(capacity, counts_in_use(statuses))
    if problems or capacity is None:
        return None, problems
    seen: set[str] = set()
    duplicate: set[str] = set()
    for place in places:
        if place.label in seen:
            duplicate.add(place.id)
        seen.add(place.label)
    surplus = len(places) - capacity
    gone: list[str] = []
    if surplus > 0:
        order = {p.id: index for index, p in enumerate(places)}
        removable = [p for p in places if p.status in _REMOVABLE and p.id not in in_a_case]
        removable.sort(key=lambda p: (_natural(p.label), order[p.id]), reverse=True)
        removable.sort(key=lambda p: (p.id not in duplicate, _REMOVABLE.index(p.status)))
        if len(removable) < surplus:
            return None, [too_few_removable(len(removable), len(places) - len(removable))]
        gone = [p.id for p in removable[:surplus]]
    kept = [p for p in places if p.id not in set(gone)]
    taken = {p.label for p in kept if p.id not in duplicate}
    used = {int(m.group(1)) for label in taken if (m := _PLACE_NUMBER.match(label))}

    def free_labels() -> Iterator[str]:
        number = 0
        while True:
            number += 1
            label = PLACE_LABEL.format(number=number)
            if number not in used and label not in taken:
                yield label

    labels = free_labels()
    relabel = tuple((p.id, next(labels)) for p in kept if p.id in duplicate)
    add = tuple(next(labels) for _ in range(capacity - len(kept)))
    new_status = PlaceStatus.FREE if operational else PlaceStatus.IN_PREPARATION
    return CapacityPlan(capacity, tuple(gone), relabel, add, new_status), []


def _stored_places(conn: sqlite3.Connection, location_id: str) -> list[StoredPlace]:
    return [
        StoredPlace(str(pk), str(label), str(status))
        for pk, label, status in conn.execute(
            "SELECT id, label, status FROM place WHERE location_id = ? ORDER BY created_at, id",
            (location_id,),
        )
    ]


def _in_a_case(conn: sqlite3.Connection, place_ids: Sequence[str]) -> set[str]:
    """Those of ``place_ids`` that a case, or a line of a case's timeline, refers to."""
    found: set[str] = set()
    for start in range(0, len(place_ids), 500):
        chunk = list(place_ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        for (pk,) in conn.execute(
            f"SELECT assigned_place_id FROM case_file WHERE assigned_place_id IN ({marks}) "
            f"UNION SELECT place_id FROM case_event WHERE place_id IN ({marks})",
            chunk + chunk,
        ):
            found.add(str(pk))
    return found


def _location(conn: sqlite3.Connection, location_id: str) -> tuple[int, bool]:
    row = conn.execute(
        "SELECT capacity, status FROM location WHERE id = ?", (location_id,)
    ).fetchone()
    if row is None:
        raise LocationNotFoundError(location_id)
    return int(row[0] or 0), str(row[1]) == LocationStatus.OPERATIONAL.value


def _plan(
    conn: sqlite3.Connection, location_id: str, capacity: int | None
) -> tuple[int, CapacityPlan | None, list[Problem]]:
    stored, operational = _location(conn, location_id)
    places = _stored_places(conn, location_id)
    in_a_case: set[str] = set()
    if capacity is not None and capacity < len(places):
        candidates = [p.id for p in places if p.status in _REMOVABLE]
        in_a_case = _in_a_case(conn, candidates)
    plan, problems = plan_capacity(places, capacity, operational=operational, in_a_case=in_a_case)
    return stored, plan, problems


def capacity_problems(db: Db, location_id: str, capacity: int | None) -> list[Problem]:
    """Why :func:`set_capacity` would refuse ``capacity`` (empty: it would not); writes nothing.

    For a check before writing, such as the import's preview.
    """
    return _plan(dbapi_connection(db), location_id, capacity)[2]


def set_capacity(
    db: Db,
    location_id: str,
    capacity: int | None,
    *,
    on_date: dt.date,
    author_id: str | None,
    reason: str | None = None,
    at: dt.datetime | None = None,
    new_id: Callable[[], str] | None = None,
) -> CapacityResult:
    """The one write path of "a location's capacity equals its place rows": set the capacity
    and make the place rows match it (:func:`plan_capacity` says how), in ``db``'s
    transaction. Used by the detail pane, the import, the demo generator and the repair after
    a merge.

    A change of the capacity is recorded (``CapacityChange`` with ``on_date``, the author and
    ``reason``); each new place gets its first status step on ``on_date``; a removed place
    goes with its status history. Refused (``problems``) means nothing changed. When the rows
    already match the capacity nothing is written. ``at`` (naive UTC, default now) is the
    time the rows are written at and ``new_id`` makes their ids (default UUIDv7): the demo
    generator passes its own, for dates in the past and the same data from the same seed.
    """
    conn = dbapi_connection(db)
    stored, plan, problems = _plan(conn, location_id, capacity)
    if plan is None:
        return CapacityResult(problems)
    if capacity == stored and not plan.changes_places:
        return CapacityResult()
    now = timestamp(at)
    make_id = new_id or (lambda: uuid7())
    author = known_author_id(conn, author_id)
    if plan.remove:
        gone = [(pk,) for pk in plan.remove]
        conn.executemany("DELETE FROM place_status_change WHERE place_id = ?", gone)
        conn.executemany("DELETE FROM place WHERE id = ?", gone)
    conn.executemany(
        "UPDATE place SET label = ?, updated_at = ? WHERE id = ?",
        [(label, now, pk) for pk, label in plan.relabel],
    )
    # Ids in label order, so that the places list in the order they were made.
    place_ids = sorted(make_id() for _ in plan.add)
    change_ids = sorted(make_id() for _ in plan.add)
    status, day = plan.new_status.value, on_date.isoformat()
    conn.executemany(
        "INSERT INTO place (id, created_at, updated_at, location_id, label, status, "
        "status_since, offered_to_fedasil_on) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
        [
            (pk, now, now, location_id, label, status, day)
            for pk, label in zip(place_ids, plan.add, strict=True)
        ],
    )
    conn.executemany(
        "INSERT INTO place_status_change (id, created_at, updated_at, place_id, location_id, "
        "from_status, to_status, changed_on, author_id) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)",
        [
            (pk, now, now, place, location_id, status, day, author)
            for pk, place in zip(change_ids, place_ids, strict=True)
        ],
    )
    if capacity != stored:
        conn.execute(
            "UPDATE location SET capacity = ?, updated_at = ? WHERE id = ?",
            (capacity, now, location_id),
        )
        conn.execute(
            "INSERT INTO capacity_change (id, created_at, updated_at, location_id, "
            "old_capacity, new_capacity, changed_on, author_id, reason) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (make_id(), now, now, location_id, stored, capacity, day, author, reason),
        )
    written_through(db)
    return CapacityResult(
        added=tuple(
            NewPlace(pk, label, plan.new_status)
            for pk, label in zip(place_ids, plan.add, strict=True)
        ),
        removed=plan.remove,
        relabelled=plan.relabel,
    )


def restore_place_rows(
    db: Db,
    location_id: str,
    *,
    author_id: str | None,
    on_date: dt.date | None = None,
    at: dt.datetime | None = None,
) -> bool:
    """Make the place rows match the capacity again where two laptops' changes met (the sync's
    repair after a merge calls this): through :func:`set_capacity`, with one difference: when
    the surplus places cannot go (people live there, a case refers to them), the capacity
    follows them instead of being refused, recorded with :data:`MERGE_REASON`.

    Returns False when even that is refused (a capacity over the maximum): nothing changed.
    """
    conn = dbapi_connection(db)
    capacity, _ = _location(conn, location_id)
    places = _stored_places(conn, location_id)
    staying = len(places)
    if capacity < len(places):
        candidates = [p.id for p in places if p.status in _REMOVABLE]
        staying -= len(candidates) - len(_in_a_case(conn, candidates))
    wanted = max(capacity, staying)
    result = set_capacity(
        db,
        location_id,
        wanted,
        on_date=on_date or dt.date.today(),
        author_id=author_id,
        reason=MERGE_REASON if wanted != capacity else None,
        at=at,
    )
    return result.saved


def change_capacity(
    engine: Engine,
    location_id: str,
    new_capacity: int | None,
    *,
    on_date: dt.date,
    author_id: str | None,
    reason: str | None = None,
) -> list[Problem]:
    """Change a location's capacity (one transaction, :func:`set_capacity`); returns the
    problems, if any (nothing changed then)."""
    with Session(engine) as session, session.begin():
        return set_capacity(
            session, location_id, new_capacity, on_date=on_date, author_id=author_id, reason=reason
        ).problems


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
