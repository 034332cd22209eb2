"""Change capture: SQLite triggers that copy every change of a synced table into ``sync_outbox``.

The triggers are generated from the models (which tables are synced, which columns are local)
and from the database itself (which columns exist at the revision being migrated to), so every
write path is captured in the same transaction as the edit: the ORM, Core, raw SQL, and even
the ``sqlite3`` command-line shell.

The hybrid logical clock (HLC) lives in the local one-row table ``sync_clock`` and is advanced
by the triggers themselves, in plain SQL: no Python function has to be registered on the
connection, so a plain ``sqlite3`` connection writes (and is captured) like the app does, and
two processes on the same database (GUI and command line) share one monotonic clock.

An HLC is the text ``"<wall ms, 13 digits>-<counter, 8 digits>"``; it sorts as text, and the
device id breaks ties. All fields of one row change share one HLC; each row change gets its own.

A delete keeps the row's synced values (a JSON object) in its outbox row: the merge moves them
to the tombstone, because a row clock (``clocks.py``) keeps no values of its own.

Migrations that rebuild a synced table (batch mode drops its triggers) or add a column must call
:func:`install_triggers` at their end; ``tests/sync`` checks that the database's triggers are
exactly the generated ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

# Runs one SQL statement without parameters and returns its rows.
Runner = Callable[[str], Sequence[Sequence[Any]]]

TRIGGER_PREFIX = "sync_capture_"
HLC_RE = re.compile(r"^[0-9]{13}-[0-9]{8}$")

# Unix milliseconds from SQLite's clock ('now' is fixed for the duration of one statement).
_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
_ACTIVE = "(SELECT suppress FROM sync_clock WHERE id = 1) = 0"
_TICK = (
    "UPDATE sync_clock SET "
    f"counter = CASE WHEN {_NOW_MS} > wall_ms THEN 0 ELSE counter + 1 END, "
    f"wall_ms = max(wall_ms, {_NOW_MS}) WHERE id = 1;"
)
_STAMP = "printf('%013d-%08d', c.wall_ms, c.counter)"


def format_hlc(wall_ms: int, counter: int) -> str:
    return f"{wall_ms:013d}-{counter:08d}"


def parse_hlc(hlc: str) -> tuple[int, int]:
    if not HLC_RE.match(hlc):
        raise ValueError(f"not an HLC: {hlc!r}")
    wall, counter = hlc.split("-")
    return int(wall), int(counter)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def json_value_sql(expr: str) -> str:
    """SQL turning a column value into JSON text that reads back to exactly the same value.

    Reals get 17 significant digits (``json_quote`` keeps only 15); blobs become
    ``{"$hex": "..."}`` (``json_quote`` refuses them).
    """
    return (
        f"CASE typeof({expr}) WHEN 'real' THEN printf('%!.17g', {expr}) "
        f"WHEN 'blob' THEN json_object('$hex', hex({expr})) ELSE json_quote({expr}) END"
    )


def synced_local_columns() -> dict[str, set[str]]:
    """Synced table -> its local (not synced) columns, from the models."""
    from vlot_desktop.db.models import Base, synced_tables

    return {
        name: {c.name for c in Base.metadata.tables[name].columns if c.info.get("local")}
        for name in synced_tables()
    }


def captured_columns(run: Runner) -> dict[str, list[str]]:
    """Synced tables present in the database -> the columns the triggers capture (no ``id``)."""
    present = {str(row[0]) for row in run("SELECT name FROM sqlite_master WHERE type = 'table'")}
    result: dict[str, list[str]] = {}
    for table, local in synced_local_columns().items():
        if table not in present:
            continue
        columns = [str(row[1]) for row in run(f"PRAGMA table_info({_quote(table)})")]
        result[table] = [c for c in columns if c != "id" and c not in local]
    return result


def _field_rows(columns: Sequence[str], *, changed_only: bool) -> str:
    parts = []
    for column in columns:
        col = _quote(column)
        select = f"SELECT {_literal(column)} AS field, {json_value_sql('new.' + col)} AS value"
        if changed_only:
            select += f" WHERE old.{col} IS NOT new.{col}"
        parts.append(select)
    return " UNION ALL ".join(parts)


def _row_json(alias: str, columns: Sequence[str]) -> str:
    """SQL for a JSON object of the row's synced values (what a delete keeps, see engine.py)."""
    if not columns:
        return "NULL"
    parts = []
    for start in range(0, len(columns), 50):  # at most 127 arguments per function call
        pairs = ", ".join(
            f"{_literal(c)}, json({json_value_sql(alias + '.' + _quote(c))})"
            for c in columns[start : start + 50]
        )
        parts.append(f"json_object({pairs})")
    expr = parts[0]
    for part in parts[1:]:
        expr = f"json_patch({expr}, {part})"
    return expr


