"""The status bar tells the user about a newer format, a wrong clock, a snapshot, attachments."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from vlot_desktop.services.sync_service import SyncReport
from vlot_desktop.sync.batch import NewerFormatError


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    from vlot_desktop.ui.i18n import install_translators, remove_translators

    install_translators(qapp, "nl")
    yield
    remove_translators(qapp)


@pytest.fixture
def controller(qtbot: QtBot, dutch: None, prepared_dir: Path):  # type: ignore[no-untyped-def]
    from vlot_desktop.settings import load_settings, save_settings
    from vlot_desktop.ui.context import AppContext
    from vlot_desktop.ui.sync_controller import SyncController
    from vlot_desktop.ui.tasks import TaskRunner

    settings = load_settings(prepared_dir)
    settings.share_path = str(prepared_dir / "share")
    save_settings(prepared_dir, settings)
    window = QMainWindow()
    qtbot.addWidget(window)
    runner = TaskRunner()
    sync = SyncController(AppContext(prepared_dir), runner, window.statusBar(), window)
    yield sync
    runner.shutdown()


def report(**values: object) -> SyncReport:
    base: dict[str, object] = {
        "pushed_records": 2, "pulled_records": 5, "applied_records": 5, "conflicts_new": 0,
        "files_written": 1, "files_read": 1, "share_ops": 9, "duration_s": 0.1,
    }  # fmt: skip
    base.update(values)
    return SyncReport(**base)  # type: ignore[arg-type]


def test_a_newer_format_shows_read_only_until_a_round_succeeds(controller) -> None:  # type: ignore[no-untyped-def]
    from vlot_desktop.ui.sync_controller import SyncOutcome

    controller._failed(NewerFormatError("a change batch has format 2: update the application"))
    controller._round_done()
    assert controller.share_label.text() == "Alleen lezen: werk de toepassing bij"
    message = controller.status_bar.currentMessage()
    assert "nieuwere versie van VLOT Desktop" in message and "werk de toepassing bij" in message
    controller._succeeded(SyncOutcome(report(), 0))
    controller._round_done()
    assert controller.share_label.text() == "Share bereikbaar"


def test_clock_snapshot_and_attachments_are_reported_in_dutch(controller) -> None:  # type: ignore[no-untyped-def]
    from vlot_desktop.ui.sync_controller import SyncOutcome

    controller._succeeded(
        SyncOutcome(
            report(
                clock_offset_s=-300.0,
                snapshot_applied="20261127t024546000z-01a21ae5",
                snapshot_rows=1234,
                blobs_missing=3,
                blob_errors=[{"sha256": "ab" * 32, "reason": "content does not match"}],
            ),
            0,
        )
    )
    message = controller.status_bar.currentMessage()
    assert "Klaar: 2 verstuurd, 5 ontvangen." in message
    assert "Records overgenomen uit de momentopname op de share: 1.234." in message
    assert "Beschadigde bijlagen op de share, niet bewaard: 1." in message
    assert "Bijlagen nog op te halen: 3." in message
    assert "De klok van deze laptop loopt 5 minuten verkeerd" in message
    controller._succeeded(SyncOutcome(report(clock_offset_s=30.0), 0))
    assert controller.status_bar.currentMessage() == "Klaar: 2 verstuurd, 5 ontvangen."


def test_held_back_and_skipped_files_are_reported_in_dutch(controller) -> None:  # type: ignore[no-untyped-def]
    from vlot_desktop.ui.sync_controller import SyncOutcome

    controller._succeeded(
        SyncOutcome(
            report(
                held_files=[
                    {"file": "x.chg.gz", "dated": "2027-03-01 10:00 UTC", "laptop": "VLOT-ANT-07"}
                ],
                rejected_files=[
                    {"file": "a.chg.gz", "reason": "not gzip", "laptop": "VLOT-LIM-02 (An)"},
                    {"file": "b.chg.gz", "reason": "truncated", "laptop": "VLOT-LIM-02 (An)"},
                ],
                withheld=[{"table": "case", "pk": "x", "field": "summary", "reason": "too long"}],
                identity_renewed="restored",
            ),
            0,
        )
    )
    message = controller.status_bar.currentMessage()
    assert "De klok van VLOT-ANT-07 staat verkeerd" in message
    assert "worden tegengehouden (1 bestand(en))" in message
    assert "op de share, opzijgezet: 2 (van VLOT-LIM-02 (An))." in message
    assert "werden niet verstuurd: 1. Maak ze korter" in message
    assert "teruggezet uit een back-up of gekopieerd" in message


def test_records_kept_for_a_newer_version_are_said_in_dutch(controller) -> None:  # type: ignore[no-untyped-def]
    from vlot_desktop.ui.sync_controller import SyncOutcome

    controller._succeeded(
        SyncOutcome(report(set_aside={"newsletter_edition": 5, "newsletter_item": 1}), 0)
    )
    message = controller.status_bar.currentMessage()
    assert (
        "Wijzigingen gemaakt met een nieuwere versie van VLOT Desktop zijn bewaard voor later: 6."
        " Werk deze laptop bij om ze te zien." in message
    )
