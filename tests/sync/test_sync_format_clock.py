"""A newer format on the share makes a laptop read-only; a wrong clock is reported."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from test_sync_laptops import ORG, Laptop, add_org, org

from vlot_desktop import cli
from vlot_desktop.sync import engine, timekeeping
from vlot_desktop.sync.batch import NewerFormatError, Record, batch_name, write_batch
from vlot_desktop.sync.compact import CompactorClockError

OTHER_DEV = "0196b000-0000-7000-8000-00000000000f"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def one_record_batch(share: Path, record: Record, **header: Any) -> str:
    """A colleague's change file on the share holding ``record`` (header fields overridable)."""
    head = {
        "device": OTHER_DEV, "epoch": "abcd1234", "seq_from": 1, "seq_to": 1, "count": 1,
        "hlc_min": record.hlc, "hlc_max": record.hlc, "created_at": "2026-11-27", **header,
    }  # fmt: skip
    out = io.BytesIO()
    write_batch(out, head, [record])
    name = batch_name(OTHER_DEV, "abcd1234", 1, 1)
    (share / "changes" / name).write_bytes(out.getvalue())
    return name


def newer_batch(share: Path) -> str:
    record = Record(
        hlc="1790000000000-00000000", dev=OTHER_DEV, seq=1, table="organisation", pk=ORG,
        op="upsert", fields={"name": "Uit de toekomst"}, base={},
    )  # fmt: skip
    return one_record_batch(share, record, format=2)


