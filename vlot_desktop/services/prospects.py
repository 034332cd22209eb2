"""Use cases of prospect visits: plan one, answer its checklist, note findings, convert it.

Every function is one transaction. Visit mode calls these as the user types (debounced), so
each write is small: one answer, one finding, one participant. The sync triggers capture every
write in the same transaction; nothing here knows about sync.

Bad input raises :class:`ProspectError` with a plain Dutch message (and an English twin) and
changes nothing; a free text longer than ``domain.text_limits`` allows is refused the same way,
naming the field it is about.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import (
    ChecklistAnswer,
    Finding,
    Location,
    LocationStatusChange,
    Municipality,
    Place,
    PlaceStatusChange,
    Postcode,
    ProspectParticipant,
    ProspectVisit,
    StaffUser,
)
from vlot_desktop.db.queries.prospects import PROSPECT_TEMPLATE, load_template
from vlot_desktop.domain.checklist import ChecklistItem, ChecklistTemplate, ItemKind
from vlot_desktop.domain.enums import (
    FindingKind,
    LocationStatus,
    LocationType,
    ParticipantRole,
    PlaceStatus,
    ProspectStatus,
)
from vlot_desktop.domain.location_rules import CAPACITY_MAX, LocationValues, check_location
from vlot_desktop.domain.text import fold_join
from vlot_desktop.domain.text_limits import check_text_length

YES_NO_NA = ("ja", "nee", "nvt")
ESTIMATED_PLACES_ITEM = "besluit.geschatte_plaatsen"
BUILDING_TYPE_ITEM = "algemeen.type_gebouw"
ROOMS_ITEM = "slaapruimtes.aantal_kamers"
WHEELCHAIR_ITEM = "toegankelijkheid.rolstoeltoegankelijk"
FAMILIES_ITEM = "slaapruimtes.geschikt_gezinnen"
SINGLES_ITEM = "slaapruimtes.geschikt_alleenstaanden"
NAME_MAX = 200


class ProspectError(Exception):
    """Input the user can correct; ``message`` is Dutch, ``message_en`` English.

    ``field``: the field it is about when the screen can show it there (e.g. "outcome_notes").
    """

    def __init__(self, message: str, message_en: str, *, field: str | None = None) -> None:
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en
        self.field = field

    def text(self, language: str) -> str:
        return self.message_en if language == "en" else self.message


def _session(engine: Engine) -> Session:
    return Session(engine, expire_on_commit=False)


def _assign(obj: object, name: str, value: object) -> None:
    """Set only what changed: an unchanged field must not become a sync change."""
    if getattr(obj, name) != value:
        setattr(obj, name, value)


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def check_free_text(field: str, text: str | None) -> None:
    """Raise the error of a free text too long to save (and to send to the other laptops)."""
    for problem in check_text_length(field, text):
        raise ProspectError(problem.message, problem.message_en, field=field)


def _visit(session: Session, visit_id: str) -> ProspectVisit:
    visit = session.get(ProspectVisit, visit_id)
    if visit is None:
        raise ProspectError("Deze prospectie bestaat niet meer.", "This prospect no longer exists.")
    return visit


def _template_of(session: Session, visit: ProspectVisit) -> ChecklistTemplate:
    return load_template(session.connection(), visit.template, visit.template_version)


def _item(template: ChecklistTemplate, item_key: str) -> ChecklistItem:
    try:
        return template.item(item_key)
    except KeyError:
        raise ProspectError(
            f"Vraag {item_key} hoort niet bij checklist versie {template.version}.",
            f"Item {item_key} is not part of checklist version {template.version}.",
        ) from None


def answer_id(visit_id: str, item_key: str) -> str:
    """The id of an answer: the same (visit, item) gives the same row on every laptop."""
    return str(uuid.uuid5(uuid.UUID(visit_id), item_key))


def _known_user(session: Session, user_id: str | None) -> str | None:
    if user_id and session.get(StaffUser, user_id) is not None:
        return user_id
    return None


# -- planning a visit --------------------------------------------------------------------------


@dataclass(frozen=True)
class NewVisit:
    name: str
    municipality_nis: str | None
    street: str | None = None
    house_number: str | None = None
    postcode: str | None = None
    visit_date: dt.date | None = None
    visitor_id: str | None = None


def _check_name(name: str | None) -> str:
    cleaned = (name or "").strip()
    if not cleaned:
        raise ProspectError("Vul een naam in.", "Enter a name.")
    if len(cleaned) > NAME_MAX:
        raise ProspectError(
            f"De naam is te lang (hoogstens {NAME_MAX} tekens).",
            f"The name is too long (at most {NAME_MAX} characters).",
        )
    return cleaned


def _check_place(session: Session, nis: str | None, postcode: str | None) -> None:
    if not nis or session.get(Municipality, nis) is None:
        raise ProspectError("Kies een gemeente.", "Choose a municipality.")
    if postcode:
        if not (len(postcode) == 4 and postcode.isdigit()):
            raise ProspectError(
                "Een postcode heeft vier cijfers (bijvoorbeeld 3500).",
                "A postcode has four digits (for example 3500).",
            )
        served = session.scalars(
            select(Postcode.municipality_nis).where(Postcode.postcode == postcode)
        ).all()
        if not served:
            raise ProspectError(
                f"Postcode {postcode} bestaat niet in Vlaanderen.",
                f"Postcode {postcode} does not exist in Flanders.",
            )


def create_visit(engine: Engine, new: NewVisit) -> str:
    """Plan a prospect visit with the newest checklist version; returns its id."""
    with _session(engine) as session, session.begin():
        name = _check_name(new.name)
        postcode = _clean(new.postcode)
        _check_place(session, new.municipality_nis, postcode)
        assert new.municipality_nis is not None
        from vlot_desktop.db.queries.prospects import newest_template_version

        version = newest_template_version(session.connection(), PROSPECT_TEMPLATE)
        if version is None:
            raise ProspectError(
                "Er is geen checklist geladen; herstart de toepassing.",
                "No checklist is loaded; restart the application.",
            )
        visit = ProspectVisit(
            name=name,
            street=_clean(new.street),
            house_number=_clean(new.house_number),
            postcode=postcode,
            municipality_nis=new.municipality_nis,
            status=ProspectStatus.PLANNED,
            visit_date=new.visit_date,
            visitor_id=_known_user(session, new.visitor_id),
            template=PROSPECT_TEMPLATE,
            template_version=version,
        )
        session.add(visit)
        session.flush()
        return visit.id


# -- the visit's own fields ----------------------------------------------------------------


def check_estimated_places(value: int | None) -> None:
    if value is not None and not 0 <= value <= CAPACITY_MAX:
        raise ProspectError(
            f"Het geschatte aantal plaatsen ligt tussen 0 en {CAPACITY_MAX}.",
            f"The estimated number of places is between 0 and {CAPACITY_MAX}.",
        )


@dataclass(frozen=True)
class VisitFields:
    """The editable fields of the visit itself (all of them, as shown)."""

    name: str
    street: str | None
    house_number: str | None
    postcode: str | None
    municipality_nis: str | None
    visit_date: dt.date | None
    estimated_places: int | None
    general_impression: str | None
    outcome_notes: str | None


def update_visit(engine: Engine, visit_id: str, fields: VisitFields) -> None:
    """Save the visit's fields; only changed ones are written."""
    with _session(engine) as session, session.begin():
        visit = _visit(session, visit_id)
        name = _check_name(fields.name)
        postcode = _clean(fields.postcode)
        _check_place(session, fields.municipality_nis, postcode)
        check_estimated_places(fields.estimated_places)
        impression = _clean(fields.general_impression)
        outcome_notes = _clean(fields.outcome_notes)
        check_free_text("general_impression", impression)
        check_free_text("outcome_notes", outcome_notes)
        _assign(visit, "name", name)
        _assign(visit, "street", _clean(fields.street))
        _assign(visit, "house_number", _clean(fields.house_number))
        _assign(visit, "postcode", postcode)
        _assign(visit, "municipality_nis", fields.municipality_nis)
        _assign(visit, "visit_date", fields.visit_date)
        _assign(visit, "general_impression", impression)
        _assign(visit, "outcome_notes", outcome_notes)
        if visit.estimated_places != fields.estimated_places:
            visit.estimated_places = fields.estimated_places
            _mirror_estimate_to_answer(session, visit, fields.estimated_places)


