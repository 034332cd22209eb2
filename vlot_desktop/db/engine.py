"""Engine and session factory for a laptop's SQLite database, with the PRAGMAs we rely on."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # Deleted content is zeroed where the page is written anyway: an erased name (GDPR) does
    # not linger in a page's free space until the file is vacuumed. No extra I/O.
    cursor.execute("PRAGMA secure_delete=FAST")
    cursor.close()


def make_engine(db_path: Path) -> Engine:
    """An engine on ``db_path`` with foreign keys, WAL, NORMAL sync, a busy timeout and
    secure delete (FAST)."""
    # URL.create, not f"sqlite:///{path}": the URL parser would take "?" and "%xx" in a folder
    # name as a query string and an escape.
    engine = create_engine(URL.create("sqlite", database=str(db_path)))
    event.listen(engine, "connect", _set_pragmas)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
