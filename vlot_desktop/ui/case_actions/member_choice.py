"""Choose one household member (for the subject access export or the erasure)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from vlot_desktop.ui.case_actions.household import member_label

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail, MemberRow


class MemberChoiceDialog(QDialog):
    """A combo box of the members; ``member_id()`` is the chosen one after ``exec()``."""

    def __init__(
        self,
        detail: CaseDetail,
        members: list[MemberRow],
        title: str,
        question: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName(self.tr("Household member"))
        for member in members:
            self.combo.addItem(member_label(detail, member), member.id)
        label = QLabel(question, self)
        label.setWordWrap(True)
        member_label_widget = QLabel(self.tr("&Member:"), self)
        member_label_widget.setBuddy(self.combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(label)
        form.addRow(member_label_widget, self.combo)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def member_id(self) -> str | None:
        data = self.combo.currentData()
        return str(data) if data else None
