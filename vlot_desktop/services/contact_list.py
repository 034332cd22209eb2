"""The reads around contact moments, as the screens ask for them (in a worker, through
``Store.read``): the quick log's type-ahead (municipality, then a person within it), one
municipality's history and its days since the last contact, a staff member's list of the day,
the contacts about one record, and one contact for its edit form.

Each takes a connection and returns plain rows. ``ContactLine.editable_by(user_id)`` says
whether the user may change or delete it (only its author).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from vlot_desktop.db.queries.municipalities import contacts_since, search_municipalities
from vlot_desktop.domain.contact_rules import days_since
from vlot_desktop.domain.enums import ContactChannel, ContactRole
from vlot_desktop.domain.text import fold
from vlot_desktop.services.activity_common import as_date, as_datetime
from vlot_desktop.services.store import FirstPage

PAGE_SIZE = 200


@dataclass(frozen=True)
class ContactLine:
    """One contact as lists show it (names resolved, labels in Dutch)."""

    id: str
    occurred_at: dt.datetime
    municipality_nis: str | None
    municipality_name: str | None
    contact_person_id: str | None
    person_name: str | None
    channel: str
    theme_code: str | None
    theme_name: str | None
    subject: str
    notes: str | None
    staff_id: str | None
    staff_name: str | None
    author_id: str | None
    team_code: str
    duration_minutes: int | None
    link_table: str | None
    link_id: str | None

    @property
    def channel_label(self) -> str:
        try:
            return ContactChannel(self.channel).label_nl
        except ValueError:
            return self.channel

    def editable_by(self, user_id: str | None) -> bool:
        """Only the author (for contacts of before authors were kept: the staff member)."""
        return user_id is not None and user_id == (self.author_id or self.staff_id)


_LINE_SQL = """
SELECT c.id, c.occurred_at, c.municipality_nis, m.name_nl, c.contact_person_id,
       CASE WHEN p.id IS NULL THEN NULL ELSE trim(p.first_name || ' ' || p.last_name) END,
       c.channel, c.theme_code, t.name_nl, c.subject, c.notes, c.staff_id, s.name,
       c.author_id, c.team_code, c.duration_minutes, c.link_table, c.link_id
FROM contact_moment AS c
LEFT JOIN municipality AS m ON m.nis_code = c.municipality_nis
LEFT JOIN contact_person AS p ON p.id = c.contact_person_id
LEFT JOIN theme AS t ON t.code = c.theme_code
LEFT JOIN staff_user AS s ON s.id = c.staff_id
"""


def _line(row: Sequence[Any]) -> ContactLine:
    occurred = as_datetime(row[1])
    assert occurred is not None
    return ContactLine(
        id=str(row[0]),
        occurred_at=occurred,
        municipality_nis=row[2],
        municipality_name=row[3],
        contact_person_id=row[4],
        person_name=row[5] or None,
        channel=str(row[6]),
        theme_code=row[7],
        theme_name=row[8],
        subject=row[9] or "",
        notes=row[10],
        staff_id=row[11],
        staff_name=row[12],
        author_id=row[13],
        team_code=str(row[14]),
        duration_minutes=row[15],
        link_table=row[16],
        link_id=row[17],
    )


def _lines(
    conn: Connection, where: str, params: tuple[Any, ...], tail: str = ""
) -> list[ContactLine]:
    sql = f"{_LINE_SQL} WHERE {where} {tail}"
    return [_line(r) for r in conn.exec_driver_sql(sql, params)]


def contact(conn: Connection, contact_id: str) -> ContactLine | None:
    """One contact, for its edit form (``None``: it is gone)."""
    found = _lines(conn, "c.id = ?", (contact_id,))
    return found[0] if found else None


def history(
    conn: Connection, municipality_nis: str, *, offset: int = 0, limit: int = PAGE_SIZE
) -> FirstPage[ContactLine]:
    """One municipality's contacts, newest first, a page at a time, with the total."""
    total = int(
        conn.exec_driver_sql(
            "SELECT count(*) FROM contact_moment WHERE municipality_nis = ?", (municipality_nis,)
        ).scalar_one()
    )
    rows = _lines(
        conn,
        "c.municipality_nis = ?",
        (municipality_nis, limit, offset),
        "ORDER BY c.occurred_at DESC, c.id DESC LIMIT ? OFFSET ?",
    )
    return FirstPage(rows, total)


@dataclass(frozen=True)
class ContactSummary:
    """What the Gemeenten detail pane says about a municipality's contacts."""

    last_on: dt.date | None
    days_since: int | None  # None: never a contact
    last_12_months: int
    total: int


