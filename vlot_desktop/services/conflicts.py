"""Resolve a sync conflict: an ordinary new write of the chosen value, which the triggers capture.

The new write has seen the winning write (its ``base`` becomes the winner's HLC when the outbox
is folded), so on every laptop the merge closes the conflicts of that field up to the winner:
``DELETE FROM sync_conflicts ... WHERE loser_hlc <= max_base`` (``vlot_desktop.sync.merge``).
This laptop closes them at once, in the same transaction as the write.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, Engine

from vlot_desktop.sync.capture import json_value_sql, record_current_value_statements
from vlot_desktop.sync.merge import DELETED_FIELD, EDITED_FIELD, to_sql


class ConflictGoneError(Exception):
    """The conflict is no longer open (a sync or a colleague resolved it)."""


class ConflictNotResolvableError(Exception):
    """This kind of conflict cannot be resolved by choosing a value (e.g. a revived row)."""


class RecordInUseError(Exception):
    """The record cannot be deleted: other records refer to it."""


class ParentGoneError(Exception):
    """The record cannot come back: a record it belongs to is deleted too."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _conflict_key(conn: Connection, conflict_id: int) -> tuple[str, str, str]:
    """(table, key, field) of an open conflict; ``ConflictGoneError`` when it is closed."""
    row = conn.exec_driver_sql(
        "SELECT tbl, pk, field FROM sync_conflicts WHERE id = ?", (conflict_id,)
    ).first()
    if row is None:
        raise ConflictGoneError(conflict_id)
    return str(row[0]), str(row[1]), str(row[2])


def resolve_conflict(engine: Engine, conflict_id: int, value: Any) -> None:
    """Make ``value`` the value of the conflict's field, and close the conflicts it settles.

    Raises ``ConflictGoneError`` when the conflict is no longer open, and
    ``ConflictNotResolvableError`` for a conflict that is not about one field's value.
    """
    with engine.begin() as conn:
        table, pk, field = _conflict_key(conn, conflict_id)
        if field == DELETED_FIELD:
            raise ConflictNotResolvableError(conflict_id)
        columns = {str(r[1]) for r in conn.exec_driver_sql(f"PRAGMA table_info({_quote(table)})")}
        if field not in columns:
            raise ConflictNotResolvableError(conflict_id)
        current = conn.exec_driver_sql(
            f"SELECT {json_value_sql(_quote(field))} FROM {_quote(table)} WHERE id = ?", (pk,)
        ).first()
        if current is None:
            raise ConflictNotResolvableError(conflict_id)
        if json.loads(current[0]) != value:
            conn.exec_driver_sql(
                f"UPDATE {_quote(table)} SET {_quote(field)} = ? WHERE id = ?",
                (to_sql(value), pk),
            )
        else:
            tick, record = record_current_value_statements(table, field)
            conn.exec_driver_sql(tick)
            conn.exec_driver_sql(record, (pk,))
        winner = conn.exec_driver_sql(
            "SELECT hlc FROM sync_field_clock WHERE tbl = ? AND pk = ? AND field = ?",
            (table, pk, field),
        ).scalar()
        conn.exec_driver_sql(
            "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ? AND field = ? "
            "AND (id = ? OR loser_hlc <= ?)",
            (table, pk, field, conflict_id, winner or ""),
        )


def delete_revived_record(engine: Engine, conflict_id: int) -> None:
    """Resolve a "deleted here, changed there" conflict by deleting the record after all: an
    ordinary delete, newer than the edit that brought the record back, so on every laptop the
    record goes and the conflict closes (``merge._materialize``).

    Raises ``ConflictGoneError`` when the conflict is no longer open,
    ``ConflictNotResolvableError`` for a conflict about a field value, and
    ``RecordInUseError`` when other records refer to this one (nothing is changed then).
    """
    import sqlalchemy.exc

    with engine.begin() as conn:
        table, pk, field = _conflict_key(conn, conflict_id)
        if field != DELETED_FIELD:
            raise ConflictNotResolvableError(conflict_id)
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(f"DELETE FROM {_quote(table)} WHERE id = ?", (pk,))
        except sqlalchemy.exc.IntegrityError as exc:
            raise RecordInUseError(table) from exc
        conn.exec_driver_sql(
            "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ? AND field = ?",
            (table, pk, DELETED_FIELD),
        )


