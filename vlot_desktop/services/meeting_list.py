"""The reads of the meetings screens (in a worker, through ``Store.read``): the series, the
meetings of a series, one meeting with its agenda, decisions and actions, the agenda the open
records would add, and the open actions (all, of a series, or of one owner).

Each takes a connection and returns plain rows with Dutch labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from vlot_desktop.domain.enums import ContactRole, MeetingKind
from vlot_desktop.domain.meeting_rules import (
    ALL_TEAMS,
    AgendaItemKind,
    MeetingStatus,
    Rhythm,
    next_meeting_date,
)
from vlot_desktop.services import meeting_agenda
from vlot_desktop.services.activity_common import as_date, dbapi
from vlot_desktop.services.meeting_agenda import (
    DEFAULTS_BY_ID,
    AgendaProposal,
    default_series_id,
)


def _label(enum_type: Any, value: Any) -> str:
    try:
        return str(enum_type(str(value)).label_nl)
    except ValueError:
        return str(value)


# -- series -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeriesLine:
    id: str
    kind: MeetingKind
    name: str
    rhythm: Rhythm
    weekdays: tuple[int, ...]
    team_code: str | None
    active: bool
    participants: tuple[str, ...]  # labels: team names and roles
    last_held_on: dt.date | None
    next_on: dt.date | None
    open_actions: int

    @property
    def rhythm_label(self) -> str:
        return self.rhythm.label_nl


def _participants(conn: Connection, series_id: str) -> tuple[str, ...]:
    """The participants' labels: the series' rows, or those of a default series nobody
    changed (its teams by name, then its roles)."""
    rows = conn.exec_driver_sql(
        "SELECT p.label, t.name_nl, p.role FROM meeting_series_participant AS p "
        "LEFT JOIN team AS t ON t.code = p.team_code WHERE p.series_id = ? "
        "ORDER BY t.sort_order, p.label, p.role",
        (series_id,),
    ).all()
    if rows:
        return tuple(
            str(label or team or (_label(ContactRole, role) if role else ""))
            for label, team, role in rows
        )
    default = DEFAULTS_BY_ID.get(series_id)
    stored = conn.exec_driver_sql("SELECT 1 FROM meeting_series WHERE id = ?", (series_id,)).first()
    if default is None or stored is not None:
        return ()
    teams = [
        (str(code), str(name))
        for code, name in conn.exec_driver_sql(
            "SELECT code, name_nl FROM team ORDER BY sort_order, code"
        )
    ]
    names = [n for c, n in teams if ALL_TEAMS in default.teams or c in default.teams]
    return tuple(names + [r.label_nl for r in default.roles])


def series(conn: Connection, today: dt.date) -> list[SeriesLine]:
    """Every series (the seven of the seed and those users made), the seed's order (by kind)
    then by name, with its last and next meeting and its open actions."""
    found = []
    for info in meeting_agenda.all_series(dbapi(conn)):
        params = {
            "series": info.id,
            "kind": info.kind.value,
            "default_series": default_series_id(info.kind),
        }
        last = conn.exec_driver_sql(
            f"SELECT max(m.held_on) FROM meeting AS m WHERE {meeting_agenda.series_condition()} "
            "AND coalesce(m.status, 'gehouden') = 'gehouden'",
            params,
        ).scalar()
        open_actions = conn.exec_driver_sql(
            "SELECT count(*) FROM meeting_action AS a JOIN meeting AS m ON m.id = a.meeting_id "
            f"WHERE a.done_on IS NULL AND {meeting_agenda.series_condition()}",
            params,
        ).scalar_one()
        ad_hoc = info.rhythm is Rhythm.AD_HOC
        found.append(
            SeriesLine(
                id=info.id,
                kind=info.kind,
                name=info.name,
                rhythm=info.rhythm,
                weekdays=info.weekdays,
                team_code=info.team_code,
                active=info.active,
                participants=_participants(conn, info.id),
                last_held_on=as_date(last),
                next_on=None
                if ad_hoc
                else next_meeting_date(info.rhythm, info.weekdays, today - dt.timedelta(days=1)),
                open_actions=int(open_actions),
            )
        )
    return found


# -- meetings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingLine:
    id: str
    series_id: str | None
    kind: MeetingKind
    held_on: dt.date
    title: str
    status: MeetingStatus
    points: int
    open_actions: int


def _status(value: Any) -> MeetingStatus:
    return MeetingStatus(value) if value else MeetingStatus.HELD


def meetings(
    conn: Connection,
    series_id: str,
    *,
    first: dt.date | None = None,
    last: dt.date | None = None,
    limit: int = 200,
) -> list[MeetingLine]:
    """The meetings of a series (also those of its kind from before 0009), newest first."""
    info = meeting_agenda.series_info(dbapi(conn), series_id)
    if info is None:
        return []
    kind = info.kind.value
    params: dict[str, Any] = {
        "series": series_id,
        "kind": kind,
        "default_series": default_series_id(MeetingKind(kind)),
        "first": (first or dt.date.min).isoformat(),
        "last": (last or dt.date.max).isoformat(),
        "limit": limit,
    }
    rows = conn.exec_driver_sql(
        "SELECT m.id, m.series_id, m.kind, m.held_on, m.title, m.status, "
        "(SELECT count(*) FROM meeting_item AS i WHERE i.meeting_id = m.id), "
        "(SELECT count(*) FROM meeting_action AS a WHERE a.meeting_id = m.id "
        "AND a.done_on IS NULL) "
        f"FROM meeting AS m WHERE {meeting_agenda.series_condition()} "
        "AND m.held_on BETWEEN :first AND :last ORDER BY m.held_on DESC, m.id LIMIT :limit",
        params,
    )
    return [
        MeetingLine(
            str(i),
            s,
            MeetingKind(k),
            as_date(d) or dt.date.min,
            str(t),
            _status(st),
            int(p),
            int(a),
        )
        for i, s, k, d, t, st, p, a in rows
    ]


@dataclass(frozen=True)
class ActionLine:
    id: str
    meeting_id: str
    meeting_title: str
    meeting_on: dt.date
    item_id: str | None
    title: str
    owner_id: str | None
    owner_name: str | None
    due_on: dt.date | None
    link_table: str | None
    link_id: str | None
    done_on: dt.date | None
    notes: str | None

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today


_ACTION_SQL = (
    "SELECT a.id, a.meeting_id, m.title, m.held_on, a.item_id, a.title, a.owner_id, s.name, "
    "a.due_on, a.link_table, a.link_id, a.done_on, a.notes FROM meeting_action AS a "
    "JOIN meeting AS m ON m.id = a.meeting_id LEFT JOIN staff_user AS s ON s.id = a.owner_id "
)


def _action(row: Sequence[Any]) -> ActionLine:
    return ActionLine(
        id=str(row[0]),
        meeting_id=str(row[1]),
        meeting_title=str(row[2]),
        meeting_on=as_date(row[3]) or dt.date.min,
        item_id=row[4],
        title=str(row[5]),
        owner_id=row[6],
        owner_name=row[7],
        due_on=as_date(row[8]),
        link_table=row[9],
        link_id=row[10],
        done_on=as_date(row[11]),
        notes=row[12],
    )


_ACTION_ORDER = " ORDER BY a.due_on IS NULL, a.due_on, m.held_on, a.id"


def open_actions(
    conn: Connection, *, owner_id: str | None = None, series_id: str | None = None
) -> list[ActionLine]:
    """The actions not done yet: all, of one owner (their list), or of one series; the
    earliest due date first, those without a due date last."""
    conditions = ["a.done_on IS NULL"]
    params: dict[str, Any] = {}
    if owner_id:
        conditions.append("a.owner_id = :owner")
        params["owner"] = owner_id
    if series_id:
        info = meeting_agenda.series_info(dbapi(conn), series_id)
        if info is None:
            return []
        kind = info.kind.value
        conditions.append(meeting_agenda.series_condition())
        params |= {
            "series": series_id,
            "kind": kind,
            "default_series": default_series_id(MeetingKind(kind)),
        }
    sql = _ACTION_SQL + "WHERE " + " AND ".join(conditions) + _ACTION_ORDER
    return [_action(r) for r in conn.exec_driver_sql(sql, params)]


def actions_of_owner(
    conn: Connection, owner_id: str, *, include_done: bool = False
) -> list[ActionLine]:
    """One staff member's actions (open first, then done, newest done first)."""
    sql = _ACTION_SQL + "WHERE a.owner_id = :owner"
    if not include_done:
        sql += " AND a.done_on IS NULL"
    sql += " ORDER BY a.done_on IS NOT NULL, a.due_on IS NULL, a.due_on, a.done_on DESC, a.id"
    return [_action(r) for r in conn.exec_driver_sql(sql, {"owner": owner_id})]


