"""Changing meetings (overleg): series, planning a meeting, its agenda (generated, reordered,
added to), the minutes (a decision per point, actions), actions until done, deleting a
meeting (docs/coordination.md).

Each write is one transaction and checks with :mod:`vlot_desktop.domain.meeting_rules` first;
it returns the problems (Dutch + English), and when there is an error nothing was changed.
``db`` is the engine or a session/connection in a transaction (``activity_common``).

Generated points have ids derived from (meeting, kind, record), so regenerating an agenda adds
only what is new, and two laptops generating the same agenda make the same rows. Deleting a
meeting deletes its points and actions, never the records they link to. Nothing here logs
texts.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from vlot_desktop.domain.contact_rules import LINKABLE_TABLES, check_link
from vlot_desktop.domain.meeting_rules import (
    ALL_TEAMS,
    AgendaItemKind,
    MeetingStatus,
    SeriesDefault,
    check_action,
    check_meeting,
    check_point,
    check_series,
    format_weekdays,
    next_meeting_date,
)
from vlot_desktop.domain.problems import Problem, Severity
from vlot_desktop.services import meeting_agenda
from vlot_desktop.services.activity_common import (
    NewId,
    Target,
    as_date,
    clean,
    derived_id,
    errors,
    exists,
    iso,
    known_staff,
    new_id,
    timestamp,
    write_transaction,
)
from vlot_desktop.services.meeting_agenda import (
    DEFAULTS_BY_ID,
    AgendaProposal,
    SeriesInfo,
    default_series_id,
)

__all__ = [
    "ActionValues",
    "AgendaResult",
    "MeetingNotFoundError",
    "MeetingResult",
    "Participant",
    "SeriesValues",
    "add_action",
    "add_point",
    "create_series",
    "default_series_id",
    "delete_meeting",
    "generate_agenda",
    "mark_action_done",
    "plan_meeting",
    "put_on_agenda",
    "record_decision",
    "remove_point",
    "reopen_action",
    "reorder_points",
    "set_meeting_status",
    "update_action",
    "update_meeting",
    "update_point",
    "update_series",
]

# Records an action or a point may link to: those of a contact, plus the meeting's own.
ACTION_LINKS = {*LINKABLE_TABLES, "location", "meeting_action", "question_dispatch"}


class MeetingNotFoundError(LookupError):
    """The meeting (or its point or action) is gone, here or on another laptop."""


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


# -- series -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    """A team (all its staff) or a role (a ContactRole value), with an optional label."""

    team_code: str | None = None
    role: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class SeriesValues:
    kind: str
    name: str
    rhythm: str
    weekdays: tuple[int, ...]
    team_code: str | None = None
    participants: tuple[Participant, ...] = ()
    active: bool = True
    notes: str | None = None


def _team_codes(conn: sqlite3.Connection) -> list[str]:
    return [str(r[0]) for r in conn.execute("SELECT code FROM team ORDER BY sort_order, code")]


def _default_participants(conn: sqlite3.Connection, default: SeriesDefault) -> list[Participant]:
    teams = _team_codes(conn)
    codes = teams if ALL_TEAMS in default.teams else [c for c in default.teams if c in teams]
    members = [Participant(team_code=c) for c in codes]
    return members + [Participant(role=r.value, label=r.label_nl) for r in default.roles]


def _materialise(conn: sqlite3.Connection, series_id: str, now: str) -> None:
    """A default series gets its row (with its participants) when a user changes it."""
    default = DEFAULTS_BY_ID.get(series_id)
    if default is None or exists(conn, "meeting_series", "id", series_id):
        return
    conn.execute(
        "INSERT INTO meeting_series (id, created_at, updated_at, kind, name, team_code, "
        "rhythm, weekdays, active) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 1)",
        (
            series_id,
            now,
            now,
            default.kind.value,
            default.name,
            default.rhythm.value,
            format_weekdays(default.weekdays),
        ),
    )
    _write_participants(conn, series_id, _default_participants(conn, default), now)


def _write_participants(
    conn: sqlite3.Connection,
    series_id: str,
    participants: Sequence[Participant],
    now: str,
    *,
    make_id: NewId | None = None,
) -> None:
    for p in participants:
        conn.execute(
            "INSERT INTO meeting_series_participant (id, created_at, updated_at, "
            "series_id, team_code, role, label) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (new_id(make_id), now, now, series_id, p.team_code, p.role, clean(p.label)),
        )


def _check_series(conn: sqlite3.Connection, values: SeriesValues) -> list[Problem]:
    problems = check_series(
        name=values.name, kind=values.kind, rhythm=values.rhythm, weekdays=values.weekdays
    )
    teams = set(_team_codes(conn))
    if values.team_code and values.team_code not in teams:
        problems.append(_error("team_code", "Onbekend team.", "Unknown team."))
    if any(p.team_code and p.team_code not in teams for p in values.participants):
        problems.append(_error("participants", "Onbekend team.", "Unknown team."))
    return problems


def create_series(
    db: Target, values: SeriesValues, *, make_id: NewId | None = None
) -> tuple[str | None, list[Problem]]:
    """A new series (an ad-hoc working group, a series of one regional team)."""
    with write_transaction(db) as conn:
        problems = _check_series(conn, values)
        if errors(problems):
            return None, problems
        now = timestamp()
        series_id = new_id(make_id)
        conn.execute(
            "INSERT INTO meeting_series (id, created_at, updated_at, kind, name, team_code, "
            "rhythm, weekdays, active, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                series_id,
                now,
                now,
                values.kind,
                values.name.strip(),
                values.team_code,
                values.rhythm,
                format_weekdays(values.weekdays),
                int(values.active),
                clean(values.notes),
            ),
        )
        _write_participants(conn, series_id, values.participants, now, make_id=make_id)
        return series_id, problems


def update_series(
    db: Target, series_id: str, values: SeriesValues, *, make_id: NewId | None = None
) -> list[Problem]:
    """Change a series: name, rhythm, weekdays, team, participants (replaced as a whole).
    A default series gets its row now (the first change of it)."""
    with write_transaction(db) as conn:
        if meeting_agenda.series_info(conn, series_id) is None:
            raise MeetingNotFoundError(series_id)
        problems = _check_series(conn, values)
        if errors(problems):
            return problems
        now = timestamp()
        _materialise(conn, series_id, now)
        conn.execute(
            "UPDATE meeting_series SET kind = ?, name = ?, team_code = ?, rhythm = ?, "
            "weekdays = ?, active = ?, notes = ?, updated_at = ? WHERE id = ?",
            (
                values.kind,
                values.name.strip(),
                values.team_code,
                values.rhythm,
                format_weekdays(values.weekdays),
                int(values.active),
                clean(values.notes),
                now,
                series_id,
            ),
        )
        current = {
            (r[1], r[2], r[3]): str(r[0])
            for r in conn.execute(
                "SELECT id, team_code, role, label FROM meeting_series_participant "
                "WHERE series_id = ?",
                (series_id,),
            )
        }
        wanted = {(p.team_code, p.role, clean(p.label)): p for p in values.participants}
        for key, pid in current.items():
            if key not in wanted:
                conn.execute("DELETE FROM meeting_series_participant WHERE id = ?", (pid,))
        new = [p for key, p in wanted.items() if key not in current]
        _write_participants(conn, series_id, new, now, make_id=make_id)
        return problems


# -- meetings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingResult:
    meeting_id: str | None
    problems: list[Problem] = field(default_factory=list)
    agenda: AgendaProposal | None = None


def _series(conn: sqlite3.Connection, series_id: str) -> SeriesInfo:
    info = meeting_agenda.series_info(conn, series_id)
    if info is None:
        raise MeetingNotFoundError(series_id)
    return info


def _meeting_day(conn: sqlite3.Connection, meeting_id: str) -> dt.date:
    row = conn.execute("SELECT held_on FROM meeting WHERE id = ?", (meeting_id,)).fetchone()
    if row is None:
        raise MeetingNotFoundError(meeting_id)
    day = as_date(row[0])
    assert day is not None
    return day


def plan_meeting(
    db: Target,
    series_id: str,
    *,
    held_on: dt.date | None = None,
    title: str | None = None,
    today: dt.date | None = None,
    generate: bool = True,
    make_id: NewId | None = None,
    at: dt.datetime | None = None,
) -> MeetingResult:
    """A planned meeting of a series, on ``held_on`` (default: the series' next day after
    today), with its agenda generated from the open records (``generate``)."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        series = _series(conn, series_id)
        day = held_on or next_meeting_date(series.rhythm, series.weekdays, today)
        title = (title or "").strip() or f"{series.name} {day.strftime('%d/%m/%Y')}"
        problems = check_meeting(held_on=day, title=title, today=today)
        if errors(problems):
            return MeetingResult(None, problems)
        now = timestamp(at)
        meeting_id = new_id(make_id)
        conn.execute(
            "INSERT INTO meeting (id, created_at, updated_at, kind, series_id, team_code, "
            "held_on, title, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                meeting_id,
                now,
                now,
                series.kind.value,
                series_id,
                series.team_code,
                day.isoformat(),
                title,
                MeetingStatus.PLANNED.value,
            ),
        )
        agenda = _generate(conn, meeting_id, today, now) if generate else None
        return MeetingResult(meeting_id, problems, agenda)


