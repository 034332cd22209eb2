"""The canonical dump: same content, same bytes; sorted; nothing local; readable Cyrillic."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.migrate import prepare_database
from vlot_desktop.db.models import (
    Base,
    Case,
    HouseholdMember,
    Location,
    Place,
    StaffUser,
    reference_tables,
    synced_tables,
)
from vlot_desktop.domain.enums import (
    CaseStatus,
    CaseType,
    LocationStatus,
    LocationType,
    PlaceStatus,
    Relation,
)
from vlot_desktop.services.dump import dump_chunks

CREATED = dt.datetime(2025, 5, 1, 10, 0, 0)


def _records(updated_at: dt.datetime) -> list[Base]:
    """The same content for every database; only the local ``updated_at`` differs."""
    stamps = {"created_at": CREATED, "updated_at": updated_at}
    records: list[Base] = [
        StaffUser(
            id="0196a000-0000-7000-8000-00000000000b",
            name="An Peeters",
            team_code="limburg",
            **stamps,
        ),
        StaffUser(
            id="0196a000-0000-7000-8000-00000000000a",
            name="Bart Jacobs",
            team_code="antwerpen",
            email="bart@example.org",
            **stamps,
        ),
        Location(
            id="0196a000-0000-7000-8000-0000000000d1",
            name="Klooster Kuringen",
            search_text="klooster kuringen",
            location_type=LocationType.COLLECTIVE,
            status=LocationStatus.OPERATIONAL,
            municipality_nis="71072",
            capacity=2,
            **stamps,
        ),
        Case(
            id="0196a000-0000-7000-8000-0000000000c1",
            reference="HER-2025-0001",
            case_type=CaseType.REHOUSING,
            status=CaseStatus.NEW,
            team_code="limburg",
            municipality_nis="71072",
            opened_on=dt.date(2025, 4, 30),
            household_size=2,
            **stamps,
        ),
    ]
    for n in (2, 1):  # inserted in reverse key order
        records.append(
            Place(
                id=f"0196a000-0000-7000-8000-0000000000f{n}",
                location_id="0196a000-0000-7000-8000-0000000000d1",
                label=f"K{n}",
                status=PlaceStatus.FREE,
                **stamps,
            )
        )
    records.append(
        HouseholdMember(
            id="0196a000-0000-7000-8000-0000000000e1",
            case_id="0196a000-0000-7000-8000-0000000000c1",
            first_name="Olena",
            last_name="Shevchenko",
            first_name_cyrillic="Олена",
            last_name_cyrillic="Шевченко",
            relation=Relation.CONTACT_PERSON,
            search_names="olena shevchenko олена шевченко",
            **stamps,
        )
    )
    return records


@pytest.fixture(scope="module")
def _empty_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("dump") / "vlot.sqlite3"
    prepare_database(db)
    return db


def _database(master: Path, folder: Path, *, updated_at: dt.datetime, reverse: bool) -> Path:
    folder.mkdir()
    db = folder / "vlot.sqlite3"
    shutil.copyfile(master, db)
    engine = make_engine(db)
    try:
        records = _records(updated_at)
        if reverse:
            # Parents first, but otherwise the other way round.
            records = records[:4][::-1] + records[4:][::-1]
        with Session(engine) as session, session.begin():
            for record in records:
                session.add(record)
                session.flush()
    finally:
        engine.dispose()
    return db


def _dump(db: Path) -> bytes:
    return "".join(dump_chunks(db)).encode("utf-8")


@pytest.fixture(scope="module")
def two_databases(
    _empty_master: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("two")
    first = _database(_empty_master, root / "a", updated_at=CREATED, reverse=False)
    second = _database(
        _empty_master, root / "b", updated_at=dt.datetime(2026, 1, 2, 3, 4, 5), reverse=True
    )
    return first, second


def test_same_content_gives_byte_identical_dumps(two_databases: tuple[Path, Path]) -> None:
    first, second = two_databases
    assert _dump(first) == _dump(second)


def test_a_changed_value_changes_the_dump(two_databases: tuple[Path, Path], tmp_path: Path) -> None:
    first, _ = two_databases
    changed = tmp_path / "vlot.sqlite3"
    shutil.copyfile(first, changed)
    engine = make_engine(changed)
    try:
        with Session(engine) as session, session.begin():
            place = session.get(Place, "0196a000-0000-7000-8000-0000000000f1")
            assert place is not None
            place.status = PlaceStatus.OCCUPIED
    finally:
        engine.dispose()
    before, after = _dump(first), _dump(changed)
    assert before != after
    assert b'"status":"bezet"' in after


@pytest.fixture(scope="module")
def dumped(two_databases: tuple[Path, Path]) -> tuple[str, dict[str, list[dict[str, object]]]]:
    text = _dump(two_databases[0]).decode("utf-8")
    return text, json.loads(text)


def test_one_object_keyed_by_table_without_local_tables(dumped) -> None:
    _, data = dumped
    assert list(data) == sorted(synced_tables() + reference_tables())
    assert "local_meta" not in data and "alembic_version" not in data
    assert len(data["municipality"]) == 285
    assert [u["name"] for u in data["staff_user"]] == ["Bart Jacobs", "An Peeters"]


def test_rows_sorted_by_key_and_columns_sorted(dumped) -> None:
    _, data = dumped
    for table, rows in data.items():
        keys = [c.name for c in Base.metadata.tables[table].primary_key.columns]
        row_keys = [tuple(str(row[k]) for k in keys) for row in rows]
        assert row_keys == sorted(row_keys), table
        for row in rows:
            assert list(row) == sorted(row), table
    assert [p["label"] for p in data["place"]] == ["K1", "K2"]


def test_no_local_bookkeeping(dumped) -> None:
    text, data = dumped
    assert "updated_at" not in text
    assert data["place"][0]["created_at"] == "2025-05-01 10:00:00.000000"


def test_cyrillic_is_written_as_utf8(dumped) -> None:
    text, data = dumped
    assert "Олена" in text and "Шевченко" in text
    assert "\\u04" not in text
    assert data["household_member"][0]["first_name_cyrillic"] == "Олена"
