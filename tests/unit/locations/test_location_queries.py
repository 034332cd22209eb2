"""The list page, its totals, the details and the free-places overview read what was stored."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop.db.queries.free_places import FreePlacesFilter, free_places_overview
from vlot_desktop.db.queries.location_filter import LocationFilter
from vlot_desktop.db.queries.locations import (
    LocationTotals,
    SortColumn,
    duplicate_address,
    list_locations,
    location_detail,
    location_row,
    location_totals,
    occupancy_by_month,
    place_status_counts,
)
from vlot_desktop.domain.enums import LocationStatus, PlaceStatus
from vlot_desktop.services.places import set_place_status

from .conftest import DE_PANNE, HASSELT, add_location


def _names(engine: Engine, f: LocationFilter, **kwargs: object) -> list[str]:
    with engine.connect() as conn:
        return [row.name for row in list_locations(conn, f, **kwargs)]  # type: ignore[arg-type]


def test_rows_carry_the_place_counts(engine: Engine, ids: dict[str, str]) -> None:
    with engine.connect() as conn:
        rows = {r.name: r for r in list_locations(conn, LocationFilter())}
    linde = rows["De Linde"]
    assert (linde.capacity, linde.occupied, linde.free, linde.offered) == (3, 1, 2, 0)
    assert linde.municipality_name == "Hasselt"
    helene = rows["Opvang Hélène"]
    assert (helene.occupied, helene.free, helene.offered) == (1, 0, 1)


def test_search_filters_and_totals_agree(engine: Engine, ids: dict[str, str]) -> None:
    assert _names(engine, LocationFilter(search="helene")) == ["Opvang Hélène"]
    assert _names(engine, LocationFilter(search="zeedijk")) == ["Zeezicht"]
    assert _names(engine, LocationFilter(municipality_nis=DE_PANNE)) == ["Zeezicht"]
    assert _names(engine, LocationFilter(has_free_places=True)) == ["De Linde", "Zeezicht"]
    with engine.connect() as conn:
        assert location_totals(conn, LocationFilter()) == LocationTotals(3, 6, 2, 3, 1)
        assert location_totals(conn, LocationFilter(municipality_nis=HASSELT)) == LocationTotals(
            2, 5, 2, 2, 1
        )
        assert location_totals(conn, LocationFilter(search="nothing")) == LocationTotals()


def test_sorting_and_pages(engine: Engine, ids: dict[str, str]) -> None:
    assert _names(engine, LocationFilter(), sort=SortColumn.FREE, descending=True) == [
        "De Linde",
        "Zeezicht",
        "Opvang Hélène",
    ]
    assert _names(engine, LocationFilter(), sort=SortColumn.MUNICIPALITY) == [
        "Zeezicht",
        "De Linde",
        "Opvang Hélène",
    ]
    assert _names(engine, LocationFilter(), offset=1, limit=1) == ["Opvang Hélène"]
    assert _names(engine, LocationFilter(), sort=SortColumn.NAME, descending=True)[0] == "Zeezicht"


def test_detail_counts_and_duplicate_address(engine: Engine, ids: dict[str, str]) -> None:
    with engine.connect() as conn:
        detail = location_detail(conn, ids["linde"])
        assert detail is not None
        assert (detail.municipality_name, detail.province_name, detail.capacity) == (
            "Hasselt",
            "Limburg",
            3,
        )
        assert place_status_counts(conn, ids["linde"]) == {"vrij": 2, "bezet": 1}
        row = location_row(conn, ids["zeezicht"])
        assert row is not None and row.free == 1
        assert (
            duplicate_address(
                conn,
                location_id=ids["helene"],
                municipality_nis=HASSELT,
                street="stationsstraat ",
                house_number="1",
            )
            == "De Linde"
        )
        assert (
            duplicate_address(
                conn,
                location_id=ids["linde"],
                municipality_nis=HASSELT,
                street="Stationsstraat",
                house_number="1",
            )
            is None
        )


def test_occupancy_history_follows_the_place_changes(
    engine: Engine, ids: dict[str, str], author_id: str
) -> None:
    with engine.connect() as conn:
        places = (
            conn.exec_driver_sql(
                "SELECT id FROM place WHERE location_id = ? AND status = 'vrij'", (ids["linde"],)
            )
            .scalars()
            .all()
        )
    assert not set_place_status(
        engine,
        ids["linde"],
        [places[0]],
        PlaceStatus.OCCUPIED,
        on_date=dt.date(2026, 10, 5),
        author_id=author_id,
        today=dt.date(2026, 11, 26),
    )
    with engine.connect() as conn:
        points = occupancy_by_month(conn, ids["linde"], today=dt.date(2026, 11, 26))
    by_month = {p.month: p for p in points}
    assert points[0].month == dt.date(2025, 3, 1)
    assert (by_month[dt.date(2026, 9, 1)].occupied, by_month[dt.date(2026, 9, 1)].free) == (1, 2)
    assert (by_month[dt.date(2026, 10, 1)].occupied, by_month[dt.date(2026, 10, 1)].free) == (2, 1)
    assert points[-1].month == dt.date(2026, 11, 1) and points[-1].places == 3


def test_free_places_overview_per_province_and_municipality(
    engine: Engine, ids: dict[str, str]
) -> None:
    with Session(engine) as session, session.begin():
        # A closed location's free places are not part of the offer.
        add_location(
            session,
            "Oud klooster",
            HASSELT,
            [PlaceStatus.FREE] * 4,
            status=LocationStatus.CLOSED,
        )
    with engine.connect() as conn:
        provinces = free_places_overview(conn)
        vulnerable = free_places_overview(conn, FreePlacesFilter(suits_vulnerable_profiles=True))
    assert [(p.name, p.free, p.location_count) for p in provinces] == [
        ("Limburg", 2, 1),
        ("West-Vlaanderen", 1, 1),
    ]
    hasselt = provinces[0].municipalities[0]
    assert (hasselt.name, hasselt.free, [loc.name for loc in hasselt.locations]) == (
        "Hasselt",
        2,
        ["De Linde"],
    )
    assert hasselt.locations[0].address == "Stationsstraat 1, 3500"
    assert [p.name for p in vulnerable] == ["Limburg"]


def test_every_filter_and_sort_combines_with_the_totals(
    engine: Engine, ids: dict[str, str]
) -> None:
    filters = [
        LocationFilter(has_free_places=True, search="linde"),
        LocationFilter(team_code="limburg", province_code="limburg", municipality_nis=HASSELT),
        LocationFilter(location_type="collectieve_opvang", status="operationeel"),
        LocationFilter(suits_vulnerable_profiles=True),
    ]
    with engine.connect() as conn:
        for location_filter in filters:
            for column in SortColumn:
                rows = list_locations(conn, location_filter, sort=column, descending=True)
                totals = location_totals(conn, location_filter)
                assert totals.locations == len(rows)
                assert totals.free == sum(r.free for r in rows)
                assert totals.occupied == sum(r.occupied for r in rows)
