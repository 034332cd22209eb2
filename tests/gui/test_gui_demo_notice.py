"""The demo-data notice: demo data on no share, or a training share ("Oefenshare"), in the status
bar and on the Synchronisatie screen."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.conftest import DEMO_TODAY
from vlot_desktop import cli
from vlot_desktop.ui.main_window import MainWindow
from vlot_desktop.ui.sync_history.sync_view import SyncView

SYNC_TIMEOUT_MS = 60_000
NOT_SHARED = "Deze laptop bevat demodata die niet gedeeld wordt."
HINT = (
    "Om samen te oefenen: zet de demodata op een lege map met 'vlot-desktop demo --share MAP'; "
    "de andere laptops kiezen die map dan als share."
)
TRAINING = "Oefenshare"
TRAINING_HINT = (
    "De gegevens op deze laptop zijn demodata, gedeeld met de andere laptops op deze "
    "oefenshare: oefen gerust, niets ervan is echt."
)


def sync_screen(window: MainWindow) -> SyncView:
    screen = window.show_screen("sync")
    assert isinstance(screen, SyncView)
    return screen


def shown(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Wait until the status bar's notice says ``text``."""
    qtbot.waitUntil(
        lambda: window.demo_notice.isVisible() and window.demo_notice.text() == text,
        timeout=SYNC_TIMEOUT_MS,
    )


def test_demo_data_on_no_share_is_said_with_how_to_practise_together(
    qtbot: QtBot, dutch: None, make_window, demo_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window(demo_dir)
    shown(qtbot, window, NOT_SHARED)
    assert window.demo_notice.toolTip() == HINT
    screen = sync_screen(window)
    qtbot.waitUntil(lambda: screen.demo_notice.isVisible(), timeout=SYNC_TIMEOUT_MS)
    escaped = HINT.replace("'", "&#x27;")  # rich text: the sentence in bold, then the hint
    assert screen.demo_notice.text() == f"<b>{NOT_SHARED}</b> {escaped}"
    assert screen.demo_notice.accessibleName() == NOT_SHARED


def test_no_notice_without_demo_data(
    qtbot: QtBot, dutch: None, make_window, sample_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window(sample_dir)
    screen = sync_screen(window)
    with qtbot.waitSignal(screen.demo_notice.loaded, timeout=SYNC_TIMEOUT_MS):
        screen.refresh()
    assert not window.demo_notice.isVisible() and window.demo_notice.text() == ""
    assert not screen.demo_notice.isVisible()


def test_a_training_share_is_said_on_the_trainers_and_a_trainees_laptop(
    qtbot: QtBot, dutch: None, make_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    share = tmp_path / "oefenshare"
    share.mkdir()
    trainer = tmp_path / "trainer"
    argv = ["--data-dir", str(trainer), "demo", "--size", "small", "--as-of"]
    assert cli.main([*argv, DEMO_TODAY.isoformat(), "--share", str(share)]) == 0
    window: MainWindow = make_window(trainer)
    shown(qtbot, window, TRAINING)
    assert window.demo_notice.toolTip() == TRAINING_HINT
    screen = sync_screen(window)
    qtbot.waitUntil(lambda: screen.demo_notice.isVisible(), timeout=SYNC_TIMEOUT_MS)
    assert screen.demo_notice.text() == f"<b>{TRAINING}</b> {TRAINING_HINT}"

    # A trainee's laptop: nothing to say until its first sync brings the demo set.
    trainee = tmp_path / "trainee"
    init = ["--data-dir", str(trainee), "init", "--user", "Bart", "--region", "limburg"]
    assert cli.main([*init, "--share", str(share)]) == 0
    other: MainWindow = make_window(trainee)
    assert not other.demo_notice.isVisible()
    with qtbot.waitSignal(other.demo_notice.loaded, timeout=SYNC_TIMEOUT_MS):
        other.sync.action.trigger()
    shown(qtbot, other, TRAINING)