def _mirror_estimate_to_answer(session: Session, visit: ProspectVisit, value: int | None) -> None:
    """The checklist's 'geschatte plaatsen' and the visit's figure are one number."""
    template = _template_of(session, visit)
    try:
        template.item(ESTIMATED_PLACES_ITEM)
    except KeyError:
        return
    answer = _answer_row(session, visit.id, ESTIMATED_PLACES_ITEM, create=value is not None)
    if answer is not None:
        _assign(answer, "value_number", None if value is None else float(value))


def set_status(engine: Engine, visit_id: str, status: str) -> None:
    """The outcome: gepland, bezocht, positief, negatief or on hold (not 'omgezet')."""
    try:
        new = ProspectStatus(status)
    except ValueError:
        raise ProspectError(f"Onbekende status: {status}.", f"Unknown status: {status}.") from None
    with _session(engine) as session, session.begin():
        visit = _visit(session, visit_id)
        if visit.location_id is not None or visit.status == ProspectStatus.CONVERTED:
            if new == ProspectStatus.CONVERTED:
                return
            raise ProspectError(
                "Deze prospectie is al omgezet naar een opvanglocatie; de status blijft.",
                "This prospect was already converted to a location; its status stays.",
            )
        if new == ProspectStatus.CONVERTED:
            raise ProspectError(
                "Gebruik 'Omzetten naar opvanglocatie' om een locatie te maken.",
                "Use 'Convert to location' to create a location.",
            )
        _assign(visit, "status", new)


