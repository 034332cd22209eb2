"""Field clocks, stored compactly: one clock per row, and a row per field only where it differs.

Merging is last writer wins *per field* (``merge.py``), so every field of every synced row has
a clock: the (HLC, device, user) of the write that put its value there, plus ``max_base``, the
newest HLC any writer of that field had seen. Most rows are written once, all fields at once,
and never again, so storing that per field (11 million rows for the large demo set) costs far
more than the data itself. The clocks are stored as:

- ``sync_row_clock`` (WITHOUT ROWID, one row per synced row): the clock of every field of the
  row that has no exception. Device and user are small integers into ``sync_actor`` (their ids
  are stored once). A row gets one only when a single write set *all* its synced fields (a new
  record) and the row is in its table, so the values of those fields are the table's own (or,
  once the row is deleted, the values kept with its tombstone, ``sync_tombstone.row_json``).
- ``sync_field_clock`` (the exceptions): a field whose clock differs from the row clock (written
  later), or that has a ``max_base``, or that is the winner of an open conflict, or any field of
  a row without a row clock. An exception keeps its value (canonical JSON), as before.

**Baseline.** A field with neither (a row written before the sync existed, demo data, a column
no write has set yet) has the baseline clock: HLC ``0000000000000-00000000``, device ``""``,
no base. Every real write wins over it, and it is never a conflict's loser: it behaves exactly
as "no clock" did, so nothing has to be stored for it (and the migration writes nothing for
the rows that had no clocks).

The effective clock of a field (:func:`effective_clocks`) is therefore the same whether a row was
merged from batches, in any order, or bootstrapped from a snapshot: tests compare that, not the
storage (which may hold an exception where another laptop's row clock covers the same clock).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from json.encoder import encode_basestring
from typing import Any

BASELINE_HLC = "0000000000000-00000000"
BASELINE_DEVICE = ""

# (hlc, device, user) of one write.
Clock = tuple[str, str, str | None]
# field -> (hlc, device, user, value as canonical JSON, max_base)
Exception_ = tuple[str, str, str | None, str | None, str | None]


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def fast_canonical(value: Any) -> str:
    """:func:`canonical` of a value read from SQLite, fast for the common scalar cases."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is str:
        return str(encode_basestring(value))
    if kind is int:
        return str(value)
    if kind is bytes:
        return canonical({"$hex": value.hex().upper()})
    return canonical(value)


def sql_to_json(value: Any) -> Any:
    """A value read from SQLite as it travels (a blob as ``{"$hex": ...}``)."""
    if isinstance(value, bytes):
        return {"$hex": value.hex().upper()}
    return value


