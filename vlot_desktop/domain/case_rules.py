"""The rules of a case (dossier): its status workflow, its household members, its urgency.

Pure functions (no database), shared by the services, the GUI and the command line. A problem
of severity ``error`` means the change is not saved. Messages are plain Dutch with an English
twin, as in :mod:`vlot_desktop.domain.location_rules` (same ``Problem`` class).

Workflow: nieuw -> in behandeling -> wacht op plaats -> oplossing gevonden / doorverwezen ->
afgesloten. Steps back exist where the work needs them: a household still waiting goes back to
"in behandeling", and a solved, referred or closed case can be reopened ("in behandeling")
when the solution falls through. A request that was withdrawn or a duplicate can be closed from
any open status. Everything else is an illegal jump (e.g. nieuw -> oplossing gevonden: someone
must have handled the case first).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from vlot_desktop.domain.enums import CaseStatus, CaseType, Relation, Sex
from vlot_desktop.domain.location_rules import Problem, Severity
from vlot_desktop.domain.text import fold_join
from vlot_desktop.domain.text_limits import check_text_length

__all__ = [
    "ALLOWED_STATUS_STEPS",
    "MemberValues",
    "Problem",
    "Severity",
    "Urgency",
    "check_member",
    "check_new_case",
    "check_status_step",
    "check_timeline_text",
    "is_overdue",
    "member_search_names",
    "next_statuses",
    "urgency",
]

NAME_MAX = 100
TIMELINE_TEXT_MAX = 10_000
OLDEST_AGE = 110  # the oldest person in Belgium was 111: a birth year before this is a typo
DUE_SOON_DAYS = 7

_S = CaseStatus
ALLOWED_STATUS_STEPS: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    _S.NEW: frozenset({_S.IN_PROGRESS, _S.REFERRED, _S.CLOSED}),
    _S.IN_PROGRESS: frozenset({_S.WAITING_FOR_PLACE, _S.SOLVED, _S.REFERRED, _S.CLOSED}),
    _S.WAITING_FOR_PLACE: frozenset({_S.IN_PROGRESS, _S.SOLVED, _S.REFERRED, _S.CLOSED}),
    _S.SOLVED: frozenset({_S.CLOSED, _S.IN_PROGRESS}),
    _S.REFERRED: frozenset({_S.CLOSED, _S.IN_PROGRESS}),
    _S.CLOSED: frozenset({_S.IN_PROGRESS}),
}


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


def _warning(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.WARNING)


# -- status workflow ------------------------------------------------------------------------


def next_statuses(current: CaseStatus) -> frozenset[CaseStatus]:
    """The statuses a case in ``current`` may move to (what the GUI offers)."""
    return ALLOWED_STATUS_STEPS.get(current, frozenset())


def check_status_step(current: CaseStatus, new: CaseStatus) -> list[Problem]:
    """No problem when ``current`` -> ``new`` is a step of the workflow; else the message why."""
    if new == current:
        return [
            _error(
                "status",
                f"Het dossier heeft de status '{new.label_nl}' al.",
                f"The case already has the status '{new.label_en}'.",
            )
        ]
    if new in next_statuses(current):
        return []
    if current is CaseStatus.NEW and new in (CaseStatus.WAITING_FOR_PLACE, CaseStatus.SOLVED):
        return [
            _error(
                "status",
                f"Een nieuw dossier kan niet meteen naar '{new.label_nl}': "
                "neem het eerst in behandeling.",
                f"A new case cannot go straight to '{new.label_en}': take it in progress first.",
            )
        ]
    return [
        _error(
            "status",
            f"Van '{current.label_nl}' kan een dossier niet naar '{new.label_nl}'.",
            f"A case cannot go from '{current.label_en}' to '{new.label_en}'.",
        )
    ]


# -- urgency --------------------------------------------------------------------------------


class Urgency(StrEnum):
    """How pressing a case's deadline is (the list shows overdue in red)."""

    NONE = "none"  # closed, or no deadline
    NORMAL = "normal"
    DUE_SOON = "due_soon"  # within DUE_SOON_DAYS days (today included)
    OVERDUE = "overdue"  # the deadline is before today and the case is still open