def test_a_newer_batch_makes_the_laptop_read_only_until_it_is_updated(
    tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    a.sync()
    name = newer_batch(share)
    with pytest.raises(NewerFormatError, match="update the application") as raised:
        b.sync()
    assert raised.value.message_nl.startswith("De share bevat gegevens van een nieuwere versie")
    assert org(b) == [("OCMW Hasselt", None)]  # what it can read, it still takes in
    assert b.sql("SELECT file FROM sync_ingested WHERE file = ?", name) == []  # left for later
    # Read-only: b's own change stays at home.
    b.sql("UPDATE organisation SET notes = 'lokaal' WHERE id = ?", ORG)
    files = sorted(p.name for p in (share / "changes").iterdir())
    capsys.readouterr()
    assert cli.main(["--data-dir", str(b.dir), "sync"]) == 1
    assert "update the application" in capsys.readouterr().err
    assert sorted(p.name for p in (share / "changes").iterdir()) == files
    # Once updated (this version reads format 2), it sends again and reads the newer file.
    monkeypatch.setattr(engine, "FORMAT_VERSION", 2)
    monkeypatch.setattr("vlot_desktop.sync.batch.FORMAT_VERSION", 2)
    report = b.sync()
    assert report.pushed_records == 1
    assert b.sql("SELECT status FROM sync_ingested WHERE file = ?", name) == [("applied",)]


def test_a_share_with_a_newer_format_file_is_refused_with_the_update_message(
    tmp_path: Path, share: Path, capsys
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    (share / "FORMAT.json").write_text(json.dumps({"format": 2}))
    add_org(a)
    capsys.readouterr()
    assert cli.main(["--data-dir", str(a.dir), "sync"]) == 1
    assert "update the application" in capsys.readouterr().err
    assert list((share / "changes").iterdir()) == []


def test_a_clock_more_than_two_minutes_off_is_reported_and_ordering_holds(
    tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    add_org(a)
    report = a.sync()
    assert report.clock_offset_s is not None and abs(report.clock_offset_s) < 120
    assert report.warnings == []
    monkeypatch.setattr(timekeeping, "wall_clock", lambda: time.time() - 600)  # 10 minutes behind
    a.sql("UPDATE organisation SET notes = 'later' WHERE id = ?", ORG)
    report = a.sync()
    assert report.clock_offset_s is not None and report.clock_offset_s > 500
    assert report.warnings and "clock is" in report.warnings[0]
    assert "behind" in report.warnings[0]


def future_batch(share: Path, days_ahead: float, notes: str) -> str:
    """A colleague's change dated ``days_ahead`` days after now (that laptop's clock is off)."""
    wall = int((time.time() + days_ahead * 86400) * 1000)
    record = Record(
        hlc=f"{wall:013d}-00000000", dev=OTHER_DEV, seq=1, table="organisation", pk=ORG,
        op="upsert", fields={"notes": notes}, base={},
    )  # fmt: skip
    return one_record_batch(share, record)


def test_changes_dated_days_ahead_are_held_back_until_their_date_and_reported(
    tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    a.sync()
    b.sync()
    name = future_batch(share, days_ahead=3, notes="uit de toekomst")
    clock_before = b.sql("SELECT wall_ms FROM sync_clock")
    report = b.sync()
    assert org(b) == [("OCMW Hasselt", None)]  # not applied ...
    assert b.sql("SELECT wall_ms FROM sync_clock") == clock_before  # ... nor followed
    assert [h["file"] for h in report.held_files] == [name]
    (held,) = report.held_files
    # Named, by how much, and until when: a day before its date (the margin), not its date.
    assert held["laptop"] == f"laptop {OTHER_DEV[:13]}"
    assert held["ahead_hours"] == "72"
    dated = dt.datetime.strptime(held["dated"], "%Y-%m-%d %H:%M UTC")
    until = dt.datetime.strptime(held["until"], "%Y-%m-%d %H:%M UTC")
    assert dated - until == dt.timedelta(days=1)
    (warning,) = [w for w in report.warnings if "held back until" in w]
    assert f"laptop {OTHER_DEV[:13]} is wrong, about 72 h ahead" in warning
    # Bart's own edits keep winning meanwhile, and the file is not read again every round.
    b.sql("UPDATE organisation SET notes = 'vandaag' WHERE id = ?", ORG)
    again = b.sync()
    assert again.files_read == 0 and [h["file"] for h in again.held_files] == [name]
    assert org(b) == [("OCMW Hasselt", "vandaag")]
    # Three days later (the laptop's clock), the file is due: applied like any other. Its
    # stamp is newer than Bart's edit, so it wins, and Bart's edit is kept as a conflict.
    monkeypatch.setattr(timekeeping, "wall_clock", lambda: time.time() + 3 * 86400 + 60)
    due = b.sync()
    assert due.held_files == [] and due.files_read == 1
    assert org(b) == [("OCMW Hasselt", "uit de toekomst")]
    assert b.sql("SELECT status FROM sync_ingested WHERE file = ?", name) == [("applied",)]
    assert [(c[2], c[6]) for c in b.conflicts()] == [("notes", '"vandaag"')]


def test_changes_dated_an_hour_ahead_are_applied_at_once(tmp_path: Path, share: Path) -> None:
    # A wrong time zone puts a laptop hours off: well inside the margin, nothing is held.
    a = Laptop(tmp_path, "an", share, create=True)
    add_org(a)
    a.sync()
    future_batch(share, days_ahead=2 / 24, notes="twee uur vooruit")
    report = a.sync()
    assert report.held_files == []
    assert org(a) == [("OCMW Hasselt", "twee uur vooruit")]


def test_a_snapshot_holding_changes_dated_days_ahead_is_not_taken(
    tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vlot_desktop.services.sync_service import run_compact

    a = Laptop(tmp_path, "an", share, create=True)
    add_org(a)
    a.sync()
    future_batch(share, days_ahead=3, notes="uit de toekomst")
    with monkeypatch.context() as mp:  # An's clock is three days ahead too: An takes it in
        mp.setattr(timekeeping, "wall_clock", lambda: time.time() + 3 * 86400)
        a.sync()
        assert org(a) == [("OCMW Hasselt", "uit de toekomst")]
        # A snapshot of it would be refused by every laptop, after the change files it
        # replaced were deleted: a new laptop would start empty. So compaction is refused.
        with pytest.raises(CompactorClockError, match=r"clock is 72\.0 h ahead"):
            run_compact(a.dir, grace_days=0)
    # Clock set right, An still holds changes dated in the future: compaction waits.
    with pytest.raises(CompactorClockError, match="dated up to"):
        run_compact(a.dir, grace_days=0)
    assert not (share / "snapshots").exists() or list((share / "snapshots").iterdir()) == []
    c = Laptop(tmp_path, "chris", share)
    report = c.sync()
    assert report.snapshot_error is None
    assert org(c) == [("OCMW Hasselt", None)]  # the future change waits for its date
    assert len(report.held_files) == 1


def test_a_laptop_whose_clock_is_behind_blames_itself_and_applies(
    tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    a.sync()
    monkeypatch.setattr(timekeeping, "wall_clock", lambda: time.time() - 3 * 86400)
    report = b.sync()
    # An's change is dated by the file server's own time: applied, not held.
    assert report.held_files == []
    assert org(b) == [("OCMW Hasselt", None)]
    assert report.own_clock_behind_s is not None and report.own_clock_behind_s > 2 * 86400
    assert any("this laptop's clock is about 72 h behind" in w for w in report.warnings)


def test_read_only_ends_when_the_newer_file_is_gone_and_names_its_laptop(
    tmp_path: Path, share: Path
) -> None:
    """A newer-format file that is removed from the share (e.g. written by a test version of the
    app) must not keep the laptop read-only for ever; the message names the laptop."""
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    a.sync()
    b.sync()
    # The newer laptop is known by its device record (label and user).
    a.sql("INSERT INTO device (id, label, created_at, updated_at) VALUES "
          "(?, 'VLOT-ANT-07', '2026-11-26 09:00:00.000000', '2026-11-26 09:00:00.000000')",
          OTHER_DEV)  # fmt: skip
    a.sync()
    b.sync()
    name = newer_batch(share)
    with pytest.raises(NewerFormatError, match="VLOT-ANT-07") as raised:
        b.sync()
    assert raised.value.laptops == ["VLOT-ANT-07"]
    b.sql("UPDATE organisation SET notes = 'lokaal' WHERE id = ?", ORG)
    with pytest.raises(NewerFormatError):
        b.sync()  # read-only: the edit waits
    (share / "changes" / name).unlink()
    report = b.sync()  # the same round sends what waited
    assert report.pushed_records == 1
    a.sync()
    assert org(a) == [("OCMW Hasselt", "lokaal")]
    assert b.sql("SELECT format_blocked FROM sync_clock") == [(0,)]


def test_a_folder_named_like_a_change_file_is_skipped_not_fatal(
    tmp_path: Path, share: Path, capsys
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    folder = share / "changes" / batch_name(OTHER_DEV, "abcd1234", 1, 1)
    folder.mkdir()
    (folder / "inside.txt").write_text("not ours")
    add_org(a)
    a.sync()
    report = b.sync()
    assert org(b) == [("OCMW Hasselt", None)]
    assert any(folder.name in w and "folder" in w for w in report.warnings)
    assert report.rejected_files == []
    capsys.readouterr()
    assert cli.main(["--data-dir", str(b.dir), "sync", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert any(folder.name in w for w in printed["warnings"])
    # It stays on the share untouched, and is never taken for a file that was read.
    assert folder.is_dir() and (folder / "inside.txt").exists()
    assert b.sql("SELECT file FROM sync_ingested WHERE file = ?", folder.name) == []
