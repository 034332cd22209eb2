"""The golden share of format 1: today's code must read a share written by the first release.

``golden/share_v1/`` holds change files, a snapshot and blobs that two laptops wrote with the
code of format 1 (``golden/make_golden_share.py`` says what is in it and how it was made); the
files are frozen. A new laptop set up on a copy of it must end up with exactly the data a new
laptop had then (``golden/expected_dump_v1.json``, ``golden/expected_conflicts_v1.json``): so
a change of the format, of the merge or of the snapshot reader cannot silently break the laptops
in the field that keep files of format 1 on their share and update later.

If this fails after a change of the sync: the change breaks format 1. Never remake share_v1 or
the expected files to make it pass; a new format gets a share_v2 of its own, and this test
stays.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_sync_laptops import Laptop

from vlot_desktop.db import attachment_store
from vlot_desktop.db.models import reference_tables, synced_tables
from vlot_desktop.settings import load_settings
from vlot_desktop.sync import snapshot as snap
from vlot_desktop.sync.batch import FORMAT_VERSION, known_fields, parse_batch_name, read_batch
from vlot_desktop.sync.share import NAME_RE

GOLDEN = Path(__file__).parent / "golden"
SHARE_V1 = GOLDEN / "share_v1"

Rows = dict[str, list[str]]  # table -> its rows as canonical JSON, in the dump's order


@pytest.fixture
def share(tmp_path: Path) -> Path:
    """A private copy: a laptop writes its own change file (and temp files) to its share."""
    folder = tmp_path / "share"
    shutil.copytree(SHARE_V1, folder)
    return folder


def golden_batches() -> list[Path]:
    return sorted((SHARE_V1 / "changes").glob("*.chg.gz"))


def golden_snapshot() -> str:
    (snap_id,) = [p.name for p in (SHARE_V1 / "snapshots").iterdir()]
    return snap_id


def canonical(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def expected_rows() -> Rows:
    dump = json.loads((GOLDEN / "expected_dump_v1.json").read_text(encoding="utf-8"))
    return {table: [canonical(row) for row in rows] for table, rows in dump.items()}


def expected_conflicts() -> list[dict[str, Any]]:
    text = (GOLDEN / "expected_conflicts_v1.json").read_text(encoding="utf-8")
    conflicts: list[dict[str, Any]] = json.loads(text)
    return conflicts


def own_rows(laptop: Laptop) -> set[tuple[str, str]]:
    """The rows ``init`` made on ``laptop``: its user and its device (new ids on every run)."""
    settings = load_settings(laptop.dir)
    assert settings.user_id and settings.device_id
    return {("staff_user", settings.user_id), ("device", settings.device_id)}


def synced_rows(laptop: Laptop, *new_laptops: Laptop) -> Rows:
    """The synced tables of ``laptop``'s dump, as the expected dump has them.

    Left out, precisely: the user and device rows of the laptops set up by this test (they
    exist only on this run; each must be there exactly once). Kept for comparison: only the
    columns and tables the expected dump has. A column or table added to the schema after
    format 1 is in no format-1 file; a new table must then be empty, a new column is not
    judged here (its value for old records is the column's default).
    """
    dump = json.loads(laptop.dump())
    expected = expected_rows()
    leave_out = set().union(*(own_rows(new) for new in new_laptops))
    found = {key for key in leave_out if any(row["id"] == key[1] for row in dump[key[0]])}
    assert found == leave_out
    rows: Rows = {}
    for table in synced_tables():
        kept = [row for row in dump[table] if (table, row["id"]) not in leave_out]
        if table not in expected:
            assert kept == [], f"{table} (not in format 1) got rows from the golden share"
            continue
        columns = {column for text in expected[table] for column in json.loads(text)}
        rows[table] = [canonical({c: v for c, v in row.items() if c in columns}) for row in kept]
    return rows


def reference_rows(laptop: Laptop) -> dict[str, Any]:
    dump = json.loads(laptop.dump())
    return {table: dump[table] for table in reference_tables()}


def conflicts_of(laptop: Laptop) -> list[dict[str, Any]]:
    keys = ("tbl", "pk", "field", "loser_hlc", "loser_dev", "loser_user", "loser_value")
    rows = laptop.sql(
        "SELECT tbl, pk, field, loser_hlc, loser_dev, loser_user, loser_value "
        "FROM sync_conflicts ORDER BY tbl, pk, field, loser_hlc, loser_dev"
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


def test_the_golden_share_is_a_share_at_rest_of_format_1() -> None:
    files = [p.relative_to(SHARE_V1) for p in SHARE_V1.rglob("*") if p.is_file()]
    names = sorted(path.as_posix() for path in files)
    assert json.loads((SHARE_V1 / "FORMAT.json").read_text(encoding="utf-8"))["format"] == 1
    parts = {part for path in files for part in path.parts}
    assert all(NAME_RE.match(part) for part in parts)
    assert {part for part in parts if part != part.lower()} == {"FORMAT.json"}
    assert not [part for part in parts if part.startswith(".tmp-")]
    assert {path.parts[0] for path in files} == {"FORMAT.json", "blobs", "changes", "snapshots"}
    snap_id = golden_snapshot()
    assert f"changes/{snap_id}{snap.MARKER_SUFFIX}" in names
    assert len(golden_batches()) >= 2 and len(list((SHARE_V1 / "blobs").rglob("*/*"))) >= 2
    assert sum((SHARE_V1 / n).stat().st_size for n in names) < 100_000


def test_every_change_file_reads_whole_with_todays_reader() -> None:
    known = known_fields()
    ops = set()
    for path in golden_batches():
        name = parse_batch_name(path.name)
        assert name is not None, path.name
        batch = read_batch(path.read_bytes(), known)
        assert batch.header["format"] == 1 <= FORMAT_VERSION
        assert (batch.header["seq_from"], batch.header["seq_to"]) == (name.seq_from, name.seq_to)
        assert batch.skipped_records == 0  # every table known
        assert len(batch.records) == batch.header["count"] > 0
        for record in batch.records:
            assert record.extra == {}, (path.name, record.table)  # every field known
            ops.add(record.op)
    assert ops == {"upsert", "delete", "purge"}


def test_the_snapshot_reads_whole_with_todays_reader() -> None:
    snap_id = golden_snapshot()
    folder = SHARE_V1 / "snapshots" / snap_id
    manifest = snap.parse_manifest((folder / snap.MANIFEST).read_bytes(), snap_id)
    kinds: dict[str, int] = {}
    for number, part in enumerate(manifest.parts, start=1):
        data = (folder / part.name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == part.sha256
        for line in snap.read_part(data, part, snap_id, number):
            kinds[line["k"]] = kinds.get(line["k"], 0) + 1
    # Every kind of line: rows, a tombstone, an open conflict and erased fields.
    assert set(kinds) == {"row", "tomb", "conf", "purge"}
    document = json.loads((folder / snap.MANIFEST).read_text(encoding="utf-8"))
    assert kinds == document["counts"]


def test_a_new_laptop_reads_the_golden_share_to_the_expected_dump(
    tmp_path: Path, share: Path
) -> None:
    laptop = Laptop(tmp_path, "nieuw", share)
    reference_before = reference_rows(laptop)

    report = laptop.sync()

    # Every change file and the snapshot accepted; the blobs there and whole.
    assert report.rejected_files == []
    assert report.snapshot_error is None
    assert report.snapshot_applied == golden_snapshot()
    assert report.held_files == []
    assert report.blob_errors == [] and report.blobs_missing == 0
    assert report.blobs_downloaded == 2
    ledger = dict(laptop.sql("SELECT file, status FROM sync_ingested"))
    golden = {path.name for path in golden_batches()}
    # Read, or covered by the snapshot (then not read: the snapshot holds their changes).
    assert {ledger.get(name) for name in golden} <= {"applied", "snapshot"}
    assert "applied" in {ledger[name] for name in golden}

    assert synced_rows(laptop, laptop) == expected_rows()
    assert conflicts_of(laptop) == expected_conflicts()
    assert reference_rows(laptop) == reference_before  # the share holds no reference data
    for (sha,) in laptop.sql("SELECT sha256 FROM attachment"):
        assert attachment_store.verify(laptop.dir, sha)


def test_a_second_laptop_bootstraps_to_the_same_and_a_second_round_changes_nothing(
    tmp_path: Path, share: Path
) -> None:
    first = Laptop(tmp_path, "nieuw", share)
    first.sync()
    second = Laptop(tmp_path, "tweede", share)  # after the first one's own change file
    report = second.sync()
    assert report.rejected_files == [] and report.snapshot_error is None
    assert report.snapshot_applied == golden_snapshot()
    assert synced_rows(second, first, second) == expected_rows()
    assert conflicts_of(second) == expected_conflicts()
    before = (second.dump(), conflicts_of(second))

    again = second.sync()

    assert again.rejected_files == [] and again.snapshot_error is None
    assert again.applied_records == 0 and again.conflicts_new == 0
    assert again.pushed_records == 0 and again.blobs_downloaded == 0
    assert (second.dump(), conflicts_of(second)) == before
    # The first laptop takes in the second one's user and device, and nothing else differs.
    first.sync()
    assert first.dump() == second.dump()
    assert conflicts_of(first) == conflicts_of(second)
