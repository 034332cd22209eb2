"""The fields a :class:`~vlot_desktop.ui.forms.record_editor.RecordEditor` edits: one value of a
record each, with its widget, the message next to it, and how its text becomes a value.

=================  ==================  ==========================================  ==========
kind               widget              value                                       saves
=================  ==================  ==========================================  ==========
``TextField``      one line            the text (``None`` when empty)              after a pause
``DateField``      one line, dd/mm/yyyy a date, or ``None``                          after a pause
``NumberField``    one line            a whole number, or ``None``                 after a pause
``NotesField``     several lines       the text                                    after a pause
``ChoiceField``    a drop-down list    the key of the item chosen                  at once
``FlagField``      a check box         ``True`` or ``False``                       at once
=================  ==================  ==========================================  ==========

(``people.PersonField`` is a ``ChoiceField`` that can also make a new person.)

A field whose text is not a value of its kind (31/02/2026, "drie" for a number) raises
:class:`Unreadable` with the message to show; the editor keeps that text as a draft and saves
nothing. Texts have a limit (``limit``, from ``domain.text_limits`` or the column's length):
typing or pasting past it is refused in the field itself, at once, with a message, and the
field keeps what it held. A paste of two million characters is therefore never put in a
widget (Qt needs seconds to minutes to lay out such a text), and never sent to a worker.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.location_rules import Problem, not_a_date, not_a_whole_number
from vlot_desktop.domain.text_limits import MAX_FREE_TEXT, text_too_long
from vlot_desktop.ui.formatting import format_date, format_int
from vlot_desktop.ui.forms.inputs import InputError, parse_date, parse_int
from vlot_desktop.ui.forms.messages import message_label


class Unreadable(Exception):
    """The field holds something that is not a value of its kind; ``message`` says what."""

    def __init__(self, message: Problem | str) -> None:
        super().__init__()
        self.message = message


class LimitedLineEdit(QLineEdit):
    """A line edit that refuses a text longer than ``limit``.

    Qt cuts a paste at ``maxLength`` before it lays anything out; the line edit lets one
    character more in, so that going past the limit is seen, and then puts back what it held.

    Signals:
        typed(str): the user changed the text (within the limit).
        too_long(): the user typed or pasted past the limit; the text is as it was.
    """

    typed = Signal(str)
    too_long = Signal()

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setMaxLength(limit + 1)
        self._kept = ""
        # Qt says textEdited before textChanged: when it comes, ``_kept`` is the text before.
        self.textChanged.connect(self._changed)
        self.textEdited.connect(self._edited)

    @Slot(str)
    def _changed(self, text: str) -> None:
        if len(text) <= self.limit:
            self._kept = text

    @Slot(str)
    def _edited(self, text: str) -> None:
        if len(text) > self.limit:
            self.setText(self._kept)
            self.too_long.emit()
            return
        self.typed.emit(text)


class LimitedTextEdit(QPlainTextEdit):
    """A text box that refuses a paste (or a drop) that would make its text longer than
    ``limit``: nothing of it is put in, and ``too_long`` says how long it was. Typing past the
    limit one key at a time is left to the field (its value is then :class:`Unreadable`).

    Signals:
        too_long(int): the length of the text refused.
        left(): the focus left the box.
    """

    too_long = Signal(int)
    left = Signal()

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setTabChangesFocus(True)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        cursor = self.textCursor()
        selected = cursor.selectionEnd() - cursor.selectionStart()
        after = self.document().characterCount() - 1 - selected + len(text)
        if after > self.limit:
            self.too_long.emit(len(text))
            return
        super().insertFromMimeData(source)

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class Field(QObject):
    """One editable value of a record: its widget (``widget``), the label of its message
    (``message``) and its caption (with ``&`` for the shortcut key).

    Signals:
        edited(): the user typed; the editor saves after a pause.
        chosen(): the user chose, or left the field; the editor saves now.
        refused(str): the widget refused input (too long); the message to show.
    """

    edited = Signal()
    chosen = Signal()
    refused = Signal(str)
    # A choice or a tick is saved at once; typing after a pause.
    at_once = False

    def __init__(self, name: str, caption: str, widget: QWidget) -> None:
        super().__init__(widget)
        self.name = name
        self.caption = caption
        self.widget = widget
        self.message: QLabel = message_label(None)
        widget.setAccessibleName(self.plain_caption)
        widget.setProperty("field", name)
        self._loading = False

    @property
    def plain_caption(self) -> str:
        return self.caption.replace("&", "")

    # -- what a kind of field does (overridden) ---------------------------------------------

    def show(self, value: object) -> None:
        """Show a stored value (no ``edited`` or ``chosen``)."""
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False

    def _show(self, value: object) -> None:
        raise NotImplementedError

    def value(self) -> object:
        """The value the field holds, as the service takes it; :class:`Unreadable` when the
        text is not a value of its kind."""
        raise NotImplementedError

    def raw(self) -> object:
        """What the widget holds, to be put back with :meth:`show_raw` (a draft)."""
        return self.value()

    def show_raw(self, raw: object) -> None:
        self.show(raw)

    def shows(self, value: object) -> bool:
        """True when the field shows the stored ``value``."""
        try:
            return _same(self.value(), value)
        except Unreadable:
            return False

    def focus(self) -> None:
        self.widget.setFocus()

    def text_editors(self) -> list[QWidget]:
        """Widgets with an undo of their own (Ctrl+Z goes to the editor instead)."""
        return []

    def cell(self, parent: QWidget) -> QVBoxLayout:
        """The editor over its message, for a row of a form layout."""
        self.message.setParent(parent)
        cell = QVBoxLayout()
        cell.setSpacing(1)
        cell.addLayout(self.editor_row())
        cell.addWidget(self.message)
        return cell

    def editor_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.widget, 1)
        return row


def _same(a: object, b: object) -> bool:
    def normal(value: object) -> object:
        value = getattr(value, "value", value)  # an enum: its stored value
        return None if value == "" else value

    return normal(a) == normal(b)


class _LineField(Field):
    """A one-line field: text, a date or a number."""

    def __init__(self, name: str, caption: str, limit: int, *, narrow: int | None = None) -> None:
        self.edit = LimitedLineEdit(limit)
        super().__init__(name, caption, self.edit)
        self.narrow = narrow
        if narrow is not None:
            self.edit.setMaximumWidth(narrow)
        self.edit.typed.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.too_long.connect(self._too_long)

    @Slot(str)
    def _typed(self, _text: str) -> None:
        if not self._loading:
            self.edited.emit()

    @Slot()
    def _finished(self) -> None:
        if not self._loading:
            self.chosen.emit()

    @Slot()
    def _too_long(self) -> None:
        self.refused.emit(
            self.tr(
                "Too long: this field takes at most %1 characters. What was typed or "
                "pasted was not taken in."
            ).replace("%1", format_int(self.edit.limit))
        )

    def raw(self) -> object:
        return self.edit.text()

    def show_raw(self, raw: object) -> None:
        self._loading = True
        try:
            self.edit.setText(str(raw))
            self.edit.setCursorPosition(len(str(raw)))
        finally:
            self._loading = False

    def _set_text(self, text: str) -> None:
        self.edit.setText(text)
        self.edit.setCursorPosition(0)  # the start of a long text, not its end

    def text_editors(self) -> list[QWidget]:
        return [self.edit]

    def editor_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        if self.narrow is None:
            row.addWidget(self.widget, 1)
        else:
            row.addWidget(self.widget)
            row.addStretch(1)
        return row


class TextField(_LineField):
    """One line of text; empty is ``None``, the text is sent as typed (the service trims)."""

    def __init__(self, name: str, caption: str, *, limit: int, narrow: int | None = None) -> None:
        super().__init__(name, caption, limit, narrow=narrow)

    def _show(self, value: object) -> None:
        self._set_text("" if value is None else str(value))

    def value(self) -> object:
        return self.edit.text()

    def shows(self, value: object) -> bool:
        return (self.edit.text().strip() or None) == (value or None)


class DateField(_LineField):
    """A date typed as dd/mm/yyyy (also with - or .); empty is ``None``."""

    def __init__(self, name: str, caption: str) -> None:
        super().__init__(name, caption, 20, narrow=None)
        self.edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("99/99/99999") + 24)
        self.narrow = self.edit.maximumWidth()

    def _show(self, value: object) -> None:
        self._set_text(format_date(value) if isinstance(value, dt.date) else "")

    def value(self) -> object:
        try:
            return parse_date(self.edit.text())
        except InputError:
            raise Unreadable(not_a_date(self.name)) from None


class NumberField(_LineField):
    """A whole number ("12", "1.200"); empty is ``None``. The rules say which are allowed."""

    def __init__(self, name: str, caption: str, *, limit: int = 9, narrow: int = 90) -> None:
        super().__init__(name, caption, limit, narrow=narrow)

    def _show(self, value: object) -> None:
        self._set_text("" if value is None else str(value))

    def value(self) -> object:
        try:
            return parse_int(self.edit.text())
        except InputError:
            raise Unreadable(not_a_whole_number(self.name)) from None


class NotesField(Field):
    """Free text over several lines (at most ``limit`` characters, by default the limit every
    laptop takes: ``domain.text_limits.MAX_FREE_TEXT``)."""

    def __init__(
        self, name: str, caption: str, *, limit: int = MAX_FREE_TEXT, lines: int = 5
    ) -> None:
        self.edit = LimitedTextEdit(limit)
        super().__init__(name, caption, self.edit)
        self.edit.setFixedHeight(self.edit.fontMetrics().height() * lines + 12)
        self.edit.textChanged.connect(self._changed)
        self.edit.left.connect(self._left)
        self.edit.too_long.connect(self._too_long)

    @Slot()
    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    @Slot()
    def _left(self) -> None:
        if not self._loading:
            self.chosen.emit()

    @Slot(int)
    def _too_long(self, length: int) -> None:
        self.refused.emit(
            self.tr(
                "The text pasted is too long: %1 characters, at most %2 in this field. "
                "Nothing was pasted; paste a shorter part."
            )
            .replace("%1", format_int(length))
            .replace("%2", format_int(self.edit.limit))
        )

    def _show(self, value: object) -> None:
        text = "" if value is None else str(value)
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)

    def value(self) -> object:
        text = self.edit.toPlainText()
        if len(text) > self.edit.limit:
            raise Unreadable(text_too_long(self.name, len(text), self.edit.limit))
        return text

    def raw(self) -> object:
        return self.edit.toPlainText()

    def shows(self, value: object) -> bool:
        return (self.edit.toPlainText().strip() or None) == (
            str(value).strip() or None if value is not None else None
        )

    def text_editors(self) -> list[QWidget]:
        return [self.edit]


class ChoiceField(Field):
    """A choice from a list of (key, text); ``empty`` is the text of "none" (``None``: the
    field always has a value). A stored key that the list does not hold (a colleague who
    left) is shown with the text ``missing_text(record)`` gives, when given."""

    at_once = True

    def __init__(
        self,
        name: str,
        caption: str,
        *,
        empty: str | None = None,
        combo: QComboBox | None = None,
        min_length: int = 8,
    ) -> None:
        self.combo = combo if combo is not None else QComboBox()
        super().__init__(name, caption, self.combo)
        self.empty = empty
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(min_length)
        self.combo.activated.connect(self._activated)
        if empty is not None:
            self.combo.addItem(empty, None)

    @Slot(int)
    def _activated(self, _index: int) -> None:
        if not self._loading:
            self.chosen.emit()

    def set_choices(self, choices: list[tuple[Any, str]]) -> None:
        """Fill the list (the value shown is chosen again by the editor)."""
        self._loading = True
        self.combo.blockSignals(True)
        try:
            self.combo.clear()
            if self.empty is not None:
                self.combo.addItem(self.empty, None)
            for key, text in choices:
                self.combo.addItem(text, key)
        finally:
            self.combo.blockSignals(False)
            self._loading = False

    def add_choice(self, key: object, text: str) -> None:
        """One more item (a person just made), unless the list holds it already."""
        if self.combo.findData(key) < 0:
            self.combo.addItem(text, key)

    def show_with_text(self, key: object, text: str | None) -> None:
        """Show ``key``; when the list does not hold it, add it with ``text``."""
        if key is not None and self.combo.findData(key) < 0 and text:
            self.add_choice(key, text)
        self.show(key)

    def _show(self, value: object) -> None:
        self.combo.blockSignals(True)
        try:
            index = self.combo.findData(getattr(value, "value", value))
            self.combo.setCurrentIndex(max(index, 0))
            line = self.combo.lineEdit() if self.combo.isEditable() else None
            if line is not None:
                line.setCursorPosition(0)  # the start of a long name, not its end
        finally:
            self.combo.blockSignals(False)

    def value(self) -> object:
        return self.combo.currentData()


class FlagField(Field):
    """Yes or no, a check box; saved at once."""

    at_once = True

    def __init__(self, name: str, caption: str) -> None:
        self.box = QCheckBox(caption)
        super().__init__(name, caption, self.box)
        self.box.clicked.connect(self._clicked)

    @Slot(bool)
    def _clicked(self, _checked: bool) -> None:
        if not self._loading:
            self.chosen.emit()

    def _show(self, value: object) -> None:
        self.box.setChecked(bool(value))

    def value(self) -> object:
        return self.box.isChecked()

    def shows(self, value: object) -> bool:
        return self.box.isChecked() == bool(value)


class UndoKeys(QObject):
    """Ctrl+Z in a text field goes to ``undo`` (the record's last change), not to the field's
    own undo of single key strokes: one Ctrl+Z, one change back, wherever the focus is."""

    def __init__(self, undo: Any, parent: QObject) -> None:
        super().__init__(parent)
        self._undo = undo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtGui import QKeyEvent, QKeySequence

        if (
            event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            if event.type() == QEvent.Type.KeyPress:
                self._undo()
            event.accept()
            return True
        return super().eventFilter(watched, event)