def is_overdue(deadline: dt.date | None, status: CaseStatus, today: dt.date) -> bool:
    """Overdue = the deadline lies before today and the case is still open."""
    return deadline is not None and status.is_open and deadline < today


def urgency(deadline: dt.date | None, status: CaseStatus, today: dt.date) -> Urgency:
    if deadline is None or not status.is_open:
        return Urgency.NONE
    if deadline < today:
        return Urgency.OVERDUE
    if (deadline - today).days < DUE_SOON_DAYS:
        return Urgency.DUE_SOON
    return Urgency.NORMAL


# -- new case ---------------------------------------------------------------------------------


def check_new_case(
    *,
    case_type: str | None,
    team_code: str | None,
    municipality_nis: str | None,
    opened_on: dt.date,
    deadline: dt.date | None,
    today: dt.date,
    known_teams: set[str],
    known_municipalities: set[str],
) -> list[Problem]:
    """The fields a new case needs: type, team, municipality, a sensible opening date."""
    problems: list[Problem] = []
    if not case_type:
        problems.append(_error("case_type", "Kies een soort dossier.", "Choose a case type."))
    elif case_type not in {t.value for t in CaseType}:
        problems.append(
            _error(
                "case_type", f"Onbekend soort dossier: {case_type}.", f"Unknown type: {case_type}."
            )
        )
    if not team_code:
        problems.append(_error("team_code", "Kies een team.", "Choose a team."))
    elif team_code not in known_teams:
        problems.append(
            _error("team_code", f"Onbekend team: {team_code}.", f"Unknown team: {team_code}.")
        )
    if not municipality_nis:
        problems.append(_error("municipality_nis", "Kies een gemeente.", "Choose a municipality."))
    elif municipality_nis not in known_municipalities:
        problems.append(
            _error(
                "municipality_nis",
                f"Onbekende gemeente (NIS-code {municipality_nis}).",
                f"Unknown municipality (NIS code {municipality_nis}).",
            )
        )
    if opened_on > today:
        problems.append(
            _error(
                "opened_on",
                "De openingsdatum kan niet in de toekomst liggen.",
                "The opening date cannot be in the future.",
            )
        )
    if deadline is not None and deadline < opened_on:
        problems.append(
            _error(
                "deadline",
                "De deadline ligt vóór de openingsdatum.",
                "The deadline is before the opening date.",
            )
        )
    return problems


def check_timeline_text(text: str | None) -> list[Problem]:
    """A note or contact moment needs some text (and not a novel)."""
    stripped = (text or "").strip()
    if not stripped:
        return [_error("text", "Vul een tekst in.", "Enter a text.")]
    if len(stripped) > TIMELINE_TEXT_MAX:
        return [
            _error(
                "text",
                f"De tekst is te lang (hoogstens {TIMELINE_TEXT_MAX} tekens).",
                f"The text is too long (at most {TIMELINE_TEXT_MAX} characters).",
            )
        ]
    return []


# -- household members --------------------------------------------------------------------


@dataclass
class MemberValues:
    """The editable fields of a household member, as entered (``None`` = empty).

    ``needs_mobility``, ``needs_medical`` and ``medical_notes`` are sensitive (health).
    """

    first_name: str | None = None
    last_name: str | None = None
    first_name_cyrillic: str | None = None
    last_name_cyrillic: str | None = None
    birth_year: int | None = None
    sex: str | None = None
    relation: str | None = Relation.CONTACT_PERSON.value
    phone: str | None = None
    language: str | None = None
    needs_mobility: bool = False
    needs_medical: bool = False
    medical_notes: str | None = None
    has_pets: bool = False
    school_age: bool = False


