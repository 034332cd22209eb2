"""Matching a case to free places, and assigning one (toewijzing).

Candidates are the operational locations with at least one free place (status vrij). Each is
checked against the household, with one reason per criterion (Dutch + English), met or not:

- enough free places for the whole household (one place per person);
- a wheelchair user (needs_mobility) needs a wheelchair-accessible location;
- medical needs need a location suited to medical needs;
- a household of one needs a location for singles, a larger one a location for families;
- a case of type kwetsbaar profiel needs a location suited to vulnerable profiles.

Decision: a location that fails a criterion is not dropped but ranked after every location
that meets them all (``fits`` is false and the failing reasons say why), so a team can still
see, and knowingly choose, the nearest place that is almost right. Within each group: nearest
first (same municipality, same arrondissement, same province, elsewhere in Flanders), then
fewer failed criteria, then more free places, then the name.

Assigning is one transaction: the places are taken with a conditional update (only if still
free), each gets a PlaceStatusChange, the case gets ``assigned_place_id``, an assignment line
on its timeline and the status "oplossing gevonden". If someone took a place meanwhile,
nothing changes and the Dutch message says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from enum import IntEnum
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, func, select, update
from sqlalchemy.orm import Session

from vlot_desktop.db.models import (
    Case,
    CaseEvent,
    HouseholdMember,
    Location,
    Municipality,
    Place,
    PlaceStatusChange,
)
from vlot_desktop.db.models.base import utc_now
from vlot_desktop.db.queries._common import OPERATIONAL_LOCATION_STATUS, raw_text
from vlot_desktop.domain.case_rules import Problem, Severity, check_status_step
from vlot_desktop.domain.enums import CaseEventKind, CaseStatus, CaseType, PlaceStatus
from vlot_desktop.domain.location_rules import check_place_counts, check_step_date
from vlot_desktop.services.cases import CaseNotFoundError, apply_status
from vlot_desktop.services.places import counts_in_use, known_author

DEFAULT_LIMIT = 50
_DIGITS = re.compile(r"(\d+)")


class Proximity(IntEnum):
    """How near a location is to the case's municipality (lower is nearer)."""

    SAME_MUNICIPALITY = 0
    SAME_ARRONDISSEMENT = 1
    SAME_PROVINCE = 2
    ELSEWHERE = 3

    @property
    def label_nl(self) -> str:
        return _PROXIMITY_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _PROXIMITY_LABELS[self][1]


_PROXIMITY_LABELS = {
    Proximity.SAME_MUNICIPALITY: ("in dezelfde gemeente", "in the same municipality"),
    Proximity.SAME_ARRONDISSEMENT: ("in hetzelfde arrondissement", "in the same arrondissement"),
    Proximity.SAME_PROVINCE: ("in dezelfde provincie", "in the same province"),
    Proximity.ELSEWHERE: ("elders in Vlaanderen", "elsewhere in Flanders"),
}


def capitalised(text: str) -> str:
    """The first letter in upper case, the rest as it is ("elders in Vlaanderen")."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Reason:
    """One criterion, met (``ok``) or not, in words a user reads."""

    criterion: str  # places, wheelchair, medical, household, vulnerable, proximity
    ok: bool
    message: str
    message_en: str

    def text(self, language: str) -> str:
        return self.message_en if language == "en" else self.message


@dataclass(frozen=True)
class HouseholdNeeds:
    """What the household asks of a place, derived from its members and the case type."""

    size: int
    mobility: bool
    medical: bool
    vulnerable: bool


@dataclass(frozen=True)
class Suggestion:
    """One location to propose, ranked; ``free_place_ids`` are the places assignment would take
    (as many as the household has members, if there are that many), ``free_place_labels``
    their labels in the same order (for the user's confirmation)."""

    rank: int
    location_id: str
    location_name: str
    municipality_nis: str
    municipality_name: str
    proximity: Proximity
    free_places: int
    free_place_ids: tuple[str, ...]
    fits: bool
    reasons: tuple[Reason, ...]
    free_place_labels: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if not r.ok)


