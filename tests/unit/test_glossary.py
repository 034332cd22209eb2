"""docs/glossary.md lists every choice the interface offers, in Dutch, with its name in code."""

from __future__ import annotations

import inspect
from pathlib import Path

from vlot_desktop.domain import enums

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"


def test_every_enum_value_is_in_the_glossary_with_its_dutch_label() -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    missing = [
        f"{name}.{member.name}"
        for name, cls in inspect.getmembers(enums, inspect.isclass)
        if issubclass(cls, enums.LabelledEnum) and cls is not enums.LabelledEnum
        for member in cls
        if f"| {member.label_nl} | `{member.value}` | `{name}.{member.name}` |" not in text
    ]
    assert missing == []
