"""A data folder with three locations in Limburg and Oost-Vlaanderen, and helpers to read it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from vlot_desktop.db.engine import make_session_factory
from vlot_desktop.db.models import Location, Place
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold_join

HASSELT = "71072"
GENT = "44021"
TODAY = dt.date(2026, 11, 26)


def add_location(
    engine: Engine,
    name: str,
    nis: str,
    places: list[PlaceStatus],
    *,
    location_type: LocationType = LocationType.COLLECTIVE,
    status: LocationStatus = LocationStatus.OPERATIONAL,
    **extra: object,
) -> str:
    with make_session_factory(engine).begin() as session:
        location = Location(
            name=name,
            search_text=fold_join(name),
            location_type=location_type,
            status=status,
            municipality_nis=nis,
            capacity=len(places),
            **extra,
        )
        session.add(location)
        session.flush()
        session.add_all(
            Place(location_id=location.id, label=f"Plaats {i + 1}", status=s)
            for i, s in enumerate(places)
        )
        return location.id


@pytest.fixture
def author(prepared_dir: Path) -> str:
    """The id of the laptop's user (``An Peeters``)."""
    from vlot_desktop.settings import load_settings

    user_id = load_settings(prepared_dir).user_id
    assert user_id is not None
    return user_id


@pytest.fixture
def locations(engine: Engine) -> dict[str, str]:
    """Name -> id of three locations (capacity == their places)."""
    return {
        "De Linde": add_location(
            engine,
            "De Linde",
            HASSELT,
            [PlaceStatus.OCCUPIED] * 3 + [PlaceStatus.FREE] * 2,
            street="Kempische Steenweg",
            house_number="12",
            postcode="3500",
            opened_on=dt.date(2022, 4, 1),
            suits_vulnerable_profiles=True,
            notes="Lift naar de eerste verdieping;\ntweede lijn",
        ),
        "Zonnehof": add_location(
            engine,
            "Zonnehof",
            GENT,
            [PlaceStatus.FREE] * 4,
            location_type=LocationType.HOUSE,
            status=LocationStatus.PREPARING,
            status_since=dt.date(2026, 10, 1),
        ),
        "Het Anker": add_location(engine, "Het Anker", HASSELT, [PlaceStatus.OFFERED_FEDASIL]),
    }


def outbox_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(text("SELECT count(*) FROM sync_outbox")) or 0)


def place_statuses(engine: Engine, location_id: str) -> list[str]:
    with engine.connect() as conn:
        return sorted(
            str(s)
            for s in conn.scalars(select(Place.status).where(Place.location_id == location_id))
        )


def location_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(Location)) or 0)


def capacity_matches_places(engine: Engine) -> bool:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT l.capacity, (SELECT count(*) FROM place p WHERE p.location_id = l.id) "
                "FROM location l"
            )
        ).all()
    return all(capacity == places for capacity, places in rows)


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path
