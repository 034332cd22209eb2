"""Migrations: models and migrations agree, upgrades keep every row, failures change nothing.

With a single revision there is nothing real to upgrade from yet; the data test upgrades from
``KNOWN_REVISIONS[0]`` to the head, so it exercises every real migration as soon as one is added.
A synthetic second revision (in a copy of ``migrations/``) proves the machinery today: the backup
before an upgrade, a batch rebuild of a table other tables point at, and a rollback on failure.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from vlot_desktop import paths
from vlot_desktop.db import helpdesk_search, member_search, migrate
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.migrate import alembic_upgrade, prepare_database, read_state
from vlot_desktop.db.models import Base
from vlot_desktop.db.schema import KNOWN_REVISIONS, SCHEMA_HEAD

STAMP = "2025-04-01 09:30:00.000000"
LOCAL_TABLE_PREFIXES = member_search.LOCAL_TABLE_PREFIXES + helpdesk_search.LOCAL_TABLE_PREFIXES


def _script_directory(folder: Path | None = None) -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(folder or paths.migrations_dir()))
    return ScriptDirectory.from_config(config)


def _differences(db_path: Path) -> list[Any]:
    engine = make_engine(db_path)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={
                    "compare_type": True,
                    "compare_server_default": True,
                    # The word indexes (FTS5) are made by hand, not from the models.
                    "include_name": lambda name, type_, _parent: (
                        not (type_ == "table" and name.startswith(LOCAL_TABLE_PREFIXES))
                    ),
                },
            )
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    db = tmp_path / "vlot.sqlite3"
    alembic_upgrade(db)
    assert _differences(db) == []
    # The comparison does look: a missing index is reported.
    conn = sqlite3.connect(db)
    conn.execute("DROP INDEX ix_place_status")
    conn.commit()
    conn.close()
    reported = _differences(db)
    assert [d[0] for d in reported] == ["add_index"]
    assert reported[0][1].name == "ix_place_status"


def test_known_revisions_are_the_alembic_chain() -> None:
    script = _script_directory()
    assert script.get_heads() == [SCHEMA_HEAD]
    assert len(script.get_bases()) == 1
    chain = [rev.revision for rev in script.walk_revisions("base", "heads")]  # newest first
    assert tuple(reversed(chain)) == KNOWN_REVISIONS
    assert KNOWN_REVISIONS[-1] == SCHEMA_HEAD


# --- rows written as the first revision's schema knows them ------------------------------------


def _insert(conn: sqlite3.Connection, table: str, **values: Any) -> None:
    if "id" in values:
        values.setdefault("created_at", STAMP)
        values.setdefault("updated_at", STAMP)
    columns = ", ".join(values)
    marks = ", ".join(f":{c}" for c in values)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)


def _fill_first_revision(db: Path) -> None:
    """Reference rows the user data needs, then a location with places, a case, a question."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys=ON")
    with conn:
        _insert(
            conn,
            "team",
            code="limburg",
            name_nl="Regioteam Limburg",
            name_en="Regional team Limburg",
            kind="regio",
            sort_order=2,
        )
        _insert(conn, "province", code="limburg", name_nl="Limburg", team_code="limburg")
        _insert(
            conn, "arrondissement", nis_code="71000", name_nl="Hasselt", province_code="limburg"
        )
        _insert(
            conn,
            "municipality",
            nis_code="71072",
            name_nl="Hasselt",
            search_name="hasselt",
            province_code="limburg",
            arrondissement_code="71000",
        )
        _insert(conn, "staff_user", id="u-1", name="An Peeters", team_code="limburg", active=1)
        _insert(
            conn,
            "organisation",
            id="o-1",
            name="Stad Hasselt",
            kind="lokaal_bestuur",
            municipality_nis="71072",
        )
        _insert(
            conn,
            "contact_person",
            id="c-1",
            first_name="Jan",
            last_name="Claes",
            role="gemeentelijke_coordinator",
            organisation_id="o-1",
            active=1,
        )
        _insert(
            conn,
            "location",
            id="l-1",
            name="Klooster Kuringen",
            search_text="klooster",
            location_type="collectieve_opvang",
            status="operationeel",
            municipality_nis="71072",
            owner_organisation_id="o-1",
            capacity=3,
            wheelchair_accessible=1,
            suits_families=1,
            suits_singles=0,
            suits_medical_needs=0,
            suits_vulnerable_profiles=1,
        )
        for n, status in enumerate(["vrij", "bezet", "aangeboden_fedasil"], start=1):
            _insert(conn, "place", id=f"p-{n}", location_id="l-1", label=f"K{n}", status=status)
        _insert(
            conn,
            "case_file",
            id="k-1",
            reference="HER-2025-0001",
            case_type="herhuisvesting",
            status="wacht_op_plaats",
            team_code="limburg",
            municipality_nis="71072",
            opened_on="2025-03-30",
            household_size=3,
            assigned_place_id="p-2",
            summary="Gastgezin stopt eind april",
        )
        members = [
            ("Олена", "Шевченко", "Olena"),
            ("Марія", "Шевченко", "Mariia"),
            ("Іван", "Шевченко", "Ivan"),
        ]
        for n, (first_cyr, last_cyr, first) in enumerate(members, start=1):
            _insert(
                conn,
                "household_member",
                id=f"h-{n}",
                case_id="k-1",
                first_name=first,
                last_name="Shevchenko",
                first_name_cyrillic=first_cyr,
                last_name_cyrillic=last_cyr,
                search_names=f"{first.lower()} shevchenko",
                relation="contactpersoon" if n == 1 else "kind",
                needs_mobility=0,
                needs_medical=int(n == 3),
                medical_notes="астма" if n == 3 else None,
                has_pets=0,
                school_age=int(n > 1),
            )
        _insert(
            conn,
            "case_event",
            id="e-1",
            case_id="k-1",
            kind="notitie",
            occurred_at=STAMP,
            author_id="u-1",
            text="Eerste gesprek",
        )
        _insert(
            conn,
            "question",
            id="q-1",
            received_on="2025-03-31",
            team_code="limburg",
            municipality_nis="71072",
            asker_contact_id="c-1",
            channel="e_mail",
            subject="Leefgeld bij verhuis?",
            status="nieuw",
            published=0,
        )
    conn.close()