@dataclass(frozen=True)
class _Candidate:
    id: str
    name: str
    nis: str
    municipality_name: str
    arrondissement: str
    province: str
    wheelchair: bool
    families: bool
    singles: bool
    medical: bool
    vulnerable: bool
    free: int


_CANDIDATE_FIELDS = [f.name for f in fields(_Candidate)]


def household_needs(session: Session, case: Case) -> HouseholdNeeds:
    members = list(
        session.scalars(select(HouseholdMember).where(HouseholdMember.case_id == case.id))
    )
    case_type = str(getattr(case.case_type, "value", case.case_type))
    return HouseholdNeeds(
        size=max(1, len(members) or case.household_size),
        mobility=any(m.needs_mobility for m in members),
        medical=any(m.needs_medical for m in members),
        vulnerable=case_type == CaseType.VULNERABLE.value,
    )


def _reasons(c: _Candidate, needs: HouseholdNeeds, proximity: Proximity) -> list[Reason]:
    reasons = [
        Reason(
            "proximity",
            True,
            capitalised(proximity.label_nl) + ".",
            capitalised(proximity.label_en) + ".",
        )
    ]
    places_nl = f"{c.free} vrije plaats" + ("" if c.free == 1 else "en")
    places_en = f"{c.free} free place" + ("" if c.free == 1 else "s")
    persons_nl = f"{needs.size} " + ("persoon" if needs.size == 1 else "personen")
    persons_en = f"{needs.size} " + ("person" if needs.size == 1 else "persons")
    if c.free >= needs.size:
        reasons.append(
            Reason(
                "places",
                True,
                f"{places_nl} voor {persons_nl}.",
                f"{places_en} for {persons_en}.",
            )
        )
    else:
        reasons.append(
            Reason(
                "places",
                False,
                f"Maar {places_nl} voor {persons_nl}.",
                f"Only {places_en} for {persons_en}.",
            )
        )
    if needs.mobility:
        reasons.append(
            Reason("wheelchair", True, "Rolstoeltoegankelijk.", "Wheelchair accessible.")
            if c.wheelchair
            else Reason(
                "wheelchair",
                False,
                "Niet rolstoeltoegankelijk, terwijl een gezinslid dat nodig heeft.",
                "Not wheelchair accessible, while a household member needs it.",
            )
        )
    if needs.medical:
        reasons.append(
            Reason("medical", True, "Geschikt voor medische noden.", "Suits medical needs.")
            if c.medical
            else Reason(
                "medical",
                False,
                "Niet geschikt voor medische noden.",
                "Does not suit medical needs.",
            )
        )
    if needs.size == 1:
        reasons.append(
            Reason("household", True, "Geschikt voor alleenstaanden.", "Suits single persons.")
            if c.singles
            else Reason(
                "household",
                False,
                "Niet geschikt voor alleenstaanden.",
                "Does not suit single persons.",
            )
        )
    else:
        reasons.append(
            Reason("household", True, "Geschikt voor gezinnen.", "Suits families.")
            if c.families
            else Reason(
                "household", False, "Niet geschikt voor gezinnen.", "Does not suit families."
            )
        )
    if needs.vulnerable:
        reasons.append(
            Reason(
                "vulnerable",
                True,
                "Geschikt voor kwetsbare profielen.",
                "Suits vulnerable profiles.",
            )
            if c.vulnerable
            else Reason(
                "vulnerable",
                False,
                "Niet geschikt voor kwetsbare profielen.",
                "Does not suit vulnerable profiles.",
            )
        )
    return reasons


