"""The reads behind the detail pane of the Opvanglocaties screen, as it asks for them (in a
worker, through ``Store.read``).

Each takes a connection and returns plain rows: the location shown with its workflow history
and partner municipalities (one read for the header, the Gegevens and the Status tab), its
places with their history (the Plaatsen tab), the contact persons the Gegevens tab offers, and
why a location may not be deleted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from vlot_desktop.db.queries.locations import (
    CapacityChangeRow,
    Choice,
    LocationDetail,
    OccupancyPoint,
    PartnerRow,
    PlaceRow,
    StatusChangeRow,
    capacity_history,
    contact_choices,
    list_partners,
    list_places,
    location_detail,
    occupancy_by_month,
    status_history,
)
from vlot_desktop.domain.location_rules import Problem
from vlot_desktop.services import locations


@dataclass(frozen=True)
class LocationShown:
    """What the pane shows of one location: its fields, its workflow steps (newest first)
    and its partner municipalities."""

    detail: LocationDetail
    history: list[StatusChangeRow]
    partners: list[PartnerRow]


def shown(conn: Connection, location_id: str) -> LocationShown | None:
    """The location as the pane shows it; ``None`` when it does not exist (any more)."""
    detail = location_detail(conn, location_id)
    if detail is None:
        return None
    return LocationShown(
        detail, status_history(conn, location_id), list_partners(conn, location_id)
    )


def header(conn: Connection, location_id: str) -> LocationDetail | None:
    """The location's fields, for the pane's header after a save."""
    return location_detail(conn, location_id)


@dataclass(frozen=True)
class LocationPlaces:
    """What the Plaatsen tab shows: the places, the declared capacity (``None``: the location
    is gone), the capacity changes, the occupancy per month, and the location's name (a
    confirmation names it)."""

    places: list[PlaceRow]
    capacity: int | None
    capacity_changes: list[CapacityChangeRow]
    occupancy: list[OccupancyPoint]
    name: str = ""


def places(conn: Connection, location_id: str, today: dt.date) -> LocationPlaces:
    """The location's places and their history, as the Plaatsen tab shows them."""
    detail = location_detail(conn, location_id)
    return LocationPlaces(
        list_places(conn, location_id),
        detail.capacity if detail is not None else None,
        capacity_history(conn, location_id),
        occupancy_by_month(conn, location_id, today=today),
        detail.name if detail is not None else "",
    )


@dataclass(frozen=True)
class ContactChoices:
    """The contact persons the Gegevens tab offers: the owner's and the municipality's."""

    owners: list[Choice]
    municipal: list[Choice]


def contacts(
    conn: Connection,
    organisation_id: str | None,
    municipality_nis: str | None,
    owner_contact_id: str | None,
    municipal_contact_id: str | None,
) -> ContactChoices:
    """The active contact persons of the owner and of the municipality, each list with the one
    chosen now (even when it no longer belongs there)."""
    return ContactChoices(
        contact_choices(conn, organisation_id=organisation_id, include_id=owner_contact_id),
        contact_choices(conn, municipality_nis=municipality_nis, include_id=municipal_contact_id),
    )


def deletion_problems(conn: Connection, location_id: str) -> list[Problem]:
    """Why the location may not be deleted (empty: it may), read on ``conn``."""
    with Session(bind=conn) as session:
        return locations.deletion_problems(session, location_id)
