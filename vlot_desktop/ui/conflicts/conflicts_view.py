"""The Conflicten screen: fields two people changed at the same time, and choosing a value.

Two kinds of conflict are about a whole record: one deleted on one laptop and changed later on
another, so it came back ("Behouden" or "Toch verwijderen…"), and one deleted by someone who
had not seen an edit made on another laptop, so the edit lost ("Terugzetten met de
wijziging…"). Every choice is a write that syncs, so the conflict closes on every laptop.

The list is read in a worker (``services.conflict_list`` through ``ui.ops.QueryOp``); every
choice is a ``CollectionOp`` calling one function of ``services.conflicts``
(docs/adding-a-screen.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.services.changes import EDIT, Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.models.conflict_model import ConflictItem, ConflictTableModel, make_items
from vlot_desktop.ui.models.roles import SORT_ROLE
from vlot_desktop.ui.ops import CollectionOp, QueryOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner
from vlot_desktop.ui.widgets.screen import Screen, heading

if TYPE_CHECKING:
    from vlot_desktop.db.queries.sync import ConflictRow
    from vlot_desktop.services.store import Store

log = logging.getLogger(__name__)


def offers_typed_value(item: ConflictItem) -> bool:
    """True when a third value may be typed for the conflict's field (text fields only:
    ``services.conflict_list.text_field``)."""
    from vlot_desktop.services.conflict_list import text_field

    return text_field(item.conflict.table, item.conflict.field) is not None


class ConflictsView(Screen):
    """Open conflicts from ``sync_conflicts``; a choice is a new write that syncs like any edit.

    Signals (inherited):
        loaded(): the list is shown.
    """

    key = "conflicts"
    shows = frozenset({"sync_conflicts"})

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self._load_task: TaskHandle | None = None
        # The conflict selected last: a message about it stays while the list reloads.
        self._selected_id: int | None = None

        self.heading = heading(self.tr("Conflicts"), self)
        self.explanation = QLabel(
            self.tr(
                "You and a colleague changed the same field before your laptops synchronised. "
                "For now everyone sees the value that was written last. Choose which value to "
                "keep: your colleagues get your choice at the next sync."
            ),
            self,
        )
        self.explanation.setWordWrap(True)

        self.model = ConflictTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Open conflicts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultCount")
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)

        self.keep_mine_button = QPushButton(self.tr("Keep &my value"), self)
        self.keep_mine_button.setToolTip(self.tr("Keep the value written on this laptop"))
        self.keep_theirs_button = QPushButton(self.tr("Keep &their value"), self)
        self.keep_theirs_button.setToolTip(self.tr("Take over the value of your colleague"))
        self.other_value_button = QPushButton(self.tr("&Other value…"), self)
        self.other_value_button.setToolTip(
            self.tr("Type a new value (for text fields), for example both versions combined")
        )
        self.delete_button = QPushButton(self.tr("&Delete after all…"), self)
        self.delete_button.setToolTip(
            self.tr("Delete the record again, on every laptop (the change made later is lost)")
        )
        self.delete_button.setVisible(False)
        self.delete_button.clicked.connect(self.delete_after_all)
        self.keep_button = QPushButton(self.tr("&Keep"), self)
        self.keep_button.setToolTip(
            self.tr("Keep the record as it is now, on every laptop (nothing is changed)")
        )
        self.keep_button.setVisible(False)
        self.keep_button.clicked.connect(self.keep_record)
        self.restore_button = QPushButton(self.tr("&Restore with the change…"), self)
        self.restore_button.setToolTip(
            self.tr("Bring the deleted record back with this change, on every laptop")
        )
        self.restore_button.setVisible(False)
        self.restore_button.clicked.connect(self.restore_with_change)
        self.keep_mine_button.clicked.connect(self.keep_mine)
        self.keep_theirs_button.clicked.connect(self.keep_theirs)
        self.other_value_button.clicked.connect(self.type_other_value)

        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_mine_button)
        buttons.addWidget(self.keep_theirs_button)
        buttons.addWidget(self.other_value_button)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.restore_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.message_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------------

    @property
    def is_loading(self) -> bool:
        return self._load_task is not None

    def refresh(self) -> None:
        """Read the open conflicts in a worker (a newer read drops an older one)."""
        if not self.context.is_ready:
            return
        from vlot_desktop.services import conflict_list

        self._load_task = (
            QueryOp(self.context, lambda store: store.read(conflict_list.rows), success=self._show)
            .failure(self._load_failed)
            .owned_by(self)
            .latest("list")
            .named("load conflicts")
            .run()
        )

    def _load_failed(self, exc: BaseException) -> None:
        import sys

        self._load_task = None
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _show(self, rows: list[ConflictRow]) -> None:
        self._load_task = None
        selected = self.selected_item()
        self.model.set_rows(make_items(rows, self.context.settings.device_id))
        if rows:
            self.table.resizeColumnsToContents()
            for column in range(self.proxy.columnCount()):
                if self.table.columnWidth(column) > 260:
                    self.table.setColumnWidth(column, 260)
        if selected is not None:
            self._select_id(selected.conflict.id)
        count = len(rows)
        if count == 0:
            self.count_label.setText(self.tr("No open conflicts."))
        elif count == 1:
            self.count_label.setText(self.tr("1 open conflict"))
        else:
            self.count_label.setText(self.tr("%1 open conflicts").replace("%1", str(count)))
        self._update_buttons()
        self.loaded.emit()

    # -- selection -----------------------------------------------------------------------------

    def selected_item(self) -> ConflictItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row())

    def _select_id(self, conflict_id: int) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.row_at(row)
            if item is not None and item.conflict.id == conflict_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
                return

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    @Slot()
    def _selection_changed(self) -> None:
        item = self.selected_item()
        selected = item.conflict.id if item is not None else None
        if selected != self._selected_id:
            # Another conflict: the message about the previous one goes. The same one again
            # (selected anew after the list reloaded) keeps it, e.g. why a choice failed.
            self._selected_id = selected
            self.message_label.setProperty("sticky", False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.selected_item()
        deleted_row = item is not None and item.is_deleted_row
        edited_row = item is not None and item.is_edited_row
        field_row = not deleted_row and not edited_row
        enabled = item is not None and field_row
        self.keep_mine_button.setEnabled(enabled)
        self.keep_theirs_button.setEnabled(enabled)
        self.other_value_button.setEnabled(
            enabled and item is not None and offers_typed_value(item)
        )
        self.keep_mine_button.setVisible(field_row)
        self.keep_theirs_button.setVisible(field_row)
        self.other_value_button.setVisible(field_row)
        self.delete_button.setVisible(deleted_row)
        self.delete_button.setEnabled(deleted_row)
        self.keep_button.setVisible(deleted_row)
        self.keep_button.setEnabled(deleted_row)
        self.restore_button.setVisible(edited_row)
        self.restore_button.setEnabled(edited_row)
        if self.message_label.property("sticky"):
            return
        if deleted_row:
            self.message_label.setText(
                self.tr(
                    "This record was deleted on one laptop and changed later on another, so it "
                    "was kept. Keep it, or delete it after all if it is no longer needed."
                )
            )
        elif item is not None and edited_row:
            self.message_label.setText(self.edited_explanation(item))
        else:
            self.message_label.setText("")

    def edited_explanation(self, item: ConflictItem) -> str:
        """Why an edit lost to a delete, and what the user can do about it."""
        if item.deleted_here:
            first = self.tr(
                "This record was deleted on this laptop by someone who had not seen a change "
                "made on another laptop yet."
            )
        else:
            first = self.tr(
                "This record was deleted on another laptop by someone who had not seen this "
                "change yet."
            )
        rest = self.tr(
            "The deletion comes first; you can restore the record with the change. This notice "
            "stays on every laptop until someone restores the record."
        )
        return f"{first} {rest}"

    # -- resolving -----------------------------------------------------------------------------

    @Slot()
    def keep_mine(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._resolve(item, item.mine.value)

    @Slot()
    def keep_theirs(self) -> None:
        item = self.selected_item()
        if item is not None:
            self._resolve(item, item.theirs.value)

    @Slot()
    def type_other_value(self) -> None:
        """Ask for a third value of a text field (starting from mine) and keep that."""
        from vlot_desktop.services.conflict_list import text_field

        item = self.selected_item()
        if item is None:
            return
        limits = text_field(item.conflict.table, item.conflict.field)
        if limits is None:
            return
        start = item.mine.value if isinstance(item.mine.value, str) else ""
        typed = self.ask_value(start)
        if typed is None:
            return
        value = typed.strip()
        problem = ""
        if not value and limits.required:
            problem = self.tr("This field cannot be empty: nothing was changed.")
        elif limits.max_length is not None and len(value) > limits.max_length:
            problem = self.tr("At most %1 characters: nothing was changed.").replace(
                "%1", str(limits.max_length)
            )
        if problem:
            self.message_label.setText(problem)
            self.message_label.setProperty("sticky", True)
            return
        self._resolve(item, value or None)

    def ask_value(self, start: str) -> str | None:
        """The value the user typed, or None when cancelled (a seam for tests)."""
        text, ok = QInputDialog.getText(
            self,
            self.tr("Other value"),
            self.tr("The value to keep (your colleagues get it at the next sync):"),
            QLineEdit.EchoMode.Normal,
            start,
        )
        return text if ok else None

    @Slot()
    def delete_after_all(self) -> None:
        item = self.selected_item()
        if item is None or not item.is_deleted_row or not self.confirm_delete(item):
            return
        from vlot_desktop.services.conflicts import delete_revived_record

        conflict_id = item.conflict.id
        self.delete_button.setEnabled(False)
        self._write(lambda store: delete_revived_record(store.engine, conflict_id), self._deleted)

    def confirm_delete(self, item: ConflictItem) -> bool:
        """Ask before deleting (a separate method, so tests can answer)."""
        name = item.conflict.record_name or self.tr("this record")
        answer = QMessageBox.question(
            self,
            self.tr("Delete after all"),
            self.tr(
                "Delete %1 on every laptop? The change made after the first deletion is lost."
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _deleted(self, _value: object) -> None:
        self.message_label.setText(
            self.tr("Deleted. Your colleagues' laptops delete it at the next sync.")
        )
        self.message_label.setProperty("sticky", True)
        self.refresh()

    @Slot()
    def keep_record(self) -> None:
        """Keep a record that came back after its deletion (changes no data: no question)."""
        item = self.selected_item()
        if item is None or not item.is_deleted_row:
            return
        from vlot_desktop.services.conflicts import keep_revived_record

        conflict_id = item.conflict.id
        self.keep_button.setEnabled(False)
        self.delete_button.setEnabled(False)
        self._write(lambda store: keep_revived_record(store.engine, conflict_id), self._kept)

    def _kept(self, _value: object) -> None:
        self.message_label.setText(
            self.tr("Kept. Your colleagues' laptops keep it too after the next sync.")
        )
        self.message_label.setProperty("sticky", True)
        self.refresh()

    @Slot()
    def restore_with_change(self) -> None:
        """Bring back a record deleted by someone who had not seen an edit, with that edit."""
        item = self.selected_item()
        if item is None or not item.is_edited_row or not self.confirm_restore(item):
            return
        from vlot_desktop.services.conflicts import restore_deleted_record

        conflict_id = item.conflict.id
        self.restore_button.setEnabled(False)
        self._write(lambda store: restore_deleted_record(store.engine, conflict_id), self._restored)

    def confirm_restore(self, item: ConflictItem) -> bool:
        """Ask before restoring (a separate method, so tests can answer)."""
        name = item.conflict.record_name or self.tr("this record")
        question = self.tr("Restore %1 with this change, on every laptop?").replace("%1", name)
        change = self.model.edit_text(item, "\n")
        answer = QMessageBox.question(
            self,
            self.tr("Restore with the change"),
            f"{question}\n\n{change}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _restored(self, _value: object) -> None:
        self.message_label.setText(
            self.tr(
                "Restored with the change. Your colleagues' laptops get it back at the next sync."
            )
        )
        self.message_label.setProperty("sticky", True)
        self.refresh()

    def _resolve(self, item: ConflictItem, value: Any) -> None:
        from vlot_desktop.services.conflicts import resolve_conflict

        conflict_id = item.conflict.id
        self.keep_mine_button.setEnabled(False)
        self.keep_theirs_button.setEnabled(False)
        self.other_value_button.setEnabled(False)
        self._write(
            lambda store: resolve_conflict(store.engine, conflict_id, value), self._resolved
        )

    def _write(self, write: Callable[[Store], None], done: Callable[[None], None]) -> None:
        """One choice, in a worker. Any record may have changed (a value kept, a record deleted
        or brought back): every screen re-reads what it shows; this one reads its list in
        ``done``."""
        CollectionOp(
            self.context,
            write,
            changes=Changes(everything=True, origin=EDIT, source=self.key),
            success=done,
        ).failure(self._resolve_failed).owned_by(self).run()

    def _resolved(self, _value: object) -> None:
        self.message_label.setText(
            self.tr("Saved. Your colleagues get the chosen value at the next sync.")
        )
        self.message_label.setProperty("sticky", True)
        self.refresh()

    def _resolve_failed(self, exc: BaseException) -> None:
        from vlot_desktop.services.conflicts import (
            ConflictGoneError,
            ConflictNotResolvableError,
            ParentGoneError,
            RecordInUseError,
        )

        if isinstance(exc, ConflictGoneError):
            text = self.tr("This conflict was already resolved.")
        elif isinstance(exc, RecordInUseError):
            text = self.tr(
                "This record cannot be deleted: other records refer to it. Nothing was changed."
            )
        elif isinstance(exc, ParentGoneError):
            text = self.tr(
                "This record cannot come back: it belongs to a record that was deleted too."
            )
        elif isinstance(exc, ConflictNotResolvableError):
            text = self.tr(
                "This conflict changed in the meantime (the list is up to date again). Nothing "
                "was changed."
            )
        else:
            log.error("resolving a conflict failed", exc_info=exc)
            text = self.tr("The choice could not be saved: %1").replace("%1", str(exc))
        self.message_label.setText(text)
        # It stays when the list reloads (the conflict is selected again).
        self.message_label.setProperty("sticky", True)
        self.refresh()
