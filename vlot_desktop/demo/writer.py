"""Buffered bulk inserts of demo rows with plain sqlite3, parents before children.

Rows are dicts keyed by column name, holding values exactly as SQLAlchemy stores them in SQLite
(text dates and timestamps, 0/1 booleans, enum values). ``updated_at`` is filled with the row's
``created_at``. Buffers are flushed in foreign-key order whenever enough rows are pending, so
memory stays bounded for the large data set and every child finds its parent already inserted.
"""

from __future__ import annotations

import sqlite3

from vlot_desktop.db.models import Base, synced_tables

Value = str | int | float | None
Row = dict[str, Value]

FLUSH_ROWS = 40_000


def insertion_order() -> list[str]:
    """Synced tables, parents before children (SQLAlchemy's dependency order)."""
    synced = set(synced_tables())
    return [t.name for t in Base.metadata.sorted_tables if t.name in synced]


def _insert_sql(table: str, keys: tuple[str, ...]) -> str:
    columns = Base.metadata.tables[table].columns
    unknown = [k for k in keys if k not in columns]
    if unknown:
        raise ValueError(f"{table}: unknown columns {unknown}")
    required = [
        c.name for c in columns if not c.nullable and c.name != "updated_at" and c.name not in keys
    ]
    if required:
        raise ValueError(f"{table}: no value for required columns {required}")
    names = ", ".join((*keys, "updated_at"))
    values = ", ".join([f":{k}" for k in keys] + [":created_at"])
    return f"INSERT INTO {table} ({names}) VALUES ({values})"


class RowSink:
    """Collects rows per table and writes them with ``executemany`` on one connection."""

    def __init__(self, conn: sqlite3.Connection, flush_rows: int = FLUSH_ROWS) -> None:
        self._conn = conn
        self._order = insertion_order()
        self._buffers: dict[str, list[Row]] = {name: [] for name in self._order}
        self._sql: dict[tuple[str, tuple[str, ...]], str] = {}
        self._pending = 0
        self._flush_rows = flush_rows
        self.counts: dict[str, int] = dict.fromkeys(self._order, 0)

    def add(self, table: str, row: Row) -> None:
        self._buffers[table].append(row)
        self._pending += 1
        if self._pending >= self._flush_rows:
            self.flush()

    def flush(self) -> None:
        for table in self._order:
            rows = self._buffers[table]
            if not rows:
                continue
            keys = tuple(rows[0])
            sql = self._sql.get((table, keys))
            if sql is None:
                sql = self._sql[(table, keys)] = _insert_sql(table, keys)
            self._conn.executemany(sql, rows)
            self.counts[table] += len(rows)
            rows.clear()
        self._pending = 0
