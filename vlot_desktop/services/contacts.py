"""Logging contacts (contactmomenten): the quick log, editing and deleting by the author, and
the channel and theme the quick log remembers (docs/coordination.md).

Each write is one transaction and checks with :mod:`vlot_desktop.domain.contact_rules` first;
it returns the problems (Dutch + English), and when there is an error nothing was changed.
``db`` is the engine or a session/connection in a transaction (``activity_common``).

The quick log takes a municipality (required), a day and time (default now), a channel and a
theme (default: the last ones this laptop used, kept in ``local_meta``, never synced), a known
person of that municipality or a new one (first and last name), a short note, and optionally
the location, prospect, case or question on screen. The staff member and the author are the
user; the team is the user's team. Only the author changes or deletes a contact. Nothing here
logs names or notes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from vlot_desktop.domain.contact_rules import LINKABLE_TABLES, check_author, check_contact
from vlot_desktop.domain.enums import ContactChannel, ContactRole
from vlot_desktop.domain.problems import Problem, Severity
from vlot_desktop.domain.text_limits import check_text_length
from vlot_desktop.services.activity_common import (
    NewId,
    Target,
    clean,
    errors,
    exists,
    new_id,
    read_connection,
    timestamp,
    write_transaction,
)

LAST_CHANNEL_KEY = "contacts.last_channel"
LAST_THEME_KEY = "contacts.last_theme"
DEFAULT_CHANNEL = ContactChannel.PHONE
NAME_MAX = 100


class ContactNotFoundError(LookupError):
    """The contact is gone (deleted, here or on another laptop)."""


@dataclass(frozen=True)
class NewPerson:
    """A person typed in the quick log who is not known yet: made a contact person of the
    contact's municipality."""

    first_name: str
    last_name: str
    role: str = ContactRole.MUNICIPAL_COORDINATOR.value
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class ContactValues:
    """A contact as the quick log (or the edit form) holds it. ``occurred_at`` is local time;
    ``None`` means now. ``subject`` is the short note; ``notes`` a longer one."""

    municipality_nis: str | None
    channel: str | None = None
    theme_code: str | None = None
    contact_person_id: str | None = None
    new_person: NewPerson | None = None
    subject: str | None = None
    notes: str | None = None
    occurred_at: dt.datetime | None = None
    duration_minutes: int | None = None
    link_table: str | None = None
    link_id: str | None = None


@dataclass(frozen=True)
class ContactResult:
    contact_id: str | None
    problems: list[Problem] = field(default_factory=list)
    person_id: str | None = None  # the new person, when one was made

    @property
    def saved(self) -> bool:
        return self.contact_id is not None


@dataclass(frozen=True)
class QuickLogDefaults:
    """What the quick log starts with: the channel and theme this laptop used last."""

    channel: str
    theme_code: str | None


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


# -- remembered choices -----------------------------------------------------------------------


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM local_meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row is not None and row[0] else None


