"""A new location: the three fields a location cannot be without, then the detail pane does the
rest. It starts as a prospect without places (capacity 0).

OK hands it to ``services.locations.create_location`` in a worker (``ui.ops.CollectionOp``,
which announces it); the dialog closes once it is made, or shows the rules' messages. Meanwhile
its buttons wait.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import LocationType
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.details_form import ERROR_STYLE
from vlot_desktop.ui.ops import CollectionOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import Choice
    from vlot_desktop.domain.location_rules import Problem
    from vlot_desktop.ui.tasks import TaskHandle


class NewLocationDialog(QDialog):
    """Attributes:
    location_id: the id of the created location (after ``accept``), else ``None``.
    """

    def __init__(
        self, context: AppContext, municipalities: list[Choice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.location_id: str | None = None
        self.handle: TaskHandle | None = None
        self.setWindowTitle(self.tr("New reception location"))

        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Name of the new location"))
        self.type_combo = QComboBox(self)
        self.type_combo.setAccessibleName(self.tr("Type of the new location"))
        for location_type in LocationType:
            self.type_combo.addItem(location_type.label(current_language()), location_type.value)
        self.municipality_combo = QComboBox(self)
        self.municipality_combo.setAccessibleName(self.tr("Municipality of the new location"))
        self.municipality_combo.addItem(self.tr("(choose)"), None)
        for choice in municipalities:
            self.municipality_combo.addItem(choice.text, choice.key)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()

        form = QFormLayout()
        for caption, editor in (
            (self.tr("&Name:"), self.name_edit),
            (self.tr("&Type:"), self.type_combo),
            (self.tr("&Municipality:"), self.municipality_combo),
        ):
            label = QLabel(caption, self)
            label.setBuddy(editor)
            form.addRow(label, editor)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The location starts as a prospect without places."), self))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @property
    def busy(self) -> bool:
        """True while the location is being made."""
        return self.handle is not None and not self.handle.is_finished

    def accept(self) -> None:
        """Make the location in a worker (the dialog closes once it is made)."""
        from vlot_desktop.services.locations import create_location

        if self.busy:
            return
        name = self.name_edit.text()
        location_type = self.type_combo.currentData()
        municipality_nis = self.municipality_combo.currentData()
        author_id = self.context.settings.user_id

        def changes(result: tuple[str | None, list[Problem]]) -> Changes:
            location_id = result[0]
            if location_id is None:
                return Changes()  # refused: nothing made
            return Changes.of("location", "location_status_change", ids=[location_id])

        self.buttons.setEnabled(False)
        self.handle = (
            CollectionOp(
                self.context,
                lambda store: create_location(
                    store.engine,
                    name=name,
                    location_type=location_type,
                    municipality_nis=municipality_nis,
                    author_id=author_id,
                ),
                changes=changes,
                success=self._created,
            )
            .failure(self._failed)
            .owned_by(self)
            .named("create location")
            .run()
        )

    def _created(self, result: tuple[str | None, list[Problem]]) -> None:
        self.handle = None
        self.buttons.setEnabled(True)
        location_id, problems = result
        if location_id is None:
            errors = [p.text(current_language()) for p in problems if p.is_error]
            self.message.setText("\n".join(errors))
            self.message.show()
            return
        self.location_id = location_id
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.handle = None
        self.buttons.setEnabled(True)
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def reject(self) -> None:
        if not self.busy:  # being made: it is there in a moment
            super().reject()
