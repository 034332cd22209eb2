"""A table added by a newer version of the app: laptops that are not updated yet keep its
records (they cannot show them), write them back into the snapshots they make, and merge them
once they are updated. Without this, every record of the new table that reached an older laptop
before its update was gone from it for good, and a compaction by an older laptop deleted them
from the share for everyone."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.sync.test_sync_laptops import Laptop, sync_all
from tests.sync.test_sync_purge import purge
from vlot_desktop.services.sync_service import run_compact
from vlot_desktop.sync import batch

NEW = ("newsletter_edition", "newsletter_item")  # the tables "the newer version" adds
E1 = "0196a000-0000-7000-8000-0000000000e1"
E2 = "0196a000-0000-7000-8000-0000000000e2"
E3 = "0196a000-0000-7000-8000-0000000000e3"
ITEM = "0196a000-0000-7000-8000-0000000000f1"
STAMP = "'2026-11-26 09:00:00.000000'"


REAL_KNOWN_FIELDS = batch.known_fields


def older_known() -> dict[str, frozenset[str]]:
    return {t: f for t, f in REAL_KNOWN_FIELDS().items() if t not in NEW}


@pytest.fixture
def older_version(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[bool], None]]:
    """``older(True)``: this process runs a version without the NEW tables; ``older(False)``:
    the update (the schema has them; the next sync merges what was kept)."""
    modules = [m for name, m in sys.modules.items() if name.startswith("vlot_desktop.sync")]
    real = REAL_KNOWN_FIELDS

    def older(on: bool) -> None:
        for module in modules:
            if getattr(module, "known_fields", None) in (real, older_known):
                monkeypatch.setattr(module, "known_fields", older_known if on else real)

    yield older
    older(False)


def edition(laptop: Laptop, pk: str, title: str) -> None:
    laptop.sql(
        "INSERT INTO newsletter_edition (id, number, publication_date, title, status, "
        f"created_at, updated_at) VALUES (?, 1, '2026-11-27', ?, 'concept', {STAMP}, {STAMP})",
        pk,
        title,
    )


def editions(laptop: Laptop) -> list[tuple[str, str]]:
    return [tuple(r) for r in laptop.sql("SELECT id, title FROM newsletter_edition ORDER BY id")]


def updated(laptop: Laptop, older: Callable[[bool], None]) -> None:
    """The laptop gets the new version: its next sync merges what it kept."""
    older(False)
    laptop.sql("DELETE FROM local_meta WHERE key = 'sync_extra_promoted_for'")
    laptop.sync()


def test_records_of_a_newer_table_survive_older_laptops_and_arrive_after_their_update(
    tmp_path: Path, older_version: Callable[[bool], None]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a = Laptop(tmp_path, "an", share, create=True)  # updated already
    b = Laptop(tmp_path, "bart", share)  # not yet
    edition(a, E1, "VLOT-flits 1")
    edition(a, E2, "VLOT-flits 2")
    edition(a, E3, "Flits met namen")
    a.sql(
        "INSERT INTO newsletter_item (id, edition_id, position, title, body, created_at, "
        f"updated_at) VALUES (?, ?, 0, 'Huisvesting', 'Tekst', {STAMP}, {STAMP})",
        ITEM,
        E1,
    )
    a.sync()
    a.sql("UPDATE newsletter_edition SET title = 'VLOT-flits 1 (herzien)' WHERE id = ?", E1)
    a.sql("DELETE FROM newsletter_edition WHERE id = ?", E2)
    a.sync()

    older_version(True)
    report = b.sync()
    assert report.rejected_files == []
    assert editions(b) == []  # Bart cannot show them, but keeps them, and says so
    assert report.set_aside == {"newsletter_edition": 5, "newsletter_item": 1}
    assert any("newsletter_edition (5)" in w and "update" in w for w in report.warnings)
    assert b.sql("SELECT count(*) FROM sync_extra WHERE tbl = 'newsletter_edition'") != [(0,)]
    # Bart compacts: the change files leave the share, his snapshot carries the records.
    run_compact(b.dir, grace_days=0)
    assert not [p for p in (share / "changes").iterdir() if p.name.endswith(".chg.gz")]
    c = Laptop(tmp_path, "chris", share)  # a new laptop, also of the older version
    c.sync()
    assert editions(c) == []

    for laptop in (b, c):
        updated(laptop, older_version)
        assert editions(laptop) == [(E1, "VLOT-flits 1 (herzien)"), (E3, "Flits met namen")]
        assert laptop.sql("SELECT edition_id, title FROM newsletter_item") == [(E1, "Huisvesting")]
        assert laptop.sql("SELECT count(*) FROM sync_extra") == [(0,)]
    d = Laptop(tmp_path, "dirk", share)  # a new laptop of the new version, after all that
    sync_all(a, b, c, d)
    assert editions(d) == editions(a) == editions(b) == editions(c)


def test_an_erasure_in_a_newer_table_also_erases_what_an_older_laptop_kept(
    tmp_path: Path, older_version: Callable[[bool], None]
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    edition(a, E3, "Flits met namen")
    a.sync()
    older_version(True)
    b.sync()
    assert b.sql("SELECT count(*) FROM sync_extra WHERE pk = ?", E3) != [(0,)]
    older_version(False)
    purge(a, "newsletter_edition", E3, None)
    a.sync()
    older_version(True)
    b.sync()
    assert b.sql("SELECT count(*) FROM sync_extra WHERE pk = ?", E3) == [(0,)]
    run_compact(b.dir, grace_days=0)
    updated(b, older_version)
    assert editions(b) == []
    c = Laptop(tmp_path, "chris", share)
    c.sync()
    assert editions(c) == []
    assert c.sql("SELECT field FROM sync_purged WHERE pk = ?", E3) == [("*",)]
