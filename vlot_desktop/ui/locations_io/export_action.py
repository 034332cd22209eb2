"""Export the locations list: choose a file, write it in a worker, show progress, allow cancel.

The export is a read (``services.location_export`` through ``ui.ops.QueryOp``). Its progress
crosses from the worker as plain numbers in a :class:`ProgressBox`, which a timer on the GUI
thread shows: the worker touches no Qt object.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.db.queries.location_filter import LocationFilter
    from vlot_desktop.services.location_export import ExportResult
    from vlot_desktop.services.store import Store

# Shown only when the export takes longer than this (a small list is done before that).
PROGRESS_DELAY_MS = 400
# How often the GUI thread shows the progress a worker reported.
PROGRESS_POLL_MS = 100


class ProgressBox:
    """The newest progress of one worker: ``put`` from the worker, ``take`` on the GUI thread.

    Plain Python under a lock, so the worker never touches a Qt object (which the GUI thread
    may delete meanwhile); ``watch`` shows what arrives through a timer of ``owner``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: tuple[int, int, str] | None = None

    def put(self, done: int, total: int, text: str = "") -> None:
        with self._lock:
            self._value = (done, total, text)

    def take(self) -> tuple[int, int, str] | None:
        """The progress put since the last ``take`` (``None``: nothing new)."""
        with self._lock:
            value, self._value = self._value, None
        return value

    def watch(self, owner: QObject, show: Callable[[int, int, str], None]) -> QTimer:
        """A running timer of ``owner`` that hands new progress to ``show``; stop it when the
        work is done."""

        def poll() -> None:
            value = self.take()
            if value is not None:
                show(*value)

        timer = QTimer(owner)
        timer.setInterval(PROGRESS_POLL_MS)
        timer.timeout.connect(poll)
        timer.start()
        return timer


def default_export_path(suffix: str = ".xlsx") -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home()) / f"opvanglocaties-{dt.date.today().isoformat()}{suffix}"


class ExportJob(QObject):
    """One export: the worker, its progress dialog and the message at the end.

    Signals:
        finished(object): the ``ExportResult``, or ``None`` when cancelled or failed.
    """

    finished = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        context: AppContext,
        runner: TaskRunner,
        location_filter: LocationFilter,
        path: Path,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.message_box: QMessageBox | None = None
        self._parent = parent
        self._stop = threading.Event()
        self.progress = QProgressDialog(parent)
        self.progress.setWindowTitle(self.tr("Export locations"))
        self.progress.setLabelText(self.tr("Writing %1…").replace("%1", path.name))
        self.progress.setCancelButtonText(self.tr("Cancel"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setRange(0, 0)
        self.progress.canceled.connect(self.cancel)
        if context.task_runner is None:
            context.task_runner = runner
        stop = self._stop
        box = ProgressBox()

        def export(store: Store) -> ExportResult | None:
            from vlot_desktop.services.location_export import export_locations

            def on_progress(done: int, total: int) -> bool:
                box.put(done, total)
                return stop.is_set()

            return export_locations(store.engine, path, location_filter, on_progress=on_progress)

        self._poll = box.watch(self, self._progress)
        self.handle: TaskHandle = (
            QueryOp(context, export, success=self._done)
            .failure(self._failed)
            .owned_by(self)
            .named("export locations")
            .run()
        )

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def cancel(self) -> None:
        """Stop writing: the file is left as it was (a new file is not created)."""
        self._stop.set()

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _close_progress(self) -> None:
        self._poll.stop()
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()

    def _done(self, result: ExportResult | None) -> None:
        self._close_progress()
        if result is None:
            self.finished.emit(None)
            return
        self._inform(
            QMessageBox.Icon.Information,
            self.tr("%1 locations exported to %2.")
            .replace("%1", format_int(result.rows))
            .replace("%2", str(result.path)),
        )
        self.finished.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        from vlot_desktop.spreadsheets.errors import SpreadsheetError

        if isinstance(exc, SpreadsheetError):
            self._inform(QMessageBox.Icon.Warning, exc.text(current_language()))
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        self.finished.emit(None)

    def _inform(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, self.tr("Export locations"), text, parent=self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()  # not exec(): the window keeps working


class ExportFileQuestion(QObject):
    """Asks where to save the export (a QObject, so that its texts are translated)."""

    def ask(self, parent: QWidget | None) -> Path | None:
        """The chosen file; ``None`` when cancelled. A name without .xlsx/.csv gets one."""
        excel = self.tr("Excel workbook (*.xlsx)")
        csv_text = self.tr("CSV, separated by semicolons (*.csv)")
        chosen, selected = QFileDialog.getSaveFileName(
            parent,
            self.tr("Export locations"),
            str(default_export_path()),
            f"{excel};;{csv_text}",
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".csv" if selected == csv_text else ".xlsx")
        return path


def run_export(
    parent: QWidget | None,
    context: AppContext,
    runner: TaskRunner,
    location_filter: LocationFilter,
    path: Path | None = None,
) -> ExportJob | None:
    """Export the locations matching ``location_filter``; asks for the file unless ``path``.

    Returns the running job (``None`` when the user cancelled the file dialog).
    """
    if path is None:
        path = ExportFileQuestion().ask(parent)
        if path is None:
            return None
    return ExportJob(parent, context, runner, location_filter, path)
