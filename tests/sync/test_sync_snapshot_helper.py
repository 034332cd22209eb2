"""A large snapshot is parsed in helper processes (``sync/snapshot_read.py``): the new laptop
must end up exactly as when it reads the snapshot itself, with a damaged part still refused
whole and a helper that cannot start replaced by reading in this process."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from test_sync_laptops import Laptop, sync_all

from vlot_desktop import paths
from vlot_desktop.db.models import Base, synced_tables
from vlot_desktop.services.sync_service import run_compact
from vlot_desktop.sync import snapshot as snap
from vlot_desktop.sync import snapshot_read


def publish(demo_db: Path, laptop: Laptop) -> int:
    """Every synced row of the demo set into ``laptop`` through the capture triggers."""
    synced = set(synced_tables())
    conn = sqlite3.connect(laptop.db)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("ATTACH DATABASE ? AS demo", (f"file:{demo_db}?mode=ro",))
    rows = 0
    with conn:
        for table in (t.name for t in Base.metadata.sorted_tables if t.name in synced):
            columns = ", ".join(
                f'"{r[1]}"' for r in conn.execute(f'PRAGMA demo.table_info("{table}")')
            )
            rows += conn.execute(
                f'INSERT OR IGNORE INTO main."{table}" ({columns}) '
                f'SELECT {columns} FROM demo."{table}"'
            ).rowcount
    conn.close()
    return rows


@pytest.fixture(scope="module")
def master(_demo_small_master: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A share holding the small demo set as a snapshot of several parts (parts of 2,000 lines
    instead of 100,000), published and compacted by An's laptop; made once for this module."""
    root = tmp_path_factory.mktemp("snapshot-helper")
    share = root / "share"
    share.mkdir()
    a = Laptop(root, "an", share, create=True)
    assert publish(paths.database_path(_demo_small_master), a) > 10_000
    a.sync()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(snap, "PART_LINES", 2000)
        report = run_compact(a.dir, grace_days=0)
    assert report.snapshot_id is not None and report.snapshot_parts >= 5
    return root


@pytest.fixture
def compacted(master: Path, tmp_path: Path) -> tuple[Path, str, Path]:
    """A private copy of the share: (share, snapshot id, An's database)."""
    share = tmp_path / "share"
    shutil.copytree(master / "share", share)
    snap_id = next((share / "snapshots").iterdir()).name
    return share, snap_id, paths.database_path(master / "an")


def state(laptop: Laptop) -> tuple[str, list[Any], list[Any]]:
    """The data and every sync clock (row clocks by device and user name)."""
    return (
        laptop.dump(),
        laptop.sql(
            "SELECT c.tbl, c.pk, c.hlc, d.name, u.name FROM sync_row_clock AS c "
            "LEFT JOIN sync_actor AS d ON d.id = c.dev "
            "LEFT JOIN sync_actor AS u ON u.id = c.user_id "
            "ORDER BY c.tbl, c.pk"
        ),
        laptop.sql("SELECT * FROM sync_field_clock ORDER BY tbl, pk, field"),
    )


def bootstrap(
    tmp_path: Path, share: Path, name: str, monkeypatch: pytest.MonkeyPatch, helper: bool
) -> Laptop:
    laptop = Laptop(tmp_path, name, share)
    with monkeypatch.context() as mp:
        mp.setattr(snapshot_read, "use_helper", lambda manifest: helper)
        report = laptop.sync()
    assert report.snapshot_applied is not None, report.snapshot_error
    return laptop