class Actors:
    """Device and user ids <-> the small integers of ``sync_actor``, cached for one connection.

    Ids are added inside the caller's transaction; a cache is used by one transaction only (a
    rollback would forget the rows it added)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.by_name: dict[str, int] = {}
        self.by_id: dict[int, str] = {}
        for ident, name in conn.execute("SELECT id, name FROM sync_actor"):
            self.by_name[str(name)] = int(ident)
            self.by_id[int(ident)] = str(name)

    def id_of(self, name: str | None) -> int | None:
        if name is None:
            return None
        found = self.by_name.get(name)
        if found is None:
            self.conn.execute(
                "INSERT INTO sync_actor (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (name,)
            )
            found = int(
                self.conn.execute("SELECT id FROM sync_actor WHERE name = ?", (name,)).fetchone()[0]
            )
            self.by_name[name] = found
            self.by_id[found] = name
        return found

    def name_of(self, ident: int | None) -> str | None:
        if ident is None:
            return None
        found = self.by_id.get(ident)
        if found is None:
            row = self.conn.execute("SELECT name FROM sync_actor WHERE id = ?", (ident,)).fetchone()
            found = str(row[0])
            self.by_id[ident] = found
            self.by_name[found] = ident
        return found


class ClockStore:
    """Reads and writes the clocks of single rows (the merge's view of the storage)."""

    def __init__(self, conn: sqlite3.Connection, known: Mapping[str, frozenset[str]]) -> None:
        self.conn = conn
        self.known = known
        self.actors = Actors(conn)

    # --- reading -----------------------------------------------------------------------------

    def row_clock(self, table: str, pk: str) -> Clock | None:
        row = self.conn.execute(
            "SELECT hlc, dev, user_id FROM sync_row_clock WHERE tbl = ? AND pk = ?", (table, pk)
        ).fetchone()
        if row is None:
            return None
        return (str(row[0]), str(self.actors.name_of(row[1])), self.actors.name_of(row[2]))

    def state(self, table: str, pk: str) -> tuple[Clock | None, dict[str, Exception_]]:
        """The row clock and the exceptions of one row, in one query."""
        row_clock: Clock | None = None
        found: dict[str, Exception_] = {}
        for f, h, d, u, v, b in self.conn.execute(
            "SELECT NULL, hlc, dev, user_id, NULL, NULL FROM sync_row_clock "
            "WHERE tbl = ? AND pk = ? UNION ALL "
            "SELECT field, hlc, dev, user_id, value, max_base FROM sync_field_clock "
            "WHERE tbl = ? AND pk = ?",
            (table, pk, table, pk),
        ):
            if f is None:
                row_clock = (str(h), str(self.actors.name_of(d)), self.actors.name_of(u))
            else:
                found[str(f)] = (h, d, u, v, b)
        return row_clock, found

    def exception(self, table: str, pk: str, field: str) -> Exception_ | None:
        row = self.conn.execute(
            "SELECT hlc, dev, user_id, value, max_base FROM sync_field_clock "
            "WHERE tbl = ? AND pk = ? AND field = ?",
            (table, pk, field),
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3], row[4])

    def exceptions(self, table: str, pk: str) -> dict[str, Exception_]:
        return {
            str(f): (h, d, u, v, b)
            for f, h, d, u, v, b in self.conn.execute(
                "SELECT field, hlc, dev, user_id, value, max_base FROM sync_field_clock "
                "WHERE tbl = ? AND pk = ?",
                (table, pk),
            )
        }

    def has_state(self, table: str, pk: str) -> bool:
        for sql in (
            "SELECT 1 FROM sync_row_clock WHERE tbl = ? AND pk = ?",
            "SELECT 1 FROM sync_field_clock WHERE tbl = ? AND pk = ? LIMIT 1",
        ):
            if self.conn.execute(sql, (table, pk)).fetchone() is not None:
                return True
        return False

    def effective_hlc(self, table: str, pk: str, field: str) -> str | None:
        """The HLC of the value of ``field`` (None: the baseline, no write yet)."""
        exc = self.exception(table, pk, field)
        if exc is not None:
            return str(exc[0])
        row = self.conn.execute(
            "SELECT hlc FROM sync_row_clock WHERE tbl = ? AND pk = ?", (table, pk)
        ).fetchone()
        return None if row is None else str(row[0])

    def newest_hlc(self, table: str, pk: str) -> str | None:
        """The HLC of the newest write of any field of the row (None: none yet)."""
        row = self.conn.execute(
            "SELECT max(hlc) FROM (SELECT hlc FROM sync_row_clock WHERE tbl = ? AND pk = ? "
            "UNION ALL SELECT hlc FROM sync_field_clock WHERE tbl = ? AND pk = ?)",
            (table, pk, table, pk),
        ).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def current_value(self, table: str, pk: str, field: str) -> str:
        """Canonical JSON of the value a row clock covers: the table's, else the tombstone's."""
        row = self.conn.execute(f"SELECT {q(field)} FROM {q(table)} WHERE id = ?", (pk,)).fetchone()
        if row is not None:
            return canonical(sql_to_json(row[0]))
        kept = self.conn.execute(
            "SELECT row_json FROM sync_tombstone WHERE tbl = ? AND pk = ?", (table, pk)
        ).fetchone()
        if kept is not None and kept[0]:
            values = json.loads(kept[0])
            if field in values:
                return canonical(values[field])
        return "null"

    # --- writing -----------------------------------------------------------------------------

    def put_exception(
        self,
        table: str,
        pk: str,
        field: str,
        clock: Clock,
        value: str | None,
        max_base: str | None,
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_field_clock "
            "(tbl, pk, field, hlc, dev, user_id, value, max_base) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (table, pk, field, clock[0], clock[1], clock[2], value, max_base),
        )

    def put_row_clock(self, table: str, pk: str, clock: Clock) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_row_clock (tbl, pk, hlc, dev, user_id) "
            "VALUES (?, ?, ?, ?, ?)",
            (table, pk, clock[0], self.actors.id_of(clock[1]), self.actors.id_of(clock[2])),
        )

    def row_clock_params(self, table: str, pk: str, clock: Clock) -> tuple[Any, ...]:
        """The parameters of one ``sync_row_clock`` row, for ``executemany``."""
        return (table, pk, clock[0], self.actors.id_of(clock[1]), self.actors.id_of(clock[2]))

    def drop_row(self, table: str, pk: str) -> None:
        """Forget every clock of a row (a purge of the whole row)."""
        self.conn.execute("DELETE FROM sync_row_clock WHERE tbl = ? AND pk = ?", (table, pk))
        self.conn.execute("DELETE FROM sync_field_clock WHERE tbl = ? AND pk = ?", (table, pk))


