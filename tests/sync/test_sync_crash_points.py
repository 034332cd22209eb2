"""A sync round killed at every share operation and every local commit: rerun, nothing lost.

The round under test is laptop An's: it sends an edit, a delete, a new organisation and a photo
(a blob and a batch), takes in Bart's batch (a concurrent edit of the same field: a conflict)
and fetches Bart's photo. For every step *k* of that round (each call on the share and each
local commit), the round dies just before step *k*; An then syncs again and everyone syncs.
The result must equal an uncrashed reference: the same data on both laptops (``dump``), the
same conflicts, the same change files on the share (nothing sent twice under another name), and
no temp files of An left in ``changes/`` once they are stale.

Three ways to die: an in-process "kill" (nothing more reaches the share or the database, the
open transaction is rolled back as SQLite does on the next open), the share disappearing at
step *k* (``OSError`` from then on, the process goes on), and a real process killed with
``os._exit`` in a subprocess (run by this file's ``__main__`` below) for a sample of steps.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from test_sync_laptops import ORG, Laptop, add_org, org

from vlot_desktop.db import attachment_store
from vlot_desktop.services import sync_service
from vlot_desktop.sync import share as share_mod
from vlot_desktop.sync.engine import open_sync_connection
from vlot_desktop.sync.share import FolderShare

# Slow (processes, many rounds): skipped by `installer/dev.sh test --fast`, run by default.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
OTHER_ORG = "0196a000-0000-7000-8000-0000000000bb"
GONE_ORG = "0196a000-0000-7000-8000-0000000000dd"
VISIT = "0196a000-0000-7000-8000-0000000000cc"
PHOTO_A = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 30
PHOTO_B = b"\x89PNG\r\n\x1a\n" + bytes(reversed(range(256))) * 30


class Crash(BaseException):
    """The process dies here (a BaseException: no ``except Exception`` in the sync sees it)."""


@dataclass
class Steps:
    """Counts the steps of one round; makes it die at step ``die_at``.

    ``mode``: "kill" (share and database both stop: Crash from then on) or "share-lost" (the
    share raises OSError from step ``die_at`` on; local commits go on; only share steps count).
    """

    die_at: int | None = None
    mode: str = "kill"
    log: list[str] = field(default_factory=list)
    dead: bool = False

    def step(self, what: str, *, local: bool = False) -> None:
        if self.dead:
            if self.mode == "kill":
                raise Crash(f"dead since step {self.die_at}")
            if not local:
                raise OSError(errno.EIO, "the share is gone")
            return
        if self.mode == "share-lost" and local:
            return
        self.log.append(what)
        if len(self.log) == self.die_at:
            self.dead = True
            self.step(what, local=local)


def _caller() -> str:
    frame = sys._getframe(2)
    return frame.f_code.co_name


class CrashingShare(FolderShare):
    steps: Steps

    def _op(self) -> None:
        self.steps.step(f"share:{_caller()}")
        super()._op()


class CrashingConnection:
    """A ``sqlite3`` connection whose commits (explicit, or autocommit writes) are steps."""

    def __init__(self, conn: sqlite3.Connection, steps: Steps) -> None:
        self._conn = conn
        self._steps = steps

    def _commit_point(self, sql: str) -> bool:
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head in ("COMMIT", "END"):
            return True
        return not self._conn.in_transaction and head in ("INSERT", "UPDATE", "DELETE", "REPLACE")

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        if sql.strip().upper() == "ROLLBACK":
            return self._conn.execute(sql)  # what SQLite does with a dead process's journal
        if self._commit_point(sql):
            self._steps.step(f"commit:{sql.split()[0]}", local=True)
        elif self._steps.dead and self._steps.mode == "kill":
            raise Crash("dead")
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        if self._commit_point(sql):
            self._steps.step("commit:executemany", local=True)
        elif self._steps.dead and self._steps.mode == "kill":
            raise Crash("dead")
        return self._conn.executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    def close(self) -> None:
        self._conn.close()  # closing rolls back an open transaction

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def install(monkeypatch: pytest.MonkeyPatch, steps: Steps) -> None:
    """Make ``run_sync`` use the counting share and connection."""

    def make_share(root: Path, **kwargs: Any) -> FolderShare:
        share = CrashingShare(root, **kwargs)
        share.steps = steps
        return share

    def make_conn(path: Path) -> Any:
        return CrashingConnection(open_sync_connection(path), steps)

    monkeypatch.setattr(sync_service, "FolderShare", make_share)
    monkeypatch.setattr(sync_service, "open_sync_connection", make_conn)


def attach(laptop: Laptop, data: bytes, pk: str) -> str:
    stored = attachment_store.store_bytes(laptop.dir, data)
    laptop.sql(
        "INSERT INTO attachment (id, sha256, file_name, media_type, size_bytes, owner_table, "
        "owner_id, position, created_at, updated_at) VALUES (?, ?, 'foto.png', 'image/png', ?, "
        "'prospect_visit', ?, 0, '2026-11-26 10:00:00.000000', '2026-11-26 10:00:00.000000')",
        pk,
        stored.sha256,
        stored.size_bytes,
        VISIT,
    )
    return stored.sha256


# --- the world before An's round, kept once and restored for every crash ---------------------


@dataclass
class World:
    root: Path  # holds "share", "an", "bart"
    pristine: Path
    share: Path
    a: Laptop
    b: Laptop

    def restore(self) -> None:
        for name in ("share", "an", "bart"):
            shutil.rmtree(self.root / name, ignore_errors=True)
            shutil.copytree(self.pristine / name, self.root / name, symlinks=True)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    base = tmp_path_factory.mktemp("crash")
    root = base / "w"
    root.mkdir()
    share = root / "share"
    share.mkdir()
    a = Laptop(root, "an", share, create=True)
    b = Laptop(root, "bart", share)
    add_org(a)
    add_org(a, pk=GONE_ORG, name="Oud adres")
    for laptop in (a, b, a, b):
        laptop.sync()
    # Offline, both edit: the same field (a conflict), and other things besides.
    a.sql("UPDATE organisation SET name = 'Versie An' WHERE id = ?", ORG)
    b.sql("UPDATE organisation SET name = 'Versie Bart', notes = 'van Bart' WHERE id = ?", ORG)
    a.sql("DELETE FROM organisation WHERE id = ?", GONE_ORG)
    add_org(a, pk=OTHER_ORG, name="Nieuw bij An")
    attach(a, PHOTO_A, "0196a000-0000-7000-8000-000000000a01")
    attach(b, PHOTO_B, "0196a000-0000-7000-8000-000000000b01")
    b.sync()  # Bart's batch and photo wait on the share for An
    pristine = base / "pristine"
    pristine.mkdir()
    for name in ("share", "an", "bart"):
        shutil.copytree(root / name, pristine / name, symlinks=True)
    return World(root, pristine, share, a, b)


@dataclass
class Outcome:
    dump_a: str
    dump_b: str
    conflicts_a: list[tuple[Any, ...]]
    conflicts_b: list[tuple[Any, ...]]
    changes: list[str]
    blobs: list[str]
    photos_a: list[str]
    ledger_a: list[tuple[Any, ...]]


def is_temp(path: Path) -> bool:
    return path.name.startswith(share_mod.TEMP_PREFIX)


def finish(world: World) -> Outcome:
    """An syncs again, then Bart, then An (everything has then gone everywhere); what the
    laptops and the share then hold."""
    for laptop in (world.a, world.b, world.a):
        laptop.sync()
    share = world.share
    return Outcome(
        dump_a=world.a.dump(),
        dump_b=world.b.dump(),
        conflicts_a=world.a.conflicts(),
        conflicts_b=world.b.conflicts(),
        changes=sorted(p.name for p in (share / "changes").iterdir() if not is_temp(p)),
        blobs=sorted(
            p.name for p in (share / "blobs").rglob("*") if p.is_file() and not is_temp(p)
        ),
        photos_a=sorted(attachment_store.stored_hashes(world.a.dir)),
        ledger_a=world.a.sql("SELECT file, sha256, records, status FROM sync_ingested ORDER BY 1"),
    )


@pytest.fixture(scope="module")
def reference(world: World) -> tuple[Outcome, list[str]]:
    """The uncrashed outcome, and the steps of An's round."""
    world.restore()
    steps = Steps()
    with pytest.MonkeyPatch.context() as mp:
        install(mp, steps)
        report = world.a.sync()
    assert report.pushed_records > 0 and report.conflicts_new == 1
    assert report.blobs_uploaded == 1 and report.blobs_downloaded == 1
    outcome = finish(world)
    assert outcome.conflicts_a == outcome.conflicts_b != []
    assert outcome.dump_a == outcome.dump_b
    return outcome, steps.log


