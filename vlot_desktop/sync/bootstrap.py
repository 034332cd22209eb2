"""A laptop takes the snapshot that covers the most when it needs it: a new laptop (bootstrap),
or one whose missing batches were removed from the share by compaction.

Looking costs one listing of ``snapshots/`` (plus the manifest when there is a newer one), so
a sync round only looks when it has reason to: never looked before, a gap in the batches on the
share, or a day since the last look (a laptop that was away while a colleague's batches came and
went). A laptop that holds every batch the snapshot covers does not apply it; it only prunes
its outbox of what the snapshot covers. Applying is one transaction: a damaged snapshot is
rejected whole and the round goes on with the batches.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vlot_desktop.sync import coverage, snapshot_read
from vlot_desktop.sync import snapshot as snap
from vlot_desktop.sync.batch import ROW_BASE, Record, parse_batch_name
from vlot_desktop.sync.capture import sqlite3_runner, suppressed
from vlot_desktop.sync.clocks import INSERT_EXCEPTION, INSERT_ROW_CLOCK
from vlot_desktop.sync.merge import Merger, canonical, from_sql, stored_text
from vlot_desktop.sync.outbox import advance_clock, claim_outbox, fold_outbox
from vlot_desktop.sync.share import Share, TooLargeError
from vlot_desktop.sync.timekeeping import too_far_ahead

CHECK_EVERY_MS = 24 * 3600 * 1000
BOOTSTRAP_CACHE_KB = 256 * 1024
APPLY_CHUNK = 2000
DELETED_FIELD = "(deleted)"


@dataclass
class SnapshotCheck:
    looked: bool = False
    snapshot_id: str | None = None  # the newest complete snapshot seen
    applied: bool = False
    rows: int = 0
    outbox_pruned: int = 0
    error: str | None = None  # a snapshot that could not be used (and why)


def _clock_state(conn: sqlite3.Connection) -> tuple[str | None, int, str]:
    snap_id, checked, epoch = conn.execute(
        "SELECT snapshot_id, snapshot_checked_ms, epoch FROM sync_clock WHERE id = 1"
    ).fetchone()
    return snap_id, int(checked or 0), str(epoch)


def should_look(
    conn: sqlite3.Connection,
    gap: bool,
    now_ms: int | None = None,
    listing: list[str] | None = None,
) -> bool:
    """Look at the snapshots: never looked, a gap in the batches, a day since the last look,
    or a snapshot other than the last one looked at is marked in ``changes/`` (``listing``).
    The marker matters where batches went before this laptop saw them (compacted away): the
    snapshot then holds changes no gap shows, e.g. from a laptop it never heard of."""
    last_id, checked, _ = _clock_state(conn)
    now = int(time.time() * 1000) if now_ms is None else now_ms
    if gap or checked == 0 or now - checked >= CHECK_EVERY_MS:
        return True
    return any(marked != last_id for marked in snap.marked_ids(listing or []))


def newest_snapshots(share: Share) -> list[str]:
    """Snapshot ids on the share, newest first (an empty list when there is no folder)."""
    try:
        names = share.list(snap.SNAPSHOTS)
    except FileNotFoundError:
        return []
    return sorted((n for n in names if snap.ID_PATTERN.match(n)), reverse=True)


def read_manifest(share: Share, snap_id: str) -> snap.Manifest | None:
    """The manifest of ``snap_id``, or None while it is incomplete (no manifest yet)."""
    try:
        data = share.read(f"{snap.folder(snap_id)}/{snap.MANIFEST}", snap.MAX_MANIFEST_BYTES)
    except FileNotFoundError:
        return None
    except TooLargeError as exc:
        raise snap.BadSnapshotError("manifest too large") from exc
    return snap.parse_manifest(data, snap_id)


def _covered(covers: coverage.Covers) -> int:
    return sum(hi - lo + 1 for ranges in covers.values() for lo, hi in ranges)


def best_snapshot(share: Share, result: SnapshotCheck | None = None) -> snap.Manifest | None:
    """The complete snapshot that covers the most: one covering all the others if there is one
    (the usual case: a compactor removes the snapshots its own covers), else the one covering
    the most change numbers. Never chosen by its name: a compactor whose clock ran ahead makes
    a name that sorts after every later one. A damaged one is noted in ``result.error``."""
    found: list[snap.Manifest] = []
    for snap_id in newest_snapshots(share):
        try:
            manifest = read_manifest(share, snap_id)
        except snap.BadSnapshotError as exc:
            if result is not None:
                result.error = f"{snap_id}: {exc}"
            continue
        if manifest is not None:
            found.append(manifest)
    if not found:
        return None
    for manifest in found:
        if all(coverage.covers_all(manifest.covers, other.covers) for other in found):
            return manifest
    return max(found, key=lambda m: (_covered(m.covers), m.id))


def prune_outbox(conn: sqlite3.Connection, covers: coverage.Covers, device: str) -> int:
    """Drop this laptop's outbox rows that a snapshot on the share covers (and that are on the
    share and merged already): the snapshot now keeps them."""
    _, _, epoch = _clock_state(conn)
    pushed, folded = conn.execute(
        "SELECT pushed_seq, folded_seq FROM sync_clock WHERE id = 1"
    ).fetchone()
    upto = min(int(pushed), int(folded))
    removed = 0
    for lo, hi in covers.get(coverage.key_of(device, epoch), []):
        removed += conn.execute(
            "DELETE FROM sync_outbox WHERE seq BETWEEN ? AND ? AND seq <= ?",
            (lo, hi, upto),
        ).rowcount
    return removed


def forget_vanished(conn: sqlite3.Connection, listing: list[str]) -> int:
    """Files this laptop took in that compaction removed from the share: their seq ranges move
    to ``snapshot_covers`` (still held here) and their ledger rows go, so the ledger does not
    grow forever and a vanished file is a sign of a new snapshot only once."""
    present = set(listing)
    gone = [
        (str(file), str(status))
        for file, status in conn.execute("SELECT file, status FROM sync_ingested").fetchall()
        if file not in present
    ]
    if not gone:
        return 0
    held = coverage.from_json(
        conn.execute("SELECT snapshot_covers FROM sync_clock WHERE id = 1").fetchone()[0]
    )
    for file, status in gone:
        name = parse_batch_name(file)
        if name is not None and status in ("applied", "own"):
            coverage.add_range(
                held, coverage.key_of(name.device, name.epoch), name.seq_from, name.seq_to
            )
    conn.execute(
        "UPDATE sync_clock SET snapshot_covers = ? WHERE id = 1", (coverage.to_json(held),)
    )
    conn.executemany("DELETE FROM sync_ingested WHERE file = ?", [(f,) for f, _ in gone])
    return len(gone)


def check_snapshots(
    conn: sqlite3.Connection,
    share: Share,
    device: str,
    known: Mapping[str, frozenset[str]],
    local_columns: Mapping[str, set[str]],
    listing: list[str] | None = None,
    data_dir: Path | None = None,
) -> SnapshotCheck:
    """Look at the newest complete snapshot; apply it when this laptop lacks batches it covers.

    ``listing`` (the ``changes/`` folder as just listed) lets the ledger forget files that are
    gone. ``conn`` is outside a transaction; this commits its own.
    """
    result = SnapshotCheck(looked=True)
    if listing is not None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            forget_vanished(conn, listing)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    last_id, _, _ = _clock_state(conn)
    now_ms = int(time.time() * 1000)
    manifest = best_snapshot(share, result)
    if manifest is not None and manifest.id == last_id:
        manifest = None  # looked at this one already (and applied it if it was needed)
    if manifest is None:
        conn.execute("UPDATE sync_clock SET snapshot_checked_ms = ? WHERE id = 1", (now_ms,))
        return result
    result.snapshot_id = manifest.id
    needed = not coverage.covers_all(
        _others(coverage.local_covers(conn), device, conn), _others(manifest.covers, device, conn)
    )
    merger = Merger(conn, known, local_columns)
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    journal = None
    if needed:
        # One transaction for the whole snapshot: a big page cache keeps the indexes being
        # filled in memory instead of spilling the same pages to the WAL again and again.
        conn.execute(f"PRAGMA cache_size=-{BOOTSTRAP_CACHE_KB}")
        journal = _bulk_journal(conn, known)
    conn.execute("BEGIN IMMEDIATE")
    try:
        if needed:
            claim_outbox(conn, device, None)
            fold_outbox(conn, merger, device)
            with suppressed(sqlite3_runner(conn)), _bulk_load(conn, known):
                result.rows = apply_manifest(conn, share, manifest, merger)
            result.applied = True
            if data_dir is not None:
                from vlot_desktop.sync.blobs import note_missing

                note_missing(conn, data_dir, merger.blob_refs)
            advance_clock(conn, merger.max_hlc)
        covers = coverage.merge(
            coverage.from_json(
                conn.execute("SELECT snapshot_covers FROM sync_clock WHERE id = 1").fetchone()[0]
            ),
            manifest.covers if needed else {},
        )
        result.outbox_pruned = prune_outbox(conn, manifest.covers, device)
        conn.execute(
            "UPDATE sync_clock SET snapshot_id = ?, snapshot_checked_ms = ?, snapshot_covers = ? "
            "WHERE id = 1",
            (manifest.id, now_ms, coverage.to_json(covers)),
        )
        conn.execute("COMMIT")
    except snap.BadSnapshotError as exc:
        conn.execute("ROLLBACK")
        result.applied, result.rows = False, 0
        result.error = f"{manifest.id}: {exc}"
    except FileNotFoundError:
        conn.execute("ROLLBACK")  # replaced by a newer snapshot meanwhile: next round
        result.applied, result.rows = False, 0
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute(f"PRAGMA cache_size={int(cache)}")
        if journal is not None:
            conn.execute(f"PRAGMA journal_mode={journal}")
    return result


NEW_LAPTOP_ROWS = 1000


def _bulk_journal(conn: sqlite3.Connection, known: Mapping[str, frozenset[str]]) -> str | None:
    """On a new laptop (hardly any synced rows yet), load the snapshot with a rollback journal
    instead of the WAL: pages that were empty need no journal, so the data is written once
    instead of twice (WAL, then checkpoint). Crash-safe all the same (the journal holds the
    few pages that existed). Returns the mode to go back to, or None when nothing changed
    (e.g. another connection has the database open: the WAL it is)."""
    rows = 0
    for table in known:
        rows += conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {_q(table)} LIMIT ?)", (NEW_LAPTOP_ROWS,)
        ).fetchone()[0]
        if rows >= NEW_LAPTOP_ROWS:
            return None
    mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    if mode != "wal":
        return None
    try:
        now = str(conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower()
    except sqlite3.OperationalError:
        return None
    return mode if now != mode else None


@contextmanager
def _bulk_load(conn: sqlite3.Connection, known: Mapping[str, frozenset[str]]) -> Iterator[None]:
    """Inside the caller's transaction, for the synced tables that are still empty (all of
    them, on a new laptop): their secondary indexes and their triggers are dropped while the
    snapshot fills them and made again at the end (one sort per index instead of a million
    scattered inserts; no trigger run per row). The capture triggers are suppressed during a
    merge anyway; the name search index (``db.member_search``) is rebuilt in one go. Unique
    indexes stay (a row that breaks one is refused on insert, as always)."""
    from vlot_desktop.db import member_search

    dropped: list[tuple[str, str, str]] = []  # (type, name, sql)
    for table in sorted(known):
        if conn.execute(f"SELECT 1 FROM {_q(table)} LIMIT 1").fetchone() is not None:
            continue
        for kind, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND tbl_name = ? AND sql IS NOT NULL ORDER BY type, name",
            (table,),
        ).fetchall():
            if not str(sql).lstrip().upper().startswith("CREATE UNIQUE"):
                dropped.append((str(kind), str(name), str(sql)))
    for kind, name, _ in dropped:
        conn.execute(f"DROP {kind.upper()} {_q(name)}")
    yield
    for _, _, sql in dropped:
        conn.execute(sql)
    if any(name.startswith("trg_member_search") for _, name, _ in dropped):
        member_search.rebuild(conn)


def _others(covers: coverage.Covers, device: str, conn: sqlite3.Connection) -> coverage.Covers:
    """``covers`` without this laptop's own current epoch (its own changes are here anyway)."""
    _, _, epoch = _clock_state(conn)
    own = coverage.key_of(device, epoch)
    return {k: v for k, v in covers.items() if k != own}


