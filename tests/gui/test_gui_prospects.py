"""The Prospecties screen and visit mode, as a user drives them."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from gui_waiting import settle
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import (
    Attachment,
    ChecklistAnswer,
    Finding,
    Location,
    Place,
    ProspectVisit,
)
from vlot_desktop.services import prospects as svc
from vlot_desktop.services.prospects import AnswerValue, NewVisit
from vlot_desktop.ui.prospects.item_editor import ItemEditor
from vlot_desktop.ui.prospects.prospects_view import ProspectsView
from vlot_desktop.ui.prospects.visit_view import SectionRow, VisitView

HASSELT = "71072"
GENT = "44021"
TIMEOUT = 20_000


@pytest.fixture
def engine(prepared_dir: Path) -> Any:
    eng = make_engine(paths.database_path(prepared_dir))
    yield eng
    eng.dispose()


def plan(engine: Engine, name: str, nis: str = HASSELT, postcode: str = "3500") -> str:
    return svc.create_visit(
        engine,
        NewVisit(
            name=name,
            municipality_nis=nis,
            street="Kerkstraat",
            house_number="1",
            postcode=postcode,
            visit_date=dt.date.today(),
        ),
    )


def open_screen(qtbot: QtBot, make_window: Any, data_dir: Path) -> ProspectsView:
    window = make_window(data_dir)
    view = window.screen_by_key("prospects")
    assert isinstance(view, ProspectsView)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        window.show_screen("prospects")
        view.refresh()
    settle(view.runner)  # the choices of the filters and the dialog, read beside the list
    return view


def names_shown(view: ProspectsView) -> list[str]:
    model = view.table.model()
    return sorted(model.index(r, 0).data() for r in range(model.rowCount()))


def open_visit(qtbot: QtBot, view: ProspectsView, visit_id: str) -> VisitView:
    with qtbot.waitSignal(view.visit_view.opened, timeout=TIMEOUT):
        view.open_prospect(visit_id)
    assert view.in_visit_mode
    visit_view = view.visit_view
    assert visit_view.photos_page is not None
    settle(view.runner)  # its photos too
    assert not visit_view.photos_page.is_busy
    return visit_view


def saved(visit: VisitView) -> None:
    """Everything typed in ``visit`` is in the database (the writes run in a worker)."""
    visit.saver.flush()
    settle(visit.runner)
    assert not visit.saver.has_pending


def focused(widget: QWidget) -> QWidget | None:
    """The widget with the keyboard in ``widget``'s window (offscreen windows are not active)."""
    return widget.window().focusWidget()


