"""The rules of the helpdesk: questions, their dispatch to the policy domains, the answers and
the knowledge base (docs/helpdesk.md).

Pure functions (no database), shared by the services, the demo generator and the command line.
A problem of severity ``error`` means nothing is saved; a ``warning`` is shown and, for a
publication, must be confirmed. Messages are plain Dutch with an English twin, as in
:mod:`vlot_desktop.domain.case_rules` (same ``Problem`` class).

Question workflow: nieuw -> in behandeling -> doorverwezen (to one or more policy domains) ->
beantwoord -> gesloten. A question can be answered or closed from any open status (a question
answered on the phone at once, a duplicate); an answered or closed question can be reopened
("in behandeling"). Dispatching is allowed while the question is open: a second domain may be
asked later. An answered or closed question is not dispatched (reopen it first).

A dispatch (doorverwijzing) has its own small workflow: gevraagd -> herinnerd (as often as
needed) -> beantwoord or geen antwoord; a late answer after "geen antwoord" is still recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from vlot_desktop.domain.case_reference import CODE_ALPHABET
from vlot_desktop.domain.enums import ContactChannel, LabelledEnum, QuestionStatus
from vlot_desktop.domain.location_rules import Problem, Severity
from vlot_desktop.domain.text import fold
from vlot_desktop.domain.text_limits import check_text_length

__all__ = [
    "ALLOWED_DISPATCH_STEPS",
    "ALLOWED_STATUS_STEPS",
    "CENTRAL_TEAM",
    "OWN_DOMAIN",
    "ArticleKind",
    "DispatchStatus",
    "Finding",
    "FindingKind",
    "Problem",
    "Severity",
    "check_answer",
    "check_article",
    "check_dispatch",
    "check_dispatch_step",
    "check_new_question",
    "check_publication",
    "check_reminder",
    "check_sector_answer",
    "check_status_step",
    "default_due_date",
    "find_personal_data",
    "is_dispatch_overdue",
    "match_all_words",
    "match_any_term",
    "next_dispatch_statuses",
    "next_statuses",
    "question_reference",
    "similarity_terms",
    "subject_from_text",
]

SUBJECT_MAX = 300
TITLE_MAX = 300
NAME_MAX = 200
EMAIL_MAX = 200
PHONE_MAX = 50
QUESTION_TEXT_MAX = 20_000
ANSWER_MAX = 50_000

CENTRAL_TEAM = "centraal"
"""The team that dispatches questions to the policy domains and follows them up."""
OWN_DOMAIN = "opvang-huisvesting"
"""VLOT's own policy domain: VLOT answers questions about reception and housing itself."""

DEFAULT_DUE_WORKDAYS = 10
"""Working days a policy domain gets to answer, unless its theme or domain says otherwise."""
DOMAIN_DUE_WORKDAYS: Mapping[str, int] = {
    "juridisch-verblijf": 10,
    "subsidies-financien": 15,
    "werk-activering": 10,
    "onderwijs": 10,
    "welzijn-zorg": 5,
    "energie-water-wonen": 10,
    "mobiliteit": 15,
    "communicatie-samenwerking": 10,
}
"""Working days per policy domain (osTicket's SLA per help topic)."""
THEME_DUE_WORKDAYS: Mapping[str, int] = {
    "juridisch-tijdelijke-bescherming": 5,
    "juridisch-referentieadres": 5,
    "subsidies-equivalent-leefloon": 5,
    "welzijn-psychosociale-ondersteuning": 3,
    "welzijn-geestelijke-gezondheidszorg": 3,
    "welzijn-huisarts-ziekenhuis": 3,
    "onderwijs-inschrijving-school": 5,
    "subsidies-afrekening": 20,
    "mobiliteit-rijbewijzen": 20,
}
"""Themes that need an answer sooner (health, school, a family's income) or may take longer."""

REFERENCE_PREFIX = "VR"
REFERENCE_CODE_LENGTH = 6


