"""Every value of every closed vocabulary has a Dutch and an English label (no blank cell, no
crash in a list or a report), and ``label(language)`` picks the one the user chose."""

from __future__ import annotations

import pytest

from vlot_desktop.domain import enums
from vlot_desktop.domain.enums import CaseStatus, LabelledEnum, LocationStatus, QuestionStatus

VOCABULARIES = [
    value
    for value in vars(enums).values()
    if isinstance(value, type) and issubclass(value, LabelledEnum) and value is not LabelledEnum
]


def test_the_vocabularies_are_found() -> None:
    assert len(VOCABULARIES) >= 18
    assert CaseStatus in VOCABULARIES and LocationStatus in VOCABULARIES


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_value_has_both_labels(vocabulary: type[LabelledEnum]) -> None:
    for member in vocabulary:
        assert member.label_nl.strip() and member.label_en.strip()
        assert member.label("nl") == member.label_nl
        assert member.label("en") == member.label_en


def test_label_follows_the_chosen_language_and_falls_back_to_dutch() -> None:
    assert LocationStatus.WOUND_DOWN.label("en") == "Wound down"
    assert LocationStatus.WOUND_DOWN.label("nl") == "Afgebouwd"
    assert LocationStatus.WOUND_DOWN.label("fr") == "Afgebouwd"
    assert LocationStatus.WOUND_DOWN.label("EN") == "Afgebouwd"


def test_open_and_closed_statuses() -> None:
    assert {s for s in CaseStatus if s.is_open} == {
        CaseStatus.NEW,
        CaseStatus.IN_PROGRESS,
        CaseStatus.WAITING_FOR_PLACE,
    }
    assert {s for s in QuestionStatus if s.is_open} == {
        QuestionStatus.NEW,
        QuestionStatus.IN_PROGRESS,
        QuestionStatus.DISPATCHED,
    }
