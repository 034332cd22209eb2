"""What visit mode reads to show one prospect visit, as it asks for it (in a worker).

It takes a connection (``Store.read`` gives one) and returns plain rows: the visit with its
answers, findings and participants, the checklist version it was filled with, who takes each
finding up and by when, and what its details page chooses from (municipalities, and the
municipalities each postcode serves).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from vlot_desktop.db.models.prospects import Finding
from vlot_desktop.db.queries.municipalities import MunicipalityRow, search_municipalities
from vlot_desktop.db.queries.prospects import VisitDetail, load_template, visit_detail
from vlot_desktop.domain.checklist import ChecklistTemplate
from vlot_desktop.services.prospect_list import postcodes


@dataclass(frozen=True)
class FollowUp:
    """Who takes a finding up and by when."""

    responsible: str | None = None
    due_on: dt.date | None = None


@dataclass(frozen=True)
class OpenedVisit:
    visit: VisitDetail
    template: ChecklistTemplate
    municipalities: list[MunicipalityRow]
    postcodes: dict[str, list[str]]  # postcode -> the NIS codes it serves
    follow_ups: dict[str, FollowUp] = field(default_factory=dict)  # by finding id


def follow_ups(conn: Connection, visit_id: str) -> dict[str, FollowUp]:
    """Who takes each finding of the visit up and by when, by finding id."""
    rows = conn.execute(
        select(Finding.id, Finding.responsible, Finding.due_on).where(Finding.visit_id == visit_id)
    )
    return {row.id: FollowUp(row.responsible, row.due_on) for row in rows}


def opened(conn: Connection, visit_id: str) -> OpenedVisit | None:
    """Everything visit mode shows of ``visit_id``; None when the visit does not exist (any
    more: deleted by a colleague, say)."""
    visit = visit_detail(conn, visit_id)
    if visit is None:
        return None
    template = load_template(conn, visit.template, visit.template_version)
    return OpenedVisit(
        visit,
        template,
        search_municipalities(conn),
        postcodes(conn),
        follow_ups(conn, visit_id),
    )
