"""The Dossiers screen: one page of the filtered case list with its count, and one case's detail.

Search runs over the folded names of the household members (``household_member.search_names``:
Latin and Cyrillic, lower case, accent-free) and over the case reference:

- text with a digit is a reference and only searches references (no name holds a digit, so
  the members are not scanned), in any case and with any separators: "HH-2026-K7MX" from
  its start, a laptop code ("K7MX-0042", "k7mx 42") after the type and year (one index range
  per type and year), "00123" anywhere (see :func:`reference_condition`);
- otherwise every typed word must be the start of a word of a member's names: "olen" and
  "Олена" find Olena Kovalenko (Олена Коваленко), "olena kov" too, "helene" finds Hélène.
  Word starts, not any substring: a substring search ("o", "ko", "енко") matches most of the
  120,000 members and then has to sort nearly all 50,000 cases (130-160 ms on the large demo
  set against 40-60 ms for word starts); people are looked up by the start of a name.

A name search is one SQL statement: the matching case ids are collected once into an IN list
(from the FTS5 word index of ``db.member_search``; a LIKE scan of the members where this SQLite
has no FTS5), the cases in it are filtered, sorted, cut to a page, and ``count(*) OVER ()``
gives the total in the same pass.
Without search text the page walks the sort index and stops at ``LIMIT``, and the total is an
index count. Measured in ``tests/benchmarks/cases_bench.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    column,
    false,
    func,
    literal,
    or_,
    select,
    table,
)

from vlot_desktop.db import member_search
from vlot_desktop.db.models import (
    Case,
    CaseEvent,
    HouseholdMember,
    Location,
    Municipality,
    Place,
    Province,
    StaffUser,
    Team,
)
from vlot_desktop.db.queries._common import CLOSED_CASE_STATUSES, raw_text
from vlot_desktop.domain.case_reference import (
    NUMBER_DIGITS,
    TYPE_PREFIXES,
    normalise_reference,
)
from vlot_desktop.domain.case_rules import Urgency, urgency
from vlot_desktop.domain.enums import CaseStatus, CaseType, Relation
from vlot_desktop.domain.text import fold

PAGE_SIZE = 200


class CaseState(StrEnum):
    """The open/closed filter: open = nieuw, in behandeling, wacht op plaats."""

    OPEN = "open"
    CLOSED = "closed"


class CaseSort(StrEnum):
    """What the list can be sorted by (the columns of the screen)."""

    DEADLINE = "deadline"
    REFERENCE = "reference"
    OPENED = "opened"
    TYPE = "type"
    STATUS = "status"
    TEAM = "team"
    MUNICIPALITY = "municipality"
    ASSIGNED = "assigned"
    HOUSEHOLD = "household"


@dataclass(frozen=True)
class CaseFilter:
    """What the user chose above the list; ``None`` / empty means no restriction.

    ``overdue_only`` uses ``today`` (the deadline before today and the case open).
    """

    search: str = ""
    case_type: CaseType | None = None
    status: CaseStatus | None = None
    state: CaseState | None = None
    team_code: str | None = None
    municipality_nis: str | None = None
    assigned_to_id: str | None = None
    overdue_only: bool = False
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True)
class CaseRow:
    """One line of the Dossiers list."""

    id: str
    reference: str
    case_type: str
    status: str
    team_code: str
    municipality_nis: str
    municipality_name: str
    assigned_to_id: str | None
    assigned_to_name: str | None
    opened_on: dt.date
    deadline: dt.date | None
    household_size: int
    contact_name: str  # "Olena Kovalenko (Олена Коваленко)", "" when erased
    urgency: Urgency


@dataclass(frozen=True)
class CasePage:
    """One page of the list and the number of cases matching the filter."""

    rows: list[CaseRow]
    total: int


# -- search ---------------------------------------------------------------------------------


def _escape(folded: str) -> str:
    return folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# The ways a reference is typed or read out: "k7mx 42", "HH/2026/K7MX/0042" (as
# ``domain.case_reference.normalise_reference``); a reference itself only holds "-".
_SEPARATORS = re.compile(r"[\s\-_/.]+")
# "HH-", "KP-", "FI-": the start of a reference, searched as a prefix of the reference index.
_TYPE_START = re.compile(rf"(?:{'|'.join(TYPE_PREFIXES.values())})-")
# A letter, then a digit: how a laptop code starts (no type prefix or name does).
_CODE_START = re.compile(r"[A-Z][0-9]")
# A whole laptop code (four symbols or more): only then may a search scan the references.
_CODE = re.compile(r"[A-Z][0-9][A-Z0-9]{2,}")
# This many years between the lowest and the highest reference: no index range per year.
MAX_REFERENCE_YEARS = 40


def _starts_with(prefix: str) -> ColumnElement[bool]:
    """A range over the reference index (LIKE is case-insensitive in SQLite: no index)."""
    return and_(Case.reference >= prefix, Case.reference < prefix + "\uffff")


def _typed_reference(search: str) -> str:
    """The search text as a reference is written: "k7mx 42" -> "K7MX-42" ("" for none).

    A separator typed at the end stays ("k7mx-": the code K7MX, not K7MXA)."""
    return _SEPARATORS.sub("-", fold(search.strip()).upper()).lstrip("-")


def _padded_number(typed: str) -> str | None:
    """ "K7MX-42" -> "K7MX-0042": a laptop code and a whole number typed with fewer than four
    digits, as ``normalise_reference`` reads it (also at the end of "2026-K7MX-42");
    ``None`` when ``typed`` does not end so (four digits or more, or only zeros: the start of
    a number)."""
    head, _, number = typed.rpartition("-")
    code = head.rpartition("-")[2]
    if not (number.isascii() and number.isdigit()) or not _CODE.fullmatch(code):
        return None
    if len(number) >= NUMBER_DIGITS or int(number) < 1:
        return None
    return f"{head}-{int(number):0{NUMBER_DIGITS}d}"


def reference_years(conn: Connection) -> list[int] | None:
    """Every year from the lowest to the highest in the ``TYPE-YEAR-...`` references.

    Read from both ends of the reference index for each type (six look-ups, no scan).
    ``None`` when an end is not in that form (a reference typed by hand) or the years span
    :data:`MAX_REFERENCE_YEARS` or more.
    """
    ends: list[int] = []
    for prefix in TYPE_PREFIXES.values():
        # The references whose year starts with a digit ("HH-0" up to "HH-9...").
        of_type = and_(Case.reference >= f"{prefix}-0", Case.reference < f"{prefix}-:")
        for end in (func.min(Case.reference), func.max(Case.reference)):
            reference = conn.scalar(select(end).where(of_type))
            if reference is None:
                break
            year = reference[len(prefix) + 1 : len(prefix) + 5]
            after = reference[len(prefix) + 5 : len(prefix) + 6]
            if not (year.isascii() and year.isdigit() and after in ("", "-")):
                return None
            ends.append(int(year))
    if not ends:
        return []
    if max(ends) - min(ends) >= MAX_REFERENCE_YEARS:
        return None
    return list(range(min(ends), max(ends) + 1))


def reference_condition(search: str, conn: Connection | None = None) -> ColumnElement[bool] | None:
    """The condition on the reference when ``search`` looks like one (it holds a digit).

    Case and separators do not matter ("hh 2026 k7mx 42", "K7MX/0042"), and a number said
    without its leading zeros ("k7mx 42") is that whole number (K7MX-0042, not K7MX-4200):

    - "HH-2026-K7MX" (it starts with a type): the start of the reference, a range over the
      reference index; an older reference typed without its zeros ("kp 2025 7") also finds
      its stored form (``normalise_reference``);
    - "K7MX-0042", "k7mx 42", "k7mx" (a laptop code: a letter, then a digit): the part after
      the type and year. With ``conn`` that is one index range per type and year
      (:func:`reference_years`: no scan); without, a scan of the references, and only for a
      whole code (four symbols or more);
    - "00012", "2026-K7MX-0042" (it starts with a digit): anywhere in the reference (a scan);
    - other text ("X1"): the start of the reference (an older or hand-made one).
    """
    typed = _typed_reference(search)
    if not any(ch.isdigit() for ch in typed):
        return None
    padded = _padded_number(typed)
    if _TYPE_START.match(typed):
        if padded is not None:
            return Case.reference == padded
        whole = normalise_reference(typed)
        if whole is None or whole.startswith(typed):
            return _starts_with(typed)
        return or_(_starts_with(typed), Case.reference == whole)
    if _CODE_START.match(typed):
        years = reference_years(conn) if conn is not None else None
        if years is not None:
            terms = [
                _starts_with(f"{type_prefix}-{year}-{typed}")
                if padded is None
                else Case.reference == f"{type_prefix}-{year}-{padded}"
                for type_prefix in TYPE_PREFIXES.values()
                for year in years
            ]
            return or_(*terms) if terms else false()
        if _CODE.match(typed):
            if padded is not None:
                return Case.reference.like(f"%-{_escape(padded)}", escape="\\")
            return Case.reference.like(f"%-{_escape(typed)}%", escape="\\")
    if typed[0].isalpha():
        return _starts_with(typed)
    if padded is not None:
        return Case.reference.like(f"%{_escape(padded)}", escape="\\")
    return Case.reference.like(f"%{_escape(typed)}%", escape="\\")


def _name_match(folded: str) -> ColumnElement[bool]:
    """Every word typed starts a word of the member's names ("olen kov" finds Olena Kovalenko).

    One LIKE per word on ``' ' || search_names``: a word start is a space before it.
    """
    padded = literal(" ") + HouseholdMember.search_names
    return and_(*(padded.like(f"% {_escape(word)}%", escape="\\") for word in folded.split()))


_FTS = table(member_search.FTS_TABLE, column("case_id"), column(member_search.FTS_TABLE))


def matching_case_ids(search: str, *, indexed: bool = False) -> Select[Any] | None:
    """A select of the ids of the cases with a member whose names match ``search``.

    With ``indexed`` (the database has the word index of ``db.member_search``) the words are
    looked up in the index; else the members are scanned with LIKE (same matches: word starts).
    ``None`` when there is nothing to search for, or when it is a reference (see
    :func:`reference_condition`).
    """
    folded = fold(search.strip())
    if not folded or any(ch.isdigit() for ch in folded):
        return None
    if indexed:
        query = member_search.prefix_query(folded)
        if query is None:
            return None
        match = _FTS.c[member_search.FTS_TABLE].op("MATCH")(query)
        return select(_FTS.c.case_id).where(match)
    return select(HouseholdMember.case_id).where(_name_match(folded))


# -- the list -------------------------------------------------------------------------------


def case_conditions(case_filter: CaseFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of everything but the search text."""
    conditions: list[ColumnElement[bool]] = []
    status = raw_text(Case.status)
    if case_filter.case_type is not None:
        conditions.append(raw_text(Case.case_type) == case_filter.case_type.value)
    if case_filter.status is not None:
        conditions.append(status == case_filter.status.value)
    if case_filter.state is CaseState.OPEN or case_filter.overdue_only:
        conditions.append(status.not_in(CLOSED_CASE_STATUSES))
    elif case_filter.state is CaseState.CLOSED:
        conditions.append(status.in_(CLOSED_CASE_STATUSES))
    if case_filter.team_code:
        conditions.append(Case.team_code == case_filter.team_code)
    if case_filter.municipality_nis:
        conditions.append(Case.municipality_nis == case_filter.municipality_nis)
    if case_filter.assigned_to_id:
        conditions.append(Case.assigned_to_id == case_filter.assigned_to_id)
    if case_filter.overdue_only:
        conditions.append(and_(Case.deadline.is_not(None), Case.deadline < case_filter.today))
    return conditions