def _has_latin_letter(text: str) -> bool:
    return any(ch.isalpha() and "LATIN" in unicodedata.name(ch, "") for ch in text)


def _only_cyrillic_letters(text: str) -> bool:
    return all(not ch.isalpha() or "CYRILLIC" in unicodedata.name(ch, "") for ch in text)


def _check_name(field_name: str, value: str | None, nl: str, en: str) -> list[Problem]:
    name = (value or "").strip()
    if not name:
        return [_error(field_name, f"Vul de {nl} in.", f"Enter the {en}.")]
    if len(name) > NAME_MAX:
        return [
            _error(
                field_name,
                f"De {nl} is te lang (hoogstens {NAME_MAX} tekens).",
                f"The {en} is too long (at most {NAME_MAX} characters).",
            )
        ]
    if not _has_latin_letter(name):
        return [
            _error(
                field_name,
                f"Schrijf de {nl} in Latijnse letters; "
                "voor het Cyrillische schrift is er een apart veld.",
                f"Write the {en} in Latin letters; Cyrillic has a field of its own.",
            )
        ]
    return []


def _check_cyrillic(field_name: str, value: str | None) -> list[Problem]:
    name = (value or "").strip()
    if not name:
        return []
    if len(name) > NAME_MAX:
        return [
            _error(
                field_name,
                f"De naam is te lang (hoogstens {NAME_MAX} tekens).",
                f"The name is too long (at most {NAME_MAX} characters).",
            )
        ]
    if not _only_cyrillic_letters(name):
        return [
            _error(
                field_name,
                "Gebruik in dit veld Cyrillische letters (bijvoorbeeld Олена).",
                "Use Cyrillic letters in this field (for example Олена).",
            )
        ]
    return []


def check_member(values: MemberValues, *, today: dt.date) -> list[Problem]:
    """Every problem with a household member; an empty list means it can be saved."""
    problems = _check_name("first_name", values.first_name, "voornaam", "first name")
    problems += _check_name("last_name", values.last_name, "achternaam", "last name")
    problems += _check_cyrillic("first_name_cyrillic", values.first_name_cyrillic)
    problems += _check_cyrillic("last_name_cyrillic", values.last_name_cyrillic)
    if values.birth_year is not None:
        if values.birth_year > today.year:
            problems.append(
                _error(
                    "birth_year",
                    "Het geboortejaar kan niet in de toekomst liggen.",
                    "The birth year cannot be in the future.",
                )
            )
        elif values.birth_year < today.year - OLDEST_AGE:
            problems.append(
                _error(
                    "birth_year",
                    f"Het geboortejaar {values.birth_year} is niet geloofwaardig.",
                    f"The birth year {values.birth_year} is not plausible.",
                )
            )
    if values.sex and values.sex not in {s.value for s in Sex}:
        problems.append(
            _error("sex", f"Onbekend geslacht: {values.sex}.", f"Unknown sex: {values.sex}.")
        )
    if not values.relation:
        problems.append(
            _error(
                "relation",
                "Kies de relatie tot de contactpersoon.",
                "Choose the relation to the contact person.",
            )
        )
    elif values.relation not in {r.value for r in Relation}:
        problems.append(
            _error(
                "relation",
                f"Onbekende relatie: {values.relation}.",
                f"Unknown relation: {values.relation}.",
            )
        )
    if values.phone and len(values.phone) > 50:
        problems.append(
            _error("phone", "Het telefoonnummer is te lang.", "The phone number is too long.")
        )
    if values.language and len(values.language) > 50:
        problems.append(_error("language", "De taal is te lang.", "The language is too long."))
    problems += check_text_length("medical_notes", values.medical_notes)
    return problems


def member_search_names(values: MemberValues) -> str:
    """The folded Latin + Cyrillic names stored in ``household_member.search_names``."""
    return fold_join(
        values.first_name,
        values.last_name,
        values.first_name_cyrillic,
        values.last_name_cyrillic,
    )
