"""What every part of the generator shares: the random source, the clock, the sink, the
reference data read from the database, and the people and places created so far.

Everything random comes from the one ``random.Random(seed)``; iteration is always over lists
or insertion-ordered dicts, never over sets, so a seed and a 'today' give the same data.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from vlot_desktop.demo.geography import CENTRAL_CITIES, POPULATION_K
from vlot_desktop.demo.timeline import Clock, stamp, unix_ms
from vlot_desktop.demo.writer import RowSink
from vlot_desktop.domain.checklist import ChecklistTemplate
from vlot_desktop.domain.ids import uuid7

T = TypeVar("T")


class WeightedPicker(Generic[T]):
    """Draws items with fixed weights (cumulative weights + bisect: fast and reproducible)."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        if not items or len(items) != len(weights):
            raise ValueError("a picker needs items and one weight per item")
        self.items = list(items)
        self._cumulative = list(itertools.accumulate(weights))
        self._total = self._cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        index = bisect.bisect_right(self._cumulative, rng.random() * self._total)
        return self.items[min(index, len(self.items) - 1)]


@dataclass
class Municipality:
    nis: str
    name: str
    province: str  # province code
    arrondissement: str
    postcodes: list[str]
    weight: float
    is_central_city: bool
    search_name: str = ""


@dataclass
class Theme:
    code: str
    domain: str
    name: str


@dataclass
class Person:
    """A contact person as the other generators need it."""

    id: str
    first_name: str
    last_name: str
    organisation_id: str | None
    organisation_name: str | None
    municipality_nis: str | None
    since: int = 0  # date ordinal of the record's creation

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class Staff:
    id: str
    name: str
    team: str
    device_id: str


@dataclass
class Organisation:
    id: str
    name: str
    kind: str
    municipality_nis: str | None


@dataclass
class MunicipalContacts:
    """The people and organisations of one municipality."""

    authority: Organisation
    social: Organisation  # OCMW / sociaal huis
    coordinators: list[Person] = field(default_factory=list)
    officials: list[Person] = field(default_factory=list)  # mayor, director, alderman
    owners: list[tuple[Organisation, Person | None]] = field(default_factory=list)


@dataclass
class CaseRef:
    """A case as meetings need it (only the ids and dates, to keep memory small)."""

    id: str
    reference: str
    case_type: str
    opened: int  # date ordinals
    closed: int | None


@dataclass
class PlaceRef:
    id: str
    label: str
    location_name: str
    occupied_since: int  # date ordinal


class Context:
    def __init__(
        self,
        conn: sqlite3.Connection,
        sink: RowSink,
        seed: int,
        today: dt.date,
        checklist: ChecklistTemplate,
    ) -> None:
        self.rng = random.Random(seed)
        self.clock = Clock(today, self.rng)
        # The demo's transaction: the rules' write paths (services) write through it directly.
        self.conn = conn
        self.sink = sink
        self.checklist = checklist
        self.municipalities = _read_municipalities(conn, self.rng)
        self.by_nis = {m.nis: m for m in self.municipalities}
        self.by_province: dict[str, list[Municipality]] = {}
        for m in self.municipalities:
            self.by_province.setdefault(m.province, []).append(m)
        self.provinces = list(self.by_province)
        self.team_of_province: dict[str, str] = dict(
            conn.execute("SELECT code, team_code FROM province ORDER BY code")
        )
        self.municipality_picker = WeightedPicker(
            self.municipalities, [m.weight for m in self.municipalities]
        )
        self.province_pickers = {
            code: WeightedPicker(items, [m.weight for m in items])
            for code, items in self.by_province.items()
        }
        self.themes = [
            Theme(code, domain, name)
            for code, domain, name in conn.execute(
                "SELECT code, domain_code, name_nl FROM theme ORDER BY sort_order, code"
            )
        ]
        self.domain_names = dict(
            conn.execute("SELECT code, name_nl FROM policy_domain ORDER BY sort_order")
        )
        # Filled in by the generators, in order.
        self.staff: list[Staff] = []
        self.staff_by_team: dict[str, list[Staff]] = {}
        self.contacts: dict[str, MunicipalContacts] = {}
        self.sector_people: list[Person] = []
        self.governor_people: dict[str, list[Person]] = {}
        self.fedasil_people: list[Person] = []
        self.owner_people_by_province: dict[str, list[Person]] = {}
        # Occupied places per arrondissement, sorted by the day they became occupied.
        self.occupied_places: dict[str, list[PlaceRef]] = {}
        self.offered_locations: list[tuple[int, str, str]] = []  # (ordinal, id, name)
        self.cases: list[CaseRef] = []
        self.open_questions: list[tuple[int, int, str, str]] = []  # (received, answered, id, s)
        self.published_questions: list[tuple[int, str, str, str]] = []

    # --- random helpers ----------------------------------------------------------------

    def new_id(self, day: dt.date, seconds: int) -> str:
        return uuid7(unix_ms(day, seconds), self.rng)

    def at(self, day: dt.date, seconds: int) -> dt.datetime:
        """``day`` at ``seconds`` after midnight, for the services' ``at`` (naive UTC)."""
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds)

    def moment(self, day: dt.date) -> tuple[str, str]:
        """An id and a created_at for a record made on ``day`` during office hours."""
        seconds = self.clock.office_seconds()
        return self.new_id(day, seconds), stamp(day, seconds)

    def pick(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def staff_of(self, team: str) -> Staff:
        return self.pick(self.staff_by_team[team])


def _read_municipalities(conn: sqlite3.Connection, rng: random.Random) -> list[Municipality]:
    postcodes: dict[str, list[str]] = {}
    for postcode, nis in conn.execute(
        "SELECT postcode, municipality_nis FROM postcode ORDER BY postcode, municipality_nis"
    ):
        postcodes.setdefault(nis, []).append(postcode)
    result: list[Municipality] = []
    for nis, name, province, arrondissement, search_name in conn.execute(
        "SELECT nis_code, name_nl, province_code, arrondissement_code, search_name "
        "FROM municipality ORDER BY nis_code"
    ):
        population = POPULATION_K.get(name)
        weight = float(population) if population else rng.uniform(8.0, 22.0)
        central = name in CENTRAL_CITIES
        if central:
            weight *= 1.3
        result.append(
            Municipality(
                nis=nis,
                name=name,
                province=province,
                arrondissement=arrondissement,
                postcodes=postcodes.get(nis, []),
                weight=weight,
                is_central_city=central,
                search_name=search_name,
            )
        )
    return result
