"""The municipalities screen: the name filter, per-municipality counts, details, contacts.

``search_municipalities`` runs on every keystroke, on the GUI thread: one indexed LIKE over
285 rows (about a millisecond). The counts are grouped queries over the large tables and run
once in a worker; the screen keeps them and joins them to the filtered rows itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, case, func, select

from vlot_desktop.db.models import (
    Arrondissement,
    Case,
    ContactMoment,
    ContactPerson,
    Location,
    Municipality,
    Place,
    Postcode,
    Province,
    Question,
    Team,
)
from vlot_desktop.db.queries._common import (
    CLOSED_CASE_STATUSES,
    OPEN_QUESTION_STATUSES,
    OPERATIONAL_LOCATION_STATUS,
    RETIRED_LOCATION_STATUSES,
    raw_text,
    unindexed,
)
from vlot_desktop.domain.enums import ContactRole, PlaceStatus
from vlot_desktop.domain.text import like_pattern


@dataclass(frozen=True)
class MunicipalityRow:
    nis_code: str
    name: str
    province_code: str
    province_name: str
    arrondissement_name: str


@dataclass(frozen=True)
class MunicipalityCounts:
    operational_locations: int = 0
    places: int = 0
    free_places: int = 0
    open_cases: int = 0
    open_questions: int = 0
    contacts_12_months: int = 0


NO_COUNTS = MunicipalityCounts()


@dataclass(frozen=True)
class MunicipalityDetail:
    row: MunicipalityRow
    team_code: str
    team_name_nl: str
    team_name_en: str
    postcodes: list[str]


@dataclass(frozen=True)
class ContactPersonRow:
    id: str
    first_name: str
    last_name: str
    role: str  # a ContactRole value (or one this version does not know)
    email: str | None
    phone: str | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def search_municipalities(
    conn: Connection, text: str = "", province_code: str | None = None
) -> list[MunicipalityRow]:
    """Municipalities whose folded name contains ``text`` (accents and case ignored)."""
    stmt = (
        select(
            Municipality.nis_code,
            Municipality.name_nl,
            Municipality.province_code,
            Province.name_nl,
            Arrondissement.name_nl,
        )
        .join(Province, Province.code == Municipality.province_code)
        .join(Arrondissement, Arrondissement.nis_code == Municipality.arrondissement_code)
        .order_by(Municipality.search_name)
    )
    if text.strip():
        stmt = stmt.where(Municipality.search_name.like(like_pattern(text), escape="\\"))
    if province_code:
        stmt = stmt.where(Municipality.province_code == province_code)
    return [MunicipalityRow(*row) for row in conn.execute(stmt)]


def municipality_counts(conn: Connection, *, today: dt.date) -> dict[str, MunicipalityCounts]:
    """Counts per municipality NIS code; municipalities without any record are left out."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)

    locations = (
        select(Location.municipality_nis, func.count())
        .where(raw_text(Location.status) == OPERATIONAL_LOCATION_STATUS)
        .group_by(Location.municipality_nis)
    )
    for nis, n in conn.execute(locations):
        counts[nis]["operational_locations"] = n

    free = raw_text(Place.status) == PlaceStatus.FREE.value
    places = (
        select(Location.municipality_nis, func.count(), func.count().filter(free))
        .select_from(Place)
        .join(Location, Location.id == Place.location_id)
        .where(raw_text(Location.status).not_in(RETIRED_LOCATION_STATUSES))
        .group_by(Location.municipality_nis)
    )
    for nis, total, n_free in conn.execute(places):
        counts[nis]["places"] = total
        counts[nis]["free_places"] = n_free

    cases = (
        select(Case.municipality_nis, func.count())
        .where(raw_text(Case.status).not_in(CLOSED_CASE_STATUSES))
        .group_by(unindexed(Case.municipality_nis))
    )
    for nis, n in conn.execute(cases):
        counts[nis]["open_cases"] = n

    questions = (
        select(Question.municipality_nis, func.count())
        .where(
            raw_text(Question.status).in_(OPEN_QUESTION_STATUSES),
            unindexed(Question.municipality_nis).is_not(None),
        )
        .group_by(unindexed(Question.municipality_nis))
    )
    for q_nis, n in conn.execute(questions):
        if q_nis is not None:
            counts[q_nis]["open_questions"] = n

    contacts = (
        select(ContactMoment.municipality_nis, func.count())
        .where(
            ContactMoment.occurred_at >= contacts_since(today),
            unindexed(ContactMoment.municipality_nis).is_not(None),
        )
        .group_by(unindexed(ContactMoment.municipality_nis))
    )
    for c_nis, n in conn.execute(contacts):
        if c_nis is not None:
            counts[c_nis]["contacts_12_months"] = n

    return {nis: MunicipalityCounts(**values) for nis, values in counts.items()}


def contacts_since(today: dt.date) -> dt.datetime:
    """Start of the "last 12 months" window: the same day one year earlier, at midnight."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return dt.datetime.combine(start, dt.time())


def municipality_detail(conn: Connection, nis_code: str) -> MunicipalityDetail | None:
    stmt = (
        select(
            Municipality.nis_code,
            Municipality.name_nl,
            Municipality.province_code,
            Province.name_nl,
            Arrondissement.name_nl,
            Team.code,
            Team.name_nl,
            Team.name_en,
        )
        .join(Province, Province.code == Municipality.province_code)
        .join(Arrondissement, Arrondissement.nis_code == Municipality.arrondissement_code)
        .join(Team, Team.code == Province.team_code)
        .where(Municipality.nis_code == nis_code)
    )
    found = conn.execute(stmt).first()
    if found is None:
        return None
    nis, name, province, province_name, arrondissement, team, team_nl, team_en = found
    postcodes = list(
        conn.scalars(
            select(Postcode.postcode)
            .where(Postcode.municipality_nis == nis_code)
            .order_by(Postcode.postcode)
        )
    )
    return MunicipalityDetail(
        row=MunicipalityRow(nis, name, province, province_name, arrondissement),
        team_code=team,
        team_name_nl=team_nl,
        team_name_en=team_en,
        postcodes=postcodes,
    )


def contact_persons(conn: Connection, nis_code: str) -> list[ContactPersonRow]:
    """Active contact persons of a municipality: the municipal roles first (coordinator,
    director, mayor...), in the order of ``ContactRole``; then by last and first name."""
    role_order = case(
        {role.value: position for position, role in enumerate(ContactRole)},
        value=raw_text(ContactPerson.role),
        else_=len(ContactRole),
    )
    stmt = (
        select(
            ContactPerson.id,
            ContactPerson.first_name,
            ContactPerson.last_name,
            raw_text(ContactPerson.role),
            ContactPerson.email,
            ContactPerson.phone,
        )
        .where(ContactPerson.municipality_nis == nis_code, ContactPerson.active.is_(True))
        .order_by(role_order, ContactPerson.last_name, ContactPerson.first_name)
    )
    return [ContactPersonRow(*row) for row in conn.execute(stmt)]
