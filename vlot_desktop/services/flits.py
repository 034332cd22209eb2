"""The VLOT-flits: numbered editions composed from the knowledge-base articles published since
the last edition and short notices, reordered, previewed, frozen when sent; the history of
editions, searchable (docs/coordination.md).

Writes check :mod:`vlot_desktop.domain.meeting_rules` (the flits rules) first and return the
problems; on an error nothing changed. A sent edition (``gepubliceerd``, ``sent_at``) refuses
every change. An item keeps the article's title and text as they were put in the edition (a
later version of the article does not change what was sent). ``db`` is the engine or a
session/connection in a transaction (``activity_common``).

The number of a new edition is one more than the highest known on this laptop. Two laptops
that each start an edition before they sync can make the same number; the central team makes
the flits, so this is rare, and :func:`duplicate_numbers` finds it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from vlot_desktop.domain.enums import NewsletterStatus
from vlot_desktop.domain.meeting_rules import (
    EditionItemKind,
    check_edition_editable,
    check_edition_send,
    check_edition_values,
    check_notice,
)
from vlot_desktop.domain.problems import Problem, Severity
from vlot_desktop.domain.text import fold
from vlot_desktop.services.activity_common import (
    Db,
    NewId,
    Target,
    as_date,
    as_datetime,
    clean,
    dbapi,
    derived_id,
    errors,
    exists,
    new_id,
    timestamp,
    write_transaction,
)

FIRST_NUMBER = 1


class EditionNotFoundError(LookupError):
    """No edition with that id or number (or the item is gone)."""


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


@dataclass(frozen=True)
class EditionResult:
    edition_id: str | None
    number: int | None
    problems: list[Problem] = field(default_factory=list)
    added: int = 0  # articles put in by composing


def _edition(conn: sqlite3.Connection, edition_id: str) -> tuple[int, bool]:
    """(number, sent) of an edition."""
    row = conn.execute(
        "SELECT number, status, sent_at FROM newsletter_edition WHERE id = ?", (edition_id,)
    ).fetchone()
    if row is None:
        raise EditionNotFoundError(edition_id)
    return int(row[0]), row[1] == NewsletterStatus.PUBLISHED.value or row[2] is not None


def find_edition(db: Db, key: str | int) -> str:
    """The id of the edition with that number (the newest, should two share one) or id."""
    conn = dbapi(db)
    text = str(key).strip()
    if text.isdigit():
        row = conn.execute(
            "SELECT id FROM newsletter_edition WHERE number = ? ORDER BY created_at DESC LIMIT 1",
            (int(text),),
        ).fetchone()
    else:
        row = conn.execute("SELECT id FROM newsletter_edition WHERE id = ?", (text,)).fetchone()
    if row is None:
        raise EditionNotFoundError(text)
    return str(row[0])


def next_number(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(number) FROM newsletter_edition").fetchone()
    return int(row[0]) + 1 if row[0] is not None else FIRST_NUMBER


def _last_sent_day(conn: sqlite3.Connection, edition_id: str) -> dt.date | None:
    """The publication date of the newest sent edition other than this one."""
    row = conn.execute(
        "SELECT max(publication_date) FROM newsletter_edition WHERE id != ? "
        "AND (status = ? OR sent_at IS NOT NULL)",
        (edition_id, NewsletterStatus.PUBLISHED.value),
    ).fetchone()
    return as_date(row[0])


# -- editions -----------------------------------------------------------------------------------


def create_edition(
    db: Target,
    *,
    publication_date: dt.date,
    title: str | None = None,
    intro: str | None = None,
    compose: bool = True,
    limit: int | None = None,
    number: int | None = None,
    make_id: NewId | None = None,
    at: dt.datetime | None = None,
) -> EditionResult:
    """A new draft edition, numbered on (or ``number``: an edition of before the app, the
    demo), with (``compose``) the articles published since the last sent edition up to its
    publication date (the first ``limit`` of them, oldest first, when given)."""
    with write_transaction(db) as conn:
        number = number or next_number(conn)
        title = (title or "").strip() or f"VLOT-flits {number}"
        problems = check_edition_values(title=title, intro=intro)
        if errors(problems):
            return EditionResult(None, None, problems)
        now = timestamp(at)
        edition_id = new_id(make_id)
        conn.execute(
            "INSERT INTO newsletter_edition (id, created_at, updated_at, number, "
            "publication_date, title, intro, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                edition_id,
                now,
                now,
                number,
                publication_date.isoformat(),
                title,
                clean(intro),
                NewsletterStatus.DRAFT.value,
            ),
        )
        added = _compose(conn, edition_id, now, limit) if compose else 0
        return EditionResult(edition_id, number, problems, added)


def update_edition(
    db: Target,
    edition_id: str,
    *,
    title: str,
    intro: str | None,
    publication_date: dt.date,
) -> list[Problem]:
    with write_transaction(db) as conn:
        number, sent = _edition(conn, edition_id)
        problems = check_edition_editable(sent, number)
        problems += check_edition_values(title=title, intro=intro)
        if errors(problems):
            return problems
        conn.execute(
            "UPDATE newsletter_edition SET title = ?, intro = ?, publication_date = ?, "
            "updated_at = ? WHERE id = ?",
            (title.strip(), clean(intro), publication_date.isoformat(), timestamp(), edition_id),
        )
        return problems


@dataclass(frozen=True)
class ArticleChoice:
    """A published article the edition could take."""

    id: str
    title: str
    valid_from: dt.date
    version: int
    in_edition: int | None  # the number of an edition it is in already


def articles_since(db: Db, since: dt.date | None, until: dt.date) -> list[ArticleChoice]:
    """The current articles published (a first version or a new one) after ``since`` and up
    to ``until``, oldest first, with the edition they are in already, if any."""
    conn = dbapi(db)
    rows = conn.execute(
        "SELECT a.id, a.title, a.valid_from, a.version, (SELECT max(e.number) FROM "
        "newsletter_item AS i JOIN newsletter_edition AS e ON e.id = i.edition_id "
        "WHERE i.article_id = a.id) FROM kb_article AS a "
        "WHERE a.valid_from > ? AND a.valid_from <= ? AND a.replaced_by_id IS NULL "
        "AND (a.valid_until IS NULL OR a.valid_until >= a.valid_from) "
        "ORDER BY a.valid_from, a.title, a.id",
        ((since or dt.date.min).isoformat(), until.isoformat()),
    ).fetchall()
    return [
        ArticleChoice(str(i), str(t), as_date(v) or dt.date.min, int(n or 1), e)
        for i, t, v, n, e in rows
    ]


def _compose(conn: sqlite3.Connection, edition_id: str, now: str, limit: int | None = None) -> int:
    day = conn.execute(
        "SELECT publication_date FROM newsletter_edition WHERE id = ?", (edition_id,)
    ).fetchone()[0]
    since = _last_sent_day(conn, edition_id)
    added = 0
    for article in articles_since(conn, since, as_date(day) or dt.date.today()):
        if limit is not None and added >= limit:
            break
        if article.in_edition is None and _add_article(conn, edition_id, article.id, now):
            added += 1
    return added


def compose(db: Target, edition_id: str) -> tuple[int, list[Problem]]:
    """Add the articles published since the last sent edition that no edition has yet (after
    the items already there). Returns how many were added."""
    with write_transaction(db) as conn:
        number, sent = _edition(conn, edition_id)
        problems = check_edition_editable(sent, number)
        if errors(problems):
            return 0, problems
        return _compose(conn, edition_id, timestamp()), []


def _next_position(conn: sqlite3.Connection, edition_id: str) -> int:
    row = conn.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM newsletter_item WHERE edition_id = ?",
        (edition_id,),
    ).fetchone()
    return int(row[0])


def item_id_for(edition_id: str, article_id: str) -> str:
    """The id of an article's item in an edition: the same on every laptop."""
    return derived_id("newsletter_item", edition_id, article_id)


