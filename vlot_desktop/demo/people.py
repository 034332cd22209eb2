"""Staff and their laptops, organisations and contact persons."""

from __future__ import annotations

import datetime as dt
import re

from vlot_desktop.demo.context import (
    Context,
    MunicipalContacts,
    Municipality,
    Organisation,
    Person,
    Staff,
)
from vlot_desktop.demo.geography import CITIES, PHONE_ZONES, PROVINCE_NAMES, PROVINCIAL_CAPITALS
from vlot_desktop.demo.names import FLEMISH_FIRST_NAMES, FLEMISH_LAST_NAMES, PLACE_NAMES, SAINTS
from vlot_desktop.domain.text import fold

CENTRAL_TEAM = "centraal"
CENTRAL_STAFF = 6
REGIONAL_STAFF = 3

SECTOR_ORGANISATIONS: tuple[tuple[str, str, str], ...] = (
    # (name, kind, e-mail domain)
    ("VDAB", "sector", "vdab.be"),
    ("Agentschap Opgroeien", "sector", "opgroeien.be"),
    ("Agentschap Integratie en Inburgering", "sector", "integratie-inburgering.be"),
    ("Departement Onderwijs en Vorming", "sector", "ond.vlaanderen.be"),
    ("Departement Zorg", "sector", "vlaanderen.be"),
    ("Wonen in Vlaanderen", "sector", "vlaanderen.be"),
    ("Agentschap Binnenlands Bestuur", "sector", "vlaanderen.be"),
    ("Vereniging van Vlaamse Steden en Gemeenten", "andere", "vvsg.be"),
    ("Rode Kruis-Vlaanderen", "vzw", "rodekruis.be"),
)


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits only, for e-mail addresses and web domains."""
    return re.sub(r"[^a-z0-9]", "", fold(text))


def phone_landline(ctx: Context, province: str) -> str:
    zone = ctx.pick(PHONE_ZONES.get(province, ("02",)))
    digits = f"{ctx.rng.randrange(10 ** (9 - len(zone)))}".zfill(9 - len(zone))
    if len(zone) == 2:
        return f"{zone} {digits[:3]} {digits[3:5]} {digits[5:]}"
    return f"{zone} {digits[:2]} {digits[2:4]} {digits[4:]}"


def phone_mobile(ctx: Context) -> str:
    n = ctx.rng.randrange(1_000_000)
    return f"04{ctx.rng.randint(70, 99)} {n // 10000:02d} {n // 100 % 100:02d} {n % 100:02d}"


def flemish_name(ctx: Context) -> tuple[str, str]:
    return ctx.pick(FLEMISH_FIRST_NAMES), ctx.pick(FLEMISH_LAST_NAMES)


def add_staff(ctx: Context, teams: list[str]) -> None:
    """About 21 staff: six in the central team, three per regional team, each with a laptop."""
    day = ctx.clock.first_day
    used: list[tuple[str, str]] = []
    for team in teams:
        count = CENTRAL_STAFF if team == CENTRAL_TEAM else REGIONAL_STAFF
        for number in range(1, count + 1):
            name = flemish_name(ctx)
            while name in used:
                name = flemish_name(ctx)
            used.append(name)
            first, last = name
            user_id, created = ctx.moment(day)
            ctx.sink.add(
                "staff_user",
                {
                    "id": user_id,
                    "created_at": created,
                    "name": f"{first} {last}",
                    "email": f"{slug(first)}.{slug(last)}@vlaanderen.be",
                    "team_code": team,
                    "active": 1,
                },
            )
            device_id, device_created = ctx.moment(day)
            ctx.sink.add(
                "device",
                {
                    "id": device_id,
                    "created_at": device_created,
                    "label": f"VLOT-{team[:3].upper()}-{number:02d}",
                    "user_id": user_id,
                },
            )
            staff = Staff(id=user_id, name=f"{first} {last}", team=team, device_id=device_id)
            ctx.staff.append(staff)
            ctx.staff_by_team.setdefault(team, []).append(staff)


def add_organisation(
    ctx: Context,
    day: dt.date,
    name: str,
    kind: str,
    municipality: Municipality | None,
    *,
    domain: str | None = None,
    notes: str | None = None,
) -> Organisation:
    org_id, created = ctx.moment(day)
    province = municipality.province if municipality else ""
    ctx.sink.add(
        "organisation",
        {
            "id": org_id,
            "created_at": created,
            "name": name,
            "kind": kind,
            "municipality_nis": municipality.nis if municipality else None,
            "email": f"info@{domain}" if domain else None,
            "phone": phone_landline(ctx, province) if domain or municipality else None,
            "notes": notes,
        },
    )
    return Organisation(org_id, name, kind, municipality.nis if municipality else None)


def add_person(
    ctx: Context,
    day: dt.date,
    role: str,
    organisation: Organisation | None,
    municipality: Municipality | None,
    *,
    domain: str | None = None,
    active: bool = True,
    notes: str | None = None,
) -> Person:
    first, last = flemish_name(ctx)
    person_id, created = ctx.moment(day)
    province = municipality.province if municipality else ""
    ctx.sink.add(
        "contact_person",
        {
            "id": person_id,
            "created_at": created,
            "first_name": first,
            "last_name": last,
            "role": role,
            "organisation_id": organisation.id if organisation else None,
            "municipality_nis": municipality.nis if municipality else None,
            "email": f"{slug(first)}.{slug(last)}@{domain}" if domain else None,
            "phone": phone_mobile(ctx) if ctx.chance(0.6) else phone_landline(ctx, province),
            "active": int(active),
            "notes": notes,
        },
    )
    return Person(
        id=person_id,
        first_name=first,
        last_name=last,
        organisation_id=organisation.id if organisation else None,
        organisation_name=organisation.name if organisation else None,
        municipality_nis=municipality.nis if municipality else None,
        since=day.toordinal(),
    )


def add_municipal_contacts(ctx: Context) -> None:
    """Per municipality its authority, its OCMW / sociaal huis and the people VLOT talks to."""
    first = ctx.clock.first_day
    for m in ctx.municipalities:
        domain = f"{slug(m.name)}.be"
        title = "Stad" if m.name in CITIES else "Gemeente"
        authority = add_organisation(
            ctx, first, f"{title} {m.name}", "lokaal_bestuur", m, domain=domain
        )
        social_name = f"OCMW {m.name}" if ctx.chance(0.45) else f"Sociaal Huis {m.name}"
        social = add_organisation(ctx, first, social_name, "ocmw", m, domain=domain)
        contacts = MunicipalContacts(authority=authority, social=social)
        coordinators = 2 if m.weight > 40 or ctx.chance(0.12) else 1
        for _ in range(coordinators):
            org = authority if ctx.chance(0.7) else social
            contacts.coordinators.append(
                add_person(ctx, first, "gemeentelijke_coordinator", org, m, domain=domain)
            )
        if ctx.chance(0.07):
            # A coordinator who left; kept for the history of contacts.
            add_person(
                ctx,
                first,
                "gemeentelijke_coordinator",
                authority,
                m,
                domain=domain,
                active=False,
                notes="Niet meer in functie.",
            )
        for role, probability in (
            ("burgemeester", 0.35),
            ("algemeen_directeur", 0.3),
            ("schepen", 0.15),
        ):
            if ctx.chance(probability):
                contacts.officials.append(add_person(ctx, first, role, authority, m, domain=domain))
        ctx.contacts[m.nis] = contacts


def add_partner_organisations(ctx: Context) -> None:
    """Sector organisations, the five governors' services and FEDASIL, with their people."""
    first = ctx.clock.first_day
    for name, kind, domain in SECTOR_ORGANISATIONS:
        org = add_organisation(ctx, first, name, kind, None, domain=domain)
        role = "sectorcoordinator" if kind == "sector" else "medewerker"
        for _ in range(ctx.rng.randint(1, 2)):
            ctx.sector_people.append(add_person(ctx, first, role, org, None, domain=domain))
    capitals = {m.name: m for m in ctx.municipalities}
    for province, capital in PROVINCIAL_CAPITALS.items():
        seat = capitals.get(capital)
        province_name = PROVINCE_NAMES[province]
        org = add_organisation(
            ctx,
            first,
            f"Diensten van de gouverneur {province_name}",
            "gouverneur",
            seat,
            domain=f"{slug(province_name)}.be",
        )
        ctx.governor_people[province] = [
            add_person(
                ctx, first, "medewerker_gouverneur", org, seat, domain=f"{slug(province_name)}.be"
            )
            for _ in range(2)
        ]
    fedasil = add_organisation(ctx, first, "FEDASIL", "fedasil", None, domain="fedasil.be")
    ctx.fedasil_people = [
        add_person(ctx, first, "medewerker", fedasil, None, domain="fedasil.be") for _ in range(2)
    ]


