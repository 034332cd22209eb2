"""The editing component (ui/forms) as a user meets it on the Opvanglocaties screen.

What is typed and cannot be saved stays with its location, with its message, when the user
moves to another location and back, and nothing of it reaches the database; Ctrl+Z takes back
the last change in the database and on screen; a new owner and new contact persons are saved
and shown again; "alle plaatsen bezet" is asked first and undone with one click; a paste of
two million characters is refused at the field's limit, with a message.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from gui_waiting import settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session
from test_gui_locations import DE_PANNE, HASSELT, _add, names, select, stored

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.domain.enums import PlaceStatus
from vlot_desktop.ui.forms import NewPersonDialog
from vlot_desktop.ui.locations.locations_view import LocationsView
from vlot_desktop.ui.main_window import MainWindow

FREE, OCCUPIED = PlaceStatus.FREE, PlaceStatus.OCCUPIED
OUT, OFFERED = PlaceStatus.OUT_OF_USE, PlaceStatus.OFFERED_FEDASIL
ZONNEWEELDE = [FREE] * 9 + [OCCUPIED] * 3 + [OUT, OFFERED]  # 14 places


@pytest.fixture
def editing_dir(prepared_dir: Path) -> Path:
    engine = make_engine(paths.database_path(prepared_dir))
    with Session(engine) as session, session.begin():
        _add(session, "De Linde", HASSELT, [FREE, FREE, OCCUPIED], town="Hasselt")
        _add(session, "Residentie Zonneweelde", HASSELT, ZONNEWEELDE, town="Hasselt")
        _add(session, "Zeezicht", DE_PANNE, [FREE], town="De Panne", street="Zeedijk")
    engine.dispose()
    return prepared_dir


@pytest.fixture
def view(dutch: None, make_window: Any, editing_dir: Path) -> LocationsView:
    window: MainWindow = make_window(editing_dir)
    screen = window.show_screen("locations")
    assert isinstance(screen, LocationsView)
    settle(screen.runner)
    return screen


def places_of(view: LocationsView, location_id: str) -> list[tuple[str, str, str]]:
    """(label, status, since) of each place, as stored."""
    with view.context.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT label, status, status_since FROM place WHERE location_id = ? ORDER BY label",
            (location_id,),
        ).all()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


# -- what cannot be saved is never dropped ------------------------------------------------------


def test_an_invalid_capacity_stays_with_its_location_after_switching_and_back(
    qtbot: QtBot, view: LocationsView
) -> None:
    linde = select(view, "De Linde")
    form = view.detail.form
    capacity = form.lines["capacity"]
    retype(qtbot, capacity, "-2")
    select(view, "Zeezicht")  # at once, before the pause: the change goes to the rules now
    settle(view.runner)
    # Refused by the rules: nothing of it is in the database (no place added or removed).
    assert stored(view, linde, "capacity") == 3
    assert len(places_of(view, linde)) == 3
    # The pane of Zeezicht says that De Linde holds a change that was not saved.
    notice = form.editor.notice
    assert notice.isVisibleTo(view.detail)
    assert notice.texts == [
        "Niet bewaard bij De Linde: Capaciteit (plaatsen). De capaciteit kan niet negatief zijn."
    ]
    assert capacity.text() == "1"
    assert form.message_text("capacity") == ""

    select(view, "De Linde")
    assert capacity.text() == "-2"
    assert form.message_text("capacity") == "De capaciteit kan niet negatief zijn."
    assert not notice.isVisibleTo(view.detail)
    assert stored(view, linde, "capacity") == 3
    # What is typed with it waits for it: all or nothing, nothing half-saved.
    form.notes.setFocus()
    qtbot.keyClicks(form.notes, "Lift defect")
    select(view, "Zeezicht")
    settle(view.runner)
    assert stored(view, linde, "notes") is None
    assert stored(view, linde, "capacity") == 3
    select(view, "De Linde")
    assert form.notes.toPlainText() == "Lift defect"
    assert capacity.text() == "-2"
    # Corrected, both are saved.
    retype(qtbot, capacity, "4")
    form.flush()
    settle(view.runner)
    assert (stored(view, linde, "capacity"), stored(view, linde, "notes")) == (4, "Lift defect")
    assert len(places_of(view, linde)) == 4
    assert form.message_text("capacity") == ""
    assert not form.pending


def test_a_date_that_cannot_be_read_stays_and_can_be_discarded(
    qtbot: QtBot, view: LocationsView
) -> None:
    zeezicht = select(view, "Zeezicht")
    form = view.detail.form
    retype(qtbot, form.lines["closed_on"], "31/02/2026")
    assert form.message_text("closed_on").startswith("Geen geldige datum")
    select(view, "De Linde")
    notice = form.editor.notice
    assert notice.texts[0].startswith("Niet bewaard bij Zeezicht: Gesloten op. Geen geldige datum")
    select(view, "Zeezicht")
    assert form.lines["closed_on"].text() == "31/02/2026"
    assert form.message_text("closed_on").startswith("Geen geldige datum")
    assert stored(view, zeezicht, "closed_on") is None
    # Elsewhere again, the user gives it up: Zeezicht shows what is saved.
    select(view, "De Linde")
    discard = [b for b in notice.findChildren(type(view.new_button)) if b.text() == "Weggooien"]
    discard[0].click()
    assert not notice.isVisibleTo(view.detail)
    select(view, "Zeezicht")
    assert form.lines["closed_on"].text() == ""
    assert form.message_text("closed_on") == ""


# -- undo -----------------------------------------------------------------------------------


def test_ctrl_z_restores_the_previous_value_in_the_database_and_on_screen(
    qtbot: QtBot, view: LocationsView
) -> None:
    linde = select(view, "De Linde")
    form = view.detail.form
    capacity = form.lines["capacity"]
    retype(qtbot, capacity, "5")
    qtbot.keyClick(capacity, Qt.Key.Key_Return)  # leaving the field saves at once
    settle(view.runner)
    assert stored(view, linde, "capacity") == 5
    assert len(places_of(view, linde)) == 5
    assert view.detail.undo_button.isEnabled()
    capacity.setFocus()
    qtbot.keyClick(capacity, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(view.runner)
    assert stored(view, linde, "capacity") == 3
    assert len(places_of(view, linde)) == 3
    assert capacity.text() == "3"
    assert view.detail.places_panel.model.rowCount() == 3
    assert view.model.index(names(view).index("De Linde"), 4).data() == "3"  # the list line
    assert view.detail.save_label.text() == "De laatste wijziging is ongedaan gemaakt."
    assert not view.detail.undo_button.isEnabled()

    # Typed and not saved yet: Ctrl+Z puts back what is saved, and writes nothing.
    name = form.lines["name"]
    retype(qtbot, name, "Iets anders")
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert name.text() == "De Linde"
    assert not form.pending
    settle(view.runner)
    assert stored(view, linde, "name") == "De Linde"


# -- owners and contact persons -------------------------------------------------------------


def fill_in(view: LocationsView, values: dict[str, str], seen: list[str]):  # type: ignore[no-untyped-def]
    """An ``open_dialog`` that fills the dialog in, clicks "Toevoegen" and waits for it."""

    def answer(dialog: NewPersonDialog) -> int:
        seen.append(dialog.windowTitle())
        for name, value in values.items():
            edit = dialog.edits[name]
            if isinstance(edit, QLineEdit):
                edit.setText(value)
            else:
                edit.setCurrentIndex(edit.findText(value))
        dialog.add_button.click()
        settle(view.runner)
        return int(dialog.result())

    return answer


def test_a_new_owner_and_contact_persons_are_saved_and_shown_after_reopening(
    qtbot: QtBot, view: LocationsView, make_window: Any, editing_dir: Path
) -> None:
    linde = select(view, "De Linde")
    form = view.detail.form
    owner = form.people["owner_organisation_id"]
    line = owner.combo.lineEdit()
    assert line is not None
    # Typed and left: not in the list, so it stays with a message (and is not lost).
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, "Bouwbedrijf Peeters")
    form.lines["street"].setFocus()
    assert form.message_text("owner_organisation_id") == (
        "‘Bouwbedrijf Peeters’ staat niet in de lijst. Kies iemand uit de lijst, "
        "of voeg toe met ‘Nieuw…’."
    )
    assert owner.combo.currentText() == "Bouwbedrijf Peeters"
    # Enter adds it: the dialog has the name; the service wants nothing more.
    seen: list[str] = []
    prefilled: list[str] = []

    def add_owner(dialog: NewPersonDialog) -> int:
        prefilled.append(dialog.values()["name"])
        return fill_in(view, {"email": "info@peeters.example"}, seen)(dialog)

    form.open_dialog = add_owner
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    settle(view.runner)
    assert seen == ["Nieuwe eigenaar"] and prefilled == ["Bouwbedrijf Peeters"]
    assert owner.combo.currentText() == "Bouwbedrijf Peeters"
    assert form.message_text("owner_organisation_id") == ""
    with view.context.engine.connect() as conn:
        name, kind, email = conn.exec_driver_sql(
            "SELECT o.name, o.kind, o.email FROM location l "
            "JOIN organisation o ON o.id = l.owner_organisation_id WHERE l.id = ?",
            (linde,),
        ).one()
    assert (name, kind, email) == ("Bouwbedrijf Peeters", "eigenaar", "info@peeters.example")

    # A contact person of that owner, and one of the municipality.
    form.open_dialog = fill_in(view, {"first_name": "Jan", "last_name": "Peeters"}, seen)
    form.people["owner_contact_id"].new_button.click()
    settle(view.runner)
    form.open_dialog = fill_in(
        view, {"first_name": "Sara", "last_name": "Claes", "role": "Schepen"}, seen
    )
    form.people["municipal_contact_id"].new_button.click()
    settle(view.runner)
    assert seen[1:] == [
        "Nieuwe contactpersoon van de eigenaar",
        "Nieuwe contactpersoon van de gemeente",
    ]
    with view.context.engine.connect() as conn:
        people = conn.exec_driver_sql(
            "SELECT c.first_name, c.last_name, c.role, c.organisation_id IS NOT NULL, "
            "c.municipality_nis FROM location l JOIN contact_person c "
            "ON c.id IN (l.owner_contact_id, l.municipal_contact_id) WHERE l.id = ? "
            "ORDER BY c.last_name",
            (linde,),
        ).all()
    assert [tuple(p) for p in people] == [
        ("Sara", "Claes", "schepen", 0, HASSELT),
        ("Jan", "Peeters", "eigenaar", 1, None),
    ]

    # Shown again after another location, and in the application started again.
    select(view, "Zeezicht")
    assert owner.combo.currentText() != "Bouwbedrijf Peeters"
    select(view, "De Linde")
    assert owner.combo.currentText() == "Bouwbedrijf Peeters"
    assert form.combos["owner_contact_id"].currentText() == "Jan Peeters"
    assert form.combos["municipal_contact_id"].currentText() == "Sara Claes"
    view.window().close()
    again = make_window(editing_dir).show_screen("locations")
    assert isinstance(again, LocationsView)
    settle(again.runner)
    select(again, "De Linde")
    reopened = again.detail.form
    assert reopened.combos["owner_organisation_id"].currentText() == "Bouwbedrijf Peeters"
    assert reopened.combos["owner_contact_id"].currentText() == "Jan Peeters"
    assert reopened.combos["municipal_contact_id"].currentText() == "Sara Claes"
    # Ctrl+Z there takes back nothing of the last session: its undo list starts empty.
    assert not again.detail.undo_button.isEnabled()


def test_adding_an_owner_is_undone_like_any_change(qtbot: QtBot, view: LocationsView) -> None:
    zeezicht = select(view, "Zeezicht")
    form = view.detail.form
    seen: list[str] = []
    form.open_dialog = fill_in(view, {"name": "Immo Zeezicht"}, seen)
    form.people["owner_organisation_id"].new_button.click()
    settle(view.runner)
    assert stored(view, zeezicht, "owner_organisation_id") is not None
    assert view.detail.undo_button.isEnabled()
    view.detail.undo_button.click()
    settle(view.runner)
    assert stored(view, zeezicht, "owner_organisation_id") is None
    owner = form.combos["owner_organisation_id"]
    assert owner.currentText() == "(geen)"
    assert owner.findText("Immo Zeezicht") >= 0  # still in the list, to be chosen again


def test_a_new_contact_person_is_refused_without_a_last_name_and_the_dialog_stays(
    qtbot: QtBot, view: LocationsView
) -> None:
    select(view, "De Linde")
    form = view.detail.form
    said: list[str] = []

    def without_last_name(dialog: NewPersonDialog) -> int:
        dialog.edits["first_name"].setText("Sara")  # type: ignore[union-attr]
        dialog.add_button.click()
        settle(view.runner)
        said.append(dialog.message_text("last_name"))
        assert dialog.isVisible() or dialog.result() == 0
        dialog.reject()
        return int(dialog.result())

    form.open_dialog = without_last_name
    form.people["municipal_contact_id"].new_button.click()
    settle(view.runner)
    assert said == ["Vul een achternaam in."]
    assert form.combos["municipal_contact_id"].currentText() == "(geen)"
    # Without an owner, the owner's contact person cannot be added: said under the field.
    form.people["owner_contact_id"].new_button.click()
    assert form.message_text("owner_contact_id") == (
        "Kies eerst de eigenaar: de contactpersoon hoort bij de eigenaar."
    )


# -- bulk changes ---------------------------------------------------------------------------


def answering(choice: str, asked: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """A ``question.open_box`` that notes the question and clicks ``choice`` (its text)."""

    def answer(box: QMessageBox) -> int:
        asked.append((box.text(), box.informativeText()))
        [button] = [b for b in box.buttons() if b.text() == choice]
        button.click()
        return 0

    return answer


def test_all_places_occupied_is_asked_first_and_undone_with_one_click(
    qtbot: QtBot, view: LocationsView
) -> None:
    location_id = select(view, "Residentie Zonneweelde")
    view.detail.tabs.setCurrentIndex(2)
    panel = view.detail.places_panel
    before = places_of(view, location_id)
    with view.context.engine.connect() as conn:
        steps_before = conn.exec_driver_sql(
            "SELECT count(*) FROM place_status_change WHERE location_id = ?", (location_id,)
        ).scalar()
    panel.table.selectAll()
    asked: list[tuple[str, str]] = []
    panel.question.open_box = answering("Annuleren", asked)
    assert not panel.set_status(PlaceStatus.OCCUPIED)
    settle(view.runner)
    today = dt.date.today().strftime("%d/%m/%Y")
    assert asked == [
        (
            "Alle 14 plaatsen van Residentie Zonneweelde op bezet zetten?",
            f"11 plaatsen veranderen vanaf {today}. 3 ervan zijn al bezet en blijven zoals ze "
            "zijn. U kunt dit daarna ongedaan maken (Ongedaan maken, of Ctrl+Z).",
        )
    ]
    assert places_of(view, location_id) == before  # Annuleren: nothing changed

    panel.question.open_box = answering("Op bezet zetten", asked)
    panel.buttons[PlaceStatus.OCCUPIED].click()
    settle(view.runner)
    assert len(asked) == 2
    assert {status for _label, status, _since in places_of(view, location_id)} == {"bezet"}
    assert panel.counts_label.text().startswith("Capaciteit: 14 · Vrij: 0 · Bezet: 14")
    row = names(view).index("Residentie Zonneweelde")
    assert view.model.index(row, 5).data() == "14"  # the list line follows
    offer = panel.undo_offer
    assert offer.isVisibleTo(panel)
    assert offer.label.text() == "11 plaatsen op bezet gezet."
    assert offer.button.text() == "Ongedaan maken"
    assert view.detail.undo_button.isEnabled()  # the pane's button (and Ctrl+Z) undoes it too

    offer.button.click()
    settle(view.runner)
    assert places_of(view, location_id) == before  # each place as it was, with its date
    with view.context.engine.connect() as conn:
        steps_after = conn.exec_driver_sql(
            "SELECT count(*) FROM place_status_change WHERE location_id = ?", (location_id,)
        ).scalar()
    assert steps_after == steps_before
    assert offer.label.text() == "Ongedaan gemaakt: de 11 plaatsen staan weer zoals voordien."
    assert offer.button.isHidden()
    assert not view.detail.undo_button.isEnabled()
    assert panel.counts_label.text().startswith("Capaciteit: 14 · Vrij: 9 · Bezet: 3")
    assert view.model.index(row, 5).data() == "3"


def test_one_place_is_not_asked_and_ctrl_z_on_the_tab_undoes_it(
    qtbot: QtBot, view: LocationsView
) -> None:
    location_id = select(view, "De Linde")
    view.detail.tabs.setCurrentIndex(2)
    panel = view.detail.places_panel
    before = places_of(view, location_id)
    asked: list[tuple[str, str]] = []
    panel.question.open_box = answering("Annuleren", asked)
    panel.table.selectRow(0)
    panel.buttons[PlaceStatus.OCCUPIED].click()
    settle(view.runner)
    assert asked == []
    assert panel.undo_offer.label.text() == "1 plaats op bezet gezet."
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(view.runner)
    assert places_of(view, location_id) == before
    assert panel.undo_offer.label.text() == "Ongedaan gemaakt: de plaats staat weer zoals voordien."


# -- two million characters pasted -----------------------------------------------------------

PASTED = ("а" * 79 + "\n") * 24_999 + "а" * 80  # 2,000,000 characters of Cyrillic, 4 MB


def paste(qtbot: QtBot, editor: QPlainTextEdit | QLineEdit, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_paste_of_two_million_characters_is_refused_at_the_field_limit(
    qtbot: QtBot, view: LocationsView
) -> None:
    linde = select(view, "De Linde")
    form = view.detail.form
    form.notes.setPlainText("Sleutel bij de buren")
    form.flush()
    settle(view.runner)

    paste(qtbot, form.notes, PASTED)
    assert form.notes.toPlainText() == "Sleutel bij de buren"  # nothing of it was pasted
    assert form.message_text("notes") == (
        "De geplakte tekst is te lang: 2.000.000 tekens, hoogstens 100.000 in dit veld. "
        "Er is niets geplakt; plak een korter stuk."
    )
    assert not form.pending
    name = form.lines["name"]
    paste(qtbot, name, "а" * 2_000_000)  # one line
    assert name.text() == "De Linde"
    assert form.message_text("name") == (
        "Te lang: dit veld neemt hoogstens 200 tekens. Wat u typte of plakte, is niet overgenomen."
    )
    postcode = form.lines["postcode"]
    postcode.setFocus()
    postcode.end(False)
    qtbot.keyClicks(postcode, "9")  # a fifth digit
    assert postcode.text() == "3500"
    assert form.message_text("postcode").startswith("Te lang: dit veld neemt hoogstens 4 tekens.")
    settle(view.runner)
    assert stored(view, linde, "notes") == "Sleutel bij de buren"
    assert stored(view, linde, "name") == "De Linde"
    # A paste that fits is taken as usual, and the message goes.
    paste(qtbot, form.notes, "Sleutel bij de buren; lift defect")
    assert form.message_text("notes") == ""
    form.flush()
    settle(view.runner)
    assert stored(view, linde, "notes") == "Sleutel bij de buren; lift defect"


# -- no SQL in the component ------------------------------------------------------------------


def test_the_editing_component_holds_no_sql_and_no_sessions() -> None:
    """Like the screens (tests/gui/test_gui_no_sql_in_screens.py): reads and writes go through
    ``ui.ops`` to services, in a worker."""
    from test_gui_no_sql_in_screens import UI, offences

    files = sorted((UI / "forms").glob("*.py"))
    assert len(files) >= 6
    found = {f.name: offences(f.read_text(encoding="utf-8")) for f in files}
    assert {name: lines for name, lines in found.items() if lines} == {}


# -- the Dossiers details form is the same component -------------------------------------------


def test_a_refused_deadline_stays_with_its_case_and_ctrl_z_undoes_a_saved_one(
    qtbot: QtBot, dutch: None, make_window: Any, prepared_dir: Path
) -> None:
    from test_gui_cases_support import add_cases, open_cases_screen, select_contact

    from vlot_desktop.services.cases import SUMMARY_MAX
    from vlot_desktop.ui.cases.details_form import SUMMARY_LIMIT

    assert SUMMARY_LIMIT == SUMMARY_MAX  # the form's limit is the service's
    cases = add_cases(prepared_dir)
    view = open_cases_screen(qtbot, make_window, prepared_dir)

    def deadline_of(case_id: str) -> object:
        with view.context.engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT deadline FROM case_file WHERE id = ?", (case_id,)
            ).scalar()

    select_contact(view, "Mykola")
    form = view.detail.form
    stored_before = deadline_of(cases.mykola)
    long_ago = (dt.date.today() - dt.timedelta(days=400)).strftime("%d/%m/%Y")
    retype(qtbot, form.deadline_edit, long_ago)  # before the opening date: refused
    select_contact(view, "Olena")
    settle(view.runner)
    assert deadline_of(cases.mykola) == stored_before
    assert form.editor.notice.texts[0].startswith("Niet bewaard bij ")
    assert form.editor.notice.texts[0].endswith(
        ": Deadline. De deadline ligt vóór de openingsdatum."
    )
    select_contact(view, "Mykola")
    assert form.deadline_edit.text() == long_ago
    assert form.message_text("deadline") == "De deadline ligt vóór de openingsdatum."

    retype(qtbot, form.deadline_edit, "31/12/2030")
    qtbot.keyClick(form.deadline_edit, Qt.Key.Key_Return)
    settle(view.runner)
    assert deadline_of(cases.mykola) == "2030-12-31"
    qtbot.keyClick(form.deadline_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(view.runner)
    assert deadline_of(cases.mykola) == stored_before
    assert form.deadline_edit.text() == dt.date.fromisoformat(str(stored_before)).strftime(
        "%d/%m/%Y"
    )
    assert view.detail.save_label.text() == "De laatste wijziging is ongedaan gemaakt."
