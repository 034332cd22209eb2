"""What a user filters the locations list by, as SQL conditions.

One definition for every place that lists locations: the Opvanglocaties screen (rows and the
totals line), its Excel/CSV export, and the Vrije plaatsen drill-down. The conditions only use
``location`` and indexed sub-queries, so callers can add them to any select from ``location``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, select, true

from vlot_desktop.db.models import Location, Municipality, Place, Province
from vlot_desktop.domain.enums import PlaceStatus
from vlot_desktop.domain.text import like_pattern


@dataclass(frozen=True)
class LocationFilter:
    """Empty fields do not filter. ``search`` matches name and address, accent-insensitively."""

    search: str = ""
    team_code: str | None = None
    province_code: str | None = None
    municipality_nis: str | None = None
    location_type: str | None = None
    status: str | None = None
    has_free_places: bool = False
    suits_vulnerable_profiles: bool = False

    @property
    def is_empty(self) -> bool:
        return self == LocationFilter()


def location_conditions(location_filter: LocationFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions (to be AND-ed) for ``location_filter``."""
    f = location_filter
    conditions: list[ColumnElement[bool]] = []
    if f.search.strip():
        conditions.append(Location.search_text.like(like_pattern(f.search), escape="\\"))
    if f.municipality_nis:
        conditions.append(Location.municipality_nis == f.municipality_nis)
    if f.province_code:
        conditions.append(
            Location.municipality_nis.in_(
                select(Municipality.nis_code).where(Municipality.province_code == f.province_code)
            )
        )
    if f.team_code:
        conditions.append(
            Location.municipality_nis.in_(
                select(Municipality.nis_code)
                .join(Province, Province.code == Municipality.province_code)
                .where(Province.team_code == f.team_code)
            )
        )
    if f.location_type:
        conditions.append(Location.location_type == f.location_type)
    if f.status:
        conditions.append(Location.status == f.status)
    if f.has_free_places:
        conditions.append(
            exists().where(and_(Place.location_id == Location.id, Place.status == PlaceStatus.FREE))
        )
    if f.suits_vulnerable_profiles:
        conditions.append(Location.suits_vulnerable_profiles == true())
    return conditions
