"""Every input has a name a screen reader can read; the window fits a 1366×768 laptop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from vlot_desktop.ui.about.about_dialog import AboutDialog
from vlot_desktop.ui.first_run.first_run_dialog import FirstRunDialog
from vlot_desktop.ui.main_window import MainWindow
from vlot_desktop.ui.preferences.preferences_dialog import PreferencesDialog
from vlot_desktop.ui.startup import open_database
from vlot_desktop.ui.tasks import TaskRunner

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def unnamed_inputs(root: QWidget) -> list[str]:
    """Inputs without an accessible name and without a label pointing at them (buddy)."""
    buddies = {
        id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None
    }
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QHeaderView) or isinstance(widget.parent(), QComboBox):
            continue  # part of a table, or a combo's own pop-up list
        if not widget.accessibleName() and id(widget) not in buddies:
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(root) and not (button.text() or button.accessibleName()):
            missing.append(f"{type(button).__name__} without text")
    return missing


def test_main_window_inputs_are_named(window: MainWindow) -> None:
    assert unnamed_inputs(window) == []
    window.show_screen("municipalities")
    window.municipalities.select_municipality("44021")
    assert unnamed_inputs(window) == []


def test_dialog_inputs_are_named(qtbot: QtBot, dutch: None, prepared_dir: Path) -> None:
    database = open_database(prepared_dir)
    runner = TaskRunner()
    for dialog in (
        AboutDialog(),
        PreferencesDialog(prepared_dir),
        FirstRunDialog(prepared_dir, database.teams, runner),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed_inputs(dialog) == [], type(dialog).__name__
        # Small laptops: every dialog fits with room for the taskbar.
        assert dialog.sizeHint().width() <= 1366 and dialog.sizeHint().height() <= 700
    database.engine.dispose()
    runner.shutdown()


def test_window_fits_a_small_laptop_screen(window: MainWindow) -> None:
    """At 1366×700 (a maximized window on a 1366×768 screen) nothing needs scrolling sideways."""
    window.resize(1366, 700)
    assert window.minimumSizeHint().width() <= 1366
    assert window.minimumSizeHint().height() <= 700
    for key in ("dashboard", "municipalities"):
        window.show_screen(key)
        QWidget.repaint(window)
    dashboard = window.dashboard
    window.show_screen("dashboard")
    assert not dashboard.table.horizontalScrollBar().isVisible()
    window.show_screen("municipalities")
    table = window.municipalities.table
    assert not table.horizontalScrollBar().isVisible()
    detail = window.municipalities.detail
    assert detail.height() >= detail.minimumSizeHint().height()
