"""What the Dossiers screen needs beyond the core: saving the detail fields all-or-nothing,
editing a member while the health fields stay hidden, and the choice lists."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Case, HouseholdMember, Place, StaffUser
from vlot_desktop.db.queries.cases import (
    municipality_teams,
    place_labels,
    staff_choices,
    timeline,
)
from vlot_desktop.domain.enums import CaseEventKind, PlaceStatus
from vlot_desktop.services.cases import save_case_fields, update_member_details

from .conftest import DE_PANNE, HASSELT, add_location, member, new_case


def _case(engine: Engine, case_id: str) -> Case:
    with Session(engine) as session:
        return session.get_one(Case, case_id)


def _colleague(engine: Engine, name: str = "Bram Claes", *, active: bool = True) -> str:
    with Session(engine) as session, session.begin():
        staff = StaffUser(name=name, team_code="limburg", active=active)
        session.add(staff)
        session.flush()
        return staff.id


def test_save_case_fields_saves_everything_and_returns_what_it_replaced(
    engine: Engine, author_id: str
) -> None:
    case_id = new_case(engine, author_id)
    colleague = _colleague(engine)
    result = save_case_fields(
        engine,
        case_id,
        {
            "deadline": dt.date(2027, 1, 31),
            "assigned_to_id": colleague,
            "summary": "  Gastgezin stopt eind januari.  ",
            "team_code": "west-vlaanderen",
            "municipality_nis": DE_PANNE,
        },
        author_id=author_id,
    )
    assert result.saved and result.problems == []
    assert result.previous == {
        "deadline": dt.date(2026, 12, 15),
        "assigned_to_id": None,
        "summary": None,
        "team_code": "limburg",
        "municipality_nis": HASSELT,
    }
    case = _case(engine, case_id)
    assert case.deadline == dt.date(2027, 1, 31)
    assert case.assigned_to_id == colleague
    assert case.summary == "Gastgezin stopt eind januari."
    assert (case.team_code, case.municipality_nis) == ("west-vlaanderen", DE_PANNE)
    with engine.connect() as conn:
        notes = [e.text for e in timeline(conn, case_id) if e.kind == CaseEventKind.NOTE.value]
    assert sorted(notes) == [
        "Dossier overgedragen aan Regioteam West-Vlaanderen.",
        "Dossier toegewezen aan Bram Claes.",
        "Gemeente gewijzigd in De Panne.",
    ]
    # Undo = saving the previous values again.
    assert save_case_fields(engine, case_id, result.previous, author_id=author_id).saved
    case = _case(engine, case_id)
    assert (case.deadline, case.assigned_to_id, case.summary) == (dt.date(2026, 12, 15), None, None)
    assert (case.team_code, case.municipality_nis) == ("limburg", HASSELT)


def test_save_case_fields_is_all_or_nothing(engine: Engine, author_id: str) -> None:
    case_id = new_case(engine, author_id)
    with engine.connect() as conn:
        events_before = len(timeline(conn, case_id))
    result = save_case_fields(
        engine,
        case_id,
        {
            "summary": "Nieuw",
            "team_code": "limburg",
            "deadline": dt.date(2026, 10, 1),  # before the opening date (2 November)
            "municipality_nis": "99999",
        },
        author_id=author_id,
    )
    assert not result.saved and result.previous == {}
    assert {(p.field, p.message) for p in result.problems} == {
        ("deadline", "De deadline ligt vóór de openingsdatum."),
        ("municipality_nis", "Onbekende gemeente (NIS-code 99999)."),
    }
    case = _case(engine, case_id)
    assert case.summary is None and case.deadline == dt.date(2026, 12, 15)
    with engine.connect() as conn:
        assert len(timeline(conn, case_id)) == events_before
    refused = save_case_fields(engine, case_id, {"team_code": ""}, author_id=author_id)
    assert [p.message for p in refused.problems] == ["Kies een team."]
    unknown = save_case_fields(engine, case_id, {"assigned_to_id": "nobody"}, author_id=author_id)
    assert [p.message for p in unknown.problems] == ["Onbekende medewerker."]
    with pytest.raises(ValueError, match="reference"):
        save_case_fields(engine, case_id, {"reference": "X"}, author_id=author_id)


def test_update_member_details_keeps_the_hidden_health_fields(
    engine: Engine, author_id: str
) -> None:
    case_id = new_case(engine, author_id, [member(mobility=True, medical=True)])
    with Session(engine) as session, session.begin():
        stored = session.scalars(select(HouseholdMember).where(HouseholdMember.case_id == case_id))
        member_row = stored.one()
        member_row.medical_notes = "Insuline"
        member_id = member_row.id
    edited = member("Olha", "Kovalenko", "Ольга", None)  # no health fields: they were hidden
    assert update_member_details(engine, member_id, edited) == []
    with Session(engine) as session:
        saved = session.get_one(HouseholdMember, member_id)
        assert (saved.first_name, saved.first_name_cyrillic) == ("Olha", "Ольга")
        assert saved.last_name_cyrillic is None
        assert "olha" in saved.search_names and "ольга" in saved.search_names
        assert (saved.needs_mobility, saved.needs_medical, saved.medical_notes) == (
            True,
            True,
            "Insuline",
        )
    problems = update_member_details(engine, member_id, member("", "Kovalenko"))
    assert [p.message for p in problems] == ["Vul de voornaam in."]
    with Session(engine) as session:
        assert session.get_one(HouseholdMember, member_id).first_name == "Olha"


def test_choice_lists(engine: Engine, author_id: str) -> None:
    gone = _colleague(engine, "Zoë Verlinden", active=False)
    with engine.connect() as conn:
        names = [s.name for s in staff_choices(conn)]
        assert "An Peeters" in names and "Zoë Verlinden" not in names
        assert "Zoë Verlinden" in [s.name for s in staff_choices(conn, include_id=gone)]
        teams = municipality_teams(conn)
    assert teams[HASSELT] == "limburg" and teams[DE_PANNE] == "west-vlaanderen"
    assert len(teams) == 285
    location_id = add_location(engine, "De Linde", HASSELT, [PlaceStatus.FREE])
    with Session(engine) as session:
        place_id = session.scalars(select(Place.id).where(Place.location_id == location_id)).one()
    with engine.connect() as conn:
        assert place_labels(conn, [place_id, "missing"]) == {
            place_id: "Plaats 1, De Linde (Hasselt)"
        }
        assert place_labels(conn, []) == {}
