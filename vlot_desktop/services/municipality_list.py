"""The reads behind the Gemeenten screen, as the screen asks for them (in a worker).

Each takes a connection (``Store.read`` gives one) and returns plain rows: the municipalities
matching the name and province filter (every keystroke), the figures per municipality (grouped
queries over the large tables), and the details of the municipality selected with its contact
persons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection

from vlot_desktop.db.queries.municipalities import (
    ContactPersonRow,
    MunicipalityCounts,
    MunicipalityDetail,
    MunicipalityRow,
    contact_persons,
    municipality_counts,
    municipality_detail,
    search_municipalities,
)


@dataclass(frozen=True)
class MunicipalityShown:
    """What the detail pane shows of one municipality (``detail`` None: it does not exist)."""

    detail: MunicipalityDetail | None
    contacts: list[ContactPersonRow]


def rows(conn: Connection, text: str, province_code: str | None) -> list[MunicipalityRow]:
    """The municipalities whose name contains ``text`` (accents and case ignored)."""
    return search_municipalities(conn, text, province_code)


def counts(conn: Connection, today: dt.date) -> dict[str, MunicipalityCounts]:
    """The figures per municipality NIS code (municipalities without records left out)."""
    return municipality_counts(conn, today=today)


def shown(conn: Connection, nis_code: str) -> MunicipalityShown:
    """One municipality's details and its active contact persons."""
    return MunicipalityShown(municipality_detail(conn, nis_code), contact_persons(conn, nis_code))
