"""Sync a data folder with the central share: used by the command line (and later the GUI).

The share is a folder (mapped drive or UNC path) holding ``FORMAT.json``; a folder without it is
refused, so an empty or unmounted share can never make a laptop delete anything.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from vlot_desktop import paths
from vlot_desktop.services.data_folder import open_data_folder
from vlot_desktop.settings import load_settings
from vlot_desktop.sync.engine import (
    NotAShareError,
    check_share,
    create_share,
    open_sync_connection,
    sync_once,
)
from vlot_desktop.sync.share import FolderShare, ShareError


class SyncSetupError(ShareError):
    """This laptop cannot sync yet (not set up, no share chosen)."""


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


def run_sync(
    data_dir: Path, share_path: str | None = None, *, latency_s: float = 0.0
) -> SyncReport:
    """One sync round (push, pull, merge) for the laptop in ``data_dir``."""
    started = time.perf_counter()
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
    share = FolderShare(Path(chosen), latency_s=latency_s, temp_tag=settings.device_id)
    open_data_folder(data_dir)
    conn = open_sync_connection(paths.database_path(data_dir))
    try:
        result = sync_once(conn, share, str(chosen), settings.device_id, settings.user_id)
    except NotAShareError:
        _folder(chosen)  # say "not reachable" rather than "not a share" where that is the cause
        raise
    finally:
        conn.close()
    return SyncReport(
        pushed_records=result.pushed_records,
        pulled_records=result.pulled_records,
        applied_records=result.applied_records,
        conflicts_new=result.conflicts_new,
        files_written=result.files_written,
        files_read=result.files_read,
        share_ops=share.ops,
        duration_s=round(time.perf_counter() - started, 3),
        rejected_files=result.rejected_files,
    )
