"""GDPR tools for cases and helpdesk askers (contacts and meetings: ``coordination_privacy``,
whose retention runs with the cases'): retention, "erase this person", subject access,
export columns.

Erasure always goes through the sync's purge (:func:`vlot_desktop.sync.purge.purge_record`,
here its form on the raw connection, ``purge_in``, for many rows at once), so it travels to
every laptop, wins over any edit and leaves the values nowhere after compaction.

What stays after erasure (anonymous, for the statistics): a case's type, status, team,
municipality, dates, ``household_size`` and outcome; a member row with its relation,
language, pets and school-age flags (so the household still counts right). What goes: every
column marked ``personal`` (names, birth year, sex, phone, health needs, the case summary) and
the text of timeline entries.

Helpdesk questions: the asker (name, e-mail, phone, the link to a contact person) is personal
data, kept as long as the same retention period after the question was answered or closed;
then purged (the question, its theme, dates, dispatches and answers stay for the statistics
and the knowledge base; ``personal_data_erased_on`` is set). "Erase this asker" purges the
same fields of the questions of one person at once, and the subject-access export of an
asker lists their questions, the answers and to which policy domains they were sent.

The subject-access export (:func:`subject_access`) is made of sections that the modules owning
each kind of personal record register (:func:`subject_access_section`, ``docs/privacy.md``).

Nothing personal is ever logged here: only counts and ids.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import importlib
import json
import logging
import os
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from vlot_desktop.db import member_search
from vlot_desktop.db.models import Base
from vlot_desktop.db.models.cases import Case, CaseEvent, HouseholdMember
from vlot_desktop.db.models.helpdesk import Question
from vlot_desktop.db.models.people import ContactPerson
from vlot_desktop.db.models.reference import Municipality, Team
from vlot_desktop.domain.enums import CaseStatus, QuestionStatus
from vlot_desktop.domain.location_rules import Problem, Severity
from vlot_desktop.domain.text import fold as _fold
from vlot_desktop.reports.subject_access import (
    Section,
    SubjectAccessReport,
    subject_access_json,
)
from vlot_desktop.services import coordination_privacy
from vlot_desktop.services.coordination_privacy import CoordinationErasure
from vlot_desktop.sync.purge import purge_in

log = logging.getLogger(__name__)

DEFAULT_RETENTION_MONTHS = 12
"""Personal data of a case is kept this many months after the case was closed (and the
asker of a helpdesk question as long after the question was answered or closed)."""
RETENTION_CHUNK = 100
"""Cases erased per transaction: an interrupted run keeps whole cases erased, and resumes."""
RETENTION_MONTHS_MIN = 1
RETENTION_MONTHS_MAX = 120
PRIVACY_SETTINGS_FILE = "privacy-settings.json"
"""The laptop's privacy settings (the retention period), next to ``settings.json``.

