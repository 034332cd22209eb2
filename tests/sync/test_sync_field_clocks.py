"""Compact field clocks: one row clock per record, an exception only for a field written later.

What a user notices: a new laptop gets the same data and the same conflicts as everyone else,
an edit made after a delete brings the whole record back, an erased value is nowhere; and the
clocks no longer take more room than the data (one row per record instead of one per field).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from test_sync_laptops import ORG, Laptop, add_org, org, sync_all
from test_sync_purge import (
    CASE,
    FIRST,
    LAST,
    MEMBER,
    add_case,
    add_member,
    purge,
    raw_bytes_after_vacuum,
)

from vlot_desktop.db.migrate import alembic_upgrade
from vlot_desktop.services.sync_service import run_compact
from vlot_desktop.sync.batch import Record, known_fields
from vlot_desktop.sync.capture import (
    format_hlc,
    sqlite3_runner,
    suppressed,
    synced_local_columns,
)
from vlot_desktop.sync.clocks import effective_clocks
from vlot_desktop.sync.merge import Merger

ORG2 = "0196a000-0000-7000-8000-0000000000bb"
ORG3 = "0196a000-0000-7000-8000-0000000000cc"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def clocks_of(laptop: Laptop) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(laptop.db)
    try:
        return effective_clocks(conn)
    finally:
        conn.close()


def exceptions(laptop: Laptop, pk: str) -> list[str]:
    return [str(r[0]) for r in laptop.sql("SELECT field FROM sync_field_clock WHERE pk = ?", pk)]


def row_clocks(laptop: Laptop, pk: str) -> int:
    return int(laptop.sql("SELECT count(*) FROM sync_row_clock WHERE pk = ?", pk)[0][0])


def test_a_new_record_has_one_row_clock_and_a_later_edit_one_exception(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    for laptop in (a, b):
        assert row_clocks(laptop, ORG) == 1
        assert exceptions(laptop, ORG) == []
        # Every device and user id is stored once, however many rows it wrote.
        names = [r[0] for r in laptop.sql("SELECT name FROM sync_actor")]
        assert len(names) == len(set(names)) == 4  # two devices, two users

    a.sql("UPDATE organisation SET notes = 'bellen op maandag' WHERE id = ?", ORG)
    sync_all(a, b)
    for laptop in (a, b):
        assert org(laptop) == [("OCMW Hasselt", "bellen op maandag")]
        assert exceptions(laptop, ORG) == ["notes"]  # only the field written later
        assert row_clocks(laptop, ORG) == 1
    clocks = {r[2]: r for r in clocks_of(a) if r[1] == ORG}
    assert sorted(clocks) == sorted(known_fields()["organisation"])
    assert clocks["notes"][3] > clocks["name"][3]  # the edit is newer than the record
    assert clocks["notes"][6] == '"bellen op maandag"'
    assert clocks["name"][6] == '"OCMW Hasselt"'  # a row clock's value is the row's
    assert clocks_of(a) == clocks_of(b)


def test_an_edit_after_a_local_delete_brings_the_whole_record_back_everywhere(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    sync_all(a, b)
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)
    a.sync()
    # The row's values left the outbox for the tombstone (the row clock keeps none).
    assert a.sql("SELECT value FROM sync_outbox WHERE op = 'delete'") in ([], [(None,)])
    assert "OCMW Hasselt" in a.sql("SELECT row_json FROM sync_tombstone WHERE pk = ?", ORG)[0][0]
    time.sleep(0.01)
    b.sql("UPDATE organisation SET notes = 'toch nog nodig' WHERE id = ?", ORG)  # offline
    sync_all(b, a, b)
    for laptop in (a, b):
        assert org(laptop) == [("OCMW Hasselt", "toch nog nodig")]
        assert laptop.sql("SELECT field FROM sync_conflicts WHERE pk = ?", ORG) == [("(deleted)",)]
    assert a.dump() == b.dump()
    assert a.conflicts() == b.conflicts()
    assert clocks_of(a) == clocks_of(b)


def test_a_new_laptop_bootstraps_to_the_same_data_clocks_and_conflicts(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    add_org(a, ORG2, "OCMW Genk")
    add_org(b, ORG3, "OCMW Tongeren")
    sync_all(a, b)
    # The same field on both (a conflict), different fields (both survive), and a delete.
    a.sql("UPDATE organisation SET name = 'OCMW Hasselt (A)' WHERE id = ?", ORG)
    b.sql(
        "UPDATE organisation SET name = 'OCMW Hasselt (B)', phone = '011 23 45 67' WHERE id = ?",
        ORG,
    )
    a.sql("UPDATE organisation SET email = 'info@ocmw-genk.be' WHERE id = ?", ORG2)
    b.sql("DELETE FROM organisation WHERE id = ?", ORG3)
    sync_all(a, b)
    assert a.conflicts() and a.conflicts() == b.conflicts()

    report = run_compact(a.dir, grace_days=0)
    assert report.snapshot_id
    c = Laptop(tmp_path, "chris", share)
    first = c.sync()
    assert first.snapshot_applied
    assert org(c, ORG2) == [("OCMW Genk", None)] and org(c, ORG3) == []
    sync_all(c, a, b)  # c's own user and device reach the others
    assert c.dump() == a.dump() == b.dump()
    assert c.conflicts() == a.conflicts()
    assert clocks_of(c) == clocks_of(a) == clocks_of(b)
    # Compact on the new laptop too: the untouched record is one row clock, no exception.
    assert row_clocks(c, ORG2) == 1 and exceptions(c, ORG2) == ["email"]
    # The Conflicten screen reads the winner of a conflict from its exception row.
    assert "name" in exceptions(c, ORG)

    # Later changes keep the three equal.
    c.sql("UPDATE organisation SET notes = 'via de nieuwe laptop' WHERE id = ?", ORG2)
    sync_all(c, a, b, c)
    assert c.dump() == a.dump() == b.dump()
    assert clocks_of(c) == clocks_of(a) == clocks_of(b)


def test_a_purged_value_of_a_row_clock_record_is_nowhere(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_case(a)
    add_member(a, MEMBER, FIRST, LAST)
    sync_all(a, b)
    assert row_clocks(b, MEMBER) == 1 and exceptions(b, MEMBER) == []
    # a deletes the member (its values wait in the outbox for the tombstone), then erases the
    # names before any sync: the values kept for the tombstone are erased too.
    a.sql("DELETE FROM household_member WHERE id = ?", MEMBER)
    purge(a, "household_member", MEMBER, ["first_name", "last_name", "search_names"])
    assert FIRST not in repr(a.sql("SELECT * FROM sync_outbox"))
    sync_all(a, b)
    for laptop in (a, b):
        assert laptop.sql("SELECT id FROM household_member WHERE id = ?", MEMBER) == []
        data = raw_bytes_after_vacuum(laptop)
        assert FIRST.encode() not in data and LAST.encode() not in data
        assert CASE.encode() in data  # the case is still there (the check can find things)
    assert a.dump() == b.dump()
    assert clocks_of(a) == clocks_of(b)


# --- the migration from per-field clocks -------------------------------------------------------

DEVICES = ("dev-a", "dev-b")
FULL = {
    "name": "OCMW Hasselt",
    "kind": "ocmw",
    "created_at": "2026-01-01 00:00:00.000000",
    "notes": None,
    "email": None,
    "phone": None,
    "municipality_nis": "71072",
}


def _hlc(tick: int) -> str:
    return format_hlc(1_795_000_000_000 + tick, 0)


def _records() -> tuple[list[Record], list[Record]]:
    """Records written before the upgrade and after it: new rows, edits, a conflict, a delete
    and an edit after it, a purge."""
    before = [
        Record(_hlc(1), "dev-a", 1, "organisation", ORG, "upsert", dict(FULL), {}),
        Record(_hlc(2), "dev-a", 2, "organisation", ORG2, "upsert", {**FULL, "name": "Genk"}, {}),
        Record(_hlc(3), "dev-b", 1, "organisation", ORG3, "upsert", {**FULL, "name": "Bree"}, {}),
        Record(
            _hlc(4), "dev-a", 3, "organisation", ORG, "upsert", {"notes": "a"}, {"notes": _hlc(1)}
        ),
        Record(
            _hlc(5), "dev-b", 2, "organisation", ORG, "upsert", {"notes": "b"}, {"notes": _hlc(1)}
        ),
        Record(_hlc(6), "dev-b", 3, "organisation", ORG3, "delete", {}, {}),
        Record(_hlc(7), "dev-a", 4, "organisation", ORG2, "purge", {"phone": None}, {}),
        # Only some fields of a row this laptop never saw created: exceptions, no row clock.
        Record(_hlc(8), "dev-b", 4, "organisation", "org-partial", "upsert", {"notes": "x"}, {}),
    ]
    seen: dict[str, str | None] = {"notes": _hlc(4)}
    after = [
        Record(_hlc(9), "dev-a", 5, "organisation", ORG, "upsert", {"notes": "c"}, seen),
        Record(_hlc(10), "dev-b", 5, "organisation", ORG2, "upsert", {"name": "Genk 2"}, {}),
        Record(_hlc(11), "dev-a", 6, "organisation", ORG3, "upsert", {"email": "x@y.be"}, {}),
        Record(_hlc(12), "dev-b", 6, "organisation", ORG2, "upsert", {"phone": "011"}, {}),
    ]
    return before, after


def _merge(db: Path, records: list[Record]) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN")
        merger = Merger(conn, known_fields(), synced_local_columns())
        with suppressed(sqlite3_runner(conn)):
            for record in records:
                merger.apply(record)
        conn.execute("COMMIT")
    finally:
        conn.close()


def _state(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    try:
        return {
            "clocks": effective_clocks(conn),
            "rows": conn.execute("SELECT * FROM organisation ORDER BY id").fetchall(),
            "conflicts": conn.execute(
                "SELECT tbl, pk, field, loser_hlc, loser_dev, loser_value FROM sync_conflicts "
                "ORDER BY tbl, pk, field, loser_hlc"
            ).fetchall(),
            "tombstones": conn.execute("SELECT * FROM sync_tombstone ORDER BY pk").fetchall(),
            "purged": conn.execute("SELECT * FROM sync_purged ORDER BY pk, field").fetchall(),
        }
    finally:
        conn.close()


def test_per_field_clocks_at_0003_upgraded_to_0004_merge_the_same(tmp_path: Path) -> None:
    before, after = _records()
    current = tmp_path / "current.sqlite3"
    alembic_upgrade(current)
    _merge(current, before)
    state = _state(current)
    assert any(r[2] == "(deleted)" or r[2] == "notes" for r in state["conflicts"])

    # The same state as the per-field clocks of revision 0003 held it: one row per field.
    old = tmp_path / "old.sqlite3"
    alembic_upgrade(old, "0003_sync_compaction")
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE sync_clock SET suppress = 1")
    conn.execute("ATTACH DATABASE ? AS cur", (str(current),))
    for table in ("organisation", "sync_conflicts", "sync_purged"):
        conn.execute(f"INSERT INTO main.{table} SELECT * FROM cur.{table}")
    # (The columns 0003 has: what a deleter had seen came with 0007.)
    conn.execute(
        "INSERT INTO main.sync_tombstone SELECT tbl, pk, hlc, dev, user_id, row_json "
        "FROM cur.sync_tombstone"
    )
    conn.executemany(
        "INSERT INTO sync_field_clock (tbl, pk, field, hlc, dev, user_id, value, max_base) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        state["clocks"],
    )
    conn.execute("UPDATE sync_clock SET suppress = 0")
    conn.commit()
    conn.execute("DETACH DATABASE cur")
    per_field = conn.execute("SELECT count(*) FROM sync_field_clock").fetchone()[0]
    conn.close()
    assert per_field == len(state["clocks"]) >= 3 * len(FULL)

    alembic_upgrade(old)
    assert _state(old) == state
    conn = sqlite3.connect(old)
    stored = conn.execute("SELECT count(*) FROM sync_field_clock").fetchone()[0]
    rows = conn.execute("SELECT pk FROM sync_row_clock ORDER BY pk").fetchall()
    conn.close()
    assert stored < per_field / 2  # the untouched fields lost their own row
    assert rows == [(ORG,), (ORG2,)]  # ORG3 is deleted (not in its table), one row is partial

    # And merging on from there gives the same as on the laptop that never had 0003.
    _merge(current, after)
    _merge(old, after)
    assert _state(old) == _state(current)
