"""The reads behind the Vragen screen, as the screen asks for them (in a worker): one page of
the filtered question list with its total and the counts per status, the list lines of a few
questions after an edit, what the filters choose from, and the reminder list of overdue
dispatches. Each takes a connection (``Store.read`` gives one) and returns plain rows.

The filter (:class:`QuestionFilter`) covers status (or open/closed), receiving team, handling
team, theme, policy domain (the theme's domain or a domain the question was sent to),
municipality, period (the date received) and overdue (a dispatch still unanswered after its
due date, on an open question). The search box takes words (each must start a word of the
subject or the question; the word index of ``db.helpdesk_search``; words of three letters or
more) or a reference ("VR-2026-K7MX4Q", or its start from "VR-2026-K"). Measured in
``tests/benchmarks/helpdesk_bench.py`` (≤ 100 ms on 40,000 questions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    column,
    false,
    func,
    literal,
    or_,
    select,
    table,
)

from vlot_desktop.db import helpdesk_search
from vlot_desktop.db.models import (
    ContactPerson,
    Municipality,
    Organisation,
    PolicyDomain,
    PolicyDomainContact,
    Province,
    Question,
    QuestionDispatch,
    StaffUser,
    Team,
    Theme,
)
from vlot_desktop.db.queries._common import raw_text, unindexed
from vlot_desktop.domain.enums import QuestionStatus
from vlot_desktop.domain.question_rules import (
    DispatchStatus,
    match_all_words,
    normalise_question_reference,
    question_reference,
)
from vlot_desktop.domain.text import like_pattern
from vlot_desktop.services.store import FirstPage

PAGE_SIZE = 200
SEARCH_WORD_FROM = 3  # letters of a word before it is searched
REFERENCE_SEARCH_FROM = len("VR-2026-K")
OPEN_STATUSES = tuple(s.value for s in QuestionStatus if s.is_open)
CLOSED_STATUSES = tuple(s.value for s in QuestionStatus if not s.is_open)
OPEN_DISPATCH = (DispatchStatus.ASKED.value, DispatchStatus.REMINDED.value)


class QuestionState(StrEnum):
    OPEN = "open"  # nieuw, in behandeling, doorverwezen
    CLOSED = "closed"  # beantwoord, gesloten


class QuestionSort(StrEnum):
    """What the list can be sorted by (the columns of the screen)."""

    RECEIVED = "received"
    REFERENCE = "reference"
    SUBJECT = "subject"
    STATUS = "status"
    RECEIVED_TEAM = "received_team"
    HANDLING_TEAM = "handling_team"
    MUNICIPALITY = "municipality"
    THEME = "theme"
    DUE = "due"


@dataclass(frozen=True)
class QuestionFilter:
    """What the user chose above the list; ``None`` / empty means no restriction.

    ``received_from``/``received_to``: the period, both days included. ``overdue_only`` and
    the overdue mark of the rows use ``today``.
    """

    search: str = ""
    status: QuestionStatus | None = None
    state: QuestionState | None = None
    received_team_code: str | None = None
    handling_team_code: str | None = None
    theme_code: str | None = None
    domain_code: str | None = None
    municipality_nis: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    overdue_only: bool = False
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class QuestionRow:
    """One line of the Vragen list (``asker`` is personal data: shown, never logged)."""

    id: str
    reference: str
    received_on: dt.date
    subject: str
    status: str
    received_team_code: str
    handling_team_code: str
    municipality_nis: str | None
    municipality_name: str | None
    theme_code: str | None
    theme_name: str | None
    domain_code: str | None  # the theme's policy domain
    dispatched_to: tuple[str, ...]  # the domains asked, in the order they were asked
    open_dispatches: int
    next_due_on: dt.date | None  # the earliest due date of an unanswered dispatch
    overdue: bool
    channel: str
    asker: str
    handled_by_name: str | None
    answered_on: dt.date | None
    published: bool


@dataclass(frozen=True)
class StatusCounts:
    """How many questions of the filter (its status part left out) have each status: the
    figures beside the list ("Nieuw 12 · In behandeling 30 · ..."), and how many are overdue."""

    by_status: dict[str, int]
    overdue: int

    @property
    def open(self) -> int:
        return sum(n for status, n in self.by_status.items() if status in OPEN_STATUSES)


@dataclass(frozen=True)
class QuestionPage:
    rows: list[QuestionRow]
    total: int


# -- conditions -------------------------------------------------------------------------------

_FTS = table(helpdesk_search.QUESTIONS.fts, column("rowid"), column(helpdesk_search.QUESTIONS.fts))
_KEY = table(helpdesk_search.QUESTIONS.key, column("k"), column("question_id"))


def _status(column_: Any) -> ColumnElement[str]:
    return raw_text(column_)


def _overdue_ids(today: dt.date) -> Select[Any]:
    return select(QuestionDispatch.question_id).where(
        _status(QuestionDispatch.status).in_(OPEN_DISPATCH),
        QuestionDispatch.due_on < today,
    )


def _dense(conn: Connection, query: str) -> bool:
    """Whether so many questions match that walking the date index to a page's end (about
    ``PAGE_SIZE`` x questions / hits rows) costs less than looking every hit up and sorting
    them (hits rows): more hits than sqrt(PAGE_SIZE x questions)."""
    q = helpdesk_search.QUESTIONS
    row = conn.exec_driver_sql(
        f"SELECT (SELECT count(*) FROM {q.fts} WHERE {q.fts} MATCH ?), "
        f"(SELECT count(*) FROM {q.key})",
        (query,),
    ).one()
    return int(row[0]) ** 2 > PAGE_SIZE * int(row[1])


def _search_condition(
    conn: Connection, search: str, walk_received: bool = False
) -> ColumnElement[bool] | None:
    """Words: the index (or LIKE without FTS5); a reference: the reference index.

    ``walk_received``: when the words match many questions, they are tested while the date
    index is walked (stopping at the page's end) instead of being looked up one by one and
    sorted (a common word on 40,000 questions: 15 ms -> 2 ms)."""
    text = search.strip()
    if not text:
        return None
    reference = normalise_question_reference(text)
    if reference is not None:
        return Question.reference == reference
    if text.upper().startswith("VR-") and any(ch.isdigit() for ch in text):
        # The start of a reference: from the year and a symbol of the code on ("VR-2026-K"),
        # a range over the reference index; before that it narrows nothing yet.
        start = text.upper()
        if len(start) < REFERENCE_SEARCH_FROM:
            return None
        return and_(Question.reference >= start, Question.reference < start + "\uffff")
    # A word of one or two letters starts a word of nearly every question ("vr": vraag,
    # vragen, vrij): it narrows nothing and costs a scan of much of the index (100-180 ms on
    # the large set). Words are searched from three letters.
    text = " ".join(w for w in text.split() if len(w) >= SEARCH_WORD_FROM)
    if not text:
        return None
    if helpdesk_search.is_installed(conn):
        query = match_all_words(text)
        if query is None:
            return None
        hits = (
            select(_KEY.c.question_id)
            .select_from(_FTS.join(_KEY, _KEY.c.k == _FTS.c.rowid))
            .where(_FTS.c[helpdesk_search.QUESTIONS.fts].op("MATCH")(query))
        )
        if walk_received and _dense(conn, query):
            return unindexed(Question.id).in_(hits)
        return Question.id.in_(hits)
    pattern = like_pattern(text)
    return or_(
        func.lower(Question.subject).like(pattern, escape="\\"),
        func.lower(Question.question_text).like(pattern, escape="\\"),
    )


def _status_conditions(f: QuestionFilter) -> list[ColumnElement[bool]]:
    status = _status(Question.status)
    conditions: list[ColumnElement[bool]] = []
    if f.status is not None:
        conditions.append(status == f.status.value)
    if f.state is QuestionState.OPEN:
        conditions.append(status.in_(OPEN_STATUSES))
    elif f.state is QuestionState.CLOSED:
        conditions.append(status.in_(CLOSED_STATUSES))
    return conditions


def question_conditions(
    conn: Connection,
    question_filter: QuestionFilter,
    *,
    with_status: bool = True,
    walk_received: bool = False,
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of the filter (``with_status=False``: without its status part,
    for the counts per status).

    ``walk_received``: for a page in date order. The handling team, theme and municipality
    are then compared without their indexes, so SQLite walks the date index and stops at the
    page's end instead of sorting every match (the handling team "centraal": 21 ms -> 0.2 ms
    on 40,000 questions; the database has no statistics to tell it so).
    """
    f = question_filter

    def plain(column_: Any) -> Any:
        return unindexed(column_) if walk_received else column_

    conditions = _status_conditions(f) if with_status else []
    if f.received_team_code:
        # Not coalesce(): that reads every row. A NULL is a row written by a laptop of the first
        # release after the update; its team is then the receiving team too.
        conditions.append(
            or_(
                Question.received_team_code == f.received_team_code,
                and_(
                    Question.received_team_code.is_(None),
                    Question.team_code == f.received_team_code,
                ),
            )
        )
    if f.handling_team_code:
        conditions.append(plain(Question.team_code) == f.handling_team_code)
    if f.theme_code:
        conditions.append(plain(Question.theme_code) == f.theme_code)
    if f.domain_code:
        conditions.append(
            or_(
                Question.theme_code.in_(
                    select(Theme.code).where(Theme.domain_code == f.domain_code)
                ),
                Question.id.in_(
                    select(QuestionDispatch.question_id).where(
                        QuestionDispatch.domain_code == f.domain_code
                    )
                ),
            )
        )
    if f.municipality_nis:
        conditions.append(plain(Question.municipality_nis) == f.municipality_nis)
    if f.received_from is not None:
        conditions.append(Question.received_on >= f.received_from)
    if f.received_to is not None:
        conditions.append(Question.received_on <= f.received_to)
    if f.received_from and f.received_to and f.received_from > f.received_to:
        conditions.append(false())
    if f.overdue_only:
        conditions.append(_status(Question.status).in_(OPEN_STATUSES))
        conditions.append(Question.id.in_(_overdue_ids(f.today)))
    searched = _search_condition(conn, f.search, walk_received)
    if searched is not None:
        conditions.append(searched)
    return conditions


# -- sorting --------------------------------------------------------------------------------


def _order(values: list[str]) -> dict[str, int]:
    return {value: position for position, value in enumerate(values)}


def _next_due() -> Any:
    return (
        select(func.min(QuestionDispatch.due_on))
        .where(
            QuestionDispatch.question_id == Question.id,
            _status(QuestionDispatch.status).in_(OPEN_DISPATCH),
        )
        .scalar_subquery()
    )


def _sort_key(sort: QuestionSort) -> Any:
    if sort is QuestionSort.REFERENCE:
        return Question.reference
    if sort is QuestionSort.SUBJECT:
        return func.lower(Question.subject)
    if sort is QuestionSort.STATUS:  # workflow order
        return case(
            _order([s.value for s in QuestionStatus]),
            value=_status(Question.status),
            else_=len(QuestionStatus),
        )
    if sort is QuestionSort.RECEIVED_TEAM:
        return (
            select(Team.sort_order)
            .where(Team.code == func.coalesce(Question.received_team_code, Question.team_code))
            .scalar_subquery()
        )
    if sort is QuestionSort.HANDLING_TEAM:
        return select(Team.sort_order).where(Team.code == Question.team_code).scalar_subquery()
    if sort is QuestionSort.MUNICIPALITY:
        return (
            select(Municipality.search_name)
            .where(Municipality.nis_code == Question.municipality_nis)
            .scalar_subquery()
        )
    if sort is QuestionSort.THEME:
        return select(Theme.name_nl).where(Theme.code == Question.theme_code).scalar_subquery()
    if sort is QuestionSort.DUE:
        return _next_due()
    return Question.received_on


def _order_by(sort: QuestionSort, descending: bool) -> list[Any]:
    key = _sort_key(sort)
    order: list[Any] = []
    if sort is QuestionSort.DUE:
        order.append(key.is_(None))  # without a due date last, whatever the direction
    order.append(key.desc() if descending else key.asc())
    order.append(Question.id.desc() if descending else Question.id)
    return order


# -- the list -------------------------------------------------------------------------------


def _status_part(question_filter: QuestionFilter) -> set[str] | None:
    """The statuses the status part of the filter lets through (``None``: all, also a status
    of a newer version)."""
    if question_filter.status is None and question_filter.state is None:
        return None
    allowed = {s.value for s in QuestionStatus}
    if question_filter.status is not None:
        allowed &= {question_filter.status.value}
    if question_filter.state is QuestionState.OPEN:
        allowed &= set(OPEN_STATUSES)
    elif question_filter.state is QuestionState.CLOSED:
        allowed &= set(CLOSED_STATUSES)
    return allowed


def _page_ids(
    conn: Connection,
    conditions: list[ColumnElement[bool]],
    sort: QuestionSort,
    descending: bool,
    offset: int,
    limit: int,
) -> list[str]:
    stmt = (
        select(Question.id)
        .where(*conditions)
        .order_by(*_order_by(sort, descending))
        .offset(offset)
        .limit(limit)
    )
    return list(conn.scalars(stmt))


def list_questions(
    conn: Connection,
    question_filter: QuestionFilter,
    *,
    sort: QuestionSort = QuestionSort.RECEIVED,
    descending: bool = True,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> QuestionPage:
    """One page of the questions matching the filter in the chosen order, and their total.
    Equal sort values fall back to the id, so pages never overlap."""
    helpdesk_search.ensure_current(conn)
    conditions = question_conditions(conn, question_filter)
    ids = _page_ids(
        conn,
        question_conditions(conn, question_filter, walk_received=sort is QuestionSort.RECEIVED),
        sort,
        descending,
        offset,
        limit,
    )
    total = int(conn.scalar(select(func.count()).select_from(Question).where(*conditions)) or 0)
    rows = {row.id: row for row in question_rows(conn, ids, question_filter.today)}
    return QuestionPage([rows[i] for i in ids if i in rows], total)


def status_counts(conn: Connection, question_filter: QuestionFilter) -> StatusCounts:
    """The counts per status of the filter without its status part, and how many of the
    questions the filter shows are overdue."""
    conditions = question_conditions(conn, question_filter, with_status=False)
    status = _status(Question.status)
    # With a filter, grouped without the status index: walking it reads the matching rows in
    # random order (27 ms for a team on 40,000 questions), a plain scan takes 6 ms.
    grouped = unindexed(status) if conditions else status
    counts = {s.value: 0 for s in QuestionStatus}
    for value, number in conn.execute(
        select(grouped, func.count()).where(*conditions).group_by(grouped)
    ):
        counts[str(value)] = int(number)
    allowed = _status_part(question_filter)
    late_statuses = [s for s in OPEN_STATUSES if allowed is None or s in allowed]
    late = 0
    if late_statuses:
        # The overdue dispatches are few: look their questions up, do not scan.
        late = int(
            conn.scalar(
                select(func.count())
                .select_from(Question)
                .where(
                    *conditions,
                    status.in_(late_statuses),
                    Question.id.in_(_overdue_ids(question_filter.today)),
                )
            )
            or 0
        )
    return StatusCounts(counts, late)


def _asker_label() -> Any:
    contact = (
        select(ContactPerson.first_name + literal(" ") + ContactPerson.last_name)
        .where(ContactPerson.id == Question.asker_contact_id)
        .scalar_subquery()
    )
    return func.coalesce(Question.asker_name, contact, literal(""))


def question_rows(conn: Connection, question_ids: list[str], today: dt.date) -> list[QuestionRow]:
    """The list lines of these questions (any filter), in no particular order."""
    if not question_ids:
        return []
    dispatched = (
        select(
            QuestionDispatch.question_id,
            func.group_concat(QuestionDispatch.domain_code, ",").label("domains"),
            func.sum(case((_status(QuestionDispatch.status).in_(OPEN_DISPATCH), 1), else_=0)).label(
                "open"
            ),
            func.min(
                case(
                    (
                        _status(QuestionDispatch.status).in_(OPEN_DISPATCH),
                        QuestionDispatch.due_on,
                    ),
                    else_=None,
                )
            ).label("due"),
        )
        .where(QuestionDispatch.question_id.in_(question_ids))
        .group_by(QuestionDispatch.question_id)
        .subquery("dispatched")
    )
    stmt = (
        select(
            Question.id,
            Question.reference,
            Question.received_on,
            Question.subject,
            _status(Question.status),
            func.coalesce(Question.received_team_code, Question.team_code),
            Question.team_code,
            Question.municipality_nis,
            Municipality.name_nl,
            Question.theme_code,
            Theme.name_nl,
            Theme.domain_code,
            dispatched.c.domains,
            dispatched.c.open,
            dispatched.c.due,
            _status(Question.channel),
            _asker_label(),
            StaffUser.name,
            Question.answered_on,
            Question.published,
        )
        .outerjoin(Municipality, Municipality.nis_code == Question.municipality_nis)
        .outerjoin(Theme, Theme.code == Question.theme_code)
        .outerjoin(StaffUser, StaffUser.id == Question.handled_by_id)
        .outerjoin(dispatched, dispatched.c.question_id == Question.id)
        .where(Question.id.in_(question_ids))
    )
    rows = []
    for r in conn.execute(stmt):
        due = _as_date(r[14])
        status = str(r[4])
        rows.append(
            QuestionRow(
                id=r[0],
                reference=r[1] or question_reference(r[0], r[2]),
                received_on=r[2],
                subject=r[3],
                status=status,
                received_team_code=r[5],
                handling_team_code=r[6],
                municipality_nis=r[7],
                municipality_name=r[8],
                theme_code=r[9],
                theme_name=r[10],
                domain_code=r[11],
                dispatched_to=tuple(r[12].split(",")) if r[12] else (),
                open_dispatches=int(r[13] or 0),
                next_due_on=due,
                overdue=due is not None and due < today and status in OPEN_STATUSES,
                channel=str(r[15]),
                asker=str(r[16] or ""),
                handled_by_name=r[17],
                answered_on=r[18],
                published=bool(r[19]),
            )
        )
    return rows


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# -- as the screen asks -------------------------------------------------------------------


def first_page(
    conn: Connection, question_filter: QuestionFilter, sort: str, descending: bool, limit: int
) -> FirstPage[QuestionRow]:
    """The first page, its total and (``summary``) the :class:`StatusCounts` of the filter:
    two passes over the questions (the page; the counts, which also give the total)."""
    helpdesk_search.ensure_current(conn)
    order = QuestionSort(sort)
    conditions = question_conditions(
        conn, question_filter, walk_received=order is QuestionSort.RECEIVED
    )
    ids = _page_ids(conn, conditions, order, descending, 0, limit)
    counts = status_counts(conn, question_filter)
    allowed = _status_part(question_filter)
    total = sum(n for s, n in counts.by_status.items() if allowed is None or s in allowed)
    rows = {row.id: row for row in question_rows(conn, ids, question_filter.today)}
    return FirstPage([rows[i] for i in ids if i in rows], total, counts)


def next_page(
    conn: Connection,
    question_filter: QuestionFilter,
    sort: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[QuestionRow]:
    return list_questions(
        conn,
        question_filter,
        sort=QuestionSort(sort),
        descending=descending,
        offset=offset,
        limit=limit,
    ).rows


def lines(conn: Connection, question_ids: list[str], today: dt.date) -> list[QuestionRow]:
    """The list lines of these questions (after an edit), whatever the filter."""
    return question_rows(conn, question_ids, today)


@dataclass(frozen=True)
class Choice:
    key: str
    text: str


@dataclass(frozen=True)
class ThemeChoice:
    code: str
    name: str
    domain_code: str


@dataclass(frozen=True)
class CoordinatorChoice:
    contact_id: str
    name: str
    email: str | None
    organisation: str | None


@dataclass(frozen=True)
class QuestionChoices:
    """What the filters, the intake and the dispatch dialog choose from."""

    teams: list[Choice]
    domains: list[Choice]
    themes: list[ThemeChoice]
    municipalities: list[Choice]
    municipality_teams: dict[str, str]  # NIS code -> the regional team of its province
    staff: list[Choice]
    coordinators: dict[str, list[CoordinatorChoice]]  # domain -> its active sector coordinators


def choices(conn: Connection) -> QuestionChoices:
    teams = [Choice(c, n) for c, n in conn.execute(
        select(Team.code, Team.name_nl).order_by(Team.sort_order, Team.code)
    )]  # fmt: skip
    domains = [Choice(c, n) for c, n in conn.execute(
        select(PolicyDomain.code, PolicyDomain.name_nl).order_by(
            PolicyDomain.sort_order, PolicyDomain.code
        )
    )]  # fmt: skip
    themes = [
        ThemeChoice(c, n, d)
        for c, n, d in conn.execute(
            select(Theme.code, Theme.name_nl, Theme.domain_code)
            .join(PolicyDomain, PolicyDomain.code == Theme.domain_code)
            .order_by(PolicyDomain.sort_order, Theme.sort_order, Theme.code)
        )
    ]
    municipalities = [Choice(c, n) for c, n in conn.execute(
        select(Municipality.nis_code, Municipality.name_nl).order_by(Municipality.search_name)
    )]  # fmt: skip
    municipality_teams = {
        str(nis): str(team)
        for nis, team in conn.execute(
            select(Municipality.nis_code, Province.team_code).join(
                Province, Province.code == Municipality.province_code
            )
        )
    }
    staff = [Choice(i, n) for i, n in conn.execute(
        select(StaffUser.id, StaffUser.name)
        .where(StaffUser.active.is_(True))
        .order_by(StaffUser.name, StaffUser.id)
    )]  # fmt: skip
    coordinators: dict[str, list[CoordinatorChoice]] = {}
    for domain, contact_id, first, last, email, organisation in conn.execute(
        select(
            PolicyDomainContact.domain_code,
            ContactPerson.id,
            ContactPerson.first_name,
            ContactPerson.last_name,
            ContactPerson.email,
            Organisation.name,
        )
        .join(ContactPerson, ContactPerson.id == PolicyDomainContact.contact_person_id)
        .outerjoin(Organisation, Organisation.id == ContactPerson.organisation_id)
        .where(PolicyDomainContact.active.is_(True))
        .order_by(PolicyDomainContact.domain_code, PolicyDomainContact.created_at, ContactPerson.id)
    ):
        coordinators.setdefault(str(domain), []).append(
            CoordinatorChoice(str(contact_id), f"{first} {last}".strip(), email, organisation)
        )
    return QuestionChoices(
        teams, domains, themes, municipalities, municipality_teams, staff, coordinators
    )


# -- reminders ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderRow:
    """An unanswered dispatch past its due date, on an open question (the reminder list)."""

    dispatch_id: str
    question_id: str
    reference: str
    subject: str
    domain_code: str
    domain_name: str
    coordinator_name: str | None
    coordinator_email: str | None
    sent_on: dt.date
    due_on: dt.date
    days_overdue: int
    reminders: int
    reminded_on: dt.date | None


def overdue_dispatches(
    conn: Connection,
    today: dt.date,
    *,
    domain_code: str | None = None,
    handling_team_code: str | None = None,
) -> list[ReminderRow]:
    """The reminder list: every dispatch still waiting for an answer after its due date, of a
    question that is still open, the longest overdue first."""
    conditions: list[ColumnElement[bool]] = [
        _status(QuestionDispatch.status).in_(OPEN_DISPATCH),
        QuestionDispatch.due_on < today,
        _status(Question.status).in_(OPEN_STATUSES),
    ]
    if domain_code:
        conditions.append(QuestionDispatch.domain_code == domain_code)
    if handling_team_code:
        conditions.append(Question.team_code == handling_team_code)
    stmt = (
        select(
            QuestionDispatch.id,
            Question.id,
            Question.reference,
            Question.received_on,
            Question.subject,
            QuestionDispatch.domain_code,
            PolicyDomain.name_nl,
            ContactPerson.first_name,
            ContactPerson.last_name,
            ContactPerson.email,
            QuestionDispatch.sent_on,
            QuestionDispatch.due_on,
            QuestionDispatch.reminders,
            QuestionDispatch.reminded_on,
        )
        .join(Question, Question.id == QuestionDispatch.question_id)
        .join(PolicyDomain, PolicyDomain.code == QuestionDispatch.domain_code)
        .outerjoin(ContactPerson, ContactPerson.id == QuestionDispatch.coordinator_contact_id)
        .where(and_(*conditions))
        .order_by(QuestionDispatch.due_on, QuestionDispatch.id)
    )
    return [
        ReminderRow(
            dispatch_id=r[0],
            question_id=r[1],
            reference=r[2] or question_reference(r[1], r[3]),
            subject=r[4],
            domain_code=r[5],
            domain_name=r[6],
            coordinator_name=f"{r[7]} {r[8]}".strip() if r[7] is not None else None,
            coordinator_email=r[9],
            sent_on=r[10],
            due_on=r[11],
            days_overdue=(today - r[11]).days,
            reminders=int(r[12] or 0),
            reminded_on=r[13],
        )
        for r in conn.execute(stmt)
    ]
