"""sync: where the database lives (a copy on another laptop goes on under a new epoch)

Revision ID: 0006_sync_home
Revises: 0005_member_name_search
Create Date: 2026-12-05 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_sync_home"
down_revision: str | None = "0005_member_name_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN: sync_clock is local, its capture triggers read other columns only.
    op.add_column("sync_clock", sa.Column("home", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_clock") as batch:
        batch.drop_column("home")
