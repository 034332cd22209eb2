"""The Gezin tab: the household's members, adding, editing and removing one, and the health
fields behind "Gevoelige gegevens tonen".

Revealing first records the viewing (``services.cases.record_sensitive_access``: who, when,
which case) and only then reads the health fields. They stay visible while the same case is
shown (an edit reloads them without a new record) and are hidden again when another case is
chosen or the user leaves the screen.
"""

from __future__ import annotations

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

from vlot_desktop.ui.cases.field_messages import message_label, show_problem, show_text, shown_text
from vlot_desktop.ui.cases.household_model import HouseholdModel, latin_name
from vlot_desktop.ui.cases.member_dialog import MemberDialog
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.locations.small_table import small_table

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail, MemberRow


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
            self.model.show_sensitive(None)
        elif self.model.revealed:
            self._read_sensitive()  # the same viewing: reloaded after an edit, not recorded again
        if not new_case and selected is not None:
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
        """Record the viewing, then show the health fields."""
        from vlot_desktop.services.cases import CaseNotFoundError, record_sensitive_access

        if self.case_id is None or self.erased:
            return False
        try:
            record_sensitive_access(
                self.context.engine, self.case_id, user_id=self.context.settings.user_id
            )
        except CaseNotFoundError:
            show_text(self.message, self.tr("This case no longer exists."))
            return False
        self._read_sensitive()
        self._show_privacy_state()
        return True

    def _read_sensitive(self) -> None:
        from vlot_desktop.db.queries.cases import sensitive_member_data

        assert self.case_id is not None
        with self.context.connection() as conn:
            data = sensitive_member_data(conn, self.case_id)
        self.model.show_sensitive(data)

    def hide_sensitive(self) -> None:
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
            self.changed.emit(self.case_id)
            self.select_member(dialog.member_id)
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
        problems = remove_member(self.context.engine, member.id)
        errors = [p for p in problems if p.is_error]
        if errors:
            show_problem(self.message, errors[0])
            return False
        self.changed.emit(self.case_id)
        return True

    def _ask_removal(self, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove household member"),
            self.tr("Remove %1 from the household? This cannot be undone.").replace("%1", name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def message_text(self) -> str:
        return shown_text(self.message)
