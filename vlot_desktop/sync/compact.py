"""Compaction: one laptop (the lease holder) writes a snapshot and clears old change files.

Steps, each safe to interrupt:

1. Take the lease ``locks/compactor.lock`` (created exclusively; an expired one is renamed away
   first, so two laptops never both take it over).
2. A normal sync round, so the snapshot holds everything this laptop can read.
3. Write the snapshot (``snapshot.py``): parts, then the manifest, each read back and compared
   before it gets its final name. Until the manifest is there, nobody uses the snapshot.
4. Check the lease is still ours, then delete the change files the snapshot covers that are
   older than the grace period (by the share's own file times, so a laptop with a wrong clock
   cannot shorten it), and every covered change file that holds a purged value whatever its
   age (GDPR: ``purge.py``); then the older snapshots (they may hold purged values too).
5. Release the lease; prune this laptop's outbox of what the snapshot covers.

A laptop that had not yet read a deleted file sees a gap in the batch numbers and takes the
snapshot instead (``bootstrap.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import secrets
import sqlite3
import time
from dataclasses import dataclass, field

from vlot_desktop.sync import coverage, timekeeping
from vlot_desktop.sync import snapshot as snap
from vlot_desktop.sync.batch import CHANGES, MAX_BATCH_BYTES, BadBatchError, known_fields
from vlot_desktop.sync.batch import parse_batch_name as parse_name
from vlot_desktop.sync.bootstrap import newest_snapshots, prune_outbox
from vlot_desktop.sync.outbox import claim_outbox, fold_outbox, new_merger
from vlot_desktop.sync.share import Share, ShareError, TooLargeError

LOCKS = "locks"
LEASE = f"{LOCKS}/compactor.lock"
LEASE_TTL_S = 2 * 3600
MAX_LEASE_BYTES = 64 * 1024
DEFAULT_GRACE_DAYS = 60


class LeaseHeldError(ShareError):
    """Another laptop is compacting (its lease has not expired)."""


class CompactorClockError(ShareError):
    """This laptop's clock (or the newest change it holds) is too far from the file server's
    time: a snapshot it wrote would be dated wrongly (refused by every laptop)."""


# A temp file of another laptop is removed by the compactor once older than this (and the grace
# period): no write takes that long, so its writer died or left.
TEMP_MIN_AGE_S = 24 * 3600

# The compactor's clock may differ this much from the file server's (its lease file's time).
MAX_COMPACT_SKEW_S = 15 * 60


@dataclass(frozen=True)
class Lease:
    holder: str
    token: str
    expires_at: float


def _lease_doc(lease: Lease, now: float) -> bytes:
    doc = {
        "holder": lease.holder,
        "token": lease.token,
        "taken_at": dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "expires_at": lease.expires_at,
    }
    return (json.dumps(doc) + "\n").encode()


def _parse_lease(data: bytes) -> Lease | None:
    try:
        doc = json.loads(data.decode("utf-8"))
        holder, token, expires = doc["holder"], doc["token"], doc["expires_at"]
    except (ValueError, KeyError, TypeError):
        return None
    if not (isinstance(holder, str) and isinstance(token, str)):
        return None
    if not isinstance(expires, int | float) or isinstance(expires, bool):
        return None
    return Lease(holder[:64], token[:64], float(expires))


def _held(lease: Lease | None) -> LeaseHeldError:
    until = (
        dt.datetime.fromtimestamp(lease.expires_at, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        if lease
        else "?"
    )
    who = lease.holder if lease else "another laptop"
    return LeaseHeldError(
        f"laptop {who} is compacting the share (lease until {until}); nothing was changed",
        f"Laptop {who} is de share aan het opruimen (tot {until}); er is niets gewijzigd.",
    )


def take_lease(
    share: Share, device: str, *, ttl_s: float = LEASE_TTL_S, now: float | None = None
) -> Lease:
    """Take the compactor's lease, or raise ``LeaseHeldError``."""
    moment = time.time() if now is None else now
    mine = Lease(device.lower(), secrets.token_hex(8), moment + ttl_s)
    share.makedirs(LOCKS)
    try:
        share.create_exclusive(LEASE, _lease_doc(mine, moment))
        return mine
    except FileExistsError:
        pass
    try:
        data = share.read(LEASE, MAX_LEASE_BYTES)
    except FileNotFoundError:
        data = None  # released just now: try once more below
    except TooLargeError:
        data = b""
    current = _parse_lease(data) if data is not None else None
    if data is not None:
        if current is not None:
            expired = current.expires_at < moment
        else:
            # Empty or damaged (a holder that died while writing it): expired by its age.
            info = share.stat(LEASE)
            expired = info is None or info.mtime < moment - ttl_s
        if not expired:
            raise _held(current)
        # Rename the expired lease away: of two laptops taking it over, one rename fails.
        stale = f"{LEASE}.stale-{secrets.token_hex(6)}"
        try:
            share.rename_noreplace(LEASE, stale)
        except (FileNotFoundError, FileExistsError) as exc:
            raise _held(None) from exc
        try:
            moved = share.read(stale, MAX_LEASE_BYTES)
        except (FileNotFoundError, TooLargeError):
            moved = b""
        if moved != data:
            # A fresh lease was taken between our read and our rename: give it back.
            with contextlib.suppress(OSError):
                share.rename_noreplace(stale, LEASE)
            raise _held(_parse_lease(moved))
        share.delete(stale)
    try:
        share.create_exclusive(LEASE, _lease_doc(mine, moment))
    except FileExistsError as exc:
        raise _held(None) from exc
    return mine


