"""sync: what the deleter had seen; fields of newer versions kept (nothing of theirs lost)

Revision ID: 0007_tombstone_base
Revises: 0006_sync_home
Create Date: 2026-12-05 10:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_tombstone_base"
down_revision: str | None = "0006_sync_home"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN: sync_tombstone is local bookkeeping without capture triggers.
    op.add_column("sync_tombstone", sa.Column("row_base", sa.String(length=32), nullable=True))
    op.create_table(
        "sync_extra",
        sa.Column("tbl", sa.String(length=64), nullable=False),
        sa.Column("pk", sa.String(length=64), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=32), nullable=False),
        sa.Column("dev", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("tbl", "pk", "field", name=op.f("pk_sync_extra")),
    )


def downgrade() -> None:
    op.drop_table("sync_extra")
    with op.batch_alter_table("sync_tombstone") as batch:
        batch.drop_column("row_base")
