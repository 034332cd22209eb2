"""Teams and provinces, as the screens list them (combos, dashboard rows)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from vlot_desktop.db.models import Province, Team
from vlot_desktop.db.queries._common import raw_text


@dataclass(frozen=True)
class TeamRow:
    """A team; regional teams have the province they serve."""

    code: str
    name_nl: str
    name_en: str
    kind: str
    province_code: str | None
    province_name: str | None

    @property
    def is_regional(self) -> bool:
        return self.province_code is not None

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_nl


@dataclass(frozen=True)
class ProvinceRow:
    code: str
    name_nl: str
    team_code: str


def list_teams(conn: Connection) -> list[TeamRow]:
    """All teams in their reference order (the central team first)."""
    stmt = (
        select(
            Team.code,
            Team.name_nl,
            Team.name_en,
            raw_text(Team.kind),
            Province.code,
            Province.name_nl,
        )
        .outerjoin(Province, Province.team_code == Team.code)
        .order_by(Team.sort_order, Team.code)
    )
    return [TeamRow(*row) for row in conn.execute(stmt)]


def list_provinces(conn: Connection) -> list[ProvinceRow]:
    """The five Flemish provinces, alphabetically."""
    stmt = select(Province.code, Province.name_nl, Province.team_code).order_by(Province.name_nl)
    return [ProvinceRow(*row) for row in conn.execute(stmt)]