def _add_article(conn: sqlite3.Connection, edition_id: str, article_id: str, now: str) -> bool:
    row = conn.execute(
        "SELECT title, general_question, answer, source_question_id FROM kb_article WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise EditionNotFoundError(article_id)
    title, question, answer, source = row
    body = "\n\n".join(t.strip() for t in (question, answer) if t and t.strip()) or None
    return bool(
        conn.execute(
            "INSERT OR IGNORE INTO newsletter_item (id, created_at, updated_at, edition_id, "
            "position, kind, question_id, article_id, title, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item_id_for(edition_id, article_id),
                now,
                now,
                edition_id,
                _next_position(conn, edition_id),
                EditionItemKind.ARTICLE.value,
                source,
                article_id,
                str(title),
                body,
            ),
        ).rowcount
    )


def add_article(db: Target, edition_id: str, article_id: str) -> list[Problem]:
    """Put one article in the edition (at the end; nothing when it is in already)."""
    with write_transaction(db) as conn:
        number, sent = _edition(conn, edition_id)
        problems = check_edition_editable(sent, number)
        if errors(problems):
            return problems
        if not exists(conn, "kb_article", "id", article_id):
            return [_error("article_id", "Dit artikel bestaat niet.", "No such article.")]
        _add_article(conn, edition_id, article_id, timestamp())
        return []


