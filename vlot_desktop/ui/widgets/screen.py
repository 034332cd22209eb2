"""The base of every screen in the main window's navigation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.tasks import TaskRunner


class Screen(QWidget):
    """A page of the main window.

    Subclasses set ``key`` (and are listed in ``ui.screens``); they load their data in ``refresh``,
    which the window calls when the database is ready and on F5.

    Signals:
        loaded(): the screen now shows fresh data.
    """

    key = ""
    loaded = Signal()

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner

    def refresh(self) -> None:
        """Reload what the screen shows (runs slow parts in a worker)."""

    def search_field(self) -> QLineEdit | None:
        """The field Ctrl+F focuses, if the screen has one."""
        return None


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    """A screen title in a larger, bold font."""
    label = QLabel(text, parent)
    label.setObjectName("screenHeading")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label
