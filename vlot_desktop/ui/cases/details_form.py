"""The editable fields of one case (the Gegevens tab), saved as the user types.

Every edit goes into ``pending``; typing (deadline, summary) restarts a short timer, a choice in a
combo saves at once, and leaving a field, switching case or screen saves what waits. ``flush``
hands all pending changes to ``services.cases.save_case_fields`` in a worker
(``ui.ops.CollectionOp``, which announces the change): one transaction, all or nothing. On an
error nothing is saved, the message appears under the field and the change stays pending (the
user sees what they typed and what is wrong with it). Each save pushes the values it replaced on
an undo stack; ``undo`` writes them back.

Saves run one after another, in the order they were asked for; ``when_saved`` runs a function
once they are done (the pane reads the case afresh only then). A case shown afresh (a change
elsewhere) keeps what is typed and not saved yet, and a value the rules refused, with its
message: only the other fields follow, and only where the stored value changed.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
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
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.cases.field_messages import (
    message_label,
    show_problem,
    show_text,
    shown_text,
)
from vlot_desktop.ui.cases.status_box import StatusBox
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import enum_label, format_date
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.inputs import InputError, parse_date
from vlot_desktop.ui.ops import CollectionOp, QueryOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail, StaffChoice
    from vlot_desktop.domain.location_rules import Problem
    from vlot_desktop.services.cases import CaseSaveResult
    from vlot_desktop.ui.tasks import TaskHandle

AUTOSAVE_MS = 700
# The key of the Dossiers screen: it shows its own changes (the pane re-reads them and says so).
SCREEN = "cases"
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
        # Fields whose text cannot be read (e.g. "31/02/2027"): kept, with their message.
        self._invalid: set[str] = set()
        self._undo: list[dict[str, Any]] = []
        # Writes run one at a time: the one running, those waiting, what waits for them all.
        self._saving: TaskHandle | None = None
        self._queue: list[Callable[[], TaskHandle | None]] = []
        self._when_saved: list[Callable[[], None]] = []
        self._box_message = ""
        self._box_stepped = False
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
        # Before the pane's own slot: what the box said before a step (see ``_show_status``).
        self.status_box.case_changed.connect(self._box_stepping)

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
        """Show ``detail``. Another case: what is still typed for the one shown before is saved
        first. The same case afresh: typed and refused values stay, with their messages."""
        same = detail is not None and detail.id == self.case_id
        if not same:
            if self.pending and self.case_id is not None and self.context.is_ready:
                case_id, values = self.case_id, dict(self.pending)
                self._run_next(lambda: self._save(case_id, values))
            self.timer.stop()
            self.pending.clear()
            self._invalid.clear()
        if detail is None or not same or not keep_undo:
            self._undo.clear()
            self.undo_available.emit(False)
        self.case_id = detail.id if detail is not None else None
        self.detail = detail
        held = set(self.pending) | self._invalid
        for name, label in self.messages.items():
            if name not in held:
                show_problem(label, None)
        if not self.pending:
            show_problem(self.general_message, None)
        self._show_status(detail, same)
        if detail is None:
            return
        self._loading = True
        self.type_value.setText(enum_label(CaseType, detail.case_type))
        self.opened_value.setText(format_date(detail.opened_on))
        # The same case afresh: a field changes only where the stored value differs from what
        # it shows (no cursor moved, no trailing space taken away while someone types).
        if not same or ("deadline" not in held and self._typed_deadline() != detail.deadline):
            self.deadline_edit.setText(format_date(detail.deadline))
        for name, key, text in (
            ("team_code", detail.team_code, detail.team_name),
            ("municipality_nis", detail.municipality_nis, detail.municipality_name),
            ("assigned_to_id", detail.assigned_to_id, detail.assigned_to_name),
        ):
            combo = self.combos[name]
            if not same or (name not in held and combo.currentData() != key):
                self._select(combo, key, text)
        typed = self.summary_edit.toPlainText()
        if not same or ("summary" not in held and (typed.strip() or None) != detail.summary):
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

    def _typed_deadline(self) -> dt.date | bool | None:
        """The date the deadline field holds (``False``: it holds no date)."""
        try:
            return parse_date(self.deadline_edit.text())
        except InputError:
            return False

    @Slot(str)
    def _box_stepping(self, _case_id: str) -> None:
        self._box_message = self.status_box.message_text()
        self._box_stepped = True

    def _show_status(self, detail: CaseDetail | None, same: bool) -> None:
        """The status box shows ``detail``; after a step the rules refused, it keeps its
        message and the explanation typed (to be corrected), as it does when it refuses."""
        box = self.status_box
        refused = ""
        if same and self._box_stepped:
            said = box.message_text()
            refused = said if said and said != self._box_message else ""
        self._box_stepped = False
        remark = box.remark_edit.text()
        box.show_detail(detail)
        if refused:
            if box.remark_edit.isEnabled():
                box.remark_edit.setText(remark)
            show_text(box.message, refused)

    # -- edits ---------------------------------------------------------------------------------

    @Slot(str)
    def _deadline_edited(self, text: str) -> None:
        if self.case_id is None:
            return
        try:
            value = parse_date(text)
        except InputError:
            self.pending.pop("deadline", None)
            self._invalid.add("deadline")
            show_problem(self.messages["deadline"], not_a_date("deadline"))
            return
        self._invalid.discard("deadline")
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
    def flush(self) -> None:
        """Hand what is pending to a worker now (after the saves asked for before)."""
        self.timer.stop()
        if not self.pending or self.case_id is None or not self.context.is_ready:
            return
        if self._save_shown not in self._queue:
            self._run_next(self._save_shown)

    @property
    def is_saving(self) -> bool:
        """True while a save (or an undo) runs or waits."""
        return self._saving is not None or bool(self._queue)

    def when_saved(self, then: Callable[[], None]) -> None:
        """Call ``then`` once every save asked for so far is done (at once when none is)."""
        if self.is_saving:
            self._when_saved.append(then)
        else:
            then()

    def _run_next(self, job: Callable[[], TaskHandle | None] | None = None) -> None:
        """Queue ``job`` (it starts a write and returns its handle), and start the next job
        when none runs; with nothing left, call what waits for the saves."""
        if job is not None:
            self._queue.append(job)
        while self._saving is None and self._queue:
            self._saving = self._queue.pop(0)()
        if self._saving is None:
            waiting, self._when_saved = self._when_saved, []
            for then in waiting:
                then()

    def _done(self) -> None:
        self._saving = None
        self._run_next()

    def _save_shown(self) -> TaskHandle | None:
        """Save what is pending for the case shown now (its turn came)."""
        if not self.pending or self.case_id is None:
            return None
        return self._save(self.case_id, dict(self.pending))

    def _save(self, case_id: str, values: dict[str, Any], *, undoing: bool = False) -> TaskHandle:
        from vlot_desktop.services.cases import save_case_fields

        author_id = self.context.settings.user_id

        def changes(result: CaseSaveResult) -> Changes:
            if not result.saved:
                return Changes()  # refused: nothing changed
            return Changes.of("case_file", "case_event", ids=[case_id], source=SCREEN)

        def saved(result: CaseSaveResult) -> None:
            if undoing:
                self._undone(case_id, values, result)
            else:
                self._saved(case_id, values, result)
            self._done()

        return (
            CollectionOp(
                self.context,
                lambda store: save_case_fields(store.engine, case_id, values, author_id=author_id),
                changes=changes,
                success=saved,
            )
            .failure(lambda exc: self._save_failed(case_id, exc))
            .owned_by(self)
            .run()
        )

    def _saved(self, case_id: str, values: dict[str, Any], result: CaseSaveResult) -> None:
        if case_id == self.case_id:
            if not result.saved:
                self._show_problems(result.problems, list(values))
                self.save_state_changed.emit(self.tr("Not saved: correct the marked fields."))
                return
            for name in values:
                if name in self.pending and self.pending[name] is values[name]:
                    del self.pending[name]
            replaced = {k: v for k, v in result.previous.items() if _differs(v, values.get(k))}
            if replaced:
                self._undo.append(replaced)
                self.undo_available.emit(True)
            for name in values:
                if name not in self.pending and name not in self._invalid:
                    show_problem(self.messages[name], None)
            show_problem(self.general_message, None)
            now = dt.datetime.now()
            self.save_state_changed.emit(
                self.tr("Saved at %1.").replace("%1", f"{now.hour:02d}:{now.minute:02d}")
            )
        if result.saved:
            self.saved.emit(case_id)

    def _save_failed(self, case_id: str, exc: BaseException) -> None:
        from vlot_desktop.services.cases import CaseNotFoundError

        if not shiboken6.isValid(self):
            return
        if isinstance(exc, CaseNotFoundError):
            if case_id == self.case_id:
                self.pending.clear()
                show_text(self.general_message, self.tr("This case no longer exists."))
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        self._done()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @Slot()
    def undo(self) -> None:
        """Write back the values the last saved change replaced (after what is typed)."""
        self.flush()
        self._run_next(self._undo_last)

    def _undo_last(self) -> TaskHandle | None:
        if not self._undo or self.case_id is None:
            return None
        return self._save(self.case_id, dict(self._undo[-1]), undoing=True)

    def _undone(self, case_id: str, previous: dict[str, Any], result: CaseSaveResult) -> None:
        from vlot_desktop.services import case_detail

        if case_id != self.case_id:
            return
        if not result.saved:
            self._show_problems(result.problems, list(previous))
            self.save_state_changed.emit(self.tr("The change could not be undone."))
            return
        self._undo.pop()
        self.undo_available.emit(bool(self._undo))
        for name in previous:  # the fields show the values written back
            self.pending.pop(name, None)
            self._invalid.discard(name)
        today = dt.date.today()

        def show(detail: CaseDetail | None) -> None:
            if detail is None or detail.id != self.case_id:
                return
            self.show_detail(detail, keep_undo=True)
            self.save_state_changed.emit(self.tr("The last change was undone."))
            self.saved.emit(case_id)

        QueryOp(
            self.context,
            lambda store: store.read(case_detail.detail, case_id, today),
            success=show,
        ).owned_by(self).latest("undone").run()

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
