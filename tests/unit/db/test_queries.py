"""The read queries of the dashboard and the municipalities screen, on a hand-built dataset."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.db.models import (
    Case,
    ContactMoment,
    ContactPerson,
    Location,
    Place,
    ProspectVisit,
    Question,
)
from vlot_desktop.db.queries.dashboard import dashboard_figures
from vlot_desktop.db.queries.municipalities import (
    contact_persons,
    contacts_since,
    municipality_counts,
    municipality_detail,
    search_municipalities,
)
from vlot_desktop.db.queries.reference import list_provinces, list_teams
from vlot_desktop.domain.enums import (
    CaseStatus,
    CaseType,
    ContactChannel,
    ContactRole,
    LocationStatus,
    LocationType,
    PlaceStatus,
    ProspectStatus,
    QuestionStatus,
)

GENT = "44021"  # Oost-Vlaanderen
HASSELT = "71072"  # Limburg
ANTWERPEN = "11002"  # Antwerpen
TODAY = dt.date(2026, 11, 26)


def _location(session, nis: str, status: LocationStatus, places: dict[PlaceStatus, int]) -> None:  # type: ignore[no-untyped-def]
    location = Location(
        name=f"Locatie {nis} {status.value}",
        location_type=LocationType.COLLECTIVE,
        status=status,
        municipality_nis=nis,
    )
    session.add(location)
    session.flush()
    for place_status, count in places.items():
        for i in range(count):
            session.add(
                Place(
                    location_id=location.id, label=f"{place_status.value}-{i}", status=place_status
                )
            )


@pytest.fixture
def engine(engine: Engine) -> Engine:
    with make_session_factory(engine).begin() as session:
        _location(
            session,
            GENT,
            LocationStatus.OPERATIONAL,
            {PlaceStatus.FREE: 3, PlaceStatus.OCCUPIED: 2, PlaceStatus.OFFERED_FEDASIL: 1},
        )
        # A closed location: its places are history and not counted.
        _location(session, GENT, LocationStatus.CLOSED, {PlaceStatus.OUT_OF_USE: 4})
        _location(session, HASSELT, LocationStatus.PREPARING, {PlaceStatus.IN_PREPARATION: 2})
        _location(
            session,
            ANTWERPEN,
            LocationStatus.OPERATIONAL,
            {PlaceStatus.FREE: 1, PlaceStatus.OUT_OF_USE: 1},
        )

        for team, nis, status in [
            ("oost-vlaanderen", GENT, CaseStatus.NEW),
            ("oost-vlaanderen", GENT, CaseStatus.WAITING_FOR_PLACE),
            ("oost-vlaanderen", GENT, CaseStatus.CLOSED),
            ("centraal", ANTWERPEN, CaseStatus.IN_PROGRESS),
            ("limburg", HASSELT, CaseStatus.SOLVED),
            ("limburg", HASSELT, CaseStatus.REFERRED),
        ]:
            session.add(
                Case(
                    reference=f"D-{team}-{status.value}",
                    case_type=CaseType.REHOUSING,
                    status=status,
                    team_code=team,
                    municipality_nis=nis,
                    opened_on=dt.date(2026, 1, 5),
                )
            )

        for team, q_nis, q_status in [
            ("oost-vlaanderen", GENT, QuestionStatus.NEW),
            ("oost-vlaanderen", GENT, QuestionStatus.ANSWERED),
            ("centraal", None, QuestionStatus.DISPATCHED),
            ("limburg", HASSELT, QuestionStatus.IN_PROGRESS),
            ("antwerpen", ANTWERPEN, QuestionStatus.CLOSED),
        ]:
            session.add(
                Question(
                    received_on=dt.date(2026, 2, 1),
                    team_code=team,
                    municipality_nis=q_nis,
                    channel=ContactChannel.EMAIL,
                    subject="Vraag",
                    status=q_status,
                )
            )

        for p_nis, visit_date, created_at in [
            (GENT, dt.date(2026, 3, 1), dt.datetime(2026, 2, 1, 9)),  # this year
            (GENT, dt.date(2025, 12, 31), dt.datetime(2026, 1, 2, 9)),  # visited last year
            (HASSELT, None, dt.datetime(2026, 2, 1, 9)),  # not visited: created this year
            (ANTWERPEN, None, dt.datetime(2025, 6, 1, 9)),  # not visited: created last year
        ]:
            session.add(
                ProspectVisit(
                    name="Gebouw",
                    municipality_nis=p_nis,
                    status=ProspectStatus.VISITED,
                    visit_date=visit_date,
                    created_at=created_at,
                )
            )

        for m_nis, occurred in [
            (GENT, dt.datetime(2026, 11, 1, 10)),
            (GENT, dt.datetime(2025, 11, 26, 8)),  # exactly twelve months ago: counted
            (GENT, dt.datetime(2025, 11, 25, 23)),  # older: not counted
            (None, dt.datetime(2026, 11, 1, 10)),
        ]:
            session.add(
                ContactMoment(
                    occurred_at=occurred,
                    team_code="oost-vlaanderen",
                    municipality_nis=m_nis,
                    channel=ContactChannel.PHONE,
                    subject="Overleg",
                )
            )

        session.add_all(
            [
                ContactPerson(
                    first_name="Els",
                    last_name="Van Damme",
                    role=ContactRole.MUNICIPAL_COORDINATOR,
                    municipality_nis=GENT,
                    email="els@gent.example",
                    phone="09 123 45 67",
                ),
                ContactPerson(
                    first_name="Bart",
                    last_name="Claes",
                    role=ContactRole.MAYOR,
                    municipality_nis=GENT,
                ),
                ContactPerson(
                    first_name="Oud",
                    last_name="Contact",
                    role=ContactRole.STAFF,
                    municipality_nis=GENT,
                    active=False,
                ),
                ContactPerson(
                    first_name="Jan",
                    last_name="Peeters",
                    role=ContactRole.MAYOR,
                    municipality_nis=HASSELT,
                ),
            ]
        )
    return engine


@pytest.fixture
def conn(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as connection:
        yield connection


def test_teams_are_listed_central_first_with_their_provinces(conn: Connection) -> None:
    teams = list_teams(conn)
    assert teams[0].code == "centraal"
    assert len(teams) == 6
    by_code = {t.code: t for t in teams}
    assert by_code["centraal"].province_code is None
    assert by_code["limburg"].province_name == "Limburg"
    assert by_code["oost-vlaanderen"].name("nl") == "Regioteam Oost-Vlaanderen"
    assert by_code["oost-vlaanderen"].name("en") == "Regional team East Flanders"
    assert [p.name_nl for p in list_provinces(conn)] == [
        "Antwerpen",
        "Limburg",
        "Oost-Vlaanderen",
        "Vlaams-Brabant",
        "West-Vlaanderen",
    ]


def test_dashboard_rows_are_the_regions_then_central_then_the_total(conn: Connection) -> None:
    figures = dashboard_figures(conn, year=2026)
    assert [r.key for r in figures.rows] == [
        "antwerpen",
        "limburg",
        "oost-vlaanderen",
        "vlaams-brabant",
        "west-vlaanderen",
        "centraal",
    ]
    assert figures.total.name_nl == "Vlaanderen (totaal)"
    assert figures.year == 2026


def test_dashboard_counts_per_province_and_team(conn: Connection) -> None:
    figures = dashboard_figures(conn, year=2026)
    rows = {r.key: r for r in figures.rows}

    east = rows["oost-vlaanderen"]
    assert east.operational_locations == 1
    assert east.places_total == 6  # the closed location's 4 places are not counted
    assert east.places(PlaceStatus.FREE) == 3
    assert east.places(PlaceStatus.OCCUPIED) == 2
    assert east.places(PlaceStatus.OFFERED_FEDASIL) == 1
    assert east.places(PlaceStatus.OUT_OF_USE) == 0
    assert east.open_cases == 2
    assert east.open_questions == 1
    assert east.prospects_this_year == 1

    limburg = rows["limburg"]
    assert limburg.operational_locations == 0
    assert limburg.places(PlaceStatus.IN_PREPARATION) == 2
    assert limburg.open_cases == 0  # solved and referred are not open
    assert limburg.open_questions == 1
    assert limburg.prospects_this_year == 1  # counted by its creation date

    antwerp = rows["antwerpen"]
    assert (antwerp.operational_locations, antwerp.places_total) == (1, 2)
    assert antwerp.places(PlaceStatus.OUT_OF_USE) == 1
    assert antwerp.open_questions == 0
    assert antwerp.prospects_this_year == 0

    central = rows["centraal"]
    assert not central.has_region
    assert (central.open_cases, central.open_questions) == (1, 1)

    total = figures.total
    assert total.operational_locations == 2
    assert total.places_total == 10
    assert total.places(PlaceStatus.FREE) == 4
    assert total.open_cases == 3
    assert total.open_questions == 3
    assert total.prospects_this_year == 2


def test_prospects_of_another_year(conn: Connection) -> None:
    figures = dashboard_figures(conn, year=2025)
    rows = {r.key: r for r in figures.rows}
    assert rows["oost-vlaanderen"].prospects_this_year == 1
    assert rows["antwerpen"].prospects_this_year == 1
    assert figures.total.prospects_this_year == 2


def test_dashboard_on_an_empty_database(prepared_dir: Path) -> None:
    engine = make_engine(paths.database_path(prepared_dir))
    with engine.connect() as connection:
        figures = dashboard_figures(connection, year=2026)
    engine.dispose()
    assert len(figures.rows) == 6
    assert figures.total.places_total == 0
    assert all(r.open_cases == 0 for r in figures.rows)


def test_unknown_status_from_a_newer_laptop_is_counted_not_fatal(
    engine: Engine, conn: Connection
) -> None:
    with engine.begin() as writer:
        writer.exec_driver_sql("UPDATE place SET status = 'gereserveerd' WHERE status = 'bezet'")
    figures = dashboard_figures(conn, year=2026)
    east = {r.key: r for r in figures.rows}["oost-vlaanderen"]
    assert east.places_total == 6
    assert east.places_by_status["gereserveerd"] == 2
    assert east.places(PlaceStatus.OCCUPIED) == 0


def test_search_is_case_and_accent_insensitive(conn: Connection) -> None:
    assert [r.name for r in search_municipalities(conn, "gent")] == ["Gent"]
    assert [r.name for r in search_municipalities(conn, "GÉNT")] == ["Gent"]
    names = [r.name for r in search_municipalities(conn, "sint-")]
    assert "Sint-Genesius-Rode" in names and "Sint-Katelijne-Waver" in names
    assert names == sorted(names, key=str.casefold)
    assert len(search_municipalities(conn, "")) == 285
    # LIKE wildcards typed by the user are taken literally.
    assert search_municipalities(conn, "%") == []
    assert search_municipalities(conn, "_") == []


def test_province_filter(conn: Connection) -> None:
    counts = {
        code: len(search_municipalities(conn, "", code))
        for code in ("antwerpen", "limburg", "oost-vlaanderen", "vlaams-brabant", "west-vlaanderen")
    }
    assert counts == {
        "antwerpen": 67,
        "limburg": 38,
        "oost-vlaanderen": 55,
        "vlaams-brabant": 63,
        "west-vlaanderen": 62,
    }
    assert [r.name for r in search_municipalities(conn, "gent", "limburg")] == []
    row = search_municipalities(conn, "hasselt", "limburg")[0]
    assert (row.nis_code, row.province_name, row.arrondissement_name) == (
        HASSELT,
        "Limburg",
        "Hasselt",
    )


def test_municipality_counts(conn: Connection) -> None:
    counts = municipality_counts(conn, today=TODAY)
    gent = counts[GENT]
    assert gent.operational_locations == 1
    assert gent.places == 6
    assert gent.free_places == 3
    assert gent.open_cases == 2
    assert gent.open_questions == 1
    assert gent.contacts_12_months == 2
    hasselt = counts[HASSELT]
    assert (hasselt.operational_locations, hasselt.places, hasselt.free_places) == (0, 2, 0)
    assert (hasselt.open_cases, hasselt.open_questions) == (0, 1)
    assert counts[ANTWERPEN].open_cases == 1
    assert "24001" not in counts  # Aarschot has no records at all


def test_contacts_window_handles_leap_days() -> None:
    assert contacts_since(dt.date(2026, 11, 26)) == dt.datetime(2025, 11, 26)
    assert contacts_since(dt.date(2028, 2, 29)) == dt.datetime(2027, 2, 28)


def test_detail_and_contact_persons(conn: Connection) -> None:
    detail = municipality_detail(conn, GENT)
    assert detail is not None
    assert detail.row.name == "Gent"
    assert detail.team_code == "oost-vlaanderen"
    assert detail.team_name_nl == "Regioteam Oost-Vlaanderen"
    assert "9000" in detail.postcodes and detail.postcodes == sorted(detail.postcodes)
    people = contact_persons(conn, GENT)
    # The coordinator before the mayor (role order), the inactive contact left out.
    assert [p.full_name for p in people] == ["Els Van Damme", "Bart Claes"]
    assert people[0].role == "gemeentelijke_coordinator"
    assert people[0].email == "els@gent.example"
    assert municipality_detail(conn, "99999") is None