Decision: a file of its own, because ``settings.Settings`` drops keys it does not know when
it is saved; the setting moves into ``Settings`` when that module gets a field for it."""


class UnknownMemberError(LookupError):
    """No household member with that id."""


# --- columns -------------------------------------------------------------------------------


def _table(table: str | Table) -> Table:
    if isinstance(table, Table):
        return table
    try:
        return Base.metadata.tables[table]
    except KeyError:
        raise LookupError(f"no table {table!r}") from None


def personal_columns(table: str | Table) -> list[str]:
    """The columns of ``table`` marked personal (sensitive ones included), in table order."""
    return [c.name for c in _table(table).columns if c.info.get("personal")]


def list_export_columns(table: str | Table, include_sensitive: bool = False) -> list[str]:
    """The columns a list export of ``table`` may hold: sensitive columns (health,
    vulnerability) only when the user explicitly chose them; local bookkeeping never."""
    return [
        c.name
        for c in _table(table).columns
        if not c.info.get("local") and (include_sensitive or not c.info.get("sensitive"))
    ]


# --- retention -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureSummary:
    """What an erasure did (or, in a dry run, would do): counts only, never values."""

    cases: int
    members: int
    events: int
    fields: int
    dry_run: bool = False
    questions: int = 0  # helpdesk questions whose asker was erased
    contacts: int = 0  # contact moments whose note and person were erased
    meeting_notes: int = 0  # meetings, points and actions whose notes were erased


def check_retention_months(text: str) -> tuple[int | None, Problem | None]:
    """The retention period typed by the user: (months, None), or (None, the Dutch problem)."""
    try:
        months = int(text.strip())
    except ValueError:
        months = 0
    if RETENTION_MONTHS_MIN <= months <= RETENTION_MONTHS_MAX:
        return months, None
    return None, Problem(
        "retention_months",
        f"Geef een bewaartermijn van {RETENTION_MONTHS_MIN} tot {RETENTION_MONTHS_MAX} "
        "maanden (een geheel getal).",
        f"Enter a retention period of {RETENTION_MONTHS_MIN} to {RETENTION_MONTHS_MAX} "
        "months (a whole number).",
        Severity.ERROR,
    )


def load_retention_months(data_dir: Path) -> int:
    """The retention period of this laptop (default 12 when unset or unreadable)."""
    try:
        raw = json.loads((data_dir / PRIVACY_SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return DEFAULT_RETENTION_MONTHS
    value = raw.get("retention_months") if isinstance(raw, dict) else None
    if isinstance(value, int) and RETENTION_MONTHS_MIN <= value <= RETENTION_MONTHS_MAX:
        return value
    return DEFAULT_RETENTION_MONTHS


def save_retention_months(data_dir: Path, months: int) -> None:
    """Store the retention period (1 to 120 months; ``ValueError`` otherwise), atomically."""
    if not RETENTION_MONTHS_MIN <= months <= RETENTION_MONTHS_MAX:
        raise ValueError(f"retention period out of range: {months}")
    text = json.dumps({"retention_months": months}, indent=2) + "\n"
    _write_atomically(data_dir / PRIVACY_SETTINGS_FILE, text.encode("utf-8"))


def retention_cutoff(today: dt.date, months: int = DEFAULT_RETENTION_MONTHS) -> dt.date:
    """``today`` minus ``months`` calendar months (31 March - 1 month = 28/29 February)."""
    if months < 1:
        raise ValueError("the retention period is at least one month")
    index = today.year * 12 + today.month - 1 - months
    year, month = divmod(index, 12)
    day = min(today.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def find_expired_cases(
    session: Session, today: dt.date, months: int = DEFAULT_RETENTION_MONTHS
) -> list[Case]:
    """Closed cases (not open, with a closing date) closed on or before the cutoff whose
    personal data has not been erased yet, oldest first."""
    cutoff = retention_cutoff(today, months)
    open_statuses = [s for s in CaseStatus if s.is_open]
    return list(
        session.scalars(
            select(Case)
            .where(
                Case.closed_on.is_not(None),
                Case.closed_on <= cutoff,
                Case.status.not_in(open_statuses),
                Case.personal_data_erased_on.is_(None),
            )
            .order_by(Case.closed_on, Case.id)
        )
    )


def _member_ids(session: Session, case_ids: Sequence[str]) -> list[str]:
    if not case_ids:
        return []
    return list(
        session.scalars(
            select(HouseholdMember.id)
            .where(HouseholdMember.case_id.in_(case_ids))
            .order_by(HouseholdMember.id)
        )
    )


def _event_ids(session: Session, case_ids: Sequence[str]) -> list[str]:
    if not case_ids:
        return []
    return list(
        session.scalars(
            select(CaseEvent.id).where(CaseEvent.case_id.in_(case_ids)).order_by(CaseEvent.id)
        )
    )


def apply_retention(
    session: Session,
    today: dt.date,
    months: int = DEFAULT_RETENTION_MONTHS,
    dry_run: bool = False,
) -> ErasureSummary:
    """Erase the personal data of every case closed longer than ``months`` (default 12), and
    the asker of every helpdesk question answered or closed that long ago.

    Purges the case's personal columns, those of all its household members and the text of
    its timeline entries, and sets ``personal_data_erased_on``; for a question its asker's
    columns (:func:`apply_question_retention`). With ``dry_run`` nothing is changed and the
    summary says what would be erased. Commits when it changed something. Idempotent: an
    erased case or question is not found again.
    """
    cases = find_expired_cases(session, today, months)
    case_ids = [c.id for c in cases]
    members = _member_ids(session, case_ids)
    events = _event_ids(session, case_ids)
    case_cols = personal_columns(Case.__table__)  # type: ignore[arg-type]
    member_cols = personal_columns(HouseholdMember.__table__)  # type: ignore[arg-type]
    event_cols = personal_columns(CaseEvent.__table__)  # type: ignore[arg-type]
    question_ids = find_expired_questions(session, today, months)
    question_cols = personal_columns(Question.__table__)  # type: ignore[arg-type]
    coordination = _coordination_retention(session, today, months, dry_run)
    summary = ErasureSummary(
        cases=len(case_ids),
        members=len(members),
        events=len(events),
        fields=len(case_ids) * len(case_cols)
        + len(members) * len(member_cols)
        + len(events) * len(event_cols)
        + len(question_ids) * len(question_cols)
        + coordination.fields,
        dry_run=dry_run,
        questions=len(question_ids),
        contacts=coordination.contacts,
        meeting_notes=coordination.meetings + coordination.points + coordination.actions,
    )
    if dry_run or not (case_ids or question_ids):
        log.info(
            "retention (%s): %d cases, %d members, %d events, %d questions, %d fields",
            "dry run" if dry_run else "nothing to do",
            summary.cases,
            summary.members,
            summary.events,
            summary.questions,
            summary.fields,
        )
        return summary
    for start in range(0, len(case_ids), RETENTION_CHUNK):
        chunk = case_ids[start : start + RETENTION_CHUNK]
        rows = [
            (HouseholdMember.__tablename__, m, member_cols) for m in _member_ids(session, chunk)
        ]
        rows += [(CaseEvent.__tablename__, e, event_cols) for e in _event_ids(session, chunk)]
        rows += [(Case.__tablename__, c, case_cols) for c in chunk]
        try:
            _purge_rows(session, rows)
            session.execute(
                update(Case)
                .where(Case.id.in_(chunk))
                .values(personal_data_erased_on=today)
                .execution_options(synchronize_session=False)
            )
            session.commit()
        except BaseException:
            session.rollback()
            raise
        log.debug("retention: %d of %d cases erased", start + len(chunk), len(case_ids))
    _erase_askers(session, question_ids, today)
    session.expire_all()
    flush_erased_pages(session)
    log.info(
        "retention applied: %d cases, %d members, %d events, %d questions, %d fields",
        summary.cases,
        summary.members,
        summary.events,
        summary.questions,
        summary.fields,
    )
    return summary


def _coordination_retention(
    session: Session, today: dt.date, months: int, dry_run: bool
) -> CoordinationErasure:
    """The contacts' and meetings' part of the retention period (committed at once: it does
    not depend on the cases)."""
    try:
        erased = coordination_privacy.apply_retention(
            session, retention_cutoff(today, months), dry_run=dry_run
        )
        if not dry_run and erased.fields:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    return erased


# --- helpdesk askers -----------------------------------------------------------------------

CLOSED_QUESTION_STATUSES = tuple(s for s in QuestionStatus if not s.is_open)


def _has_asker() -> Any:
    return (
        Question.asker_name.is_not(None)
        | Question.asker_email.is_not(None)
        | Question.asker_phone.is_not(None)
        | Question.asker_contact_id.is_not(None)
    )


def find_expired_questions(
    session: Session, today: dt.date, months: int = DEFAULT_RETENTION_MONTHS
) -> list[str]:
    """Questions answered or closed on or before the cutoff that still name their asker,
    oldest first (the closing date; for a question of the first release, the answer date)."""
    cutoff = retention_cutoff(today, months)
    closed = func.coalesce(Question.closed_on, Question.answered_on)
    return list(
        session.scalars(
            select(Question.id)
            .where(
                Question.status.in_(CLOSED_QUESTION_STATUSES),
                closed.is_not(None),
                closed <= cutoff,
                Question.personal_data_erased_on.is_(None),
                _has_asker(),
            )
            .order_by(closed, Question.id)
        )
    )


def _erase_askers(session: Session, question_ids: Sequence[str], today: dt.date) -> None:
    """Purge the asker columns of these questions (synced as purges) and note the day."""
    columns = personal_columns(Question.__table__)  # type: ignore[arg-type]
    for start in range(0, len(question_ids), RETENTION_CHUNK * 10):
        chunk = list(question_ids[start : start + RETENTION_CHUNK * 10])
        try:
            _purge_rows(session, [(Question.__tablename__, q, columns) for q in chunk])
            session.execute(
                update(Question)
                .where(Question.id.in_(chunk))
                .values(personal_data_erased_on=today)
                .execution_options(synchronize_session=False)
            )
            session.commit()
        except BaseException:
            session.rollback()
            raise


def apply_question_retention(
    session: Session,
    today: dt.date,
    months: int = DEFAULT_RETENTION_MONTHS,
    dry_run: bool = False,
) -> ErasureSummary:
    """Only the helpdesk part of :func:`apply_retention` (the askers of old questions)."""
    question_ids = find_expired_questions(session, today, months)
    columns = personal_columns(Question.__table__)  # type: ignore[arg-type]
    summary = ErasureSummary(
        cases=0,
        members=0,
        events=0,
        fields=len(question_ids) * len(columns),
        dry_run=dry_run,
        questions=len(question_ids),
    )
    if not dry_run and question_ids:
        _erase_askers(session, question_ids, today)
        session.expire_all()
        flush_erased_pages(session)
    log.info(
        "question retention%s: %d questions", " (dry run)" if dry_run else "", len(question_ids)
    )
    return summary


@dataclass(frozen=True)
class AskerKey:
    """How an asker is recognised: a contact person, or a name and/or e-mail address as typed
    at intake (compared without case and accents)."""

    contact_id: str | None = None
    name: str | None = None
    email: str | None = None


def questions_of_asker(session: Session, asker: AskerKey) -> list[str]:
    """The questions asked by this person (by contact person, name or e-mail), oldest first."""
    conditions = []
    if asker.contact_id:
        conditions.append(Question.asker_contact_id == asker.contact_id)
    candidates = (
        list(
            session.execute(
                select(Question.id, Question.asker_name, Question.asker_email).where(
                    Question.asker_name.is_not(None) | Question.asker_email.is_not(None)
                )
            )
        )
        if (asker.name or asker.email)
        else []
    )
    wanted_name = _fold(asker.name or "").strip()
    wanted_email = (asker.email or "").strip().lower()
    matched = {
        qid
        for qid, name, email in candidates
        if (wanted_name and _fold(name or "").strip() == wanted_name)
        or (wanted_email and (email or "").strip().lower() == wanted_email)
    }
    if conditions:
        matched |= set(session.scalars(select(Question.id).where(*conditions)))
    if not matched:
        return []
    return list(
        session.scalars(
            select(Question.id)
            .where(Question.id.in_(matched))
            .order_by(Question.received_on, Question.id)
        )
    )


def erase_asker(session: Session, asker: AskerKey, today: dt.date | None = None) -> ErasureSummary:
    """Erase one asker ("erase this person") from every question they asked, here and on
    every laptop: the asker columns are purged, the questions stay. The contact person
    record itself (a municipal coordinator, say) is not changed here. Commits; idempotent."""
    question_ids = questions_of_asker(session, asker)
    columns = personal_columns(Question.__table__)  # type: ignore[arg-type]
    _erase_askers(session, question_ids, today or dt.date.today())
    session.expire_all()
    if question_ids:
        flush_erased_pages(session)
    log.info("asker erased from %d questions", len(question_ids))
    return ErasureSummary(
        cases=0,
        members=0,
        events=0,
        fields=len(question_ids) * len(columns),
        questions=len(question_ids),
    )


def export_asker(session: Session, asker: AskerKey) -> dict[str, Any]:
    """Everything the database holds about one helpdesk asker (GDPR art. 15): the contact
    person record (when the asker is one), and every question they asked with its answer,
    its status history (without the staff's names: when and which status) and the policy
    domains it was sent to (the recipients) with their answers."""
    from vlot_desktop.db.models.helpdesk import QuestionDispatch, QuestionStatusChange
    from vlot_desktop.db.models.reference import PolicyDomain, Theme

    question_ids = questions_of_asker(session, asker)
    contact = session.get(ContactPerson, asker.contact_id) if asker.contact_id else None
    teams = {t.code: t.name_nl for t in session.scalars(select(Team))}
    domains = {d.code: d.name_nl for d in session.scalars(select(PolicyDomain))}
    themes = {t.code: t.name_nl for t in session.scalars(select(Theme))}
    exported = []
    for question_id in question_ids:
        question = session.get(Question, question_id)
        assert question is not None
        municipality = (
            session.get(Municipality, question.municipality_nis)
            if question.municipality_nis
            else None
        )
        data = _row(question)
        data["received_team_name"] = teams.get(question.received_team_code or question.team_code)
        data["handling_team_name"] = teams.get(question.team_code)
        data["municipality_name"] = municipality.name_nl if municipality else None
        data["theme_name"] = themes.get(question.theme_code or "")
        data["dispatches"] = [
            {
                "domain_name": domains.get(d.domain_code, d.domain_code),
                "sent_on": _plain(d.sent_on),
                "due_on": _plain(d.due_on),
                "status": _plain(d.status),
                "answer_text": d.answer_text,
                "answered_on": _plain(d.answered_on),
            }
            for d in session.scalars(
                select(QuestionDispatch)
                .where(QuestionDispatch.question_id == question_id)
                .order_by(QuestionDispatch.sent_on, QuestionDispatch.id)
            )
        ]
        data["status_history"] = [
            {
                "changed_at": _plain(h.changed_at),
                "from_status": _plain(h.from_status),
                "to_status": _plain(h.to_status),
            }
            for h in session.scalars(
                select(QuestionStatusChange)
                .where(QuestionStatusChange.question_id == question_id)
                .order_by(QuestionStatusChange.changed_at, QuestionStatusChange.id)
            )
        ]
        exported.append(data)
    return {
        "format": "vlot-subject-access-asker/1",
        "exported_at": dt.datetime.now().replace(microsecond=0).isoformat(),
        "asker": {
            "contact_id": asker.contact_id,
            "name": asker.name,
            "email": asker.email,
        },
        "contact_person": _row(contact) if contact is not None else None,
        "questions": exported,
    }


def flush_erased_pages(session: Session) -> None:
    """After the erasure is committed: the erased words leave the name index and the WAL too
    (``member_search.flush_erased``)."""
    bind = session.get_bind()
    with bind.connect() as conn:  # type: ignore[union-attr]
        member_search.flush_erased(conn)


def _purge_rows(session: Session, rows: Sequence[tuple[str, str, list[str]]]) -> None:
    """:func:`purge_record` for many rows in the session's transaction, expiring the
    session's objects once instead of after every row (which costs more than the purge)."""
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    for table, row_id, columns in rows:
        purge_in(raw, table, row_id, columns)
    session.expire_all()


# --- erase one person ----------------------------------------------------------------------


def _mentions(text: str | None, names: Sequence[str]) -> bool:
    if not text:
        return False
    folded = _fold(text)
    return any(name in folded for name in names)


def _member_names(member: HouseholdMember) -> list[str]:
    """The folded full names and last names of a member (short ones left out: a two-letter
    name would match inside unrelated words)."""
    candidates = [
        f"{member.first_name} {member.last_name}",
        member.last_name,
        f"{member.first_name_cyrillic or ''} {member.last_name_cyrillic or ''}",
        member.last_name_cyrillic or "",
    ]
    names = {_fold(c).strip() for c in candidates}
    return sorted(n for n in names if len(n) >= 3)


def erase_member(session: Session, member_id: str) -> ErasureSummary:
    """Erase one household member ("erase this person") here and on every laptop.

    Decision: the member's personal columns are purged but the row stays (with its relation,
    language, pets and school-age flags), so ``household_size`` and the household's make-up
    stay right for the statistics. Timeline entries of the case whose text names the person
    (last name or full name, Latin or Cyrillic, accent-insensitive) have their text purged too.
    The access log (who viewed sensitive data) stays: it holds no personal values. Commits.
    Raises :class:`UnknownMemberError` for an unknown id (nothing changed). Idempotent.
    """
    member = session.get(HouseholdMember, member_id)
    if member is None:
        raise UnknownMemberError(member_id)
    names = _member_names(member)
    events = [
        e.id
        for e in session.scalars(select(CaseEvent).where(CaseEvent.case_id == member.case_id))
        if _mentions(e.text, names)
    ]
    member_cols = personal_columns(HouseholdMember.__table__)  # type: ignore[arg-type]
    event_cols = personal_columns(CaseEvent.__table__)  # type: ignore[arg-type]
    rows = [(HouseholdMember.__tablename__, member_id, member_cols)]
    rows += [(CaseEvent.__tablename__, e, event_cols) for e in events]
    try:
        _purge_rows(session, rows)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    flush_erased_pages(session)
    summary = ErasureSummary(
        cases=0,
        members=1,
        events=len(events),
        fields=len(member_cols) + len(events) * len(event_cols),
    )
    log.info(
        "member %s erased: %d timeline texts, %d fields", member_id, len(events), summary.fields
    )
    return summary


# --- subject access request ----------------------------------------------------------------
#
# The export of one person (GDPR art. 15) is made of sections, one per kind of personal record,
# each contributed by the module that owns those records through a small registry:
#
#     @privacy.subject_access_section("question", order=50)
#     def _questions(session: Session, subject: privacy.Subject) -> list[Section]: ...
#
# and that module's name added to SUBJECT_ACCESS_MODULES (so that it is imported, and its
# sections registered, before an export). docs/privacy.md says what a section must hold.


def _plain(value: Any) -> Any:
    """A JSON-ready value: enums by their value, dates in ISO form."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _row(obj: Any, skip: Sequence[str] = ()) -> dict[str, Any]:
    table = obj.__table__
    return {
        c.name: _plain(getattr(obj, c.key))
        for c in table.columns
        if not c.info.get("local") and c.name not in skip
    }


OTHER_PERSON = "[ander gezinslid]"
LEFT_OUT = "[weggelaten]"
MIN_NAME = 3
"""Names shorter than this are not looked for in texts (they match inside other words)."""


def _folded_map(text: str) -> tuple[str, list[int]]:
    """``text`` folded (lower case, no accents), with the index in ``text`` of every folded
    character: a match in the folded text is a span of the original."""
    folded: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for piece in _fold(char):
            folded.append(piece)
            where.append(index)
    return "".join(folded), where


def _find(folded: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``folded`` as whole words."""
    found: list[tuple[int, int]] = []
    start = folded.find(needle)
    while start >= 0:
        end = start + len(needle)
        before = folded[start - 1] if start > 0 else " "
        after = folded[end] if end < len(folded) else " "
        if not before.isalnum() and not after.isalnum():
            found.append((start, end))
        start = folded.find(needle, start + 1)
    return found


@dataclass(frozen=True)
class OtherPerson:
    """Someone whose data must not appear in the export (another member of the household):
    ``names`` (folded) are masked as OTHER_PERSON, ``texts`` (their phone, their medical
    notes: folded) as LEFT_OUT wherever a free text quotes them."""

    names: tuple[str, ...]
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Subject:
    """The person a subject-access request is about, as the sections look for their records.

    ``id`` and ``case_id`` are internal (for the sections' queries, never printed).
    ``names``: the person's names, folded, to recognise them in free texts; ``others``: the
    people whose data must stay out. ``made_at``: when the export is made (aware, local).
    """

    kind: str
    id: str
    name: str
    reference: str
    case_id: str | None
    names: tuple[str, ...]
    others: tuple[OtherPerson, ...] = ()
    retention_months: int = DEFAULT_RETENTION_MONTHS
    made_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())
    team: str = ""

    def names_me(self, text: str | None) -> bool:
        """Whether ``text`` names this person (any of their names, without case or accents).
        Ask it of a text :meth:`mask` has masked: another member's full name holds the
        family name they share with the person."""
        if not text:
            return False
        folded, _where = _folded_map(text)
        return any(_find(folded, name) for name in self.names if len(name) >= MIN_NAME)

    def mask(self, text: str | None) -> str | None:
        """``text`` with the names and quoted data of the other people replaced."""
        if not text or not self.others:
            return text
        folded, where = _folded_map(text)
        spans: list[tuple[int, int, str]] = []
        for other in self.others:
            for needles, mark in ((other.texts, LEFT_OUT), (other.names, OTHER_PERSON)):
                for needle in sorted(needles, key=len, reverse=True):
                    if len(needle) < MIN_NAME:
                        continue
                    for start, end in _find(folded, needle):
                        spans.append((where[start], where[end - 1] + 1, mark))
        if not spans:
            return text
        kept: list[tuple[int, int, str]] = []
        for start, end, mark in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if kept and start < kept[-1][1]:
                continue  # inside a longer match already masked
            kept.append((start, end, mark))
        result: list[str] = []
        done = 0
        for start, end, mark in kept:
            result += [text[done:start], mark]
            done = end
        result.append(text[done:])
        return "".join(result)

    def local(self, moment: dt.datetime | None) -> dt.datetime | None:
        """A stored moment (naive UTC) as an aware time in the laptop's zone."""
        if moment is None:
            return None
        return moment.replace(tzinfo=dt.UTC).astimezone()


