"""Reference data: the 285 municipalities, postcodes, teams, themes and checklist, loaded once.

Loading is idempotent (rows updated by natural key, never duplicated) and all or nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vlot_desktop import paths
from vlot_desktop.db.migrate import prepare_database
from vlot_desktop.db.models import reference_tables
from vlot_desktop.db.reference_data import META_KEY, ensure_reference_data
from vlot_desktop.domain.text import fold
from vlot_desktop.domain.themes import ReferenceDataError

PER_PROVINCE = {
    "antwerpen": 67,
    "limburg": 38,
    "oost-vlaanderen": 55,
    "vlaams-brabant": 63,
    "west-vlaanderen": 62,
}


@pytest.fixture(scope="module")
def _master_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("reference") / "vlot.sqlite3"
    prepare_database(db)
    return db


@pytest.fixture
def db(_master_db: Path, tmp_path: Path) -> Path:
    """A private copy of a freshly prepared database."""
    copy = tmp_path / "vlot.sqlite3"
    shutil.copyfile(_master_db, copy)
    return copy


@pytest.fixture
def conn(db: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(db)
    yield connection
    connection.close()


def _one(conn: sqlite3.Connection, sql: str, *args: Any) -> Any:
    return conn.execute(sql, args).fetchone()


def _contents(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {
            t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
            for t in reference_tables()
        } | {"local_meta": conn.execute("SELECT * FROM local_meta").fetchall()}
    finally:
        conn.close()


def test_the_285_flemish_municipalities(conn: sqlite3.Connection) -> None:
    assert _one(conn, "SELECT count(*) FROM municipality") == (285,)
    per_province = dict(
        conn.execute("SELECT province_code, count(*) FROM municipality GROUP BY 1").fetchall()
    )
    assert per_province == PER_PROVINCE
    # The 2025 mergers: Zwijndrecht (Antwerp) joined Beveren and Kruibeke (East Flanders).
    assert _one(conn, "SELECT count(*) FROM municipality WHERE name_nl = 'Zwijndrecht'") == (0,)
    assert _one(
        conn, "SELECT name_nl, province_code FROM municipality WHERE nis_code = '46030'"
    ) == ("Beveren-Kruibeke-Zwijndrecht", "oost-vlaanderen")
    # Every municipality lies in an arrondissement of its own province.
    assert _one(
        conn,
        "SELECT count(*) FROM municipality m JOIN arrondissement a"
        " ON a.nis_code = m.arrondissement_code AND a.province_code = m.province_code",
    ) == (285,)


def test_search_names_are_folded(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT name_nl, search_name FROM municipality").fetchall()
    assert all(search == fold(name) for name, search in rows)
    assert _one(conn, "SELECT name_nl FROM municipality WHERE search_name LIKE '%genesius%'") == (
        "Sint-Genesius-Rode",
    )


def test_postcodes_point_at_municipalities(conn: sqlite3.Connection) -> None:
    assert conn.execute(
        "SELECT municipality_nis FROM postcode WHERE postcode = '2070'"
    ).fetchall() == [("46030",)]
    assert _one(
        conn,
        "SELECT count(*) FROM municipality"
        " WHERE nis_code NOT IN (SELECT municipality_nis FROM postcode)",
    ) == (0,)


def test_six_teams_each_province_mapped_to_its_team(conn: sqlite3.Connection) -> None:
    teams = dict(conn.execute("SELECT code, kind FROM team").fetchall())
    assert teams == {"centraal": "centraal"} | {code: "regio" for code in PER_PROVINCE}
    provinces = dict(conn.execute("SELECT code, team_code FROM province").fetchall())
    assert provinces == {code: code for code in PER_PROVINCE}
    assert _one(conn, "SELECT code FROM team ORDER BY sort_order") == ("centraal",)


def test_themes_under_policy_domains(conn: sqlite3.Connection) -> None:
    (themes,) = _one(conn, "SELECT count(*) FROM theme")
    (domains,) = _one(conn, "SELECT count(*) FROM policy_domain")
    assert themes >= 50
    assert domains >= 9
    # No empty domain, no theme without a domain.
    assert _one(
        conn, "SELECT count(*) FROM policy_domain WHERE code NOT IN (SELECT domain_code FROM theme)"
    ) == (0,)


def test_the_prospect_checklist_v1_is_stored_whole(conn: sqlite3.Connection) -> None:
    row = _one(
        conn,
        "SELECT content_json, content_sha256 FROM checklist_template"
        " WHERE template = 'prospect' AND version = 1",
    )
    assert row is not None
    content, digest = row
    assert hashlib.sha256(content.encode()).hexdigest() == digest
    file = paths.reference_data_dir() / "checklists" / "prospect_v1.json"
    assert json.loads(content) == json.loads(file.read_text(encoding="utf-8"))


def test_loading_again_changes_nothing(db: Path) -> None:
    before = _contents(db)
    assert ensure_reference_data(db, force=True) is True
    assert ensure_reference_data(db, force=True) is True
    assert _contents(db) == before
    # Unchanged files, not forced: not even read again.
    assert ensure_reference_data(db) is False


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(paths.reference_data_dir(), folder)
    return folder


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_changed_file_updates_the_rows(db: Path, data_copy: Path) -> None:
    _replace(data_copy / "municipalities.csv", "71072,Hasselt,", "71072,Hasselt-Ümit,")
    _replace(data_copy / "themes.json", '"Collectieve opvang"', '"Collectieve opvang (CO)"')
    counts_before = {t: len(rows) for t, rows in _contents(db).items()}

    assert ensure_reference_data(db, folder=data_copy) is True

    conn = sqlite3.connect(db)
    try:
        assert _one(
            conn, "SELECT name_nl, search_name FROM municipality WHERE nis_code='71072'"
        ) == (
            "Hasselt-Ümit",
            "hasselt-umit",
        )
        assert _one(conn, "SELECT name_nl FROM theme WHERE code = 'opvang-collectieve-opvang'") == (
            "Collectieve opvang (CO)",
        )
    finally:
        conn.close()
    assert {t: len(rows) for t, rows in _contents(db).items()} == counts_before
    assert ensure_reference_data(db, folder=data_copy) is False  # remembered


def _breaks(data_copy: Path) -> None:
    """A file that goes wrong half-way: an early row changed, then an unknown province."""
    _replace(data_copy / "municipalities.csv", "71072,Hasselt,", "71072,Hasseltt,")
    _replace(data_copy / "municipalities.csv", ",west-vlaanderen,", ",west-vlaams,")


def test_a_broken_file_is_refused_and_nothing_is_written(db: Path, data_copy: Path) -> None:
    _breaks(data_copy)
    before = _contents(db)
    with pytest.raises(ReferenceDataError, match="unknown province 'west-vlaams'"):
        ensure_reference_data(db, folder=data_copy, force=True)
    assert _contents(db) == before


def test_a_failure_while_writing_rolls_everything_back(db: Path, data_copy: Path) -> None:
    # Teams are written first, themes later; a trigger makes the theme update fail, as a full
    # disk or a constraint only the database knows would.
    _replace(data_copy / "teams.json", '"Centraal team"', '"Centraal team (nieuw)"')
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TRIGGER refuse BEFORE UPDATE ON theme BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    conn.commit()
    conn.close()
    before = _contents(db)
    with pytest.raises(sqlite3.DatabaseError, match="disk full"):
        ensure_reference_data(db, folder=data_copy, force=True)
    assert _contents(db) == before  # the team rename was rolled back with the rest


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "municipalities.csv",
            "11002,Antwerpen,",
            "11001,Kopie,antwerpen,11000,Antwerpen\n11002,Antwerpen,",
            "duplicate key",
        ),
        ("teams.json", '"province": "Limburg"', '"province": "Antwerpen"', "two teams"),
        ("teams.json", '"kind": "regio"', '"kind": "provincie"', "malformed"),
        ("postcodes.csv", "1500,23027", "1500,99999", "unknown municipality"),
        ("municipalities.csv", "nis_code,name_nl", "nis,name_nl", "malformed"),
    ],
)
def test_inconsistent_files_are_refused(
    db: Path, data_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    _replace(data_copy / file, old, new)
    before = _contents(db)
    with pytest.raises(ReferenceDataError, match=message):
        ensure_reference_data(db, folder=data_copy, force=True)
    assert _contents(db) == before


def test_the_loaded_files_are_remembered(conn: sqlite3.Connection) -> None:
    (value,) = _one(conn, "SELECT value FROM local_meta WHERE key = ?", META_KEY)
    assert len(value) == 64