def keep_revived_record(engine: Engine, conflict_id: int) -> None:
    """Resolve a "deleted here, changed there" conflict by keeping the record as it is now: a
    write that has seen the delete (the current value of one field, recorded again), so on
    every laptop the record stays and the conflict closes (``merge._delete_seen``)."""
    with engine.begin() as conn:
        table, pk, field = _conflict_key(conn, conflict_id)
        if field != DELETED_FIELD:
            raise ConflictNotResolvableError(conflict_id)
        columns = _synced_columns(conn, table)
        exists = conn.exec_driver_sql(f"SELECT 1 FROM {_quote(table)} WHERE id = ?", (pk,)).first()
        if exists is None or not columns:
            raise ConflictNotResolvableError(conflict_id)
        tick, record = record_current_value_statements(table, columns[0])
        conn.exec_driver_sql(tick)
        conn.exec_driver_sql(record, (pk,))
        conn.exec_driver_sql(
            "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ? AND field = ?",
            (table, pk, DELETED_FIELD),
        )


def restore_deleted_record(engine: Engine, conflict_id: int) -> None:
    """Resolve an "edited here, deleted there" conflict by bringing the record back with the
    edit the delete won over: an ordinary insert (the values it had when deleted, with the
    edit), made knowing of the delete, so on every laptop the record returns and the conflict
    closes.

    Raises ``ConflictGoneError`` when the conflict is no longer open,
    ``ConflictNotResolvableError`` for another kind of conflict or a record that is back
    already, and ``ParentGoneError`` when a record it belongs to is gone too (nothing is
    changed then).
    """
    import sqlalchemy.exc

    with engine.begin() as conn:
        table, pk, field = _conflict_key(conn, conflict_id)
        if field != EDITED_FIELD:
            raise ConflictNotResolvableError(conflict_id)
        if conn.exec_driver_sql(f"SELECT 1 FROM {_quote(table)} WHERE id = ?", (pk,)).first():
            raise ConflictNotResolvableError(conflict_id)
        kept = conn.exec_driver_sql(
            "SELECT row_json FROM sync_tombstone WHERE tbl = ? AND pk = ?", (table, pk)
        ).scalar()
        values: dict[str, Any] = json.loads(kept) if kept else {}
        for name, text in conn.exec_driver_sql(
            "SELECT field, value FROM sync_field_clock WHERE tbl = ? AND pk = ?", (table, pk)
        ):
            values[str(name)] = json.loads(text) if text is not None else None
        columns = set(_synced_columns(conn, table))
        values = {k: v for k, v in values.items() if k in columns}
        if "updated_at" in _all_columns(conn, table):
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
            values["updated_at"] = now
        names = ["id", *values]
        try:
            with conn.begin_nested():
                conn.exec_driver_sql(
                    f"INSERT INTO {_quote(table)} ({', '.join(_quote(n) for n in names)}) "
                    f"VALUES ({', '.join('?' for _ in names)})",
                    (pk, *[to_sql(v) for v in values.values()]),
                )
        except sqlalchemy.exc.IntegrityError as exc:
            raise ParentGoneError(table) from exc
        conn.exec_driver_sql(
            "DELETE FROM sync_conflicts WHERE tbl = ? AND pk = ? AND field IN (?, ?)",
            (table, pk, EDITED_FIELD, DELETED_FIELD),
        )


def _all_columns(conn: Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.exec_driver_sql(f"PRAGMA table_info({_quote(table)})")]


def _synced_columns(conn: Connection, table: str) -> list[str]:
    """The table's synced columns (not ``id``, not local ones), in table order."""
    from vlot_desktop.sync.capture import synced_local_columns

    local = synced_local_columns().get(table, set())
    return [c for c in _all_columns(conn, table) if c != "id" and c not in local]