SectionMaker = Callable[[Session, Subject], Sequence[Section]]
SubjectFinder = Callable[[Session, str], Subject | None]


@dataclass(frozen=True)
class _Registered:
    key: str
    order: int
    make: SectionMaker


_SECTIONS: dict[str, _Registered] = {}
_FINDERS: list[SubjectFinder] = []

SUBJECT_ACCESS_MODULES: tuple[str, ...] = (
    "vlot_desktop.services.case_privacy",
    "vlot_desktop.services.contact_subject_access",
)
"""The modules that register sections (or subject finders): imported before every export."""


def subject_access_section(key: str, *, order: int) -> Callable[[SectionMaker], SectionMaker]:
    """Register a function that gives the sections of one kind of personal record for a
    subject (none when it holds nothing about them). ``order``: where they come in the export
    (10 the person's own fields, 20 their case, 30 its notes, 40 the viewings; new kinds
    after). Registering a key again replaces it (a module reloaded)."""

    def register(make: SectionMaker) -> SectionMaker:
        _SECTIONS[key] = _Registered(key, order, make)
        return make

    return register


def subject_finder(find: SubjectFinder) -> SubjectFinder:
    """Register how a person id of one kind is found (household member, ...): it returns the
    :class:`Subject`, or None when the id is not one of its kind."""
    if find not in _FINDERS:
        _FINDERS.append(find)
    return find