def test_a_snapshot_read_by_helpers_gives_the_same_laptop_as_one_read_here(
    compacted: tuple[Path, str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share, snap_id, an_db = compacted
    parts_from_helpers: list[int] = []
    real = snapshot_read._from_helper

    def counting(*args: Any) -> Any:
        for pickles in real(*args):
            parts_from_helpers.append(len(pickles))
            yield pickles

    monkeypatch.setattr(snapshot_read, "_from_helper", counting)
    c = bootstrap(tmp_path, share, "chris", monkeypatch, helper=True)
    d = bootstrap(tmp_path, share, "dirk", monkeypatch, helper=False)
    parts = len(list((share / "snapshots" / snap_id).glob("part-*")))
    assert len(parts_from_helpers) == parts  # every part came from a helper, none read here
    # Each new laptop adds its own user and device: once those went round, both are equal
    # (the snapshot's rows themselves never travel again, so a row missed would stay missed).
    sync_all(c, d)
    assert state(c) == state(d)
    # ... and hold what An published: the same rows, plus Chris's and Dirk's user and device.
    an = sqlite3.connect(an_db)
    for table in synced_tables():
        expected = an.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        if table in ("staff_user", "device"):
            expected += 2
        assert c.sql(f'SELECT count(*) FROM "{table}"') == [(expected,)], table
    an.close()
    # The name search index, rebuilt after the load: every member, findable by name.
    members = c.sql("SELECT count(*) FROM household_member")[0][0]
    assert members > 100
    assert c.sql("SELECT count(*) FROM member_name_fts") == [(members,)]
    case_id, names = c.sql(
        "SELECT case_id, search_names FROM household_member ORDER BY id LIMIT 1"
    )[0]
    word = names.split()[0]
    found = c.sql(
        "SELECT DISTINCT case_id FROM member_name_fts WHERE member_name_fts MATCH ?",
        f'"{word}"',
    )
    assert (case_id,) in found


def test_a_damaged_part_read_by_a_helper_refuses_the_whole_snapshot(
    compacted: tuple[Path, str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share, snap_id, _ = compacted
    part = share / "snapshots" / snap_id / "part-0003.ndjson.gz"
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size: only the helper's checksum finds it
    part.write_bytes(bytes(data))
    c = Laptop(tmp_path, "chris", share)
    with monkeypatch.context() as mp:
        mp.setattr(snapshot_read, "use_helper", lambda manifest: True)
        report = c.sync()
    assert report.snapshot_applied is None
    assert report.snapshot_error and "part-0003" in report.snapshot_error
    # Parts 1 and 2 were fine and applied first: all of it was rolled back.
    assert c.sql("SELECT count(*) FROM household_member") == [(0,)]
    assert c.sql("SELECT count(*) FROM sync_row_clock") == c.sql(
        "SELECT count(*) FROM sync_row_clock WHERE tbl IN ('staff_user', 'device')"
    )


def test_a_helper_that_cannot_start_leaves_the_reading_to_this_process(
    compacted: tuple[Path, str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share, _, _ = compacted

    class NoProcesses:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pass

        def submit(self, *args: Any) -> Any:
            raise OSError("no more processes allowed")

        def shutdown(self, **kwargs: Any) -> None:
            pass

    monkeypatch.setattr(snapshot_read, "ProcessPoolExecutor", NoProcesses)
    c = bootstrap(tmp_path, share, "chris", monkeypatch, helper=True)
    d = bootstrap(tmp_path, share, "dirk", monkeypatch, helper=False)
    sync_all(c, d)
    assert state(c) == state(d)


def test_the_command_line_bootstraps_with_helper_processes(
    compacted: tuple[Path, str, Path], tmp_path: Path
) -> None:
    """The ``vlot-desktop`` command as a real process (a script like the one pip installs):
    the spawned helpers import the main script under another name, so it must start the
    application only under ``if __name__ == "__main__"``, as the installed script does."""
    import subprocess
    import sys
    import textwrap

    share, _, an_db = compacted
    folder = tmp_path / "erik"
    script = tmp_path / "vlot-desktop"
    script.write_text(
        textwrap.dedent(
            """
            import atexit, sys
            from vlot_desktop.cli import main
            from vlot_desktop.sync import snapshot_read

            if __name__ == "__main__":
                snapshot_read.use_helper = lambda manifest: True
                real, parts = snapshot_read._from_helper, []

                def counting(*args):
                    for pickles in real(*args):
                        parts.append(len(pickles))
                        yield pickles

                snapshot_read._from_helper = counting
                atexit.register(lambda: print("helper parts:", len(parts), file=sys.stderr))
                sys.exit(main())
            """
        )
    )
    for args in (
        ["init", "--user", "erik", "--region", "limburg", "--share", str(share)],
        ["sync", "--json"],
    ):
        done = subprocess.run(
            [sys.executable, str(script), "--data-dir", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    parts = len(list(next((share / "snapshots").iterdir()).glob("part-*")))
    assert f"helper parts: {parts}" in done.stderr
    erik = sqlite3.connect(paths.database_path(folder))
    an = sqlite3.connect(an_db)
    try:
        for table in ("household_member", "case_file", "location"):
            count = f'SELECT count(*) FROM "{table}"'
            assert erik.execute(count).fetchone() == an.execute(count).fetchone(), table
    finally:
        erik.close()
        an.close()
