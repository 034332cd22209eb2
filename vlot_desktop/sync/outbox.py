"""This laptop's outbox and local clock: what a sync round sends, and the merge of its own writes.

The capture triggers (``sync/capture.py``) write every local change into ``sync_outbox``, one row
per field. Before a push (and before a pull or a snapshot merges anything) the rows not yet
folded are merged into the field clocks here (:func:`fold_outbox`), noting what each write had
seen; the push then reads them back grouped into records (:func:`outbox_records`), leaving out
the values other laptops would refuse (:class:`Withheld`). The engine, the bootstrap and the
compactor all use this module, and it uses none of them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from vlot_desktop.sync import batch as batch_mod
from vlot_desktop.sync.batch import Record
from vlot_desktop.sync.capture import parse_hlc, synced_local_columns
from vlot_desktop.sync.clocks import INSERT_EXCEPTION, INSERT_ROW_CLOCK
from vlot_desktop.sync.merge import Merger, canonical, stored_text


def local_clock(conn: sqlite3.Connection) -> tuple[str, int, int]:
    """(epoch, the last seq sent, the last seq folded) of this laptop."""
    epoch, pushed, folded = conn.execute(
        "SELECT epoch, pushed_seq, folded_seq FROM sync_clock WHERE id = 1"
    ).fetchone()
    return str(epoch), int(pushed), int(folded)


OUTBOX_CHUNK = 5000  # outbox rows read at a time


@dataclass(frozen=True)
class Withheld:
    """A value of a local change that other laptops could not take in, so it is not sent (the
    rest of the change is), or was sent repaired: reported to the user, never a blocked sync."""

    table: str
    pk: str
    field: str
    reason: str  # "too long" | "not storable" | "not valid UTF-8 (sent repaired)"

    def as_json(self) -> dict[str, str]:
        return {"table": self.table, "pk": self.pk, "field": self.field, "reason": self.reason}


TOO_LONG = "too long"
NOT_STORABLE = "not a value other laptops can store"
REPAIRED = "not valid UTF-8 (sent with the damaged characters replaced)"


def _sendable(record: Record, notes: list[Withheld] | None) -> None:
    """Take out of ``record`` the values a reader would refuse (``batch.is_value``, the line
    limit), so that no laptop ever writes a file the others refuse; each is noted."""
    for name, value in list(record.fields.items()):
        if not batch_mod.is_value(value):
            long = isinstance(value, str | dict) and len(str(value)) > batch_mod.MAX_TEXT
            _withhold(record, name, TOO_LONG if long else NOT_STORABLE, notes)
    # A line holds every field (escaped: up to 6 bytes a character): measure only when the
    # values could come near the limit.
    rough = sum(len(v) for v in record.fields.values() if isinstance(v, str))
    if rough * 6 + 4096 < batch_mod.MAX_LINE:
        return
    while record.fields and batch_mod.record_line_length(record) > batch_mod.MAX_LINE:
        largest = max(record.fields, key=lambda f: len(str(record.fields[f])))
        _withhold(record, largest, TOO_LONG, notes)


def _withhold(record: Record, name: str, reason: str, notes: list[Withheld] | None) -> None:
    del record.fields[name]
    record.base.pop(name, None)
    if notes is not None:
        notes.append(Withheld(record.table, record.pk, name, reason))


def _group_rows(
    rows: list[tuple[Any, ...]], device: str, notes: list[Withheld] | None = None
) -> list[tuple[Record, list[int]]]:
    """Consecutive outbox rows of one write (same hlc, table, key and op) as one record."""
    grouped: list[tuple[Record, list[int]]] = []
    current: Record | None = None
    seqs: list[int] = []
    for seq, hlc, tbl, pk, op, fname, value, user, base in rows:
        if current is None or (current.hlc, current.table, current.pk, current.op) != (
            hlc,
            tbl,
            pk,
            op,
        ):
            current = Record(
                hlc=hlc, dev=device, seq=seq, table=tbl, pk=pk, op=op, fields={}, base={}
            )
            current.user = user
            seqs = []
            grouped.append((current, seqs))
        current.seq = seq
        seqs.append(seq)
        if fname is None and op == "delete" and base is not None:
            current.base[batch_mod.ROW_BASE] = base
        if fname is not None:
            if isinstance(value, bytes):  # (see _outbox_rows: text that is not UTF-8)
                value = value.decode("utf-8", "replace")
                if notes is not None:
                    notes.append(Withheld(tbl, pk, fname, REPAIRED))
            current.fields[fname] = json.loads(value) if value is not None else None
            current.base[fname] = base
    for record, _ in grouped:
        _sendable(record, notes)
    return grouped


_OUTBOX_SQL = (
    "SELECT seq, hlc, tbl, pk, op, field, {value}, user_id, base FROM sync_outbox "
    "WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?"
)


def _outbox_rows(
    conn: sqlite3.Connection, after: int, upto: int, limit: int
) -> list[tuple[Any, ...]]:
    """Outbox rows; a value that is not valid UTF-8 (text written outside the app, e.g. with
    the sqlite3 shell) comes as its bytes instead of stopping the sync for good."""
    try:
        return conn.execute(_OUTBOX_SQL.format(value="value"), (after, upto, limit)).fetchall()
    except sqlite3.OperationalError as exc:
        if "decode" not in str(exc):
            raise
    rows = conn.execute(
        _OUTBOX_SQL.format(value="CAST(value AS BLOB)"), (after, upto, limit)
    ).fetchall()
    return [(*r[:6], _text_or_bytes(r[6]), *r[7:]) for r in rows]


def _text_or_bytes(raw: bytes | None) -> str | bytes | None:
    if raw is None:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


def _outbox_chunks(
    conn: sqlite3.Connection,
    after: int,
    upto: int,
    device: str,
    size: int = OUTBOX_CHUNK,
    notes: list[Withheld] | None = None,
) -> Iterator[list[tuple[Record, list[int]]]]:
    """Outbox rows ``after < seq <= upto`` grouped into records (one per row change), in
    lists of about ``size`` rows. Each list is read whole before it is given, so no statement
    is open on ``conn`` while the caller writes through it. Values other laptops would refuse
    are left out (and noted in ``notes``): the same records for the fold, the push and the
    checksum of a file already on the share."""
    limit = size
    while after < upto:
        rows = _outbox_rows(conn, after, upto, limit)
        if not rows:
            return
        grouped = _group_rows(rows, device, notes)
        if len(rows) == limit:
            if len(grouped) == 1:
                limit *= 2  # one write with more fields than a chunk: read it whole
                continue
            grouped.pop()  # the last write may go on past this chunk: read it with the next
        limit = size
        after = grouped[-1][1][-1]
        yield grouped


def outbox_records(
    conn: sqlite3.Connection,
    after: int,
    upto: int,
    device: str,
    notes: list[Withheld] | None = None,
) -> Iterator[tuple[Record, list[int]]]:
    """Outbox rows ``after < seq <= upto`` grouped into records (one per row change)."""
    for chunk in _outbox_chunks(conn, after, upto, device, notes=notes):
        yield from chunk


def claim_outbox(conn: sqlite3.Connection, device: str, user: str | None) -> None:
    """Set who writes on this laptop; rows written before it was known get it too."""
    conn.execute("UPDATE sync_clock SET device_id = ?, user_id = ? WHERE id = 1", (device, user))
    conn.execute(
        "UPDATE sync_outbox SET device_id = ?, user_id = coalesce(user_id, ?) "
        "WHERE seq > (SELECT folded_seq FROM sync_clock WHERE id = 1) "
        "AND (device_id IS NULL OR user_id IS NULL)",
        (device, user),
    )


def _without_state(conn: sqlite3.Connection, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (table, key) pairs of ``keys`` that have no clock, tombstone or purge yet."""
    by_table: dict[str, list[str]] = {}
    for table, pk in keys:
        by_table.setdefault(table, []).append(pk)
    fresh = set(keys)
    for table, pks in by_table.items():
        for start in range(0, len(pks), 500):
            part = pks[start : start + 500]
            marks = ",".join("?" * len(part))
            for sql in (
                f"SELECT pk FROM sync_row_clock WHERE tbl = ? AND pk IN ({marks})",
                f"SELECT DISTINCT pk FROM sync_field_clock WHERE tbl = ? AND pk IN ({marks})",
                f"SELECT pk FROM sync_tombstone WHERE tbl = ? AND pk IN ({marks})",
                f"SELECT DISTINCT pk FROM sync_purged WHERE tbl = ? AND pk IN ({marks})",
            ):
                for (pk,) in conn.execute(sql, (table, *part)):
                    fresh.discard((table, str(pk)))
    return fresh


