"""Prospect visits (prospecties): buildings, checklist answers, findings and participants.

Statuses follow the work: planned visits lie ahead, visited ones wait for advice, positive ones
wait for the municipality, converted ones became a location (``location_id``). Checklist answers
exist only for visited buildings; their ids are derived from (visit id, item key) like the app
does, so two laptops answering the same item make the same row.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from vlot_desktop.demo.context import Context, Municipality, Organisation, Person, Staff
from vlot_desktop.demo.context import WeightedPicker as Picker
from vlot_desktop.demo.housing import HousingGenerator
from vlot_desktop.demo.names import FIRE_ZONES, PLACE_NAMES, SAINTS, STREETS
from vlot_desktop.demo.people import flemish_name
from vlot_desktop.demo.prospect_texts import (
    BOTTLENECKS,
    BUILDING_KINDS,
    GENERAL_IMPRESSIONS,
    OPPORTUNITIES,
    OUTCOME_NOTES,
    TEXT_ANSWERS,
    YES_PROBABILITY,
    BuildingKind,
    FindingText,
)
from vlot_desktop.demo.timeline import stamp
from vlot_desktop.domain.checklist import ChecklistItem, ItemKind

PLANNED = "gepland"
VISITED = "bezocht"
POSITIVE = "positief"
NEGATIVE = "negatief"
ON_HOLD = "on_hold"
CONVERTED = "omgezet"

_STATUS = Picker([PLANNED, VISITED, POSITIVE, NEGATIVE, ON_HOLD, CONVERTED], [7, 9, 14, 24, 10, 36])
_KINDS = Picker(BUILDING_KINDS, [k.weight for k in BUILDING_KINDS])
_ANSWER_RATE = 0.88


@dataclass
class Visit:
    id: str
    municipality: Municipality
    kind: BuildingKind
    name: str
    street: str
    house_number: str
    postcode: str | None
    status: str
    visit_day: dt.date
    created_day: dt.date
    estimated: int | None
    owner_org: Organisation | None
    owner_person: Person | None
    visitor: Staff
    location_id: str | None = None

    @property
    def mood(self) -> str:
        if self.status in (POSITIVE, CONVERTED):
            return "positive"
        if self.status == NEGATIVE:
            return "negative"
        return "neutral"


def add_prospects(ctx: Context, housing: HousingGenerator, count: int) -> None:
    """Prospect visits; converted ones create their location through ``housing``."""
    prospect_picker = Picker(ctx.municipalities, [m.weight**0.5 for m in ctx.municipalities])
    for _ in range(count):
        visit = _plan_visit(ctx, housing, prospect_picker.pick(ctx.rng))
        if visit.status == CONVERTED and visit.estimated:
            capacity = max(1, visit.estimated + ctx.rng.randint(-2, 2))
            plan = housing.converted_plan(
                visit.municipality,
                visit.kind.location_type,
                capacity,
                visit.visit_day,
                (visit.street, visit.house_number, visit.postcode),
                visit.name,
                (visit.owner_org, visit.owner_person),
            )
            visit.location_id = housing.add(plan)
        _write_visit(ctx, visit)


def _plan_visit(ctx: Context, housing: HousingGenerator, m: Municipality) -> Visit:
    clock = ctx.clock
    first, last = clock.first_day, clock.last_day
    status = _STATUS.pick(ctx.rng)
    if status == PLANNED:
        visit_day = clock.workday(
            clock.today + dt.timedelta(days=1), clock.today + dt.timedelta(days=60)
        )
        created = clock.day(last - dt.timedelta(days=30), last)
    else:
        if status == VISITED:
            visit_day = clock.workday(last - dt.timedelta(days=60), last)
        elif status == POSITIVE:
            visit_day = clock.workday(last - dt.timedelta(days=200), last)
        elif status == CONVERTED:
            visit_day = clock.skewed_day(first, last - dt.timedelta(days=30), 1.3)
        else:
            visit_day = clock.workday(first, last)
        created = max(first, visit_day - dt.timedelta(days=ctx.rng.randint(7, 40)))
    kind = _KINDS.pick(ctx.rng)
    street = ctx.pick(STREETS)
    number = str(1 + int(150 * ctx.rng.random() ** 1.5))
    name = ctx.pick(kind.names).format(
        saint=ctx.pick(SAINTS), place=ctx.pick(PLACE_NAMES), street=street
    )
    owner_org, owner_person = housing.owners.for_location(m, kind.location_type, created)
    visit_id, _ = ctx.moment(created)
    estimated = None if status == PLANNED else ctx.rng.randint(kind.min_places, kind.max_places)
    return Visit(
        id=visit_id,
        municipality=m,
        kind=kind,
        name=name,
        street=street,
        house_number=number,
        postcode=ctx.pick(m.postcodes) if m.postcodes else None,
        status=status,
        visit_day=visit_day,
        created_day=created,
        estimated=estimated,
        owner_org=owner_org,
        owner_person=owner_person,
        visitor=ctx.staff_of(ctx.team_of_province[m.province]),
    )


def _write_visit(ctx: Context, v: Visit) -> None:
    seconds = ctx.clock.office_seconds(9 * 3600, 15 * 3600)
    visited = v.status != PLANNED
    ctx.sink.add(
        "prospect_visit",
        {
            "id": v.id,
            "created_at": stamp(v.created_day, seconds),
            "name": v.name,
            "street": v.street,
            "house_number": v.house_number,
            "postcode": v.postcode,
            "municipality_nis": v.municipality.nis,
            "status": v.status,
            "visit_date": v.visit_day.isoformat(),
            "visitor_id": v.visitor.id,
            "owner_organisation_id": v.owner_org.id if v.owner_org else None,
            "template": ctx.checklist.template,
            "template_version": ctx.checklist.version,
            "estimated_places": v.estimated,
            "general_impression": ctx.pick(GENERAL_IMPRESSIONS[v.mood]) if visited else None,
            "outcome_notes": ctx.pick(OUTCOME_NOTES[v.status]),
            "location_id": v.location_id,
        },
    )
    _write_participants(ctx, v)
    if not visited:
        return
    bottlenecks, opportunities = _write_findings(ctx, v)
    _write_answers(ctx, v, bottlenecks, opportunities)


def _write_participants(ctx: Context, v: Visit) -> None:
    day = v.visit_day if v.status != PLANNED else v.created_day
    people: list[tuple[str, str, str | None, str | None, str | None]] = [
        (v.visitor.name, "vlot", "VLOT", None, v.visitor.id)
    ]
    team = ctx.staff_by_team[v.visitor.team]
    if ctx.chance(0.3) and len(team) > 1:
        colleague = ctx.pick([s for s in team if s.id != v.visitor.id])
        people.append((colleague.name, "vlot", "VLOT", None, colleague.id))
    contacts = ctx.contacts[v.municipality.nis]
    if contacts.coordinators:
        coordinator = contacts.coordinators[0]
        people.append((coordinator.name, "gemeente", contacts.authority.name, coordinator.id, None))
    if v.owner_person is not None:
        people.append(
            (
                v.owner_person.name,
                "eigenaar",
                v.owner_person.organisation_name,
                v.owner_person.id,
                None,
            )
        )
    elif v.owner_org is not None:
        first, last = flemish_name(ctx)
        people.append((f"{first} {last}", "eigenaar", v.owner_org.name, None, None))
    if ctx.chance(0.4):
        first, last = flemish_name(ctx)
        zone = ctx.pick(FIRE_ZONES.get(v.municipality.province, ("Brandweer",)))
        people.append((f"{first} {last}", "brandweer", zone, None, None))
    for name, role, organisation, contact_id, staff_id in people:
        participant_id, created = ctx.moment(day)
        ctx.sink.add(
            "prospect_participant",
            {
                "id": participant_id,
                "created_at": created,
                "visit_id": v.id,
                "name": name,
                "role": role,
                "organisation": organisation,
                "contact_person_id": contact_id,
                "staff_user_id": staff_id,
            },
        )


def _write_findings(ctx: Context, v: Visit) -> tuple[list[FindingText], list[FindingText]]:
    rng = ctx.rng
    if v.mood == "negative":
        counts = (rng.randint(2, 4), rng.randint(0, 1))
    elif v.mood == "positive":
        counts = (rng.randint(0, 2), rng.randint(1, 3))
    else:
        counts = (rng.randint(1, 2), rng.randint(1, 2))
    bottlenecks = rng.sample(BOTTLENECKS, counts[0])
    opportunities = rng.sample(OPPORTUNITIES, counts[1])
    position = 0
    for kind, texts in (("knelpunt", bottlenecks), ("opportuniteit", opportunities)):
        for text in texts:
            finding_id, created = ctx.moment(v.visit_day)
            ctx.sink.add(
                "finding",
                {
                    "id": finding_id,
                    "created_at": created,
                    "visit_id": v.id,
                    "item_key": text.item_key,
                    "kind": kind,
                    "description": text.description,
                    "action": text.action,
                    "responsible": text.responsible,
                    "due_on": (v.visit_day + dt.timedelta(days=rng.randint(14, 60))).isoformat(),
                    "position": position,
                },
            )
            position += 1
    return bottlenecks, opportunities


def _write_answers(
    ctx: Context, v: Visit, bottlenecks: list[FindingText], opportunities: list[FindingText]
) -> None:
    visit_uuid = uuid.UUID(v.id)
    seconds = ctx.clock.office_seconds(9 * 3600, 14 * 3600)
    for item in ctx.checklist.items():
        if item.kind is ItemKind.PHOTO:
            continue
        if item.key == "besluit.advies" and v.status == VISITED:
            continue  # the advice is what a visited building still waits for
        if not item.required and ctx.rng.random() > _ANSWER_RATE:
            continue
        choice, number, text = _answer(ctx, v, item, bottlenecks, opportunities)
        seconds += 20
        ctx.sink.add(
            "checklist_answer",
            {
                "id": str(uuid.uuid5(visit_uuid, item.key)),
                "created_at": stamp(v.visit_day, seconds),
                "visit_id": v.id,
                "item_key": item.key,
                "value_choice": choice,
                "value_number": number,
                "value_text": text,
                "remark": "Na te vragen bij de eigenaar." if ctx.chance(0.03) else None,
            },
        )


def _answer(
    ctx: Context,
    v: Visit,
    item: ChecklistItem,
    bottlenecks: list[FindingText],
    opportunities: list[FindingText],
) -> tuple[str | None, float | None, str | None]:
    if item.kind is ItemKind.YES_NO_NA:
        if ctx.rng.random() < YES_PROBABILITY.get(item.key, 0.65):
            return "ja", None, None
        return ("nee" if ctx.chance(0.8) else "nvt"), None, None
    if item.kind is ItemKind.CHOICE:
        return _choice(ctx, v, item), None, None
    if item.kind is ItemKind.NUMBER:
        return None, _number(ctx, v, item), None
    return None, None, _text(ctx, v, item, bottlenecks, opportunities)


def _choice(ctx: Context, v: Visit, item: ChecklistItem) -> str:
    keys = [c.key for c in item.choices]
    wanted: str | None = None
    if item.key == "algemeen.type_gebouw":
        wanted = v.kind.key
    elif item.key == "algemeen.eigendom":
        wanted = _ownership(v)
    elif item.key == "besluit.advies":
        wanted = {POSITIVE: "positief", CONVERTED: "positief", NEGATIVE: "negatief"}.get(
            v.status, "on_hold"
        )
    elif item.key in ("algemeen.algemene_indruk", "gebouw.staat_dak_ramen_gevel"):
        wanted = _by_mood(ctx, v, ("goed", "redelijk", "slecht"))
    elif item.key == "eigenaar.bereidheid":
        wanted = _by_mood(ctx, v, ("groot", "afwachtend", "gering"))
    elif item.key == "ligging.draagvlak_buurt":
        wanted = _by_mood(ctx, v, ("positief", "neutraal", "negatief"))
    if wanted in keys:
        return wanted
    return ctx.pick(keys)


def _by_mood(ctx: Context, v: Visit, scale: tuple[str, str, str]) -> str:
    weights = {"positive": (6, 3, 1), "neutral": (3, 5, 2), "negative": (1, 4, 5)}[v.mood]
    return Picker(scale, weights).pick(ctx.rng)


def _ownership(v: Visit) -> str:
    org = v.owner_org
    if org is None:
        return "prive"
    if org.kind in ("lokaal_bestuur", "ocmw") or org.name.startswith("Woonmaatschappij"):
        return "publiek"
    if org.name.startswith("Kerkfabriek"):
        return "kerkfabriek"
    if org.kind == "vzw":
        return "vzw"
    return "prive"


# How a demo visit answers a number question: (rng, estimated places, visit) -> the answer.
_NumberRule = Callable[[random.Random, int, Visit], float]

# By the question's key; the prefixes below are tried (in order) for keys not listed here.
_NUMBERS: dict[str, _NumberRule] = {
    "besluit.geschatte_plaatsen": lambda rng, places, v: places,
    "algemeen.bouwjaar": lambda rng, places, v: (
        rng.randint(1880, 2015) if v.kind.key != "modulaire_units" else rng.randint(2015, 2024)
    ),
    "algemeen.bruikbare_oppervlakte": lambda rng, places, v: round(places * rng.uniform(18, 35)),
    "sanitair.aantal_toiletten": lambda rng, places, v: max(1, round(places / rng.uniform(3, 8))),
    "sanitair.aantal_douches": lambda rng, places, v: max(1, round(places / rng.uniform(3, 8))),
    "slaapruimtes.aantal_kamers": lambda rng, places, v: max(
        1, round(places / rng.uniform(1.5, 3))
    ),
    "slaapruimtes.oppervlakte_kleinste_kamer": lambda rng, places, v: rng.randint(8, 12),
    "slaapruimtes.oppervlakte_grootste_kamer": lambda rng, places, v: rng.randint(13, 30),
    "slaapruimtes.aantal_bedden": lambda rng, places, v: rng.randint(0, places),
    "toegankelijkheid.aantal_bouwlagen": lambda rng, places, v: rng.randint(1, 4),
    "ligging.afstand_halte": lambda rng, places, v: rng.randrange(50, 2500, 50),
    "eigenaar.duur_maanden": lambda rng, places, v: rng.choice((6, 12, 12, 24, 24, 36, 60)),
    "kosten.huurprijs_maand": lambda rng, places, v: (
        0 if rng.random() < 0.3 else rng.randrange(500, 400 * places + 600, 50)
    ),
    "kosten.renovatiekost": lambda rng, places, v: (
        0 if rng.random() < 0.25 else rng.randrange(5_000, 400_000, 1_000)
    ),
    "kosten.inrichtingskost": lambda rng, places, v: places * rng.randrange(500, 1_500, 50),
    "kosten.tijd_tot_ingebruikname": lambda rng, places, v: rng.randint(2, 40),
    "keuken.oppervlakte_leefruimte": lambda rng, places, v: rng.randint(15, 15 + 3 * places),
    "toegankelijkheid.gelijkvloerse_kamers": lambda rng, places, v: rng.randint(
        0, max(1, places // 4)
    ),
}
_NUMBER_PREFIXES: tuple[tuple[tuple[str, ...], _NumberRule], ...] = (
    (("sanitair.bewoners_per_",), lambda rng, places, v: rng.randint(2, 8)),
    (("ligging.afstand_",), lambda rng, places, v: round(rng.uniform(0.2, 8.0), 1)),
    (
        ("keuken.aantal_", "sanitair.aantal_"),
        lambda rng, places, v: max(0, round(places / rng.uniform(4, 10))),
    ),
)


def _number(ctx: Context, v: Visit, item: ChecklistItem) -> float:
    """A plausible answer to a number question for this visit (``_NUMBERS``), else a value in
    the question's own range; always within the range the question allows."""
    rng = ctx.rng
    places = v.estimated or 4
    key = item.key
    rule = _NUMBERS.get(key)
    if rule is None:
        rule = next((r for prefixes, r in _NUMBER_PREFIXES if key.startswith(prefixes)), None)
    value: float
    if rule is not None:
        value = rule(rng, places, v)
    else:
        low = item.min if item.min is not None else 0.0
        high = item.max if item.max is not None else low + 100.0
        value = rng.randint(int(low), int(min(high, low + 20)))
    if item.min is not None:
        value = max(item.min, value)
    if item.max is not None:
        value = min(item.max, value)
    return float(value)


def _text(
    ctx: Context,
    v: Visit,
    item: ChecklistItem,
    bottlenecks: list[FindingText],
    opportunities: list[FindingText],
) -> str:
    key = item.key
    if key == "algemeen.huidige_bestemming":
        return ctx.pick(v.kind.current_use)
    if key == "algemeen.beschikbaar_vanaf":
        roll = ctx.rng.random()
        if roll < 0.4:
            return (v.visit_day + dt.timedelta(days=ctx.rng.randint(14, 120))).strftime("%d/%m/%Y")
        return "Onmiddellijk" if roll < 0.75 else "Na renovatie"
    if key == "eigenaar.contactpersoon":
        if v.owner_person is not None:
            return v.owner_person.name
        return v.owner_org.name if v.owner_org else "Niet gekend"
    if key == "besluit.knelpunten":
        return " ".join(b.description for b in bottlenecks) or "Geen noemenswaardige knelpunten."
    if key == "besluit.opportuniteiten":
        return " ".join(o.description for o in opportunities) or "Geen."
    if key == "besluit.motivering":
        return ctx.pick(OUTCOME_NOTES[v.status])
    return ctx.pick(TEXT_ANSWERS.get(key, ("Zie verslag van het plaatsbezoek.",)))
