"""Deleting a location entered by mistake; a location in use is refused with the reasons."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Case, Location, Place, PlaceStatusChange, ProspectVisit
from vlot_desktop.domain.enums import CaseStatus, CaseType, ProspectStatus
from vlot_desktop.services.locations import delete_location
from vlot_desktop.services.places import LocationNotFoundError

from .conftest import DE_PANNE


def _count(engine: Engine, model: type, **where: str) -> int:
    with Session(engine) as session:
        stmt = select(func.count()).select_from(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return int(session.scalar(stmt) or 0)


def test_a_free_location_goes_with_its_places_and_history(
    engine: Engine, ids: dict[str, str]
) -> None:
    assert delete_location(engine, ids["zeezicht"]) == []
    assert _count(engine, Location, id=ids["zeezicht"]) == 0
    assert _count(engine, Place, location_id=ids["zeezicht"]) == 0
    assert _count(engine, PlaceStatusChange, location_id=ids["zeezicht"]) == 0
    assert _count(engine, Location) == 2
    with pytest.raises(LocationNotFoundError):
        delete_location(engine, ids["zeezicht"])


def test_occupied_places_keep_the_location(engine: Engine, ids: dict[str, str]) -> None:
    problems = delete_location(engine, ids["linde"])
    assert [p.message for p in problems] == ["Er wonen mensen: 1 plaats(en) bezet."]
    assert _count(engine, Place, location_id=ids["linde"]) == 3


def test_a_case_or_a_prospect_keeps_the_location(engine: Engine, ids: dict[str, str]) -> None:
    with Session(engine) as session, session.begin():
        place_id = session.scalars(
            select(Place.id).where(Place.location_id == ids["zeezicht"])
        ).one()
        session.add(
            Case(
                reference="HH-2026-0001",
                case_type=CaseType.REHOUSING,
                status=CaseStatus.CLOSED,
                team_code="west-vlaanderen",
                municipality_nis=DE_PANNE,
                opened_on=dt.date(2026, 1, 5),
                assigned_place_id=place_id,
            )
        )
        session.add(
            ProspectVisit(
                name="Zeezicht",
                municipality_nis=DE_PANNE,
                status=ProspectStatus.CONVERTED,
                location_id=ids["zeezicht"],
            )
        )
    problems = delete_location(engine, ids["zeezicht"])
    assert [p.message for p in problems] == [
        "Een dossier verwijst naar een plaats van deze locatie.",
        "De locatie komt uit een prospectie.",
    ]
    assert _count(engine, Location, id=ids["zeezicht"]) == 1
