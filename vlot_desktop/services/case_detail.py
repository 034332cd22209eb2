"""The reads behind the detail pane of the Dossiers screen and its case actions, as they ask
for them (in a worker, through ``Store.read``).

Each takes a connection and returns plain rows: the case shown with the names of the places on
its timeline (one read for the header and the three tabs), and the case alone (what a case
action or the matching tab starts from).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection

from vlot_desktop.db.queries.cases import CaseDetail, case_detail, place_labels


@dataclass(frozen=True)
class CaseShown:
    """What the pane shows of one case: the case, and the label of each place its timeline
    names (place id -> "Plaats 3, De Linde (Hasselt)")."""

    detail: CaseDetail
    places: dict[str, str]


def shown(conn: Connection, case_id: str, today: dt.date) -> CaseShown | None:
    """The case as the pane shows it; ``None`` when it does not exist (any more)."""
    found = case_detail(conn, case_id, today=today)
    if found is None:
        return None
    return CaseShown(found, place_labels(conn, [e.place_id for e in found.timeline if e.place_id]))


def detail(conn: Connection, case_id: str, today: dt.date) -> CaseDetail | None:
    """The case with its members, timeline and place (``None``: it does not exist)."""
    return case_detail(conn, case_id, today=today)
