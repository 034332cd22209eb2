"""The privacy tools of the Dossiers screen as it starts them (in a worker, through
``ui.ops``): erasing one person, and the retention period (what it would erase today, and
erasing it); and the sections a household member's subject-access export is made of
(registered with ``services.privacy``, see ``docs/privacy.md``).

``services.privacy`` works within an ORM transaction of its caller (the sync's purge writes
in it); these give it one, from the engine for a write and from the connection ``Store.read``
hands a read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models.cases import Case, CaseEvent, HouseholdMember, SensitiveDataAccess
from vlot_desktop.db.models.housing import Location, Place
from vlot_desktop.db.models.people import StaffUser
from vlot_desktop.db.models.reference import Municipality, Team
from vlot_desktop.domain.enums import CaseEventKind
from vlot_desktop.domain.text import fold
from vlot_desktop.reports.subject_access import Item, Section
from vlot_desktop.services import privacy
from vlot_desktop.services.privacy import ErasureSummary, OtherPerson, Subject


def erase_member(engine: Engine, member_id: str) -> str:
    """Erase one household member here and, at the next sync, on every laptop; returns the
    member's id (``privacy.UnknownMemberError`` when there is none)."""
    with Session(engine) as session:
        privacy.erase_member(session, member_id)
    return member_id


def retention_count(conn: Connection, today: dt.date, months: int) -> ErasureSummary:
    """What the retention period of ``months`` would erase today (a dry run: a read)."""
    with Session(bind=conn) as session:
        return privacy.apply_retention(session, today, months, dry_run=True)


def apply_retention(engine: Engine, today: dt.date, months: int) -> ErasureSummary:
    """Erase the personal data of the cases closed longer ago than ``months``."""
    with Session(engine) as session:
        return privacy.apply_retention(session, today, months)


# --- subject access: the sections of a household member --------------------------------------
#
# A household member's export: their own fields, their case, the notes of the case that are
# about them, and who viewed their health data. Notes and the case summary are written about
# the whole household: one that does not name the person may be about another member (their
# health, say) and stays out (counted, with how to ask for it); one that names them comes in
# with the names and quoted data of the other members masked. Internal ids never come in.

HOUSEHOLD_MEMBER = "household_member"
PURPOSE = (
    "Een opvangplaats of woning zoeken voor u en uw gezin en u daarbij begeleiden; noden "
    "zoals mobiliteit en gezondheid meenemen bij de keuze van een plaats."
)
SOURCE = (
    "Van u of de contactpersoon van uw gezin, of van wie het dossier aanmeldde (het lokaal "
    "bestuur, het OCMW of sociaal huis, FEDASIL of het gastgezin), aangevuld door de "
    "VLOT-medewerkers die uw dossier behandelen."
)
RECIPIENTS = (
    "De medewerkers van de Vlaamse Ondersteuningsteams (centraal team en regioteams) die "
    "dossiers behandelen; het lokaal bestuur van de gemeente van uw dossier, voor zover nodig "
    "om een plaats te vinden; FEDASIL wanneer het uw gezin aanmeldde. Gezondheidsgegevens ziet "
    "alleen wie ze nodig heeft, en elke inzage ervan wordt geregistreerd (zie verder)."
)
TEXTS_LEFT_OUT = (
    "{count} notitie(s) over het gezin noemen u niet bij naam en kunnen gegevens van andere "
    "gezinsleden bevatten; ze zijn hier niet opgenomen. U kunt ze opvragen: een medewerker "
    "bekijkt ze dan met u."
)