class DispatchStatus(LabelledEnum):
    """Where a dispatch to a policy domain stands."""

    ASKED = "gevraagd"
    REMINDED = "herinnerd"
    ANSWERED = "beantwoord"
    NO_ANSWER = "geen_antwoord"

    @property
    def is_open(self) -> bool:
        return self in (DispatchStatus.ASKED, DispatchStatus.REMINDED)

    @property
    def label_nl(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[type(self).__name__][self.value][1]


class ArticleKind(LabelledEnum):
    """The three kinds of knowledge-base article."""

    QA = "vraag_antwoord"
    GOOD_PRACTICE = "good_practice"
    FRAMEWORK = "kader"

    @property
    def label_nl(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @property
    def label_en(self) -> str:
        return _LABELS[type(self).__name__][self.value][1]


_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "DispatchStatus": {
        "gevraagd": ("Gevraagd", "Asked"),
        "herinnerd": ("Herinnerd", "Reminded"),
        "beantwoord": ("Beantwoord", "Answered"),
        "geen_antwoord": ("Geen antwoord", "No answer"),
    },
    "ArticleKind": {
        "vraag_antwoord": ("Vraag en antwoord", "Question and answer"),
        "good_practice": ("Good practice", "Good practice"),
        "kader": ("Kader", "Framework"),
    },
}


def _error(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.ERROR)


def _warning(field_name: str, nl: str, en: str) -> Problem:
    return Problem(field_name, nl, en, Severity.WARNING)


def _belgian(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


# -- references ---------------------------------------------------------------------------------


def question_reference(question_id: str, received_on: dt.date) -> str:
    """``VR-2026-K7MX4Q``: the reference of a question, said on the phone and quoted in e-mails.

    Derived from the question's id (a hash, in the unambiguous alphabet of the case
    references), so every laptop makes the same reference for the same question without
    asking anyone, also for questions made before references existed. 30^6 codes per year:
    two questions of a year sharing one is a chance of about one in 18,000 at 40,000 questions,
    and the search then finds both.
    """
    value = int.from_bytes(hashlib.sha256(question_id.strip().lower().encode()).digest(), "big")
    symbols = []
    for _ in range(REFERENCE_CODE_LENGTH):
        value, rest = divmod(value, len(CODE_ALPHABET))
        symbols.append(CODE_ALPHABET[rest])
    return f"{REFERENCE_PREFIX}-{received_on.year}-{''.join(symbols)}"


_REFERENCE = re.compile(
    rf"^{REFERENCE_PREFIX}[\s\-_/.]*(\d{{4}})[\s\-_/.]*([{CODE_ALPHABET}]{{{REFERENCE_CODE_LENGTH}}})$",
    re.ASCII,
)


def normalise_question_reference(text: str) -> str | None:
    """A question reference as typed ("vr 2026 k7mx4q"), in its stored form; else ``None``."""
    found = _REFERENCE.match(text.strip().upper())
    if found is None:
        return None
    return f"{REFERENCE_PREFIX}-{found.group(1)}-{found.group(2)}"


# -- question workflow --------------------------------------------------------------------------

_Q = QuestionStatus
ALLOWED_STATUS_STEPS: Mapping[QuestionStatus, frozenset[QuestionStatus]] = {
    _Q.NEW: frozenset({_Q.IN_PROGRESS, _Q.DISPATCHED, _Q.ANSWERED, _Q.CLOSED}),
    _Q.IN_PROGRESS: frozenset({_Q.DISPATCHED, _Q.ANSWERED, _Q.CLOSED}),
    _Q.DISPATCHED: frozenset({_Q.IN_PROGRESS, _Q.ANSWERED, _Q.CLOSED}),
    _Q.ANSWERED: frozenset({_Q.CLOSED, _Q.IN_PROGRESS}),
    _Q.CLOSED: frozenset({_Q.IN_PROGRESS}),
}


def next_statuses(current: QuestionStatus) -> frozenset[QuestionStatus]:
    """The statuses a question in ``current`` may move to (what the screen offers)."""
    return ALLOWED_STATUS_STEPS.get(current, frozenset())


def check_status_step(current: QuestionStatus, new: QuestionStatus) -> list[Problem]:
    """No problem when ``current`` -> ``new`` is a step of the workflow; else the message why."""
    if new == current:
        return [
            _error(
                "status",
                f"De vraag heeft de status '{new.label_nl}' al.",
                f"The question already has the status '{new.label_en}'.",
            )
        ]
    if new in next_statuses(current):
        return []
    if not current.is_open and new is _Q.DISPATCHED:
        return [
            _error(
                "status",
                f"Een vraag met de status '{current.label_nl}' kan niet meer doorverwezen "
                "worden; heropen ze eerst (in behandeling).",
                f"A question with the status '{current.label_en}' cannot be dispatched any "
                "more; reopen it first (in progress).",
            )
        ]
    return [
        _error(
            "status",
            f"Van '{current.label_nl}' kan een vraag niet naar '{new.label_nl}'.",
            f"A question cannot go from '{current.label_en}' to '{new.label_en}'.",
        )
    ]


# -- intake ----------------------------------------------------------------------------------


def subject_from_text(text: str, limit: int = 120) -> str:
    """A short subject for a question typed as one text: its first sentence or line, cut at a
    word before ``limit`` characters ("…" when cut)."""
    stripped = " ".join((text or "").split())
    if not stripped:
        return ""
    end = len(stripped)
    for mark in ("? ", ". ", "! "):
        found = stripped.find(mark)
        if 0 < found < end:
            end = found + 1
    first = stripped[:end]
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def check_new_question(
    *,
    question_text: str | None,
    subject: str | None,
    received_on: dt.date | None,
    received_team_code: str | None,
    channel: str | None,
    today: dt.date,
    known_teams: Collection[str],
    municipality_nis: str | None = None,
    known_municipalities: Collection[str] | None = None,
    theme_code: str | None = None,
    known_themes: Collection[str] | None = None,
    asker_name: str | None = None,
    asker_email: str | None = None,
    asker_phone: str | None = None,
) -> list[Problem]:
    """What a new question needs: the question itself, the date and team that received it."""
    problems: list[Problem] = []
    text = (question_text or "").strip()
    if not text:
        problems.append(_error("question_text", "Vul de vraag in.", "Enter the question."))
    problems += check_text_length("question_text", text, QUESTION_TEXT_MAX)
    if subject is not None and len(subject.strip()) > SUBJECT_MAX:
        problems += check_text_length("subject", subject.strip(), SUBJECT_MAX)
    if received_on is None:
        problems.append(
            _error(
                "received_on", "Vul de datum van de vraag in.", "Enter the date of the question."
            )
        )
    elif received_on > today:
        problems.append(
            _error(
                "received_on",
                "De datum van de vraag kan niet in de toekomst liggen.",
                "The date of the question cannot be in the future.",
            )
        )
    if not received_team_code:
        problems.append(
            _error(
                "received_team_code",
                "Kies het team dat de vraag ontving.",
                "Choose the team that received the question.",
            )
        )
    elif received_team_code not in known_teams:
        problems.append(
            _error(
                "received_team_code",
                f"Onbekend team: {received_team_code}.",
                f"Unknown team: {received_team_code}.",
            )
        )
    if channel and channel not in {c.value for c in ContactChannel}:
        problems.append(
            _error("channel", f"Onbekend kanaal: {channel}.", f"Unknown channel: {channel}.")
        )
    if (
        municipality_nis
        and known_municipalities is not None
        and municipality_nis not in known_municipalities
    ):
        problems.append(
            _error(
                "municipality_nis",
                f"Onbekende gemeente (NIS-code {municipality_nis}).",
                f"Unknown municipality (NIS code {municipality_nis}).",
            )
        )
    if theme_code and known_themes is not None and theme_code not in known_themes:
        problems.append(
            _error("theme_code", f"Onbekend thema: {theme_code}.", f"Unknown theme: {theme_code}.")
        )
    problems += check_asker(asker_name, asker_email, asker_phone)
    return problems


def check_asker(name: str | None, email: str | None, phone: str | None) -> list[Problem]:
    """A free asker (someone who is not a known contact person): lengths and the e-mail form."""
    problems: list[Problem] = []
    if name and len(name.strip()) > NAME_MAX:
        problems.append(
            _error(
                "asker_name",
                f"De naam is te lang (hoogstens {NAME_MAX} tekens).",
                f"The name is too long (at most {NAME_MAX} characters).",
            )
        )
    address = (email or "").strip()
    if address and (len(address) > EMAIL_MAX or not _EMAIL.fullmatch(address)):
        problems.append(
            _error(
                "asker_email",
                "Dit is geen geldig e-mailadres.",
                "This is not a valid e-mail address.",
            )
        )
    if phone and len(phone.strip()) > PHONE_MAX:
        problems.append(
            _error("asker_phone", "Het telefoonnummer is te lang.", "The phone number is too long.")
        )
    return problems


# -- dispatch -----------------------------------------------------------------------------------


def add_workdays(start: dt.date, workdays: int) -> dt.date:
    """``start`` plus ``workdays`` working days (Monday to Friday; holidays are not known)."""
    day = start
    left = workdays
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def due_workdays(theme_code: str | None, domain_code: str | None) -> int:
    """Working days a domain gets to answer: the theme's, else the domain's, else the default."""
    if theme_code and theme_code in THEME_DUE_WORKDAYS:
        return THEME_DUE_WORKDAYS[theme_code]
    if domain_code and domain_code in DOMAIN_DUE_WORKDAYS:
        return DOMAIN_DUE_WORKDAYS[domain_code]
    return DEFAULT_DUE_WORKDAYS


def default_due_date(sent_on: dt.date, theme_code: str | None, domain_code: str | None) -> dt.date:
    """The due date a dispatch gets unless the user chooses one (from the question's theme)."""
    return add_workdays(sent_on, due_workdays(theme_code, domain_code))


def check_dispatch(
    *,
    status: QuestionStatus,
    received_on: dt.date,
    sent_on: dt.date,
    due_on: dt.date | None,
    domain_codes: Sequence[str],
    today: dt.date,
    known_domains: Collection[str],
    open_domains: Collection[str] = (),
    domain_names: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Sending a question to ``domain_codes`` on ``sent_on``, to be answered by ``due_on``.

    ``open_domains``: the domains already asked that have not answered yet (asking one again
    is a warning: the reminder is usually meant).
    """
    problems: list[Problem] = []
    names = domain_names or {}
    if not status.is_open:
        problems.append(
            _error(
                "status",
                f"Deze vraag is al {status.label_nl.lower()}: een beantwoorde of gesloten "
                "vraag wordt niet meer doorverwezen. Heropen ze eerst als dat toch nodig is.",
                f"This question is {status.label_en.lower()} already: an answered or closed "
                "question is not dispatched. Reopen it first if it must be.",
            )
        )
    if not domain_codes:
        problems.append(
            _error(
                "domains",
                "Kies minstens één beleidsdomein.",
                "Choose at least one policy domain.",
            )
        )
    if len(set(domain_codes)) != len(domain_codes):
        problems.append(
            _error(
                "domains",
                "Een beleidsdomein staat twee keer in de lijst.",
                "A policy domain is in the list twice.",
            )
        )
    for code in domain_codes:
        if code == OWN_DOMAIN:
            problems.append(
                _error(
                    "domains",
                    "Vragen over opvang en huisvesting beantwoordt VLOT zelf: neem de vraag in "
                    "behandeling in plaats van ze door te verwijzen.",
                    "VLOT answers questions about reception and housing itself: take the "
                    "question in progress instead of dispatching it.",
                )
            )
        elif code not in known_domains:
            problems.append(
                _error(
                    "domains",
                    f"Onbekend beleidsdomein: {code}.",
                    f"Unknown policy domain: {code}.",
                )
            )
        elif code in open_domains:
            name = names.get(code, code)
            problems.append(
                _warning(
                    "domains",
                    f"De vraag ligt al bij {name} en is daar nog niet beantwoord; "
                    "een herinnering is misschien beter.",
                    f"The question is already with {name} and not answered there yet; "
                    "a reminder may be better.",
                )
            )
    if sent_on > today:
        problems.append(
            _error(
                "sent_on",
                "De verzenddatum kan niet in de toekomst liggen.",
                "The date sent cannot be in the future.",
            )
        )
    if sent_on < received_on:
        problems.append(
            _error(
                "sent_on",
                f"De verzenddatum ligt vóór de datum waarop de vraag binnenkwam "
                f"({_belgian(received_on)}).",
                f"The date sent is before the date the question came in ({_belgian(received_on)}).",
            )
        )
    if due_on is not None:
        if due_on < received_on:
            problems.append(
                _error(
                    "due_on",
                    f"De vervaldatum ligt vóór de datum waarop de vraag binnenkwam "
                    f"({_belgian(received_on)}).",
                    f"The due date is before the date the question came in "
                    f"({_belgian(received_on)}).",
                )
            )
        elif due_on < sent_on:
            problems.append(
                _error(
                    "due_on",
                    "De vervaldatum ligt vóór de verzenddatum.",
                    "The due date is before the date sent.",
                )
            )
    return problems


_D = DispatchStatus
ALLOWED_DISPATCH_STEPS: Mapping[DispatchStatus, frozenset[DispatchStatus]] = {
    _D.ASKED: frozenset({_D.REMINDED, _D.ANSWERED, _D.NO_ANSWER}),
    _D.REMINDED: frozenset({_D.REMINDED, _D.ANSWERED, _D.NO_ANSWER}),
    _D.NO_ANSWER: frozenset({_D.ANSWERED}),
    _D.ANSWERED: frozenset(),
}


def next_dispatch_statuses(current: DispatchStatus) -> frozenset[DispatchStatus]:
    return ALLOWED_DISPATCH_STEPS.get(current, frozenset())


def check_dispatch_step(current: DispatchStatus, new: DispatchStatus) -> list[Problem]:
    """A reminder may be repeated; an answered dispatch stays answered (its text can be
    corrected); a late answer after "geen antwoord" is recorded."""
    if new in next_dispatch_statuses(current):
        return []
    if current is _D.ANSWERED:
        return [
            _error(
                "status",
                "Dit beleidsdomein heeft al geantwoord.",
                "This policy domain has answered already.",
            )
        ]
    return [
        _error(
            "status",
            f"Van '{current.label_nl}' kan een doorverwijzing niet naar '{new.label_nl}'.",
            f"A dispatch cannot go from '{current.label_en}' to '{new.label_en}'.",
        )
    ]


def check_reminder(
    *,
    current: DispatchStatus,
    sent_on: dt.date,
    on_date: dt.date,
    new_due_on: dt.date | None,
    today: dt.date,
) -> list[Problem]:
    """A reminder sent on ``on_date``, optionally with a new due date."""
    problems = check_dispatch_step(current, _D.REMINDED)
    if on_date > today:
        problems.append(
            _error(
                "reminded_on",
                "De datum van de herinnering kan niet in de toekomst liggen.",
                "The date of the reminder cannot be in the future.",
            )
        )
    if on_date < sent_on:
        problems.append(
            _error(
                "reminded_on",
                "De herinnering ligt vóór de verzenddatum.",
                "The reminder is before the date sent.",
            )
        )
    if new_due_on is not None and new_due_on < on_date:
        problems.append(
            _error(
                "due_on",
                "De nieuwe vervaldatum ligt vóór de herinnering.",
                "The new due date is before the reminder.",
            )
        )
    return problems


def check_sector_answer(
    *,
    current: DispatchStatus,
    answer_text: str | None,
    answered_on: dt.date | None,
    sent_on: dt.date,
    today: dt.date,
) -> list[Problem]:
    """The answer a policy domain gave: a text and a date between sending and today."""
    problems: list[Problem] = []
    if current is not _D.ANSWERED:
        problems += check_dispatch_step(current, _D.ANSWERED)
    text = (answer_text or "").strip()
    if not text:
        problems.append(
            _error(
                "answer_text",
                "Vul het antwoord van het beleidsdomein in.",
                "Enter the policy domain's answer.",
            )
        )
    problems += check_text_length("answer_text", text, ANSWER_MAX)
    problems += _answer_date(answered_on, sent_on, today, "de verzenddatum", "the date sent")
    return problems


def _answer_date(
    answered_on: dt.date | None, earliest: dt.date, today: dt.date, nl: str, en: str
) -> list[Problem]:
    if answered_on is None:
        return [
            _error(
                "answered_on",
                "Vul de datum van het antwoord in.",
                "Enter the date of the answer.",
            )
        ]
    if answered_on > today:
        return [
            _error(
                "answered_on",
                "De datum van het antwoord kan niet in de toekomst liggen.",
                "The date of the answer cannot be in the future.",
            )
        ]
    if answered_on < earliest:
        return [
            _error(
                "answered_on",
                f"De datum van het antwoord ligt vóór {nl} ({_belgian(earliest)}).",
                f"The date of the answer is before {en} ({_belgian(earliest)}).",
            )
        ]
    return []


def check_answer(
    *,
    status: QuestionStatus,
    answer_text: str | None,
    answered_on: dt.date | None,
    received_on: dt.date,
    today: dt.date,
) -> list[Problem]:
    """VLOT's answer to the asker: a text, a date between the question and today, and a
    question that is still open (an answered one is reopened first to answer it again)."""
    problems: list[Problem] = []
    if status is not _Q.ANSWERED:
        problems += check_status_step(status, _Q.ANSWERED)
    text = (answer_text or "").strip()
    if not text:
        problems.append(_error("answer_text", "Vul het antwoord in.", "Enter the answer."))
    problems += check_text_length("answer_text", text, ANSWER_MAX)
    problems += _answer_date(
        answered_on, received_on, today, "de datum van de vraag", "the date of the question"
    )
    return problems


def is_dispatch_overdue(status: DispatchStatus, due_on: dt.date | None, today: dt.date) -> bool:
    """Overdue: still waiting for the domain's answer and the due date lies before today."""
    return status.is_open and due_on is not None and due_on < today


# -- knowledge base -----------------------------------------------------------------------------


def check_article(
    *,
    kind: str | None,
    title: str | None,
    general_question: str | None,
    answer: str | None,
    valid_from: dt.date | None,
    valid_until: dt.date | None,
    has_attachment: bool = False,
) -> list[Problem]:
    """A knowledge-base article: a kind and a title; a question and answer for "vraag en
    antwoord", a text for a good practice, a text or a document for a framework (kader)."""
    problems: list[Problem] = []
    kinds = {k.value for k in ArticleKind}
    if not kind:
        problems.append(_error("kind", "Kies het soort artikel.", "Choose the kind of article."))
    elif kind not in kinds:
        problems.append(_error("kind", f"Onbekend soort: {kind}.", f"Unknown kind: {kind}."))
    clean_title = (title or "").strip()
    if not clean_title:
        problems.append(_error("title", "Geef het artikel een titel.", "Give the article a title."))
    problems += check_text_length("title", clean_title, TITLE_MAX)
    question = (general_question or "").strip()
    body = (answer or "").strip()
    if kind == ArticleKind.QA.value and not question:
        problems.append(
            _error(
                "general_question",
                "Vul de algemene vraag in.",
                "Enter the general question.",
            )
        )
    if not body and not (kind == ArticleKind.FRAMEWORK.value and has_attachment):
        problems.append(
            _error(
                "answer",
                "Vul het antwoord of de tekst van het artikel in."
                if kind == ArticleKind.QA.value
                else "Vul de tekst van het artikel in (of voeg bij een kader een document toe).",
                "Enter the answer or the text of the article."
                if kind == ArticleKind.QA.value
                else "Enter the text of the article (or attach a document to a framework).",
            )
        )
    problems += check_text_length("general_question", question, QUESTION_TEXT_MAX)
    problems += check_text_length("answer", body, ANSWER_MAX)
    if valid_from is None:
        problems.append(
            _error(
                "valid_from",
                "Vul de datum in vanaf wanneer het artikel geldt.",
                "Enter the date from which the article applies.",
            )
        )
    elif valid_until is not None and valid_until < valid_from:
        problems.append(
            _error(
                "valid_until",
                "De einddatum ligt vóór de begindatum.",
                "The end date is before the start date.",
            )
        )
    return problems


def check_new_version(
    *, old_valid_from: dt.date, old_replaced: bool, new_valid_from: dt.date | None
) -> list[Problem]:
    """A new version replaces the current one from its start date: after the old one's start,
    and only once (a version that was replaced already gets no second successor)."""
    problems: list[Problem] = []
    if old_replaced:
        problems.append(
            _error(
                "replaced_by",
                "Deze versie is al vervangen; maak een nieuwe versie van de nieuwste.",
                "This version has been replaced already; make a new version of the newest.",
            )
        )
    if new_valid_from is not None and new_valid_from <= old_valid_from:
        problems.append(
            _error(
                "valid_from",
                f"De nieuwe versie moet later beginnen dan de vorige ({_belgian(old_valid_from)}).",
                f"The new version must start later than the previous one "
                f"({_belgian(old_valid_from)}).",
            )
        )
    return problems


# -- personal data in a publication ------------------------------------------------------------


class FindingKind(StrEnum):
    NAME = "name"
    EMAIL = "email"
    PHONE = "phone"
    NATIONAL_NUMBER = "national_number"
    ACCOUNT = "account"
    CYRILLIC = "cyrillic"


@dataclass(frozen=True)
class Finding:
    """Personal data found in a text meant for publication: what, where (characters of the
    original text), and the fragment itself (shown to the user, never logged)."""

    field: str
    kind: FindingKind
    start: int
    end: int
    fragment: str


_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\d[\d ./()\-]{7,}\d(?!\w)")
# Rijksregisternummer: yy.mm.dd-xxx.cc, with or without separators.
_NATIONAL_NUMBER = re.compile(r"(?<!\d)\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}(?!\d)")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04FF][\u0400-\u04FF'’\-]+")
_DATE_LIKE = re.compile(r"^\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}$")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _looks_like_phone(fragment: str) -> bool:
    digits = _digits(fragment)
    if _DATE_LIKE.match(fragment.strip()):
        return False
    if fragment.startswith(("+", "00")):
        return 9 <= len(digits) <= 15
    # A Belgian number: 9 (landline) or 10 (mobile) digits starting with 0.
    return digits.startswith("0") and len(digits) in (9, 10)


def _fold_with_positions(text: str) -> tuple[str, list[int]]:
    """The folded text (as :func:`fold`) and, for each of its characters, the position of the
    original character it came from."""
    out: list[str] = []
    where: list[int] = []
    for index, ch in enumerate(text):
        decomposed = unicodedata.normalize("NFKD", ch.casefold())
        for part in decomposed:
            if not unicodedata.combining(part):
                out.append(part)
                where.append(index)
    return "".join(out), where


def _findings_in(field_name: str, text: str, folded_names: Sequence[str]) -> list[Finding]:
    candidates: list[tuple[FindingKind, int, int]] = []
    candidates += [(FindingKind.EMAIL, m.start(), m.end()) for m in _EMAIL.finditer(text)]
    candidates += [(FindingKind.ACCOUNT, m.start(), m.end()) for m in _IBAN.finditer(text)]
    candidates += [
        (FindingKind.NATIONAL_NUMBER, m.start(), m.end())
        for m in _NATIONAL_NUMBER.finditer(text)
        if len(_digits(m.group())) == 11
    ]
    for found in _PHONE.finditer(text):
        fragment = found.group().rstrip(" ./-(")
        if _looks_like_phone(fragment):
            candidates.append((FindingKind.PHONE, found.start(), found.start() + len(fragment)))
    if folded_names:
        folded, where = _fold_with_positions(text)
        for name in folded_names:
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
            candidates += [
                (FindingKind.NAME, where[m.start()], where[m.end() - 1] + 1)
                for m in pattern.finditer(folded)
            ]
    candidates += [
        (FindingKind.CYRILLIC, m.start(), m.end()) for m in _CYRILLIC_WORD.finditer(text)
    ]
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for kind, start, end in candidates:  # the first kind to claim a stretch of text keeps it
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        findings.append(Finding(field_name, kind, start, end, text[start:end]))
    return sorted(findings, key=lambda f: f.start)


def find_personal_data(texts: Mapping[str, str | None], names: Iterable[str] = ()) -> list[Finding]:
    """Personal data in texts meant for every team and the municipalities: e-mail addresses,
    phone numbers, national register and account numbers, words in Cyrillic (Ukrainian names
    are often written so), and the ``names`` given (the asker, household members), found
    accent- and case-insensitively as whole words. Ordered by field, then position."""
    folded_names = sorted(
        {fold(n).strip() for n in names if n and len(fold(n).strip()) >= 3},
        key=lambda n: (-len(n), n),
    )
    findings: list[Finding] = []
    for field_name, raw in texts.items():
        if raw and raw.strip():
            findings += _findings_in(field_name, raw, folded_names)
    return findings


_FINDING_TEXT: Mapping[FindingKind, tuple[str, str]] = {
    FindingKind.NAME: ("de naam", "the name"),
    FindingKind.EMAIL: ("het e-mailadres", "the e-mail address"),
    FindingKind.PHONE: ("het telefoonnummer", "the phone number"),
    FindingKind.NATIONAL_NUMBER: ("het rijksregisternummer", "the national register number"),
    FindingKind.ACCOUNT: ("het rekeningnummer", "the account number"),
    FindingKind.CYRILLIC: (
        "de Cyrillische tekst (mogelijk een naam)",
        "the Cyrillic text (possibly a name)",
    ),
}


def check_publication(texts: Mapping[str, str | None], names: Iterable[str] = ()) -> list[Problem]:
    """A warning per piece of personal data found in the texts to publish
    (:func:`find_personal_data`): "Haal de naam 'Olena' uit de tekst of bevestig ...". The
    publication is saved only when the user confirmed them (or took them out)."""
    problems: list[Problem] = []
    for finding in find_personal_data(texts, names):
        nl, en = _FINDING_TEXT[finding.kind]
        problems.append(
            _warning(
                finding.field,
                f"De tekst bevat {nl} '{finding.fragment}'. Een gepubliceerd artikel is voor "
                "alle teams en gemeenten: haal persoonsgegevens eruit.",
                f"The text holds {en} '{finding.fragment}'. A published article is for every "
                "team and municipality: take personal data out.",
            )
        )
    return problems


# -- full-text search terms ----------------------------------------------------------------

_STOPWORDS_TEXT = """
    aan al alle als alsook bij daar dan dat de deze die dit doen door een en er geen had heb
    hebben heeft het hier hij hoe hun ik in is je kan kunnen maar me meer met mij moet moeten
    na naar niet nog nu of om omdat onder ons ook op over te tegen toe tot u uit van veel voor
    vraag vragen vraagt want was wat we welk welke wel wie wij wil worden wordt zal ze zelf zich
    zij zijn zo zoals zou zonder mag mogen graag bv iemand iets onze jullie hen haar hem
    via per elk elke sinds reeds nl enz etc the and for
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
"""Dutch words that say nothing about the subject of a question (and "vraag" itself)."""
TERM_PREFIX = 6
"""Similar-question terms are word starts of this length: "inschrijving" also finds
"inschrijven", "gastgezin" "gastgezinnen" (a poor man's Dutch stemmer)."""
MAX_TERMS = 12
_WORD = re.compile(r"[^\W_]+")
"""A word as the FTS5 tokenizer (unicode61) sees one: letters and digits."""


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if not w.isdigit()]


def similarity_terms(text: str, max_terms: int = MAX_TERMS) -> list[str]:
    """The search terms of a text for "similar questions": its folded words of three letters
    or more, stop words left out, each cut to :data:`TERM_PREFIX` characters, each once.
    With more than ``max_terms`` the longest words are kept (they say most)."""
    terms: list[str] = []
    for word in _words(text):
        if len(word) < 3 or word in STOPWORDS:
            continue
        term = word[:TERM_PREFIX]
        if term not in terms:
            terms.append(term)
    if len(terms) > max_terms:
        keep = set(sorted(terms, key=lambda t: (-len(t), terms.index(t)))[:max_terms])
        terms = [t for t in terms if t in keep]
    return terms


def match_any_term(terms: Sequence[str]) -> str | None:
    """An FTS5 query for any of ``terms``, each a word start (ranked by bm25 in SQL)."""
    if not terms:
        return None
    return " OR ".join(f'"{term}"*' for term in terms)


def match_all_words(text: str) -> str | None:
    """An FTS5 query for a search box: every typed word must start a word of the text ("sociaal
    tar" finds "sociaal tarief"). Only letters and digits reach the query (each word quoted),
    so nothing the user types is FTS5 syntax."""
    words = _WORD.findall(fold(text))
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in dict.fromkeys(words))
