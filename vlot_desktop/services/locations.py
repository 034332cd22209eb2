"""Editing a reception location: field changes, status steps, partners, a new location.

Each call is one transaction. The whole record is checked with ``domain.location_rules`` after
the change: an error means nothing is written and the caller gets the problems to show next to
the fields; warnings (a duplicate address, a postcode of another municipality) are returned
with a saved change. ``SaveResult.previous`` holds the values the change replaced, which is
what "undo" writes back. Sync capture is done by the triggers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import (
    ContactPerson,
    Location,
    LocationPartner,
    LocationStatusChange,
    Municipality,
    Organisation,
)
from vlot_desktop.db.queries.locations import (
    duplicate_address,
    last_status_change_date,
    postcode_municipalities,
)
from vlot_desktop.domain.enums import ContactRole, LocationStatus, LocationType, OrganisationKind
from vlot_desktop.domain.location_rules import (
    LocationValues,
    Problem,
    Severity,
    check_location,
    check_status_step,
    check_step_date,
    duplicate_address_warning,
)
from vlot_desktop.domain.text import fold, fold_join
from vlot_desktop.domain.text_limits import check_text_length
from vlot_desktop.services.places import LocationNotFoundError, known_author, set_capacity

__all__ = [
    "EDITABLE_FIELDS",
    "LocationNotFoundError",
    "SaveResult",
    "add_contact_person",
    "add_owner",
    "add_partner",
    "change_status",
    "create_location",
    "delete_location",
    "deletion_problems",
    "remove_partner",
    "update_location",
]

TEXT_FIELDS = (
    "name",
    "street",
    "house_number",
    "postcode",
    "subsidy_scheme",
    "subsidy_reference",
    "notes",
)
KEY_FIELDS = (
    "location_type",
    "municipality_nis",
    "owner_organisation_id",
    "owner_contact_id",
    "municipal_contact_id",
)
FLAG_FIELDS = (
    "wheelchair_accessible",
    "suits_families",
    "suits_singles",
    "suits_medical_needs",
    "suits_vulnerable_profiles",
)
DATE_FIELDS = ("opened_on", "closed_on")
# ``capacity`` adds or removes place rows; ``status`` only changes through ``change_status``.
EDITABLE_FIELDS = frozenset((*TEXT_FIELDS, *KEY_FIELDS, *FLAG_FIELDS, *DATE_FIELDS, "capacity"))


@dataclass
class _Refused(Exception):
    """Leaves the transaction (rolled back) with the result to return."""

    def __init__(self, result: SaveResult) -> None:
        super().__init__()
        self.result = result


@dataclass
class SaveResult:
    """What became of a change: saved or not, the problems, the values it replaced (what
    "undo" writes back), the values it wrote, and the id of a record it made (a new owner
    or contact person)."""

    saved: bool
    problems: list[Problem] = field(default_factory=list)
    previous: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    created_id: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def _stored(value: Any) -> Any:
    return getattr(value, "value", value)


def _clean(name: str, value: Any) -> Any:
    """Empty text is ``None``; text is trimmed; flags are booleans."""
    if name in TEXT_FIELDS or name in KEY_FIELDS:
        if value is None:
            return None
        text = str(value).strip() if name != "notes" else str(value)
        return text or None
    if name in FLAG_FIELDS:
        return bool(value)
    return value


def values_of(location: Location) -> LocationValues:
    """The rule-checkable values of a location as it is now in the session."""
    return LocationValues(
        name=location.name,
        location_type=_stored(location.location_type),
        status=_stored(location.status),
        municipality_nis=location.municipality_nis,
        street=location.street,
        house_number=location.house_number,
        postcode=location.postcode,
        capacity=location.capacity,
        status_since=location.status_since,
        opened_on=location.opened_on,
        closed_on=location.closed_on,
    )


def _reference_problems(session: Session, location: Location) -> list[Problem]:
    """The chosen owner and contact persons must exist (a colleague may have removed one)."""
    problems: list[Problem] = []
    if location.owner_organisation_id and (
        session.get(Organisation, location.owner_organisation_id) is None
    ):
        problems.append(
            Problem(
                "owner_organisation_id",
                "Deze organisatie bestaat niet (meer).",
                "This organisation does not exist (any more).",
            )
        )
    for name in ("owner_contact_id", "municipal_contact_id"):
        key = getattr(location, name)
        if key and session.get(ContactPerson, key) is None:
            problems.append(
                Problem(
                    name,
                    "Deze contactpersoon bestaat niet (meer).",
                    "This contact person does not exist (any more).",
                )
            )
    return problems


def _search_text(session: Session, location: Location) -> str:
    municipality = session.get(Municipality, location.municipality_nis)
    return fold_join(location.name, location.street, municipality.name_nl if municipality else "")


def update_location(
    engine: Engine,
    location_id: str,
    changes: Mapping[str, Any],
    *,
    author_id: str | None = None,
    today: dt.date | None = None,
) -> SaveResult:
    """Apply ``changes`` (field -> new value) to a location, all or nothing.

    A ``capacity`` change adds or removes places and is recorded with ``author_id``.
    """
    today = today or dt.date.today()
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    try:
        return _update(engine, location_id, changes, author_id=author_id, today=today)
    except _Refused as refused:
        return refused.result


def _update(
    engine: Engine,
    location_id: str,
    changes: Mapping[str, Any],
    *,
    author_id: str | None,
    today: dt.date,
) -> SaveResult:
    with Session(engine, autoflush=False) as session, session.begin():
        location = session.get(Location, location_id)
        if location is None:
            raise LocationNotFoundError(location_id)
        previous = {name: _stored(getattr(location, name)) for name in changes}
        cleaned = {name: _clean(name, value) for name, value in changes.items()}
        capacity = cleaned.pop("capacity", location.capacity)
        if "location_type" in cleaned and cleaned["location_type"] in {
            t.value for t in LocationType
        }:
            cleaned["location_type"] = LocationType(cleaned["location_type"])
        for name, value in cleaned.items():
            setattr(location, name, value)
        values = values_of(location)
        values.capacity = capacity
        values.notes = cleaned.get("notes")  # only new notes are checked (length)
        problems = check_location(
            values,
            municipalities=set(session.scalars(select(Municipality.nis_code))),
            postcode_municipalities=postcode_municipalities(session.connection()),
            today=today,
        )
        problems.extend(_reference_problems(session, location))
        if any(p.is_error for p in problems):
            raise _Refused(SaveResult(False, problems, previous))
        if capacity != location.capacity and capacity is not None:
            capacity_problems = set_capacity(
                session, location_id, capacity, on_date=today, author_id=author_id
            ).problems
            if any(p.is_error for p in capacity_problems):
                raise _Refused(SaveResult(False, problems + capacity_problems, previous))
            location = session.get_one(Location, location_id)
        if {"name", "street", "municipality_nis"} & set(changes):
            location.search_text = _search_text(session, location)
        session.flush()
        other = duplicate_address(
            session.connection(),
            location_id=location.id,
            municipality_nis=location.municipality_nis,
            street=location.street,
            house_number=location.house_number,
        )
        if other is not None and {"street", "house_number", "municipality_nis"} & set(changes):
            problems.append(duplicate_address_warning(other))
        written = {name: _stored(getattr(location, name)) for name in changes}
    return SaveResult(True, problems, previous, written)


# -- owners and contact persons: made and chosen in one step ---------------------------------

ORGANISATION_NAME_MAX = 200  # the columns' lengths (db/models/people.py)
PERSON_NAME_MAX = 100
EMAIL_MAX = 200
PHONE_MAX = 50
# The contact persons a location refers to, and the role a new one gets (the municipality's
# is chosen by the user; this is the default).
CONTACT_FIELDS = {
    "owner_contact_id": ContactRole.OWNER,
    "municipal_contact_id": ContactRole.MUNICIPAL_COORDINATOR,
}


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _length_problems(values: Mapping[str, tuple[str | None, int]]) -> list[Problem]:
    problems = []
    for name, (text, limit) in values.items():
        if text and len(text) > limit:
            problems.append(
                Problem(
                    name,
                    f"Te lang (hoogstens {limit} tekens).",
                    f"Too long (at most {limit} characters).",
                )
            )
    return problems


def _same_name(name: str) -> str:
    """A name as compared with the others: case, accents and spaces aside."""
    return " ".join(fold(name).split())


def add_owner(
    engine: Engine,
    location_id: str,
    *,
    name: str,
    email: str | None = None,
    phone: str | None = None,
) -> SaveResult:
    """A new owner (an organisation of kind "eigenaar", often a private person) made and
    chosen as the location's owner, in one transaction. The owner's contact person goes when
    they belonged to the owner before (they are someone else's). Refused, with the problems,
    when the name is empty or too long, or when an organisation of that name exists already
    (choose it in the list instead). ``previous`` is what undo writes back; the new owner
    stays in the list after an undo."""
    clean_name, email, phone = _text(name), _text(email), _text(phone)
    problems = _length_problems(
        {
            "name": (clean_name, ORGANISATION_NAME_MAX),
            "email": (email, EMAIL_MAX),
            "phone": (phone, PHONE_MAX),
        }
    )
    if clean_name is None:
        problems.append(Problem("name", "Vul een naam in.", "Fill in a name."))
    with Session(engine, autoflush=False) as session, session.begin():
        location = session.get(Location, location_id)
        if location is None:
            raise LocationNotFoundError(location_id)
        if clean_name is not None:
            wanted = _same_name(clean_name)
            for other in session.scalars(select(Organisation.name)):
                if _same_name(other) == wanted:
                    problems.append(
                        Problem(
                            "name",
                            f"{other} staat al in de lijst: kies die eigenaar daar.",
                            f"{other} is in the list already: choose that owner there.",
                        )
                    )
                    break
        if problems:
            return SaveResult(False, problems)
        previous = {
            "owner_organisation_id": location.owner_organisation_id,
            "owner_contact_id": location.owner_contact_id,
        }
        owner = Organisation(name=clean_name, kind=OrganisationKind.OWNER, email=email, phone=phone)
        session.add(owner)
        session.flush()
        contact = (
            session.get(ContactPerson, location.owner_contact_id)
            if location.owner_contact_id
            else None
        )
        location.owner_organisation_id = owner.id
        if contact is not None and contact.organisation_id == previous["owner_organisation_id"]:
            location.owner_contact_id = None
        written = {
            "owner_organisation_id": owner.id,
            "owner_contact_id": location.owner_contact_id,
        }
        return SaveResult(True, [], previous, written, owner.id)


def add_contact_person(
    engine: Engine,
    location_id: str,
    field_name: str,
    *,
    first_name: str | None,
    last_name: str | None,
    role: str | None = None,
    email: str | None = None,
    phone: str | None = None,
) -> SaveResult:
    """A new contact person made and chosen for the location in one transaction:
    ``field_name`` "owner_contact_id" (a person of the owner, who must be chosen and saved
    first) or "municipal_contact_id" (a person of the location's municipality; ``role``
    says which, by default the municipal coordinator). Refused, with the problems, when the
    last name is empty or a text is too long. ``previous`` is what undo writes back; the new
    person stays in the list after an undo."""
    if field_name not in CONTACT_FIELDS:
        raise ValueError(f"not a contact person of a location: {field_name}")
    first, last, email, phone = _text(first_name), _text(last_name), _text(email), _text(phone)
    problems = _length_problems(
        {
            "first_name": (first, PERSON_NAME_MAX),
            "last_name": (last, PERSON_NAME_MAX),
            "email": (email, EMAIL_MAX),
            "phone": (phone, PHONE_MAX),
        }
    )
    if last is None:
        problems.append(Problem("last_name", "Vul een achternaam in.", "Fill in a last name."))
    chosen_role = CONTACT_FIELDS[field_name]
    if role and field_name == "municipal_contact_id":
        try:
            chosen_role = ContactRole(role)
        except ValueError:
            problems.append(Problem("role", "Kies een rol.", "Choose a role."))
    with Session(engine, autoflush=False) as session, session.begin():
        location = session.get(Location, location_id)
        if location is None:
            raise LocationNotFoundError(location_id)
        if field_name == "owner_contact_id" and not location.owner_organisation_id:
            problems.append(
                Problem(
                    "",
                    "Kies eerst een eigenaar: de contactpersoon hoort bij die eigenaar.",
                    "Choose an owner first: the contact person belongs to that owner.",
                )
            )
        if problems:
            return SaveResult(False, problems)
        person = ContactPerson(
            first_name=first or "",
            last_name=last,
            role=chosen_role,
            organisation_id=(
                location.owner_organisation_id if field_name == "owner_contact_id" else None
            ),
            municipality_nis=(
                location.municipality_nis if field_name == "municipal_contact_id" else None
            ),
            email=email,
            phone=phone,
            active=True,
        )
        session.add(person)
        session.flush()
        previous = {field_name: getattr(location, field_name)}
        setattr(location, field_name, person.id)
        return SaveResult(True, [], previous, {field_name: person.id}, person.id)


def change_status(
    engine: Engine,
    location_id: str,
    new_status: LocationStatus,
    *,
    on_date: dt.date,
    author_id: str | None,
    remark: str | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """Take one step in the location workflow on ``on_date``, recorded with its author.

    Becoming operational fills in the opening date, closing fills in the closing date (when
    they are still empty). Returns the problems; nothing changes on an error.
    """
    today = today or dt.date.today()
    remark = (remark or "").strip() or None
    with Session(engine, autoflush=False) as session, session.begin():
        location = session.get(Location, location_id)
        if location is None:
            raise LocationNotFoundError(location_id)
        current = LocationStatus(_stored(location.status))
        if new_status == current:
            return []
        problems = check_status_step(current, new_status)
        problems += check_text_length("remark", remark)
        previous = last_status_change_date(session.connection(), location_id)
        problems += check_step_date(
            "status_since", on_date, previous=previous or location.status_since, today=today
        )
        if problems:
            return problems
        location.status = new_status
        location.status_since = on_date
        if new_status is LocationStatus.OPERATIONAL and location.opened_on is None:
            location.opened_on = on_date
        if new_status is LocationStatus.CLOSED and location.closed_on is None:
            location.closed_on = on_date
        session.add(
            LocationStatusChange(
                location_id=location_id,
                from_status=current,
                to_status=new_status,
                changed_on=on_date,
                author_id=known_author(session, author_id),
                remark=remark,
            )
        )
    return []


def create_location(
    engine: Engine,
    *,
    name: str,
    location_type: str | None,
    municipality_nis: str | None,
    author_id: str | None,
    today: dt.date | None = None,
) -> tuple[str | None, list[Problem]]:
    """A new location, status prospect, no places yet; returns (its id or None, problems)."""
    today = today or dt.date.today()
    values = LocationValues(
        name=name,
        location_type=location_type,
        status=LocationStatus.PROSPECT.value,
        municipality_nis=municipality_nis,
        capacity=0,
        status_since=today,
    )
    with Session(engine, autoflush=False) as session, session.begin():
        problems = check_location(
            values,
            municipalities=set(session.scalars(select(Municipality.nis_code))),
            postcode_municipalities={},
            today=today,
        )
        if any(p.is_error for p in problems) or not municipality_nis or not location_type:
            return None, problems
        location = Location(
            name=name.strip(),
            location_type=LocationType(location_type),
            status=LocationStatus.PROSPECT,
            status_since=today,
            municipality_nis=municipality_nis,
            capacity=0,
        )
        session.add(location)
        location.search_text = _search_text(session, location)
        session.flush()
        session.add(
            LocationStatusChange(
                location_id=location.id,
                from_status=None,
                to_status=LocationStatus.PROSPECT,
                changed_on=today,
                author_id=known_author(session, author_id),
            )
        )
        return location.id, problems


def add_partner(
    engine: Engine, location_id: str, municipality_nis: str, role: str | None = None
) -> list[Problem]:
    """Add a partner municipality (once; not the location's own municipality)."""
    with Session(engine) as session, session.begin():
        location = session.get(Location, location_id)
        if location is None:
            raise LocationNotFoundError(location_id)
        if session.get(Municipality, municipality_nis) is None:
            return [Problem("partners", "Kies een gemeente.", "Choose a municipality.")]
        if municipality_nis == location.municipality_nis:
            return [
                Problem(
                    "partners",
                    "De locatie ligt al in deze gemeente.",
                    "The location already lies in this municipality.",
                )
            ]
        exists = session.scalar(
            select(LocationPartner.id).where(
                LocationPartner.location_id == location_id,
                LocationPartner.municipality_nis == municipality_nis,
            )
        )
        if exists is not None:
            return [
                Problem(
                    "partners",
                    "Deze gemeente is al partner.",
                    "This municipality already is a partner.",
                )
            ]
        session.add(
            LocationPartner(
                location_id=location_id,
                municipality_nis=municipality_nis,
                role=(role or "").strip() or None,
            )
        )
    return []


def remove_partner(engine: Engine, partner_id: str) -> None:
    with Session(engine) as session, session.begin():
        partner = session.get(LocationPartner, partner_id)
        if partner is not None:
            session.delete(partner)


def deletion_problems(session: Session, location_id: str) -> list[Problem]:
    """Why a location cannot be deleted (empty: it can).

    Deleting is for a location entered by mistake. A location that people live in, that a
    case refers to or that came from a prospect keeps its history: it is closed (status
    gesloten) instead, so the figures of earlier months stay right.
    """
    from sqlalchemy import func

    from vlot_desktop.db.models import Case, CaseEvent, Place, ProspectVisit
    from vlot_desktop.domain.enums import PlaceStatus

    problems: list[Problem] = []
    place_ids = select(Place.id).where(Place.location_id == location_id)
    occupied = session.scalar(
        select(func.count())
        .select_from(Place)
        .where(Place.location_id == location_id, Place.status == PlaceStatus.OCCUPIED)
    )
    if occupied:
        problems.append(
            Problem(
                "",
                f"Er wonen mensen: {occupied} plaats(en) bezet.",
                f"People live here: {occupied} place(s) occupied.",
            )
        )
    cases = session.scalar(
        select(func.count()).select_from(Case).where(Case.assigned_place_id.in_(place_ids))
    ) or session.scalar(
        select(func.count()).select_from(CaseEvent).where(CaseEvent.place_id.in_(place_ids))
    )
    if cases:
        problems.append(
            Problem(
                "",
                "Een dossier verwijst naar een plaats van deze locatie.",
                "A case refers to a place of this location.",
            )
        )
    prospects = session.scalar(
        select(func.count())
        .select_from(ProspectVisit)
        .where(ProspectVisit.location_id == location_id)
    )
    if prospects:
        problems.append(
            Problem(
                "",
                "De locatie komt uit een prospectie.",
                "The location came from a prospect visit.",
            )
        )
    return problems


def delete_location(engine: Engine, location_id: str) -> list[Problem]:
    """Delete a location entered by mistake with its places, partners and history, in one
    transaction; returns the problems (and deletes nothing) when it is in use.

    The deletes are captured like any edit, so the location disappears on every laptop.
    """
    from sqlalchemy import delete

    from vlot_desktop.db.models import Attachment, CapacityChange, Place, PlaceStatusChange

    with Session(engine) as session, session.begin():
        if session.get(Location, location_id) is None:
            raise LocationNotFoundError(location_id)
        problems = deletion_problems(session, location_id)
        if problems:
            return problems
        for model in (
            PlaceStatusChange,
            Place,
            CapacityChange,
            LocationStatusChange,
            LocationPartner,
        ):
            session.execute(delete(model).where(model.location_id == location_id))
        session.execute(
            delete(Attachment).where(
                Attachment.owner_table == "location", Attachment.owner_id == location_id
            )
        )
        session.execute(delete(Location).where(Location.id == location_id))
    return []
