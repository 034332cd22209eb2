"""Changes of many records at once: asked first, and undone with one click.

``BulkQuestion`` asks in the user's words what will happen ("Alle 14 plaatsen van De Linde op
bezet zetten?"), with the action itself on the button that does it and "Annuleren" beside it.
After the change, ``UndoOffer`` stays under the buttons that made it: what was done and
"Ongedaan maken", which puts every record back as it was through the same service
(``services.places.undo_place_status`` for the places). It goes when the user does something
else there or moves to another record.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget


class BulkQuestion:
    """Asks before a change of many records.

    Attributes:
        open_box: how the question is shown (``QMessageBox.exec``); tests replace it (they
            read ``box.text()`` and click one of ``box.buttons()``).
    """

    def __init__(self) -> None:
        self.open_box: Callable[[QMessageBox], object] = QMessageBox.exec

    def ask(self, parent: QWidget, question: str, details: str, action: str, cancel: str) -> bool:
        """True when the user chose ``action`` (never by Enter alone: Cancel is the default)."""
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(action)
        box.setText(question)
        box.setInformativeText(details)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        self.open_box(box)
        return box.clickedButton() is yes


class UndoOffer(QWidget):
    """A line "14 plaatsen op bezet gezet." with "Ongedaan maken" next to it.

    Signals:
        available_changed(bool): whether "Ongedaan maken" is offered now.
    """

    available_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Undo"), self)
        self.button.setToolTip(self.tr("Put everything back as it was before this change"))
        self.button.clicked.connect(self._clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self._undo: Callable[[], None] | None = None
        self.hide()

    @property
    def available(self) -> bool:
        return self._undo is not None and self.button.isEnabled()

    def offer(self, text: str, undo: Callable[[], None]) -> None:
        """Say what was done and offer to undo it (``undo()`` when clicked)."""
        self.label.setText(text)
        self._undo = undo
        self.button.setEnabled(True)
        self.button.show()
        self.show()
        self.available_changed.emit(True)

    def say(self, text: str) -> None:
        """A line without undo (e.g. after the undo: what it put back)."""
        self._undo = None
        self.label.setText(text)
        self.button.hide()
        self.setVisible(bool(text))
        self.available_changed.emit(False)

    def withdraw(self) -> None:
        self._undo = None
        self.label.clear()
        self.hide()
        self.available_changed.emit(False)

    @Slot()
    def _clicked(self) -> None:
        undo, self._undo = self._undo, None
        if undo is not None:
            self.button.setEnabled(False)
            self.available_changed.emit(False)
            undo()
