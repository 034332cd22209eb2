"""Cases (dossiers) with their Ukrainian households and timelines.

Cases are opened over three years, a little more often lately (rehousing grew in importance).
Old cases are mostly closed, recent ones mostly open. A solved case may point at an occupied
place in the same arrondissement that became occupied after the case was opened; the case was
then closed on the day the household moved in.

The household size and the status steps go through the rules' one write path
(``services.cases.set_household_size``, ``step_status``), as on the Dossiers screen: a case is
written as new with no household size, then its members are counted and its steps taken.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass, field

from vlot_desktop.demo.case_texts import (
    ASSIGNMENT_NOTE,
    CONTACT_NOTES,
    MEDICAL_NOTES,
    NOTES,
    OPENING_NOTES,
    OUTCOMES,
    SUMMARIES,
)
from vlot_desktop.demo.context import CaseRef, Context, Municipality, PlaceRef, Staff
from vlot_desktop.demo.context import WeightedPicker as Picker
from vlot_desktop.demo.names import UA_FEMALE_NAMES, UA_MALE_NAMES, UA_SURNAMES
from vlot_desktop.demo.timeline import stamp
from vlot_desktop.domain.enums import CaseStatus
from vlot_desktop.domain.text import fold_join
from vlot_desktop.services.cases import set_household_size, step_status

REHOUSING = "herhuisvesting"
VULNERABLE = "kwetsbaar_profiel"
FEDASIL = "fedasil_instroom"
PREFIXES = {REHOUSING: "HH", VULNERABLE: "KP", FEDASIL: "FI"}

NEW = "nieuw"
IN_PROGRESS = "in_behandeling"
WAITING = "wacht_op_plaats"
SOLVED = "oplossing_gevonden"
REFERRED = "doorverwezen"
CLOSED = "afgesloten"

_TYPES = Picker([REHOUSING, VULNERABLE, FEDASIL], [70, 18, 12])
_SIZES = Picker([1, 2, 3, 4, 5, 6, 7], [28, 28, 22, 13, 6, 2, 1])
_LANGUAGES = Picker(["uk", "ru", "uk, ru", "uk, en", "ru, en"], [63, 12, 11, 11, 3])
_CLOSED_STATUS = {
    REHOUSING: Picker([SOLVED, REFERRED, CLOSED], [60, 15, 25]),
    VULNERABLE: Picker([SOLVED, REFERRED, CLOSED], [50, 30, 20]),
    FEDASIL: Picker([SOLVED, REFERRED, CLOSED], [75, 10, 15]),
}
_DEADLINE_DAYS = {REHOUSING: (14, 90), VULNERABLE: (7, 60), FEDASIL: (3, 21)}
_NUMBERS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven")


@dataclass
class Member:
    sex: str
    age: int
    relation: str
    first: tuple[str, str]
    last: tuple[str, str]
    needs_medical: bool = False
    needs_mobility: bool = False
    extra: dict[str, str | None] = field(default_factory=dict)


# A status step still to take: (to, day, seconds after midnight, the timeline line's id).
_Step = tuple[CaseStatus, dt.date, int, str]


@dataclass
class _Pending:
    """A case written as new, whose household size and status steps are still to come."""

    id: str
    created: dt.datetime
    author_id: str
    steps: list[_Step]


def add_cases(ctx: Context, count: int) -> None:
    clock = ctx.clock
    opened_days = []
    for _ in range(count):
        power = 1.0 if ctx.chance(0.5) else 0.6
        opened_days.append(clock.skewed_day(clock.first_day, clock.last_day, power))
    opened_days.sort()
    numbers: dict[tuple[str, int], int] = {}
    pending: list[_Pending] = []
    for opened in opened_days:
        day = clock.off_weekend(opened, clock.first_day, clock.last_day)
        case_type = _TYPES.pick(ctx.rng)
        key = (PREFIXES[case_type], day.year)
        numbers[key] = numbers.get(key, 0) + 1
        reference = f"{key[0]}-{key[1]}-{numbers[key]:05d}"
        _add_case(ctx, day, case_type, reference, pending)
    # Written once the cases and their members are in the database, for the services to read.
    ctx.sink.flush()
    for case in pending:
        set_household_size(ctx.conn, case.id, at=case.created)
        for status, day, seconds, event_id in case.steps:
            problems = step_status(
                ctx.conn,
                case.id,
                status,
                author_id=case.author_id,
                today=day,
                at=ctx.at(day, seconds),
                new_id=functools.partial(str, event_id),
            )
            if problems:
                raise AssertionError(f"demo status step refused: {problems}")


def _open_probability(age_days: int) -> float:
    if age_days < 30:
        return 0.9
    if age_days < 90:
        return 0.55
    if age_days < 180:
        return 0.2
    return 0.04


def _add_case(
    ctx: Context, opened: dt.date, case_type: str, reference: str, pending: list[_Pending]
) -> None:
    clock, rng = ctx.clock, ctx.rng
    m = ctx.municipality_picker.pick(rng)
    team = "centraal" if ctx.chance(0.07) else ctx.team_of_province[m.province]
    age = (clock.last_day - opened).days
    place: PlaceRef | None = None
    closed_on: dt.date | None = None
    if rng.random() < _open_probability(age):
        status = (
            NEW if age < 7 or ctx.chance(0.08) else (IN_PROGRESS if ctx.chance(0.6) else WAITING)
        )
    else:
        status = _CLOSED_STATUS[case_type].pick(rng)
        if status == SOLVED and case_type != VULNERABLE and ctx.chance(0.6):
            place = _take_place(ctx, m, opened)
        if place is not None:
            closed_on = dt.date.fromordinal(place.occupied_since)
        else:
            closed_on = clock.after(opened, 3, 10 + int(150 * rng.random() ** 2))
    low, high = _DEADLINE_DAYS[case_type]
    deadline = opened + dt.timedelta(days=rng.randint(low, high))
    if closed_on is None and deadline < clock.today:
        if ctx.chance(0.7):
            # Open cases mostly had their deadline moved; some are overdue.
            deadline = clock.today + dt.timedelta(days=rng.randint(2, 45))
        elif age > 90:
            # An old open case was followed up: its moved deadline was missed recently.
            deadline = clock.today - dt.timedelta(days=rng.randint(1, 60))
    staff = ctx.staff_of(team)
    assigned = None if status == NEW and ctx.chance(0.5) else staff
    coordinators = ctx.contacts[m.nis].coordinators

    members = _household(ctx, case_type)
    outcome = None
    if closed_on is not None:
        if place is not None:
            outcome = OUTCOMES["oplossing_gevonden_place"][0].format(location=place.location_name)
        else:
            outcome = ctx.pick(OUTCOMES[status])
    summary = ctx.pick(SUMMARIES[case_type]).format(household=_describe(members), gemeente=m.name)
    summary = summary[0].upper() + summary[1:]

    opened_seconds = clock.office_seconds(8 * 3600, 10 * 3600)
    case_id = ctx.new_id(opened, opened_seconds)
    created = stamp(opened, opened_seconds)
    ctx.sink.add(
        "case_file",
        {
            "id": case_id,
            "created_at": created,
            "reference": reference,
            "case_type": case_type,
            "status": NEW,  # its steps follow, through services.cases.step_status
            "team_code": team,
            "municipality_nis": m.nis,
            "assigned_to_id": assigned.id if assigned else None,
            "opened_on": opened.isoformat(),
            "deadline": deadline.isoformat(),
            "closed_on": None,  # set by the step that closes it
            "household_size": 0,  # services.cases.set_household_size, once the members are in
            "summary": summary,
            "outcome": outcome,
            "assigned_place_id": place.id if place else None,
            "municipal_contact_id": coordinators[0].id if coordinators else None,
            "personal_data_erased_on": None,
        },
    )
    member_ids = _write_members(ctx, case_id, members, opened, opened_seconds)
    end = closed_on or clock.last_day
    author = assigned or staff
    steps = _write_events(
        ctx, case_id, opened, opened_seconds, end, status, closed_on, place, author, m
    )
    pending.append(_Pending(case_id, ctx.at(opened, opened_seconds), author.id, steps))
    for member_id, member in zip(member_ids, members, strict=True):
        if member.needs_medical and ctx.chance(0.5):
            day = clock.day(opened, end)
            seconds = clock.office_seconds()
            ctx.sink.add(
                "sensitive_data_access",
                {
                    "id": ctx.new_id(day, seconds),
                    "created_at": stamp(day, seconds),
                    "case_id": case_id,
                    "member_id": member_id,
                    "user_id": author.id,
                    "viewed_at": stamp(day, seconds),
                },
            )
    ctx.cases.append(
        CaseRef(
            case_id,
            reference,
            case_type,
            opened.toordinal(),
            closed_on.toordinal() if closed_on else None,
        )
    )


def _take_place(ctx: Context, m: Municipality, opened: dt.date) -> PlaceRef | None:
    """An occupied place nearby that was taken after the case was opened (used once)."""
    pool = ctx.occupied_places.get(m.arrondissement)
    if not pool:
        return None
    start = opened.toordinal()
    index = bisect.bisect_left(pool, start, key=lambda ref: ref.occupied_since)
    if index < len(pool) and pool[index].occupied_since <= start + 150:
        return pool.pop(index)
    return None


def _household(ctx: Context, case_type: str) -> list[Member]:
    rng = ctx.rng
    size = _SIZES.pick(rng)
    elderly = case_type == VULNERABLE and ctx.chance(0.4)
    if elderly:
        size = min(size, 2)
    surname = ctx.pick(UA_SURNAMES)

    def family_name(sex: str) -> tuple[str, str]:
        return (surname[2], surname[3]) if sex == "v" else (surname[0], surname[1])

    def given(sex: str) -> tuple[str, str]:
        return ctx.pick(UA_FEMALE_NAMES if sex == "v" else UA_MALE_NAMES)

    sex = "v" if ctx.chance(0.72) else "m"
    age = rng.randint(65, 88) if elderly else rng.randint(20, 60)
    contact = Member(sex, age, "contactpersoon", given(sex), family_name(sex))
    members = [contact]
    if size >= 2 and age < 75 and ctx.chance(0.3 if not elderly else 0.6):
        partner_sex = "m" if sex == "v" else "v"
        partner_age = max(18, age + rng.randint(-5, 5))
        members.append(
            Member(
                partner_sex, partner_age, "partner", given(partner_sex), family_name(partner_sex)
            )
        )
    if size >= 3 and age < 55 and ctx.chance(0.12):
        parent_sex = "v" if ctx.chance(0.7) else "m"
        parent_age = min(90, age + rng.randint(22, 32))
        members.append(
            Member(parent_sex, parent_age, "ouder", given(parent_sex), family_name(parent_sex))
        )
    while len(members) < size:
        child_sex = "v" if ctx.chance(0.5) else "m"
        roll = rng.random()
        if elderly or roll < 0.04:
            relation, child_age = "broer_zus", max(1, age + rng.randint(-8, 8))
        elif roll < 0.08:
            relation, child_age = "ander_familielid", rng.randint(2, 30)
        else:
            relation, child_age = "kind", rng.randint(0, max(0, min(age - 18, 24)))
        members.append(
            Member(child_sex, child_age, relation, given(child_sex), family_name(child_sex))
        )

    for member in members:
        old = member.age >= 65
        member.needs_medical = ctx.chance(0.25 if old else 0.03)
        member.needs_mobility = ctx.chance(0.3 if old else 0.015)
    if case_type == VULNERABLE and not any(m.needs_medical or m.needs_mobility for m in members):
        target = ctx.pick(members)
        if ctx.chance(0.6):
            target.needs_medical = True
        else:
            target.needs_mobility = True
    return members


def _describe(members: list[Member]) -> str:
    contact = members[0]
    children = sum(1 for m in members if m.relation == "kind")
    has_partner = any(m.relation == "partner" for m in members)
    if len(members) == 1:
        person = "vrouw" if contact.sex == "v" else "man"
        return f"een alleenstaande {'oudere ' if contact.age >= 65 else ''}{person}"
    kids = f"{_NUMBERS[children]} {'kind' if children == 1 else 'kinderen'}" if children else ""
    if has_partner:
        text = f"een koppel met {kids}" if kids else "een koppel"
    elif kids:
        text = f"een {'moeder' if contact.sex == 'v' else 'vader'} met {kids}"
    else:
        return f"een gezin van {_NUMBERS[min(len(members), 7)]} personen"
    if any(m.relation == "ouder" for m in members):
        text += " en een grootouder"
    return text


def _write_members(
    ctx: Context, case_id: str, members: list[Member], opened: dt.date, seconds: int
) -> list[str]:
    rng = ctx.rng
    today_year = ctx.clock.today.year
    with_cyrillic = ctx.chance(0.88)
    language = _LANGUAGES.pick(rng)
    ids = []
    for index, member in enumerate(members):
        # One second apart, so that ordering by id keeps the contact person first.
        member_seconds = seconds + index
        first, first_cyr = member.first
        last, last_cyr = member.last
        if not with_cyrillic:
            first_cyr = last_cyr = ""
        birth_year = today_year - member.age - rng.randint(0, 1)
        school_age = 5 <= today_year - birth_year <= 17
        phone = None
        if index == 0 or (member.age >= 18 and ctx.chance(0.3)):
            phone = _phone(ctx)
        member_id = ctx.new_id(opened, member_seconds)
        ids.append(member_id)
        notes = ctx.pick(MEDICAL_NOTES) if member.needs_medical and ctx.chance(0.6) else None
        ctx.sink.add(
            "household_member",
            {
                "id": member_id,
                "created_at": stamp(opened, member_seconds),
                "case_id": case_id,
                "first_name": first,
                "last_name": last,
                "first_name_cyrillic": first_cyr or None,
                "last_name_cyrillic": last_cyr or None,
                "search_names": fold_join(first, last, first_cyr, last_cyr),
                "birth_year": birth_year,
                "sex": member.sex,
                "relation": member.relation,
                "phone": phone,
                "language": language,
                "needs_mobility": int(member.needs_mobility),
                "needs_medical": int(member.needs_medical),
                "medical_notes": notes,
                "has_pets": int(index == 0 and ctx.chance(0.08)),
                "school_age": int(school_age),
            },
        )
    return ids


def _phone(ctx: Context) -> str | None:
    """A Belgian mobile number mostly, sometimes still the Ukrainian one, sometimes none."""
    rng = ctx.rng
    roll = rng.random()
    if roll < 0.7:
        n = rng.randrange(1_000_000)
        return f"+32 4{rng.randint(60, 99)} {n // 10000:02d} {n // 100 % 100:02d} {n % 100:02d}"
    if roll < 0.9:
        n = rng.randrange(10_000_000)
        return f"+380 {rng.randint(50, 99)} {n // 10000:03d} {n // 100 % 100:02d} {n % 100:02d}"
    return None


def _write_events(
    ctx: Context,
    case_id: str,
    opened: dt.date,
    opened_seconds: int,
    end: dt.date,
    status: str,
    closed_on: dt.date | None,
    place: PlaceRef | None,
    author: Staff,
    m: Municipality,
) -> list[_Step]:
    """Write the case's timeline; returns its status steps (for ``step_status``), in order."""
    clock, rng = ctx.clock, ctx.rng
    steps: list[_Step] = []
    # (kind, text, from, to) in the order they happened; notes and contacts slot in anywhere.
    Event = tuple[str, str | None, str | None, str | None]
    chain: list[Event] = []
    if status != NEW:
        chain.append(("statuswijziging", None, NEW, IN_PROGRESS))
        if status == WAITING or (closed_on is not None and ctx.chance(0.4)):
            chain.append(("statuswijziging", None, IN_PROGRESS, WAITING))
    age_weeks = (end - opened).days // 7
    extras = rng.randint(0, min(4, 1 + age_weeks))
    for _ in range(extras):
        if ctx.chance(0.6):
            event: Event = ("contact", ctx.pick(CONTACT_NOTES).format(gemeente=m.name), None, None)
        else:
            event = ("notitie", ctx.pick(NOTES), None, None)
        chain.insert(rng.randint(0, len(chain)), event)
    middle_end = end
    if closed_on is not None and closed_on > opened:
        middle_end = closed_on - dt.timedelta(days=1)
    moments = sorted(
        (clock.day(opened, middle_end), clock.office_seconds(10 * 3600, 15 * 3600)) for _ in chain
    )
    timeline: list[tuple[dt.date, int, Event, str | None]] = [
        (opened, opened_seconds, ("notitie", ctx.pick(OPENING_NOTES), None, None), None)
    ]
    timeline.extend(
        (day, seconds, event, None) for (day, seconds), event in zip(moments, chain, strict=True)
    )
    if closed_on is not None:
        last_status = chain_status(chain)
        seconds = clock.office_seconds(15 * 3600 + 60, 17 * 3600)
        if place is not None:
            note = ASSIGNMENT_NOTE.format(label=place.label, location=place.location_name)
            timeline.append((closed_on, seconds, ("toewijzing", note, None, None), place.id))
            seconds += 60
        timeline.append((closed_on, seconds, ("statuswijziging", None, last_status, status), None))
    previous = (opened, -1)
    for day, seconds, (kind, text, from_status, to_status), place_id in timeline:
        # Strictly increasing moments: ordering by time or by id gives the same timeline.
        if (day, seconds) <= previous:
            seconds = previous[1] + 1
        previous = (day, seconds)
        if kind == "statuswijziging" and to_status is not None:
            # Taken later through the workflow's one write path (see add_cases).
            steps.append((CaseStatus(to_status), day, seconds, ctx.new_id(day, seconds)))
            continue
        ctx.sink.add(
            "case_event",
            {
                "id": ctx.new_id(day, seconds),
                "created_at": stamp(day, seconds),
                "case_id": case_id,
                "kind": kind,
                "occurred_at": stamp(day, seconds),
                "author_id": author.id,
                "text": text,
                "from_status": from_status,
                "to_status": to_status,
                "place_id": place_id,
            },
        )
    return steps


def chain_status(chain: list[tuple[str, str | None, str | None, str | None]]) -> str:
    """The status reached by the last status change of ``chain`` (``nieuw`` if none)."""
    for kind, _, _, to_status in reversed(chain):
        if kind == "statuswijziging" and to_status:
            return to_status
    return NEW