def own_temps(world: World) -> list[Path]:
    return sorted(world.share.rglob(share_mod.TEMP_PREFIX + "*"))


def check_against(world: World, expected: Outcome, where: str) -> None:
    got = finish(world)
    assert got.dump_a == expected.dump_a, f"An's data differs after a crash {where}"
    assert got.dump_b == expected.dump_b, f"Bart's data differs after a crash {where}"
    assert got.conflicts_a == got.conflicts_b == expected.conflicts_a, where
    # Nothing sent twice under another name, no blob twice, the same ledger.
    assert got.changes == expected.changes, where
    assert got.blobs == expected.blobs, where
    assert got.photos_a == expected.photos_a, where
    assert got.ledger_a == expected.ledger_a, where
    assert org(world.a)[0][1] == "van Bart"  # Bart's other field survived the conflict


def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Move the laptop's clock on past the age at which its own temp files count as stale."""
    real_now = share_mod.now
    monkeypatch.setattr(share_mod, "now", lambda: real_now() + share_mod.TEMP_STALE_S + 60)


def test_the_round_has_share_steps_and_commit_points(reference: tuple[Outcome, list[str]]) -> None:
    _, log = reference
    assert sum(s.startswith("share:") for s in log) >= 15
    assert sum(s.startswith("commit:") for s in log) >= 3  # push, pull, the fetched blob


