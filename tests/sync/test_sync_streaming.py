"""Pulled batches are verified whole, then applied a chunk at a time: bounded memory."""

from __future__ import annotations

import gzip
import json
import sqlite3
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from vlot_desktop import cli, paths
from vlot_desktop.settings import load_settings
from vlot_desktop.sync import engine
from vlot_desktop.sync.batch import CHANGES, Record, batch_name, write_batch
from vlot_desktop.sync.engine import open_sync_connection, pull
from vlot_desktop.sync.share import FolderShare

# Slow (processes, many rounds): skipped by `installer/dev.sh test --fast`, run by default.
pytestmark = pytest.mark.slow

OTHER = "0196a000-0000-7000-8000-00000000000f"
EPOCH = "e1"


def org_records(n: int, start: int = 0, prefix: str = "org") -> Iterator[Record]:
    for i in range(start, start + n):
        yield Record(
            hlc=f"{1_795_000_000_000 + i:013d}-{0:08d}",
            dev=OTHER,
            seq=i + 1,
            table="organisation",
            pk=f"{prefix}-{i:06d}",
            op="upsert",
            fields={
                "name": f"Organisatie {i} met een wat langere naam",
                "kind": "ocmw",
                "created_at": "2026-01-01 00:00:00.000000",
            },
            base={"name": None, "kind": None, "created_at": None},
            user=OTHER,
        )


def put_batch(share: Path, seq_from: int, n: int, prefix: str = "org") -> Path:
    header = {
        "device": OTHER,
        "epoch": EPOCH,
        "seq_from": seq_from,
        "seq_to": seq_from + n - 1,
        "count": n,
        "hlc_min": "",
        "hlc_max": "",
        "created_at": "2026-01-01T00:00:00Z",
    }
    path = share / CHANGES / batch_name(OTHER, EPOCH, seq_from, seq_from + n - 1)
    with path.open("wb") as out:
        write_batch(out, header, org_records(n, seq_from - 1, prefix))
    return path


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, Path]:
    share = tmp_path / "share"
    share.mkdir()
    data_dir = tmp_path / "an"
    argv = ["--data-dir", str(data_dir), "init", "--user", "An", "--region", "limburg"]
    assert cli.main([*argv, "--share", str(share), "--create-share"]) == 0
    return data_dir, share


def count_orgs(conn: sqlite3.Connection, prefix: str) -> int:
    row = conn.execute(
        "SELECT count(*) FROM organisation WHERE id LIKE ?", (prefix + "-%",)
    ).fetchone()
    return int(row[0])


def test_a_20k_change_pull_is_applied_with_bounded_memory(
    laptop: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, share = laptop
    monkeypatch.setattr(engine, "APPLY_CHUNK", 1000)
    n = 20_000
    put_batch(share, 1, n)
    device = load_settings(data_dir).device_id
    assert device
    conn = open_sync_connection(paths.database_path(data_dir))
    try:
        tracemalloc.start()
        try:
            result = pull(conn, FolderShare(share), device)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert result.rejected_files == []
        assert result.pulled_records == n and result.applied_records == n
        assert count_orgs(conn, "org") == n
        # Holding the 20k records at once took over 30 MB of Python objects; a chunk of
        # 1,000 records and the compressed file take about 5 MB.
        assert peak < 12 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    finally:
        conn.close()


def test_a_wrong_trailer_checksum_rejects_the_file_and_applies_none_of_it(
    laptop: tuple[Path, Path],
) -> None:
    data_dir, share = laptop
    put_batch(share, 1, 50, prefix="good")
    bad = put_batch(share, 51, 7000, prefix="bad")  # more records than one chunk
    lines = gzip.decompress(bad.read_bytes()).split(b"\n")
    trailer = json.loads(lines[-2])
    trailer["sha256"] = "0" * 64
    lines[-2] = json.dumps(trailer).encode()
    bad.write_bytes(gzip.compress(b"\n".join(lines)))
    device = load_settings(data_dir).device_id
    assert device
    conn = open_sync_connection(paths.database_path(data_dir))
    try:
        result = pull(conn, FolderShare(share), device)
        assert [(r["file"], r["reason"]) for r in result.rejected_files] == [
            (bad.name, "checksum does not match")
        ]
        assert result.pulled_records == 50
        assert count_orgs(conn, "good") == 50
        assert count_orgs(conn, "bad") == 0
        for clocks in ("sync_field_clock", "sync_row_clock"):
            assert conn.execute(
                f"SELECT count(*) FROM {clocks} WHERE pk LIKE 'bad-%'"
            ).fetchone() == (0,)
        assert conn.execute(
            "SELECT status, records, reason FROM sync_ingested WHERE file = ?", (bad.name,)
        ).fetchall() == [("rejected", 0, "checksum does not match")]
    finally:
        conn.close()