# -- checklist answers -----------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerValue:
    """One of the three is set (or none: the answer is cleared)."""

    choice: str | None = None
    number: float | None = None
    text: str | None = None


def _answer_row(
    session: Session, visit_id: str, item_key: str, *, create: bool
) -> ChecklistAnswer | None:
    row_id = answer_id(visit_id, item_key)
    answer = session.get(ChecklistAnswer, row_id)
    if answer is None and create:
        answer = ChecklistAnswer(id=row_id, visit_id=visit_id, item_key=item_key)
        session.add(answer)
    return answer


def _check_value(item: ChecklistItem, value: AnswerValue) -> AnswerValue:
    if item.kind is ItemKind.YES_NO_NA:
        if value.choice is not None and value.choice not in YES_NO_NA:
            raise ProspectError("Kies ja, nee of n.v.t.", "Choose yes, no or n/a.")
        return AnswerValue(choice=value.choice)
    if item.kind is ItemKind.CHOICE:
        if value.choice is not None and value.choice not in {c.key for c in item.choices}:
            raise ProspectError(
                f"Onbekende keuze voor '{item.label_nl}'.",
                f"Unknown choice for '{item.label_en}'.",
            )
        return AnswerValue(choice=value.choice)
    if item.kind is ItemKind.NUMBER:
        number = value.number
        if number is not None:
            if not math.isfinite(number):
                raise ProspectError("Vul een getal in.", "Enter a number.")
            if item.min is not None and number < item.min:
                raise ProspectError(
                    f"'{item.label_nl}' is minstens {_plain(item.min)}.",
                    f"'{item.label_en}' is at least {_plain(item.min)}.",
                )
            if item.max is not None and number > item.max:
                raise ProspectError(
                    f"'{item.label_nl}' is hoogstens {_plain(item.max)}.",
                    f"'{item.label_en}' is at most {_plain(item.max)}.",
                )
        return AnswerValue(number=number)
    if item.kind is ItemKind.TEXT:
        text = _clean(value.text)
        check_free_text("value_text", text)
        return AnswerValue(text=text)
    raise ProspectError(
        "Een foto-vraag beantwoord je door een foto te koppelen.",
        "A photo item is answered by linking a photo.",
    )


