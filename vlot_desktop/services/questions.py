"""Changing helpdesk questions: intake, status steps, dispatch to the policy domains, reminders,
the sector's answer, VLOT's answer, the sector coordinators of a domain (docs/helpdesk.md).

Each function is one transaction and checks with :mod:`vlot_desktop.domain.question_rules`
first; it returns the problems (Dutch + English), and when there is an error nothing was
changed. ``db`` is the engine (the screens, the command line: the function opens and commits
its own transaction) or a session or connection already in a transaction (the demo
generator, a caller combining several steps).

One write path per rule: :func:`step_status` is the only writer of a question's status and
writes its history row (``question_status_change``) with it; :func:`dispatch_question` the
only maker of dispatches. A dispatch never changes the team that received the question.
Sync capture is done by the triggers; nothing here logs the asker or the texts.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop.domain.enums import ContactChannel, QuestionStatus
from vlot_desktop.domain.ids import uuid7
from vlot_desktop.domain.question_rules import (
    CENTRAL_TEAM,
    DispatchStatus,
    Problem,
    Severity,
    check_answer,
    check_dispatch,
    check_dispatch_step,
    check_new_question,
    check_reminder,
    check_sector_answer,
    check_status_step,
    default_due_date,
    question_reference,
    subject_from_text,
)
from vlot_desktop.services.places import Db, dbapi_connection, timestamp, written_through

# Ids derived from their parts: two laptops making the same link make one row.
_COORDINATOR_NAMESPACE = uuid.UUID("8d3c1f5e-2a47-4b6e-9f10-3e5a7c9d1b24")
_ARTICLE_USE_NAMESPACE = uuid.UUID("c41e9a3b-6d28-4f75-8b02-91d7e5a3c6f8")

Target = Engine | Db
NewId = Callable[[], str]


class QuestionNotFoundError(LookupError):
    """The question is gone (deleted on another laptop and synced in)."""


class DispatchNotFoundError(LookupError):
    """The dispatch is gone."""


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


def _errors(problems: Sequence[Problem]) -> bool:
    return any(p.is_error for p in problems)


@contextmanager
def write_transaction(db: Target) -> Iterator[sqlite3.Connection]:
    """The SQLite connection to write through: in a new transaction (committed at the end,
    rolled back on an exception) for an engine, else in the caller's."""
    if isinstance(db, Engine):
        with Session(db) as session, session.begin():
            yield dbapi_connection(session)
        return
    yield dbapi_connection(db)
    written_through(db)


def _moment(at: dt.datetime | None) -> str:
    """``at`` (naive UTC) as stored, or now to the microsecond: the status history is ordered
    by it, and two steps a second apart must not come out in the wrong order."""
    if at is not None:
        return timestamp(at)
    return timestamp(dt.datetime.now(dt.UTC).replace(tzinfo=None))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _known_staff(conn: sqlite3.Connection, staff_id: str | None) -> str | None:
    if not staff_id:
        return None
    found = conn.execute("SELECT 1 FROM staff_user WHERE id = ?", (staff_id,)).fetchone()
    return staff_id if found is not None else None


