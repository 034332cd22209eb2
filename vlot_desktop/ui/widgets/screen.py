"""The base of every screen in the main window's navigation (docs/adding-a-screen.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.services.changes import Changes


class Screen(QWidget):
    """A page of the main window.

    Subclasses set ``key`` (and are listed in ``ui.screens``) and ``shows``, the tables whose
    records they show. They load their data in ``refresh``, which the window calls when the
    database is ready and on F5, always through ``ui.ops`` (never on the GUI thread).

    Screens stay true: when a write anywhere (another screen, an import, a sync round)
    announces changes to a table in ``shows``, ``show_changes`` runs, at once if the screen is
    visible, else when it is next shown. Its default re-reads everything (``refresh``); a
    screen may override it to re-read only the records named.

    Signals:
        loaded(): the screen now shows fresh data.
    """

    key = ""
    shows: frozenset[str] = frozenset()
    loaded = Signal()

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self._pending: Changes | None = None
        context.changed.connect(self._changes_announced)

    def refresh(self) -> None:
        """Reload what the screen shows (runs slow parts in a worker)."""

    def show_changes(self, changes: Changes) -> None:
        """Show records that another part of the app changed (default: reload everything)."""
        self.refresh()

    def search_field(self) -> QLineEdit | None:
        """The field Ctrl+F focuses, if the screen has one."""
        return None

    def _changes_announced(self, changes: Changes) -> None:
        if not self.context.is_ready or not changes.touches(self.shows):
            return
        if changes.source and changes.source == self.key:
            return  # this screen made the change and shows it already
        if self.isVisible():
            self.show_changes(changes)
        else:
            self._pending = changes if self._pending is None else self._pending | changes

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        pending, self._pending = self._pending, None
        if pending is not None and self.context.is_ready:
            self.show_changes(pending)


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
