"""Fields written by a newer version of the app, kept by an older laptop so nothing of theirs is
lost: a newer laptop adds a column, its change files carry the field, and an older laptop (which
has no column for it) keeps the value with its clock in ``sync_extra`` instead of dropping it.

- **Merge**: last writer wins per field, by (HLC, device), as for any field. A purge of the
  field (or the row) erases the kept value too.
- **Snapshots** this laptop writes carry the kept fields in their row lines, so a compaction by
  an older laptop does not remove them from the share; a reader that knows the field applies
  it, one that does not keeps it again.
- **Update**: once this laptop's database has the column (after an update and its migration),
  the kept values are merged into it as ordinary writes (:func:`promote`), at the next sync.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from vlot_desktop.sync.batch import Record

Entry = tuple[str, str, str, str | None, str | None, None]  # as clocks.row_states gives them


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def keep(
    conn: sqlite3.Connection,
    table: str,
    pk: str,
    clock: tuple[str, str, str | None],
    values: Mapping[str, Any],
) -> None:
    """Keep fields this version has no column for, when this write is the newest of each."""
    hlc, dev, user = clock
    for field, value in values.items():
        conn.execute(
            "INSERT INTO sync_extra (tbl, pk, field, hlc, dev, user_id, value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tbl, pk, field) DO UPDATE SET "
            "hlc = excluded.hlc, dev = excluded.dev, user_id = excluded.user_id, "
            "value = excluded.value WHERE (excluded.hlc, excluded.dev) > (hlc, dev)",
            (table, pk, field, hlc, dev, user, canonical(value)),
        )


def erase(conn: sqlite3.Connection, table: str, pk: str, fields: Iterable[str] | None) -> None:
    """A purge: the kept fields (``None``: all of the row) go too."""
    if fields is None:
        conn.execute("DELETE FROM sync_extra WHERE tbl = ? AND pk = ?", (table, pk))
        return
    conn.executemany(
        "DELETE FROM sync_extra WHERE tbl = ? AND pk = ? AND field = ?",
        [(table, pk, f) for f in fields],
    )


def by_row(conn: sqlite3.Connection) -> dict[tuple[str, str], list[Entry]]:
    """Every kept field, by (table, key), as snapshot entries (field, hlc, dev, user, value)."""
    found: dict[tuple[str, str], list[Entry]] = {}
    for tbl, pk, field, hlc, dev, user, value in conn.execute(
        "SELECT tbl, pk, field, hlc, dev, user_id, value FROM sync_extra ORDER BY tbl, pk, field"
    ):
        found.setdefault((str(tbl), str(pk)), []).append(
            (str(field), str(hlc), str(dev), user, value, None)
        )
    return found


def promote(
    conn: sqlite3.Connection,
    known: Mapping[str, frozenset[str]],
    apply: Callable[[Record], None],
) -> int:
    """Merge the kept values whose column this database has now (``known``, after an update)
    as the writes they were, each through ``apply`` (the merge's, which imports this module);
    returns how many. Inside the caller's transaction, capture suppressed."""
    rows = conn.execute(
        "SELECT tbl, pk, field, hlc, dev, user_id, value FROM sync_extra"
    ).fetchall()
    ready = [r for r in rows if r[2] in known.get(str(r[0]), frozenset())]
    for tbl, pk, field, hlc, dev, user, value in ready:
        apply(
            Record(
                hlc=str(hlc),
                dev=str(dev),
                seq=0,
                table=str(tbl),
                pk=str(pk),
                op="upsert",
                fields={str(field): json.loads(value) if value is not None else None},
                base={},
                user=user,
            )
        )
    conn.executemany(
        "DELETE FROM sync_extra WHERE tbl = ? AND pk = ? AND field = ?",
        [(r[0], r[1], r[2]) for r in ready],
    )
    return len(ready)