@pytest.mark.parametrize("mode", ["kill", "share-lost"])
def test_a_round_killed_at_any_step_loses_nothing_and_sends_nothing_twice(
    world: World, reference: tuple[Outcome, list[str]], mode: str
) -> None:
    expected, log = reference
    count = len(log) if mode == "kill" else sum(s.startswith("share:") for s in log)
    for k in range(1, count + 1):
        world.restore()
        steps = Steps(die_at=k, mode=mode)
        where = f"({mode}) at step {k}"
        with pytest.MonkeyPatch.context() as mp:
            install(mp, steps)
            with contextlib.suppress(Crash, OSError, sync_service.ShareError):
                world.a.sync()
        assert steps.dead, f"the round never reached step {k}"
        where = f"{where} ({steps.log[-1]})"
        # Temp files a dead round left are ignored by everyone meanwhile ...
        check_against(world, expected, where)
        # ... and An removes its own once they are stale (changes/: listed every round).
        with pytest.MonkeyPatch.context() as mp:
            later(mp)
            world.a.sync()
        left = [p for p in own_temps(world) if p.parent.name == "changes"]
        assert left == [], f"temp files left in changes/ {where}: {left}"


def test_edits_made_between_the_crash_and_the_rerun_are_sent_too(
    world: World, reference: tuple[Outcome, list[str]]
) -> None:
    _, log = reference
    # Die right after the batch got its final name, before the commit that records it.
    k = next(i for i, s in enumerate(log, 1) if s == "commit:COMMIT")
    world.restore()
    steps = Steps(die_at=k)
    with pytest.MonkeyPatch.context() as mp:
        install(mp, steps)
        with pytest.raises(Crash):
            world.a.sync()
    world.a.sql("UPDATE organisation SET notes = 'na de crash' WHERE id = ?", OTHER_ORG)
    got = finish(world)
    assert got.dump_a == got.dump_b and got.conflicts_a == got.conflicts_b
    assert world.b.sql("SELECT notes FROM organisation WHERE id = ?", OTHER_ORG) == [
        ("na de crash",)
    ]
    assert len(got.conflicts_a) == 1