def _order_values(values: list[str]) -> dict[str, int]:
    return {value: position for position, value in enumerate(values)}


def _sort_key(sort: CaseSort) -> Any:
    if sort is CaseSort.REFERENCE:
        return Case.reference
    if sort is CaseSort.OPENED:
        return Case.opened_on
    if sort is CaseSort.TYPE:
        return case(
            _order_values([t.value for t in CaseType]),
            value=raw_text(Case.case_type),
            else_=len(CaseType),
        )
    if sort is CaseSort.STATUS:  # workflow order, not alphabetical
        return case(
            _order_values([s.value for s in CaseStatus]),
            value=raw_text(Case.status),
            else_=len(CaseStatus),
        )
    if sort is CaseSort.TEAM:
        return select(Team.sort_order).where(Team.code == Case.team_code).scalar_subquery()
    if sort is CaseSort.MUNICIPALITY:
        return (
            select(Municipality.search_name)
            .where(Municipality.nis_code == Case.municipality_nis)
            .scalar_subquery()
        )
    if sort is CaseSort.ASSIGNED:
        return select(StaffUser.name).where(StaffUser.id == Case.assigned_to_id).scalar_subquery()
    if sort is CaseSort.HOUSEHOLD:
        return Case.household_size
    # Deadline: cases without one last, whatever the direction.
    return Case.deadline


