"""Meetings: the default series, an agenda generated from the open records (the open actions
of the previous meeting and nothing closed), reordering and adding points, the minutes,
actions until done and per owner, deleting a meeting (the records stay)."""

from __future__ import annotations

import datetime as dt

import pytest
from coordination_fixtures import BART, DAY, HASSELT, TODAY, Office

from vlot_desktop.domain.enums import MeetingKind
from vlot_desktop.domain.meeting_rules import (
    AgendaItemKind,
    MeetingStatus,
    Rhythm,
    check_action,
    meeting_dates,
    next_meeting_date,
)
from vlot_desktop.services import meeting_list, meetings
from vlot_desktop.services.meetings import ActionValues

STAMP = "2026-11-01 09:00:00.000000"
CASE = "0196a000-0000-7000-8000-0000000ca5e1"


def _series(office: Office, kind: MeetingKind) -> str:
    return meetings.default_series_id(kind)


def _held(office: Office, series_id: str, day: dt.date) -> str:
    result = meetings.plan_meeting(office.engine, series_id, held_on=day, today=TODAY)
    assert result.meeting_id is not None, result.problems
    meetings.set_meeting_status(office.engine, result.meeting_id, MeetingStatus.HELD)
    return result.meeting_id


def _case(office: Office, deadline: dt.date) -> None:
    office.sql(
        "INSERT INTO case_file (id, reference, case_type, status, team_code, municipality_nis, "
        "opened_on, deadline, household_size, created_at, updated_at) VALUES (?, "
        "'HH-2026-K7MX-0042', 'herhuisvesting', 'wacht_op_plaats', 'limburg', ?, "
        "'2026-10-01', ?, 3, ?, ?)",
        CASE,
        HASSELT,
        deadline.isoformat(),
        STAMP,
        STAMP,
    )


# -- rules ---------------------------------------------------------------------------------------


def test_an_action_without_owner_is_refused_in_dutch_and_english() -> None:
    problems = check_action(
        title="Gemeente bellen",
        owner_id=None,
        due_on=TODAY,
        meeting_on=TODAY,
        known_owners={BART},
    )
    assert [p.field for p in problems] == ["owner_id"]
    assert problems[0].message == "Een actiepunt heeft een eigenaar nodig: kies wie het opneemt."
    assert problems[0].message_en == "An action needs an owner: choose who takes it on."
    assert (
        check_action(
            title="x", owner_id=BART, due_on=TODAY - DAY, meeting_on=TODAY, known_owners={BART}
        )[0].field
        == "due_on"
    )
    assert (
        check_action(title="x", owner_id=BART, due_on=TODAY, meeting_on=TODAY, known_owners={BART})
        == []
    )
    assert (
        check_action(title=" ", owner_id=BART, due_on=None, meeting_on=TODAY, known_owners={BART})[
            0
        ].field
        == "title"
    )


