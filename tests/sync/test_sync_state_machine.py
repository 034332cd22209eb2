"""Three to five laptops on one share, driven by hypothesis in any order: edits, deletes,
purges, sync rounds, rounds that crash or lose the share half-way, files delivered twice,
clock jumps, compaction, and new laptops that bootstrap from the snapshot. Whenever everyone
has synced, every laptop holds the same data (byte-identical ``dump``) and the same conflicts.

Real data folders and the real sync code (``run_sync``, ``run_compact``, ``init``); only the
share operations are counted to make a round die at a chosen one. Examples and steps can be
raised with ``VLOT_SYNC_MACHINE_EXAMPLES`` and ``VLOT_SYNC_MACHINE_STEPS``.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from vlot_desktop import cli, paths
from vlot_desktop.services.dump import dump_chunks
from vlot_desktop.services.sync_service import run_compact, run_sync
from vlot_desktop.settings import load_settings, save_settings
from vlot_desktop.sync.purge import purge_in
from vlot_desktop.sync.share import FolderShare

KEYS = [f"0196a000-0000-7000-8000-{n:012d}" for n in (1, 2, 3)]
NAMES = ["OCMW Hasselt", "OCMW Genk", "Lokaal bestuur Bree"]
NOTES = [None, "bellen", "bezocht", "мова"]
MAX_LAPTOPS = 5


class Crash(BaseException):
    """The laptop dies (a kill, not an error the code can handle)."""


class Dying:
    """Make share operation number ``at`` of the next round fail: the share disappears
    (``OSError``) or the process dies (``Crash``)."""

    def __init__(self) -> None:
        self.at: int | None = None
        self.kill = False
        self.count = 0

    def __call__(self, share: FolderShare) -> None:
        if self.at is not None:
            self.count += 1
            if self.count >= self.at:
                if self.kill:
                    raise Crash("killed")
                raise OSError(errno.EIO, "the share is gone")


DYING = Dying()
_real_op = FolderShare._op


def _op(self: FolderShare) -> None:
    DYING(self)
    _real_op(self)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three laptops set up on one share, copied for each example."""
    root = tmp_path_factory.mktemp("machine")
    (root / "share").mkdir()
    for index, name in enumerate(("an", "bart", "chris")):
        argv = ["--data-dir", str(root / name), "init", "--user", name, "--region", "limburg"]
        argv += ["--share", str(root / "share")] + (["--create-share"] if index == 0 else [])
        assert cli.main(argv) == 0
    return root