def trigger_statements(table: str, columns: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CREATE TRIGGER statement) for the capture triggers of one table."""
    t = _quote(table)
    lit = _literal(table)
    insert_cols = "(hlc, tbl, pk, op, field, value, device_id, user_id)"
    out: list[tuple[str, str]] = []

    def upsert_body(changed_only: bool) -> str:
        if not columns:
            # A row without synced fields still exists: record it with no field.
            fields = "(SELECT NULL AS field, NULL AS value)"
        else:
            fields = f"({_field_rows(columns, changed_only=changed_only)})"
        return (
            f"{_TICK} INSERT INTO sync_outbox {insert_cols} "
            f"SELECT {_STAMP}, {lit}, new.id, 'upsert', f.field, f.value, c.device_id, c.user_id "
            f"FROM sync_clock AS c, {fields} AS f WHERE c.id = 1;"
        )

    name = f"{TRIGGER_PREFIX}{table}_insert"
    out.append(
        (
            name,
            f"CREATE TRIGGER {_quote(name)} AFTER INSERT ON {t} WHEN {_ACTIVE} "
            f"BEGIN {upsert_body(False)} END",
        )
    )
    changed = " OR ".join(f"old.{_quote(c)} IS NOT new.{_quote(c)}" for c in columns) or "0"
    name = f"{TRIGGER_PREFIX}{table}_update"
    out.append(
        (
            name,
            f"CREATE TRIGGER {_quote(name)} AFTER UPDATE ON {t} "
            f"WHEN {_ACTIVE} AND ({changed}) BEGIN {upsert_body(True)} END",
        )
    )
    name = f"{TRIGGER_PREFIX}{table}_delete"
    out.append(
        (
            name,
            f"CREATE TRIGGER {_quote(name)} AFTER DELETE ON {t} WHEN {_ACTIVE} BEGIN {_TICK} "
            f"INSERT INTO sync_outbox {insert_cols} "
            f"SELECT {_STAMP}, {lit}, old.id, 'delete', NULL, {_row_json('old', columns)}, "
            "c.device_id, c.user_id FROM sync_clock AS c WHERE c.id = 1; END",
        )
    )
    # Records are keyed by id on every laptop: an id never changes.
    name = f"{TRIGGER_PREFIX}{table}_key"
    out.append(
        (
            name,
            f"CREATE TRIGGER {_quote(name)} BEFORE UPDATE OF id ON {t} "
            "WHEN old.id IS NOT new.id BEGIN "
            "SELECT RAISE(ABORT, 'the id of a synced row cannot change'); END",
        )
    )
    return out


def record_current_value_statements(table: str, field: str) -> tuple[str, str]:
    """The two statements (tick the clock; write the outbox row) that record the current value
    of ``table.field`` of one row (bind its id to the second) as a new local change.

    For a choice that changes nothing in the row (keeping the value shown when resolving a
    conflict): a plain UPDATE to the same value fires no trigger, yet the other laptops must
    learn that this value was chosen. Same clock and stamp as the triggers.
    """
    insert = (
        "INSERT INTO sync_outbox (hlc, tbl, pk, op, field, value, device_id, user_id) "
        f"SELECT {_STAMP}, {_literal(table)}, r.id, 'upsert', {_literal(field)}, "
        f"{json_value_sql('r.' + _quote(field))}, c.device_id, c.user_id "
        f"FROM sync_clock AS c, {_quote(table)} AS r WHERE c.id = 1 AND r.id = ?"
    )
    return _TICK.rstrip(";"), insert


def expected_triggers(run: Runner) -> dict[str, str]:
    """Trigger name -> CREATE statement, as :func:`install_triggers` would create them now."""
    result: dict[str, str] = {}
    for table, columns in captured_columns(run).items():
        result.update(trigger_statements(table, columns))
    return result


def installed_triggers(run: Runner) -> dict[str, str]:
    rows = run(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        f"AND name LIKE '{TRIGGER_PREFIX}%'"
    )
    return {str(name): str(sql) for name, sql in rows}


def install_triggers(run: Runner) -> int:
    """(Re)create the capture triggers of every synced table; returns how many were created.

    Idempotent; call it at the end of every migration that adds, drops or rebuilds a synced
    table or column (and in the same transaction).
    """
    for name in installed_triggers(run):
        run(f"DROP TRIGGER {_quote(name)}")
    statements = expected_triggers(run)
    for sql in statements.values():
        run(sql)
    return len(statements)


def sqlite3_runner(conn: Any) -> Runner:
    """A :data:`Runner` for a DB-API (``sqlite3``) connection."""

    def run(sql: str) -> Sequence[Sequence[Any]]:
        rows: Sequence[Sequence[Any]] = conn.execute(sql).fetchall()
        return rows

    return run


def sqlalchemy_runner(conn: Any) -> Runner:
    """A :data:`Runner` for an SQLAlchemy ``Connection`` (e.g. alembic's ``op.get_bind()``)."""

    def run(sql: str) -> Sequence[Sequence[Any]]:
        result = conn.exec_driver_sql(sql)
        if not result.returns_rows:
            return []
        return [tuple(row) for row in result.fetchall()]

    return run


def set_identity(run: Runner, device_id: str | None, user_id: str | None) -> None:
    """Remember who writes on this laptop (copied into every outbox row)."""
    run(
        "UPDATE sync_clock SET "
        f"device_id = {_literal(device_id) if device_id else 'NULL'}, "
        f"user_id = {_literal(user_id) if user_id else 'NULL'} WHERE id = 1"
    )


@contextmanager
def suppressed(run: Runner) -> Iterator[None]:
    """Silence the triggers for writes made inside the caller's open transaction.

    The flag is set and cleared inside that transaction, so a crash or a rollback can never
    leave capture switched off, and other connections never see it set.
    """
    run("UPDATE sync_clock SET suppress = 1 WHERE id = 1")
    try:
        yield
    except BaseException:
        # The caller rolls back, which clears the flag too; do not mask the error.
        with suppress(Exception):
            run("UPDATE sync_clock SET suppress = 0 WHERE id = 1")
        raise
    run("UPDATE sync_clock SET suppress = 0 WHERE id = 1")
