"""The Plaatsen tab: a location's places by status, the quick actions, and their history.

A quick action changes the selected places from a date (today unless the user types another):
occupied, free, offered to FEDASIL (the date is the offer date) or out of use. The service
refuses with the rule's message when occupied + offered + out of use would exceed the capacity.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import PlaceStatus
from vlot_desktop.domain.location_rules import not_a_date
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_date, format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.details_form import ERROR_STYLE
from vlot_desktop.ui.locations.inputs import InputError, parse_date
from vlot_desktop.ui.locations.occupancy_chart import OccupancyChart
from vlot_desktop.ui.locations.small_table import small_table
from vlot_desktop.ui.models.location_history_model import CapacityHistoryModel
from vlot_desktop.ui.models.place_table_model import PlaceTableModel
from vlot_desktop.ui.models.roles import KEY_ROLE


class PlacesPanel(QWidget):
    """Signals:
    changed(str): places of this location (id) changed in the database.
    """

    changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.location_id: str | None = None

        self.counts_label = QLabel(self)
        self.counts_label.setWordWrap(True)
        self.counts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = PlaceTableModel(self)
        self.table = small_table(self, self.model, self.tr("Places of the location"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setMinimumHeight(140)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        self.date_label = QLabel(self.tr("&Date:"), self)
        self.date_edit = QLineEdit(self)
        self.date_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.date_edit.setMaximumWidth(110)
        self.date_edit.setAccessibleName(self.tr("Date of the change"))
        self.date_label.setBuddy(self.date_edit)
        self.buttons: dict[PlaceStatus, QPushButton] = {
            PlaceStatus.OCCUPIED: QPushButton(self.tr("Mark &occupied"), self),
            PlaceStatus.FREE: QPushButton(self.tr("Mark &free"), self),
            PlaceStatus.OFFERED_FEDASIL: QPushButton(self.tr("Offer to FEDASIL"), self),
            PlaceStatus.OUT_OF_USE: QPushButton(self.tr("Take out of use"), self),
        }
        self.date_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("99/99/99999") + 16)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_label)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        actions = QGridLayout()
        actions.setSpacing(6)
        for number, (status, button) in enumerate(self.buttons.items()):
            button.clicked.connect(partial(self.set_status, status))
            actions.addWidget(button, number // 2, number % 2)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()

        self.chart_caption = QLabel(self.tr("Occupancy over time"), self)
        bold = self.chart_caption.font()
        bold.setBold(True)
        self.chart_caption.setFont(bold)
        self.chart = OccupancyChart(self)

        self.capacity_caption = QLabel(self.tr("Capacity changes"), self)
        self.capacity_caption.setFont(bold)
        self.capacity_model = CapacityHistoryModel(self)
        self.capacity_table = small_table(self, self.capacity_model, self.tr("Capacity changes"))
        self.capacity_table.setMaximumHeight(120)
        self.capacity_table.setMinimumHeight(80)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(date_row)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.chart_caption)
        layout.addWidget(self.chart)
        layout.addWidget(self.capacity_caption)
        layout.addWidget(self.capacity_table)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_buttons()

    def show_location(self, location_id: str | None) -> None:
        from vlot_desktop.db.queries.locations import (
            capacity_history,
            list_places,
            location_detail,
            occupancy_by_month,
        )

        self.location_id = location_id
        self.message.hide()
        if location_id is None:
            self.model.set_rows([])
            self.capacity_model.set_rows([])
            self.chart.set_points([])
            self.counts_label.clear()
            return
        today = dt.date.today()
        with self.context.connection() as conn:
            places = list_places(conn, location_id)
            detail = location_detail(conn, location_id)
            history = capacity_history(conn, location_id)
            points = occupancy_by_month(conn, location_id, today=today)
        self.model.set_rows(places)
        self.capacity_model.set_rows(history)
        self.chart.set_points(points)
        if not self.date_edit.text().strip():
            self.date_edit.setText(format_date(today))
        capacity = detail.capacity if detail is not None else len(places)
        tally = {status: 0 for status in PlaceStatus}
        for place in places:
            for status in PlaceStatus:
                if place.status == status.value:
                    tally[status] += 1
        language = current_language()
        parts = [self.tr("Capacity: %1").replace("%1", format_int(capacity))] + [
            f"{status.label(language)}: {format_int(n)}" for status, n in tally.items()
        ]
        self.counts_label.setText(" · ".join(parts))
        self._update_buttons()

    def selected_place_ids(self) -> list[str]:
        return [str(index.data(KEY_ROLE)) for index in self.table.selectionModel().selectedRows()]

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        for button in self.buttons.values():
            button.setEnabled(chosen)

    def set_status(self, status: PlaceStatus) -> bool:
        """Give the selected places ``status`` from the typed date; True when it was saved."""
        from vlot_desktop.services.places import LocationNotFoundError, set_place_status

        if self.location_id is None:
            return False
        language = current_language()
        try:
            on_date = parse_date(self.date_edit.text()) or dt.date.today()
        except InputError:
            self._show_message(not_a_date("places").text(language))
            return False
        try:
            problems = set_place_status(
                self.context.engine,
                self.location_id,
                self.selected_place_ids(),
                status,
                on_date=on_date,
                author_id=self.context.settings.user_id,
            )
        except LocationNotFoundError:
            self._show_message(self.tr("This location no longer exists."))
            return False
        if problems:
            self._show_message("\n".join(p.text(language) for p in problems))
            return False
        self.show_location(self.location_id)
        self.changed.emit(self.location_id)
        return True

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
