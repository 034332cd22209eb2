"""The reads behind the Prospecties list and the new-prospect dialog, as the screen asks for
them (in a worker).

Each takes a connection (``Store.read`` gives one) and returns plain rows: the prospects for a
filter (every keystroke), and what the filters and the dialog choose from, with the
municipalities each postcode serves (so that typing a postcode picks the town without a read).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, select

from vlot_desktop.db.models import Postcode
from vlot_desktop.db.queries.municipalities import MunicipalityRow, search_municipalities
from vlot_desktop.db.queries.prospects import (
    ProspectFilter,
    ProspectRow,
    StaffRow,
    list_prospects,
    list_visitors,
)


@dataclass(frozen=True)
class ProspectChoices:
    """What the filters and the new-prospect dialog choose from."""

    municipalities: list[MunicipalityRow]
    visitors: list[StaffRow]
    postcodes: dict[str, list[str]]  # postcode -> the NIS codes it serves


def rows(conn: Connection, prospect_filter: ProspectFilter) -> list[ProspectRow]:
    """The prospect visits matching the filter."""
    return list_prospects(conn, prospect_filter)


def postcodes(conn: Connection) -> dict[str, list[str]]:
    """Every postcode with the municipalities it serves (usually one, sometimes two), in the
    order ``db.queries.prospects.municipalities_of_postcode`` gives them."""
    served: dict[str, list[str]] = defaultdict(list)
    stmt = select(Postcode.postcode, Postcode.municipality_nis).order_by(
        Postcode.postcode, Postcode.municipality_nis
    )
    for postcode, nis in conn.execute(stmt):
        served[str(postcode)].append(str(nis))
    return dict(served)


def choices(conn: Connection) -> ProspectChoices:
    return ProspectChoices(search_municipalities(conn), list_visitors(conn), postcodes(conn))