class Owners:
    """Creates building owners on demand, reusing some per municipality."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._housing_companies: dict[str, Organisation] = {}
        self._by_name: dict[str, tuple[Organisation, Person]] = {}

    def for_location(
        self, m: Municipality, location_type: str, day: dt.date
    ) -> tuple[Organisation | None, Person | None]:
        """The owner organisation and owner contact of a new location (both may be None)."""
        ctx = self._ctx
        contacts = ctx.contacts[m.nis]
        if location_type == "gastgezin":
            return None, None
        if location_type in ("noodopvang", "modulaire_unit") and ctx.chance(0.7):
            return contacts.authority, None
        if location_type == "individuele_woning":
            roll = ctx.rng.random()
            if roll < 0.25:
                return self._housing_company(m), None
            if roll < 0.35:
                return contacts.social, None
            return None, self._private_owner(m, day)
        if contacts.owners and ctx.chance(0.25):
            return ctx.pick(contacts.owners)
        org, person = self._new_owner_organisation(m)
        contacts.owners.append((org, person))
        return org, person

    def _private_owner(self, m: Municipality, day: dt.date) -> Person:
        person = add_person(self._ctx, day, "eigenaar", None, m)
        self._ctx.owner_people_by_province.setdefault(m.province, []).append(person)
        return person

    def _housing_company(self, m: Municipality) -> Organisation:
        org = self._housing_companies.get(m.arrondissement)
        if org is None:
            region = m.name if m.weight > 60 else f"regio {m.name}"
            org = add_organisation(
                self._ctx,
                self._ctx.clock.first_day,
                f"Woonmaatschappij {region}",
                "eigenaar",
                m,
                domain=f"wm{slug(m.name)}.be",
            )
            self._housing_companies[m.arrondissement] = org
        return org

    def _new_owner_organisation(self, m: Municipality) -> tuple[Organisation, Person]:
        ctx = self._ctx
        roll = ctx.rng.random()
        last = ctx.pick(FLEMISH_LAST_NAMES)
        place = ctx.pick(PLACE_NAMES)
        saint = ctx.pick(SAINTS)
        # Parishes and congregations rarely have a web domain: their people use their own mail.
        domain: str | None = None
        if roll < 0.22:
            name, kind = f"Kerkfabriek Sint-{saint} {m.name}", "eigenaar"
        elif roll < 0.42:
            name, kind = f"Zusters van Sint-{saint} vzw", "vzw"
        elif roll < 0.55:
            name, kind, domain = f"vzw {place}", "vzw", f"{slug(place)}.be"
        elif roll < 0.8:
            name, kind, domain = f"{last} Vastgoed bv", "eigenaar", f"{slug(last)}vastgoed.be"
        elif roll < 0.9:
            name, kind = f"Vakantiedomein {place} nv", "eigenaar"
            domain = f"vakantiedomein{slug(place)}.be"
        else:
            name, kind, domain = f"Immo {last} bv", "eigenaar", f"immo{slug(last)}.be"
        known = self._by_name.get(name)
        if known is not None:
            # The same company or congregation owning buildings in several places.
            return known
        # Owners that can own several buildings are dated at the start of the window, so that
        # they never appear to be created after a building that refers to them.
        day = ctx.clock.first_day
        org = add_organisation(ctx, day, name, kind, m, domain=domain)
        person = add_person(ctx, day, "eigenaar", org, m, domain=domain)
        self._by_name[name] = (org, person)
        ctx.owner_people_by_province.setdefault(m.province, []).append(person)
        return org, person
