"""The Plaatsen tab: a location's places by status, the quick actions, and their history.

A quick action changes the selected places from a date (today unless the user types another):
occupied, free, offered to FEDASIL (the date is the offer date) or out of use. The service
refuses with the rule's message when occupied + offered + out of use would exceed the capacity.

A change of two places or more is asked first, in words that say what will happen ("Alle 14
plaatsen van De Linde op bezet zetten?", ``ui.forms.BulkQuestion``; Annuleren changes nothing).
After any quick action a line says what was done, with "Ongedaan maken" (also Ctrl+Z on this
tab): ``services.places.undo_place_status`` puts each place back as it was, in one transaction
(``ui.forms.UndoOffer``). It goes with the next action or another location.

The tab is read in a worker (``services.location_detail.places`` through ``ui.ops.QueryOp``;
the newest read wins); a quick action and its undo are written in one (``CollectionOp``, which
announces them).
"""

from __future__ import annotations

import datetime as dt
import sys
from functools import partial
from typing import TYPE_CHECKING

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
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_date, format_int
from vlot_desktop.ui.forms import BulkQuestion, UndoOffer
from vlot_desktop.ui.forms.inputs import InputError, parse_date
from vlot_desktop.ui.forms.messages import ERROR_STYLE
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.occupancy_chart import OccupancyChart
from vlot_desktop.ui.locations.small_table import small_table
from vlot_desktop.ui.models.location_history_model import CapacityHistoryModel
from vlot_desktop.ui.models.place_table_model import PlaceTableModel
from vlot_desktop.ui.models.roles import KEY_ROLE
from vlot_desktop.ui.ops import CollectionOp, QueryOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import PlaceRow
    from vlot_desktop.services.location_detail import LocationPlaces
    from vlot_desktop.services.places import PlaceStatusResult, PlaceUndoResult
    from vlot_desktop.ui.tasks import TaskHandle

# A change of this many places or more is asked first.
ASK_FROM = 2
# What the Opvanglocaties screen is told (it shows the change itself: ``changed``).
PLACE_CHANGES = ("place", "place_status_change", "location")


