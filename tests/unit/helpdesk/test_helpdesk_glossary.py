"""docs/glossary.md names the helpdesk's choices (they live in domain/question_rules.py, not in
domain/enums.py, so tests/unit/test_glossary.py does not see them) and its Dutch words."""

from __future__ import annotations

from pathlib import Path

import pytest

from vlot_desktop.domain.enums import LabelledEnum
from vlot_desktop.domain.question_rules import ArticleKind, DispatchStatus

GLOSSARY = Path(__file__).resolve().parents[3] / "docs" / "glossary.md"


@pytest.mark.parametrize("vocabulary", [ArticleKind, DispatchStatus], ids=lambda v: v.__name__)
def test_every_value_is_in_the_glossary_with_its_dutch_label(
    vocabulary: type[LabelledEnum],
) -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    for member in vocabulary:
        assert member.label_nl.strip() and member.label_en.strip()
        assert member.label("en") == member.label_en
        row = f"| {member.label_nl} | `{member.value}` | `{vocabulary.__name__}.{member.name}` |"
        assert row in text


def test_the_dutch_words_of_the_helpdesk_are_explained() -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    for word in (
        "| Vragen / vraag |",
        "| doorverwijzen / doorverwijzing |",
        "| beleidsdomein / beleidsveld |",
        "| sectorcoördinator |",
        "| Kennisbank |",
        "| artikel |",
        "| ontvangend team |",
        "| behandelend team |",
        "| vraagsteller |",
        "| publiceren |",
        "| statusgeschiedenis |",
    ):
        assert word in text