def test_a_temp_left_by_a_blob_upload_is_removed_later(
    world: World, reference: tuple[Outcome, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from vlot_desktop import cli

    _, log = reference
    # The first write into a blob folder: the photo's bytes are in its temp file.
    k = next(i for i, s in enumerate(log, 1) if s == "share:write") + 1
    world.restore()
    steps = Steps(die_at=k)
    with pytest.MonkeyPatch.context() as mp:
        install(mp, steps)
        with pytest.raises(Crash):
            world.a.sync()
    if [p.parent.parent.name for p in own_temps(world)] != ["blobs"]:
        pytest.fail("the killed round should have left its temp file in blobs/<xx>/")
    later(monkeypatch)
    world.a.sync()
    assert cli.main(["--data-dir", str(world.a.dir), "compact", "--grace-days", "0"]) == 0
    assert own_temps(world) == []


# --- a new laptop killed while it bootstraps from a snapshot ---------------------------------


@dataclass
class Joining:
    root: Path
    pristine: Path
    share: Path
    c: Laptop

    def restore(self) -> None:
        for name in ("share", "chris"):
            shutil.rmtree(self.root / name, ignore_errors=True)
            shutil.copytree(self.pristine / name, self.root / name, symlinks=True)


@pytest.fixture(scope="module")
def joining(tmp_path_factory: pytest.TempPathFactory) -> Joining:
    """A share with a snapshot (the batches it covers compacted away) and a tail after it, a
    conflict in each; Chris has just set up a new laptop."""
    from vlot_desktop import cli

    base = tmp_path_factory.mktemp("join")
    root = base / "w"
    share = root / "share"
    share.mkdir(parents=True)
    a = Laptop(root, "an", share, create=True)
    b = Laptop(root, "bart", share)
    add_org(a)
    add_org(a, pk=GONE_ORG, name="Oud adres")
    attach(a, PHOTO_A, "0196a000-0000-7000-8000-000000000a01")
    for laptop in (a, b, a):
        laptop.sync()
    a.sql("UPDATE organisation SET name = 'Versie An' WHERE id = ?", ORG)
    b.sql("UPDATE organisation SET name = 'Versie Bart' WHERE id = ?", ORG)
    for laptop in (a, b, a):
        laptop.sync()
    assert cli.main(["--data-dir", str(a.dir), "compact", "--grace-days", "0"]) == 0
    # The tail: after the snapshot.
    b.sql("UPDATE organisation SET notes = 'na de snapshot' WHERE id = ?", ORG)
    b.sql("DELETE FROM organisation WHERE id = ?", GONE_ORG)
    a.sql("UPDATE organisation SET notes = 'ook An' WHERE id = ?", ORG)
    b.sync()
    a.sync()
    c = Laptop(root, "chris", share)
    pristine = base / "pristine"
    for name in ("share", "chris"):
        shutil.copytree(root / name, pristine / name, symlinks=True)
    return Joining(root, pristine, share, c)


def joined(j: Joining) -> tuple[str, list[tuple[Any, ...]], list[str]]:
    j.c.sync()
    return j.c.dump(), j.c.conflicts(), sorted(attachment_store.stored_hashes(j.c.dir))


def test_a_new_laptop_killed_at_any_step_of_its_bootstrap_ends_up_the_same(
    joining: Joining,
) -> None:
    joining.restore()
    steps = Steps()
    with pytest.MonkeyPatch.context() as mp:
        install(mp, steps)
        first = joining.c.sync()
    assert first.snapshot_applied and first.files_read >= 1 and first.blobs_downloaded == 1
    expected = joined(joining)
    assert len(expected[1]) >= 1  # the conflict came with the snapshot or the tail
    log = steps.log
    for k in range(1, len(log) + 1):
        joining.restore()
        steps = Steps(die_at=k)
        with pytest.MonkeyPatch.context() as mp:
            install(mp, steps)
            with contextlib.suppress(Crash):
                joining.c.sync()
        assert steps.dead, f"the round never reached step {k}"
        assert joined(joining) == expected, f"killed at step {k} ({log[k - 1]})"


# --- a real process killed with os._exit ------------------------------------------------------


def run_killed(world: World, die_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, __file__, str(world.a.dir), str(die_at)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


KILL_EXIT = 86


def test_a_process_killed_with_os_exit_mid_round_loses_nothing(
    world: World, reference: tuple[Outcome, list[str]]
) -> None:
    expected, log = reference
    # A sample of the steps (a process start costs about a second): the batch being written,
    # the push's commit (the batch has its final name), the pull's commit, the blob fetch's.
    batch_write = max(i for i, s in enumerate(log, 1) if s == "share:write")
    commits = [i for i, s in enumerate(log, 1) if s.startswith("commit:")]
    chosen = sorted({batch_write, commits[0], commits[1], len(log)})
    for k in chosen:
        world.restore()
        done = run_killed(world, k)
        where = f"(os._exit) at step {k} ({log[k - 1]})"
        assert done.returncode == KILL_EXIT, f"{where}: {done.returncode} {done.stderr[-2000:]}"
        check_against(world, expected, where)


def _main(data_dir: str, die_at: int) -> None:
    """In a subprocess: one ``sync`` through the command line that exits hard at a step."""
    from vlot_desktop import cli

    class Exit(Steps):
        def step(self, what: str, *, local: bool = False) -> None:
            self.log.append(what)
            if len(self.log) == self.die_at:
                os._exit(KILL_EXIT)

    with pytest.MonkeyPatch.context() as mp:
        install(mp, Exit(die_at=die_at))
        code = cli.main(["--data-dir", data_dir, "sync", "--json"])
    print(json.dumps({"exit": code}))
    sys.exit(0 if code == 0 else 1)


if __name__ == "__main__":
    _main(sys.argv[1], int(sys.argv[2]))


def test_a_listing_removes_only_this_laptops_stale_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "share"
    (root / "changes").mkdir(parents=True)
    mine = FolderShare(root, temp_tag="0196a000-0000-7000-8000-00000000000a")
    other = FolderShare(root, temp_tag="0196a000-0000-7000-8000-00000000000b")
    assert mine.temp_tag != other.temp_tag
    old_mine, old_other = mine._temp_name(), other._temp_name()
    for name in (old_mine, old_other, "x.chg.gz"):
        (root / "changes" / name).write_bytes(b"half")
    later(monkeypatch)
    fresh_mine = mine._temp_name()  # a write running right now in another process
    (root / "changes" / fresh_mine).write_bytes(b"busy")
    before = mine.ops
    assert mine.list("changes") == sorted([old_other, fresh_mine, "x.chg.gz"])
    assert mine.ops - before == 2 and mine.temps_removed == 1  # the listing and one delete
    assert sorted(p.name for p in (root / "changes").iterdir()) == sorted(
        [old_other, fresh_mine, "x.chg.gz"]
    )
    before = mine.ops
    mine.list("changes")
    assert mine.ops - before == 1  # nothing left to remove: a listing costs one call again