def _exists(conn: sqlite3.Connection, table: str, key: str, value: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE {key} = ?", (value,)).fetchone() is not None


def _clean(text: str | None) -> str | None:
    stripped = (text or "").strip()
    return stripped or None


# -- intake -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewQuestion:
    """What intake takes: the question, when and by which team it came in, and optionally
    where from, who asked (a known contact person, or a name with contact details) and its
    theme. ``subject`` is made from the first sentence when empty."""

    question_text: str | None
    received_on: dt.date | None
    received_team_code: str | None
    channel: str = ContactChannel.EMAIL.value
    municipality_nis: str | None = None
    theme_code: str | None = None
    subject: str | None = None
    asker_contact_id: str | None = None
    asker_name: str | None = None
    asker_email: str | None = None
    asker_phone: str | None = None
    handled_by_id: str | None = None


@dataclass(frozen=True)
class IntakeResult:
    question_id: str | None
    reference: str | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        return self.question_id is not None


def create_question(
    db: Target,
    values: NewQuestion,
    *,
    author_id: str | None,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
    new_id: NewId | None = None,
) -> IntakeResult:
    """Intake: a new question with status nieuw, handled by the team that received it, and
    its first history row. Refused (nothing saved) without a question text, a date that is
    not in the future and a known team."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        text = (values.question_text or "").strip()
        problems = check_new_question(
            question_text=text,
            subject=values.subject,
            received_on=values.received_on,
            received_team_code=values.received_team_code,
            channel=values.channel,
            today=today,
            known_teams={str(r[0]) for r in conn.execute("SELECT code FROM team")},
            municipality_nis=values.municipality_nis,
            known_municipalities=(
                {values.municipality_nis}
                if values.municipality_nis
                and _exists(conn, "municipality", "nis_code", values.municipality_nis)
                else set()
            ),
            theme_code=values.theme_code,
            known_themes=(
                {values.theme_code}
                if values.theme_code and _exists(conn, "theme", "code", values.theme_code)
                else set()
            ),
            asker_name=values.asker_name,
            asker_email=values.asker_email,
            asker_phone=values.asker_phone,
        )
        if values.asker_contact_id and not _exists(
            conn, "contact_person", "id", values.asker_contact_id
        ):
            problems.append(
                _error(
                    "asker_contact_id",
                    "Deze contactpersoon bestaat niet (meer).",
                    "This contact person does not exist (any more).",
                )
            )
        if _errors(problems) or values.received_on is None or values.received_team_code is None:
            return IntakeResult(None, None, problems)
        question_id = new_id() if new_id is not None else uuid7()
        reference = question_reference(question_id, values.received_on)
        subject = (values.subject or "").strip() or subject_from_text(text)
        now = _moment(at)
        conn.execute(
            "INSERT INTO question (id, created_at, updated_at, received_on, team_code, "
            "received_team_code, reference, municipality_nis, asker_contact_id, channel, "
            "theme_code, subject, question_text, status, handled_by_id, published, asker_name, "
            "asker_email, asker_phone) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
            (
                question_id,
                now,
                now,
                values.received_on.isoformat(),
                values.received_team_code,
                values.received_team_code,
                reference,
                values.municipality_nis or None,
                values.asker_contact_id or None,
                values.channel or ContactChannel.EMAIL.value,
                values.theme_code or None,
                subject,
                text,
                QuestionStatus.NEW.value,
                _known_staff(conn, values.handled_by_id),
                _clean(values.asker_name),
                _clean(values.asker_email),
                _clean(values.asker_phone),
            ),
        )
        _history(conn, question_id, None, QuestionStatus.NEW, author_id, now, new_id)
        return IntakeResult(question_id, reference, problems)


def _history(
    conn: sqlite3.Connection,
    question_id: str,
    old: QuestionStatus | None,
    new: QuestionStatus,
    author_id: str | None,
    now: str,
    new_id: NewId | None,
) -> None:
    conn.execute(
        "INSERT INTO question_status_change (id, created_at, updated_at, question_id, "
        "changed_at, changed_by_id, from_status, to_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_id() if new_id is not None else uuid7(),
            now,
            now,
            question_id,
            now,
            _known_staff(conn, author_id),
            old.value if old is not None else None,
            new.value,
        ),
    )


# -- editing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionFields:
    """The editable fields of a question as the detail form holds them (all of them: only
    the ones that differ from the stored values are written)."""

    subject: str
    question_text: str
    received_on: dt.date
    received_team_code: str
    handling_team_code: str
    channel: str
    municipality_nis: str | None = None
    theme_code: str | None = None
    handled_by_id: str | None = None
    asker_contact_id: str | None = None
    asker_name: str | None = None
    asker_email: str | None = None
    asker_phone: str | None = None


_EDITABLE = {
    "subject": "subject",
    "question_text": "question_text",
    "received_on": "received_on",
    "received_team_code": "received_team_code",
    "handling_team_code": "team_code",
    "channel": "channel",
    "municipality_nis": "municipality_nis",
    "theme_code": "theme_code",
    "handled_by_id": "handled_by_id",
    "asker_contact_id": "asker_contact_id",
    "asker_name": "asker_name",
    "asker_email": "asker_email",
    "asker_phone": "asker_phone",
}


def update_question(
    db: Target,
    question_id: str,
    values: QuestionFields,
    *,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> list[Problem]:
    """Save the detail form: the fields that changed, checked as at intake. The handling team
    may be changed here (regional -> central and back); the receiving team only to correct
    a mistake."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        row = conn.execute(
            "SELECT " + ", ".join(_EDITABLE.values()) + " FROM question WHERE id = ?",
            (question_id,),
        ).fetchone()
        if row is None:
            raise QuestionNotFoundError(question_id)
        stored = dict(zip(_EDITABLE, row, strict=True))
        teams = {str(r[0]) for r in conn.execute("SELECT code FROM team")}
        problems = check_new_question(
            question_text=values.question_text,
            subject=values.subject,
            received_on=values.received_on,
            received_team_code=values.received_team_code,
            channel=values.channel,
            today=today,
            known_teams=teams,
            municipality_nis=values.municipality_nis,
            known_municipalities={
                str(r[0]) for r in conn.execute("SELECT nis_code FROM municipality")
            },
            theme_code=values.theme_code,
            known_themes={str(r[0]) for r in conn.execute("SELECT code FROM theme")},
            asker_name=values.asker_name,
            asker_email=values.asker_email,
            asker_phone=values.asker_phone,
        )
        if not (values.subject or "").strip():
            problems.append(
                _error("subject", "Geef de vraag een onderwerp.", "Give the question a subject.")
            )
        if values.handling_team_code not in teams:
            problems.append(
                _error(
                    "handling_team_code",
                    f"Onbekend team: {values.handling_team_code}.",
                    f"Unknown team: {values.handling_team_code}.",
                )
            )
        if _errors(problems):
            return problems
        wanted = {
            "subject": values.subject.strip(),
            "question_text": values.question_text.strip(),
            "received_on": values.received_on.isoformat(),
            "received_team_code": values.received_team_code,
            "handling_team_code": values.handling_team_code,
            "channel": values.channel,
            "municipality_nis": values.municipality_nis or None,
            "theme_code": values.theme_code or None,
            "handled_by_id": _known_staff(conn, values.handled_by_id),
            "asker_contact_id": values.asker_contact_id or None,
            "asker_name": _clean(values.asker_name),
            "asker_email": _clean(values.asker_email),
            "asker_phone": _clean(values.asker_phone),
        }
        changed = {k: v for k, v in wanted.items() if stored[k] != v}
        if changed:
            sets = ", ".join(f"{_EDITABLE[k]} = ?" for k in changed)
            conn.execute(
                f"UPDATE question SET {sets}, updated_at = ? WHERE id = ?",
                (*changed.values(), timestamp(at), question_id),
            )
        return problems


