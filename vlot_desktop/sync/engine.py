"""One sync round on a laptop's database: push the outbox as one batch, pull and merge the rest.

Works on a plain ``sqlite3`` connection opened by :func:`open_sync_connection` (autocommit
mode, foreign keys off so that orphans are kept, ``synchronous=FULL``); every step is one
``BEGIN IMMEDIATE`` transaction, so a crash leaves the database as before that step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from vlot_desktop.sync import batch as batch_mod
from vlot_desktop.sync import blobs, coverage, repair, snapshot_read, timekeeping
from vlot_desktop.sync import snapshot as snap
from vlot_desktop.sync.batch import (
    CHANGES,
    FORMAT_FILE,
    FORMAT_VERSION,
    BadBatchError,
    BatchInfo,
    BatchName,
    NewerFormatError,
    batch_name,
    check_format_document,
    format_document,
    iter_record_chunks,
    known_fields,
    parse_batch_name,
    scan_batch,
    write_batch,
)
from vlot_desktop.sync.blobs import BlobResult
from vlot_desktop.sync.bootstrap import SnapshotCheck, check_snapshots, read_manifest, should_look
from vlot_desktop.sync.capture import (
    format_hlc,
    parse_hlc,
    sqlite3_runner,
    suppressed,
    synced_local_columns,
)
from vlot_desktop.sync.merge import Merger
from vlot_desktop.sync.outbox import (
    Withheld,
    advance_clock,
    claim_outbox,
    fold_outbox,
    local_clock,
    new_merger,
    outbox_records,
)
from vlot_desktop.sync.share import Share, ShareError, TooLargeError
from vlot_desktop.sync.snapshot import Manifest
from vlot_desktop.sync.timekeeping import MAX_FUTURE_MS, too_far_ahead


class NotAShareError(ShareError):
    pass


HELD = "held"  # the status of a change file held back for its future dates


def _dated_like_the_server(share: Share, name: str, info: BatchInfo, result: SyncResult) -> bool:
    """A change file dated far ahead of this laptop's clock: True when the file server's own
    time of the file agrees with its dates, so it is this laptop's clock that is behind (the
    file is applied, and this laptop told); False when the writer's clock was ahead (the file
    is held back). One look at the file's time, only for such a file."""
    try:
        stat = share.stat(f"{CHANGES}/{name}")
    except OSError:
        stat = None
    if stat is None:
        return False
    newest_s = parse_hlc(info.max_hlc)[0] / 1000
    if newest_s <= stat.mtime + MAX_FUTURE_MS / 1000:
        behind = round(stat.mtime - timekeeping.wall_clock())
        result.own_clock_behind_s = max(result.own_clock_behind_s or 0, behind)
        return True
    result.held_ahead_s[name] = round(newest_s - stat.mtime)
    return False


@dataclass
class SyncResult:
    pushed_records: int = 0
    pulled_records: int = 0
    applied_records: int = 0
    conflicts_new: int = 0
    files_written: int = 0
    files_read: int = 0
    rejected_files: list[dict[str, str]] = field(default_factory=list)
    snapshot: SnapshotCheck | None = None  # set when the round looked at the snapshots
    # A newer format met on the share (now or before): this laptop only reads until updated.
    format_blocked: int = 0
    newer_files: list[str] = field(default_factory=list)
    # Seconds the share's file time is ahead of this laptop's clock (None: not measured).
    clock_offset_s: float | None = None
    blobs: BlobResult = field(default_factory=BlobResult)
    # An erasure (purge) went out or came in: its words must leave indexes and the WAL too.
    purges_seen: bool = False
    # Change files dated too far in the future (MAX_FUTURE_MS), held back: (file, newest HLC).
    held_files: list[tuple[str, str]] = field(default_factory=list)
    # This laptop went on under a new epoch this round (RESTORED or MOVED), else None.
    identity_renewed: str | None = None
    # Values of this laptop's changes that were not sent (or sent repaired): see Withheld.
    withheld: list[Withheld] = field(default_factory=list)
    # This laptop's clock is this many seconds behind the file server's (seen from the time
    # of change files dated far ahead of it that the server's time agrees with), else None.
    own_clock_behind_s: float | None = None
    # Held-back file -> how far its dates are ahead of the file server's time of it (seconds).
    held_ahead_s: dict[str, float] = field(default_factory=dict)
    # Held-back file -> the laptop that wrote it (label).
    held_laptops: dict[str, str] = field(default_factory=dict)
    # Rules spanning rows repaired by this laptop after this round's merge (repair.py).
    repairs: repair.Repairs = field(default_factory=lambda: repair.Repairs())
    # The laptops that wrote the newer-format files (labels, for the message).
    newer_laptops: list[str] = field(default_factory=list)
    # Entries of changes/ named like change files that could not be read as one this round
    # (a folder, a file this account may not open): (name, why). Not recorded: tried again.
    skipped_entries: list[tuple[str, str]] = field(default_factory=list)
    # The change files this round wrote (they are on the share though not in its listing).
    written_names: list[str] = field(default_factory=list)
    # Records of tables of a newer version, kept until this laptop is updated: table -> count.
    set_aside: dict[str, int] = field(default_factory=dict)


