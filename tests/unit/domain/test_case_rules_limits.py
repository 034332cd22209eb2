"""Every case rule at its edge, with the message a user reads (Dutch, and the English twin).

The value at a limit is saved, one past it is refused. Found by mutation testing
(tests/mutation, docs/testing.md); the workflow matrix itself is in
tests/unit/cases/test_case_rules.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from vlot_desktop.domain.case_rules import (
    DUE_SOON_DAYS,
    NAME_MAX,
    OLDEST_AGE,
    TIMELINE_TEXT_MAX,
    MemberValues,
    Problem,
    Severity,
    Urgency,
    check_member,
    check_new_case,
    check_status_step,
    check_timeline_text,
    is_overdue,
    next_statuses,
    urgency,
)
from vlot_desktop.domain.enums import CaseStatus as S
from vlot_desktop.domain.enums import CaseType, Relation, Sex

TODAY = dt.date(2026, 11, 26)
DAY = dt.timedelta(days=1)

Found = tuple[str, str, str, Severity]


def _as_found(problems: list[Problem]) -> list[Found]:
    return [(p.field, p.message, p.message_en, p.severity) for p in problems]


# -- status steps: the messages ---------------------------------------------------------------


@pytest.mark.parametrize("status", list(S))
def test_choosing_the_status_a_case_already_has_says_so(status: S) -> None:
    assert _as_found(check_status_step(status, status)) == [
        (
            "status",
            f"Het dossier heeft de status '{status.label_nl}' al.",
            f"The case already has the status '{status.label_en}'.",
            Severity.ERROR,
        )
    ]


def test_a_new_case_must_be_taken_in_progress_before_it_waits_or_is_solved() -> None:
    assert _as_found(check_status_step(S.NEW, S.WAITING_FOR_PLACE)) == [
        (
            "status",
            "Een nieuw dossier kan niet meteen naar 'Wacht op plaats': "
            "neem het eerst in behandeling.",
            "A new case cannot go straight to 'Waiting for a place': take it in progress first.",
            Severity.ERROR,
        )
    ]
    (solved,) = check_status_step(S.NEW, S.SOLVED)
    assert solved.message == (
        "Een nieuw dossier kan niet meteen naar 'Oplossing gevonden': "
        "neem het eerst in behandeling."
    )


def test_another_illegal_step_names_both_statuses() -> None:
    assert _as_found(check_status_step(S.CLOSED, S.REFERRED)) == [
        (
            "status",
            "Van 'Afgesloten' kan een dossier niet naar 'Doorverwezen'.",
            "A case cannot go from 'Closed' to 'Referred'.",
            Severity.ERROR,
        )
    ]


def test_every_status_offers_at_least_one_step_and_never_itself() -> None:
    for status in S:
        assert next_statuses(status)
        assert status not in next_statuses(status)


# -- urgency and overdue: one rule in two functions -------------------------------------------


def test_a_deadline_today_is_urgent_but_not_overdue() -> None:
    assert urgency(TODAY, S.IN_PROGRESS, TODAY) is Urgency.DUE_SOON
    assert not is_overdue(TODAY, S.IN_PROGRESS, TODAY)
    assert urgency(TODAY - DAY, S.IN_PROGRESS, TODAY) is Urgency.OVERDUE
    assert is_overdue(TODAY - DAY, S.IN_PROGRESS, TODAY)


def test_due_soon_means_within_seven_days_today_included() -> None:
    assert DUE_SOON_DAYS == 7
    assert urgency(TODAY + 6 * DAY, S.NEW, TODAY) is Urgency.DUE_SOON
    assert urgency(TODAY + 7 * DAY, S.NEW, TODAY) is Urgency.NORMAL


@pytest.mark.parametrize("status", list(S))
def test_overdue_in_the_list_and_in_the_filter_agree(status: S) -> None:
    """The list's red "overdue" (urgency) and the "overdue only" filter (is_overdue) agree for
    every status and every deadline around today."""
    for offset in range(-10, 11):
        deadline = TODAY + offset * DAY
        assert (urgency(deadline, status, TODAY) is Urgency.OVERDUE) == is_overdue(
            deadline, status, TODAY
        ), (status, offset)
    assert urgency(None, status, TODAY) is Urgency.NONE
    assert not is_overdue(None, status, TODAY)


@pytest.mark.parametrize("status", [S.SOLVED, S.REFERRED, S.CLOSED])
def test_a_closed_case_is_never_pressing(status: S) -> None:
    for offset in (-30, -1, 0, 1, 30):
        assert urgency(TODAY + offset * DAY, status, TODAY) is Urgency.NONE
        assert not is_overdue(TODAY + offset * DAY, status, TODAY)


# -- a new case ------------------------------------------------------------------------------


def _new_case(**changes: object) -> list[Found]:
    fields: dict[str, object] = {
        "case_type": CaseType.REHOUSING.value,
        "team_code": "limburg",
        "municipality_nis": "71022",
        "opened_on": TODAY,
        "deadline": None,
        "today": TODAY,
        "known_teams": {"limburg", "centraal"},
        "known_municipalities": {"71022", "11002"},
    }
    fields.update(changes)
    return _as_found(check_new_case(**fields))  # type: ignore[arg-type]


def test_a_complete_new_case_has_no_problems() -> None:
    assert _new_case() == []
    for case_type in CaseType:
        assert _new_case(case_type=case_type.value) == []


def test_a_new_case_without_type_team_or_municipality_names_all_three() -> None:
    assert _new_case(case_type=None, team_code="", municipality_nis=None) == [
        ("case_type", "Kies een soort dossier.", "Choose a case type.", Severity.ERROR),
        ("team_code", "Kies een team.", "Choose a team.", Severity.ERROR),
        ("municipality_nis", "Kies een gemeente.", "Choose a municipality.", Severity.ERROR),
    ]


def test_an_unknown_type_team_or_municipality_is_named() -> None:
    assert _new_case(case_type="verhuis") == [
        ("case_type", "Onbekend soort dossier: verhuis.", "Unknown type: verhuis.", Severity.ERROR)
    ]
    assert _new_case(team_code="gent") == [
        ("team_code", "Onbekend team: gent.", "Unknown team: gent.", Severity.ERROR)
    ]
    assert _new_case(municipality_nis="99999") == [
        (
            "municipality_nis",
            "Onbekende gemeente (NIS-code 99999).",
            "Unknown municipality (NIS code 99999).",
            Severity.ERROR,
        )
    ]


def test_a_case_can_open_today_but_not_tomorrow() -> None:
    assert _new_case(opened_on=TODAY) == []
    assert _new_case(opened_on=TODAY + DAY) == [
        (
            "opened_on",
            "De openingsdatum kan niet in de toekomst liggen.",
            "The opening date cannot be in the future.",
            Severity.ERROR,
        )
    ]


def test_the_deadline_may_be_the_opening_day_but_not_before() -> None:
    opened = TODAY - 10 * DAY
    assert _new_case(opened_on=opened, deadline=opened) == []
    assert _new_case(opened_on=opened, deadline=opened - DAY) == [
        (
            "deadline",
            "De deadline ligt vóór de openingsdatum.",
            "The deadline is before the opening date.",
            Severity.ERROR,
        )
    ]


# -- a note or contact moment -----------------------------------------------------------------


def test_a_timeline_text_at_its_limit_is_saved_and_one_past_it_is_refused() -> None:
    assert TIMELINE_TEXT_MAX == 10_000
    assert check_timeline_text("t" * TIMELINE_TEXT_MAX) == []
    assert check_timeline_text("  " + "t" * TIMELINE_TEXT_MAX + "\n") == []
    assert _as_found(check_timeline_text("t" * (TIMELINE_TEXT_MAX + 1))) == [
        (
            "text",
            "De tekst is te lang (hoogstens 10000 tekens).",
            "The text is too long (at most 10000 characters).",
            Severity.ERROR,
        )
    ]


@pytest.mark.parametrize("empty", [None, "", "  \n "])
def test_an_empty_timeline_text_is_refused(empty: str | None) -> None:
    assert _as_found(check_timeline_text(empty)) == [
        ("text", "Vul een tekst in.", "Enter a text.", Severity.ERROR)
    ]


# -- household members ------------------------------------------------------------------------


def _member(**changes: object) -> list[Found]:
    values = MemberValues(first_name="Olena", last_name="Kovalenko")
    for key, value in changes.items():
        setattr(values, key, value)
    return _as_found(check_member(values, today=TODAY))


def test_a_name_at_its_limit_is_saved_and_one_past_it_is_refused() -> None:
    assert NAME_MAX == 100
    assert _member(first_name="O" * NAME_MAX, last_name=" " + "K" * NAME_MAX + " ") == []
    assert _member(first_name="O" * (NAME_MAX + 1)) == [
        (
            "first_name",
            "De voornaam is te lang (hoogstens 100 tekens).",
            "The first name is too long (at most 100 characters).",
            Severity.ERROR,
        )
    ]
    assert _member(last_name="K" * (NAME_MAX + 1)) == [
        (
            "last_name",
            "De achternaam is te lang (hoogstens 100 tekens).",
            "The last name is too long (at most 100 characters).",
            Severity.ERROR,
        )
    ]


def test_missing_names_are_asked_for() -> None:
    assert _member(first_name=None, last_name="  ") == [
        ("first_name", "Vul de voornaam in.", "Enter the first name.", Severity.ERROR),
        ("last_name", "Vul de achternaam in.", "Enter the last name.", Severity.ERROR),
    ]


@pytest.mark.parametrize("name", ["Олена", "123", "—"])
def test_a_name_without_a_latin_letter_is_refused(name: str) -> None:
    assert _member(last_name=name) == [
        (
            "last_name",
            "Schrijf de achternaam in Latijnse letters; "
            "voor het Cyrillische schrift is er een apart veld.",
            "Write the last name in Latin letters; Cyrillic has a field of its own.",
            Severity.ERROR,
        )
    ]


def test_a_letter_without_a_unicode_name_gets_the_message_not_a_crash() -> None:
    # U+17000 (Tangut) is a letter that Python's character database has no name for.
    tangut = "\U00017000"
    assert [f[:2] for f in _member(first_name=tangut)] == [
        (
            "first_name",
            "Schrijf de voornaam in Latijnse letters; "
            "voor het Cyrillische schrift is er een apart veld.",
        )
    ]
    assert [f[:2] for f in _member(first_name_cyrillic=tangut)] == [
        ("first_name_cyrillic", "Gebruik in dit veld Cyrillische letters (bijvoorbeeld Олена).")
    ]


@pytest.mark.parametrize("name", ["O'Brien", "Kovalenko-Ševčenko", "Zoë 2", "Ольга Olha"])
def test_a_name_with_latin_letters_is_accepted(name: str) -> None:
    assert _member(first_name=name) == []


def test_a_cyrillic_name_at_its_limit_is_saved_and_one_past_it_is_refused() -> None:
    assert _member(first_name_cyrillic="О" * NAME_MAX, last_name_cyrillic="К" * NAME_MAX) == []
    for field in ("first_name_cyrillic", "last_name_cyrillic"):
        assert _member(**{field: "О" * (NAME_MAX + 1)}) == [
            (
                field,
                "De naam is te lang (hoogstens 100 tekens).",
                "The name is too long (at most 100 characters).",
                Severity.ERROR,
            )
        ]


@pytest.mark.parametrize("name", ["Olena", "Оlena", "Олена Ann"])
def test_a_cyrillic_field_with_a_latin_letter_is_refused(name: str) -> None:
    assert _member(first_name_cyrillic=name) == [
        (
            "first_name_cyrillic",
            "Gebruik in dit veld Cyrillische letters (bijvoorbeeld Олена).",
            "Use Cyrillic letters in this field (for example Олена).",
            Severity.ERROR,
        )
    ]


@pytest.mark.parametrize("name", ["Олена", "Коваленко-Шевчук", "Ірина 2", "  ", None])
def test_a_cyrillic_field_takes_cyrillic_letters_and_other_signs_or_nothing(
    name: str | None,
) -> None:
    assert _member(first_name_cyrillic=name, last_name_cyrillic=name) == []


def test_a_birth_year_of_this_year_is_saved_and_next_year_is_refused() -> None:
    assert _member(birth_year=TODAY.year) == []
    assert _member(birth_year=TODAY.year + 1) == [
        (
            "birth_year",
            "Het geboortejaar kan niet in de toekomst liggen.",
            "The birth year cannot be in the future.",
            Severity.ERROR,
        )
    ]


def test_the_oldest_plausible_birth_year_is_saved_and_the_year_before_refused() -> None:
    assert OLDEST_AGE == 110
    assert _member(birth_year=TODAY.year - OLDEST_AGE) == []
    assert _member(birth_year=1915) == [
        (
            "birth_year",
            "Het geboortejaar 1915 is niet geloofwaardig.",
            "The birth year 1915 is not plausible.",
            Severity.ERROR,
        )
    ]
    assert TODAY.year - OLDEST_AGE - 1 == 1915
    assert _member(birth_year=None) == []


def test_sex_is_one_of_the_known_values_or_empty() -> None:
    for sex in Sex:
        assert _member(sex=sex.value) == []
    assert _member(sex=None) == [] and _member(sex="") == []
    assert _member(sex="q") == [("sex", "Onbekend geslacht: q.", "Unknown sex: q.", Severity.ERROR)]


def test_the_relation_is_required_and_one_of_the_known_values() -> None:
    for relation in Relation:
        assert _member(relation=relation.value) == []
    assert _member(relation=None) == [
        (
            "relation",
            "Kies de relatie tot de contactpersoon.",
            "Choose the relation to the contact person.",
            Severity.ERROR,
        )
    ]
    assert _member(relation="buur") == [
        ("relation", "Onbekende relatie: buur.", "Unknown relation: buur.", Severity.ERROR)
    ]


def test_a_new_member_is_the_contact_person_unless_told_otherwise() -> None:
    assert MemberValues().relation == Relation.CONTACT_PERSON.value


def test_phone_and_language_at_their_limit_are_saved_and_one_past_refused() -> None:
    assert _member(phone="1" * 50, language="l" * 50) == []
    assert _member(phone="1" * 51) == [
        ("phone", "Het telefoonnummer is te lang.", "The phone number is too long.", Severity.ERROR)
    ]
    assert _member(language="l" * 51) == [
        ("language", "De taal is te lang.", "The language is too long.", Severity.ERROR)
    ]


def test_every_problem_of_a_member_is_listed_at_once_in_form_order() -> None:
    found = _member(
        first_name=None,
        last_name="Олена",
        first_name_cyrillic="Olena",
        last_name_cyrillic="К" * (NAME_MAX + 1),
        birth_year=TODAY.year + 1,
        sex="q",
        relation="buur",
        phone="1" * 51,
        language="l" * 51,
    )
    assert [f[0] for f in found] == [
        "first_name",
        "last_name",
        "first_name_cyrillic",
        "last_name_cyrillic",
        "birth_year",
        "sex",
        "relation",
        "phone",
        "language",
    ]
    assert all(f[3] is Severity.ERROR for f in found)


def test_an_error_stops_the_save_and_speaks_the_users_language() -> None:
    (problem,) = check_timeline_text("")
    assert problem.is_error
    assert problem.text("nl") == "Vul een tekst in."
    assert problem.text("en") == "Enter a text."
