"""The import wizard: choose a file, map its columns, check every row, then import all or none.

Each slow step (opening the file, checking all rows, importing) runs in a worker with a
progress bar and a Cancel button. Cancelling the import rolls it back: nothing is imported.
The mapping the user chose is remembered in the settings for the next file.

Checking every row is a read (``ui.ops.QueryOp``); the import is a write through
``services.location_import`` (``ui.ops.CollectionOp``), which announces what it changed.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.services.changes import IMPORT, Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations_io.export_action import ProgressBox
from vlot_desktop.ui.locations_io.preview_model import ImportPreviewModel
from vlot_desktop.ui.locations_io.problem_model import ProblemTableModel
from vlot_desktop.ui.ops import CollectionOp, QueryOp
from vlot_desktop.ui.tasks import TaskContext, TaskHandle, TaskRunner

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer

    from vlot_desktop.services.location_import import ImportSummary, SourceInfo
    from vlot_desktop.services.store import Store

FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE = range(3)
NOT_IMPORTED = ""
ERROR_STYLE = "color: #b3261e;"


def imported_changes(summary: ImportSummary) -> Changes:
    """What an import changed: nothing when it was cancelled, refused or changed no row."""
    if summary.applied and (summary.created or summary.updated):
        return Changes.of("location", "place", "organisation", "contact_person", origin=IMPORT)
    return Changes(origin=IMPORT)


class LocationImportDialog(QDialog):
    """Import locations from .xlsx or .csv.

    Signals:
        source_loaded(): the file was opened and the mapping page shows its columns.
        checked(object): the check of every row ended (the ``ImportSummary`` of a dry run).
        imported(object): the import ended and wrote data (its ``ImportSummary``).
        finished_task(): a worker step ended (loaded, checked, imported, cancelled or failed).
    """

    source_loaded = Signal()
    checked = Signal(object)
    imported = Signal(object)
    finished_task = Signal()

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self._poll: QTimer | None = None
        self.source: SourceInfo | None = None
        self.summary: ImportSummary | None = None
        self._task: TaskHandle | None = None
        self._stop = threading.Event()
        self._done = False
        self.combos: list[QComboBox] = []
        self.setWindowTitle(self.tr("Import locations"))
        self.resize(960, 640)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.hide()

        self.back_button = QPushButton(self.tr("< &Back"), self)
        self.next_button = QPushButton(self.tr("&Next >"), self)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.next_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        for button in (self.back_button, self.next_button, self.import_button, self.cancel_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        self._update_buttons()

    # -- pages -----------------------------------------------------------------------------

    def _file_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Choose an Excel (.xlsx) or CSV file with one location per row and the column "
                "titles in the first row. An export from this screen can be imported again: "
                "rows with a known ID update that location, rows without an ID become new "
                "locations. Nothing is imported until every row is correct."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.file_label = QLabel(self.tr("&File:"), page)
        self.file_edit = QLineEdit(page)
        self.file_edit.setAccessibleName(self.tr("File to import"))
        self.file_label.setBuddy(self.file_edit)
        self.browse_button = QPushButton(self.tr("&Browse…"), page)
        self.sheet_label = QLabel(self.tr("&Sheet:"), page)
        self.sheet_combo = QComboBox(page)
        self.sheet_combo.setAccessibleName(self.tr("Sheet of the workbook"))
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_label.hide()
        self.sheet_combo.hide()
        self.file_error = QLabel(page)
        self.file_error.setWordWrap(True)
        self.file_error.setStyleSheet(ERROR_STYLE)
        row = QHBoxLayout()
        row.addWidget(self.file_label)
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.browse_button)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet_combo)
        sheet_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addLayout(sheet_row)
        layout.addWidget(self.file_error)
        layout.addStretch(1)
        self.browse_button.clicked.connect(self.browse)
        self.file_edit.textChanged.connect(self._file_changed)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget(self)
        intro = QLabel(
            self.tr(
                "Which field does each column hold? The columns were recognised from their "
                "titles; change what is wrong. Columns set to \u201cDo not import\u201d are "
                "left out. Your choice is remembered for the next file."
            ),
            page,
        )
        intro.setWordWrap(True)
        self.mapping_area = QScrollArea(page)
        self.mapping_area.setWidgetResizable(True)
        self.mapping_widget = QWidget(self.mapping_area)
        self.mapping_grid = QGridLayout(self.mapping_widget)
        self.mapping_area.setWidget(self.mapping_widget)
        self.mapping_error = QLabel(page)
        self.mapping_error.setWordWrap(True)
        self.mapping_error.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.mapping_area, 1)
        layout.addWidget(self.mapping_error)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget(self)
        self.summary_label = QLabel(page)
        self.summary_label.setWordWrap(True)
        self.preview_model = ImportPreviewModel(self)
        self.preview_table = self._table(self.preview_model, self.tr("Preview of the rows"))
        self.problem_model = ProblemTableModel(self)
        self.problem_table = self._table(self.problem_model, self.tr("Problems per row"))
        self.problem_table.horizontalHeader().setStretchLastSection(True)
        self.report_button = QPushButton(self.tr("&Save report…"), page)
        self.report_button.setToolTip(self.tr("Save the problems as a CSV file"))
        preview_label = QLabel(self.tr("Rows (with problems marked):"), page)
        problems_label = QLabel(self.tr("Problems:"), page)
        top = QWidget(page)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(preview_label)
        top_layout.addWidget(self.preview_table)
        bottom = QWidget(page)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        report_row = QHBoxLayout()
        report_row.addWidget(problems_label)
        report_row.addStretch(1)
        report_row.addWidget(self.report_button)
        bottom_layout.addLayout(report_row)
        bottom_layout.addWidget(self.problem_table)
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        self.report_button.clicked.connect(self.save_report_as)
        self.problem_table.selectionModel().currentRowChanged.connect(self._show_problem_row)
        return page

    def _table(self, model: Any, name: str) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    # -- step 1: the file ------------------------------------------------------------------

    @Slot()
    def browse(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the file to import"),
            folder,
            self.tr("Excel or CSV files (*.xlsx *.csv);;All files (*)"),
        )
        if chosen:
            self.file_edit.setText(chosen)

    def set_path(self, path: Path) -> None:
        self.file_edit.setText(str(path))

    @Slot()
    def _file_changed(self) -> None:
        self.file_error.clear()
        self.sheet_combo.clear()
        self.sheet_label.hide()
        self.sheet_combo.hide()
        self.source = None
        self._update_buttons()

    @Slot()
    def _sheet_chosen(self) -> None:
        self.load_source(self.sheet_combo.currentText() or None)

    def load_source(self, sheet: str | None = None) -> None:
        """Open the file in a worker; the mapping page follows when it is readable."""
        path = Path(self.file_edit.text().strip())
        if not self.file_edit.text().strip():
            self.file_error.setText(self.tr("Choose a file first."))
            return
        stored = self.context.settings.location_import_mapping

        def work(_task: TaskContext) -> SourceInfo:
            from vlot_desktop.services.location_import import read_source, remembered_mapping

            return read_source(path, sheet=sheet, remembered=remembered_mapping(stored))

        self._start(work, self._source_ready, self.tr("Opening %1…").replace("%1", path.name))

    def _source_ready(self, source: SourceInfo) -> None:
        self._finish_task()
        self.source = source
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(source.sheet_names)
        if source.sheet:
            self.sheet_combo.setCurrentText(source.sheet)
        self.sheet_combo.blockSignals(False)
        several = len(source.sheet_names) > 1
        self.sheet_label.setVisible(several)
        self.sheet_combo.setVisible(several)
        self._fill_mapping(source)
        self.pages.setCurrentIndex(MAPPING_PAGE)
        self._check_mapping()
        self.source_loaded.emit()

    # -- step 2: the mapping ---------------------------------------------------------------

    def _fill_mapping(self, source: SourceInfo) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        from vlot_desktop.services.location_export import COLUMNS_BY_KEY, LOCATION_COLUMNS

        self.combos = []
        language = current_language()
        titles = (
            self.tr("Column in the file"),
            self.tr("Example"),
            self.tr("Field of the location"),
        )
        for position, title in enumerate(titles):
            label = QLabel(f"<b>{title}</b>", self.mapping_widget)
            self.mapping_grid.addWidget(label, 0, position)
        for index, header in enumerate(source.headers):
            shown = header or self.tr("(column %1 without a title)").replace("%1", str(index + 1))
            example = next((row[index] for row in source.examples if row[index]), "")
            header_label = QLabel(shown, self.mapping_widget)
            example_label = QLabel(example[:60], self.mapping_widget)
            example_label.setStyleSheet("color: #555;")
            combo = QComboBox(self.mapping_widget)
            combo.setAccessibleName(self.tr("Field for column %1").replace("%1", shown))
            combo.addItem(self.tr("Do not import"), NOT_IMPORTED)
            for column in LOCATION_COLUMNS:
                if not column.read_only:
                    combo.addItem(column.header(language), column.key)
            guessed = source.guessed.get(index, NOT_IMPORTED)
            position = combo.findData(guessed if guessed in COLUMNS_BY_KEY else NOT_IMPORTED)
            combo.setCurrentIndex(max(0, position))
            header_label.setBuddy(combo)
            combo.currentIndexChanged.connect(self._check_mapping)
            self.mapping_grid.addWidget(header_label, index + 1, 0)
            self.mapping_grid.addWidget(example_label, index + 1, 1)
            self.mapping_grid.addWidget(combo, index + 1, 2)
            self.combos.append(combo)
        self.mapping_grid.setColumnStretch(1, 1)
        self.mapping_grid.setRowStretch(len(source.headers) + 1, 1)

    def mapping(self) -> dict[int, str]:
        """File column index -> column key, as chosen in the dropdowns."""
        chosen: dict[int, str] = {}
        for index, combo in enumerate(self.combos):
            key = combo.currentData()
            if isinstance(key, str) and key:
                chosen[index] = key
        return chosen

    @Slot()
    def _check_mapping(self) -> None:
        """Say what is missing or chosen twice; Next works only when the mapping can work."""
        from vlot_desktop.services.location_export import COLUMNS_BY_KEY
        from vlot_desktop.services.location_import import missing_columns

        chosen = self.mapping()
        language = current_language()
        seen: dict[str, int] = {}
        twice: list[str] = []
        for key in chosen.values():
            seen[key] = seen.get(key, 0) + 1
            if seen[key] == 2:
                twice.append(COLUMNS_BY_KEY[key].header(language))
        problems = []
        if not chosen:
            problems.append(self.tr("Choose the field of at least one column."))
        elif missing := missing_columns(chosen):
            problems.append(
                self.tr("These fields have no column: %1.").replace("%1", ", ".join(missing))
            )
        if twice:
            problems.append(
                self.tr("These fields are chosen for more than one column: %1.").replace(
                    "%1", ", ".join(twice)
                )
            )
        self.mapping_error.setText(" ".join(problems))
        self._update_buttons()

    def _remember_mapping(self) -> None:
        from vlot_desktop.services.location_import import mapping_to_remember, remembered_mapping
        from vlot_desktop.settings import load_settings, save_settings

        if self.source is None:
            return
        remembered = remembered_mapping(self.context.settings.location_import_mapping)
        remembered.update(mapping_to_remember(self.source.headers, self.mapping()))
        settings = load_settings(self.context.data_dir)
        settings.location_import_mapping = remembered
        with contextlib.suppress(OSError):  # not remembering it must not stop the import
            save_settings(self.context.data_dir, settings)
        self.context.settings.location_import_mapping = remembered

    # -- step 3: check every row -----------------------------------------------------------

    def check_rows(self) -> None:
        """Check every row in a worker (nothing is written); the preview page shows the result."""
        if self.source is None:
            return
        self._remember_mapping()
        self._run_import(dry_run=True, text=self.tr("Checking the rows…"))

    def _run_import(self, *, dry_run: bool, text: str) -> None:
        """Check every row (``dry_run``: a read, nothing is written) or import them."""
        assert self.source is not None
        path, sheet, mapping = self.source.path, self.source.sheet, self.mapping()
        author = self.context.settings.user_id
        stop = self._stop
        box = ProgressBox()

        def run(store: Store) -> ImportSummary:
            from vlot_desktop.services.location_import import import_locations

            return import_locations(
                store.engine,
                path,
                mapping,
                sheet=sheet,
                author_id=author,
                dry_run=dry_run,
                on_progress=box.put,
                cancelled=stop.is_set,
            )

        self._begin(text)
        op = (
            QueryOp(self.context, run, success=self._checked)
            if dry_run
            else CollectionOp(self.context, run, changes=imported_changes, success=self._imported)
        )
        self._poll = box.watch(self, self._progress)
        self._task = op.failure(self._failed).owned_by(self).named("location import").run()
        self._update_buttons()

    def _checked(self, summary: ImportSummary) -> None:
        self._finish_task()
        if summary.cancelled:
            self.status_label.setText(self.tr("Check cancelled."))
            return
        self._show_summary(summary)
        self.pages.setCurrentIndex(PREVIEW_PAGE)
        self._update_buttons()
        self.checked.emit(summary)

    def _show_summary(self, summary: ImportSummary) -> None:
        self.summary = summary
        language = current_language()
        self.preview_model.set_preview(summary.headers, summary.preview, summary.problems, language)
        self.problem_model.set_rows(sorted(summary.problems, key=lambda p: (p.row, not p.is_error)))
        self.preview_table.resizeColumnsToContents()
        self.problem_table.resizeColumnsToContents()
        counts = (
            self.tr("%1 rows: %2 new, %3 changed, %4 unchanged.")
            .replace("%1", format_int(summary.rows))
            .replace("%2", format_int(summary.created))
            .replace("%3", format_int(summary.updated))
            .replace("%4", format_int(summary.unchanged))
        )
        if summary.has_errors:
            rows = len(summary.problem_rows)
            verdict = (
                self.tr(
                    "%1 errors in %2 rows: nothing can be imported until they are corrected "
                    "in the file."
                )
                .replace("%1", format_int(summary.error_count))
                .replace("%2", format_int(rows))
            )
            self.summary_label.setStyleSheet(ERROR_STYLE)
        elif not summary.created and not summary.updated:
            verdict = self.tr("Nothing to import: every row is the same as in VLOT Desktop.")
            self.summary_label.setStyleSheet("")
        else:
            verdict = self.tr("Every row is correct; choose Import to save them.")
            self.summary_label.setStyleSheet("")
        warnings = summary.problem_count - summary.error_count
        if warnings:
            verdict += " " + self.tr("%1 warnings (they do not stop the import).").replace(
                "%1", format_int(warnings)
            )
        self.summary_label.setText(f"{counts} {verdict}")
        self.report_button.setEnabled(bool(summary.problems))

    @Slot()
    def _show_problem_row(self) -> None:
        problem = self.problem_model.row_at(self.problem_table.currentIndex().row())
        if problem is None:
            return
        row = self.preview_model.row_of_file_row(problem.row)
        if row >= 0:
            self.preview_table.scrollTo(self.preview_model.index(row, 0))
            self.preview_table.selectRow(row)

    @Slot()
    def save_report_as(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report"),
            str(Path(folder) / "importrapport.csv"),
            self.tr("CSV, separated by semicolons (*.csv)"),
        )
        if chosen:
            self.save_report(Path(chosen))

    def save_report(self, path: Path) -> bool:
        """Write the problems (row, column, value, problem) to ``path``; says so below."""
        from vlot_desktop.services.location_import import write_report
        from vlot_desktop.spreadsheets.errors import SpreadsheetError

        if self.summary is None:
            return False
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv")
        try:
            write_report(self.summary, path, current_language())
        except SpreadsheetError as exc:
            self.status_label.setText(exc.text(current_language()))
            return False
        self.status_label.setText(self.tr("Report saved as %1.").replace("%1", str(path)))
        return True

    # -- step 4: import --------------------------------------------------------------------

    @Slot()
    def start_import(self) -> None:
        if self.summary is None or self.summary.has_errors or self._task is not None:
            return
        self._run_import(dry_run=False, text=self.tr("Importing…"))

    def _imported(self, summary: ImportSummary) -> None:
        self._finish_task()
        if summary.cancelled:
            self.status_label.setText(self.tr("Import cancelled: nothing was imported."))
            return
        if not summary.applied:
            self._show_summary(summary)
            self.status_label.setText(self.tr("Nothing was imported."))
            return
        self._done = True
        self.summary = summary
        self.status_label.setText(
            self.tr("Imported: %1 new and %2 changed locations; %3 places added, %4 removed.")
            .replace("%1", format_int(summary.created))
            .replace("%2", format_int(summary.updated))
            .replace("%3", format_int(summary.places_added))
            .replace("%4", format_int(summary.places_removed))
        )
        self._update_buttons()
        self.imported.emit(summary)  # (the other screens were told: ``imported_changes``)

    # -- navigation and workers ------------------------------------------------------------

    @Slot()
    def go_next(self) -> None:
        page = self.pages.currentIndex()
        if page == FILE_PAGE:
            self.load_source(self.sheet_combo.currentText() or None)
        elif page == MAPPING_PAGE:
            self.check_rows()

    @Slot()
    def go_back(self) -> None:
        page = self.pages.currentIndex()
        if page > FILE_PAGE and self._task is None:
            self.pages.setCurrentIndex(page - 1)
            self.status_label.clear()
            self._update_buttons()

    @Slot()
    def cancel_or_close(self) -> None:
        """Cancel the running step, or close the dialog when nothing runs."""
        if self._task is not None:
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))
            return
        if self._done:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        if self._task is not None:
            self._stop.set()  # the import rolls back; the dialog goes now
        super().reject()

    def _begin(self, text: str) -> None:
        self._stop.clear()
        self.status_label.setText(text)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.file_error.clear()

    def _start(self, work: Any, on_result: Any, text: str) -> None:
        """Opening the file (no database): a plain worker with its progress."""
        self._begin(text)
        self._task = self.runner.run(
            work,
            on_result=on_result,
            on_error=self._failed,
            on_progress=self._progress,
            owner=self,
            name="location import",
        )
        self._update_buttons()

    def _progress(self, done: int, total: int, phase: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        text = self.tr("Importing… %1 rows") if phase == "write" else self.tr("Checking… %1 rows")
        self.status_label.setText(text.replace("%1", format_int(done)))

    def _finish_task(self) -> None:
        self._task = None
        if self._poll is not None:
            self._poll.stop()
            self._poll = None
        self.progress.hide()
        self.status_label.clear()
        self.cancel_button.setEnabled(True)
        self._update_buttons()
        self.finished_task.emit()

    def _failed(self, exc: BaseException) -> None:
        from vlot_desktop.spreadsheets.errors import SpreadsheetError

        self._finish_task()
        if isinstance(exc, SpreadsheetError):
            self.file_error.setText(exc.text(current_language()))
            self.pages.setCurrentIndex(FILE_PAGE)
            self._update_buttons()
            return
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        busy = self._task is not None
        self.back_button.setEnabled(not busy and page > FILE_PAGE and not self._done)
        can_next = {
            FILE_PAGE: bool(self.file_edit.text().strip()),
            MAPPING_PAGE: not self.mapping_error.text(),
            PREVIEW_PAGE: False,
        }[page]
        self.next_button.setEnabled(not busy and can_next)
        self.next_button.setVisible(page != PREVIEW_PAGE)
        summary = self.summary
        can_import = (
            page == PREVIEW_PAGE
            and summary is not None
            and not summary.has_errors
            and bool(summary.created or summary.updated)
            and not self._done
        )
        self.import_button.setVisible(page == PREVIEW_PAGE)
        self.import_button.setEnabled(not busy and can_import)
        self.cancel_button.setText(self.tr("Close") if self._done else self.tr("Cancel"))
        self.file_edit.setEnabled(not busy)
        self.browse_button.setEnabled(not busy)


def open_import_dialog(
    parent: QWidget | None, context: AppContext, runner: TaskRunner
) -> LocationImportDialog:
    """Show the import dialog (not modal: the window keeps working); connect ``imported``."""
    dialog = LocationImportDialog(context, runner, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