def still_ours(share: Share, lease: Lease, now: float | None = None) -> bool:
    try:
        current = _parse_lease(share.read(LEASE, MAX_LEASE_BYTES))
    except (FileNotFoundError, TooLargeError):
        return False
    moment = time.time() if now is None else now
    return current == lease and lease.expires_at > moment


def release_lease(share: Share, lease: Lease) -> None:
    if still_ours(share, lease, now=0.0):
        with contextlib.suppress(FileNotFoundError):
            share.delete(LEASE)


# --- the compaction itself -------------------------------------------------------------------


@dataclass
class CompactResult:
    snapshot_id: str = ""
    snapshot_rows: int = 0
    snapshot_parts: int = 0
    snapshot_bytes: int = 0
    files_covered: int = 0
    files_deleted: int = 0
    files_deleted_purged: int = 0  # deleted within the grace period: they held purged values
    files_kept: int = 0
    snapshots_deleted: int = 0
    blobs_deleted: int = 0  # attachments no record refers to any more (older than the grace)
    temps_deleted: int = 0  # other laptops' temp files left mid-write (older than a day)
    outbox_pruned: int = 0
    write_s: float = 0.0
    delete_s: float = 0.0
    notes: list[str] = field(default_factory=list)


def write_state_snapshot(
    conn: sqlite3.Connection, share: Share, device: str, result: CompactResult
) -> snap.Manifest:
    """Snapshot this laptop's merged state, with what it covers, read in one transaction."""
    started = time.perf_counter()
    # One read transaction: one consistent view of state and coverage, that has every local
    # edit merged (a row clock's values are read from the row itself). Edits are merged in a
    # short write transaction first; an edit made just after it is merged again.
    for attempt in range(5):
        _fold_local(conn, device)
        conn.execute("BEGIN")
        try:
            folded = conn.execute(
                "SELECT (SELECT folded_seq FROM sync_clock WHERE id = 1) >= "
                "coalesce((SELECT max(seq) FROM sync_outbox), 0)"
            ).fetchone()[0]
            if folded or attempt == 4:
                if not folded:
                    # Edits keep coming: hold the write lock while the snapshot is read.
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
                    _fold_local(conn, device, in_transaction=True)
                covers = coverage.local_covers(conn)
                # Text that is not valid UTF-8 (written outside the app) must not stop every
                # compaction: it is read with the damaged characters replaced (str in C: cheap).
                factory = conn.text_factory
                conn.text_factory = functools.partial(str, encoding="utf-8", errors="replace")
                try:
                    written = snap.write_snapshot(conn, share, device, covers, known_fields())
                finally:
                    conn.text_factory = factory
                break
        finally:
            conn.execute("COMMIT")
    manifest = written.manifest
    result.snapshot_id = manifest.id
    result.snapshot_rows = manifest.counts.get("row", 0)
    result.snapshot_parts = len(manifest.parts)
    result.snapshot_bytes = written.bytes
    result.write_s = round(time.perf_counter() - started, 3)
    return manifest


