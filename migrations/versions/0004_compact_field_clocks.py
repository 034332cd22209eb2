"""sync: one clock per row plus per-field exceptions; device/user ids stored once; deletes keep
the row's values in the outbox

Revision ID: 0004_compact_field_clocks
Revises: 0003_sync_compaction
Create Date: 2026-11-27 05:00:00

``sync_field_clock`` held one row per field of every synced row. Now a row written once, all
fields at once, has one ``sync_row_clock`` row (device and user as ``sync_actor`` numbers) and
``sync_field_clock`` keeps only the exceptions (``vlot_desktop.sync.clocks``). Existing clocks are
converted: a row whose every synced field has a clock and that is in its table gets the clock
most of its fields share as its row clock, and the fields with that clock, no ``max_base`` and
no open conflict lose their own row. Rows without clocks (written before the sync existed, demo
data) keep none: they have the baseline clock (HLC 0, any real write wins), which needs no row.
The delete triggers change (a delete keeps the row's values in its outbox row), so the capture
triggers are installed again.
"""

import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from vlot_desktop.sync.capture import captured_columns, install_triggers, sqlalchemy_runner

revision: str = "0004_compact_field_clocks"
down_revision: str | None = "0003_sync_compaction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _decide(
    table: str,
    pk: str,
    rows: list[tuple[Any, ...]],
    fields: set[str],
    actor: Callable[[str | None], int | None],
    clocks: list[tuple[Any, ...]],
) -> None:
    """The row clock of one row (the clock most of its fields share), if it can have one."""
    if not rows[0][6] or {r[1] for r in rows} < fields:
        return  # not in its table, or not every field has a clock: exceptions only
    counts = Counter((r[2], r[3], r[4]) for r in rows if r[5] is None)
    if not counts:
        return
    (hlc, dev, user), _ = min(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    clocks.append((table, pk, hlc, actor(dev), actor(user)))


def _convert(conn: sqlite3.Connection, known: dict[str, list[str]]) -> None:
    actors: dict[str, int] = {}

    def actor(name: str | None) -> int | None:
        if name is None:
            return None
        if name not in actors:
            conn.execute("INSERT OR IGNORE INTO sync_actor (name) VALUES (?)", (name,))
            actors[name] = int(
                conn.execute("SELECT id FROM sync_actor WHERE name = ?", (name,)).fetchone()[0]
            )
        return actors[name]

    tables = [str(r[0]) for r in conn.execute("SELECT DISTINCT tbl FROM sync_field_clock")]
    for table in sorted(tables):
        fields = set(known.get(table, ()))
        if not fields:
            continue
        cursor = conn.execute(
            "SELECT f.pk, f.field, f.hlc, f.dev, f.user_id, f.max_base, t.id IS NOT NULL "
            f"FROM sync_field_clock AS f LEFT JOIN {_q(table)} AS t ON t.id = f.pk "
            "WHERE f.tbl = ? ORDER BY f.pk",
            (table,),
        )
        clocks: list[tuple[Any, ...]] = []
        current: str | None = None
        group: list[tuple[Any, ...]] = []
        while True:
            rows = cursor.fetchmany(10_000)
            if not rows:
                break
            for row in rows:
                if row[0] != current:
                    if current is not None:
                        _decide(table, current, group, fields, actor, clocks)
                    current, group = str(row[0]), []
                group.append(row)
            if len(clocks) >= 10_000:
                conn.executemany("INSERT INTO sync_row_clock VALUES (?, ?, ?, ?, ?)", clocks)
                clocks.clear()
        if current is not None:
            _decide(table, current, group, fields, actor, clocks)
        conn.executemany("INSERT INTO sync_row_clock VALUES (?, ?, ?, ?, ?)", clocks)
    # The fields the row clock now stands for lose their own row (the winners of open
    # conflicts keep theirs: the Conflicten screen reads them).
    conn.execute(
        "DELETE FROM sync_field_clock AS f WHERE f.max_base IS NULL AND EXISTS ("
        "SELECT 1 FROM sync_row_clock AS r JOIN sync_actor AS d ON d.id = r.dev "
        "LEFT JOIN sync_actor AS u ON u.id = r.user_id "
        "WHERE r.tbl = f.tbl AND r.pk = f.pk AND r.hlc = f.hlc AND d.name = f.dev "
        "AND u.name IS f.user_id) "
        "AND NOT EXISTS (SELECT 1 FROM sync_conflicts AS c "
        "WHERE c.tbl = f.tbl AND c.pk = f.pk AND c.field = f.field)"
    )


def upgrade() -> None:
    op.create_table(
        "sync_actor",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_actor")),
        sa.UniqueConstraint("name", name=op.f("uq_sync_actor_name")),
    )
    op.create_table(
        "sync_row_clock",
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("pk", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("dev", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("tbl", "pk", name=op.f("pk_sync_row_clock")),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    run = sqlalchemy_runner(bind)
    raw = bind.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    _convert(raw, captured_columns(run))
    install_triggers(run)


def downgrade() -> None:
    bind = op.get_bind()
    run = sqlalchemy_runner(bind)
    from vlot_desktop.sync.capture import json_value_sql

    # Every field a row clock stands for gets its own row again, with the row's value.
    for table, columns in captured_columns(run).items():
        for column in columns:
            op.execute(
                "INSERT OR IGNORE INTO sync_field_clock "
                "(tbl, pk, field, hlc, dev, user_id, value, max_base) "
                f"SELECT r.tbl, r.pk, '{column}', r.hlc, d.name, u.name, "
                f"{json_value_sql('t.' + _q(column))}, NULL "
                "FROM sync_row_clock AS r JOIN sync_actor AS d ON d.id = r.dev "
                "LEFT JOIN sync_actor AS u ON u.id = r.user_id "
                f"JOIN {_q(table)} AS t ON t.id = r.pk WHERE r.tbl = '{table}'"
            )
    op.drop_table("sync_row_clock")
    op.drop_table("sync_actor")
