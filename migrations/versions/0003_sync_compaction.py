"""sync: snapshots seen/applied, format block, purge markers, blobs to download

Revision ID: 0003_sync_compaction
Revises: 0002_sync_capture
Create Date: 2026-11-27 02:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_sync_compaction"
down_revision: str | None = "0002_sync_capture"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild): sync_clock is not a synced table, and the capture
    # triggers that read it stay as they are.
    op.add_column("sync_clock", sa.Column("snapshot_id", sa.String(length=64), nullable=True))
    op.add_column(
        "sync_clock",
        sa.Column("snapshot_checked_ms", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    op.add_column("sync_clock", sa.Column("snapshot_covers", sa.Text(), nullable=True))
    op.add_column(
        "sync_clock",
        sa.Column("format_blocked", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )
    op.create_table(
        "sync_purged",
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("pk", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("dev", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("tbl", "pk", "field", name=op.f("pk_sync_purged")),
    )
    op.create_table(
        "sync_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_sync_blob")),
    )


def downgrade() -> None:
    op.drop_table("sync_blob")
    op.drop_table("sync_purged")
    with op.batch_alter_table("sync_clock") as batch:
        batch.drop_column("format_blocked")
        batch.drop_column("snapshot_covers")
        batch.drop_column("snapshot_checked_ms")
        batch.drop_column("snapshot_id")
