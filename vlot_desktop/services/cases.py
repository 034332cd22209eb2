"""Changing cases: create, status steps, timeline entries, household members, sensitive views.

Each function is one transaction: it checks with :mod:`vlot_desktop.domain.case_rules` first
and returns the problems (Dutch + English); when there is an error nothing was changed. The
household's ``search_names`` and the case's ``household_size`` are kept in step with the
members here, in the same transaction as the member change. Two rules have one write path
each, used by every writer (the screens, the demo generator, the sync's repair after a
merge): :func:`set_household_size` ("a household's size equals its members") and
:func:`step_status` (the status workflow). Sync capture is done by the triggers. Nothing here
logs names or health data.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import (
    Case,
    CaseEvent,
    Device,
    HouseholdMember,
    LocalMeta,
    Municipality,
    SensitiveDataAccess,
    StaffUser,
    SyncClock,
    Team,
)
from vlot_desktop.db.models.base import utc_now
from vlot_desktop.domain.case_reference import (
    TYPE_PREFIXES,
    format_reference,
    laptop_code,
    parse_reference,
    sequence_prefix,
)
from vlot_desktop.domain.case_rules import (
    TIMELINE_TEXT_MAX,
    MemberValues,
    Problem,
    Severity,
    check_member,
    check_new_case,
    check_status_step,
    check_timeline_text,
    member_search_names,
)
from vlot_desktop.domain.enums import CaseEventKind, CaseStatus, CaseType, Relation, Sex
from vlot_desktop.domain.ids import uuid7, uuid7_time_ms
from vlot_desktop.domain.text_limits import check_text_length
from vlot_desktop.services.places import (
    Db,
    dbapi_connection,
    known_author,
    known_author_id,
    timestamp,
    written_through,
)

# A new reference is TYPE-YEAR-LAPTOP-NUMBER, e.g. HH-2026-K7MX-0042; older ones such as
# HH-2026-00042 stay as they are (vlot_desktop.domain.case_reference, docs/case-references.md).
REFERENCE_PREFIXES = TYPE_PREFIXES
# local_meta: the id new references are made from on a database that knows no device id.
REFERENCE_ID_KEY = "case_reference_device_id"


class CaseNotFoundError(LookupError):
    """The case is gone (erased or deleted on another laptop and synced in)."""


class NoReferenceClashError(ValueError):
    """No other case has this case's reference (any more): :func:`give_new_reference` leaves
    it as it is."""


@dataclass(frozen=True)
class NewCase:
    """What the user fills in for a new case (the household comes as ``MemberValues``)."""

    case_type: str | None
    team_code: str | None
    municipality_nis: str | None
    opened_on: dt.date
    deadline: dt.date | None = None
    summary: str | None = None
    assigned_to_id: str | None = None
    municipal_contact_id: str | None = None


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


def _errors(problems: Sequence[Problem]) -> bool:
    return any(p.is_error for p in problems)


def _case(session: Session, case_id: str) -> Case:
    found = session.get(Case, case_id)
    if found is None:
        raise CaseNotFoundError(case_id)
    return found


def reference_device_id(session: Session, device_id: str | None = None) -> str:
    """The id this laptop's references are made from.

    ``device_id`` (the settings' ``device_id``) when given; else the laptop's id the sync
    noted in ``sync_clock`` (after its first round); else a random id kept in ``local_meta``
    for this database (not set up yet, or a caller that does not pass the id), made once.
    """
    if device_id and device_id.strip():
        return device_id.strip()
    synced = session.scalar(select(SyncClock.device_id).where(SyncClock.id == 1))
    if synced:
        return str(synced)
    kept = session.get(LocalMeta, REFERENCE_ID_KEY)
    if kept is None:
        kept = LocalMeta(key=REFERENCE_ID_KEY, value=uuid7())
        session.add(kept)
        session.flush()
    return kept.value


def reference_laptop_code(session: Session, device_id: str | None = None) -> str:
    """This laptop's code in new references (e.g. ``K7MX``): from its device id, one symbol
    longer for as long as another device known here (synced ``device`` rows) has the same."""
    return laptop_code(
        reference_device_id(session, device_id), session.scalars(select(Device.id)).all()
    )


def next_reference(
    session: Session, case_type: CaseType, year: int, device_id: str | None = None
) -> str:
    """The next reference this laptop gives in ``year``: ``HH-2026-K7MX-0042``.

    The number is one more than the highest of this laptop code and year in the database, over
    the three types (so "K7MX-0042" alone names one case of that year), including the cases
    of other laptops synced in: a reference seen here is never given again.
    """
    code = reference_laptop_code(session, device_id)
    ranges = []
    for type_prefix in TYPE_PREFIXES.values():
        start = sequence_prefix(type_prefix, year, code)
        # A range over the reference index (as the search does), not a LIKE scan.
        ranges.append(and_(Case.reference >= start, Case.reference < start + "\uffff"))
    highest = 0
    for reference in session.scalars(select(Case.reference).where(or_(*ranges))):
        parsed = parse_reference(reference)
        if parsed is not None and parsed.laptop == code and parsed.year == year:
            highest = max(highest, parsed.number)
    return format_reference(case_type, year, code, highest + 1)


@dataclass(frozen=True)
class ReferenceClash:
    """One reference that two or more cases have (made by two laptops with the same code
    before either knew the other, or by a data folder restored from a backup or copied)."""

    reference: str
    case_ids: tuple[str, ...]  # the case opened first first


def reference_clashes(session: Session, case_id: str | None = None) -> list[ReferenceClash]:
    """The references that more than one case has; with ``case_id``, only that case's."""
    shared = select(Case.reference).group_by(Case.reference).having(func.count() > 1)
    if case_id is not None:
        shared = shared.where(
            Case.reference == select(Case.reference).where(Case.id == case_id).scalar_subquery()
        )
    rows = session.execute(
        select(Case.reference, Case.id)
        .where(Case.reference.in_(shared))
        .order_by(Case.reference, Case.opened_on, Case.id)
    )
    found: dict[str, list[str]] = {}
    for reference, found_id in rows:
        found.setdefault(reference, []).append(found_id)
    return [ReferenceClash(ref, tuple(ids)) for ref, ids in found.items()]


def give_new_reference(
    engine: Engine,
    case_id: str,
    *,
    author_id: str | None,
    device_id: str | None = None,
) -> str:
    """Give a case whose reference another case also has a new reference from this laptop
    (same type and year); a timeline note keeps the old one. Returns the new reference.

    Only for a clash (a reference no other case has is never changed: it may be on paper);
    the user chooses which of the cases gets the new one, on one laptop, so that no two
    laptops renumber the same case at once.
    """
    with Session(engine, autoflush=False) as session, session.begin():
        case = _case(session, case_id)
        if not reference_clashes(session, case_id):
            raise NoReferenceClashError(f"no other case has the reference of case {case_id}")
        old = case.reference
        case_type = CaseType(str(getattr(case.case_type, "value", case.case_type)))
        new = next_reference(session, case_type, case.opened_on.year, device_id)
        case.reference = new
        session.add(
            CaseEvent(
                case_id=case.id,
                kind=CaseEventKind.NOTE,
                occurred_at=utc_now(),
                author_id=known_author(session, author_id),
                text=(
                    f"Nieuwe referentie {new}: de referentie {old} was ook aan een ander "
                    "dossier gegeven."
                ),
            )
        )
        return new


def _apply_member(member: HouseholdMember, values: MemberValues) -> None:
    def clean(text: str | None) -> str | None:
        stripped = (text or "").strip()
        return stripped or None

    member.first_name = (values.first_name or "").strip()
    member.last_name = (values.last_name or "").strip()
    member.first_name_cyrillic = clean(values.first_name_cyrillic)
    member.last_name_cyrillic = clean(values.last_name_cyrillic)
    member.search_names = member_search_names(values)
    member.birth_year = values.birth_year
    member.sex = Sex(values.sex) if values.sex else None
    member.relation = Relation(values.relation or Relation.OTHER.value)
    member.phone = clean(values.phone)
    member.language = clean(values.language)
    member.needs_mobility = values.needs_mobility
    member.needs_medical = values.needs_medical
    member.medical_notes = clean(values.medical_notes)
    member.has_pets = values.has_pets
    member.school_age = values.school_age


def set_household_size(db: Db, case_id: str, *, at: dt.datetime | None = None) -> int:
    """The one write path of "a household's size equals its members": the case's
    ``household_size`` becomes the number of its ``household_member`` rows, in ``db``'s
    transaction (written only when it differs, at ``at``, default now). Returns the size.

    Called wherever members come or go: a new case, a member added or removed, the demo
    generator, and the sync's repair after a merge (``services.sync_service``).
    """
    conn = dbapi_connection(db)
    row = conn.execute(
        "SELECT household_size, (SELECT count(*) FROM household_member WHERE case_id = c.id) "
        "FROM case_file AS c WHERE id = ?",
        (case_id,),
    ).fetchone()
    if row is None:
        raise CaseNotFoundError(case_id)
    size = int(row[1])
    if row[0] != size:
        conn.execute(
            "UPDATE case_file SET household_size = ?, updated_at = ? WHERE id = ?",
            (size, timestamp(at), case_id),
        )
        written_through(db)
    return size


def create_case(
    engine: Engine,
    values: NewCase,
    members: Sequence[MemberValues],
    *,
    author_id: str | None,
    device_id: str | None = None,
    today: dt.date | None = None,
) -> tuple[str | None, list[Problem]]:
    """A new case with status nieuw, its household and a first timeline line.

    Returns (the new case id or ``None``, problems). At least one member (the contact person)
    is needed. Problems of a member carry the field name prefixed with ``members[i].``.
    ``device_id`` is this laptop's (``Settings.device_id``): the reference's laptop code is
    made from it (see :func:`reference_device_id` when it is not given).
    """
    today = today or dt.date.today()
    with Session(engine, autoflush=False) as session, session.begin():
        problems = check_new_case(
            case_type=values.case_type,
            team_code=values.team_code,
            municipality_nis=values.municipality_nis,
            opened_on=values.opened_on,
            deadline=values.deadline,
            today=today,
            known_teams=set(session.scalars(select(Team.code))),
            known_municipalities=set(session.scalars(select(Municipality.nis_code))),
        )
        problems += check_text_length("summary", (values.summary or "").strip(), SUMMARY_MAX)
        if not members:
            problems.append(
                _error(
                    "members",
                    "Vul minstens de contactpersoon van het gezin in.",
                    "Enter at least the household's contact person.",
                )
            )
        for index, member_values in enumerate(members):
            for problem in check_member(member_values, today=today):
                problems.append(
                    Problem(
                        f"members[{index}].{problem.field}",
                        problem.message,
                        problem.message_en,
                        problem.severity,
                    )
                )
        if _errors(problems) or not values.case_type:
            return None, problems
        case_type = CaseType(values.case_type)
        author = known_author(session, author_id)
        case = Case(
            reference=next_reference(session, case_type, values.opened_on.year, device_id),
            case_type=case_type,
            status=CaseStatus.NEW,
            team_code=values.team_code,
            municipality_nis=values.municipality_nis,
            assigned_to_id=known_author(session, values.assigned_to_id),
            opened_on=values.opened_on,
            deadline=values.deadline,
            household_size=0,  # the members' count, below
            summary=(values.summary or "").strip() or None,
            municipal_contact_id=values.municipal_contact_id,
        )
        session.add(case)
        session.flush()
        for member_values in members:
            member = HouseholdMember(case_id=case.id)
            _apply_member(member, member_values)
            session.add(member)
        set_household_size(session, case.id)
        session.add(
            CaseEvent(
                case_id=case.id,
                kind=CaseEventKind.STATUS_CHANGE,
                occurred_at=utc_now(),
                author_id=author,
                from_status=None,
                to_status=CaseStatus.NEW,
            )
        )
        return case.id, problems


def step_status(
    db: Db,
    case_id: str,
    new_status: CaseStatus,
    *,
    author_id: str | None,
    today: dt.date,
    text: str | None = None,
    at: dt.datetime | None = None,
    new_id: Callable[[], str] | None = None,
) -> list[Problem]:
    """The one write path of a case's status: one step of the workflow
    (``domain.case_rules.ALLOWED_STATUS_STEPS``), in ``db``'s transaction, recorded as a
    timeline line (from, to, author, the explanation ``text``) at ``at`` (naive UTC, default
    now).

    Closing (solved, referred, closed) sets ``closed_on`` to ``today`` if not set yet;
    reopening clears it. A step the workflow does not allow, the same status again or an
    explanation that is too long is refused with the rule's message and changes nothing.
    Used by the Dossiers screen (:func:`change_status`), the assignment of a place
    (``services.matching``, through :func:`apply_status`) and the demo generator, which
    passes its own ``at`` and ``new_id`` (dates in the past, the same data from one seed).
    """
    conn = dbapi_connection(db)
    row = conn.execute(
        "SELECT status, closed_on FROM case_file WHERE id = ?", (case_id,)
    ).fetchone()
    if row is None:
        raise CaseNotFoundError(case_id)
    current = CaseStatus(str(row[0]))
    explanation = (text or "").strip()
    problems = check_status_step(current, new_status)
    # The explanation goes on the timeline: the length of a timeline text.
    problems += check_text_length("text", explanation, TIMELINE_TEXT_MAX)
    if _errors(problems):
        return problems
    closed_on = None if new_status.is_open else (row[1] or today.isoformat())
    now = timestamp(at)
    conn.execute(
        "UPDATE case_file SET status = ?, closed_on = ?, updated_at = ? WHERE id = ?",
        (new_status.value, closed_on, now, case_id),
    )
    conn.execute(
        "INSERT INTO case_event (id, created_at, updated_at, case_id, kind, occurred_at, "
        "author_id, text, from_status, to_status, place_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        (
            new_id() if new_id is not None else _next_event_id(conn, case_id),
            now,
            now,
            case_id,
            CaseEventKind.STATUS_CHANGE.value,
            now,
            known_author_id(conn, author_id),
            explanation or None,
            current.value,
            new_status.value,
        ),
    )
    written_through(db)
    return problems


