"""sync: local clock, outbox, field clocks, tombstones, conflicts; capture triggers

Revision ID: 0002_sync_capture
Revises: 0001_initial
Create Date: 2026-11-26 16:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from vlot_desktop.sync.capture import install_triggers, sqlalchemy_runner

revision: str = "0002_sync_capture"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_clock",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("wall_ms", sa.Integer(), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("suppress", sa.Integer(), nullable=False),
        sa.Column("epoch", sa.String(length=16), nullable=False),
        sa.Column("pushed_seq", sa.Integer(), nullable=False),
        sa.Column("folded_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_clock")),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("pk", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("user_id", sa.String(length=36), nullable=True),
        sa.Column("base", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "sync_field_clock",
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("pk", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("dev", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("max_base", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("tbl", "pk", "field", name=op.f("pk_sync_field_clock")),
    )
    op.create_table(
        "sync_tombstone",
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("pk", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("dev", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=True),
        sa.Column("row_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("tbl", "pk", name=op.f("pk_sync_tombstone")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("pk", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("loser_hlc", sa.String(length=32), nullable=False),
        sa.Column("loser_dev", sa.String(length=64), nullable=False),
        sa.Column("loser_user", sa.String(length=64), nullable=True),
        sa.Column("loser_value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
        sa.UniqueConstraint(
            "tbl", "pk", "field", "loser_hlc", "loser_dev", name=op.f("uq_sync_conflicts_tbl")
        ),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "sync_ingested",
        sa.Column("file", sa.String(length=160), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("file", name=op.f("pk_sync_ingested")),
    )
    op.execute(
        "INSERT INTO sync_clock "
        "(id, wall_ms, counter, device_id, user_id, suppress, epoch, pushed_seq, folded_seq) "
        "VALUES (1, 0, 0, NULL, NULL, 0, lower(hex(randomblob(4))), 0, 0)"
    )
    # Existing rows are not captured: they were written before sync existed (as demo data is).
    install_triggers(sqlalchemy_runner(op.get_bind()))


def downgrade() -> None:
    bind = op.get_bind()
    for (name,) in bind.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_capture_%'"
    ).fetchall():
        op.execute(f'DROP TRIGGER "{name}"')
    op.drop_table("sync_ingested")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_tombstone")
    op.drop_table("sync_field_clock")
    op.drop_table("sync_outbox")
    op.drop_table("sync_clock")
