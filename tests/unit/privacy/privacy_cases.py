"""Cases with households (Latin and Cyrillic names, health needs) for the privacy tests."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vlot_desktop.db.models.cases import Case, CaseEvent, HouseholdMember, SensitiveDataAccess
from vlot_desktop.db.models.people import StaffUser
from vlot_desktop.domain.enums import CaseEventKind, CaseStatus, CaseType, Relation, Sex
from vlot_desktop.domain.text import fold_join

TODAY = dt.date(2026, 11, 26)
# Members of the expired case (closed 01/06/2025): retention erases them.
OLD_NAMES = ("Svitlana", "Shevchuk", "Світлана", "Шевчук", "Andrii")
OLD_MEDICAL = "Insulinepomp, controle elke maand"
# Members of the open case: retention leaves them alone.
OPEN_NAMES = ("Olena", "Kovalenko", "Олена", "Коваленко", "Taras")


@dataclass
class Seeded:
    old_case: str
    old_members: list[str]
    recent_case: str
    open_case: str
    olena: str
    taras: str


def member(
    session: Session,
    case: Case,
    first: str,
    last: str,
    cyr: tuple[str, str] | None,
    relation: Relation,
    **extra: object,
) -> HouseholdMember:
    row = HouseholdMember(
        case_id=case.id,
        first_name=first,
        last_name=last,
        first_name_cyrillic=cyr[0] if cyr else None,
        last_name_cyrillic=cyr[1] if cyr else None,
        search_names=fold_join(first, last, *(cyr or ())),
        relation=relation,
        **extra,
    )
    session.add(row)
    session.flush()
    return row


def seed(session: Session) -> Seeded:
    staff = session.scalars(select(StaffUser)).first()
    assert staff is not None

    def case(ref: str, kind: CaseType, status: CaseStatus, **extra: object) -> Case:
        row = Case(
            reference=ref,
            case_type=kind,
            status=status,
            team_code="limburg",
            municipality_nis="71072",
            assigned_to_id=staff.id,
            opened_on=dt.date(2025, 3, 1),
            **extra,
        )
        session.add(row)
        session.flush()
        return row

    old = case(
        "D-2025-0007",
        CaseType.REHOUSING,
        CaseStatus.CLOSED,
        closed_on=dt.date(2025, 6, 1),
        household_size=2,
        summary="Gezin Shevchuk moet weg bij gastgezin in Hasselt",
        outcome="Woning gevonden in Genk",
    )
    s1 = member(
        session,
        old,
        "Svitlana",
        "Shevchuk",
        ("Світлана", "Шевчук"),
        Relation.CONTACT_PERSON,
        birth_year=1984,
        sex=Sex.FEMALE,
        phone="+32 470 11 22 33",
        needs_medical=True,
        medical_notes=OLD_MEDICAL,
        language="Oekraïens",
    )
    s2 = member(session, old, "Andrii", "Shevchuk", None, Relation.CHILD, school_age=True)
    session.add(
        CaseEvent(
            case_id=old.id,
            kind=CaseEventKind.CONTACT,
            occurred_at=dt.datetime(2025, 4, 2, 10, 0),
            author_id=staff.id,
            text="Gebeld met Svitlana Shevchuk over de verhuis",
        )
    )
    session.add(
        SensitiveDataAccess(
            case_id=old.id, member_id=s1.id, user_id=staff.id, viewed_at=dt.datetime(2025, 4, 3)
        )
    )
    recent = case(
        "D-2026-0100",
        CaseType.VULNERABLE,
        CaseStatus.CLOSED,
        closed_on=dt.date(2026, 10, 1),
        household_size=1,
    )
    member(
        session, recent, "Mykola", "Bondarenko", ("Микола", "Бондаренко"), Relation.CONTACT_PERSON
    )
    open_case = case(
        "D-2026-0200",
        CaseType.REHOUSING,
        CaseStatus.IN_PROGRESS,
        deadline=dt.date(2026, 11, 20),
        household_size=2,
        summary="Gastgezin stopt eind november",
    )
    olena = member(
        session,
        open_case,
        "Olena",
        "Kovalenko",
        ("Олена", "Коваленко"),
        Relation.CONTACT_PERSON,
        birth_year=1990,
        sex=Sex.FEMALE,
        needs_mobility=True,
        needs_medical=True,
        medical_notes="Rolstoel, gelijkvloers nodig",
    )
    taras = member(
        session,
        open_case,
        "Taras",
        "Kovalenko",
        ("Тарас", "Коваленко"),
        Relation.CHILD,
        school_age=True,
    )
    session.add_all(
        [
            CaseEvent(
                case_id=open_case.id,
                kind=CaseEventKind.NOTE,
                occurred_at=dt.datetime(2026, 11, 10, 9, 0),
                author_id=staff.id,
                text="Olena Kovalenko vraagt een woning dicht bij de school van Taras",
            ),
            CaseEvent(
                case_id=open_case.id,
                kind=CaseEventKind.STATUS_CHANGE,
                occurred_at=dt.datetime(2026, 11, 12, 14, 30),
                author_id=staff.id,
                from_status=CaseStatus.NEW,
                to_status=CaseStatus.IN_PROGRESS,
            ),
            SensitiveDataAccess(
                case_id=open_case.id,
                member_id=olena.id,
                user_id=staff.id,
                viewed_at=dt.datetime(2026, 11, 11, 8, 0),
            ),
            SensitiveDataAccess(
                case_id=open_case.id,
                member_id=taras.id,
                user_id=staff.id,
                viewed_at=dt.datetime(2026, 11, 11, 8, 5),
            ),
        ]
    )
    session.commit()
    return Seeded(old.id, [s1.id, s2.id], recent.id, open_case.id, olena.id, taras.id)


def query(db_path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
