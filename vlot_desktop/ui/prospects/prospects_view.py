"""The Prospecties screen: the list of prospect visits with filters, and visit mode.

The list is filtered in SQL in a worker, on every keystroke of the search field (a newer search
cancels the older one): a ``ui.ops.QueryOp`` of ``services.prospect_list``, as are the choices
of the filters. Opening a prospect (double-click, Enter or "Open") switches the screen to visit
mode once the visit is read; "Back to the list" returns with the list refreshed as soon as what
was typed is saved.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import ProspectStatus
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import enum_label, format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.models.prospect_table_model import ProspectTableModel
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner
from vlot_desktop.ui.widgets.screen import Screen, heading

if TYPE_CHECKING:  # SQLAlchemy is imported only after the window is shown.
    from vlot_desktop.db.queries.prospects import ProspectFilter, ProspectRow
    from vlot_desktop.services.prospect_list import ProspectChoices
    from vlot_desktop.ui.prospects.new_prospect_dialog import NewProspectDialog
    from vlot_desktop.ui.prospects.visit_view import VisitView

LIST_PAGE, VISIT_PAGE = 0, 1


def period_range(key: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The dates (inclusive) of a period preset of the filter."""
    if key == "30d":
        return today - dt.timedelta(days=30), today
    if key == "3m":
        return today - dt.timedelta(days=91), today
    if key == "12m":
        return today - dt.timedelta(days=365), today
    if key == "year":
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    if key == "last_year":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    if key == "future":
        return today, None
    return None, None