def update_meeting(
    db: Target,
    meeting_id: str,
    *,
    title: str,
    held_on: dt.date,
    notes: str | None,
    today: dt.date | None = None,
) -> list[Problem]:
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        _meeting_day(conn, meeting_id)
        problems = check_meeting(held_on=held_on, title=title, today=today)
        problems += check_point(title="-", notes=notes)
        if errors(problems):
            return problems
        conn.execute(
            "UPDATE meeting SET title = ?, held_on = ?, notes = ?, updated_at = ? WHERE id = ?",
            (title.strip(), held_on.isoformat(), clean(notes), timestamp(), meeting_id),
        )
        return problems


def set_meeting_status(db: Target, meeting_id: str, status: MeetingStatus) -> list[Problem]:
    """Planned -> held (the minutes are the record now) or cancelled; and back."""
    with write_transaction(db) as conn:
        _meeting_day(conn, meeting_id)
        conn.execute(
            "UPDATE meeting SET status = ?, updated_at = ? WHERE id = ?",
            (status.value, timestamp(), meeting_id),
        )
        return []


@dataclass(frozen=True)
class DeletedMeeting:
    points: int
    actions: int


def delete_meeting(db: Target, meeting_id: str) -> DeletedMeeting:
    """Delete a meeting with its points and actions (here and, at the next sync, everywhere).
    The records they link to (cases, questions, locations, prospects) are not touched; a point
    of a later meeting that followed up one of its actions keeps its title."""
    with write_transaction(db) as conn:
        _meeting_day(conn, meeting_id)
        actions = conn.execute(
            "DELETE FROM meeting_action WHERE meeting_id = ?", (meeting_id,)
        ).rowcount
        points = conn.execute(
            "DELETE FROM meeting_item WHERE meeting_id = ?", (meeting_id,)
        ).rowcount
        conn.execute("DELETE FROM meeting WHERE id = ?", (meeting_id,))
        return DeletedMeeting(points, actions)


