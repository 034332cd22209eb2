"""A newer format on the share makes a laptop read-only; a wrong clock is reported."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from test_sync_laptops import ORG, Laptop, add_org, org

from vlot_desktop import cli
from vlot_desktop.sync import engine
from vlot_desktop.sync.batch import NewerFormatError, Record, batch_name, write_batch

OTHER_DEV = "0196b000-0000-7000-8000-00000000000f"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def newer_batch(share: Path) -> str:
    record = Record(
        hlc="1790000000000-00000000", dev=OTHER_DEV, seq=1, table="organisation", pk=ORG,
        op="upsert", fields={"name": "Uit de toekomst"}, base={},
    )  # fmt: skip
    header = {
        "format": 2, "device": OTHER_DEV, "epoch": "abcd1234", "seq_from": 1, "seq_to": 1,
        "count": 1, "hlc_min": record.hlc, "hlc_max": record.hlc, "created_at": "2027-01-01",
    }  # fmt: skip
    out = io.BytesIO()
    write_batch(out, header, [record])
    name = batch_name(OTHER_DEV, "abcd1234", 1, 1)
    (share / "changes" / name).write_bytes(out.getvalue())
    return name


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
    monkeypatch.setattr(engine, "wall_clock", lambda: time.time() - 600)  # 10 minutes behind
    a.sql("UPDATE organisation SET notes = 'later' WHERE id = ?", ORG)
    report = a.sync()
    assert report.clock_offset_s is not None and report.clock_offset_s > 500
    assert report.warnings and "clock is" in report.warnings[0]
    assert "behind" in report.warnings[0]
