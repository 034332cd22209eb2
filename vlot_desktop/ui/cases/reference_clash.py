"""The notice under a case's reference when another case has the same one, with the button that
gives this case a new reference (docs/case-references.md, "When it still happens").

A clash is rare (two laptops with the same code that were both offline, or a data folder
restored from a backup or copied) and is never resolved by itself: the user decides which of
the cases gets a new reference, after a confirmation. ``services.cases.give_new_reference``
then runs in a worker (``ui.ops.CollectionOp``, which announces the change); it takes this
laptop's next number and writes the old reference on the timeline. The notice then says what
the case's reference has become.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.case_actions import common
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_date
from vlot_desktop.ui.ops import CollectionOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail, SameReference

NOTICE_STYLE = """
QFrame#referenceClash {
    border: 2px solid #c77700;
    border-radius: 6px;
    background: #fff6e0;
}
QFrame#referenceClash[done="true"] {
    border: 1px solid #1b5e20;
    background: #eef7ee;
}
QFrame#referenceClash QLabel#clashText { color: #4a2c00; }
QFrame#referenceClash[done="true"] QLabel#clashText { color: #1b5e20; }
"""


class ReferenceClashNotice(QFrame):
    """Hidden unless the case shown shares its reference with another case.

    Signals:
        changed(str): the case (id) got a new reference, or turned out to need none or to be
            gone: the pane shows it afresh (and with it this notice).
    """

    changed = Signal(str)

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self.setObjectName("referenceClash")
        self.setStyleSheet(NOTICE_STYLE)
        self.case_id: str | None = None
        self.reference = ""
        self.handle: TaskHandle | None = None
        # (case id, text) of the last new reference given, said until another case is shown.
        self._outcome: tuple[str, str] | None = None

        self.text_label = QLabel(self)
        self.text_label.setObjectName("clashText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("Give a new &reference…"), self)
        self.button.clicked.connect(self.give_new_reference)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.text_label)
        layout.addLayout(row)
        self.hide()

    # -- showing -------------------------------------------------------------------------------

    def show_detail(self, detail: CaseDetail | None) -> None:
        """Show the clash of ``detail`` (hidden when there is none)."""
        self.case_id = detail.id if detail is not None else None
        self.reference = detail.reference if detail is not None else ""
        outcome = self._outcome
        if outcome is not None and outcome[0] != self.case_id:
            self._outcome = outcome = None
        if detail is not None and detail.same_reference:
            self._set_done(False)
            self.text_label.setText(self.notice_text(detail.same_reference))
            self.button.show()
            self.button.setEnabled(self.handle is None)
            self.show()
        elif outcome is not None:
            self._set_done(True)
            self.text_label.setText(outcome[1])
            self.button.hide()
            self.show()
        else:
            self.hide()

    def notice_text(self, others: list[SameReference]) -> str:
        described = "; ".join(self._describe(other) for other in others)
        if len(others) == 1:
            text = self.tr(
                "Another case has the same reference (%1). Give this case a new reference."
            )
        else:
            text = self.tr(
                "%2 other cases have the same reference (%1). Give this case a new reference."
            ).replace("%2", str(len(others)))
        return text.replace("%1", described)

    def _describe(self, other: SameReference) -> str:
        opened = self.tr("opened on %1").replace("%1", format_date(other.opened_on))
        return ", ".join(p for p in (other.contact_name, other.municipality_name, opened) if p)

    def _set_done(self, done: bool) -> None:
        """Green once a new reference was given, orange while the clash is there."""
        self.setProperty("done", done)
        for widget in (self, self.text_label):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def text(self) -> str:
        """What the notice says ("" when hidden)."""
        return self.text_label.text() if not self.isHidden() else ""

    # -- the new reference ---------------------------------------------------------------------

    @Slot()
    def give_new_reference(self) -> bool:
        """Ask, then give the case a new reference in a worker; True when it was started."""
        case_id, old = self.case_id, self.reference
        if case_id is None or self.handle is not None or not self.context.is_ready:
            return False
        if not common.confirm(
            self,
            self.tr("New reference"),
            self.tr("Give this case (%1) a new reference?").replace("%1", old),
            self.tr(
                "It gets the next reference of this laptop; the other case keeps %1. The old "
                "reference is written on the timeline. Let whoever has it on paper or in an "
                "e-mail know the new one."
            ).replace("%1", old),
            self.tr("Give a &new reference"),
        ):
            return False
        from vlot_desktop.services.cases import give_new_reference

        settings = self.context.settings
        user_id, device_id = settings.user_id, settings.device_id
        self.button.setEnabled(False)
        self.handle = (
            CollectionOp(
                self.context,
                lambda store: give_new_reference(
                    store.engine, case_id, author_id=user_id, device_id=device_id
                ),
                # The Dossiers screen shows it itself (``changed``: the pane reads it again).
                changes=Changes.of("case_file", "case_event", ids=[case_id], source="cases"),
                success=lambda new: self._given(case_id, old, str(new)),
            )
            .failure(lambda exc: self._failed(case_id, exc))
            .owned_by(self)
            .named("give new reference")
            .run()
        )
        return True

    def _given(self, case_id: str, old: str, new: str) -> None:
        self.handle = None
        self._outcome = (
            case_id,
            self.tr("This case now has reference %1; the old reference %2 is on the timeline.")
            .replace("%1", new)
            .replace("%2", old),
        )
        self.changed.emit(case_id)

    def _failed(self, case_id: str, exc: BaseException) -> None:
        from vlot_desktop.services.cases import CaseNotFoundError, NoReferenceClashError

        self.handle = None
        self.button.setEnabled(True)
        if isinstance(exc, NoReferenceClashError):
            # Meanwhile (a sync) the other case got a new reference: this one keeps its own.
            self._outcome = (
                case_id,
                self.tr("No other case has this reference any more: it stays as it is."),
            )
            self.changed.emit(case_id)
        elif isinstance(exc, CaseNotFoundError):
            self.changed.emit(case_id)  # the pane says the case is gone
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