# -- the agenda ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaResult:
    added: list[str]
    proposal: AgendaProposal


def point_id(meeting_id: str, kind: AgendaItemKind, table: str, record_id: str) -> str:
    """The id of a generated point: the same on every laptop."""
    return derived_id("meeting_item", meeting_id, kind.value, table, record_id)


def _next_position(conn: sqlite3.Connection, meeting_id: str) -> int:
    row = conn.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM meeting_item WHERE meeting_id = ?",
        (meeting_id,),
    ).fetchone()
    return int(row[0])


def _generate(
    conn: sqlite3.Connection, meeting_id: str, today: dt.date, now: str
) -> AgendaProposal:
    ctx = meeting_agenda.meeting_context(conn, meeting_id)
    if ctx is None:
        raise MeetingNotFoundError(meeting_id)
    proposal = meeting_agenda.propose(conn, ctx, today)
    linked = {
        (str(r[0]), str(r[1]))
        for r in conn.execute(
            "SELECT subject_table, subject_id FROM meeting_item WHERE meeting_id = ? "
            "AND subject_id IS NOT NULL",
            (meeting_id,),
        )
    }
    position = _next_position(conn, meeting_id)
    added = []
    for p in proposal.proposals:
        if (p.link_table, p.link_id) in linked:
            continue
        pid = point_id(meeting_id, p.kind, p.link_table, p.link_id)
        inserted = conn.execute(
            "INSERT OR IGNORE INTO meeting_item (id, created_at, updated_at, meeting_id, "
            "position, kind, title, subject_table, subject_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pid, now, now, meeting_id, position, p.kind.value, p.title, p.link_table, p.link_id),
        ).rowcount
        if inserted:
            added.append(pid)
            position += 1
    return AgendaProposal(
        [
            p
            for p in proposal.proposals
            if point_id(meeting_id, p.kind, p.link_table, p.link_id) in added
        ],
        proposal.left_out,
    )


