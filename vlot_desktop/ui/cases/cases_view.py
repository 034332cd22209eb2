"""The Dossiers screen: filters, the paged case list with its count, and the detail pane.

Every keystroke in the search field and every filter change reads the first page (200 cases)
and the total in a worker (``ui.ops``, through the list's ``PagedList``): the newest read wins,
older ones are dropped. Scrolling to the end of the list, or "Meer laden", reads the next page,
also in a worker. Sorting happens in SQL: a click on a header re-reads the first page in the new
order. Changes announced by other screens or a sync re-read the list and the case shown.

For other parts of the application (issue 6: matching and privacy): ``case_selected`` says which
case the detail pane shows, ``detail.tabs`` and ``detail.actions_menu`` take more tabs and
actions, and ``reload_case()`` shows the current case afresh after a change made elsewhere.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.cases.case_export_action import CaseExporter
from vlot_desktop.ui.cases.case_list_model import COLUMNS, SORTS, CaseColumn, CaseListModel
from vlot_desktop.ui.cases.detail_pane import CaseDetailPane
from vlot_desktop.ui.cases.filter_bar import CaseFilterBar
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.models.paged_model import PagedList
from vlot_desktop.ui.models.roles import KEY_ROLE
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskRunner
from vlot_desktop.ui.widgets.screen import Screen, heading

if TYPE_CHECKING:  # SQLAlchemy is imported only once the database opens
    from vlot_desktop.db.queries.cases import CaseFilter, CaseRow, CaseSort
    from vlot_desktop.services.case_list import CaseChoices
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.cases.new_case_dialog import NewCaseDialog


class CasesView(Screen):
    """Attributes:
    detail: the detail pane (``CaseDetailPane``: ``tabs``, ``actions_menu``).

    Signals:
        case_selected(object): the id of the case the detail pane now shows (``None``: none).
        loaded() (inherited): the list shows the current filter.
    """

    key = "cases"
    shows = frozenset(
        {"case_file", "household_member", "case_event", "staff_user", "place", "location"}
    )
    case_selected = Signal(object)

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self._choices_loaded = False
        self._selected_id: str | None = None
        self._choices_loading = False
        self._teams: list[tuple[str, str]] = []
        self._municipalities: list[tuple[str, str]] = []
        self._municipality_teams: dict[str, str] = {}

        self.heading = heading(self.tr("Cases"), self)
        self.new_button = QPushButton(self.tr("&New case…"), self)
        self.new_button.setToolTip(self.tr("Open a new case (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_case)
        # Window-wide, as on the Prospecties screen: only the visible screen's shortcut is live.
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_case)
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.heading)
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.new_button)

        self.filters = CaseFilterBar(self)
        self.search_edit = self.filters.search_edit

        self.model = CaseListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(COLUMNS.index(CaseColumn.DEADLINE), Qt.SortOrder.AscendingOrder)
        self._size_columns()

        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultCount")
        self.more_button = QPushButton(self.tr("&Load more"), self)
        self.more_button.setToolTip(self.tr("Show the next 200 cases of the list"))
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.more_button)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(count_row)

        self.detail = CaseDetailPane(context, self.runner, self)
        self.detail.setMinimumWidth(400)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([700, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(8)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)

        self.filters.changed.connect(self.apply_filter)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.pages: PagedList[CaseRow] = PagedList(context, self.model)
        self.pages.loaded.connect(self._first_page_shown)
        self.pages.failed.connect(self._failed)
        self.model.rowsInserted.connect(self._more_shown)
        self.model.more_requested.connect(lambda: self.more_button.setEnabled(False))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.changed.connect(self._case_changed)
        self.detail.case_shown.connect(self.case_selected)
        self._add_case_actions()

    def _add_case_actions(self) -> None:
        """Matching ("Plaatsen zoeken" tab), the case's PDFs and privacy actions ("Acties"),
        and the team's weekly agenda and the retention period (toolbar): ``ui.case_actions``."""
        from vlot_desktop.ui.case_actions import (
            MatchingPanel,
            agenda_action,
            case_actions,
            retention_action,
        )

        self.matching = MatchingPanel(self.context, self.runner, self)
        self.matching_tab = self.detail.tabs.addTab(self.matching, self.tr("&Find places"))
        self._matching_case: str | None = None
        self._list_sizes: list[int] | None = None
        self.detail.tabs.currentChanged.connect(self._tab_changed)
        self.case_selected.connect(self._case_selected)
        self.matching.assigned.connect(self._placed)
        self.case_action_list = case_actions(
            self.context,
            self.runner,
            self,
            lambda: self.current_case_id,
            on_changed=lambda _case_id: self.reload_case(),
        )
        for action in self.case_action_list:
            action.setEnabled(False)
            self.detail.actions_menu.addAction(action)
        self.exporter = CaseExporter(self, self.context, self.current_filter, self.current_sort)
        self.export_button = QPushButton(self.tr("&Export…"), self)
        self.export_button.setToolTip(
            self.tr("Export the cases of the list to Excel or CSV (health needs only if chosen)")
        )
        self.export_button.clicked.connect(self.export_cases)
        self.toolbar.insertWidget(self.toolbar.count() - 1, self.export_button)
        self.agenda_action = agenda_action(self.context, self.runner, self)
        self.retention_action = retention_action(self.context, self.runner, self)
        for action in (self.agenda_action, self.retention_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.toolbar.insertWidget(self.toolbar.count() - 1, button)

    @Slot(object)
    def _case_selected(self, case_id: object) -> None:
        for action in self.case_action_list:
            action.setEnabled(case_id is not None)
        self._update_matching()

    @Slot(int)
    def _tab_changed(self, _index: int) -> None:
        """The places table needs room: the pane grows while "Plaatsen zoeken" is open."""
        matching = self.detail.tabs.currentWidget() is self.matching
        if matching and self._list_sizes is None:
            self._list_sizes = self.splitter.sizes()
            total = sum(self._list_sizes)
            wide = min(760, total - 360)
            if wide > self._list_sizes[1]:
                self.splitter.setSizes([total - wide, wide])
        elif not matching and self._list_sizes is not None:
            self.splitter.setSizes(self._list_sizes)
            self._list_sizes = None
        self._update_matching()

    @Slot()
    def _update_matching(self) -> None:
        """Look for places only while the tab is open: a search costs up to ~0.1 s."""
        if self.detail.tabs.currentWidget() is not self.matching:
            return
        if self._matching_case != self.current_case_id or self.current_case_id is None:
            self._matching_case = self.current_case_id
            self.matching.set_case(self.current_case_id)

    @Slot(str)
    def _placed(self, case_id: str) -> None:
        """A place was assigned: the case's status and timeline changed."""
        if case_id == self.current_case_id:
            self.reload_case()

    # -- for the rest of the application -----------------------------------------------------

    def search_field(self) -> QLineEdit:
        return self.search_edit

    @property
    def tabs(self) -> QTabWidget:
        """The detail pane's tabs (Gegevens, Gezin, Tijdlijn), for more tabs."""
        return self.detail.tabs

    @property
    def actions_menu(self) -> QMenu:
        """The "Acties" menu of the detail header (its button shows once it has actions)."""
        return self.detail.actions_menu

    @property
    def current_case_id(self) -> str | None:
        """The case the detail pane shows."""
        return self.detail.case_id

    def reload_case(self) -> None:
        """Show the current case afresh, in the pane and in its list line (e.g. after a place
        was assigned to it from elsewhere)."""
        self.detail.reload_case()
        if self.detail.case_id is not None:
            self._update_rows([self.detail.case_id])

    def current_filter(self) -> CaseFilter:
        return self.filters.case_filter(self.context.settings.user_id, dt.date.today())

    def current_sort(self) -> tuple[CaseSort, bool]:
        """The list's order: (sort, descending)."""
        from vlot_desktop.db.queries.cases import CaseSort

        return CaseSort(self.model.sort_key), self.model.descending

    @Slot()
    def export_cases(self) -> None:
        """'Exporteren…': the filtered list to .xlsx or .csv (health needs only if chosen)."""
        self.exporter.start()

    def refresh(self) -> None:
        """Re-read the list and the case shown (after a sync, F5)."""
        if not self.context.is_ready:
            return
        self._load_choices()
        self.apply_filter()
        self.detail.reload_case()

    def show_changes(self, changes: Changes) -> None:
        """Cases changed elsewhere. Named cases that the list shows (a placement, an erasure
        in this window) get their lines re-read where they are, so the case the user works on
        stays in view; anything wider (a sync, an import) re-reads the list. The case shown is
        read again (what is typed in the pane is saved first)."""
        shown = [i for i in changes.ids if self.model.row_of(i) >= 0]
        if changes.everything or not changes.ids or len(shown) < len(changes.ids):
            self._load_choices()  # colleagues (staff) arrive by sync
            self.apply_filter()
        else:
            self._update_rows(shown)
        if changes.names(self.detail.case_id):
            self.detail.reload_case()

    # -- loading -------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        if self._choices_loading:
            return
        from vlot_desktop.services import case_list

        language = current_language()
        self._teams = [(t.code, t.name(language)) for t in self.context.teams]
        self.model.set_team_names(
            {t.code: t.province_name or t.name(language) for t in self.context.teams}
        )
        self._choices_loading = True
        QueryOp(
            self.context,
            lambda store: store.read(case_list.choices),
            success=self._choices_read,
        ).failure(self._choices_failed).owned_by(self).latest("choices").run()

    def _choices_read(self, choices: CaseChoices) -> None:
        self._choices_loading = False
        self._municipalities = choices.municipalities
        self._municipality_teams = choices.municipality_teams
        self.filters.fill(self._teams, self._municipalities)
        self.filters.set_user(self.context.settings.user_id)
        self.detail.set_choices(self._teams, self._municipalities, choices.staff)
        self._choices_loaded = True

    def _choices_failed(self, exc: BaseException) -> None:
        self._choices_loading = False
        self._failed(exc)

    @property
    def is_loading(self) -> bool:
        """True while the first page or the choices are being read."""
        return self.pages.is_loading or self._choices_loading

    @Slot()
    def apply_filter(self) -> None:
        """Read the first page and the total for the current filter, in a worker."""
        if not self.context.is_ready:
            return
        from vlot_desktop.services import case_list

        self.more_button.setEnabled(True)
        case_filter = self.current_filter()

        def first(store: Store, sort: str, descending: bool, limit: int) -> object:
            return store.read(case_list.first_page, case_filter, sort, descending, limit)

        def page(store: Store, sort: str, descending: bool, offset: int, limit: int) -> object:
            return store.read(case_list.next_page, case_filter, sort, descending, offset, limit)

        self.pages.show(first, page)  # type: ignore[arg-type]

    @Slot(object)
    def _first_page_shown(self, _summary: object) -> None:
        self.more_button.setEnabled(True)
        self._show_count()
        self._reselect()
        self.loaded.emit()

    @Slot()
    def load_more(self) -> None:
        """ "Meer laden": the next page (as scrolling to the end does)."""
        self.model.fetchMore()

    def _more_shown(self) -> None:
        self.more_button.setEnabled(True)
        self._show_count()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.more_button.setEnabled(True)
        from vlot_desktop.ui.errors import show_read_error

        show_read_error(self, exc)

    def _show_count(self) -> None:
        total = self.model.total
        text = (
            self.tr("1 case")
            if total == 1
            else self.tr("%1 cases").replace("%1", format_int(total))
        )
        if self.model.has_more:
            text = (
                self.tr("%1 · %2 shown")
                .replace("%1", text)
                .replace("%2", format_int(self.model.loaded_count))
            )
        self.count_label.setText(text)
        self.more_button.setVisible(self.model.has_more)

    def _size_columns(self) -> None:
        """Widths from the font (never from the cells: that would read every row)."""
        header = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        samples = {
            CaseColumn.REFERENCE: "HH-2026-K7MX-0042",
            CaseColumn.CONTACT: "Olena Kovalenko (Олена Ковален",
            CaseColumn.TYPE: "Kwetsbaar profiel",
            CaseColumn.STATUS: "Oplossing gevonden",
            CaseColumn.DEADLINE: "26/11/2026 (binnenkort)",
            CaseColumn.MUNICIPALITY: "Merelbeke-Melle",
            CaseColumn.TEAM: "Oost-Vlaanderen",
            CaseColumn.ASSIGNED: "Jan Goossens",
            CaseColumn.HOUSEHOLD: "Personen",
        }
        for column, key in enumerate(COLUMNS):
            header.resizeSection(column, fm.horizontalAdvance(samples[key]) + 16)

    # -- sorting and selection -------------------------------------------------------------------

    @Slot(int, Qt.SortOrder)
    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        key = COLUMNS[column] if 0 <= column < len(COLUMNS) else ""
        if key not in SORTS:
            # The contact name cannot be sorted on in SQL: keep the current order.
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(
                self.model.sort_column(),
                Qt.SortOrder.DescendingOrder
                if self.model.descending
                else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)
            return
        self.model.sort(column, order)

    def _reselect(self) -> None:
        if self._selected_id is None:
            return
        row = self.model.row_of(self._selected_id)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        selection.blockSignals(False)
        self.table.viewport().update()

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        case_id = str(rows[0].data(KEY_ROLE))
        if case_id == self._selected_id and self.detail.case_id == case_id:
            return
        self._selected_id = case_id
        self.detail.show_case(case_id)

    def select_case(self, case_id: str) -> bool:
        """Select a case in the list and show it; False when the list (filter) does not show it
        (the pane shows it all the same)."""
        row = self.model.row_of(case_id)
        if row < 0:
            self.open_case(case_id)
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def open_case(self, case_id: str) -> None:
        """Show a case in the detail pane, whether or not the filter lists it."""
        self._selected_id = case_id
        self.detail.show_case(case_id)
        self._reselect()

    # -- changes ---------------------------------------------------------------------------------

    @Slot(str)
    def _case_changed(self, case_id: str) -> None:
        """A change in the pane: update its line in the list (not the whole list), and tell
        the other screens."""
        self._update_rows([case_id])
        self.context.announce(
            Changes.of(
                "case_file", "household_member", "case_event", ids=[case_id], source=self.key
            )
        )

    def _update_rows(self, case_ids: list[str]) -> None:
        from vlot_desktop.services import case_list

        today = dt.date.today()

        def show(rows: list[CaseRow]) -> None:
            for row in rows:
                self.model.update_row(row)

        QueryOp(
            self.context,
            lambda store: store.read(case_list.lines, case_ids, today),
            success=show,
        ).failure(self._failed).owned_by(self).latest("line").run()

    @Slot()
    def new_case(self) -> str | None:
        """The "Nieuw dossier" dialog; the new case is then shown (and selected if listed)."""
        dialog = self.new_case_dialog()
        if dialog is None:
            return None
        try:
            if not dialog.exec() or dialog.case_id is None:
                return None
            case_id: str = dialog.case_id
        finally:
            dialog.deleteLater()
        self.context.announce(
            Changes.of("case_file", "household_member", ids=[case_id], source=self.key)
        )
        self.open_case(case_id)
        self.apply_filter()
        return case_id

    def new_case_dialog(self) -> NewCaseDialog | None:
        """The dialog, not yet shown (``None`` before the database is open)."""
        from vlot_desktop.ui.cases.new_case_dialog import NewCaseDialog

        if not self.context.is_ready or not self._choices_loaded:
            return None
        return NewCaseDialog(
            self.context, self._teams, self._municipalities, self._municipality_teams, self
        )
