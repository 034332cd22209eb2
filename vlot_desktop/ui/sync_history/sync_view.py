"""The Synchronisatie screen: this session's sync rounds and the change files exchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.models.roles import SORT_ROLE
from vlot_desktop.ui.models.sync_history_model import IngestedTableModel, SyncAttemptTableModel
from vlot_desktop.ui.sync_history.demo_notice import DemoNotice
from vlot_desktop.ui.tasks import TaskContext, TaskHandle, TaskRunner
from vlot_desktop.ui.widgets.screen import Screen, heading

if TYPE_CHECKING:
    from vlot_desktop.db.queries.sync import IngestedRow


def _table(parent: QWidget, model: IngestedTableModel | SyncAttemptTableModel) -> QTableView:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView(parent)
    table.setModel(proxy)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class SyncView(Screen):
    """Signals (inherited):
    loaded(): both lists are shown.
    """

    key = "sync"
    shows = frozenset({"sync_conflicts"})

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self._task: TaskHandle | None = None
        self._reload = False
        self.heading = heading(self.tr("Synchronisation"), self)
        # Demo data on no share, or a training share: said where the user looks at the sync.
        self.demo_notice = DemoNotice(context, runner, parent=self)

        self.session_label = QLabel(self.tr("Recent sync rounds of this laptop"), self)
        self.session_model = SyncAttemptTableModel(self)
        self.session_table = _table(self, self.session_model)
        self.session_table.setAccessibleName(self.tr("Recent sync rounds of this laptop"))
        self.session_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.empty_label = QLabel(self)

        self.files_label = QLabel(self.tr("Change files exchanged with the share folder"), self)
        self.files_model = IngestedTableModel(self)
        self.files_table = _table(self, self.files_model)
        self.files_table.setAccessibleName(self.tr("Change files exchanged with the share folder"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.demo_notice)
        layout.addWidget(self.session_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.session_table, 1)
        layout.addWidget(self.files_label)
        layout.addWidget(self.files_table, 2)
        context.sync_logged.connect(self.refresh)
        self._show_session()

    def _show_session(self) -> None:
        self.session_model.set_rows(self.context.sync_log)
        self.empty_label.setText(
            self.tr("No sync yet on this laptop (F9 syncs now).")
            if not self.context.sync_log
            else ""
        )
        self.empty_label.setVisible(not self.context.sync_log)
        if self.context.sync_log:
            self.session_table.resizeColumnsToContents()

    @Slot()
    def refresh(self) -> None:
        self._show_session()
        if not self.context.is_ready:
            return
        self.demo_notice.refresh()
        if self._task is not None:
            self._reload = True
            return
        engine = self.context.engine

        def work(_task: TaskContext) -> list[IngestedRow]:
            from vlot_desktop.db.queries.sync import ingested_files

            with engine.connect() as conn:
                return ingested_files(conn)

        self._task = self.runner.run(work, on_result=self._show_files, owner=self, name="sync log")
        self._task.done.connect(self._done)

    def _show_files(self, rows: list[IngestedRow]) -> None:
        self.files_model.set_rows(rows)
        if rows:
            self.files_table.resizeColumnsToContents()
        self.loaded.emit()

    @Slot()
    def _done(self) -> None:
        self._task = None
        if self._reload:
            self._reload = False
            self.refresh()