def registered_sections() -> list[str]:
    """The keys of the sections an export is made of, in their order."""
    _load_section_modules()
    return [r.key for r in sorted(_SECTIONS.values(), key=lambda r: (r.order, r.key))]


def _load_section_modules() -> None:
    for name in SUBJECT_ACCESS_MODULES:
        importlib.import_module(name)


def find_subject(session: Session, person_id: str) -> Subject:
    """The subject with ``person_id``; raises :class:`UnknownMemberError` when no kind of
    person has that id."""
    _load_section_modules()
    for find in _FINDERS:
        subject = find(session, person_id)
        if subject is not None:
            return subject
    raise UnknownMemberError(person_id)


SUBJECT_RIGHTS = (
    "U mag deze gegevens inkijken en er een kopie van krijgen (inzage, AVG artikel 15): dat "
    "is dit overzicht.",
    "U mag vragen om onjuiste of onvolledige gegevens te verbeteren (artikel 16).",
    "U mag vragen om uw gegevens te wissen wanneer ze niet meer nodig zijn (artikel 17); na "
    "de bewaartermijn gebeurt dat vanzelf.",
    "U mag vragen om het gebruik van uw gegevens te beperken (artikel 18) en u mag bezwaar "
    "maken tegen het gebruik ervan (artikel 21).",
    "Bent u het niet eens met hoe wij met uw gegevens omgaan, dan kunt u klacht indienen bij "
    "de Vlaamse Toezichtcommissie voor de verwerking van persoonsgegevens (VTC).",
)
"""The rights the export lists (to be kept in step with the privacy statement of VLOT)."""