INSERT_ROW_CLOCK = (
    "INSERT OR REPLACE INTO sync_row_clock (tbl, pk, hlc, dev, user_id) VALUES (?, ?, ?, ?, ?)"
)
INSERT_EXCEPTION = (
    "INSERT OR REPLACE INTO sync_field_clock (tbl, pk, field, hlc, dev, user_id, value, max_base) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


# --- whole-state views (snapshots, tests) -----------------------------------------------------

# (field, hlc, dev, user, value as canonical JSON or None, max_base), sorted by field.
Entry = tuple[str, str, str, str | None, str | None, str | None]


def _table_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({q(table)})")}


def _clocked_rows(
    conn: sqlite3.Connection, table: str, fields: list[str]
) -> Iterator[tuple[str, Clock, dict[str, str] | None]]:
    """Rows of ``table`` with a row clock, by key: (key, clock, values of ``fields``)."""
    picked = ", ".join(f"t.{q(f)}" for f in fields)
    cursor = conn.execute(
        f"SELECT r.pk, r.hlc, d.name, u.name, t.id IS NOT NULL, ts.row_json"
        f"{', ' + picked if picked else ''} "
        "FROM sync_row_clock AS r "
        "LEFT JOIN sync_actor AS d ON d.id = r.dev "
        "LEFT JOIN sync_actor AS u ON u.id = r.user_id "
        f"LEFT JOIN {q(table)} AS t ON t.id = r.pk "
        "LEFT JOIN sync_tombstone AS ts ON ts.tbl = r.tbl AND ts.pk = r.pk "
        "WHERE r.tbl = ? ORDER BY r.pk",
        (table,),
    )
    while True:
        rows = cursor.fetchmany(5000)
        if not rows:
            return
        for row in rows:
            pk, hlc, dev, user, present, kept = row[:6]
            values: dict[str, str] | None
            if present:
                values = {f: fast_canonical(v) for f, v in zip(fields, row[6:], strict=True)}
            elif kept:
                loaded = json.loads(kept)
                values = {f: canonical(loaded[f]) for f in fields if f in loaded}
            else:
                values = None
            yield str(pk), (str(hlc), str(dev or ""), user), values


def _exception_rows(conn: sqlite3.Connection, table: str) -> Iterator[tuple[str, list[Entry]]]:
    cursor = conn.execute(
        "SELECT pk, field, hlc, dev, user_id, value, max_base FROM sync_field_clock "
        "WHERE tbl = ? ORDER BY pk, field",
        (table,),
    )
    current: str | None = None
    entries: list[Entry] = []
    while True:
        rows = cursor.fetchmany(5000)
        if not rows:
            break
        for pk, field, hlc, dev, user, value, max_base in rows:
            if pk != current:
                if current is not None:
                    yield current, entries
                current, entries = str(pk), []
            entries.append((str(field), str(hlc), str(dev), user, value, max_base))
    if current is not None:
        yield current, entries


def row_states(
    conn: sqlite3.Connection, known: Mapping[str, frozenset[str]]
) -> Iterator[tuple[str, str, list[Entry]]]:
    """Every row with clocks, by table and key: (table, key, the effective clock of each of its
    known fields, sorted by field). Streams; read inside the caller's transaction."""
    present = {str(r[0]) for r in conn.execute("SELECT DISTINCT tbl FROM sync_field_clock")} | {
        str(r[0]) for r in conn.execute("SELECT DISTINCT tbl FROM sync_row_clock")
    }
    for table in sorted(present):
        if table not in known:
            continue
        fields = sorted(known[table] & _table_columns(conn, table))
        clocked = _clocked_rows(conn, table, fields)
        excepted = _exception_rows(conn, table)
        a = next(clocked, None)
        b = next(excepted, None)
        while a is not None or b is not None:
            if b is None or (a is not None and a[0] < b[0]):
                assert a is not None
                pk, clock, values = a
                own: dict[str, Entry] = {}
                a = next(clocked, None)
            elif a is None or b[0] < a[0]:
                pk, entries = b
                b = next(excepted, None)
                yield table, pk, [e for e in entries if e[0] in known[table]]
                continue
            else:
                pk, clock, values = a
                own = {e[0]: e for e in b[1]}
                a, b = next(clocked, None), next(excepted, None)
            merged: list[Entry] = []
            for field in sorted(set(fields) | set(own)):
                if field in own:
                    if field in known[table]:
                        merged.append(own[field])
                    continue
                value = values.get(field) if values is not None else None
                if value is None:
                    continue  # the value is kept nowhere (a row clock always has its values)
                merged.append((field, clock[0], clock[1], clock[2], value, None))
            yield table, pk, merged


def effective_clocks(
    conn: sqlite3.Connection, known: Mapping[str, frozenset[str]] | None = None
) -> list[tuple[str, str, str, str, str, str | None, str | None, str | None]]:
    """Every field clock as the per-field table held them: (table, key, field, hlc, device,
    user, value, max_base), sorted. The same on every laptop that merged the same records."""
    if known is None:
        from vlot_desktop.sync.batch import known_fields

        known = known_fields()
    return [
        (table, pk, *entry) for table, pk, entries in row_states(conn, known) for entry in entries
    ]