USER_TABLES = [
    "staff_user",
    "organisation",
    "contact_person",
    "location",
    "place",
    "case_file",
    "household_member",
    "case_event",
    "question",
]


def _snapshot(db: Path, tables: list[str]) -> dict[str, list[dict[str, Any]]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return {
            t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY id")] for t in tables
        }
    finally:
        conn.close()


def _same_rows(before: dict[str, list[dict[str, Any]]], after: dict[str, list[dict[str, Any]]]):
    """Every row and every value that existed before exists after (new columns may be added)."""
    for table, rows in before.items():
        assert len(after[table]) == len(rows), table
        for old, new in zip(rows, after[table], strict=True):
            assert {k: new[k] for k in old} == old, table


def test_upgrade_from_the_first_revision_keeps_every_row(tmp_path: Path) -> None:
    db = tmp_path / "vlot.sqlite3"
    alembic_upgrade(db, KNOWN_REVISIONS[0])
    assert read_state(db).revision == KNOWN_REVISIONS[0]
    _fill_first_revision(db)
    before = _snapshot(db, USER_TABLES)
    assert sum(len(rows) for rows in before.values()) == 13

    result = prepare_database(db)

    assert read_state(db).revision == SCHEMA_HEAD
    assert result.created is False
    if KNOWN_REVISIONS[0] != SCHEMA_HEAD:
        assert result.upgraded_from == KNOWN_REVISIONS[0]
        assert result.backup is not None and result.backup.exists()
    else:
        assert result.upgraded_from is None and result.backup is None
    after = _snapshot(db, USER_TABLES)
    _same_rows(before, after)
    assert after["household_member"][0]["first_name_cyrillic"] == "Олена"
    assert after["household_member"][2]["medical_notes"] == "астма"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The reference data loaded over the rows written at the first revision.
        assert conn.execute("SELECT count(*) FROM municipality").fetchone() == (285,)
        assert conn.execute("SELECT name_nl FROM municipality WHERE nis_code='71072'").fetchone()
    finally:
        conn.close()


def test_an_open_current_database_costs_no_alembic_import_and_no_backup(tmp_path: Path) -> None:
    db = tmp_path / "vlot.sqlite3"
    prepare_database(db)
    program = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from vlot_desktop.db.migrate import prepare_database\n"
        f"r = prepare_database(Path({str(db)!r}))\n"
        "print(json.dumps([r.created, r.upgraded_from, r.backup is None,"
        " 'alembic' in sys.modules, 'sqlalchemy' in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert json.loads(out) == [False, None, True, False, False]
    assert not paths.backup_dir(tmp_path).exists()


# --- a synthetic second revision, in a copy of migrations/ ------------------------------------

SECOND_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "0002_synthetic"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
    # Rebuild a table that others point at (place, case_file, ...), as a batch migration does.
    with op.batch_alter_table("location", recreate="always") as batch:
        batch.add_column(sa.Column("region_note", sa.String(50), nullable=True))
    op.execute("UPDATE location SET region_note = 'cap ' || capacity")
    {fail}


def downgrade():
    pass
"""


@pytest.fixture
def two_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point the app at a copy of migrations/ with an extra revision; returns a writer for it."""
    folder = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(paths, "migrations_dir", lambda: folder)
    monkeypatch.setattr(migrate, "KNOWN_REVISIONS", (*KNOWN_REVISIONS, "0002_synthetic"))
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "0002_synthetic")

    def write(*, fail: bool = False, extra: str = "") -> None:
        body = SECOND_REVISION.format(
            down=SCHEMA_HEAD, fail="raise RuntimeError('power cut')" if fail else extra
        )
        (folder / "versions" / "0002_synthetic.py").write_text(body, encoding="utf-8")

    return write


