"""A full disk (on the share or on the laptop) and a push larger than what readers accept.

Nothing may be lost: a failed round leaves the outbox and the database as they were, and the
next round, once there is room again, completes. The command line says what went wrong in one
line.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from test_sync_laptops import Laptop, add_org

from vlot_desktop import cli
from vlot_desktop.services import sync_service
from vlot_desktop.sync import batch as batch_mod
from vlot_desktop.sync import share as share_mod
from vlot_desktop.sync.batch import CHANGES
from vlot_desktop.sync.engine import open_sync_connection


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def insert_orgs(laptop: Laptop, n: int, prefix: str = "org") -> None:
    conn = sqlite3.connect(laptop.db)
    with conn:
        conn.executemany(
            "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
            "VALUES (?, ?, 'ocmw', '2026-01-01', '2026-01-01')",
            [(f"{prefix}-{i:05d}", f"Organisatie {i} " + "x" * 100) for i in range(n)],
        )
    conn.close()


def clock(laptop: Laptop) -> list[tuple[Any, ...]]:
    return laptop.sql("SELECT pushed_seq FROM sync_clock")


def test_a_full_share_loses_nothing_and_leaves_no_temp_file(
    tmp_path: Path,
    share: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    a.sync()
    insert_orgs(a, 2000)
    before = (a.dump(), clock(a), a.sql("SELECT count(*) FROM sync_outbox"))
    listing = sorted(p.name for p in (share / CHANGES).iterdir())
    real_write = share_mod._CountingRaw.write

    def full(self: Any, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(share_mod._CountingRaw, "write", full)
    capsys.readouterr()
    assert cli.main(["--data-dir", str(a.dir), "sync"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0] and "nothing was lost" in err[0]
    assert sorted(p.name for p in (share / CHANGES).iterdir()) == listing  # temp removed too
    assert (a.dump(), clock(a), a.sql("SELECT count(*) FROM sync_outbox")) == before
    monkeypatch.setattr(share_mod._CountingRaw, "write", real_write)
    assert a.sync().pushed_records == 2000
    b.sync()
    assert b.sql("SELECT count(*) FROM organisation WHERE id LIKE 'org-%'") == [(2000,)]


def full_database(path: Path) -> sqlite3.Connection:
    """A sync connection on a database that cannot grow: SQLite says 'database or disk is
    full', as on a laptop whose disk is full."""
    conn = open_sync_connection(path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    return conn


@pytest.fixture
def pair_with_work(tmp_path: Path, share: Path) -> tuple[Laptop, Laptop]:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    insert_orgs(a, 3000)
    a.sync()
    return a, b


def test_a_full_laptop_disk_applies_nothing_and_the_next_round_completes(
    pair_with_work: tuple[Laptop, Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair_with_work
    # (Bart's own push goes through: it needs no room; taking in An's 3,000 rows does.)
    before = (b.dump(), b.sql("SELECT count(*) FROM sync_ingested WHERE status = 'applied'"))
    with monkeypatch.context() as mp:
        mp.setattr(sync_service, "open_sync_connection", full_database)
        with pytest.raises(sqlite3.OperationalError, match="full"):
            b.sync()
    assert (
        b.dump(),
        b.sql("SELECT count(*) FROM sync_ingested WHERE status = 'applied'"),
    ) == before
    b.sync()
    a.sync()
    assert a.dump() == b.dump()


def test_a_full_laptop_disk_gives_a_one_line_message(
    pair_with_work: tuple[Laptop, Laptop],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, b = pair_with_work
    monkeypatch.setattr(sync_service, "open_sync_connection", full_database)
    capsys.readouterr()
    assert cli.main(["--data-dir", str(b.dir), "sync"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "full" in err[0]


def test_a_push_larger_than_the_readers_limits_still_arrives(
    tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    a.sync()
    # The real limit is 64 MB (about two million changes); scaled down to 64 kB here.
    monkeypatch.setattr(batch_mod, "MAX_BATCH_BYTES", 64 * 1024)
    insert_orgs(a, 10_000)
    before = set((share / "changes").iterdir())
    pushed = a.sync()
    if pushed.pushed_records != 10_000:
        pytest.fail("An's push did not go through")
    # Several files, each one the readers accept.
    sizes = [p.stat().st_size for p in set((share / "changes").iterdir()) - before]
    assert pushed.files_written == len(sizes) > 1
    assert max(sizes) <= 64 * 1024
    report = b.sync()
    assert report.rejected_files == []
    assert b.sql("SELECT count(*) FROM organisation WHERE id LIKE 'org-%'") == [(10_000,)]
