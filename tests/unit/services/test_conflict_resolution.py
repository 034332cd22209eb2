"""Resolving a sync conflict is an ordinary new write that closes it on every laptop."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from vlot_desktop import cli, paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.queries.sync import open_conflicts, pending_changes
from vlot_desktop.services.conflicts import (
    ConflictGoneError,
    ConflictNotResolvableError,
    resolve_conflict,
)
from vlot_desktop.services.dump import dump_chunks
from vlot_desktop.services.sync_service import run_sync

ORG = "0196a000-0000-7000-8000-0000000000aa"


class Laptop:
    def __init__(self, root: Path, name: str, share: Path, *, create: bool = False) -> None:
        self.dir = root / name
        argv = ["--data-dir", str(self.dir), "init", "--user", name, "--region", "limburg"]
        argv += ["--share", str(share)] + (["--create-share"] if create else [])
        assert cli.main(argv) == 0
        self.db = paths.database_path(self.dir)

    def sync(self) -> None:
        run_sync(self.dir)

    def sql(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.db)
        try:
            with conn:
                return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def name(self) -> str:
        return str(self.sql("SELECT name FROM organisation WHERE id = ?", ORG)[0][0])


@pytest.fixture
def laptops(tmp_path: Path) -> tuple[Laptop, Laptop, Laptop]:
    share = tmp_path / "share"
    share.mkdir()
    return (
        Laptop(tmp_path, "an", share, create=True),
        Laptop(tmp_path, "bart", share),
        Laptop(tmp_path, "chris", share),
    )


def sync_all(*laptops: Laptop) -> None:
    for _ in range(2):
        for laptop in laptops:
            laptop.sync()


def _conflict(laptops: tuple[Laptop, Laptop, Laptop]) -> None:
    a, b, c = laptops
    a.sql(
        "INSERT INTO organisation (id, name, kind, created_at, updated_at) VALUES "
        "(?, 'OCMW', 'ocmw', '2026-11-26 09:00:00.000000', '2026-11-26 09:00:00.000000')",
        ORG,
    )
    sync_all(a, b, c)
    a.sql("UPDATE organisation SET name = 'Versie A' WHERE id = ?", ORG)
    b.sql("UPDATE organisation SET name = 'Versie B' WHERE id = ?", ORG)
    sync_all(a, b, c)


@pytest.mark.parametrize("keep", ["winner", "loser"])
def test_choosing_either_value_closes_the_conflict_everywhere(
    laptops: tuple[Laptop, Laptop, Laptop], keep: str
) -> None:
    a, b, c = laptops
    _conflict(laptops)
    engine = make_engine(c.db)  # a third colleague resolves it
    try:
        with engine.connect() as conn:
            (row,) = open_conflicts(conn)
            before = pending_changes(conn)
        assert row.table == "organisation" and row.field == "name"
        assert {row.current.value, row.other.value} == {"Versie A", "Versie B"}
        assert {row.current.user_name, row.other.user_name} == {"an", "bart"}
        assert row.record_name == row.current.value
        chosen = row.current.value if keep == "winner" else row.other.value
        resolve_conflict(engine, row.id, chosen)
        with engine.connect() as conn:
            assert open_conflicts(conn) == []
            # Also when the value does not change, the choice is a change to send.
            assert pending_changes(conn) == before + 1
        with pytest.raises(ConflictGoneError):
            resolve_conflict(engine, row.id, chosen)
    finally:
        engine.dispose()
    assert c.name() == chosen
    sync_all(c, a, b)
    for laptop in laptops:
        assert laptop.name() == chosen
        assert laptop.sql("SELECT count(*) FROM sync_conflicts") == [(0,)]
    dumps = {"".join(dump_chunks(laptop.db)) for laptop in laptops}
    assert len(dumps) == 1


def test_a_revived_row_is_not_resolved_by_choosing_a_value(
    laptops: tuple[Laptop, Laptop, Laptop],
) -> None:
    a, b, _ = laptops
    a.sql(
        "INSERT INTO organisation (id, name, kind, created_at, updated_at) VALUES "
        "(?, 'OCMW', 'ocmw', '2026-11-26 09:00:00.000000', '2026-11-26 09:00:00.000000')",
        ORG,
    )
    sync_all(a, b)
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)
    b.sql("UPDATE organisation SET notes = 'nog nodig' WHERE id = ?", ORG)
    sync_all(a, b)
    engine = make_engine(a.db)
    try:
        with engine.connect() as conn:
            deleted = [r for r in open_conflicts(conn) if r.field == "(deleted)"]
        assert len(deleted) == 1
        assert deleted[0].other.user_name == "an"
        with pytest.raises(ConflictNotResolvableError):
            resolve_conflict(engine, deleted[0].id, None)
    finally:
        engine.dispose()
    assert a.name() == b.name() == "OCMW"


def _revived(laptops: tuple[Laptop, Laptop, Laptop], *, whole_row: bool = False) -> None:
    """An deletes the record; Bart, not knowing, changes it later: it comes back everywhere."""
    a, b, c = laptops
    a.sql(
        "INSERT INTO organisation (id, name, kind, created_at, updated_at) VALUES "
        "(?, 'OCMW', 'ocmw', '2026-11-26 09:00:00.000000', '2026-11-26 09:00:00.000000')",
        ORG,
    )
    sync_all(a, b, c)
    a.sql("DELETE FROM organisation WHERE id = ?", ORG)
    if whole_row:  # every field in one write (on a new laptop: the row clock, no exception)
        b.sql(
            "UPDATE organisation SET name = 'OCMW Bree', kind = 'ocmw', notes = 'nog nodig', "
            "email = 'info@bree.be', phone = '089 00 00 00', municipality_nis = '72004', "
            "created_at = '2026-11-26 10:00:00.000000' WHERE id = ?",
            ORG,
        )
    else:
        b.sql("UPDATE organisation SET notes = 'nog nodig' WHERE id = ?", ORG)
    sync_all(a, b, c)


def test_deleting_a_revived_record_after_all_removes_it_and_the_conflict_everywhere(
    laptops: tuple[Laptop, Laptop, Laptop],
) -> None:
    from vlot_desktop.services.conflicts import delete_revived_record

    a, b, c = laptops
    _revived(laptops)
    engine = make_engine(c.db)  # a third colleague decides
    try:
        with engine.connect() as conn:
            (row,) = open_conflicts(conn)
        assert row.field == "(deleted)"
        assert row.other.user_name == "an" and row.current.user_name == "bart"
        assert row.current.written_at is not None
        delete_revived_record(engine, row.id)
        with engine.connect() as conn:
            assert open_conflicts(conn) == []
        with pytest.raises(ConflictGoneError):
            delete_revived_record(engine, row.id)
    finally:
        engine.dispose()
    sync_all(c, a, b)
    for laptop in laptops:
        assert laptop.sql("SELECT count(*) FROM organisation WHERE id = ?", ORG) == [(0,)]
        assert laptop.sql("SELECT count(*) FROM sync_conflicts") == [(0,)]
    assert len({"".join(dump_chunks(laptop.db)) for laptop in laptops}) == 1


def test_a_revived_record_that_others_refer_to_is_not_deleted(
    laptops: tuple[Laptop, Laptop, Laptop],
) -> None:
    from vlot_desktop.services.conflicts import RecordInUseError, delete_revived_record

    _, _, c = laptops
    _revived(laptops)
    c.sql(
        "INSERT INTO contact_person (id, organisation_id, first_name, last_name, role, active, "
        "created_at, updated_at) VALUES ('0196a000-0000-7000-8000-0000000000cc', ?, 'Els', "
        "'Peeters', 'eigenaar', 1, '2026-11-27 09:00:00.000000', '2026-11-27 09:00:00.000000')",
        ORG,
    )
    engine = make_engine(c.db)
    try:
        with engine.connect() as conn:
            (row,) = open_conflicts(conn)
        with pytest.raises(RecordInUseError):
            delete_revived_record(engine, row.id)
        with engine.connect() as conn:
            assert [r.id for r in open_conflicts(conn)] == [row.id]  # nothing changed
    finally:
        engine.dispose()
    assert c.sql("SELECT count(*) FROM organisation WHERE id = ?", ORG) == [(1,)]


def test_who_brought_a_record_back_is_shown_also_when_that_write_is_a_row_clock(
    laptops: tuple[Laptop, Laptop, Laptop],
) -> None:
    a, _, _ = laptops
    _revived(laptops)
    # The same state as the reviving write stored as the row clock (a row written whole and
    # without a base, e.g. from a snapshot): no exception holds it.
    (bart_id,) = a.sql("SELECT id FROM staff_user WHERE name = 'bart'")[0]
    (bart_dev,) = a.sql("SELECT id FROM device WHERE user_id = ?", bart_id)[0]
    (hlc,) = a.sql("SELECT max(hlc) FROM sync_field_clock WHERE pk = ?", ORG)[0]
    a.sql("DELETE FROM sync_field_clock WHERE pk = ?", ORG)
    for name in (bart_id, bart_dev):
        a.sql("INSERT OR IGNORE INTO sync_actor (name) VALUES (?)", name)
    a.sql(
        "INSERT OR REPLACE INTO sync_row_clock (tbl, pk, hlc, dev, user_id) VALUES "
        "('organisation', ?, ?, (SELECT id FROM sync_actor WHERE name = ?), "
        "(SELECT id FROM sync_actor WHERE name = ?))",
        ORG,
        hlc,
        bart_dev,
        bart_id,
    )
    engine = make_engine(a.db)
    try:
        with engine.connect() as conn:
            (row,) = open_conflicts(conn)
    finally:
        engine.dispose()
    assert row.field == "(deleted)"
    assert row.current.user_name == "bart" and row.current.written_at is not None
