"""A value other laptops would refuse never reaches the share: a text over the readers' limit or
a record line too long is left out of the change (and reported), text that is not valid UTF-8
is sent repaired (and reported); the rest of the change and every later change go through, and
the compactor's snapshot stays readable for new laptops."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.sync.test_sync_laptops import ORG, Laptop, add_org, org, sync_all
from vlot_desktop import cli
from vlot_desktop.services.sync_service import run_compact
from vlot_desktop.sync.batch import MAX_TEXT, known_fields, read_batch

ORG2 = "0196a000-0000-7000-8000-0000000000bb"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def change_files(share: Path) -> list[Path]:
    return sorted(p for p in (share / "changes").iterdir() if p.name.endswith(".chg.gz"))


def test_a_value_over_the_limit_is_withheld_and_the_rest_arrives(
    tmp_path: Path, share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    huge = "а" * (MAX_TEXT + 1)  # Cyrillic: 2 MB of UTF-8
    # Written outside the app (the forms refuse it), together with a normal edit.
    a.sql("UPDATE organisation SET notes = ?, name = 'OCMW Genk' WHERE id = ?", huge, ORG)
    add_org(a, ORG2, "OCMW Bree")
    capsys.readouterr()
    assert cli.main(["--data-dir", str(a.dir), "sync", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["withheld"] == [
        {"table": "organisation", "pk": ORG, "field": "notes", "reason": "too long"}
    ]
    assert any("notes" in w and "not sent" in w for w in printed["warnings"])
    # Every file on the share is one the others accept.
    for file in change_files(share):
        read_batch(file.read_bytes(), known_fields())
    report = b.sync()
    assert report.rejected_files == []
    assert org(b) == [("OCMW Genk", None)]
    assert org(b, ORG2) == [("OCMW Bree", None)]
    # The laptop keeps its own text; nothing was cut.
    assert a.sql("SELECT length(notes) FROM organisation WHERE id = ?", ORG) == [(MAX_TEXT + 1,)]
    # Shortened later, it goes out as an ordinary change.
    a.sql("UPDATE organisation SET notes = 'korter' WHERE id = ?", ORG)
    sync_all(a, b)
    assert org(b) == [("OCMW Genk", "korter")]


def test_the_compactors_own_oversized_value_does_not_spoil_the_snapshot(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    a.sql("UPDATE organisation SET notes = ? WHERE id = ?", "x" * (MAX_TEXT + 10), ORG)
    run_compact(a.dir, grace_days=0)
    c = Laptop(tmp_path, "chris", share)
    report = c.sync()
    assert report.snapshot_error is None and report.snapshot_applied
    assert org(c) == [("OCMW Hasselt", None)]


def test_several_large_values_never_make_a_line_the_readers_refuse(
    tmp_path: Path, share: Path
) -> None:
    """Each value is under the text limit, but escaped together they pass the line limit."""
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    # Control characters are escaped as \\u0001: six bytes each in the line.
    a.sql(
        "UPDATE organisation SET notes = ?, name = ? WHERE id = ?",
        "\x01" * (MAX_TEXT - 10),
        "Naam " + "\x02" * 10,
        ORG,
    )
    report = a.sync()
    assert [w["field"] for w in report.withheld] == ["notes"]
    assert b.sync().rejected_files == []
    assert org(b)[0][0] == "Naam " + "\x02" * 10


def test_text_that_is_not_utf8_is_sent_repaired_and_never_blocks(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    # The sqlite3 shell (or another program) writes bytes that are not UTF-8.
    conn = sqlite3.connect(a.db)
    try:
        with conn:
            conn.execute(
                "UPDATE organisation SET notes = CAST(X'4F6B20FF20676F6564' AS TEXT) WHERE id = ?",
                (ORG,),
            )
    finally:
        conn.close()
    report = a.sync()
    assert report.withheld == [
        {
            "table": "organisation",
            "pk": ORG,
            "field": "notes",
            "reason": "not valid UTF-8 (sent with the damaged characters replaced)",
        }
    ]
    assert b.sync().rejected_files == []
    assert org(b) == [("OCMW Hasselt", "Ok \ufffd goed")]
    # The laptop holding the damaged bytes compacts: its snapshot is readable.
    run_compact(a.dir, grace_days=0)
    c = Laptop(tmp_path, "chris", share)
    assert c.sync().snapshot_error is None
    assert org(c) == [("OCMW Hasselt", "Ok \ufffd goed")]
    # Later changes keep flowing, also a delete of the damaged record, and compaction.
    add_org(a, ORG2, "OCMW Bree")
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)
    sync_all(a, b)
    assert org(b) == [] and org(b, ORG2) == [("OCMW Bree", None)]
    run_compact(a.dir, grace_days=0)