def _in_tables(conn: sqlite3.Connection, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (table, key) pairs of ``keys`` whose row is in its table."""
    by_table: dict[str, list[str]] = {}
    for table, pk in keys:
        by_table.setdefault(table, []).append(pk)
    found: set[tuple[str, str]] = set()
    for table, pks in by_table.items():
        for start in range(0, len(pks), 500):
            part = pks[start : start + 500]
            marks = ",".join("?" * len(part))
            for (pk,) in conn.execute(f'SELECT id FROM "{table}" WHERE id IN ({marks})', part):
                found.add((table, str(pk)))
    return found


def fold_outbox(conn: sqlite3.Connection, merger: Merger, device: str) -> int:
    """Merge this laptop's new outbox rows into the field clocks, noting what each had seen.

    The first write of a row that has no sync state yet (a new record: nothing seen, nothing to
    conflict with) goes straight into the clocks, in bulk: one row clock when it set every field
    and the row is still there (the usual insert), else one exception per field. Every other
    write goes through the merge one at a time. A delete's outbox row holds the row's values;
    they go to its tombstone (a row clock keeps none) and leave the outbox.
    """
    _, _, folded = local_clock(conn)
    last = conn.execute("SELECT max(seq) FROM sync_outbox").fetchone()[0]
    if last is None or last <= folded:
        return 0
    count = 0
    store = merger.store
    for chunk in _outbox_chunks(conn, folded, last, device):
        fresh = _without_state(
            conn, {(r.table, r.pk) for r, _ in chunk if r.op == "upsert" and r.fields}
        )
        # Only a write of every field can become a row clock: only those rows are looked up.
        whole = {
            (r.table, r.pk)
            for r, _ in chunk
            if (r.table, r.pk) in fresh
            and r.table in merger.known
            and r.fields.keys() >= merger.known[r.table]
        }
        present = _in_tables(conn, whole) if whole else set()
        row_clocks: list[tuple[Any, ...]] = []
        exceptions: list[tuple[Any, ...]] = []

        for record, seqs in chunk:
            count += 1
            key = (record.table, record.pk)
            if key in fresh and record.table in merger.known:
                fresh.discard(key)  # a later write of the same row takes the ordinary path
                merger.max_hlc = max(merger.max_hlc, record.hlc)
                if record.table == "attachment" and isinstance(record.fields.get("sha256"), str):
                    merger.blob_refs.add(record.fields["sha256"])
                known = merger.known[record.table]
                clock = (record.hlc, record.dev, record.user)
                if key in present and record.fields.keys() >= known:
                    row_clocks.append(store.row_clock_params(record.table, record.pk, clock))
                else:
                    exceptions.extend(
                        (record.table, record.pk, f, *clock, stored_text(v), None)
                        for f, v in record.fields.items()
                        if f in known
                    )
                continue
            _flush_clocks(conn, row_clocks, exceptions)
            # A write on a row this laptop knows deleted (a restore) has seen that delete.
            tomb = conn.execute(
                "SELECT hlc FROM sync_tombstone WHERE tbl = ? AND pk = ?", (record.table, record.pk)
            ).fetchone()
            for fname in record.fields:
                seen = store.effective_hlc(record.table, record.pk, fname)
                if tomb is not None and str(tomb[0]) > (seen or ""):
                    seen = str(tomb[0])
                record.base[fname] = seen
                conn.execute(
                    "UPDATE sync_outbox SET base = ? WHERE seq BETWEEN ? AND ? AND field = ?",
                    (record.base[fname], seqs[0], seqs[-1], fname),
                )
            if record.op == "delete":
                # What the deleter had seen of the row: an edit it had not seen is a conflict.
                row_seen = store.newest_hlc(record.table, record.pk)
                if row_seen is not None:
                    record.base[batch_mod.ROW_BASE] = row_seen
                    conn.execute(
                        "UPDATE sync_outbox SET base = ? WHERE seq = ?", (row_seen, seqs[0])
                    )
            merger.apply(record, local=True)
            if record.op == "delete":
                kept = conn.execute(
                    "SELECT CAST(value AS BLOB) FROM sync_outbox WHERE seq = ?", (seqs[0],)
                ).fetchone()
                if kept is not None and kept[0] is not None:
                    row_json = bytes(kept[0]).decode("utf-8", "replace")
                    conn.execute(
                        "UPDATE sync_tombstone SET row_json = ? "
                        "WHERE tbl = ? AND pk = ? AND row_json IS NULL",
                        (_canonical_json(row_json), record.table, record.pk),
                    )
                    conn.execute("UPDATE sync_outbox SET value = NULL WHERE seq = ?", (seqs[0],))
        _flush_clocks(conn, row_clocks, exceptions)
    conn.execute("UPDATE sync_clock SET folded_seq = ? WHERE id = 1", (last,))
    return count


def _flush_clocks(
    conn: sqlite3.Connection, row_clocks: list[tuple[Any, ...]], exceptions: list[tuple[Any, ...]]
) -> None:
    if row_clocks:
        conn.executemany(INSERT_ROW_CLOCK, row_clocks)
        row_clocks.clear()
    if exceptions:
        conn.executemany(INSERT_EXCEPTION, exceptions)
        exceptions.clear()


def _canonical_json(text: str) -> str:
    values = json.loads(text)
    return canonical(values if isinstance(values, dict) else {})


def new_merger(conn: sqlite3.Connection, known: Mapping[str, frozenset[str]]) -> Merger:
    """A merge over the synced tables and fields this version knows (``batch.known_fields()``,
    passed by the caller)."""
    return Merger(conn, known, synced_local_columns())


def advance_clock(conn: sqlite3.Connection, hlc: str) -> None:
    """Receive: this laptop's next stamp comes after everything it has seen."""
    if not hlc:
        return
    wall, counter = parse_hlc(hlc)
    conn.execute(
        "UPDATE sync_clock SET wall_ms = ?, counter = ? WHERE id = 1 "
        "AND (wall_ms < ? OR (wall_ms = ? AND counter < ?))",
        (wall, counter, wall, wall, counter),
    )
