"""The helpdesk theme taxonomy: policy domains ("beleidsvelden") and their themes.

The taxonomy lives in ``resources/data/themes.json`` rather than in code so that it can grow
without a release of the parsing logic; its codes become database keys, so this module checks
the file strictly (types, required fields, slug format, uniqueness) and fails loudly at start-up
instead of letting a typo end up in the records.

This module also defines :class:`ReferenceDataError` and the small validation helpers that the
other reference-data parsers (see :mod:`vlot_desktop.domain.checklist`) reuse, so that every
reference file reports its problems the same way: ``<position in the file>: <what is wrong>``.
Standard library only: no Qt, no database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "PolicyDomain",
    "ReferenceDataError",
    "Theme",
    "all_themes",
    "load_themes",
    "parse_themes",
    "theme_by_code",
]

_CODE_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ReferenceDataError(ValueError):
    """A bundled reference-data file (themes, checklist templates) is malformed.

    A subclass of :class:`ValueError` so generic callers can still catch it, but distinct so
    that start-up code can report "the installation is broken" rather than a user error.
    """


@dataclass(frozen=True, slots=True)
class Theme:
    """One helpdesk theme; ``code`` is the stable key stored with each question."""

    code: str
    name_nl: str
    name_en: str
    domain_code: str


@dataclass(frozen=True, slots=True)
class PolicyDomain:
    """A policy domain ("beleidsveld") to which the central team dispatches questions."""

    code: str
    name_nl: str
    name_en: str
    themes: tuple[Theme, ...]


# --- shared validation helpers (also used by checklist.py) ----------------------------------
# Positions are written like a path into the JSON document: "sections[2].items[4].kind".


def _at(where: str, field: str) -> str:
    """Join a position and a field name; the top level has the empty position."""
    return f"{where}.{field}" if where else field


def _label(where: str) -> str:
    return where or "top level"


def _type_name(value: object) -> str:
    """The JSON name of a value's type, so messages speak the file's language, not Python's."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _expect_object(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise ReferenceDataError(f"{_label(where)}: expected an object, got {_type_name(value)}")
    return value


def _check_fields(
    obj: Mapping[str, object],
    where: str,
    required: frozenset[str],
    optional: frozenset[str] = frozenset(),
) -> None:
    """Reject missing and unknown fields: an unknown field is almost always a typo."""
    missing = sorted(required - obj.keys())
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        raise ReferenceDataError(f"{_label(where)}: missing field(s) {names}")
    unknown = sorted(obj.keys() - required - optional)
    if unknown:
        names = ", ".join(f"'{name}'" for name in unknown)
        raise ReferenceDataError(f"{_label(where)}: unknown field(s) {names}")


def _expect_list(value: object, where: str, *, non_empty: bool = True) -> list[object]:
    if not isinstance(value, list):
        raise ReferenceDataError(f"{where}: expected an array, got {_type_name(value)}")
    if non_empty and not value:
        raise ReferenceDataError(f"{where}: must not be empty")
    return value


def _expect_str(value: object, where: str) -> str:
    """A non-blank string; blank labels would show up as empty rows in the interface."""
    if not isinstance(value, str):
        raise ReferenceDataError(f"{where}: expected a string, got {_type_name(value)}")
    if not value.strip():
        raise ReferenceDataError(f"{where}: must not be empty")
    return value


def _expect_int(value: object, where: str, *, minimum: int) -> int:
    # bool is an int subclass in Python; JSON true is not a version number.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReferenceDataError(f"{where}: expected an integer, got {_type_name(value)}")
    if value < minimum:
        raise ReferenceDataError(f"{where}: must be at least {minimum}, got {value}")
    return value


def _expect_code(value: object, where: str, pattern: re.Pattern[str], shape: str) -> str:
    text = _expect_str(value, where)
    if not pattern.fullmatch(text):
        raise ReferenceDataError(f"{where}: {text!r} is not a valid key ({shape})")
    return text


