"""The rules of a contact moment (contactmoment): what a logged contact needs, who may change it.

Pure functions (no database), shared by the services, the demo generator and the command line.
A problem of severity ``error`` means nothing is saved. Messages are plain Dutch with an
English twin, as in :mod:`vlot_desktop.domain.case_rules` (same ``Problem`` class).

A contact is logged in seconds (the quick log): a municipality and a day are required, the
rest (the person, the theme, a short note, a link to the location, prospect, case or question
on screen) is optional. The channel defaults to the last one used. Only its author may change
or delete a contact: the log counts each person's own work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from vlot_desktop.domain.enums import ContactChannel
from vlot_desktop.domain.problems import Problem, Severity
from vlot_desktop.domain.text_limits import check_text_length

__all__ = [
    "LINKABLE_TABLES",
    "NOTE_MAX",
    "SUBJECT_MAX",
    "check_author",
    "check_contact",
    "days_since",
]

SUBJECT_MAX = 300
NOTE_MAX = 10_000
FUTURE_DAYS = 1
"""A contact may be logged for tomorrow at most (a laptop's clock, a late evening)."""
OLDEST_YEARS = 5
"""A contact dated longer ago than this is a typo (VLOT started in 2022)."""

LINKABLE_TABLES: Mapping[str, tuple[str, str]] = {
    "location": ("opvanglocatie", "reception location"),
    "prospect_visit": ("prospectie", "prospect visit"),
    "case_file": ("dossier", "case"),
    "question": ("vraag", "question"),
}
"""The records a contact (and a meeting's agenda point or action) may link to, with their
Dutch and English names."""


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


def _belgian(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def check_contact(
    *,
    municipality_nis: str | None,
    occurred_on: dt.date | None,
    channel: str | None,
    today: dt.date,
    known_municipalities: Collection[str],
    subject: str | None = None,
    notes: str | None = None,
    link_table: str | None = None,
    link_id: str | None = None,
) -> list[Problem]:
    """What a contact needs: a known municipality, a day that is not in the future, a channel
    this version knows; the texts within their limits; a link to a record of a known kind."""
    problems: list[Problem] = []
    if not (municipality_nis or "").strip():
        problems.append(
            _error(
                "municipality_nis",
                "Kies de gemeente van het contact.",
                "Choose the municipality of the contact.",
            )
        )
    elif municipality_nis not in known_municipalities:
        problems.append(
            _error(
                "municipality_nis",
                f"De gemeente met NIS-code {municipality_nis} bestaat niet.",
                f"There is no municipality with NIS code {municipality_nis}.",
            )
        )
    problems += _check_day(occurred_on, today)
    if not channel:
        problems.append(
            _error("channel", "Kies het kanaal van het contact.", "Choose the channel.")
        )
    elif channel not in {c.value for c in ContactChannel}:
        problems.append(
            _error(
                "channel",
                f"Onbekend kanaal '{channel}'.",
                f"Unknown channel '{channel}'.",
            )
        )
    problems += check_text_length("subject", subject, SUBJECT_MAX)
    problems += check_text_length("notes", notes, NOTE_MAX)
    problems += check_link(link_table, link_id)
    return problems


def _check_day(occurred_on: dt.date | None, today: dt.date) -> list[Problem]:
    if occurred_on is None:
        return [
            _error(
                "occurred_at",
                "Vul de datum van het contact in.",
                "Fill in the date of the contact.",
            )
        ]
    if occurred_on > today + dt.timedelta(days=FUTURE_DAYS):
        return [
            _error(
                "occurred_at",
                f"Een contact kan niet in de toekomst liggen ({_belgian(occurred_on)}).",
                f"A contact cannot lie in the future ({_belgian(occurred_on)}).",
            )
        ]
    oldest = today.replace(year=today.year - OLDEST_YEARS, day=min(today.day, 28))
    if occurred_on < oldest:
        return [
            _error(
                "occurred_at",
                f"Deze datum ligt meer dan {OLDEST_YEARS} jaar terug ({_belgian(occurred_on)}):"
                " kijk het jaar na.",
                f"This date lies more than {OLDEST_YEARS} years back "
                f"({_belgian(occurred_on)}): check the year.",
            )
        ]
    return []


def check_link(link_table: str | None, link_id: str | None) -> list[Problem]:
    """A link names a record of a known kind, and both parts are given (or neither)."""
    if not link_table and not link_id:
        return []
    if not link_table or not link_id:
        return [
            _error(
                "link",
                "Een koppeling heeft een soort en een record nodig.",
                "A link needs a kind and a record.",
            )
        ]
    if link_table not in LINKABLE_TABLES:
        return [
            _error(
                "link",
                f"Met een record van de soort '{link_table}' kan niet gekoppeld worden.",
                f"Records of the kind '{link_table}' cannot be linked.",
            )
        ]
    return []


def check_author(author_id: str | None, user_id: str | None) -> list[Problem]:
    """Only the author of a contact changes or deletes it."""
    if author_id is not None and author_id == user_id:
        return []
    return [
        _error(
            "author_id",
            "Alleen wie het contact registreerde, kan het wijzigen of verwijderen.",
            "Only the person who logged the contact can change or delete it.",
        )
    ]


def days_since(last: dt.date | None, today: dt.date) -> int | None:
    """Whole days from the last contact to today (0: today); ``None``: never a contact.
    A contact dated after today (tomorrow, logged late in the evening) counts as today."""
    if last is None:
        return None
    return max(0, (today - last).days)
