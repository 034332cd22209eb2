"""Word indexes (SQLite FTS5) on the helpdesk's texts: questions and knowledge-base articles.

What they serve: "similar questions and articles" while a question is typed at intake (≤ 50 ms
on 40,000 questions), theme suggestions, and the search boxes of the Vragen and Kennisbank
screens. A LIKE scan of 40,000 question texts cannot rank and takes longer than a keystroke.

- ``question_fts(subject, body)``: a question's subject and text;
- ``kb_article_fts(title, question, answer)``: an article's title, general question and answer.

The tokenizer is ``unicode61 remove_diacritics 2``: words of letters and digits, folded to
lower case without accents by SQLite itself (available since SQLite 3.27; the Windows build
of Python 3.11 has 3.40). Only the *trigram* tokenizer lacks ``remove_diacritics`` before 3.45;
it is not used. Queries are folded the same way in Python (``domain.text.fold``) and only
letters and digits reach them (``domain.question_rules.match_all_words`` / ``match_any_term``).

Kept in step by triggers in the same transaction as every write of ``question`` and
``kb_article`` (ORM, Core, raw SQL, the demo, the sync's merge), as ``db.member_search`` does
for the names. ``*_search_key`` gives each row a stable integer (the FTS rowid: an INTEGER
PRIMARY KEY survives VACUUM, the hidden rowid of a table with a text key does not).

A sync bootstrap fills empty synced tables with their triggers dropped and rebuilds only the
name index; :func:`ensure_current` notices an index that holds fewer rows than its table and
rebuilds it (the helpdesk's reads call it first: a count of two small indexes, about 1 ms).

Local bookkeeping, never synced and never dumped. No personal data is indexed: the asker's
name and contact details are not in these columns (docs/helpdesk.md). Without FTS5 in this
SQLite nothing is made and the reads fall back to LIKE.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Index:
    """One word index: the FTS table, its key table, the indexed table and columns."""

    fts: str
    key: str
    key_column: str  # the key table's column holding the indexed row's id
    table: str
    columns: tuple[str, ...]  # the indexed table's columns, in FTS column order
    fts_columns: tuple[str, ...]


QUESTIONS = Index(
    fts="question_fts",
    key="question_search_key",
    key_column="question_id",
    table="question",
    columns=("subject", "question_text"),
    fts_columns=("subject", "body"),
)
ARTICLES = Index(
    fts="kb_article_fts",
    key="kb_article_search_key",
    key_column="article_id",
    table="kb_article",
    columns=("title", "general_question", "answer"),
    fts_columns=("title", "question", "answer"),
)
INDEXES = (QUESTIONS, ARTICLES)
LOCAL_TABLE_PREFIXES = tuple(p for i in INDEXES for p in (i.fts, i.key))
"""Tables of these indexes (each FTS5 table makes shadow tables with its name as prefix)."""
TOKENIZER = "unicode61 remove_diacritics 2"
TRIGGER_PREFIX = "trg_helpdesk_search_"


def _values(index: Index, alias: str) -> str:
    return ", ".join(f"coalesce({alias}.{c}, '')" for c in index.columns)


def _triggers(index: Index) -> dict[str, str]:
    name = f"{TRIGGER_PREFIX}{index.table}"
    fts_cols = ", ".join(index.fts_columns)
    insert = (
        f"INSERT OR IGNORE INTO {index.key}({index.key_column}) VALUES (new.id); "
        f"INSERT INTO {index.fts}(rowid, {fts_cols}) "
        f"SELECT k, {_values(index, 'new')} FROM {index.key} "
        f"WHERE {index.key_column} = new.id;"
    )
    remove = (
        f"DELETE FROM {index.fts} WHERE rowid = "
        f"(SELECT k FROM {index.key} WHERE {index.key_column} = old.id);"
    )
    watched = ", ".join((*index.columns, "id"))
    return {
        f"{name}_insert": (
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {index.table} BEGIN {insert} END"
        ),
        f"{name}_update": (
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {watched} ON {index.table} BEGIN "
            f"{remove} DELETE FROM {index.key} WHERE {index.key_column} = old.id "
            f"AND old.id IS NOT new.id; {insert} END"
        ),
        f"{name}_delete": (
            f"CREATE TRIGGER {name}_delete AFTER DELETE ON {index.table} BEGIN {remove} "
            f"DELETE FROM {index.key} WHERE {index.key_column} = old.id; END"
        ),
    }


def fts5_available(conn: Any) -> bool:
    """True when this SQLite can make FTS5 tables (a DB-API or SQLAlchemy connection)."""
    try:
        _exec(conn, "CREATE VIRTUAL TABLE temp._vlot_hd_fts5_probe USING fts5(x)")
        _exec(conn, "DROP TABLE temp._vlot_hd_fts5_probe")
    except Exception:  # sqlite3.OperationalError, or SQLAlchemy's wrapper of it
        return False
    return True


def install(conn: Any) -> bool:
    """Make both indexes and their triggers and fill them; False without FTS5."""
    if not fts5_available(conn):
        return False
    for index in INDEXES:
        _exec(
            conn,
            f"CREATE TABLE IF NOT EXISTS {index.key} "
            f"(k INTEGER PRIMARY KEY, {index.key_column} TEXT NOT NULL UNIQUE)",
        )
        _exec(
            conn,
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {index.fts} USING fts5("
            f"{', '.join(index.fts_columns)}, tokenize = '{TOKENIZER}', prefix = '3')",
        )
        for name, sql in _triggers(index).items():
            _exec(conn, f"DROP TRIGGER IF EXISTS {name}")
            _exec(conn, sql)
        rebuild(conn, index)
    return True


def uninstall(conn: Any) -> None:
    for index in INDEXES:
        for name in _triggers(index):
            _exec(conn, f"DROP TRIGGER IF EXISTS {name}")
        _exec(conn, f"DROP TABLE IF EXISTS {index.fts}")
        _exec(conn, f"DROP TABLE IF EXISTS {index.key}")


def rebuild(conn: Any, index: Index) -> None:
    """Fill ``index`` afresh from its table (after a bulk load without triggers)."""
    fts_cols = ", ".join(index.fts_columns)
    _exec(conn, f"DELETE FROM {index.fts}")
    _exec(
        conn,
        f"DELETE FROM {index.key} WHERE {index.key_column} NOT IN (SELECT id FROM {index.table})",
    )
    _exec(
        conn,
        f"INSERT OR IGNORE INTO {index.key}({index.key_column}) SELECT id FROM {index.table}",
    )
    _exec(
        conn,
        f"INSERT INTO {index.fts}(rowid, {fts_cols}) "
        f"SELECT k.k, {_values(index, 't')} FROM {index.table} AS t "
        f"JOIN {index.key} AS k ON k.{index.key_column} = t.id",
    )
    _exec(conn, f"INSERT INTO {index.fts}({index.fts}) VALUES ('optimize')")


def is_installed(conn: Any) -> bool:
    row = _exec(
        conn, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (QUESTIONS.fts,)
    ).fetchone()
    return row is not None


def _trigger_names(conn: Any) -> set[str]:
    return {
        str(r[0])
        for r in _exec(
            conn,
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
            (f"{TRIGGER_PREFIX}%",),
        ).fetchall()
    }


def stale(conn: Any) -> list[Index]:
    """The indexes that hold fewer (or more) rows than their table, or whose triggers are
    missing."""
    found = []
    triggers = _trigger_names(conn)
    for index in INDEXES:
        rows, keys = _exec(
            conn,
            f"SELECT (SELECT count(*) FROM {index.table}), (SELECT count(*) FROM {index.key})",
        ).fetchone()
        if rows != keys or not set(_triggers(index)) <= triggers:
            found.append(index)
    return found


def ensure_current(conn: Any) -> bool:
    """Make the indexes that are out of step with their tables (see the module's docstring)
    again, with their triggers; True when the indexes can be used (FTS5 is there).

    ``conn``: a SQLAlchemy connection (a repair is committed at once: the index is local
    bookkeeping, nothing of it is captured or synced) or a ``sqlite3`` one inside the caller's
    transaction. Call it before the reads of a ``Store.read``, not inside a write transaction
    of the caller's that must be able to roll back.
    """
    if not is_installed(conn):
        return False
    broken = stale(conn)
    if not broken:
        return True
    for index in broken:
        for name, sql in _triggers(index).items():
            _exec(conn, f"DROP TRIGGER IF EXISTS {name}")
            _exec(conn, sql)
        rebuild(conn, index)
    if hasattr(conn, "exec_driver_sql"):
        conn.commit()
    return True


def optimize(conn: Any) -> None:
    """Merge each index into one segment (the words of deleted or changed texts are gone)."""
    if is_installed(conn):
        for index in INDEXES:
            _exec(conn, f"INSERT INTO {index.fts}({index.fts}) VALUES ('optimize')")


def _exec(conn: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
    """Run ``sql`` on a DB-API connection or a SQLAlchemy connection."""
    if hasattr(conn, "exec_driver_sql"):
        return conn.exec_driver_sql(sql, params)
    return conn.execute(sql, params)