class ProspectsView(Screen):
    """Signals (inherited):
    loaded(): the list shows fresh rows.
    """

    key = "prospects"
    shows = frozenset(
        {
            "prospect_visit",
            "checklist_answer",
            "attachment",
            "finding",
            "prospect_participant",
            "location",
        }
    )

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self._task: TaskHandle | None = None
        self._choices: ProspectChoices | None = None
        self._choices_loading = False
        self._columns_sized = False

        self.heading = heading(self.tr("Prospects"), self)

        self.search_label = QLabel(self.tr("&Search:"), self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Name, street or municipality"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search a prospect by name or address"))
        self.search_edit.setMinimumWidth(280)
        self.search_label.setBuddy(self.search_edit)

        def combo(label: str, accessible: str, chars: int = 15) -> tuple[QLabel, QComboBox]:
            box = QComboBox(self)
            box.setAccessibleName(accessible)
            # Sized to a fixed number of characters: 285 municipality names or a long team name
            # must not widen the screen beyond a 1366-pixel laptop; the popup shows them whole.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(chars)
            text = QLabel(label, self)
            text.setBuddy(box)
            return text, box

        self.status_label, self.status_combo = combo(
            self.tr("S&tatus:"), self.tr("Filter by status")
        )
        self.team_label, self.team_combo = combo(self.tr("T&eam:"), self.tr("Filter by team"), 22)
        self.municipality_label, self.municipality_combo = combo(
            self.tr("&Municipality:"), self.tr("Filter by municipality")
        )
        self.municipality_combo.setMaxVisibleItems(20)
        self.period_label, self.period_combo = combo(
            self.tr("&Period:"), self.tr("Filter by date of the visit"), 20
        )
        self.visitor_label, self.visitor_combo = combo(
            self.tr("&Visitor:"), self.tr("Filter by visitor")
        )
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in ProspectStatus:
            self.status_combo.addItem(enum_label(ProspectStatus, status.value), status.value)
        for key, text in (
            (None, self.tr("All dates")),
            ("30d", self.tr("Last 30 days")),
            ("3m", self.tr("Last 3 months")),
            ("12m", self.tr("Last 12 months")),
            ("year", self.tr("This year")),
            ("last_year", self.tr("Last year")),
            ("future", self.tr("Planned (from today)")),
        ):
            self.period_combo.addItem(text, key)
        self.team_combo.addItem(self.tr("All teams"), None)
        self.municipality_combo.addItem(self.tr("All municipalities"), None)
        self.visitor_combo.addItem(self.tr("All visitors"), None)

        self.new_button = QPushButton(self.tr("New prospect…"), self)
        self.new_button.setToolTip(self.tr("Plan a new prospect visit (Ctrl+N)"))
        self.new_button.setMinimumHeight(34)
        self.new_button.clicked.connect(self.new_prospect)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.open_button.setToolTip(self.tr("Open the selected prospect in visit mode (Enter)"))
        self.open_button.setMinimumHeight(34)
        self.open_button.clicked.connect(self.open_selected)
        self.reports_button = QPushButton(self.tr("Reports (PDF)…"), self)
        self.reports_button.setToolTip(
            self.tr("The prospect reports of every prospect in the list, as PDF")
        )
        self.reports_button.setMinimumHeight(34)
        self.reports_button.clicked.connect(self.make_reports)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("resultCount")

        # Two rows of filters and the actions beside the title: the screen fits a 1366-pixel
        # laptop next to the navigation.
        title_row = QHBoxLayout()
        title_row.addWidget(self.heading)
        title_row.addStretch(1)
        title_row.addWidget(self.new_button)
        title_row.addWidget(self.open_button)
        title_row.addWidget(self.reports_button)
        row1 = QHBoxLayout()
        row1.setSpacing(8)
        row1.addWidget(self.search_label)
        row1.addWidget(self.search_edit, 1)
        row2 = QHBoxLayout()
        row2.setSpacing(8)
        for row, label, box in (
            (row1, self.status_label, self.status_combo),
            (row1, self.team_label, self.team_combo),
            (row2, self.municipality_label, self.municipality_combo),
            (row2, self.period_label, self.period_combo),
            (row2, self.visitor_label, self.visitor_combo),
        ):
            if row.count():
                row.addSpacing(8)
            row.addWidget(label)
            row.addWidget(box)
        row2.addStretch(1)
        filters = QVBoxLayout()
        filters.setSpacing(6)
        filters.addLayout(row1)
        filters.addLayout(row2)

        self.model = ProspectTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortLocaleAware(True)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Prospects"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ProspectTableModel.DATE_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.doubleClicked.connect(self._open_index)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, self.open_selected)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_prospect)

        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(20, 16, 20, 12)
        list_layout.setSpacing(10)
        list_layout.addLayout(title_row)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.result_label)
        list_layout.addWidget(self.table, 1)

        # Visit mode is built when first opened (it imports the database layer).
        self._visit_view: VisitView | None = None
        self.stack = QStackedWidget(self)
        self.stack.addWidget(list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.search_edit.textChanged.connect(self.apply_filter)
        for box in (
            self.status_combo,
            self.team_combo,
            self.municipality_combo,
            self.period_combo,
            self.visitor_combo,
        ):
            box.currentIndexChanged.connect(self.apply_filter)

    def make_reports(self, out: Path | None = None, one_file: bool = True) -> object:
        """Reports of the visits the list shows now (the filter), in a worker.

        Asks one-PDF-or-folder and where unless ``out`` is given; returns the running job or
        ``None`` (nothing in the list, or the user cancelled).
        """
        from vlot_desktop.ui.prospects.batch_report import BatchReportJob, BatchReportQuestion

        rows = self.model.rows()
        # In the order the user sees (the list can be sorted by any column).
        visit_ids = [
            rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()].id
            for r in range(self.proxy.rowCount())
        ]
        if not visit_ids:
            QMessageBox.information(
                self, self.tr("Prospect reports"), self.tr("There are no prospects in the list.")
            )
            return None
        if out is None:
            answer = BatchReportQuestion().ask(self, len(visit_ids))
            if answer is None:
                return None
            out, one_file = answer
        self._batch_job = BatchReportJob(
            self, self.context, self.runner, visit_ids, out, one_file=one_file
        )
        return self._batch_job

    def search_field(self) -> QLineEdit | None:
        return self.search_edit

    @property
    def is_loading(self) -> bool:
        return self._task is not None or self._choices_loading

    @property
    def visit_view(self) -> VisitView:
        if self._visit_view is None:
            from vlot_desktop.ui.prospects.visit_view import VisitView

            self._visit_view = VisitView(self.context, self.runner, self)
            self._visit_view.back_requested.connect(self.show_list)
            self._visit_view.opened.connect(self._visit_opened)
            self._visit_view.missing.connect(self._visit_missing)
            self.stack.addWidget(self._visit_view)
        return self._visit_view

    @property
    def in_visit_mode(self) -> bool:
        return self.stack.currentIndex() == VISIT_PAGE

    # -- loading -------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        """Read what the filters and the new-prospect dialog choose from, in a worker."""
        if not self.context.is_ready:
            return
        from vlot_desktop.services import prospect_list

        self._choices_loading = True
        QueryOp(
            self.context,
            lambda store: store.read(prospect_list.choices),
            success=self._fill_combos,
        ).failure(self._choices_failed).owned_by(self).latest("choices").run()

    def _choices_failed(self, exc: BaseException) -> None:
        self._choices_loading = False
        self._failed(exc)

    def _fill_combos(self, choices: ProspectChoices) -> None:
        self._choices_loading = False
        self._choices = choices
        municipalities, visitors = choices.municipalities, choices.visitors
        language = current_language()
        for box in (self.team_combo, self.municipality_combo, self.visitor_combo):
            box.blockSignals(True)
        keep_visitor = self.visitor_combo.currentData()
        while self.team_combo.count() > 1:
            self.team_combo.removeItem(1)
        for team in self.context.teams:
            if team.is_regional:
                self.team_combo.addItem(team.name(language), team.code)
        if self.municipality_combo.count() <= 1:
            for m in municipalities:
                self.municipality_combo.addItem(m.name, m.nis_code)
        while self.visitor_combo.count() > 1:
            self.visitor_combo.removeItem(1)
        for visitor in visitors:
            self.visitor_combo.addItem(visitor.name, visitor.id)
        self.visitor_combo.setCurrentIndex(max(0, self.visitor_combo.findData(keep_visitor)))
        for box in (self.team_combo, self.municipality_combo, self.visitor_combo):
            box.blockSignals(False)

    def refresh(self) -> None:
        if not self.context.is_ready:
            return
        self._load_choices()
        self.apply_filter()

    def current_filter(self) -> ProspectFilter:
        from vlot_desktop.db.queries.prospects import ProspectFilter

        date_from, date_to = period_range(self.period_combo.currentData() or "", dt.date.today())
        return ProspectFilter(
            search=self.search_edit.text(),
            status=self.status_combo.currentData(),
            team_code=self.team_combo.currentData(),
            municipality_nis=self.municipality_combo.currentData(),
            visitor_id=self.visitor_combo.currentData(),
            date_from=date_from,
            date_to=date_to,
        )

    @Slot()
    def apply_filter(self) -> None:
        """Reload the list in a worker; a newer filter cancels the one still running."""
        if not self.context.is_ready:
            return
        from vlot_desktop.services import prospect_list

        prospect_filter = self.current_filter()
        self._task = (
            QueryOp(
                self.context,
                lambda store: store.read(prospect_list.rows, prospect_filter),
                success=self._show_rows,
            )
            .failure(self._list_failed)
            .owned_by(self)
            .latest("list")
            .named("prospect list")
            .run()
        )

    def _show_rows(self, rows: list[ProspectRow]) -> None:
        self._task = None
        selected = self.selected_id()
        self.model.set_rows(rows)
        places = sum(r.estimated_places or 0 for r in rows)
        count_text = (
            self.tr("%1 prospect").replace("%1", format_int(len(rows)))
            if len(rows) == 1
            else self.tr("%1 prospects").replace("%1", format_int(len(rows)))
        )
        self.result_label.setText(
            self.tr("%1 · %2 estimated places")
            .replace("%1", count_text)
            .replace("%2", format_int(places))
        )
        self._size_columns()
        if selected is not None:
            self.select_prospect(selected)
        self.loaded.emit()

    def _list_failed(self, exc: BaseException) -> None:
        self._task = None
        self._failed(exc)

    def _failed(self, exc: BaseException) -> None:
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _size_columns(self) -> None:
        if self._columns_sized or self.model.rowCount() == 0:
            return
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        widths = {0: 30, 1: 28, 2: 20, 3: 25, 4: 11, 5: 20, 6: 10}
        for column, chars in widths.items():
            header.resizeSection(column, metrics.averageCharWidth() * chars + 16)
        header.setSectionResizeMode(ProspectTableModel.NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._columns_sized = True

    # -- selection and visit mode ----------------------------------------------------------------

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        value = rows[0].data(KEY_ROLE) if rows else None
        return str(value) if value else None

    def select_prospect(self, visit_id: str) -> bool:
        row = self.model.row_of(visit_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        value = index.data(KEY_ROLE)
        if value:
            self.open_prospect(str(value))

    @Slot()
    def open_selected(self) -> None:
        visit_id = self.selected_id()
        if visit_id is not None:
            self.open_prospect(visit_id)

    def open_prospect(self, visit_id: str) -> None:
        """Visit mode for this prospect, once it is read (``visit_view.opened``); a prospect
        that no longer exists leaves the screen on the list, re-read."""
        self.visit_view.open_visit(visit_id)

    @Slot(str)
    def _visit_opened(self, _visit_id: str) -> None:
        self.stack.setCurrentIndex(VISIT_PAGE)

    @Slot(str)
    def _visit_missing(self, _visit_id: str) -> None:
        self.apply_filter()

    @Slot()
    def show_list(self) -> None:
        self.stack.setCurrentIndex(LIST_PAGE)
        if self._visit_view is not None and self._visit_view.visit_id:
            self.select_prospect(self._visit_view.visit_id)
        self.table.setFocus()
        # The visit's writes announced themselves; the list shows them once they are in.
        saver = self._visit_view.saver if self._visit_view is not None else None
        if saver is None:
            self.refresh()
        else:
            saver.when_saved(self.refresh)

    @Slot()
    def new_prospect(self) -> None:
        if not self.context.is_ready or self.in_visit_mode:
            return
        dialog = self.new_prospect_dialog()
        if dialog is None:
            return  # the choices are still being read
        if dialog.exec() and dialog.visit_id:
            self.open_prospect(dialog.visit_id)

    def new_prospect_dialog(self) -> NewProspectDialog | None:
        """The dialog, not yet shown (``None`` while the municipalities are being read)."""
        from vlot_desktop.ui.prospects.new_prospect_dialog import NewProspectDialog

        if self._choices is None:
            return None
        settings = self.context.settings
        return NewProspectDialog(
            self.context,
            self._choices.municipalities,
            self._choices.postcodes,
            settings.user_id,
            settings.user_name,
            self,
        )