# --- applying --------------------------------------------------------------------------------


def apply_manifest(
    conn: sqlite3.Connection,
    share: Share,
    manifest: snap.Manifest,
    merger: Merger,
    *,
    helper: bool | None = None,
) -> int:
    """Merge every part of ``manifest`` (inside the caller's transaction); returns the rows.
    ``helper``: parse in a helper process (default: for a large snapshot, ``snapshot_read``)."""
    applier = _Applier(conn, merger)
    for prepared in snapshot_read.prepared_chunks(
        share, manifest, merger.known, applier.local, applier.now, APPLY_CHUNK, helper=helper
    ):
        if too_far_ahead(prepared.max_hlc):
            # Written by a compactor whose clock is badly ahead: see timekeeping.MAX_FUTURE_MS.
            raise snap.BadSnapshotError(
                f"holds changes dated in the future ({prepared.max_hlc[:13]} ms)"
            )
        applier.apply_prepared(prepared)
    return applier.rows


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Applier:
    """Merges snapshot lines. Rows this laptop knows nothing of (no field clock, no tombstone,
    no row: the whole table for a new laptop) are inserted in bulk; the rest go through the
    ordinary merge, one write at a time."""

    def __init__(self, conn: sqlite3.Connection, merger: Merger) -> None:
        self.conn = conn
        self.merger = merger
        self.known = merger.known
        self.local = {t: tuple(sorted(c)) for t, c in merger.local_columns.items()}
        self.rows = 0
        self.now = conn.execute("SELECT strftime('%Y-%m-%d %H:%M:%f000', 'now')").fetchone()[0]
        # Tables without any row or sync state yet (every table, on a new laptop): a row of
        # them has state only if a purge or delete line of this snapshot gave it some.
        self.empty = {table for table in self.known if self._is_empty(table)}
        self.touched: dict[str, set[str]] = {}

    def _is_empty(self, table: str) -> bool:
        for sql in (
            f"SELECT 1 FROM {_q(table)} LIMIT 1",
            "SELECT 1 FROM sync_row_clock WHERE tbl = ? LIMIT 1",
            "SELECT 1 FROM sync_field_clock WHERE tbl = ? LIMIT 1",
            "SELECT 1 FROM sync_tombstone WHERE tbl = ? LIMIT 1",
            "SELECT 1 FROM sync_purged WHERE tbl = ? LIMIT 1",
        ):
            params = () if sql.startswith(f"SELECT 1 FROM {_q(table)}") else (table,)
            if self.conn.execute(sql, params).fetchone() is not None:
                return False
        return True

    def apply(self, lines: list[dict[str, Any]]) -> None:
        """Merge checked lines (as ``snapshot.read_part`` gives them)."""
        for prepared in snapshot_read.prepare_lines(
            lines, self.known, self.local, self.now, len(lines) + 1
        ):
            self.apply_prepared(prepared)

    def apply_prepared(self, prepared: snapshot_read.Prepared) -> None:
        self.rows += prepared.row_lines
        if prepared.max_hlc > self.merger.max_hlc:
            self.merger.max_hlc = prepared.max_hlc
        for line in prepared.others:
            kind = line["k"]
            if kind == "extra":
                self._extra(line)
                continue
            self.touched.setdefault(line["t"], set()).add(line["pk"])
            if kind == "tomb":
                self._tomb(line)
            elif kind == "conf":
                self._conflict(line)
            else:
                self._purge(line)
        for table, items in prepared.rows.items():
            self._rows(table, items)

    def _purge(self, line: dict[str, Any]) -> None:
        from vlot_desktop.sync.purge import apply_purge_marker

        table, field = line["t"], line["field"]
        if table not in self.known or (field != "*" and field not in self.known[table]):
            # Of a table or field of a newer version: erases what was kept of it.
            extra = {} if field == "*" else {field: None}
            self.merger.apply(
                Record(
                    hlc=line["hlc"],
                    dev=line["dev"],
                    seq=0,
                    table=table,
                    pk=line["pk"],
                    op="purge",
                    fields={},
                    base={},
                    user=line["user"],
                    extra=extra,
                )
            )
            return
        apply_purge_marker(
            self.conn, self.merger, line["t"], line["pk"], line["field"],
            (line["hlc"], line["dev"], line["user"]),
        )  # fmt: skip

    def _extra(self, line: dict[str, Any]) -> None:
        """Fields of a newer version in a row line: kept with their clocks (``sync.extras``)."""
        from vlot_desktop.sync import extras

        if "*" in self.merger.purged.get((line["t"], line["pk"]), set()):
            return
        clocks, which = line["c"], line["w"]
        for name, value in line["f"].items():
            hlc, dev, user = clocks[which.get(name, 0)]
            extras.keep(self.conn, line["t"], line["pk"], (hlc, dev, user), {name: value})

    def _tomb(self, line: dict[str, Any]) -> None:
        base = {ROW_BASE: line["base"]} if line.get("base") else {}
        record = Record(
            hlc=line["hlc"], dev=line["dev"], seq=0, table=line["t"], pk=line["pk"],
            op="delete", fields={}, base=base, user=line["user"],
        )  # fmt: skip
        self.merger.apply(record)
        if line.get("row") is not None:
            self.conn.execute(
                "UPDATE sync_tombstone SET row_json = coalesce(row_json, ?) "
                "WHERE tbl = ? AND pk = ?",
                (canonical(line["row"]), line["t"], line["pk"]),
            )

    def _conflict(self, line: dict[str, Any]) -> None:
        field = line["field"]
        if field not in self.known[line["t"]]:
            return
        value = json.loads(line["value"]) if line["value"] is not None else None
        record = Record(
            hlc=line["hlc"], dev=line["dev"], seq=0, table=line["t"], pk=line["pk"],
            op="upsert", fields={field: value}, base={}, user=line["user"],
        )  # fmt: skip
        self.merger.apply(record)

    def _existing(self, table: str, pks: list[str]) -> set[str]:
        marks = ",".join("?" * len(pks))
        found: set[str] = set()
        for sql in (
            f"SELECT pk FROM sync_row_clock WHERE tbl = ? AND pk IN ({marks})",
            f"SELECT DISTINCT pk FROM sync_field_clock WHERE tbl = ? AND pk IN ({marks})",
            f"SELECT pk FROM sync_tombstone WHERE tbl = ? AND pk IN ({marks})",
            f"SELECT pk FROM sync_purged WHERE tbl = ? AND pk IN ({marks})",
        ):
            found.update(str(r[0]) for r in self.conn.execute(sql, (table, *pks)))
        found.update(
            str(r[0])
            for r in self.conn.execute(f"SELECT id FROM {_q(table)} WHERE id IN ({marks})", pks)
        )
        return found

    def _rows(self, table: str, items: list[snapshot_read.RowItem]) -> None:
        existing: set[str] = set()
        if table in self.empty:
            existing = self.touched.get(table, set())
        else:
            for start in range(0, len(items), 500):
                existing |= self._existing(table, [it[0] for it in items[start : start + 500]])
        if existing:
            for item in items:
                if item[0] in existing:
                    self._merge_item(table, item)
            items = [item for item in items if item[0] not in existing]
        if table == "attachment":
            for _, names, row, _, _, _ in items:
                sha = row[1 + names.index("sha256")] if "sha256" in names else None
                if isinstance(sha, str):
                    self.merger.blob_refs.add(sha)
        inserts: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for item in items:
            inserts.setdefault(item[1], []).append(item[2])
        failed = self._insert_rows(table, inserts)
        if failed:
            # A key met twice (only a damaged snapshot holds one): the later line merges.
            again = self._existing(table, sorted(failed))
            for item in items:
                if item[0] in again:
                    self._merge_item(table, item)
            failed -= again
            items = [item for item in items if item[0] not in again]
        self._write_clocks(table, items, failed)

    def _insert_rows(
        self, table: str, inserts: dict[tuple[str, ...], list[tuple[Any, ...]]]
    ) -> set[str]:
        """Insert new rows in bulk; returns the keys of those that lack a required field."""
        failed: set[str] = set()
        local = self.local.get(table, ())
        for names, values in inserts.items():
            columns = (*names, *local)
            sql = (
                f"INSERT INTO {_q(table)} (id, {', '.join(_q(n) for n in columns)}) "
                f"VALUES ({', '.join('?' * (len(columns) + 1))})"
            )
            self.conn.execute("SAVEPOINT snapshot_rows")
            try:
                self.conn.executemany(sql, values)
            except sqlite3.IntegrityError:
                # Some row lacks a required field (its batch is late): insert the others one by
                # one; the rest wait in sync_field_clock, as after an ordinary merge.
                self.conn.execute("ROLLBACK TO snapshot_rows")
                for row in values:
                    self.conn.execute("SAVEPOINT snapshot_row")
                    try:
                        self.conn.execute(sql, row)
                    except sqlite3.IntegrityError:
                        self.conn.execute("ROLLBACK TO snapshot_row")
                        failed.add(str(row[0]))
                    self.conn.execute("RELEASE snapshot_row")
            self.conn.execute("RELEASE snapshot_rows")
        return failed

    def _write_clocks(
        self, table: str, items: list[snapshot_read.RowItem], failed: set[str]
    ) -> None:
        """The clocks of new rows: clock 0 as the row clock of a row that has every field and
        is in its table, an exception for each other field (and for every field of the rest)."""
        every = len(self.known[table])  # the items' fields are known ones
        actors = self.merger.store.actors
        ids = actors.by_name

        def actor(name: str | None) -> int | None:
            if name is None:
                return None
            found = ids.get(name)
            return actors.id_of(name) if found is None else found

        row_clocks: list[tuple[Any, ...]] = []
        exceptions: list[tuple[Any, ...]] = []
        for pk, names, row, cl, which, bases in items:
            whole = len(names) == every and pk not in failed
            if whole:
                hlc, dev, user = cl[0]
                row_clocks.append((table, pk, hlc, actor(dev), actor(user)))
                if which is None and bases is None:
                    continue
            which, bases = which or {}, bases or {}
            for position, name in enumerate(names, start=1):
                index = which.get(name, 0)
                base = bases.get(name)
                if index or base or not whole:
                    hlc, dev, user = cl[index]
                    exceptions.append(
                        (table, pk, name, hlc, dev, user, stored_text(row[position]), base)
                    )
        if row_clocks:
            self.conn.executemany(INSERT_ROW_CLOCK, row_clocks)
        if exceptions:
            self.conn.executemany(INSERT_EXCEPTION, exceptions)

    def _merge_item(self, table: str, item: snapshot_read.RowItem) -> None:
        pk, names, row, clocks, which, bases = item
        fields = {name: from_sql(row[i]) for i, name in enumerate(names, start=1)}
        self._merge_row(table, pk, fields, which or {}, bases or {}, [list(c) for c in clocks])

    def _merge_row(
        self,
        table: str,
        pk: str,
        fields: dict[str, Any],
        which: dict[str, int],
        bases: dict[str, str],
        clocks: list[list[Any]],
    ) -> None:
        """A row this laptop has: each write (one per clock) through the ordinary merge."""
        for index, (hlc, dev, user) in enumerate(clocks):
            own = {k: v for k, v in fields.items() if which.get(k, 0) == index}
            if not own:
                continue
            record = Record(
                hlc=hlc, dev=dev, seq=0, table=table, pk=pk, op="upsert", fields=own,
                base={k: bases.get(k) for k in own}, user=user,
            )  # fmt: skip
            self.merger.apply(record)
