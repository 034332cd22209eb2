"""The daily work around the records: contact moments, fixed meetings and the VLOT-flits
(docs/coordination.md). Contacts and the history of the meetings go through the row sink (the
bulk of the rows); the series, today's planned meetings and the flits editions through the
coordination services."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from vlot_desktop.demo.activity_texts import (
    CONTACT_NOTES,
    CONTACT_SUBJECTS,
    MEETING_ACTIONS,
    MEETING_DECISIONS,
    MEETING_ITEMS,
    MEETING_NOTES,
    MEETING_TITLES,
    NEWSLETTER_INTROS,
    NEWSLETTER_NOTICES,
)
from vlot_desktop.demo.context import Context, Person, Staff
from vlot_desktop.demo.context import WeightedPicker as Picker
from vlot_desktop.demo.helpdesk import out_of_season
from vlot_desktop.demo.timeline import stamp
from vlot_desktop.domain.enums import MeetingKind
from vlot_desktop.services import flits, meetings

_CHANNELS = Picker(
    ["telefoon", "e_mail", "bezoek", "vergadering", "videogesprek", "andere"], [40, 35, 8, 7, 9, 1]
)
_DURATION = {
    "telefoon": (5, 30),
    "e_mail": (5, 20),
    "bezoek": (45, 120),
    "vergadering": (60, 120),
    "videogesprek": (20, 60),
    "andere": (10, 30),
}
# Flits numbering continues from the first edition (June 2022), also inside the demo window.
FIRST_FLITS = dt.date(2022, 6, 3)
FLITS_ARTICLES = 6


def add_contact_moments(ctx: Context, count: int) -> None:
    clock, rng = ctx.clock, ctx.rng
    # Some people log more than others; the busier regions have more contacts.
    province_weight = {p: sum(m.weight for m in ms) for p, ms in ctx.by_province.items()}
    mean_weight = sum(province_weight.values()) / len(province_weight)
    province_of_team = {team: province for province, team in ctx.team_of_province.items()}
    weights = []
    for member in ctx.staff:
        province = province_of_team.get(member.team)
        base = 1.2 * (province_weight[province] / mean_weight) ** 0.5 if province else 0.7
        weights.append(base * rng.uniform(0.75, 1.25))
    staff_picker = Picker(ctx.staff, weights)
    span = (clock.last_day - clock.first_day).days or 1
    theme_codes = {t.code for t in ctx.themes}
    for _ in range(count):
        staff = staff_picker.pick(rng)
        person, nis = _contact_for(ctx, staff, province_of_team.get(staff.team))
        channel = _CHANNELS.pick(rng)
        low, high = _DURATION[channel]
        since = dt.date.fromordinal(person.since) if person else clock.first_day
        day = clock.workday(max(clock.first_day, since), clock.last_day)
        progress = (day - clock.first_day).days / span
        theme, subject = ctx.pick(CONTACT_SUBJECTS)
        while out_of_season(ctx, theme, progress):
            theme, subject = ctx.pick(CONTACT_SUBJECTS)
        seconds = clock.office_seconds()
        ctx.sink.add(
            "contact_moment",
            {
                "id": ctx.new_id(day, seconds),
                "created_at": stamp(day, seconds),
                "occurred_at": stamp(day, seconds),
                "staff_id": staff.id,
                "author_id": staff.id,
                "team_code": staff.team,
                "municipality_nis": nis,
                "contact_person_id": person.id if person else None,
                "organisation_id": person.organisation_id if person else None,
                "channel": channel,
                "theme_code": theme if theme in theme_codes else None,
                "subject": subject,
                "notes": ctx.pick(CONTACT_NOTES) if ctx.chance(0.1) else None,
                "duration_minutes": rng.randint(low, high) if ctx.chance(0.9) else None,
            },
        )


def _contact_for(
    ctx: Context, staff: Staff, province: str | None
) -> tuple[Person | None, str | None]:
    """Whom a staff member talks to: mostly municipal coordinators of their own region."""
    rng = ctx.rng
    roll = rng.random()
    if province is not None:
        m = ctx.province_pickers[province].pick(rng)
        contacts = ctx.contacts[m.nis]
        owners = ctx.owner_people_by_province.get(province, [])
        if roll < 0.72 and contacts.coordinators:
            return ctx.pick(contacts.coordinators), m.nis
        if roll < 0.8 and contacts.officials:
            return ctx.pick(contacts.officials), m.nis
        if roll < 0.88 and owners:
            owner = ctx.pick(owners)
            return owner, owner.municipality_nis
        if roll < 0.93 and ctx.governor_people.get(province):
            person = ctx.pick(ctx.governor_people[province])
            return person, person.municipality_nis
        if roll < 0.98:
            return ctx.pick(ctx.sector_people), None
        return None, m.nis
    # Central team: municipalities (central cities above all), governors, sectors, FEDASIL.
    if roll < 0.45:
        m = ctx.municipality_picker.pick(rng)
        contacts = ctx.contacts[m.nis]
        people = contacts.coordinators + contacts.officials
        return (ctx.pick(people) if people else None), m.nis
    if roll < 0.6:
        person = ctx.pick(ctx.governor_people[ctx.pick(list(ctx.governor_people))])
        return person, person.municipality_nis
    if roll < 0.82:
        return ctx.pick(ctx.sector_people), None
    if roll < 0.92:
        return ctx.pick(ctx.fedasil_people), None
    return None, None


def add_meetings(ctx: Context) -> None:
    """The fixed meetings over the whole period, in their series (the seven of the seed, on
    their rhythm), each with agenda points, decisions and actions; an action stays open for a
    while and comes back on the series' next agendas until it is done. Then, for each series,
    the next meeting planned today with its agenda generated from the open records (through
    the meeting services, as the application does)."""
    clock = ctx.clock
    series = {kind: meetings.default_series_id(kind) for kind in MeetingKind}
    open_actions: dict[str, list[_DemoAction]] = {kind.value: [] for kind in MeetingKind}
    day = clock.first_day
    while day <= clock.last_day:
        for kind in _meetings_on(ctx, day):
            _add_meeting(ctx, kind, day, series[MeetingKind(kind)], open_actions[kind])
        day += dt.timedelta(days=1)
    ctx.sink.flush()
    for kind in MeetingKind:
        seconds = 17 * 3600 + 60 * list(MeetingKind).index(kind)
        planned = meetings.plan_meeting(
            ctx.conn,
            series[kind],
            held_on=clock.today,
            today=clock.today,
            make_id=_ids(ctx, clock.last_day, seconds),
            at=ctx.at(clock.last_day, seconds),
        )
        assert planned.meeting_id is not None, planned.problems


def _ids(ctx: Context, day: dt.date, seconds: int) -> Callable[[], str]:
    return lambda: ctx.new_id(day, seconds)


@dataclass
class _DemoAction:
    id: str
    title: str
    owner: Staff
    due_on: dt.date
    done_on: dt.date | None


def _meetings_on(ctx: Context, day: dt.date) -> list[str]:
    weekday = day.weekday()
    if weekday >= 5 or (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1):
        return []
    summer = (day.month == 7 and day.day >= 21) or (day.month == 8 and day.day <= 15)
    kinds: list[str] = []
    if weekday in (1, 3):
        kinds.append("teamoverleg")
    if summer and ctx.chance(0.5):
        return kinds
    if weekday == 0:
        kinds += ["herhuisvesting", "kwetsbare_profielen"]
    if weekday == 2:
        kinds.append("fedasil_plaatsen")
    if weekday == 4:
        kinds.append("sectorcoordinatoren")
    if weekday == 3 and day.isocalendar().week % 2 == 0:
        kinds.append("gouverneurs")
    if weekday == 1 and day.day <= 7:
        kinds.append("centrumsteden")
    return kinds


def _add_meeting(
    ctx: Context, kind: str, day: dt.date, series_id: str, open_actions: list[_DemoAction]
) -> None:
    rng = ctx.rng
    seconds = (9 * 3600 + 30 * 60) if kind != "gouverneurs" else 14 * 3600
    meeting_id = ctx.new_id(day, seconds)
    ctx.sink.add(
        "meeting",
        {
            "id": meeting_id,
            "created_at": stamp(day, seconds),
            "kind": kind,
            "series_id": series_id,
            "team_code": "centraal"
            if kind in ("gouverneurs", "centrumsteden", "sectorcoordinatoren")
            else None,
            "held_on": day.isoformat(),
            "title": f"{MEETING_TITLES[kind]} {day.strftime('%d/%m/%Y')}",
            "status": "gehouden",
            "notes": ctx.pick(MEETING_NOTES) if ctx.chance(0.3) else None,
        },
    )
    # Follow-up first: the actions of earlier meetings still open on the day.
    still_open = [a for a in open_actions if a.done_on is None or a.done_on > day]
    open_actions[:] = still_open
    items: list[tuple[str, str, str | None, str | None]] = [
        (
            "open_actiepunt",
            f"Actiepunt: {a.title} ({a.owner.name}, termijn {a.due_on.strftime('%d/%m/%Y')})",
            "meeting_action",
            a.id,
        )
        for a in still_open
    ]
    items += [
        ("punt", title, None, None)
        for title in rng.sample(
            MEETING_ITEMS[kind], rng.randint(1, min(3, len(MEETING_ITEMS[kind])))
        )
    ]
    items += [
        ("dossier" if table == "case_file" else "punt", title, table, subject_id)
        for title, table, subject_id in _linked_items(ctx, kind, day)
    ]
    point_ids = []
    for position, (item_kind, title, table, subject_id) in enumerate(items):
        item_seconds = seconds + 60 * (position + 1)
        point_id = ctx.new_id(day, item_seconds)
        point_ids.append(point_id)
        ctx.sink.add(
            "meeting_item",
            {
                "id": point_id,
                "created_at": stamp(day, item_seconds),
                "meeting_id": meeting_id,
                "position": position,
                "kind": item_kind,
                "title": title,
                "notes": None,
                "decision": ctx.pick(MEETING_DECISIONS) if ctx.chance(0.4) else None,
                "subject_table": table,
                "subject_id": subject_id,
            },
        )
    for _ in range(rng.choice((0, 1, 1, 2))):
        open_actions.append(_add_action(ctx, kind, day, meeting_id, rng.choice(point_ids)))


def _add_action(
    ctx: Context, kind: str, day: dt.date, meeting_id: str, point_id: str
) -> _DemoAction:
    """An action of the minutes: an owner of the central team (a regional one for the
    team meeting), due in one to three weeks, done within five weeks (some late; the recent
    ones still open)."""
    rng, clock = ctx.rng, ctx.clock
    team = ctx.pick(list(ctx.staff_by_team)) if kind == "teamoverleg" else "centraal"
    owner = ctx.staff_of(team)
    due = day + dt.timedelta(days=rng.choice((7, 7, 14, 21)))
    done: dt.date | None = day + dt.timedelta(days=rng.randint(2, 35))
    if done is not None and done > clock.last_day:
        done = None
    seconds = 11 * 3600 + rng.randrange(60) * 60
    action_id = ctx.new_id(day, seconds)
    title = ctx.pick(MEETING_ACTIONS[kind])
    ctx.sink.add(
        "meeting_action",
        {
            "id": action_id,
            "created_at": stamp(day, seconds),
            "meeting_id": meeting_id,
            "item_id": point_id,
            "title": title,
            "owner_id": owner.id,
            "due_on": due.isoformat(),
            "done_on": done.isoformat() if done else None,
            "done_by_id": owner.id if done else None,
        },
    )
    return _DemoAction(action_id, title, owner, due, done)


def _linked_items(
    ctx: Context, kind: str, day: dt.date
) -> list[tuple[str, str | None, str | None]]:
    """Agenda items generated from records open on the day (cases, offers, questions)."""
    rng = ctx.rng
    today = day.toordinal()
    found: list[tuple[str, str | None, str | None]] = []
    wanted = rng.randint(1, 3)
    if kind in ("herhuisvesting", "kwetsbare_profielen"):
        case_type = "herhuisvesting" if kind == "herhuisvesting" else "kwetsbaar_profiel"
        cases = ctx.cases
        hi = bisect.bisect_right(cases, today, key=lambda c: c.opened)
        lo = bisect.bisect_left(cases, today - 120, key=lambda c: c.opened)
        seen: list[str] = []
        for _ in range(12 if hi > lo else 0):
            case = cases[rng.randrange(lo, hi)]
            is_open = case.closed is None or case.closed > today
            if case.case_type == case_type and is_open and case.id not in seen:
                seen.append(case.id)
                found.append((f"Dossier {case.reference}: stand van zaken", "case_file", case.id))
                if len(found) == wanted:
                    break
    elif kind == "fedasil_plaatsen":
        offers = ctx.offered_locations
        hi = bisect.bisect_right(offers, today, key=lambda o: o[0])
        lo = bisect.bisect_left(offers, today - 60, key=lambda o: o[0])
        if hi > lo:
            for index in sorted(rng.sample(range(lo, hi), min(wanted, hi - lo))):
                _, location_id, name = offers[index]
                found.append((f"Aanbod aan FEDASIL: {name}", "location", location_id))
    elif kind == "teamoverleg":
        questions = ctx.open_questions
        hi = bisect.bisect_right(questions, today, key=lambda q: q[0])
        lo = bisect.bisect_left(questions, today - 30, key=lambda q: q[0])
        for _ in range(8 if hi > lo else 0):
            _, answered, question_id, subject = questions[rng.randrange(lo, hi)]
            if (answered == 0 or answered > today) and all(f[2] != question_id for f in found):
                found.append((f"Vraag: {subject}", "question", question_id))
                if len(found) == wanted:
                    break
    return found


def add_newsletters(ctx: Context) -> None:
    """A VLOT-flits every Friday, made through the flits services as the application makes
    it: the knowledge-base articles published that week (at most :data:`FLITS_ARTICLES`)
    and a notice or two, then sent (frozen). The last edition is a draft for the coming
    Friday (a planned date, like a deadline). Numbering continues from the first edition
    (June 2022)."""
    clock, rng = ctx.clock, ctx.rng
    first = clock.first_day + dt.timedelta(days=(4 - clock.first_day.weekday()) % 7)
    number = max(1, (first - FIRST_FLITS).days // 7 + 1)
    day = first
    draft_day = clock.today + dt.timedelta(days=(4 - clock.today.weekday()) % 7)
    sender = ctx.staff_by_team["centraal"][0]
    while day <= draft_day:
        made_on = min(day, clock.last_day)
        seconds = 16 * 3600 + rng.randrange(120) * 60
        made = flits.create_edition(
            ctx.conn,
            publication_date=day,
            title=f"VLOT-flits {number}",
            intro=ctx.pick(NEWSLETTER_INTROS),
            limit=rng.randint(2, FLITS_ARTICLES),
            number=number,
            make_id=_ids(ctx, made_on, seconds),
            at=ctx.at(made_on, seconds),
        )
        assert made.edition_id is not None, made.problems
        notices = rng.sample(NEWSLETTER_NOTICES, rng.randint(1, 2))
        for count, (title, body) in enumerate(notices):
            flits.add_notice(
                ctx.conn,
                made.edition_id,
                title,
                body,
                position=rng.randint(0, made.added + count),
                make_id=_ids(ctx, made_on, seconds + 60 * (count + 1)),
                at=ctx.at(made_on, seconds + 60 * (count + 1)),
            )
        if day <= clock.last_day:
            problems = flits.send_edition(
                ctx.conn, made.edition_id, user_id=sender.id, at=ctx.at(day, seconds + 600)
            )
            assert not problems, problems
        number += 1
        day += dt.timedelta(days=7)
