"""A restored (or copied) data folder must not stamp its new changes with the HLCs the lost copy
already sent. When a laptop's HLC runs ahead of its wall clock (dragged along by a colleague
whose clock is an hour ahead, inside the margin, or its own clock was ahead and set right), it
stamps every change with the same wall time and the next counter: the backup and the lost copy
then count up from the same value, and a restored laptop's first changes get exactly the stamps
of the lost ones. To the merge the same (HLC, device) is the same write, so each laptop kept
whichever value it met first: the laptops disagreed for ever, and one edit was gone without a
conflict. The restored laptop's unsent changes are stamped again when it goes on under a new
epoch (``engine._restamp_unsent``). Found by the state machine (``test_sync_state_machine.py``).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from tests.sync.test_sync_laptops import ORG, Laptop, add_org, org, sync_all
from vlot_desktop import paths
from vlot_desktop.services.sync_service import run_compact


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def drag_ahead(laptop: Laptop, hours: float = 2) -> None:
    """A change from a laptop whose clock is ``hours`` ahead: inside the one-day margin, so it is
    applied, and every laptop's HLC follows it."""
    ahead = int((time.time() + hours * 3600) * 1000)
    laptop.sql("UPDATE sync_clock SET wall_ms = max(wall_ms, ?) WHERE id = 1", ahead)
    laptop.sql("UPDATE organisation SET name = 'OCMW Hasselt (vooruit)' WHERE id = ?", ORG)


def last_stamp(laptop: Laptop) -> str:
    return str(laptop.sql("SELECT hlc FROM sync_outbox ORDER BY seq DESC LIMIT 1")[0][0])


def notes_everywhere_agree(*laptops: Laptop) -> list[tuple[str, str]]:
    """The laptops hold the same data and conflicts; returns the notes and the lost values."""
    assert len({laptop.dump() for laptop in laptops}) == 1
    assert len({tuple(laptop.conflicts()) for laptop in laptops}) == 1
    notes = org(laptops[0])[0][1]
    lost = [json.loads(c[6]) for c in laptops[0].conflicts() if c[2] == "notes"]
    return sorted([("kept", notes), *(("conflict", v) for v in lost)])


def test_a_restored_laptop_whose_clock_ran_ahead_gets_new_stamps(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    drag_ahead(b)
    sync_all(a, b)
    shutil.copytree(a.dir, tmp_path / "backup")
    a.sql("UPDATE organisation SET notes = 'voor de crash' WHERE id = ?", ORG)
    lost_stamp = last_stamp(a)
    sync_all(a, b)  # Bart has it
    shutil.rmtree(a.dir)
    shutil.copytree(tmp_path / "backup", a.dir)
    a.sql("UPDATE organisation SET notes = 'na het terugzetten' WHERE id = ?", ORG)
    assert last_stamp(a) == lost_stamp  # the counter repeats (the cause)
    report = a.sync()
    assert report.identity_renewed == "restored"
    assert last_stamp(a) > lost_stamp
    sync_all(a, b, rounds=3)
    # The later edit wins, the other one is a conflict, on both laptops alike.
    assert notes_everywhere_agree(a, b) == [
        ("conflict", "voor de crash"),
        ("kept", "na het terugzetten"),
    ]


def test_the_same_when_the_lost_changes_were_compacted_away(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    drag_ahead(b)
    sync_all(a, b)
    shutil.copytree(a.dir, tmp_path / "backup")
    a.sql("UPDATE organisation SET notes = 'voor de crash' WHERE id = ?", ORG)
    lost_stamp = last_stamp(a)
    sync_all(a, b)
    run_compact(b.dir, grace_days=0)  # only the snapshot holds the lost copy's change now
    shutil.rmtree(a.dir)
    shutil.copytree(tmp_path / "backup", a.dir)
    a.sql("UPDATE organisation SET notes = 'na het terugzetten' WHERE id = ?", ORG)
    assert last_stamp(a) == lost_stamp
    assert a.sync().identity_renewed == "restored"
    assert last_stamp(a) > lost_stamp
    sync_all(a, b, rounds=3)
    assert notes_everywhere_agree(a, b) == [
        ("conflict", "voor de crash"),
        ("kept", "na het terugzetten"),
    ]


def test_the_same_for_a_backup_restored_on_another_computer(tmp_path: Path, share: Path) -> None:
    """The disk died and the backup goes onto a new laptop (another folder): "moved"."""
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    drag_ahead(b)
    sync_all(a, b)
    shutil.copytree(a.dir, tmp_path / "backup")
    a.sql("UPDATE organisation SET notes = 'voor de crash' WHERE id = ?", ORG)
    lost_stamp = last_stamp(a)
    sync_all(a, b)
    shutil.rmtree(a.dir)
    new = Laptop.__new__(Laptop)
    new.dir = tmp_path / "nieuwe-laptop"
    new.db = paths.database_path(new.dir)
    shutil.copytree(tmp_path / "backup", new.dir)
    new.sql("UPDATE organisation SET notes = 'na het terugzetten' WHERE id = ?", ORG)
    assert last_stamp(new) == lost_stamp
    assert new.sync().identity_renewed == "moved"
    assert last_stamp(new) > lost_stamp
    sync_all(new, b, rounds=3)
    assert notes_everywhere_agree(new, b) == [
        ("conflict", "voor de crash"),
        ("kept", "na het terugzetten"),
    ]


def test_stamps_are_left_alone_when_the_clock_was_right(tmp_path: Path, share: Path) -> None:
    """The usual restore: the wall clock moved on since the lost changes, nothing repeats."""
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    shutil.copytree(a.dir, tmp_path / "backup")
    a.sql("UPDATE organisation SET notes = 'voor de crash' WHERE id = ?", ORG)
    sync_all(a, b)
    shutil.rmtree(a.dir)
    shutil.copytree(tmp_path / "backup", a.dir)
    time.sleep(0.01)
    a.sql("UPDATE organisation SET notes = 'na het terugzetten' WHERE id = ?", ORG)
    stamp = last_stamp(a)
    assert a.sync().identity_renewed == "restored"
    assert last_stamp(a) == stamp
    sync_all(a, b, rounds=3)
    assert notes_everywhere_agree(a, b) == [
        ("conflict", "voor de crash"),
        ("kept", "na het terugzetten"),
    ]