def _claim(seen: dict[str, str], key: str, where: str, what: str) -> None:
    """Record that ``key`` is defined at ``where``; a second definition is an error."""
    first = seen.get(key)
    if first is not None:
        raise ReferenceDataError(f"{where}: duplicate {what} {key!r} (first defined at {first})")
    seen[key] = where


def _read_json(path: Path) -> object:
    """Read a UTF-8 JSON file; I/O and syntax problems become ReferenceDataError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceDataError(f"{path}: cannot read reference data: {exc}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(
            f"{path}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc


# --- the taxonomy ---------------------------------------------------------------------------

_CODE_SHAPE = "lowercase ASCII letters and digits separated by single hyphens"
_TOP_FIELDS = frozenset({"version", "policy_domains"})
_DOMAIN_FIELDS = frozenset({"code", "name_nl", "name_en", "themes"})
_THEME_FIELDS = frozenset({"code", "name_nl", "name_en"})


def parse_themes(data: object) -> tuple[PolicyDomain, ...]:
    """Validate a decoded ``themes.json`` document and build the taxonomy, in file order.

    Domain and theme codes share one namespace (they are all unique across the file) so that
    a code alone identifies what it refers to.
    """
    top = _expect_object(data, "")
    _check_fields(top, "", _TOP_FIELDS)
    _expect_int(top["version"], "version", minimum=1)
    raw_domains = _expect_list(top["policy_domains"], "policy_domains")

    seen: dict[str, str] = {}
    domains: list[PolicyDomain] = []
    for d_index, raw_domain in enumerate(raw_domains):
        d_where = f"policy_domains[{d_index}]"
        domain_obj = _expect_object(raw_domain, d_where)
        _check_fields(domain_obj, d_where, _DOMAIN_FIELDS)
        domain_code = _expect_code(domain_obj["code"], f"{d_where}.code", _CODE_RE, _CODE_SHAPE)
        _claim(seen, domain_code, f"{d_where}.code", "code")

        themes: list[Theme] = []
        raw_themes = _expect_list(domain_obj["themes"], f"{d_where}.themes")
        for t_index, raw_theme in enumerate(raw_themes):
            t_where = f"{d_where}.themes[{t_index}]"
            theme_obj = _expect_object(raw_theme, t_where)
            _check_fields(theme_obj, t_where, _THEME_FIELDS)
            code = _expect_code(theme_obj["code"], f"{t_where}.code", _CODE_RE, _CODE_SHAPE)
            _claim(seen, code, f"{t_where}.code", "code")
            themes.append(
                Theme(
                    code=code,
                    name_nl=_expect_str(theme_obj["name_nl"], f"{t_where}.name_nl"),
                    name_en=_expect_str(theme_obj["name_en"], f"{t_where}.name_en"),
                    domain_code=domain_code,
                )
            )

        domains.append(
            PolicyDomain(
                code=domain_code,
                name_nl=_expect_str(domain_obj["name_nl"], f"{d_where}.name_nl"),
                name_en=_expect_str(domain_obj["name_en"], f"{d_where}.name_en"),
                themes=tuple(themes),
            )
        )
    return tuple(domains)


def load_themes(path: Path) -> tuple[PolicyDomain, ...]:
    """Read and validate a themes file; errors name the file and the position inside it."""
    data = _read_json(path)
    try:
        return parse_themes(data)
    except ReferenceDataError as exc:
        raise ReferenceDataError(f"{path}: {exc}") from exc


def all_themes(domains: tuple[PolicyDomain, ...]) -> tuple[Theme, ...]:
    """All themes of all domains, in file order (for pick lists and imports)."""
    return tuple(theme for domain in domains for theme in domain.themes)


def theme_by_code(domains: tuple[PolicyDomain, ...], code: str) -> Theme:
    """Look up a theme by its code; raises KeyError for an unknown code."""
    for domain in domains:
        for theme in domain.themes:
            if theme.code == code:
                return theme
    raise KeyError(code)
