"""What happens when something goes wrong.

Two kinds (as in qutebrowser's ``sql.py``): problems the user can act on (``DatabaseProblem``
and its kin, with a Dutch ``message_nl``) are shown in plain words; bugs are written to the log
file in the data folder and a dialog says where that file is.

The log never holds personal data: only the exception's type and the stack (file, line,
function, source line). Exception *messages* are left out on purpose, because database errors
repeat the values of the row they failed on (names, phone numbers).
"""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from vlot_desktop import __version__, paths

EXIT_PROBLEM = 1

ShowError = Callable[[QWidget | None, str, str], None]
ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def show_critical(parent: QWidget | None, title: str, message: str) -> None:
    """The default way to show a problem: a modal critical message box."""
    QMessageBox.critical(parent, title, message)


def handle_database_problem(
    exc: Exception,
    *,
    parent: QWidget | None = None,
    self_test: bool = False,
    show_error: ShowError = show_critical,
) -> int:
    """Tell the user why the data folder cannot be opened; returns the exit code (1).

    In self-test mode the message goes to stderr instead of a dialog.
    """
    message = getattr(exc, "message_nl", "") or str(exc)
    if self_test:
        print(f"vlot-desktop: {message}", file=sys.stderr)
    else:
        show_error(
            parent, QCoreApplication.translate("errors", "VLOT Desktop cannot start"), message
        )
    return EXIT_PROBLEM


def show_read_error(parent: QWidget | None, exc: BaseException) -> None:
    """A read in a worker failed: a problem the user can act on (``message_nl``, e.g. a locked
    or damaged database) in plain words; anything else is a bug for the crash handler."""
    message = getattr(exc, "message_nl", "")
    if message:
        QMessageBox.warning(
            parent, QCoreApplication.translate("errors", "The data could not be read"), message
        )
    else:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def describe_exception(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> str:
    """Type and stack of an exception, without its message (see the module docstring)."""
    lines = [f"{exc_type.__module__}.{exc_type.__qualname__}"]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    cause = exc.__cause__ if exc is not None else None
    if cause is not None:
        lines.append("Caused by:")
        lines.append(describe_exception(type(cause), cause, cause.__traceback__))
    return "\n".join(lines)


def write_crash_log(
    data_dir: Path,
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
) -> Path:
    """Append one report to the log file of ``data_dir`` and return the file's path."""
    import platform  # only when something went wrong: not worth its start-up cost

    log = paths.log_path(data_dir)
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    report = (
        f"==== {stamp} VLOT Desktop {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}\n{describe_exception(exc_type, exc, tb)}\n"
    )
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(report)
    except OSError:
        sys.stderr.write(report)
    return log


def show_bug_dialog(parent: QWidget | None, log_file: Path) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("errors", "Something went wrong"))
    box.setText(
        QCoreApplication.translate(
            "errors",
            "Something went wrong in VLOT Desktop. "
            "What you were doing may not have been completed.",
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "errors",
            "The technical details are in the log file %1. Send this file to whoever supports "
            "VLOT Desktop; it contains no personal data.",
        ).replace("%1", str(log_file))
    )
    open_folder = box.addButton(
        QCoreApplication.translate("errors", "Open folder"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent)))


class ExceptionHandler:
    """The ``sys.excepthook`` of the GUI: log, then tell the user (or, in self-test, fail)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        self_test: bool = False,
        show_dialog: Callable[[QWidget | None, Path], None] = show_bug_dialog,
    ) -> None:
        self.data_dir = data_dir
        self.self_test = self_test
        self.show_dialog = show_dialog
        self.count = 0
        self._showing = False
        self.previous: ExceptHook | None = None

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.exit(EXIT_PROBLEM)
            return
        self.count += 1
        log_file = write_crash_log(self.data_dir, exc_type, exc, tb)
        if self.self_test:
            traceback.print_exception(exc_type, exc, tb)
            print(
                f"vlot-desktop: self-test failed with an unexpected error (log: {log_file})",
                file=sys.stderr,
            )
            QCoreApplication.exit(EXIT_PROBLEM)
            return
        app = QApplication.instance()
        on_gui_thread = app is not None and QThread.currentThread() == app.thread()
        if not on_gui_thread or self._showing:
            sys.__stderr__.write(
                describe_exception(exc_type, exc, tb) + "\n"
            ) if sys.__stderr__ else None
            return
        self._showing = True
        try:
            self.show_dialog(QApplication.activeWindow(), log_file)
        finally:
            self._showing = False

    def install(self) -> None:
        self.previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self and self.previous is not None:
            sys.excepthook = self.previous
