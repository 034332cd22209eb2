"""The reads behind the Dossiers screen, as the screen asks for them (in a worker).

Each takes a connection (``Store.read`` gives one) and returns plain rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection

from vlot_desktop.db.queries.cases import (
    CaseFilter,
    CaseRow,
    CaseSort,
    StaffChoice,
    case_rows,
    list_cases,
    municipality_teams,
    staff_choices,
)
from vlot_desktop.db.queries.locations import municipality_choices
from vlot_desktop.services.store import FirstPage


@dataclass(frozen=True)
class CaseChoices:
    """What the filters, the detail pane and the new-case dialog choose from."""

    municipalities: list[tuple[str, str]]  # (NIS code, name)
    municipality_teams: dict[str, str]  # NIS code -> regional team
    staff: list[StaffChoice]


def first_page(
    conn: Connection, case_filter: CaseFilter, sort: str, descending: bool, limit: int
) -> FirstPage[CaseRow]:
    page = list_cases(conn, case_filter, sort=CaseSort(sort), descending=descending, limit=limit)
    return FirstPage(page.rows, page.total)


def next_page(
    conn: Connection,
    case_filter: CaseFilter,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[CaseRow]:
    page = list_cases(
        conn, case_filter, sort=CaseSort(sort), descending=descending, offset=offset, limit=limit
    )
    return page.rows


def lines(conn: Connection, case_ids: list[str], today: dt.date) -> list[CaseRow]:
    """The list lines of these cases (after an edit), whatever the filter."""
    return case_rows(conn, case_ids, today=today)


def choices(conn: Connection) -> CaseChoices:
    return CaseChoices(
        [(c.key, c.text) for c in municipality_choices(conn)],
        municipality_teams(conn),
        staff_choices(conn),
    )