@dataclass(frozen=True)
class PointLine:
    id: str
    position: int
    kind: AgendaItemKind
    title: str
    notes: str | None
    decision: str | None
    link_table: str | None
    link_id: str | None
    link_exists: bool  # False: the linked record was deleted (here or on another laptop)
    actions: tuple[ActionLine, ...]

    @property
    def kind_label(self) -> str:
        return self.kind.label_nl


@dataclass(frozen=True)
class MeetingDetail:
    id: str
    series_id: str | None
    series_name: str | None
    kind: MeetingKind
    team_code: str | None
    held_on: dt.date
    title: str
    status: MeetingStatus
    notes: str | None
    participants: tuple[str, ...]
    points: tuple[PointLine, ...]
    loose_actions: tuple[ActionLine, ...]  # actions on the meeting, not on a point

    @property
    def kind_label(self) -> str:
        return self.kind.label_nl


_LINKED_TABLES = {
    "case_file",
    "question",
    "question_dispatch",
    "location",
    "prospect_visit",
    "meeting_action",
}


def _exists(conn: Connection, table: str | None, record_id: str | None) -> bool:
    if not table or not record_id:
        return True
    if table not in _LINKED_TABLES:
        return False
    return (
        conn.exec_driver_sql(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).first()
        is not None
    )


