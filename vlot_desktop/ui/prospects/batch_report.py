"""Prospect reports for every visit the list shows: one PDF with contents, or one PDF each.

The teams hand a period's prospect reports to the minister's office or a governor at once; the
filter of the Prospecties screen says which visits. The PDFs are made in a worker with a
progress dialog that can cancel (a cancelled run leaves no files), then opened.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.tasks import TaskContext, TaskHandle, TaskRunner

PROGRESS_DELAY_MS = 300


def _documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


class BatchReportQuestion(QObject):
    """Asks "one PDF or a folder" and where: returns (path, one_file) or ``None``."""

    def ask(self, parent: QWidget | None, count: int) -> tuple[Path, bool] | None:
        box = QMessageBox(parent)
        box.setWindowTitle(self.tr("Prospect reports"))
        box.setText(
            self.tr("Make the reports of the %1 prospects in the list.").replace(
                "%1", format_int(count)
            )
        )
        one = box.addButton(self.tr("One PDF with contents"), QMessageBox.ButtonRole.AcceptRole)
        folder = box.addButton(self.tr("One PDF per prospect"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is one:
            default = _documents_folder() / f"prospectieverslagen-{dt.date.today().isoformat()}.pdf"
            chosen, _ = QFileDialog.getSaveFileName(
                parent, self.tr("Save the reports as"), str(default), self.tr("PDF (*.pdf)")
            )
            if not chosen:
                return None
            path = Path(chosen)
            return (path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")), True
        if clicked is folder:
            chosen = QFileDialog.getExistingDirectory(
                parent, self.tr("Folder for the reports"), str(_documents_folder())
            )
            return (Path(chosen), False) if chosen else None
        return None


class BatchReportJob(QObject):
    """One batch: the worker, its progress dialog, and opening the result.

    Signals:
        finished(object): the list of files written, or ``None`` (cancelled or failed).
    """

    finished = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        context: AppContext,
        runner: TaskRunner,
        visit_ids: list[str],
        out: Path,
        *,
        one_file: bool,
        open_result: bool = True,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._stop = threading.Event()
        self._open_result = open_result
        self.out = out
        self.message_box: QMessageBox | None = None
        self.progress = QProgressDialog(parent)
        self.progress.setWindowTitle(self.tr("Prospect reports"))
        self.progress.setLabelText(self.tr("Making the reports…"))
        self.progress.setCancelButtonText(self.tr("Cancel"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setRange(0, max(len(visit_ids), 1))
        self.progress.canceled.connect(self._stop.set)
        engine = context.engine
        data_dir = context.data_dir
        stop = self._stop

        def work(task: TaskContext) -> list[Path] | None:
            from vlot_desktop.reports.layout import ReportCancelledError
            from vlot_desktop.services.prospect_reports import make_prospect_reports

            try:
                return make_prospect_reports(
                    engine,
                    data_dir,
                    visit_ids,
                    out,
                    one_file=one_file,
                    progress=lambda done, total: task.report_progress(done, total, ""),
                    cancelled=stop.is_set,
                )
            except ReportCancelledError:
                return None

        self.handle: TaskHandle = runner.run(
            work,
            on_result=self._done,
            on_error=self._failed,
            on_progress=self._progress,
            owner=self,
            name="prospect reports",
        )

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _close_progress(self) -> None:
        self.progress.reset()
        self.progress.hide()
        self.progress.deleteLater()

    @Slot(object)
    def _done(self, files: list[Path] | None) -> None:
        self._close_progress()
        if files is not None and self._open_result:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.out)))
        self.finished.emit(files)

    @Slot(BaseException)
    def _failed(self, exc: BaseException) -> None:
        self._close_progress()
        if isinstance(exc, OSError):
            text = self.tr("The reports could not be written to %1: %2").replace(
                "%1", str(self.out)
            )
            text = text.replace("%2", exc.strerror or str(exc))
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Prospect reports"), text, parent=self._parent
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.message_box = box
            box.open()
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        self.finished.emit(None)
