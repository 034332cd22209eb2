"""The Vrije plaatsen overview: free places now, per province, municipality and location.

Only the current offer counts: places of a location that was wound down or closed are history
(the same rule as the municipality figures). One grouped query returns the locations that have
free places; the province and municipality levels are summed from it in Python, so the three
levels always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from vlot_desktop.db.models import Location, Municipality, Place, Province
from vlot_desktop.db.queries._common import RETIRED_LOCATION_STATUSES, raw_text
from vlot_desktop.domain.enums import PlaceStatus


@dataclass(frozen=True)
class FreeLocation:
    """A location with free places now."""

    id: str
    name: str
    location_type: str
    status: str
    street: str | None
    house_number: str | None
    postcode: str | None
    capacity: int
    free: int
    suits_vulnerable_profiles: bool
    wheelchair_accessible: bool

    @property
    def address(self) -> str:
        street = " ".join(p for p in (self.street, self.house_number) if p)
        return ", ".join(p for p in (street, self.postcode) if p)


@dataclass
class FreeMunicipality:
    nis_code: str
    name: str
    locations: list[FreeLocation] = field(default_factory=list)

    @property
    def free(self) -> int:
        return sum(location.free for location in self.locations)


@dataclass
class FreeProvince:
    code: str
    name: str
    municipalities: list[FreeMunicipality] = field(default_factory=list)

    @property
    def free(self) -> int:
        return sum(m.free for m in self.municipalities)

    @property
    def location_count(self) -> int:
        return sum(len(m.locations) for m in self.municipalities)


@dataclass(frozen=True)
class FreePlacesFilter:
    """Narrow the overview to locations that suit a need (empty: everything)."""

    suits_vulnerable_profiles: bool = False
    wheelchair_accessible: bool = False
    province_code: str | None = None


def free_places_overview(
    conn: Connection, overview_filter: FreePlacesFilter | None = None
) -> list[FreeProvince]:
    """Provinces -> municipalities -> locations with free places, each level by name."""
    f = overview_filter or FreePlacesFilter()
    free = (
        select(Place.location_id.label("location_id"), func.count().label("free"))
        .where(raw_text(Place.status) == PlaceStatus.FREE.value)
        .group_by(Place.location_id)
        .subquery("free_counts")
    )
    stmt = (
        select(
            Province.code,
            Province.name_nl,
            Municipality.nis_code,
            Municipality.name_nl,
            Location.id,
            Location.name,
            raw_text(Location.location_type),
            raw_text(Location.status),
            Location.street,
            Location.house_number,
            Location.postcode,
            Location.capacity,
            free.c.free,
            Location.suits_vulnerable_profiles,
            Location.wheelchair_accessible,
        )
        .select_from(free)
        .join(Location, Location.id == free.c.location_id)
        .join(Municipality, Municipality.nis_code == Location.municipality_nis)
        .join(Province, Province.code == Municipality.province_code)
        .where(raw_text(Location.status).not_in(RETIRED_LOCATION_STATUSES))
        .order_by(Province.name_nl, Municipality.search_name, Location.search_text, Location.id)
    )
    if f.suits_vulnerable_profiles:
        stmt = stmt.where(Location.suits_vulnerable_profiles.is_(True))
    if f.wheelchair_accessible:
        stmt = stmt.where(Location.wheelchair_accessible.is_(True))
    if f.province_code:
        stmt = stmt.where(Province.code == f.province_code)
    provinces: list[FreeProvince] = []
    for row in conn.execute(stmt):
        p_code, p_name, nis, m_name, *rest = row
        if not provinces or provinces[-1].code != p_code:
            provinces.append(FreeProvince(p_code, p_name))
        province = provinces[-1]
        if not province.municipalities or province.municipalities[-1].nis_code != nis:
            province.municipalities.append(FreeMunicipality(nis, m_name))
        province.municipalities[-1].locations.append(
            FreeLocation(
                id=rest[0],
                name=rest[1],
                location_type=rest[2],
                status=rest[3],
                street=rest[4],
                house_number=rest[5],
                postcode=rest[6],
                capacity=int(rest[7]),
                free=int(rest[8]),
                suits_vulnerable_profiles=bool(rest[9]),
                wheelchair_accessible=bool(rest[10]),
            )
        )
    return provinces
