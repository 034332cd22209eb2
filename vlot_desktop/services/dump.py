"""Canonical JSON of all user and reference data, for comparing laptops byte for byte.

One object keyed by table name; each a list of rows sorted by primary key; columns sorted; local
bookkeeping (``updated_at``, ``local_meta``, ``alembic_version``) left out. Values are written as
SQLite stores them, read with plain sqlite3, so no type conversion can make two equal databases
print differently.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Table

from vlot_desktop.db.models import Base, reference_tables, synced_tables
from vlot_desktop.db.sqlite_uri import sqlite_uri


def _dumped_columns(table: Table) -> list[str]:
    return sorted(c.name for c in table.columns if not c.info.get("local"))


def dump_chunks(db_path: Path) -> Iterator[str]:
    """The dump as text chunks (streamed: the large demo set does not fit comfortably at once)."""
    conn = sqlite3.connect(sqlite_uri(db_path, mode="ro"), uri=True)
    try:
        names = sorted(synced_tables() + reference_tables())
        yield "{"
        for t_index, name in enumerate(names):
            table = Base.metadata.tables[name]
            columns = _dumped_columns(table)
            order = ", ".join(c.name for c in table.primary_key.columns)
            yield ("," if t_index else "") + json.dumps(name) + ":["
            cursor = conn.execute(f"SELECT {', '.join(columns)} FROM {name} ORDER BY {order}")
            first = True
            for row in cursor:
                record = json.dumps(
                    dict(zip(columns, row, strict=True)),
                    ensure_ascii=False,
                    separators=(",", ":"),
                    sort_keys=True,
                )
                yield ("\n" if first else ",\n") + record
                first = False
            yield "]"
        yield "}\n"
    finally:
        conn.close()


def dump_to(db_path: Path, stream: object) -> None:
    write = stream.write  # type: ignore[attr-defined]
    for chunk in dump_chunks(db_path):
        write(chunk)
