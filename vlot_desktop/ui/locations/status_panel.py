"""The Status tab: the workflow step (prospect -> in voorbereiding -> operationeel -> afgebouwd /
gesloten) with its date and remark, the history of the steps, and the partner municipalities.

Only the steps ``domain.location_rules.next_statuses`` allows are offered; the service checks
them again (and the date) and records each step with its author. The pane reads what the tab
shows (``services.location_detail``); a step and a partner change are written in a worker
(``ui.ops.CollectionOp``), which announces the change; the service's refusal shows under the
step or the partners.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import LocationStatus
from vlot_desktop.domain.location_rules import Problem, next_statuses, not_a_date
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import enum_label, format_date
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.details_form import ERROR_STYLE, UNCUT
from vlot_desktop.ui.locations.inputs import InputError, parse_date
from vlot_desktop.ui.locations.small_table import small_table
from vlot_desktop.ui.models.location_history_model import StatusHistoryModel
from vlot_desktop.ui.models.location_partner_model import PartnerTableModel
from vlot_desktop.ui.models.roles import KEY_ROLE
from vlot_desktop.ui.ops import CollectionOp

if TYPE_CHECKING:
    from vlot_desktop.services.location_detail import LocationShown
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.tasks import TaskHandle

# The key of the Opvanglocaties screen: it shows its own changes (the pane re-reads them).
SCREEN = "locations"


class StatusPanel(QWidget):
    """Signals:
    changed(str): the status or the partners of this location (id) changed.
    """

    changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.location_id: str | None = None
        self.status: LocationStatus | None = None
        self._busy: TaskHandle | None = None

        step = QGroupBox(self.tr("Status"), self)
        self.current_label = QLabel(step)
        self.next_combo = QComboBox(step)
        self.next_combo.setAccessibleName(self.tr("New status"))
        self.next_combo.setMinimumContentsLength(8)
        self.next_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.date_edit = QLineEdit(step)
        self.date_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.date_edit.setMaximumWidth(110)
        self.date_edit.setAccessibleName(self.tr("Date of the status change"))
        self.remark_edit = QLineEdit(step)
        self.remark_edit.setMaxLength(UNCUT)
        self.remark_edit.setAccessibleName(self.tr("Remark"))
        self.change_button = QPushButton(self.tr("&Change status"), step)
        self.change_button.clicked.connect(self.change_status)
        self.status_message = QLabel(step)
        self.status_message.setWordWrap(True)
        self.status_message.setStyleSheet(ERROR_STYLE)
        self.status_message.hide()
        form = QFormLayout(step)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Current status:"), self.current_label)
        new_label = QLabel(self.tr("&New status:"), step)
        new_label.setBuddy(self.next_combo)
        form.addRow(new_label, self.next_combo)
        date_label = QLabel(self.tr("From:"), step)
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, self.date_edit)
        remark_label = QLabel(self.tr("Remark:"), step)
        remark_label.setBuddy(self.remark_edit)
        form.addRow(remark_label, self.remark_edit)
        form.addRow("", self.change_button)
        form.addRow("", self.status_message)

        self.history_model = StatusHistoryModel(self)
        self.history_table = small_table(self, self.history_model, self.tr("Status history"))
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history_table.setMinimumHeight(110)

        partners = QGroupBox(self.tr("Partner municipalities"), self)
        self.partner_model = PartnerTableModel(self)
        self.partner_table = small_table(
            partners, self.partner_model, self.tr("Partner municipalities")
        )
        self.partner_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.partner_table.setMaximumHeight(120)
        self.partner_combo = QComboBox(partners)
        self.partner_combo.setAccessibleName(self.tr("Partner municipality to add"))
        self.role_edit = QLineEdit(partners)
        self.role_edit.setPlaceholderText(self.tr("Role, e.g. co-financing"))
        self.role_edit.setAccessibleName(self.tr("Role of the partner"))
        self.add_partner_button = QPushButton(self.tr("Add partner"), partners)
        self.add_partner_button.clicked.connect(self.add_partner)
        self.remove_partner_button = QPushButton(self.tr("Remove partner"), partners)
        self.remove_partner_button.clicked.connect(self.remove_partner)
        self.partner_message = QLabel(partners)
        self.partner_message.setStyleSheet(ERROR_STYLE)
        self.partner_message.hide()
        add_row = QHBoxLayout()
        add_row.addWidget(self.partner_combo, 1)
        add_row.addWidget(self.role_edit, 1)
        self.partner_combo.setMinimumContentsLength(8)
        self.partner_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        partner_layout = QVBoxLayout(partners)
        partner_layout.addWidget(self.partner_table)
        partner_layout.addLayout(add_row)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.partner_message, 1)
        remove_row.addWidget(self.add_partner_button)
        remove_row.addWidget(self.remove_partner_button)
        partner_layout.addLayout(remove_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(step)
        caption = QLabel(self.tr("Status history"), self)
        bold = caption.font()
        bold.setBold(True)
        caption.setFont(bold)
        layout.addWidget(caption)
        layout.addWidget(self.history_table, 1)
        layout.addWidget(partners)

    def set_municipalities(self, choices: list[tuple[str, str]]) -> None:
        self.partner_combo.clear()
        for nis, name in choices:
            self.partner_combo.addItem(name, nis)

    def show_location(self, shown: LocationShown | None) -> None:
        """Show the status, the history and the partners of the location the pane read
        (``None``: no location)."""
        self.status_message.hide()
        self.partner_message.hide()
        if shown is None:
            self.location_id = None
            self.history_model.set_rows([])
            self.partner_model.set_rows([])
            return
        detail = shown.detail
        if detail.id != self.location_id:
            self.remark_edit.clear()  # a remark typed for the location shown before
        self.location_id = detail.id
        language = current_language()
        try:
            self.status = LocationStatus(detail.status)
        except ValueError:  # a status from a newer version: no steps offered
            self.status = None
        since = format_date(detail.status_since)
        current = enum_label(LocationStatus, detail.status)
        self.current_label.setText(
            self.tr("%1 since %2").replace("%1", current).replace("%2", since) if since else current
        )
        self.next_combo.clear()
        if self.status is not None:
            for status in LocationStatus:
                if status in next_statuses(self.status):
                    self.next_combo.addItem(status.label(language), status.value)
        self.change_button.setEnabled(self.next_combo.count() > 0)
        self.date_edit.setText(format_date(dt.date.today()))
        self.remark_edit.clear()
        self.history_model.set_rows(shown.history)
        self.partner_model.set_rows(shown.partners)
        self.remove_partner_button.setEnabled(bool(shown.partners))

    @property
    def busy(self) -> bool:
        """True while a step or a partner change is being written."""
        return self._busy is not None and not self._busy.is_finished

    @Slot()
    def change_status(self) -> bool:
        """Take the chosen step in a worker; False (and the message why) when the date cannot
        be read, True when the step was handed to the service (its refusal shows later)."""
        from vlot_desktop.services.locations import change_status

        location_id = self.location_id
        value = self.next_combo.currentData()
        if location_id is None or value is None or self.busy:
            return False
        language = current_language()
        try:
            on_date = parse_date(self.date_edit.text()) or dt.date.today()
        except InputError:
            self._show(self.status_message, not_a_date("status_since").text(language))
            return False
        self.status_message.hide()
        status = LocationStatus(value)
        author_id = self.context.settings.user_id
        remark = self.remark_edit.text()
        self._write(
            lambda store: change_status(
                store.engine,
                location_id,
                status,
                on_date=on_date,
                author_id=author_id,
                remark=remark,
            ),
            location_id,
            ("location", "location_status_change"),
            self.status_message,
        )
        return True

    @Slot()
    def add_partner(self) -> bool:
        """Add the chosen partner municipality in a worker (True: handed to the service)."""
        from vlot_desktop.services.locations import add_partner

        location_id = self.location_id
        nis = self.partner_combo.currentData()
        if location_id is None or nis is None or self.busy:
            return False
        self.partner_message.hide()
        role = self.role_edit.text()
        self._write(
            lambda store: add_partner(store.engine, location_id, nis, role),
            location_id,
            ("location_partner",),
            self.partner_message,
        )
        return True

    @Slot()
    def remove_partner(self) -> None:
        from vlot_desktop.services.locations import remove_partner

        location_id = self.location_id
        rows = self.partner_table.selectionModel().selectedRows()
        if location_id is None or self.busy:
            return
        if not rows:
            self._show(self.partner_message, self.tr("Choose a partner in the list first."))
            return
        partner_id = str(rows[0].data(KEY_ROLE))

        def remove(store: Store) -> list[Problem]:
            remove_partner(store.engine, partner_id)
            return []

        self._write(remove, location_id, ("location_partner",), self.partner_message)

    def _write(
        self,
        write: Callable[[Store], list[Problem]],
        location_id: str,
        tables: tuple[str, ...],
        message: QLabel,
    ) -> None:
        """Run ``write`` (a service call returning its problems) in a worker; its problems go
        under the step or the partners, a change is announced and ``changed`` emitted."""

        def changes(problems: list[Problem]) -> Changes:
            if problems:
                return Changes()  # refused: nothing changed
            return Changes.of(*tables, ids=[location_id], source=SCREEN)

        self._busy = (
            CollectionOp(
                self.context,
                write,
                changes=changes,
                success=lambda problems: self._written(location_id, message, problems),
            )
            .failure(lambda exc: self._failed(location_id, exc))
            .owned_by(self)
            .run()
        )

    def _written(self, location_id: str, message: QLabel, problems: list[Problem]) -> None:
        self._busy = None
        if location_id != self.location_id:
            return
        if problems:
            language = current_language()
            self._show(message, "\n".join(p.text(language) for p in problems))
            return
        self.changed.emit(location_id)

    def _failed(self, location_id: str, exc: BaseException) -> None:
        from vlot_desktop.services.places import LocationNotFoundError

        self._busy = None
        if isinstance(exc, LocationNotFoundError):
            self.changed.emit(location_id)  # deleted meanwhile: the pane says so
            return
        sys.excepthook(type(exc), exc, exc.__traceback__)

    @staticmethod
    def _show(label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()
