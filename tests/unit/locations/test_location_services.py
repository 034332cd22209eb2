"""Editing locations and places: saved all or nothing, every step recorded with date and author."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import (
    CapacityChange,
    Location,
    LocationPartner,
    LocationStatusChange,
    Place,
    PlaceStatusChange,
)
from vlot_desktop.domain.enums import LocationStatus, PlaceStatus
from vlot_desktop.services.locations import (
    add_partner,
    change_status,
    create_location,
    remove_partner,
    update_location,
)
from vlot_desktop.services.places import change_capacity, set_place_status

from .conftest import DE_PANNE, TODAY


def _location(engine: Engine, location_id: str) -> Location:
    with Session(engine) as session:
        location = session.get(Location, location_id)
        assert location is not None
        return location


def _statuses(engine: Engine, location_id: str) -> list[str]:
    with engine.connect() as conn:
        return sorted(
            conn.exec_driver_sql(
                "SELECT status FROM place WHERE location_id = ?", (location_id,)
            ).scalars()
        )


def _place_ids(engine: Engine, location_id: str, status: str) -> list[str]:
    with engine.connect() as conn:
        return list(
            conn.exec_driver_sql(
                "SELECT id FROM place WHERE location_id = ? AND status = ? ORDER BY id",
                (location_id, status),
            ).scalars()
        )


def test_a_valid_change_is_saved_with_its_previous_value(
    engine: Engine, ids: dict[str, str]
) -> None:
    result = update_location(
        engine, ids["linde"], {"name": " De Linde II ", "notes": "Sleutel bij de buren"}
    )
    assert result.saved and not result.errors
    assert result.previous == {"name": "De Linde", "notes": None}
    location = _location(engine, ids["linde"])
    assert (location.name, location.notes) == ("De Linde II", "Sleutel bij de buren")
    assert "linde ii" in location.search_text
    # Undo is the same call with the previous values.
    assert update_location(engine, ids["linde"], result.previous).saved
    assert _location(engine, ids["linde"]).name == "De Linde"


def test_an_invalid_change_saves_nothing(engine: Engine, ids: dict[str, str]) -> None:
    result = update_location(engine, ids["linde"], {"notes": "nieuw", "name": "  ", "capacity": -2})
    assert not result.saved
    messages = {p.field: p.message for p in result.errors}
    assert messages == {
        "name": "Vul een naam in.",
        "capacity": "De capaciteit kan niet negatief zijn.",
    }
    location = _location(engine, ids["linde"])
    assert (location.name, location.notes, location.capacity) == ("De Linde", None, 3)


def test_postcode_of_another_municipality_and_duplicate_address_only_warn(
    engine: Engine, ids: dict[str, str]
) -> None:
    result = update_location(engine, ids["helene"], {"house_number": "1", "postcode": "8660"})
    assert result.saved
    assert {p.field: p.message for p in result.warnings} == {
        "postcode": "Postcode 8660 hoort niet bij de gekozen gemeente.",
        "street": "Op dit adres in deze gemeente staat al een locatie: De Linde.",
    }
    assert _location(engine, ids["helene"]).postcode == "8660"
    unknown = update_location(engine, ids["helene"], {"postcode": "0999"})
    assert not unknown.saved
    assert _location(engine, ids["helene"]).postcode == "8660"


def test_capacity_up_and_down_keeps_places_in_step(
    engine: Engine, ids: dict[str, str], author_id: str
) -> None:
    result = update_location(
        engine, ids["linde"], {"capacity": 5}, author_id=author_id, today=TODAY
    )
    assert result.saved
    assert _location(engine, ids["linde"]).capacity == 5
    assert _statuses(engine, ids["linde"]) == ["bezet"] + ["vrij"] * 4
    # Down to 1: only the occupied place may stay; to 0 is refused (it is in use).
    refused = change_capacity(engine, ids["linde"], 0, on_date=TODAY, author_id=author_id)
    assert [p.message for p in refused] == [
        "Bezet (1) + aangeboden aan FEDASIL (0) + buiten gebruik (0) is meer dan de capaciteit (0)."
    ]
    assert not change_capacity(engine, ids["linde"], 1, on_date=TODAY, author_id=author_id)
    assert _statuses(engine, ids["linde"]) == ["bezet"]
    assert _location(engine, ids["linde"]).capacity == 1
    with Session(engine) as session:
        changes = session.scalars(
            select(CapacityChange)
            .where(CapacityChange.location_id == ids["linde"])
            .order_by(CapacityChange.created_at, CapacityChange.new_capacity.desc())
        ).all()
        assert [(c.old_capacity, c.new_capacity, c.author_id) for c in changes] == [
            (3, 5, author_id),
            (5, 1, author_id),
        ]
        assert changes[0].changed_on == TODAY
        # The removed places took their history with them; the added ones have a first step.
        orphans = session.scalar(
            select(func.count())
            .select_from(PlaceStatusChange)
            .where(PlaceStatusChange.place_id.not_in(select(Place.id)))
        )
        assert orphans == 0


def test_place_actions_record_each_change(
    engine: Engine, ids: dict[str, str], author_id: str
) -> None:
    free = _place_ids(engine, ids["linde"], "vrij")
    on = dt.date(2026, 11, 20)
    assert not set_place_status(
        engine, ids["linde"], free, PlaceStatus.OFFERED_FEDASIL, on_date=on, author_id=author_id
    )
    assert _statuses(engine, ids["linde"]) == ["aangeboden_fedasil"] * 2 + ["bezet"]
    with Session(engine) as session:
        place = session.get(Place, free[0])
        assert place is not None
        assert (place.offered_to_fedasil_on, place.status_since) == (on, on)
        steps = session.scalars(
            select(PlaceStatusChange).where(PlaceStatusChange.place_id == free[0])
        ).all()
        assert [(s.from_status, s.to_status, s.author_id) for s in steps][-1] == (
            PlaceStatus.FREE,
            PlaceStatus.OFFERED_FEDASIL,
            author_id,
        )
    future = set_place_status(
        engine,
        ids["linde"],
        free,
        PlaceStatus.OCCUPIED,
        on_date=dt.date.today() + dt.timedelta(days=3),
        author_id=author_id,
    )
    assert [p.message for p in future] == ["De datum kan niet in de toekomst liggen."]
    assert [
        p.message
        for p in set_place_status(
            engine, ids["linde"], [], PlaceStatus.FREE, on_date=on, author_id=author_id
        )
    ] == ["Kies eerst een of meer plaatsen."]


def test_marking_occupied_beyond_the_capacity_is_refused(
    engine: Engine, ids: dict[str, str], author_id: str
) -> None:
    # Data from an old import: three place rows, but a declared capacity of one.
    with Session(engine) as session, session.begin():
        location = session.get_one(Location, ids["linde"])
        location.capacity = 1
    free = _place_ids(engine, ids["linde"], "vrij")
    problems = set_place_status(
        engine, ids["linde"], free[:1], PlaceStatus.OCCUPIED, on_date=TODAY, author_id=author_id
    )
    assert [p.message for p in problems] == [
        "Bezet (2) + aangeboden aan FEDASIL (0) + buiten gebruik (0) is meer dan de capaciteit (1)."
    ]
    assert _statuses(engine, ids["linde"]) == ["bezet", "vrij", "vrij"]


def test_status_workflow_records_the_steps(
    engine: Engine, ids: dict[str, str], author_id: str
) -> None:
    wrong = change_status(
        engine,
        ids["linde"],
        LocationStatus.PROSPECT,
        on_date=TODAY,
        author_id=author_id,
        today=TODAY,
    )
    assert [p.message for p in wrong] == [
        "Van 'Operationeel' kan een locatie niet naar 'Prospect'."
    ]
    assert not change_status(
        engine,
        ids["linde"],
        LocationStatus.WOUND_DOWN,
        on_date=dt.date(2026, 11, 1),
        author_id=author_id,
        remark="Eigenaar verkoopt",
        today=TODAY,
    )
    early = change_status(
        engine,
        ids["linde"],
        LocationStatus.CLOSED,
        on_date=dt.date(2026, 10, 1),
        author_id=author_id,
        today=TODAY,
    )
    assert [p.message for p in early] == ["De datum ligt vóór de vorige wijziging (01/11/2026)."]
    assert not change_status(
        engine,
        ids["linde"],
        LocationStatus.CLOSED,
        on_date=TODAY,
        author_id=author_id,
        today=TODAY,
    )
    location = _location(engine, ids["linde"])
    assert (location.status, location.status_since, location.closed_on) == (
        LocationStatus.CLOSED,
        TODAY,
        TODAY,
    )
    with Session(engine) as session:
        steps = session.scalars(
            select(LocationStatusChange)
            .where(LocationStatusChange.location_id == ids["linde"])
            .order_by(LocationStatusChange.changed_on)
        ).all()
    assert [(s.from_status, s.to_status, s.remark) for s in steps] == [
        (LocationStatus.OPERATIONAL, LocationStatus.WOUND_DOWN, "Eigenaar verkoopt"),
        (LocationStatus.WOUND_DOWN, LocationStatus.CLOSED, None),
    ]


def test_new_location_and_partners(engine: Engine, ids: dict[str, str], author_id: str) -> None:
    location_id, problems = create_location(
        engine, name="", location_type="gastgezin", municipality_nis=DE_PANNE, author_id=author_id
    )
    assert location_id is None and [p.message for p in problems] == ["Vul een naam in."]
    location_id, problems = create_location(
        engine,
        name="Gastgezin Peeters",
        location_type="gastgezin",
        municipality_nis=DE_PANNE,
        author_id=author_id,
        today=TODAY,
    )
    assert location_id is not None and not problems
    location = _location(engine, location_id)
    assert (location.status, location.capacity, location.search_text) == (
        LocationStatus.PROSPECT,
        0,
        "gastgezin peeters de panne",
    )
    assert not add_partner(engine, ids["linde"], "71034", "partnergemeente")  # Genk
    assert [p.message for p in add_partner(engine, ids["linde"], "71034")] == [
        "Deze gemeente is al partner."
    ]
    assert [p.message for p in add_partner(engine, ids["linde"], "71072")] == [
        "De locatie ligt al in deze gemeente."
    ]
    with Session(engine) as session:
        partner = session.scalars(
            select(LocationPartner).where(LocationPartner.location_id == ids["linde"])
        ).one()
    remove_partner(engine, partner.id)
    with Session(engine) as session:
        assert session.get(LocationPartner, partner.id) is None


def test_unknown_field_is_a_programming_error(engine: Engine, ids: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="status"):
        update_location(engine, ids["linde"], {"status": "gesloten"})
