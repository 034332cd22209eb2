"""'Verwijderen…' for a location entered by mistake: check, confirm, delete, in workers.

The check is a read (``services.location_detail.deletion_problems``, through ``QueryOp``); the
delete is ``services.locations.delete_location`` through ``CollectionOp``, which announces it.

A location in use (people living there, a case referring to it, made from a prospect) is not
deleted: the user is told why and that closing it (status gesloten) keeps its history.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from vlot_desktop.domain.location_rules import Problem
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import CollectionOp, QueryOp
from vlot_desktop.ui.tasks import TaskRunner


class LocationDeleter(QObject):
    """Signals:
    deleted(str): the location (id) is gone.
    refused(str): the location was not deleted; the text says why (also shown to the user).
    """

    deleted = Signal(str)
    refused = Signal(str)

    def __init__(self, context: AppContext, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self._parent = parent

    def ask(self, location_id: str, name: str) -> None:
        """Check in a worker whether ``location_id`` may go, then confirm and delete."""
        from vlot_desktop.services import location_detail

        QueryOp(
            self.context,
            lambda store: store.read(location_detail.deletion_problems, location_id),
            success=lambda problems: self._checked(location_id, name, problems),
        ).failure(self._failed).owned_by(self).named("check location deletion").run()

    def _checked(self, location_id: str, name: str, problems: list[Problem]) -> None:
        from vlot_desktop.services.locations import delete_location

        if problems:
            self._refuse(problems)
            return
        if not self.confirm(name):
            return

        def changes(problems: list[Problem]) -> Changes:
            if problems:
                return Changes()  # in use after all: nothing deleted
            return Changes.of("location", "place", "location_partner", ids=[location_id])

        CollectionOp(
            self.context,
            lambda store: delete_location(store.engine, location_id),
            changes=changes,
            success=lambda problems: self._done(location_id, problems),
        ).failure(self._failed).owned_by(self).named("delete location").run()

    def confirm(self, name: str) -> bool:
        """Ask before deleting (a seam for tests)."""
        answer = QMessageBox.question(
            self._parent,
            self.tr("Delete location"),
            self.tr(
                "Delete “%1” with its places and their history? Use this for a location "
                "entered by mistake. It disappears on every laptop at the next sync and "
                "cannot be undone."
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _done(self, location_id: str, problems: list[Problem]) -> None:
        if problems:  # in use since the check (a sync came in between)
            self._refuse(problems)
            return
        self.deleted.emit(location_id)

    def _refuse(self, problems: list[Problem]) -> None:
        language = current_language()
        reasons = "\n".join("• " + p.text(language) for p in problems)
        text = (
            self.tr("This location cannot be deleted:")
            + "\n"
            + reasons
            + "\n\n"
            + self.tr("Set its status to Closed instead: its history and the figures stay.")
        )
        self.refused.emit(text)
        self.inform(text)

    def inform(self, text: str) -> None:
        """Tell the user why nothing was deleted (a seam for tests)."""
        QMessageBox.information(self._parent, self.tr("Delete location"), text)

    def _failed(self, exc: BaseException) -> None:
        from vlot_desktop.services.places import LocationNotFoundError

        if isinstance(exc, LocationNotFoundError):
            self.deleted.emit(exc.args[0] if exc.args else "")
            return
        text = self.tr("The location could not be deleted: %1").replace("%1", str(exc))
        self.refused.emit(text)
        self.inform(text)
