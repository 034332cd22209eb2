"""Migration 0009 (coordination) on a database of 0008: contacts get their author (the staff
member), a published flits edition counts as sent, meetings and points keep every value and
read as held and typed; nothing is put in the outbox; and back down and up again."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from vlot_desktop.db.migrate import alembic_upgrade

STAMP = "2025-04-01 09:30:00.000000"
BEFORE = "0008_helpdesk"
STAFF = "0195f000-0000-7000-8000-0000000000a1"
CONTACT = "0195f000-0000-7000-8000-0000000000c1"
MEETING = "0195f000-0000-7000-8000-0000000000e1"
EDITION = "0195f000-0000-7000-8000-0000000000f1"


def _insert(conn: sqlite3.Connection, table: str, **values: Any) -> None:
    if "id" in values:
        values.setdefault("created_at", STAMP)
        values.setdefault("updated_at", STAMP)
    marks = ", ".join(f":{c}" for c in values)
    conn.execute(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})", values)


def _old_db(path: Path) -> None:
    alembic_upgrade(path, BEFORE)
    conn = sqlite3.connect(path)
    with conn:
        _insert(conn, "team", code="limburg", name_nl="L", name_en="L", kind="regio", sort_order=1)
        _insert(conn, "staff_user", id=STAFF, name="An Peeters", team_code="limburg", active=1)
        _insert(
            conn,
            "contact_moment",
            id=CONTACT,
            occurred_at=STAMP,
            staff_id=STAFF,
            team_code="limburg",
            channel="telefoon",
            subject="Belde",
        )
        _insert(
            conn,
            "meeting",
            id=MEETING,
            kind="teamoverleg",
            held_on="2025-03-11",
            title="Teamoverleg",
            notes="Notities",
        )
        _insert(
            conn,
            "meeting_item",
            id=MEETING[:-2] + "f9",
            meeting_id=MEETING,
            position=0,
            title="Punt",
        )
        _insert(
            conn,
            "newsletter_edition",
            id=EDITION,
            number=12,
            publication_date="2025-03-14",
            title="VLOT-flits 12",
            status="gepubliceerd",
        )
    conn.close()


def test_existing_rows_are_carried_over_without_sending_anything(tmp_path: Path) -> None:
    db = tmp_path / "vlot.sqlite3"
    _old_db(db)
    conn = sqlite3.connect(db)
    outbox = conn.execute("SELECT count(*) FROM sync_outbox").fetchone()
    conn.close()
    alembic_upgrade(db)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT author_id, link_table FROM contact_moment").fetchall() == [
            (STAFF, None)
        ]
        assert conn.execute("SELECT sent_at FROM newsletter_edition").fetchall() == [
            ("2025-03-14 00:00:00.000000",)
        ]
        assert conn.execute("SELECT series_id, status, notes FROM meeting").fetchall() == [
            (None, None, "Notities")
        ]
        assert conn.execute("SELECT kind, title FROM meeting_item").fetchall() == [(None, "Punt")]
        assert conn.execute("SELECT count(*) FROM sync_outbox").fetchone() == outbox
        assert conn.execute("SELECT count(*) FROM meeting_series").fetchone() == (0,)
    finally:
        conn.close()


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    db = tmp_path / "vlot.sqlite3"
    _old_db(db)
    alembic_upgrade(db)
    from alembic import command
    from alembic.config import Config

    from vlot_desktop import paths
    from vlot_desktop.db.migrate import _migration_engine

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    engine = _migration_engine(db)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, BEFORE)
    finally:
        engine.dispose()
    conn = sqlite3.connect(db)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(contact_moment)")}
        assert "author_id" not in columns
        assert conn.execute("SELECT subject FROM contact_moment").fetchall() == [("Belde",)]
    finally:
        conn.close()
    alembic_upgrade(db)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT author_id FROM contact_moment").fetchall() == [(STAFF,)]
    finally:
        conn.close()