def answers(engine: Engine) -> dict[str, tuple[Any, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                ChecklistAnswer.item_key,
                ChecklistAnswer.value_choice,
                ChecklistAnswer.value_number,
                ChecklistAnswer.value_text,
            )
        ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


# -- the list ---------------------------------------------------------------------------------


def test_list_filters_and_search_as_you_type(
    qtbot: QtBot,
    qtmodeltester: Any,
    dutch: None,
    make_window: Any,
    engine: Engine,
    prepared_dir: Path,
) -> None:
    regina = plan(engine, "Hôtel Régina")
    plan(engine, "School De Linde", GENT, "9000")
    plan(engine, "Klooster Sint-Jozef")
    svc.set_status(engine, regina, "positief")
    svc.set_answer(engine, regina, "besluit.geschatte_plaatsen", AnswerValue(number=12))
    view = open_screen(qtbot, make_window, prepared_dir)
    qtmodeltester.check(view.model)
    assert names_shown(view) == ["Hôtel Régina", "Klooster Sint-Jozef", "School De Linde"]
    assert view.result_label.text() == "3 prospecties · 12 geschatte plaatsen"

    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        QTest.keyClicks(view.search_edit, "regina")
    qtbot.waitUntil(lambda: not view.is_loading, timeout=TIMEOUT)
    assert names_shown(view) == ["Hôtel Régina"]
    assert view.result_label.text() == "1 prospectie · 12 geschatte plaatsen"
    row = view.model.row_at(0)
    assert row is not None
    assert view.model.index(0, 3).data() == "Positief"

    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.search_edit.clear()
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.team_combo.setCurrentIndex(view.team_combo.findText("Regioteam Oost-Vlaanderen"))
    assert names_shown(view) == ["School De Linde"]
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.team_combo.setCurrentIndex(0)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.status_combo.setCurrentIndex(view.status_combo.findData("gepland"))
    assert names_shown(view) == ["Klooster Sint-Jozef", "School De Linde"]
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.period_combo.setCurrentIndex(view.period_combo.findData("last_year"))
    assert names_shown(view) == []
    assert view.result_label.text() == "0 prospecties · 0 geschatte plaatsen"


def test_new_prospect_gets_the_user_the_newest_template_and_the_postcode_town(
    qtbot: QtBot, dutch: None, make_window: Any, engine: Engine, prepared_dir: Path
) -> None:
    view = open_screen(qtbot, make_window, prepared_dir)
    dialog = view.new_prospect_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.create_visit()
    settle(view.runner)
    assert dialog.error_label.text() == "Vul een naam in."
    QTest.keyClicks(dialog.name_edit, "Pastorij Kerkplein")
    dialog.create_visit()
    settle(view.runner)
    assert dialog.error_label.text() == "Kies een gemeente."
    QTest.keyClicks(dialog.postcode_edit, "3500")
    assert dialog.municipality_combo.currentText() == "Hasselt"
    dialog.create_visit()
    settle(view.runner)
    assert dialog.visit_id is not None
    with engine.connect() as conn:
        visit = conn.execute(select(ProspectVisit)).one()
        user_id = json.loads(paths.settings_path(prepared_dir).read_text())["user_id"]
    assert (visit.name, visit.municipality_nis, visit.status) == (
        "Pastorij Kerkplein",
        HASSELT,
        "gepland",
    )
    assert visit.visitor_id == user_id
    assert visit.template_version == 1


# -- visit mode -------------------------------------------------------------------------------


def test_answers_by_keyboard_progress_and_required_items(
    qtbot: QtBot, dutch: None, make_window: Any, engine: Engine, prepared_dir: Path
) -> None:
    visit_id = plan(engine, "Klooster Sint-Jozef")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)

    visit.show_section("gebouw")
    smoke = visit.editors["gebouw.rookmelders"]
    smoke.focus_item()
    QTest.keyClick(smoke, Qt.Key.Key_J)
    co = visit.editors["gebouw.co_melders"]
    assert focused(co) is co  # J answered and moved on
    QTest.keyClick(co, Qt.Key.Key_N)
    exits = visit.editors["gebouw.nooduitgangen"]
    QTest.keyClick(exits, Qt.Key.Key_0)
    extinguishers = visit.editors["gebouw.brandblussers"]
    assert focused(extinguishers) is extinguishers
    QTest.keyClick(extinguishers, Qt.Key.Key_Down)
    QTest.keyClick(visit.editors["gebouw.elektrische_keuring"], Qt.Key.Key_O)
    assert smoke.answer_buttons["ja"].isChecked()
    assert co.answer_buttons["nee"].isChecked()

    # A required number item in another section: highlighted until answered.
    visit.show_section("sanitair")
    toilets = visit.editors["sanitair.aantal_toiletten"]
    assert toilets.property("requiredOpen") is True
    assert not visit.editors["sanitair.warm_water"].property("requiredOpen")
    row = visit.sections.itemWidget(visit.sections.item(3))
    assert isinstance(row, SectionRow)
    assert row.count_label.text() == "0/9 beantwoord"
    assert row.required_label.text() == "2 verplicht open"
    toilets.focus_item()
    assert toilets.number_edit is not None
    QTest.keyClicks(toilets.number_edit, "6")
    QTest.keyClick(toilets.number_edit, Qt.Key.Key_Return)
    assert focused(toilets) is visit.editors["sanitair.aantal_douches"].number_edit
    assert toilets.property("requiredOpen") is False
    assert row.count_label.text() == "1/9 beantwoord"
    assert row.required_label.text() == "1 verplicht open"
    QTest.keyClicks(visit.editors["sanitair.aantal_douches"].number_edit, "vier")  # type: ignore[arg-type]
    assert visit.editors["sanitair.aantal_douches"].error_label.text() == (
        "Vul een getal in, bijvoorbeeld 12 of 12,5."
    )
    saved(visit)

    assert answers(engine) == {
        "gebouw.rookmelders": ("ja", None, None),
        "gebouw.co_melders": ("nee", None, None),
        "gebouw.nooduitgangen": ("nvt", None, None),
        "gebouw.elektrische_keuring": ("nvt", None, None),
        "sanitair.aantal_toiletten": (None, 6.0, None),
    }


