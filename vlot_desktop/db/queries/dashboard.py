"""The key figures per team and region for the dashboard, in a handful of grouped queries.

Locations, places and prospects belong to a province through their municipality; cases and
questions belong to the team that handles them (so the central team has figures of its own).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from vlot_desktop.db.models import Case, Location, Municipality, Place, ProspectVisit, Question
from vlot_desktop.db.queries._common import (
    CLOSED_CASE_STATUSES,
    OPEN_QUESTION_STATUSES,
    OPERATIONAL_LOCATION_STATUS,
    RETIRED_LOCATION_STATUSES,
    raw_text,
)
from vlot_desktop.db.queries.reference import TeamRow, list_teams
from vlot_desktop.domain.enums import PlaceStatus


@dataclass(frozen=True)
class TeamFigures:
    """One row of the dashboard.

    Attributes:
        places_by_status: place counts keyed by ``PlaceStatus`` value (unknown values kept).
        has_region: False for the central team, which has no province and so no locations,
            places or prospects of its own (those fields are then 0 and not shown).
    """

    key: str
    name_nl: str
    name_en: str
    has_region: bool
    operational_locations: int = 0
    places_by_status: Mapping[str, int] = field(default_factory=dict)
    open_cases: int = 0
    open_questions: int = 0
    prospects_this_year: int = 0

    @property
    def places_total(self) -> int:
        return sum(self.places_by_status.values())

    def places(self, status: PlaceStatus) -> int:
        return self.places_by_status.get(status.value, 0)

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_nl


@dataclass(frozen=True)
class DashboardFigures:
    """The regional teams (in reference order), then the central team; and the Flemish total."""

    rows: list[TeamFigures]
    total: TeamFigures
    year: int


TOTAL_KEY = "vlaanderen"


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def operational_locations_per_province(conn: Connection) -> dict[str, int]:
    stmt = (
        select(Municipality.province_code, func.count())
        .select_from(Location)
        .join(Municipality, Municipality.nis_code == Location.municipality_nis)
        .where(raw_text(Location.status) == OPERATIONAL_LOCATION_STATUS)
        .group_by(Municipality.province_code)
    )
    return {code: count for code, count in conn.execute(stmt)}


def places_per_province(conn: Connection) -> dict[str, dict[str, int]]:
    """Places of current (not wound-down or closed) locations, per province and status."""
    stmt = (
        select(Municipality.province_code, raw_text(Place.status), func.count())
        .select_from(Place)
        .join(Location, Location.id == Place.location_id)
        .join(Municipality, Municipality.nis_code == Location.municipality_nis)
        .where(raw_text(Location.status).not_in(RETIRED_LOCATION_STATUSES))
        .group_by(Municipality.province_code, raw_text(Place.status))
    )
    result: dict[str, dict[str, int]] = defaultdict(dict)
    for province, status, count in conn.execute(stmt):
        result[province][status] = count
    return dict(result)


def open_cases_per_team(conn: Connection) -> dict[str, int]:
    stmt = (
        select(Case.team_code, func.count())
        .where(raw_text(Case.status).not_in(CLOSED_CASE_STATUSES))
        .group_by(Case.team_code)
    )
    return {code: count for code, count in conn.execute(stmt)}


def open_questions_per_team(conn: Connection) -> dict[str, int]:
    stmt = (
        select(Question.team_code, func.count())
        .where(raw_text(Question.status).in_(OPEN_QUESTION_STATUSES))
        .group_by(Question.team_code)
    )
    return {code: count for code, count in conn.execute(stmt)}


def prospects_per_province(conn: Connection, year: int) -> dict[str, int]:
    """Prospect visits of ``year``: by visit date, or by creation date when not visited yet."""
    start, end = _year_bounds(year)
    # Dates are ISO text in SQLite, so date(created_at) compares correctly with visit_date.
    day = func.coalesce(raw_text(ProspectVisit.visit_date), func.date(ProspectVisit.created_at))
    stmt = (
        select(Municipality.province_code, func.count())
        .select_from(ProspectVisit)
        .join(Municipality, Municipality.nis_code == ProspectVisit.municipality_nis)
        .where(day >= start.isoformat(), day < end.isoformat())
        .group_by(Municipality.province_code)
    )
    return {code: count for code, count in conn.execute(stmt)}


def _sum_statuses(parts: list[Mapping[str, int]]) -> dict[str, int]:
    total: dict[str, int] = defaultdict(int)
    for part in parts:
        for status, count in part.items():
            total[status] += count
    return dict(total)


def dashboard_figures(
    conn: Connection, *, year: int, teams: list[TeamRow] | None = None
) -> DashboardFigures:
    """Key figures per regional team, the central team, and Flanders as a whole."""
    teams = teams if teams is not None else list_teams(conn)
    locations = operational_locations_per_province(conn)
    places = places_per_province(conn)
    cases = open_cases_per_team(conn)
    questions = open_questions_per_team(conn)
    prospects = prospects_per_province(conn, year)

    regional = [t for t in teams if t.province_code is not None]
    central = [t for t in teams if t.province_code is None]
    rows: list[TeamFigures] = []
    for team in regional + central:
        province = team.province_code
        rows.append(
            TeamFigures(
                key=team.code,
                name_nl=team.province_name or team.name_nl,
                name_en=team.province_name or team.name_en,
                has_region=province is not None,
                operational_locations=locations.get(province, 0) if province else 0,
                places_by_status=dict(places.get(province, {})) if province else {},
                open_cases=cases.get(team.code, 0),
                open_questions=questions.get(team.code, 0),
                prospects_this_year=prospects.get(province, 0) if province else 0,
            )
        )
    # The total is the sum over all records, not over the rows: a record of a team or province
    # this version does not know yet is still counted in Flanders.
    total = TeamFigures(
        key=TOTAL_KEY,
        name_nl="Vlaanderen (totaal)",
        name_en="Flanders (total)",
        has_region=True,
        operational_locations=sum(locations.values()),
        places_by_status=_sum_statuses(list(places.values())),
        open_cases=sum(cases.values()),
        open_questions=sum(questions.values()),
        prospects_this_year=sum(prospects.values()),
    )
    return DashboardFigures(rows=rows, total=total, year=year)
