"""Versioned checklist templates, such as the prospect (site visit) checklist.

A template lives in ``resources/data/checklists/<template>_v<version>.json``. Templates are
versioned rather than edited in place because answers recorded during a visit refer to item
keys: a visit made with version 1 must still be readable, and printable, after version 2 ships.
Item keys (``"<section>.<slug>"``) are therefore stable identifiers, and this module checks them
strictly, together with everything else the forms and reports rely on.

Standard library only: no Qt, no database. Errors are :class:`ReferenceDataError` with the
position in the file, e.g. ``sections[2].items[4]: choice item without choices``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from vlot_desktop.domain.themes import (
    ReferenceDataError,
    _at,
    _check_fields,
    _claim,
    _expect_code,
    _expect_int,
    _expect_list,
    _expect_object,
    _expect_str,
    _read_json,
    _type_name,
)

__all__ = [
    "ChecklistItem",
    "ChecklistTemplate",
    "Choice",
    "ItemKind",
    "ReferenceDataError",
    "Section",
    "available_versions",
    "checklist_path",
    "load_checklist",
    "parse_checklist",
]

_KEY_RE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_KEY_SHAPE = "lowercase ASCII letters and digits separated by single underscores"


class ItemKind(StrEnum):
    """How an item is answered; the form widget and the report layout follow from it."""

    YES_NO_NA = "yes_no_na"
    NUMBER = "number"
    TEXT = "text"
    CHOICE = "choice"
    PHOTO = "photo"


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice item; ``key`` is what gets stored as the answer."""

    key: str
    label_nl: str
    label_en: str


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One question of a checklist; ``key`` is stable across the life of a template version."""

    key: str
    section_key: str
    label_nl: str
    label_en: str
    kind: ItemKind
    required: bool
    choices: tuple[Choice, ...] = ()
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    help_nl: str | None = None
    help_en: str | None = None

    def choice(self, key: str) -> Choice:
        """The choice with this key; raises KeyError (also for non-choice items)."""
        for choice in self.choices:
            if choice.key == key:
                return choice
        raise KeyError(f"{self.key}: no choice {key!r}")


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of items, shown as one page or block in the form and the report."""

    key: str
    title_nl: str
    title_en: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True, slots=True)
class ChecklistTemplate:
    """A complete checklist template of one version, in file order."""

    template: str
    version: int
    title_nl: str
    title_en: str
    sections: tuple[Section, ...]

    def items(self) -> tuple[ChecklistItem, ...]:
        """All items of all sections, in the order they are asked."""
        return tuple(item for section in self.sections for item in section.items)

    def item(self, key: str) -> ChecklistItem:
        """The item with this key; raises KeyError if this version does not have it."""
        for section in self.sections:
            for item in section.items:
                if item.key == key:
                    return item
        raise KeyError(f"{self.template} v{self.version}: no item {key!r}")

    def section(self, key: str) -> Section:
        """The section with this key; raises KeyError if this version does not have it."""
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(f"{self.template} v{self.version}: no section {key!r}")


# --- parsing ------------------------------------------------------------------------------

_TOP_FIELDS = frozenset({"template", "version", "title_nl", "title_en", "sections"})
_SECTION_FIELDS = frozenset({"key", "title_nl", "title_en", "items"})
_ITEM_FIELDS = frozenset({"key", "label_nl", "label_en", "kind", "required"})
_ITEM_OPTIONAL = frozenset({"help_nl", "help_en", "unit", "min", "max", "choices"})
_CHOICE_FIELDS = frozenset({"key", "label_nl", "label_en"})
_NUMBER_ONLY = ("unit", "min", "max")
_KINDS = ", ".join(kind.value for kind in ItemKind)


def _optional_str(obj: Mapping[str, object], field: str, where: str) -> str | None:
    if field not in obj:
        return None
    return _expect_str(obj[field], _at(where, field))


def _optional_number(obj: Mapping[str, object], field: str, where: str) -> float | None:
    if field not in obj:
        return None
    value = obj[field]
    # bool is an int subclass; JSON true is not a bound.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReferenceDataError(f"{_at(where, field)}: expected a number, got {_type_name(value)}")
    if not math.isfinite(value):
        raise ReferenceDataError(f"{_at(where, field)}: must be a finite number")
    return value


def _parse_choices(raw: object, where: str) -> tuple[Choice, ...]:
    raw_choices = _expect_list(raw, where, non_empty=False)
    if len(raw_choices) < 2:
        raise ReferenceDataError(f"{where}: a choice item needs at least two choices")
    seen: dict[str, str] = {}
    choices: list[Choice] = []
    for index, raw_choice in enumerate(raw_choices):
        c_where = f"{where}[{index}]"
        obj = _expect_object(raw_choice, c_where)
        _check_fields(obj, c_where, _CHOICE_FIELDS)
        key = _expect_code(obj["key"], f"{c_where}.key", _KEY_RE, _KEY_SHAPE)
        _claim(seen, key, f"{c_where}.key", "choice key")
        choices.append(
            Choice(
                key=key,
                label_nl=_expect_str(obj["label_nl"], f"{c_where}.label_nl"),
                label_en=_expect_str(obj["label_en"], f"{c_where}.label_en"),
            )
        )
    return tuple(choices)


