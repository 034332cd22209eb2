"""The location filter's SQL conditions select what the user asked for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import Location, Place
from vlot_desktop.db.queries.location_filter import LocationFilter, location_conditions
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold_join


def _location(
    session: Session, name: str, nis: str, *, free: int, vulnerable: bool = False
) -> None:
    location = Location(
        name=name,
        search_text=fold_join(name, "Stationsstraat"),
        location_type=LocationType.COLLECTIVE,
        status=LocationStatus.OPERATIONAL,
        municipality_nis=nis,
        capacity=free + 1,
        suits_vulnerable_profiles=vulnerable,
    )
    session.add(location)
    session.flush()
    for i in range(free + 1):
        status = PlaceStatus.FREE if i < free else PlaceStatus.OCCUPIED
        session.add(Place(location_id=location.id, label=str(i + 1), status=status))


@pytest.fixture
def session(prepared_dir: Path) -> Iterator[Session]:
    with Session(make_engine(paths.database_path(prepared_dir))) as s:
        _location(s, "Opvang Hélène", "71072", free=2)  # Hasselt, Limburg
        _location(s, "De Linde", "71072", free=0, vulnerable=True)
        _location(s, "Zeezicht", "38008", free=1)  # De Panne, West-Vlaanderen
        s.flush()
        yield s
        s.rollback()


def _names(session: Session, location_filter: LocationFilter) -> list[str]:
    query = select(Location.name).where(*location_conditions(location_filter))
    return sorted(session.scalars(query))


def test_each_filter_narrows_the_list(session: Session) -> None:
    assert _names(session, LocationFilter()) == ["De Linde", "Opvang Hélène", "Zeezicht"]
    assert _names(session, LocationFilter(search="helene")) == ["Opvang Hélène"]
    assert _names(session, LocationFilter(team_code="limburg")) == ["De Linde", "Opvang Hélène"]
    assert _names(session, LocationFilter(province_code="west-vlaanderen")) == ["Zeezicht"]
    assert _names(session, LocationFilter(has_free_places=True)) == ["Opvang Hélène", "Zeezicht"]
    assert _names(session, LocationFilter(suits_vulnerable_profiles=True)) == ["De Linde"]
    assert _names(session, LocationFilter(municipality_nis="38008", has_free_places=True)) == [
        "Zeezicht"
    ]
    counted = session.scalar(
        select(func.count()).select_from(Location).where(*location_conditions(LocationFilter()))
    )
    assert counted == 3
