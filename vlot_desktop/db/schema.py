"""What this version of the app knows about database revisions, without importing alembic.

Start-up compares the database's ``alembic_version`` with ``SCHEMA_HEAD`` using plain sqlite3,
so a database that is already current costs no alembic import (~0.4 s). A test checks that
these constants agree with ``migrations/versions``.
"""

from __future__ import annotations

# Oldest first; append each new revision id here when adding a migration.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_sync_capture",
    "0003_sync_compaction",
    "0004_compact_field_clocks",
    "0005_member_name_search",
    "0006_sync_home",
    "0007_tombstone_base",
    "0008_helpdesk",
    "0009_coordination",
)
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
