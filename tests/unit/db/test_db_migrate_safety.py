"""Files the app must refuse without touching them, backups, and awkward folder names."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from pathlib import Path

import pytest

from vlot_desktop import paths
from vlot_desktop.db.migrate import (
    BACKUPS_KEPT,
    NewerDatabaseError,
    NotADatabaseError,
    backup_database,
    prepare_database,
    read_state,
)
from vlot_desktop.db.schema import SCHEMA_HEAD
from vlot_desktop.services.data_folder import open_data_folder


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _random_bytes(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize(
    "content",
    [
        b"Dit is een tekstbestand, geen databank.\n",
        _random_bytes(8192, seed=1),
        b"SQLite format 3\x00" + _random_bytes(8192, seed=2),  # right header, garbage after
    ],
    ids=["text", "random", "sqlite-header-then-garbage"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    db = paths.database_path(tmp_path)
    db.write_bytes(content)
    before = _sha256(db)

    with pytest.raises(NotADatabaseError) as caught:
        prepare_database(db)

    assert _sha256(db) == before
    assert sorted(os.listdir(tmp_path)) == ["vlot.sqlite3"]  # no -wal, -shm or backups
    assert "Er is niets gewijzigd" in caught.value.message_nl
    assert str(db) in str(caught.value)


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_another_applications_sqlite_file_is_refused_untouched(
    tmp_path: Path, journal_mode: str
) -> None:
    db = paths.database_path(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA journal_mode={journal_mode}")
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Jan', '0470 12 34 56')")
    conn.commit()
    conn.close()
    before = _sha256(db)

    with pytest.raises(NotADatabaseError, match="not a VLOT Desktop database"):
        open_data_folder(tmp_path)

    assert _sha256(db) == before
    assert sorted(os.listdir(tmp_path)) == ["vlot.sqlite3"]


def _prepared(folder: Path) -> Path:
    db = paths.database_path(folder)
    prepare_database(db)
    return db


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    db = _prepared(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    listing = sorted(os.listdir(tmp_path))
    before = _sha256(db)

    for attempt in (prepare_database, lambda _db: open_data_folder(tmp_path)):
        with pytest.raises(NewerDatabaseError) as caught:
            attempt(db)
        assert "update the application" in str(caught.value)
        assert "nieuwste versie" in caught.value.message_nl

    assert _sha256(db) == before
    assert sorted(os.listdir(tmp_path)) == listing  # no -wal/-shm, no backup, no settings


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    db = paths.database_path(tmp_path)
    db.touch()
    result = prepare_database(db)
    assert result.created is True
    assert read_state(db).revision == SCHEMA_HEAD


def test_backups_are_readable_copies_and_only_the_last_five_stay(tmp_path: Path) -> None:
    db = _prepared(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO staff_user (id, name, team_code, active, created_at, updated_at) "
        "VALUES ('u-1', 'Олена Коваль', 'antwerpen', 1, '2025-01-01', '2025-01-01')"
    )
    conn.commit()
    # Keep this connection open: a backup is taken from a database in use, its last commit
    # possibly still in the -wal file.
    made = [backup_database(db, f"test{n}") for n in range(7)]
    conn.close()

    kept = sorted(paths.backup_dir(tmp_path).glob("*.sqlite3"))
    assert len(kept) == BACKUPS_KEPT == 5
    assert kept == sorted(made[-BACKUPS_KEPT:])  # the newest five
    assert not any(p.exists() for p in made[:2])

    newest = made[-1]
    alone = tmp_path / "elsewhere" / "copy.sqlite3"  # a backup needs no side files
    alone.parent.mkdir()
    alone.write_bytes(newest.read_bytes())
    copy = sqlite3.connect(alone)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT id, name FROM staff_user").fetchall() == [
            ("u-1", "Олена Коваль")
        ]
        assert copy.execute("SELECT count(*) FROM municipality").fetchone() == (285,)
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (SCHEMA_HEAD,)
    finally:
        copy.close()


@pytest.mark.parametrize("name", ["Team #2", "VLOT 100%", "a%20b", "vragen?"])
def test_folder_names_with_uri_characters_work(tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    db = _prepared(folder)
    assert read_state(db).revision == SCHEMA_HEAD
    assert backup_database(db, "test").exists()
    # Nothing was created next to the folder (a cut-off URI used to open "Team " instead).
    assert sorted(os.listdir(tmp_path)) == [name]
