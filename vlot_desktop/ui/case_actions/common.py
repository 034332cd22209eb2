"""What the case actions share: opening a file, asking for confirmation, a path field, and a
small dialog that runs its work in a worker (``ui.ops``: ``run_read`` for a read,
``run_write`` for a write, which announces what it changed).

``open_in_viewer`` and ``ask_confirmation`` are looked up on this module at call time, so a
test replaces them here (``monkeypatch.setattr(common, "ask_confirmation", ...)``) and no
viewer or modal box ever opens in the test run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.ops import CollectionOp, QueryOp
from vlot_desktop.ui.tasks import TaskContext, TaskHandle, TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.services.changes import Changes
    from vlot_desktop.services.store import Store

ERROR_STYLE = "color: #b00020;"
DONE_STYLE = "color: #1b5e20;"

FileOpener = Callable[[Path], None]


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


def open_in_viewer(path: Path) -> None:
    """Open ``path`` in the system's viewer (a PDF reader, the file manager for a folder)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def default_opener(path: Path) -> None:
    """Calls :func:`open_in_viewer` (a module global, looked up now: a test may replace it)."""
    open_in_viewer(path)


def ask_confirmation(
    parent: QWidget | None, title: str, text: str, detail: str, accept_text: str
) -> bool:
    """A warning box with ``accept_text`` and Cancel (the default); True when accepted."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setInformativeText(detail)
    accept = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def confirm(parent: QWidget | None, title: str, text: str, detail: str, accept_text: str) -> bool:
    """:func:`ask_confirmation`, looked up on this module at call time (see module doc)."""
    return bool(ask_confirmation(parent, title, text, detail, accept_text))


def pdf_path(text: str) -> Path | None:
    """The typed file name as a ``.pdf`` path; ``None`` when nothing was typed."""
    text = text.strip()
    if not text:
        return None
    path = Path(text).expanduser()
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def file_error_text(exc: OSError, path: Path) -> str:
    return (
        QCoreApplication.translate("CaseActions", "%1 could not be written: %2")
        .replace("%1", str(path))
        .replace("%2", exc.strerror or str(exc))
    )


class PathField(QWidget):
    """A line edit with a file (or folder) name and a "Browse…" button."""

    def __init__(
        self, accessible_name: str, default: Path, *, folder: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self.edit = QLineEdit(str(default), self)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setMinimumWidth(360)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.setAccessibleName(self.tr("Choose with a file dialog"))
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse_button)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    @Slot()
    def browse(self) -> None:
        current = self.edit.text().strip() or str(documents_folder())
        if self._folder:
            chosen = QFileDialog.getExistingDirectory(self, self.edit.accessibleName(), current)
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.edit.accessibleName(), current, self.tr("PDF (*.pdf)")
            )
        if chosen:
            self.edit.setText(chosen)


class JobDialog(QDialog):
    """A small dialog: a form, then its work in a worker, the outcome shown in the dialog.

    Subclasses fill ``form``, implement ``start()`` (check the input, then ``run_read`` or
    ``run_write``) and ``job_done(result)``. While the work runs, the form and both buttons
    are disabled (the work writes a file or the database; stopping halfway is not offered).

    Signals:
        succeeded(object): the work's result, after ``job_done``.
    """

    succeeded = Signal(object)

    # Each dialog defines these two (checked when the subclass is made, not at a click):
    start: Callable[[], None]  # check the input, then ``run_read`` or ``run_write``
    job_done: Callable[[Any], None]  # show the outcome of the work

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        missing = [name for name in ("start", "job_done") if not callable(getattr(cls, name, None))]
        if missing:
            raise TypeError(f"{cls.__name__} must define {', '.join(missing)}")

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        parent: QWidget | None,
        title: str,
        ok_text: str,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self.handle: TaskHandle | None = None
        self.setWindowTitle(title)
        self.form_widget = QWidget(self)
        self.form = QFormLayout(self.form_widget)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addWidget(self.form_widget)
        self.main_layout.addWidget(self.status)
        self.main_layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

    @property
    def busy(self) -> bool:
        return self.handle is not None and not self.handle.is_finished

    def show_status(self, text: str, *, error: bool = False, done: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else DONE_STYLE if done else "")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def error_text(self, exc: BaseException) -> str | None:
        """The Dutch message for an error the user can act on; ``None``: a bug (crash dialog)."""
        return None

    def run_read(self, op: Callable[[Store], Any], busy_text: str) -> None:
        """``op(store)`` in a worker (``QueryOp``): work that reads the database, e.g. a PDF
        made from it; its result goes to ``job_done``."""
        self._set_busy(True)
        self.show_status(busy_text)
        self.handle = (
            QueryOp(self.context, op, success=self._job_done)
            .failure(self._job_failed)
            .owned_by(self)
            .named(type(self).__name__)
            .run()
        )

    def run_write(
        self,
        op: Callable[[Store], Any],
        busy_text: str,
        *,
        changes: Changes | Callable[[Any], Changes],
    ) -> None:
        """``op(store)`` in a worker (``CollectionOp``): work that writes the database (e.g.
        records a viewing); ``changes`` is announced, then the result goes to ``job_done``."""
        self._set_busy(True)
        self.show_status(busy_text)
        self.handle = (
            CollectionOp(self.context, op, changes=changes, success=self._job_done)
            .failure(self._job_failed)
            .owned_by(self)
            .named(type(self).__name__)
            .run()
        )

    def run_job(self, work: Callable[[TaskContext], Any], busy_text: str) -> None:
        """``work(task)`` in a worker: for work that does not touch the database (reads and
        writes use ``run_read`` and ``run_write``)."""
        self._set_busy(True)
        self.show_status(busy_text)
        self.handle = self.runner.run(
            work, on_result=self._job_done, on_error=self._job_failed, owner=self
        )

    def _set_busy(self, busy: bool) -> None:
        self.form_widget.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    def _job_done(self, result: Any) -> None:
        self._set_busy(False)
        self.job_done(result)
        self.succeeded.emit(result)

    def _job_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        text = self.error_text(exc)
        if text is None:
            self.show_status("")
            sys.excepthook(type(exc), exc, exc.__traceback__)
        else:
            self.show_status(text, error=True)

    def reject(self) -> None:
        if not self.busy:  # the work writes: let it finish (it takes seconds at most)
            super().reject()
