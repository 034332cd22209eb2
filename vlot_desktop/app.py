"""GUI bootstrap only: QApplication, translators, excepthook, main window, start-up.

The window is shown first; the data folder is opened afterwards in a worker (``ui.startup``),
so SQLAlchemy and alembic are never imported before the user sees something.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vlot_desktop.ui.errors import ShowError
    from vlot_desktop.ui.main_window import MainWindow

SELF_TEST_SIZE = (1366, 768)


def run_gui(data_dir: Path, self_test: bool = False, *, show_error: ShowError | None = None) -> int:
    """Run VLOT Desktop on ``data_dir`` until the window closes; returns the exit code.

    With ``self_test`` the window opens offscreen (unless a platform is set), start-up skips
    the first-run dialog, and ``ui.self_test`` visits every screen and ends the application:
    0 when all went well, 1 otherwise (also on a time-out). ``show_error`` replaces the modal
    message box for problems such as "not a database" (tests use it).
    """
    started_at = time.perf_counter()
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    from vlot_desktop import __version__
    from vlot_desktop.settings import load_settings
    from vlot_desktop.ui.context import AppContext
    from vlot_desktop.ui.errors import ExceptionHandler, show_critical
    from vlot_desktop.ui.i18n import install_translators, remove_translators
    from vlot_desktop.ui.main_window import MainWindow
    from vlot_desktop.ui.startup import Startup
    from vlot_desktop.ui.tasks import TaskRunner

    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0] or "vlot-desktop"])
    )
    app.setApplicationName("VLOT Desktop")
    app.setApplicationDisplayName("VLOT Desktop")
    app.setOrganizationName("VLOT")
    app.setApplicationVersion(__version__)

    settings = load_settings(data_dir)
    install_translators(app, settings.language)
    handler = ExceptionHandler(data_dir, self_test=self_test)
    handler.install()
    from vlot_desktop.ui.main_thread_gc import MainThreadCollector

    collector = MainThreadCollector()
    collector.install()

    runner = TaskRunner()
    context = AppContext(data_dir, settings)
    window = MainWindow(context, runner)
    _show(window, self_test)

    startup = Startup(
        window, context, runner, self_test=self_test, show_error=show_error or show_critical
    )
    timings: dict[str, float] = {}

    def begin() -> None:
        # The event loop runs, so the window has been exposed and painted.
        timings["shown"] = time.perf_counter()
        window.build_screens()
        if self_test:
            from vlot_desktop.ui.self_test import SelfTest

            tester = SelfTest(
                window, startup, started_at=started_at, window_shown_at=timings["shown"]
            )
            tester.start()
        startup.begin()

    QTimer.singleShot(0, begin)
    try:
        code = app.exec()
    finally:
        runner.shutdown()
        window.close()
        context.close()
        window.deleteLater()
        # Delete the window and its screens now, not in whatever event loop runs next: in one
        # process that opens several windows (the tests), a deferred delete of this one would
        # otherwise happen in the middle of another's work.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        handler.uninstall()
        collector.uninstall()
        if existing is not None:
            remove_translators(app)
    return int(code)


def _show(window: MainWindow, self_test: bool) -> None:
    from PySide6.QtGui import QGuiApplication

    if self_test:
        window.resize(*SELF_TEST_SIZE)
        window.show()
        return
    screen = QGuiApplication.primaryScreen()
    available = screen.availableGeometry() if screen is not None else None
    if available is None or available.width() <= 1440 or available.height() <= 900:
        window.showMaximized()  # a 1366×768 laptop needs every pixel
    else:
        window.resize(1280, 820)
        window.show()