def test_choice_and_text_items_and_a_bottleneck_with_action(
    qtbot: QtBot, dutch: None, make_window: Any, engine: Engine, prepared_dir: Path
) -> None:
    visit_id = plan(engine, "Klooster Sint-Jozef")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    visit.show_section("algemeen")
    kind = visit.editors["algemeen.type_gebouw"]
    assert kind.choice_combo is not None
    kind.focus_item()
    QTest.keyClick(kind.choice_combo, Qt.Key.Key_1)  # the first choice: Klooster
    use = visit.editors["algemeen.huidige_bestemming"]
    assert use.text_edit is not None and focused(use) is use.text_edit
    QTest.keyClicks(use.text_edit, "Kloostergemeenschap, deels leeg")

    visit.show_section("gebouw")
    asbestos = visit.editors["gebouw.asbest"]
    asbestos.focus_item()
    QTest.keyClick(asbestos, Qt.Key.Key_F2)
    assert focused(asbestos) is asbestos.remark_edit
    QTest.keyClicks(asbestos.remark_edit, "Asbest in de kelder")
    asbestos.kind_buttons["knelpunt"].click()
    QTest.keyClicks(asbestos.action_edit, "Inventaris laten maken")
    saved(visit)
    assert asbestos.note_button.text() == "Knelpunt"

    with engine.connect() as conn:
        finding = conn.execute(
            select(Finding.item_key, Finding.kind, Finding.description, Finding.action)
        ).one()
    assert tuple(finding) == (
        "gebouw.asbest",
        "knelpunt",
        "Asbest in de kelder",
        "Inventaris laten maken",
    )
    stored = answers(engine)
    assert stored["algemeen.type_gebouw"] == ("klooster", None, None)
    assert stored["algemeen.huidige_bestemming"] == (None, None, "Kloostergemeenschap, deels leeg")

    # Reopened, the visit shows what was saved.
    visit = open_visit(qtbot, view, visit_id)
    visit.show_section("gebouw")
    reopened = visit.editors["gebouw.asbest"]
    assert reopened.remark_edit.text() == "Asbest in de kelder"
    assert reopened.kind_buttons["knelpunt"].isChecked()
    assert reopened.note_panel.isVisibleTo(reopened)
    reopened.set_finding_kind(None)
    saved(visit)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Finding)) == 0


def test_visit_fields_and_participants_are_saved_as_typed(
    qtbot: QtBot, dutch: None, make_window: Any, engine: Engine, prepared_dir: Path
) -> None:
    visit_id = plan(engine, "Klooster Sint-Jozef")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    details = visit.details_page
    assert details is not None
    visit.sections.setCurrentRow(0)
    details.places_spin.setValue(18)
    QTest.keyClicks(details.impression_edit, "Goed onderhouden")
    details.add_participant_button.click()
    row = details.participant_editors()[-1]
    row.role_combo.setCurrentIndex(row.role_combo.findData("brandweer"))
    row.name_edit.insert("Олена Коваль")  # as typed (QTest types ASCII only)
    QTest.keyClicks(row.organisation_edit, "Zone Oost-Limburg")
    # Saved within a second without leaving the field.
    qtbot.waitUntil(lambda: not visit.saver.has_pending, timeout=TIMEOUT)
    with engine.connect() as conn:
        detail = conn.execute(
            select(ProspectVisit.estimated_places, ProspectVisit.general_impression)
        ).one()
    assert tuple(detail) == (18, "Goed onderhouden")
    assert answers(engine)["besluit.geschatte_plaatsen"] == (None, 18.0, None)
    from vlot_desktop.db.queries.prospects import visit_detail

    with engine.connect() as conn:
        stored = visit_detail(conn, visit_id)
    assert stored is not None
    assert [(p.name, p.role, p.organisation) for p in stored.participants] == [
        ("Олена Коваль", "brandweer", "Zone Oost-Limburg")
    ]
    row.remove_button.click()
    saved(visit)
    with engine.connect() as conn:
        stored = visit_detail(conn, visit_id)
    assert stored is not None and stored.participants == []


