"""Creating cases, status steps, the timeline, the household and sensitive-data viewing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Case, CaseEvent, HouseholdMember, SensitiveDataAccess
from vlot_desktop.db.queries.cases import case_detail, sensitive_member_data
from vlot_desktop.domain.case_rules import MemberValues
from vlot_desktop.domain.enums import CaseEventKind, CaseStatus
from vlot_desktop.services.cases import (
    NewCase,
    add_member,
    add_timeline_entry,
    change_status,
    create_case,
    record_sensitive_access,
    reference_laptop_code,
    remove_member,
    update_case,
    update_member,
)

from .conftest import HASSELT, TODAY, member, new_case


def _case(engine: Engine, case_id: str) -> Case:
    with Session(engine) as session:
        return session.get_one(Case, case_id)


def _counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(Case)) or 0,
            session.scalar(select(func.count()).select_from(HouseholdMember)) or 0,
            session.scalar(select(func.count()).select_from(CaseEvent)) or 0,
        )


def test_create_case_numbers_references_per_laptop_and_year(engine: Engine, author_id: str) -> None:
    first = new_case(engine, author_id)
    second = new_case(engine, author_id)
    vulnerable = new_case(engine, author_id, case_type="kwetsbaar_profiel")
    with Session(engine) as session, session.begin():
        code = reference_laptop_code(session)  # more in test_case_reference_laptops.py
    assert _case(engine, first).reference == f"HH-2026-{code}-0001"
    assert _case(engine, second).reference == f"HH-2026-{code}-0002"
    assert _case(engine, vulnerable).reference == f"KP-2026-{code}-0003"
    created = _case(engine, first)
    assert created.status == CaseStatus.NEW and created.household_size == 1
    assert created.assigned_to_id is None


def test_create_case_refuses_bad_input_and_saves_nothing(engine: Engine, author_id: str) -> None:
    case_id, problems = create_case(
        engine,
        NewCase(
            case_type="herhuisvesting",
            team_code="limburg",
            municipality_nis=HASSELT,
            opened_on=dt.date(2026, 11, 20),
            deadline=dt.date(2026, 11, 1),
        ),
        [member(), MemberValues(first_name="Taras", last_name="")],
        author_id=author_id,
        today=TODAY,
    )
    assert case_id is None
    messages = {p.field: p.message for p in problems}
    assert messages == {
        "deadline": "De deadline ligt vóór de openingsdatum.",
        "members[1].last_name": "Vul de achternaam in.",
    }
    assert _counts(engine) == (0, 0, 0)
    _, problems = create_case(
        engine,
        NewCase(case_type=None, team_code="limburg", municipality_nis=HASSELT, opened_on=TODAY),
        [],
        author_id=author_id,
        today=TODAY,
    )
    assert {p.message for p in problems} == {
        "Kies een soort dossier.",
        "Vul minstens de contactpersoon van het gezin in.",
    }
    assert _counts(engine) == (0, 0, 0)


def test_status_change_records_from_and_to_and_refuses_jumps(
    engine: Engine, author_id: str
) -> None:
    case_id = new_case(engine, author_id)
    (problem,) = change_status(engine, case_id, CaseStatus.SOLVED, author_id=author_id)
    assert "neem het eerst in behandeling" in problem.message
    assert _case(engine, case_id).status == CaseStatus.NEW

    assert change_status(engine, case_id, CaseStatus.IN_PROGRESS, author_id=author_id) == []
    assert (
        change_status(
            engine, case_id, CaseStatus.REFERRED, author_id=author_id, today=TODAY, text="Naar OCMW"
        )
        == []
    )
    case = _case(engine, case_id)
    assert case.status == CaseStatus.REFERRED and case.closed_on == TODAY
    # Reopened: no longer closed.
    assert change_status(engine, case_id, CaseStatus.IN_PROGRESS, author_id=author_id) == []
    assert _case(engine, case_id).closed_on is None

    with engine.connect() as conn:
        detail = case_detail(conn, case_id, today=TODAY)
    assert detail is not None
    steps = [(e.from_status, e.to_status) for e in detail.timeline if e.kind == "statuswijziging"]
    assert steps == [
        ("doorverwezen", "in_behandeling"),
        ("in_behandeling", "doorverwezen"),
        ("nieuw", "in_behandeling"),
        (None, "nieuw"),
    ]
    referred = next(e for e in detail.timeline if e.to_status == "doorverwezen")
    assert referred.text == "Naar OCMW" and referred.author_name == "An Peeters"


def test_notes_and_contact_moments_go_on_the_timeline_newest_first(
    engine: Engine, author_id: str
) -> None:
    case_id = new_case(engine, author_id)
    earlier = dt.datetime(2026, 11, 3, 10, 0)
    assert (
        add_timeline_entry(
            engine,
            case_id,
            CaseEventKind.CONTACT,
            "Gebeld met gastgezin",
            author_id=author_id,
            occurred_at=earlier,
        )
        == []
    )
    assert (
        add_timeline_entry(
            engine,
            case_id,
            CaseEventKind.NOTE,
            "Zoekt plaats dicht bij school",
            author_id=author_id,
        )
        == []
    )
    (empty,) = add_timeline_entry(engine, case_id, CaseEventKind.NOTE, "  ", author_id=author_id)
    assert empty.message == "Vul een tekst in."
    with engine.connect() as conn:
        detail = case_detail(conn, case_id, today=TODAY)
    assert detail is not None
    texts = [e.text for e in detail.timeline if e.kind in ("notitie", "contact")]
    assert texts == ["Zoekt plaats dicht bij school", "Gebeld met gastgezin"]
    contact = next(e for e in detail.timeline if e.kind == "contact")
    assert contact.occurred_at == earlier and contact.author_name == "An Peeters"


def test_household_edits_keep_search_names_and_size_in_step(engine: Engine, author_id: str) -> None:
    case_id = new_case(engine, author_id)
    child_id, problems = add_member(
        engine,
        case_id,
        member("Taras", "Kovalenko", "Тарас", None, relation="kind", birth_year=2015),
    )
    assert child_id is not None and problems == []
    assert _case(engine, case_id).household_size == 2

    assert (
        update_member(
            engine, child_id, member("Taras", "Shevchenko", "Тарас", "Шевченко", relation="kind")
        )
        == []
    )
    with Session(engine) as session:
        child = session.get_one(HouseholdMember, child_id)
        assert child.search_names == "taras shevchenko тарас шевченко"

    (bad,) = update_member(engine, child_id, member("Taras", "", relation="kind"))
    assert bad.message == "Vul de achternaam in."
    with Session(engine) as session:
        assert session.get_one(HouseholdMember, child_id).last_name == "Shevchenko"

    assert remove_member(engine, child_id) == []
    assert _case(engine, case_id).household_size == 1
    with engine.connect() as conn:
        detail = case_detail(conn, case_id, today=TODAY)
    assert detail is not None
    (last,) = detail.members
    (problem,) = remove_member(engine, last.id)
    assert problem.message == "Het laatste gezinslid kan niet worden verwijderd."
    assert _case(engine, case_id).household_size == 1


def test_viewing_sensitive_fields_is_recorded(engine: Engine, author_id: str) -> None:
    case_id = new_case(engine, author_id, [member(medical=True)])
    with engine.connect() as conn:
        detail = case_detail(conn, case_id, today=TODAY)
    assert detail is not None
    # The detail itself carries no health fields.
    assert not hasattr(detail.members[0], "needs_medical")
    member_id = detail.members[0].id
    record_sensitive_access(engine, case_id, user_id=author_id, member_id=member_id)
    with engine.connect() as conn:
        (data,) = sensitive_member_data(conn, case_id)
    assert data.needs_medical and data.member_id == member_id
    with Session(engine) as session:
        (access,) = session.scalars(select(SensitiveDataAccess))
        assert (access.case_id, access.member_id, access.user_id) == (case_id, member_id, author_id)
        assert access.viewed_at is not None
    # Removing the member keeps the access record, without the member.
    add_member(engine, case_id, member("Taras", "Kovalenko", None, None, relation="kind"))
    assert remove_member(engine, member_id) == []
    with Session(engine) as session:
        (access,) = session.scalars(select(SensitiveDataAccess))
        assert access.case_id == case_id and access.member_id is None


def test_update_case_sets_deadline_and_staff_and_notes_the_handover(
    engine: Engine, author_id: str
) -> None:
    case_id = new_case(engine, author_id)
    (problem,) = update_case(
        engine,
        case_id,
        deadline=dt.date(2026, 10, 1),
        assigned_to_id=author_id,
        summary=None,
        author_id=author_id,
    )
    assert problem.message == "De deadline ligt vóór de openingsdatum."
    (unknown,) = update_case(
        engine,
        case_id,
        deadline=None,
        assigned_to_id="nobody",
        summary=None,
        author_id=author_id,
    )
    assert unknown.message == "Onbekende medewerker."
    assert _case(engine, case_id).assigned_to_id is None
    assert (
        update_case(
            engine,
            case_id,
            deadline=dt.date(2027, 1, 31),
            assigned_to_id=author_id,
            summary="  Gastgezin stopt eind januari ",
            author_id=author_id,
        )
        == []
    )
    case = _case(engine, case_id)
    assert (case.deadline, case.assigned_to_id, case.summary) == (
        dt.date(2027, 1, 31),
        author_id,
        "Gastgezin stopt eind januari",
    )
    with engine.connect() as conn:
        detail = case_detail(conn, case_id, today=TODAY)
    assert detail is not None and detail.assigned_to_name == "An Peeters"
    assert detail.timeline[0].text == "Dossier toegewezen aan An Peeters."
