"""The reads behind the Opvanglocaties screen, as the screen asks for them (in a worker).

Each takes a connection (``Store.read`` gives one) and returns plain rows: the first page with
the totals line for a filter, a further page, one line after an edit, and the choices of the
filter and detail pane.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from vlot_desktop.db.models import Municipality
from vlot_desktop.db.queries.location_filter import LocationFilter
from vlot_desktop.db.queries.locations import (
    Choice,
    LocationRow,
    LocationTotals,
    SortColumn,
    list_locations,
    location_row,
    location_totals,
    municipality_choices,
    organisation_choices,
    postcode_municipalities,
)
from vlot_desktop.services.store import FirstPage


@dataclass(frozen=True)
class LocationChoices:
    """What the filters and the detail pane choose from."""

    municipalities: list[Choice]
    organisations: list[Choice]
    postcodes: dict[str, set[str]]
    province_of: dict[str, str]  # municipality NIS code -> province code


def first_page(
    conn: Connection, location_filter: LocationFilter, sort: str, descending: bool, limit: int
) -> FirstPage[LocationRow]:
    """The first ``limit`` locations for the filter, with the totals line (its ``summary``)."""
    totals = location_totals(conn, location_filter)
    rows = (
        list_locations(
            conn, location_filter, sort=SortColumn(sort), descending=descending, limit=limit
        )
        if totals.locations
        else []
    )
    return FirstPage(rows, totals.locations, totals)


def next_page(
    conn: Connection,
    location_filter: LocationFilter,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[LocationRow]:
    return list_locations(
        conn,
        location_filter,
        sort=SortColumn(sort),
        descending=descending,
        offset=offset,
        limit=limit,
    )


def changed_line(
    conn: Connection, location_id: str, location_filter: LocationFilter
) -> tuple[LocationRow | None, LocationTotals]:
    """One location's list line after an edit, and the totals line for the filter."""
    return location_row(conn, location_id), location_totals(conn, location_filter)


def totals(conn: Connection, location_filter: LocationFilter) -> LocationTotals:
    return location_totals(conn, location_filter)


def choices(conn: Connection) -> LocationChoices:
    province_of = {
        str(nis): str(province)
        for nis, province in conn.execute(select(Municipality.nis_code, Municipality.province_code))
    }
    return LocationChoices(
        municipality_choices(conn),
        organisation_choices(conn),
        postcode_municipalities(conn),
        province_of,
    )