class PlacesPanel(QWidget):
    """Attributes:
    question: asks before a change of several places (tests replace its ``open_box``).
    undo_offer: what the last quick action did, with "Ongedaan maken".

    Signals:
    changed(str): places of this location (id) changed in the database.
    """

    changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.location_id: str | None = None
        self.handle: TaskHandle | None = None
        self._places: list[PlaceRow] = []
        self._name = ""
        self.question = BulkQuestion()

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
        self.undo_offer = UndoOffer(self)

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
        layout.addWidget(self.undo_offer)
        layout.addWidget(self.chart_caption)
        layout.addWidget(self.chart)
        layout.addWidget(self.capacity_caption)
        layout.addWidget(self.capacity_table)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._update_buttons()

    def show_location(self, location_id: str | None) -> None:
        """Show the places of ``location_id`` (read in a worker; ``None``: none)."""
        from vlot_desktop.services import location_detail

        if location_id != self.location_id:
            self.undo_offer.withdraw()
        self.location_id = location_id
        self.message.hide()
        if location_id is None:
            self._places = []
            self.model.set_rows([])
            self.capacity_model.set_rows([])
            self.chart.set_points([])
            self.counts_label.clear()
            return
        today = dt.date.today()
        QueryOp(
            self.context,
            lambda store: store.read(location_detail.places, location_id, today),
            success=lambda shown: self._shown(location_id, today, shown),
        ).owned_by(self).latest("places").run()

    def _shown(self, location_id: str, today: dt.date, shown: LocationPlaces) -> None:
        if location_id != self.location_id:
            return  # another location was chosen meanwhile
        places = shown.places
        self._places = places
        self._name = shown.name
        self.model.set_rows(places)
        self.capacity_model.set_rows(shown.capacity_changes)
        self.chart.set_points(shown.occupancy)
        if not self.date_edit.text().strip():
            self.date_edit.setText(format_date(today))
        capacity = shown.capacity if shown.capacity is not None else len(places)
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
        """Give the selected places ``status`` from the typed date, in a worker; False (and
        the message why) when the date cannot be read or the user cancelled the question, True
        when it was handed to the service (its refusal shows here once it answers)."""
        from vlot_desktop.services.places import change_place_status

        location_id = self.location_id
        if location_id is None or self.busy:
            return False
        language = current_language()
        try:
            on_date = parse_date(self.date_edit.text()) or dt.date.today()
        except InputError:
            self._show_message(not_a_date("places").text(language))
            return False
        self.message.hide()
        place_ids = self.selected_place_ids()
        chosen = [p for p in self._places if p.id in set(place_ids)]
        changing = [p for p in chosen if p.status != status.value]
        if len(changing) >= ASK_FROM and not self._ask(status, chosen, changing, on_date):
            return False
        author_id = self.context.settings.user_id
        self.undo_offer.withdraw()

        def changes(result: PlaceStatusResult) -> Changes:
            if not result.saved or not result.before:
                return Changes()  # refused, or nothing to change
            # The Opvanglocaties screen shows it itself (``changed``: its line is read again).
            return Changes.of(*PLACE_CHANGES, ids=[location_id], source="locations")

        self.handle = (
            CollectionOp(
                self.context,
                lambda store: change_place_status(
                    store.engine,
                    location_id,
                    place_ids,
                    status,
                    on_date=on_date,
                    author_id=author_id,
                ),
                changes=changes,
                success=lambda result: self._set(location_id, status, result),
            )
            .failure(lambda exc: self._set_failed(location_id, exc))
            .owned_by(self)
            .named("set place status")
            .run()
        )
        return True

    @property
    def busy(self) -> bool:
        """True while a quick action or its undo is being written."""
        return self.handle is not None and not self.handle.is_finished

    def _status_words(self, status: PlaceStatus) -> str:
        """The status as it reads in a sentence: "bezet", "aangeboden aan FEDASIL"."""
        label = status.label(current_language())
        return label[:1].lower() + label[1:] if not label[:2].isupper() else label

    def _ask(
        self,
        status: PlaceStatus,
        chosen: list[PlaceRow],
        changing: list[PlaceRow],
        on_date: dt.date,
    ) -> bool:
        """ "Alle 14 plaatsen van De Linde op bezet zetten?" True when the user said yes."""
        words = self._status_words(status)
        total = len(self._places)
        if len(chosen) == total:
            question = (
                self.tr("Set all %1 places of %2 to %3?")
                .replace("%1", format_int(total))
                .replace("%2", self._name)
                .replace("%3", words)
            )
        else:
            question = (
                self.tr("Set %1 of the %2 places of %3 to %4?")
                .replace("%1", format_int(len(chosen)))
                .replace("%2", format_int(total))
                .replace("%3", self._name)
                .replace("%4", words)
            )
        details = [
            self.tr("%1 places change from %2.")
            .replace("%1", format_int(len(changing)))
            .replace("%2", format_date(on_date))
        ]
        already = len(chosen) - len(changing)
        if already:
            details.append(
                self.tr("%1 of them are %2 already and stay as they are.")
                .replace("%1", format_int(already))
                .replace("%2", words)
            )
        details.append(self.tr("You can undo it afterwards (Undo, or Ctrl+Z)."))
        return self.question.ask(
            self,
            question,
            " ".join(details),
            self.tr("Set to %1").replace("%1", words),
            self.tr("Cancel"),
        )

    def _set(self, location_id: str, status: PlaceStatus, result: PlaceStatusResult) -> None:
        self.handle = None
        if location_id != self.location_id:
            return
        if not result.saved:
            language = current_language()
            self._show_message("\n".join(p.text(language) for p in result.problems))
            return
        count = len(result.before)
        words = self._status_words(status)
        if count:
            done = (
                self.tr("1 place set to %1.")
                if count == 1
                else self.tr("%1 places set to %2.").replace("%1", format_int(count))
            )
            self.undo_offer.offer(
                done.replace("%2", words).replace("%1", words),
                lambda: self._undo(location_id, result),
            )
        else:
            self.undo_offer.say(self.tr("These places are %1 already.").replace("%1", words))
        self.show_location(location_id)
        self.changed.emit(location_id)

    @property
    def can_undo(self) -> bool:
        return self.undo_offer.available and not self.busy

    def undo(self) -> None:
        """ "Ongedaan maken" of the last quick action (Ctrl+Z on this tab)."""
        if self.can_undo:
            self.undo_offer.button.click()

    def _undo(self, location_id: str, done: PlaceStatusResult) -> None:
        """Put each place the action changed back as it was (in a worker)."""
        from vlot_desktop.services.places import undo_place_status

        if location_id != self.location_id or self.busy:
            return

        def changes(result: PlaceUndoResult) -> Changes:
            if not result.saved:
                return Changes()
            return Changes.of(*PLACE_CHANGES, ids=[location_id], source="locations")

        self.handle = (
            CollectionOp(
                self.context,
                lambda store: undo_place_status(
                    store.engine, location_id, done.before, done.new_status
                ),
                changes=changes,
                success=lambda result: self._undone(location_id, result),
            )
            .failure(lambda exc: self._set_failed(location_id, exc))
            .owned_by(self)
            .named("undo place status")
            .run()
        )

    def _undone(self, location_id: str, result: PlaceUndoResult) -> None:
        self.handle = None
        if location_id != self.location_id:
            return
        if not result.saved:
            self.undo_offer.withdraw()
            language = current_language()
            self._show_message("\n".join(p.text(language) for p in result.problems))
            return
        text = (
            self.tr("Undone: the place is back as it was.")
            if result.restored == 1
            else self.tr("Undone: the %1 places are back as they were.").replace(
                "%1", format_int(result.restored)
            )
        )
        if result.kept:
            text += " " + self.tr("%1 changed again since and stay as they are.").replace(
                "%1", format_int(result.kept)
            )
        self.undo_offer.say(text)
        self.show_location(location_id)
        self.changed.emit(location_id)

    def _set_failed(self, location_id: str, exc: BaseException) -> None:
        from vlot_desktop.services.places import LocationNotFoundError

        self.handle = None
        self.undo_offer.withdraw()
        if not isinstance(exc, LocationNotFoundError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
        elif location_id == self.location_id:
            self._show_message(self.tr("This location no longer exists."))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
