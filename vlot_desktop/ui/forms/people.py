"""Related people in a form: a list to choose someone from, and "Nieuw…" to add someone who is
not in it yet (an owner, a contact person, the asker of a question).

``PersonField`` is a :class:`~vlot_desktop.ui.forms.fields.ChoiceField` with a "Nieuw…" button.
An editable one also takes a typed name: a name in the list chooses that person; a name that is
not in it stays in the field as a draft with the message "… staat niet in de lijst" (it is not
lost when the user moves on), and Enter or "Nieuw…" opens ``NewPersonDialog`` with it filled in.

The dialog saves through the form's :meth:`RecordEditor.write`: one service call makes the
person and chooses them for the record, in one transaction (e.g.
``services.locations.add_owner``). It stays open with the service's messages under its fields
until that call succeeds; then the list holds the new person, the field shows them, and Ctrl+Z
undoes the choice like any change (the person stays in the list).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.location_rules import Problem
from vlot_desktop.ui.forms.fields import ChoiceField, LimitedLineEdit, Unreadable
from vlot_desktop.ui.forms.messages import message_label, show_message, shown_text
from vlot_desktop.ui.i18n import current_language


class PersonField(ChoiceField):
    """A person (or organisation) chosen from a list, with "Nieuw…" next to it.

    Signals:
        new_requested(str): the user asked to add someone; the name typed ("" when none).
    """

    new_requested = Signal(str)

    def __init__(
        self, name: str, caption: str, *, empty: str | None, editable: bool = False
    ) -> None:
        combo = QComboBox()
        super().__init__(name, caption, empty=empty, combo=combo, min_length=6)
        self.editable = editable
        self.new_button = QToolButton()
        self.new_button.setText(self.tr("New…"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_button.setToolTip(
            self.tr("Add someone who is not in the list yet: %1").replace("%1", self.plain_caption)
        )
        self.new_button.setAccessibleName(self.tr("New: %1").replace("%1", self.plain_caption))
        self.new_button.clicked.connect(self._new_clicked)
        if editable:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(combo.model(), combo)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            combo.setCompleter(completer)
            line = combo.lineEdit()
            assert line is not None  # an editable combo has one
            line.editingFinished.connect(self._typed_done)
            line.returnPressed.connect(self._return_pressed)

    def editor_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(self.widget, 1)
        row.addWidget(self.new_button)
        return row

    def typed_text(self) -> str:
        return self.combo.currentText().strip() if self.editable else ""

    def _known_index(self, text: str) -> int:
        """The item whose text is ``text`` (case and spaces aside), or -1."""
        wanted = text.strip().casefold()
        for index in range(self.combo.count()):
            if self.combo.itemText(index).strip().casefold() == wanted:
                return index
        return -1

    def value(self) -> object:
        if not self.editable:
            return self.combo.currentData()
        text = self.combo.currentText().strip()
        if not text:
            return None
        if text.casefold() == self.combo.itemText(self.combo.currentIndex()).strip().casefold():
            return self.combo.currentData()
        index = self._known_index(text)
        if index >= 0:
            return self.combo.itemData(index)
        raise Unreadable(
            self.tr(
                "‘%1’ is not in the list. Choose someone in it, or add them with ‘New…’."
            ).replace("%1", text)
        )

    def raw(self) -> object:
        return (self.combo.currentData(), self.combo.currentText())

    def show_raw(self, raw: object) -> None:
        if not (isinstance(raw, tuple) and len(raw) == 2):
            self.show(raw)
            return
        key, text = raw
        self.show(key)
        if self.editable:
            self._loading = True
            try:
                self.combo.setEditText(str(text))
            finally:
                self._loading = False

    @Slot()
    def _typed_done(self) -> None:
        if self._loading:
            return
        index = self._known_index(self.combo.currentText())
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.setCurrentIndex(index)
        self.chosen.emit()

    @Slot()
    def _return_pressed(self) -> None:
        text = self.combo.currentText().strip()
        if text and self._known_index(text) < 0:
            self.new_requested.emit(text)

    @Slot()
    def _new_clicked(self) -> None:
        text = self.typed_text()
        self.new_requested.emit(text if text and self._known_index(text) < 0 else "")


@dataclass(frozen=True)
class Entry:
    """A field of :class:`NewPersonDialog`: its name (as the service's problems name it), its
    caption, at most ``limit`` characters, or a choice of (key, text)."""

    name: str
    caption: str
    limit: int = 100
    choices: tuple[tuple[str, str], ...] = ()


class NewPersonDialog(QDialog):
    """Asks for someone new and saves them through ``submit(values, answer)``: ``submit`` starts
    the write (``RecordEditor.write``) and calls ``answer(result)`` with the service's result.
    The dialog closes once it is saved; else it shows the messages under its fields.

    Attributes:
        edits: the line edits and lists by entry name (tests fill them in).
        person_id: the id of the person made (after it closed accepted).
    """

    def __init__(
        self,
        title: str,
        entries: list[Entry],
        values: dict[str, str],
        submit: Callable[[dict[str, Any], Callable[[Any], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self._submit = submit
        self.person_id: str | None = None
        self.edits: dict[str, QLineEdit | QComboBox] = {}
        self.messages: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for entry in entries:
            editor: QLineEdit | QComboBox
            if entry.choices:
                editor = QComboBox(self)
                for key, text in entry.choices:
                    editor.addItem(text, key)
            else:
                editor = LimitedLineEdit(entry.limit, self)
                editor.setText(values.get(entry.name, ""))
                editor.setMinimumWidth(editor.fontMetrics().horizontalAdvance("M" * 22))
            editor.setAccessibleName(entry.caption.replace("&", ""))
            self.edits[entry.name] = editor
            message = message_label(self)
            self.messages[entry.name] = message
            if isinstance(editor, LimitedLineEdit):
                editor.too_long.connect(
                    lambda m=message, e=entry: show_message(
                        m,
                        self.tr("At most %1 characters.").replace("%1", str(e.limit)),
                    )
                )
            cell = QVBoxLayout()
            cell.setSpacing(1)
            cell.addWidget(editor)
            cell.addWidget(message)
            label = QLabel(entry.caption + ":", self)
            label.setBuddy(editor)
            form.addRow(label, cell)
        self.general = message_label(self)
        self.buttons = QDialogButtonBox(self)
        self.add_button = self.buttons.addButton(
            self.tr("Add"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        return {
            name: edit.currentData() if isinstance(edit, QComboBox) else edit.text()
            for name, edit in self.edits.items()
        }

    @Slot()
    def _add(self) -> None:
        self.add_button.setEnabled(False)
        for label in self.messages.values():
            show_message(label, None)
        show_message(self.general, None)
        self._submit(self.values(), self.answer)

    def answer(self, result: Any) -> None:
        """The service's answer: saved (the dialog closes) or the problems to show."""
        self.add_button.setEnabled(True)
        if result.saved:
            self.person_id = getattr(result, "created_id", None)
            self.accept()
            return
        general: list[str] = []
        for problem in result.problems:
            if not isinstance(problem, Problem) or not problem.is_error:
                continue
            label = self.messages.get(problem.field)
            if label is not None:
                show_message(label, problem)
            else:
                general.append(problem.text(current_language()))
        show_message(self.general, "\n".join(general))

    def message_text(self, name: str) -> str:
        label = self.general if name == "general" else self.messages.get(name)
        return shown_text(label) if label is not None else ""