# -- conversion -------------------------------------------------------------------------------


def test_conversion_to_a_location(
    qtbot: QtBot, dutch: None, make_window: Any, engine: Engine, prepared_dir: Path
) -> None:
    visit_id = plan(engine, "Klooster Sint-Jozef")
    svc.set_answer(engine, visit_id, "besluit.geschatte_plaatsen", AnswerValue(number=4))
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    details = visit.details_page
    assert details is not None
    assert not details.convert_button.isEnabled()
    visit.convert()
    settle(visit.runner)
    assert details.message_label.text().startswith(
        "Alleen een positieve prospectie kan een opvanglocatie worden."
    )
    details.status_combo.setCurrentIndex(details.status_combo.findData("positief"))
    assert details.convert_button.isEnabled()
    with qtbot.waitSignal(visit.converted, timeout=TIMEOUT) as converted:
        visit.convert()
    location_id = converted.args[0]
    assert location_id is not None
    details = visit.details_page
    assert details is not None
    assert details.message_label.text() == (
        "Omgezet: opvanglocatie ‘Klooster Sint-Jozef’ is in voorbereiding met 4 plaatsen."
    )
    assert details.status_combo.currentText() == "Omgezet naar locatie"
    assert not details.status_combo.isEnabled()
    assert not details.convert_button.isVisible()
    with engine.connect() as conn:
        location = conn.execute(select(Location).where(Location.id == location_id)).one()
        places = conn.scalars(select(Place.status).where(Place.location_id == location_id)).all()
        linked = conn.scalar(select(ProspectVisit.location_id))
    assert (location.status, location.capacity, location.name) == (
        "in_voorbereiding",
        4,
        "Klooster Sint-Jozef",
    )
    assert places == ["in_opbouw"] * 4
    assert linked == location_id
    visit.convert()
    settle(visit.runner)
    assert details.message_label.text() == "Deze prospectie is al omgezet naar een opvanglocatie."
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Location)) == 1


# -- photos -----------------------------------------------------------------------------------


def _jpeg(folder: Path, name: str, colour: str) -> Path:
    path = folder / name
    Image.new("RGB", (640, 480), colour).save(path, "JPEG")
    return path


def test_photos_add_caption_link_remove(
    qtbot: QtBot,
    dutch: None,
    make_window: Any,
    engine: Engine,
    prepared_dir: Path,
    tmp_path: Path,
) -> None:
    visit_id = plan(engine, "Klooster Sint-Jozef")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    page = visit.photos_page
    assert page is not None
    files = [_jpeg(tmp_path, "gevel.jpg", "red"), _jpeg(tmp_path, "keuken.jpg", "blue")]
    notes = tmp_path / "notities.txt"
    notes.write_text("geen foto", encoding="utf-8")
    visit.show_photos_for_item("algemeen.foto_gevel")
    assert page.link_combo.currentData() == "algemeen.foto_gevel"
    with qtbot.waitSignal(page.photos_loaded, timeout=TIMEOUT):
        page.add_files([*files, notes])
    assert len(page.cards) == 2
    assert all(card.image.pixmap() is not None for card in page.cards)
    assert "notities.txt" in page.message_label.text()
    assert "geweigerd" in page.message_label.text()
    assert page.status_label.text() == "2 foto('s) toegevoegd."

    # Both new photos are linked to the photo item, which now counts as answered.
    visit.show_section("algemeen")
    facade = visit.editors["algemeen.foto_gevel"]
    assert facade.photo_label is not None
    assert facade.photo_label.text() == "2 foto('s) gekoppeld"
    assert visit.progress()["algemeen"][0] == 1

    first = page.cards[0]
    QTest.keyClicks(first.caption_edit, "Voorgevel met hoofdingang")
    qtbot.waitUntil(lambda: not visit.saver.has_pending, timeout=TIMEOUT)
    second = page.cards[1]
    second.item_combo.setCurrentIndex(second.item_combo.findData("keuken.foto_keuken"))
    saved(visit)
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                Attachment.file_name, Attachment.caption, Attachment.checklist_item_key
            ).order_by(Attachment.position)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("gevel.jpg", "Voorgevel met hoofdingang", "algemeen.foto_gevel"),
        ("keuken.jpg", None, "keuken.foto_keuken"),
    ]
    assert facade.photo_label.text() == "1 foto('s) gekoppeld"

    with qtbot.waitSignal(page.photos_loaded, timeout=TIMEOUT):
        page.remove(second.photo.id)
    assert [c.photo.file_name for c in page.cards] == ["gevel.jpg"]
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Attachment)) == 1


