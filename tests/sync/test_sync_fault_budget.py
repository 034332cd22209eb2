"""Share-operation budgets: what a VPN user pays per sync does not grow with the history.

Over a VPN every call on the share costs tens of milliseconds. A round with nothing new reads
``FORMAT.json`` and lists ``changes/`` (3 calls) however many files the share holds; 10,000
local changes go up as one file, for about the calls of a single small change.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_sync_laptops import Laptop

from vlot_desktop.sync.batch import CHANGES, Record, batch_name, write_batch

# Slow (processes, many rounds): skipped by `installer/dev.sh test --fast`, run by default.
pytestmark = pytest.mark.slow

DEVICES = [f"0196c000-0000-7000-8000-0000000000{n:02x}" for n in range(4)]


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def put_history(share: Path, batches_per_device: int) -> None:
    """Other laptops' history: one small batch per sync session they had."""
    for dev in DEVICES:
        for seq in range(1, batches_per_device + 1):
            record = Record(
                hlc=f"{1_790_000_000_000 + seq:013d}-00000000",
                dev=dev,
                seq=seq,
                table="organisation",
                pk=f"{dev[:-4]}{seq:04d}",
                op="upsert",
                fields={
                    "name": f"Organisatie {seq}",
                    "kind": "ocmw",
                    "created_at": "2026-01-01 00:00:00.000000",
                    "updated_at": "2026-01-01 00:00:00.000000",
                },
                base={},
                user=dev,
            )
            header = {"device": dev, "epoch": "e1", "seq_from": seq, "seq_to": seq, "count": 1}
            path = share / CHANGES / batch_name(dev, "e1", seq, seq)
            with path.open("wb") as out:
                write_batch(out, header, [record])


def test_a_sync_with_nothing_new_costs_the_same_three_calls_for_any_history(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    put_history(share, 2)
    a.sync()
    short = a.sync()
    sessions = 150  # 600 files in changes/ in all
    put_history(share, sessions)
    first = a.sync()
    assert first.files_read == len(DEVICES) * (sessions - 2)
    long = a.sync()
    assert (long.pushed_records, long.pulled_records, long.files_read) == (0, 0, 0)
    assert len(list((share / CHANGES).iterdir())) > 600
    assert long.share_ops == short.share_ops <= 3


def test_ten_thousand_local_changes_go_up_as_one_file_for_the_calls_of_one_change(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    a.sync()

    def insert(prefix: str, n: int) -> None:
        conn = sqlite3.connect(a.db)
        with conn:
            conn.executemany(
                "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
                "VALUES (?, ?, 'ocmw', '2026-01-01', '2026-01-01')",
                [(f"{prefix}-{i:05d}", f"Organisatie {i}") for i in range(n)],
            )
        conn.close()

    insert("one", 1)
    small = a.sync()
    insert("many", 10_000)
    before = len(list((share / CHANGES).iterdir()))
    big = a.sync()
    assert big.pushed_records == 10_000 and big.files_written == 1
    assert len(list((share / CHANGES).iterdir())) == before + 1
    # One more buffered write per MB of the compressed file at most; nothing per record.
    assert big.share_ops <= small.share_ops + 2 <= 14
    pulled = b.sync()
    assert pulled.pulled_records >= 10_001 and pulled.files_read <= 3
    assert pulled.share_ops <= 20