def _add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (31 January + 1 = 28/29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    following = dt.date(year + 1, 1, 1) if month == 11 else dt.date(year, month + 2, 1)
    last = (following - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(day.day, last))


def _retention(subject: Subject, case: Case) -> str:
    months = subject.retention_months
    text = f"Tot {months} maanden nadat uw dossier werd afgesloten; daarna worden ze gewist."
    if case.personal_data_erased_on is not None:
        return f"{text} De persoonsgegevens van uw dossier zijn gewist op " + (
            f"{case.personal_data_erased_on:%d/%m/%Y}."
        )
    if case.closed_on is not None:
        ends = _add_months(case.closed_on, months)
        text += (
            f" Uw dossier werd afgesloten op {case.closed_on:%d/%m/%Y}: uw gegevens worden "
            f"gewist vanaf {ends:%d/%m/%Y}."
        )
    return text


def _names(*candidates: str | None) -> tuple[str, ...]:
    folded = {fold(c).strip() for c in candidates if c}
    return tuple(sorted(n for n in folded if len(n) >= privacy.MIN_NAME))


def _member_names(member: HouseholdMember) -> tuple[str, ...]:
    """A member's names as a text may write them: in full, first or last name, in Latin or
    Cyrillic letters."""
    return _names(
        f"{member.first_name} {member.last_name}",
        f"{member.last_name} {member.first_name}",
        member.first_name,
        member.last_name,
        f"{member.first_name_cyrillic or ''} {member.last_name_cyrillic or ''}",
        member.first_name_cyrillic,
        member.last_name_cyrillic,
    )


def _case_of(session: Session, subject: Subject) -> Case | None:
    return session.get(Case, subject.case_id) if subject.case_id else None


@privacy.subject_finder
def find_member(session: Session, person_id: str) -> Subject | None:
    """A household member as the subject of a request (None: the id is not a member's)."""
    member = session.get(HouseholdMember, person_id)
    if member is None:
        return None
    case = session.get(Case, member.case_id)
    assert case is not None  # a foreign key
    own = _member_names(member)
    others = []
    for other in session.scalars(
        select(HouseholdMember).where(
            HouseholdMember.case_id == member.case_id, HouseholdMember.id != member.id
        )
    ):
        # A family name they share stays: it is the person's own name too.
        names = tuple(n for n in _member_names(other) if n not in own)
        texts = _names(other.phone, other.medical_notes)
        others.append(OtherPerson(names, texts))
    team = session.get(Team, case.team_code)
    name = " ".join(p for p in (member.first_name, member.last_name) if p) or "(gewist)"
    return Subject(
        kind=HOUSEHOLD_MEMBER,
        id=member.id,
        name=name,
        reference=case.reference,
        case_id=case.id,
        names=own,
        others=tuple(others),
        team=team.name_nl if team else case.team_code,
    )


def _section(subject: Subject, case: Case, key: str, title: str, **values: object) -> Section:
    return Section(
        key=key,
        title=title,
        purpose=str(values.pop("purpose", PURPOSE)),
        source=str(values.pop("source", SOURCE)),
        recipients=str(values.pop("recipients", RECIPIENTS)),
        retention=str(values.pop("retention", _retention(subject, case))),
        **values,  # type: ignore[arg-type]
    )


@privacy.subject_access_section(HOUSEHOLD_MEMBER, order=10)
def member_section(session: Session, subject: Subject) -> Sequence[Section]:
    """The person's own fields, health needs included (it is their own data)."""
    if subject.kind != HOUSEHOLD_MEMBER:
        return []
    member = session.get(HouseholdMember, subject.id)
    case = _case_of(session, subject)
    if member is None or case is None:
        return []
    items = (
        Item("first_name", "Voornaam", member.first_name or None),
        Item("last_name", "Achternaam", member.last_name or None),
        Item("first_name_cyrillic", "Voornaam (cyrillisch schrift)", member.first_name_cyrillic),
        Item("last_name_cyrillic", "Achternaam (cyrillisch schrift)", member.last_name_cyrillic),
        Item("birth_year", "Geboortejaar", member.birth_year),
        Item(
            "sex",
            "Geslacht",
            member.sex.value if member.sex else None,
            member.sex.label_nl if member.sex else None,
        ),
        Item(
            "relation",
            "Relatie tot de contactpersoon van het gezin",
            member.relation.value,
            member.relation.label_nl,
        ),
        Item("phone", "Telefoon", member.phone),
        Item("language", "Taal", member.language),
        Item("has_pets", "Huisdieren", member.has_pets),
        Item("school_age", "Schoolgaand", member.school_age),
        Item("needs_mobility", "Noden op vlak van mobiliteit", member.needs_mobility),
        Item("needs_medical", "Medische noden", member.needs_medical),
        Item("medical_notes", "Toelichting bij de medische noden", member.medical_notes),
        Item("registered_at", "Geregistreerd op", subject.local(member.created_at)),
    )
    notes = (
        "Om u te kunnen opzoeken bewaart VLOT uw naam ook in kleine letters zonder accenten; "
        "die zoeknaam volgt uw naam en wordt samen ermee gewist.",
    )
    return [
        _section(
            subject,
            case,
            HOUSEHOLD_MEMBER,
            "Uw persoonsgegevens",
            records=(items,),
            notes=notes,
        )
    ]


@privacy.subject_access_section("case_file", order=20)
def case_section(session: Session, subject: Subject) -> Sequence[Section]:
    """The case the person belongs to: what it is about, who handles it, the outcome."""
    case = _case_of(session, subject)
    if subject.kind != HOUSEHOLD_MEMBER or case is None:
        return []
    team = session.get(Team, case.team_code)
    municipality = session.get(Municipality, case.municipality_nis)
    staff = session.get(StaffUser, case.assigned_to_id) if case.assigned_to_id else None
    place = session.get(Place, case.assigned_place_id) if case.assigned_place_id else None
    location = session.get(Location, place.location_id) if place is not None else None
    shown_place = f"{place.label}, {location.name}" if place and location else None
    notes: list[str] = []
    summary = subject.mask(case.summary)
    if summary and subject.others and not subject.names_me(summary):
        notes.append(
            "De samenvatting van het dossier gaat over het hele gezin en noemt u niet bij "
            "naam; ze is niet opgenomen (u kunt ze opvragen)."
        )
        summary = None
    items = (
        Item("reference", "Referentie", case.reference),
        Item("case_type", "Soort dossier", case.case_type.value, case.case_type.label_nl),
        Item("status", "Status", case.status.value, case.status.label_nl),
        Item("team", "Team", team.name_nl if team else case.team_code),
        Item("municipality", "Gemeente", municipality.name_nl if municipality else None),
        Item("assigned_to", "Behandeld door", staff.name if staff else None),
        Item("opened_on", "Geopend op", case.opened_on),
        Item("deadline", "Oplossing nodig tegen", case.deadline),
        Item("closed_on", "Afgesloten op", case.closed_on),
        Item("household_size", "Aantal personen in het gezin", case.household_size),
        Item("assigned_place", "Toegewezen opvangplaats", shown_place),
        Item("summary", "Samenvatting", summary),
        Item("outcome", "Uitkomst", subject.mask(case.outcome)),
        Item("personal_data_erased_on", "Persoonsgegevens gewist op", case.personal_data_erased_on),
    )
    return [
        _section(
            subject,
            case,
            "case_file",
            "Uw dossier",
            purpose="De opvolging van de vraag naar opvang of huisvesting van uw gezin.",
            records=(items,),
            notes=tuple(notes),
        )
    ]


@privacy.subject_access_section("case_event", order=30)
def timeline_section(session: Session, subject: Subject) -> Sequence[Section]:
    """The notes, contacts and status changes of the case that concern the person."""
    case = _case_of(session, subject)
    if subject.kind != HOUSEHOLD_MEMBER or case is None:
        return []
    staff = {s.id: s.name for s in session.scalars(select(StaffUser))}
    records: list[tuple[Item, ...]] = []
    left_out = 0
    for event in session.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case.id)
        .order_by(CaseEvent.occurred_at.desc(), CaseEvent.id)
    ):
        # Masked first: a note naming another member by the family name they share
        # ("Taras Kovalenko") does not name the person.
        content = subject.mask(event.text) or ""
        if content and subject.others and not subject.names_me(content):
            left_out += 1
            continue
        if event.kind is CaseEventKind.STATUS_CHANGE and event.to_status is not None:
            before = event.from_status.label_nl if event.from_status else "—"
            change = f"{before} → {event.to_status.label_nl}"
            content = f"{change}\n{content}" if content else change
        records.append(
            (
                Item("occurred_at", "Wanneer", subject.local(event.occurred_at)),
                Item("kind", "Soort", event.kind.value, event.kind.label_nl),
                Item("author", "Door", staff.get(event.author_id or "")),
                Item("text", "Inhoud", content or None),
            )
        )
    notes = (TEXTS_LEFT_OUT.format(count=left_out),) if left_out else ()
    return [
        _section(
            subject,
            case,
            "case_event",
            "Notities, contacten en statuswijzigingen in uw dossier",
            purpose="Bijhouden wat er in uw dossier gebeurde, zodat elke medewerker het kan "
            "opvolgen.",
            source="De VLOT-medewerkers die uw dossier behandelen.",
            records=tuple(records),
            notes=notes,
            empty="Geen notities die over u gaan.",
            widths=(30, 28, 30, 0),
        )
    ]


