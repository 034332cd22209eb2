"""The agenda a meeting is proposed from its open records (docs/coordination.md).

For a meeting of a series, :func:`propose` lists what is open, each as a :class:`Proposal`
of a kind (``meeting_rules.AgendaItemKind``) linked to its record:

- the open actions of the series' earlier meetings (every series; until they are done);
- cases: the open cases of the series' case type whose deadline is passed or within a week
  (the case meetings: rehousing, vulnerable profiles, FEDASIL places);
- questions past their due date: open questions with a dispatch whose due date passed;
- dispatches without answer: a policy domain that gave no answer (``geen_antwoord``) since the
  series' last meeting, while the question is open;
- new prospects: prospect visits made since the series' last meeting;
- locations that stop: locations wound down or closed since the last meeting, and those whose
  closing date falls within the next 30 days.

Which kinds a series looks at is ``meeting_rules.AGENDA_SOURCES``; a series of one team looks
at that team's records only. At most :data:`MAX_PER_KIND` proposals of one kind, the most
pressing first; the rest are counted (``left_out``). Titles name no household member: a case
is its reference, type, municipality and deadline. Reads only; :mod:`services.meetings`
writes the points.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from vlot_desktop.domain.case_rules import DUE_SOON_DAYS
from vlot_desktop.domain.enums import CaseStatus, CaseType, LocationStatus, MeetingKind
from vlot_desktop.domain.meeting_rules import (
    AGENDA_ORDER,
    AGENDA_SOURCES,
    CASE_TYPE_OF,
    DEFAULT_SERIES,
    AgendaItemKind,
    Rhythm,
    SeriesDefault,
    parse_weekdays,
)
from vlot_desktop.domain.question_rules import DispatchStatus
from vlot_desktop.services.activity_common import as_date, derived_id

MAX_PER_KIND = 10
FIRST_WINDOW_DAYS = 14
"""Without an earlier meeting, "since the last meeting" means the last two weeks."""
STOPPING_AHEAD_DAYS = 30

_K = AgendaItemKind


@dataclass(frozen=True)
class Proposal:
    kind: AgendaItemKind
    title: str
    link_table: str
    link_id: str


@dataclass(frozen=True)
class AgendaProposal:
    proposals: list[Proposal]
    left_out: dict[AgendaItemKind, int] = field(default_factory=dict)


@dataclass(frozen=True)
class MeetingContext:
    """What the proposal needs to know of the meeting and its series."""

    meeting_id: str
    series_id: str | None
    kind: MeetingKind
    held_on: dt.date
    team_code: str | None
    previous_on: dt.date | None  # the series' last meeting before this one


def default_series_id(kind: MeetingKind) -> str:
    """The id of the default series of a kind: the same on every laptop."""
    return derived_id("meeting_series", kind.value)


DEFAULTS_BY_ID: dict[str, SeriesDefault] = {default_series_id(d.kind): d for d in DEFAULT_SERIES}


@dataclass(frozen=True)
class SeriesInfo:
    """A series as the services need it: from its row, or the default of the seed."""

    id: str
    kind: MeetingKind
    name: str
    rhythm: Rhythm
    weekdays: tuple[int, ...]
    team_code: str | None
    active: bool
    notes: str | None
    stored: bool  # False: a default series nobody changed (no row)


def series_info(conn: sqlite3.Connection, series_id: str) -> SeriesInfo | None:
    row = conn.execute(
        "SELECT kind, name, rhythm, weekdays, team_code, active, notes FROM meeting_series "
        "WHERE id = ?",
        (series_id,),
    ).fetchone()
    if row is not None:
        kind, name, rhythm, weekdays, team, active, notes = row
        return SeriesInfo(
            series_id,
            MeetingKind(kind),
            str(name),
            Rhythm(rhythm),
            parse_weekdays(weekdays),
            team,
            bool(active),
            notes,
            True,
        )
    default = DEFAULTS_BY_ID.get(series_id)
    if default is None:
        return None
    return SeriesInfo(
        series_id,
        default.kind,
        default.name,
        default.rhythm,
        default.weekdays,
        None,
        True,
        None,
        False,
    )


def all_series(conn: sqlite3.Connection) -> list[SeriesInfo]:
    """Every series: the stored ones and the defaults nobody changed, in the seed's order
    (by kind), then by name."""
    ids = [str(r[0]) for r in conn.execute("SELECT id FROM meeting_series")]
    ids += [i for i in DEFAULTS_BY_ID if i not in ids]
    found = [info for i in ids if (info := series_info(conn, i)) is not None]
    kinds = list(MeetingKind)
    found.sort(key=lambda s: (kinds.index(s.kind), s.stored, s.name))
    return found


def _belgian(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def series_condition(alias: str = "m") -> str:
    """SQL: the meetings of series ``:series`` (the meetings of before 0009 had no series:
    those of its kind count for the default series of that kind)."""
    return (
        f"({alias}.series_id = :series OR ({alias}.series_id IS NULL AND {alias}.kind = :kind "
        "AND :series = :default_series))"
    )


def meeting_context(conn: sqlite3.Connection, meeting_id: str) -> MeetingContext | None:
    row = conn.execute(
        "SELECT m.series_id, m.kind, m.held_on, coalesce(s.team_code, m.team_code) "
        "FROM meeting AS m LEFT JOIN meeting_series AS s ON s.id = m.series_id WHERE m.id = ?",
        (meeting_id,),
    ).fetchone()
    if row is None:
        return None
    series_id, kind, held_on, team = row
    kind = MeetingKind(kind)
    held = as_date(held_on)
    assert held is not None
    series = series_id or default_series_id(kind)
    previous = conn.execute(
        f"SELECT max(m.held_on) FROM meeting AS m WHERE {series_condition()} "
        "AND m.held_on < :day AND m.id != :meeting AND coalesce(m.status, 'gehouden') != "
        "'geannuleerd'",
        {
            "series": series,
            "kind": kind.value,
            "default_series": default_series_id(kind),
            "day": held.isoformat(),
            "meeting": meeting_id,
        },
    ).fetchone()[0]
    # A central series (team NULL, or the central team) looks at every team's records.
    scope = None if team in (None, "centraal") else str(team)
    return MeetingContext(meeting_id, series, kind, held, scope, as_date(previous))


def _since(ctx: MeetingContext) -> dt.date:
    return ctx.previous_on or ctx.held_on - dt.timedelta(days=FIRST_WINDOW_DAYS)


# -- the sources -------------------------------------------------------------------------------

Rows = list[tuple[object, ...]]


def _open_actions(conn: sqlite3.Connection, ctx: MeetingContext, today: dt.date) -> Rows:
    return conn.execute(
        "SELECT a.id, a.title, s.name, a.due_on FROM meeting_action AS a "
        "JOIN meeting AS m ON m.id = a.meeting_id "
        "LEFT JOIN staff_user AS s ON s.id = a.owner_id "
        f"WHERE a.done_on IS NULL AND {series_condition()} AND m.held_on <= :day "
        "AND m.id != :meeting ORDER BY a.due_on IS NULL, a.due_on, m.held_on, a.id",
        {
            "series": ctx.series_id,
            "kind": ctx.kind.value,
            "default_series": default_series_id(ctx.kind),
            "day": ctx.held_on.isoformat(),
            "meeting": ctx.meeting_id,
        },
    ).fetchall()


def _action_title(row: tuple[object, ...], today: dt.date) -> str:
    _, title, owner, due = row
    due_on = as_date(due)
    late = " — te laat" if due_on is not None and due_on < today else ""
    return f"Actiepunt: {title} ({owner or 'geen eigenaar'}, termijn {_belgian(due_on)}{late})"


def _cases(conn: sqlite3.Connection, ctx: MeetingContext, today: dt.date) -> Rows:
    case_type = CASE_TYPE_OF.get(ctx.kind)
    if case_type is None:
        return []
    open_statuses = [s.value for s in CaseStatus if s.is_open]
    team_part = " AND c.team_code = ?" if ctx.team_code else ""
    params: list[object] = [case_type.value, *open_statuses]
    params.append((today + dt.timedelta(days=DUE_SOON_DAYS - 1)).isoformat())
    if ctx.team_code:
        params.append(ctx.team_code)
    return conn.execute(
        "SELECT c.id, c.reference, c.case_type, mu.name_nl, c.deadline FROM case_file AS c "
        "LEFT JOIN municipality AS mu ON mu.nis_code = c.municipality_nis "
        f"WHERE c.case_type = ? AND c.status IN ({','.join('?' * len(open_statuses))}) "
        f"AND c.deadline IS NOT NULL AND c.deadline <= ?{team_part} "
        "ORDER BY c.deadline, c.reference",
        params,
    ).fetchall()


def case_title(
    reference: object, case_type: object, municipality: object, deadline: object, today: dt.date
) -> str:
    """A case as an agenda point: reference, type, municipality, deadline (no names)."""
    try:
        type_label = CaseType(str(case_type)).label_nl
    except ValueError:
        type_label = str(case_type)
    day = as_date(deadline)
    late = " — te laat" if day is not None and day < today else ""
    return f"Dossier {reference} ({type_label}, {municipality}): deadline {_belgian(day)}{late}"


def _overdue_questions(conn: sqlite3.Connection, ctx: MeetingContext, today: dt.date) -> Rows:
    team_part = " AND q.team_code = ?" if ctx.team_code else ""
    params: list[object] = [
        DispatchStatus.ASKED.value,
        DispatchStatus.REMINDED.value,
        today.isoformat(),
    ]
    if ctx.team_code:
        params.append(ctx.team_code)
    return conn.execute(
        "SELECT q.id, coalesce(q.reference, ''), q.subject, min(d.due_on) "
        "FROM question AS q JOIN question_dispatch AS d ON d.question_id = q.id "
        "WHERE q.status IN ('nieuw', 'in_behandeling', 'doorverwezen') "
        f"AND d.status IN (?, ?) AND d.due_on < ?{team_part} "
        "GROUP BY q.id ORDER BY min(d.due_on), q.id",
        params,
    ).fetchall()


def _unanswered_dispatches(conn: sqlite3.Connection, ctx: MeetingContext, today: dt.date) -> Rows:
    team_part = " AND q.team_code = ?" if ctx.team_code else ""
    params: list[object] = [DispatchStatus.NO_ANSWER.value, _since(ctx).isoformat()]
    if ctx.team_code:
        params.append(ctx.team_code)
    return conn.execute(
        "SELECT d.id, coalesce(q.reference, ''), q.subject, coalesce(p.name_nl, d.domain_code) "
        "FROM question_dispatch AS d JOIN question AS q ON q.id = d.question_id "
        "LEFT JOIN policy_domain AS p ON p.code = d.domain_code "
        "WHERE q.status IN ('nieuw', 'in_behandeling', 'doorverwezen') AND d.status = ? "
        f"AND coalesce(d.reminded_on, d.due_on, d.sent_on) >= ?{team_part} "
        "ORDER BY d.due_on, d.id",
        params,
    ).fetchall()


def _province_team(alias: str) -> str:
    return (
        f"(SELECT pr.team_code FROM municipality AS mu2 JOIN province AS pr "
        f"ON pr.code = mu2.province_code WHERE mu2.nis_code = {alias}.municipality_nis)"
    )


def _new_prospects(conn: sqlite3.Connection, ctx: MeetingContext, today: dt.date) -> Rows:
    team_part = f" AND {_province_team('v')} = ?" if ctx.team_code else ""
    params: list[object] = [_since(ctx).isoformat(), ctx.held_on.isoformat() + " 23:59:59"]
    if ctx.team_code:
        params.append(ctx.team_code)
    return conn.execute(
        "SELECT v.id, v.name, mu.name_nl, v.estimated_places FROM prospect_visit AS v "
        "LEFT JOIN municipality AS mu ON mu.nis_code = v.municipality_nis "
        f"WHERE v.created_at >= ? AND v.created_at <= ?{team_part} "
        "ORDER BY v.created_at, v.id",
        params,
    ).fetchall()


def _stopping_locations(conn: sqlite3.Connection, ctx: MeetingContext, today: dt.date) -> Rows:
    retired = (LocationStatus.WOUND_DOWN.value, LocationStatus.CLOSED.value)
    team_part = f" AND {_province_team('l')} = ?" if ctx.team_code else ""
    params: list[object] = [
        *retired,
        _since(ctx).isoformat(),
        *retired,
        today.isoformat(),
        (today + dt.timedelta(days=STOPPING_AHEAD_DAYS)).isoformat(),
    ]
    if ctx.team_code:
        params.append(ctx.team_code)
    return conn.execute(
        "SELECT l.id, l.name, mu.name_nl, l.capacity, coalesce(l.closed_on, l.status_since) "
        "FROM location AS l LEFT JOIN municipality AS mu ON mu.nis_code = l.municipality_nis "
        "WHERE ((l.status IN (?, ?) AND l.id IN (SELECT location_id FROM "
        "location_status_change WHERE to_status = l.status AND changed_on >= ?)) "
        "OR (l.status NOT IN (?, ?) AND l.closed_on BETWEEN ? AND ?))"
        f"{team_part} ORDER BY coalesce(l.closed_on, l.status_since), l.name, l.id",
        params,
    ).fetchall()


def _title(kind: AgendaItemKind, row: tuple[object, ...], today: dt.date) -> str:
    if kind is _K.OPEN_ACTION:
        return _action_title(row, today)
    if kind is _K.CASE:
        return case_title(row[1], row[2], row[3], row[4], today)
    if kind is _K.OVERDUE_QUESTION:
        return f"Vraag {row[1]}: {row[2]} (antwoord verwacht sinds {_belgian(as_date(row[3]))})"
    if kind is _K.UNANSWERED_DISPATCH:
        return f"Geen antwoord van {row[3]} op vraag {row[1]}: {row[2]}"
    if kind is _K.NEW_PROSPECT:
        places = f", ca. {row[3]} plaatsen" if row[3] else ""
        return f"Nieuwe prospectie: {row[1]} ({row[2]}{places})"
    return f"Locatie stopt: {row[1]} ({row[2]}, {row[3]} plaatsen) op {_belgian(as_date(row[4]))}"


Source = Callable[[sqlite3.Connection, MeetingContext, dt.date], Rows]
SOURCES: dict[AgendaItemKind, tuple[Source, str]] = {
    _K.OPEN_ACTION: (_open_actions, "meeting_action"),
    _K.CASE: (_cases, "case_file"),
    _K.OVERDUE_QUESTION: (_overdue_questions, "question"),
    _K.UNANSWERED_DISPATCH: (_unanswered_dispatches, "question_dispatch"),
    _K.NEW_PROSPECT: (_new_prospects, "prospect_visit"),
    _K.LOCATION_STOPPING: (_stopping_locations, "location"),
}


def propose(conn: sqlite3.Connection, ctx: MeetingContext, today: dt.date) -> AgendaProposal:
    """The points the open records propose for the meeting, in the agenda's order."""
    wanted = AGENDA_SOURCES.get(ctx.kind, frozenset()) | {_K.OPEN_ACTION}
    proposals: list[Proposal] = []
    left_out: dict[AgendaItemKind, int] = {}
    for kind in AGENDA_ORDER:
        if kind not in wanted or kind not in SOURCES:
            continue
        source, table = SOURCES[kind]
        rows = source(conn, ctx, today)
        limit = len(rows) if kind is _K.OPEN_ACTION else MAX_PER_KIND
        for row in rows[:limit]:
            proposals.append(Proposal(kind, _title(kind, row, today)[:300], table, str(row[0])))
        if len(rows) > limit:
            left_out[kind] = len(rows) - limit
    return AgendaProposal(proposals, left_out)
