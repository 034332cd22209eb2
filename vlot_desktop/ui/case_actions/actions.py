"""Ready QActions for the Dossiers screen's "Acties" menu and for the main window's menus.

Each case action first reads the case in a worker (``services.case_detail.detail`` through
``ui.ops.QueryOp``), then opens its dialog.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from vlot_desktop.ui.case_actions.agenda_dialog import AgendaDialog
from vlot_desktop.ui.case_actions.common import FileOpener
from vlot_desktop.ui.case_actions.household import is_erased
from vlot_desktop.ui.case_actions.member_choice import MemberChoiceDialog
from vlot_desktop.ui.case_actions.member_erase import MemberEraser
from vlot_desktop.ui.case_actions.retention_dialog import RetentionDialog
from vlot_desktop.ui.case_actions.subject_access_dialog import SubjectAccessDialog
from vlot_desktop.ui.case_actions.summary_dialog import CaseSummaryDialog
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail

SUMMARY, SUBJECT_ACCESS, ERASE = "summary", "subject_access", "erase"


class CaseActionController(QObject):
    """Carries out the case actions for the case ``case_id_getter()`` returns.

    Each action loads the case in a worker first (the detail is small), then opens its dialog.
    The dialog and the eraser live as children of ``parent``; ``on_changed(case_id)`` is called
    after a member was erased.
    """

    def __init__(
        self,
        context: AppContext,
        runner: TaskRunner,
        parent: QWidget,
        case_id_getter: Callable[[], str | None],
        on_changed: Callable[[str], None] | None = None,
        opener: FileOpener | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self.widget = parent
        self.case_id_getter = case_id_getter
        self.on_changed = on_changed
        self.opener = opener
        self.dialog: QDialog | None = None
        self.handle: TaskHandle | None = None
        self.eraser = MemberEraser(context, runner, parent)
        self.eraser.erased.connect(self._erased)
        self._erasing_case: str | None = None
        self.summary_action = QAction(self.tr("Case &summary (PDF)…"), parent)
        self.summary_action.triggered.connect(self.summary)
        self.subject_access_action = QAction(self.tr("Subject access &export of a person…"), parent)
        self.subject_access_action.triggered.connect(self.subject_access)
        self.erase_action = QAction(self.tr("E&rase person…"), parent)
        self.erase_action.triggered.connect(self.erase)

    def actions(self) -> list[QAction]:
        return [self.summary_action, self.subject_access_action, self.erase_action]

    @Slot()
    def summary(self) -> None:
        self._with_detail(SUMMARY)

    @Slot()
    def subject_access(self) -> None:
        self._with_detail(SUBJECT_ACCESS)

    @Slot()
    def erase(self) -> None:
        self._with_detail(ERASE)

    def _with_detail(self, action: str) -> None:
        case_id = self.case_id_getter()
        if case_id is None or not self.context.is_ready:
            return
        from vlot_desktop.services import case_detail

        today = dt.date.today()
        self.handle = (
            QueryOp(
                self.context,
                lambda store: store.read(case_detail.detail, case_id, today),
                success=lambda detail: self.open_action(action, detail),
            )
            .failure(lambda exc: sys.excepthook(type(exc), exc, exc.__traceback__))
            .owned_by(self)
            .latest("case")
            .named("case actions")
            .run()
        )

    def open_action(self, action: str, detail: CaseDetail | None) -> None:
        """Open the dialog of ``action`` for the loaded case (the tests call this directly)."""
        if detail is None:
            self._inform(
                self.tr("This case no longer exists (erased or removed on another laptop).")
            )
            return
        if action == SUMMARY:
            self._show(
                CaseSummaryDialog(self.context, self.runner, detail, self.widget, self.opener)
            )
            return
        if action == SUBJECT_ACCESS:
            member_id = self._choose_member(
                detail,
                list(detail.members),
                self.tr("Subject access export"),
                self.tr("Whose data do you want to export?"),
            )
            if member_id is not None:
                self._show(
                    SubjectAccessDialog(
                        self.context, self.runner, detail, member_id, self.widget, self.opener
                    )
                )
            return
        members = [m for m in detail.members if not is_erased(m)]
        if not members:
            self._inform(self.tr("Every member of this household has been erased already."))
            return
        member_id = self._choose_member(
            detail, members, self.tr("Erase person"), self.tr("Whom do you want to erase?")
        )
        if member_id is not None:
            self._erasing_case = detail.id
            self.eraser.erase(detail, member_id)

    def _choose_member(
        self, detail: CaseDetail, members: list[Any], title: str, question: str
    ) -> str | None:
        if not members:
            self._inform(self.tr("This case has no household members."))
            return None
        if len(members) == 1:
            return str(members[0].id)
        dialog = MemberChoiceDialog(detail, members, title, question, self.widget)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.member_id()
        finally:
            dialog.deleteLater()

    def _show(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _inform(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Case"), text, parent=self.widget)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    @Slot(str)
    def _erased(self, _member_id: str) -> None:
        if self.on_changed is not None and self._erasing_case is not None:
            self.on_changed(self._erasing_case)


def case_actions(
    context: AppContext,
    runner: TaskRunner,
    parent: QWidget,
    case_id_getter: Callable[[], str | None],
    on_changed: Callable[[str], None] | None = None,
    opener: FileOpener | None = None,
) -> list[QAction]:
    """The Dossiers detail's "Acties": Dossieroverzicht (PDF)…, Inzage-export…, Persoon wissen…

    ``case_id_getter()`` gives the case shown (``None``: the actions do nothing; disable them
    while no case is chosen). ``on_changed(case_id)`` runs after an erasure.
    """
    controller = CaseActionController(context, runner, parent, case_id_getter, on_changed, opener)
    return controller.actions()


class _DialogAction(QObject):
    """A QAction that opens one (non-modal, self-deleting) dialog made by ``factory``."""

    def __init__(self, parent: QWidget, text: str, factory: Callable[[], QDialog]) -> None:
        super().__init__(parent)
        self.factory = factory
        self.dialog: QDialog | None = None
        self.action = QAction(text, parent)
        self.action.triggered.connect(self.open)

    @Slot()
    def open(self) -> None:
        dialog = self.factory()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()


def agenda_action(
    context: AppContext, runner: TaskRunner, parent: QWidget, opener: FileOpener | None = None
) -> QAction:
    """ "Agenda wekelijks overleg (PDF)…" for the main window's menu."""
    holder = _DialogAction(
        parent,
        QCoreApplication.translate("CaseActions", "Weekly meeting &agenda (PDF)…"),
        lambda: AgendaDialog(context, runner, parent, opener),
    )
    return holder.action


def retention_action(context: AppContext, runner: TaskRunner, parent: QWidget) -> QAction:
    """ "Bewaartermijn toepassen…" for the main window's menu."""
    holder = _DialogAction(
        parent,
        QCoreApplication.translate("CaseActions", "Apply the &retention period…"),
        lambda: RetentionDialog(context, runner, parent),
    )
    return holder.action
