"""A word index on the household members' names, so that the Dossiers search is fast.

``household_member.search_names`` holds the folded names (Latin and Cyrillic). Searching it
with LIKE reads all 120,000 members on every keystroke (60-75 ms on the large demo set before
anything is sorted). This module keeps an SQLite FTS5 index of those names, maintained by
triggers in the same transaction as every write (ORM, Core, raw SQL, the sync), and turns
what the user typed into an FTS5 prefix query: "olen kov" -> ``"olen"* AND "kov"*``.

Local bookkeeping, never synced and never dumped: ``member_search_key`` gives each member a
stable integer (the FTS rowid; an INTEGER PRIMARY KEY survives VACUUM, SQLite's own rowid of a
table with a text key does not), and ``member_name_fts`` is the index. When this SQLite has no
FTS5 (it has on Debian and in the python.org Windows builds), the tables are not made and the
search falls back to LIKE.

Privacy: FTS5 keeps a deleted word in its older index segments until they are merged. After
an erasure, :func:`optimize` merges them all, so an erased name is not left in the index
(``services.privacy.flush_erased_pages`` and the sync call it).
"""

from __future__ import annotations

import re
from typing import Any

FTS_TABLE = "member_name_fts"
KEY_TABLE = "member_search_key"
LOCAL_TABLE_PREFIXES = (FTS_TABLE, KEY_TABLE)
"""Tables of this index (the FTS5 table makes shadow tables with this prefix)."""

_TRIGGERS = {
    "trg_member_search_insert": f"""
        CREATE TRIGGER trg_member_search_insert AFTER INSERT ON household_member BEGIN
            INSERT OR IGNORE INTO {KEY_TABLE}(member_id) VALUES (new.id);
            INSERT INTO {FTS_TABLE}(rowid, search_names, case_id)
                SELECT k, new.search_names, new.case_id FROM {KEY_TABLE}
                WHERE member_id = new.id;
        END""",
    "trg_member_search_update": f"""
        CREATE TRIGGER trg_member_search_update
        AFTER UPDATE OF search_names, case_id, id ON household_member BEGIN
            DELETE FROM {FTS_TABLE}
                WHERE rowid = (SELECT k FROM {KEY_TABLE} WHERE member_id = old.id);
            DELETE FROM {KEY_TABLE} WHERE member_id = old.id AND old.id IS NOT new.id;
            INSERT OR IGNORE INTO {KEY_TABLE}(member_id) VALUES (new.id);
            INSERT INTO {FTS_TABLE}(rowid, search_names, case_id)
                SELECT k, new.search_names, new.case_id FROM {KEY_TABLE}
                WHERE member_id = new.id;
        END""",
    "trg_member_search_delete": f"""
        CREATE TRIGGER trg_member_search_delete AFTER DELETE ON household_member BEGIN
            DELETE FROM {FTS_TABLE}
                WHERE rowid = (SELECT k FROM {KEY_TABLE} WHERE member_id = old.id);
            DELETE FROM {KEY_TABLE} WHERE member_id = old.id;
        END""",
}


def fts5_available(conn: Any) -> bool:
    """True when this SQLite can make FTS5 tables (``conn``: a DB-API or SQLAlchemy connection)."""
    try:
        _exec(conn, "CREATE VIRTUAL TABLE temp._vlot_fts5_probe USING fts5(x)")
        _exec(conn, "DROP TABLE temp._vlot_fts5_probe")
    except Exception:  # sqlite3.OperationalError, or SQLAlchemy's wrapper of it
        return False
    return True


def install(conn: Any) -> bool:
    """Make the index and its triggers and fill it from the members; False without FTS5."""
    if not fts5_available(conn):
        return False
    _exec(
        conn,
        f"CREATE TABLE IF NOT EXISTS {KEY_TABLE} "
        "(k INTEGER PRIMARY KEY, member_id TEXT NOT NULL UNIQUE)",
    )
    _exec(
        conn,
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "search_names, case_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')",
    )
    for name, sql in _TRIGGERS.items():
        _exec(conn, f"DROP TRIGGER IF EXISTS {name}")
        _exec(conn, sql)
    rebuild(conn)
    return True


def uninstall(conn: Any) -> None:
    for name in _TRIGGERS:
        _exec(conn, f"DROP TRIGGER IF EXISTS {name}")
    _exec(conn, f"DROP TABLE IF EXISTS {FTS_TABLE}")
    _exec(conn, f"DROP TABLE IF EXISTS {KEY_TABLE}")


def rebuild(conn: Any) -> None:
    """Fill the index afresh from ``household_member`` (after a bulk load without triggers)."""
    _exec(conn, f"DELETE FROM {FTS_TABLE}")
    _exec(conn, f"DELETE FROM {KEY_TABLE} WHERE member_id NOT IN (SELECT id FROM household_member)")
    _exec(conn, f"INSERT OR IGNORE INTO {KEY_TABLE}(member_id) SELECT id FROM household_member")
    _exec(
        conn,
        f"INSERT INTO {FTS_TABLE}(rowid, search_names, case_id) "
        f"SELECT k.k, m.search_names, m.case_id FROM household_member AS m "
        f"JOIN {KEY_TABLE} AS k ON k.member_id = m.id",
    )
    _exec(conn, f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")


def is_installed(conn: Any) -> bool:
    row = _exec(
        conn, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
    ).fetchone()
    return row is not None


def optimize(conn: Any) -> None:
    """Merge the index into one segment: words of deleted or changed names are then gone."""
    if is_installed(conn):
        _exec(conn, f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")


def flush_erased(conn: Any) -> None:
    """After an erasure: merge the index (:func:`optimize`) and copy the WAL into the database
    and empty it, so that neither old index segments nor page images from before the erasure
    keep the erased words (``secure_delete`` zeroes the database pages themselves).

    ``conn``: a SQLAlchemy connection, or a ``sqlite3`` one in autocommit mode outside a
    transaction (the sync's). Best effort: with a colleague's reader still open, the checkpoint
    stops short and the old frames are overwritten by later writes instead.
    """
    if hasattr(conn, "exec_driver_sql"):
        optimize(conn)
        conn.commit()
    else:
        conn.execute("BEGIN IMMEDIATE")
        try:
            optimize(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    _exec(conn, "PRAGMA wal_checkpoint(TRUNCATE)")


_WORD = re.compile(r"\w+")


def prefix_query(folded: str) -> str | None:
    """The FTS5 query for folded search text: each word a prefix, all required.

    Only letters and digits reach the query (each word quoted), so nothing the user types
    is FTS5 syntax. None when nothing is left to search for.
    """
    words = _WORD.findall(folded)
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)


def _exec(conn: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
    """Run ``sql`` on a DB-API connection (or a wrapper of one) or a SQLAlchemy connection."""
    if hasattr(conn, "exec_driver_sql"):
        return conn.exec_driver_sql(sql, params)
    return conn.execute(sql, params)