def summary(
    conn: Connection, municipality_nis: str, today: dt.date, team_code: str | None = None
) -> ContactSummary:
    """The last contact with a municipality (of one team, or of all), the days since, and
    how many contacts in the last twelve months and in all."""
    team_part = " AND team_code = ?" if team_code else ""
    params: tuple[Any, ...] = (municipality_nis, team_code) if team_code else (municipality_nis,)
    last, total = conn.exec_driver_sql(
        "SELECT max(occurred_at), count(*) FROM contact_moment "
        f"WHERE municipality_nis = ?{team_part}",
        params,
    ).one()
    recent = conn.exec_driver_sql(
        "SELECT count(*) FROM contact_moment "
        f"WHERE municipality_nis = ?{team_part} AND occurred_at >= ?",
        (*params, contacts_since(today).isoformat(" ")),
    ).scalar_one()
    last_on = as_date(last)
    return ContactSummary(last_on, days_since(last_on, today), int(recent), int(total))


def day_list(conn: Connection, staff_id: str, day: dt.date) -> list[ContactLine]:
    """A staff member's contacts of one day (today's list), in the order they happened."""
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    return _lines(
        conn,
        "c.staff_id = ? AND c.occurred_at >= ? AND c.occurred_at < ?",
        (staff_id, start.isoformat(" "), end.isoformat(" ")),
        "ORDER BY c.occurred_at, c.id",
    )


def contacts_about(conn: Connection, link_table: str, link_id: str) -> list[ContactLine]:
    """The contacts linked to one record (a location, prospect, case or question)."""
    return _lines(
        conn,
        "c.link_table = ? AND c.link_id = ?",
        (link_table, link_id),
        "ORDER BY c.occurred_at DESC, c.id",
    )


def between(
    conn: Connection,
    start: dt.date | None,
    end: dt.date | None,
    team_code: str | None = None,
) -> list[ContactLine]:
    """The contacts from ``start`` to ``end`` (both included; None: open), of one team or
    all, oldest first (the export)."""
    conditions = ["1 = 1"]
    params: list[Any] = []
    if start is not None:
        conditions.append("c.occurred_at >= ?")
        params.append(dt.datetime.combine(start, dt.time()).isoformat(" "))
    if end is not None:
        conditions.append("c.occurred_at < ?")
        params.append(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()).isoformat(" "))
    if team_code:
        conditions.append("c.team_code = ?")
        params.append(team_code)
    return _lines(conn, " AND ".join(conditions), tuple(params), "ORDER BY c.occurred_at, c.id")


# -- the quick log's type-ahead ------------------------------------------------------------------


@dataclass(frozen=True)
class MunicipalityChoice:
    nis_code: str
    name: str
    province_name: str


def municipality_choices(conn: Connection, text: str, limit: int = 10) -> list[MunicipalityChoice]:
    """Municipalities whose name contains ``text`` (accents and case ignored), those whose
    name starts with it first: Enter takes the first."""
    rows = search_municipalities(conn, text)
    wanted = fold(text).strip()
    rows.sort(key=lambda r: (not fold(r.name).startswith(wanted), fold(r.name)))
    return [MunicipalityChoice(r.nis_code, r.name, r.province_name) for r in rows[:limit]]


@dataclass(frozen=True)
class PersonChoice:
    id: str
    name: str
    role: str  # a ContactRole value
    last_contact: dt.date | None

    @property
    def role_label(self) -> str:
        try:
            return ContactRole(self.role).label_nl
        except ValueError:
            return self.role


def person_choices(
    conn: Connection, municipality_nis: str, text: str = "", limit: int = 10
) -> list[PersonChoice]:
    """The active contact persons of a municipality whose name contains ``text`` (any word,
    accents and case ignored); the most recently contacted first, then by name."""
    rows = conn.exec_driver_sql(
        "SELECT p.id, trim(p.first_name || ' ' || p.last_name), p.role, "
        "(SELECT max(c.occurred_at) FROM contact_moment AS c WHERE c.contact_person_id = p.id) "
        "FROM contact_person AS p WHERE p.municipality_nis = ? AND p.active = 1",
        (municipality_nis,),
    ).all()
    wanted = fold(text).split()
    found = [
        PersonChoice(str(pid), str(name), str(role), as_date(last))
        for pid, name, role, last in rows
        if all(word in fold(name) for word in wanted)
    ]
    found.sort(
        key=lambda p: (
            p.last_contact is None,
            -(p.last_contact or dt.date.min).toordinal(),
            fold(p.name),
        )
    )
    return found[:limit]
