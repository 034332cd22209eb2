"""The reads behind the Gemeenten screen, as the screen asks for them (in a worker).

Each takes a connection (``Store.read`` gives one) and returns plain rows: the municipalities
matching the name and province filter (every keystroke), the figures per municipality (grouped
queries over the large tables), and the details of the municipality selected with its contact
persons.

The days since the last contact (of one team, or of all) is a column sorted in SQL
(:func:`sorted_rows`, :func:`rows_by_last_contact`): one index seek per municipality in
``ix_contact_moment_municipality_time``, a few milliseconds on the large demo set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, func, select

from vlot_desktop.db.models import Arrondissement, ContactMoment, Municipality, Province
from vlot_desktop.db.queries.municipalities import (
    ContactPersonRow,
    MunicipalityCounts,
    MunicipalityDetail,
    MunicipalityRow,
    contact_persons,
    municipality_counts,
    municipality_detail,
    search_municipalities,
)
from vlot_desktop.domain.contact_rules import days_since
from vlot_desktop.domain.text import like_pattern


@dataclass(frozen=True)
class MunicipalityShown:
    """What the detail pane shows of one municipality (``detail`` None: it does not exist)."""

    detail: MunicipalityDetail | None
    contacts: list[ContactPersonRow]


def rows(conn: Connection, text: str, province_code: str | None) -> list[MunicipalityRow]:
    """The municipalities whose name contains ``text`` (accents and case ignored)."""
    return search_municipalities(conn, text, province_code)


def counts(conn: Connection, today: dt.date) -> dict[str, MunicipalityCounts]:
    """The figures per municipality NIS code (municipalities without records left out)."""
    return municipality_counts(conn, today=today)


def shown(conn: Connection, nis_code: str) -> MunicipalityShown:
    """One municipality's details and its active contact persons."""
    return MunicipalityShown(municipality_detail(conn, nis_code), contact_persons(conn, nis_code))


# -- days since the last contact (a sortable column of Gemeenten) ---------------------------------


class MunicipalitySort(StrEnum):
    """What the municipality list is sorted on in SQL (the other columns sort in the model)."""

    NAME = "name"
    DAYS_SINCE_CONTACT = "days_since_contact"


@dataclass(frozen=True)
class LastContact:
    """The last contact with a municipality (``None``: never) and the whole days since."""

    last_on: dt.date | None
    days_since: int | None


NEVER = LastContact(None, None)


@dataclass(frozen=True)
class MunicipalityContactRow:
    """A line of the list with its last contact: ``row`` as :func:`rows` gives it."""

    row: MunicipalityRow
    last: LastContact


def _last_contact(team_code: str | None) -> Any:
    """The newest contact with the municipality of the outer query (of one team, or of all):
    one seek in ``ix_contact_moment_municipality_time`` per municipality."""
    stmt = select(func.max(ContactMoment.occurred_at)).where(
        ContactMoment.municipality_nis == Municipality.nis_code
    )
    if team_code:
        stmt = stmt.where(ContactMoment.team_code == team_code)
    return stmt.correlate(Municipality).scalar_subquery()


def _as_day(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _last(value: Any, today: dt.date) -> LastContact:
    day = _as_day(value)
    return LastContact(day, days_since(day, today))


def last_contacts(
    conn: Connection, today: dt.date, team_code: str | None = None
) -> dict[str, LastContact]:
    """The last contact per municipality NIS code (of one team, or of all teams); every
    municipality is in it (``NEVER`` when nobody had a contact with it)."""
    stmt = select(Municipality.nis_code, _last_contact(team_code))
    return {nis: _last(last, today) for nis, last in conn.execute(stmt)}


def rows_by_last_contact(
    conn: Connection,
    text: str,
    province_code: str | None,
    today: dt.date,
    *,
    descending: bool = True,
    team_code: str | None = None,
) -> list[MunicipalityContactRow]:
    """The municipalities of the name and province filter, sorted in SQL on the days since
    the last contact (of ``team_code``, or of all teams). Descending (the default): the
    longest silence first, municipalities never contacted before all others; ascending: the
    most recent contact first, never contacted last. Equal days: by name."""
    last = _last_contact(team_code).label("last_contact")
    stmt = (
        select(
            Municipality.nis_code,
            Municipality.name_nl,
            Municipality.province_code,
            Province.name_nl,
            Arrondissement.name_nl,
            last,
        )
        .join(Province, Province.code == Municipality.province_code)
        .join(Arrondissement, Arrondissement.nis_code == Municipality.arrondissement_code)
    )
    if text.strip():
        stmt = stmt.where(Municipality.search_name.like(like_pattern(text), escape="\\"))
    if province_code:
        stmt = stmt.where(Municipality.province_code == province_code)
    never_first = last.is_(None).desc() if descending else last.is_(None).asc()
    newest = last.asc() if descending else last.desc()
    stmt = stmt.order_by(never_first, newest, Municipality.search_name)
    return [
        MunicipalityContactRow(MunicipalityRow(nis, name, prov, prov_name, arr), _last(v, today))
        for nis, name, prov, prov_name, arr, v in conn.execute(stmt)
    ]


def sorted_rows(
    conn: Connection,
    text: str,
    province_code: str | None,
    sort: MunicipalitySort,
    descending: bool,
    today: dt.date,
    team_code: str | None = None,
) -> list[MunicipalityContactRow]:
    """The list as the screen asks for it: by name, or by the days since the last contact,
    each line with its last contact."""
    if sort is MunicipalitySort.DAYS_SINCE_CONTACT:
        return rows_by_last_contact(
            conn, text, province_code, today, descending=descending, team_code=team_code
        )
    found = last_contacts(conn, today, team_code)
    lines = [
        MunicipalityContactRow(r, found.get(r.nis_code, NEVER))
        for r in rows(conn, text, province_code)
    ]
    return lines[::-1] if descending else lines
