"""The demo's helpdesk (small set, seed 7): questions over the whole period, received by the
regional and the central teams, dispatched to one or two domains but never to VLOT's own,
reminders and answers, a history row for every status, publications without personal data,
a few versions, and every value as the services write it."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from vlot_desktop import paths
from vlot_desktop.domain.question_rules import OWN_DOMAIN, default_due_date, find_personal_data

TODAY = dt.date(2026, 11, 26)
FIRST_DAY = TODAY - dt.timedelta(days=3 * 365)


@pytest.fixture(scope="module")
def db(_demo_small_master: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{paths.database_path(_demo_small_master)}?mode=ro", uri=True)
    yield conn
    conn.close()


def rows(db: sqlite3.Connection, sql: str, *args: object) -> list[tuple[object, ...]]:
    return db.execute(sql, args).fetchall()


def one(db: sqlite3.Connection, sql: str, *args: object) -> int:
    return int(db.execute(sql, args).fetchone()[0] or 0)


def test_questions_spread_over_the_whole_period(db: sqlite3.Connection) -> None:
    per_quarter = dict(
        rows(
            db,
            "SELECT min(CAST((julianday(received_on) - julianday(?)) / 91 AS INTEGER), 11) AS q, "
            "count(*) FROM question GROUP BY q",
            FIRST_DAY.isoformat(),
        )
    )
    assert len(per_quarter) == 12 and min(per_quarter.values()) > 30
    assert one(db, "SELECT count(*) FROM question") == 800


def test_the_receiving_team_survives_dispatch(db: sqlite3.Connection) -> None:
    received = dict(
        rows(
            db,
            "SELECT q.received_team_code, count(DISTINCT q.id) FROM question q "
            "JOIN question_dispatch d ON d.question_id = q.id GROUP BY 1",
        )
    )
    assert set(received) == {
        "centraal",
        "antwerpen",
        "limburg",
        "oost-vlaanderen",
        "vlaams-brabant",
        "west-vlaanderen",
    }
    handling = rows(
        db,
        "SELECT DISTINCT team_code FROM question q WHERE EXISTS "
        "(SELECT 1 FROM question_dispatch d WHERE d.question_id = q.id)",
    )
    assert handling == [("centraal",)]
    assert one(db, "SELECT count(*) FROM question WHERE received_team_code IS NULL") == 0


def test_never_dispatched_to_vlots_own_domain(db: sqlite3.Connection) -> None:
    assert one(db, "SELECT count(*) FROM question_dispatch WHERE domain_code = ?", OWN_DOMAIN) == 0
    assert one(db, "SELECT count(DISTINCT domain_code) FROM question_dispatch") == 8
    two = one(
        db,
        "SELECT count(*) FROM (SELECT question_id FROM question_dispatch GROUP BY question_id "
        "HAVING count(*) = 2)",
    )
    assert two > 0
    # Every dispatch goes to a sector coordinator of its domain.
    assert (
        one(
            db,
            "SELECT count(*) FROM question_dispatch d WHERE NOT EXISTS (SELECT 1 FROM "
            "policy_domain_contact c WHERE c.domain_code = d.domain_code "
            "AND c.contact_person_id = d.coordinator_contact_id)",
        )
        == 0
    )


def test_dispatch_statuses_and_dates(db: sqlite3.Connection) -> None:
    statuses = dict(rows(db, "SELECT status, count(*) FROM question_dispatch GROUP BY 1"))
    assert statuses["beantwoord"] > 100 and statuses["geen_antwoord"] > 0
    assert statuses.get("herinnerd", 0) + statuses.get("gevraagd", 0) > 0
    assert one(db, "SELECT count(*) FROM question_dispatch WHERE reminders > 0") > 0
    for sent, due, theme, domain, answered, reminded in rows(
        db,
        "SELECT d.sent_on, d.due_on, q.theme_code, d.domain_code, d.answered_on, d.reminded_on "
        "FROM question_dispatch d JOIN question q ON q.id = d.question_id",
    ):
        sent_on = dt.date.fromisoformat(str(sent))
        assert str(due) == default_due_date(sent_on, str(theme), str(domain)).isoformat()
        assert answered is None or str(answered) >= str(sent)
        assert reminded is None or str(due) < str(reminded) <= TODAY.isoformat()
    # Some are overdue now: the reminder list is not empty.
    assert (
        one(
            db,
            "SELECT count(*) FROM question_dispatch d JOIN question q ON q.id = d.question_id "
            "WHERE d.status IN ('gevraagd', 'herinnerd') AND d.due_on < ? "
            "AND q.status IN ('nieuw', 'in_behandeling', 'doorverwezen')",
            TODAY.isoformat(),
        )
        > 0
    )


def test_every_status_has_its_history(db: sqlite3.Connection) -> None:
    last = dict(
        rows(
            db,
            "SELECT question_id, to_status FROM question_status_change h WHERE id = (SELECT id "
            "FROM question_status_change WHERE question_id = h.question_id "
            "ORDER BY changed_at DESC, id DESC LIMIT 1)",
        )
    )
    statuses = dict(rows(db, "SELECT id, status FROM question"))
    assert last == statuses
    assert one(db, "SELECT count(*) FROM question_status_change WHERE from_status IS NULL") == 800
    closed = one(
        db,
        "SELECT count(*) FROM question WHERE (status IN ('beantwoord', 'gesloten')) "
        "!= (closed_on IS NOT NULL)",
    )
    assert closed == 0


def test_publications_and_versions(db: sqlite3.Connection) -> None:
    kinds = dict(rows(db, "SELECT kind, count(*) FROM kb_article GROUP BY 1"))
    assert kinds["vraag_antwoord"] > 50 and kinds["good_practice"] > 0 and kinds["kader"] > 0
    replaced = rows(
        db,
        "SELECT old.valid_until, new.valid_from, old.version, new.version FROM kb_article old "
        "JOIN kb_article new ON new.id = old.replaced_by_id",
    )
    assert len(replaced) >= 3
    for until, start, old_version, new_version in replaced:
        day = dt.date.fromisoformat(str(start)) - dt.timedelta(days=1)
        assert str(until) == day.isoformat() and new_version == old_version + 1  # type: ignore[operator]
    assert one(db, "SELECT count(*) FROM question_article") > 0
    # A question only uses an article valid on the day it was answered.
    assert (
        one(
            db,
            "SELECT count(*) FROM question_article u JOIN kb_article a ON a.id = u.article_id "
            "WHERE u.used_on < a.valid_from OR (a.valid_until IS NOT NULL "
            "AND u.used_on > a.valid_until)",
        )
        == 0
    )
    published = one(db, "SELECT count(*) FROM question WHERE published = 1")
    assert published == one(
        db, "SELECT count(DISTINCT source_question_id) FROM kb_article WHERE source_question_id "
        "IS NOT NULL"
    )  # fmt: skip


def test_no_personal_data_is_published(db: sqlite3.Connection) -> None:
    for title, question, answer, asker, first, last, email in rows(
        db,
        "SELECT a.title, a.general_question, a.answer, q.asker_name, c.first_name, c.last_name, "
        "coalesce(q.asker_email, c.email) FROM kb_article a "
        "JOIN question q ON q.id = a.source_question_id "
        "LEFT JOIN contact_person c ON c.id = q.asker_contact_id",
    ):
        names = [str(n) for n in (asker, first, last, email) if n and len(str(n)) > 3]
        texts = {"title": str(title), "question": str(question or ""), "answer": str(answer)}
        assert find_personal_data(texts, names) == []


def test_askers_are_contact_persons_or_free_with_contact_details(db: sqlite3.Connection) -> None:
    assert one(db, "SELECT count(*) FROM question WHERE asker_contact_id IS NOT NULL") > 300
    assert one(db, "SELECT count(*) FROM question WHERE asker_name IS NOT NULL") > 50
    assert one(db, "SELECT count(*) FROM question WHERE asker_email IS NOT NULL") > 10
    assert (
        one(
            db,
            "SELECT count(*) FROM question WHERE asker_contact_id IS NOT NULL "
            "AND asker_name IS NOT NULL",
        )
        == 0
    )
    # The word index holds every question and article.
    assert one(db, "SELECT count(*) FROM question_search_key") == 800
    assert one(db, "SELECT count(*) FROM kb_article_search_key") == one(
        db, "SELECT count(*) FROM kb_article"
    )
