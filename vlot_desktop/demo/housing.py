"""Reception locations, their places and their history (status, capacity, partners).

A location gets a status path (e.g. in_voorbereiding -> operationeel -> afgebouwd) with dates in
the window; its places get their own paths between opening and today, ending in a realistic mix
(mostly occupied). The places come from the capacity rule's one write path,
``services.places.set_capacity``, called on the day the capacity was set (and again on the day
it was extended or reduced), exactly as the form and the import make them: "Plaats 1".."Plaats
n", free in an operational location, in preparation otherwise. Their later history (occupied,
offered, ...) is then written here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vlot_desktop.demo.activity_texts import (
    CAPACITY_REASONS_DOWN,
    CAPACITY_REASONS_UP,
    LOCATION_NAMES,
    LOCATION_NOTES,
    LOCATION_STATUS_REMARKS,
)
from vlot_desktop.demo.context import Context, Municipality, Organisation, Person, PlaceRef
from vlot_desktop.demo.context import WeightedPicker as Picker
from vlot_desktop.demo.names import PLACE_NAMES, SAINTS, STREETS
from vlot_desktop.demo.people import Owners
from vlot_desktop.demo.timeline import stamp
from vlot_desktop.domain.text import fold_join
from vlot_desktop.services.places import CapacityResult, set_capacity

HOUSE = "individuele_woning"
HOST_FAMILY = "gastgezin"
COLLECTIVE = "collectieve_opvang"
MODULAR = "modulaire_unit"
EMERGENCY = "noodopvang"
OTHER = "andere"
BUILT = (COLLECTIVE, MODULAR, EMERGENCY, OTHER)  # prepared before they open

PROSPECT = "prospect"
PREPARING = "in_voorbereiding"
OPERATIONAL = "operationeel"
WOUND_DOWN = "afgebouwd"
CLOSED = "gesloten"

FREE = "vrij"
OCCUPIED = "bezet"
OFFERED = "aangeboden_fedasil"
IN_PREPARATION = "in_opbouw"
OUT_OF_USE = "buiten_gebruik"

TYPE_PICKER = Picker(
    [HOUSE, HOST_FAMILY, COLLECTIVE, MODULAR, EMERGENCY, OTHER], [49, 26, 10, 8, 3, 4]
)
_STATUS_SMALL = Picker([OPERATIONAL, CLOSED, PREPARING, WOUND_DOWN, PROSPECT], [72, 17, 5, 2, 3])
_STATUS_BUILT = Picker([OPERATIONAL, PREPARING, WOUND_DOWN, CLOSED, PROSPECT], [66, 10, 12, 8, 4])
_STATUS_EMERGENCY = Picker([CLOSED, WOUND_DOWN, OPERATIONAL], [55, 15, 30])
_PLACE_HOST = Picker([OCCUPIED, FREE], [85, 15])
_PLACE_HOUSE = Picker([OCCUPIED, FREE, OFFERED, OUT_OF_USE, IN_PREPARATION], [78, 10, 7, 3, 2])
_PLACE_BUILT = Picker([OCCUPIED, FREE, OFFERED, OUT_OF_USE, IN_PREPARATION], [72, 13, 9, 4, 2])
_PLACE_EMERGENCY = Picker([OCCUPIED, FREE, OFFERED], [60, 30, 10])
_PLACE_WOUND_DOWN = Picker([OCCUPIED, FREE, OUT_OF_USE], [55, 15, 30])
_HOUSE_CAPACITY = Picker([2, 3, 4, 5, 6], [20, 30, 25, 15, 10])
_HOST_CAPACITY = Picker([1, 2, 3, 4], [25, 35, 25, 15])

SUBSIDY_SCHEMES = {
    COLLECTIVE: "Subsidie collectieve opvang",
    MODULAR: "Subsidie modulaire units",
    EMERGENCY: "Noodopvang (crisisregeling)",
    OTHER: "Subsidie collectieve opvang",
    HOUSE: "Subsidie kleinschalige opvang",
}


@dataclass
class LocationPlan:
    """What a location will be; converted prospects bring their own plan."""

    municipality: Municipality
    location_type: str
    capacity: int
    steps: list[tuple[str, dt.date]]  # status path, oldest first
    name: str | None = None
    street: str | None = None
    house_number: str | None = None
    postcode: str | None = None
    owner: tuple[Organisation | None, Person | None] | None = None


class HousingGenerator:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.owners = Owners(ctx)
        self.locations = 0
        self.places = 0
        self._subsidy_numbers: dict[int, int] = {}

    # --- plans ---------------------------------------------------------------------------

    def random_plan(self) -> LocationPlan:
        ctx = self.ctx
        location_type = TYPE_PICKER.pick(ctx.rng)
        m = ctx.municipality_picker.pick(ctx.rng)
        if location_type == HOUSE:
            capacity = _HOUSE_CAPACITY.pick(ctx.rng)
            status = _STATUS_SMALL.pick(ctx.rng)
        elif location_type == HOST_FAMILY:
            capacity = _HOST_CAPACITY.pick(ctx.rng)
            status = _STATUS_SMALL.pick(ctx.rng)
        elif location_type == COLLECTIVE:
            capacity = 10 + int(70 * ctx.rng.random() ** 2.5)
            status = _STATUS_BUILT.pick(ctx.rng)
        elif location_type == MODULAR:
            capacity = 6 + int(40 * ctx.rng.random() ** 2)
            status = _STATUS_BUILT.pick(ctx.rng)
        elif location_type == EMERGENCY:
            capacity = 10 + int(60 * ctx.rng.random() ** 2)
            status = _STATUS_EMERGENCY.pick(ctx.rng)
        else:
            capacity = 3 + int(12 * ctx.rng.random())
            status = _STATUS_BUILT.pick(ctx.rng)
        if status == PROSPECT:
            capacity = 0  # nothing declared yet
        return LocationPlan(m, location_type, capacity, self._status_path(location_type, status))

    def _status_path(self, location_type: str, status: str) -> list[tuple[str, dt.date]]:
        ctx, clock = self.ctx, self.ctx.clock
        first, last = clock.first_day, clock.last_day
        prepared = location_type in BUILT or ctx.chance(0.2)
        had_prospect = prepared and ctx.chance(0.3)

        def before(day: dt.date, lo: int, hi: int) -> dt.date:
            return max(first, day - dt.timedelta(days=ctx.rng.randint(lo, hi)))

        if status == PROSPECT:
            return [(PROSPECT, clock.day(last - dt.timedelta(days=300), last))]
        if status == PREPARING:
            day = clock.day(last - dt.timedelta(days=240), last)
            path = [(PREPARING, day)]
            if had_prospect:
                path.insert(0, (PROSPECT, before(day, 20, 90)))
            return path
        power = 3.0 if location_type == EMERGENCY else 1.8
        opened = clock.skewed_day(first, last - dt.timedelta(days=30), power)
        path = [(OPERATIONAL, opened)]
        if prepared:
            prep = before(opened, 14, 90)
            path.insert(0, (PREPARING, prep))
            if had_prospect:
                path.insert(0, (PROSPECT, before(prep, 14, 60)))
        if status in (WOUND_DOWN, CLOSED):
            earliest = min(opened + dt.timedelta(days=90), last)
            end = clock.day(earliest, last)
            if status == CLOSED and ctx.chance(0.3) and (end - opened).days > 60:
                path.append((WOUND_DOWN, clock.day(opened + dt.timedelta(days=30), end)))
            path.append((status, end))
        return path

    def converted_plan(
        self,
        m: Municipality,
        location_type: str,
        capacity: int,
        visit_day: dt.date,
        address: tuple[str, str, str | None],
        name: str,
        owner: tuple[Organisation | None, Person | None],
    ) -> LocationPlan:
        """The location that a positive prospect visit became; its path starts after the visit."""
        ctx, clock = self.ctx, self.ctx.clock
        prep = clock.after(visit_day, 14, 60)
        steps = [(PREPARING, prep)]
        opened = prep + dt.timedelta(days=ctx.rng.randint(30, 150))
        if opened <= clock.last_day:
            steps.append((OPERATIONAL, opened))
            if ctx.chance(0.1):
                end = opened + dt.timedelta(days=ctx.rng.randint(120, 500))
                if end <= clock.last_day:
                    steps.append((WOUND_DOWN, end))
        street, number, postcode = address
        return LocationPlan(
            m, location_type, capacity, steps, name, street, number, postcode, owner
        )

    # --- writing -------------------------------------------------------------------------

    def add(self, plan: LocationPlan) -> str:
        """Write a location with its status history, partners, capacity changes and places."""
        ctx = self.ctx
        m = plan.municipality
        steps = plan.steps
        first_day = steps[0][1]
        status, status_since = steps[-1]
        statuses = dict(steps)
        opened = statuses.get(OPERATIONAL)
        closed = statuses.get(CLOSED)
        team = ctx.team_of_province[m.province]

        street = plan.street or ctx.pick(STREETS)
        number = plan.house_number or _house_number(ctx)
        postcode = plan.postcode or (ctx.pick(m.postcodes) if m.postcodes else None)
        name = plan.name or _location_name(ctx, plan.location_type, street, number)
        owner_org, owner_person = plan.owner or self.owners.for_location(
            m, plan.location_type, first_day
        )
        coordinators = ctx.contacts[m.nis].coordinators
        scheme = SUBSIDY_SCHEMES.get(plan.location_type)
        if plan.location_type == HOUSE and ctx.chance(0.6):
            scheme = None
        reference = self._subsidy_reference(opened or first_day) if scheme and opened else None
        is_built = plan.location_type in BUILT
        wheelchair = ctx.chance(0.4 if is_built else 0.1)
        created_seconds = ctx.clock.office_seconds()
        location_id = ctx.new_id(first_day, created_seconds)
        created = stamp(first_day, created_seconds)
        ctx.sink.add(
            "location",
            {
                "id": location_id,
                "created_at": created,
                "name": name,
                "search_text": fold_join(name, street, m.name),
                "location_type": plan.location_type,
                "status": status,
                "status_since": status_since.isoformat(),
                "street": street,
                "house_number": number,
                "postcode": postcode,
                "municipality_nis": m.nis,
                "owner_organisation_id": owner_org.id if owner_org else None,
                "owner_contact_id": owner_person.id if owner_person else None,
                "municipal_contact_id": coordinators[0].id if coordinators else None,
                "capacity": 0,  # the places come with it (services.places.set_capacity)
                "wheelchair_accessible": int(wheelchair),
                "suits_families": int(ctx.chance(0.6 if plan.location_type == EMERGENCY else 0.85)),
                "suits_singles": int(ctx.chance(0.5 if plan.location_type == HOUSE else 0.75)),
                "suits_medical_needs": int(ctx.chance(0.25 if wheelchair else 0.05)),
                "suits_vulnerable_profiles": int(ctx.chance(0.35 if wheelchair else 0.1)),
                "opened_on": opened.isoformat() if opened else None,
                "closed_on": closed.isoformat() if closed else None,
                "subsidy_scheme": scheme,
                "subsidy_reference": reference,
                "notes": ctx.pick(LOCATION_NOTES) if ctx.chance(0.25) else None,
            },
        )
        self.locations += 1

        previous: str | None = None
        last_moment = (first_day, -1)
        for step_status, day in steps:
            seconds = ctx.clock.office_seconds()
            if (day, seconds) <= last_moment:  # two steps on one day: in their order
                seconds = last_moment[1] + 60
            last_moment = (day, seconds)
            change_id, change_created = ctx.new_id(day, seconds), stamp(day, seconds)
            remarks = LOCATION_STATUS_REMARKS[step_status]
            ctx.sink.add(
                "location_status_change",
                {
                    "id": change_id,
                    "created_at": change_created,
                    "location_id": location_id,
                    "from_status": previous,
                    "to_status": step_status,
                    "changed_on": day.isoformat(),
                    "author_id": ctx.staff_of(team).id,
                    "remark": ctx.pick(remarks) if ctx.chance(0.4) else None,
                },
            )
            previous = step_status

        if is_built and plan.location_type != EMERGENCY and ctx.chance(0.3):
            self._add_partners(location_id, m, opened or first_day)

        if plan.capacity:
            self._add_places(plan, location_id, name, team, statuses, created_seconds)
        return location_id

    def _subsidy_reference(self, day: dt.date) -> str:
        number = self._subsidy_numbers.get(day.year, 0) + 1
        self._subsidy_numbers[day.year] = number
        return f"OPV-{day.year}-{number:04d}"

    def _add_partners(self, location_id: str, m: Municipality, day: dt.date) -> None:
        ctx = self.ctx
        neighbours = [
            n
            for n in ctx.by_province[m.province]
            if n.arrondissement == m.arrondissement and n.nis != m.nis
        ]
        ctx.rng.shuffle(neighbours)
        for partner in neighbours[: ctx.rng.randint(1, 3)]:
            partner_id, created = ctx.moment(day)
            ctx.sink.add(
                "location_partner",
                {
                    "id": partner_id,
                    "created_at": created,
                    "location_id": location_id,
                    "municipality_nis": partner.nis,
                    "role": "partnergemeente" if ctx.chance(0.7) else "medefinanciering",
                },
            )

    def _set_capacity(
        self,
        location_id: str,
        capacity: int,
        day: dt.date,
        seconds: int,
        status_then: str,
        team: str,
        reason: str | None,
    ) -> CapacityResult:
        """The capacity on ``day`` through the rule's one write path, as the form sets it: the
        location has the status it had then (free places in an operational location, places
        in preparation otherwise)."""
        ctx = self.ctx
        ctx.sink.flush()  # the location row, for the service to read
        ctx.conn.execute("UPDATE location SET status = ? WHERE id = ?", (status_then, location_id))
        result = set_capacity(
            ctx.conn,
            location_id,
            capacity,
            on_date=day,
            author_id=ctx.staff_of(team).id,
            reason=reason,
            at=ctx.at(day, seconds),
            new_id=lambda: ctx.new_id(day, seconds),
        )
        if not result.saved:
            raise AssertionError(f"demo capacity refused: {result.problems}")
        return result

    def _add_places(
        self,
        plan: LocationPlan,
        location_id: str,
        name: str,
        team: str,
        statuses: dict[str, dt.date],
        created_seconds: int,
    ) -> None:
        ctx, clock = self.ctx, self.ctx.clock
        rng = ctx.rng
        capacity = plan.capacity
        location_type = plan.location_type
        status = plan.steps[-1][0]
        prep = statuses.get(PREPARING)
        opened = statuses.get(OPERATIONAL)
        end = statuses.get(CLOSED) or statuses.get(WOUND_DOWN)

        # Capacity history: an extension or a reduction for some locations.
        initial = capacity
        change_day: dt.date | None = None
        reason: str | None = None
        if opened and status == WOUND_DOWN and end and capacity > 1:
            initial = int(capacity / rng.uniform(0.35, 0.7)) + 1
            change_day = end
            reason = ctx.pick(CAPACITY_REASONS_DOWN)
        elif opened and location_type in BUILT and status == OPERATIONAL and ctx.chance(0.15):
            initial = max(1, capacity - max(1, int(capacity * rng.uniform(0.15, 0.4))))
            change_day = clock.day(
                min(opened + dt.timedelta(days=30), clock.last_day), clock.last_day
            )
            reason = ctx.pick(CAPACITY_REASONS_UP)

        # The places are made when the location is prepared, or else when it opens.
        made_on = prep or opened or plan.steps[-1][1]
        made_status = PREPARING if prep is not None else OPERATIONAL
        seconds = (
            created_seconds
            if made_on == plan.steps[0][1]
            else clock.office_seconds(8 * 3600, 12 * 3600)
        )
        made = self._set_capacity(location_id, initial, made_on, seconds, made_status, team, None)
        # (place, the day its own history goes on from, the time of its first step)
        places = [(place, opened, seconds) for place in made.added]
        if change_day is not None and initial != capacity:
            change_seconds = clock.office_seconds(8 * 3600, 12 * 3600)
            then = OPERATIONAL if initial < capacity else status
            changed = self._set_capacity(
                location_id, capacity, change_day, change_seconds, then, team, reason
            )
            gone = set(changed.removed)
            places = [p for p in places if p[0].id not in gone]
            places += [(place, change_day, change_seconds) for place in changed.added]
        ctx.conn.execute("UPDATE location SET status = ? WHERE id = ?", (status, location_id))

        offered_last: dt.date | None = None
        arrondissement = plan.municipality.arrondissement
        final_rows: list[tuple[str, str, str | None, str]] = []
        for place, start, first_seconds in places:
            # A place of a location that never opened stays as it was made (in preparation).
            path = [] if start is None else self._place_steps(
                location_type, status, place.status.value, start, end
            )  # fmt: skip
            for from_status, to_status, day in path:
                first_seconds += 60  # after the step that made the place, on the same day
                ctx.sink.add(
                    "place_status_change",
                    {
                        "id": ctx.new_id(day, first_seconds),
                        "created_at": stamp(day, first_seconds),
                        "place_id": place.id,
                        "location_id": location_id,
                        "from_status": from_status,
                        "to_status": to_status,
                        "changed_on": day.isoformat(),
                        "author_id": ctx.staff_of(team).id,
                    },
                )
            if not path:
                continue
            _, place_status, since = path[-1]
            offered = [day for _, to, day in path if to == OFFERED]
            offered_on = offered[-1] if offered else None
            if offered_on and (offered_last is None or offered_on > offered_last):
                offered_last = offered_on
            final_rows.append(
                (
                    place_status,
                    since.isoformat(),
                    offered_on.isoformat() if offered_on else None,
                    place.id,
                )
            )
            if place_status == OCCUPIED and location_type != HOST_FAMILY:
                ctx.occupied_places.setdefault(arrondissement, []).append(
                    PlaceRef(place.id, place.label, name, since.toordinal())
                )
        # The places' history as it went (place actions are not one of the rules spanning rows).
        ctx.conn.executemany(
            "UPDATE place SET status = ?, status_since = ?, offered_to_fedasil_on = ? WHERE id = ?",
            final_rows,
        )
        self.places += capacity
        if offered_last is not None:
            ctx.offered_locations.append((offered_last.toordinal(), location_id, name))

    def _place_steps(
        self,
        location_type: str,
        status: str,
        made: str,
        start: dt.date,
        end: dt.date | None,
    ) -> list[tuple[str | None, str, dt.date]]:
        """The status steps of one place after it was made (in ``made``, by the capacity
        rule), oldest first, from ``start`` on, ending in a drawn final status."""
        ctx, clock = self.ctx, self.ctx.clock
        path: list[tuple[str | None, str, dt.date]] = []
        current = made
        final = _final_place_status(ctx, location_type, status)
        if final == IN_PREPARATION:
            if current == IN_PREPARATION:
                return []  # still being furnished
            final = FREE
        if current == IN_PREPARATION:
            path.append((IN_PREPARATION, FREE, start))
            current = FREE
        elif location_type == HOST_FAMILY:
            path.append((current, OCCUPIED, start))  # the family offered a room already taken
            current = OCCUPIED

        steps = _place_path(ctx, current, final, offerable=location_type != HOST_FAMILY)
        last = end if end is not None else clock.last_day
        days = clock.sorted_days(start, last, len(steps))
        if final == OUT_OF_USE and end is not None:
            days[-1] = end
        for to_status, day in zip(steps, days, strict=True):
            path.append((current, to_status, day))
            current = to_status
        return path


def _final_place_status(ctx: Context, location_type: str, status: str) -> str:
    """The status a place of a location of this type and status ends in, drawn from the mix
    seen in the field (a closed location's places are out of use)."""
    if status == CLOSED:
        return OUT_OF_USE
    if status == WOUND_DOWN:
        return _PLACE_WOUND_DOWN.pick(ctx.rng)
    if location_type == HOST_FAMILY:
        return _PLACE_HOST.pick(ctx.rng)
    if location_type == HOUSE:
        return _PLACE_HOUSE.pick(ctx.rng)
    if location_type == EMERGENCY:
        return _PLACE_EMERGENCY.pick(ctx.rng)
    return _PLACE_BUILT.pick(ctx.rng)


def _place_path(ctx: Context, current: str, final: str, *, offerable: bool) -> list[str]:
    """The statuses a place goes through from ``current`` to ``final`` (drawn, with the
    detours a real place takes: offered first, freed and taken again)."""
    steps: list[str] = []
    if final == OCCUPIED:
        if current == FREE:
            steps = [OFFERED, OCCUPIED] if offerable and ctx.chance(0.35) else [OCCUPIED]
        if ctx.chance(0.25):
            steps += [FREE, OCCUPIED]
    elif final == FREE:
        if current == OCCUPIED:
            steps = [FREE]
        elif ctx.chance(0.5):
            steps = [OCCUPIED, FREE]
    elif final == OFFERED:
        steps = [OCCUPIED, FREE, OFFERED] if ctx.chance(0.3) else [OFFERED]
        if current == OCCUPIED:
            steps = [FREE, OFFERED]
    elif final == OUT_OF_USE:
        steps = [OCCUPIED] if current == FREE and ctx.chance(0.6) else []
        steps.append(OUT_OF_USE)
    return steps


def _house_number(ctx: Context) -> str:
    number = 1 + int(180 * ctx.rng.random() ** 1.6)
    roll = ctx.rng.random()
    if roll < 0.06:
        return f"{number}A"
    if roll < 0.1:
        return f"{number} bus {ctx.rng.randint(1, 6)}"
    return str(number)


def _location_name(ctx: Context, location_type: str, street: str, number: str) -> str:
    template = ctx.pick(LOCATION_NAMES[location_type])
    return template.format(
        place=ctx.pick(PLACE_NAMES), saint=ctx.pick(SAINTS), street=street, number=number
    )


def add_locations(ctx: Context, housing: HousingGenerator, locations: int, places: int) -> None:
    """Random locations until both the location and the place targets are reached."""
    while housing.locations < locations or housing.places < places:
        housing.add(housing.random_plan())
    for refs in ctx.occupied_places.values():
        refs.sort(key=lambda ref: ref.occupied_since)
    ctx.offered_locations.sort()