# -- status -------------------------------------------------------------------------------------


def step_status(
    db: Target,
    question_id: str,
    new_status: QuestionStatus,
    *,
    author_id: str | None,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
    new_id: NewId | None = None,
) -> list[Problem]:
    """The one write path of a question's status: one step of the workflow
    (``question_rules.ALLOWED_STATUS_STEPS``) and its history row (who, when, from, to).

    Answering or closing sets ``closed_on`` (``today``) if not set; reopening clears it.
    A step the workflow does not allow is refused with the rule's message, nothing changed.
    """
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        row = conn.execute(
            "SELECT status, closed_on FROM question WHERE id = ?", (question_id,)
        ).fetchone()
        if row is None:
            raise QuestionNotFoundError(question_id)
        current = QuestionStatus(str(row[0]))
        problems = check_status_step(current, new_status)
        if _errors(problems):
            return problems
        _set_status(conn, question_id, current, new_status, row[1], author_id, today, at, new_id)
        return problems


def _set_status(
    conn: sqlite3.Connection,
    question_id: str,
    current: QuestionStatus,
    new_status: QuestionStatus,
    closed_on: str | None,
    author_id: str | None,
    today: dt.date,
    at: dt.datetime | None,
    new_id: NewId | None,
) -> None:
    closed = None if new_status.is_open else (closed_on or today.isoformat())
    now = _moment(at)
    conn.execute(
        "UPDATE question SET status = ?, closed_on = ?, updated_at = ? WHERE id = ?",
        (new_status.value, closed, now, question_id),
    )
    _history(conn, question_id, current, new_status, author_id, now, new_id)


# -- dispatch ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DispatchTarget:
    """One policy domain to ask; the coordinator is the domain's first active sector
    coordinator when not given, the due date the one of the dispatch when not given."""

    domain_code: str
    coordinator_contact_id: str | None = None
    due_on: dt.date | None = None


@dataclass(frozen=True)
class DispatchResult:
    dispatch_ids: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        return bool(self.dispatch_ids)


