"""Migration 0008 (helpdesk) on a database of the first release: the existing questions keep
every value, get their receiving team, reference and closing date, and a question dispatched
the old way gets its dispatch row, with nothing put in the outbox (demo data stays unsent)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from vlot_desktop.db import helpdesk_search
from vlot_desktop.db.migrate import alembic_upgrade
from vlot_desktop.domain.question_rules import question_reference

STAMP = "2025-04-01 09:30:00.000000"
BEFORE = "0007_tombstone_base"
Q_OPEN = "0195f000-0000-7000-8000-000000000001"
Q_ANSWERED = "0195f000-0000-7000-8000-000000000002"
Q_PLAIN = "0195f000-0000-7000-8000-000000000003"


def _insert(conn: sqlite3.Connection, table: str, **values: Any) -> None:
    if "id" in values:
        values.setdefault("created_at", STAMP)
        values.setdefault("updated_at", STAMP)
    columns = ", ".join(values)
    marks = ", ".join(f":{c}" for c in values)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)


def _first_release_db(path: Path) -> None:
    alembic_upgrade(path, BEFORE)
    conn = sqlite3.connect(path)
    with conn:
        for code, kind in (("centraal", "centraal"), ("limburg", "regio")):
            _insert(conn, "team", code=code, name_nl=code, name_en=code, kind=kind, sort_order=1)
        for code in ("onderwijs", "welzijn-zorg"):
            _insert(conn, "policy_domain", code=code, name_nl=code, name_en=code, sort_order=1)
        common = {"channel": "e_mail", "published": 0, "asker_name": "Jan Claes"}
        _insert(
            conn,
            "question",
            id=Q_OPEN,
            received_on="2025-03-10",
            team_code="centraal",
            subject="Schoolinschrijving na verhuis",
            question_text="Hoe schrijven we een kind in na de verhuis?",
            status="doorverwezen",
            dispatched_to_domain="onderwijs",
            dispatched_on="2025-03-11",
            **common,
        )
        _insert(
            conn,
            "question",
            id=Q_ANSWERED,
            received_on="2025-03-12",
            team_code="centraal",
            subject="Huisarts vinden",
            status="beantwoord",
            dispatched_to_domain="welzijn-zorg",
            dispatched_on=None,
            answered_on="2025-03-20",
            answer_text="Via het ziekenfonds.",
            **common,
        )
        _insert(
            conn,
            "question",
            id=Q_PLAIN,
            received_on="2025-03-13",
            team_code="limburg",
            subject="Sociaal tarief",
            status="gesloten",
            **common,
        )
    conn.close()


def _rows(conn: sqlite3.Connection, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return conn.execute(sql, args).fetchall()


def test_existing_questions_are_carried_over(tmp_path: Path) -> None:
    db = tmp_path / "vlot.sqlite3"
    _first_release_db(db)
    conn = sqlite3.connect(db)
    before = {r[0]: r for r in _rows(conn, "SELECT * FROM question ORDER BY id")}
    outbox_before = _rows(conn, "SELECT count(*) FROM sync_outbox")[0][0]
    conn.close()

    alembic_upgrade(db)

    conn = sqlite3.connect(db)
    try:
        after = {r[0]: r for r in _rows(conn, "SELECT * FROM question ORDER BY id")}
        # Every old value is still there, column for column (new columns come after them).
        for key, row in before.items():
            assert after[key][: len(row)] == row
        teams = dict(_rows(conn, "SELECT id, received_team_code FROM question"))
        assert teams == {Q_OPEN: "centraal", Q_ANSWERED: "centraal", Q_PLAIN: "limburg"}
        references = dict(_rows(conn, "SELECT id, reference FROM question"))
        assert references[Q_OPEN] == question_reference(Q_OPEN, dt.date(2025, 3, 10))
        closed = dict(_rows(conn, "SELECT id, closed_on FROM question"))
        assert closed == {Q_OPEN: None, Q_ANSWERED: "2025-03-20", Q_PLAIN: "2025-03-13"}
        dispatches = _rows(
            conn,
            "SELECT question_id, domain_code, sent_on, due_on, status, answered_on "
            "FROM question_dispatch ORDER BY question_id",
        )
        assert dispatches == [
            (Q_OPEN, "onderwijs", "2025-03-11", None, "gevraagd", None),
            (Q_ANSWERED, "welzijn-zorg", "2025-03-12", None, "beantwoord", "2025-03-20"),
        ]
        # Derived values are not changes to send: every laptop derives the same.
        assert _rows(conn, "SELECT count(*) FROM sync_outbox")[0][0] == outbox_before
        # The word index holds the questions, and the capture triggers know the new tables.
        assert _rows(conn, "SELECT count(*) FROM question_search_key")[0][0] == 3
        found = _rows(
            conn,
            "SELECT k.question_id FROM question_fts f JOIN question_search_key k ON k.k = f.rowid "
            "WHERE question_fts MATCH 'inschrijven OR schoolinschrijving'",
        )
        assert found == [(Q_OPEN,)]
        triggers = {
            r[0] for r in _rows(conn, "SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        assert "sync_capture_question_dispatch_insert" in triggers
        assert "sync_capture_kb_article_update" in triggers
    finally:
        conn.close()


def test_the_dispatch_ids_are_the_same_on_every_laptop(tmp_path: Path) -> None:
    ids = []
    for name in ("a", "b"):
        db = tmp_path / name / "vlot.sqlite3"
        db.parent.mkdir()
        _first_release_db(db)
        alembic_upgrade(db)
        conn = sqlite3.connect(db)
        ids.append(
            _rows(
                conn,
                "SELECT d.id, q.reference FROM question_dispatch d JOIN question q "
                "ON q.id = d.question_id ORDER BY 1",
            )
        )
        conn.close()
    assert ids[0] == ids[1] and len(ids[0]) == 2


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    db = tmp_path / "vlot.sqlite3"
    _first_release_db(db)
    alembic_upgrade(db)
    from alembic import command
    from alembic.config import Config

    from vlot_desktop import paths
    from vlot_desktop.db.migrate import _migration_engine

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    engine = _migration_engine(db)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)
    engine.dispose()
    conn = sqlite3.connect(db)
    tables = {r[0] for r in _rows(conn, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert "question_dispatch" not in tables and helpdesk_search.QUESTIONS.fts not in tables
    assert "received_team_code" not in {r[1] for r in _rows(conn, "PRAGMA table_info(question)")}
    assert len(_rows(conn, "SELECT * FROM question")) == 3
    conn.close()
    alembic_upgrade(db)
    conn = sqlite3.connect(db)
    assert _rows(conn, "SELECT count(*) FROM question_dispatch") == [(2,)]
    conn.close()