def generate_agenda(db: Target, meeting_id: str, *, today: dt.date | None = None) -> AgendaResult:
    """Add to the agenda what the open records propose and is not on it yet (after the points
    already there, in the order of ``meeting_rules.AGENDA_ORDER``). Idempotent."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        _meeting_day(conn, meeting_id)
        now = timestamp()
        before = {
            str(r[0])
            for r in conn.execute("SELECT id FROM meeting_item WHERE meeting_id = ?", (meeting_id,))
        }
        proposal = _generate(conn, meeting_id, today, now)
        after = [
            str(r[0])
            for r in conn.execute(
                "SELECT id FROM meeting_item WHERE meeting_id = ? ORDER BY position, id",
                (meeting_id,),
            )
        ]
        return AgendaResult([i for i in after if i not in before], proposal)


def _check_link(table: str | None, record_id: str | None) -> list[Problem]:
    """Both parts of a link or neither, to a record of a kind a point or action may name."""
    if not table or not record_id or table in LINKABLE_TABLES:
        return check_link(table, record_id)
    if table in ACTION_LINKS:
        return []
    return [
        _error(
            "link",
            f"Met een record van de soort '{table}' kan niet gekoppeld worden.",
            f"Records of the kind '{table}' cannot be linked.",
        )
    ]


def add_point(
    db: Target,
    meeting_id: str,
    title: str,
    *,
    notes: str | None = None,
    link_table: str | None = None,
    link_id: str | None = None,
    kind: AgendaItemKind = AgendaItemKind.POINT,
    position: int | None = None,
    make_id: NewId | None = None,
) -> tuple[str | None, list[Problem]]:
    """A point typed by the user (at the end, or at ``position``: the others move down)."""
    with write_transaction(db) as conn:
        _meeting_day(conn, meeting_id)
        problems = check_point(title=title, notes=notes) + _check_link(link_table, link_id)
        if errors(problems):
            return None, problems
        now = timestamp()
        end = _next_position(conn, meeting_id)
        at = end if position is None else max(0, min(position, end))
        if at < end:
            _shift(conn, meeting_id, at, now)
        item_id = new_id(make_id)
        conn.execute(
            "INSERT INTO meeting_item (id, created_at, updated_at, meeting_id, position, kind, "
            "title, notes, subject_table, subject_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item_id,
                now,
                now,
                meeting_id,
                at,
                kind.value,
                title.strip(),
                clean(notes),
                link_table,
                link_id,
            ),
        )
        return item_id, problems


def _shift(conn: sqlite3.Connection, meeting_id: str, start: int, now: str) -> None:
    conn.execute(
        "UPDATE meeting_item SET position = position + 1, updated_at = ? "
        "WHERE meeting_id = ? AND position >= ?",
        (now, meeting_id, start),
    )


def put_on_agenda(
    db: Target,
    series_id: str,
    link_table: str,
    link_id: str,
    title: str,
    *,
    today: dt.date | None = None,
    make_id: NewId | None = None,
) -> tuple[str | None, list[Problem]]:
    """Put a record (a case, a question, a location ...) on the next agenda of a series: the
    first planned meeting from today on, planned now when there is none. Returns the point's
    id (the existing one when the record is on that agenda already)."""
    today = today or dt.date.today()
    with write_transaction(db) as conn:
        _series(conn, series_id)
        row = conn.execute(
            "SELECT id FROM meeting WHERE series_id = ? AND held_on >= ? "
            "AND coalesce(status, 'gehouden') = 'gepland' ORDER BY held_on, id LIMIT 1",
            (series_id, today.isoformat()),
        ).fetchone()
    if row is None:
        planned = plan_meeting(db, series_id, today=today, generate=False, make_id=make_id)
        if planned.meeting_id is None:
            return None, planned.problems
        meeting_id = planned.meeting_id
    else:
        meeting_id = str(row[0])
    with write_transaction(db) as conn:
        found = conn.execute(
            "SELECT id FROM meeting_item WHERE meeting_id = ? AND subject_table = ? "
            "AND subject_id = ?",
            (meeting_id, link_table, link_id),
        ).fetchone()
    if found is not None:
        return str(found[0]), []
    kind = AgendaItemKind.CASE if link_table == "case_file" else AgendaItemKind.POINT
    return add_point(
        db, meeting_id, title, link_table=link_table, link_id=link_id, kind=kind, make_id=make_id
    )


def _point_meeting(conn: sqlite3.Connection, item_id: str) -> str:
    row = conn.execute("SELECT meeting_id FROM meeting_item WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        raise MeetingNotFoundError(item_id)
    return str(row[0])


def update_point(
    db: Target, item_id: str, *, title: str, notes: str | None, decision: str | None
) -> list[Problem]:
    """A point's title, notes and (in the minutes) decision."""
    with write_transaction(db) as conn:
        _point_meeting(conn, item_id)
        problems = check_point(title=title, notes=notes, decision=decision)
        if errors(problems):
            return problems
        conn.execute(
            "UPDATE meeting_item SET title = ?, notes = ?, decision = ?, updated_at = ? "
            "WHERE id = ?",
            (title.strip(), clean(notes), clean(decision), timestamp(), item_id),
        )
        return problems