def _question_state(
    conn: sqlite3.Connection, question_id: str
) -> tuple[QuestionStatus, dt.date, str | None, str, str | None]:
    row = conn.execute(
        "SELECT status, received_on, theme_code, team_code, closed_on FROM question WHERE id = ?",
        (question_id,),
    ).fetchone()
    if row is None:
        raise QuestionNotFoundError(question_id)
    received = _date(row[1])
    assert received is not None
    return QuestionStatus(str(row[0])), received, row[2], str(row[3]), row[4]


def open_domains(conn: sqlite3.Connection, question_id: str) -> set[str]:
    """The domains asked about this question that have not answered yet."""
    return {
        str(r[0])
        for r in conn.execute(
            "SELECT domain_code FROM question_dispatch WHERE question_id = ? AND status IN (?, ?)",
            (question_id, DispatchStatus.ASKED.value, DispatchStatus.REMINDED.value),
        )
    }


def default_coordinator(conn: sqlite3.Connection, domain_code: str) -> str | None:
    """The domain's first active sector coordinator (the one named first), if any."""
    row = conn.execute(
        "SELECT contact_person_id FROM policy_domain_contact WHERE domain_code = ? AND active = 1 "
        "ORDER BY created_at, id LIMIT 1",
        (domain_code,),
    ).fetchone()
    return str(row[0]) if row is not None else None


def dispatch_problems(
    db: Db,
    question_id: str,
    targets: Sequence[DispatchTarget],
    *,
    sent_on: dt.date,
    due_on: dt.date | None,
    today: dt.date,
) -> list[Problem]:
    """What :func:`dispatch_question` would say, without writing (for the dispatch dialog
    while it is filled in: ``store.read(questions.dispatch_problems, ...)``)."""
    conn = dbapi_connection(db)
    status, received, _, _, _ = _question_state(conn, question_id)
    domains = dict(
        (str(r[0]), str(r[1])) for r in conn.execute("SELECT code, name_nl FROM policy_domain")
    )
    problems = check_dispatch(
        status=status,
        received_on=received,
        sent_on=sent_on,
        due_on=due_on,
        domain_codes=[t.domain_code for t in targets],
        today=today,
        known_domains=set(domains),
        open_domains=open_domains(conn, question_id),
        domain_names=domains,
    )
    for target in targets:
        if target.due_on is not None and target.due_on != due_on:
            problems += [
                p
                for p in check_dispatch(
                    status=status,
                    received_on=received,
                    sent_on=sent_on,
                    due_on=target.due_on,
                    domain_codes=[target.domain_code],
                    today=today,
                    known_domains=set(domains),
                )
                if p.field == "due_on"
            ]
        coordinator = target.coordinator_contact_id
        if coordinator and not _exists(conn, "contact_person", "id", coordinator):
            problems.append(
                _error(
                    "coordinator_contact_id",
                    "Deze sectorcoördinator bestaat niet (meer).",
                    "This sector coordinator does not exist (any more).",
                )
            )
    return problems


def dispatch_question(
    db: Target,
    question_id: str,
    targets: Sequence[DispatchTarget],
    *,
    sent_on: dt.date,
    author_id: str | None,
    due_on: dt.date | None = None,
    today: dt.date | None = None,
    handling_team: str | None = CENTRAL_TEAM,
    at: dt.datetime | None = None,
    new_id: NewId | None = None,
) -> DispatchResult:
    """Send a question to one or more policy domains: one ``question_dispatch`` row each
    (status gevraagd), due on ``target.due_on``, else ``due_on``, else the default of the
    question's theme and the domain (``question_rules.default_due_date``).

    The question becomes "doorverwezen" (a history row) unless it is already, and is handled
    by ``handling_team`` from now on (the central team; ``None``: unchanged). The team that
    received it stays. Refused, nothing saved: an answered or closed question, no domain,
    VLOT's own domain, a due date before the question came in or before it is sent.
    Warnings (a domain still asked) do not stop it.
    """
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        problems = dispatch_problems(
            conn, question_id, targets, sent_on=sent_on, due_on=due_on, today=today
        )
        if _errors(problems):
            return DispatchResult((), problems)
        status, _, theme_code, team_code, closed_on = _question_state(conn, question_id)
        now = _moment(at)
        ids: list[str] = []
        for target in targets:
            dispatch_id = new_id() if new_id is not None else uuid7()
            due = (
                target.due_on or due_on or default_due_date(sent_on, theme_code, target.domain_code)
            )
            conn.execute(
                "INSERT INTO question_dispatch (id, created_at, updated_at, question_id, "
                "domain_code, coordinator_contact_id, sent_on, due_on, reminded_on, reminders, "
                "status, answer_text, answered_on, sent_by_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, NULL, NULL, ?)",
                (
                    dispatch_id,
                    now,
                    now,
                    question_id,
                    target.domain_code,
                    target.coordinator_contact_id or default_coordinator(conn, target.domain_code),
                    sent_on.isoformat(),
                    due.isoformat(),
                    DispatchStatus.ASKED.value,
                    _known_staff(conn, author_id),
                ),
            )
            ids.append(dispatch_id)
        if status is not QuestionStatus.DISPATCHED:
            _set_status(
                conn,
                question_id,
                status,
                QuestionStatus.DISPATCHED,
                closed_on,
                author_id,
                today,
                at,
                new_id,
            )
        if handling_team and handling_team != team_code:
            conn.execute(
                "UPDATE question SET team_code = ?, updated_at = ? WHERE id = ?",
                (handling_team, now, question_id),
            )
        return DispatchResult(tuple(ids), problems)


