"""Pasting a text too long for the other laptops (domain.text_limits) into a screen.

What the user sees: a Dutch message next to the field, and the database keeps the old value
(read back through the same queries the screens use). Visit mode keeps what was pasted in the
field (not cut, so it can be shortened); the forms on the editing component (ui/forms: the
Gegevens tabs of Opvanglocaties and Dossiers) refuse the paste itself, and keep a text that
grew too long otherwise. A shorter text is then saved as usual.

A real paste is a document with lines: Qt wraps one 2-million-character line without spaces
very slowly (minutes), whatever the application does with it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui_waiting import settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from test_gui_cases_support import Cases, add_cases, member_id, open_cases_screen, select_contact

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import Location
from vlot_desktop.db.queries.cases import case_detail, sensitive_member_data
from vlot_desktop.db.queries.locations import location_detail
from vlot_desktop.db.queries.prospects import visit_detail
from vlot_desktop.domain.enums import LocationStatus, LocationType
from vlot_desktop.services import prospects as svc
from vlot_desktop.services.cases import save_case_fields
from vlot_desktop.ui.cases.member_dialog import MemberDialog
from vlot_desktop.ui.locations.locations_view import LocationsView
from vlot_desktop.ui.prospects.prospects_view import ProspectsView

HASSELT = "71072"
TIMEOUT = 20_000
# 2,000,000 characters of Cyrillic (4 MB of UTF-8) in lines of 80.
PASTED = ("а" * 79 + "\n") * 24_999 + "а" * 80
TOO_LONG_NL = (
    "Deze tekst is te lang: {} tekens, hoogstens 100.000. Hij is niet bewaard; maak hem korter."
)


def paste(qtbot: QtBot, editor: QPlainTextEdit | QLineEdit, text: str) -> None:
    """Ctrl+V of ``text`` in ``editor``, replacing what it holds (as after Ctrl+A)."""
    QGuiApplication.clipboard().setText(text)
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture
def engine(prepared_dir: Path) -> Any:
    eng = make_engine(paths.database_path(prepared_dir))
    yield eng
    eng.dispose()


# -- Opvanglocaties ---------------------------------------------------------------------------


def test_location_notes_too_long_get_a_message_and_keep_the_old_notes(
    qtbot: QtBot, dutch: None, make_window: Any, engine: Engine, prepared_dir: Path
) -> None:
    with Session(engine) as session, session.begin():
        location = Location(
            name="De Linde",
            search_text="de linde",
            location_type=LocationType.COLLECTIVE,
            status=LocationStatus.OPERATIONAL,
            municipality_nis=HASSELT,
            notes="Sleutel bij de buren",
        )
        session.add(location)
        session.flush()
        location_id = location.id
    view = make_window(prepared_dir).show_screen("locations")
    assert isinstance(view, LocationsView)
    view.table.selectRow(0)
    assert view.detail.location_id == location_id
    settle(view.runner)  # the pane reads the location in a worker
    form = view.detail.form

    # The paste is refused in the field (ui.forms): nothing of it goes in, the message says why.
    paste(qtbot, form.notes, PASTED)
    assert form.notes.toPlainText() == "Sleutel bij de buren"
    assert form.message_text("notes") == (
        "De geplakte tekst is te lang: 2.000.000 tekens, hoogstens 100.000 in dit veld. "
        "Er is niets geplakt; plak een korter stuk."
    )
    assert form.messages["notes"].isVisibleTo(form)
    # A text that grew too long otherwise is kept, with the limit's message, and not sent.
    form.notes.setPlainText("а" * 100_001)
    assert form.message_text("notes") == TOO_LONG_NL.format("100.001")
    form.flush()
    settle(view.runner)
    assert len(form.notes.toPlainText()) == 100_001  # not cut
    assert "notes" in form.editor.invalid
    with engine.connect() as conn:
        detail = location_detail(conn, location_id)
    assert detail is not None and detail.notes == "Sleutel bij de buren"

    # Shortened, it is saved and the message goes.
    form.notes.setPlainText("Sleutel bij de buren; lift defect")
    form.flush()
    settle(view.runner)
    assert not form.pending
    assert form.message_text("notes") == ""
    with engine.connect() as conn:
        detail = location_detail(conn, location_id)
    assert detail is not None and detail.notes == "Sleutel bij de buren; lift defect"


# -- Prospecties ------------------------------------------------------------------------------


def test_visit_impression_and_checklist_remark_too_long(
    qtbot: QtBot, dutch: None, make_window: Any, engine: Engine, prepared_dir: Path
) -> None:
    visit_id = svc.create_visit(
        engine,
        svc.NewVisit(
            name="Klooster Sint-Jozef",
            municipality_nis=HASSELT,
            postcode="3500",
            visit_date=dt.date.today(),
        ),
    )
    svc.save_item_note(
        engine, visit_id, "gebouw.asbest", svc.ItemNote(remark="Asbest in de kelder")
    )
    window = make_window(prepared_dir)
    screen = window.screen_by_key("prospects")
    assert isinstance(screen, ProspectsView)
    with qtbot.waitSignal(screen.loaded, timeout=TIMEOUT):
        window.show_screen("prospects")
        screen.refresh()
    with qtbot.waitSignal(screen.visit_view.opened, timeout=TIMEOUT):
        screen.open_prospect(visit_id)
    visit = screen.visit_view
    details = visit.details_page
    assert details is not None
    visit.sections.setCurrentRow(0)
    details.impression_edit.setPlainText("Goed onderhouden")
    visit.saver.flush()
    settle(visit.runner)

    # The general impression: the message under the field, the old text in the database.
    paste(qtbot, details.impression_edit, PASTED)
    qtbot.waitUntil(lambda: details.field_message("general_impression") != "", timeout=TIMEOUT)
    assert details.field_message("general_impression") == TOO_LONG_NL.format("2.000.000")
    assert details.field_message("outcome_notes") == ""
    assert not details.message_label.isVisibleTo(details)  # not the general message
    assert visit.save_label.text() == "Niet opgeslagen: zie de melding"
    assert len(details.impression_edit.toPlainText()) == 2_000_000
    with engine.connect() as conn:
        saved = visit_detail(conn, visit_id)
    assert saved is not None and saved.general_impression == "Goed onderhouden"
    details.impression_edit.setPlainText("Goed onderhouden, dak te herstellen")
    visit.saver.flush()
    settle(visit.runner)
    assert details.field_message("general_impression") == ""
    with engine.connect() as conn:
        saved = visit_detail(conn, visit_id)
    assert saved is not None and saved.general_impression == "Goed onderhouden, dak te herstellen"

    # A checklist remark (one line): not cut at Qt's 32,767 characters, refused under the item.
    visit.show_section("gebouw")
    asbestos = visit.editors["gebouw.asbest"]
    asbestos.open_note()
    paste(qtbot, asbestos.remark_edit, "а" * 2_000_000)
    assert len(asbestos.remark_edit.text()) == 2_000_000
    visit.saver.flush()
    settle(visit.runner)
    assert asbestos.error_label.isVisibleTo(asbestos)
    assert asbestos.error_label.text() == TOO_LONG_NL.format("2.000.000")
    with engine.connect() as conn:
        saved = visit_detail(conn, visit_id)
    assert saved is not None and saved.answers["gebouw.asbest"].remark == "Asbest in de kelder"
    asbestos.remark_edit.setText("Asbest in de kelder en op zolder")
    asbestos.remark_edit.textEdited.emit(asbestos.remark_edit.text())
    visit.saver.flush()
    settle(visit.runner)
    assert not asbestos.error_label.isVisibleTo(asbestos)
    with engine.connect() as conn:
        saved = visit_detail(conn, visit_id)
    assert saved is not None
    assert saved.answers["gebouw.asbest"].remark == "Asbest in de kelder en op zolder"


# -- Dossiers ---------------------------------------------------------------------------------


@pytest.fixture
def cases(prepared_dir: Path) -> Cases:
    return add_cases(prepared_dir)


def test_case_summary_too_long_keeps_the_old_summary(
    qtbot: QtBot, dutch: None, make_window: Any, prepared_dir: Path, cases: Cases
) -> None:
    view = open_cases_screen(qtbot, make_window, prepared_dir)
    engine = view.context.engine
    assert save_case_fields(engine, cases.olena, {"summary": "Gastgezin stopt"}, author_id=None)
    select_contact(view, "Olena")
    form = view.detail.form
    assert form.summary_edit.toPlainText() == "Gastgezin stopt"

    paste(qtbot, form.summary_edit, PASTED)  # refused in the field (ui.forms)
    assert form.summary_edit.toPlainText() == "Gastgezin stopt"
    assert form.message_text("summary") == (
        "De geplakte tekst is te lang: 2.000.000 tekens, hoogstens 10.000 in dit veld. "
        "Er is niets geplakt; plak een korter stuk."
    )
    form.summary_edit.setPlainText("а" * 10_001)  # grown too long otherwise: kept, not sent
    form.flush()
    settle(view.runner)
    assert "summary" in form.editor.invalid  # kept, to be shortened
    assert form.message_text("summary") == TOO_LONG_NL.format("10.001").replace("100.000", "10.000")
    with engine.connect() as conn:
        detail = case_detail(conn, cases.olena)
    assert detail is not None and detail.summary == "Gastgezin stopt"


def test_medical_notes_and_a_status_explanation_too_long(
    qtbot: QtBot, dutch: None, make_window: Any, prepared_dir: Path, cases: Cases
) -> None:
    view = open_cases_screen(qtbot, make_window, prepared_dir)
    engine = view.context.engine
    select_contact(view, "Mykola")
    panel = view.detail.household
    panel.reveal_button.click()
    settle(view.runner)
    hanna = member_id(engine, cases.mykola, "Hanna")
    panel.select_member(hanna)
    shown: dict[str, Any] = {}

    def paste_notes(dialog: MemberDialog) -> int:
        qtbot.addWidget(dialog)
        paste(qtbot, dialog.notes_edit, PASTED)
        dialog.accept()  # refused: the dialog stays open with the message
        settle(view.runner)
        shown["message"] = dialog.message_text("medical_notes")
        shown["kept"] = len(dialog.notes_edit.toPlainText())
        return int(dialog.result())

    panel.open_dialog = paste_notes
    assert panel.edit_selected() is None
    assert shown == {"message": TOO_LONG_NL.format("2.000.000"), "kept": 2_000_000}
    with engine.connect() as conn:
        health = {m.member_id: m.medical_notes for m in sensitive_member_data(conn, cases.mykola)}
    assert health[hanna] == "Insuline"

    # The explanation of a status step goes on the timeline: at most 10,000 characters.
    box = view.detail.form.status_box
    box.next_combo.setCurrentText("In behandeling")
    paste(qtbot, box.remark_edit, "а" * 40_000)  # more than Qt's 32,767 of a line edit
    box.change_button.click()
    settle(view.runner)  # the case is read again: the message and the text stay
    assert box.message_text() == (
        "Deze tekst is te lang: 40.000 tekens, hoogstens 10.000. "
        "Hij is niet bewaard; maak hem korter."
    )
    assert box.remark_edit.text() == "а" * 40_000  # kept to be shortened
    with engine.connect() as conn:
        detail = case_detail(conn, cases.mykola)
    assert detail is not None and detail.status == "nieuw"
