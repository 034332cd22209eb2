"""The setting "Bewaartermijn persoonsgegevens (maanden)": 1 to 120, default 12.

Shown in the retention dialog (saved as soon as a valid number is typed) and in Instellingen
(saved with the dialog's Save). Stored per laptop by ``services.privacy``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from vlot_desktop.ui.case_actions.common import ERROR_STYLE
from vlot_desktop.ui.i18n import current_language


class RetentionMonthsField(QWidget):
    """A line edit for the months with its Dutch message under it; ``label`` is its form label.

    Signals:
        valid_value(int): the user typed a valid period (not yet saved).
        invalid_value(): the user typed something that is not a valid period.
    """

    valid_value = Signal(int)
    invalid_value = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        from vlot_desktop.services.privacy import load_retention_months

        super().__init__(parent)
        self.data_dir = data_dir
        self.edit = QLineEdit(str(load_retention_months(data_dir)), self)
        self.edit.setAccessibleName(self.tr("Retention period of personal data in months"))
        self.edit.setMaximumWidth(80)
        self.edit.setToolTip(
            self.tr(
                "The personal data of a case is erased this many months after the case was "
                "closed (1 to 120)."
            )
        )
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.label = QLabel(self.tr("&Retention period of personal data (months):"), parent)
        self.label.setBuddy(self.edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        self.edit.textEdited.connect(self._edited)

    def months(self) -> int | None:
        """The typed period; ``None`` (and the message shown) when it is not valid."""
        from vlot_desktop.services.privacy import check_retention_months

        months, problem = check_retention_months(self.edit.text())
        if problem is not None:
            self.message.setText(problem.text(current_language()))
            self.message.show()
        else:
            self.message.hide()
        return months

    def save(self) -> bool:
        """Store the typed period; False (nothing stored, message shown) when it is not valid."""
        from vlot_desktop.services.privacy import save_retention_months

        months = self.months()
        if months is None:
            return False
        save_retention_months(self.data_dir, months)
        return True

    @Slot(str)
    def _edited(self, _text: str) -> None:
        months = self.months()
        if months is None:
            self.invalid_value.emit()
        else:
            self.valid_value.emit(months)
