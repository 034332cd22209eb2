"""The Opvanglocaties screen: filtering and totals, autosave and undo, validation, place actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from gui_waiting import settle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import Location, Place, PlaceStatusChange
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold_join
from vlot_desktop.ui.locations.locations_view import LocationsView
from vlot_desktop.ui.main_window import MainWindow

HASSELT = "71072"
DE_PANNE = "38008"


def _add(
    session: Session,
    name: str,
    nis: str,
    places: list[PlaceStatus],
    *,
    town: str,
    street: str = "Stationsstraat",
    vulnerable: bool = False,
) -> str:
    location = Location(
        name=name,
        search_text=fold_join(name, street, town),
        location_type=LocationType.COLLECTIVE,
        status=LocationStatus.OPERATIONAL,
        status_since=dt.date(2025, 1, 1),
        street=street,
        house_number="1",
        postcode="3500" if nis == HASSELT else "8660",
        municipality_nis=nis,
        capacity=len(places),
        suits_vulnerable_profiles=vulnerable,
    )
    session.add(location)
    session.flush()
    for number, status in enumerate(places, start=1):
        place = Place(
            location_id=location.id,
            label=f"Plaats {number}",
            status=status,
            status_since=dt.date(2025, 3, 1),
        )
        session.add(place)
        session.flush()
        session.add(
            PlaceStatusChange(
                place_id=place.id,
                location_id=location.id,
                to_status=status,
                changed_on=dt.date(2025, 3, 1),
            )
        )
    return location.id


@pytest.fixture
def locations_dir(prepared_dir: Path) -> Path:
    free, occupied, offered = PlaceStatus.FREE, PlaceStatus.OCCUPIED, PlaceStatus.OFFERED_FEDASIL
    engine = make_engine(paths.database_path(prepared_dir))
    with Session(engine) as session, session.begin():
        _add(session, "De Linde", HASSELT, [free, free, occupied], town="Hasselt", vulnerable=True)
        _add(session, "Opvang Hélène", HASSELT, [occupied, offered], town="Hasselt")
        _add(session, "Zeezicht", DE_PANNE, [free], town="De Panne", street="Zeedijk")
    engine.dispose()
    return prepared_dir


@pytest.fixture
def view(dutch: None, make_window, locations_dir: Path) -> LocationsView:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window(locations_dir)
    screen = window.show_screen("locations")
    assert isinstance(screen, LocationsView)
    settle(screen.runner)
    return screen


def names(view: LocationsView) -> list[str]:
    """The names the list shows, once it shows the current filter (reads run in a worker)."""
    settle(view.runner)
    return [view.model.index(r, 0).data() for r in range(view.model.rowCount())]


def engine_of(view: LocationsView) -> Engine:
    return view.context.engine


def stored(view: LocationsView, location_id: str, column: str) -> object:
    with engine_of(view).connect() as conn:
        return conn.exec_driver_sql(
            f"SELECT {column} FROM location WHERE id = ?", (location_id,)
        ).scalar()


def flush(view: LocationsView) -> bool:
    """Save what the form holds (in a worker) and wait; True when nothing is left unsaved."""
    view.detail.form.flush()
    settle(view.runner)
    return not view.detail.form.pending


def select(view: LocationsView, name: str) -> str:
    row = names(view).index(name)
    view.table.selectRow(row)
    location_id = view.model.row_at(row).id  # type: ignore[union-attr]
    assert view.detail.location_id == location_id
    settle(view.runner)  # the pane reads the location in a worker
    return location_id


def test_typing_narrows_the_list_and_the_totals_follow(qtbot: QtBot, view: LocationsView) -> None:
    assert names(view) == ["De Linde", "Opvang Hélène", "Zeezicht"]
    assert view.totals_label.text() == (
        "3 locaties · capaciteit 6 · bezet 2 · vrij 3 · aangeboden aan FEDASIL 1"
    )
    headers = [
        view.model.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ") for c in range(8)
    ]
    assert headers == [
        "Naam",
        "Gemeente",
        "Type",
        "Status",
        "Capaciteit",
        "Bezet",
        "Vrij",
        "Aan FEDASIL",
    ]
    cells = [view.model.index(0, c).data() for c in range(8)]
    assert cells == [
        "De Linde",
        "Hasselt",
        "Collectieve opvang",
        "Operationeel",
        "3",
        "1",
        "2",
        "0",
    ]
    qtbot.keyClicks(view.search_edit, "HEL")
    assert names(view) == ["Opvang Hélène"]
    assert view.totals_label.text() == (
        "1 locatie · capaciteit 2 · bezet 1 · vrij 0 · aangeboden aan FEDASIL 1"
    )
    view.search_edit.setText("zeedijk")  # the street is searched too
    assert names(view) == ["Zeezicht"]
    view.search_edit.clear()
    assert view.current_filter().search == ""


def test_filters_combine_and_sorting_happens_in_sql(view: LocationsView) -> None:
    view.free_check.setChecked(True)
    assert names(view) == ["De Linde", "Zeezicht"]
    view.province_combo.setCurrentIndex(view.province_combo.findText("West-Vlaanderen"))
    assert names(view) == ["Zeezicht"]
    assert view.municipality_combo.findText("Hasselt") == -1  # only West-Vlaanderen's
    assert view.current_filter().province_code == "west-vlaanderen"
    view.province_combo.setCurrentIndex(0)
    view.free_check.setChecked(False)
    view.vulnerable_check.setChecked(True)
    assert names(view) == ["De Linde"]
    view.vulnerable_check.setChecked(False)
    view.status_combo.setCurrentIndex(view.status_combo.findText("Gesloten"))
    assert names(view) == []
    assert view.totals_label.text().startswith("0 locaties")
    view.status_combo.setCurrentIndex(0)
    view.table.horizontalHeader().setSortIndicator(6, Qt.SortOrder.DescendingOrder)  # Vrij
    assert names(view) == ["De Linde", "Zeezicht", "Opvang Hélène"]
    view.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)  # Gemeente
    assert names(view) == ["Zeezicht", "De Linde", "Opvang Hélène"]


def test_an_edit_is_saved_after_the_pause_and_undo_restores_it(
    qtbot: QtBot, view: LocationsView
) -> None:
    location_id = select(view, "De Linde")
    form = view.detail.form
    name_edit = form.lines["name"]
    name_edit.setFocus()
    name_edit.end(False)
    qtbot.keyClicks(name_edit, " Noord")
    assert form.pending == {"name": "De Linde Noord"}
    qtbot.waitUntil(lambda: stored(view, location_id, "name") == "De Linde Noord", timeout=5000)
    assert not form.pending
    assert names(view)[0] == "De Linde Noord"  # the list line follows
    assert view.detail.name_label.text() == "De Linde Noord"
    assert view.detail.undo_button.isEnabled()
    assert view.detail.save_label.text().startswith("Bewaard om ")
    view.detail.undo_button.click()
    settle(view.runner)
    assert stored(view, location_id, "name") == "De Linde"
    assert name_edit.text() == "De Linde"
    assert names(view)[0] == "De Linde"
    assert not view.detail.undo_button.isEnabled()
    assert view.detail.save_label.text() == "De laatste wijziging is ongedaan gemaakt."


def test_flags_and_combos_save_at_once_and_leaving_the_screen_saves_the_rest(
    qtbot: QtBot, view: LocationsView
) -> None:
    location_id = select(view, "Zeezicht")
    form = view.detail.form
    box = form.flags["wheelchair_accessible"]
    box.click()
    settle(view.runner)
    assert stored(view, location_id, "wheelchair_accessible") == 1
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z: undo
    settle(view.runner)
    assert stored(view, location_id, "wheelchair_accessible") == 0
    assert not box.isChecked()
    qtbot.keyClicks(form.lines["subsidy_reference"], "OPV-2026-0042")
    window = view.window()
    assert isinstance(window, MainWindow)
    window.show_screen("dashboard")  # before the timer fired
    settle(view.runner)
    assert stored(view, location_id, "subsidy_reference") == "OPV-2026-0042"


def test_negative_capacity_shows_the_dutch_message_and_saves_nothing(
    qtbot: QtBot, view: LocationsView
) -> None:
    location_id = select(view, "De Linde")
    form = view.detail.form
    capacity = form.lines["capacity"]
    capacity.selectAll()
    qtbot.keyClicks(capacity, "-2")
    qtbot.keyClick(capacity, Qt.Key.Key_Return)
    settle(view.runner)
    assert form.message_text("capacity") == "De capaciteit kan niet negatief zijn."
    assert view.detail.save_label.text() == "Niet bewaard: verbeter de aangeduide velden."
    assert stored(view, location_id, "capacity") == 3
    capacity.selectAll()
    qtbot.keyClicks(capacity, "drie")
    assert form.message_text("capacity") == "Vul een geheel getal in (bijvoorbeeld 12)."
    capacity.selectAll()
    qtbot.keyClicks(capacity, "5")
    assert flush(view)
    settle(view.runner)  # the header and the places are read again in a worker
    assert form.message_text("capacity") == ""
    assert stored(view, location_id, "capacity") == 5
    assert view.detail.places_panel.model.rowCount() == 5
    assert names(view)[0] == "De Linde" and view.model.index(0, 4).data() == "5"
    assert view.totals_label.text().startswith("3 locaties · capaciteit 8 ")
    # Below the places in use is refused, with the rule's message under the field.
    capacity.selectAll()
    qtbot.keyClicks(capacity, "0")
    assert not flush(view)
    assert form.message_text("capacity").startswith("Bezet (1) + aangeboden aan FEDASIL (0)")
    assert stored(view, location_id, "capacity") == 5


def test_an_empty_name_and_a_bad_date_are_refused_next_to_the_field(
    qtbot: QtBot, view: LocationsView
) -> None:
    location_id = select(view, "Zeezicht")
    form = view.detail.form
    form.lines["name"].selectAll()
    qtbot.keyClick(form.lines["name"], Qt.Key.Key_Delete)
    assert not flush(view)
    assert form.message_text("name") == "Vul een naam in."
    assert stored(view, location_id, "name") == "Zeezicht"
    qtbot.keyClicks(form.lines["closed_on"], "31/02/2026")
    assert form.message_text("closed_on").startswith("Geen geldige datum")
    qtbot.keyClicks(form.lines["name"], "Zeezicht II")
    assert flush(view)
    assert stored(view, location_id, "name") == "Zeezicht II"
    assert stored(view, location_id, "closed_on") is None


def test_postcode_fills_in_the_municipality_and_duplicate_address_warns(
    qtbot: QtBot, view: LocationsView
) -> None:
    location_id = select(view, "Opvang Hélène")
    form = view.detail.form
    postcode = form.lines["postcode"]
    postcode.selectAll()
    qtbot.keyClicks(postcode, "8660")
    assert form.combos["municipality_nis"].currentText() == "De Panne"
    assert form.message_text("municipality_nis") == (
        "Gemeente De Panne ingevuld volgens postcode 8660."
    )
    assert flush(view)
    settle(view.runner)
    assert stored(view, location_id, "municipality_nis") == DE_PANNE
    assert view.detail.place_label.text() == "De Panne (West-Vlaanderen)"
    street = form.lines["street"]
    street.selectAll()
    qtbot.keyClicks(street, "Zeedijk")
    assert flush(view)
    assert form.message_text("street") == (
        "Op dit adres in deze gemeente staat al een locatie: Zeezicht."
    )
    assert stored(view, location_id, "street") == "Zeedijk"  # a warning does not block


def test_place_actions_change_the_counts_and_the_rows(qtbot: QtBot, view: LocationsView) -> None:
    location_id = select(view, "De Linde")
    panel = view.detail.places_panel
    view.detail.tabs.setCurrentIndex(2)
    assert panel.counts_label.text().startswith("Capaciteit: 3 · Vrij: 2 · Bezet: 1")
    statuses = [panel.model.index(r, 1).data() for r in range(panel.model.rowCount())]
    assert statuses == ["Vrij", "Vrij", "Bezet"]
    assert not panel.buttons[PlaceStatus.OCCUPIED].isEnabled()
    panel.table.selectRow(0)
    panel.buttons[PlaceStatus.OCCUPIED].click()
    settle(view.runner)  # written, then the tab, the list line and the totals read again
    assert panel.counts_label.text().startswith("Capaciteit: 3 · Vrij: 1 · Bezet: 2")
    assert view.model.index(0, 5).data() == "2" and view.model.index(0, 6).data() == "1"
    assert view.totals_label.text() == (
        "3 locaties · capaciteit 6 · bezet 3 · vrij 2 · aangeboden aan FEDASIL 1"
    )
    with engine_of(view).connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT to_status, author_id IS NOT NULL FROM place_status_change "
            "WHERE location_id = ? AND from_status = 'vrij'",
            (location_id,),
        ).all()
    assert rows == [("bezet", 1)]
    panel.table.selectRow(1)
    panel.date_edit.setText("20/11/2026")
    panel.buttons[PlaceStatus.OFFERED_FEDASIL].click()
    settle(view.runner)
    with engine_of(view).connect() as conn:
        offered = (
            conn.exec_driver_sql(
                "SELECT offered_to_fedasil_on FROM place WHERE location_id = ? "
                "AND status = 'aangeboden_fedasil'",
                (location_id,),
            )
            .scalars()
            .all()
        )
    assert offered == ["2026-11-20"]
    assert panel.chart.points[-1].occupied == 2


def test_marking_occupied_beyond_the_capacity_is_refused(qtbot: QtBot, view: LocationsView) -> None:
    location_id = select(view, "De Linde")
    with engine_of(view).begin() as conn:  # an old import left capacity 1 for three places
        conn.exec_driver_sql("UPDATE location SET capacity = 1 WHERE id = ?", (location_id,))
    panel = view.detail.places_panel
    panel.show_location(location_id)
    settle(view.runner)
    panel.table.selectRow(0)
    assert panel.set_status(PlaceStatus.OCCUPIED)  # handed to the service, which refuses it
    settle(view.runner)
    assert panel.message.text() == (
        "Bezet (2) + aangeboden aan FEDASIL (0) + buiten gebruik (0) is meer dan de capaciteit (1)."
    )
    with engine_of(view).connect() as conn:
        occupied = conn.exec_driver_sql(
            "SELECT count(*) FROM place WHERE location_id = ? AND status = 'bezet'",
            (location_id,),
        ).scalar()
    assert occupied == 1


def test_status_step_and_partners(qtbot: QtBot, view: LocationsView) -> None:
    location_id = select(view, "De Linde")
    panel = view.detail.status_panel
    options = [panel.next_combo.itemText(i) for i in range(panel.next_combo.count())]
    assert options == ["In voorbereiding", "Afgebouwd", "Gesloten"]
    panel.next_combo.setCurrentIndex(options.index("Afgebouwd"))
    panel.date_edit.setText("31/02/2026")  # not a date: said at once, nothing asked
    assert not panel.change_status()
    assert panel.status_message.text().startswith("Geen geldige datum")
    panel.date_edit.setText("01/01/2020")  # before the last step: the service refuses it
    assert panel.change_status()  # handed to a worker
    settle(view.runner)
    assert panel.status_message.text().startswith("De datum ligt vóór de vorige wijziging")
    assert stored(view, location_id, "status") == "operationeel"
    panel.date_edit.setText(dt.date.today().strftime("%d/%m/%Y"))
    panel.remark_edit.setText("Eigenaar verkoopt")
    assert panel.change_status()
    settle(view.runner)
    assert stored(view, location_id, "status") == "afgebouwd"
    assert panel.status_message.isHidden()
    assert view.model.index(0, 3).data() == "Afgebouwd"
    assert panel.history_model.index(0, 2).data() == "Afgebouwd"
    assert panel.history_model.index(0, 4).data() == "Eigenaar verkoopt"
    panel.partner_combo.setCurrentIndex(panel.partner_combo.findText("Genk"))
    assert panel.add_partner()
    settle(view.runner)
    assert panel.partner_model.index(0, 0).data() == "Genk"
    assert panel.add_partner()
    settle(view.runner)
    assert panel.partner_message.text() == "Deze gemeente is al partner."
    panel.partner_table.selectRow(0)
    panel.remove_partner()
    settle(view.runner)
    assert panel.partner_model.rowCount() == 0


def test_new_location_dialog(qtbot: QtBot, view: LocationsView) -> None:
    from vlot_desktop.ui.locations.new_location_dialog import NewLocationDialog

    dialog = NewLocationDialog(view.context, view._municipalities, view)
    qtbot.addWidget(dialog)
    dialog.accept()
    settle(view.runner)  # the service answers in a worker
    assert dialog.message.text() == "Vul een naam in.\nKies een gemeente."
    assert dialog.location_id is None
    dialog.name_edit.setText("Gastgezin Claes")
    dialog.municipality_combo.setCurrentIndex(dialog.municipality_combo.findText("Genk"))
    dialog.accept()
    settle(view.runner)
    assert dialog.location_id is not None
    assert stored(view, dialog.location_id, "status") == "prospect"


def test_the_small_demo_set(qtbot: QtBot, dutch: None, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window(demo_dir)
    view = window.show_screen("locations")
    assert isinstance(view, LocationsView)
    settle(view.runner)
    assert view.model.total > 50
    assert view.model.rowCount() == min(view.model.total, 200)
    while view.model.canFetchMore():  # scrolling to the end reads the next pages
        view.model.fetchMore()
        settle(view.runner)
    assert view.model.rowCount() == view.model.total
    total_free = sum(view.model.row_at(r).free for r in range(view.model.rowCount()))  # type: ignore[union-attr]
    assert f"vrij {total_free:,}".replace(",", ".") in view.totals_label.text()
    view.table.selectRow(3)
    assert view.detail.location_id == view.model.row_at(3).id  # type: ignore[union-attr]
    settle(view.runner)
    assert view.detail.places_panel.model.rowCount() == view.model.row_at(3).capacity  # type: ignore[union-attr]
    assert view.detail.status_panel.history_model.rowCount() >= 1


def test_location_models(qtmodeltester, dutch: None) -> None:  # type: ignore[no-untyped-def]
    from vlot_desktop.db.queries.locations import (
        CapacityChangeRow,
        LocationRow,
        PartnerRow,
        PlaceRow,
        StatusChangeRow,
    )
    from vlot_desktop.ui.models.location_history_model import (
        CapacityHistoryModel,
        StatusHistoryModel,
    )
    from vlot_desktop.ui.models.location_partner_model import PartnerTableModel
    from vlot_desktop.ui.models.location_table_model import LocationTableModel
    from vlot_desktop.ui.models.place_table_model import PlaceTableModel

    rows = [
        LocationRow(
            f"id{i}", f"Locatie {i}", HASSELT, "Hasselt", "gastgezin", "operationeel", 3, 1, 2, 0
        )
        for i in range(450)
    ]
    model = LocationTableModel()
    asked: list[int] = []
    model.more_requested.connect(lambda: asked.append(model.loaded_count))
    model.reset(rows[:200], len(rows))
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    assert asked == [200] and not model.canFetchMore()  # asked once, until the page arrives
    model.append(rows[200:400])
    assert model.rowCount() == 400 and model.canFetchMore()
    model.fetchMore()
    model.append(rows[400:])
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert model.index(449, 2).data() == "Gastgezin"
    assert model.row_of("id449") == 449
    model.remove_row("id0")
    assert model.rowCount() == 449 and model.row_of("id449") == 448 and model.total == 449
    sorted_by: list[tuple[str, bool]] = []
    model.sort_requested.connect(lambda: sorted_by.append((model.sort_key, model.descending)))
    model.sort(6, Qt.SortOrder.DescendingOrder)
    assert sorted_by == [("free", True)]
    qtmodeltester.check(LocationTableModel())  # empty
    checked = LocationTableModel()
    checked.reset(rows[:200], len(rows))
    qtmodeltester.check(checked)
    day = dt.date(2026, 11, 26)
    places = PlaceTableModel()
    places.set_rows([PlaceRow("p1", "Kamer 1", "aangeboden_fedasil", day, day)])
    qtmodeltester.check(places)
    assert [places.index(0, c).data() for c in range(4)] == [
        "Kamer 1",
        "Aangeboden aan FEDASIL",
        "26/11/2026",
        "26/11/2026",
    ]
    history = StatusHistoryModel()
    history.set_rows([StatusChangeRow("prospect", "in_voorbereiding", day, "An", None)])
    qtmodeltester.check(history)
    capacity = CapacityHistoryModel()
    capacity.set_rows([CapacityChangeRow(3, 5, day, None, "Uitbreiding")])
    qtmodeltester.check(capacity)
    partners = PartnerTableModel()
    partners.set_rows([PartnerRow("x", "71034", "Genk", None)])
    qtmodeltester.check(partners)


def test_both_screens_show_no_english(qtbot: QtBot, view: LocationsView) -> None:
    from test_gui_translations import assert_all_dutch

    window = view.window()
    assert isinstance(window, MainWindow)
    select(view, "De Linde")
    checked = 0
    for tab in range(view.detail.tabs.count()):
        view.detail.tabs.setCurrentIndex(tab)
        checked += assert_all_dutch(window)
    free_places = window.show_screen("free_places")
    qtbot.waitUntil(lambda: not free_places.is_loading, timeout=10_000)  # type: ignore[attr-defined]
    checked += assert_all_dutch(window)
    assert checked > 200


def test_closing_the_window_saves_what_was_typed(qtbot: QtBot, view: LocationsView) -> None:
    location_id = select(view, "Zeezicht")
    notes = view.detail.form.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Sleutel bij de buren")
    assert view.detail.form.pending == {"notes": "Sleutel bij de buren"}
    window = view.window()
    assert isinstance(window, MainWindow)
    window.close()  # long before the autosave timer
    assert stored(view, location_id, "notes") == "Sleutel bij de buren"


def test_a_change_made_elsewhere_shows_in_the_open_pane_and_typed_text_stays(
    qtbot: QtBot, view: LocationsView, locations_dir: Path
) -> None:
    from vlot_desktop.services.changes import SYNC, Changes
    from vlot_desktop.services.locations import update_location

    location_id = select(view, "De Linde")
    form = view.detail.form
    notes = form.notes
    notes.setFocus()
    qtbot.keyClicks(notes, "Sleutel bij de buren")
    assert form.pending == {"notes": "Sleutel bij de buren"}
    # Another laptop renames the location; the sync brings it in and says so (no click here).
    engine = make_engine(paths.database_path(locations_dir))
    try:
        saved = update_location(
            engine, location_id, {"name": "De Linde Noord"}, author_id=None, today=dt.date.today()
        )
    finally:
        engine.dispose()
    assert saved.saved
    view.context.announce(Changes.of("location", ids=[location_id], origin=SYNC))
    qtbot.keyClicks(notes, "; lift defect")  # typed on while the pane reads
    settle(view.runner)
    assert view.detail.name_label.text() == "De Linde Noord"
    assert form.lines["name"].text() == "De Linde Noord"
    typed = "Sleutel bij de buren; lift defect"
    assert notes.toPlainText() == typed  # what was typed is kept
    assert notes.textCursor().position() == len(typed)  # the cursor did not jump
    assert flush(view)
    assert stored(view, location_id, "notes") == typed

    # A value the rules refuse stays in its field with its message; the header follows.
    capacity = form.lines["capacity"]
    capacity.selectAll()
    qtbot.keyClicks(capacity, "-2")
    qtbot.keyClick(capacity, Qt.Key.Key_Return)
    settle(view.runner)
    assert form.message_text("capacity") == "De capaciteit kan niet negatief zijn."
    engine = make_engine(paths.database_path(locations_dir))
    try:
        update_location(
            engine, location_id, {"name": "De Linde Zuid"}, author_id=None, today=dt.date.today()
        )
    finally:
        engine.dispose()
    view.context.announce(Changes.of("location", ids=[location_id], origin=SYNC))
    settle(view.runner)
    assert view.detail.name_label.text() == "De Linde Zuid"
    assert capacity.text() == "-2"
    assert form.message_text("capacity") == "De capaciteit kan niet negatief zijn."
    assert stored(view, location_id, "capacity") == 3


def test_export_writes_the_filtered_list_and_import_opens_the_wizard(
    qtbot: QtBot, view: LocationsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vlot_desktop.ui.locations_io import LocationImportDialog
    from vlot_desktop.ui.locations_io.export_action import ExportFileQuestion

    target = tmp_path / "locaties.csv"
    monkeypatch.setattr(ExportFileQuestion, "ask", lambda _self, _parent: target)
    view.search_edit.setText("hasselt")
    qtbot.waitUntil(lambda: names(view) == ["De Linde", "Opvang Hélène"], timeout=5000)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=20_000)
    written = target.read_text(encoding="utf-8-sig")
    assert "De Linde" in written and "Opvang Hélène" in written
    assert "Zeezicht" not in written  # only what the filter shows

    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in view.findChildren(LocationImportDialog) if w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()


def test_a_location_in_use_is_not_deleted_and_the_user_reads_why(
    qtbot: QtBot, view: LocationsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(view.deleter, "inform", told.append)
    monkeypatch.setattr(view.deleter, "confirm", lambda _name: pytest.fail("asked to confirm"))
    location_id = select(view, "De Linde")
    view.detail.tabs.setCurrentIndex(1)  # Status en partners: where a location's life ends
    assert view.detail.delete_button.isVisible()
    assert view.detail.delete_button.text() == "&Verwijderen…"
    with qtbot.waitSignal(view.deleter.refused, timeout=5000):
        qtbot.mouseClick(view.detail.delete_button, Qt.MouseButton.LeftButton)
    assert told and told[0].startswith("Deze locatie kan niet verwijderd worden:")
    assert "Er wonen mensen: 1 plaats(en) bezet." in told[0]
    assert "Zet de status op Gesloten" in told[0]
    assert stored(view, location_id, "name") == "De Linde"
    assert names(view) == ["De Linde", "Opvang Hélène", "Zeezicht"]


def test_a_location_entered_by_mistake_is_deleted_with_its_places_after_confirmation(
    qtbot: QtBot, view: LocationsView, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([False, True])
    asked: list[str] = []

    def confirm(name: str) -> bool:
        asked.append(name)
        return next(answers)

    monkeypatch.setattr(view.deleter, "confirm", confirm)
    location_id = select(view, "Zeezicht")
    view.detail.tabs.setCurrentIndex(1)
    qtbot.mouseClick(view.detail.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=5000)
    qtbot.wait(50)
    assert stored(view, location_id, "name") == "Zeezicht"  # "Nee": nothing deleted
    with engine_of(view).connect() as conn:
        outbox_before = conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar()
    with qtbot.waitSignal(view.deleter.deleted, timeout=5000):
        qtbot.mouseClick(view.detail.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["Zeezicht", "Zeezicht"]
    qtbot.waitUntil(lambda: names(view) == ["De Linde", "Opvang Hélène"], timeout=5000)
    assert view.detail.location_id is None
    with engine_of(view).connect() as conn:
        left = [
            conn.exec_driver_sql(
                f"SELECT count(*) FROM {table} WHERE {key} = ?", (location_id,)
            ).scalar()
            for table, key in (
                ("location", "id"),
                ("place", "location_id"),
                ("place_status_change", "location_id"),
            )
        ]
        outbox_after = conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar()
    assert left == [0, 0, 0]
    assert outbox_after > outbox_before  # the deletes go to the other laptops
    assert view.totals_label.text().startswith("2 locaties")