def meeting_detail(conn: Connection, meeting_id: str) -> MeetingDetail | None:
    """One meeting with its points in order, their decisions and actions (``None``: gone)."""
    row = conn.exec_driver_sql(
        "SELECT m.id, m.series_id, s.name, m.kind, coalesce(s.team_code, m.team_code), "
        "m.held_on, m.title, m.status, m.notes FROM meeting AS m "
        "LEFT JOIN meeting_series AS s ON s.id = m.series_id WHERE m.id = ?",
        (meeting_id,),
    ).first()
    if row is None:
        return None
    kind = MeetingKind(row[3])
    series_id = row[1] or default_series_id(kind)
    series_name = (
        row[2]
        or conn.exec_driver_sql(
            "SELECT name FROM meeting_series WHERE id = ?", (series_id,)
        ).scalar()
    )
    actions = [
        _action(r)
        for r in conn.exec_driver_sql(
            _ACTION_SQL + "WHERE a.meeting_id = ? ORDER BY a.created_at, a.id", (meeting_id,)
        )
    ]
    points = []
    for pid, position, pkind, title, notes, decision, table, link in conn.exec_driver_sql(
        "SELECT id, position, kind, title, notes, decision, subject_table, subject_id "
        "FROM meeting_item WHERE meeting_id = ? ORDER BY position, id",
        (meeting_id,),
    ):
        points.append(
            PointLine(
                id=str(pid),
                position=int(position),
                kind=AgendaItemKind(pkind) if pkind else AgendaItemKind.POINT,
                title=str(title),
                notes=notes,
                decision=decision,
                link_table=table,
                link_id=link,
                link_exists=_exists(conn, table, link),
                actions=tuple(a for a in actions if a.item_id == pid),
            )
        )
    point_ids = {p.id for p in points}
    return MeetingDetail(
        id=str(row[0]),
        series_id=row[1],
        series_name=series_name,
        kind=kind,
        team_code=row[4],
        held_on=as_date(row[5]) or dt.date.min,
        title=str(row[6]),
        status=_status(row[7]),
        notes=row[8],
        participants=_participants(conn, series_id),
        points=tuple(points),
        loose_actions=tuple(a for a in actions if a.item_id not in point_ids),
    )


def proposed_agenda(conn: Connection, meeting_id: str, today: dt.date) -> AgendaProposal | None:
    """What generating the agenda would propose now (a preview; nothing is written)."""
    raw = dbapi(conn)
    ctx = meeting_agenda.meeting_context(raw, meeting_id)
    return None if ctx is None else meeting_agenda.propose(raw, ctx, today)