def _next_event_id(conn: sqlite3.Connection, case_id: str) -> str:
    """A new id after every id of the case's timeline: two steps in the same second (and
    millisecond) still list in the order they were taken (the timeline sorts by time, then id)."""
    candidate = uuid7()
    (latest,) = conn.execute(
        "SELECT max(id) FROM case_event WHERE case_id = ?", (case_id,)
    ).fetchone()
    if latest is not None and candidate <= latest:
        candidate = uuid7(uuid7_time_ms(latest) + 1)
    return candidate


def apply_status(
    session: Session,
    case: Case,
    new_status: CaseStatus,
    *,
    author_id: str | None,
    today: dt.date,
    text: str | None = None,
    at: dt.datetime | None = None,
) -> list[Problem]:
    """:func:`step_status` for a case held by ``session`` (within its transaction)."""
    return step_status(
        session, case.id, new_status, author_id=author_id, today=today, text=text, at=at
    )


def change_status(
    engine: Engine,
    case_id: str,
    new_status: CaseStatus,
    *,
    author_id: str | None,
    text: str | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """Move a case one step in its workflow (one transaction, :func:`step_status`); refused
    with the rule's message otherwise."""
    with Session(engine, autoflush=False) as session, session.begin():
        return step_status(
            session,
            case_id,
            new_status,
            author_id=author_id,
            today=today or dt.date.today(),
            text=text,
        )


def update_case(
    engine: Engine,
    case_id: str,
    *,
    deadline: dt.date | None,
    assigned_to_id: str | None,
    summary: str | None,
    author_id: str | None,
) -> list[Problem]:
    """Change the deadline, the staff member handling the case and the summary.

    A change of staff member is written on the timeline (a note with the new name), so the
    team sees who took over and when.
    """
    with Session(engine, autoflush=False) as session, session.begin():
        case = _case(session, case_id)
        problems: list[Problem] = []
        if deadline is not None and deadline < case.opened_on:
            problems.append(
                _error(
                    "deadline",
                    "De deadline ligt vóór de openingsdatum.",
                    "The deadline is before the opening date.",
                )
            )
        staff = session.get(StaffUser, assigned_to_id) if assigned_to_id else None
        if assigned_to_id and staff is None:
            problems.append(
                _error(
                    "assigned_to_id",
                    "Onbekende medewerker.",
                    "Unknown staff member.",
                )
            )
        problems += check_text_length("summary", (summary or "").strip(), SUMMARY_MAX)
        if problems:
            return problems
        if case.assigned_to_id != assigned_to_id:
            session.add(
                CaseEvent(
                    case_id=case.id,
                    kind=CaseEventKind.NOTE,
                    occurred_at=utc_now(),
                    author_id=known_author(session, author_id),
                    text=(
                        f"Dossier toegewezen aan {staff.name}."
                        if staff is not None
                        else "Dossier niet langer toegewezen aan een medewerker."
                    ),
                )
            )
        case.deadline = deadline
        case.assigned_to_id = assigned_to_id
        case.summary = (summary or "").strip() or None
    return []


def add_timeline_entry(
    engine: Engine,
    case_id: str,
    kind: CaseEventKind,
    text: str | None,
    *,
    author_id: str | None,
    occurred_at: dt.datetime | None = None,
) -> list[Problem]:
    """Add a note or a contact moment (with author and time) to the case's timeline.

    ``occurred_at`` (naive UTC) defaults to now; a contact moment may be entered afterwards,
    but not in the future.
    """
    if kind not in (CaseEventKind.NOTE, CaseEventKind.CONTACT):
        return [
            _error(
                "kind",
                "Alleen notities en contactmomenten kunnen zo worden toegevoegd.",
                "Only notes and contact moments can be added this way.",
            )
        ]
    problems = check_timeline_text(text)
    now = utc_now()
    moment = occurred_at or now
    if moment > now + dt.timedelta(minutes=5):
        problems.append(
            _error(
                "occurred_at",
                "Het tijdstip kan niet in de toekomst liggen.",
                "The time cannot be in the future.",
            )
        )
    if _errors(problems):
        return problems
    with Session(engine, autoflush=False) as session, session.begin():
        case = _case(session, case_id)
        session.add(
            CaseEvent(
                case_id=case.id,
                kind=kind,
                occurred_at=moment.replace(microsecond=0),
                author_id=known_author(session, author_id),
                text=(text or "").strip(),
            )
        )
    return problems


def add_member(
    engine: Engine,
    case_id: str,
    values: MemberValues,
    *,
    today: dt.date | None = None,
) -> tuple[str | None, list[Problem]]:
    """Add a household member; returns (its id or ``None``, problems)."""
    problems = check_member(values, today=today or dt.date.today())
    if _errors(problems):
        return None, problems
    with Session(engine, autoflush=False) as session, session.begin():
        case = _case(session, case_id)
        member = HouseholdMember(case_id=case.id)
        _apply_member(member, values)
        session.add(member)
        set_household_size(session, case.id)
        return member.id, problems


def update_member(
    engine: Engine,
    member_id: str,
    values: MemberValues,
    *,
    today: dt.date | None = None,
) -> list[Problem]:
    """Change a household member (its search names follow)."""
    problems = check_member(values, today=today or dt.date.today())
    if _errors(problems):
        return problems
    with Session(engine, autoflush=False) as session, session.begin():
        member = session.get(HouseholdMember, member_id)
        if member is None:
            raise LookupError(member_id)
        _apply_member(member, values)
    return problems


def remove_member(engine: Engine, member_id: str) -> list[Problem]:
    """Remove a member from the household; the last one stays (a case needs a household).

    Records of who viewed this member's sensitive fields keep the case but lose the member.
    """
    with Session(engine, autoflush=False) as session, session.begin():
        member = session.get(HouseholdMember, member_id)
        if member is None:
            raise LookupError(member_id)
        case = _case(session, member.case_id)
        count = session.scalar(
            select(func.count())
            .select_from(HouseholdMember)
            .where(HouseholdMember.case_id == case.id)
        )
        if (count or 0) <= 1:
            return [
                _error(
                    "members",
                    "Het laatste gezinslid kan niet worden verwijderd.",
                    "The last household member cannot be removed.",
                )
            ]
        for access in session.scalars(
            select(SensitiveDataAccess).where(SensitiveDataAccess.member_id == member_id)
        ):
            access.member_id = None
        session.flush()
        session.delete(member)
        set_household_size(session, case.id)
    return []


def record_sensitive_access(
    engine: Engine,
    case_id: str,
    *,
    user_id: str | None,
    member_id: str | None = None,
) -> str:
    """Record that ``user_id`` looked at the sensitive fields of a case (or one member).

    Call it before showing the fields (GDPR accountability); returns the record's id.
    """
    with Session(engine, autoflush=False) as session, session.begin():
        case = _case(session, case_id)
        if member_id is not None:
            member = session.get(HouseholdMember, member_id)
            if member is None or member.case_id != case.id:
                raise LookupError(member_id)
        access = SensitiveDataAccess(
            case_id=case.id,
            member_id=member_id,
            user_id=known_author(session, user_id),
            viewed_at=utc_now(),
        )
        session.add(access)
        session.flush()
        return access.id


# -- for the Dossiers screen ------------------------------------------------------------------

# What the detail pane's "Gegevens" tab saves as the user types.
EDITABLE_CASE_FIELDS = ("deadline", "assigned_to_id", "summary", "team_code", "municipality_nis")
SUMMARY_MAX = 10_000


@dataclass(frozen=True)
class CaseSaveResult:
    """What :func:`save_case_fields` did: the problems, and the values it replaced (for undo)."""

    problems: list[Problem]
    previous: dict[str, object]

    @property
    def saved(self) -> bool:
        return not _errors(self.problems)


def _check_case_fields(
    session: Session, case: Case, changes: Mapping[str, object]
) -> list[Problem]:
    problems: list[Problem] = []
    if "deadline" in changes:
        deadline = changes["deadline"]
        if deadline is not None and not isinstance(deadline, dt.date):
            raise TypeError("deadline must be a date or None")
        if deadline is not None and deadline < case.opened_on:
            problems.append(
                _error(
                    "deadline",
                    "De deadline ligt vóór de openingsdatum.",
                    "The deadline is before the opening date.",
                )
            )
    staff_id = changes.get("assigned_to_id")
    if staff_id and session.get(StaffUser, str(staff_id)) is None:
        problems.append(_error("assigned_to_id", "Onbekende medewerker.", "Unknown staff member."))
    if "team_code" in changes:
        team_code = changes["team_code"]
        if not team_code:
            problems.append(_error("team_code", "Kies een team.", "Choose a team."))
        elif session.get(Team, str(team_code)) is None:
            problems.append(
                _error("team_code", f"Onbekend team: {team_code}.", f"Unknown team: {team_code}.")
            )
    if "municipality_nis" in changes:
        nis = changes["municipality_nis"]
        if not nis:
            problems.append(
                _error("municipality_nis", "Kies een gemeente.", "Choose a municipality.")
            )
        elif session.get(Municipality, str(nis)) is None:
            problems.append(
                _error(
                    "municipality_nis",
                    f"Onbekende gemeente (NIS-code {nis}).",
                    f"Unknown municipality (NIS code {nis}).",
                )
            )
    summary = str(changes.get("summary") or "").strip()
    if len(summary) > SUMMARY_MAX:
        problems.append(
            _error(
                "summary",
                f"De samenvatting is te lang (hoogstens {SUMMARY_MAX} tekens).",
                f"The summary is too long (at most {SUMMARY_MAX} characters).",
            )
        )
    return problems


def save_case_fields(
    engine: Engine,
    case_id: str,
    changes: Mapping[str, object],
    *,
    author_id: str | None,
) -> CaseSaveResult:
    """Change some of a case's editable fields (``EDITABLE_CASE_FIELDS``) in one transaction.

    All or nothing: with one error nothing is saved. A new staff member, team or municipality
    is written on the timeline, so the team sees who took over and when. Returns the values
    that were replaced, so that the screen can undo the change with a second call.
    """
    unknown = set(changes) - set(EDITABLE_CASE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    with Session(engine, autoflush=False) as session, session.begin():
        case = _case(session, case_id)
        problems = _check_case_fields(session, case, changes)
        if _errors(problems):
            return CaseSaveResult(problems, {})
        previous = {name: getattr(case, name) for name in changes}
        author = known_author(session, author_id)
        notes: list[str] = []
        if "assigned_to_id" in changes:
            staff_id = str(changes["assigned_to_id"] or "") or None
            if staff_id != case.assigned_to_id:
                staff = session.get(StaffUser, staff_id) if staff_id else None
                notes.append(
                    f"Dossier toegewezen aan {staff.name}."
                    if staff is not None
                    else "Dossier niet langer toegewezen aan een medewerker."
                )
            case.assigned_to_id = staff_id
        if "team_code" in changes and changes["team_code"] != case.team_code:
            team = session.get_one(Team, str(changes["team_code"]))
            notes.append(f"Dossier overgedragen aan {team.name_nl}.")
            case.team_code = team.code
        if "municipality_nis" in changes and changes["municipality_nis"] != case.municipality_nis:
            municipality = session.get_one(Municipality, str(changes["municipality_nis"]))
            notes.append(f"Gemeente gewijzigd in {municipality.name_nl}.")
            case.municipality_nis = municipality.nis_code
        if "deadline" in changes:
            deadline = changes["deadline"]
            case.deadline = deadline if isinstance(deadline, dt.date) else None
        if "summary" in changes:
            case.summary = str(changes["summary"] or "").strip() or None
        for text in notes:
            session.add(
                CaseEvent(
                    case_id=case.id,
                    kind=CaseEventKind.NOTE,
                    occurred_at=utc_now(),
                    author_id=author,
                    text=text,
                )
            )
        return CaseSaveResult(problems, previous)


def update_member_details(
    engine: Engine,
    member_id: str,
    values: MemberValues,
    *,
    today: dt.date | None = None,
) -> list[Problem]:
    """Change a member's non-sensitive fields and keep the stored health fields as they are.

    For an edit while the sensitive fields are hidden: they are neither shown nor overwritten
    (``values``' sensitive fields are ignored).
    """
    with Session(engine, autoflush=False) as session, session.begin():
        member = session.get(HouseholdMember, member_id)
        if member is None:
            raise LookupError(member_id)
        kept = replace(
            values,
            needs_mobility=bool(member.needs_mobility),
            needs_medical=bool(member.needs_medical),
            medical_notes=member.medical_notes,
        )
        problems = check_member(kept, today=today or dt.date.today())
        if _errors(problems):
            return problems
        _apply_member(member, kept)
    return problems