def _dispatch_state(
    conn: sqlite3.Connection, dispatch_id: str
) -> tuple[DispatchStatus, dt.date, str]:
    row = conn.execute(
        "SELECT status, sent_on, question_id FROM question_dispatch WHERE id = ?", (dispatch_id,)
    ).fetchone()
    if row is None:
        raise DispatchNotFoundError(dispatch_id)
    sent = _date(row[1])
    assert sent is not None
    return DispatchStatus(str(row[0])), sent, str(row[2])


def remind_dispatch(
    db: Target,
    dispatch_id: str,
    *,
    on_date: dt.date,
    new_due_on: dt.date | None = None,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> list[Problem]:
    """A reminder sent to the domain on ``on_date`` (status herinnerd, counted), optionally
    with a new due date."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        current, sent_on, _ = _dispatch_state(conn, dispatch_id)
        problems = check_reminder(
            current=current, sent_on=sent_on, on_date=on_date, new_due_on=new_due_on, today=today
        )
        if _errors(problems):
            return problems
        conn.execute(
            "UPDATE question_dispatch SET status = ?, reminded_on = ?, reminders = reminders + 1, "
            "due_on = coalesce(?, due_on), updated_at = ? WHERE id = ?",
            (
                DispatchStatus.REMINDED.value,
                on_date.isoformat(),
                _iso(new_due_on),
                timestamp(at),
                dispatch_id,
            ),
        )
        return problems


def record_sector_answer(
    db: Target,
    dispatch_id: str,
    *,
    answer_text: str | None,
    answered_on: dt.date | None,
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> list[Problem]:
    """The policy domain's answer (status beantwoord). Also a correction of an answer recorded
    before, and a late answer after "geen antwoord". The question's own status does not
    change: VLOT answers the asker with :func:`answer_question`."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        current, sent_on, _ = _dispatch_state(conn, dispatch_id)
        problems = check_sector_answer(
            current=current,
            answer_text=answer_text,
            answered_on=answered_on,
            sent_on=sent_on,
            today=today,
        )
        if _errors(problems) or answered_on is None:
            return problems
        conn.execute(
            "UPDATE question_dispatch SET status = ?, answer_text = ?, answered_on = ?, "
            "updated_at = ? WHERE id = ?",
            (
                DispatchStatus.ANSWERED.value,
                (answer_text or "").strip(),
                answered_on.isoformat(),
                timestamp(at),
                dispatch_id,
            ),
        )
        return problems


def record_no_answer(
    db: Target, dispatch_id: str, *, at: dt.datetime | None = None
) -> list[Problem]:
    """The domain will not answer (status geen antwoord): the dispatch leaves the reminder
    list. A late answer can still be recorded."""
    with write_transaction(db) as conn:
        current, _, _ = _dispatch_state(conn, dispatch_id)
        problems = check_dispatch_step(current, DispatchStatus.NO_ANSWER)
        if _errors(problems):
            return problems
        conn.execute(
            "UPDATE question_dispatch SET status = ?, updated_at = ? WHERE id = ?",
            (DispatchStatus.NO_ANSWER.value, timestamp(at), dispatch_id),
        )
        return problems


# -- answer ---------------------------------------------------------------------------------


def answer_question(
    db: Target,
    question_id: str,
    *,
    answer_text: str | None,
    answered_on: dt.date | None,
    author_id: str | None,
    used_article_ids: Sequence[str] = (),
    today: dt.date | None = None,
    at: dt.datetime | None = None,
    new_id: NewId | None = None,
) -> list[Problem]:
    """VLOT's answer to the asker: the text and date, the status "beantwoord" (a history row)
    unless it is already (then only the text and date are corrected), and the knowledge-base
    articles the answer used (listed on each article)."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        status, received, _, _, closed_on = _question_state(conn, question_id)
        problems = check_answer(
            status=status,
            answer_text=answer_text,
            answered_on=answered_on,
            received_on=received,
            today=today,
        )
        missing = [a for a in used_article_ids if not _exists(conn, "kb_article", "id", a)]
        if missing:
            problems.append(
                _error(
                    "used_article_ids",
                    "Een gebruikt artikel bestaat niet (meer).",
                    "An article used does not exist (any more).",
                )
            )
        if _errors(problems) or answered_on is None:
            return problems
        now = _moment(at)
        conn.execute(
            "UPDATE question SET answer_text = ?, answered_on = ?, updated_at = ? WHERE id = ?",
            ((answer_text or "").strip(), answered_on.isoformat(), now, question_id),
        )
        if status is not QuestionStatus.ANSWERED:
            _set_status(
                conn,
                question_id,
                status,
                QuestionStatus.ANSWERED,
                answered_on.isoformat() if closed_on is None else closed_on,
                author_id,
                today,
                at,
                new_id,
            )
        for article_id in used_article_ids:
            _note_use(conn, question_id, article_id, author_id, answered_on, now)
        return problems


def article_use_id(question_id: str, article_id: str) -> str:
    return str(uuid.uuid5(_ARTICLE_USE_NAMESPACE, f"{question_id}/{article_id}"))


def _note_use(
    conn: sqlite3.Connection,
    question_id: str,
    article_id: str,
    author_id: str | None,
    on_date: dt.date,
    now: str,
) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO question_article (id, created_at, updated_at, question_id, "
        "article_id, used_on, used_by_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            article_use_id(question_id, article_id),
            now,
            now,
            question_id,
            article_id,
            on_date.isoformat(),
            _known_staff(conn, author_id),
        ),
    )


def note_article_used(
    db: Target,
    question_id: str,
    article_id: str,
    *,
    author_id: str | None,
    on_date: dt.date | None = None,
    at: dt.datetime | None = None,
) -> str:
    """Note that the answer to a question used an article (text inserted from it while
    answering); once per pair, on every laptop. Returns the link's id."""
    with write_transaction(db) as conn:
        _question_state(conn, question_id)
        if not _exists(conn, "kb_article", "id", article_id):
            raise LookupError(article_id)
        _note_use(
            conn, question_id, article_id, author_id, on_date or dt.date.today(), timestamp(at)
        )
        return article_use_id(question_id, article_id)


# -- sector coordinators -------------------------------------------------------------------


def coordinator_link_id(domain_code: str, contact_person_id: str) -> str:
    return str(uuid.uuid5(_COORDINATOR_NAMESPACE, f"{domain_code}/{contact_person_id}"))


def set_domain_coordinator(
    db: Target,
    domain_code: str,
    contact_person_id: str,
    *,
    active: bool = True,
    at: dt.datetime | None = None,
) -> str:
    """Name a contact person a sector coordinator of a policy domain (or, ``active=False``,
    no longer). One row per pair on every laptop; returns its id. ``LookupError`` for an
    unknown domain or person."""
    with write_transaction(db) as conn:
        if not _exists(conn, "policy_domain", "code", domain_code):
            raise LookupError(domain_code)
        if not _exists(conn, "contact_person", "id", contact_person_id):
            raise LookupError(contact_person_id)
        link_id = coordinator_link_id(domain_code, contact_person_id)
        now = _moment(at)
        conn.execute(
            "INSERT INTO policy_domain_contact (id, created_at, updated_at, domain_code, "
            "contact_person_id, active) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET active = excluded.active, "
            "updated_at = excluded.updated_at WHERE active IS NOT excluded.active",
            (link_id, now, now, domain_code, contact_person_id, int(active)),
        )
        return link_id
