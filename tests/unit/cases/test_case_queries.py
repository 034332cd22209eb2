"""The Dossiers list: search in Latin and Cyrillic, partial and accent-free; filters; order."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop.db.queries.cases import (
    CaseFilter,
    CaseSort,
    CaseState,
    case_detail,
    list_cases,
)
from vlot_desktop.domain.case_rules import Urgency
from vlot_desktop.domain.enums import CaseStatus, CaseType
from vlot_desktop.services.cases import reference_laptop_code

from .conftest import DE_PANNE, TODAY, member, new_case


@pytest.fixture
def cases(engine: Engine, author_id: str) -> dict[str, str]:
    """Four cases: Kovalenko (overdue), Hélène Bondar, Shevchenko (closed), FEDASIL Melnyk."""
    return {
        "kovalenko": new_case(
            engine,
            author_id,
            [member(), member("Taras", "Kovalenko", "Тарас", "Коваленко", relation="kind")],
            deadline=dt.date(2026, 11, 20),
            status=CaseStatus.WAITING_FOR_PLACE,
        ),
        "bondar": new_case(
            engine,
            author_id,
            [member("Hélène", "Bondar", None, None)],
            deadline=dt.date(2027, 1, 10),
            status=CaseStatus.IN_PROGRESS,
        ),
        "shevchenko": new_case(
            engine,
            author_id,
            [member("Oksana", "Shevchenko", "Оксана", "Шевченко")],
            opened_on=dt.date(2026, 10, 1),
            deadline=dt.date(2026, 11, 1),
            status=CaseStatus.CLOSED,
            nis=DE_PANNE,
            team="west-vlaanderen",
        ),
        "melnyk": new_case(
            engine,
            author_id,
            [member("Ivan", "Melnyk", "Іван", "Мельник")],
            case_type="fedasil_instroom",
            deadline=None,
        ),
    }


def _found(engine: Engine, **kwargs: object) -> list[str]:
    sort = kwargs.pop("sort", CaseSort.DEADLINE)
    with engine.connect() as conn:
        page = list_cases(conn, CaseFilter(today=TODAY, **kwargs), sort=sort)  # type: ignore[arg-type]
    assert page.total == len(page.rows)
    return [row.id for row in page.rows]


@pytest.mark.parametrize(
    "typed", ["Олена", "олена", "Olena", "olen", "OLEN", "Олен", "kova", "Коваленко", "olena kov"]
)
def test_search_finds_names_in_latin_or_cyrillic_partially(
    engine: Engine, cases: dict[str, str], typed: str
) -> None:
    assert _found(engine, search=typed) == [cases["kovalenko"]]


def test_search_ignores_accents_both_ways(engine: Engine, cases: dict[str, str]) -> None:
    assert _found(engine, search="helene") == [cases["bondar"]]
    assert _found(engine, search="Hélè") == [cases["bondar"]]
    assert _found(engine, search="Ива") == []  # И is not І: Ukrainian Іван stays apart
    assert _found(engine, search="Іва") == [cases["melnyk"]]


def test_a_case_with_two_matching_members_counts_once(
    engine: Engine, cases: dict[str, str]
) -> None:
    with engine.connect() as conn:
        page = list_cases(conn, CaseFilter(search="kovalenko", today=TODAY))
    assert page.total == 1
    (row,) = page.rows
    assert row.contact_name == "Olena Kovalenko (Олена Коваленко)"
    assert row.household_size == 2


def _code(engine: Engine) -> str:
    """This test laptop's code in references (HH-2026-<code>-0001)."""
    with Session(engine) as session, session.begin():
        return reference_laptop_code(session)


def test_search_by_reference(engine: Engine, cases: dict[str, str]) -> None:
    code = _code(engine)
    assert _found(engine, search=f"hh-2026-{code.lower()}-0001") == [cases["kovalenko"]]
    assert _found(engine, search="FI-2026") == [cases["melnyk"]]
    assert _found(engine, search="0003") == [cases["shevchenko"]]
    assert _found(engine, search=f"2026-{code}-0003") == [cases["shevchenko"]]
    assert _found(engine, search="zzz") == []
    assert _found(engine, search="100%_") == []


def test_filters(engine: Engine, cases: dict[str, str], author_id: str) -> None:
    assert set(_found(engine, state=CaseState.OPEN)) == {
        cases["kovalenko"],
        cases["bondar"],
        cases["melnyk"],
    }
    assert _found(engine, state=CaseState.CLOSED) == [cases["shevchenko"]]
    assert _found(engine, overdue_only=True) == [cases["kovalenko"]]
    assert _found(engine, case_type=CaseType.FEDASIL_INTAKE) == [cases["melnyk"]]
    assert _found(engine, status=CaseStatus.IN_PROGRESS) == [cases["bondar"]]
    assert _found(engine, team_code="west-vlaanderen") == [cases["shevchenko"]]
    assert _found(engine, municipality_nis=DE_PANNE) == [cases["shevchenko"]]
    assert _found(engine, assigned_to_id=author_id) == []
    assert _found(engine, search="o", state=CaseState.OPEN) == [cases["kovalenko"]]


def test_sorted_in_sql_with_urgency(engine: Engine, cases: dict[str, str]) -> None:
    # Deadline: earliest first, no deadline last.
    assert _found(engine) == [
        cases["shevchenko"],
        cases["kovalenko"],
        cases["bondar"],
        cases["melnyk"],
    ]
    assert _found(engine, sort=CaseSort.REFERENCE) == [
        cases["melnyk"],
        cases["kovalenko"],
        cases["bondar"],
        cases["shevchenko"],
    ]
    with engine.connect() as conn:
        rows = {r.id: r for r in list_cases(conn, CaseFilter(today=TODAY)).rows}
        page = list_cases(conn, CaseFilter(today=TODAY), limit=2, offset=2)
    assert rows[cases["kovalenko"]].urgency is Urgency.OVERDUE
    assert rows[cases["shevchenko"]].urgency is Urgency.NONE  # closed: never overdue
    assert rows[cases["bondar"]].urgency is Urgency.NORMAL
    assert page.total == 4 and [r.id for r in page.rows] == [cases["bondar"], cases["melnyk"]]


def test_case_detail(engine: Engine, cases: dict[str, str]) -> None:
    with engine.connect() as conn:
        detail = case_detail(conn, cases["kovalenko"], today=TODAY)
        assert case_detail(conn, "missing") is None
    assert detail is not None
    assert detail.reference == f"HH-2026-{_code(engine)}-0001"
    assert detail.municipality_name == "Hasselt"
    assert [m.first_name for m in detail.members] == ["Olena", "Taras"]
    assert detail.members[0].display_name == "Olena Kovalenko (Олена Коваленко)"
    assert detail.urgency is Urgency.OVERDUE
    assert detail.place is None
    assert [e.to_status for e in detail.timeline] == ["wacht_op_plaats", "in_behandeling", "nieuw"]