# -- template versions ------------------------------------------------------------------------


def _add_template_v2(prepared_dir: Path, tmp_path: Path) -> None:
    from vlot_desktop.db.reference_data import ensure_reference_data

    folder = tmp_path / "resources-v2"
    shutil.copytree(paths.reference_data_dir(), folder)
    raw = json.loads((folder / "checklists" / "prospect_v1.json").read_text(encoding="utf-8"))
    raw["version"] = 2
    sanitair = next(s for s in raw["sections"] if s["key"] == "sanitair")
    sanitair["items"] = [i for i in sanitair["items"] if i["key"] != "sanitair.warm_water"]
    sanitair["items"].append(
        {
            "key": "sanitair.legionella",
            "label_nl": "Legionellabeheersplan aanwezig",
            "label_en": "Legionella management plan",
            "kind": "yes_no_na",
            "required": True,
        }
    )
    (folder / "checklists" / "prospect_v2.json").write_text(
        json.dumps(raw, ensure_ascii=False), encoding="utf-8"
    )
    assert ensure_reference_data(paths.database_path(prepared_dir), folder=folder)


def test_an_old_visit_keeps_its_template_version(
    qtbot: QtBot,
    dutch: None,
    make_window: Any,
    engine: Engine,
    prepared_dir: Path,
    tmp_path: Path,
) -> None:
    old = plan(engine, "Oud bezoek")
    svc.set_answer(engine, old, "sanitair.warm_water", AnswerValue(choice="nee"))
    _add_template_v2(prepared_dir, tmp_path)
    view = open_screen(qtbot, make_window, prepared_dir)

    visit = open_visit(qtbot, view, old)
    visit.show_section("sanitair")
    assert "sanitair.warm_water" in visit.editors
    assert "sanitair.legionella" not in visit.editors
    assert visit.editors["sanitair.warm_water"].answer_buttons["nee"].isChecked()
    assert visit.details_page is not None
    assert visit.details_page.template_label.text().endswith("versie 1")

    dialog = view.new_prospect_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.name_edit, "Nieuw bezoek")
    QTest.keyClicks(dialog.postcode_edit, "3500")
    dialog.create_visit()
    settle(view.runner)
    assert dialog.visit_id is not None
    visit = open_visit(qtbot, view, dialog.visit_id)
    visit.show_section("sanitair")
    assert "sanitair.legionella" in visit.editors
    assert "sanitair.warm_water" not in visit.editors
    assert visit.editors["sanitair.legionella"].label.text() == "Legionellabeheersplan aanwezig *"
    assert visit.details_page is not None
    assert visit.details_page.template_label.text().endswith("versie 2")
    assert answers(engine)["sanitair.warm_water"] == ("nee", None, None)


# -- report and language ----------------------------------------------------------------------


