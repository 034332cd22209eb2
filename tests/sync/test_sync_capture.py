"""Change capture: every write path to a synced table lands in ``sync_outbox``, in the same
transaction, with a hybrid logical clock that only moves forward (also across restarts)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.db.models import Organisation, synced_tables
from vlot_desktop.domain.enums import OrganisationKind
from vlot_desktop.sync.capture import (
    expected_triggers,
    install_triggers,
    installed_triggers,
    json_value_sql,
    parse_hlc,
    sqlite3_runner,
    suppressed,
)

DEMO_TODAY = dt.date(2026, 11, 26)  # as conftest.DEMO_TODAY


@pytest.fixture
def engine(engine: Engine) -> Engine:
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sync_outbox")  # the set-up's own user and device
    return engine


def outbox(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT seq, hlc, tbl, pk, op, field, value FROM sync_outbox ORDER BY seq"
        ).mappings()
        return [dict(r) for r in rows]


def new_organisation(session: Session, name: str = "OCMW Hasselt") -> Organisation:
    org = Organisation(name=name, kind=OrganisationKind.OCMW)
    session.add(org)
    session.flush()
    return org


def test_orm_insert_captures_every_synced_field_with_one_hlc(engine: Engine) -> None:
    with make_session_factory(engine).begin() as session:
        org = new_organisation(session)
    rows = outbox(engine)
    fields = {r["field"] for r in rows}
    columns = {c.name for c in Organisation.__table__.columns}
    assert fields == columns - {"id", "updated_at"}
    assert {r["op"] for r in rows} == {"upsert"}
    assert {r["pk"] for r in rows} == {org.id}
    assert len({r["hlc"] for r in rows}) == 1
    name = next(r for r in rows if r["field"] == "name")
    assert json.loads(str(name["value"])) == "OCMW Hasselt"


def test_orm_update_captures_only_the_changed_field(engine: Engine) -> None:
    factory = make_session_factory(engine)
    with factory.begin() as session:
        org = new_organisation(session)
    with factory.begin() as session:
        session.get_one(Organisation, org.id).name = "OCMW Genk"
    rows = outbox(engine)
    last = [r for r in rows if r["hlc"] == rows[-1]["hlc"]]
    # updated_at changed too (onupdate) but is local: not captured.
    assert [(r["field"], json.loads(str(r["value"]))) for r in last] == [("name", "OCMW Genk")]
    assert str(last[0]["hlc"]) > str(rows[0]["hlc"])
    # Writing the same value again is no change.
    with factory.begin() as session:
        session.execute(sa.update(Organisation).values(name="OCMW Genk"))
    assert len(outbox(engine)) == len(rows)


def test_core_raw_sql_and_plain_sqlite3_writes_are_captured(engine: Engine) -> None:
    with make_session_factory(engine).begin() as session:
        org_id = new_organisation(session).id
    with engine.begin() as conn:
        conn.execute(sa.update(Organisation).where(Organisation.id == org_id).values(name="Core"))
        conn.exec_driver_sql("UPDATE organisation SET name = 'Raw' WHERE id = ?", (org_id,))
    plain = sqlite3.connect(engine.url.database or "")
    with plain:
        plain.execute("UPDATE organisation SET name = 'Plain' WHERE id = ?", (org_id,))
    plain.close()
    with engine.begin() as conn:
        conn.execute(sa.delete(Organisation).where(Organisation.id == org_id))
    rows = outbox(engine)
    names = [json.loads(str(r["value"])) for r in rows if r["field"] == "name"]
    assert names == ["OCMW Hasselt", "Core", "Raw", "Plain"]
    assert (rows[-1]["op"], rows[-1]["field"], rows[-1]["pk"]) == ("delete", None, org_id)
    hlcs = [str(r["hlc"]) for r in rows]
    assert hlcs == sorted(hlcs)


def test_a_rolled_back_write_leaves_no_outbox_rows(engine: Engine) -> None:
    factory = make_session_factory(engine)
    with pytest.raises(RuntimeError), factory.begin() as session:
        new_organisation(session)
        assert len(outbox_in(session)) > 0  # written in the same transaction...
        raise RuntimeError("user cancelled")
    assert outbox(engine) == []  # ...and gone with it


def outbox_in(session: Session) -> list[object]:
    return list(session.execute(sa.text("SELECT seq FROM sync_outbox")).scalars())


def test_values_read_back_exactly(engine: Engine) -> None:
    with make_session_factory(engine).begin() as session:
        org_id = new_organisation(session).id
    texts: list[object] = [None, "tekst met 'quote' en ë", '{"json": [1]}', ""]
    for value in texts:
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE organisation SET notes = ? WHERE id = ?", (value, org_id))
    with engine.connect() as conn:
        got = conn.exec_driver_sql(
            "SELECT value FROM sync_outbox WHERE field = 'notes' ORDER BY seq"
        ).scalars()
        decoded = [json.loads(v) for v in got]
    assert decoded == [None, *texts[1:]]  # the insert's NULL, then each change
    # Reals keep all 17 digits (json_quote keeps 15), blobs are tagged.
    mem = sqlite3.connect(":memory:")
    reals = [0.1 + 0.2, 1e300, -3.0, 5e-324, 123456.78901234567]
    for real in reals:
        text = mem.execute(f"SELECT {json_value_sql('?1')}", (real,)).fetchone()[0]
        assert json.loads(text) == real
    blob = mem.execute(f"SELECT {json_value_sql('?1')}", (b"\x00\xff",)).fetchone()[0]
    assert json.loads(blob) == {"$hex": "00FF"}
    mem.close()


def test_suppressed_writes_are_not_captured_and_capture_resumes(engine: Engine) -> None:
    with engine.begin() as conn:
        run = sqlite3_runner(conn.connection.dbapi_connection)
        with suppressed(run):
            conn.execute(sa.insert(Organisation).values(id="o-1", name="Stil", kind="ocmw"))
    assert outbox(engine) == []
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE organisation SET name = 'Luid' WHERE id = 'o-1'")
    assert [r["field"] for r in outbox(engine)] == ["name"]


def test_the_clock_survives_a_restart_and_never_goes_back(prepared_dir: Path) -> None:
    db = paths.database_path(prepared_dir)
    future = 4_102_444_800_000  # 2100-01-01: a laptop whose clock once ran far ahead
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE sync_clock SET wall_ms = ?, counter = 5", (future,))
    conn.close()
    eng = make_engine(db)  # a fresh start
    try:
        with make_session_factory(eng).begin() as session:
            new_organisation(session, "Na herstart")
        with eng.connect() as c:
            hlc = c.exec_driver_sql("SELECT max(hlc) FROM sync_outbox").scalar_one()
    finally:
        eng.dispose()
    assert parse_hlc(hlc) == (future, 6)


def test_every_synced_table_has_its_triggers_as_generated(prepared_dir: Path) -> None:
    conn = sqlite3.connect(paths.database_path(prepared_dir))
    try:
        run = sqlite3_runner(conn)
        installed = installed_triggers(run)
        assert installed == expected_triggers(run)
        tables = {name.removeprefix("sync_capture_").rsplit("_", 1)[0] for name in installed}
        assert tables == set(synced_tables())
        assert len(installed) == 4 * len(tables)
        # Regenerating (as a later migration does) is idempotent.
        with conn:
            assert install_triggers(run) == len(installed)
        assert installed_triggers(run) == installed
    finally:
        conn.close()


def test_an_id_cannot_change(engine: Engine) -> None:
    with make_session_factory(engine).begin() as session:
        org_id = new_organisation(session).id
    with pytest.raises(sa.exc.IntegrityError, match="cannot change"), engine.begin() as conn:
        conn.exec_driver_sql("UPDATE organisation SET id = 'other' WHERE id = ?", (org_id,))


def test_demo_data_is_not_captured(demo_dir: Path) -> None:
    conn = sqlite3.connect(paths.database_path(demo_dir))
    try:
        assert conn.execute("SELECT count(*) FROM sync_outbox").fetchone() == (0,)
        assert conn.execute("SELECT suppress FROM sync_clock").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM place").fetchone()[0] > 1000
    finally:
        conn.close()
