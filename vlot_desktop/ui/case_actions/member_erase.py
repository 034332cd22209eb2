"""Persoon wissen: erase one household member, after a confirmation that says what goes.

The erasure is the sync's purge (``services.privacy.erase_member``): it reaches every laptop
at the next sync, wins over any edit and cannot be undone. The row stays, anonymous, so the
household still counts right. It runs in a worker (``services.case_privacy.erase_member``
through ``ui.ops.CollectionOp``, which announces it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.case_actions import common
from vlot_desktop.ui.case_actions.household import member_label
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.ops import CollectionOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail


class MemberEraser(QObject):
    """Asks, then erases in a worker.

    Signals:
        erased(str): the member (id) was erased; the caller reloads what it shows.
        failed(str): the erasure failed; the Dutch message (also shown in a message box).
    """

    erased = Signal(str)
    failed = Signal(str)

    def __init__(self, context: AppContext, runner: TaskRunner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self._parent = parent
        self.handle: TaskHandle | None = None
        self.message_box: QMessageBox | None = None

    def confirmation_texts(self, detail: CaseDetail, member_id: str) -> tuple[str, str]:
        member = next(m for m in detail.members if m.id == member_id)
        text = (
            self.tr("Erase %1 from case %2 for good?")
            .replace("%1", member_label(detail, member))
            .replace("%2", detail.reference)
        )
        detail_text = self.tr(
            "Erased: first and last name (also in Cyrillic), birth year, sex, phone number, "
            "the health needs, and the text of the timeline entries of this case that name "
            "this person.\n\n"
            "This cannot be undone. The erasure reaches every laptop at the next sync.\n\n"
            "Kept, without a name, for the statistics: the relation to the contact person, "
            "language, pets and school age."
        )
        return text, detail_text

    def erase(self, detail: CaseDetail, member_id: str) -> bool:
        """Ask, and when the user agrees start the erasure; True when it was started."""
        text, detail_text = self.confirmation_texts(detail, member_id)
        if not common.confirm(
            self._parent, self.tr("Erase person"), text, detail_text, self.tr("&Erase for good")
        ):
            return False
        from vlot_desktop.services.case_privacy import erase_member

        self.handle = (
            CollectionOp(
                self.context,
                lambda store: erase_member(store.engine, member_id),
                # The timeline's texts that name the person are erased too.
                changes=Changes.of("household_member", "case_file", "case_event", ids=[detail.id]),
                success=self._done,
            )
            .failure(self._failed)
            .owned_by(self)
            .named("erase member")
            .run()
        )
        return True

    def _done(self, member_id: str) -> None:
        self.erased.emit(member_id)

    def _failed(self, exc: BaseException) -> None:
        from vlot_desktop.services.privacy import UnknownMemberError

        if isinstance(exc, UnknownMemberError):
            text = self.tr("This person no longer exists (removed on another laptop).")
        elif isinstance(exc, OSError):
            text = self.tr("The database could not be written: %1").replace(
                "%1", exc.strerror or str(exc)
            )
        else:
            import sys

            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Erase person"), text, parent=self._parent
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()
        self.failed.emit(text)