def record_decision(db: Target, item_id: str, decision: str | None) -> list[Problem]:
    """The minutes: the decision taken on a point (empty clears it)."""
    with write_transaction(db) as conn:
        _point_meeting(conn, item_id)
        problems = check_point(title="-", decision=decision)
        if errors(problems):
            return problems
        conn.execute(
            "UPDATE meeting_item SET decision = ?, updated_at = ? WHERE id = ?",
            (clean(decision), timestamp(), item_id),
        )
        return problems


def remove_point(db: Target, item_id: str) -> None:
    """Take a point off the agenda; its actions stay (on the meeting, without a point)."""
    with write_transaction(db) as conn:
        _point_meeting(conn, item_id)
        now = timestamp()
        conn.execute(
            "UPDATE meeting_action SET item_id = NULL, updated_at = ? WHERE item_id = ?",
            (now, item_id),
        )
        conn.execute("DELETE FROM meeting_item WHERE id = ?", (item_id,))


def reorder_points(db: Target, meeting_id: str, ordered_ids: Sequence[str]) -> None:
    """The agenda in this order (points not named keep their order, after the named ones).
    Only the points whose position changes are written."""
    with write_transaction(db) as conn:
        _meeting_day(conn, meeting_id)
        rows = conn.execute(
            "SELECT id, position FROM meeting_item WHERE meeting_id = ? ORDER BY position, id",
            (meeting_id,),
        ).fetchall()
        current = {str(r[0]): int(r[1]) for r in rows}
        named = [i for i in dict.fromkeys(ordered_ids) if i in current]
        rest = [str(r[0]) for r in rows if str(r[0]) not in named]
        now = timestamp()
        for position, item_id in enumerate(named + rest):
            if current[item_id] != position:
                conn.execute(
                    "UPDATE meeting_item SET position = ?, updated_at = ? WHERE id = ?",
                    (position, now, item_id),
                )


