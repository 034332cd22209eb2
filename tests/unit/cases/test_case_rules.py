"""The case workflow, member validation and urgency: pure rules with the messages users read."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from vlot_desktop.domain.case_rules import (
    MemberValues,
    Urgency,
    check_member,
    check_status_step,
    is_overdue,
    member_search_names,
    next_statuses,
    urgency,
)
from vlot_desktop.domain.enums import CaseStatus as S

TODAY = dt.date(2026, 11, 26)

LEGAL = {
    (S.NEW, S.IN_PROGRESS),
    (S.NEW, S.REFERRED),
    (S.NEW, S.CLOSED),
    (S.IN_PROGRESS, S.WAITING_FOR_PLACE),
    (S.IN_PROGRESS, S.SOLVED),
    (S.IN_PROGRESS, S.REFERRED),
    (S.IN_PROGRESS, S.CLOSED),
    (S.WAITING_FOR_PLACE, S.IN_PROGRESS),
    (S.WAITING_FOR_PLACE, S.SOLVED),
    (S.WAITING_FOR_PLACE, S.REFERRED),
    (S.WAITING_FOR_PLACE, S.CLOSED),
    (S.SOLVED, S.CLOSED),
    (S.SOLVED, S.IN_PROGRESS),
    (S.REFERRED, S.CLOSED),
    (S.REFERRED, S.IN_PROGRESS),
    (S.CLOSED, S.IN_PROGRESS),
}


@pytest.mark.parametrize(("current", "new"), list(itertools.product(S, S)))
def test_every_step_is_either_allowed_or_refused_with_a_dutch_message(current: S, new: S) -> None:
    problems = check_status_step(current, new)
    if (current, new) in LEGAL:
        assert problems == []
        assert new in next_statuses(current)
    else:
        assert len(problems) == 1 and problems[0].is_error
        assert problems[0].field == "status"
        assert new.label_nl in problems[0].message
        assert new.label_en in problems[0].message_en


def test_a_new_case_cannot_jump_to_solved() -> None:
    (problem,) = check_status_step(S.NEW, S.SOLVED)
    assert "neem het eerst in behandeling" in problem.message
    (problem,) = check_status_step(S.CLOSED, S.SOLVED)
    assert problem.message == "Van 'Afgesloten' kan een dossier niet naar 'Oplossing gevonden'."


def test_overdue_means_deadline_before_today_and_case_open() -> None:
    yesterday, tomorrow = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    assert is_overdue(yesterday, S.WAITING_FOR_PLACE, TODAY)
    assert not is_overdue(TODAY, S.WAITING_FOR_PLACE, TODAY)
    assert not is_overdue(yesterday, S.SOLVED, TODAY)
    assert not is_overdue(None, S.NEW, TODAY)
    assert urgency(yesterday, S.NEW, TODAY) is Urgency.OVERDUE
    assert urgency(tomorrow, S.NEW, TODAY) is Urgency.DUE_SOON
    assert urgency(TODAY + dt.timedelta(days=30), S.NEW, TODAY) is Urgency.NORMAL
    assert urgency(yesterday, S.CLOSED, TODAY) is Urgency.NONE


def test_member_needs_names_and_a_plausible_birth_year() -> None:
    problems = check_member(
        MemberValues(first_name=" ", last_name=None, birth_year=1850), today=TODAY
    )
    messages = {p.field: p.message for p in problems}
    assert messages == {
        "first_name": "Vul de voornaam in.",
        "last_name": "Vul de achternaam in.",
        "birth_year": "Het geboortejaar 1850 is niet geloofwaardig.",
    }
    (future,) = check_member(
        MemberValues(first_name="Olena", last_name="Kovalenko", birth_year=2027), today=TODAY
    )
    assert future.message == "Het geboortejaar kan niet in de toekomst liggen."


def test_cyrillic_is_optional_but_must_be_cyrillic() -> None:
    assert check_member(MemberValues(first_name="Olena", last_name="Kovalenko"), today=TODAY) == []
    good = MemberValues(
        first_name="Olena",
        last_name="Kovalenko",
        first_name_cyrillic="Олена",
        last_name_cyrillic="Коваленко-Шевчук",
    )
    assert check_member(good, today=TODAY) == []
    bad = MemberValues(first_name="Olena", last_name="Kovalenko", last_name_cyrillic="Kovalenko")
    (problem,) = check_member(bad, today=TODAY)
    assert problem.field == "last_name_cyrillic"
    assert "Cyrillische letters" in problem.message
    (latin,) = check_member(MemberValues(first_name="Олена", last_name="Kovalenko"), today=TODAY)
    assert latin.field == "first_name" and "Latijnse letters" in latin.message


def test_search_names_hold_latin_and_cyrillic_folded() -> None:
    values = MemberValues(
        first_name="Hélène",
        last_name="Kovalenko",
        first_name_cyrillic="ОЛЕНА",
        last_name_cyrillic="Ковале\u0301нко",  # with a stress mark
    )
    assert member_search_names(values) == "helene kovalenko олена коваленко"
