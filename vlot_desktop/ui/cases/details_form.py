"""The editable fields of one case (the Gegevens tab), on the editing component (``ui.forms``).

The deadline, the team, the municipality, the staff member and the summary save as the user
types through ``services.cases.save_case_fields`` (one transaction, all or nothing, announced);
a choice saves at once. What cannot be saved stays in its field with its message, also when the
user moves to another case and back, and Ctrl+Z takes back the last change
(``ui.forms.record_editor`` says how). The status box above them takes the status steps; after
a step the rules refused it keeps its message and the explanation typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import CaseType
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.cases.field_messages import show_text
from vlot_desktop.ui.cases.status_box import StatusBox
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import enum_label, format_date
from vlot_desktop.ui.forms import ChoiceField, DateField, NotesField, RecordEditor

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail, StaffChoice
    from vlot_desktop.services.cases import CaseSaveResult
    from vlot_desktop.services.store import Store

# The key of the Dossiers screen: it shows its own changes (the pane re-reads them and says so).
SCREEN = "cases"
# services.cases.SUMMARY_MAX (not imported: that would load the database layer at start-up).
SUMMARY_LIMIT = 10_000


def _shown_choices(detail: CaseDetail) -> list[tuple[str, str | None, str | None]]:
    """(field, key, name) of the case's choices, as the case names them."""
    return [
        ("team_code", detail.team_code, detail.team_name),
        ("municipality_nis", detail.municipality_nis, detail.municipality_name),
        ("assigned_to_id", detail.assigned_to_id, detail.assigned_to_name),
    ]


def _saver(context: AppContext) -> Callable[[Store, str, dict[str, Any]], CaseSaveResult]:
    """The one service of the fields, called in a worker (it holds no widget)."""

    def save(store: Store, case_id: str, values: dict[str, Any]) -> CaseSaveResult:
        from vlot_desktop.services.cases import save_case_fields

        return save_case_fields(store.engine, case_id, values, author_id=context.settings.user_id)

    return save


def _gone(exc: BaseException) -> bool:
    from vlot_desktop.services.cases import CaseNotFoundError

    return isinstance(exc, CaseNotFoundError)