def _set_meta(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM local_meta WHERE key = ?", (key,))
        return
    conn.execute(
        "INSERT INTO local_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def quick_log_defaults(db: Target) -> QuickLogDefaults:
    """The channel and theme the quick log starts with (the last ones used on this laptop)."""
    with read_connection(db) as conn:
        channel = _meta(conn, LAST_CHANNEL_KEY)
        theme = _meta(conn, LAST_THEME_KEY)
        if theme and not exists(conn, "theme", "code", theme):
            theme = None
    if channel not in {c.value for c in ContactChannel}:
        channel = DEFAULT_CHANNEL.value
    assert channel is not None
    return QuickLogDefaults(channel, theme)


# -- checks ------------------------------------------------------------------------------------


def _check_links(conn: sqlite3.Connection, values: ContactValues) -> list[Problem]:
    """The person, theme and linked record exist; a known person belongs to the municipality
    (or to none: a sector coordinator, a governor's staff member)."""
    problems: list[Problem] = []
    if values.theme_code and not exists(conn, "theme", "code", values.theme_code):
        problems.append(
            _error("theme_code", "Dit thema bestaat niet.", "This theme does not exist.")
        )
    if values.contact_person_id:
        row = conn.execute(
            "SELECT municipality_nis FROM contact_person WHERE id = ?",
            (values.contact_person_id,),
        ).fetchone()
        if row is None:
            problems.append(
                _error(
                    "contact_person_id",
                    "Deze contactpersoon bestaat niet (meer).",
                    "This contact person does not exist (any more).",
                )
            )
        elif row[0] and values.municipality_nis and row[0] != values.municipality_nis:
            problems.append(
                _error(
                    "contact_person_id",
                    "Deze contactpersoon hoort bij een andere gemeente.",
                    "This contact person belongs to another municipality.",
                )
            )
    if values.new_person is not None:
        problems += _check_new_person(values.new_person)
    if (
        values.link_table
        and values.link_id
        and values.link_table in LINKABLE_TABLES
        and not exists(conn, values.link_table, "id", values.link_id)
    ):
        problems.append(
            _error(
                "link",
                "Het gekoppelde record bestaat niet (meer).",
                "The linked record does not exist (any more).",
            )
        )
    if values.duration_minutes is not None and not 0 <= values.duration_minutes <= 24 * 60:
        problems.append(
            _error(
                "duration_minutes",
                "De duur ligt tussen 0 en 1440 minuten.",
                "The duration lies between 0 and 1440 minutes.",
            )
        )
    return problems


def _check_new_person(person: NewPerson) -> list[Problem]:
    problems: list[Problem] = []
    if not person.first_name.strip() and not person.last_name.strip():
        problems.append(
            _error(
                "new_person",
                "Geef de voor- of achternaam van de nieuwe contactpersoon.",
                "Give the first or last name of the new contact person.",
            )
        )
    problems += check_text_length("new_person", person.first_name, NAME_MAX)
    problems += check_text_length("new_person", person.last_name, NAME_MAX)
    if person.role not in {r.value for r in ContactRole}:
        problems.append(_error("new_person", "Kies een rol.", "Choose a role."))
    return problems


def check_values(conn: sqlite3.Connection, values: ContactValues, today: dt.date) -> list[Problem]:
    """Every problem of ``values`` (the rules, then the records they name)."""
    nis = values.municipality_nis
    known = {nis} if nis and exists(conn, "municipality", "nis_code", nis) else set()
    problems = check_contact(
        municipality_nis=nis,
        occurred_on=(values.occurred_at or dt.datetime.now()).date(),
        channel=values.channel,
        today=today,
        known_municipalities=known,
        subject=values.subject,
        notes=values.notes,
        link_table=values.link_table,
        link_id=values.link_id,
    )
    return problems + _check_links(conn, values)


# -- writes -----------------------------------------------------------------------------------


def _team_of(conn: sqlite3.Connection, staff_id: str | None, fallback: str | None) -> str | None:
    if staff_id:
        row = conn.execute("SELECT team_code FROM staff_user WHERE id = ?", (staff_id,)).fetchone()
        if row is not None:
            return str(row[0])
    return fallback


def _subject(values: ContactValues) -> str:
    """The short note; empty is allowed (the theme and channel say what it was)."""
    return (values.subject or "").strip()


def _make_person(
    conn: sqlite3.Connection, person: NewPerson, nis: str, now: str, make: NewId | None
) -> str:
    person_id = new_id(make)
    conn.execute(
        "INSERT INTO contact_person (id, created_at, updated_at, first_name, last_name, role, "
        "municipality_nis, email, phone, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        (
            person_id,
            now,
            now,
            person.first_name.strip(),
            person.last_name.strip(),
            person.role,
            nis,
            clean(person.email),
            clean(person.phone),
        ),
    )
    return person_id


def log_contact(
    db: Target,
    values: ContactValues,
    *,
    author_id: str | None,
    team_code: str | None = None,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
    make_id: NewId | None = None,
    remember: bool = True,
) -> ContactResult:
    """The quick log: a new contact by ``author_id`` (the user: staff member and author), in
    the user's team (``team_code`` when the user is unknown). A new person is made a contact
    person of the municipality first. Remembers the channel and theme for the next log."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        problems = check_values(conn, values, today)
        team = _team_of(conn, author_id, team_code)
        if team is None or not exists(conn, "team", "code", team):
            problems.append(
                _error(
                    "team_code",
                    "Onbekend team: stel eerst de gebruiker van deze laptop in.",
                    "Unknown team: set up this laptop's user first.",
                )
            )
        if errors(problems):
            return ContactResult(None, problems)
        assert values.municipality_nis is not None and team is not None
        now = timestamp(at)
        person_id = values.contact_person_id
        made = None
        if values.new_person is not None and not person_id:
            made = person_id = _make_person(
                conn, values.new_person, values.municipality_nis, now, make_id
            )
        author = author_id if exists(conn, "staff_user", "id", author_id) else None
        contact_id = new_id(make_id)
        occurred = (values.occurred_at or dt.datetime.now()).replace(microsecond=0)
        conn.execute(
            "INSERT INTO contact_moment (id, created_at, updated_at, occurred_at, staff_id, "
            "author_id, team_code, municipality_nis, contact_person_id, organisation_id, "
            "channel, theme_code, subject, notes, duration_minutes, link_table, link_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "(SELECT organisation_id FROM contact_person WHERE id = ?), ?, ?, ?, ?, ?, ?, ?)",
            (
                contact_id,
                now,
                now,
                timestamp(occurred),
                author,
                author,
                team,
                values.municipality_nis,
                person_id,
                person_id,
                values.channel,
                values.theme_code or None,
                _subject(values),
                clean(values.notes),
                values.duration_minutes,
                values.link_table or None,
                values.link_id or None,
            ),
        )
        if remember:
            _set_meta(conn, LAST_CHANNEL_KEY, values.channel)
            _set_meta(conn, LAST_THEME_KEY, values.theme_code or None)
        return ContactResult(contact_id, problems, made)


def _author_of(conn: sqlite3.Connection, contact_id: str) -> str | None:
    row = conn.execute(
        "SELECT coalesce(author_id, staff_id) FROM contact_moment WHERE id = ?", (contact_id,)
    ).fetchone()
    if row is None:
        raise ContactNotFoundError(contact_id)
    return str(row[0]) if row[0] else None


def update_contact(
    db: Target,
    contact_id: str,
    values: ContactValues,
    *,
    user_id: str | None,
    today: dt.date | None = None,
    make_id: NewId | None = None,
) -> list[Problem]:
    """Change a contact (every field of ``values``; ``occurred_at`` None keeps the time).
    Only its author may. Raises :class:`ContactNotFoundError` when it is gone."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        problems = check_author(_author_of(conn, contact_id), user_id)
        if errors(problems):
            return problems
        row = conn.execute(
            "SELECT occurred_at FROM contact_moment WHERE id = ?", (contact_id,)
        ).fetchone()
        occurred = values.occurred_at or dt.datetime.fromisoformat(str(row[0]))
        values = _with_time(values, occurred)
        problems = check_values(conn, values, today)
        if errors(problems):
            return problems
        assert values.municipality_nis is not None
        now = timestamp()
        person_id = values.contact_person_id
        if values.new_person is not None and not person_id:
            person_id = _make_person(conn, values.new_person, values.municipality_nis, now, make_id)
        conn.execute(
            "UPDATE contact_moment SET occurred_at = ?, municipality_nis = ?, "
            "contact_person_id = ?, organisation_id = "
            "(SELECT organisation_id FROM contact_person WHERE id = ?), channel = ?, "
            "theme_code = ?, subject = ?, notes = ?, duration_minutes = ?, link_table = ?, "
            "link_id = ?, updated_at = ? WHERE id = ?",
            (
                timestamp(occurred.replace(microsecond=0)),
                values.municipality_nis,
                person_id,
                person_id,
                values.channel,
                values.theme_code or None,
                _subject(values),
                clean(values.notes),
                values.duration_minutes,
                values.link_table or None,
                values.link_id or None,
                now,
                contact_id,
            ),
        )
        return problems


def _with_time(values: ContactValues, occurred: dt.datetime) -> ContactValues:
    return ContactValues(
        municipality_nis=values.municipality_nis,
        channel=values.channel,
        theme_code=values.theme_code,
        contact_person_id=values.contact_person_id,
        new_person=values.new_person,
        subject=values.subject,
        notes=values.notes,
        occurred_at=occurred,
        duration_minutes=values.duration_minutes,
        link_table=values.link_table,
        link_id=values.link_id,
    )


def delete_contact(db: Target, contact_id: str, *, user_id: str | None) -> list[Problem]:
    """Delete a contact (here and, at the next sync, everywhere). Only its author may.
    Raises :class:`ContactNotFoundError` when it is gone already."""
    with write_transaction(db) as conn:
        problems = check_author(_author_of(conn, contact_id), user_id)
        if errors(problems):
            return problems
        conn.execute("DELETE FROM contact_moment WHERE id = ?", (contact_id,))
        return []
