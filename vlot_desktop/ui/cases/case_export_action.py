"""'Exporteren…' on the Dossiers screen: the filtered list to .xlsx or .csv, in a worker.

Health needs go into the file only when the user says yes to the explicit question (default
no); the export is then recorded as a viewing of every exported case (services.case_export).
Without them the export only reads (``ui.ops.QueryOp``); with them it writes the viewings too
(``CollectionOp``, which announces them). Closing the window stops it.

The screen hands the exporter what it needs (its context, and how to read the list's filter
and order), so this module does not import the screen that imports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.ops import CollectionOp, QueryOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseFilter, CaseSort
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.context import AppContext
    from vlot_desktop.ui.tasks import TaskHandle


class CaseExporter(QObject):
    """Signals:
    done(str): the export ended; the text says how (also shown to the user).
    """

    done = Signal(str)

    def __init__(
        self,
        view: QWidget,
        context: AppContext,
        current_filter: Callable[[], CaseFilter],
        current_sort: Callable[[], tuple[CaseSort, bool]],
    ) -> None:
        """``view``: the screen (the dialogs' parent); ``current_filter`` and ``current_sort``
        read the list's filter and its order (sort, descending) when the export starts."""
        super().__init__(view)
        self.view = view
        self.context = context
        self.current_filter = current_filter
        self.current_sort = current_sort

    def start(self) -> None:
        """Ask for the file and the sensitive-data choice, then export in a worker."""
        path = self.ask_path()
        if path is None:
            return
        include_sensitive = self.ask_sensitive()
        case_filter = self.current_filter()
        sort, descending = self.current_sort()
        user_id = self.context.settings.user_id
        # The handle of the running export: cancelled (the window closing), it stops.
        running: list[TaskHandle] = []

        def export(store: Store) -> int:
            from vlot_desktop.services.case_export import export_cases

            return export_cases(
                store.engine,
                case_filter,
                path,
                include_sensitive=include_sensitive,
                user_id=user_id,
                sort=sort,
                descending=descending,
                on_progress=lambda _count: bool(running) and running[0].cancelled,
            )

        def done(count: int) -> None:
            self._finished(path, count, include_sensitive)

        op: QueryOp[int] | CollectionOp[int] = (
            CollectionOp(
                self.context, export, changes=Changes.of("sensitive_data_access"), success=done
            )
            if include_sensitive
            else QueryOp(self.context, export, success=done)
        )
        running.append(op.failure(self._failed).owned_by(self).named("export cases").run())

    def ask_path(self) -> Path | None:
        """The file to write (a seam for tests)."""
        suggested = f"dossiers-{dt.date.today().isoformat()}.xlsx"
        name, _filter = QFileDialog.getSaveFileName(
            self.view,
            self.tr("Export cases"),
            suggested,
            self.tr("Excel workbook (*.xlsx);;CSV for Excel (*.csv)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() in (".xlsx", ".csv") else path.with_suffix(".xlsx")

    def ask_sensitive(self) -> bool:
        """Whether the health needs go into the file (a seam for tests; default no)."""
        answer = QMessageBox.question(
            self.view,
            self.tr("Export cases"),
            self.tr(
                "Also export the health needs (how many people per household need mobility or "
                "medical care)? These are sensitive data: the export is then recorded as a "
                "viewing of every exported case. Choose No if the list does not need them."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _finished(self, path: Path, count: int, sensitive: bool) -> None:
        text = (
            self.tr("%1 cases exported to %2.")
            .replace("%1", format_int(count))
            .replace("%2", path.name)
        )
        if sensitive:
            text += " " + self.tr("The health needs are in the file; the viewing is recorded.")
        self._tell(text)

    def _failed(self, exc: BaseException) -> None:
        from vlot_desktop.spreadsheets.errors import SpreadsheetError

        if isinstance(exc, SpreadsheetError):
            text = exc.text("nl" if self.context.settings.language == "nl" else "en")
        else:
            text = self.tr("The cases could not be exported: %1").replace("%1", str(exc))
        self._tell(text)

    def _tell(self, text: str) -> None:
        self.done.emit(text)
        self.inform(text)

    def inform(self, text: str) -> None:
        """Show the outcome (a seam for tests)."""
        parent: QWidget = self.view
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Export cases"), text, parent=parent
        )
        box.open()
