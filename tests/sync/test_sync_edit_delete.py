"""An edit made before a colleague's delete, without the deleter having seen it, is not lost in
silence: both laptops show an "edited, then deleted elsewhere" conflict holding the edit, and
the user can bring the record back with it. Keeping a record that an edit revived after a
delete closes that conflict too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.test_sync_laptops import ORG, Laptop, add_org, org, sync_all
from vlot_desktop.db.engine import make_engine
from vlot_desktop.services.conflicts import keep_revived_record, restore_deleted_record
from vlot_desktop.services.sync_service import run_compact


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def kinds(laptop: Laptop) -> list[tuple[str, str | None]]:
    return [(c[2], c[6]) for c in laptop.conflicts()]


def conflict_id(laptop: Laptop, field: str) -> int:
    return int(laptop.sql("SELECT id FROM sync_conflicts WHERE field = ?", field)[0][0])


@pytest.fixture
def edited_then_deleted(tmp_path: Path, share: Path) -> tuple[Laptop, Laptop]:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    # Offline: Bart adds a note; a little later An deletes the organisation.
    b.sql("UPDATE organisation SET notes = 'nieuw telefoonnummer' WHERE id = ?", ORG)
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)
    sync_all(a, b)
    return a, b


def test_an_edit_the_deleter_had_not_seen_is_a_conflict_on_both_laptops(
    edited_then_deleted: tuple[Laptop, Laptop],
) -> None:
    a, b = edited_then_deleted
    for laptop in (a, b):
        assert org(laptop) == []  # the delete wins ...
        assert kinds(laptop) == [("(edited)", '{"notes":"nieuw telefoonnummer"}')]  # ... shown
    assert a.conflicts() == b.conflicts()
    assert a.dump() == b.dump()


def test_the_record_comes_back_with_the_edit_everywhere(
    edited_then_deleted: tuple[Laptop, Laptop], tmp_path: Path, share: Path
) -> None:
    a, b = edited_then_deleted
    engine = make_engine(b.db)
    try:
        restore_deleted_record(engine, conflict_id(b, "(edited)"))
    finally:
        engine.dispose()
    assert org(b) == [("OCMW Hasselt", "nieuw telefoonnummer")]
    assert b.conflicts() == []
    sync_all(a, b)
    for laptop in (a, b):
        assert org(laptop) == [("OCMW Hasselt", "nieuw telefoonnummer")]
        assert laptop.conflicts() == []  # the restore had seen the delete: nothing to show
    assert a.dump() == b.dump()
    # A new laptop from a snapshot has the same.
    run_compact(a.dir, grace_days=0)
    c = Laptop(tmp_path, "chris", share)
    c.sync()
    assert org(c) == [("OCMW Hasselt", "nieuw telefoonnummer")] and c.conflicts() == []


def test_a_delete_made_after_seeing_the_edit_is_no_conflict(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    b.sql("UPDATE organisation SET notes = 'gezien' WHERE id = ?", ORG)
    sync_all(b, a)
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)
    sync_all(a, b)
    for laptop in (a, b):
        assert org(laptop) == [] and laptop.conflicts() == []


def test_the_conflict_is_the_same_whichever_file_arrives_first(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    c = Laptop(tmp_path, "chris", share)
    add_org(a)
    sync_all(a, b, c)
    b.sql("UPDATE organisation SET notes = 'eerst' WHERE id = ?", ORG)
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)
    a.sync()  # the delete reaches the share first
    c.sync()  # Chris applies the delete, then (next round) the older edit
    b.sync()
    sync_all(c, a, b)
    assert a.conflicts() == b.conflicts() == c.conflicts() != []
    assert a.dump() == b.dump() == c.dump()


def test_keeping_a_revived_record_closes_the_conflict_everywhere(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)
    a.sync()
    # Bart, not yet knowing of the delete, edits later: the record comes back, flagged.
    b.sql("UPDATE organisation SET notes = 'later' WHERE id = ?", ORG)
    sync_all(b, a)
    assert [k for k, _ in kinds(a)] == [k for k, _ in kinds(b)] == ["(deleted)"]
    engine = make_engine(a.db)
    try:
        keep_revived_record(engine, conflict_id(a, "(deleted)"))
    finally:
        engine.dispose()
    sync_all(a, b)
    for laptop in (a, b):
        assert org(laptop) == [("OCMW Hasselt", "later")]
        assert laptop.conflicts() == []
    assert a.dump() == b.dump()