def test_report_button_writes_the_pdf_and_opens_it(
    qtbot: QtBot,
    dutch: None,
    make_window: Any,
    engine: Engine,
    prepared_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pypdf import PdfReader

    visit_id = plan(engine, "Klooster Sint-Jozef")
    svc.save_item_note(engine, visit_id, "gebouw.asbest", svc.ItemNote("Asbest", "knelpunt"))
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    opened: list[Path] = []
    monkeypatch.setattr(visit, "open_file", opened.append)
    with qtbot.waitSignal(visit.report_ready, timeout=60_000) as ready:
        visit.report_button.click()
    path = Path(ready.args[0])
    assert opened == [path]
    assert path.parent == prepared_dir / "temp" / "reports"
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Klooster Sint-Jozef" in text
    assert "Asbest" in text


def test_the_prospect_screens_show_no_english(
    qtbot: QtBot, dutch: None, make_window: Any, engine: Engine, prepared_dir: Path
) -> None:
    from tests.gui.test_gui_translations import assert_all_dutch

    visit_id = plan(engine, "Klooster Sint-Jozef")
    svc.add_participant(engine, visit_id, "Els Peeters", "gemeente", "Stad Hasselt")
    view = open_screen(qtbot, make_window, prepared_dir)
    window = view.window()
    assert_all_dutch(window)
    visit = open_visit(qtbot, view, visit_id)
    assert_all_dutch(window)
    for key in visit.section_keys():
        visit.show_section(key, focus_first=False)
        assert_all_dutch(window)
    visit.show_photos()
    assert_all_dutch(window)
    dialog = view.new_prospect_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    assert_all_dutch(dialog)
    assert isinstance(visit.editors["gebouw.asbest"], ItemEditor)


def test_photos_dropped_on_the_visit_are_added(
    qtbot: QtBot,
    dutch: None,
    make_window: Any,
    engine: Engine,
    prepared_dir: Path,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    visit_id = plan(engine, "Klooster Sint-Jozef")
    view = open_screen(qtbot, make_window, prepared_dir)
    visit = open_visit(qtbot, view, visit_id)
    visit.show_section("gebouw")
    photo = _jpeg(tmp_path, "dak.jpg", "gray")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page = visit.photos_page
    assert page is not None
    with qtbot.waitSignal(page.photos_loaded, timeout=TIMEOUT):
        visit.dropEvent(event)
    assert visit.sections.currentRow() == visit.photos_row
    assert [c.photo.file_name for c in page.cards] == ["dak.jpg"]


def test_reports_of_the_filtered_list_in_one_pdf_or_a_folder(
    qtbot: QtBot,
    dutch: None,
    make_window: Any,
    engine: Engine,
    prepared_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pypdf import PdfReader
    from PySide6.QtGui import QDesktopServices

    plan(engine, "Klooster Sint-Jozef")
    plan(engine, "School De Linde", GENT, "9000")
    plan(engine, "Hôtel Régina")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    view = open_screen(qtbot, make_window, prepared_dir)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        QTest.keyClicks(view.search_edit, "linde")
    qtbot.waitUntil(lambda: not view.is_loading, timeout=TIMEOUT)
    assert names_shown(view) == ["School De Linde"]
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        view.search_edit.clear()
    qtbot.waitUntil(
        lambda: names_shown(view) == ["Hôtel Régina", "Klooster Sint-Jozef", "School De Linde"],
        timeout=TIMEOUT,
    )

    book = tmp_path / "verslagen.pdf"
    job = view.make_reports(book, one_file=True)
    with qtbot.waitSignal(job.finished, timeout=60_000) as done:  # type: ignore[attr-defined]
        pass
    assert done.args[0] == [book]
    assert opened == [str(book)]
    text = "".join(page.extract_text() for page in PdfReader(book).pages)
    for name in ("Hôtel Régina", "Klooster Sint-Jozef", "School De Linde", "Inhoud"):
        assert name in text

    folder = tmp_path / "map"
    folder.mkdir()
    job = view.make_reports(folder, one_file=False)
    with qtbot.waitSignal(job.finished, timeout=60_000) as done:  # type: ignore[attr-defined]
        pass
    assert len(done.args[0]) == 3
    assert sorted(p.parent for p in done.args[0]) == [folder] * 3
