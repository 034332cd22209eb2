"""A prepared data folder, a user, and helpers to build cases and locations in the test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Location, Place, PlaceStatusChange
from vlot_desktop.domain.case_rules import MemberValues
from vlot_desktop.domain.enums import CaseStatus, LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold_join
from vlot_desktop.services.cases import NewCase, change_status, create_case
from vlot_desktop.settings import load_settings

HASSELT = "71072"  # arrondissement Hasselt, Limburg
GENK = "71016"  # arrondissement Hasselt, Limburg
LOMMEL = "72020"  # arrondissement Maaseik, Limburg
DE_PANNE = "38008"  # West-Vlaanderen
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def author_id(prepared_dir: Path) -> str:
    user_id = load_settings(prepared_dir).user_id
    assert user_id
    return user_id


def member(
    first: str = "Olena",
    last: str = "Kovalenko",
    first_cyr: str | None = "Олена",
    last_cyr: str | None = "Коваленко",
    *,
    relation: str = "contactpersoon",
    birth_year: int | None = 1985,
    mobility: bool = False,
    medical: bool = False,
) -> MemberValues:
    return MemberValues(
        first_name=first,
        last_name=last,
        first_name_cyrillic=first_cyr,
        last_name_cyrillic=last_cyr,
        birth_year=birth_year,
        sex="v",
        relation=relation,
        needs_mobility=mobility,
        needs_medical=medical,
    )


def new_case(
    engine: Engine,
    author_id: str,
    members: list[MemberValues] | None = None,
    *,
    case_type: str = "herhuisvesting",
    nis: str = HASSELT,
    team: str = "limburg",
    opened_on: dt.date = dt.date(2026, 11, 2),
    deadline: dt.date | None = dt.date(2026, 12, 15),
    status: CaseStatus = CaseStatus.NEW,
) -> str:
    case_id, problems = create_case(
        engine,
        NewCase(
            case_type=case_type,
            team_code=team,
            municipality_nis=nis,
            opened_on=opened_on,
            deadline=deadline,
        ),
        members if members is not None else [member()],
        author_id=author_id,
        today=TODAY,
    )
    assert case_id is not None, problems
    path = {
        CaseStatus.NEW: [],
        CaseStatus.IN_PROGRESS: [CaseStatus.IN_PROGRESS],
        CaseStatus.WAITING_FOR_PLACE: [CaseStatus.IN_PROGRESS, CaseStatus.WAITING_FOR_PLACE],
        CaseStatus.SOLVED: [CaseStatus.IN_PROGRESS, CaseStatus.SOLVED],
        CaseStatus.CLOSED: [CaseStatus.IN_PROGRESS, CaseStatus.CLOSED],
    }[status]
    for step in path:
        assert change_status(engine, case_id, step, author_id=author_id, today=TODAY) == []
    return case_id


def add_location(
    engine: Engine,
    name: str,
    nis: str,
    places: list[PlaceStatus],
    *,
    status: LocationStatus = LocationStatus.OPERATIONAL,
    wheelchair: bool = False,
    medical: bool = False,
    vulnerable: bool = False,
    families: bool = True,
    singles: bool = True,
) -> str:
    with Session(engine) as session, session.begin():
        location = Location(
            name=name,
            search_text=fold_join(name),
            location_type=LocationType.COLLECTIVE,
            status=status,
            status_since=dt.date(2025, 1, 1),
            municipality_nis=nis,
            capacity=len(places),
            wheelchair_accessible=wheelchair,
            suits_medical_needs=medical,
            suits_vulnerable_profiles=vulnerable,
            suits_families=families,
            suits_singles=singles,
        )
        session.add(location)
        session.flush()
        for i, place_status in enumerate(places):
            place = Place(
                location_id=location.id,
                label=f"Plaats {i + 1}",
                status=place_status,
                status_since=dt.date(2025, 3, 1),
            )
            session.add(place)
            session.flush()
            session.add(
                PlaceStatusChange(
                    place_id=place.id,
                    location_id=location.id,
                    from_status=None,
                    to_status=place_status,
                    changed_on=dt.date(2025, 3, 1),
                )
            )
        return location.id
