"""What the contact, meeting and VLOT-flits services share: the write transaction, ids, dates.

``db`` is the engine (the screens, the command line: a write opens and commits its own
transaction) or a session or connection already in a transaction (the demo generator, a
caller combining several steps), as in the helpdesk services. Writes are plain SQL on the
SQLite connection under it; the sync's triggers capture them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop.domain.ids import uuid7
from vlot_desktop.domain.problems import Problem, Severity
from vlot_desktop.services.places import Db, dbapi_connection, timestamp, written_through

Target = Engine | Db
NewId = Callable[[], str]

__all__ = [
    "Db",
    "NewId",
    "Target",
    "as_date",
    "as_datetime",
    "clean",
    "dbapi",
    "derived_id",
    "errors",
    "exists",
    "iso",
    "known_staff",
    "new_id",
    "read_connection",
    "staff_names",
    "timestamp",
    "write_transaction",
]

# Ids derived from their parts: two laptops making the same row make one.
_NAMESPACE = uuid.UUID("2f6c8e1a-5b3d-4c7e-9a21-7d4e0b6f3a95")


def dbapi(db: Db) -> sqlite3.Connection:
    """The SQLite connection under a session or connection (for the plain-SQL reads)."""
    return dbapi_connection(db)


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def new_id(make: NewId | None = None) -> str:
    return make() if make is not None else uuid7()


@contextmanager
def write_transaction(db: Target) -> Iterator[sqlite3.Connection]:
    """The SQLite connection to write through: in a new transaction (committed at the end,
    rolled back on an exception) for an engine, else in the caller's."""
    if isinstance(db, Engine):
        with Session(db) as session, session.begin():
            yield dbapi_connection(session)
        return
    yield dbapi_connection(db)
    written_through(db)


@contextmanager
def read_connection(db: Target) -> Iterator[sqlite3.Connection]:
    """The SQLite connection to read through (a connection of its own for an engine)."""
    if isinstance(db, Engine):
        with db.connect() as conn:
            yield dbapi_connection(conn)
        return
    yield dbapi_connection(db)


def errors(problems: Sequence[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def exists(conn: sqlite3.Connection, table: str, key: str, value: str | None) -> bool:
    if not value:
        return False
    return conn.execute(f"SELECT 1 FROM {table} WHERE {key} = ?", (value,)).fetchone() is not None


def known_staff(conn: sqlite3.Connection) -> set[str]:
    return {str(r[0]) for r in conn.execute("SELECT id FROM staff_user")}


def as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_datetime(value: Any) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def clean(text: str | None) -> str | None:
    stripped = (text or "").strip()
    return stripped or None


def staff_names(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(i): str(n) for i, n in conn.execute("SELECT id, name FROM staff_user")}
