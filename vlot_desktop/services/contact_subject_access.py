"""The contact log in the subject-access export (GDPR art. 15, docs/privacy.md): a contact
person (a municipal coordinator, a director, a sector coordinator ...) as a subject, their
own record, and every contact VLOT logged with them.

Registered with ``services.privacy`` (a subject finder and two sections); this module is
named in ``privacy.SUBJECT_ACCESS_MODULES``. ``vlot-desktop report subject-access
CONTACT_PERSON_ID -o FILE.pdf`` then makes their export. The meeting notes hold no data about
a person by rule (and are erased with the retention period), so they have no section.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import ContactMoment, ContactPerson, Municipality, StaffUser, Team
from vlot_desktop.db.models.reference import Theme
from vlot_desktop.domain.enums import ContactChannel, ContactRole
from vlot_desktop.domain.text import fold
from vlot_desktop.reports.subject_access import Item, Section
from vlot_desktop.services import privacy
from vlot_desktop.services.privacy import Subject

CONTACT_PERSON = "contact_person"
REFERENCE = "contactlogboek VLOT"
PURPOSE = (
    "Het contact tussen VLOT en de lokale besturen en partners over de opvang van ontheemden "
    "uit Oekraïne opvolgen, en verantwoorden hoe vaak en waarover VLOT hen ondersteunde."
)
RECIPIENTS = "De medewerkers van VLOT (het centrale team en de regioteams)."


def _label(enum_type: type[ContactRole] | type[ContactChannel], value: object) -> str:
    try:
        return enum_type(str(value)).label_nl
    except ValueError:
        return str(value)


@privacy.subject_finder
def find_contact_person(session: Session, person_id: str) -> Subject | None:
    """A contact person as the subject of a request (None: the id is not one)."""
    person = session.get(ContactPerson, person_id)
    if person is None:
        return None
    first, last = person.first_name or "", person.last_name or ""
    names = tuple(
        dict.fromkeys(fold(n).strip() for n in (f"{first} {last}", first, last) if n.strip())
    )
    return Subject(
        kind=CONTACT_PERSON,
        id=person.id,
        name=f"{first} {last}".strip() or "(gewist)",
        reference=REFERENCE,
        case_id=None,
        names=names,
        team="het VLOT-team van uw regio",
    )


def _retention(subject: Subject) -> str:
    return (
        f"De notities bij een contact en de koppeling met u worden {subject.retention_months} "
        "maanden na het contact gewist; dat er een contact was (datum, gemeente, kanaal, thema) "
        "blijft bewaard voor de cijfers."
    )


@privacy.subject_access_section(CONTACT_PERSON, order=55)
def contact_person_section(session: Session, subject: Subject) -> Sequence[Section]:
    if subject.kind != CONTACT_PERSON:
        return []
    person = session.get(ContactPerson, subject.id)
    if person is None:
        return []
    municipality = (
        session.get(Municipality, person.municipality_nis) if person.municipality_nis else None
    )
    return [
        Section(
            key=CONTACT_PERSON,
            title="Uw gegevens als contactpersoon",
            purpose=PURPOSE,
            source="Van u of van uw organisatie, bij een contact met VLOT.",
            recipients=RECIPIENTS,
            retention="Zolang u contactpersoon bent; u kunt altijd vragen ze te wissen.",
            records=(
                (
                    Item("first_name", "Voornaam", person.first_name or None),
                    Item("last_name", "Achternaam", person.last_name or None),
                    Item("role", "Rol", str(person.role), _label(ContactRole, person.role)),
                    Item(
                        "municipality", "Gemeente", municipality.name_nl if municipality else None
                    ),
                    Item("email", "E-mail", person.email),
                    Item("phone", "Telefoon", person.phone),
                    Item("notes", "Notities", subject.mask(person.notes)),
                    Item("active", "Actief", person.active, "ja" if person.active else "nee"),
                ),
            ),
        )
    ]


@privacy.subject_access_section("contact_moment", order=56)
def contact_moment_section(session: Session, subject: Subject) -> Sequence[Section]:
    if subject.kind != CONTACT_PERSON:
        return []
    rows = session.execute(
        select(
            ContactMoment.occurred_at,
            StaffUser.name,
            Team.name_nl,
            Municipality.name_nl,
            ContactMoment.channel,
            Theme.name_nl,
            ContactMoment.subject,
            ContactMoment.notes,
        )
        .outerjoin(StaffUser, StaffUser.id == ContactMoment.staff_id)
        .outerjoin(Team, Team.code == ContactMoment.team_code)
        .outerjoin(Municipality, Municipality.nis_code == ContactMoment.municipality_nis)
        .outerjoin(Theme, Theme.code == ContactMoment.theme_code)
        .where(ContactMoment.contact_person_id == subject.id)
        .order_by(ContactMoment.occurred_at, ContactMoment.id)
    ).all()
    return [
        Section(
            key="contact_moment",
            title="Uw contacten met VLOT",
            purpose=PURPOSE,
            source="Genoteerd door de VLOT-medewerker die het contact had.",
            recipients=RECIPIENTS,
            retention=_retention(subject),
            records=tuple(
                (
                    # The contact's time is as the staff member typed it (local time).
                    Item("occurred_at", "Wanneer", occurred.astimezone()),
                    Item("staff", "VLOT-medewerker", f"{staff or '—'} ({team or '—'})"),
                    Item("municipality", "Gemeente", municipality),
                    Item("channel", "Kanaal", str(channel), _label(ContactChannel, channel)),
                    Item("theme", "Thema", theme),
                    Item(
                        "note",
                        "Notitie",
                        " · ".join(t for t in (note, subject.mask(notes)) if t) or None,
                    ),
                )
                for occurred, staff, team, municipality, channel, theme, note, notes in rows
            ),
            empty="VLOT noteerde geen contacten met u.",
            widths=(28, 36, 26, 20, 30, 0),
        )
    ]