def subject_contact(subject: Subject) -> str:
    team = subject.team or "het VLOT-team dat uw dossier behandelt"
    return (
        f"Voor een vraag over uw gegevens of om een van deze rechten uit te oefenen: neem "
        f"contact op met {team}, met vermelding van dossier {subject.reference}. Het team "
        "geeft uw vraag door aan de functionaris voor gegevensbescherming."
    )


def subject_access(
    session: Session,
    person_id: str,
    *,
    made_by: str | None = None,
    retention_months: int = DEFAULT_RETENTION_MONTHS,
    made_at: dt.datetime | None = None,
) -> SubjectAccessReport:
    """Everything VLOT holds about one person (GDPR art. 15), section by section, as the
    report prints it and the JSON holds it. Raises :class:`UnknownMemberError`."""
    subject = find_subject(session, person_id)
    subject = replace(
        subject,
        retention_months=retention_months,
        made_at=(made_at or dt.datetime.now()).astimezone().replace(second=0, microsecond=0),
    )
    sections: list[Section] = []
    for registered in sorted(_SECTIONS.values(), key=lambda r: (r.order, r.key)):
        sections += registered.make(session, subject)
    return SubjectAccessReport(
        person=subject.name,
        reference=subject.reference,
        made_at=subject.made_at,
        made_by=made_by,
        sections=tuple(sections),
        rights=SUBJECT_RIGHTS,
        contact=subject_contact(subject),
    )


def export_person(session: Session, member_id: str) -> dict[str, Any]:
    """:func:`subject_access` of one person as the JSON file holds it."""
    return subject_access_json(subject_access(session, member_id))


def _write_atomically(out: Path, data: bytes) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.parent / f".{out.stem[:40]}-{uuid.uuid4().hex[:12]}.part"
    try:
        temp.write_bytes(data)
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)


def write_subject_access_json(data: dict[str, Any], out: Path) -> None:
    """Write an export's dictionary (:func:`export_person`, :func:`export_asker`) as readable
    UTF-8 JSON (Cyrillic kept as is)."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    _write_atomically(out, text.encode("utf-8"))
