"""The first-run dialog: validation in Dutch, saving, cancelling, demo data."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from vlot_desktop import paths
from vlot_desktop.settings import load_settings
from vlot_desktop.ui.first_run.first_run_dialog import FirstRunDialog
from vlot_desktop.ui.startup import open_database
from vlot_desktop.ui.tasks import TaskRunner


@pytest.fixture
def runner() -> TaskRunner:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def dialog(qtbot: QtBot, dutch: None, data_dir: Path, runner: TaskRunner) -> FirstRunDialog:
    database = open_database(data_dir)
    teams = database.teams
    database.engine.dispose()
    dlg = FirstRunDialog(
        data_dir, teams, runner, choose_folder=lambda parent, start: "/mnt/vlot-share"
    )
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _staff(data_dir: Path) -> list[tuple[str, str]]:
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.db.models import StaffUser

    engine = make_engine(paths.database_path(data_dir))
    with engine.connect() as conn:
        rows = [
            (r.name, r.team_code) for r in conn.execute(select(StaffUser.name, StaffUser.team_code))
        ]
    engine.dispose()
    return rows


def test_dialog_is_dutch_with_six_teams(dialog: FirstRunDialog) -> None:
    assert dialog.windowTitle() == "Welkom bij VLOT Desktop"
    teams = [dialog.team_combo.itemText(i) for i in range(dialog.team_combo.count())]
    assert teams == [
        "Centraal team",
        "Regioteam Antwerpen",
        "Regioteam Limburg",
        "Regioteam Oost-Vlaanderen",
        "Regioteam Vlaams-Brabant",
        "Regioteam West-Vlaanderen",
    ]
    assert dialog.browse_button.text() == "&Bladeren…"
    assert dialog.demo_check.text() == "&Demogegevens laden"
    buttons = [b.text() for b in dialog.buttons.buttons()]
    assert "Annuleren" in buttons
    assert dialog.team_combo.currentIndex() == -1  # nobody is filed under a team by default
    assert dialog.team_combo.placeholderText() == "Kies uw team"
    for label, field in [
        (dialog.name_label, dialog.name_edit),
        (dialog.team_label, dialog.team_combo),
        (dialog.share_label, dialog.share_edit),
    ]:
        assert label.buddy() is field
        assert field.accessibleName()


def test_accept_saves_settings_and_creates_the_staff_user(
    qtbot: QtBot, dialog: FirstRunDialog, data_dir: Path
) -> None:
    qtbot.keyClicks(dialog.name_edit, "  Olena Kovalenko ")
    dialog.team_combo.setCurrentIndex(dialog.team_combo.findData("west-vlaanderen"))
    dialog.browse_button.click()
    assert dialog.share_edit.text() == "/mnt/vlot-share"
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settings = load_settings(data_dir)
    assert settings.is_configured
    assert (settings.user_name, settings.team_code, settings.share_path) == (
        "Olena Kovalenko",
        "west-vlaanderen",
        "/mnt/vlot-share",
    )
    assert _staff(data_dir) == [("Olena Kovalenko", "west-vlaanderen")]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_empty_name_shows_a_dutch_message_and_saves_nothing(
    qtbot: QtBot, dialog: FirstRunDialog, data_dir: Path
) -> None:
    qtbot.keyClicks(dialog.name_edit, "   ")
    dialog.team_combo.setCurrentIndex(dialog.team_combo.findData("limburg"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.name_error.isVisible()
    assert dialog.name_error.text() == "Vul uw naam in."
    assert dialog.name_edit.accessibleDescription() == "Vul uw naam in."
    assert not dialog.team_error.isVisible()
    assert dialog.isVisible() and dialog.result() == 0
    assert not paths.settings_path(data_dir).exists()
    assert _staff(data_dir) == []
    qtbot.keyClicks(dialog.name_edit, "An")
    assert not dialog.name_error.isVisible()  # typing clears the message


def test_no_team_chosen_shows_a_dutch_message(
    qtbot: QtBot, dialog: FirstRunDialog, data_dir: Path
) -> None:
    qtbot.keyClicks(dialog.name_edit, "An Peeters")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.team_error.isVisible()
    assert dialog.team_error.text() == "Kies uw team."
    assert not dialog.name_error.isVisible()
    assert not paths.settings_path(data_dir).exists()


def test_cancel_at_first_run_ends_the_application_cleanly(
    qapp: QApplication, data_dir: Path
) -> None:
    from vlot_desktop.app import run_gui

    def cancel_dialog() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, FirstRunDialog):
            modal.reject()
        else:
            QTimer.singleShot(50, cancel_dialog)

    QTimer.singleShot(50, cancel_dialog)
    assert run_gui(data_dir) == 0
    assert not load_settings(data_dir).is_configured


@pytest.mark.slow
def test_demo_data_then_the_typed_user_wins(
    qtbot: QtBot, dialog: FirstRunDialog, data_dir: Path
) -> None:
    pytest.importorskip("vlot_desktop.demo.loader")
    qtbot.keyClicks(dialog.name_edit, "Pieter Janssens")
    dialog.team_combo.setCurrentIndex(dialog.team_combo.findData("antwerpen"))
    dialog.demo_check.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=120_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert dialog.busy_bar.isVisible()
        assert not dialog.name_edit.isEnabled()
    settings = load_settings(data_dir)
    assert (settings.user_name, settings.team_code) == ("Pieter Janssens", "antwerpen")
    assert ("Pieter Janssens", "antwerpen") in _staff(data_dir)
    import sqlite3

    db = sqlite3.connect(paths.database_path(data_dir))
    assert db.execute("SELECT count(*) FROM location").fetchone()[0] > 0
    # A new colleague of their own: the demo staff (21) stay who they were.
    assert db.execute("SELECT count(*) FROM staff_user").fetchone()[0] == 22
    device_user = db.execute(
        "SELECT user_id FROM device WHERE id = ?", (settings.device_id,)
    ).fetchone()[0]
    assert device_user == settings.user_id
    db.close()
