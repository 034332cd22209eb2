"""The message next to a field: what is wrong with what the user typed (red) or worth knowing
about it (amber), in the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from vlot_desktop.domain.location_rules import Problem
from vlot_desktop.ui.i18n import current_language

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"


def message_label(parent: QWidget | None) -> QLabel:
    """An empty, hidden label for a field's message (it wraps: the panes are narrow)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def show_message(label: QLabel, message: Problem | str | None) -> None:
    """Show a problem (red for an error, amber for a warning) or an error text under its
    field; ``None`` or "" clears the label."""
    if not message:
        label.clear()
        label.setAccessibleName("")
        label.hide()
        return
    if isinstance(message, Problem):
        text = message.text(current_language())
        style = ERROR_STYLE if message.is_error else WARNING_STYLE
    else:
        text, style = message, ERROR_STYLE
    label.setText(text)
    label.setStyleSheet(style)
    label.setAccessibleName(text)
    label.show()


def shown_text(label: QLabel) -> str:
    """The message a label shows now ("" when hidden)."""
    return label.text() if not label.isHidden() else ""
