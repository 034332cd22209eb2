"""Snapshots are chosen and replaced by what they hold, never by their names: a compactor whose
clock ran ahead names its snapshot after every later one. Damaged or unfinished snapshots and
other laptops' left-over temp files are cleared by the next compaction."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.sync.test_sync_laptops import ORG, Laptop, add_org, org, sync_all
from vlot_desktop.services.sync_service import run_compact
from vlot_desktop.sync import snapshot as snap

ORG2 = "0196a000-0000-7000-8000-0000000000bb"
FUTURE_ID = "29991231t235959000z-0badc10c"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def snapshots(share: Path) -> list[str]:
    return sorted(p.name for p in (share / "snapshots").iterdir())


def test_a_snapshot_named_in_the_future_is_replaced_by_one_that_holds_more(
    tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    with monkeypatch.context() as mp:  # a compactor whose snapshot name says year 2999
        mp.setattr(snap, "new_id", lambda device, now=None: FUTURE_ID)
        run_compact(b.dir, grace_days=0)
    assert snapshots(share) == [FUTURE_ID]
    kept = tmp_path / "future-snapshot"
    shutil.copytree(share / "snapshots" / FUTURE_ID, kept)
    # Later edits, and an ordinary compaction that deletes their change files.
    a.sql("UPDATE organisation SET notes = 'later' WHERE id = ?", ORG)
    add_org(a, ORG2, "OCMW Genk")
    sync_all(a, b)
    report = run_compact(b.dir, grace_days=0)
    assert report.snapshots_deleted == 1
    assert snapshots(share) == [report.snapshot_id]
    # Even with the old one back on the share, a new laptop takes the one that holds more.
    shutil.copytree(kept, share / "snapshots" / FUTURE_ID)
    c = Laptop(tmp_path, "chris", share)
    taken = c.sync()
    assert taken.snapshot_applied == report.snapshot_id
    assert org(c) == [("OCMW Hasselt", "later")]
    assert org(c, ORG2) == [("OCMW Genk", None)]
    sync_all(a, b, c)
    assert a.dump() == b.dump() == c.dump()
    # The next compaction removes the covered one whatever its name.
    run_compact(a.dir, grace_days=0)
    assert FUTURE_ID not in snapshots(share)


def test_a_damaged_snapshot_with_a_future_name_is_removed(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    add_org(a)
    a.sync()
    first = run_compact(a.dir, grace_days=0)
    damaged = share / "snapshots" / FUTURE_ID
    damaged.mkdir()
    (damaged / snap.MANIFEST).write_text("{ not json")
    (share / "changes" / snap.marker_name(FUTURE_ID)).write_bytes(b"")
    unfinished = share / "snapshots" / "29990101t000000000z-00000001"
    unfinished.mkdir()
    (unfinished / "part-0001.ndjson.gz").write_bytes(b"half")
    # New laptops are told about it, and still start from the good one.
    b = Laptop(tmp_path, "bart", share)
    report = b.sync()
    assert report.snapshot_applied == first.snapshot_id
    assert report.snapshot_error and FUTURE_ID in report.snapshot_error
    assert org(b) == [("OCMW Hasselt", None)]
    # The next compaction clears both, and their marker.
    again = run_compact(a.dir, grace_days=60)
    assert snapshots(share) == [again.snapshot_id]
    assert not (share / "changes" / snap.marker_name(FUTURE_ID)).exists()
    c = Laptop(tmp_path, "chris", share)
    assert c.sync().snapshot_error is None


def test_temp_files_of_laptops_that_left_are_cleaned_after_a_day(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    add_org(a)
    a.sync()
    old = time.time() - 2 * 86400
    stale = share / "changes" / ".tmp-0123456789-5f000000-abcdef012345"
    fresh = share / "changes" / ".tmp-0123456789-6a000000-abcdef012399"
    blob_folder = share / "blobs" / "ab"
    blob_folder.mkdir(parents=True)
    stale_blob = blob_folder / ".tmp-9876543210-5f000000-0123456789ab"
    for path in (stale, fresh, stale_blob):
        path.write_bytes(b"half a write")
    for path in (stale, stale_blob):
        os.utime(path, (old, old))
    report = run_compact(a.dir, grace_days=0)
    assert report.temps_deleted == 2
    assert not stale.exists() and not stale_blob.exists()
    assert fresh.exists()  # may be a write in progress