def _parse_item(raw: object, where: str, section_key: str, seen: dict[str, str]) -> ChecklistItem:
    obj = _expect_object(raw, where)
    _check_fields(obj, where, _ITEM_FIELDS, _ITEM_OPTIONAL)

    key = _expect_str(obj["key"], f"{where}.key")
    prefix = f"{section_key}."
    if not key.startswith(prefix):
        raise ReferenceDataError(
            f"{where}.key: {key!r} is not prefixed with its section key {prefix!r}"
        )
    if not _KEY_RE.fullmatch(key.removeprefix(prefix)):
        raise ReferenceDataError(
            f"{where}.key: {key!r} is not a valid item key"
            f" ('<section>.<slug>', slug of {_KEY_SHAPE})"
        )
    _claim(seen, key, f"{where}.key", "item key")

    raw_kind = _expect_str(obj["kind"], f"{where}.kind")
    try:
        kind = ItemKind(raw_kind)
    except ValueError:
        raise ReferenceDataError(
            f"{where}.kind: unknown kind {raw_kind!r} (expected one of: {_KINDS})"
        ) from None

    required = obj["required"]
    if not isinstance(required, bool):
        raise ReferenceDataError(
            f"{where}.required: expected a boolean, got {_type_name(required)}"
        )

    choices: tuple[Choice, ...] = ()
    if kind is ItemKind.CHOICE:
        if "choices" not in obj:
            raise ReferenceDataError(f"{where}: choice item without choices")
        choices = _parse_choices(obj["choices"], f"{where}.choices")
    elif "choices" in obj:
        raise ReferenceDataError(f"{where}: {kind.value} item with choices (only choice items)")

    if kind is not ItemKind.NUMBER:
        for field in _NUMBER_ONLY:
            if field in obj:
                raise ReferenceDataError(
                    f"{where}: {kind.value} item with {field!r} (only number items)"
                )
    minimum = _optional_number(obj, "min", where)
    maximum = _optional_number(obj, "max", where)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ReferenceDataError(f"{where}: min ({minimum}) is greater than max ({maximum})")

    return ChecklistItem(
        key=key,
        section_key=section_key,
        label_nl=_expect_str(obj["label_nl"], f"{where}.label_nl"),
        label_en=_expect_str(obj["label_en"], f"{where}.label_en"),
        kind=kind,
        required=required,
        choices=choices,
        unit=_optional_str(obj, "unit", where),
        min=minimum,
        max=maximum,
        help_nl=_optional_str(obj, "help_nl", where),
        help_en=_optional_str(obj, "help_en", where),
    )


def parse_checklist(data: object) -> ChecklistTemplate:
    """Validate a decoded checklist template document and build the template.

    Strict on purpose: unknown fields, duplicate keys and kind/field mismatches are errors,
    because a silently ignored typo would show up as a wrong form during a site visit.
    """
    top = _expect_object(data, "")
    _check_fields(top, "", _TOP_FIELDS)
    template = _expect_code(top["template"], "template", _KEY_RE, _KEY_SHAPE)
    version = _expect_int(top["version"], "version", minimum=1)
    title_nl = _expect_str(top["title_nl"], "title_nl")
    title_en = _expect_str(top["title_en"], "title_en")
    raw_sections = _expect_list(top["sections"], "sections")

    seen_sections: dict[str, str] = {}
    seen_items: dict[str, str] = {}
    sections: list[Section] = []
    for s_index, raw_section in enumerate(raw_sections):
        s_where = f"sections[{s_index}]"
        obj = _expect_object(raw_section, s_where)
        _check_fields(obj, s_where, _SECTION_FIELDS)
        key = _expect_code(obj["key"], f"{s_where}.key", _KEY_RE, _KEY_SHAPE)
        _claim(seen_sections, key, f"{s_where}.key", "section key")
        raw_items = _expect_list(obj["items"], f"{s_where}.items")
        items = tuple(
            _parse_item(raw_item, f"{s_where}.items[{i_index}]", key, seen_items)
            for i_index, raw_item in enumerate(raw_items)
        )
        sections.append(
            Section(
                key=key,
                title_nl=_expect_str(obj["title_nl"], f"{s_where}.title_nl"),
                title_en=_expect_str(obj["title_en"], f"{s_where}.title_en"),
                items=items,
            )
        )
    return ChecklistTemplate(
        template=template,
        version=version,
        title_nl=title_nl,
        title_en=title_en,
        sections=tuple(sections),
    )


def load_checklist(path: Path) -> ChecklistTemplate:
    """Read and validate a checklist template file; errors name the file and the position."""
    data = _read_json(path)
    try:
        return parse_checklist(data)
    except ReferenceDataError as exc:
        raise ReferenceDataError(f"{path}: {exc}") from exc


# --- locating template files --------------------------------------------------------------


def checklist_path(resources_data_dir: Path, template: str, version: int) -> Path:
    """Where a template version lives: ``<data dir>/checklists/<template>_v<version>.json``."""
    if not _KEY_RE.fullmatch(template):
        raise ValueError(f"invalid template name {template!r} ({_KEY_SHAPE})")
    if isinstance(version, bool) or version < 1:
        raise ValueError(f"invalid template version {version!r}: must be a positive integer")
    return resources_data_dir / "checklists" / f"{template}_v{version}.json"


def available_versions(resources_data_dir: Path, template: str) -> list[int]:
    """The versions of ``template`` present on disk, ascending (empty if there are none).

    Only names that :func:`checklist_path` would produce count, so ``prospect_v01.json`` or
    ``prospect_extra_v1.json`` are not mistaken for a version of ``prospect``.
    """
    folder = resources_data_dir / "checklists"
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(template) + r"_v([1-9][0-9]*)\.json")
    versions: list[int] = []
    for entry in folder.iterdir():
        match = pattern.fullmatch(entry.name)
        if match and entry.is_file():
            versions.append(int(match.group(1)))
    return sorted(versions)
