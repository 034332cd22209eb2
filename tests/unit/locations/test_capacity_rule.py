""" "A location's capacity equals its place rows": the one write path (services.places.set_capacity)
at its edges, and the form, the import, the demo generator and the merge repair making the same
rows through it. Asserted as a user sees it: the places listed, the refusal's message."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import (
    CapacityChange,
    Case,
    Location,
    Place,
    PlaceStatusChange,
)
from vlot_desktop.db.queries.locations import list_places
from vlot_desktop.domain.enums import (
    CaseStatus,
    CaseType,
    LocationStatus,
    LocationType,
    PlaceStatus,
)
from vlot_desktop.domain.ids import uuid7
from vlot_desktop.domain.location_rules import CAPACITY_MAX
from vlot_desktop.services.location_import import import_locations
from vlot_desktop.services.locations import change_status, create_location, update_location
from vlot_desktop.services.places import (
    MERGE_REASON,
    capacity_problems,
    change_capacity,
    restore_place_rows,
    set_capacity,
    set_place_status,
    timestamp,
)
from vlot_desktop.settings import load_settings

HASSELT = "71072"
TODAY = dt.date(2026, 11, 26)
FREE, OCCUPIED, IN_PREP = "vrij", "bezet", "in_opbouw"


@pytest.fixture
def engine(prepared_dir: Path) -> Iterator[Engine]:
    eng = make_engine(paths.database_path(prepared_dir))
    yield eng
    eng.dispose()


@pytest.fixture
def author(prepared_dir: Path) -> str:
    user_id = load_settings(prepared_dir).user_id
    assert user_id
    return user_id


def new_location(
    engine: Engine, author: str, *, status: LocationStatus = LocationStatus.OPERATIONAL
) -> str:
    """A location made in the form (a prospect, no places), taken to ``status``."""
    location_id, problems = create_location(
        engine,
        name="De Linde",
        location_type=LocationType.COLLECTIVE.value,
        municipality_nis=HASSELT,
        author_id=author,
        today=TODAY,
    )
    assert location_id is not None, problems
    path = {
        LocationStatus.PROSPECT: [],
        LocationStatus.PREPARING: [LocationStatus.PREPARING],
        LocationStatus.OPERATIONAL: [LocationStatus.PREPARING, LocationStatus.OPERATIONAL],
    }[status]
    for step in path:
        assert change_status(engine, location_id, step, on_date=TODAY, author_id=author) == []
    return location_id


def shown(engine: Engine, location_id: str) -> list[tuple[str, str]]:
    """The places as the places panel lists them: label and status."""
    with engine.connect() as conn:
        return [(p.label, p.status) for p in list_places(conn, location_id)]


def capacity_of(engine: Engine, location_id: str) -> int:
    with Session(engine) as session:
        return session.get_one(Location, location_id).capacity


def history(engine: Engine, location_id: str) -> list[tuple[int, int, str | None]]:
    with Session(engine) as session:
        return [
            (c.old_capacity, c.new_capacity, c.reason)
            for c in session.scalars(
                select(CapacityChange)
                .where(CapacityChange.location_id == location_id)
                .order_by(CapacityChange.created_at, CapacityChange.id)
            )
        ]


def outbox(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar() or 0)


def labels(n: int) -> list[str]:
    return [f"Plaats {i}" for i in range(1, n + 1)]


def mark(engine: Engine, location_id: str, wanted: list[str], status: PlaceStatus) -> None:
    by_label = {label: pk for pk, label in _ids(engine, location_id)}
    problems = set_place_status(
        engine,
        location_id,
        [by_label[label] for label in wanted],
        status,
        on_date=TODAY,
        author_id=None,
        today=TODAY,
    )
    assert problems == []


def _ids(engine: Engine, location_id: str) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return [(p.id, p.label) for p in list_places(conn, location_id)]


def change(engine: Engine, location_id: str, capacity: int | None, author: str) -> list[str]:
    return [
        p.message
        for p in change_capacity(engine, location_id, capacity, on_date=TODAY, author_id=author)
    ]


# -- the edges ----------------------------------------------------------------------------------


def test_a_new_location_has_capacity_0_and_no_places_and_0_writes_nothing(
    engine: Engine, author: str
) -> None:
    location = new_location(engine, author)
    assert (capacity_of(engine, location), shown(engine, location)) == (0, [])
    before = outbox(engine)
    assert change(engine, location, 0, author) == []
    assert outbox(engine) == before and history(engine, location) == []


def test_grow_adds_plaats_1_to_n_free_in_an_operational_location(
    engine: Engine, author: str
) -> None:
    location = new_location(engine, author)
    assert change(engine, location, 3, author) == []
    assert shown(engine, location) == [(label, FREE) for label in labels(3)]
    assert change(engine, location, 5, author) == []
    # Labels continue, listed in the order they were made, none twice.
    assert shown(engine, location) == [(label, FREE) for label in labels(5)]
    assert capacity_of(engine, location) == 5
    assert history(engine, location) == [(0, 3, None), (3, 5, None)]
    with Session(engine) as session:
        first_steps = session.scalars(
            select(PlaceStatusChange.to_status).where(PlaceStatusChange.location_id == location)
        ).all()
    assert first_steps == [PlaceStatus.FREE] * 5  # each new place's first status step


def test_new_places_of_a_location_not_yet_operational_are_in_preparation(
    engine: Engine, author: str
) -> None:
    location = new_location(engine, author, status=LocationStatus.PREPARING)
    assert change(engine, location, 2, author) == []
    assert shown(engine, location) == [("Plaats 1", IN_PREP), ("Plaats 2", IN_PREP)]


def test_capacity_max_is_accepted_and_one_more_refused(engine: Engine, author: str) -> None:
    location = new_location(engine, author)
    assert change(engine, location, CAPACITY_MAX + 1, author) == [
        "De capaciteit is hoogstens 5000 plaatsen."
    ]
    assert (capacity_of(engine, location), shown(engine, location)) == (0, [])
    assert change(engine, location, CAPACITY_MAX, author) == []
    listed = shown(engine, location)
    assert len(listed) == CAPACITY_MAX == capacity_of(engine, location)
    assert [label for label, _ in listed] == labels(CAPACITY_MAX)


def test_no_capacity_and_a_negative_one_are_refused(engine: Engine, author: str) -> None:
    location = new_location(engine, author)
    assert change(engine, location, None, author) == ["Vul de capaciteit in."]
    assert change(engine, location, -1, author) == ["De capaciteit kan niet negatief zijn."]
    assert (capacity_of(engine, location), shown(engine, location)) == (0, [])


def test_shrinking_below_the_occupied_places_is_refused_and_nothing_changes(
    engine: Engine, author: str
) -> None:
    location = new_location(engine, author)
    change(engine, location, 4, author)
    mark(engine, location, ["Plaats 1", "Plaats 3"], PlaceStatus.OCCUPIED)
    mark(engine, location, ["Plaats 4"], PlaceStatus.OUT_OF_USE)
    before = (shown(engine, location), history(engine, location), outbox(engine))
    assert change(engine, location, 2, author) == [
        "Bezet (2) + aangeboden aan FEDASIL (0) + buiten gebruik (1) is meer dan de capaciteit (2)."
    ]
    assert (shown(engine, location), history(engine, location), outbox(engine)) == before
    assert capacity_of(engine, location) == 4
    # The form says the same, next to the capacity, and saves none of the row's other changes.
    result = update_location(
        engine, location, {"capacity": 0, "notes": "verbouwing"}, author_id=author, today=TODAY
    )
    assert not result.saved
    assert [(p.field, p.message) for p in result.errors] == [
        (
            "places",
            "Bezet (2) + aangeboden aan FEDASIL (0) + buiten gebruik (1) is meer dan de "
            "capaciteit (0).",
        )
    ]
    with Session(engine) as session:
        assert session.get_one(Location, location).notes is None
    assert (shown(engine, location), outbox(engine)) == before[::2]


def test_shrinking_removes_unused_places_highest_label_first_and_growing_fills_the_gaps(
    engine: Engine, author: str
) -> None:
    location = new_location(engine, author)
    change(engine, location, 5, author)
    mark(engine, location, ["Plaats 2"], PlaceStatus.OCCUPIED)
    assert change(engine, location, 3, author) == []
    assert shown(engine, location) == [
        ("Plaats 1", FREE),
        ("Plaats 2", OCCUPIED),
        ("Plaats 3", FREE),
    ]
    mark(engine, location, ["Plaats 3"], PlaceStatus.OCCUPIED)
    assert change(engine, location, 2, author) == []  # only Plaats 1 is unused
    assert shown(engine, location) == [("Plaats 2", OCCUPIED), ("Plaats 3", OCCUPIED)]
    # Growing gives the lowest numbers no place has: no label twice.
    assert change(engine, location, 4, author) == []
    assert sorted(shown(engine, location)) == [
        ("Plaats 1", FREE),
        ("Plaats 2", OCCUPIED),
        ("Plaats 3", OCCUPIED),
        ("Plaats 4", FREE),
    ]
    assert history(engine, location) == [(0, 5, None), (5, 3, None), (3, 2, None), (2, 4, None)]


def test_the_highest_number_goes_first_not_the_last_in_alphabetical_order(
    engine: Engine, author: str
) -> None:
    location = new_location(engine, author)
    change(engine, location, 10, author)
    assert change(engine, location, 9, author) == []
    assert [label for label, _ in shown(engine, location)] == labels(9)


def test_places_in_preparation_go_before_free_ones(engine: Engine, author: str) -> None:
    location = new_location(engine, author, status=LocationStatus.PREPARING)
    change(engine, location, 2, author)  # Plaats 1, 2 in preparation
    assert (
        change_status(engine, location, LocationStatus.OPERATIONAL, on_date=TODAY, author_id=author)
        == []
    )
    change(engine, location, 4, author)  # Plaats 3, 4 free
    assert change(engine, location, 2, author) == []
    assert shown(engine, location) == [("Plaats 3", FREE), ("Plaats 4", FREE)]


def test_a_free_place_a_case_refers_to_stays_and_the_refusal_says_so(
    engine: Engine, author: str
) -> None:
    location = new_location(engine, author)
    change(engine, location, 3, author)
    (first, _), *_ = _ids(engine, location)
    with Session(engine) as session, session.begin():
        session.add(
            Case(
                reference="HH-2026-0001",
                case_type=CaseType.REHOUSING,
                status=CaseStatus.SOLVED,
                team_code="limburg",
                municipality_nis=HASSELT,
                opened_on=TODAY,
                assigned_place_id=first,
            )
        )
    before = shown(engine, location)
    assert change(engine, location, 0, author) == [
        "Er kunnen maar 2 plaatsen weg (vrije plaatsen die in geen dossier voorkomen); de "
        "capaciteit kan niet onder 1."
    ]
    assert shown(engine, location) == before
    with Session(engine) as session:
        assert capacity_problems(session, location, 0) == change_capacity(
            engine, location, 0, on_date=TODAY, author_id=author
        )
    assert change(engine, location, 1, author) == []
    assert shown(engine, location) == [("Plaats 1", FREE)]


# -- after a merge -----------------------------------------------------------------------------


def _raw_place(engine: Engine, location_id: str, label: str, status: str) -> None:
    """A place row as a merge leaves it: made after the others, whatever its label."""
    with engine.begin() as conn:
        now = timestamp()
        conn.exec_driver_sql(
            "INSERT INTO place (id, created_at, updated_at, location_id, label, status, "
            "status_since) VALUES (?, ?, ?, ?, ?, ?, '2026-11-26')",
            (uuid7(), now, now, location_id, label, status),
        )


def test_the_repair_removes_a_duplicate_and_the_capacity_follows_places_in_use(
    engine: Engine, author: str
) -> None:
    location = new_location(engine, author)
    change(engine, location, 2, author)
    mark(engine, location, ["Plaats 1", "Plaats 2"], PlaceStatus.OCCUPIED)
    # Two laptops' changes met: a second "Plaats 2" (free), and a third place in use.
    _raw_place(engine, location, "Plaats 2", FREE)
    with Session(engine) as session, session.begin():
        assert restore_place_rows(session, location, author_id=author, on_date=TODAY)
    assert shown(engine, location) == [("Plaats 1", OCCUPIED), ("Plaats 2", OCCUPIED)]
    assert capacity_of(engine, location) == 2
    _raw_place(engine, location, "Plaats 2", OCCUPIED)
    with Session(engine) as session, session.begin():
        assert restore_place_rows(session, location, author_id=author, on_date=TODAY)
    assert sorted(shown(engine, location)) == [
        ("Plaats 1", OCCUPIED),
        ("Plaats 2", OCCUPIED),
        ("Plaats 3", OCCUPIED),
    ]
    assert capacity_of(engine, location) == 3
    assert history(engine, location)[-1] == (2, 3, MERGE_REASON)


# -- one behaviour for every writer ------------------------------------------------------------


def test_the_form_the_import_and_the_demo_make_the_same_places_for_capacity_5(
    engine: Engine, author: str, tmp_path: Path
) -> None:
    # The form: a new location, made operational, capacity 5 typed in the detail pane.
    form = new_location(engine, author)
    assert update_location(engine, form, {"capacity": 5}, author_id=author, today=TODAY).saved
    # The import: a new operational location with capacity 5.
    csv = tmp_path / "nieuw.csv"
    csv.write_text(
        "Naam;Type;Status;Gemeente;Capaciteit\nHuize Hoop;Collectieve opvang;Operationeel;"
        "Hasselt;5\n",
        encoding="utf-8",
    )
    summary = import_locations(engine, csv, author_id=author, today=TODAY)
    assert summary.applied and summary.places_added == 5
    with Session(engine) as session:
        imported = session.scalars(select(Location.id).where(Location.name == "Huize Hoop")).one()
    # The demo generator: an operational location of 5 places.
    demo = _demo_location(engine, capacity=5)

    def made(location_id: str) -> tuple[int, list[str], list[str], list[tuple[int, int]]]:
        with Session(engine) as session:
            first_steps = session.scalars(
                select(PlaceStatusChange.to_status).where(
                    PlaceStatusChange.location_id == location_id,
                    PlaceStatusChange.from_status.is_(None),
                )
            ).all()
        return (
            capacity_of(engine, location_id),
            [label for label, _ in shown(engine, location_id)],
            [str(getattr(s, "value", s)) for s in first_steps],
            [(old, new) for old, new, _ in history(engine, location_id)],
        )

    expected = (5, labels(5), [FREE] * 5, [(0, 5)])
    assert made(form) == made(imported) == made(demo) == expected


def _demo_location(engine: Engine, *, capacity: int) -> str:
    """One location written by the demo generator's housing code into this database."""
    from vlot_desktop.demo.context import Context
    from vlot_desktop.demo.generator import PROSPECT_TEMPLATE
    from vlot_desktop.demo.housing import HOUSE, OPERATIONAL, HousingGenerator, LocationPlan
    from vlot_desktop.demo.people import (
        add_municipal_contacts,
        add_partner_organisations,
        add_staff,
    )
    from vlot_desktop.demo.writer import RowSink
    from vlot_desktop.domain.checklist import checklist_path, load_checklist

    database = engine.url.database
    assert database is not None
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        template, version = PROSPECT_TEMPLATE
        checklist = load_checklist(checklist_path(paths.reference_data_dir(), template, version))
        sink = RowSink(conn)
        ctx = Context(conn, sink, 7, TODAY, checklist)
        teams = [c for (c,) in conn.execute("SELECT code FROM team ORDER BY sort_order, code")]
        add_staff(ctx, teams)
        add_municipal_contacts(ctx)
        add_partner_organisations(ctx)
        housing = HousingGenerator(ctx)
        hasselt = ctx.by_nis[HASSELT]
        plan = LocationPlan(hasselt, HOUSE, capacity, [(OPERATIONAL, TODAY - dt.timedelta(days=1))])
        location_id = housing.add(plan)
        sink.flush()
        conn.execute("COMMIT")
    finally:
        conn.close()
    with Session(engine) as session:
        count = session.scalar(
            select(func.count()).select_from(Place).where(Place.location_id == location_id)
        )
    assert count == capacity
    return location_id


def test_set_capacity_on_a_plain_connection_writes_in_the_callers_transaction(
    engine: Engine, author: str
) -> None:
    location = new_location(engine, author)
    database = engine.url.database
    assert database is not None
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        result = set_capacity(conn, location, 2, on_date=TODAY, author_id=author)
        assert [p.label for p in result.added] == ["Plaats 1", "Plaats 2"]
        conn.execute("ROLLBACK")  # the caller's decision: nothing stays
    finally:
        conn.close()
    assert (capacity_of(engine, location), shown(engine, location)) == (0, [])
