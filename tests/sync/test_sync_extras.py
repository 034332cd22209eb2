"""A field written by a newer version of the app is kept by an older laptop, written back into
the snapshots it makes, erased by a purge, and applied once the laptop is updated."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.sync.test_sync_format_clock import OTHER_DEV, one_record_batch
from tests.sync.test_sync_laptops import ORG, Laptop, add_org, org, sync_all
from vlot_desktop.services.sync_service import run_compact
from vlot_desktop.sync import batch, engine
from vlot_desktop.sync.batch import Record


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def now_hlc() -> str:
    return f"{int(time.time() * 1000):013d}-00000000"


def kept(laptop: Laptop) -> list[tuple[str, str, str]]:
    return [tuple(r) for r in laptop.sql("SELECT pk, field, value FROM sync_extra ORDER BY 1, 2")]


def newer_write(share: Path, fields: dict[str, object], op: str = "upsert", seq: int = 1) -> None:
    """A change file of a laptop running a newer version (seq: its number on that laptop)."""
    record = Record(
        hlc=now_hlc(), dev=OTHER_DEV, seq=seq, table="organisation", pk=ORG, op=op,
        fields=fields, base={},
    )  # fmt: skip
    name = one_record_batch(share, record, seq_from=seq, seq_to=seq)
    wanted = batch.batch_name(OTHER_DEV, "abcd1234", seq, seq)
    (share / "changes" / name).rename(share / "changes" / wanted)


def test_a_newer_field_survives_an_older_compactor_and_arrives_after_the_update(
    tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    newer_write(share, {"notes": "nieuw", "website": "https://www.hasselt.be"})
    b.sync()
    assert org(b) == [("OCMW Hasselt", "nieuw")]  # what it knows, it applies
    assert kept(b) == [(ORG, "website", '"https://www.hasselt.be"')]  # the rest it keeps
    # Bart compacts: the change file goes; the snapshot carries the field.
    run_compact(b.dir, grace_days=0)
    assert not [p for p in (share / "changes").iterdir() if p.name.endswith(".chg.gz")]
    c = Laptop(tmp_path, "chris", share)
    c.sync()
    assert kept(c) == [(ORG, "website", '"https://www.hasselt.be"')]
    # Chris is updated: the database gets the column, and the next sync fills it in.
    c.sql("ALTER TABLE organisation ADD COLUMN website VARCHAR(200)")
    c.sql("DELETE FROM local_meta WHERE key = 'sync_extra_promoted_for'")
    known = batch.known_fields()
    known["organisation"] = known["organisation"] | {"website"}
    monkeypatch.setattr(engine, "known_fields", lambda: known)
    c.sync()
    assert c.sql("SELECT website FROM organisation WHERE id = ?", ORG) == [
        ("https://www.hasselt.be",)
    ]
    assert kept(c) == []


def test_a_purge_from_a_newer_laptop_erases_the_kept_field(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    add_org(a)
    a.sync()
    newer_write(share, {"contact_mobile": "0470 12 34 56"})
    a.sync()
    assert [k[1] for k in kept(a)] == ["contact_mobile"]
    newer_write(share, {"contact_mobile": None}, op="purge", seq=2)
    a.sync()
    assert kept(a) == []
