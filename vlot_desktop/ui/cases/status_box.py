"""The case's status and its next workflow step (top of the Gegevens tab).

Only the steps ``domain.case_rules.next_statuses`` allows are offered. The service checks the
step again against the status in the database: when a colleague's change (synced in) moved the
case meanwhile, the step is refused with the rule's Dutch message and the box shows the status
the case really has. The step is written in a worker (``services.cases.change_status`` through
``ui.ops.CollectionOp``, which announces it); its outcome comes back as ``case_changed``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from vlot_desktop.domain.case_rules import next_statuses
from vlot_desktop.domain.enums import CaseStatus
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.cases.field_messages import (
    UNCUT,
    message_label,
    show_problem,
    show_text,
    shown_text,
)
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import enum_label, format_date
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import CollectionOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail
    from vlot_desktop.domain.location_rules import Problem
    from vlot_desktop.ui.tasks import TaskHandle


class StatusBox(QGroupBox):
    """Signals:
    case_changed(str): the status of this case (id) changed, here or (found out on a refused
        step) elsewhere: the pane reloads it.
    """

    case_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Status"), parent)
        self.context = context
        self.case_id: str | None = None
        self.status: CaseStatus | None = None
        self.handle: TaskHandle | None = None

        self.current_label = QLabel(self)
        font = self.current_label.font()
        font.setBold(True)
        self.current_label.setFont(font)
        self.next_combo = QComboBox(self)
        self.next_combo.setAccessibleName(self.tr("New status"))
        self.next_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.next_combo.setMinimumContentsLength(14)
        self.remark_edit = QLineEdit(self)
        self.remark_edit.setMaxLength(UNCUT)
        self.remark_edit.setAccessibleName(self.tr("Explanation of the status change"))
        self.remark_edit.setPlaceholderText(self.tr("Optional, goes on the timeline"))
        self.change_button = QPushButton(self.tr("&Change status"), self)
        self.change_button.clicked.connect(self.change_status)
        self.remark_edit.returnPressed.connect(self.change_status)
        self.message = message_label(self)

        new_label = QLabel(self.tr("&New status:"), self)
        new_label.setBuddy(self.next_combo)
        remark_label = QLabel(self.tr("E&xplanation:"), self)
        remark_label.setBuddy(self.remark_edit)
        step = QHBoxLayout()
        step.addWidget(self.next_combo, 1)
        step.addWidget(self.change_button)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Current status:"), self.current_label)
        form.addRow(new_label, step)
        form.addRow(remark_label, self.remark_edit)
        form.addRow(self.message)

    def show_detail(self, detail: CaseDetail | None) -> None:
        self.case_id = detail.id if detail is not None else None
        show_problem(self.message, None)
        self.remark_edit.clear()
        self.next_combo.clear()
        if detail is None:
            self.status = None
            return
        try:
            self.status = CaseStatus(detail.status)
        except ValueError:  # a status of a newer version of the app: no steps from here
            self.status = None
        text = enum_label(CaseStatus, detail.status)
        if detail.closed_on is not None and self.status is not None and not self.status.is_open:
            text = (
                self.tr("%1 (since %2)")
                .replace("%1", text)
                .replace("%2", format_date(detail.closed_on))
            )
        self.current_label.setText(text)
        steps = next_statuses(self.status) if self.status is not None else frozenset()
        # In workflow order (the order of the enum), not the set's.
        for status in CaseStatus:
            if status in steps:
                self.next_combo.addItem(status.label(current_language()), status.value)
        can_step = self.next_combo.count() > 0
        self.next_combo.setEnabled(can_step)
        self.change_button.setEnabled(can_step)
        self.remark_edit.setEnabled(can_step)

    @Slot()
    def change_status(self) -> bool:
        """Take the chosen step in a worker; True when it was handed to the service (a refusal
        shows here once it answers, with the case as it really is)."""
        value = self.next_combo.currentData()
        if self.case_id is None or value is None:
            return False
        return self.step_to(CaseStatus(str(value)))

    @property
    def busy(self) -> bool:
        return self.handle is not None and not self.handle.is_finished

    def step_to(self, status: CaseStatus) -> bool:
        """Move the case to ``status`` in a worker (the service checks the workflow and says
        why not); False when no case is shown or a step is still being written."""
        from vlot_desktop.services.cases import change_status

        case_id = self.case_id
        if case_id is None or self.busy:
            return False
        author_id = self.context.settings.user_id
        remark = self.remark_edit.text()

        def changes(problems: list[Problem]) -> Changes:
            if any(p.is_error for p in problems):
                return Changes()  # refused: nothing changed
            # The Dossiers screen shows it itself (``case_changed``: the pane reads it again).
            return Changes.of("case_file", "case_event", ids=[case_id], source="cases")

        self.change_button.setEnabled(False)
        self.handle = (
            CollectionOp(
                self.context,
                lambda store: change_status(
                    store.engine, case_id, status, author_id=author_id, text=remark
                ),
                changes=changes,
                success=lambda problems: self._stepped(case_id, remark, problems),
            )
            .failure(lambda exc: self._step_failed(case_id, exc))
            .owned_by(self)
            .named("change case status")
            .run()
        )
        return True

    def _stepped(self, case_id: str, remark: str, problems: list[Problem]) -> None:
        self.handle = None
        self.change_button.setEnabled(self.next_combo.count() > 0)
        errors = [p for p in problems if p.is_error]
        if case_id != self.case_id:
            return
        if errors:
            # The case may have moved on elsewhere: show where it is now, then say why not.
            self.case_changed.emit(case_id)
            if self.case_id == case_id and self.remark_edit.isEnabled():
                self.remark_edit.setText(remark)  # kept, to be corrected (e.g. too long)
            show_problem(self.message, errors[0])
            return
        self.case_changed.emit(case_id)

    def _step_failed(self, case_id: str, exc: BaseException) -> None:
        from vlot_desktop.services.cases import CaseNotFoundError

        self.handle = None
        self.change_button.setEnabled(self.next_combo.count() > 0)
        if not isinstance(exc, CaseNotFoundError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
        elif case_id == self.case_id:
            show_text(self.message, self.tr("This case no longer exists."))

    def message_text(self) -> str:
        return shown_text(self.message)
