"""Sync a data folder with the central share: used by the command line (and later the GUI).

The share is a folder (mapped drive or UNC path) holding ``FORMAT.json``; a folder without it is
refused, so an empty or unmounted share can never make a laptop delete anything.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vlot_desktop import paths
from vlot_desktop.services.cases import set_household_size
from vlot_desktop.services.data_folder import open_data_folder
from vlot_desktop.services.places import restore_place_rows
from vlot_desktop.settings import Settings, load_settings
from vlot_desktop.sync.batch import FORMAT_VERSION, NewerFormatError
from vlot_desktop.sync.compact import DEFAULT_GRACE_DAYS, compact_share, release_lease, take_lease
from vlot_desktop.sync.engine import (
    NotAShareError,
    SyncResult,
    check_share,
    create_share,
    open_sync_connection,
    sync_once,
)
from vlot_desktop.sync.repair import Fixes
from vlot_desktop.sync.share import FolderShare, ShareError
from vlot_desktop.sync.timekeeping import CLOCK_WARN_S, MAX_FUTURE_MS

if TYPE_CHECKING:
    import logging


class SyncSetupError(ShareError):
    """This laptop cannot sync yet (not set up, no share chosen)."""


def _repair_household(conn: sqlite3.Connection, case_id: str, _author: str | None) -> bool:
    set_household_size(conn, case_id)
    return True


# After a merge, the round repairs rules spanning rows (``sync.repair`` finds them and decides
# which laptop repairs) through the rules' one write path here: the sync does not import the
# services, so they are handed to it.
RULE_FIXES = Fixes(
    location=lambda conn, location_id, author: restore_place_rows(
        conn, location_id, author_id=author
    ),
    case=_repair_household,
)


@dataclass
class SyncReport:
    pushed_records: int
    pulled_records: int
    applied_records: int
    conflicts_new: int
    files_written: int
    files_read: int
    share_ops: int
    duration_s: float
    rejected_files: list[dict[str, str]] = field(default_factory=list)
    snapshot_applied: str | None = None  # the snapshot this round took (a new laptop)
    snapshot_rows: int = 0
    snapshot_error: str | None = None
    blobs_uploaded: int = 0
    blobs_downloaded: int = 0
    blobs_missing: int = 0  # referenced attachments still to fetch
    blob_errors: list[dict[str, str]] = field(default_factory=list)
    # Seconds the share's clock is ahead of this laptop's (measured when a file was written).
    clock_offset_s: float | None = None
    # Change files dated too far in the future (a laptop with a badly wrong clock): held back.
    held_files: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Seconds this laptop's clock is behind the file server's, seen from change files dated
    # ahead of it that the server's own time agrees with (they were applied), else None.
    own_clock_behind_s: float | None = None
    # "restored" / "moved": this laptop went on under a new epoch this round (see engine).
    identity_renewed: str | None = None
    # Values of this laptop's changes not sent (or sent repaired): {table, pk, field, reason}.
    withheld: list[dict[str, str]] = field(default_factory=list)
    # Records of tables of a newer version of the app, kept until this laptop is updated
    # (table -> how many this round): they cannot be shown yet, and nothing of them is lost.
    set_aside: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _folder(share_path: str | Path) -> Path:
    folder = Path(share_path)
    if not folder.is_dir():
        raise NotAShareError(
            f"share folder {folder} not found or not reachable; nothing was changed",
            f"De sharemap {folder} is niet gevonden of niet bereikbaar; er is niets gewijzigd.",
        )
    return folder


def prepare_share(share_path: str | Path, *, create: bool) -> bool:
    """Check that ``share_path`` is a VLOT share; with ``create``, make an empty folder one.

    Returns False when the folder cannot be reached now (a laptop set up away from the office
    network): it is then checked at the first sync. A folder that is there but holds no
    ``FORMAT.json`` is refused.
    """
    folder = Path(share_path)
    if not create and not folder.is_dir():
        return False
    folder = _folder(share_path)
    share = FolderShare(folder)
    if create:
        create_share(share, sorted(p.name for p in folder.iterdir()), str(folder))
    else:
        check_share(share, str(folder))
    return True


def _setup(data_dir: Path, share_path: str | None) -> tuple[Settings, str]:
    settings = load_settings(data_dir)
    if not settings.device_id:
        raise SyncSetupError(
            f"{data_dir} is not set up yet (run 'init' first)",
            "Deze laptop is nog niet ingesteld.",
        )
    chosen = share_path or settings.share_path
    if not chosen:
        raise SyncSetupError(
            "no share folder chosen (use --share or 'init --share')",
            "Er is nog geen sharemap gekozen.",
        )
    return settings, chosen


def run_sync(
    data_dir: Path, share_path: str | None = None, *, latency_s: float = 0.0
) -> SyncReport:
    """One sync round (push, pull, merge) for the laptop in ``data_dir``."""
    started = time.perf_counter()
    settings, chosen = _setup(data_dir, share_path)
    assert settings.device_id
    share = FolderShare(Path(chosen), latency_s=latency_s, temp_tag=settings.device_id)
    open_data_folder(data_dir)
    conn = open_sync_connection(paths.database_path(data_dir))
    try:
        result = sync_once(
            conn,
            share,
            str(chosen),
            settings.device_id,
            settings.user_id,
            data_dir,
            fixes=RULE_FIXES,
        )
    except NotAShareError:
        _folder(chosen)  # say "not reachable" rather than "not a share" where that is the cause
        raise
    finally:
        conn.close()
    report = _report(result, share.ops, started)
    if result.format_blocked:
        by = f" (written by {', '.join(result.newer_laptops)})" if result.newer_laptops else ""
        error = NewerFormatError(
            f"the share holds data in format {result.format_blocked}{by}, newer than this "
            f"version of VLOT Desktop reads ({FORMAT_VERSION}): update the application; until "
            "then this laptop sends nothing to the share",
            result.format_blocked,
        )
        error.laptops = list(result.newer_laptops)
        raise error
    return report


def _log() -> logging.Logger:
    import logging

    return logging.getLogger(__name__)


def _report(result: SyncResult, ops: int, started: float) -> SyncReport:
    check = result.snapshot
    return SyncReport(
        pushed_records=result.pushed_records,
        pulled_records=result.pulled_records,
        applied_records=result.applied_records,
        conflicts_new=result.conflicts_new,
        files_written=result.files_written,
        files_read=result.files_read,
        share_ops=ops,
        duration_s=round(time.perf_counter() - started, 3),
        rejected_files=result.rejected_files,
        snapshot_applied=check.snapshot_id if check and check.applied else None,
        snapshot_rows=check.rows if check else 0,
        snapshot_error=check.error if check else None,
        blobs_uploaded=result.blobs.uploaded,
        blobs_downloaded=result.blobs.downloaded,
        blobs_missing=result.blobs.missing,
        blob_errors=result.blobs.errors,
        clock_offset_s=result.clock_offset_s,
        held_files=[
            {
                "file": f,
                "dated": _hlc_date(h),
                # Applied once this laptop's clock passes this moment (a day before the date).
                "until": _hlc_date(h, minus_ms=MAX_FUTURE_MS),
                "laptop": result.held_laptops.get(f, ""),
                "ahead_hours": f"{result.held_ahead_s[f] / 3600:.0f}"
                if f in result.held_ahead_s
                else "",
            }
            for f, h in result.held_files
        ],
        own_clock_behind_s=result.own_clock_behind_s,
        warnings=_warnings(result),
        identity_renewed=result.identity_renewed,
        withheld=[w.as_json() for w in result.withheld],
        set_aside=result.set_aside,
    )


def _hlc_date(hlc: str, *, minus_ms: int = 0) -> str:
    """The UTC date and time of an HLC stamp, less ``minus_ms`` (for messages)."""
    try:
        wall = int(hlc.split("-", 1)[0]) - minus_ms
        return dt.datetime.fromtimestamp(wall / 1000, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (ValueError, OverflowError, OSError):
        return hlc


def clock_is_off(offset_s: float | None) -> bool:
    return offset_s is not None and abs(offset_s) > CLOCK_WARN_S


def _warnings(result: SyncResult) -> list[str]:
    found = []
    if result.identity_renewed == "restored":
        found.append(
            "this database is not the one that wrote this laptop's last change files (restored "
            "from a backup, or copied): it now sends its changes under a new name, and takes in "
            "the changes the other copy sent; nothing is lost"
        )
    elif result.identity_renewed == "moved":
        found.append(
            "this data folder was copied or moved to another computer or folder: it now sends "
            "its changes under a new name"
        )
    if clock_is_off(result.clock_offset_s):
        assert result.clock_offset_s is not None
        way = "behind" if result.clock_offset_s > 0 else "ahead of"
        found.append(
            f"this laptop's clock is {abs(result.clock_offset_s):.0f} s {way} the share's: "
            "set the date and time right (the order of changes stays correct meanwhile)"
        )
    if result.own_clock_behind_s and result.own_clock_behind_s > CLOCK_WARN_S:
        found.append(
            f"this laptop's clock is about {result.own_clock_behind_s / 3600:.0f} h behind the "
            "file server's: set the date and time right (changes dated after it were applied)"
        )
    for laptop in sorted(set(result.held_laptops.values())):
        files = [(f, h) for f, h in result.held_files if result.held_laptops.get(f) == laptop]
        newest = max(h for _, h in files)
        ahead = max((result.held_ahead_s.get(f, 0.0) for f, _ in files), default=0.0)
        by = f", about {ahead / 3600:.0f} h ahead of the file server" if ahead else ""
        found.append(
            f"the clock of {laptop} is wrong{by}: {len(files)} change file(s) dated up to "
            f"{_hlc_date(newest)} held back until {_hlc_date(newest, minus_ms=MAX_FUTURE_MS)}; "
            "set that laptop's date and time right"
        )
    for rejected in result.rejected_files:
        found.append(
            f"change file {rejected['file']} from {rejected['laptop']} set aside: "
            f"{rejected['reason']}"
        )
    for note in result.withheld:
        found.append(
            f"the value of field {note.field} of {note.table} {note.pk} was "
            + ("sent with damaged characters replaced" if note.reason.startswith("not valid")
               else f"not sent ({note.reason}): shorten or correct it in the application")
        )  # fmt: skip
    for name, why in result.skipped_entries:
        found.append(f"{name} in changes/ skipped this round: {why}")
    if result.set_aside:
        tables = ", ".join(f"{t} ({n})" for t, n in sorted(result.set_aside.items()))
        found.append(
            "changes to records this version does not know yet were kept, to be shown once "
            f"this laptop is updated: {tables}; update VLOT Desktop"
        )
    if result.snapshot is not None and result.snapshot.error:
        found.append(f"snapshot not used: {result.snapshot.error}")
    for error in result.blobs.errors:
        found.append(f"attachment {error['sha256'][:12]}: {error['reason']}")
    return found


@dataclass
class CompactReport:
    snapshot_id: str
    snapshot_rows: int
    snapshot_parts: int
    snapshot_bytes: int
    files_covered: int
    files_deleted: int
    files_deleted_purged: int
    files_kept: int
    snapshots_deleted: int
    outbox_pruned: int
    sync: dict[str, Any]
    share_ops: int
    write_s: float
    delete_s: float
    duration_s: float
    notes: list[str] = field(default_factory=list)
    blobs_deleted: int = 0  # attachments on the share that no record refers to any more
    temps_deleted: int = 0  # other laptops' temp files left mid-write more than a day ago

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def run_compact(
    data_dir: Path,
    share_path: str | None = None,
    *,
    grace_days: float = DEFAULT_GRACE_DAYS,
    latency_s: float = 0.0,
) -> CompactReport:
    """Take the lease, sync, write a verified snapshot, remove what it makes unnecessary."""
    if grace_days < 0:
        raise ValueError("the grace period cannot be negative")
    started = time.perf_counter()
    settings, chosen = _setup(data_dir, share_path)
    assert settings.device_id
    share = FolderShare(Path(chosen), latency_s=latency_s, temp_tag=settings.device_id)
    open_data_folder(data_dir)
    try:
        check_share(share, str(chosen))
    except NotAShareError:
        _folder(chosen)
        raise
    conn = open_sync_connection(paths.database_path(data_dir))
    try:
        lease = take_lease(share, settings.device_id)
        try:
            synced = sync_once(
                conn,
                share,
                str(chosen),
                settings.device_id,
                settings.user_id,
                data_dir,
                fixes=RULE_FIXES,
            )
            result = compact_share(conn, share, settings.device_id, lease, grace_days=grace_days)
        finally:
            release_lease(share, lease)
    finally:
        conn.close()
    return CompactReport(
        snapshot_id=result.snapshot_id,
        snapshot_rows=result.snapshot_rows,
        snapshot_parts=result.snapshot_parts,
        snapshot_bytes=result.snapshot_bytes,
        files_covered=result.files_covered,
        files_deleted=result.files_deleted,
        files_deleted_purged=result.files_deleted_purged,
        files_kept=result.files_kept,
        snapshots_deleted=result.snapshots_deleted,
        blobs_deleted=result.blobs_deleted,
        temps_deleted=result.temps_deleted,
        outbox_pruned=result.outbox_pruned,
        sync=_report(synced, 0, started).as_json(),
        share_ops=share.ops,
        write_s=result.write_s,
        delete_s=result.delete_s,
        duration_s=round(time.perf_counter() - started, 3),
        notes=result.notes,
    )