def _plain(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


def set_answer(engine: Engine, visit_id: str, item_key: str, value: AnswerValue) -> None:
    """Save (or clear) the answer to one item, checked against the visit's own template."""
    with _session(engine) as session, session.begin():
        visit = _visit(session, visit_id)
        item = _item(_template_of(session, visit), item_key)
        checked = _check_value(item, value)
        empty = checked.choice is None and checked.number is None and checked.text is None
        answer = _answer_row(session, visit_id, item_key, create=not empty)
        if answer is None:
            return
        _assign(answer, "value_choice", checked.choice)
        _assign(answer, "value_number", checked.number)
        _assign(answer, "value_text", checked.text)
        if item_key == ESTIMATED_PLACES_ITEM:
            places = None if checked.number is None else round(checked.number)
            check_estimated_places(places)
            _assign(visit, "estimated_places", places)


# -- remarks and findings per item -----------------------------------------------------------


RESPONSIBLE_MAX = 200
"""The length of "who takes the action up" (a name, an organisation: "Eigenaar", "Gemeente")."""
DUE_FIRST = dt.date(2000, 1, 1)
DUE_LAST = dt.date(2099, 12, 31)


@dataclass(frozen=True)
class ItemNote:
    """What visit mode shows under an item: a remark, and optionally a finding with an action,
    who takes it up (``responsible``) and by when (``due_on``)."""

    remark: str | None = None
    kind: str | None = None  # a FindingKind value, or None: no finding
    action: str | None = None
    responsible: str | None = None
    due_on: dt.date | None = None


def check_follow_up(responsible: str | None, due_on: dt.date | None) -> None:
    """Raise the error of a finding's owner too long or a due date out of range."""
    for problem in check_text_length("responsible", responsible, RESPONSIBLE_MAX):
        raise ProspectError(problem.message, problem.message_en, field="responsible")
    if due_on is not None and not DUE_FIRST <= due_on <= DUE_LAST:
        raise ProspectError(
            "Geef een datum tussen 2000 en 2099 (dd/mm/jjjj).",
            "Enter a date between 2000 and 2099 (dd/mm/yyyy).",
            field="due_on",
        )


def save_item_note(engine: Engine, visit_id: str, item_key: str, note: ItemNote) -> str | None:
    """Save the remark, and create, update or remove the item's finding. Returns its id.

    The finding's description is the remark (or, without one, the item's label), so the
    report's findings table always says what the knelpunt or opportuniteit is. Its owner and
    due date are kept with it (the report prints them: who, by when).
    """
    kind: FindingKind | None = None
    if note.kind:
        try:
            kind = FindingKind(note.kind)
        except ValueError:
            raise ProspectError(
                "Kies knelpunt of opportuniteit.", "Choose bottleneck or opportunity."
            ) from None
    remark = _clean(note.remark)
    action = _clean(note.action)
    responsible = _clean(note.responsible)
    check_free_text("remark", remark)
    check_free_text("action", action)
    check_follow_up(responsible, note.due_on)
    with _session(engine) as session, session.begin():
        visit = _visit(session, visit_id)
        item = _item(_template_of(session, visit), item_key)
        answer = _answer_row(session, visit_id, item_key, create=remark is not None)
        if answer is not None:
            _assign(answer, "remark", remark)
        finding = session.scalars(
            select(Finding)
            .where(Finding.visit_id == visit_id, Finding.item_key == item_key)
            .order_by(Finding.position, Finding.id)
            .limit(1)
        ).first()
        if kind is None:
            if finding is not None:
                session.delete(finding)
            return None
        description = remark or item.label_nl
        if finding is None:
            last = session.scalars(
                select(Finding.position)
                .where(Finding.visit_id == visit_id)
                .order_by(Finding.position.desc())
                .limit(1)
            ).first()
            finding = Finding(
                visit_id=visit_id,
                item_key=item_key,
                kind=kind,
                description=description,
                action=action,
                responsible=responsible,
                due_on=note.due_on,
                position=(last + 1) if last is not None else 0,
            )
            session.add(finding)
            session.flush()
            return finding.id
        _assign(finding, "kind", kind)
        _assign(finding, "description", description)
        _assign(finding, "action", action)
        _assign(finding, "responsible", responsible)
        _assign(finding, "due_on", note.due_on)
        return finding.id


# -- participants ----------------------------------------------------------------------------


def _check_participant(name: str | None, role: str) -> tuple[str, ParticipantRole]:
    cleaned = (name or "").strip()
    if not cleaned:
        raise ProspectError("Vul de naam van de deelnemer in.", "Enter the participant's name.")
    try:
        return cleaned[:NAME_MAX], ParticipantRole(role)
    except ValueError:
        raise ProspectError("Kies een rol.", "Choose a role.") from None


def add_participant(
    engine: Engine, visit_id: str, name: str, role: str, organisation: str | None
) -> str:
    cleaned, participant_role = _check_participant(name, role)
    with _session(engine) as session, session.begin():
        _visit(session, visit_id)
        participant = ProspectParticipant(
            visit_id=visit_id,
            name=cleaned,
            role=participant_role,
            organisation=_clean(organisation),
        )
        session.add(participant)
        session.flush()
        return participant.id


def update_participant(
    engine: Engine, participant_id: str, name: str, role: str, organisation: str | None
) -> None:
    cleaned, participant_role = _check_participant(name, role)
    with _session(engine) as session, session.begin():
        participant = session.get(ProspectParticipant, participant_id)
        if participant is None:
            raise ProspectError(
                "Deze deelnemer bestaat niet meer.", "This participant no longer exists."
            )
        _assign(participant, "name", cleaned)
        _assign(participant, "role", participant_role)
        _assign(participant, "organisation", _clean(organisation))


def remove_participant(engine: Engine, participant_id: str) -> None:
    with _session(engine) as session, session.begin():
        participant = session.get(ProspectParticipant, participant_id)
        if participant is not None:
            session.delete(participant)


# -- conversion to a location ----------------------------------------------------------------

_LOCATION_TYPES = {
    "woning": LocationType.HOUSE,
    "modulaire_units": LocationType.MODULAR,
}


def _place_labels(capacity: int, location_type: LocationType, rooms: int | None) -> list[str]:
    """Labels as the housing screens use them: 'Plaats n', or 'Kamer r - bed b' by room."""
    if location_type == LocationType.HOUSE or not rooms or rooms <= 0:
        return [f"Plaats {i + 1}" for i in range(capacity)]
    beds_per_room = max(1, math.ceil(capacity / rooms))
    return [
        f"Kamer {i // beds_per_room + 1} - bed {i % beds_per_room + 1}" for i in range(capacity)
    ]


def convert_to_location(
    engine: Engine, visit_id: str, *, author_id: str | None, today: dt.date | None = None
) -> str:
    """Make a positive prospect a location in preparation, with its places; returns its id.

    One transaction: the location, its first status step, one place per estimated place (in
    preparation), and the visit marked 'omgezet' and linked to it.
    """
    today = today or dt.date.today()
    with _session(engine) as session, session.begin():
        visit = _visit(session, visit_id)
        if visit.location_id is not None or visit.status == ProspectStatus.CONVERTED:
            raise ProspectError(
                "Deze prospectie is al omgezet naar een opvanglocatie.",
                "This prospect was already converted to a location.",
            )
        if visit.status != ProspectStatus.POSITIVE:
            raise ProspectError(
                "Alleen een positieve prospectie kan een opvanglocatie worden. "
                "Zet eerst de uitkomst op positief.",
                "Only a positive prospect can become a location. "
                "Set the outcome to positive first.",
            )
        capacity = visit.estimated_places
        if capacity is None or capacity <= 0:
            raise ProspectError(
                "Vul eerst het geschatte aantal plaatsen in.",
                "Enter the estimated number of places first.",
            )
        answers = {
            a.item_key: a
            for a in session.scalars(
                select(ChecklistAnswer).where(ChecklistAnswer.visit_id == visit_id)
            )
        }

        def choice(key: str) -> str | None:
            answer = answers.get(key)
            return answer.value_choice if answer is not None else None

        building = choice(BUILDING_TYPE_ITEM)
        location_type = _LOCATION_TYPES.get(building or "", LocationType.COLLECTIVE)
        rooms_answer = answers.get(ROOMS_ITEM)
        rooms = (
            int(rooms_answer.value_number)
            if rooms_answer is not None and rooms_answer.value_number is not None
            else None
        )
        values = LocationValues(
            name=visit.name,
            location_type=location_type.value,
            status=LocationStatus.PREPARING.value,
            municipality_nis=visit.municipality_nis,
            street=visit.street,
            house_number=visit.house_number,
            postcode=visit.postcode,
            capacity=capacity,
            status_since=today,
        )
        postcodes: dict[str, set[str]] = {}
        if visit.postcode:
            postcodes[visit.postcode] = set(
                session.scalars(
                    select(Postcode.municipality_nis).where(Postcode.postcode == visit.postcode)
                )
            )
        municipality = session.get(Municipality, visit.municipality_nis)
        known = {visit.municipality_nis} if municipality is not None else set()
        errors = [
            p
            for p in check_location(
                values, municipalities=known, postcode_municipalities=postcodes, today=today
            )
            if p.is_error
        ]
        if errors:
            raise ProspectError(
                " ".join(p.message for p in errors), " ".join(p.message_en for p in errors)
            )

        owner_contact = municipal_contact = None
        for participant in session.scalars(
            select(ProspectParticipant).where(ProspectParticipant.visit_id == visit_id)
        ):
            if participant.contact_person_id is None:
                continue
            if participant.role == ParticipantRole.OWNER and owner_contact is None:
                owner_contact = participant.contact_person_id
            if participant.role == ParticipantRole.MUNICIPALITY and municipal_contact is None:
                municipal_contact = participant.contact_person_id

        author = _known_user(session, author_id)
        location = Location(
            name=visit.name,
            search_text=fold_join(
                visit.name, visit.street, municipality.name_nl if municipality else None
            ),
            location_type=location_type,
            status=LocationStatus.PREPARING,
            status_since=today,
            street=visit.street,
            house_number=visit.house_number,
            postcode=visit.postcode,
            municipality_nis=visit.municipality_nis,
            owner_organisation_id=visit.owner_organisation_id,
            owner_contact_id=owner_contact,
            municipal_contact_id=municipal_contact,
            capacity=capacity,
            wheelchair_accessible=choice(WHEELCHAIR_ITEM) == "ja",
            suits_families=choice(FAMILIES_ITEM) != "nee",
            suits_singles=choice(SINGLES_ITEM) != "nee",
            notes=_conversion_note(visit),
        )
        session.add(location)
        session.flush()
        session.add(
            LocationStatusChange(
                location_id=location.id,
                from_status=None,
                to_status=LocationStatus.PREPARING,
                changed_on=today,
                author_id=author,
                remark="Omgezet uit een positieve prospectie.",
            )
        )
        places = [
            Place(
                location_id=location.id,
                label=label,
                status=PlaceStatus.IN_PREPARATION,
                status_since=today,
            )
            for label in _place_labels(capacity, location_type, rooms)
        ]
        session.add_all(places)
        session.flush()
        session.add_all(
            PlaceStatusChange(
                place_id=place.id,
                location_id=location.id,
                from_status=None,
                to_status=PlaceStatus.IN_PREPARATION,
                changed_on=today,
                author_id=author,
            )
            for place in places
        )
        visit.location_id = location.id
        visit.status = ProspectStatus.CONVERTED
        return location.id


def _conversion_note(visit: ProspectVisit) -> str:
    if visit.visit_date is not None:
        day = visit.visit_date
        return f"Uit de prospectie van {day.day:02d}/{day.month:02d}/{day.year:04d}."
    return "Uit een prospectie."
