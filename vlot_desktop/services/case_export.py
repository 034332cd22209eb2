"""Export the (filtered) Dossiers list to .xlsx or .csv, without health data unless chosen.

One line per case, in the list's order, with what the weekly follow-up needs: reference, type,
status, dates, team, municipality, staff member, household size and the contact person. The
health needs (``sensitive`` columns of the household members) are added only when the user
explicitly chooses so, as counts per household, and that choice is recorded as a viewing of
every exported case (``sensitive_data_access``): the file leaves the application. Medical
notes (free text) never go into a list export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import HouseholdMember, SensitiveDataAccess
from vlot_desktop.db.models.base import utc_now
from vlot_desktop.db.queries.cases import CaseFilter, CaseRow, CaseSort, list_cases
from vlot_desktop.domain.enums import CaseStatus, CaseType
from vlot_desktop.services.places import known_author
from vlot_desktop.spreadsheets.cells import CellValue
from vlot_desktop.spreadsheets.writing import ColumnKind, OutputColumn, write_table

CHUNK = 2000

COLUMNS = [
    OutputColumn("Referentie", width=16),
    OutputColumn("Type", width=18),
    OutputColumn("Status", width=18),
    OutputColumn("Geopend op", ColumnKind.DATE, 12),
    OutputColumn("Deadline", ColumnKind.DATE, 12),
    OutputColumn("Team", width=10),
    OutputColumn("Gemeente", width=20),
    OutputColumn("Toegewezen aan", width=20),
    OutputColumn("Gezinsleden", ColumnKind.INTEGER, 10),
    OutputColumn("Contactpersoon", width=32),
]
SENSITIVE_COLUMNS = [
    OutputColumn("Personen met mobiliteitsnoden", ColumnKind.INTEGER, 12),
    OutputColumn("Personen met medische noden", ColumnKind.INTEGER, 12),
]

Progress = Callable[[int], bool]
"""Called with the cases written so far; returns True to stop (nothing is then written)."""


def _label(enum_type: type[CaseType] | type[CaseStatus], value: str) -> str:
    try:
        return enum_type(value).label_nl
    except ValueError:
        return value


def _pages(
    engine: Engine, case_filter: CaseFilter, sort: CaseSort, descending: bool
) -> Iterator[list[CaseRow]]:
    """The list's lines in its order, a page of ``CHUNK`` at a time (read once each)."""
    offset = 0
    while True:
        with engine.connect() as conn:
            page = list_cases(
                conn, case_filter, sort=sort, descending=descending, offset=offset, limit=CHUNK
            )
        if not page.rows:
            return
        yield page.rows
        offset += len(page.rows)
        if offset >= page.total:
            return


def _needs(engine: Engine, ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                HouseholdMember.case_id,
                func.sum(HouseholdMember.needs_mobility),
                func.sum(HouseholdMember.needs_medical),
            )
            .where(HouseholdMember.case_id.in_(ids))
            .group_by(HouseholdMember.case_id)
        ).all()
    return {str(r[0]): (int(r[1] or 0), int(r[2] or 0)) for r in rows}


def _line(row: CaseRow) -> list[CellValue]:
    return [
        row.reference,
        _label(CaseType, row.case_type),
        _label(CaseStatus, row.status),
        row.opened_on,
        row.deadline,
        row.team_code,
        row.municipality_name,
        row.assigned_to_name or "",
        row.household_size,
        row.contact_name,
    ]


def export_cases(
    engine: Engine,
    case_filter: CaseFilter,
    path: Path,
    *,
    include_sensitive: bool = False,
    user_id: str | None = None,
    sort: CaseSort = CaseSort.DEADLINE,
    descending: bool = False,
    on_progress: Progress | None = None,
) -> int:
    """Write the cases ``case_filter`` lists to ``path``; returns how many.

    With ``include_sensitive`` the health-need counts are added and, once the file is
    written, a viewing by ``user_id`` is recorded for every exported case.
    """
    ids: list[str] = []

    def lines() -> Iterator[Sequence[CellValue]]:
        for rows in _pages(engine, case_filter, sort, descending):
            ids.extend(row.id for row in rows)
            needs = _needs(engine, [row.id for row in rows]) if include_sensitive else {}
            for row in rows:
                line = _line(row)
                if include_sensitive:
                    line += list(needs.get(row.id, (0, 0)))
                yield line

    columns = COLUMNS + (SENSITIVE_COLUMNS if include_sensitive else [])
    count = write_table(path, columns, lines(), sheet_title="Dossiers", on_progress=on_progress)
    if include_sensitive and ids:
        _record_viewings(engine, ids, user_id)
    return count


def _record_viewings(engine: Engine, ids: Sequence[str], user_id: str | None) -> None:
    now = utc_now()
    with Session(engine) as session, session.begin():
        author = known_author(session, user_id)
        rows: list[dict[str, Any]] = [
            {"case_id": case_id, "member_id": None, "user_id": author, "viewed_at": now}
            for case_id in ids
        ]
        session.execute(SensitiveDataAccess.__table__.insert(), rows)  # type: ignore[attr-defined]
