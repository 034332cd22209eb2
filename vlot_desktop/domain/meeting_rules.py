"""The rules of the fixed meetings (overleg) and the VLOT-flits.

Pure functions (no database), shared by the services, the demo generator and the command line.
A problem of severity ``error`` means nothing is saved. Messages are plain Dutch with an
English twin, as in :mod:`vlot_desktop.domain.case_rules` (same ``Problem`` class).

Meetings. A **series** (overlegreeks) is one of the fixed meetings of the seed: the overleg of
the central and regional teams twice a week, the sector coordinators weekly, rehousing,
vulnerable profiles and FEDASIL places weekly, the governors every two weeks, the central
cities monthly. Each has a rhythm (:class:`Rhythm`, on fixed weekdays) and participants by
team or by role. A **meeting** of a series has an agenda of ordered **points**
(agendapunten), some typed, most generated from open records (:class:`AgendaItemKind`); its
minutes are a decision per point and **actions** (actiepunten) with an owner, a due date and
optionally a linked record. An action stays open until it is marked done, and every open
action of a series comes back on the series' next agenda.

The case meetings (rehousing, vulnerable profiles, FEDASIL places) are the weekly case meeting
of before: their agenda holds the urgent open cases of their case type (:data:`CASE_TYPE_OF`).

VLOT-flits. Numbered editions made of knowledge-base articles published since the last
edition and short notices. An edition without items is not sent; a sent edition is frozen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from vlot_desktop.domain.enums import CaseType, ContactRole, LabelledEnum, MeetingKind
from vlot_desktop.domain.problems import Problem, Severity
from vlot_desktop.domain.text_limits import check_text_length

__all__ = [
    "AGENDA_ORDER",
    "AGENDA_SOURCES",
    "ALL_TEAMS",
    "CASE_TYPE_OF",
    "DEFAULT_SERIES",
    "AgendaItemKind",
    "EditionItemKind",
    "MeetingStatus",
    "Rhythm",
    "SeriesDefault",
    "check_action",
    "check_edition_editable",
    "check_edition_send",
    "check_edition_values",
    "check_meeting",
    "check_notice",
    "check_point",
    "check_series",
    "format_weekdays",
    "meeting_dates",
    "next_meeting_date",
    "parse_weekdays",
]

TITLE_MAX = 300
TEXT_MAX = 20_000
NOTICE_MAX = 5_000


class Rhythm(LabelledEnum):
    """How often a series meets (on its weekdays)."""

    TWICE_WEEKLY = "tweemaal_per_week"
    WEEKLY = "wekelijks"
    FORTNIGHTLY = "tweewekelijks"
    MONTHLY = "maandelijks"
    AD_HOC = "ad_hoc"

    @property
    def label_nl(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[type(self).__name__][self.value][1]


class MeetingStatus(LabelledEnum):
    """Where a meeting stands: planned (the agenda), held (the minutes), cancelled."""

    PLANNED = "gepland"
    HELD = "gehouden"
    CANCELLED = "geannuleerd"

    @property
    def label_nl(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[type(self).__name__][self.value][1]


class AgendaItemKind(LabelledEnum):
    """Where an agenda point comes from: typed, or generated from an open record."""

    POINT = "punt"
    OPEN_ACTION = "open_actiepunt"
    OVERDUE_QUESTION = "vraag_over_termijn"
    UNANSWERED_DISPATCH = "doorverwijzing_zonder_antwoord"
    CASE = "dossier"
    NEW_PROSPECT = "nieuwe_prospectie"
    LOCATION_STOPPING = "locatie_stopt"

    @property
    def label_nl(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[type(self).__name__][self.value][1]


class EditionItemKind(LabelledEnum):
    """A piece of a VLOT-flits: a knowledge-base article or a short notice."""

    ARTICLE = "artikel"
    NOTICE = "bericht"

    @property
    def label_nl(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[type(self).__name__][self.value][1]


_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "Rhythm": {
        "tweemaal_per_week": ("Tweemaal per week", "Twice a week"),
        "wekelijks": ("Wekelijks", "Weekly"),
        "tweewekelijks": ("Tweewekelijks", "Every two weeks"),
        "maandelijks": ("Maandelijks", "Monthly"),
        "ad_hoc": ("Wanneer nodig", "When needed"),
    },
    "MeetingStatus": {
        "gepland": ("Gepland", "Planned"),
        "gehouden": ("Gehouden", "Held"),
        "geannuleerd": ("Geannuleerd", "Cancelled"),
    },
    "AgendaItemKind": {
        "punt": ("Agendapunt", "Agenda point"),
        "open_actiepunt": ("Open actiepunt", "Open action"),
        "vraag_over_termijn": ("Vraag over termijn", "Question past its due date"),
        "doorverwijzing_zonder_antwoord": (
            "Doorverwijzing zonder antwoord",
            "Dispatch without answer",
        ),
        "dossier": ("Dossier", "Case"),
        "nieuwe_prospectie": ("Nieuwe prospectie", "New prospect"),
        "locatie_stopt": ("Locatie stopt", "Location stops"),
    },
    "EditionItemKind": {
        "artikel": ("Artikel", "Article"),
        "bericht": ("Kort bericht", "Short notice"),
    },
}

# -- series -----------------------------------------------------------------------------------

_K = AgendaItemKind
_GENERAL = frozenset({_K.OVERDUE_QUESTION, _K.UNANSWERED_DISPATCH})
AGENDA_SOURCES: Mapping[MeetingKind, frozenset[AgendaItemKind]] = {
    MeetingKind.TEAM: _GENERAL | {_K.NEW_PROSPECT, _K.LOCATION_STOPPING},
    MeetingKind.SECTOR: _GENERAL,
    MeetingKind.REHOUSING: frozenset({_K.CASE}),
    MeetingKind.VULNERABLE: frozenset({_K.CASE}),
    MeetingKind.FEDASIL: frozenset({_K.CASE, _K.LOCATION_STOPPING}),
    MeetingKind.GOVERNORS: frozenset({_K.NEW_PROSPECT, _K.LOCATION_STOPPING}),
    MeetingKind.CENTRAL_CITIES: frozenset({_K.LOCATION_STOPPING, _K.OVERDUE_QUESTION}),
}
"""Which open records a series' agenda is generated from, besides its open actions (always)
and the records put on its agenda by hand (always)."""

AGENDA_ORDER: tuple[AgendaItemKind, ...] = (
    _K.OPEN_ACTION,
    _K.CASE,
    _K.OVERDUE_QUESTION,
    _K.UNANSWERED_DISPATCH,
    _K.NEW_PROSPECT,
    _K.LOCATION_STOPPING,
    _K.POINT,
)
"""The order of the generated points: follow-up first, then what is late."""

CASE_TYPE_OF: Mapping[MeetingKind, CaseType] = {
    MeetingKind.REHOUSING: CaseType.REHOUSING,
    MeetingKind.VULNERABLE: CaseType.VULNERABLE,
    MeetingKind.FEDASIL: CaseType.FEDASIL_INTAKE,
}
"""The case meetings and the case type each discusses (the weekly case meeting of before)."""


@dataclass(frozen=True)
class SeriesDefault:
    """One of the fixed meetings of the seed: its name, rhythm and participants."""

    kind: MeetingKind
    name: str
    rhythm: Rhythm
    weekdays: tuple[int, ...]  # Monday = 0
    teams: tuple[str, ...]  # "*": every team
    roles: tuple[ContactRole, ...]


ALL_TEAMS = "*"
DEFAULT_SERIES: tuple[SeriesDefault, ...] = (
    SeriesDefault(
        MeetingKind.TEAM,
        "Regio-overleg centraal en regioteams",
        Rhythm.TWICE_WEEKLY,
        (1, 3),
        (ALL_TEAMS,),
        (),
    ),
    SeriesDefault(
        MeetingKind.SECTOR,
        "Overleg sectorcoördinatoren",
        Rhythm.WEEKLY,
        (4,),
        ("centraal",),
        (ContactRole.SECTOR_COORDINATOR,),
    ),
    SeriesDefault(
        MeetingKind.REHOUSING, "Overleg herhuisvesting", Rhythm.WEEKLY, (0,), (ALL_TEAMS,), ()
    ),
    SeriesDefault(
        MeetingKind.VULNERABLE,
        "Overleg kwetsbare profielen",
        Rhythm.WEEKLY,
        (0,),
        (ALL_TEAMS,),
        (),
    ),
    SeriesDefault(
        MeetingKind.FEDASIL,
        "Overleg FEDASIL-plaatsen",
        Rhythm.WEEKLY,
        (2,),
        (ALL_TEAMS,),
        (ContactRole.OTHER,),
    ),
    SeriesDefault(
        MeetingKind.GOVERNORS,
        "Overleg gouverneurs",
        Rhythm.FORTNIGHTLY,
        (3,),
        ("centraal",),
        (ContactRole.GOVERNOR_STAFF,),
    ),
    SeriesDefault(
        MeetingKind.CENTRAL_CITIES,
        "Overleg centrumsteden",
        Rhythm.MONTHLY,
        (1,),
        ("centraal",),
        (ContactRole.MUNICIPAL_COORDINATOR,),
    ),
)
"""The fixed meetings (seed, answer 5): the regio-overleg twice a week, the sector
coordinators weekly, rehousing, vulnerable profiles and FEDASIL weekly, the governors every two
weeks, the central cities structurally (monthly)."""


def _meets_on(rhythm: Rhythm, weekdays: tuple[int, ...], day: dt.date) -> bool:
    if rhythm is Rhythm.AD_HOC or day.weekday() not in weekdays:
        return False
    if rhythm is Rhythm.FORTNIGHTLY:
        return day.isocalendar().week % 2 == 0
    if rhythm is Rhythm.MONTHLY:
        return day.day <= 7  # the first of its weekdays in the month
    return True


def meeting_dates(
    rhythm: Rhythm, weekdays: tuple[int, ...], first: dt.date, last: dt.date
) -> Iterator[dt.date]:
    """The days from ``first`` to ``last`` (both included) a series of this rhythm meets:
    on its weekdays; every two weeks in even ISO weeks; monthly on the first of its weekdays
    of the month. An ad-hoc series has no fixed days."""
    day = first
    while day <= last:
        if _meets_on(rhythm, weekdays, day):
            yield day
        day += dt.timedelta(days=1)


def next_meeting_date(rhythm: Rhythm, weekdays: tuple[int, ...], after: dt.date) -> dt.date:
    """The first day after ``after`` the series meets (an ad-hoc series: the next working
    day)."""
    if rhythm is Rhythm.AD_HOC or not weekdays:
        day = after + dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day
    found = next(meeting_dates(rhythm, weekdays, after + dt.timedelta(days=1), after + _YEAR))
    return found


_YEAR = dt.timedelta(days=370)


def parse_weekdays(text: str | None) -> tuple[int, ...]:
    """``"1,3"`` -> ``(1, 3)`` (Monday = 0); unknown parts are left out."""
    days = []
    for part in (text or "").split(","):
        part = part.strip()
        if part.isdigit() and 0 <= int(part) <= 6:
            days.append(int(part))
    return tuple(sorted(set(days)))


def format_weekdays(days: tuple[int, ...]) -> str:
    return ",".join(str(d) for d in sorted(set(days)))


# -- checks -----------------------------------------------------------------------------------


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


def _warning(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.WARNING)


def _required_title(
    field_name: str, title: str | None, what_nl: str, what_en: str
) -> list[Problem]:
    if not (title or "").strip():
        return [_error(field_name, f"Geef {what_nl} een titel.", f"Give {what_en} a title.")]
    return check_text_length(field_name, title, TITLE_MAX)


def check_series(
    *, name: str | None, kind: str | None, rhythm: str | None, weekdays: tuple[int, ...]
) -> list[Problem]:
    """A series needs a name, a kind of meeting, a rhythm, and weekdays unless ad hoc."""
    problems = _required_title("name", name, "de overlegreeks", "the meeting series")
    if kind not in {k.value for k in MeetingKind}:
        problems.append(_error("kind", "Kies de soort overleg.", "Choose the kind of meeting."))
    if rhythm not in {r.value for r in Rhythm}:
        problems.append(_error("rhythm", "Kies het ritme.", "Choose the rhythm."))
    elif rhythm != Rhythm.AD_HOC.value and not weekdays:
        problems.append(
            _error(
                "weekdays",
                "Kies op welke weekdag(en) het overleg plaatsvindt.",
                "Choose the weekday(s) of the meeting.",
            )
        )
    elif rhythm == Rhythm.TWICE_WEEKLY.value and len(weekdays) != 2:
        problems.append(
            _error(
                "weekdays",
                "Tweemaal per week: kies twee weekdagen.",
                "Twice a week: choose two weekdays.",
            )
        )
    return problems


def check_meeting(*, held_on: dt.date | None, title: str | None, today: dt.date) -> list[Problem]:
    """A meeting needs a date and a title; a date far back is probably a typo (a warning)."""
    problems = _required_title("title", title, "het overleg", "the meeting")
    if held_on is None:
        problems.append(
            _error("held_on", "Vul de datum van het overleg in.", "Fill in the meeting's date.")
        )
    elif held_on < today - dt.timedelta(days=366):
        problems.append(
            _warning(
                "held_on",
                "Dit overleg ligt meer dan een jaar terug: kijk de datum na.",
                "This meeting lies more than a year back: check the date.",
            )
        )
    return problems


def check_point(
    *, title: str | None, notes: str | None = None, decision: str | None = None
) -> list[Problem]:
    """An agenda point needs a title; its notes and decision stay within the limits."""
    problems = _required_title("title", title, "het agendapunt", "the agenda point")
    problems += check_text_length("notes", notes, TEXT_MAX)
    problems += check_text_length("decision", decision, TEXT_MAX)
    return problems


def check_action(
    *,
    title: str | None,
    owner_id: str | None,
    due_on: dt.date | None,
    meeting_on: dt.date | None,
    known_owners: set[str],
    notes: str | None = None,
) -> list[Problem]:
    """An action needs a title and an owner (a known staff member). A due date before the
    meeting is refused; no due date is allowed (shown as "geen termijn")."""
    problems = _required_title("title", title, "het actiepunt", "the action")
    if not owner_id:
        problems.append(
            _error(
                "owner_id",
                "Een actiepunt heeft een eigenaar nodig: kies wie het opneemt.",
                "An action needs an owner: choose who takes it on.",
            )
        )
    elif owner_id not in known_owners:
        problems.append(
            _error(
                "owner_id",
                "Deze medewerker bestaat niet (meer).",
                "This staff member does not exist (any more).",
            )
        )
    if due_on is not None and meeting_on is not None and due_on < meeting_on:
        problems.append(
            _error(
                "due_on",
                "De termijn van een actiepunt ligt niet voor het overleg.",
                "An action's due date does not lie before the meeting.",
            )
        )
    problems += check_text_length("notes", notes, TEXT_MAX)
    return problems


# -- VLOT-flits -------------------------------------------------------------------------------


def check_edition_values(*, title: str | None, intro: str | None) -> list[Problem]:
    problems = _required_title("title", title, "de editie", "the edition")
    problems += check_text_length("intro", intro, TEXT_MAX)
    return problems


def check_edition_editable(sent: bool, number: int) -> list[Problem]:
    """A sent edition is frozen: what the municipalities received is what stays on record."""
    if not sent:
        return []
    return [
        _error(
            "",
            f"VLOT-flits {number} is verstuurd en kan niet meer gewijzigd worden. "
            "Zet wat ontbreekt in de volgende editie.",
            f"VLOT-flits {number} was sent and can no longer be changed. "
            "Put what is missing in the next edition.",
        )
    ]


def check_edition_send(sent: bool, number: int, items: int) -> list[Problem]:
    """An edition is sent once, and never without items."""
    problems = check_edition_editable(sent, number)
    if problems:
        return problems
    if items == 0:
        return [
            _error(
                "items",
                f"VLOT-flits {number} heeft nog geen artikels of berichten: "
                "voeg er minstens één toe voor het versturen.",
                f"VLOT-flits {number} has no articles or notices yet: "
                "add at least one before sending.",
            )
        ]
    return []


def check_notice(*, title: str | None, body: str | None) -> list[Problem]:
    problems = _required_title("title", title, "het bericht", "the notice")
    problems += check_text_length("body", body, NOTICE_MAX)
    return problems
