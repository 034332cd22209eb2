"""GDPR tools for contacts and meetings: retention, "erase this person", subject access.

Personal data here (marked ``personal`` in ``db/models/activity.py``): a contact's short note
(``subject``), its longer ``notes`` and the person spoken to (``contact_person_id``); the notes
of a meeting, of its points and of its actions. What stays after an erasure is what the
parliament's questions count: when, which municipality and team, which channel and theme,
which meetings with which points, decisions and actions.

- Retention (:func:`apply_retention`): contacts older than the cutoff and the notes of
  meetings held before it are purged; run by ``services.privacy.apply_retention`` with the
  cases' cutoff (the same retention period).
- "Erase this person" (:func:`erase_contact_person`): every contact with a contact person
  loses its person and its notes, and the person's own record its personal fields.
- Subject access (:func:`export_contact_person`): the person's record and every contact with
  them, as plain data (JSON) and as a PDF (``reports.contact_access``).

Erasure goes through the sync's purge (``sync.purge.purge_in``), so it reaches every laptop
and wins over older edits. This module does not import ``services.privacy`` (which calls it);
it gets the cutoff from its caller. Nothing personal is logged, only counts.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from vlot_desktop.db.models import Base
from vlot_desktop.domain.enums import ContactChannel, ContactRole
from vlot_desktop.reports.contact_access import ContactAccessData, write_contact_access_pdf
from vlot_desktop.services.activity_common import Db, as_date, dbapi
from vlot_desktop.sync.purge import purge_in

log = logging.getLogger(__name__)

CHUNK = 500

__all__ = [
    "CoordinationErasure",
    "UnknownContactPersonError",
    "apply_retention",
    "erase_contact_person",
    "export_contact_person",
    "personal_columns",
    "write_contact_access",
]


class UnknownContactPersonError(LookupError):
    """No contact person with that id."""


def personal_columns(table: str) -> list[str]:
    return [c.name for c in Base.metadata.tables[table].columns if c.info.get("personal")]


@dataclass(frozen=True)
class CoordinationErasure:
    contacts: int
    meetings: int
    points: int
    actions: int
    fields: int
    dry_run: bool = False


def _expired(conn: sqlite3.Connection, cutoff: dt.date) -> dict[str, list[str]]:
    """The rows older than the cutoff that still hold personal data, per table."""
    end = dt.datetime.combine(cutoff + dt.timedelta(days=1), dt.time()).isoformat(" ")
    day = cutoff.isoformat()
    queries = {
        "contact_moment": (
            "SELECT id FROM contact_moment WHERE occurred_at < ? AND (subject != '' OR "
            "notes IS NOT NULL OR contact_person_id IS NOT NULL) ORDER BY occurred_at, id",
            (end,),
        ),
        "meeting": (
            "SELECT id FROM meeting WHERE held_on <= ? AND notes IS NOT NULL ORDER BY held_on",
            (day,),
        ),
        "meeting_item": (
            "SELECT i.id FROM meeting_item AS i JOIN meeting AS m ON m.id = i.meeting_id "
            "WHERE m.held_on <= ? AND i.notes IS NOT NULL ORDER BY m.held_on, i.id",
            (day,),
        ),
        "meeting_action": (
            "SELECT a.id FROM meeting_action AS a JOIN meeting AS m ON m.id = a.meeting_id "
            "WHERE coalesce(a.done_on, m.held_on) <= ? AND a.notes IS NOT NULL "
            "ORDER BY m.held_on, a.id",
            (day,),
        ),
    }
    return {t: [str(r[0]) for r in conn.execute(sql, p)] for t, (sql, p) in queries.items()}


def _purge(conn: sqlite3.Connection, table: str, ids: Sequence[str], columns: list[str]) -> None:
    for row_id in ids:
        purge_in(conn, table, row_id, columns)


def apply_retention(db: Db, cutoff: dt.date, *, dry_run: bool = False) -> CoordinationErasure:
    """Purge the personal data of contacts on or before ``cutoff`` and the notes of meetings
    held (actions done) by then, in the caller's transaction (the caller commits). With
    ``dry_run`` nothing changes and the summary says what would be erased. Idempotent."""
    conn = dbapi(db)
    found = _expired(conn, cutoff)
    columns = {t: personal_columns(t) for t in found}
    summary = CoordinationErasure(
        contacts=len(found["contact_moment"]),
        meetings=len(found["meeting"]),
        points=len(found["meeting_item"]),
        actions=len(found["meeting_action"]),
        fields=sum(len(ids) * len(columns[t]) for t, ids in found.items()),
        dry_run=dry_run,
    )
    if not dry_run:
        for table, ids in found.items():
            _purge(conn, table, ids, columns[table])
    log.info(
        "coordination retention%s: %d contacts, %d meetings, %d points, %d actions",
        " (dry run)" if dry_run else "",
        summary.contacts,
        summary.meetings,
        summary.points,
        summary.actions,
    )
    return summary


def _person(conn: sqlite3.Connection, contact_person_id: str) -> dict[str, Any]:
    cursor = conn.execute("SELECT * FROM contact_person WHERE id = ?", (contact_person_id,))
    row = cursor.fetchone()
    if row is None:
        raise UnknownContactPersonError(contact_person_id)
    names = [d[0] for d in cursor.description]
    return {k: v for k, v in zip(names, row, strict=True) if k != "updated_at"}


def erase_contact_person(db: Db, contact_person_id: str) -> CoordinationErasure:
    """Erase one contact person here and, at the next sync, on every laptop: every contact
    with them loses the person, its short note and notes; the person's record its personal
    fields (names, e-mail, phone, notes; the record stays, inactive, for the counts). In the
    caller's transaction. Raises :class:`UnknownContactPersonError`."""
    conn = dbapi(db)
    _person(conn, contact_person_id)
    contacts = [
        str(r[0])
        for r in conn.execute(
            "SELECT id FROM contact_moment WHERE contact_person_id = ?", (contact_person_id,)
        )
    ]
    contact_columns = personal_columns("contact_moment")
    _purge(conn, "contact_moment", contacts, contact_columns)
    person_columns = personal_columns("contact_person")
    purge_in(conn, "contact_person", contact_person_id, person_columns)
    conn.execute("UPDATE contact_person SET active = 0 WHERE id = ?", (contact_person_id,))
    log.info("contact person erased from %d contacts", len(contacts))
    return CoordinationErasure(
        contacts=len(contacts),
        meetings=0,
        points=0,
        actions=0,
        fields=len(contacts) * len(contact_columns) + len(person_columns),
    )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def export_contact_person(db: Db, contact_person_id: str) -> dict[str, Any]:
    """Everything the contact log holds about one contact person (GDPR art. 15): their
    record, and every contact with them (when, who of VLOT, which team and municipality,
    channel, theme, note). Questions they asked are in the helpdesk's asker export."""
    conn = dbapi(db)
    person = _person(conn, contact_person_id)
    rows = conn.execute(
        "SELECT c.occurred_at, s.name, t.name_nl, m.name_nl, c.channel, th.name_nl, "
        "c.subject, c.notes, c.duration_minutes FROM contact_moment AS c "
        "LEFT JOIN staff_user AS s ON s.id = c.staff_id LEFT JOIN team AS t ON t.code = "
        "c.team_code LEFT JOIN municipality AS m ON m.nis_code = c.municipality_nis "
        "LEFT JOIN theme AS th ON th.code = c.theme_code WHERE c.contact_person_id = ? "
        "ORDER BY c.occurred_at, c.id",
        (contact_person_id,),
    ).fetchall()
    try:
        person["role_label"] = ContactRole(str(person.get("role"))).label_nl
    except ValueError:
        person["role_label"] = person.get("role")
    contacts = []
    for occurred, staff, team, municipality, channel, theme, subject, notes, minutes in rows:
        try:
            channel_label = ContactChannel(str(channel)).label_nl
        except ValueError:
            channel_label = str(channel)
        contacts.append(
            {
                "occurred_at": _plain(occurred),
                "staff": staff,
                "team": team,
                "municipality": municipality,
                "channel": channel_label,
                "theme": theme,
                "subject": subject,
                "notes": notes,
                "duration_minutes": minutes,
            }
        )
    return {
        "format": "vlot-subject-access-contact/1",
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "person": {k: _plain(v) for k, v in person.items()},
        "contacts": contacts,
        "first_contact": contacts[0]["occurred_at"] if contacts else None,
        "last_contact": _plain(as_date(rows[-1][0])) if rows else None,
    }


def write_contact_access(
    engine: Engine, contact_person_id: str, json_out: Path | None, pdf_out: Path | None
) -> int:
    """Write one contact person's subject-access export as JSON and/or PDF; returns the
    number of contacts in it. Raises :class:`UnknownContactPersonError` and ``OSError``."""
    with engine.connect() as conn:
        data = export_contact_person(conn, contact_person_id)
    if json_out is not None:
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
        temp = json_out.with_name(f".{json_out.name}.part")
        temp.write_text(text + "\n", encoding="utf-8")
        os.replace(temp, json_out)
    if pdf_out is not None:
        write_contact_access_pdf(ContactAccessData.of(data), pdf_out)
    return len(data["contacts"])
