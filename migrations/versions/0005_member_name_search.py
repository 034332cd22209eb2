"""cases: word index (FTS5) on the household members' names for the Dossiers search

Local tables and triggers (never synced): see ``vlot_desktop.db.member_search``. Without FTS5
in this SQLite nothing is made and the search uses LIKE.

Revision ID: 0005_member_name_search
Revises: 0004_compact_field_clocks
Create Date: 2026-11-27 06:10:00
"""

from collections.abc import Sequence

from alembic import op

from vlot_desktop.db import member_search

revision: str = "0005_member_name_search"
down_revision: str | None = "0004_compact_field_clocks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    member_search.install(op.get_bind())


def downgrade() -> None:
    member_search.uninstall(op.get_bind())
