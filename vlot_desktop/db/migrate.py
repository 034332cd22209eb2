"""Open-or-create a laptop's database safely: check it, back it up, upgrade it, load reference data.

Refuses, and leaves untouched: a file that is not SQLite, and a database written by a newer
version of the app (its revision is unknown here). Before every upgrade of an existing database
a copy is made with SQLite's backup API into ``backups/`` (the last five are kept).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vlot_desktop import paths
from vlot_desktop.db.reference_data import ensure_reference_data
from vlot_desktop.db.schema import KNOWN_REVISIONS, SCHEMA_HEAD
from vlot_desktop.db.sqlite_uri import sqlite_uri

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

SQLITE_HEADER = b"SQLite format 3\x00"
BACKUPS_KEPT = 5


class DatabaseProblem(Exception):
    """A database the app must not open. ``message_nl`` is shown to the user."""

    message_nl: str = ""

    def __init__(self, message: str, message_nl: str) -> None:
        super().__init__(message)
        self.message_nl = message_nl


class NotADatabaseError(DatabaseProblem):
    pass


class NewerDatabaseError(DatabaseProblem):
    pass


@dataclass(frozen=True)
class DatabaseState:
    exists: bool
    revision: str | None  # None: no alembic_version (new or empty file)


def _connect_for_inspection(db_path: Path) -> sqlite3.Connection:
    """Read-only, and creating nothing next to the file when it was closed cleanly.

    ``mode=ro`` on a WAL database leaves empty ``-wal``/``-shm`` files behind, also next to a file
    we then refuse ("nothing was changed"). Without a ``-wal`` file every committed page is in
    the main file, so ``immutable=1`` reads the same without them; with one, ``mode=ro`` is needed
    to see what it holds (and the side files exist already).
    """
    wal = db_path.with_name(db_path.name + "-wal")
    params = {"mode": "ro"} if wal.exists() else {"immutable": "1"}
    return sqlite3.connect(sqlite_uri(db_path, **params), uri=True)


def read_state(db_path: Path) -> DatabaseState:
    """What is in ``db_path``, read with plain sqlite3 in read-only mode (never writes)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return DatabaseState(exists=False, revision=None)
    with db_path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{db_path} is not a VLOT Desktop database (not an SQLite file)",
            f"Het bestand {db_path} is geen databank van VLOT Desktop. Er is niets gewijzigd.",
        )
    try:
        conn = _connect_for_inspection(db_path)
        try:
            has_table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_table:
                tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise NotADatabaseError(
                        f"{db_path} is an SQLite file but not a VLOT Desktop database",
                        f"Het bestand {db_path} is geen databank van VLOT Desktop. "
                        "Er is niets gewijzigd.",
                    )
                return DatabaseState(exists=True, revision=None)
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise NotADatabaseError(
            f"{db_path} cannot be read as a database: {exc}",
            f"Het bestand {db_path} is beschadigd of geen databank. Er is niets gewijzigd.",
        ) from exc
    return DatabaseState(exists=True, revision=row[0] if row else None)


def check_version(state: DatabaseState, db_path: Path) -> None:
    if state.revision is not None and state.revision not in KNOWN_REVISIONS:
        raise NewerDatabaseError(
            f"{db_path} was written by a newer version of VLOT Desktop "
            f"(schema {state.revision}); update the application",
            f"De databank {db_path} komt van een nieuwere versie van VLOT Desktop. "
            "Installeer de nieuwste versie van de toepassing. Er is niets gewijzigd.",
        )


def backup_database(db_path: Path, reason: str) -> Path:
    """Copy the database with SQLite's online backup API; keep the newest ``BACKUPS_KEPT``."""
    folder = paths.backup_dir(db_path.parent)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"vlot-{stamp}-{reason}.sqlite3"
    source = sqlite3.connect(sqlite_uri(db_path, mode="ro"), uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    backups = sorted(folder.glob("vlot-*.sqlite3"))
    for old in backups[:-BACKUPS_KEPT]:
        old.unlink()
    return target


class MigrationError(Exception):
    """A migration left broken references behind; it was rolled back (a bug of ours)."""


def _migration_engine(db_path: Path) -> Engine:
    """An engine for migrations: one real transaction for everything, foreign keys off.

    pysqlite commits every DDL statement on its own; a crash half-way through creating the
    database then left tables without an ``alembic_version`` row, a file refused ever after.
    Here pysqlite's own transaction handling is switched off and SQLAlchemy emits ``BEGIN``,
    so a failed upgrade rolls back completely.

    Batch migrations copy, drop and rename tables; with foreign keys enforced, dropping a table
    that others refer to fails. SQLite ignores ``PRAGMA foreign_keys`` inside a transaction, so
    it is switched off per connection, and ``alembic_upgrade`` checks the keys before commit.
    """
    from sqlalchemy import event

    from vlot_desktop.db.engine import make_engine

    engine = make_engine(db_path)

    # Listeners run in registration order: these come after make_engine's PRAGMAs.
    def _connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        dbapi_connection.isolation_level = None

    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", _connect)
    event.listen(engine, "begin", _begin)
    return engine


def alembic_upgrade(db_path: Path, revision: str = "head") -> None:
    """Run alembic programmatically (imported here: it is slow to import), all or nothing."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    engine = _migration_engine(db_path)
    try:
        with engine.begin() as connection:
            broken_before = len(connection.exec_driver_sql("PRAGMA foreign_key_check").all())
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            broken_after = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if len(broken_after) > broken_before:
                raise MigrationError(
                    f"upgrading {db_path} to {revision} broke references, e.g. {broken_after[0]}"
                )
    finally:
        engine.dispose()


@dataclass(frozen=True)
class OpenResult:
    created: bool
    upgraded_from: str | None
    backup: Path | None


def prepare_database(db_path: Path) -> OpenResult:
    """Make ``db_path`` ready for use: create or upgrade it, then load reference data.

    Raises ``NotADatabaseError`` or ``NewerDatabaseError`` without touching the file.
    """
    state = read_state(db_path)
    check_version(state, db_path)
    created = not state.exists or state.revision is None
    backup: Path | None = None
    upgraded_from: str | None = None
    if state.revision != SCHEMA_HEAD:
        if state.exists and state.revision is not None:
            backup = backup_database(db_path, f"before-{SCHEMA_HEAD}")
            upgraded_from = state.revision
        db_path.parent.mkdir(parents=True, exist_ok=True)
        alembic_upgrade(db_path)
    ensure_reference_data(db_path, force=state.revision != SCHEMA_HEAD)
    return OpenResult(created=created, upgraded_from=upgraded_from, backup=backup)