def open_sync_connection(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA foreign_keys=OFF")  # orphans (child before parent) are kept
    conn.execute("PRAGMA synchronous=FULL")
    return conn


# --- the share's FORMAT.json -----------------------------------------------------------------


def check_share(share: Share, where: str) -> None:
    """Refuse a folder that is not a VLOT share (or is empty, or not mounted)."""
    try:
        data = share.read(FORMAT_FILE, batch_mod.MAX_FORMAT_BYTES)
    except FileNotFoundError as exc:
        raise NotAShareError(
            f"{where} is not a VLOT share (no {FORMAT_FILE}); nothing was changed",
            f"{where} is geen VLOT-share (geen {FORMAT_FILE}); er is niets gewijzigd.",
        ) from exc
    except TooLargeError as exc:
        raise NotAShareError(
            f"{where}: {FORMAT_FILE} is damaged", f"{where}: {FORMAT_FILE} is beschadigd."
        ) from exc
    try:
        check_format_document(data)
    except BadBatchError as exc:
        raise NotAShareError(
            f"{where}: {FORMAT_FILE} is damaged", f"{where}: {FORMAT_FILE} is beschadigd."
        ) from exc


def create_share(share: Share, listing: list[str], where: str) -> None:
    """Make an empty folder a VLOT share (FORMAT.json and changes/)."""
    if FORMAT_FILE in listing:
        check_share(share, where)
    elif listing:
        raise NotAShareError(
            f"{where} is not empty; a new VLOT share needs an empty folder",
            f"{where} is niet leeg; een nieuwe VLOT-share vraagt een lege map.",
        )
    else:
        document = format_document()

        def write(out: BinaryIO) -> None:
            out.write(document)

        share.write_once(FORMAT_FILE, write)
    share.makedirs(CHANGES)


APPLY_CHUNK = 5000  # records of a pulled batch parsed at a time


# --- identity: is this database the one that wrote this laptop's last files? -----------------


class IdentityClashError(Exception):
    """A change file under this laptop's name holds other records than this database's: the
    database was restored from a backup or copied to another laptop (or an old demo seed was
    reused). The laptop continues under a fresh epoch (:func:`renew_epoch`)."""


# Why this laptop started a new epoch, in plain words (sync log and status bar).
RESTORED = "restored"  # the share holds files under this name that this database did not write
MOVED = "moved"  # the database now lives on another computer or in another folder


def home_of(data_dir: Path) -> str:
    """Where this database lives: the computer's name and the data folder. A copy of the data
    folder on another laptop (or in another folder) has another home."""
    import platform

    return f"{platform.node().lower()}|{data_dir.resolve()}"[:500]


def renew_epoch(conn: sqlite3.Connection) -> str:
    """Continue under a new epoch: this laptop's next change files get names no file on the share
    has. Every outbox row not yet on the share goes out under the new name; the files written
    under the old one stay this laptop's own (their changes are in this database)."""
    import secrets

    epoch = secrets.token_hex(4)
    conn.execute("UPDATE sync_clock SET epoch = ? WHERE id = 1", (epoch,))
    return epoch


def check_home(
    conn: sqlite3.Connection,
    data_dir: Path,
    share: Share | None = None,
    names: list[str] | None = None,
    device: str | None = None,
) -> bool:
    """Renew the epoch when the database has moved (copied to another laptop or folder); True
    when it did. The first round after an update only notes the home. With the share's
    listing (``share``, ``names``, ``device``), the changes not yet folded are stamped after
    the other copy's first (:func:`_restamp_unsent`)."""
    home = home_of(data_dir)
    stored = conn.execute("SELECT home FROM sync_clock WHERE id = 1").fetchone()[0]
    if stored == home:
        return False
    floor = ""
    if stored is not None and share is not None and names is not None and device is not None:
        floor = _newest_stamp_elsewhere(conn, share, names, device, None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        if stored is not None:
            _restamp_unsent(conn, floor)
            renew_epoch(conn)
        conn.execute("UPDATE sync_clock SET home = ? WHERE id = 1", (home,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return stored is not None


def _newest_stamp_elsewhere(
    conn: sqlite3.Connection,
    share: Share,
    names: list[str],
    device: str,
    manifest: Manifest | None,
) -> str:
    """The newest HLC in the change files under this laptop's device that this database has
    not taken in (the other copy's), and in ``manifest`` (a snapshot holding the other copy's
    changes): this database's unsent changes must be stamped after it."""
    ingested = {str(f) for (f,) in conn.execute("SELECT file FROM sync_ingested")}
    newest = ""
    for name in names:
        parsed = parse_batch_name(name)
        if parsed is None or parsed.device != device.lower() or name in ingested:
            continue
        try:
            data = share.read(f"{CHANGES}/{name}", batch_mod.MAX_BATCH_BYTES)
            newest = max(newest, scan_batch(data, known_fields()).max_hlc)
        except (OSError, BadBatchError, TooLargeError, NewerFormatError):
            continue  # gone, a folder, damaged: the pull reports it
    if manifest is not None:
        try:
            for prepared in snapshot_read.prepared_chunks(
                share, manifest, known_fields(), {}, "", APPLY_CHUNK, helper=False
            ):
                newest = max(newest, prepared.max_hlc)
                for line in prepared.others:  # deletes, conflicts, purges
                    if isinstance(line.get("hlc"), str):
                        newest = max(newest, line["hlc"])
        except (OSError, BadBatchError, TooLargeError):
            pass  # not usable: the pull does not take it either
    return newest


def _restamp_unsent(conn: sqlite3.Connection, floor: str) -> None:
    """Give the changes not yet folded new stamps after ``floor`` (inside the caller's
    transaction), before this database goes on under a new epoch.

    A restored or copied database stamps from the clock of the copy it was made from. When
    that clock ran ahead of the wall clock (dragged along by a colleague's clock hours ahead,
    or its own clock was ahead and set right), stamps repeat the same wall time with the next
    counter: the other copy's changes and this one's then get the very same stamps. The same
    (HLC, device) is the same write to the merge, so every laptop would keep whichever value
    it met first: the laptops would disagree for ever, and one edit be gone without a conflict.
    Changes not yet folded have no clocks, tombstones or conflicts yet: only the outbox holds
    their stamps. (A purge always wins: its stamp does not matter and stays.)"""
    _, _, folded = local_clock(conn)
    rows = conn.execute(
        "SELECT seq, hlc, tbl, pk, op FROM sync_outbox WHERE seq > ? AND op != 'purge' "
        "ORDER BY seq",
        (folded,),
    ).fetchall()
    if not rows or min(str(r[1]) for r in rows) > floor:
        return
    wall, counter = conn.execute("SELECT wall_ms, counter FROM sync_clock WHERE id = 1").fetchone()
    stamp = max((int(wall), int(counter)), parse_hlc(floor) if floor else (0, 0))
    now_ms = int(timekeeping.wall_clock() * 1000)
    previous: tuple[Any, ...] | None = None
    for seq, hlc, tbl, pk, op in rows:
        if (hlc, tbl, pk, op) != previous:  # the rows of one write keep one stamp
            stamp = (now_ms, 0) if now_ms > stamp[0] else (stamp[0], stamp[1] + 1)
            previous = (hlc, tbl, pk, op)
        conn.execute("UPDATE sync_outbox SET hlc = ? WHERE seq = ?", (format_hlc(*stamp), seq))
    conn.execute(
        "UPDATE sync_clock SET wall_ms = ?, counter = ? WHERE id = 1", (stamp[0], stamp[1])
    )


def _records_digest(conn: sqlite3.Connection, device: str, first: int, last: int) -> str | None:
    """The checksum a batch of the outbox rows ``first..last`` would carry; None when this
    database does not hold all of them."""
    # (A file's first seq number need not be a row: a push starts right after the last one
    # sent, and seq numbers have gaps.)
    if conn.execute("SELECT 1 FROM sync_outbox WHERE seq = ?", (last,)).fetchone() is None:
        return None
    return batch_mod.records_digest(r for r, _ in outbox_records(conn, first - 1, last, device))


def _strangers(conn: sqlite3.Connection, names: list[str], device: str) -> list[BatchName]:
    """Change files on the share under this laptop's current name that it did not write."""
    epoch, _, _ = local_clock(conn)
    own_key = coverage.key_of(device, epoch)
    own_files = {
        str(f) for (f,) in conn.execute("SELECT file FROM sync_ingested WHERE status = 'own'")
    }
    return [
        parsed
        for name in names
        if name not in own_files
        and (parsed := parse_batch_name(name)) is not None
        and coverage.key_of(parsed.device, parsed.epoch) == own_key
    ]


def check_identity(
    conn: sqlite3.Connection, share: Share, names: list[str], device: str, user: str | None
) -> bool:
    """Renew the epoch when files on the share under this laptop's name hold records this
    database did not write (a restored backup, a copy, a reused demo seed); True when it did.

    A file this laptop wrote in a round that died before noting it is its own: same records,
    same checksum. A snapshot marker is looked at too: a snapshot covering this laptop's name
    beyond what it sent means its files were written by another copy and compacted since.
    Costs no share operation unless such a file or a new snapshot is there.
    """
    strangers = _strangers(conn, names, device)
    clash = False
    if strangers:
        _, pushed, _ = local_clock(conn)
        theirs: list[tuple[BatchName, str | None]] = []
        for parsed in strangers:
            if parsed.seq_from <= pushed:
                clash = True  # this database sent these seq numbers under other names
                break
            name = batch_name(parsed.device, parsed.epoch, parsed.seq_from, parsed.seq_to)
            try:
                digest: str | None = scan_batch(
                    share.read(f"{CHANGES}/{name}", batch_mod.MAX_BATCH_BYTES), known_fields()
                ).sha256
            except FileNotFoundError:
                continue
            except (BadBatchError, TooLargeError, NewerFormatError):
                digest = None
            theirs.append((parsed, digest))
        if not clash and theirs:
            # Compared after folding (the bases are in the checksum); when it is not this
            # database's own file, the fold is undone: the changes get new stamps first.
            conn.execute("BEGIN IMMEDIATE")
            try:
                claim_outbox(conn, device, user)
                fold_outbox(conn, new_merger(conn, known_fields()), device)
                clash = any(
                    digest is None
                    or _records_digest(conn, device, parsed.seq_from, parsed.seq_to) != digest
                    for parsed, digest in theirs
                )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("ROLLBACK" if clash else "COMMIT")
    manifest = None
    if not clash:
        manifest = _snapshot_says_restored(conn, share, names, device)
        clash = manifest is not None
    if not clash:
        return False
    floor = _newest_stamp_elsewhere(conn, share, names, device, manifest)
    conn.execute("BEGIN IMMEDIATE")
    try:
        _restamp_unsent(conn, floor)
        renew_epoch(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True


def _snapshot_says_restored(
    conn: sqlite3.Connection, share: Share, names: list[str], device: str
) -> Manifest | None:
    """A new snapshot that covers seq numbers under this laptop's current name that it never
    sent (its manifest), else None."""
    last_id = conn.execute("SELECT snapshot_id FROM sync_clock WHERE id = 1").fetchone()[0]
    epoch, pushed, _ = local_clock(conn)
    own_key = coverage.key_of(device, epoch)
    for snap_id in snap.marked_ids(names):
        if snap_id == last_id:
            continue
        try:
            manifest = read_manifest(share, snap_id)
        except (snap.BadSnapshotError, FileNotFoundError):
            continue
        if manifest is None:
            continue
        if any(hi > pushed for _, hi in manifest.covers.get(own_key, [])):
            return manifest
    return None


# --- push ------------------------------------------------------------------------------------


def push(
    conn: sqlite3.Connection,
    share: Share,
    device: str,
    user: str | None,
    data_dir: Path | None = None,
) -> SyncResult:
    """Write every change not yet on the share as one batch file (streamed from the outbox),
    after the attachment blobs it refers to (from ``data_dir``'s store). An outbox too large
    for one file that other laptops accept (``batch.MAX_BATCH_BYTES``) goes as several.

    The database is locked for writing only briefly, before and after the files go up (over
    a VPN that takes seconds): the user's edits are saved meanwhile. The rows being sent do
    not change in between (they are folded already; only later rows are added)."""
    result = SyncResult()
    conn.execute("BEGIN IMMEDIATE")
    try:
        claim_outbox(conn, device, user)
        fold_outbox(conn, new_merger(conn, known_fields()), device)
        epoch, pushed, _ = local_clock(conn)
        last = conn.execute("SELECT max(seq) FROM sync_outbox").fetchone()[0]
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if last is None or last <= pushed:
        return result
    result.purges_seen = (
        conn.execute(
            "SELECT 1 FROM sync_outbox WHERE seq > ? AND seq <= ? AND op = 'purge' LIMIT 1",
            (pushed, last),
        ).fetchone()
        is not None
    )
    if data_dir is not None:
        # Before the batch: whoever reads the batch can fetch what it refers to.
        blobs.upload(share, data_dir, blobs.hashes_in_outbox(conn, pushed, last), result.blobs)
    written = [
        _push_file(conn, share, device, epoch, first, upto, result)
        for first, upto in _pieces(conn, pushed, last)
    ]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT OR REPLACE INTO sync_ingested (file, sha256, records, status, reason) "
            "VALUES (?, ?, ?, 'own', NULL)",
            written,
        )
        # (Another round of this laptop, e.g. the app's while the command line ran, may have
        # sent the same rows meanwhile, under the same names: the larger mark stays.)
        conn.execute("UPDATE sync_clock SET pushed_seq = max(pushed_seq, ?) WHERE id = 1", (last,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    result.pushed_records = sum(count for _, _, count in written)
    result.files_written = len(written)
    result.written_names = [name for name, _, _ in written]
    return result


# An upper bound of the bytes one outbox row adds to a batch line (its field twice, in "f" and
# "base", its value and base) plus, counted for every row, the record's own keys and stamps.
_ROW_BYTES = (
    "2 * length(CAST(coalesce(field, '') AS BLOB)) + length(CAST(coalesce(value, '') AS BLOB)) "
    "+ length(CAST(coalesce(base, '') AS BLOB)) + length(CAST(pk AS BLOB)) + length(tbl) "
    "+ length(CAST(coalesce(user_id, '') AS BLOB)) + 160"
)


def _pieces(conn: sqlite3.Connection, pushed: int, last: int) -> list[tuple[int, int]]:
    """The seq ranges of the files to write: one, unless the changes would make a file that
    the readers refuse as too large (compressed or not). A write of one row change is never
    split over two files. The cuts depend only on the outbox, so a push that is run again
    after a crash writes the same files."""
    limit = min(batch_mod.MAX_BATCH_BYTES, batch_mod.MAX_DECOMPRESSED) // 2
    max_records = batch_mod.MAX_RECORDS // 2
    total, rows = conn.execute(
        f"SELECT sum({_ROW_BYTES}), count(*) FROM sync_outbox WHERE seq > ? AND seq <= ?",
        (pushed, last),
    ).fetchone()
    if (total or 0) <= limit and rows <= max_records:
        return [(pushed + 1, last)]
    pieces: list[tuple[int, int]] = []
    start, size, records = pushed + 1, 0, 0
    previous: tuple[Any, ...] | None = None
    cursor = conn.execute(
        f"SELECT seq, hlc, tbl, pk, op, {_ROW_BYTES} FROM sync_outbox "
        "WHERE seq > ? AND seq <= ? ORDER BY seq",
        (pushed, last),
    )
    for seq, hlc, tbl, pk, op, row_bytes in cursor:
        write = (hlc, tbl, pk, op)
        new_record = write != previous
        if new_record and records and (size + row_bytes > limit or records >= max_records):
            pieces.append((start, seq - 1))
            start, size, records = seq, 0, 0
        size += row_bytes
        records += new_record
        previous = write
    pieces.append((start, last))
    return pieces


def _unique(notes: list[Withheld]) -> list[Withheld]:
    return sorted(set(notes), key=lambda n: (n.table, n.pk, n.field, n.reason))


def _push_file(
    conn: sqlite3.Connection,
    share: Share,
    device: str,
    epoch: str,
    first: int,
    last: int,
    result: SyncResult,
) -> tuple[str, str, int]:
    """Write the outbox rows ``first <= seq <= last`` as one batch file: (name, checksum of
    its records, record count)."""
    count, hlc_min, hlc_max = conn.execute(
        "SELECT count(*), min(hlc), max(hlc) FROM (SELECT hlc FROM sync_outbox "
        "WHERE seq >= ? AND seq <= ? GROUP BY hlc, tbl, pk, op)",
        (first, last),
    ).fetchone()
    header = {
        "device": device,
        "epoch": epoch,
        "seq_from": first,
        "seq_to": last,
        "count": count,
        "hlc_min": hlc_min,
        "hlc_max": hlc_max,
        "created_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    name = batch_name(device, epoch, first, last)
    digest: list[str] = []

    def write(out: io.BufferedIOBase) -> None:
        notes: list[Withheld] = []
        records = (r for r, _ in outbox_records(conn, first - 1, last, device, notes))
        digest.append(write_batch(out, header, records))  # type: ignore[arg-type]
        result.withheld = _unique(notes)  # (a retried write notes them again)

    try:
        wrote_at = timekeeping.wall_clock()
        share.write_once(f"{CHANGES}/{name}", write)  # type: ignore[arg-type]
        written = share.stat(f"{CHANGES}/{name}")
        if written is not None:
            # The file server stamps the file: compare with this laptop's clock.
            result.clock_offset_s = round(
                written.mtime - (wrote_at + timekeeping.wall_clock()) / 2, 1
            )
    except FileExistsError:
        # Written by a sync of this database that died before its commit (same records, same
        # checksum), or by another copy of this database (a restored backup): then this laptop
        # must go on under a new name, or its records would be taken for those.
        data = share.read(f"{CHANGES}/{name}", batch_mod.MAX_BATCH_BYTES)
        try:
            theirs = scan_batch(data, known_fields()).sha256
        except (BadBatchError, NewerFormatError) as exc:
            raise IdentityClashError(name) from exc
        if digest and theirs != digest[-1]:
            raise IdentityClashError(name) from None
        if not digest:
            digest.append(theirs)
    return name, digest[-1], int(count)


# --- pull ------------------------------------------------------------------------------------


def pull(
    conn: sqlite3.Connection,
    share: Share,
    device: str,
    user: str | None = None,
    data_dir: Path | None = None,
    names: list[str] | None = None,
    fixes: repair.Fixes | None = None,
) -> SyncResult:
    """Read the batch files not yet taken in and merge them, all in one transaction.
    ``names``: the listing of ``changes/`` this round made already (else it is listed).
    ``fixes``: how rules spanning rows are repaired after the merge (``repair.Fixes``).

    The steps: take a snapshot first when the change files alone cannot bring this laptop
    up to date; read and verify every new file (nothing is written yet); then, in one
    transaction, fold this laptop's own outbox, merge the verified files, repair the rules
    that span rows, and note what became of each file; last, report."""
    result = SyncResult()
    if names is None:
        names = share.list(CHANGES)
    epoch, _, _ = local_clock(conn)
    seen = _taken_in(conn)
    known = known_fields()
    result.snapshot = _snapshot_if_needed(conn, share, device, epoch, names, seen, known, data_dir)
    incoming = _read_new_files(conn, share, device, epoch, names, seen, known, result)
    merger = new_merger(conn, known)
    conn.execute("BEGIN IMMEDIATE")
    try:
        claim_outbox(conn, device, user)
        fold_outbox(conn, merger, device)
        merger.applied = merger.conflicts_new = 0
        _merge_files(conn, merger, incoming, known)
        advance_clock(conn, merger.max_hlc)
        result.repairs = _repair_rows(conn, merger, device, user, fixes)
        if data_dir is not None:
            blobs.note_missing(conn, data_dir, merger.blob_refs)
        _note_files(conn, incoming, result)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    result.purges_seen = merger.purged_now
    result.pulled_records = sum(info.records for _, _, info in incoming.good)
    result.applied_records = merger.applied
    result.conflicts_new = merger.conflicts_new
    result.set_aside = dict(merger.set_aside)
    result.rejected_files = [
        {"file": n, "reason": r, "laptop": ", ".join(laptops_of(conn, [n]))}
        for n, r in incoming.rejected
    ]
    _report_held(conn, result)
    return result


@dataclass
class _Incoming:
    """The change files of one pull, sorted by what becomes of them."""

    # The files that passed the first (verifying) pass, with their compressed bytes; their
    # records are parsed again, a chunk at a time, while they are applied (b"": the first
    # pass kept the records of this small file, ``BatchInfo.kept``).
    good: list[tuple[str, bytes, BatchInfo]] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)  # their records came with a snapshot
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, why)


def _taken_in(conn: sqlite3.Connection) -> set[str]:
    """The change files this laptop has dealt with (applied, its own, refused, covered by a
    snapshot), less those held back for their future dates that are now due: once this
    laptop's clock gets there, they are read again."""
    seen = {row[0] for row in conn.execute("SELECT file FROM sync_ingested")}
    held = {
        str(file): str(hlc)
        for file, hlc in conn.execute(
            "SELECT file, sha256 FROM sync_ingested WHERE status = ?", (HELD,)
        )
    }
    return seen - {file for file, hlc in held.items() if not too_far_ahead(hlc)}


def _snapshot_if_needed(
    conn: sqlite3.Connection,
    share: Share,
    device: str,
    epoch: str,
    names: list[str],
    seen: set[str],
    known: Mapping[str, frozenset[str]],
    data_dir: Path | None,
) -> SnapshotCheck | None:
    """Look at the snapshots (and take the one that covers the most, ``bootstrap``) when the
    change files alone may not bring this laptop up to date: files it took in are gone from
    the share (a compactor has been at work), or the new ones leave a gap. None when it did
    not look (looking costs share operations, so only with a reason or now and then)."""
    own_key = coverage.key_of(device, epoch)
    unseen = [
        parsed
        for name in names
        if name not in seen
        and (parsed := parse_batch_name(name)) is not None
        and coverage.key_of(parsed.device, parsed.epoch) != own_key
    ]
    covers: coverage.Covers = {}
    if unseen:
        covers = coverage.local_covers(conn)
    vanished = not seen.issubset(names)
    if not should_look(conn, vanished or coverage.has_gap(covers, unseen), listing=names):
        return None
    return check_snapshots(conn, share, device, known, synced_local_columns(), names, data_dir)


def _read_new_files(
    conn: sqlite3.Connection,
    share: Share,
    device: str,
    epoch: str,
    names: list[str],
    seen: set[str],
    known: Mapping[str, frozenset[str]],
    result: SyncResult,
) -> _Incoming:
    """The first pass over the change files not yet dealt with: each is read and verified
    whole before anything of it is applied, so a damaged file is refused whole and never
    partly applied. Files a snapshot brought are only noted; files dated too far ahead are
    held back (unless the file server's time agrees with them: then this laptop's clock is
    behind)."""
    snapshot_covers = coverage.from_json(
        conn.execute("SELECT snapshot_covers FROM sync_clock WHERE id = 1").fetchone()[0]
    )
    incoming = _Incoming()
    keep = APPLY_CHUNK  # records of small files kept from the first pass (in all files)
    folders = share.subfolders.get(CHANGES, set())
    for name in names:
        parsed = parse_batch_name(name)
        if parsed is None or name in seen:
            continue  # temp files, copies made by other programs, and what we have
        if name in folders:
            result.skipped_entries.append((name, "a folder, not a change file"))
            continue
        if parsed.device == device.lower() and parsed.epoch == epoch:
            continue  # our own (ledger lost?): its changes are in this database
        if coverage.contains_name(snapshot_covers, parsed):
            incoming.covered.append(name)  # its records came with a snapshot
            continue
        read = _read_file(share, name, parsed, known, keep, incoming, result)
        if read is None:
            continue
        data, info = read
        if too_far_ahead(info.max_hlc) and not _dated_like_the_server(share, name, info, result):
            result.held_files.append((name, info.max_hlc))
            continue
        if info.kept is not None:
            keep -= len(info.kept)
            data = b""  # not read again
        incoming.good.append((name, data, info))
    return incoming


def _read_file(
    share: Share,
    name: str,
    parsed: BatchName,
    known: Mapping[str, frozenset[str]],
    keep: int,
    incoming: _Incoming,
    result: SyncResult,
) -> tuple[bytes, BatchInfo] | None:
    """One change file read and verified (its compressed bytes and what the scan found), or
    None when it is not applied this round: refused (noted in ``incoming``), of a newer
    format, removed meanwhile, or not a file this account can read (noted in ``result``)."""
    try:
        data = share.read(f"{CHANGES}/{name}", batch_mod.MAX_BATCH_BYTES)
        result.files_read += 1
        info = scan_batch(data, known, keep)
        _check_writer(info, parsed)
    except (BadBatchError, TooLargeError) as exc:
        incoming.rejected.append((name, str(exc)))
        return None
    except NewerFormatError as exc:
        # Left unread (not refused): this laptop reads it once it is updated.
        result.newer_files.append(name)
        result.format_blocked = max(result.format_blocked, exc.version)
        return None
    except FileNotFoundError:
        return None  # removed by the compactor in the meantime
    except (IsADirectoryError, NotADirectoryError, PermissionError) as exc:
        # Not a file, or one this account may not read: skipped this round (and reported),
        # never the end of the round; read again next time (the cause may be repaired).
        result.skipped_entries.append((name, f"cannot be read ({exc.strerror or exc})"))
        return None
    return data, info


def _check_writer(info: BatchInfo, parsed: BatchName) -> None:
    """Refuse a file whose header or records name another laptop than its file name does:
    the name decides which laptop's seq numbers the file covers."""
    head = info.header
    if (
        head.get("device") != parsed.device
        or head.get("epoch") != parsed.epoch
        or any(dev != parsed.device for dev in info.devices)
    ):
        raise BadBatchError("the records do not belong to the laptop named in the file")


def _merge_files(
    conn: sqlite3.Connection,
    merger: Merger,
    incoming: _Incoming,
    known: Mapping[str, frozenset[str]],
) -> None:
    """Merge the verified files (inside the caller's transaction), capture off: what other
    laptops wrote is no change of this laptop's to send.

    Merging is a function of the set of records (merge.py), so the files are applied one after
    the other, each a chunk at a time: memory stays bounded. Each file under its own
    savepoint: a record the database refuses (a value that breaks a constraint) rejects its
    whole file, never the round, or every later round would stop at the same file."""
    with suppressed(sqlite3_runner(conn)):
        _promote_extras(conn, merger)
        refused: set[str] = set()
        for name, data, info in incoming.good:
            mark = merger.mark()
            conn.execute("SAVEPOINT batch_file")
            try:
                _apply_file(merger, data, info, known)
            except (sqlite3.IntegrityError, OverflowError) as exc:
                conn.execute("ROLLBACK TO batch_file")
                merger.rewind(mark)
                refused.add(name)
                incoming.rejected.append((name, f"a record was refused by the database: {exc}"))
            conn.execute("RELEASE batch_file")
        incoming.good = [g for g in incoming.good if g[0] not in refused]


def _repair_rows(
    conn: sqlite3.Connection,
    merger: Merger,
    device: str,
    user: str | None,
    fixes: repair.Fixes | None,
) -> repair.Repairs:
    """Rules that span rows (capacity = place rows, household size = members) may break when
    two laptops' changes meet: repaired as an ordinary (captured) local change."""
    touched = repair.Touched()
    for table, pk in merger.touched:
        touched.add(table, pk, conn)
    return repair.repair(conn, touched, device, user, fixes)


def _note_files(conn: sqlite3.Connection, incoming: _Incoming, result: SyncResult) -> None:
    """Note what became of each file (``sync_ingested``, inside the pull's transaction), so
    that each is read once: applied, covered by a snapshot, held back, or refused."""
    # The newest format among the files on the share now (they are left unread, so every
    # round meets them again): read-only ends once they are gone or this laptop is updated.
    conn.execute("UPDATE sync_clock SET format_blocked = ? WHERE id = 1", (result.format_blocked,))
    for name, _, info in incoming.good:
        conn.execute(
            "INSERT OR REPLACE INTO sync_ingested (file, sha256, records, status, reason) "
            "VALUES (?, ?, ?, 'applied', NULL)",
            (name, info.sha256, info.records),
        )
    conn.executemany(
        "INSERT OR IGNORE INTO sync_ingested (file, sha256, records, status, reason) "
        "VALUES (?, NULL, 0, 'snapshot', NULL)",
        [(name,) for name in incoming.covered],
    )
    # (For a held file, sha256 holds its newest HLC, the file's own checksum is not needed,
    # and records how many seconds its dates are ahead of the file server's time of it.)
    conn.executemany(
        "INSERT OR REPLACE INTO sync_ingested (file, sha256, records, status, reason) "
        "VALUES (?, ?, ?, ?, 'dated in the future')",
        [
            (name, hlc, int(result.held_ahead_s.get(name, 0)), HELD)
            for name, hlc in result.held_files
        ],
    )
    for name, reason in incoming.rejected:
        conn.execute(
            "INSERT OR REPLACE INTO sync_ingested (file, sha256, records, status, reason) "
            "VALUES (?, NULL, 0, 'rejected', ?)",
            (name, reason),
        )


def _report_held(conn: sqlite3.Connection, result: SyncResult) -> None:
    """Every file held back, in this round or before, and not yet due: reported every round,
    with how far its dates are ahead and the laptop that wrote it."""
    result.held_files = []
    for file, hlc, ahead in conn.execute(
        "SELECT file, sha256, records FROM sync_ingested WHERE status = ? ORDER BY file", (HELD,)
    ).fetchall():
        result.held_files.append((str(file), str(hlc)))
        if ahead:
            result.held_ahead_s[str(file)] = float(ahead)
    result.held_laptops = {f: laptops_of(conn, [f])[0] for f, _ in result.held_files}


_PROMOTED_KEY = "sync_extra_promoted_for"


def _promote_extras(conn: sqlite3.Connection, merger: Merger) -> None:
    """After an update (a new schema revision), merge the kept fields of newer versions that
    this database now has columns for (``sync.extras``); once per revision."""
    from vlot_desktop.db.schema import SCHEMA_HEAD
    from vlot_desktop.sync import extras

    done = conn.execute("SELECT value FROM local_meta WHERE key = ?", (_PROMOTED_KEY,)).fetchone()
    if done is not None and done[0] == SCHEMA_HEAD:
        return
    extras.promote(conn, merger.known, merger.apply)
    conn.execute(
        "INSERT INTO local_meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (_PROMOTED_KEY, SCHEMA_HEAD),
    )


def _apply_file(
    merger: Merger, data: bytes, info: BatchInfo, known: Mapping[str, frozenset[str]]
) -> None:
    """Merge the records of one verified batch file, a chunk at a time."""
    applied = 0
    chunks = (
        iter_record_chunks(data, known, APPLY_CHUNK) if info.kept is None else iter([info.kept])
    )
    for chunk in chunks:
        for record in chunk:
            merger.apply(record)
        applied += len(chunk)
    if applied != info.records:  # the bytes were verified: cannot happen
        raise RuntimeError("a batch read differently the second time")


def _flush_erased(conn: sqlite3.Connection) -> None:
    """After a round that sent or applied an erasure (GDPR purge): the erased words leave the
    name index and the WAL too (``member_search.flush_erased``; the erasing laptop did this at
    once in ``services.privacy``, this also covers a purge made with ``purge.purge_record``)."""
    from vlot_desktop.db import member_search

    member_search.flush_erased(conn)


def sync_once(
    conn: sqlite3.Connection,
    share: Share,
    where: str,
    device: str,
    user: str | None,
    data_dir: Path | None = None,
    fixes: repair.Fixes | None = None,
) -> SyncResult:
    """Check the share, push, pull, then fetch missing blobs (with ``data_dir``): one round."""
    check_share(share, where)
    renewed: str | None = None
    names = share.list(CHANGES)
    if data_dir is not None and check_home(conn, data_dir, share, names, device):
        renewed = MOVED
    if check_identity(conn, share, names, device, user):
        renewed = RESTORED
    blocked = int(
        conn.execute("SELECT format_blocked FROM sync_clock WHERE id = 1").fetchone()[0] or 0
    )
    if blocked > FORMAT_VERSION:
        pushed = SyncResult()  # read-only until this laptop is updated: nothing is written
    else:
        if blocked:
            conn.execute("UPDATE sync_clock SET format_blocked = 0 WHERE id = 1")  # updated
        try:
            pushed = push(conn, share, device, user, data_dir)
        except IdentityClashError:
            # Another copy of this database wrote under this name since the listing.
            conn.execute("BEGIN IMMEDIATE")
            try:
                renew_epoch(conn)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            renewed = RESTORED
            names = share.list(CHANGES)
            pushed = push(conn, share, device, user, data_dir)
    # The listing made before the push, plus what the push wrote: a file of this round must
    # not look gone (``bootstrap.forget_vanished``).
    names = sorted({*names, *pushed.written_names})
    pulled = pull(conn, share, device, user, data_dir, names, fixes)
    if blocked > FORMAT_VERSION and not pulled.format_blocked:
        # The newer files are gone from the share: this laptop writes again, from this round.
        pushed = push(conn, share, device, user, data_dir)
        blocked = 0
    elif not pulled.format_blocked and (pulled.repairs.locations or pulled.repairs.cases):
        # The repair goes out in this round, before others repair the same thing themselves.
        again = push(conn, share, device, user, data_dir)
        pushed.pushed_records += again.pushed_records
        pushed.files_written += again.files_written
    pulled.identity_renewed = renewed
    if pulled.newer_files:
        pulled.newer_laptops = laptops_of(conn, pulled.newer_files)
    pulled.pushed_records = pushed.pushed_records
    pulled.files_written = pushed.files_written
    pulled.blobs = pushed.blobs
    pulled.clock_offset_s = pushed.clock_offset_s
    pulled.withheld = pushed.withheld
    if blocked > FORMAT_VERSION:
        pulled.format_blocked = max(pulled.format_blocked, blocked)
    if pushed.purges_seen or pulled.purges_seen:
        _flush_erased(conn)
    if data_dir is not None:
        # Nothing to do unless an upload died; on a share error the folders stay noted.
        with contextlib.suppress(OSError, ShareError):
            blobs.tidy_folders(share, data_dir, device)
    if data_dir is not None and has_missing_blobs(conn):
        try:
            blobs.fetch(conn, share, data_dir, pulled.blobs)
        except OSError as exc:
            # The changes are in; the attachments wait for the next round.
            pulled.blobs.errors.append({"sha256": "", "reason": f"fetching stopped: {exc}"})
    return pulled


def laptop_label(conn: sqlite3.Connection, device: str) -> str:
    """A laptop as people know it, for messages: "VLOT-LIM-02 (An Peeters)", from its device
    record when this laptop has it, else the start of its id."""
    try:
        row = conn.execute(
            "SELECT d.label, u.name FROM device AS d LEFT JOIN staff_user AS u "
            "ON u.id = d.user_id WHERE lower(d.id) = lower(?)",
            (device,),
        ).fetchone()
    except sqlite3.Error:
        row = None
    if row is None:
        return f"laptop {device[:13]}"
    label, user = row
    return f"{label} ({user})" if user else str(label)


def laptops_of(conn: sqlite3.Connection, files: list[str]) -> list[str]:
    """The laptops (labels) that wrote these change files, each once, sorted."""
    devices = {parsed.device for f in files if (parsed := parse_batch_name(f)) is not None}
    return sorted(laptop_label(conn, d) for d in devices)


def has_missing_blobs(conn: sqlite3.Connection) -> bool:
    return (
        conn.execute("SELECT 1 FROM sync_blob WHERE state = 'missing' LIMIT 1").fetchone()
        is not None
    )