def _sql(folder: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(paths.database_path(folder), timeout=30)
    try:
        with conn:
            return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


class Laptops(RuleBasedStateMachine):
    template: Path

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="vlot-machine-"))
        shutil.copytree(self.template, self.root, dirs_exist_ok=True)
        self.share = self.root / "share"
        self.laptops = [self.root / name for name in ("an", "bart", "chris")]
        for folder in self.laptops:
            settings_ = load_settings(folder)
            settings_.share_path = str(self.share)
            save_settings(folder, settings_)
        self.joined = 0

    def teardown(self) -> None:
        try:
            self.everyone_syncs()
        finally:
            DYING.at = None
            shutil.rmtree(self.root, ignore_errors=True)

    def pick(self, index: int) -> Path:
        return self.laptops[index % len(self.laptops)]

    # --- what people do ----------------------------------------------------------------------

    @rule(who=st.integers(0, 4), key=st.sampled_from(KEYS), name=st.sampled_from(NAMES))
    def rename(self, who: int, key: str, name: str) -> None:
        folder = self.pick(who)
        if not _sql(folder, "SELECT 1 FROM organisation WHERE id = ?", key):
            _sql(
                folder,
                "INSERT INTO organisation (id, name, kind, created_at, updated_at) VALUES "
                "(?, ?, 'ocmw', '2026-11-27 09:00:00.000000', '2026-11-27 09:00:00.000000')",
                key,
                name,
            )
        else:
            _sql(folder, "UPDATE organisation SET name = ? WHERE id = ?", name, key)

    @rule(who=st.integers(0, 4), key=st.sampled_from(KEYS), notes=st.sampled_from(NOTES))
    def write_notes(self, who: int, key: str, notes: str | None) -> None:
        _sql(self.pick(who), "UPDATE organisation SET notes = ? WHERE id = ?", notes, key)

    @rule(who=st.integers(0, 4), key=st.sampled_from(KEYS))
    def delete(self, who: int, key: str) -> None:
        _sql(self.pick(who), "DELETE FROM organisation WHERE id = ?", key)

    @rule(who=st.integers(0, 4), key=st.sampled_from(KEYS), whole=st.booleans())
    def purge(self, who: int, key: str, whole: bool) -> None:
        conn = sqlite3.connect(paths.database_path(self.pick(who)))
        try:
            with conn:
                purge_in(conn, "organisation", key, None if whole else ["notes"])
        finally:
            conn.close()

    # --- the sync ----------------------------------------------------------------------------

    @rule(who=st.integers(0, 4))
    def sync(self, who: int) -> None:
        run_sync(self.pick(who))

    @rule(who=st.integers(0, 4), at=st.integers(1, 12), kill=st.booleans())
    def sync_dies_half_way(self, who: int, at: int, kill: bool) -> None:
        DYING.at, DYING.kill, DYING.count = at, kill, 0
        try:
            run_sync(self.pick(who))
        except (Crash, OSError):
            pass
        except Exception as exc:  # a share error the service words for the user
            if "share" not in str(exc).lower():
                raise
        finally:
            DYING.at = None

    @rule(who=st.integers(0, 4))
    def forget_a_file(self, who: int) -> None:
        """The ledger forgets a file it took in: the file is read and merged a second time."""
        _sql(
            self.pick(who),
            "DELETE FROM sync_ingested WHERE file = (SELECT min(file) FROM sync_ingested "
            "WHERE status = 'applied')",
        )

    @rule(who=st.integers(0, 4), hours=st.integers(1, 3))
    def clock_jumps_back(self, who: int, hours: int) -> None:
        """The clock was ahead and is set right: the HLC must stay ahead of what it stamped."""
        _sql(
            self.pick(who),
            "UPDATE sync_clock SET wall_ms = max(wall_ms, ?) WHERE id = 1",
            int(time.time() * 1000) + hours * 3600 * 1000,
        )

    @rule(who=st.integers(0, 4))
    def compact(self, who: int) -> None:
        run_compact(self.pick(who), grace_days=0)

    @precondition(lambda self: len(self.laptops) < MAX_LAPTOPS)
    @rule()
    def a_new_laptop_joins(self) -> None:
        self.joined += 1
        folder = self.root / f"new{self.joined}"
        argv = ["--data-dir", str(folder), "init", "--user", folder.name, "--region", "limburg"]
        assert cli.main([*argv, "--share", str(self.share)]) == 0
        run_sync(folder)
        self.laptops.append(folder)

    @rule()
    def everyone_syncs(self) -> None:
        for _ in range(3):
            for folder in self.laptops:
                run_sync(folder)
        dumps = {
            folder.name: "".join(dump_chunks(paths.database_path(folder)))
            for folder in self.laptops
        }
        first = self.laptops[0].name
        for name, dump in dumps.items():
            assert dump == dumps[first], f"{name} holds other data than {first}"
        conflicts = {
            folder.name: _sql(
                folder,
                "SELECT tbl, pk, field, loser_hlc, loser_dev, loser_user, loser_value "
                "FROM sync_conflicts ORDER BY tbl, pk, field, loser_hlc, loser_dev",
            )
            for folder in self.laptops
        }
        for name, found in conflicts.items():
            assert found == conflicts[first], f"{name} has other conflicts than {first}"

    @invariant()
    def no_temp_file_of_a_finished_round_is_left_in_changes(self) -> None:
        if (self.share / "changes").is_dir():
            names = os.listdir(self.share / "changes")
            assert all(n.endswith((".chg.gz", ".snapshot")) or n.startswith(".tmp-") for n in names)


@pytest.fixture
def machine_test(template: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(FolderShare, "_op", _op)
    Laptops.template = template
    return Laptops.TestCase


def test_laptops_in_any_order_end_up_identical(machine_test: Any) -> None:
    machine_test.settings = settings(
        max_examples=int(os.environ.get("VLOT_SYNC_MACHINE_EXAMPLES", "5")),
        stateful_step_count=int(os.environ.get("VLOT_SYNC_MACHINE_STEPS", "15")),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    machine_test().runTest()
