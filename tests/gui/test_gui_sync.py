"""Sync from the window: "Nu synchroniseren" (F9) in a worker, the status bar, Conflicten."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from vlot_desktop import cli, paths
from vlot_desktop.services.sync_service import run_sync
from vlot_desktop.ui.conflicts.conflicts_view import ConflictsView
from vlot_desktop.ui.main_window import MainWindow

ORG = "0196a000-0000-7000-8000-0000000000aa"
SYNC_TIMEOUT_MS = 30_000


class Laptop:
    """A laptop set up with ``init`` on the shared folder (as in tests/sync)."""

    def __init__(self, root: Path, name: str, share: Path, *, create: bool = False) -> None:
        self.dir = root / name
        argv = ["--data-dir", str(self.dir), "init", "--user", name, "--region", "limburg"]
        argv += ["--share", str(share)] + (["--create-share"] if create else [])
        assert cli.main(argv) == 0
        self.db = paths.database_path(self.dir)

    def sync(self) -> None:
        run_sync(self.dir)

    def sql(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.db)
        try:
            with conn:
                return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


def add_org(laptop: Laptop) -> None:
    laptop.sql(
        "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
        "VALUES (?, 'OCMW Hasselt', 'ocmw', '2026-11-26 09:00:00.000000', "
        "'2026-11-26 09:00:00.000000')",
        ORG,
    )


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


@pytest.fixture
def an(tmp_path: Path, share: Path) -> Laptop:
    return Laptop(tmp_path, "an", share, create=True)


@pytest.fixture
def bart(tmp_path: Path, share: Path, an: Laptop) -> Laptop:
    return Laptop(tmp_path, "bart", share)


def sync_in_window(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.sync.finished, timeout=SYNC_TIMEOUT_MS):
        window.sync.action.trigger()


def test_sync_now_runs_in_a_worker_and_shows_time_and_pending(
    qtbot: QtBot, dutch: None, make_window, an: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vlot_desktop.services.sync_service as sync_service

    threads: list[threading.Thread] = []
    real = sync_service.run_sync

    def spy(data_dir: Path, *args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real(data_dir, *args, **kwargs)

    monkeypatch.setattr(sync_service, "run_sync", spy)
    window = make_window(an.dir)
    action = window.sync.action
    assert action.text() == "Nu &synchroniseren"
    assert action.shortcut().toString() == "F9"
    assert action.isEnabled()
    assert window.sync.last_label.text() == "Laatste synchronisatie: nog niet"
    # The user and the device that init created still have to go to the share.
    qtbot.waitUntil(lambda: window.sync.pending is not None, timeout=SYNC_TIMEOUT_MS)
    assert window.sync.pending > 0
    sync_in_window(qtbot, window)
    assert threads and threads[0] is not threading.main_thread()
    today = dt.date.today().strftime("%d/%m/%Y")
    assert window.sync.last_label.text().startswith(f"Laatste synchronisatie: {today} ")
    assert window.sync.pending_label.text() == "Te versturen: 0"
    assert window.sync.share_label.text() == "Share bereikbaar"
    assert window.statusBar().currentMessage().startswith("Klaar: ")
    assert action.isEnabled()


def test_pending_count_goes_up_after_a_local_edit(
    qtbot: QtBot, dutch: None, make_window, an: Laptop
) -> None:
    window = make_window(an.dir)
    sync_in_window(qtbot, window)
    assert window.sync.pending == 0
    add_org(an)
    an.sql("UPDATE organisation SET notes = 'bellen' WHERE id = ?", ORG)
    with qtbot.waitSignal(window.sync.pending_updated, timeout=SYNC_TIMEOUT_MS) as blocker:
        window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_F5)
    assert blocker.args == [2]
    assert window.sync.pending_label.text() == "Te versturen: 2"


def test_an_unreachable_share_is_said_in_dutch_and_nothing_is_lost(
    qtbot: QtBot, dutch: None, make_window, an: Laptop, share: Path
) -> None:
    window = make_window(an.dir)
    sync_in_window(qtbot, window)
    add_org(an)
    away = share.with_name("share-away")
    share.rename(away)  # the VPN dropped
    sync_in_window(qtbot, window)
    message = window.statusBar().currentMessage()
    assert message.startswith("Niet gesynchroniseerd: De sharemap ")
    assert "niet bereikbaar" in message
    assert window.sync.share_label.text() == "Share niet bereikbaar"
    assert QApplication.activeModalWidget() is None  # no dialog for a routine failure
    assert an.sql("SELECT name FROM organisation WHERE id = ?", ORG) == [("OCMW Hasselt",)]
    away.rename(share)  # back on the office network
    sync_in_window(qtbot, window)
    assert window.sync.share_label.text() == "Share bereikbaar"
    assert window.sync.pending == 0
    assert len(list((share / "changes").iterdir())) == 2


def test_without_a_share_the_action_is_disabled_and_says_why(
    dutch: None, make_window, sample_dir: Path
) -> None:
    window = make_window(sample_dir)
    assert not window.sync.action.isEnabled()
    assert "gedeelde map" in window.sync.action.toolTip()
    assert not window.sync.timer.isActive()
    assert window.sync.share_label.text() == "Geen gedeelde map"


def test_the_timer_syncs_every_few_minutes(
    qtbot: QtBot, dutch: None, make_window, an: Laptop
) -> None:
    window = make_window(an.dir)
    assert window.sync.timer.isActive()
    assert window.sync.timer.interval() == 10 * 60_000  # the default setting
    with qtbot.waitSignal(window.sync.finished, timeout=SYNC_TIMEOUT_MS):
        window.sync.timer.timeout.emit()
    assert window.sync.pending == 0


def test_closing_during_a_sync_is_safe(qtbot: QtBot, dutch: None, make_window, an: Laptop) -> None:
    window = make_window(an.dir)
    add_org(an)
    window.sync.action.trigger()
    assert window.sync.is_running
    window.close()  # waits for the worker
    assert window.runner.wait_for_done(0)
    count = an.sql("SELECT count(*) FROM organisation")[0][0]
    assert count == 1
    assert an.sql("PRAGMA integrity_check") == [("ok",)]


def _conflicts(window: MainWindow) -> ConflictsView:
    screen = window.screen_by_key("conflicts")
    assert isinstance(screen, ConflictsView)
    return screen


def _make_conflict(an: Laptop, bart: Laptop) -> None:
    add_org(an)
    an.sync()
    bart.sync()
    an.sql("UPDATE organisation SET name = 'Versie An' WHERE id = ?", ORG)
    bart.sql("UPDATE organisation SET name = 'Versie Bart' WHERE id = ?", ORG)
    bart.sync()


def test_a_conflict_announced_elsewhere_shows_without_a_click(
    dutch: None, make_window, an: Laptop, bart: Laptop
) -> None:
    from gui_elsewhere import synced
    from gui_waiting import settle

    add_org(an)
    an.sync()
    bart.sync()
    window = make_window(an.dir)
    view = _conflicts(window)
    window.show_screen("conflicts")
    settle(window.runner)
    assert view.count_label.text() == "Geen open conflicten."
    an.sql("UPDATE organisation SET name = 'Versie An' WHERE id = ?", ORG)
    bart.sql("UPDATE organisation SET name = 'Versie Bart' WHERE id = ?", ORG)
    bart.sync()
    an.sync()  # outside the window (the command line): the window is only told
    window.context.announce(synced("organisation", "sync_conflicts"))
    settle(window.runner)
    assert view.count_label.text() == "1 open conflict"
    assert _cells(view, 0)[2:4] == ["Naam", "Versie An"]


def _cells(view: ConflictsView, row: int) -> list[str]:
    proxy = view.proxy
    return [str(proxy.data(proxy.index(row, c))) for c in range(proxy.columnCount())]


def test_conflicts_screen_lists_and_resolves_a_conflict(
    qtbot: QtBot, dutch: None, make_window, an: Laptop, bart: Laptop
) -> None:
    _make_conflict(an, bart)
    window = make_window(an.dir)
    view = _conflicts(window)
    window.show_screen("conflicts")
    qtbot.waitUntil(lambda: view.count_label.text() == "Geen open conflicten.", timeout=5000)
    assert view.model.rowCount() == 0
    with qtbot.waitSignal(view.loaded, timeout=SYNC_TIMEOUT_MS):
        sync_in_window(qtbot, window)  # brings Bart's name: the screens reload
    assert view.model.rowCount() == 1
    assert view.count_label.text() == "1 open conflict"
    kind, record, field, mine, mine_by, theirs, theirs_by = _cells(view, 0)
    assert (kind, field, mine, theirs) == ("Organisatie", "Naam", "Versie An", "Versie Bart")
    assert record in ("Versie An", "Versie Bart")
    today = dt.date.today().strftime("%d/%m/%Y")
    assert mine_by.startswith(f"an, {today} ") and theirs_by.startswith(f"bart, {today} ")
    assert not view.keep_theirs_button.isEnabled()  # nothing selected yet
    view.select_row(0)
    assert view.keep_theirs_button.text() == "&Hun waarde houden"
    assert view.keep_mine_button.text() == "&Mijn waarde houden"
    with qtbot.waitSignal(view.loaded, timeout=SYNC_TIMEOUT_MS):
        qtbot.mouseClick(view.keep_theirs_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 0
    assert view.message_label.text().startswith("Bewaard.")
    assert an.sql("SELECT name FROM organisation WHERE id = ?", ORG) == [("Versie Bart",)]
    assert an.sql("SELECT count(*) FROM sync_conflicts") == [(0,)]
    # The choice is an ordinary change: it goes to Bart, whose conflict closes too.
    sync_in_window(qtbot, window)
    bart.sync()
    assert bart.sql("SELECT name FROM organisation WHERE id = ?", ORG) == [("Versie Bart",)]
    assert bart.sql("SELECT count(*) FROM sync_conflicts") == [(0,)]


def test_conflict_model_passes_the_model_tester(
    qtmodeltester: ModelTester, dutch: None, an: Laptop, bart: Laptop
) -> None:
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.db.queries.sync import open_conflicts
    from vlot_desktop.settings import load_settings
    from vlot_desktop.ui.models.conflict_model import ConflictTableModel, make_items

    _make_conflict(an, bart)
    an.sync()
    engine = make_engine(an.db)
    with engine.connect() as conn:
        rows = open_conflicts(conn)
    engine.dispose()
    model = ConflictTableModel()
    qtmodeltester.check(model)
    model.set_rows(make_items(rows, load_settings(an.dir).device_id))
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_sync_screen_shows_this_sessions_rounds_and_the_files(
    qtbot: QtBot, dutch: None, make_window, an: Laptop, bart: Laptop, share: Path
) -> None:
    from vlot_desktop.ui.sync_history.sync_view import SyncView

    add_org(bart)
    bart.sync()
    window = make_window(an.dir)
    view = window.screen_by_key("sync")
    assert isinstance(view, SyncView)
    window.show_screen("sync")
    assert view.empty_label.text().startswith("Nog geen synchronisatie")
    with qtbot.waitSignal(view.loaded, timeout=SYNC_TIMEOUT_MS):
        sync_in_window(qtbot, window)
    away = share.with_name("share-away")
    share.rename(away)
    with qtbot.waitSignal(view.loaded, timeout=SYNC_TIMEOUT_MS):
        sync_in_window(qtbot, window)
    session = view.rounds_table.model()  # sorted: the newest first
    assert session.rowCount() == 2
    newest = [str(session.data(session.index(0, c))) for c in range(3)]
    oldest = [str(session.data(session.index(1, c))) for c in range(3)]
    assert newest[1] == "Mislukt" and "niet bereikbaar" in newest[2]
    assert oldest[1] == "Gelukt" and oldest[2].startswith("Klaar: ")
    files = view.files_model
    statuses = sorted(str(files.data(files.index(r, 2))) for r in range(files.rowCount()))
    assert statuses == ["Ontvangen", "Verstuurd door deze laptop"]
    who = sorted(str(files.data(files.index(r, 0))) for r in range(files.rowCount()))
    assert who == ["an", "bart"]


def test_files_brought_in_elsewhere_show_on_the_sync_screen_without_a_click(
    dutch: None, make_window, an: Laptop, bart: Laptop
) -> None:
    from gui_elsewhere import synced
    from gui_waiting import settle

    from vlot_desktop.ui.sync_history.sync_view import SyncView

    window = make_window(an.dir)
    view = window.show_screen("sync")
    assert isinstance(view, SyncView)
    settle(window.runner)
    assert view.files_model.rowCount() == 0
    add_org(bart)
    bart.sync()
    an.sync()  # outside the window (the command line): the window is only told
    window.context.announce(synced("sync_ingested"))
    settle(window.runner)
    files = view.files_model
    assert sorted(str(files.data(files.index(r, 0))) for r in range(files.rowCount())) == [
        "an",
        "bart",
    ]


def test_sync_history_models_pass_the_model_tester(qtmodeltester: ModelTester, dutch: None) -> None:
    from vlot_desktop.db.queries.sync import IngestedRow
    from vlot_desktop.ui.models.sync_history_model import (
        IngestedTableModel,
        SyncAttemptTableModel,
    )
    from vlot_desktop.ui.sync_controller import SyncAttempt

    attempts = SyncAttemptTableModel()
    attempts.set_rows([SyncAttempt(dt.datetime(2026, 11, 26, 9, 5, 7), True, "Klaar")])
    qtmodeltester.check(attempts)
    assert attempts.data(attempts.index(0, 0)) == "26/11/2026 09:05:07"
    files = IngestedTableModel()
    reason = "not a gzip file or damaged (Error -3 while decompressing data)"
    files.set_rows([IngestedRow("x.chg.gz", "Laptop An", None, 1234, "rejected", reason)])
    qtmodeltester.check(files)
    assert [files.data(files.index(0, c)) for c in range(5)] == [
        "Laptop An",
        "1.234",
        "Geweigerd",
        "Het bestand is beschadigd of onvolledig",
        "x.chg.gz",
    ]
    # The technical reason, for the IT administrator, as the cell's tooltip.
    assert files.data(files.index(0, 3), Qt.ItemDataRole.ToolTipRole) == reason
    refused = "a record was refused by the database: NOT NULL constraint failed"
    files.set_rows([IngestedRow("z.chg.gz", None, "Erik", 3, "rejected", refused)])
    assert files.data(files.index(0, 3)) == "Een wijziging erin past niet in de databank"
    files.set_rows([IngestedRow("y.chg.gz", None, "Dirk", 0, "held", "dated in the future")])
    assert [files.data(files.index(0, c)) for c in (0, 2, 3)] == [
        "Dirk",
        "Tegengehouden: datum in de toekomst",
        "",
    ]


def test_a_revived_record_is_listed_but_not_resolved_by_a_value(
    qtbot: QtBot, dutch: None, make_window, an: Laptop, bart: Laptop
) -> None:
    add_org(an)
    an.sync()
    bart.sync()
    an.sql("DELETE FROM organisation WHERE id = ?", ORG)
    # The edit must be later on the hybrid clock: in the same millisecond the tie between the
    # two laptops is broken by device id, and the delete may win (then nothing is revived).
    time.sleep(0.005)
    bart.sql("UPDATE organisation SET notes = 'toch nog nodig' WHERE id = ?", ORG)
    bart.sync()
    an.sync()
    assert an.sql("SELECT count(*) FROM sync_conflicts") == [(1,)]
    window = make_window(an.dir)
    view = _conflicts(window)
    window.show_screen("conflicts")
    # The screen reads the conflicts in a worker: wait for them rather than race it.
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=SYNC_TIMEOUT_MS)
    _kind, _record, field, mine, _by, theirs, _by2 = _cells(view, 0)
    assert (field, mine, theirs) == ("(verwijderd record)", "verwijderd", "behouden (bewerkt)")
    view.select_row(0)
    assert not view.keep_mine_button.isVisible() and not view.keep_theirs_button.isVisible()
    assert view.delete_button.isVisible() and view.delete_button.isEnabled()
    assert view.delete_button.text() == "Toch &verwijderen…"
    assert view.message_label.text().startswith("Dit record werd op de ene laptop verwijderd")
    # Deleting after all: asked first, done in a worker, gone here and at Bart's after a sync.
    view.confirm_delete = lambda item: False  # type: ignore[method-assign]
    view.delete_after_all()
    assert an.sql("SELECT count(*) FROM organisation WHERE id = ?", ORG) == [(1,)]
    view.confirm_delete = lambda item: True  # type: ignore[method-assign]
    view.delete_after_all()
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=SYNC_TIMEOUT_MS)
    assert view.message_label.text().startswith("Verwijderd.")
    assert an.sql("SELECT count(*) FROM organisation WHERE id = ?", ORG) == [(0,)]
    an.sync()
    bart.sync()
    assert bart.sql("SELECT count(*) FROM organisation WHERE id = ?", ORG) == [(0,)]
    assert bart.sql("SELECT count(*) FROM sync_conflicts") == [(0,)]


def test_last_sync_and_rounds_survive_a_restart(
    qtbot: QtBot, dutch: None, make_window, an: Laptop, share: Path
) -> None:
    window = make_window(an.dir)
    sync_in_window(qtbot, window)
    shown = window.sync.last_label.text()
    assert shown.startswith("Laatste synchronisatie: ") and "nog niet" not in shown
    rounds_file = paths.sync_rounds_path(an.dir)
    qtbot.waitUntil(rounds_file.exists, timeout=SYNC_TIMEOUT_MS)
    window.close()

    again = make_window(an.dir)
    qtbot.waitUntil(lambda: again.sync.last_label.text() == shown, timeout=SYNC_TIMEOUT_MS)
    view = again.screen_by_key("sync")
    again.show_screen("sync")
    session = view.rounds_table.model()
    qtbot.waitUntil(lambda: session.rowCount() == 1, timeout=SYNC_TIMEOUT_MS)
    assert str(session.data(session.index(0, 1))) == "Gelukt"
    assert not view.empty_label.isVisible()


def test_a_damaged_rounds_file_means_no_rounds_yet(
    qtbot: QtBot, dutch: None, make_window, an: Laptop
) -> None:
    paths.sync_rounds_path(an.dir).write_bytes(b"\x00{not json")
    window = make_window(an.dir)  # waits for every screen's first read
    assert window.sync.last_label.text() == "Laatste synchronisatie: nog niet"
    sync_in_window(qtbot, window)
    qtbot.waitUntil(
        lambda: paths.sync_rounds_path(an.dir).read_bytes().startswith(b"["),
        timeout=SYNC_TIMEOUT_MS,
    )


def test_a_typed_third_value_resolves_a_text_conflict_everywhere(
    qtbot: QtBot,
    dutch: None,
    make_window,
    an: Laptop,
    bart: Laptop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _make_conflict(an, bart)
    an.sync()
    window = make_window(an.dir)
    view = _conflicts(window)
    window.show_screen("conflicts")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=SYNC_TIMEOUT_MS)
    view.select_row(0)
    assert view.other_value_button.text() == "&Andere waarde…"
    assert view.other_value_button.isEnabled()
    offered: list[str] = []
    answers = iter(["   ", "x" * 201, "  OCMW Hasselt (An en Bart)  "])

    def ask(start: str) -> str:
        offered.append(start)
        return next(answers)

    monkeypatch.setattr(view, "ask_value", ask)
    view.type_other_value()
    assert view.message_label.text() == "Dit veld mag niet leeg zijn: er is niets gewijzigd."
    view.type_other_value()
    assert view.message_label.text() == "Hoogstens 200 tekens: er is niets gewijzigd."
    assert an.sql("SELECT count(*) FROM sync_conflicts") == [(1,)]
    assert offered[0] == "Versie An"  # starts from my own value
    with qtbot.waitSignal(view.loaded, timeout=SYNC_TIMEOUT_MS):
        view.type_other_value()
    assert view.model.rowCount() == 0
    assert an.sql("SELECT name FROM organisation WHERE id = ?", ORG) == [
        ("OCMW Hasselt (An en Bart)",)
    ]
    sync_in_window(qtbot, window)
    bart.sync()
    assert bart.sql("SELECT name FROM organisation WHERE id = ?", ORG) == [
        ("OCMW Hasselt (An en Bart)",)
    ]
    assert bart.sql("SELECT count(*) FROM sync_conflicts") == [(0,)]


def test_only_text_fields_offer_a_typed_value() -> None:
    from vlot_desktop.services.conflict_list import TextField, text_field

    assert text_field("organisation", "name") == TextField(200, True)
    assert text_field("organisation", "kind") is None  # a choice
    assert text_field("location", "capacity") is None  # a number with rules
    assert text_field("location", "municipality_nis") is None  # a reference
    assert text_field("no_such_table", "name") is None


def test_a_full_disk_is_said_in_dutch(
    qtbot: QtBot, dutch: None, make_window, an: Laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    import vlot_desktop.services.sync_service as sync_service

    def full(*_args: Any, **_kwargs: Any) -> Any:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sync_service, "run_sync", full)
    window = make_window(an.dir)
    sync_in_window(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "Niet gesynchroniseerd: De schijf van deze laptop is vol: maak ruimte vrij en "
        "synchroniseer opnieuw. Er is niets verloren."
    )
    assert window.sync.last_label.text() == "Laatste synchronisatie: nog niet"