def _order_by(sort: CaseSort, descending: bool) -> list[Any]:
    key = _sort_key(sort)
    order: list[Any] = []
    if sort is CaseSort.DEADLINE:
        order.append(Case.deadline.is_(None))
    order.append(key.desc() if descending else key.asc())
    order.append(Case.id.desc() if descending else Case.id)
    return order


def list_cases(
    conn: Connection,
    case_filter: CaseFilter,
    *,
    sort: CaseSort = CaseSort.DEADLINE,
    descending: bool = False,
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> CasePage:
    """One page of the cases matching ``case_filter`` in the chosen order, and their total.

    Equal sort values fall back to the id, so pages never overlap.
    """
    conditions = case_conditions(case_filter)
    order = _order_by(sort, descending)
    hits = matching_case_ids(case_filter.search, indexed=member_search.is_installed(conn))
    by_reference = reference_condition(case_filter.search, conn)
    if by_reference is not None:
        conditions.append(by_reference)
    if hits is None:
        ids_stmt = select(Case.id).where(*conditions).order_by(*order).offset(offset).limit(limit)
        ids = list(conn.scalars(ids_stmt))
        total = conn.scalar(select(func.count()).select_from(Case).where(*conditions)) or 0
    else:
        # IN, not a join: a case whose two members match counts once.
        conditions.append(Case.id.in_(hits))
        stmt = (
            select(Case.id, func.count().over().label("total"))
            .where(*conditions)
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        )
        found = conn.execute(stmt).all()
        ids = [row[0] for row in found]
        if found:
            total = int(found[0][1])
        elif offset == 0:
            total = 0
        else:  # scrolled past the end: count separately
            total = conn.scalar(select(func.count()).select_from(Case).where(*conditions)) or 0
    return CasePage(rows=case_rows(conn, ids, today=case_filter.today), total=int(total))


def case_rows(conn: Connection, ids: list[str], *, today: dt.date) -> list[CaseRow]:
    """The list lines of ``ids`` in that order (also: the line of one case after an edit)."""
    if not ids:
        return []
    stmt = (
        select(
            Case.id,
            Case.reference,
            raw_text(Case.case_type),
            raw_text(Case.status),
            Case.team_code,
            Case.municipality_nis,
            Municipality.name_nl,
            Case.assigned_to_id,
            StaffUser.name,
            Case.opened_on,
            Case.deadline,
            Case.household_size,
        )
        .join(Municipality, Municipality.nis_code == Case.municipality_nis)
        .outerjoin(StaffUser, StaffUser.id == Case.assigned_to_id)
        .where(Case.id.in_(ids))
    )
    contacts = _contact_names(conn, ids)
    rows: dict[str, CaseRow] = {}
    for row in conn.execute(stmt):
        status = _status(row[3])
        rows[row[0]] = CaseRow(
            **dict(zip(_ROW_FIELDS, row, strict=False)),
            contact_name=contacts.get(row[0], ""),
            urgency=urgency(row[10], status, today) if status else Urgency.NONE,
        )
    return [rows[case_id] for case_id in ids if case_id in rows]


def _status(value: str) -> CaseStatus | None:
    try:
        return CaseStatus(value)
    except ValueError:  # a status of a newer version of the app, synced in
        return None


def display_name(
    first: str | None, last: str | None, first_cyr: str | None, last_cyr: str | None
) -> str:
    """'Olena Kovalenko (Олена Коваленко)'; without the brackets when there is no Cyrillic."""
    latin = " ".join(p for p in (first, last) if p)
    cyrillic = " ".join(p for p in (first_cyr, last_cyr) if p)
    return f"{latin} ({cyrillic})" if cyrillic and latin else latin or cyrillic


def _contact_names(conn: Connection, ids: list[str], *, cyrillic: bool = True) -> dict[str, str]:
    """The contact person of each case (else its first member), by creation order; without
    ``cyrillic`` only the Latin name ("Olena Kovalenko")."""
    stmt = (
        select(
            HouseholdMember.case_id,
            HouseholdMember.first_name,
            HouseholdMember.last_name,
            HouseholdMember.first_name_cyrillic,
            HouseholdMember.last_name_cyrillic,
        )
        .where(HouseholdMember.case_id.in_(ids))
        .order_by(
            raw_text(HouseholdMember.relation) != Relation.CONTACT_PERSON.value,
            HouseholdMember.created_at,
            HouseholdMember.id,
        )
    )
    names: dict[str, str] = {}
    for case_id, first, last, first_cyr, last_cyr in conn.execute(stmt):
        if not cyrillic and (first or last):
            first_cyr = last_cyr = None
        names.setdefault(case_id, display_name(first, last, first_cyr, last_cyr))
    return names


# -- the detail -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    """A household member without the sensitive (health) fields: those need
    :func:`sensitive_member_data`, after the viewing was recorded."""

    id: str
    first_name: str
    last_name: str
    first_name_cyrillic: str | None
    last_name_cyrillic: str | None
    birth_year: int | None
    sex: str | None
    relation: str
    phone: str | None
    language: str | None
    has_pets: bool
    school_age: bool

    @property
    def display_name(self) -> str:
        return display_name(
            self.first_name, self.last_name, self.first_name_cyrillic, self.last_name_cyrillic
        )


@dataclass(frozen=True)
class SensitiveMemberData:
    """The health fields of one member (shown only when the user asks, and logged)."""

    member_id: str
    needs_mobility: bool
    needs_medical: bool
    medical_notes: str | None


@dataclass(frozen=True)
class EventRow:
    """One line of the timeline."""

    id: str
    kind: str
    occurred_at: dt.datetime
    author_id: str | None
    author_name: str | None
    text: str | None
    from_status: str | None
    to_status: str | None
    place_id: str | None


@dataclass(frozen=True)
class AssignedPlace:
    """The place a case was given, and its location."""

    place_id: str
    label: str
    status: str
    location_id: str
    location_name: str
    municipality_name: str


@dataclass(frozen=True)
class SameReference:
    """Another case with the same reference: a clash (docs/case-references.md), for the user
    to tell the two apart and give one of them a new reference."""

    id: str
    contact_name: str  # Latin only, "Olena Kovalenko" ("" when erased)
    municipality_name: str
    opened_on: dt.date


@dataclass(frozen=True)
class CaseDetail:
    """Everything the detail pane shows of one case (sensitive fields excepted)."""

    id: str
    reference: str
    case_type: str
    status: str
    team_code: str
    team_name: str
    municipality_nis: str
    municipality_name: str
    assigned_to_id: str | None
    assigned_to_name: str | None
    opened_on: dt.date
    deadline: dt.date | None
    closed_on: dt.date | None
    household_size: int
    summary: str | None
    outcome: str | None
    personal_data_erased_on: dt.date | None
    urgency: Urgency
    members: list[MemberRow]
    timeline: list[EventRow]  # newest first
    place: AssignedPlace | None
    # The other cases with this reference, the one opened first first (almost always none).
    same_reference: list[SameReference] = field(default_factory=list)


def case_detail(
    conn: Connection, case_id: str, *, today: dt.date | None = None
) -> CaseDetail | None:
    """The case with its members, its timeline (newest first), its assigned place and the
    other cases with its reference."""
    today = today or dt.date.today()
    row = conn.execute(
        select(
            Case.id,
            Case.reference,
            raw_text(Case.case_type),
            raw_text(Case.status),
            Case.team_code,
            Team.name_nl,
            Case.municipality_nis,
            Municipality.name_nl,
            Case.assigned_to_id,
            StaffUser.name,
            Case.opened_on,
            Case.deadline,
            Case.closed_on,
            Case.household_size,
            Case.summary,
            Case.outcome,
            Case.personal_data_erased_on,
            Case.assigned_place_id,
        )
        .join(Team, Team.code == Case.team_code)
        .join(Municipality, Municipality.nis_code == Case.municipality_nis)
        .outerjoin(StaffUser, StaffUser.id == Case.assigned_to_id)
        .where(Case.id == case_id)
    ).first()
    if row is None:
        return None
    status = _status(row[3])
    values: dict[str, Any] = dict(zip(_DETAIL_FIELDS, row[:17], strict=True))
    return CaseDetail(
        **values,
        urgency=urgency(row[11], status, today) if status else Urgency.NONE,
        members=household(conn, case_id),
        timeline=timeline(conn, case_id),
        place=_assigned_place(conn, row[17]),
        same_reference=other_cases_with_reference(conn, case_id, row[1]),
    )


def other_cases_with_reference(
    conn: Connection, case_id: str, reference: str
) -> list[SameReference]:
    """The other cases with ``reference``: what ``services.cases.reference_clashes`` finds
    for the case ``case_id`` (one look-up in the reference index)."""
    rows = conn.execute(
        select(Case.id, Municipality.name_nl, Case.opened_on)
        .outerjoin(Municipality, Municipality.nis_code == Case.municipality_nis)
        .where(Case.reference == reference, Case.id != case_id)
        .order_by(Case.opened_on, Case.id)
    ).all()
    contacts = _contact_names(conn, [r[0] for r in rows], cyrillic=False)
    return [
        SameReference(other_id, contacts.get(other_id, ""), town or "", opened_on)
        for other_id, town, opened_on in rows
    ]


def household(conn: Connection, case_id: str) -> list[MemberRow]:
    """The members, contact person first, then in the order they were added."""
    stmt = (
        select(
            HouseholdMember.id,
            HouseholdMember.first_name,
            HouseholdMember.last_name,
            HouseholdMember.first_name_cyrillic,
            HouseholdMember.last_name_cyrillic,
            HouseholdMember.birth_year,
            raw_text(HouseholdMember.sex),
            raw_text(HouseholdMember.relation),
            HouseholdMember.phone,
            HouseholdMember.language,
            HouseholdMember.has_pets,
            HouseholdMember.school_age,
        )
        .where(HouseholdMember.case_id == case_id)
        .order_by(
            raw_text(HouseholdMember.relation) != Relation.CONTACT_PERSON.value,
            HouseholdMember.created_at,
            HouseholdMember.id,
        )
    )
    return [MemberRow(**dict(zip(_MEMBER_FIELDS, r, strict=True))) for r in conn.execute(stmt)]


def sensitive_member_data(conn: Connection, case_id: str) -> list[SensitiveMemberData]:
    """The health fields of a case's members. Call only after
    :func:`vlot_desktop.services.cases.record_sensitive_access` recorded the viewing."""
    stmt = select(
        HouseholdMember.id,
        HouseholdMember.needs_mobility,
        HouseholdMember.needs_medical,
        HouseholdMember.medical_notes,
    ).where(HouseholdMember.case_id == case_id)
    return [SensitiveMemberData(*r) for r in conn.execute(stmt)]


def timeline(conn: Connection, case_id: str) -> list[EventRow]:
    """Notes, contact moments, status changes and place assignments, newest first."""
    stmt = (
        select(
            CaseEvent.id,
            raw_text(CaseEvent.kind),
            CaseEvent.occurred_at,
            CaseEvent.author_id,
            StaffUser.name,
            CaseEvent.text,
            raw_text(CaseEvent.from_status),
            raw_text(CaseEvent.to_status),
            CaseEvent.place_id,
        )
        .outerjoin(StaffUser, StaffUser.id == CaseEvent.author_id)
        .where(CaseEvent.case_id == case_id)
        .order_by(CaseEvent.occurred_at.desc(), CaseEvent.id.desc())
    )
    return [EventRow(*r) for r in conn.execute(stmt)]


def _assigned_place(conn: Connection, place_id: str | None) -> AssignedPlace | None:
    if not place_id:
        return None
    row = conn.execute(
        select(
            Place.id,
            Place.label,
            raw_text(Place.status),
            Location.id,
            Location.name,
            Municipality.name_nl,
        )
        .join(Location, Location.id == Place.location_id)
        .join(Municipality, Municipality.nis_code == Location.municipality_nis)
        .where(Place.id == place_id)
    ).first()
    return AssignedPlace(*row) if row is not None else None


# -- choices for the screen -------------------------------------------------------------------


@dataclass(frozen=True)
class StaffChoice:
    """A staff member a case can be assigned to."""

    id: str
    name: str
    team_code: str


def staff_choices(conn: Connection, *, include_id: str | None = None) -> list[StaffChoice]:
    """Active staff members by name, plus ``include_id`` (e.g. the one a case is assigned to,
    even when no longer active)."""
    condition: ColumnElement[bool] = StaffUser.active.is_(True)
    if include_id:
        condition = condition | (StaffUser.id == include_id)
    stmt = (
        select(StaffUser.id, StaffUser.name, StaffUser.team_code)
        .where(condition)
        .order_by(StaffUser.name, StaffUser.id)
    )
    return [StaffChoice(*row) for row in conn.execute(stmt)]


def municipality_teams(conn: Connection) -> dict[str, str]:
    """NIS code -> the regional team of its province (the team a new case goes to)."""
    stmt = select(Municipality.nis_code, Province.team_code).join(
        Province, Province.code == Municipality.province_code
    )
    return {nis: team for nis, team in conn.execute(stmt)}


def place_labels(conn: Connection, place_ids: list[str]) -> dict[str, str]:
    """Place id -> "Plaats 3, De Linde (Hasselt)", for the timeline's place assignments."""
    if not place_ids:
        return {}
    stmt = (
        select(Place.id, Place.label, Location.name, Municipality.name_nl)
        .join(Location, Location.id == Place.location_id)
        .join(Municipality, Municipality.nis_code == Location.municipality_nis)
        .where(Place.id.in_(set(place_ids)))
    )
    return {pid: f"{label}, {name} ({town})" for pid, label, name, town in conn.execute(stmt)}


_ROW_FIELDS = [f.name for f in fields(CaseRow)][:12]
_DETAIL_FIELDS = [f.name for f in fields(CaseDetail)][:17]
_MEMBER_FIELDS = [f.name for f in fields(MemberRow)]

__all__ = [
    "PAGE_SIZE",
    "AssignedPlace",
    "CaseDetail",
    "CaseFilter",
    "CasePage",
    "CaseRow",
    "CaseSort",
    "CaseState",
    "EventRow",
    "MemberRow",
    "SameReference",
    "SensitiveMemberData",
    "StaffChoice",
    "case_conditions",
    "case_detail",
    "case_rows",
    "display_name",
    "household",
    "list_cases",
    "matching_case_ids",
    "municipality_teams",
    "other_cases_with_reference",
    "place_labels",
    "sensitive_member_data",
    "staff_choices",
    "timeline",
]
