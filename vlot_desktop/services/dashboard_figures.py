"""The read behind the Dashboard screen, as the screen asks for it (in a worker).

It takes a connection (``Store.read`` gives one) and returns plain rows: the figures per
regional team, the central team and Flanders as a whole (``db.queries.dashboard``).
"""

from __future__ import annotations

from sqlalchemy import Connection

from vlot_desktop.db.queries.dashboard import DashboardFigures, dashboard_figures
from vlot_desktop.db.queries.reference import TeamRow


def figures(conn: Connection, year: int, teams: list[TeamRow]) -> DashboardFigures:
    """The dashboard's figures; prospects are counted for ``year``."""
    return dashboard_figures(conn, year=year, teams=teams)
