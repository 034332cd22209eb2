"""The municipalities screen: search-as-you-type, a province filter, a table and details.

Every read runs in a worker through ``ui.ops.QueryOp`` and ``services.municipality_list``
(docs/adding-a-screen.md): the filtered list on every keystroke (the newest read wins), the
figures once and whenever the records they count change, and the details of the municipality
selected.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.models.municipality_model import MunicipalityTableModel
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE
from vlot_desktop.ui.municipalities.detail_pane import MunicipalityDetailPane
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner
from vlot_desktop.ui.widgets.screen import Screen, heading

if TYPE_CHECKING:
    from vlot_desktop.db.queries.municipalities import MunicipalityCounts, MunicipalityRow
    from vlot_desktop.services.changes import Changes
    from vlot_desktop.services.municipality_list import MunicipalityShown


class MunicipalitiesView(Screen):
    """The 285 municipalities with their figures.

    The name filter is one indexed query on the municipality table, read in a worker on every
    keystroke (about a millisecond); the figures come from grouped queries over the large
    tables, computed in a worker (again on F5 and when the records they count change) and kept
    in the model.

    Signals (inherited):
        loaded(): the list or the figures are shown.
    """

    key = "municipalities"
    shows = frozenset(
        {
            "location",
            "place",
            "municipality",
            "contact_person",
            "contact_moment",
            "case_file",
            "question",
            "prospect_visit",
        }
    )

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self._counts_task: TaskHandle | None = None
        self._rows_task: TaskHandle | None = None
        self._selected_nis: str | None = None

        self.heading = heading(self.tr("Municipalities"), self)

        self.search_label = QLabel(self.tr("&Search:"), self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Part of the name, e.g. gent"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search a municipality by name"))
        self.search_edit.setMinimumWidth(260)
        self.search_label.setBuddy(self.search_edit)

        self.province_label = QLabel(self.tr("&Province:"), self)
        self.province_combo = QComboBox(self)
        self.province_combo.setAccessibleName(self.tr("Filter by province"))
        self.province_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.province_label.setBuddy(self.province_combo)
        self.province_combo.addItem(self.tr("All provinces"), None)

        self.result_label = QLabel(self)
        self.result_label.setObjectName("resultCount")

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search_label)
        filters.addWidget(self.search_edit)
        filters.addSpacing(16)
        filters.addWidget(self.province_label)
        filters.addWidget(self.province_combo)
        filters.addSpacing(16)
        filters.addWidget(self.result_label)
        filters.addStretch(1)

        self.model = MunicipalityTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortLocaleAware(True)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Municipalities"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MunicipalityTableModel.NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._columns_sized = False

        self.detail = MunicipalityDetailPane(self)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        # The list gets what the details leave (they fit in about 250 pixels).
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([10_000, 250])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.search_edit.textChanged.connect(self.apply_filter)
        self.province_combo.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.context.database_ready.connect(self._fill_provinces)

    def search_field(self) -> QLineEdit:
        return self.search_edit

    @property
    def is_loading(self) -> bool:
        return self._counts_task is not None or self._rows_task is not None

    @Slot()
    def _fill_provinces(self) -> None:
        self.province_combo.blockSignals(True)
        while self.province_combo.count() > 1:
            self.province_combo.removeItem(1)
        for province in self.context.provinces:
            self.province_combo.addItem(province.name_nl, province.code)
        self.province_combo.blockSignals(False)

    def refresh(self) -> None:
        if not self.context.is_ready:
            return
        if self.province_combo.count() <= 1:
            self._fill_provinces()
        self.apply_filter()
        from vlot_desktop.services import municipality_list

        today = dt.date.today()
        self._counts_task = (
            QueryOp(
                self.context,
                lambda store: store.read(municipality_list.counts, today),
                success=self._show_counts,
            )
            .failure(self._counts_failed)
            .owned_by(self)
            .latest("counts")
            .named("municipality counts")
            .run()
        )

    def show_changes(self, changes: Changes) -> None:
        """Records changed elsewhere: the list and figures, and the municipality shown (its
        contact persons may have changed)."""
        self.refresh()
        if self._selected_nis is not None and self.detail.detail is not None:
            self._read_detail(self._selected_nis)

    def _show_counts(self, counts: dict[str, MunicipalityCounts]) -> None:
        self._counts_task = None
        self.model.set_counts(counts)
        self._size_columns()
        if self.detail.detail is not None:
            self.detail.set_counts(self.model.counts_for(self.detail.detail.row.nis_code))
        self.loaded.emit()

    def _counts_failed(self, exc: BaseException) -> None:
        self._counts_task = None
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _rows_failed(self, exc: BaseException) -> None:
        self._rows_task = None
        self._read_failed(exc)

    def _read_failed(self, exc: BaseException) -> None:
        sys.excepthook(type(exc), exc, exc.__traceback__)

    @Slot()
    def apply_filter(self) -> None:
        """Read the list for the name and province filter in a worker (every keystroke: the
        newest read wins)."""
        if not self.context.is_ready:
            return
        from vlot_desktop.services import municipality_list

        province = self.province_combo.currentData()
        text = self.search_edit.text()
        self._rows_task = (
            QueryOp(
                self.context,
                lambda store: store.read(municipality_list.rows, text, province),
                success=self._show_rows,
            )
            .failure(self._rows_failed)
            .owned_by(self)
            .latest("rows")
            .named("municipalities")
            .run()
        )

    def _show_rows(self, rows: list[MunicipalityRow]) -> None:
        self._rows_task = None
        selected = self._selected_nis
        self.model.set_rows(rows)
        count = len(rows)
        self.result_label.setText(
            self.tr("%1 municipality").replace("%1", format_int(count))
            if count == 1
            else self.tr("%1 municipalities").replace("%1", format_int(count))
        )
        self._size_columns()
        if selected is not None and self.model.row_of(selected) >= 0:
            self.select_municipality(selected)
        elif selected is not None:
            self._show_detail(None)
        self.loaded.emit()

    def _size_columns(self) -> None:
        """Column widths from the font, once: ``resizeColumnsToContents`` would ask the model
        for every cell of 285 rows (a third of a second on the GUI thread)."""
        if self._columns_sized or self.model.rowCount() == 0:
            return
        header = self.table.horizontalHeader()
        cell = self.table.fontMetrics()
        bold = header.fontMetrics()
        padding = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMargin) + 24
        widest_number = cell.horizontalAdvance("99.999")
        for column in range(self.model.columnCount()):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(bold.horizontalAdvance(line) for line in text.split("\n")) + padding
            if self.model.is_count_column(column):
                width = max(width, widest_number + 16)
            else:
                values = self.model.column_texts(column)
                width = max(width, max((cell.horizontalAdvance(v) for v in values), default=0) + 16)
            header.resizeSection(column, width)
        # The name column takes what the others leave.
        header.setSectionResizeMode(
            MunicipalityTableModel.NAME_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        self._columns_sized = True

    def select_municipality(self, nis_code: str) -> bool:
        """Select (and show the details of) a municipality in the current list."""
        row = self.model.row_of(nis_code)
        if row < 0:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(proxy_index.row())
        self.table.scrollTo(proxy_index)
        return True

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        nis = rows[0].data(KEY_ROLE) if rows else None
        if nis == self._selected_nis and self.detail.detail is not None:
            return
        self._show_detail(nis)

    def _show_detail(self, nis_code: str | None) -> None:
        self._selected_nis = nis_code
        if nis_code is None or not self.context.is_ready:
            self.detail.show_municipality(None, None, [])
            return
        self._read_detail(nis_code)

    def _read_detail(self, nis_code: str) -> None:
        """The details and contact persons of one municipality (two indexed look-ups)."""
        from vlot_desktop.services import municipality_list

        def shown(result: MunicipalityShown) -> None:
            if self._selected_nis != nis_code:
                return  # another municipality was chosen (or none) meanwhile
            counts = self.model.counts_for(nis_code)
            self.detail.show_municipality(result.detail, counts, result.contacts)

        QueryOp(
            self.context,
            lambda store: store.read(municipality_list.shown, nis_code),
            success=shown,
        ).failure(self._read_failed).owned_by(self).latest("detail").run()
