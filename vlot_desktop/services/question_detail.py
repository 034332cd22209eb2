"""One question as its detail pane shows it (in a worker): every field with its names, the
dispatches with their coordinators and answers, the status history, the articles the answer
used and the ones published from it, and the next statuses the workflow allows.
``store.read(question_detail.detail, question_id, today)``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from vlot_desktop.domain.enums import QuestionStatus
from vlot_desktop.domain.question_rules import (
    DispatchStatus,
    is_dispatch_overdue,
    next_dispatch_statuses,
    next_statuses,
    question_reference,
)


class QuestionGoneError(LookupError):
    """The question is not here (erased, or deleted on another laptop)."""


@dataclass(frozen=True)
class DispatchLine:
    id: str
    domain_code: str
    domain_name: str
    coordinator_contact_id: str | None
    coordinator_name: str | None
    coordinator_email: str | None
    coordinator_organisation: str | None
    sent_on: dt.date
    due_on: dt.date | None
    reminded_on: dt.date | None
    reminders: int
    status: str
    answer_text: str | None
    answered_on: dt.date | None
    sent_by_name: str | None
    overdue: bool
    next_statuses: tuple[str, ...]


@dataclass(frozen=True)
class StatusChangeLine:
    changed_at: dt.datetime  # naive UTC, as stored
    changed_by_name: str | None
    from_status: str | None
    to_status: str


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: str
    kind: str
    version: int
    valid_from: dt.date
    valid_until: dt.date | None
    replaced: bool


@dataclass(frozen=True)
class QuestionDetail:
    """Everything the detail pane shows. The asker fields are personal data (shown, never
    logged); ``asker_*`` of a known contact person come from that person."""

    id: str
    reference: str
    received_on: dt.date
    received_team_code: str
    received_team_name: str | None
    handling_team_code: str
    handling_team_name: str | None
    channel: str
    municipality_nis: str | None
    municipality_name: str | None
    theme_code: str | None
    theme_name: str | None
    domain_code: str | None
    domain_name: str | None
    subject: str
    question_text: str
    status: str
    next_statuses: tuple[str, ...]
    handled_by_id: str | None
    handled_by_name: str | None
    asker_contact_id: str | None
    asker_name: str | None
    asker_email: str | None
    asker_phone: str | None
    asker_organisation: str | None
    answer_text: str | None
    answered_on: dt.date | None
    closed_on: dt.date | None
    published: bool
    personal_data_erased_on: dt.date | None
    created_at: dt.datetime
    dispatches: tuple[DispatchLine, ...]
    history: tuple[StatusChangeLine, ...]
    used_articles: tuple[ArticleRef, ...]
    published_articles: tuple[ArticleRef, ...]

    @property
    def can_dispatch(self) -> bool:
        return QuestionStatus.DISPATCHED.value in self.next_statuses or (
            self.status == QuestionStatus.DISPATCHED.value
        )

    @property
    def open_dispatches(self) -> int:
        return sum(1 for d in self.dispatches if d.status in _OPEN_DISPATCH)


_OPEN_DISPATCH = (DispatchStatus.ASKED.value, DispatchStatus.REMINDED.value)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _moment(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def _next(status: str) -> tuple[str, ...]:
    try:
        current = QuestionStatus(status)
    except ValueError:  # a status of a newer version: nothing offered
        return ()
    return tuple(s.value for s in QuestionStatus if s in next_statuses(current))


def _next_dispatch(status: str) -> tuple[str, ...]:
    try:
        current = DispatchStatus(status)
    except ValueError:
        return ()
    return tuple(s.value for s in DispatchStatus if s in next_dispatch_statuses(current))


def _one(conn: Connection, sql: str, *args: Any) -> Any:
    return conn.exec_driver_sql(sql, args).fetchone()


def _all(conn: Connection, sql: str, *args: Any) -> list[Any]:
    return list(conn.exec_driver_sql(sql, args).fetchall())


def dispatch_lines(conn: Connection, question_id: str, today: dt.date) -> list[DispatchLine]:
    """The dispatches of a question, in the order they were sent."""
    lines = []
    for r in _all(
        conn,
        "SELECT d.id, d.domain_code, coalesce(p.name_nl, d.domain_code), "
        "d.coordinator_contact_id, c.first_name || ' ' || c.last_name, c.email, o.name, "
        "d.sent_on, d.due_on, d.reminded_on, d.reminders, d.status, d.answer_text, "
        "d.answered_on, s.name "
        "FROM question_dispatch AS d "
        "LEFT JOIN policy_domain AS p ON p.code = d.domain_code "
        "LEFT JOIN contact_person AS c ON c.id = d.coordinator_contact_id "
        "LEFT JOIN organisation AS o ON o.id = c.organisation_id "
        "LEFT JOIN staff_user AS s ON s.id = d.sent_by_id "
        "WHERE d.question_id = ? ORDER BY d.sent_on, d.created_at, d.id",
        question_id,
    ):
        status = str(r[11])
        due = _date(r[8])
        try:
            overdue = is_dispatch_overdue(DispatchStatus(status), due, today)
        except ValueError:
            overdue = False
        sent = _date(r[7])
        assert sent is not None
        lines.append(
            DispatchLine(
                id=str(r[0]),
                domain_code=str(r[1]),
                domain_name=str(r[2]),
                coordinator_contact_id=r[3],
                coordinator_name=r[4],
                coordinator_email=r[5],
                coordinator_organisation=r[6],
                sent_on=sent,
                due_on=due,
                reminded_on=_date(r[9]),
                reminders=int(r[10] or 0),
                status=status,
                answer_text=r[12],
                answered_on=_date(r[13]),
                sent_by_name=r[14],
                overdue=overdue,
                next_statuses=_next_dispatch(status),
            )
        )
    return lines


def _articles(conn: Connection, sql: str, question_id: str) -> tuple[ArticleRef, ...]:
    return tuple(
        ArticleRef(
            id=str(r[0]),
            title=str(r[1]),
            kind=str(r[2]),
            version=int(r[3]),
            valid_from=_date(r[4]) or dt.date.min,
            valid_until=_date(r[5]),
            replaced=r[6] is not None,
        )
        for r in _all(conn, sql, question_id)
    )


def detail(conn: Connection, question_id: str, today: dt.date) -> QuestionDetail:
    """The question ``question_id``; ``QuestionGoneError`` when it is not here."""
    r = _one(
        conn,
        "SELECT q.id, q.reference, q.received_on, coalesce(q.received_team_code, q.team_code), "
        "rt.name_nl, q.team_code, ht.name_nl, q.channel, q.municipality_nis, m.name_nl, "
        "q.theme_code, t.name_nl, t.domain_code, p.name_nl, q.subject, q.question_text, "
        "q.status, q.handled_by_id, s.name, q.asker_contact_id, "
        "coalesce(q.asker_name, c.first_name || ' ' || c.last_name), "
        "coalesce(q.asker_email, c.email), coalesce(q.asker_phone, c.phone), o.name, "
        "q.answer_text, q.answered_on, q.closed_on, q.published, q.personal_data_erased_on, "
        "q.created_at "
        "FROM question AS q "
        "LEFT JOIN team AS rt ON rt.code = coalesce(q.received_team_code, q.team_code) "
        "LEFT JOIN team AS ht ON ht.code = q.team_code "
        "LEFT JOIN municipality AS m ON m.nis_code = q.municipality_nis "
        "LEFT JOIN theme AS t ON t.code = q.theme_code "
        "LEFT JOIN policy_domain AS p ON p.code = t.domain_code "
        "LEFT JOIN staff_user AS s ON s.id = q.handled_by_id "
        "LEFT JOIN contact_person AS c ON c.id = q.asker_contact_id "
        "LEFT JOIN organisation AS o ON o.id = c.organisation_id "
        "WHERE q.id = ?",
        question_id,
    )
    if r is None:
        raise QuestionGoneError(question_id)
    received = _date(r[2])
    assert received is not None
    history = tuple(
        StatusChangeLine(_moment(h[0]), h[1], h[2], str(h[3]))
        for h in _all(
            conn,
            "SELECT h.changed_at, s.name, h.from_status, h.to_status "
            "FROM question_status_change AS h LEFT JOIN staff_user AS s ON s.id = h.changed_by_id "
            "WHERE h.question_id = ? ORDER BY h.changed_at, h.id",
            question_id,
        )
    )
    article_columns = (
        "a.id, a.title, a.kind, a.version, a.valid_from, a.valid_until, a.replaced_by_id"
    )
    used = _articles(
        conn,
        f"SELECT {article_columns} FROM question_article AS u "
        "JOIN kb_article AS a ON a.id = u.article_id WHERE u.question_id = ? "
        "ORDER BY u.used_on, a.title",
        question_id,
    )
    published = _articles(
        conn,
        f"SELECT {article_columns} FROM kb_article AS a WHERE a.source_question_id = ? "
        "ORDER BY a.valid_from, a.version",
        question_id,
    )
    status = str(r[16])
    return QuestionDetail(
        id=str(r[0]),
        reference=r[1] or question_reference(str(r[0]), received),
        received_on=received,
        received_team_code=str(r[3]),
        received_team_name=r[4],
        handling_team_code=str(r[5]),
        handling_team_name=r[6],
        channel=str(r[7]),
        municipality_nis=r[8],
        municipality_name=r[9],
        theme_code=r[10],
        theme_name=r[11],
        domain_code=r[12],
        domain_name=r[13],
        subject=str(r[14]),
        question_text=str(r[15] or ""),
        status=status,
        next_statuses=_next(status),
        handled_by_id=r[17],
        handled_by_name=r[18],
        asker_contact_id=r[19],
        asker_name=r[20],
        asker_email=r[21],
        asker_phone=r[22],
        asker_organisation=r[23],
        answer_text=r[24],
        answered_on=_date(r[25]),
        closed_on=_date(r[26]),
        published=bool(r[27]),
        personal_data_erased_on=_date(r[28]),
        created_at=_moment(r[29]),
        dispatches=tuple(dispatch_lines(conn, question_id, today)),
        history=history,
        used_articles=used,
        published_articles=published,
    )
