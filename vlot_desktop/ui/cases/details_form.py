"""The editable fields of one case (the Gegevens tab), saved as the user types.

Every edit goes into ``pending``; typing (deadline, summary) restarts a short timer, a choice in a
combo saves at once, and leaving a field, switching case or screen saves what waits. ``flush``
hands all pending changes to ``services.cases.save_case_fields``: one transaction, all or
nothing. On an error nothing is saved, the message appears under the field and the change stays
pending (the user sees what they typed and what is wrong with it). Each save pushes the values
it replaced on an undo stack; ``undo`` writes them back.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import CaseType
from vlot_desktop.domain.location_rules import not_a_date
from vlot_desktop.ui.cases.field_messages import message_label, show_problem, shown_text
from vlot_desktop.ui.cases.status_box import StatusBox
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import enum_label, format_date
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.inputs import InputError, parse_date

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail, StaffChoice
    from vlot_desktop.domain.location_rules import Problem

AUTOSAVE_MS = 700
COMBO_FIELDS = ("team_code", "municipality_nis", "assigned_to_id")
MESSAGE_FIELDS = ("deadline", "summary", *COMBO_FIELDS)


def _combo(parent: QWidget, accessible: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    return combo


class CaseForm(QWidget):
    """Signals:
    saved(str): a change of this case (id) is in the database.
    undo_available(bool): whether there is a change to undo.
    save_state_changed(str): a line for the pane ("Bewaard om 14:03").
    """

    saved = Signal(str)
    undo_available = Signal(bool)
    save_state_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id: str | None = None
        self.detail: CaseDetail | None = None
        self.pending: dict[str, Any] = {}
        self._undo: list[dict[str, Any]] = []
        self._loading = False
        self._staff_names: dict[str, str] = {}

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)

        self.type_value = QLabel(self)
        self.opened_value = QLabel(self)
        self.place_value = QLabel(self)
        self.place_value.setWordWrap(True)
        self.outcome_value = QLabel(self)
        self.outcome_value.setWordWrap(True)
        self.status_box = StatusBox(context, self)

        self.deadline_edit = QLineEdit(self)
        self.deadline_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.deadline_edit.setAccessibleName(self.tr("Deadline"))
        self.deadline_edit.setToolTip(
            self.tr("The date a solution is needed by, e.g. when the host family stops")
        )
        self.deadline_edit.setMaximumWidth(120)
        self.deadline_edit.textEdited.connect(self._deadline_edited)
        self.deadline_edit.editingFinished.connect(self.flush)
        self.combos: dict[str, QComboBox] = {
            "team_code": _combo(self, self.tr("Team")),
            "municipality_nis": _combo(self, self.tr("Municipality")),
            "assigned_to_id": _combo(self, self.tr("Assigned to")),
        }
        for name, combo in self.combos.items():
            combo.setProperty("field", name)
            combo.activated.connect(self._combo_activated)
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setAccessibleName(self.tr("Summary"))
        self.summary_edit.setPlaceholderText(
            self.tr("What the household needs, what was agreed, what is next")
        )
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(self.fontMetrics().height() * 6)
        self.summary_edit.textChanged.connect(self._summary_edited)
        self.summary_edit.installEventFilter(self)
        self.messages = {name: message_label(self) for name in MESSAGE_FIELDS}
        self.general_message = message_label(self)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Type:"), self.type_value)
        form.addRow(self.tr("Opened on:"), self.opened_value)
        for caption, name, editor in (
            (self.tr("&Deadline:"), "deadline", self.deadline_edit),
            (self.tr("&Team:"), "team_code", self.combos["team_code"]),
            (self.tr("&Municipality:"), "municipality_nis", self.combos["municipality_nis"]),
            (self.tr("&Assigned to:"), "assigned_to_id", self.combos["assigned_to_id"]),
            (self.tr("S&ummary:"), "summary", self.summary_edit),
        ):
            row = QHBoxLayout()
            row.addWidget(editor, 0 if name == "deadline" else 1)
            if name == "deadline":
                row.addStretch(1)
            cell = QVBoxLayout()
            cell.setSpacing(1)
            cell.addLayout(row)
            cell.addWidget(self.messages[name])
            label = QLabel(caption, self)
            label.setBuddy(editor)
            form.addRow(label, cell)
        form.addRow(self.tr("Assigned place:"), self.place_value)
        self.outcome_label = QLabel(self.tr("Outcome:"), self)
        form.addRow(self.outcome_label, self.outcome_value)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.status_box)
        layout.addLayout(form)
        layout.addWidget(self.general_message)
        layout.addStretch(1)

    # -- choices -----------------------------------------------------------------------------

    def set_choices(
        self,
        teams: list[tuple[str, str]],
        municipalities: list[tuple[str, str]],
        staff: list[StaffChoice],
    ) -> None:
        """The reference lists: (code, name) of the teams and municipalities, the staff."""
        self._staff_names = {s.id: s.name for s in staff}
        self._fill(self.combos["team_code"], teams, empty=None)
        self._fill(self.combos["municipality_nis"], municipalities, empty=None)
        self._fill(
            self.combos["assigned_to_id"],
            [(s.id, s.name) for s in staff],
            empty=self.tr("(nobody)"),
        )
        if self.detail is not None:  # refilled while a case is shown: show its values again
            self._select_choices(self.detail)

    def _select_choices(self, detail: CaseDetail) -> None:
        self._select(self.combos["team_code"], detail.team_code, detail.team_name)
        self._select(
            self.combos["municipality_nis"], detail.municipality_nis, detail.municipality_name
        )
        self._select(self.combos["assigned_to_id"], detail.assigned_to_id, detail.assigned_to_name)

    @staticmethod
    def _fill(combo: QComboBox, choices: list[tuple[str, str]], *, empty: str | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        if empty is not None:
            combo.addItem(empty, None)
        for key, text in choices:
            combo.addItem(text, key)
        combo.blockSignals(False)

    @staticmethod
    def _select(combo: QComboBox, key: object, text: str | None = None) -> None:
        combo.blockSignals(True)
        index = combo.findData(key)
        if index < 0 and key is not None and text:
            combo.addItem(text, key)  # e.g. a colleague who left: still shown
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # -- showing a case ------------------------------------------------------------------------

    def show_detail(self, detail: CaseDetail | None, *, keep_undo: bool = False) -> None:
        """Show ``detail`` (the caller flushed the previous case first)."""
        self.timer.stop()
        self.pending.clear()
        if detail is None or detail.id != self.case_id or not keep_undo:
            self._undo.clear()
            self.undo_available.emit(False)
        self.case_id = detail.id if detail is not None else None
        self.detail = detail
        for label in self.messages.values():
            show_problem(label, None)
        show_problem(self.general_message, None)
        self.status_box.show_detail(detail)
        if detail is None:
            return
        self._loading = True
        self.type_value.setText(enum_label(CaseType, detail.case_type))
        self.opened_value.setText(format_date(detail.opened_on))
        self.deadline_edit.setText(format_date(detail.deadline))
        self._select_choices(detail)
        self.summary_edit.setPlainText(detail.summary or "")
        place = detail.place
        self.place_value.setText(
            f"{place.label}, {place.location_name} ({place.municipality_name})"
            if place is not None
            else self.tr("none yet")
        )
        self.outcome_value.setText(detail.outcome or "")
        self.outcome_label.setVisible(bool(detail.outcome))
        self.outcome_value.setVisible(bool(detail.outcome))
        # Once the personal data is erased, nothing personal may be typed in again.
        self.summary_edit.setReadOnly(detail.personal_data_erased_on is not None)
        self._loading = False

    # -- edits ---------------------------------------------------------------------------------

    @Slot(str)
    def _deadline_edited(self, text: str) -> None:
        if self.case_id is None:
            return
        try:
            value = parse_date(text)
        except InputError:
            self.pending.pop("deadline", None)
            show_problem(self.messages["deadline"], not_a_date("deadline"))
            return
        show_problem(self.messages["deadline"], None)
        self.pending["deadline"] = value
        self.timer.start()

    @Slot(int)
    def _combo_activated(self, index: int) -> None:
        sender = self.sender()
        if not isinstance(sender, QComboBox) or self.case_id is None:
            return
        self.pending[str(sender.property("field"))] = sender.itemData(index)
        self.flush()

    @Slot()
    def _summary_edited(self) -> None:
        if self._loading or self.case_id is None:
            return
        self.pending["summary"] = self.summary_edit.toPlainText()
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Leaving the summary saves it at once, as leaving a line edit does.
        if watched is self.summary_edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    # -- saving --------------------------------------------------------------------------------

    @Slot()
    def flush(self) -> bool:
        """Save what is pending now; True when nothing is left unsaved."""
        self.timer.stop()
        if not self.pending or self.case_id is None or not self.context.is_ready:
            return not self.pending
        changes = dict(self.pending)
        result = self._save(changes)
        if result is None:
            return False
        if not result.saved:
            self._show_problems(result.problems, list(changes))
            self.save_state_changed.emit(self.tr("Not saved: correct the marked fields."))
            return False
        for name in changes:
            if self.pending.get(name) is changes[name]:
                del self.pending[name]
        replaced = {k: v for k, v in result.previous.items() if _differs(v, changes.get(k))}
        if replaced:
            self._undo.append(replaced)
            self.undo_available.emit(True)
        for name in changes:
            show_problem(self.messages[name], None)
        show_problem(self.general_message, None)
        now = dt.datetime.now()
        self.save_state_changed.emit(
            self.tr("Saved at %1.").replace("%1", f"{now.hour:02d}:{now.minute:02d}")
        )
        self.saved.emit(self.case_id)
        return not self.pending

    def _save(self, changes: dict[str, Any]) -> Any:
        from vlot_desktop.services.cases import CaseNotFoundError, save_case_fields

        assert self.case_id is not None
        try:
            return save_case_fields(
                self.context.engine,
                self.case_id,
                changes,
                author_id=self.context.settings.user_id,
            )
        except CaseNotFoundError:
            self.pending.clear()
            self.general_message.setText(self.tr("This case no longer exists."))
            self.general_message.show()
            return None

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @Slot()
    def undo(self) -> None:
        """Write back the values the last saved change replaced."""
        self.flush()
        if not self._undo or self.case_id is None:
            return
        previous = self._undo[-1]
        result = self._save(dict(previous))
        if result is None:
            return
        if not result.saved:
            self._show_problems(result.problems, list(previous))
            self.save_state_changed.emit(self.tr("The change could not be undone."))
            return
        self._undo.pop()
        self.undo_available.emit(bool(self._undo))
        from vlot_desktop.db.queries.cases import case_detail

        with self.context.connection() as conn:
            detail = case_detail(conn, self.case_id)
        self.show_detail(detail, keep_undo=True)
        self.save_state_changed.emit(self.tr("The last change was undone."))
        if self.case_id is not None:
            self.saved.emit(self.case_id)

    # -- messages --------------------------------------------------------------------------------

    def _show_problems(self, problems: list[Problem], fields: list[str]) -> None:
        for name in fields:
            if name in self.messages:
                show_problem(self.messages[name], None)
        general: list[str] = []
        for problem in problems:
            if problem.field in self.messages:
                show_problem(self.messages[problem.field], problem)
            elif problem.is_error:
                general.append(problem.text(current_language()))
        self.general_message.setText("\n".join(general))
        self.general_message.setVisible(bool(general))

    def message_text(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none)."""
        label = self.messages.get(name)
        return shown_text(label) if label is not None else ""


def _differs(old: object, new: object) -> bool:
    def normal(value: object) -> object:
        return None if value == "" else value

    return normal(old) != normal(new)
