"""Snapshots, compaction and bootstrap: what a new laptop and the share look like afterwards."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from test_sync_laptops import ORG, Laptop, add_org, org, sync_all

from vlot_desktop import cli
from vlot_desktop.services.sync_service import CompactReport, run_compact
from vlot_desktop.sync import compact as compact_mod
from vlot_desktop.sync.compact import LeaseHeldError, release_lease, still_ours, take_lease
from vlot_desktop.sync.share import FolderShare

ORG2 = "0196a000-0000-7000-8000-0000000000bb"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def compact(laptop: Laptop, grace_days: float = 0) -> CompactReport:
    return run_compact(laptop.dir, grace_days=grace_days)


def changes(share: Path) -> list[str]:
    """The change files (not the marker of the newest snapshot next to them)."""
    return sorted(p.name for p in (share / "changes").iterdir() if p.name.endswith(".chg.gz"))


def markers(share: Path) -> list[str]:
    return sorted(p.name for p in (share / "changes").iterdir() if p.name.endswith(".snapshot"))


def snapshots(share: Path) -> list[str]:
    return sorted(p.name for p in (share / "snapshots").iterdir())


def age(share: Path, days: float) -> None:
    """Make every change file look ``days`` old (the share's own file times decide)."""
    then = time.time() - days * 86400
    for path in (share / "changes").iterdir():
        os.utime(path, (then, then))


def outbox(laptop: Laptop) -> int:
    return int(laptop.sql("SELECT count(*) FROM sync_outbox")[0][0])


def test_a_new_laptop_bootstraps_from_the_snapshot_and_the_changes_after_it(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    a.sql("UPDATE organisation SET notes = 'bellen' WHERE id = ?", ORG)
    add_org(b, ORG2, "OCMW Genk")
    sync_all(a, b)
    files_before = changes(share)
    assert len(files_before) == 2

    report = compact(a)
    assert report.snapshot_id and report.snapshot_parts == 1
    assert report.snapshot_rows >= 6  # two organisations, two users, two devices
    assert report.files_covered == 2 and report.files_deleted == 2
    assert changes(share) == []
    assert markers(share) == [f"{report.snapshot_id}.snapshot"]
    assert snapshots(share) == [report.snapshot_id]
    assert {p.name for p in (share / "snapshots" / report.snapshot_id).iterdir()} == {
        "manifest.json",
        "part-0001.ndjson.gz",
    }
    assert outbox(a) == 0  # the snapshot keeps a's changes now

    # A change after the snapshot: the tail a new laptop must read as well.
    b.sql("UPDATE organisation SET notes = 'na de snapshot' WHERE id = ?", ORG2)
    b.sync()
    assert outbox(b) == 1  # its earlier changes are pruned once a snapshot covers them

    c = Laptop(tmp_path, "chris", share)
    first = c.sync()
    assert first.snapshot_applied == report.snapshot_id
    assert first.snapshot_error is None
    assert org(c) == [("OCMW Hasselt", "bellen")]
    assert org(c, ORG2) == [("OCMW Genk", "na de snapshot")]
    sync_all(a, b, c)
    assert a.dump() == b.dump() == c.dump()
    assert a.conflicts() == b.conflicts() == c.conflicts()


def test_a_laptop_that_has_every_covered_batch_does_not_apply_the_snapshot(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    compact(a, grace_days=60)
    report = b.sync()
    assert report.snapshot_applied is None and report.snapshot_rows == 0
    # It looked once (one listing and the manifest); the next round is back to the budget.
    again = b.sync()
    assert again.share_ops <= 3
    assert org(b) == [("OCMW Hasselt", None)]


def test_young_change_files_stay_and_a_new_laptop_skips_those_the_snapshot_covers(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    add_org(a)
    a.sync()
    report = compact(a)  # grace 0 would remove them; 60 days keeps them
    assert report.files_deleted == 1
    add_org(a, ORG2, "OCMW Genk")
    a.sync()
    kept = compact(a, grace_days=60)
    assert kept.files_deleted == 0 and kept.files_kept == 1
    assert kept.snapshots_deleted == 1 and snapshots(share) == [kept.snapshot_id]
    c = Laptop(tmp_path, "chris", share)
    first = c.sync()
    assert first.snapshot_applied == kept.snapshot_id
    assert first.files_read == 0  # the kept file is covered by the snapshot: not read
    assert org(c, ORG2) == [("OCMW Genk", None)]
    sync_all(a, c)
    assert a.dump() == c.dump()


def test_a_laptop_away_while_its_batches_were_compacted_away_takes_the_snapshot(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    sync_all(a, b)
    add_org(a)  # b is away: it never sees this file
    a.sync()
    age(share, 90)
    compact(a, grace_days=60)
    add_org(a, ORG2, "OCMW Genk")
    a.sync()  # a new file after a gap in a's batch numbers
    report = b.sync()
    assert report.snapshot_applied is not None
    assert org(b) == [("OCMW Hasselt", None)]
    assert org(b, ORG2) == [("OCMW Genk", None)]
    sync_all(a, b)
    assert a.dump() == b.dump()


def test_conflicts_and_deletes_come_through_the_snapshot_identically(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    add_org(a, ORG2, "Weg te doen")
    sync_all(a, b)
    a.sql("UPDATE organisation SET name = 'OCMW Genk' WHERE id = ?", ORG)
    b.sql("UPDATE organisation SET name = 'OCMW Bree' WHERE id = ?", ORG)
    b.sql("DELETE FROM organisation WHERE id = ?", ORG2)
    sync_all(a, b)
    assert len(a.conflicts()) == 1
    compact(b)
    c = Laptop(tmp_path, "chris", share)
    c.sync()
    assert c.conflicts() == a.conflicts() == b.conflicts()
    assert c.sql("SELECT name FROM organisation WHERE id = ?", ORG) == a.sql(
        "SELECT name FROM organisation WHERE id = ?", ORG
    )
    assert c.sql("SELECT id FROM organisation WHERE id = ?", ORG2) == []
    # The delete's tombstone came along: an edit made after it still revives the row.
    sync_all(a, b, c)
    assert a.dump() == b.dump() == c.dump()


def test_a_damaged_snapshot_is_refused_whole_and_reported(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    add_org(a)
    a.sync()
    report = compact(a)
    part = share / "snapshots" / report.snapshot_id / "part-0001.ndjson.gz"
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    c = Laptop(tmp_path, "chris", share)
    first = c.sync()
    assert first.snapshot_applied is None
    assert first.snapshot_error and "does not match the manifest" in first.snapshot_error
    assert org(c) == []  # nothing of it was applied
    assert c.sql("SELECT count(*) FROM sync_field_clock WHERE tbl = 'organisation'") == [(0,)]
    assert c.sql("SELECT count(*) FROM sync_row_clock WHERE tbl = 'organisation'") == [(0,)]


def test_the_lease_stops_a_second_compactor_and_an_expired_one_is_taken_over(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    folder = FolderShare(share)
    lease = take_lease(folder, "0196a000-0000-7000-8000-00000000000b")
    with pytest.raises(LeaseHeldError, match="is compacting"):
        take_lease(folder, "0196a000-0000-7000-8000-00000000000c")
    with pytest.raises(LeaseHeldError):
        compact(a)
    assert not (share / "snapshots").exists() or snapshots(share) == []
    assert cli.main(["--data-dir", str(a.dir), "compact"]) == 1
    # An hour after it expired, another laptop takes it over; the old holder has lost it.
    later = lease.expires_at + 3600
    taken = take_lease(folder, "0196a000-0000-7000-8000-00000000000c", now=later)
    assert not still_ours(folder, lease, now=later)
    assert still_ours(folder, taken, now=later)
    assert sorted(p.name for p in (share / "locks").iterdir()) == ["compactor.lock"]
    release_lease(folder, taken)
    assert list((share / "locks").iterdir()) == []
    assert compact(a).snapshot_id  # free again


def test_a_half_written_lease_blocks_until_it_is_older_than_the_lease_time(
    tmp_path: Path, share: Path
) -> None:
    folder = FolderShare(share)
    (share / "locks").mkdir()
    (share / "locks" / "compactor.lock").write_bytes(b"")
    with pytest.raises(LeaseHeldError):
        take_lease(folder, "0196a000-0000-7000-8000-00000000000b")
    later = time.time() + compact_mod.LEASE_TTL_S + 60
    lease = take_lease(folder, "0196a000-0000-7000-8000-00000000000b", now=later)
    assert lease.holder.endswith("0b")


def test_cli_compact_prints_one_json_object(tmp_path: Path, share: Path, capsys) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    add_org(a)
    capsys.readouterr()
    assert cli.main(["--data-dir", str(a.dir), "compact", "--grace-days", "0", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    for key in ("snapshot_id", "snapshot_rows", "files_deleted", "share_ops", "duration_s"):
        assert key in report
    assert report["sync"]["pushed_records"] >= 1 and report["files_deleted"] == 1
    assert cli.main(["--data-dir", str(a.dir), "compact", "--grace-days", "-1"]) == 1
    assert "negative" in capsys.readouterr().err


def test_hostile_manifests_are_refused_before_anything_is_read() -> None:
    from vlot_desktop.sync.snapshot import BadSnapshotError, parse_manifest

    snap_id = "20261127t024546000z-01a21ae5"
    good = {
        "magic": "vlot-sync-snapshot", "format": 1, "id": snap_id, "created_at": "x",
        "device": "01a21ae5", "covers": {"01a21ae5-0000_abcd": [[1, 4]]},
        "parts": [{"name": "part-0001.ndjson.gz", "sha256": "a" * 64, "size": 10, "lines": 1}],
    }  # fmt: skip
    assert parse_manifest(json.dumps(good).encode(), snap_id).parts[0].lines == 1
    bad_parts = [
        {"name": "../../FORMAT.json", "sha256": "a" * 64, "size": 10, "lines": 1},
        {"name": "part-0001.ndjson.gz", "sha256": "zz", "size": 10, "lines": 1},
        {"name": "part-0001.ndjson.gz", "sha256": "a" * 64, "size": 1 << 40, "lines": 1},
        {"name": "part-0001.ndjson.gz", "sha256": "a" * 64, "size": -1, "lines": 1},
    ]
    for part in bad_parts:
        with pytest.raises(BadSnapshotError):
            parse_manifest(json.dumps({**good, "parts": [part]}).encode(), snap_id)
    for doc in (
        {**good, "id": "20261127t024546000z-ffffffff"},
        {**good, "magic": "something else"},
        {**good, "covers": {"../x": [[1, 2]]}},
        {**good, "covers": {"01a21ae5-0000_abcd": [[5, 2]]}},
        {**good, "parts": []},
    ):
        with pytest.raises(BadSnapshotError):
            parse_manifest(json.dumps(doc).encode(), snap_id)
    for data in (b"\x00\xff" * 50, b"[" * 100_000, b"{}"):
        with pytest.raises(BadSnapshotError):
            parse_manifest(data, snap_id)


def test_changes_only_a_newer_snapshot_holds_reach_a_laptop_that_never_saw_their_files(
    tmp_path: Path, share: Path
) -> None:
    """Found by the state machine: An looked at the snapshots just before Bart's change file
    was compacted away. Without the marker in changes/, An never learnt of Bart's snapshot,
    and An's next compaction wrote a snapshot without Bart and deleted Bart's."""
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(b)
    compact(a)
    a.sync()  # An has looked at the snapshots and noted its own file gone: nothing to look for
    b.sync()  # Bart's change file goes up ...
    compact(b)  # ... and is compacted away before An saw it
    assert changes(share) == []
    report = compact(a)
    c = Laptop(tmp_path, "chris", share)
    c.sync()
    for laptop in (a, c):
        assert org(laptop) == [("OCMW Hasselt", None)]
        assert laptop.sql("SELECT count(*) FROM staff_user WHERE name = 'bart'") == [(1,)]
    assert markers(share) == [f"{report.snapshot_id}.snapshot"]  # older markers go
