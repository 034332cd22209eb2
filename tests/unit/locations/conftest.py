"""A prepared data folder with three hand-made locations (Hasselt, Hasselt, De Panne)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Location, Place, PlaceStatusChange
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold_join
from vlot_desktop.settings import load_settings

HASSELT = "71072"
DE_PANNE = "38008"
TODAY = dt.date(2026, 11, 26)


def add_location(
    session: Session,
    name: str,
    nis: str,
    places: list[PlaceStatus],
    *,
    municipality: str = "Hasselt",
    status: LocationStatus = LocationStatus.OPERATIONAL,
    vulnerable: bool = False,
    street: str = "Stationsstraat",
    number: str = "1",
) -> str:
    location = Location(
        name=name,
        search_text=fold_join(name, street, municipality),
        location_type=LocationType.COLLECTIVE,
        status=status,
        status_since=dt.date(2025, 1, 1),
        street=street,
        house_number=number,
        postcode="3500" if nis == HASSELT else "8660",
        municipality_nis=nis,
        capacity=len(places),
        suits_vulnerable_profiles=vulnerable,
    )
    session.add(location)
    session.flush()
    for i, status_ in enumerate(places):
        place = Place(
            location_id=location.id,
            label=f"Plaats {i + 1}",
            status=status_,
            status_since=dt.date(2025, 3, 1),
        )
        session.add(place)
        session.flush()
        session.add(
            PlaceStatusChange(
                place_id=place.id,
                location_id=location.id,
                from_status=None,
                to_status=status_,
                changed_on=dt.date(2025, 3, 1),
            )
        )
    return location.id


@pytest.fixture
def author_id(prepared_dir: Path) -> str:
    user_id = load_settings(prepared_dir).user_id
    assert user_id
    return user_id


@pytest.fixture
def ids(engine: Engine) -> dict[str, str]:
    """De Linde (2 free, 1 occupied), Opvang Hélène (1 occupied, 1 offered), Zeezicht (1 free)."""
    free, occ, offered = PlaceStatus.FREE, PlaceStatus.OCCUPIED, PlaceStatus.OFFERED_FEDASIL
    with Session(engine) as session, session.begin():
        return {
            "linde": add_location(session, "De Linde", HASSELT, [free, free, occ], vulnerable=True),
            "helene": add_location(session, "Opvang Hélène", HASSELT, [occ, offered], number="7"),
            "zeezicht": add_location(
                session, "Zeezicht", DE_PANNE, [free], municipality="De Panne", street="Zeedijk"
            ),
        }
