"""While a question is typed at intake: the most similar earlier questions and knowledge-base
articles, and a suggested theme (docs/helpdesk.md). One read per pause in typing, in a worker
(``store.read(question_search.suggestions, text, today=...)``), ≤ 50 ms on 40,000 questions
(``tests/benchmarks/helpdesk_bench.py``).

Similar = sharing words, ranked by BM25 over the word indexes of ``db.helpdesk_search``: the
text's words (folded: no case, no accents), stop words left out, each as the start of a word
(``question_rules.similarity_terms``), any of them; a subject word counts three times a word
of the question's text. Word order does not matter, nor accents ("oekraiens" finds
"Oekraïens"). Without FTS5 in this SQLite there are no suggestions (the intake still works).

The theme: the themes of the twenty most similar questions vote (the most similar weigh
most), and a theme whose name's words are in the text gets a vote of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from vlot_desktop.db import helpdesk_search
from vlot_desktop.domain.question_rules import (
    ArticleKind,
    match_any_term,
    question_reference,
    similarity_terms,
)
from vlot_desktop.domain.text import fold

SIMILAR_SHOWN = 3
THEME_VOTERS = 20
SUBJECT_WEIGHT = 3.0
ARTICLE_WEIGHTS = (3.0, 2.0, 1.0)  # title, general question, answer
EXCERPT = 160


@dataclass(frozen=True)
class SimilarQuestion:
    id: str
    reference: str
    subject: str
    status: str
    received_on: dt.date
    theme_code: str | None
    answered: bool
    answer_excerpt: str | None  # the start of VLOT's answer, for "insert from an earlier answer"


@dataclass(frozen=True)
class SimilarArticle:
    id: str
    kind: str
    title: str
    version: int
    valid_from: dt.date
    valid_until: dt.date | None
    current: bool  # valid today (by its dates)
    excerpt: str


@dataclass(frozen=True)
class ThemeSuggestion:
    code: str
    name: str
    domain_code: str
    score: float  # share of the votes, 0..1
    from_text: bool  # the theme's name is in the text (else only similar questions)


@dataclass(frozen=True)
class Suggestions:
    questions: list[SimilarQuestion]
    articles: list[SimilarArticle]
    themes: list[ThemeSuggestion]

    @property
    def theme(self) -> ThemeSuggestion | None:
        """The suggested theme (the user confirms or changes it)."""
        return self.themes[0] if self.themes else None


def _excerpt(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rsplit(" ", 1)[0] + "…"


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _ranked_questions(
    conn: Connection, query: str, limit: int, exclude_id: str | None
) -> list[tuple[str, str | None, float]]:
    """(question id, theme, bm25 score) of the best matches, best first."""
    q = helpdesk_search.QUESTIONS
    rows = conn.exec_driver_sql(
        f"SELECT k.question_id, bm25({q.fts}, ?, 1.0) AS score "
        f"FROM {q.fts} JOIN {q.key} AS k ON k.k = {q.fts}.rowid "
        f"WHERE {q.fts} MATCH ? ORDER BY score LIMIT ?",
        (SUBJECT_WEIGHT, query, limit + 1),
    ).fetchall()
    ranked = [(str(r[0]), float(r[1])) for r in rows if r[0] != exclude_id][:limit]
    if not ranked:
        return []
    themes: dict[str, str | None] = dict(
        conn.exec_driver_sql(
            f"SELECT id, theme_code FROM question WHERE id IN ({','.join('?' * len(ranked))})",
            tuple(i for i, _ in ranked),
        ).fetchall()
    )
    return [(i, themes.get(i), score) for i, score in ranked]


def similar_questions(
    conn: Connection,
    text: str,
    *,
    limit: int = SIMILAR_SHOWN,
    exclude_question_id: str | None = None,
) -> list[SimilarQuestion]:
    """The earlier questions most like ``text``, best first."""
    query = match_any_term(similarity_terms(text))
    if query is None or not helpdesk_search.ensure_current(conn):
        return []
    ranked = _ranked_questions(conn, query, max(THEME_VOTERS, limit), exclude_question_id)
    return _question_lines(conn, [i for i, _, _ in ranked], limit)


def _question_lines(
    conn: Connection, ids: Sequence[str], limit: int | None = None
) -> list[SimilarQuestion]:
    """The questions in ``ids`` (best first), one per subject (the same question asked again
    is shown once), at most ``limit``."""
    if not ids:
        return []
    rows = {
        str(r[0]): r
        for r in conn.exec_driver_sql(
            "SELECT id, reference, subject, status, received_on, theme_code, answer_text "
            f"FROM question WHERE id IN ({','.join('?' * len(ids))})",
            tuple(ids),
        ).fetchall()
    }
    result: list[SimilarQuestion] = []
    subjects: set[str] = set()
    for question_id in ids:
        r = rows.get(question_id)
        if r is None or fold(str(r[2])).strip() in subjects:
            continue
        if limit is not None and len(result) >= limit:
            break
        subjects.add(fold(str(r[2])).strip())
        received = _date(r[4])
        result.append(
            SimilarQuestion(
                id=question_id,
                reference=r[1] or question_reference(question_id, received),
                subject=str(r[2]),
                status=str(r[3]),
                received_on=received,
                theme_code=r[5],
                answered=bool(r[6]),
                answer_excerpt=_excerpt(r[6]) if r[6] else None,
            )
        )
    return result


def similar_articles(
    conn: Connection,
    text: str,
    *,
    today: dt.date,
    limit: int = SIMILAR_SHOWN,
    current_only: bool = True,
) -> list[SimilarArticle]:
    """The knowledge-base articles most like ``text``, best first (by default only the
    versions valid today, by their dates)."""
    query = match_any_term(similarity_terms(text))
    if query is None or not helpdesk_search.ensure_current(conn):
        return []
    return _articles(conn, query, today, limit, current_only)


def _articles(
    conn: Connection, query: str, today: dt.date, limit: int, current_only: bool
) -> list[SimilarArticle]:
    a = helpdesk_search.ARTICLES
    valid = (
        " AND t.valid_from <= ? AND (t.valid_until IS NULL OR t.valid_until >= ?)"
        if current_only
        else ""
    )
    params: tuple[Any, ...] = (*ARTICLE_WEIGHTS, query)
    if current_only:
        params += (today.isoformat(), today.isoformat())
    rows = conn.exec_driver_sql(
        f"SELECT t.id, t.kind, t.title, t.version, t.valid_from, t.valid_until, "
        f"t.replaced_by_id, coalesce(t.answer, t.general_question, ''), "
        f"bm25({a.fts}, ?, ?, ?) AS score "
        f"FROM {a.fts} JOIN {a.key} AS k ON k.k = {a.fts}.rowid "
        f"JOIN kb_article AS t ON t.id = k.article_id "
        f"WHERE {a.fts} MATCH ?{valid} ORDER BY score LIMIT ?",
        (*params, limit),
    ).fetchall()
    result = []
    for r in rows:
        valid_from = _date(r[4])
        valid_until = _date(r[5]) if r[5] is not None else None
        result.append(
            SimilarArticle(
                id=str(r[0]),
                kind=str(r[1]),
                title=str(r[2]),
                version=int(r[3]),
                valid_from=valid_from,
                valid_until=valid_until,
                current=valid_from <= today and (valid_until is None or valid_until >= today),
                excerpt=_excerpt(r[7]),
            )
        )
    return result


def _theme_names(conn: Connection) -> list[tuple[str, str, str]]:
    return [
        (str(c), str(n), str(d))
        for c, n, d in conn.exec_driver_sql(
            "SELECT code, name_nl, domain_code FROM theme ORDER BY sort_order, code"
        ).fetchall()
    ]


def _themes(
    conn: Connection,
    text: str,
    ranked: Sequence[tuple[str, str | None, float]],
    limit: int,
) -> list[ThemeSuggestion]:
    votes: dict[str, float] = {}
    for position, (_, theme, _) in enumerate(ranked):
        if theme:
            votes[theme] = votes.get(theme, 0.0) + 1.0 / (position + 1)
    names = _theme_names(conn)
    words = set(similarity_terms(text, max_terms=100))
    in_text: set[str] = set()
    for code, name, _ in names:
        theme_terms = set(similarity_terms(name))
        if theme_terms and theme_terms <= words:
            in_text.add(code)
            votes[code] = votes.get(code, 0.0) + 1.0
    total = sum(votes.values())
    if not total:
        return []
    known = {code: (name, domain) for code, name, domain in names}
    ordered = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        ThemeSuggestion(
            code, known[code][0], known[code][1], round(score / total, 3), code in in_text
        )
        for code, score in ordered
        if code in known
    ][:limit]


def suggest_themes(conn: Connection, text: str, *, limit: int = 3) -> list[ThemeSuggestion]:
    """The likeliest themes of ``text``, best first."""
    query = match_any_term(similarity_terms(text))
    if query is None:
        return []
    ranked = (
        _ranked_questions(conn, query, THEME_VOTERS, None)
        if helpdesk_search.ensure_current(conn)
        else []
    )
    return _themes(conn, text, ranked, limit)


def suggestions(
    conn: Connection,
    text: str,
    *,
    today: dt.date,
    exclude_question_id: str | None = None,
    limit: int = SIMILAR_SHOWN,
) -> Suggestions:
    """Everything the intake shows beside the text being typed: the ``limit`` most similar
    questions and current articles, and the suggested themes (best first)."""
    terms = similarity_terms(text)
    query = match_any_term(terms)
    if query is None or not fold(text).strip():
        return Suggestions([], [], [])
    if not helpdesk_search.ensure_current(conn):
        return Suggestions([], [], _themes(conn, text, [], 3))
    ranked = _ranked_questions(conn, query, max(THEME_VOTERS, limit), exclude_question_id)
    questions = _question_lines(conn, [i for i, _, _ in ranked], limit)
    articles = _articles(conn, query, today, limit, True)
    return Suggestions(questions, articles, _themes(conn, text, ranked, 3))


def article_kind_label(kind: str) -> str:
    """The Dutch label of an article kind (a kind of a newer version: as stored)."""
    try:
        return ArticleKind(kind).label_nl
    except ValueError:
        return kind