def _fold_local(conn: sqlite3.Connection, device: str, *, in_transaction: bool = False) -> None:
    """Merge this laptop's outbox into its clocks (its own transaction unless told otherwise)."""
    if not in_transaction:
        conn.execute("BEGIN IMMEDIATE")
    try:
        user = conn.execute("SELECT user_id FROM sync_clock WHERE id = 1").fetchone()[0]
        claim_outbox(conn, device, user)
        fold_outbox(conn, new_merger(conn, known_fields()), device)
    except BaseException:
        if not in_transaction:
            conn.execute("ROLLBACK")
        raise
    if not in_transaction:
        conn.execute("COMMIT")


def check_compactor_clock(conn: sqlite3.Connection, share: Share) -> None:
    """Refuse to compact with a clock that is wrong, or with changes dated in the future.

    Laptops refuse a snapshot holding stamps more than a day ahead of their clock (one wrong
    clock must not win every edit), so such a snapshot would be useless to new laptops while
    the change files it replaced are gone. The file server's time is the lease file's."""
    info = share.stat(LEASE)
    if info is None:
        return
    server = info.mtime
    skew = timekeeping.wall_clock() - server
    if abs(skew) > MAX_COMPACT_SKEW_S:
        way = "ahead of" if skew > 0 else "behind"
        way_nl = "voor op" if skew > 0 else "achter op"
        hours = abs(skew) / 3600
        raise CompactorClockError(
            f"this laptop's clock is {hours:.1f} h {way} the file server's: set the date and "
            "time right before compacting; nothing was changed",
            f"De klok van deze laptop loopt {hours:.1f} uur {way_nl} de bestandsserver: zet "
            "datum en tijd juist voor het opruimen; er is niets gewijzigd.",
        )
    newest = conn.execute("SELECT wall_ms FROM sync_clock WHERE id = 1").fetchone()[0] or 0
    if newest > server * 1000 + timekeeping.MAX_FUTURE_MS:
        when = dt.datetime.fromtimestamp(newest / 1000, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        raise CompactorClockError(
            f"this laptop holds changes dated up to {when}, in the future (a clock that was "
            "wrong): compaction waits until a day before then; nothing was changed",
            f"Deze laptop heeft wijzigingen gedateerd tot {when}, in de toekomst (een klok die "
            "verkeerd stond): opruimen kan pas een dag voordien; er is niets gewijzigd.",
        )


def compact_share(
    conn: sqlite3.Connection,
    share: Share,
    device: str,
    lease: Lease,
    *,
    grace_days: float = DEFAULT_GRACE_DAYS,
) -> CompactResult:
    """Steps 3 to 5 (the caller took the lease and synced)."""
    from vlot_desktop.sync.purge import batch_holds_purged, purged_keys

    result = CompactResult()
    check_compactor_clock(conn, share)
    manifest = write_state_snapshot(conn, share, device, result)
    started = time.perf_counter()
    written = share.stat(f"{snap.folder(manifest.id)}/{snap.MANIFEST}")
    share_now = written.mtime if written is not None else time.time()
    cutoff = share_now - grace_days * 86400
    if not still_ours(share, lease):
        result.notes.append("the lease expired while writing the snapshot: nothing was deleted")
        return result
    # Every laptop lists changes/ at each round: the marker tells it a new snapshot exists.
    with contextlib.suppress(FileExistsError):
        share.write_once(f"{CHANGES}/{snap.marker_name(manifest.id)}", lambda out: None)
    purged = purged_keys(conn)
    known = known_fields()
    listing = share.list(CHANGES)
    # Temp files of laptops that died or left mid-write (each laptop removes only its own).
    temps_before = min(cutoff, share_now - TEMP_MIN_AGE_S)
    result.temps_deleted += share.remove_stale_temps(CHANGES, listing, temps_before)
    for name in listing:
        if any(other != manifest.id for other in snap.marked_ids([name])):
            continue  # another snapshot's marker: goes with its snapshot, below
        parsed = parse_name(name)
        if parsed is None or not coverage.contains_name(manifest.covers, parsed):
            continue
        result.files_covered += 1
        path = f"{CHANGES}/{name}"
        info = share.stat(path)
        if info is None:
            continue
        old = info.mtime < cutoff
        if not old and purged:
            try:
                holds = batch_holds_purged(share.read(path, MAX_BATCH_BYTES), known, purged)
            except (BadBatchError, TooLargeError, FileNotFoundError):
                holds = False
            if holds:
                share.delete(path)
                result.files_deleted_purged += 1
                continue
        if old:
            share.delete(path)
            result.files_deleted += 1
        else:
            result.files_kept += 1
    for old_id in newest_snapshots(share):
        if old_id == manifest.id or not _replaced(share, old_id, manifest, result):
            continue
        where = snap.folder(old_id)
        with contextlib.suppress(FileNotFoundError):
            share.delete(f"{CHANGES}/{snap.marker_name(old_id)}")
        try:
            for name in share.list(where):
                share.delete(f"{where}/{name}")
            share.rmdir(where)
        except FileNotFoundError:
            continue
        result.snapshots_deleted += 1
    result.blobs_deleted, temps = remove_unused_blobs(conn, share, cutoff, temps_before)
    result.temps_deleted += temps
    conn.execute("BEGIN IMMEDIATE")
    try:
        result.outbox_pruned = prune_outbox(conn, manifest.covers, device)
        conn.execute(
            "UPDATE sync_clock SET snapshot_id = ?, snapshot_checked_ms = ? WHERE id = 1",
            (manifest.id, int(time.time() * 1000)),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    result.delete_s = round(time.perf_counter() - started, 3)
    return result


def _replaced(share: Share, snap_id: str, new: snap.Manifest, result: CompactResult) -> bool:
    """Whether the snapshot ``snap_id`` can go now that ``new`` is written: it covers nothing
    ``new`` lacks, or it is unfinished or damaged (the lease holder writes the only snapshot
    in progress, so one without a manifest was left by a compactor that died). Judged by what
    the snapshots hold, never by their names: a name made by a wrong clock says nothing."""
    from vlot_desktop.sync.bootstrap import read_manifest

    try:
        manifest = read_manifest(share, snap_id)
    except snap.BadSnapshotError:
        return True
    except FileNotFoundError:
        return False
    if manifest is None or coverage.covers_all(new.covers, manifest.covers):
        return True
    result.notes.append(f"snapshot {snap_id} holds changes this laptop lacks: kept")
    return False


def referenced_blobs(conn: sqlite3.Connection, deleted_since_ms: int) -> set[str]:
    """Every attachment hash this laptop's merged state can still show or bring back: live
    rows, field clocks (a row waiting for its other fields), open conflicts, and rows deleted
    since ``deleted_since_ms`` (an edit made offline may still revive them; their tombstones
    keep the values)."""
    found: set[str] = set()
    for (value,) in conn.execute(
        "SELECT sha256 FROM attachment "
        "UNION SELECT json_extract(row_json, '$.sha256') FROM sync_tombstone "
        "WHERE tbl = 'attachment' AND json_valid(row_json) "
        "AND CAST(substr(hlc, 1, 13) AS INTEGER) >= ? "
        "UNION SELECT json_extract(value, '$') FROM sync_field_clock "
        "WHERE tbl = 'attachment' AND field = 'sha256' AND json_valid(value) "
        "UNION SELECT json_extract(loser_value, '$') FROM sync_conflicts "
        "WHERE tbl = 'attachment' AND field = 'sha256' AND json_valid(loser_value)",
        (deleted_since_ms,),
    ):
        if isinstance(value, str):
            found.add(value.lower())
    return found


def remove_unused_blobs(
    conn: sqlite3.Connection, share: Share, cutoff: float, temps_before: float = 0.0
) -> tuple[int, int]:
    """Delete the blobs on the share that no record refers to and that are older than
    ``cutoff`` (the share's time; the grace period of the change files). The compactor has
    just merged every change file, so a blob it does not know is an attachment deleted
    before the cutoff or erased, or one uploaded by a laptop whose batch has not come yet:
    the grace period covers that case, and such a laptop uploads the blob again with its
    batch (``blobs.upload`` checks first)."""
    from vlot_desktop.db.attachment_store import is_sha256
    from vlot_desktop.sync.blobs import BLOBS

    try:
        folders = share.list(BLOBS)
    except FileNotFoundError:
        return 0, 0
    keep = referenced_blobs(conn, int(cutoff * 1000))
    deleted = temps = 0
    for folder in folders:
        if len(folder) != 2 or not all(c in "0123456789abcdef" for c in folder):
            continue
        try:
            names = share.list(f"{BLOBS}/{folder}")
        except FileNotFoundError:
            continue
        temps += share.remove_stale_temps(f"{BLOBS}/{folder}", names, temps_before)
        for name in names:
            if not is_sha256(name) or name in keep:
                continue  # temp files are the writers' own to remove
            path = f"{BLOBS}/{folder}/{name}"
            info = share.stat(path)
            if info is None or info.mtime >= cutoff:
                continue
            try:
                share.delete(path)
            except FileNotFoundError:
                continue
            deleted += 1
    return deleted, temps