def add_notice(
    db: Target,
    edition_id: str,
    title: str,
    body: str | None,
    *,
    position: int | None = None,
    make_id: NewId | None = None,
    at: dt.datetime | None = None,
) -> tuple[str | None, list[Problem]]:
    """A short notice (kort bericht) in the edition, at the end or at ``position``."""
    with write_transaction(db) as conn:
        number, sent = _edition(conn, edition_id)
        problems = check_edition_editable(sent, number) + check_notice(title=title, body=body)
        if errors(problems):
            return None, problems
        now = timestamp(at)
        end = _next_position(conn, edition_id)
        where = end if position is None else max(0, min(position, end))
        if where < end:
            conn.execute(
                "UPDATE newsletter_item SET position = position + 1, updated_at = ? "
                "WHERE edition_id = ? AND position >= ?",
                (now, edition_id, where),
            )
        item_id = new_id(make_id)
        conn.execute(
            "INSERT INTO newsletter_item (id, created_at, updated_at, edition_id, position, "
            "kind, title, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item_id,
                now,
                now,
                edition_id,
                where,
                EditionItemKind.NOTICE.value,
                title.strip(),
                clean(body),
            ),
        )
        return item_id, problems


def _item_edition(conn: sqlite3.Connection, item_id: str) -> str:
    row = conn.execute("SELECT edition_id FROM newsletter_item WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise EditionNotFoundError(item_id)
    return str(row[0])


def update_item(db: Target, item_id: str, *, title: str, body: str | None) -> list[Problem]:
    """The title and text of an item as the edition prints them."""
    with write_transaction(db) as conn:
        number, sent = _edition(conn, _item_edition(conn, item_id))
        problems = check_edition_editable(sent, number) + check_notice(title=title, body=body)
        if errors(problems):
            return problems
        conn.execute(
            "UPDATE newsletter_item SET title = ?, body = ?, updated_at = ? WHERE id = ?",
            (title.strip(), clean(body), timestamp(), item_id),
        )
        return problems


def remove_item(db: Target, item_id: str) -> list[Problem]:
    with write_transaction(db) as conn:
        number, sent = _edition(conn, _item_edition(conn, item_id))
        problems = check_edition_editable(sent, number)
        if not errors(problems):
            conn.execute("DELETE FROM newsletter_item WHERE id = ?", (item_id,))
        return problems


def reorder_items(db: Target, edition_id: str, ordered_ids: Sequence[str]) -> list[Problem]:
    """The items in this order (those not named after, in their order); only the moved ones
    are written."""
    with write_transaction(db) as conn:
        number, sent = _edition(conn, edition_id)
        problems = check_edition_editable(sent, number)
        if errors(problems):
            return problems
        rows = conn.execute(
            "SELECT id, position FROM newsletter_item WHERE edition_id = ? ORDER BY position, id",
            (edition_id,),
        ).fetchall()
        current = {str(r[0]): int(r[1]) for r in rows}
        named = [i for i in dict.fromkeys(ordered_ids) if i in current]
        order = named + [str(r[0]) for r in rows if str(r[0]) not in named]
        now = timestamp()
        for position, item_id in enumerate(order):
            if current[item_id] != position:
                conn.execute(
                    "UPDATE newsletter_item SET position = ?, updated_at = ? WHERE id = ?",
                    (position, now, item_id),
                )
        return problems


def send_edition(
    db: Target, edition_id: str, *, user_id: str | None, at: dt.datetime | None = None
) -> list[Problem]:
    """Mark the edition sent: it is frozen from now on. Refused without items."""
    with write_transaction(db) as conn:
        number, sent = _edition(conn, edition_id)
        items = conn.execute(
            "SELECT count(*) FROM newsletter_item WHERE edition_id = ?", (edition_id,)
        ).fetchone()[0]
        problems = check_edition_send(sent, number, int(items))
        if errors(problems):
            return problems
        by = user_id if exists(conn, "staff_user", "id", user_id) else None
        now = timestamp(at)
        conn.execute(
            "UPDATE newsletter_edition SET status = ?, sent_at = ?, sent_by_id = ?, "
            "updated_at = ? WHERE id = ?",
            (NewsletterStatus.PUBLISHED.value, now, by, now, edition_id),
        )
        return problems


def delete_edition(db: Target, edition_id: str) -> list[Problem]:
    """Delete a draft edition with its items (a sent one stays on record)."""
    with write_transaction(db) as conn:
        number, sent = _edition(conn, edition_id)
        problems = check_edition_editable(sent, number)
        if errors(problems):
            return problems
        conn.execute("DELETE FROM newsletter_item WHERE edition_id = ?", (edition_id,))
        conn.execute("DELETE FROM newsletter_edition WHERE id = ?", (edition_id,))
        return problems


# -- reads --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EditionLine:
    id: str
    number: int
    publication_date: dt.date
    title: str
    sent: bool
    sent_at: dt.datetime | None
    items: int


@dataclass(frozen=True)
class ItemLine:
    id: str
    position: int
    kind: EditionItemKind
    title: str
    body: str | None
    article_id: str | None
    question_id: str | None


@dataclass(frozen=True)
class EditionDetail:
    line: EditionLine
    intro: str | None
    items: tuple[ItemLine, ...]


def _line(row: Sequence[Any]) -> EditionLine:
    return EditionLine(
        id=str(row[0]),
        number=int(row[1]),
        publication_date=as_date(row[2]) or dt.date.min,
        title=str(row[3]),
        sent=row[4] == NewsletterStatus.PUBLISHED.value or row[5] is not None,
        sent_at=as_datetime(row[5]),
        items=int(row[6]),
    )


_EDITION_SQL = (
    "SELECT e.id, e.number, e.publication_date, e.title, e.status, e.sent_at, "
    "(SELECT count(*) FROM newsletter_item AS i WHERE i.edition_id = e.id) "
    "FROM newsletter_edition AS e "
)


def editions(conn: Connection, search: str = "", *, limit: int = 500) -> list[EditionLine]:
    """The history of editions, newest first; ``search`` finds the words (any order, accents
    and case ignored) in an edition's title, intro or any of its items, or its number."""
    raw = dbapi(conn)
    rows = raw.execute(_EDITION_SQL + "ORDER BY e.number DESC, e.created_at DESC").fetchall()
    words = fold(search).split()
    if not words:
        return [_line(r) for r in rows[:limit]]
    texts: dict[str, list[str]] = {}
    for eid, title, intro in raw.execute("SELECT id, title, intro FROM newsletter_edition"):
        texts.setdefault(str(eid), []).extend([str(title), str(intro or "")])
    for eid, title, body in raw.execute("SELECT edition_id, title, body FROM newsletter_item"):
        texts.setdefault(str(eid), []).extend([str(title), str(body or "")])
    found = []
    for row in rows:
        text = fold(" ".join(texts.get(str(row[0]), []))) + f" {row[1]}"
        if all(word in text for word in words):
            found.append(_line(row))
            if len(found) == limit:
                break
    return found


def edition_detail(conn: Connection, key: str | int) -> EditionDetail:
    """One edition (by id or number) with its items in order."""
    raw = dbapi(conn)
    edition_id = find_edition(raw, key)
    row = raw.execute(_EDITION_SQL + "WHERE e.id = ?", (edition_id,)).fetchone()
    intro = raw.execute(
        "SELECT intro FROM newsletter_edition WHERE id = ?", (edition_id,)
    ).fetchone()[0]
    items = tuple(
        ItemLine(
            id=str(i),
            position=int(p),
            kind=EditionItemKind(k)
            if k
            else (EditionItemKind.ARTICLE if (a or q) else EditionItemKind.NOTICE),
            title=str(t),
            body=b,
            article_id=a,
            question_id=q,
        )
        for i, p, k, t, b, a, q in raw.execute(
            "SELECT id, position, kind, title, body, article_id, question_id "
            "FROM newsletter_item WHERE edition_id = ? ORDER BY position, id",
            (edition_id,),
        )
    )
    return EditionDetail(_line(row), intro, items)


def duplicate_numbers(conn: Connection) -> list[int]:
    """Numbers two editions share (two laptops started an edition before they synced)."""
    return [
        int(r[0])
        for r in dbapi(conn).execute(
            "SELECT number FROM newsletter_edition GROUP BY number HAVING count(*) > 1 "
            "ORDER BY number"
        )
    ]
