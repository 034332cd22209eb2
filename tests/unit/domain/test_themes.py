"""Tests for the helpdesk theme taxonomy (resources/data/themes.json and its parser)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vlot_desktop.domain.themes import (
    PolicyDomain,
    ReferenceDataError,
    Theme,
    all_themes,
    load_themes,
    parse_themes,
    theme_by_code,
)

DATA_DIR = Path(__file__).resolve().parents[3] / "resources" / "data"
THEMES_FILE = DATA_DIR / "themes.json"

REQUIRED_DOMAINS = {
    "Opvang en huisvesting",
    "Juridisch en verblijf",
    "Subsidies en financiën",
    "Werk en activering",
    "Onderwijs",
    "Welzijn en zorg",
    "Energie, water en wonen",
    "Mobiliteit",
    "Communicatie en samenwerking",
}


@pytest.fixture(scope="module")
def domains() -> tuple[PolicyDomain, ...]:
    return load_themes(THEMES_FILE)


# --- the real file ---------------------------------------------------------------------------


def test_real_file_loads_with_enough_domains_and_themes(domains: tuple[PolicyDomain, ...]) -> None:
    assert len(domains) >= 9
    assert len(all_themes(domains)) >= 50
    assert all(domain.themes for domain in domains)


def test_real_file_has_the_required_domains(domains: tuple[PolicyDomain, ...]) -> None:
    assert {domain.name_nl for domain in domains} >= REQUIRED_DOMAINS


def test_real_file_codes_are_unique_slugs(domains: tuple[PolicyDomain, ...]) -> None:
    codes = [domain.code for domain in domains] + [theme.code for theme in all_themes(domains)]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in codes)


def test_real_file_themes_know_their_domain(domains: tuple[PolicyDomain, ...]) -> None:
    for domain in domains:
        for theme in domain.themes:
            assert theme.domain_code == domain.code


def test_real_file_covers_the_topics_of_the_parliamentary_answer(
    domains: tuple[PolicyDomain, ...],
) -> None:
    # The topics named in answer 2 of the seed document must each have a theme.
    names = " ".join(theme.name_nl.lower() for theme in all_themes(domains))
    for topic in (
        "huisvestingstool",
        "afrekening",
        "referentieadres",
        "sociaal tarief voor energie",
        "sociaal tarief voor water",
        "fiscale gevolgen voor gastgezinnen",
        "hoger onderwijs",
        "jobbeurzen",
        "vaccinaties",
        "rijbewijzen",
        "solidariteit",
        "personeelsinzet",
    ):
        assert topic in names, topic


def test_real_file_version_is_one() -> None:
    data = json.loads(THEMES_FILE.read_text(encoding="utf-8"))
    assert data["version"] == 1


def test_theme_by_code(domains: tuple[PolicyDomain, ...]) -> None:
    theme = theme_by_code(domains, "opvang-huisvestingstool")
    assert theme == Theme(
        code="opvang-huisvestingstool",
        name_nl="Vlaamse huisvestingstool",
        name_en="Flemish housing tool",
        domain_code="opvang-huisvesting",
    )
    with pytest.raises(KeyError):
        theme_by_code(domains, "bestaat-niet")


def test_models_are_frozen(domains: tuple[PolicyDomain, ...]) -> None:
    with pytest.raises(AttributeError):
        domains[0].code = "x"  # type: ignore[misc]


# --- validation ------------------------------------------------------------------------------


def _valid() -> dict[str, Any]:
    return {
        "version": 1,
        "policy_domains": [
            {
                "code": "opvang",
                "name_nl": "Opvang",
                "name_en": "Reception",
                "themes": [
                    {"code": "opvang-a", "name_nl": "A", "name_en": "A"},
                    {"code": "opvang-b", "name_nl": "B", "name_en": "B"},
                ],
            },
            {
                "code": "werk",
                "name_nl": "Werk",
                "name_en": "Work",
                "themes": [{"code": "werk-a", "name_nl": "Werk A", "name_en": "Work A"}],
            },
        ],
    }


def test_minimal_document_parses() -> None:
    domains = parse_themes(_valid())
    assert [d.code for d in domains] == ["opvang", "werk"]
    assert [t.code for t in all_themes(domains)] == ["opvang-a", "opvang-b", "werk-a"]


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """A mutation that sets a value at a dotted path (list indexes as numbers)."""

    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return mutate


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return mutate


BAD_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("version missing", _delete("version"), "top level: missing field(s) 'version'"),
    ("version not int", _set("version", "1"), "version: expected an integer, got string"),
    ("version bool", _set("version", True), "version: expected an integer, got boolean"),
    ("version zero", _set("version", 0), "version: must be at least 1"),
    ("unknown top field", _set("versie", 1), "top level: unknown field(s) 'versie'"),
    ("domains not a list", _set("policy_domains", {}), "policy_domains: expected an array"),
    ("domains empty", _set("policy_domains", []), "policy_domains: must not be empty"),
    ("domain not object", _set("policy_domains.1", "werk"), "policy_domains[1]: expected an obj"),
    (
        "domain name missing",
        _delete("policy_domains.1.name_nl"),
        "policy_domains[1]: missing field(s) 'name_nl'",
    ),
    (
        "domain name empty",
        _set("policy_domains.1.name_en", "  "),
        "policy_domains[1].name_en: must not be empty",
    ),
    (
        "themes empty",
        _set("policy_domains.1.themes", []),
        "policy_domains[1].themes: must not be empty",
    ),
    (
        "theme code not a string",
        _set("policy_domains.0.themes.1.code", 7),
        "policy_domains[0].themes[1].code: expected a string, got number",
    ),
    (
        "theme code not a slug",
        _set("policy_domains.0.themes.1.code", "Opvang B"),
        "policy_domains[0].themes[1].code: 'Opvang B' is not a valid key",
    ),
    (
        "theme code with accent",
        _set("policy_domains.0.themes.1.code", "financiën"),
        "policy_domains[0].themes[1].code: 'financiën' is not a valid key",
    ),
    (
        "duplicate theme code",
        _set("policy_domains.1.themes.0.code", "opvang-b"),
        "policy_domains[1].themes[0].code: duplicate code 'opvang-b' "
        "(first defined at policy_domains[0].themes[1].code)",
    ),
    (
        "duplicate domain code",
        _set("policy_domains.1.code", "opvang"),
        "policy_domains[1].code: duplicate code 'opvang'",
    ),
    (
        "theme code equal to a domain code",
        _set("policy_domains.1.themes.0.code", "opvang"),
        "policy_domains[1].themes[0].code: duplicate code 'opvang'",
    ),
    (
        "unknown theme field",
        _set("policy_domains.0.themes.0.name_fr", "A"),
        "policy_domains[0].themes[0]: unknown field(s) 'name_fr'",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [pytest.param(mutate, message, id=case) for case, mutate, message in BAD_CASES],
)
def test_invalid_documents_are_rejected_with_their_position(
    mutate: Callable[[dict[str, Any]], None], message: str
) -> None:
    doc = copy.deepcopy(_valid())
    mutate(doc)
    with pytest.raises(ReferenceDataError) as info:
        parse_themes(doc)
    assert message in str(info.value)


@pytest.mark.parametrize("data", [None, [], "themes", 1])
def test_non_object_top_level_is_rejected(data: object) -> None:
    with pytest.raises(ReferenceDataError, match="top level: expected an object"):
        parse_themes(data)


def test_reference_data_error_is_a_value_error() -> None:
    assert issubclass(ReferenceDataError, ValueError)


def test_load_names_the_file(tmp_path: Path) -> None:
    bad = copy.deepcopy(_valid())
    bad["policy_domains"][0]["themes"][0]["code"] = "opvang-b"
    path = tmp_path / "themes.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        load_themes(path)
    assert str(info.value).startswith(f"{path}: policy_domains[0].themes[1].code: duplicate")


def test_load_reports_invalid_json_with_line(tmp_path: Path) -> None:
    path = tmp_path / "themes.json"
    path.write_text('{\n  "version": 1,\n  "policy_domains": [,]\n}\n', encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"invalid JSON at line 3"):
        load_themes(path)


def test_load_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="cannot read reference data"):
        load_themes(tmp_path / "missing.json")


# --- the parsed taxonomy and the exact messages (found by mutation testing) ------------------


def test_the_parsed_taxonomy_holds_every_name_and_its_domain() -> None:
    domains = parse_themes(_valid())
    assert domains[1] == PolicyDomain(
        code="werk",
        name_nl="Werk",
        name_en="Work",
        themes=(Theme(code="werk-a", name_nl="Werk A", name_en="Work A", domain_code="werk"),),
    )
    assert domains[0].themes[1] == Theme("opvang-b", "B", "B", "opvang")


def test_an_unknown_theme_code_is_the_key_error() -> None:
    with pytest.raises(KeyError) as info:
        theme_by_code(parse_themes(_valid()), "bestaat-niet")
    assert info.value.args == ("bestaat-niet",)


SHAPE = "(lowercase ASCII letters and digits separated by single hyphens)"

EXACT_CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "two fields missing",
        lambda doc: doc.clear(),
        "top level: missing field(s) 'policy_domains', 'version'",
    ),
    (
        "two unknown fields",
        lambda doc: doc.update(versie=1, thema="x"),
        "top level: unknown field(s) 'thema', 'versie'",
    ),
    (
        "a value that is no JSON",
        _set("version", (1,)),
        "version: expected an integer, got tuple",
    ),
    (
        "domain code not a slug",
        _set("policy_domains.1.code", "Werk"),
        f"policy_domains[1].code: 'Werk' is not a valid key {SHAPE}",
    ),
    (
        "theme code not a slug",
        _set("policy_domains.0.themes.1.code", "opvang--b"),
        f"policy_domains[0].themes[1].code: 'opvang--b' is not a valid key {SHAPE}",
    ),
    (
        "theme not an object",
        _set("policy_domains.0.themes.1", "opvang-b"),
        "policy_domains[0].themes[1]: expected an object, got string",
    ),
    (
        "theme Dutch name empty",
        _set("policy_domains.0.themes.1.name_nl", ""),
        "policy_domains[0].themes[1].name_nl: must not be empty",
    ),
    (
        "theme English name empty",
        _set("policy_domains.0.themes.1.name_en", " "),
        "policy_domains[0].themes[1].name_en: must not be empty",
    ),
    (
        "domain Dutch name empty",
        _set("policy_domains.1.name_nl", ""),
        "policy_domains[1].name_nl: must not be empty",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [pytest.param(mutate, message, id=case) for case, mutate, message in EXACT_CASES],
)
def test_the_whole_message_of_an_invalid_document(
    mutate: Callable[[dict[str, Any]], None], message: str
) -> None:
    doc = copy.deepcopy(_valid())
    mutate(doc)
    with pytest.raises(ReferenceDataError) as info:
        parse_themes(doc)
    assert str(info.value) == message


def test_a_position_is_joined_to_its_field_and_the_top_level_has_none() -> None:
    from vlot_desktop.domain.themes import _at

    assert _at("", "version") == "version"
    assert _at("sections[2]", "key") == "sections[2].key"


def test_the_files_are_read_as_utf8_whatever_the_laptops_locale(tmp_path: Path) -> None:
    """A laptop whose locale is not UTF-8 (Windows: cp1252) reads the same names."""
    import os
    import subprocess
    import sys

    import vlot_desktop

    doc = _valid()
    doc["policy_domains"][1]["name_nl"] = "Subsidies en financiën"
    path = tmp_path / "themes.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert load_themes(path)[1].name_nl == "Subsidies en financiën"
    env = {
        **os.environ,
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        # The package this test imported (during a mutation run: the mutated copy).
        "PYTHONPATH": str(Path(vlot_desktop.__file__).resolve().parents[1]),
    }
    code = (
        "import sys; from pathlib import Path; from vlot_desktop.domain.themes import load_themes;"
        "print(ascii(load_themes(Path(sys.argv[1]))[1].name_nl))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ascii("Subsidies en financiën")