def suggest_places(engine: Engine, case_id: str, *, limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
    """The best ``limit`` locations with free places for the case, ranked (see module doc)."""
    with Session(engine) as session:
        case = session.get(Case, case_id)
        if case is None:
            raise CaseNotFoundError(case_id)
        needs = household_needs(session, case)
        home = session.get_one(Municipality, case.municipality_nis)
        free_count = (
            select(Place.location_id, func.count().label("free"))
            .where(raw_text(Place.status) == PlaceStatus.FREE.value)
            .group_by(Place.location_id)
            .subquery()
        )
        rows = session.execute(
            select(
                Location.id,
                Location.name,
                Location.municipality_nis,
                Municipality.name_nl,
                Municipality.arrondissement_code,
                Municipality.province_code,
                Location.wheelchair_accessible,
                Location.suits_families,
                Location.suits_singles,
                Location.suits_medical_needs,
                Location.suits_vulnerable_profiles,
                free_count.c.free,
            )
            .join(free_count, free_count.c.location_id == Location.id)
            .join(Municipality, Municipality.nis_code == Location.municipality_nis)
            .where(raw_text(Location.status) == OPERATIONAL_LOCATION_STATUS)
        ).all()
        scored = []
        for row in rows:
            values: dict[str, Any] = dict(zip(_CANDIDATE_FIELDS, row, strict=True))
            c = _Candidate(**values)
            if c.nis == home.nis_code:
                proximity = Proximity.SAME_MUNICIPALITY
            elif c.arrondissement == home.arrondissement_code:
                proximity = Proximity.SAME_ARRONDISSEMENT
            elif c.province == home.province_code:
                proximity = Proximity.SAME_PROVINCE
            else:
                proximity = Proximity.ELSEWHERE
            reasons = _reasons(c, needs, proximity)
            failed = sum(1 for r in reasons if not r.ok)
            key = (failed > 0, proximity, failed, -c.free, c.name.casefold(), c.id)
            scored.append((key, c, proximity, reasons))
        scored.sort(key=lambda item: item[0])
        best = scored[:limit]
        chosen = _free_places(session, [c.id for _, c, _, _ in best], needs.size)
        return [
            Suggestion(
                rank=index + 1,
                location_id=c.id,
                location_name=c.name,
                municipality_nis=c.nis,
                municipality_name=c.municipality_name,
                proximity=proximity,
                free_places=c.free,
                free_place_ids=tuple(p[0] for p in chosen.get(c.id, [])),
                fits=not key[0],
                reasons=tuple(reasons),
                free_place_labels=tuple(p[1] for p in chosen.get(c.id, [])),
            )
            for index, (key, c, proximity, reasons) in enumerate(best)
        ]


def label_key(label: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of place labels: "Kamer 2 - bed 1" before "Kamer 10 - bed 1"."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(label)
        if part
    )


def _free_places(
    session: Session, location_ids: list[str], size: int
) -> dict[str, list[tuple[str, str]]]:
    """Per location, the (id, label) of its first ``size`` free places in label order, so a
    household gets neighbouring places ("Kamer 3 - bed 1", "Kamer 3 - bed 2", ...)."""
    if not location_ids:
        return {}
    free: dict[str, list[tuple[str, str]]] = {}
    for location_id, place_id, label in session.execute(
        select(Place.location_id, Place.id, Place.label).where(
            Place.location_id.in_(location_ids),
            raw_text(Place.status) == PlaceStatus.FREE.value,
        )
    ):
        free.setdefault(location_id, []).append((place_id, label))
    return {
        location_id: sorted(places, key=lambda p: (label_key(p[1]), p[0]))[:size]
        for location_id, places in free.items()
    }


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


class _Refused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("refused")
        self.problems = problems


def assign_places(
    engine: Engine,
    case_id: str,
    place_ids: Sequence[str],
    *,
    author_id: str | None,
    on_date: dt.date | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """Give the household the places ``place_ids`` (of one location): all or nothing.

    The places become occupied from ``on_date`` (PlaceStatusChange rows), the case points at
    the first place, its timeline gets an assignment line, and its status becomes "oplossing
    gevonden" (the workflow must allow it: a new case is taken in progress first). A place
    that is no longer free is refused and nothing changes.
    """
    today = today or dt.date.today()
    on_date = on_date or today
    if not place_ids:
        return [_error("places", "Kies eerst een vrije plaats.", "Choose a free place first.")]
    try:
        with Session(engine, autoflush=False) as session, session.begin():
            _assign(session, case_id, list(dict.fromkeys(place_ids)), author_id, on_date, today)
    except _Refused as refused:
        return refused.problems
    return []


def _assign(
    session: Session,
    case_id: str,
    place_ids: list[str],
    author_id: str | None,
    on_date: dt.date,
    today: dt.date,
) -> None:
    case = session.get(Case, case_id)
    if case is None:
        raise CaseNotFoundError(case_id)
    current = CaseStatus(str(getattr(case.status, "value", case.status)))
    problems = check_status_step(current, CaseStatus.SOLVED)
    if problems:
        raise _Refused(problems)
    places = list(session.scalars(select(Place).where(Place.id.in_(place_ids))))
    location_ids = {p.location_id for p in places}
    if len(places) != len(place_ids) or len(location_ids) != 1:
        raise _Refused(
            [
                _error(
                    "places",
                    "Kies vrije plaatsen van één opvanglocatie.",
                    "Choose free places of one reception location.",
                )
            ]
        )
    location = session.get_one(Location, location_ids.pop())
    if str(getattr(location.status, "value", location.status)) != OPERATIONAL_LOCATION_STATUS:
        raise _Refused(
            [
                _error(
                    "places",
                    f"{location.name} is niet operationeel.",
                    f"{location.name} is not operational.",
                )
            ]
        )
    latest = max((p.status_since for p in places if p.status_since), default=None)
    problems = check_step_date("places", on_date, previous=latest, today=today)
    if problems:
        raise _Refused(problems)
    # Taken only if still free: another laptop or window may have taken it meanwhile.
    taken = cast(
        CursorResult[Any],
        session.execute(
            update(Place)
            .where(Place.id.in_(place_ids), raw_text(Place.status) == PlaceStatus.FREE.value)
            .values(status=PlaceStatus.OCCUPIED, status_since=on_date)
            .execution_options(synchronize_session=False)
        ),
    )
    if taken.rowcount != len(place_ids):
        raise _Refused([_not_free(len(place_ids))])
    statuses = list(
        session.scalars(select(raw_text(Place.status)).where(Place.location_id == location.id))
    )
    problems = check_place_counts(location.capacity, counts_in_use(statuses))
    if problems:
        raise _Refused(problems)
    author = known_author(session, author_id)
    for place in places:
        session.add(
            PlaceStatusChange(
                place_id=place.id,
                location_id=location.id,
                from_status=PlaceStatus.FREE,
                to_status=PlaceStatus.OCCUPIED,
                changed_on=on_date,
                author_id=author,
            )
        )
    labels = ", ".join(sorted((p.label for p in places), key=label_key))
    now = utc_now()
    case.assigned_place_id = min(places, key=lambda p: (label_key(p.label), p.id)).id
    session.add(
        CaseEvent(
            case_id=case.id,
            kind=CaseEventKind.ASSIGNMENT,
            occurred_at=now,
            author_id=author,
            text=f"Toegewezen: {labels} in {location.name}.",
            place_id=case.assigned_place_id,
        )
    )
    problems = apply_status(
        session,
        case,
        CaseStatus.SOLVED,
        author_id=author_id,
        today=on_date,
        at=now + dt.timedelta(seconds=1),
    )
    if problems:
        raise _Refused(problems)


def _not_free(count: int) -> Problem:
    if count == 1:
        return _error(
            "places",
            "Deze plaats is niet meer vrij (intussen door iemand anders ingenomen). "
            "Er is niets gewijzigd; kies een andere plaats.",
            "This place is no longer free (taken by someone else meanwhile). "
            "Nothing was changed; choose another place.",
        )
    return _error(
        "places",
        "Niet al deze plaatsen zijn nog vrij (intussen door iemand anders ingenomen). "
        "Er is niets gewijzigd; kies andere plaatsen.",
        "Not all of these places are still free (taken by someone else meanwhile). "
        "Nothing was changed; choose other places.",
    )