def _columns(db: Path, table: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    finally:
        conn.close()


def _tables(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    finally:
        conn.close()


def test_upgrade_backs_up_then_rebuilds_tables_keeping_rows(tmp_path: Path, two_revisions) -> None:
    two_revisions(fail=False)
    db = tmp_path / "vlot.sqlite3"
    alembic_upgrade(db, SCHEMA_HEAD)
    _fill_first_revision(db)
    before = _snapshot(db, USER_TABLES)

    result = migrate.prepare_database(db)

    assert result.upgraded_from == SCHEMA_HEAD
    assert read_state(db).revision == "0002_synthetic"
    after = _snapshot(db, USER_TABLES)
    _same_rows(before, after)
    assert after["location"][0]["region_note"] == "cap 3"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # The places still belong to their (rebuilt) location.
        assert conn.execute(
            "SELECT count(*) FROM place JOIN location ON location.id = place.location_id"
        ).fetchone() == (3,)
    finally:
        conn.close()
    # The backup is the database as it was before the upgrade.
    assert result.backup is not None and result.backup.parent == paths.backup_dir(tmp_path)
    assert read_state(result.backup).revision == SCHEMA_HEAD
    _same_rows(before, _snapshot(result.backup, USER_TABLES))
    assert "region_note" not in _columns(result.backup, "location")


def test_a_failed_upgrade_leaves_the_database_as_it_was(tmp_path: Path, two_revisions) -> None:
    two_revisions(fail=True)
    db = tmp_path / "vlot.sqlite3"
    alembic_upgrade(db, SCHEMA_HEAD)
    _fill_first_revision(db)
    before = _snapshot(db, USER_TABLES)
    tables_before = sorted(_tables(db))

    with pytest.raises(RuntimeError, match="power cut"):
        migrate.prepare_database(db)

    assert read_state(db).revision == SCHEMA_HEAD
    assert "region_note" not in _columns(db, "location")
    assert sorted(_tables(db)) == tables_before  # no half-built _alembic_tmp_ table left
    _same_rows(before, _snapshot(db, USER_TABLES))
    assert len(list(paths.backup_dir(tmp_path).glob("*.sqlite3"))) == 1


def test_a_failed_creation_can_be_retried(
    tmp_path: Path, two_revisions, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_revisions(fail=True)
    db = tmp_path / "vlot.sqlite3"
    with pytest.raises(RuntimeError, match="power cut"):
        migrate.prepare_database(db)
    # Nothing half-made: not a file with tables but no revision (which would be refused forever).
    assert read_state(db).revision is None
    assert _tables(db) == []

    # The next start (here: the fixed release, without the failing revision) creates it.
    monkeypatch.undo()
    result = prepare_database(db)
    assert result.created is True
    assert read_state(db).revision == SCHEMA_HEAD


def test_an_upgrade_that_breaks_references_is_rolled_back(tmp_path: Path, two_revisions) -> None:
    # Foreign keys are off while migrating (batch rebuilds need that); they are checked at the end.
    two_revisions(extra="op.execute(\"UPDATE place SET location_id = 'gone' WHERE id = 'p-2'\")")
    db = tmp_path / "vlot.sqlite3"
    alembic_upgrade(db, SCHEMA_HEAD)
    _fill_first_revision(db)
    before = _snapshot(db, USER_TABLES)

    with pytest.raises(migrate.MigrationError, match="broke references"):
        migrate.prepare_database(db)

    assert read_state(db).revision == SCHEMA_HEAD
    _same_rows(before, _snapshot(db, USER_TABLES))