@privacy.subject_access_section("sensitive_data_access", order=40)
def viewings_section(session: Session, subject: Subject) -> Sequence[Section]:
    """Who looked at the person's health data, and when (their own, or the whole case's)."""
    case = _case_of(session, subject)
    if subject.kind != HOUSEHOLD_MEMBER or case is None:
        return []
    staff = {s.id: s.name for s in session.scalars(select(StaffUser))}
    records = tuple(
        (
            Item("viewed_at", "Wanneer", subject.local(access.viewed_at)),
            Item("viewed_by", "Door", staff.get(access.user_id or "")),
            Item(
                "what",
                "Wat",
                "person" if access.member_id else "case",
                "uw gegevens" if access.member_id else "het hele dossier (dossieroverzicht)",
            ),
        )
        for access in session.scalars(
            select(SensitiveDataAccess)
            .where(
                SensitiveDataAccess.case_id == case.id,
                (SensitiveDataAccess.member_id == subject.id)
                | SensitiveDataAccess.member_id.is_(None),
            )
            .order_by(SensitiveDataAccess.viewed_at, SensitiveDataAccess.id)
        )
    )
    return [
        _section(
            subject,
            case,
            "sensitive_data_access",
            "Wie uw gezondheidsgegevens inkeek",
            purpose="Verantwoording: bijhouden wie gevoelige gegevens bekeek of afdrukte.",
            source="Vastgelegd door VLOT Desktop bij elke inzage of afdruk.",
            recipients="Alleen de VLOT-teams, voor controle.",
            records=records,
            empty="Niemand heeft uw gezondheidsgegevens ingekeken.",
            widths=(40, 50, 0),
        )
    ]