class CaseForm(QWidget):
    """Attributes (for the pane and the tests):
    editor: the ``RecordEditor`` (the pane places its ``notice``); ``deadline_edit``,
    ``summary_edit``, ``combos`` and ``messages`` are its widgets by field name;
    ``status_box`` takes the status steps.

    Signals:
    saved(str): a change of this case (id) is in the database.
    undo_available(bool): whether there is a saved change to undo.
    save_state_changed(str): a line for the pane ("Bewaard om 14:03").
    """

    saved = Signal(str)
    undo_available = Signal(bool)
    save_state_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.detail: CaseDetail | None = None
        self._box_message = ""
        self._box_stepped = False

        self.type_value = QLabel(self)
        self.opened_value = QLabel(self)
        self.place_value = QLabel(self)
        self.place_value.setWordWrap(True)
        self.outcome_value = QLabel(self)
        self.outcome_value.setWordWrap(True)
        self.status_box = StatusBox(context, self)
        # Before the pane's own slot: what the box said before a step (see ``_show_status``).
        self.status_box.case_changed.connect(self._box_stepping)

        editor = RecordEditor(
            context,
            save=_saver(context),
            changes=lambda case_id: Changes.of(
                "case_file", "case_event", ids=[case_id], source=SCREEN
            ),
            is_gone=_gone,
            gone_text=self.tr("This case no longer exists."),
            parent=self,
        )
        self.editor = editor
        deadline = editor.add(DateField("deadline", self.tr("&Deadline")))
        deadline.edit.setToolTip(
            self.tr("The date a solution is needed by, e.g. when the host family stops")
        )
        self.choice_fields: dict[str, ChoiceField] = {
            "team_code": editor.add(ChoiceField("team_code", self.tr("&Team"), min_length=14)),
            "municipality_nis": editor.add(
                ChoiceField("municipality_nis", self.tr("&Municipality"), min_length=14)
            ),
            "assigned_to_id": editor.add(
                ChoiceField(
                    "assigned_to_id",
                    self.tr("&Assigned to"),
                    empty=self.tr("(nobody)"),
                    min_length=14,
                )
            ),
        }
        summary = editor.add(
            NotesField("summary", self.tr("S&ummary"), limit=SUMMARY_LIMIT, lines=6)
        )
        summary.edit.setPlaceholderText(
            self.tr("What the household needs, what was agreed, what is next")
        )
        self.deadline_edit = deadline.edit
        self.summary_edit = summary.edit
        self.combos = {name: f.combo for name, f in self.choice_fields.items()}
        self.messages = {name: f.message for name, f in editor.fields.items()}
        self.general_message = editor.general
        editor.saved.connect(self.saved)
        editor.undo_available.connect(self.undo_available)
        editor.state_changed.connect(self.save_state_changed)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Type:"), self.type_value)
        form.addRow(self.tr("Opened on:"), self.opened_value)
        editor.add_rows(
            form, ["deadline", "team_code", "municipality_nis", "assigned_to_id", "summary"], self
        )
        form.addRow(self.tr("Assigned place:"), self.place_value)
        self.outcome_label = QLabel(self.tr("Outcome:"), self)
        form.addRow(self.outcome_label, self.outcome_value)

        editor.general.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.status_box)
        layout.addLayout(form)
        layout.addWidget(editor.general)
        layout.addStretch(1)

    # -- what the pane asks ------------------------------------------------------------------

    @property
    def case_id(self) -> str | None:
        return self.editor.record_id

    @property
    def pending(self) -> dict[str, Any]:
        """Typed or chosen, not in the database yet (waiting, being written, or refused)."""
        return self.editor.pending

    @property
    def is_saving(self) -> bool:
        return self.editor.is_saving

    @property
    def can_undo(self) -> bool:
        return self.editor.can_undo

    def flush(self) -> None:
        """Hand what is typed to a worker now (``when_saved`` says when it is written)."""
        self.editor.flush()

    def when_saved(self, then: Callable[[], None]) -> None:
        self.editor.when_saved(then)

    @Slot()
    def undo(self) -> None:
        self.editor.undo()

    def message_text(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none)."""
        return self.editor.message_text(name)

    # -- choices -----------------------------------------------------------------------------

    def set_choices(
        self,
        teams: list[tuple[str, str]],
        municipalities: list[tuple[str, str]],
        staff: list[StaffChoice],
    ) -> None:
        """The reference lists: (code, name) of the teams and municipalities, the staff."""
        lists = {
            "team_code": teams,
            "municipality_nis": municipalities,
            "assigned_to_id": [(s.id, s.name) for s in staff],
        }
        if self.detail is not None:  # refilled while a case is shown: its values stay shown
            for name, key, text in _shown_choices(self.detail):
                if key is not None and text and key not in {k for k, _t in lists[name]}:
                    lists[name] = [*lists[name], (key, text)]
        for name, items in lists.items():
            self.editor.refill(name, items)

    def _add_missing(self, detail: CaseDetail) -> None:
        """A value the lists do not hold (a colleague who left) is still shown, by its name."""
        for name, key, text in _shown_choices(detail):
            if key is not None and text:
                self.choice_fields[name].add_choice(key, text)

    # -- showing a case ------------------------------------------------------------------------

    def show_detail(self, detail: CaseDetail | None, *, keep_undo: bool = False) -> None:
        """Show ``detail``. Another case: what is typed for the one shown before is saved
        first, and what cannot be saved stays with it. The same case afresh: what is typed and
        refused stays, with its messages."""
        same = detail is not None and detail.id == self.editor.record_id
        self.detail = detail
        self._show_status(detail, same)
        if detail is None:
            self.editor.show_record(None)
            return
        self._add_missing(detail)
        self.editor.show_record(detail.id, detail, title=detail.reference, keep_undo=keep_undo)
        self.type_value.setText(enum_label(CaseType, detail.case_type))
        self.opened_value.setText(format_date(detail.opened_on))
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
