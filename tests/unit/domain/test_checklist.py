"""Tests for checklist templates (resources/data/checklists/*.json and their parser)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from vlot_desktop.domain.checklist import (
    ChecklistItem,
    ChecklistTemplate,
    Choice,
    ItemKind,
    ReferenceDataError,
    Section,
    available_versions,
    checklist_path,
    load_checklist,
    parse_checklist,
)
from vlot_desktop.domain.themes import ReferenceDataError as ThemesReferenceDataError

DATA_DIR = Path(__file__).resolve().parents[3] / "resources" / "data"

SECTION_KEYS = [
    "algemeen",
    "gebouw",
    "sanitair",
    "keuken",
    "slaapruimtes",
    "toegankelijkheid",
    "ligging",
    "vergunningen",
    "eigenaar",
    "kosten",
    "besluit",
]


@pytest.fixture(scope="module")
def prospect() -> ChecklistTemplate:
    return load_checklist(checklist_path(DATA_DIR, "prospect", 1))


# --- the real file ---------------------------------------------------------------------------


def test_prospect_v1_header(prospect: ChecklistTemplate) -> None:
    assert prospect.template == "prospect"
    assert prospect.version == 1
    assert prospect.title_nl == "Checklist prospectie opvanglocatie"
    assert prospect.title_en == "Prospect checklist for a reception location"


def test_prospect_v1_has_the_eleven_sections_in_order(prospect: ChecklistTemplate) -> None:
    assert [section.key for section in prospect.sections] == SECTION_KEYS
    assert prospect.section("besluit").title_nl == "Geschatte plaatsen en besluit"


def test_prospect_v1_item_counts(prospect: ChecklistTemplate) -> None:
    assert 80 <= len(prospect.items()) <= 100
    for section in prospect.sections:
        assert 5 <= len(section.items) <= 14, section.key


def test_prospect_v1_every_kind_occurs(prospect: ChecklistTemplate) -> None:
    assert {item.kind for item in prospect.items()} == set(ItemKind)
    photos = [item for item in prospect.items() if item.kind is ItemKind.PHOTO]
    assert len(photos) >= 3
    assert "Foto's gevel" in {item.label_nl for item in photos}
    assert "Foto's sanitair" in {item.label_nl for item in photos}


def test_prospect_v1_keys_are_unique_and_prefixed(prospect: ChecklistTemplate) -> None:
    keys = [item.key for item in prospect.items()]
    assert len(keys) == len(set(keys))
    for section in prospect.sections:
        for item in section.items:
            assert item.section_key == section.key
            assert item.key.startswith(f"{section.key}.")


def test_prospect_v1_estimated_places(prospect: ChecklistTemplate) -> None:
    item = prospect.item("besluit.geschatte_plaatsen")
    assert item.kind is ItemKind.NUMBER
    assert item.required is True
    assert item.section_key == "besluit"
    assert item.min == 0


def test_prospect_v1_advice(prospect: ChecklistTemplate) -> None:
    item = prospect.item("besluit.advies")
    assert item.kind is ItemKind.CHOICE
    assert [choice.key for choice in item.choices] == ["positief", "negatief", "on_hold"]
    assert item.choice("on_hold").label_nl == "On hold"


def test_prospect_v1_general_items(prospect: ChecklistTemplate) -> None:
    assert prospect.item("algemeen.type_gebouw").kind is ItemKind.CHOICE
    assert {c.key for c in prospect.item("algemeen.type_gebouw").choices} >= {
        "klooster",
        "school",
        "kantoor",
        "hotel",
        "vakantiepark",
        "jeugdherberg",
        "woning",
        "modulaire_units",
    }
    for key in (
        "algemeen.huidige_bestemming",
        "algemeen.eigendom",
        "algemeen.algemene_indruk",
    ):
        prospect.item(key)
    assert prospect.item("algemeen.beschikbaar_vanaf").kind is ItemKind.TEXT
    assert prospect.item("algemeen.beschikbaar_tot").kind is ItemKind.TEXT


def test_prospect_v1_has_no_visit_metadata_items(prospect: ChecklistTemplate) -> None:
    # Visit date and participants are stored on the visit itself, not as answers.
    for item in prospect.items():
        assert "datum" not in item.key
        assert "aanwezigen" not in item.key
        assert item.label_nl.lower() not in {"datum bezoek", "datum", "aanwezigen"}


def test_prospect_v1_item_invariants(prospect: ChecklistTemplate) -> None:
    for item in prospect.items():
        assert item.label_nl.strip() and item.label_en.strip()
        if item.kind is ItemKind.CHOICE:
            assert len(item.choices) >= 2
        else:
            assert item.choices == ()
        if item.kind is not ItemKind.NUMBER:
            assert item.unit is None and item.min is None and item.max is None


def test_unknown_item_and_section_raise_key_error(prospect: ChecklistTemplate) -> None:
    with pytest.raises(KeyError):
        prospect.item("algemeen.bestaat_niet")
    with pytest.raises(KeyError):
        prospect.section("bestaat_niet")
    with pytest.raises(KeyError):
        prospect.item("besluit.advies").choice("misschien")


def test_file_name_matches_content() -> None:
    for version in available_versions(DATA_DIR, "prospect"):
        template = load_checklist(checklist_path(DATA_DIR, "prospect", version))
        assert (template.template, template.version) == ("prospect", version)


# --- locating files --------------------------------------------------------------------------


def test_checklist_path() -> None:
    assert checklist_path(Path("/data"), "prospect", 3) == Path("/data/checklists/prospect_v3.json")
    with pytest.raises(ValueError):
        checklist_path(Path("/data"), "prospect", 0)
    with pytest.raises(ValueError):
        checklist_path(Path("/data"), "../prospect", 1)


def test_available_versions_of_real_data() -> None:
    assert 1 in available_versions(DATA_DIR, "prospect")


def test_available_versions_scans_and_sorts(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    for name in (
        "prospect_v10.json",
        "prospect_v2.json",
        "prospect_v1.json",
        "prospect_v01.json",  # not a name checklist_path would produce
        "prospect_extra_v4.json",  # another template
        "prospect_v3.json.bak",
        "prospect_vx.json",
        "other_v5.json",
    ):
        (folder / name).write_text("{}", encoding="utf-8")
    (folder / "prospect_v7.json").mkdir()
    assert available_versions(tmp_path, "prospect") == [1, 2, 10]
    assert available_versions(tmp_path, "other") == [5]
    assert available_versions(tmp_path, "missing") == []


def test_available_versions_without_folder(tmp_path: Path) -> None:
    assert available_versions(tmp_path, "prospect") == []


# --- validation ------------------------------------------------------------------------------


def _valid() -> dict[str, Any]:
    return {
        "template": "test",
        "version": 1,
        "title_nl": "Test",
        "title_en": "Test",
        "sections": [
            {
                "key": "algemeen",
                "title_nl": "Algemeen",
                "title_en": "General",
                "items": [
                    {
                        "key": "algemeen.type",
                        "label_nl": "Type",
                        "label_en": "Type",
                        "kind": "choice",
                        "required": True,
                        "choices": [
                            {"key": "a", "label_nl": "A", "label_en": "A"},
                            {"key": "b", "label_nl": "B", "label_en": "B"},
                        ],
                    },
                    {
                        "key": "algemeen.opmerking",
                        "label_nl": "Opmerking",
                        "label_en": "Remark",
                        "kind": "text",
                        "required": False,
                        "help_nl": "Vrij veld",
                        "help_en": "Free field",
                    },
                ],
            },
            {
                "key": "besluit",
                "title_nl": "Besluit",
                "title_en": "Decision",
                "items": [
                    {
                        "key": "besluit.plaatsen",
                        "label_nl": "Plaatsen",
                        "label_en": "Places",
                        "kind": "number",
                        "required": True,
                        "unit": "plaatsen",
                        "min": 0,
                        "max": 2.5e3,
                    },
                    {
                        "key": "besluit.foto",
                        "label_nl": "Foto",
                        "label_en": "Photo",
                        "kind": "photo",
                        "required": False,
                    },
                    {
                        "key": "besluit.ok",
                        "label_nl": "OK",
                        "label_en": "OK",
                        "kind": "yes_no_na",
                        "required": False,
                    },
                ],
            },
        ],
    }


def test_minimal_document_parses() -> None:
    template = parse_checklist(_valid())
    assert [item.key for item in template.items()] == [
        "algemeen.type",
        "algemeen.opmerking",
        "besluit.plaatsen",
        "besluit.foto",
        "besluit.ok",
    ]
    places = template.item("besluit.plaatsen")
    assert (places.unit, places.min, places.max) == ("plaatsen", 0, 2500.0)
    remark = template.item("algemeen.opmerking")
    assert (remark.help_nl, remark.help_en, remark.unit) == ("Vrij veld", "Free field", None)
    assert template.item("besluit.ok").kind == "yes_no_na"


def _item(doc: dict[str, Any], section: int, index: int) -> dict[str, Any]:
    item: dict[str, Any] = doc["sections"][section]["items"][index]
    return item


def _bad_cases() -> list[Any]:
    cases: list[tuple[str, dict[str, Any], str]] = []

    def case(name: str, message: str) -> dict[str, Any]:
        doc = copy.deepcopy(_valid())
        cases.append((name, doc, message))
        return doc

    doc = case("template missing", "top level: missing field(s) 'template'")
    del doc["template"]
    doc = case("template not a key", "template: 'Prospect V1' is not a valid key")
    doc["template"] = "Prospect V1"
    doc = case("version string", "version: expected an integer, got string")
    doc["version"] = "1"
    doc = case("version negative", "version: must be at least 1, got -1")
    doc["version"] = -1
    doc = case("title empty", "title_en: must not be empty")
    doc["title_en"] = ""
    doc = case("unknown top field", "top level: unknown field(s) 'titel'")
    doc["titel"] = "x"
    doc = case("sections not a list", "sections: expected an array, got object")
    doc["sections"] = {}
    doc = case("sections empty", "sections: must not be empty")
    doc["sections"] = []
    doc = case("section not object", "sections[1]: expected an object, got string")
    doc["sections"][1] = "besluit"
    doc = case("section title missing", "sections[1]: missing field(s) 'title_nl'")
    del doc["sections"][1]["title_nl"]
    doc = case("section key invalid", "sections[1].key: 'Besluit' is not a valid key")
    doc["sections"][1]["key"] = "Besluit"
    doc = case(
        "duplicate section key",
        "sections[1].key: duplicate section key 'algemeen' (first defined at sections[0].key)",
    )
    doc["sections"][1]["key"] = "algemeen"
    doc = case("section without items", "sections[1].items: must not be empty")
    doc["sections"][1]["items"] = []
    doc = case("item not object", "sections[1].items[2]: expected an object, got array")
    doc["sections"][1]["items"][2] = []
    doc = case("item kind missing", "sections[1].items[0]: missing field(s) 'kind'")
    del _item(doc, 1, 0)["kind"]
    doc = case("item required missing", "sections[1].items[1]: missing field(s) 'required'")
    del _item(doc, 1, 1)["required"]
    doc = case("item unknown field", "sections[0].items[1]: unknown field(s) 'requried'")
    _item(doc, 0, 1)["requried"] = True
    doc = case(
        "unknown kind",
        "sections[1].items[1].kind: unknown kind 'date' "
        "(expected one of: yes_no_na, number, text, choice, photo)",
    )
    _item(doc, 1, 1)["kind"] = "date"
    doc = case("kind not a string", "sections[1].items[1].kind: expected a string, got number")
    _item(doc, 1, 1)["kind"] = 3
    doc = case("required not bool", "sections[1].items[1].required: expected a boolean")
    _item(doc, 1, 1)["required"] = "ja"
    doc = case("label not string", "sections[0].items[1].label_en: expected a string, got null")
    _item(doc, 0, 1)["label_en"] = None
    doc = case("help empty", "sections[0].items[1].help_nl: must not be empty")
    _item(doc, 0, 1)["help_nl"] = " "
    doc = case(
        "item key in another section",
        "sections[1].items[1].key: 'algemeen.foto' is not prefixed with its section key 'besluit.'",
    )
    _item(doc, 1, 1)["key"] = "algemeen.foto"
    doc = case(
        "item key without dot",
        "sections[1].items[1].key: 'besluitfoto' is not prefixed with its section key",
    )
    _item(doc, 1, 1)["key"] = "besluitfoto"
    doc = case("item key bad slug", "sections[1].items[1].key: 'besluit.Foto 1' is not a valid")
    _item(doc, 1, 1)["key"] = "besluit.Foto 1"
    doc = case("item key empty slug", "sections[1].items[1].key: 'besluit.' is not a valid")
    _item(doc, 1, 1)["key"] = "besluit."
    doc = case(
        "duplicate item key",
        "sections[1].items[2].key: duplicate item key 'besluit.foto' "
        "(first defined at sections[1].items[1].key)",
    )
    _item(doc, 1, 2)["key"] = "besluit.foto"
    doc = case("choice item without choices", "sections[0].items[0]: choice item without choices")
    del _item(doc, 0, 0)["choices"]
    doc = case("choices not a list", "sections[0].items[0].choices: expected an array")
    _item(doc, 0, 0)["choices"] = "a,b"
    doc = case("one choice", "sections[0].items[0].choices: a choice item needs at least two")
    _item(doc, 0, 0)["choices"].pop()
    doc = case(
        "duplicate choice key",
        "sections[0].items[0].choices[1].key: duplicate choice key 'a'",
    )
    _item(doc, 0, 0)["choices"][1]["key"] = "a"
    doc = case(
        "choice label missing", "sections[0].items[0].choices[0]: missing field(s) 'label_en'"
    )
    del _item(doc, 0, 0)["choices"][0]["label_en"]
    doc = case("choice key invalid", "sections[0].items[0].choices[1].key: 'on-hold' is not a")
    _item(doc, 0, 0)["choices"][1]["key"] = "on-hold"
    doc = case(
        "choices on a text item",
        "sections[0].items[1]: text item with choices (only choice items)",
    )
    _item(doc, 0, 1)["choices"] = _item(doc, 0, 0)["choices"]
    doc = case("unit on a text item", "sections[0].items[1]: text item with 'unit' (only number")
    _item(doc, 0, 1)["unit"] = "m²"
    doc = case("min on a photo item", "sections[1].items[1]: photo item with 'min' (only number")
    _item(doc, 1, 1)["min"] = 0
    doc = case("max on a choice item", "sections[0].items[0]: choice item with 'max'")
    _item(doc, 0, 0)["max"] = 3
    doc = case("min not a number", "sections[1].items[0].min: expected a number, got string")
    _item(doc, 1, 0)["min"] = "0"
    doc = case("max boolean", "sections[1].items[0].max: expected a number, got boolean")
    _item(doc, 1, 0)["max"] = True
    doc = case("max infinite", "sections[1].items[0].max: must be a finite number")
    _item(doc, 1, 0)["max"] = float("inf")
    doc = case("min > max", "sections[1].items[0]: min (10) is greater than max (5)")
    _item(doc, 1, 0).update(min=10, max=5)

    return [pytest.param(doc, message, id=name) for name, doc, message in cases]


@pytest.mark.parametrize(("doc", "message"), _bad_cases())
def test_invalid_documents_are_rejected_with_their_position(
    doc: dict[str, Any], message: str
) -> None:
    with pytest.raises(ReferenceDataError) as info:
        parse_checklist(doc)
    assert message in str(info.value)


def test_min_equal_to_max_is_allowed() -> None:
    doc = _valid()
    _item(doc, 1, 0).update(min=5, max=5)
    assert parse_checklist(doc).item("besluit.plaatsen").max == 5


def test_only_min_or_only_max_is_allowed() -> None:
    doc = _valid()
    del _item(doc, 1, 0)["max"]
    assert parse_checklist(doc).item("besluit.plaatsen").max is None


@pytest.mark.parametrize("data", [None, [], "checklist", 1.5])
def test_non_object_top_level_is_rejected(data: object) -> None:
    with pytest.raises(ReferenceDataError, match="top level: expected an object"):
        parse_checklist(data)


def test_one_error_class_for_all_reference_data() -> None:
    assert ReferenceDataError is ThemesReferenceDataError


def test_load_names_the_file(tmp_path: Path) -> None:
    doc = _valid()
    del _item(doc, 0, 0)["choices"]
    path = checklist_path(tmp_path, "test", 1)
    path.parent.mkdir()
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        load_checklist(path)
    assert str(info.value) == f"{path}: sections[0].items[0]: choice item without choices"


def test_load_reports_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "prospect_v9.json"
    path.write_text('{"template": "prospect",}', encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"invalid JSON at line 1, column"):
        load_checklist(path)


# --- the parsed template and the exact messages (found by mutation testing) ------------------


def _bilingual() -> dict[str, Any]:
    """The valid document with different Dutch and English texts everywhere."""
    doc = _valid()
    doc["title_nl"], doc["title_en"] = "Proef", "Trial"
    choices = _item(doc, 0, 0)["choices"]
    choices[0].update(label_nl="Woning", label_en="House")
    choices[1].update(label_nl="Kamer", label_en="Room")
    return doc


def test_the_parsed_template_holds_every_field_of_the_file() -> None:
    template = parse_checklist(_bilingual())
    assert (template.template, template.version, template.title_nl, template.title_en) == (
        "test",
        1,
        "Proef",
        "Trial",
    )
    assert template.section("besluit") == Section(
        key="besluit",
        title_nl="Besluit",
        title_en="Decision",
        items=template.sections[1].items,
    )
    assert template.item("algemeen.type") == ChecklistItem(
        key="algemeen.type",
        section_key="algemeen",
        label_nl="Type",
        label_en="Type",
        kind=ItemKind.CHOICE,
        required=True,
        choices=(Choice("a", "Woning", "House"), Choice("b", "Kamer", "Room")),
    )
    assert template.item("algemeen.type").choice("b").label_en == "Room"
    assert template.item("algemeen.opmerking") == ChecklistItem(
        key="algemeen.opmerking",
        section_key="algemeen",
        label_nl="Opmerking",
        label_en="Remark",
        kind=ItemKind.TEXT,
        required=False,
        help_nl="Vrij veld",
        help_en="Free field",
    )
    assert template.item("algemeen.opmerking").choices == ()


def test_what_is_missing_is_named_in_the_key_error() -> None:
    template = parse_checklist(_valid())
    with pytest.raises(KeyError) as info:
        template.item("algemeen.bestaat_niet")
    assert info.value.args == ("test v1: no item 'algemeen.bestaat_niet'",)
    with pytest.raises(KeyError) as info:
        template.section("bestaat_niet")
    assert info.value.args == ("test v1: no section 'bestaat_niet'",)
    with pytest.raises(KeyError) as info:
        template.item("algemeen.type").choice("c")
    assert info.value.args == ("algemeen.type: no choice 'c'",)


def test_a_wrong_template_name_or_version_says_what_is_allowed() -> None:
    with pytest.raises(ValueError) as info:
        checklist_path(Path("/data"), "Prospect", 1)
    assert str(info.value) == (
        "invalid template name 'Prospect' "
        "(lowercase ASCII letters and digits separated by single underscores)"
    )
    with pytest.raises(ValueError) as info:
        checklist_path(Path("/data"), "prospect", True)
    assert str(info.value) == "invalid template version True: must be a positive integer"
    assert checklist_path(Path("/data"), "prospect", 1) == Path("/data/checklists/prospect_v1.json")


SHAPE = "(lowercase ASCII letters and digits separated by single underscores)"


def _exact_cases() -> list[Any]:
    cases: list[tuple[str, dict[str, Any], str]] = []

    def case(name: str, message: str) -> dict[str, Any]:
        doc = copy.deepcopy(_valid())
        cases.append((name, doc, message))
        return doc

    doc = case("template not a key", f"template: 'Prospect' is not a valid key {SHAPE}")
    doc["template"] = "Prospect"
    doc = case("Dutch title empty", "title_nl: must not be empty")
    doc["title_nl"] = " "
    doc = case("section key not a key", f"sections[1].key: 'Besluit' is not a valid key {SHAPE}")
    doc["sections"][1]["key"] = "Besluit"
    doc = case("section Dutch title empty", "sections[1].title_nl: must not be empty")
    doc["sections"][1]["title_nl"] = ""
    doc = case("section English title empty", "sections[1].title_en: must not be empty")
    doc["sections"][1]["title_en"] = ""
    doc = case("item key not a string", "sections[1].items[0].key: expected a string, got number")
    _item(doc, 1, 0)["key"] = 1
    doc = case("item Dutch label empty", "sections[1].items[0].label_nl: must not be empty")
    _item(doc, 1, 0)["label_nl"] = ""
    doc = case(
        "required not a boolean",
        "sections[1].items[1].required: expected a boolean, got string",
    )
    _item(doc, 1, 1)["required"] = "ja"
    doc = case("unit empty", "sections[1].items[0].unit: must not be empty")
    _item(doc, 1, 0)["unit"] = ""
    doc = case("English help empty", "sections[0].items[1].help_en: must not be empty")
    _item(doc, 0, 1)["help_en"] = ""
    doc = case(
        "no choices at all",
        "sections[0].items[0].choices: a choice item needs at least two choices",
    )
    _item(doc, 0, 0)["choices"] = []
    doc = case(
        "choice not an object",
        "sections[0].items[0].choices[1]: expected an object, got string",
    )
    _item(doc, 0, 0)["choices"][1] = "b"
    doc = case(
        "choice key not a key",
        f"sections[0].items[0].choices[1].key: 'B' is not a valid key {SHAPE}",
    )
    _item(doc, 0, 0)["choices"][1]["key"] = "B"
    doc = case(
        "choice Dutch label empty",
        "sections[0].items[0].choices[1].label_nl: must not be empty",
    )
    _item(doc, 0, 0)["choices"][1]["label_nl"] = ""
    doc = case(
        "choice English label empty",
        "sections[0].items[0].choices[1].label_en: must not be empty",
    )
    _item(doc, 0, 0)["choices"][1]["label_en"] = ""
    return [pytest.param(doc, message, id=name) for name, doc, message in cases]


@pytest.mark.parametrize(("doc", "message"), _exact_cases())
def test_the_whole_message_of_an_invalid_document(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(ReferenceDataError) as info:
        parse_checklist(doc)
    assert str(info.value) == message
