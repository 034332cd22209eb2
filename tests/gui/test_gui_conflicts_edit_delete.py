"""Conflicten: a record deleted by someone who had not seen an edit ("Terugzetten met de
wijziging…"), and a record that came back after its deletion ("Behouden").

Two laptops set up with ``init`` on one share folder, as in ``test_gui_sync.py`` and
``tests/sync/test_sync_edit_delete.py``; the screen is opened on one of them.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from gui_waiting import settle
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from vlot_desktop import cli, paths
from vlot_desktop.services.sync_service import run_sync
from vlot_desktop.settings import load_settings
from vlot_desktop.ui.conflicts.conflicts_view import ConflictsView
from vlot_desktop.ui.main_window import MainWindow

ORG = "0196a000-0000-7000-8000-0000000000aa"
TIMEOUT_MS = 30_000
SCREENSHOT = Path(os.environ.get("VLOT_CONFLICTS_SCREENSHOT", "/tmp/conflicten_edited.png"))


class Laptop:
    """A laptop set up with ``init`` on the shared folder."""

    def __init__(self, root: Path, name: str, share: Path, *, create: bool = False) -> None:
        self.dir = root / name
        argv = ["--data-dir", str(self.dir), "init", "--user", name, "--region", "limburg"]
        argv += ["--share", str(share)] + (["--create-share"] if create else [])
        assert cli.main(argv) == 0
        self.db = paths.database_path(self.dir)
        self.device_id = load_settings(self.dir).device_id

    def sync(self) -> None:
        run_sync(self.dir)

    def sql(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.db)
        try:
            with conn:
                return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def org(self) -> list[tuple[Any, ...]]:
        return self.sql("SELECT name, notes FROM organisation WHERE id = ?", ORG)

    def conflict_fields(self) -> list[str]:
        return [str(r[0]) for r in self.sql("SELECT field FROM sync_conflicts ORDER BY id")]


@pytest.fixture
def an(tmp_path: Path) -> Laptop:
    share = tmp_path / "share"
    share.mkdir()
    return Laptop(tmp_path, "an", share, create=True)


@pytest.fixture
def bart(tmp_path: Path, an: Laptop) -> Laptop:
    return Laptop(tmp_path, "bart", tmp_path / "share")


def add_org(laptop: Laptop) -> None:
    laptop.sql(
        "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
        "VALUES (?, 'OCMW Hasselt', 'ocmw', '2026-11-26 09:00:00.000000', "
        "'2026-11-26 09:00:00.000000')",
        ORG,
    )


def sync_all(*laptops: Laptop) -> None:
    for _ in range(2):
        for laptop in laptops:
            laptop.sync()


def later() -> None:
    """The next write is later on the hybrid clock (in the same millisecond the tie between
    two laptops is broken by device id)."""
    time.sleep(0.005)


@pytest.fixture
def edited_then_deleted(an: Laptop, bart: Laptop) -> None:
    """Offline, Bart adds a note; a little later An, not knowing it, deletes the organisation."""
    add_org(an)
    sync_all(an, bart)
    bart.sql("UPDATE organisation SET notes = 'nieuw telefoonnummer' WHERE id = ?", ORG)
    later()
    an.sql("DELETE FROM organisation WHERE id = ?", ORG)
    sync_all(an, bart)
    for laptop in (an, bart):
        assert laptop.org() == [] and laptop.conflict_fields() == ["(edited)"]


def open_conflicts(qtbot: QtBot, make_window: Any, laptop: Laptop) -> ConflictsView:
    window: MainWindow = make_window(laptop.dir)
    view = window.screen_by_key("conflicts")
    assert isinstance(view, ConflictsView)
    window.show_screen("conflicts")
    # The screen reads the conflicts in a worker: wait for them rather than race it.
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=TIMEOUT_MS)
    return view


def cells(view: ConflictsView, row: int = 0) -> list[str]:
    proxy = view.proxy
    return [str(proxy.data(proxy.index(row, c))) for c in range(proxy.columnCount())]


def answer_next_question(qtbot: QtBot, button: QMessageBox.StandardButton) -> list[str]:
    """Answer the next message box with ``button``; its title and text are put in the list."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)  # not open yet
            return
        seen.extend([box.windowTitle(), box.text()])
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return seen


