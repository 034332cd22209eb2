"""Purge: GDPR erasure of fields (or whole rows) as a sync operation that always wins.

``purge_record(session, table, row_id, columns)`` blanks the given columns of one row (``None``:
deletes the whole row) on this laptop, in the caller's transaction, and writes a ``purge``
change that travels in the batches like any other (it carries no values, only which fields).
Every laptop that applies it, whatever the HLCs:

- blanks the fields (NULL, or ``""``/``0`` for a required column) or deletes the row;
- records a marker in ``sync_purged``, so values for those fields that arrive later, from any
  laptop (an offline colleague's older or newer edit), are dropped, and a local edit of a
  purged field is reverted at the next sync;
- removes the old values from its own history: the field clock (an exception that keeps the
  value of the purged write instead; a row clock holds no values), open conflicts, the values
  kept with a tombstone, and its outbox.

On the share, compaction (``compact.py``) writes its snapshot from the purged state, deletes
older snapshots, and deletes every covered change file that holds a value of a purged field,
even within the grace period (:func:`batch_holds_purged`). A file that holds such a value and
that the compactor could not read (damaged) is left and reported by the sync as refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from vlot_desktop.sync.batch import BadBatchError, Record, iter_record_chunks, known_fields
from vlot_desktop.sync.capture import sqlite3_runner, suppressed
from vlot_desktop.sync.values import canonical, from_sql

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

WHOLE_ROW = "*"
PurgedKeys = dict[tuple[str, str], set[str]]
Key = tuple[str, str, str | None]  # (hlc, device, user) of the purge


class MergeUnderWay(Protocol):
    """What a purge updates in a merge that is applying it (``merge.Merger``, which imports
    this module): its cache of purged fields, and whether the row shows."""

    purged: PurgedKeys

    def _materialize(self, table: str, pk: str, won: dict[str, Any], *, local: bool) -> None: ...


class PurgeError(ValueError):
    """A purge that names an unknown table or field (nothing was changed)."""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def blank_value(table: str, column: str) -> Any:
    """What a purged column holds: NULL, or for a required column an empty text / zero."""
    from sqlalchemy import Boolean, Integer, Numeric, String, Text

    from vlot_desktop.db.models import Base

    col = Base.metadata.tables[table].columns[column]
    if col.nullable:
        return None
    if isinstance(col.type, String | Text):
        return ""
    if isinstance(col.type, Boolean):
        return 0
    if isinstance(col.type, Integer | Numeric):
        return 0
    raise PurgeError(f"{table}.{column} is required and has no empty value: it cannot be purged")


def purged_keys(conn: sqlite3.Connection) -> PurgedKeys:
    result: PurgedKeys = {}
    for tbl, pk, field in conn.execute("SELECT tbl, pk, field FROM sync_purged"):
        result.setdefault((str(tbl), str(pk)), set()).add(str(field))
    return result


def record_holds_purged(record: Record, purged: Mapping[tuple[str, str], set[str]]) -> bool:
    fields = purged.get((record.table, record.pk))
    if not fields or record.op == "purge":
        return False
    if WHOLE_ROW in fields:
        return bool(record.fields or record.extra)
    return any(f in fields for f in record.fields)


def batch_holds_purged(
    data: bytes, known: Mapping[str, frozenset[str]], purged: Mapping[tuple[str, str], set[str]]
) -> bool:
    """True when a (verified) batch holds a value of a purged field or row."""
    try:
        for chunk in iter_record_chunks(data, known):
            if any(record_holds_purged(r, purged) for r in chunk):
                return True
    except BadBatchError:
        return False
    return False


# --- applying a purge (here, from a batch, or from a snapshot) -------------------------------


def apply_purge_marker(
    conn: sqlite3.Connection,
    merger: MergeUnderWay | None,
    table: str,
    pk: str,
    field: str,
    key: Key,
) -> None:
    """Record the purge of ``table.field`` (``"*"``: the row) of ``pk`` and erase its values.

    Idempotent and independent of order: the marker keeps the highest (hlc, device) of the
    purges of that field, and the field clock takes the marker's stamp and the blank value.
    Capture must be silenced by the caller.
    """
    hlc, dev, user = key
    conn.execute(
        "INSERT INTO sync_purged (tbl, pk, field, hlc, dev, user_id) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (tbl, pk, field) DO UPDATE SET hlc = excluded.hlc, dev = excluded.dev, "
        "user_id = excluded.user_id "
        "WHERE excluded.hlc > sync_purged.hlc "
        "OR (excluded.hlc = sync_purged.hlc AND excluded.dev > sync_purged.dev) "
        # made here before this laptop knew its device id: the same purge, now with it
        "OR (excluded.hlc = sync_purged.hlc AND sync_purged.dev = 'local')",
        (table, pk, field, hlc, dev, user),
    )
    if merger is not None:
        merger.purged.setdefault((table, pk), set()).add(field)
    if field == WHOLE_ROW:
        conn.execute(f"DELETE FROM {_q(table)} WHERE id = ?", (pk,))
        for sql in (
            "DELETE FROM sync_field_clock WHERE tbl = ? AND pk = ?",
            "DELETE FROM sync_row_clock WHERE tbl = ? AND pk = ?",
            "DELETE FROM sync_tombstone WHERE tbl = ? AND pk = ?",
            "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ?",
            "DELETE FROM sync_outbox WHERE tbl = ? AND pk = ? AND op != 'purge'",
        ):
            conn.execute(sql, (table, pk))
        return
    if conn.execute(
        "SELECT 1 FROM sync_purged WHERE tbl = ? AND pk = ? AND field = ?", (table, pk, WHOLE_ROW)
    ).fetchone():
        return  # the whole row is gone for good already
    blank = blank_value(table, field)
    conn.execute(f"UPDATE {_q(table)} SET {_q(field)} = ? WHERE id = ?", (blank, pk))
    text = canonical(from_sql(blank))
    conn.execute(
        "INSERT OR REPLACE INTO sync_field_clock "
        "(tbl, pk, field, hlc, dev, user_id, value, max_base) "
        "SELECT tbl, pk, field, hlc, dev, user_id, ?, hlc FROM sync_purged "
        "WHERE tbl = ? AND pk = ? AND field = ?",
        (text, table, pk, field),
    )
    conn.execute(
        "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ? AND field = ?", (table, pk, field)
    )
    conn.execute(
        "UPDATE sync_tombstone SET row_json = json_set(row_json, ?, json(?)) "
        "WHERE tbl = ? AND pk = ? AND row_json IS NOT NULL",
        (f"$.{field}", text, table, pk),
    )
    conn.execute(
        "DELETE FROM sync_outbox WHERE tbl = ? AND pk = ? AND field = ? AND op != 'purge'",
        (table, pk, field),
    )
    # A local delete not yet merged keeps the row's values (to become the tombstone's).
    conn.execute(
        "UPDATE sync_outbox SET value = json_set(value, ?, json(?)) "
        "WHERE tbl = ? AND pk = ? AND op = 'delete' AND value IS NOT NULL",
        (f"$.{field}", text, table, pk),
    )
    if merger is not None:
        # Whether the row shows depends on its writes that are not purged: bring it in line
        # (in any order of arrival, every laptop ends the same).
        with _silenced(conn):
            merger._materialize(table, pk, {}, local=False)


@contextmanager
def _silenced(conn: sqlite3.Connection) -> Iterator[None]:
    """Capture off for these writes, whether or not the caller silenced it already."""
    if conn.execute("SELECT suppress FROM sync_clock WHERE id = 1").fetchone()[0]:
        yield
        return
    with suppressed(sqlite3_runner(conn)):
        yield


def purge_fields(record: Record) -> list[str] | None:
    """The fields a purge record erases (``["*"]`` for the row); None when it only names
    fields this version does not know (nothing to do here)."""
    if record.fields:
        return sorted(record.fields)
    if record.extra:
        return None
    return [WHOLE_ROW]


def revert_local_edit(conn: sqlite3.Connection, table: str, pk: str, fields: Sequence[str]) -> None:
    """This laptop wrote into a purged field: blank it again and drop the outbox rows."""
    with _silenced(conn):
        for field in fields:
            if field == WHOLE_ROW:
                conn.execute(f"DELETE FROM {_q(table)} WHERE id = ?", (pk,))
                conn.execute(
                    "DELETE FROM sync_outbox WHERE tbl = ? AND pk = ? AND op != 'purge'",
                    (table, pk),
                )
                continue
            conn.execute(
                f"UPDATE {_q(table)} SET {_q(field)} = ? WHERE id = ?",
                (blank_value(table, field), pk),
            )
            conn.execute(
                "DELETE FROM sync_outbox WHERE tbl = ? AND pk = ? AND field = ? AND op != 'purge'",
                (table, pk, field),
            )


# --- the service API -------------------------------------------------------------------------


def purge_in(
    conn: sqlite3.Connection, table: str, row_id: str, columns: Sequence[str] | None
) -> None:
    """:func:`purge_record` on a ``sqlite3`` connection, inside the caller's transaction."""
    from vlot_desktop.sync.capture import _STAMP, _TICK

    known = known_fields()
    if table not in known:
        raise PurgeError(f"{table!r} is not a synced table")
    if columns is not None:
        if not columns:
            raise PurgeError("no columns to purge (None purges the whole row)")
        unknown = [c for c in columns if c not in known[table]]
        if unknown:
            raise PurgeError(f"{table} has no synced column {unknown[0]!r}")
        for column in columns:
            blank_value(table, column)  # refuses a column that cannot be blanked
    fields = sorted(set(columns)) if columns is not None else [WHOLE_ROW]
    conn.execute(_TICK.rstrip(";"))
    row = conn.execute(
        f"SELECT {_STAMP}, coalesce(c.device_id, 'local'), c.user_id FROM sync_clock AS c "
        "WHERE c.id = 1"
    ).fetchone()
    key: Key = (str(row[0]), str(row[1]).lower(), row[2])
    with suppressed(sqlite3_runner(conn)):
        for field in fields:
            apply_purge_marker(conn, None, table, row_id, field, key)
        conn.executemany(
            "INSERT INTO sync_outbox (hlc, tbl, pk, op, field, value, device_id, user_id) "
            "SELECT ?, ?, ?, 'purge', ?, NULL, c.device_id, c.user_id FROM sync_clock AS c "
            "WHERE c.id = 1",
            [(key[0], table, row_id, None if f == WHOLE_ROW else f) for f in fields],
        )


def purge_record(
    session: Session, table: str, row_id: str, columns: list[str] | None = None
) -> None:
    """Erase ``columns`` of one row (``None``: the whole row) here and, through the sync, on
    every laptop; no later edit from anywhere brings the values back.

    Runs in the session's transaction (the caller commits). Raises :class:`PurgeError` for an
    unknown table or column, changing nothing.
    """
    connection = session.connection()
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    purge_in(raw, table, row_id, columns)
    session.expire_all()
