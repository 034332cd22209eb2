"""The municipalities screen: search as you type, province filter, sorting, details."""

from __future__ import annotations

from pathlib import Path

from gui_waiting import settle
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from vlot_desktop.ui.main_window import MainWindow
from vlot_desktop.ui.municipalities.municipalities_view import MunicipalitiesView

GENT = "44021"


def names(view: MunicipalitiesView) -> list[str]:
    """The names in the table, in the order the user sees them (once the reads are in)."""
    settle(view.runner)
    return [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]


def screen(window: MainWindow) -> MunicipalitiesView:
    window.show_screen("municipalities")
    return window.municipalities


def test_all_285_municipalities_with_counts(window: MainWindow) -> None:
    view = screen(window)
    assert view.proxy.rowCount() == 285
    assert view.result_label.text() == "285 gemeenten"
    assert names(view)[:3] == ["Aalst", "Aalter", "Aarschot"]
    headers = [
        view.model.headerData(c, Qt.Orientation.Horizontal).replace("\n", " ") for c in range(10)
    ]
    assert headers == [
        "Gemeente",
        "NIS-code",
        "Provincie",
        "Arrondissement",
        "Opvanglocaties",
        "Plaatsen",
        "Vrije plaatsen",
        "Open dossiers",
        "Open vragen",
        "Contactmomenten (12 maanden)",
    ]
    gent = view.model.row_of(GENT)
    cells = [view.model.index(gent, c).data() for c in range(10)]
    assert cells == ["Gent", GENT, "Oost-Vlaanderen", "Gent", "1", "1.234", "1.200", "1", "0", "1"]


def test_typing_narrows_the_list(qtbot: QtBot, window: MainWindow) -> None:
    view = screen(window)
    qtbot.keyClicks(view.search_edit, "gen")
    assert set(names(view)) >= {"Gent", "Genk", "Sint-Genesius-Rode"}
    qtbot.keyClicks(view.search_edit, "t")
    assert names(view) == ["Gent"]
    assert view.result_label.text() == "1 gemeente"
    view.search_edit.clear()
    settle(view.runner)
    assert view.proxy.rowCount() == 285


def test_search_ignores_accents_and_case(qtbot: QtBot, window: MainWindow) -> None:
    view = screen(window)
    qtbot.keyClicks(view.search_edit, "GÉNT")
    assert names(view) == ["Gent"]
    view.search_edit.setText("sint-genèsius")
    assert names(view) == ["Sint-Genesius-Rode"]
    view.search_edit.setText("xyz")
    assert names(view) == []
    assert view.result_label.text() == "0 gemeenten"


def test_province_filter_counts(window: MainWindow) -> None:
    view = screen(window)
    combo = view.province_combo
    assert combo.itemText(0) == "Alle provincies"
    counts = {}
    for i in range(1, combo.count()):
        combo.setCurrentIndex(i)
        settle(view.runner)
        counts[combo.currentText()] = view.proxy.rowCount()
    assert counts == {
        "Antwerpen": 67,
        "Limburg": 38,
        "Oost-Vlaanderen": 55,
        "Vlaams-Brabant": 63,
        "West-Vlaanderen": 62,
    }
    combo.setCurrentIndex(combo.findText("Limburg"))
    view.search_edit.setText("genk")
    assert names(view) == ["Genk"]  # name and province filters combine
    view.search_edit.setText("gent")
    assert names(view) == []
    combo.setCurrentIndex(0)
    assert "Gent" in names(view)


def test_selection_shows_details_and_contact_persons(window: MainWindow) -> None:
    view = screen(window)
    view.search_edit.setText("gent")
    settle(view.runner)
    view.table.selectRow(0)
    settle(view.runner)
    pane = view.detail
    assert pane.name_label.text() == "Gent"
    assert pane.province_value.text() == "Oost-Vlaanderen"
    assert pane.arrondissement_value.text() == "Gent"
    assert pane.team_value.text() == "Regioteam Oost-Vlaanderen"
    assert pane.postcodes_value.text().startswith("9000, 9030")
    assert pane.count_values["places"].text() == "1.234"
    assert pane.count_values["free_places"].text() == "1.200"
    assert pane.count_values["open_cases"].text() == "1"
    contacts = pane.contacts_model
    rows = [[contacts.index(r, c).data() for c in range(4)] for r in range(contacts.rowCount())]
    assert rows == [  # the coordinator first: the person VLOT deals with most
        ["Els Van Damme", "Gemeentelijke coördinator", "els.vandamme@gent.example", "09 266 00 00"],
        ["Mathias De Clercq", "Burgemeester", "burgemeester@gent.example", ""],
    ]
    assert not pane.contacts_table.isHidden()
    assert pane.no_contacts.isHidden()


def test_municipality_without_contacts(window: MainWindow) -> None:
    view = screen(window)
    view.search_edit.setText("aarschot")
    settle(view.runner)
    view.table.selectRow(0)
    settle(view.runner)
    pane = view.detail
    assert pane.name_label.text() == "Aarschot"
    assert pane.contacts_model.rowCount() == 0
    assert pane.contacts_table.isHidden()
    assert pane.no_contacts.text() == "Geen contactpersonen gekend voor deze gemeente."
    assert pane.count_values["places"].text() == "0"


def test_selection_survives_typing_while_still_listed(window: MainWindow) -> None:
    view = screen(window)
    assert view.select_municipality(GENT)
    view.search_edit.setText("ge")
    settle(view.runner)
    assert view.detail.detail is not None and view.detail.detail.row.nis_code == GENT
    selected = view.table.selectionModel().selectedRows()
    assert [i.data() for i in selected] == ["Gent"]
    view.search_edit.setText("hasselt")
    settle(view.runner)
    assert view.detail.detail is None  # Gent left the list: the hint shows again


def test_sorting_by_a_count_column_is_numeric(window: MainWindow) -> None:
    view = screen(window)
    view.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)  # Plaatsen
    top = [view.proxy.index(r, 5).data() for r in range(3)]
    assert top == ["1.234", "3", "2"]
    assert names(view)[:3] == ["Gent", "Hasselt", "Antwerpen"]
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert names(view)[0] == "Zwevegem" or names(view)[0] > names(view)[-1]


def test_inputs_have_labels_for_screen_readers(window: MainWindow) -> None:
    view = screen(window)
    assert view.search_label.buddy() is view.search_edit
    assert view.province_label.buddy() is view.province_combo
    assert view.search_edit.accessibleName() == "Zoek een gemeente op naam"
    assert view.province_combo.accessibleName() == "Filter op provincie"


def test_a_change_announced_elsewhere_shows_without_a_click(
    window: MainWindow, sample_dir: Path
) -> None:
    from gui_elsewhere import add_location, synced

    view = screen(window)
    view.search_edit.setText("hasselt")
    settle(view.runner)
    view.table.selectRow(0)
    settle(view.runner)
    assert view.detail.count_values["free_places"].text() == "0"
    add_location(sample_dir, "Opvang Zonnebloem", "71072", free_places=5)
    window.context.announce(synced("location", "place"))  # a sync round brought it in
    settle(view.runner)
    hasselt = view.model.row_of("71072")
    assert view.model.index(hasselt, 6).data() == "5"  # Vrije plaatsen
    assert view.detail.count_values["free_places"].text() == "5"
    assert view.detail.count_values["operational_locations"].text() == "2"