def test_an_edit_lost_to_a_delete_is_shown_in_dutch_and_restored_with_the_edit(
    qtbot: QtBot, dutch: None, make_window: Any, an: Laptop, bart: Laptop, edited_then_deleted: None
) -> None:
    view = open_conflicts(qtbot, make_window, bart)
    kind, record, field, mine, mine_by, theirs, theirs_by = cells(view)
    today = dt.date.today().strftime("%d/%m/%Y")
    assert (kind, record, field) == ("Organisatie", "OCMW Hasselt", "Gewijzigd, elders verwijderd")
    # On Bart's laptop "mine" is his edit; "theirs" the delete that won over it.
    assert mine == "Notities: nieuw telefoonnummer"
    assert mine_by.startswith(f"bart, {today} ")
    assert theirs == f"verwijderd door an op {today}"
    assert theirs_by.startswith(f"an, {today} ")
    assert view.count_label.text() == "1 open conflict"

    view.select_row(0)
    for button in (view.keep_mine_button, view.keep_theirs_button, view.other_value_button):
        assert not button.isVisible()
    assert not view.keep_button.isVisible() and not view.delete_button.isVisible()
    assert view.restore_button.isVisible() and view.restore_button.isEnabled()
    assert view.restore_button.text() == "&Terugzetten met de wijziging…"
    assert view.message_label.text() == (
        "Deze gegevens werden op een andere laptop verwijderd door iemand die deze wijziging "
        "nog niet gezien had. De verwijdering gaat voor; u kunt het gegeven terugzetten met de "
        "wijziging. Deze melding blijft op elke laptop staan tot iemand het gegeven terugzet."
    )
    # The whole edit, one field a line, as the cell's tooltip.
    proxy = view.proxy
    tip = proxy.data(proxy.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Notities: nieuw telefoonnummer"

    # "No" changes nothing.
    answer_next_question(qtbot, QMessageBox.StandardButton.No)
    qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert bart.org() == [] and bart.conflict_fields() == ["(edited)"]

    # "Yes": restored in a worker, the list reloads.
    seen = answer_next_question(qtbot, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.restore_button, Qt.MouseButton.LeftButton)
    assert seen == [
        "Terugzetten met de wijziging",
        "OCMW Hasselt terugzetten met deze wijziging, op elke laptop?\n\n"
        "Notities: nieuw telefoonnummer",
    ]
    assert view.model.rowCount() == 0
    assert view.count_label.text() == "Geen open conflicten."
    assert view.message_label.text().startswith("Teruggezet met de wijziging.")
    assert not view.restore_button.isVisible()
    assert bart.org() == [("OCMW Hasselt", "nieuw telefoonnummer")]
    assert bart.conflict_fields() == []
    # The restore is an ordinary change: An gets the record back, and her notice closes too.
    sync_all(bart, an)
    assert an.org() == [("OCMW Hasselt", "nieuw telefoonnummer")]
    assert an.conflict_fields() == []


def test_on_the_deleters_laptop_the_delete_is_mine_and_said_so(
    qtbot: QtBot, dutch: None, make_window: Any, an: Laptop, bart: Laptop, edited_then_deleted: None
) -> None:
    view = open_conflicts(qtbot, make_window, an)
    _kind, record, field, mine, _by, theirs, _by2 = cells(view)
    today = dt.date.today().strftime("%d/%m/%Y")
    assert (record, field) == ("OCMW Hasselt", "Gewijzigd, elders verwijderd")
    assert (mine, theirs) == (f"verwijderd door an op {today}", "Notities: nieuw telefoonnummer")
    view.select_row(0)
    assert view.message_label.text().startswith(
        "Deze gegevens werden op deze laptop verwijderd door iemand die een wijziging van een "
        "andere laptop nog niet gezien had. De verwijdering gaat voor;"
    )
    assert view.restore_button.isVisible()


def test_a_record_that_cannot_come_back_is_said_in_dutch(
    qtbot: QtBot,
    dutch: None,
    make_window: Any,
    bart: Laptop,
    edited_then_deleted: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import vlot_desktop.services.conflicts as conflicts

    def parent_gone(_engine: object, _conflict_id: int) -> None:
        raise conflicts.ParentGoneError("organisation")

    monkeypatch.setattr(conflicts, "restore_deleted_record", parent_gone)
    view = open_conflicts(qtbot, make_window, bart)
    view.select_row(0)
    monkeypatch.setattr(view, "confirm_restore", lambda item: True)
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.restore_with_change()
    # The list reloaded with the conflict selected again; the reason stays on screen.
    assert view.model.rowCount() == 1 and view.selected_item() is not None
    assert view.message_label.text() == (
        "Dit gegeven kan niet terugkomen: het hoort bij een gegeven dat ook verwijderd is."
    )
    assert view.restore_button.isEnabled()
    assert bart.conflict_fields() == ["(edited)"]


def test_a_record_that_came_back_after_its_delete_can_be_kept(
    qtbot: QtBot, dutch: None, make_window: Any, an: Laptop, bart: Laptop
) -> None:
    add_org(an)
    sync_all(an, bart)
    an.sql("DELETE FROM organisation WHERE id = ?", ORG)
    an.sync()
    later()
    # Bart, not yet knowing of the delete, edits later: the record comes back, flagged.
    bart.sql("UPDATE organisation SET notes = 'toch nog nodig' WHERE id = ?", ORG)
    sync_all(bart, an)
    assert an.conflict_fields() == bart.conflict_fields() == ["(deleted)"]
    view = open_conflicts(qtbot, make_window, an)
    _kind, record, field, mine, _by, theirs, _by2 = cells(view)
    assert (record, field, mine, theirs) == (
        "OCMW Hasselt",
        "(verwijderd record)",
        "verwijderd",
        "behouden (bewerkt)",
    )
    view.select_row(0)
    assert view.keep_button.isVisible() and view.keep_button.isEnabled()
    assert view.delete_button.isVisible() and not view.restore_button.isVisible()
    assert view.keep_button.text() == "&Behouden"
    assert view.message_label.text() == (
        "Dit record werd op de ene laptop verwijderd en later op een andere gewijzigd, en is "
        "dus behouden. Behoud het, of verwijder het toch als het niet meer nodig is."
    )
    # No question: keeping changes no data.
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.keep_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 0
    assert view.message_label.text().startswith("Behouden.")
    assert an.org() == [("OCMW Hasselt", "toch nog nodig")]
    assert an.conflict_fields() == []
    sync_all(an, bart)
    assert bart.org() == [("OCMW Hasselt", "toch nog nodig")]
    assert bart.conflict_fields() == []


def test_screenshot_of_the_selected_edit_conflict(
    qtbot: QtBot, dutch: None, make_window: Any, bart: Laptop, edited_then_deleted: None
) -> None:
    """The screen at 1366 x 768 with the new kind of conflict selected, for a person to look
    at (saved to /tmp/conflicten_edited.png); nothing may be cut off."""
    view = open_conflicts(qtbot, make_window, bart)
    window = view.window()
    assert (window.width(), window.height()) == (1366, 768)
    view.select_row(0)
    settle(window.runner)
    assert window.grab().save(str(SCREENSHOT))
    # The explanation wraps in the space beside the button, and the button shows its text.
    label, button = view.message_label, view.restore_button
    assert label.heightForWidth(label.width()) <= label.height()
    assert button.width() >= button.sizeHint().width()
    for column in range(view.proxy.columnCount()):
        assert view.table.columnWidth(column) <= 260
