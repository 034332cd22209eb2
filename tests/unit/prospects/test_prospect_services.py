"""Prospect visits without Qt: planning, answers, findings, participants, the list, conversion."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from vlot_desktop import paths
from vlot_desktop.db.models import (
    ChecklistAnswer,
    Finding,
    Location,
    LocationStatusChange,
    Place,
    ProspectVisit,
)
from vlot_desktop.db.queries.prospects import (
    ProspectFilter,
    list_prospects,
    load_template,
    section_progress,
    visit_detail,
)
from vlot_desktop.services import prospects as svc
from vlot_desktop.services.prospects import AnswerValue, ItemNote, NewVisit, ProspectError

TODAY = dt.date(2026, 11, 26)
HASSELT = "71072"
GENT = "44021"


def _plan(engine: Engine, name: str = "Klooster Sint-Jozef", **kw: object) -> str:
    values: dict[str, object] = {
        "name": name,
        "municipality_nis": HASSELT,
        "street": "Kerkstraat",
        "house_number": "12",
        "postcode": "3500",
        "visit_date": TODAY,
    }
    values.update(kw)
    return svc.create_visit(engine, NewVisit(**values))  # type: ignore[arg-type]


def test_a_new_visit_is_planned_with_the_newest_template(engine: Engine) -> None:
    visit_id = _plan(engine)
    with engine.connect() as conn:
        detail = visit_detail(conn, visit_id)
    assert detail is not None
    assert detail.status == "gepland"
    assert (detail.template, detail.template_version) == ("prospect", 1)
    assert detail.address == "Kerkstraat 12, 3500 Hasselt"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"name": "  "}, "Vul een naam in."),
        ({"municipality_nis": None}, "Kies een gemeente."),
        ({"postcode": "35"}, "Een postcode heeft vier cijfers (bijvoorbeeld 3500)."),
        ({"postcode": "0999"}, "Postcode 0999 bestaat niet in Vlaanderen."),
    ],
)
def test_bad_visit_input_is_refused_in_dutch(
    engine: Engine, values: dict[str, object], message: str
) -> None:
    with pytest.raises(ProspectError) as caught:
        _plan(engine, **values)  # type: ignore[arg-type]
    assert caught.value.message == message
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ProspectVisit)) == 0


def test_answers_have_ids_derived_from_visit_and_item(engine: Engine) -> None:
    visit_id = _plan(engine)
    svc.set_answer(engine, visit_id, "gebouw.rookmelders", AnswerValue(choice="ja"))
    svc.set_answer(engine, visit_id, "gebouw.rookmelders", AnswerValue(choice="nee"))
    svc.set_answer(engine, visit_id, "sanitair.aantal_toiletten", AnswerValue(number=6))
    svc.set_answer(engine, visit_id, "algemeen.huidige_bestemming", AnswerValue(text=" School "))
    with engine.connect() as conn:
        rows = conn.execute(
            select(ChecklistAnswer.id, ChecklistAnswer.item_key, ChecklistAnswer.value_choice)
        ).all()
        detail = visit_detail(conn, visit_id)
    assert len(rows) == 3
    smoke = next(r for r in rows if r.item_key == "gebouw.rookmelders")
    assert smoke.id == svc.answer_id(visit_id, "gebouw.rookmelders")
    assert smoke.value_choice == "nee"
    assert detail is not None
    assert detail.answers["sanitair.aantal_toiletten"].value_number == 6
    assert detail.answers["algemeen.huidige_bestemming"].value_text == "School"


@pytest.mark.parametrize(
    ("item", "value", "message"),
    [
        ("gebouw.rookmelders", AnswerValue(choice="misschien"), "Kies ja, nee of n.v.t."),
        ("algemeen.eigendom", AnswerValue(choice="kasteel"), "Onbekende keuze voor 'Eigendom'."),
        ("gebouw.bestaat_niet", AnswerValue(choice="ja"), "Vraag gebouw.bestaat_niet hoort niet"),
    ],
)
def test_bad_answers_are_refused(
    engine: Engine, item: str, value: AnswerValue, message: str
) -> None:
    visit_id = _plan(engine)
    with pytest.raises(ProspectError) as caught:
        svc.set_answer(engine, visit_id, item, value)
    assert caught.value.message.startswith(message)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ChecklistAnswer)) == 0


def test_the_estimate_item_and_the_visit_figure_are_one_number(engine: Engine) -> None:
    visit_id = _plan(engine)
    svc.set_answer(engine, visit_id, "besluit.geschatte_plaatsen", AnswerValue(number=14))
    with engine.connect() as conn:
        assert conn.scalar(select(ProspectVisit.estimated_places)) == 14


def test_item_note_creates_updates_and_removes_its_finding(engine: Engine) -> None:
    visit_id = _plan(engine)
    key = "gebouw.asbest"
    first = svc.save_item_note(engine, visit_id, key, ItemNote("Asbest in de kelder", "knelpunt"))
    second = svc.save_item_note(
        engine,
        visit_id,
        key,
        ItemNote("Asbest in de kelder en op zolder", "knelpunt", "Asbestinventaris laten maken"),
    )
    assert first == second
    with engine.connect() as conn:
        finding = conn.execute(select(Finding.kind, Finding.description, Finding.action)).one()
        remark = conn.scalar(select(ChecklistAnswer.remark))
    assert tuple(finding) == (
        "knelpunt",
        "Asbest in de kelder en op zolder",
        "Asbestinventaris laten maken",
    )
    assert remark == "Asbest in de kelder en op zolder"
    svc.save_item_note(engine, visit_id, key, ItemNote("Geen asbest meer", None))
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Finding)) == 0
        assert conn.scalar(select(ChecklistAnswer.remark)) == "Geen asbest meer"


def test_a_finding_without_remark_is_described_by_its_item(engine: Engine) -> None:
    visit_id = _plan(engine)
    svc.save_item_note(engine, visit_id, "toegankelijkheid.lift", ItemNote(None, "opportuniteit"))
    with engine.connect() as conn:
        assert conn.scalar(select(Finding.description)) == "Lift aanwezig"


def test_participants(engine: Engine) -> None:
    visit_id = _plan(engine)
    pid = svc.add_participant(engine, visit_id, "Олена Коваль", "eigenaar", "Vzw Onderdak")
    svc.add_participant(engine, visit_id, "Els Peeters", "gemeente", "Stad Hasselt")
    svc.update_participant(engine, pid, "Олена Коваль", "brandweer", "Zone Oost-Limburg")
    with pytest.raises(ProspectError, match="Enter the participant's name"):
        svc.add_participant(engine, visit_id, " ", "vlot", None)
    with engine.connect() as conn:
        detail = visit_detail(conn, visit_id)
    assert detail is not None
    assert [(p.name, p.role) for p in detail.participants] == [
        ("Олена Коваль", "brandweer"),
        ("Els Peeters", "gemeente"),
    ]
    svc.remove_participant(engine, pid)
    with engine.connect() as conn:
        detail = visit_detail(conn, visit_id)
    assert detail is not None and len(detail.participants) == 1


def test_list_filters_and_accent_insensitive_search(engine: Engine) -> None:
    first = _plan(engine, "Hôtel Régina", visit_date=dt.date(2026, 3, 1))
    _plan(engine, "School De Linde", municipality_nis=GENT, postcode="9000")
    svc.set_status(engine, first, "positief")
    with engine.connect() as conn:

        def names(**kw: object) -> list[str]:
            return [r.name for r in list_prospects(conn, ProspectFilter(**kw))]  # type: ignore[arg-type]

        assert names() == ["School De Linde", "Hôtel Régina"]
        assert names(search="regina") == ["Hôtel Régina"]
        assert names(search="HOTEL reg") == ["Hôtel Régina"]
        assert names(search="kerkstr") == ["School De Linde", "Hôtel Régina"]
        assert names(search="gent") == ["School De Linde"]  # the municipality's name
        assert names(status="positief") == ["Hôtel Régina"]
        assert names(team_code="limburg") == ["Hôtel Régina"]
        assert names(municipality_nis=GENT) == ["School De Linde"]
        assert names(date_from=dt.date(2026, 11, 1)) == ["School De Linde"]
        assert names(date_to=dt.date(2026, 4, 1)) == ["Hôtel Régina"]
        assert names(search="100%") == []


def test_progress_counts_answered_and_open_required_items(engine: Engine) -> None:
    visit_id = _plan(engine)
    svc.set_answer(engine, visit_id, "sanitair.aantal_toiletten", AnswerValue(number=4))
    svc.set_answer(engine, visit_id, "sanitair.warm_water", AnswerValue(choice="ja"))
    with engine.connect() as conn:
        detail = visit_detail(conn, visit_id)
        assert detail is not None
        template = load_template(conn, detail.template, detail.template_version)
    progress = {p.section_key: p for p in section_progress(template, detail.answers, frozenset())}
    sanitair = progress["sanitair"]
    assert (sanitair.answered, sanitair.total, sanitair.required_open) == (2, 9, 1)
    assert progress["algemeen"].required_open == 3


def _positive_visit(engine: Engine, places: int = 5) -> str:
    visit_id = _plan(engine)
    svc.set_answer(engine, visit_id, "besluit.geschatte_plaatsen", AnswerValue(number=places))
    svc.set_answer(engine, visit_id, "slaapruimtes.aantal_kamers", AnswerValue(number=3))
    svc.set_answer(engine, visit_id, "toegankelijkheid.rolstoeltoegankelijk", AnswerValue("ja"))
    return visit_id


def test_only_a_positive_prospect_converts(engine: Engine) -> None:
    visit_id = _positive_visit(engine)
    with pytest.raises(ProspectError) as caught:
        svc.convert_to_location(engine, visit_id, author_id=None, today=TODAY)
    assert caught.value.message.startswith("Alleen een positieve prospectie")
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Location)) == 0


def test_conversion_makes_a_location_in_preparation_linked_both_ways(engine: Engine) -> None:
    visit_id = _positive_visit(engine, places=5)
    svc.set_status(engine, visit_id, "positief")
    location_id = svc.convert_to_location(engine, visit_id, author_id=None, today=TODAY)
    with engine.connect() as conn:
        location = conn.execute(select(Location).where(Location.id == location_id)).one()
        places = conn.execute(
            select(Place.label, Place.status).where(Place.location_id == location_id)
        ).all()
        visit = conn.execute(select(ProspectVisit.status, ProspectVisit.location_id)).one()
        steps = conn.scalar(select(func.count()).select_from(LocationStatusChange))
    assert location.name == "Klooster Sint-Jozef"
    assert (location.status, location.capacity) == ("in_voorbereiding", 5)
    address = (location.street, location.house_number, location.postcode)
    assert address == ("Kerkstraat", "12", "3500")
    assert location.municipality_nis == HASSELT
    assert location.wheelchair_accessible
    assert sorted(label for label, _ in places) == [
        "Kamer 1 - bed 1",
        "Kamer 1 - bed 2",
        "Kamer 2 - bed 1",
        "Kamer 2 - bed 2",
        "Kamer 3 - bed 1",
    ]
    assert {status for _, status in places} == {"in_opbouw"}
    assert tuple(visit) == ("omgezet", location_id)
    assert steps == 1
    with pytest.raises(ProspectError, match="already converted"):
        svc.convert_to_location(engine, visit_id, author_id=None, today=TODAY)
    with pytest.raises(ProspectError, match="already converted"):
        svc.set_status(engine, visit_id, "negatief")


def _v2_resources(tmp_path: Path) -> Path:
    """A copy of the reference data with a version 2 of the prospect checklist."""
    folder = tmp_path / "data-v2"
    shutil.copytree(paths.reference_data_dir(), folder)
    raw = json.loads((folder / "checklists" / "prospect_v1.json").read_text(encoding="utf-8"))
    raw["version"] = 2
    sanitair = next(s for s in raw["sections"] if s["key"] == "sanitair")
    sanitair["items"] = [i for i in sanitair["items"] if i["key"] != "sanitair.warm_water"]
    sanitair["items"].append(
        {
            "key": "sanitair.legionella",
            "label_nl": "Legionellabeheersplan",
            "label_en": "Legionella management plan",
            "kind": "yes_no_na",
            "required": True,
        }
    )
    (folder / "checklists" / "prospect_v2.json").write_text(
        json.dumps(raw, ensure_ascii=False), encoding="utf-8"
    )
    return folder


def test_a_new_template_version_leaves_old_visits_alone(
    engine: Engine, prepared_dir: Path, tmp_path: Path
) -> None:
    from vlot_desktop.db.reference_data import ensure_reference_data

    old = _plan(engine, "Oud bezoek")
    svc.set_answer(engine, old, "sanitair.warm_water", AnswerValue(choice="ja"))
    assert ensure_reference_data(paths.database_path(prepared_dir), folder=_v2_resources(tmp_path))
    new = _plan(engine, "Nieuw bezoek")
    with engine.connect() as conn:
        old_detail = visit_detail(conn, old)
        new_detail = visit_detail(conn, new)
        assert old_detail is not None and new_detail is not None
        old_template = load_template(conn, old_detail.template, old_detail.template_version)
        new_template = load_template(conn, new_detail.template, new_detail.template_version)
    assert (old_detail.template_version, new_detail.template_version) == (1, 2)
    assert old_template.item("sanitair.warm_water").label_nl == "Warm water beschikbaar"
    assert old_detail.answers["sanitair.warm_water"].value_choice == "ja"
    with pytest.raises(KeyError):
        old_template.item("sanitair.legionella")
    new_template.item("sanitair.legionella")
    # The old visit's template still refuses the new item and accepts its own.
    with pytest.raises(ProspectError):
        svc.set_answer(engine, old, "sanitair.legionella", AnswerValue(choice="ja"))
    with pytest.raises(ProspectError):
        svc.set_answer(engine, new, "sanitair.warm_water", AnswerValue(choice="ja"))
