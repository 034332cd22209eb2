"""What visit mode reads to show one prospect visit, as it asks for it (in a worker).

It takes a connection (``Store.read`` gives one) and returns plain rows: the visit with its
answers, findings and participants, the checklist version it was filled with, and what its
details page chooses from (municipalities, and the municipalities each postcode serves).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from vlot_desktop.db.queries.municipalities import MunicipalityRow, search_municipalities
from vlot_desktop.db.queries.prospects import VisitDetail, load_template, visit_detail
from vlot_desktop.domain.checklist import ChecklistTemplate
from vlot_desktop.services.prospect_list import postcodes


@dataclass(frozen=True)
class OpenedVisit:
    visit: VisitDetail
    template: ChecklistTemplate
    municipalities: list[MunicipalityRow]
    postcodes: dict[str, list[str]]  # postcode -> the NIS codes it serves


def opened(conn: Connection, visit_id: str) -> OpenedVisit | None:
    """Everything visit mode shows of ``visit_id``; None when the visit does not exist (any
    more: deleted by a colleague, say)."""
    visit = visit_detail(conn, visit_id)
    if visit is None:
        return None
    template = load_template(conn, visit.template, visit.template_version)
    return OpenedVisit(visit, template, search_municipalities(conn), postcodes(conn))