def test_the_rhythms_of_the_fixed_meetings() -> None:
    november = list(
        meeting_dates(Rhythm.TWICE_WEEKLY, (1, 3), dt.date(2026, 11, 1), dt.date(2026, 11, 14))
    )
    assert [d.day for d in november] == [3, 5, 10, 12]
    fortnight = list(
        meeting_dates(Rhythm.FORTNIGHTLY, (3,), dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    )
    assert all(d.isocalendar().week % 2 == 0 for d in fortnight) and len(fortnight) == 2
    assert next_meeting_date(Rhythm.MONTHLY, (1,), TODAY) == dt.date(2026, 12, 1)
    assert next_meeting_date(Rhythm.WEEKLY, (0,), TODAY) == dt.date(2026, 11, 30)
    assert next_meeting_date(Rhythm.AD_HOC, (), dt.date(2026, 11, 27)) == dt.date(2026, 11, 30)


# -- series and agenda -------------------------------------------------------------------------


def test_the_default_series_need_no_rows_until_a_user_changes_one(office: Office) -> None:
    with office.engine.connect() as conn:
        lines = meeting_list.series(conn, TODAY)
    assert len(lines) == 7 and office.sql("SELECT count(*) FROM meeting_series") == [(0,)]
    team = next(s for s in lines if s.kind is MeetingKind.TEAM)
    assert team.rhythm is Rhythm.TWICE_WEEKLY and team.weekdays == (1, 3)
    assert len(team.participants) == 6  # the central team and the five regional teams
    sector = next(s for s in lines if s.kind is MeetingKind.SECTOR)
    assert "Sectorcoördinator" in sector.participants
    assert sector.next_on == dt.date(2026, 11, 27)
    # Changing one gives it its row, with its participants.
    problems = meetings.update_series(
        office.engine,
        sector.id,
        meetings.SeriesValues(
            kind="sectorcoordinatoren",
            name="Overleg sectorcoördinatoren (donderdag)",
            rhythm="wekelijks",
            weekdays=(3,),
            participants=(meetings.Participant(role="sectorcoordinator", label="Sectoren"),),
        ),
    )
    assert problems == []
    with office.engine.connect() as conn:
        changed = next(s for s in meeting_list.series(conn, TODAY) if s.id == sector.id)
    assert changed.weekdays == (3,) and changed.participants == ("Sectoren",)
    assert office.sql("SELECT count(*) FROM meeting_series") == [(1,)]
    refused = meetings.update_series(
        office.engine,
        sector.id,
        meetings.SeriesValues(
            kind="sectorcoordinatoren", name="x", rhythm="wekelijks", weekdays=()
        ),
    )
    assert [p.field for p in refused] == ["weekdays"]


def test_the_agenda_holds_the_open_actions_of_the_previous_meeting_and_nothing_closed(
    office: Office,
) -> None:
    series_id = _series(office, MeetingKind.TEAM)
    previous = _held(office, series_id, TODAY - 7 * DAY)
    point, _ = meetings.add_point(office.engine, previous, "Stand van zaken opvang")
    assert point is not None
    open_id, problems = meetings.add_action(
        office.engine,
        previous,
        ActionValues("Gemeente Hasselt bellen", BART, TODAY, item_id=point),
    )
    assert problems == [] and open_id is not None
    done_id, _ = meetings.add_action(
        office.engine, previous, ActionValues("Cijfers doorsturen", office.user_id, TODAY)
    )
    assert done_id is not None
    meetings.mark_action_done(office.engine, done_id, done_by_id=office.user_id)
    # Another series' open action stays off this agenda.
    other = _held(office, _series(office, MeetingKind.SECTOR), TODAY - 7 * DAY)
    meetings.add_action(office.engine, other, ActionValues("Andere reeks", BART, TODAY))

    planned = meetings.plan_meeting(office.engine, series_id, held_on=TODAY, today=TODAY)
    assert planned.meeting_id is not None
    with office.engine.connect() as conn:
        detail = meeting_list.meeting_detail(conn, planned.meeting_id)
        owner = meeting_list.open_actions(conn, owner_id=BART)
    assert detail is not None
    followed = [p for p in detail.points if p.kind is AgendaItemKind.OPEN_ACTION]
    assert [(p.link_table, p.link_id) for p in followed] == [("meeting_action", open_id)]
    assert "Gemeente Hasselt bellen" in followed[0].title and "Bart Claes" in followed[0].title
    assert all(p.link_id != done_id for p in detail.points)
    assert {a.title for a in owner} == {"Gemeente Hasselt bellen", "Andere reeks"}
    # Generating again adds nothing; once done, the action is not proposed any more.
    again = meetings.generate_agenda(office.engine, planned.meeting_id, today=TODAY)
    assert again.added == []
    meetings.mark_action_done(office.engine, open_id, done_by_id=BART)
    with office.engine.connect() as conn:
        preview = meeting_list.proposed_agenda(conn, planned.meeting_id, TODAY)
        assert meeting_list.open_actions(conn, owner_id=BART)[0].title == "Andere reeks"
    assert preview is not None and preview.proposals == []


def test_a_case_meeting_is_the_weekly_case_agenda(office: Office) -> None:
    _case(office, TODAY - DAY)
    series_id = _series(office, MeetingKind.REHOUSING)
    planned = meetings.plan_meeting(office.engine, series_id, held_on=TODAY, today=TODAY)
    assert planned.agenda is not None
    (case_point,) = planned.agenda.proposals
    assert case_point.kind is AgendaItemKind.CASE and case_point.link_id == CASE
    assert case_point.title.startswith("Dossier HH-2026-K7MX-0042 (Herhuisvesting, Hasselt)")
    assert case_point.title.endswith("te laat")


def test_a_case_put_on_the_agenda_goes_to_the_next_planned_meeting(office: Office) -> None:
    _case(office, TODAY + 60 * DAY)  # not urgent: only there because it was put there
    series_id = _series(office, MeetingKind.VULNERABLE)
    point, problems = meetings.put_on_agenda(
        office.engine, series_id, "case_file", CASE, "Dossier HH-2026-K7MX-0042", today=TODAY
    )
    assert problems == [] and point is not None
    again, _ = meetings.put_on_agenda(
        office.engine, series_id, "case_file", CASE, "Dossier HH-2026-K7MX-0042", today=TODAY
    )
    assert again == point
    rows = office.sql(
        "SELECT m.held_on, i.kind FROM meeting_item AS i JOIN meeting AS m ON m.id = i.meeting_id"
    )
    assert rows == [("2026-11-30", "dossier")]  # the next Monday


def test_reorder_add_and_minutes(office: Office) -> None:
    series_id = _series(office, MeetingKind.GOVERNORS)
    meeting_id = _held(office, series_id, TODAY)
    a, _ = meetings.add_point(office.engine, meeting_id, "Eerste")
    b, _ = meetings.add_point(office.engine, meeting_id, "Tweede")
    c, _ = meetings.add_point(office.engine, meeting_id, "Vooraan", position=0)
    assert a and b and c
    meetings.reorder_points(office.engine, meeting_id, [b, a])
    assert meetings.record_decision(office.engine, b, "Akkoord, zie actie") == []
    refused = meetings.add_action(office.engine, meeting_id, ActionValues("Zonder eigenaar", None))
    assert refused[0] is None and refused[1][0].field == "owner_id"
    with office.engine.connect() as conn:
        detail = meeting_list.meeting_detail(conn, meeting_id)
    assert detail is not None
    assert [p.title for p in detail.points] == ["Tweede", "Eerste", "Vooraan"]
    assert detail.points[0].decision == "Akkoord, zie actie"
    assert [p.position for p in detail.points] == [0, 1, 2]


def test_deleting_a_meeting_keeps_the_records_its_actions_linked_to(office: Office) -> None:
    _case(office, TODAY + 3 * DAY)
    series_id = _series(office, MeetingKind.REHOUSING)
    meeting_id = _held(office, series_id, TODAY)
    action, problems = meetings.add_action(
        office.engine,
        meeting_id,
        ActionValues("Plaats zoeken", BART, TODAY + DAY, link_table="case_file", link_id=CASE),
    )
    assert action is not None, problems
    deleted = meetings.delete_meeting(office.engine, meeting_id)
    assert (deleted.actions, deleted.points) == (1, 1)
    assert office.sql("SELECT count(*) FROM meeting_action") == [(0,)]
    assert office.sql("SELECT count(*) FROM meeting_item") == [(0,)]
    assert office.sql("SELECT reference FROM case_file WHERE id = ?", CASE) == [
        ("HH-2026-K7MX-0042",)
    ]
    with pytest.raises(meetings.MeetingNotFoundError):
        meetings.delete_meeting(office.engine, meeting_id)
