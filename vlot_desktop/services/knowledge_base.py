"""The knowledge base (Kennisbank): publishing a question's answer as an article, good
practices and frameworks (kader, with a document), versions, and the reads of the Kennisbank
screen (docs/helpdesk.md).

What becomes public is exactly a :class:`PublicArticle`: kind, title, the general question,
the answer, the policy domain and theme, the municipality of a good practice, the validity
and the attached documents' names. Never the asker, their contact details, the question's
own text, its municipality or its reference: :func:`publication_draft` proposes the text
from the question's subject and VLOT's answer, and every text is checked for personal data
first (``question_rules.check_publication``: the asker's names, household members' names
found in the text, phone numbers, e-mail addresses, national register and account numbers,
Cyrillic words). Those findings are warnings: nothing is published until the user took them
out or confirmed them (``confirm_personal_data``).

A new version (:func:`new_version`) is a new row; the old one gets ``valid_until`` (the day
before the new one starts) and ``replaced_by_id``, and stays readable as "vervangen door".
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from vlot_desktop.db import attachment_store, helpdesk_search, member_search
from vlot_desktop.domain.ids import uuid7
from vlot_desktop.domain.question_rules import (
    ArticleKind,
    Finding,
    Problem,
    Severity,
    check_article,
    check_new_version,
    check_publication,
    find_personal_data,
    match_all_words,
    question_reference,
)
from vlot_desktop.domain.text import fold, like_pattern
from vlot_desktop.services.places import Db, dbapi_connection, timestamp
from vlot_desktop.services.questions import QuestionNotFoundError, Target, write_transaction
from vlot_desktop.services.store import FirstPage

PAGE_SIZE = 200
PUBLIC_FIELDS = ("title", "general_question", "answer")
"""The free texts of an article: what the publication check reads."""


class ArticleNotFoundError(LookupError):
    """The article is gone (deleted on another laptop)."""


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class ArticleValues:
    """An article as the publish dialog or the article form holds it."""

    kind: str
    title: str
    general_question: str | None
    answer: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None = None
    domain_code: str | None = None
    theme_code: str | None = None
    municipality_nis: str | None = None  # the municipality of a good practice

    def texts(self) -> dict[str, str | None]:
        return {
            "title": self.title,
            "general_question": self.general_question,
            "answer": self.answer,
        }


@dataclass(frozen=True)
class PublicArticle:
    """Exactly what a published article shows to every team and municipality."""

    kind: str
    kind_label: str
    title: str
    general_question: str | None
    answer: str | None
    domain_name: str | None
    theme_name: str | None
    municipality_name: str | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    version: int
    documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublicationDraft:
    """What the publish dialog starts from: the proposed article, exactly what of it will be
    public, what stays private, and the personal data found in the proposal."""

    question_id: str
    reference: str
    proposed: ArticleValues
    public: PublicArticle
    kept_private: tuple[str, ...]  # Dutch names of what is not published
    findings: tuple[Finding, ...]
    problems: tuple[Problem, ...]
    already_published: tuple[str, ...]  # ids of articles made from this question before


@dataclass(frozen=True)
class PublishResult:
    article_id: str | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        return self.article_id is not None

    @property
    def needs_confirmation(self) -> bool:
        """Not saved only because personal data was found (warnings to confirm)."""
        return (
            self.article_id is None
            and bool(self.problems)
            and not any(p.is_error for p in self.problems)
        )


def _kind_label(kind: str) -> str:
    try:
        return ArticleKind(kind).label_nl
    except ValueError:
        return kind


# -- personal data ------------------------------------------------------------------------------

_CAPITALISED = re.compile(r"\b[A-ZА-ЯІЇЄҐ][\w'’-]{2,}", re.UNICODE)
MAX_NAME_LOOKUPS = 200


def _asker_names(conn: sqlite3.Connection, question_id: str) -> list[str]:
    row = conn.execute(
        "SELECT q.asker_name, c.first_name, c.last_name FROM question AS q "
        "LEFT JOIN contact_person AS c ON c.id = q.asker_contact_id WHERE q.id = ?",
        (question_id,),
    ).fetchone()
    if row is None:
        return []
    names = [row[0] or ""]
    if row[1] or row[2]:
        names += [f"{row[1] or ''} {row[2] or ''}".strip(), row[1] or "", row[2] or ""]
    if row[0]:
        names += str(row[0]).split()
    return [n for n in names if n]


def household_names_in(conn: sqlite3.Connection, texts: Sequence[str | None]) -> list[str]:
    """The capitalised words of ``texts`` that are a household member's name somewhere in
    the database (whole names, accent-insensitive): "Olena" in "het gezin van Olena" when a
    member is called so. Looked up in the name index (``db.member_search``)."""
    words: dict[str, str] = {}
    for text in texts:
        for word in _CAPITALISED.findall(text or ""):
            words.setdefault(fold(word), word)
            if len(words) >= MAX_NAME_LOOKUPS:
                break
    found = []
    indexed = member_search.is_installed(conn)
    for folded, word in words.items():
        if not folded.isalpha():
            continue
        if indexed:
            hit = conn.execute(
                f"SELECT 1 FROM {member_search.FTS_TABLE} WHERE {member_search.FTS_TABLE} "
                "MATCH ? LIMIT 1",
                (f'search_names : "{folded}"',),
            ).fetchone()
        else:
            hit = conn.execute(
                "SELECT 1 FROM household_member WHERE ' ' || search_names || ' ' LIKE ? LIMIT 1",
                (f"% {folded} %",),
            ).fetchone()
        if hit is not None:
            found.append(word)
    return found


def personal_data_in(
    db: Db, values: ArticleValues, question_id: str | None = None
) -> tuple[list[Finding], list[Problem]]:
    """The personal data in an article's texts (see the module's docstring) and the warnings
    about it. ``question_id``: the question it is published from (its asker's names)."""
    conn = dbapi_connection(db)
    texts = values.texts()
    names = _asker_names(conn, question_id) if question_id else []
    names += household_names_in(conn, list(texts.values()))
    return find_personal_data(texts, names), check_publication(texts, names)


def check_article_values(
    db: Db, values: ArticleValues, *, question_id: str | None = None, has_attachment: bool = False
) -> list[Problem]:
    """The problems of an article as typed: the rules' errors, then the personal data
    warnings (for the dialog, while it is filled in)."""
    problems = check_article(
        kind=values.kind,
        title=values.title,
        general_question=values.general_question,
        answer=values.answer,
        valid_from=values.valid_from,
        valid_until=values.valid_until,
        has_attachment=has_attachment,
    )
    problems += _unknown_codes(dbapi_connection(db), values)
    return problems + personal_data_in(db, values, question_id)[1]


def _unknown_codes(conn: sqlite3.Connection, values: ArticleValues) -> list[Problem]:
    problems = []
    for column, table, key, value in (
        ("domain_code", "policy_domain", "code", values.domain_code),
        ("theme_code", "theme", "code", values.theme_code),
        ("municipality_nis", "municipality", "nis_code", values.municipality_nis),
    ):
        if (
            value
            and conn.execute(f"SELECT 1 FROM {table} WHERE {key} = ?", (value,)).fetchone() is None
        ):
            problems.append(_error(column, f"Onbekende code: {value}.", f"Unknown code: {value}."))
    return problems


# -- public view ------------------------------------------------------------------------------


def _names(conn: sqlite3.Connection, values: ArticleValues) -> tuple[str | None, ...]:
    def one(sql: str, key: str | None) -> str | None:
        if not key:
            return None
        row = conn.execute(sql, (key,)).fetchone()
        return str(row[0]) if row else None

    return (
        one("SELECT name_nl FROM policy_domain WHERE code = ?", values.domain_code),
        one("SELECT name_nl FROM theme WHERE code = ?", values.theme_code),
        one("SELECT name_nl FROM municipality WHERE nis_code = ?", values.municipality_nis),
    )


def _public(
    conn: sqlite3.Connection, values: ArticleValues, version: int, documents: Sequence[str] = ()
) -> PublicArticle:
    domain, theme, municipality = _names(conn, values)
    return PublicArticle(
        kind=values.kind,
        kind_label=_kind_label(values.kind),
        title=values.title.strip(),
        general_question=(values.general_question or "").strip() or None,
        answer=(values.answer or "").strip() or None,
        domain_name=domain,
        theme_name=theme,
        municipality_name=municipality if values.kind == ArticleKind.GOOD_PRACTICE.value else None,
        valid_from=values.valid_from,
        valid_until=values.valid_until,
        version=version,
        documents=tuple(documents),
    )


def public_article(db: Db, article_id: str) -> PublicArticle:
    """Exactly what an article shows to every team and municipality."""
    conn = dbapi_connection(db)
    values, version, _, _ = _stored(conn, article_id)
    documents = [
        str(r[0])
        for r in conn.execute(
            "SELECT file_name FROM attachment WHERE owner_table = 'kb_article' AND owner_id = ? "
            "ORDER BY position, file_name",
            (article_id,),
        )
    ]
    return _public(conn, values, version, documents)


def _stored(
    conn: sqlite3.Connection, article_id: str
) -> tuple[ArticleValues, int, str | None, str | None]:
    """(values, version, replaced_by_id, source_question_id) of a stored article."""
    row = conn.execute(
        "SELECT kind, title, general_question, answer, valid_from, valid_until, domain_code, "
        "theme_code, municipality_nis, version, replaced_by_id, source_question_id "
        "FROM kb_article WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise ArticleNotFoundError(article_id)
    values = ArticleValues(
        kind=str(row[0]),
        title=str(row[1]),
        general_question=row[2],
        answer=row[3],
        valid_from=_date(row[4]),
        valid_until=_date(row[5]),
        domain_code=row[6],
        theme_code=row[7],
        municipality_nis=row[8],
    )
    return values, int(row[9]), row[10], row[11]


# -- publishing ---------------------------------------------------------------------------------

KEPT_PRIVATE = (
    "de vraagsteller (naam, e-mailadres, telefoon, contactpersoon)",
    "de oorspronkelijke vraagtekst",
    "de gemeente van de vraag",
    "de referentie en de doorverwijzingen",
)


def publication_draft(db: Db, question_id: str, today: dt.date) -> PublicationDraft:
    """The article the publish dialog proposes for a question: its subject as title and
    general question, VLOT's answer (else the domains' answers) as the answer, its theme
    and that theme's domain, valid from today; with exactly what will be public and the
    personal data found in it."""
    conn = dbapi_connection(db)
    row = conn.execute(
        "SELECT q.subject, q.answer_text, q.theme_code, t.domain_code, q.published_title, "
        "q.received_on FROM question AS q LEFT JOIN theme AS t ON t.code = q.theme_code "
        "WHERE q.id = ?",
        (question_id,),
    ).fetchone()
    if row is None:
        raise QuestionNotFoundError(question_id)
    answer = row[1]
    if not answer:
        answers = [
            str(r[0])
            for r in conn.execute(
                "SELECT answer_text FROM question_dispatch WHERE question_id = ? "
                "AND answer_text IS NOT NULL ORDER BY answered_on, id",
                (question_id,),
            )
        ]
        answer = "\n\n".join(answers) or None
    proposed = ArticleValues(
        kind=ArticleKind.QA.value,
        title=str(row[4] or row[0]),
        general_question=str(row[0]),
        answer=answer,
        valid_from=today,
        domain_code=row[3],
        theme_code=row[2],
    )
    findings, problems = personal_data_in(conn, proposed, question_id)
    problems = (
        check_article(
            kind=proposed.kind,
            title=proposed.title,
            general_question=proposed.general_question,
            answer=proposed.answer,
            valid_from=proposed.valid_from,
            valid_until=None,
        )
        + problems
    )
    received = _date(row[5]) or today
    earlier = tuple(
        str(r[0])
        for r in conn.execute(
            "SELECT id FROM kb_article WHERE source_question_id = ? ORDER BY valid_from, version",
            (question_id,),
        )
    )
    return PublicationDraft(
        question_id=question_id,
        reference=question_reference(question_id, received),
        proposed=proposed,
        public=_public(conn, proposed, 1),
        kept_private=KEPT_PRIVATE,
        findings=tuple(findings),
        problems=tuple(problems),
        already_published=earlier,
    )


def _write_checks(
    conn: sqlite3.Connection,
    values: ArticleValues,
    question_id: str | None,
    has_attachment: bool = False,
) -> list[Problem]:
    return check_article_values(
        conn, values, question_id=question_id, has_attachment=has_attachment
    )


def _blocked(problems: Sequence[Problem], confirm_personal_data: bool) -> bool:
    if any(p.is_error for p in problems):
        return True
    return bool(problems) and not confirm_personal_data


def _insert(
    conn: sqlite3.Connection,
    values: ArticleValues,
    *,
    version: int,
    source_question_id: str | None,
    author_id: str | None,
    now: str,
    article_id: str,
) -> None:
    author = None
    if author_id and conn.execute("SELECT 1 FROM staff_user WHERE id = ?", (author_id,)).fetchone():
        author = author_id
    assert values.valid_from is not None
    conn.execute(
        "INSERT INTO kb_article (id, created_at, updated_at, kind, title, general_question, "
        "answer, domain_code, theme_code, municipality_nis, valid_from, valid_until, version, "
        "replaced_by_id, source_question_id, author_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
        (
            article_id,
            now,
            now,
            values.kind,
            values.title.strip(),
            (values.general_question or "").strip() or None,
            (values.answer or "").strip() or None,
            values.domain_code or None,
            values.theme_code or None,
            values.municipality_nis or None,
            values.valid_from.isoformat(),
            values.valid_until.isoformat() if values.valid_until else None,
            version,
            source_question_id,
            author,
        ),
    )


def publish_question(
    db: Target,
    question_id: str,
    values: ArticleValues,
    *,
    author_id: str | None,
    confirm_personal_data: bool = False,
    at: dt.datetime | None = None,
    new_id: Any = None,
) -> PublishResult:
    """Publish a question's answer as a knowledge-base article ("vraag en antwoord").

    Refused (nothing saved) with an error of the rules; held back, with the warnings, while
    personal data is found in the texts and not confirmed. The question is marked published
    (``published``, ``published_title``) and the article points back at it (internal; not
    part of what is public)."""
    with write_transaction(db) as conn:
        if conn.execute("SELECT 1 FROM question WHERE id = ?", (question_id,)).fetchone() is None:
            raise QuestionNotFoundError(question_id)
        problems = _write_checks(conn, values, question_id)
        if _blocked(problems, confirm_personal_data):
            return PublishResult(None, problems)
        article_id = new_id() if new_id is not None else uuid7()
        now = timestamp(at)
        _insert(
            conn,
            values,
            version=1,
            source_question_id=question_id,
            author_id=author_id,
            now=now,
            article_id=article_id,
        )
        conn.execute(
            "UPDATE question SET published = 1, published_title = ?, updated_at = ? "
            "WHERE id = ? AND (published IS NOT 1 OR published_title IS NOT ?)",
            (values.title.strip(), now, question_id, values.title.strip()),
        )
        return PublishResult(article_id, problems)


def create_article(
    db: Target,
    values: ArticleValues,
    *,
    author_id: str | None,
    confirm_personal_data: bool = False,
    at: dt.datetime | None = None,
    new_id: Any = None,
) -> PublishResult:
    """A good practice, a framework or a question and answer written directly in the
    knowledge base (not from a question). A framework's document is added afterwards with
    :func:`attach_document` (save it with its text, or with ``valid_from`` and a title and the
    document only: the rule then asks for the document, see ``check_article``)."""
    with write_transaction(db) as conn:
        problems = _write_checks(
            conn,
            values,
            None,
            has_attachment=values.kind == ArticleKind.FRAMEWORK.value,
        )
        if _blocked(problems, confirm_personal_data):
            return PublishResult(None, problems)
        article_id = new_id() if new_id is not None else uuid7()
        _insert(
            conn,
            values,
            version=1,
            source_question_id=None,
            author_id=author_id,
            now=timestamp(at),
            article_id=article_id,
        )
        return PublishResult(article_id, problems)


def new_version(
    db: Target,
    article_id: str,
    values: ArticleValues,
    *,
    author_id: str | None,
    confirm_personal_data: bool = False,
    at: dt.datetime | None = None,
    new_id: Any = None,
) -> PublishResult:
    """A rule changed: a new version of ``article_id`` from ``values.valid_from``. The old
    version gets ``valid_until`` = the day before (unless it ended earlier) and
    ``replaced_by_id``; the new one keeps the source question and counts one more. Only the
    newest version gets a successor; the new version starts after the old one."""
    with write_transaction(db) as conn:
        old, old_version, replaced_by, source = _stored(conn, article_id)
        assert old.valid_from is not None
        problems = check_new_version(
            old_valid_from=old.valid_from,
            old_replaced=replaced_by is not None,
            new_valid_from=values.valid_from,
        )
        documents = conn.execute(
            "SELECT count(*) FROM attachment WHERE owner_table = 'kb_article' AND owner_id = ?",
            (article_id,),
        ).fetchone()[0]
        problems += _write_checks(conn, values, source, has_attachment=bool(documents))
        if _blocked(problems, confirm_personal_data) or values.valid_from is None:
            return PublishResult(None, problems)
        new = new_id() if new_id is not None else uuid7()
        now = timestamp(at)
        _insert(
            conn,
            values,
            version=old_version + 1,
            source_question_id=source,
            author_id=author_id,
            now=now,
            article_id=new,
        )
        until = values.valid_from - dt.timedelta(days=1)
        if old.valid_until is not None and old.valid_until < until:
            until = old.valid_until
        conn.execute(
            "UPDATE kb_article SET valid_until = ?, replaced_by_id = ?, updated_at = ? "
            "WHERE id = ?",
            (until.isoformat(), new, now, article_id),
        )
        return PublishResult(new, problems)


def update_article(
    db: Target,
    article_id: str,
    values: ArticleValues,
    *,
    confirm_personal_data: bool = False,
    at: dt.datetime | None = None,
) -> list[Problem]:
    """Correct an article in place (a typo; the same version). A changed rule is a
    :func:`new_version`. Only the fields that differ are written."""
    with write_transaction(db) as conn:
        old, _, _, source = _stored(conn, article_id)
        documents = conn.execute(
            "SELECT count(*) FROM attachment WHERE owner_table = 'kb_article' AND owner_id = ?",
            (article_id,),
        ).fetchone()[0]
        problems = _write_checks(conn, values, source, has_attachment=bool(documents))
        if _blocked(problems, confirm_personal_data):
            return problems
        wanted = {
            "kind": values.kind,
            "title": values.title.strip(),
            "general_question": (values.general_question or "").strip() or None,
            "answer": (values.answer or "").strip() or None,
            "valid_from": values.valid_from.isoformat() if values.valid_from else None,
            "valid_until": values.valid_until.isoformat() if values.valid_until else None,
            "domain_code": values.domain_code or None,
            "theme_code": values.theme_code or None,
            "municipality_nis": values.municipality_nis or None,
        }
        stored = {
            "kind": old.kind,
            "title": old.title,
            "general_question": old.general_question,
            "answer": old.answer,
            "valid_from": old.valid_from.isoformat() if old.valid_from else None,
            "valid_until": old.valid_until.isoformat() if old.valid_until else None,
            "domain_code": old.domain_code,
            "theme_code": old.theme_code,
            "municipality_nis": old.municipality_nis,
        }
        changed = {k: v for k, v in wanted.items() if stored[k] != v}
        if changed:
            sets = ", ".join(f"{k} = ?" for k in changed)
            conn.execute(
                f"UPDATE kb_article SET {sets}, updated_at = ? WHERE id = ?",
                (*changed.values(), timestamp(at), article_id),
            )
        return problems


def withdraw_article(
    db: Target, article_id: str, *, last_day: dt.date, at: dt.datetime | None = None
) -> list[Problem]:
    """The article no longer applies after ``last_day`` (without a successor)."""
    with write_transaction(db) as conn:
        old, _, _, _ = _stored(conn, article_id)
        assert old.valid_from is not None
        if last_day < old.valid_from:
            return [
                _error(
                    "valid_until",
                    "De einddatum ligt vóór de begindatum.",
                    "The end date is before the start date.",
                )
            ]
        conn.execute(
            "UPDATE kb_article SET valid_until = ?, updated_at = ? WHERE id = ?",
            (last_day.isoformat(), timestamp(at), article_id),
        )
        return []


@dataclass(frozen=True)
class AttachedDocument:
    attachment_id: str
    file_name: str
    sha256: str
    size_bytes: int


def attach_document(
    engine: Engine, data_dir: Path, article_id: str, file: Path
) -> AttachedDocument:
    """Attach a document (a framework's text, a model agreement) to an article: the bytes go
    to the attachment store and travel to the other laptops as a blob, like photos.
    ``attachment_store.AttachmentStoreError`` when the file cannot be read or stored (nothing
    is recorded then); ``ArticleNotFoundError`` for an unknown article."""
    with write_transaction(engine) as conn:
        _stored(conn, article_id)
    stored = attachment_store.store_file(data_dir, file)
    media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    with write_transaction(engine) as conn:
        existing = conn.execute(
            "SELECT id FROM attachment WHERE owner_table = 'kb_article' AND owner_id = ? "
            "AND sha256 = ?",
            (article_id, stored.sha256),
        ).fetchone()
        if existing is not None:
            return AttachedDocument(str(existing[0]), file.name, stored.sha256, stored.size_bytes)
        position = conn.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM attachment "
            "WHERE owner_table = 'kb_article' AND owner_id = ?",
            (article_id,),
        ).fetchone()[0]
        attachment_id = uuid7()
        now = timestamp(None)
        conn.execute(
            "INSERT INTO attachment (id, created_at, updated_at, sha256, file_name, media_type, "
            "size_bytes, width, height, owner_table, owner_id, checklist_item_key, caption, "
            "taken_at, position) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, 'kb_article', ?, NULL, "
            "NULL, NULL, ?)",
            (
                attachment_id,
                now,
                now,
                stored.sha256,
                file.name[:255],
                media_type,
                stored.size_bytes,
                article_id,
                position,
            ),
        )
        return AttachedDocument(attachment_id, file.name, stored.sha256, stored.size_bytes)


# -- reads of the Kennisbank screen -----------------------------------------------------------


@dataclass(frozen=True)
class ArticleFilter:
    """Browse by kind, policy domain and theme, search in the texts; by default only the
    versions valid on ``today`` (by their dates; ``include_old``: also replaced, ended and
    future ones)."""

    search: str = ""
    kind: str | None = None
    domain_code: str | None = None
    theme_code: str | None = None
    include_old: bool = False
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class ArticleRow:
    id: str
    kind: str
    title: str
    domain_code: str | None
    domain_name: str | None
    theme_code: str | None
    theme_name: str | None
    valid_from: dt.date
    valid_until: dt.date | None
    version: int
    replaced_by_id: str | None
    current: bool
    used_by: int  # questions whose answer used it
    documents: int


def _article_conditions(conn: Connection, f: ArticleFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.kind:
        where.append("a.kind = ?")
        params.append(f.kind)
    if f.domain_code:
        where.append("a.domain_code = ?")
        params.append(f.domain_code)
    if f.theme_code:
        where.append("a.theme_code = ?")
        params.append(f.theme_code)
    if not f.include_old:
        # By dates only: a version replaced from a later day is still valid until then.
        where.append("a.valid_from <= ? AND (a.valid_until IS NULL OR a.valid_until >= ?)")
        params += [f.today.isoformat(), f.today.isoformat()]
    text = f.search.strip()
    if text:
        query = match_all_words(text) if helpdesk_search.ensure_current(conn) else None
        if query is not None:
            index = helpdesk_search.ARTICLES
            where.append(
                f"a.id IN (SELECT k.article_id FROM {index.fts} JOIN {index.key} AS k "
                f"ON k.k = {index.fts}.rowid WHERE {index.fts} MATCH ?)"
            )
            params.append(query)
        else:
            where.append(
                "(lower(a.title) LIKE ? ESCAPE '\\' OR lower(a.answer) LIKE ? ESCAPE '\\')"
            )
            params += [like_pattern(text)] * 2
    return where, params


def list_articles(
    conn: Connection, article_filter: ArticleFilter, *, offset: int = 0, limit: int = PAGE_SIZE
) -> FirstPage[ArticleRow]:
    """A page of the knowledge base (by domain, theme, title) and how many match."""
    where, params = _article_conditions(conn, article_filter)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    total = conn.exec_driver_sql(
        f"SELECT count(*) FROM kb_article AS a {clause}", tuple(params)
    ).scalar()
    rows = conn.exec_driver_sql(
        "SELECT a.id, a.kind, a.title, a.domain_code, p.name_nl, a.theme_code, t.name_nl, "
        "a.valid_from, a.valid_until, a.version, a.replaced_by_id, "
        "(SELECT count(*) FROM question_article AS u WHERE u.article_id = a.id), "
        "(SELECT count(*) FROM attachment AS d WHERE d.owner_table = 'kb_article' "
        "AND d.owner_id = a.id) "
        "FROM kb_article AS a LEFT JOIN policy_domain AS p ON p.code = a.domain_code "
        f"LEFT JOIN theme AS t ON t.code = a.theme_code {clause} "
        "ORDER BY p.sort_order, t.sort_order, lower(a.title), a.version DESC, a.id "
        "LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    today = article_filter.today
    result = []
    for r in rows:
        valid_from = _date(r[7]) or dt.date.min
        valid_until = _date(r[8])
        result.append(
            ArticleRow(
                id=str(r[0]),
                kind=str(r[1]),
                title=str(r[2]),
                domain_code=r[3],
                domain_name=r[4],
                theme_code=r[5],
                theme_name=r[6],
                valid_from=valid_from,
                valid_until=valid_until,
                version=int(r[9]),
                replaced_by_id=r[10],
                current=valid_from <= today and (valid_until is None or valid_until >= today),
                used_by=int(r[11]),
                documents=int(r[12]),
            )
        )
    return FirstPage(result, int(total or 0))


@dataclass(frozen=True)
class VersionLine:
    id: str
    version: int
    title: str
    valid_from: dt.date
    valid_until: dt.date | None
    replaced_by_id: str | None


@dataclass(frozen=True)
class UsedByLine:
    question_id: str
    reference: str
    subject: str
    used_on: dt.date


@dataclass(frozen=True)
class DocumentLine:
    attachment_id: str
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str


@dataclass(frozen=True)
class ArticleDetail:
    id: str
    values: ArticleValues
    public: PublicArticle
    version: int
    current: bool
    replaced_by_id: str | None
    replaced_by_title: str | None  # "vervangen door ..."
    source_question_id: str | None
    source_reference: str | None
    author_name: str | None
    versions: tuple[VersionLine, ...]  # the whole chain, oldest first
    used_by: tuple[UsedByLine, ...]
    documents: tuple[DocumentLine, ...]


def versions_of(db: Db, article_id: str) -> list[VersionLine]:
    """Every version of the article's chain (through ``replaced_by_id``), oldest first."""
    conn = dbapi_connection(db)
    rows = conn.execute(
        "WITH RECURSIVE back(id) AS (SELECT ? UNION "
        "SELECT a.id FROM kb_article AS a JOIN back ON a.replaced_by_id = back.id), "
        "fwd(id) AS (SELECT ? UNION SELECT a.replaced_by_id FROM kb_article AS a "
        "JOIN fwd ON a.id = fwd.id WHERE a.replaced_by_id IS NOT NULL) "
        "SELECT id, version, title, valid_from, valid_until, replaced_by_id FROM kb_article "
        "WHERE id IN (SELECT id FROM back UNION SELECT id FROM fwd) "
        "ORDER BY version, valid_from, id",
        (article_id, article_id),
    ).fetchall()
    return [
        VersionLine(str(r[0]), int(r[1]), str(r[2]), _date(r[3]) or dt.date.min, _date(r[4]), r[5])
        for r in rows
    ]


def article_detail(conn: Connection, article_id: str, today: dt.date) -> ArticleDetail:
    """One article as the Kennisbank shows it: its values, exactly what is public, whether it
    applies today or was replaced (and by what), all its versions, the questions that used
    it and its documents."""
    raw = dbapi_connection(conn)
    values, version, replaced_by, source = _stored(raw, article_id)
    replaced_title = None
    if replaced_by:
        row = raw.execute("SELECT title FROM kb_article WHERE id = ?", (replaced_by,)).fetchone()
        replaced_title = str(row[0]) if row else None
    source_reference = None
    if source:
        row = raw.execute(
            "SELECT reference, received_on FROM question WHERE id = ?", (source,)
        ).fetchone()
        if row is not None:
            received = _date(row[1])
            source_reference = row[0] or (
                question_reference(source, received) if received else None
            )
    author = raw.execute(
        "SELECT s.name FROM kb_article AS a JOIN staff_user AS s ON s.id = a.author_id "
        "WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    used_by = tuple(
        UsedByLine(
            str(r[0]),
            r[1] or question_reference(str(r[0]), _date(r[4]) or today),
            str(r[2]),
            _date(r[3]) or today,
        )
        for r in raw.execute(
            "SELECT q.id, q.reference, q.subject, u.used_on, q.received_on "
            "FROM question_article AS u JOIN question AS q ON q.id = u.question_id "
            "WHERE u.article_id = ? ORDER BY u.used_on DESC, q.id",
            (article_id,),
        )
    )
    documents = tuple(
        DocumentLine(str(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4]))
        for r in raw.execute(
            "SELECT id, file_name, media_type, size_bytes, sha256 FROM attachment "
            "WHERE owner_table = 'kb_article' AND owner_id = ? ORDER BY position, file_name",
            (article_id,),
        )
    )
    valid_from = values.valid_from or dt.date.min
    return ArticleDetail(
        id=article_id,
        values=values,
        public=_public(raw, values, version, [d.file_name for d in documents]),
        version=version,
        current=valid_from <= today and (values.valid_until is None or values.valid_until >= today),
        replaced_by_id=replaced_by,
        replaced_by_title=replaced_title,
        source_question_id=source,
        source_reference=source_reference,
        author_name=str(author[0]) if author else None,
        versions=tuple(versions_of(raw, article_id)),
        used_by=used_by,
        documents=documents,
    )


def insertable_text(db: Db, article_id: str) -> str:
    """The answer of an article as text to insert while answering a question ("??" in
    Zammad): the article's answer (or its text)."""
    values, _, _, _ = _stored(dbapi_connection(db), article_id)
    return (values.answer or values.general_question or "").strip()
