"""The Gezin tab: the household's members, adding, editing and removing one, and the health
fields behind "Gevoelige gegevens tonen".

Revealing first records the viewing (``services.cases.record_sensitive_access``: who, when,
which case) and only then reads the health fields. They stay visible while the same case is
shown (an edit reloads them without a new record) and are hidden again when another case is
chosen or the user leaves the screen.

The pane reads the household (``services.case_detail``); the viewing is recorded and a member
removed in a worker (``ui.ops.CollectionOp``, which announces it), and the health fields are
read in one (``QueryOp``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.cases.field_messages import message_label, show_problem, show_text, shown_text
from vlot_desktop.ui.cases.household_model import HouseholdModel, latin_name
from vlot_desktop.ui.cases.member_dialog import MemberDialog
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.locations.small_table import small_table
from vlot_desktop.ui.ops import CollectionOp, QueryOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail, MemberRow, SensitiveMemberData
    from vlot_desktop.domain.location_rules import Problem


class HouseholdPanel(QWidget):
    """Signals:
    changed(str): the household of this case (id) changed.

    Attributes:
        open_dialog: how a member dialog is shown (``exec``); tests replace it.
        confirm_removal: asks whether to remove a member (name) -> bool; tests replace it.
    """

    changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id: str | None = None
        self.erased = False
        # Counts the reveals and hides: a reading of the health fields that arrives after the
        # user hid them (or chose another case) is dropped.
        self._viewing = 0
        # The member to select once the household is shown again (after an add or an edit).
        self._select_next: str | None = None
        self.open_dialog: Callable[[MemberDialog], int] = MemberDialog.exec
        self.confirm_removal: Callable[[str], bool] = self._ask_removal

        self.model = HouseholdModel(self)
        self.table = small_table(self, self.model, self.tr("Household members"))
        self.table.doubleClicked.connect(self._double_clicked)
        # Two-line names, and health notes wrapped in a column of fixed width: the pane is
        # narrow, rows may grow but the table should not need scrolling sideways for them.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        column = HouseholdModel.HEALTH_COLUMN
        caption = str(self.model.headerData(column, Qt.Orientation.Horizontal))
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(
            column,
            max(
                self.fontMetrics().horizontalAdvance("beperkte mobiliteit"),
                header.fontMetrics().horizontalAdvance(caption),
            )
            + 16,
        )
        self.add_button = QPushButton(self.tr("&Add member…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.reveal_button = QPushButton(self.tr("Show sensitive data"), self)
        self.reveal_button.setToolTip(
            self.tr("Shows the health fields; who looks at them, and when, is recorded")
        )
        self.privacy_note = QLabel(self)
        self.privacy_note.setWordWrap(True)
        self.message = message_label(self)
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reveal_button.clicked.connect(self.toggle_sensitive)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        reveal = QHBoxLayout()
        reveal.addWidget(self.privacy_note, 1)
        reveal.addWidget(self.reveal_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addLayout(reveal)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._show_privacy_state()

    # -- showing ---------------------------------------------------------------------------

    def show_detail(self, detail: CaseDetail | None) -> None:
        """Show the household of ``detail``; another case hides the health fields again."""
        new_case = detail is None or detail.id != self.case_id
        selected = self.selected_member()
        self.case_id = detail.id if detail is not None else None
        self.erased = detail is not None and detail.personal_data_erased_on is not None
        show_problem(self.message, None)
        self.model.set_rows(detail.members if detail is not None else [])
        if new_case or detail is None:
            self._select_next = None
            self.hide_sensitive()
        elif self.model.revealed:
            self._read_sensitive()  # the same viewing: reloaded after an edit, not recorded again
        wanted, self._select_next = self._select_next, None
        chosen = wanted is not None and self.select_member(wanted)
        if not new_case and not chosen and selected is not None:
            self.select_member(selected.id)
        self._update_buttons()
        self._show_privacy_state()

    def _show_privacy_state(self) -> None:
        if self.model.revealed:
            self.privacy_note.setText(
                self.tr("The health fields are shown; your viewing was recorded.")
            )
            self.reveal_button.setText(self.tr("Hide sensitive data"))
        else:
            self.privacy_note.setText(
                self.tr("Health fields are hidden. Showing them is recorded (who, when).")
            )
            self.reveal_button.setText(self.tr("Show sensitive data"))
        self.reveal_button.setEnabled(self.case_id is not None and not self.erased)

    @Slot()
    def _update_buttons(self) -> None:
        has_case = self.case_id is not None and not self.erased
        has_selection = self.selected_member() is not None
        self.add_button.setEnabled(has_case)
        self.edit_button.setEnabled(has_case and has_selection)
        self.remove_button.setEnabled(has_case and has_selection)

    def selected_member(self) -> MemberRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_member(self, member_id: str) -> bool:
        for number in range(self.model.rowCount()):
            row = self.model.row_at(number)
            if row is not None and row.id == member_id:
                self.table.selectRow(number)
                return True
        return False

    # -- sensitive fields ------------------------------------------------------------------

    @Slot()
    def toggle_sensitive(self) -> None:
        if self.model.revealed:
            self.hide_sensitive()
        else:
            self.reveal_sensitive()

    def reveal_sensitive(self) -> bool:
        """Record the viewing, then show the health fields (both in a worker); True when
        started."""
        from vlot_desktop.services.cases import record_sensitive_access

        case_id = self.case_id
        if case_id is None or self.erased:
            return False
        self._viewing += 1
        viewing = self._viewing
        user_id = self.context.settings.user_id
        self.reveal_button.setEnabled(False)
        CollectionOp(
            self.context,
            lambda store: record_sensitive_access(store.engine, case_id, user_id=user_id),
            changes=Changes.of("sensitive_data_access", ids=[case_id]),
            success=lambda _id: self._recorded(case_id, viewing),
        ).failure(lambda exc: self._reveal_failed(case_id, exc)).owned_by(self).run()
        return True

    def _recorded(self, case_id: str, viewing: int) -> None:
        if case_id == self.case_id and viewing == self._viewing:
            self._read_sensitive()
        else:
            self._show_privacy_state()

    def _reveal_failed(self, case_id: str, exc: BaseException) -> None:
        from vlot_desktop.services.cases import CaseNotFoundError

        self._show_privacy_state()
        if not isinstance(exc, CaseNotFoundError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
        elif case_id == self.case_id:
            show_text(self.message, self.tr("This case no longer exists."))

    def _read_sensitive(self) -> None:
        """Read the health fields of the case in a worker and show them (the viewing is
        recorded already)."""
        from vlot_desktop.db.queries.cases import sensitive_member_data

        case_id = self.case_id
        assert case_id is not None
        viewing = self._viewing

        def show(data: list[SensitiveMemberData]) -> None:
            if case_id == self.case_id and viewing == self._viewing:
                self.model.show_sensitive(data)
            self._show_privacy_state()

        QueryOp(
            self.context,
            lambda store: store.read(sensitive_member_data, case_id),
            success=show,
        ).owned_by(self).latest("sensitive").run()

    def hide_sensitive(self) -> None:
        self._viewing += 1  # a reading still on its way is not shown
        self.model.show_sensitive(None)
        self._show_privacy_state()

    # -- changes ---------------------------------------------------------------------------

    @Slot()
    def add_member(self) -> str | None:
        if self.case_id is None or self.erased:
            return None
        dialog = MemberDialog(self.context, self.case_id, parent=self)
        return self._run(dialog)

    @Slot()
    def edit_selected(self) -> str | None:
        member = self.selected_member()
        if member is None or self.case_id is None or self.erased:
            return None
        dialog = MemberDialog(
            self.context,
            self.case_id,
            member,
            sensitive=self.model.sensitive_of(member.id),
            show_sensitive=self.model.revealed,
            parent=self,
        )
        return self._run(dialog)

    def _run(self, dialog: MemberDialog) -> str | None:
        try:
            if not self.open_dialog(dialog) or dialog.member_id is None:
                return None
            assert self.case_id is not None
            self._select_next = dialog.member_id  # once the household is read again
            self.changed.emit(self.case_id)
            return dialog.member_id
        finally:
            dialog.deleteLater()

    @Slot(QModelIndex)
    def _double_clicked(self, _index: QModelIndex) -> None:
        self.edit_selected()

    @Slot()
    def remove_selected(self) -> bool:
        """Remove the selected member after confirmation (the last one stays)."""
        from vlot_desktop.services.cases import remove_member

        member = self.selected_member()
        if member is None or self.case_id is None or self.erased:
            return False
        if not self.confirm_removal(latin_name(member)):
            return False
        case_id, member_id = self.case_id, member.id

        def changes(problems: list[Problem]) -> Changes:
            if any(p.is_error for p in problems):
                return Changes()  # refused: nothing removed
            return Changes.of("household_member", "case_file", ids=[case_id])

        self.remove_button.setEnabled(False)
        CollectionOp(
            self.context,
            lambda store: remove_member(store.engine, member_id),
            changes=changes,
            success=lambda problems: self._removed(case_id, problems),
        ).owned_by(self).named("remove household member").run()
        return True

    def _removed(self, case_id: str, problems: list[Problem]) -> None:
        self._update_buttons()
        errors = [p for p in problems if p.is_error]
        if case_id != self.case_id:
            return
        if errors:
            show_problem(self.message, errors[0])
            return
        self.changed.emit(case_id)

    def _ask_removal(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove household member"),
            self.tr("Remove %1 from the household? This cannot be undone.").replace("%1", name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def message_text(self) -> str:
        return shown_text(self.message)
