"""Purge (GDPR erasure): always wins, travels as an operation, leaves the values nowhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_sync_laptops import Laptop, sync_all

from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.services.sync_service import run_compact
from vlot_desktop.sync.purge import PurgeError, purge_record

CASE = "0196a000-0000-7000-8000-0000000000c1"
MEMBER = "0196a000-0000-7000-8000-0000000000d1"
OTHER = "0196a000-0000-7000-8000-0000000000d2"
FIRST, LAST = "Oleksandra", "Kovalenkovych"
NAME_COLUMNS = ["first_name", "last_name", "search_names"]
STAMP = "2026-11-26 09:00:00.000000"


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def add_case(laptop: Laptop) -> None:
    team = laptop.sql("SELECT team_code FROM staff_user LIMIT 1")[0][0]
    laptop.sql(
        "INSERT INTO case_file (id, reference, case_type, status, team_code, municipality_nis, "
        "opened_on, household_size, personal_data_erased_on, created_at, updated_at) "
        "VALUES (?, 'D-2026-0001', 'herhuisvesting', 'nieuw', ?, '71072', '2026-11-01', 2, "
        "NULL, ?, ?)",
        CASE,
        team,
        STAMP,
        STAMP,
    )


def add_member(laptop: Laptop, pk: str, first: str, last: str) -> None:
    laptop.sql(
        "INSERT INTO household_member (id, case_id, first_name, last_name, search_names, "
        "relation, needs_mobility, needs_medical, has_pets, school_age, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, 'contactpersoon', 0, 0, 0, 0, ?, ?)",
        pk,
        CASE,
        first,
        last,
        f"{first} {last}".lower(),
        STAMP,
        STAMP,
    )


def purge(laptop: Laptop, table: str, pk: str, columns: list[str] | None) -> None:
    engine = make_engine(laptop.db)
    try:
        with make_session_factory(engine)() as session:
            purge_record(session, table, pk, columns)
            session.commit()
    finally:
        engine.dispose()


def raw_bytes_after_vacuum(laptop: Laptop) -> bytes:
    conn = sqlite3.connect(laptop.db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = laptop.db.read_bytes()
    wal = laptop.db.with_name(laptop.db.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def share_bytes(share: Path) -> bytes:
    import gzip

    out = b""
    for path in sorted(p for p in share.rglob("*") if p.is_file()):
        data = path.read_bytes()
        out += data
        if data[:2] == b"\x1f\x8b":
            out += gzip.decompress(data)
    return out


def members(laptop: Laptop) -> list[tuple[str, str, str]]:
    return [
        (str(a), str(b), str(c))
        for a, b, c in laptop.sql(
            "SELECT first_name, last_name, search_names FROM household_member ORDER BY id"
        )
    ]


def test_a_purged_name_is_nowhere_after_both_sync_and_compaction(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_case(a)
    add_member(a, MEMBER, FIRST, LAST)
    add_member(a, OTHER, "Ivan", "Petrenko")
    sync_all(a, b)
    # Both laptops edit the name, so it sits in both outboxes and in a conflict.
    a.sql("UPDATE household_member SET first_name = ? WHERE id = ?", FIRST + "a", MEMBER)
    b.sql("UPDATE household_member SET first_name = ? WHERE id = ?", FIRST + "b", MEMBER)
    sync_all(a, b)
    assert a.sql("SELECT count(*) FROM sync_conflicts WHERE pk = ?", MEMBER) == [(1,)]
    before = run_compact(b.dir, grace_days=60)  # a snapshot that still holds the name
    assert before.snapshot_rows > 0

    purge(a, "household_member", MEMBER, NAME_COLUMNS)
    assert members(a)[0] == ("", "", "")
    sync_all(a, b)
    assert members(a) == members(b) == [("", "", ""), ("Ivan", "Petrenko", "ivan petrenko")]
    assert a.conflicts() == b.conflicts() == []
    assert a.dump() == b.dump()

    report = run_compact(a.dir, grace_days=60)  # within the grace period: purged values go
    assert report.files_deleted == 0 and report.files_deleted_purged >= 2
    assert report.snapshots_deleted == 1
    sync_all(a, b)
    for laptop in (a, b):
        for table in (
            "sync_outbox",
            "sync_field_clock",
            "sync_row_clock",
            "sync_conflicts",
            "sync_tombstone",
        ):
            rows = laptop.sql(f"SELECT * FROM {table}")
            assert FIRST not in repr(rows) and LAST not in repr(rows), table
        data = raw_bytes_after_vacuum(laptop)
        for word in (FIRST, LAST, FIRST.lower()):
            assert word.encode() not in data
        assert b"Petrenko" in data  # the other member is untouched (the check can find names)
    on_share = share_bytes(share)
    assert FIRST.encode() not in on_share and LAST.encode() not in on_share
    assert b"Petrenko" in on_share

    # A new laptop bootstraps without the name, and knows the purge.
    c = Laptop(tmp_path, "chris", share)
    c.sync()
    assert members(c) == members(a)
    assert c.sql("SELECT field FROM sync_purged ORDER BY field") == [
        (f,) for f in sorted(NAME_COLUMNS)
    ]


def test_a_later_edit_from_an_offline_laptop_does_not_bring_a_purged_value_back(
    tmp_path: Path, share: Path
) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_case(a)
    add_member(a, MEMBER, FIRST, LAST)
    sync_all(a, b)
    purge(a, "household_member", MEMBER, NAME_COLUMNS)
    a.sync()
    # b is offline: edits the name *after* the purge (a newer HLC) and the phone as well.
    b.sql(
        "UPDATE household_member SET first_name = 'Sasha', phone = '0470 12 34 56' WHERE id = ?",
        MEMBER,
    )
    sync_all(b, a, b)
    for laptop in (a, b):
        assert laptop.sql(
            "SELECT first_name, last_name, phone FROM household_member WHERE id = ?", MEMBER
        ) == [("", "", "0470 12 34 56")]
    assert "Sasha" not in repr(b.sql("SELECT * FROM sync_outbox"))
    assert a.dump() == b.dump()


def test_purging_a_whole_row_deletes_it_everywhere_for_good(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_case(a)
    add_member(a, MEMBER, FIRST, LAST)
    sync_all(a, b)
    b.sql("UPDATE household_member SET phone = '0470 00 00 00' WHERE id = ?", MEMBER)  # offline
    purge(a, "household_member", MEMBER, None)
    sync_all(a, b)
    for laptop in (a, b):
        assert laptop.sql("SELECT id FROM household_member WHERE id = ?", MEMBER) == []
        assert laptop.sql("SELECT count(*) FROM sync_field_clock WHERE pk = ?", MEMBER) == [(0,)]
        assert laptop.sql("SELECT count(*) FROM sync_row_clock WHERE pk = ?", MEMBER) == [(0,)]
        assert laptop.sql("SELECT field FROM sync_purged WHERE pk = ?", MEMBER) == [("*",)]
    assert a.dump() == b.dump()


def test_a_purge_of_an_unknown_table_or_column_changes_nothing(tmp_path: Path, share: Path) -> None:
    a = Laptop(tmp_path, "an", share, create=True)
    add_case(a)
    add_member(a, MEMBER, FIRST, LAST)
    before = a.sql("SELECT count(*) FROM sync_outbox")
    with pytest.raises(PurgeError):
        purge(a, "household_member", MEMBER, ["no_such_column"])
    with pytest.raises(PurgeError):
        purge(a, "sync_outbox", MEMBER, None)
    with pytest.raises(PurgeError):
        purge(a, "household_member", MEMBER, [])
    assert members(a) == [(FIRST, LAST, f"{FIRST} {LAST}".lower())]
    assert a.sql("SELECT count(*) FROM sync_outbox") == before
    assert a.sql("SELECT count(*) FROM sync_purged") == [(0,)]