# -- actions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionValues:
    title: str
    owner_id: str | None
    due_on: dt.date | None = None
    item_id: str | None = None
    link_table: str | None = None
    link_id: str | None = None
    notes: str | None = None


def _check_action(conn: sqlite3.Connection, meeting_id: str, values: ActionValues) -> list[Problem]:
    problems = check_action(
        title=values.title,
        owner_id=values.owner_id,
        due_on=values.due_on,
        meeting_on=_meeting_day(conn, meeting_id),
        known_owners=known_staff(conn),
        notes=values.notes,
    )
    problems += _check_link(values.link_table, values.link_id)
    if values.item_id and _point_meeting(conn, values.item_id) != meeting_id:
        problems.append(
            _error(
                "item_id",
                "Dit agendapunt hoort bij een ander overleg.",
                "This agenda point belongs to another meeting.",
            )
        )
    return problems


def add_action(
    db: Target, meeting_id: str, values: ActionValues, *, make_id: NewId | None = None
) -> tuple[str | None, list[Problem]]:
    """An action of the minutes (on a point, or on the meeting): it needs an owner."""
    with write_transaction(db) as conn:
        problems = _check_action(conn, meeting_id, values)
        if errors(problems):
            return None, problems
        now = timestamp()
        action_id = new_id(make_id)
        conn.execute(
            "INSERT INTO meeting_action (id, created_at, updated_at, meeting_id, item_id, title, "
            "owner_id, due_on, link_table, link_id, notes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                action_id,
                now,
                now,
                meeting_id,
                values.item_id,
                values.title.strip(),
                values.owner_id,
                iso(values.due_on),
                values.link_table,
                values.link_id,
                clean(values.notes),
            ),
        )
        return action_id, problems


def _action_meeting(conn: sqlite3.Connection, action_id: str) -> str:
    row = conn.execute(
        "SELECT meeting_id FROM meeting_action WHERE id = ?", (action_id,)
    ).fetchone()
    if row is None:
        raise MeetingNotFoundError(action_id)
    return str(row[0])


def update_action(db: Target, action_id: str, values: ActionValues) -> list[Problem]:
    with write_transaction(db) as conn:
        meeting_id = _action_meeting(conn, action_id)
        problems = _check_action(conn, meeting_id, values)
        if errors(problems):
            return problems
        conn.execute(
            "UPDATE meeting_action SET item_id = ?, title = ?, owner_id = ?, due_on = ?, "
            "link_table = ?, link_id = ?, notes = ?, updated_at = ? WHERE id = ?",
            (
                values.item_id,
                values.title.strip(),
                values.owner_id,
                iso(values.due_on),
                values.link_table,
                values.link_id,
                clean(values.notes),
                timestamp(),
                action_id,
            ),
        )
        return problems


def mark_action_done(
    db: Target, action_id: str, *, done_by_id: str | None, done_on: dt.date | None = None
) -> None:
    """Done: it leaves the open actions and the next agendas."""
    with write_transaction(db) as conn:
        _action_meeting(conn, action_id)
        by = done_by_id if exists(conn, "staff_user", "id", done_by_id) else None
        conn.execute(
            "UPDATE meeting_action SET done_on = ?, done_by_id = ?, updated_at = ? WHERE id = ?",
            ((done_on or dt.date.today()).isoformat(), by, timestamp(), action_id),
        )


def reopen_action(db: Target, action_id: str) -> None:
    with write_transaction(db) as conn:
        _action_meeting(conn, action_id)
        conn.execute(
            "UPDATE meeting_action SET done_on = NULL, done_by_id = NULL, updated_at = ? "
            "WHERE id = ?",
            (timestamp(), action_id),
        )
