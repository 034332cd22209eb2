"""The Synchronisatie screen: the recent sync rounds of this laptop and the change files exchanged.

The change files are read in a worker (``services.sync_file_list.rows`` through
``ui.ops.QueryOp``), after every round and whenever a change to them is announced
(docs/adding-a-screen.md); the rounds are the context's ``sync_log``.
"""

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
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.sync_history.demo_notice import DemoNotice
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner
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
    shows = frozenset({"sync_conflicts", "sync_ingested", "device", "staff_user"})

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self._task: TaskHandle | None = None
        self.heading = heading(self.tr("Synchronisation"), self)
        # Demo data on no share, or a training share: said where the user looks at the sync.
        self.demo_notice = DemoNotice(context, runner, parent=self)

        self.rounds_label = QLabel(self.tr("Recent sync rounds of this laptop"), self)
        self.rounds_model = SyncAttemptTableModel(self)
        self.rounds_table = _table(self, self.rounds_model)
        self.rounds_table.setAccessibleName(self.tr("Recent sync rounds of this laptop"))
        self.rounds_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.empty_label = QLabel(self)

        self.files_label = QLabel(self.tr("Change files exchanged with the share folder"), self)
        self.files_model = IngestedTableModel(self)
        self.files_table = _table(self, self.files_model)
        self.files_table.setAccessibleName(self.tr("Change files exchanged with the share folder"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.demo_notice)
        layout.addWidget(self.rounds_label)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.rounds_table, 1)
        layout.addWidget(self.files_label)
        layout.addWidget(self.files_table, 2)
        context.sync_logged.connect(self.refresh)
        self._show_rounds()

    def _show_rounds(self) -> None:
        self.rounds_model.set_rows(self.context.sync_log)
        self.empty_label.setText(
            self.tr("No sync yet on this laptop (F9 syncs now).")
            if not self.context.sync_log
            else ""
        )
        self.empty_label.setVisible(not self.context.sync_log)
        if self.context.sync_log:
            self.rounds_table.resizeColumnsToContents()

    @Slot()
    def refresh(self) -> None:
        self._show_rounds()
        if not self.context.is_ready:
            return
        self.demo_notice.refresh()
        from vlot_desktop.services import sync_file_list

        self._task = (
            QueryOp(
                self.context,
                lambda store: store.read(sync_file_list.rows),
                success=self._show_files,
            )
            .failure(self._failed)
            .owned_by(self)
            .latest("files")
            .named("sync log")
            .run()
        )

    @property
    def is_loading(self) -> bool:
        return self._task is not None

    def _show_files(self, rows: list[IngestedRow]) -> None:
        self._task = None
        self.files_model.set_rows(rows)
        if rows:
            self.files_table.resizeColumnsToContents()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        import sys

        self._task = None
        sys.excepthook(type(exc), exc, exc.__traceback__)
