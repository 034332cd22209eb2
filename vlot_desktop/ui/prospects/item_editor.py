"""One checklist item in visit mode: its answer, and a remark that can be a knelpunt or
opportuniteit with an action, who takes it up and by when (printed in the report).

Made for typing on site: yes/no items answer with one key (J, N, O or 0) and move on, the arrows
and Tab go to the next item, F2 opens the remark. Every change is handed to the visit's
``Autosaver`` at once, as the write the visit view makes of it (the editor holds no database
code).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.checklist import ChecklistItem, ItemKind
from vlot_desktop.services.prospects import RESPONSIBLE_MAX, AnswerValue, ItemNote
from vlot_desktop.ui.prospects.autosave import UNCUT, Autosaver, Save
from vlot_desktop.ui.prospects.visit_details_page import NO_DATE, from_qdate, to_qdate

if TYPE_CHECKING:
    from vlot_desktop.db.queries.prospects import AnswerRow, FindingRow
    from vlot_desktop.services.prospect_visit import FollowUp

# (item key, value) -> the write that saves it (the visit view knows the visit).
AnswerWriter = Callable[[str, AnswerValue], Save]
NoteWriter = Callable[[str, ItemNote], Save]

_YES_NO_KEYS = {
    Qt.Key.Key_J: "ja",
    Qt.Key.Key_N: "nee",
    Qt.Key.Key_O: "nvt",
    Qt.Key.Key_0: "nvt",
}
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


def format_number(value: float | None) -> str:
    """``12`` or ``12,5``: the Belgian decimal comma, no needless ``.0``."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def parse_number(text: str) -> float | None:
    """``"1.250,5"``, ``"12,5"`` or ``"12.5"`` -> float; empty -> None; raises ValueError."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return float(cleaned)


class ItemEditor(QFrame):
    """Signals:
    move_requested(int): go to the previous (-1) or next (+1) item.
    answered_changed(str, bool): the item key, and whether it now counts as answered.
    photos_requested(str): the user wants to link photos to this (photo) item.
    """

    move_requested = Signal(int)
    answered_changed = Signal(str, bool)
    photos_requested = Signal(str)

    def __init__(
        self,
        item: ChecklistItem,
        language: str,
        answer: AnswerRow | None,
        finding: FindingRow | None,
        photo_count: int,
        saver: Autosaver,
        write_answer: AnswerWriter,
        write_note: NoteWriter,
        parent: QWidget | None = None,
        *,
        follow_up: FollowUp | None = None,
    ) -> None:
        super().__init__(parent)
        self.item = item
        self.key = item.key
        self._saver = saver
        self._write_answer = write_answer
        self._write_note = write_note
        self._value = answer.value_choice if answer else None
        self._photo_count = photo_count
        self.setObjectName("checklistItem")
        self.setProperty("requiredOpen", False)
        self.setProperty("current", False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        label_text = item.label_en if language == "en" else item.label_nl
        help_text = item.help_en if language == "en" else item.help_nl
        self.label = QLabel(label_text + (" *" if item.required else ""), self)
        self.label.setObjectName("itemLabel")
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        if help_text:
            self.label.setToolTip(help_text)
        self.help_label = QLabel(help_text or "", self)
        self.help_label.setObjectName("itemHelp")
        self.help_label.setWordWrap(True)
        self.help_label.setVisible(bool(help_text))

        self.error_label = QLabel(self)
        self.error_label.setObjectName("itemError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.answer_buttons: dict[str, QPushButton] = {}
        self.number_edit: QLineEdit | None = None
        self.text_edit: QLineEdit | None = None
        self.choice_combo: QComboBox | None = None
        self.photo_button: QPushButton | None = None
        self.photo_label: QLabel | None = None
        control = self._make_control(answer, language)

        self.note_button = QToolButton(self)
        self.note_button.setObjectName("noteButton")
        self.note_button.setCheckable(True)
        self.note_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.note_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.note_button.setMinimumHeight(36)
        self.note_button.setToolTip(self.tr("Remark, bottleneck or opportunity (F2)"))
        self.note_button.setAccessibleName(self.tr("Remark, bottleneck or opportunity"))
        self.note_button.toggled.connect(self._show_note)

        # -- the note panel: remark, knelpunt/opportuniteit, action
        self.note_panel = QWidget(self)
        self.remark_edit = QLineEdit(self.note_panel)
        self.remark_edit.setMaxLength(UNCUT)
        self.remark_edit.setPlaceholderText(self.tr("Remark"))
        self.remark_edit.setAccessibleName(self.tr("Remark on %1").replace("%1", label_text))
        self.kind_buttons: dict[str | None, QPushButton] = {}
        self.kind_group = QButtonGroup(self)
        self.kind_group.setExclusive(True)
        kinds: list[tuple[str | None, str]] = [
            (None, self.tr("No finding")),
            ("knelpunt", self.tr("Bottleneck")),
            ("opportuniteit", self.tr("Opportunity")),
        ]
        kind_row = QHBoxLayout()
        kind_row.setSpacing(6)
        for kind, text in kinds:
            button = QPushButton(text, self.note_panel)
            button.setObjectName("kindButton")
            button.setCheckable(True)
            button.setMinimumHeight(34)
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kind_row.addWidget(button)
            button.clicked.connect(self._note_edited_now)
        kind_row.addStretch(1)
        self.action_edit = QLineEdit(self.note_panel)
        self.action_edit.setMaxLength(UNCUT)
        self.action_edit.setPlaceholderText(self.tr("Action: what needs to happen"))
        self.action_edit.setAccessibleName(self.tr("Action for %1").replace("%1", label_text))
        # Who takes the finding up and by when (shown once it is a finding).
        self.follow_up_row = QWidget(self.note_panel)
        self.responsible_edit = QLineEdit(self.follow_up_row)
        self.responsible_edit.setMaxLength(RESPONSIBLE_MAX)
        self.responsible_edit.setPlaceholderText(self.tr("Who, e.g. owner, municipality, VLOT"))
        self.responsible_edit.setAccessibleName(
            self.tr("Who takes up %1").replace("%1", label_text)
        )
        responsible_label = QLabel(self.tr("&Who:"), self.follow_up_row)
        responsible_label.setBuddy(self.responsible_edit)
        self.due_edit = QDateEdit(self.follow_up_row)
        self.due_edit.setDisplayFormat("dd/MM/yyyy")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setMinimumDate(NO_DATE)
        self.due_edit.setSpecialValueText(self.tr("no date"))
        self.due_edit.setMinimumHeight(34)
        self.due_edit.setAccessibleName(self.tr("By when for %1").replace("%1", label_text))
        due_label = QLabel(self.tr("&By when:"), self.follow_up_row)
        due_label.setBuddy(self.due_edit)
        follow_up_layout = QHBoxLayout(self.follow_up_row)
        follow_up_layout.setContentsMargins(0, 0, 0, 0)
        follow_up_layout.setSpacing(6)
        follow_up_layout.addWidget(responsible_label)
        follow_up_layout.addWidget(self.responsible_edit, 3)
        follow_up_layout.addWidget(due_label)
        follow_up_layout.addWidget(self.due_edit, 1)
        note_layout = QVBoxLayout(self.note_panel)
        note_layout.setContentsMargins(0, 4, 0, 0)
        note_layout.setSpacing(6)
        note_layout.addWidget(self.remark_edit)
        note_layout.addLayout(kind_row)
        note_layout.addWidget(self.action_edit)
        note_layout.addWidget(self.follow_up_row)

        remark = answer.remark if answer and answer.remark else None
        if remark is None and finding is not None:
            remark = finding.description
        self.remark_edit.setText(remark or "")
        kind = finding.kind if finding is not None else None
        self.kind_buttons.get(kind, self.kind_buttons[None]).setChecked(True)
        self.action_edit.setText(finding.action or "" if finding else "")
        self.responsible_edit.setText(follow_up.responsible or "" if follow_up else "")
        self.due_edit.setDate(to_qdate(follow_up.due_on if follow_up else None))
        self.follow_up_row.setVisible(kind is not None)
        self.remark_edit.textEdited.connect(self._note_edited)
        self.remark_edit.editingFinished.connect(self._saver.flush)
        self.action_edit.textEdited.connect(self._note_edited)
        self.action_edit.editingFinished.connect(self._saver.flush)
        self.responsible_edit.textEdited.connect(self._note_edited)
        self.responsible_edit.editingFinished.connect(self._saver.flush)
        self.due_edit.dateChanged.connect(self._due_changed)
        self.due_edit.editingFinished.connect(self._saver.flush)
        for edit in (self.remark_edit, self.action_edit, self.responsible_edit, self.due_edit):
            edit.installEventFilter(self)
        self.note_panel.setVisible(False)
        self._update_note_button()
        if self.has_note:
            self.note_button.setChecked(True)

        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.label, 0, 0)
        grid.addWidget(control, 0, 1)
        grid.addWidget(self.note_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.help_label, 1, 0, 1, 3)
        grid.addWidget(self.error_label, 2, 0, 1, 3)
        grid.addWidget(self.note_panel, 3, 0, 1, 3)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 4)
        self.refresh_required()

    # -- the answer control --------------------------------------------------------------------

    def _make_control(self, answer: AnswerRow | None, language: str) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        kind = self.item.kind
        if kind is ItemKind.YES_NO_NA:
            # The item frame takes the focus; the buttons are for the mouse (or a finger).
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setAccessibleName(self.label.text())
            for value, text in (
                ("ja", self.tr("Yes (J)")),
                ("nee", self.tr("No (N)")),
                ("nvt", self.tr("N/A (O)")),
            ):
                button = QPushButton(text, box)
                button.setObjectName("answerButton")
                button.setCheckable(True)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setMinimumSize(88, 40)
                button.setChecked(self._value == value)
                button.clicked.connect(lambda _c=False, v=value: self.choose(v, advance=False))
                self.answer_buttons[value] = button
                row.addWidget(button)
            row.addStretch(1)
            self.installEventFilter(self)
        elif kind is ItemKind.NUMBER:
            edit = QLineEdit(box)
            edit.setObjectName("numberEdit")
            edit.setMinimumHeight(36)
            edit.setMaximumWidth(160)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setText(format_number(answer.value_number if answer else None))
            edit.setAccessibleName(self.label.text())
            edit.textEdited.connect(self._number_edited)
            edit.editingFinished.connect(self._saver.flush)
            edit.returnPressed.connect(lambda: self.move_requested.emit(1))
            edit.installEventFilter(self)
            self.number_edit = edit
            row.addWidget(edit)
            if self.item.unit:
                row.addWidget(QLabel(self.item.unit, box))
            row.addStretch(1)
            self.label.setBuddy(edit)
        elif kind is ItemKind.TEXT:
            edit = QLineEdit(box)
            edit.setObjectName("textEdit")
            edit.setMaxLength(UNCUT)
            edit.setMinimumHeight(36)
            edit.setText(answer.value_text or "" if answer else "")
            edit.setAccessibleName(self.label.text())
            edit.textEdited.connect(self._text_edited)
            edit.editingFinished.connect(self._saver.flush)
            edit.returnPressed.connect(lambda: self.move_requested.emit(1))
            edit.installEventFilter(self)
            self.text_edit = edit
            row.addWidget(edit)
            self.label.setBuddy(edit)
        elif kind is ItemKind.CHOICE:
            combo = QComboBox(box)
            combo.setObjectName("choiceCombo")
            combo.setMinimumHeight(36)
            combo.setMinimumWidth(220)
            combo.setAccessibleName(self.label.text())
            combo.addItem(self.tr("(not answered)"), None)
            for number, choice in enumerate(self.item.choices, start=1):
                text = choice.label_en if language == "en" else choice.label_nl
                combo.addItem(f"{number}. {text}" if number < 10 else text, choice.key)
            index = combo.findData(self._value) if self._value else 0
            combo.setCurrentIndex(max(0, index))
            combo.currentIndexChanged.connect(self._choice_changed)
            combo.installEventFilter(self)
            self.choice_combo = combo
            row.addWidget(combo)
            row.addStretch(1)
            self.label.setBuddy(combo)
        else:  # photo
            self.photo_label = QLabel(box)
            button = QPushButton(self.tr("Photos…"), box)
            button.setObjectName("photoButton")
            button.setMinimumHeight(36)
            button.setAccessibleName(self.tr("Link photos to %1").replace("%1", self.label.text()))
            button.clicked.connect(lambda: self.photos_requested.emit(self.key))
            button.installEventFilter(self)
            self.photo_button = button
            row.addWidget(self.photo_label)
            row.addWidget(button)
            row.addStretch(1)
            self._show_photo_count()
        return box

    def focus_widget(self) -> QWidget:
        """The widget that takes the keyboard when this item becomes the current one."""
        for widget in (self.number_edit, self.text_edit, self.choice_combo, self.photo_button):
            if widget is not None:
                return widget
        return self

    def focus_item(self) -> None:
        widget = self.focus_widget()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    def owns(self, widget: QWidget | None) -> bool:
        while widget is not None:
            if widget is self:
                return True
            widget = widget.parentWidget()
        return False

    # -- answering -------------------------------------------------------------------------

    @property
    def is_answered(self) -> bool:
        kind = self.item.kind
        if kind is ItemKind.PHOTO:
            return self._photo_count > 0
        if kind is ItemKind.NUMBER and self.number_edit is not None:
            try:
                return parse_number(self.number_edit.text()) is not None
            except ValueError:
                return False
        if kind is ItemKind.TEXT and self.text_edit is not None:
            return bool(self.text_edit.text().strip())
        return bool(self._value)

    def choose(self, value: str | None, *, advance: bool) -> None:
        """Answer a yes/no item (``None`` clears it); saved at once."""
        if self.item.kind is not ItemKind.YES_NO_NA:
            return
        if not advance and value == self._value:
            value = None  # clicking the chosen answer again clears it
        self._value = value
        for key, button in self.answer_buttons.items():
            button.setChecked(key == value)
        self._saver.save_now(
            f"answer:{self.key}", self._write_answer(self.key, AnswerValue(choice=value))
        )
        self._answered()
        if advance:
            self.move_requested.emit(1)

    @Slot(str)
    def _number_edited(self, text: str) -> None:
        try:
            number = parse_number(text)
        except ValueError:
            self._saver.discard(f"answer:{self.key}")
            self.show_error(self.tr("Enter a number, e.g. 12 or 12,5."))
            return
        self.show_error(None)
        self._saver.schedule(
            f"answer:{self.key}", self._write_answer(self.key, AnswerValue(number=number))
        )
        self._answered()

    @Slot(str)
    def _text_edited(self, text: str) -> None:
        self._saver.schedule(
            f"answer:{self.key}", self._write_answer(self.key, AnswerValue(text=text))
        )
        self._answered()

    @Slot(int)
    def _choice_changed(self, index: int) -> None:
        assert self.choice_combo is not None
        value = self.choice_combo.itemData(index)
        self._value = value
        self._saver.save_now(
            f"answer:{self.key}", self._write_answer(self.key, AnswerValue(choice=value))
        )
        self._answered()

    def _answered(self) -> None:
        self.refresh_required()
        self.answered_changed.emit(self.key, self.is_answered)

    def set_photo_count(self, count: int) -> None:
        self._photo_count = count
        self._show_photo_count()
        self._answered()

    def _show_photo_count(self) -> None:
        if self.photo_label is None:
            return
        if self._photo_count:
            self.photo_label.setText(
                self.tr("%1 photo(s) linked").replace("%1", str(self._photo_count))
            )
        else:
            self.photo_label.setText(self.tr("No photo linked yet"))

    def show_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))

    def refresh_required(self) -> None:
        open_required = self.item.required and not self.is_answered
        if self.property("requiredOpen") != open_required:
            self.setProperty("requiredOpen", open_required)
            self.style().unpolish(self)
            self.style().polish(self)

    def set_current(self, current: bool) -> None:
        if self.property("current") != current:
            self.setProperty("current", current)
            self.style().unpolish(self)
            self.style().polish(self)

    # -- remark and finding ------------------------------------------------------------------

    @property
    def has_note(self) -> bool:
        return bool(self.remark_edit.text().strip()) or self.finding_kind is not None

    @property
    def finding_kind(self) -> str | None:
        for kind, button in self.kind_buttons.items():
            if button.isChecked():
                return kind
        return None

    def _note(self) -> ItemNote:
        return ItemNote(
            remark=self.remark_edit.text(),
            kind=self.finding_kind,
            action=self.action_edit.text(),
            responsible=self.responsible_edit.text(),
            due_on=from_qdate(self.due_edit.date()),
        )

    @Slot(QDate)
    def _due_changed(self, _date: QDate) -> None:
        self._note_edited()

    @Slot()
    def _note_edited(self) -> None:
        note = self._note()
        self._saver.schedule(f"note:{self.key}", self._write_note(self.key, note))
        self._update_note_button()

    @Slot()
    def _note_edited_now(self) -> None:
        note = self._note()
        self._saver.save_now(f"note:{self.key}", self._write_note(self.key, note))
        self._update_note_button()
        self.follow_up_row.setVisible(self.finding_kind is not None)

    def set_finding_kind(self, kind: str | None) -> None:
        """Mark the item (as the kind buttons do) and save at once."""
        self.note_button.setChecked(True)
        self.kind_buttons[kind].setChecked(True)
        self._note_edited_now()

    def _update_note_button(self) -> None:
        kind = self.finding_kind
        if kind == "knelpunt":
            text = self.tr("Bottleneck")
        elif kind == "opportuniteit":
            text = self.tr("Opportunity")
        elif self.remark_edit.text().strip():
            text = self.tr("Remark ✓")
        else:
            text = self.tr("Remark…")
        self.note_button.setText(text)
        self.note_button.setProperty("marked", kind or "")
        self.note_button.style().unpolish(self.note_button)
        self.note_button.style().polish(self.note_button)

    @Slot(bool)
    def _show_note(self, shown: bool) -> None:
        self.note_panel.setVisible(shown)

    def open_note(self) -> None:
        self.note_button.setChecked(True)
        self.remark_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- keys --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = Qt.Key(event.key())
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if key == Qt.Key.Key_F2:
            self.open_note()
            return True
        if watched in (self.remark_edit, self.action_edit, self.responsible_edit, self.due_edit):
            if key == Qt.Key.Key_Escape:
                self.focus_item()
                return True
            return False
        if plain and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._saver.flush()
            self.move_requested.emit(1 if key == Qt.Key.Key_Down else -1)
            return True
        if watched is self and plain:
            if key in _YES_NO_KEYS:
                self.choose(_YES_NO_KEYS[key], advance=True)
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                if self._value:
                    self.choose(None, advance=False)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_requested.emit(1)
                return True
        if watched is self.choice_combo and plain and self.choice_combo is not None:
            if key in _DIGITS and _DIGITS[key] < self.choice_combo.count():
                self.choice_combo.setCurrentIndex(_DIGITS[key])
                self.move_requested.emit(1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_requested.emit(1)
                return True
        return super().eventFilter(watched, event)
