"""Messages under a field: what is wrong with what the user typed, in the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from vlot_desktop.domain.location_rules import Problem
from vlot_desktop.ui.i18n import current_language

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"
# A line edit cuts a longer paste silently at Qt's default 32,767 characters: free text is not
# cut, the service refuses it when too long and the text stays to be shortened (text_limits).
UNCUT = 2**31 - 1


def message_label(parent: QWidget) -> QLabel:
    """An empty, hidden label for a field's message."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def show_problem(label: QLabel, problem: Problem | None) -> None:
    """Show ``problem`` under its field, or clear the label (``None``)."""
    if problem is None:
        label.clear()
        label.setAccessibleName("")
        label.hide()
        return
    text = problem.text(current_language())
    label.setText(text)
    label.setStyleSheet(ERROR_STYLE if problem.is_error else WARNING_STYLE)
    label.setAccessibleName(text)
    label.show()


def show_text(label: QLabel, text: str) -> None:
    """Show an error text that does not come from a ``Problem`` ("" hides the label)."""
    label.setText(text)
    label.setAccessibleName(text)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(bool(text))


def shown_text(label: QLabel) -> str:
    """The message a label shows now ("" when hidden)."""
    return label.text() if not label.isHidden() else ""
