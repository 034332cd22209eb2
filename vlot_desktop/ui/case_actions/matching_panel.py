"""Matching: the free places that fit a case, nearest first, and assigning one (toewijzing).

The suggestions come from ``services.matching.suggest_places`` in a worker (``ui.ops.QueryOp``);
the table shows them in its order, with why each location fits or not. "Plaats toewijzen" gives
the household the places the suggestion names (one per person, as far as there are), after a
confirmation, in one transaction that also sets the case's status (``assign_places``, through
``CollectionOp``, which announces it). A place someone took meanwhile is refused with the
service's Dutch message and nothing changes; the list reloads.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import CaseStatus
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.case_actions import common
from vlot_desktop.ui.case_actions.common import DONE_STYLE, ERROR_STYLE
from vlot_desktop.ui.case_actions.suggestion_model import SuggestionTableModel
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import CollectionOp, QueryOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail
    from vlot_desktop.services.matching import Suggestion
    from vlot_desktop.services.store import Store

# A case in these statuses can take a place (the workflow allows the step to "solved").
ASSIGNABLE = frozenset({CaseStatus.IN_PROGRESS, CaseStatus.WAITING_FOR_PLACE})


class MatchingPanel(QWidget):
    """Signals:
    loaded(): the suggestions of the current case are shown (or its empty state).
    assigned(str): places were assigned to the case (id); the case's status changed.
    """

    loaded = Signal()
    assigned = Signal(str)

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        if context.task_runner is None:
            context.task_runner = runner
        self.case_id: str | None = None
        self.detail: CaseDetail | None = None
        self._generation = 0
        self.load_handle: TaskHandle | None = None
        self.assign_handle: TaskHandle | None = None
        self.reveal_handle: TaskHandle | None = None

        self.header_label = QLabel(self)
        bold = self.header_label.font()
        bold.setBold(True)
        self.header_label.setFont(bold)
        self.header_label.setWordWrap(True)
        self.place_label = QLabel(self)
        self.place_label.setWordWrap(True)
        self.place_label.hide()
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.hint_label.hide()
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)

        self.model = SuggestionTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Suggested reception locations"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)

        # The reasons of the chosen location in full (the table's column is cut off).
        self.reasons_label = QLabel(self)
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons_label.setAccessibleName(self.tr("Why the chosen location fits or not"))

        self.reveal_button = QPushButton(self.tr("Show &health needs"), self)
        self.reveal_button.setToolTip(
            self.tr("Shows which health needs a location meets or not; the viewing is recorded.")
        )
        self.reveal_button.hide()
        self.reveal_button.clicked.connect(self.reveal_health)
        self.reload_button = QPushButton(self.tr("Re&fresh"), self)
        self.reload_button.clicked.connect(self.reload)
        self.assign_button = QPushButton(self.tr("&Assign place…"), self)
        self.assign_button.setToolTip(
            self.tr("Give the household the free places of the chosen location")
        )
        self.assign_button.clicked.connect(self.assign_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reveal_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.assign_button)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.header_label)
        layout.addWidget(self.place_label)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reasons_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.set_case(None)

    # -- loading ------------------------------------------------------------------------------

    def set_case(self, case_id: str | None) -> None:
        """Show the suggestions for ``case_id`` (``None``: nothing chosen)."""
        self.case_id = case_id
        self.model.set_health_revealed(False)
        self._show_message("")
        self._load()

    @Slot()
    def reload(self) -> None:
        """Load the suggestions again (the message of the last assignment stays)."""
        self._load()

    def _load(self) -> None:
        self._generation += 1
        generation = self._generation
        case_id = self.case_id
        self.detail = None
        self.model.set_rows([])
        self._show_reasons()
        self.place_label.hide()
        self.hint_label.hide()
        self.reveal_button.hide()
        self._update_buttons()
        if case_id is None or not self.context.is_ready:
            self.header_label.setText(self.tr("No case chosen."))
            self.summary_label.setText(self.tr("Choose a case to see the free places that fit."))
            self.loaded.emit()
            return
        self.header_label.setText("")
        self.summary_label.setText(self.tr("Looking for free places…"))
        today = dt.date.today()
        self.load_handle = (
            QueryOp(
                self.context,
                lambda store: _suggestions(store, case_id, today),
                success=lambda result: self._loaded(generation, result),
            )
            .failure(lambda exc: self._load_failed(generation, exc))
            .owned_by(self)
            .named("matching")
            .run()
        )

    def _loaded(self, generation: int, result: tuple[Any, list[Any]]) -> None:
        if generation != self._generation:
            return
        detail, suggestions = result
        self.detail = detail
        if detail is None:
            self._show_gone()
            return
        language = current_language()
        status = _status(detail.status)
        size = detail.household_size
        household = (
            self.tr("household of 1 person")
            if size == 1
            else self.tr("household of %1 persons").replace("%1", format_int(size))
        )
        parts = [
            detail.reference,
            status.label(language) if status else detail.status,
            household,
            detail.municipality_name,
        ]
        self.header_label.setText(" · ".join(parts))
        if detail.place is not None:
            self.place_label.setText(
                self.tr("Assigned place: %1 in %2 (%3).")
                .replace("%1", detail.place.label)
                .replace("%2", detail.place.location_name)
                .replace("%3", detail.place.municipality_name)
            )
            self.place_label.show()
        if status is CaseStatus.NEW:
            self.hint_label.setText(
                self.tr(
                    "A new case cannot be given a place yet: take it in progress first "
                    "(status 'in progress')."
                )
            )
            self.hint_label.show()
        elif status not in ASSIGNABLE:
            self.hint_label.setText(
                self.tr(
                    "Only an open case (in progress or waiting for a place) can be given a place."
                )
            )
            self.hint_label.show()
        self.model.set_rows(suggestions)
        fitting = sum(1 for s in suggestions if s.fits)
        if not suggestions:
            self.summary_label.setText(
                self.tr("No fitting free places: no operational location has a free place.")
            )
        elif fitting == 0:
            self.summary_label.setText(
                self.tr(
                    "No fitting free places. Below: the %1 nearest locations with free places "
                    "and what they lack."
                ).replace("%1", format_int(len(suggestions)))
            )
        else:
            self.summary_label.setText(
                self.tr("%1 suggested locations with free places, of which %2 fit; nearest first.")
                .replace("%1", format_int(len(suggestions)))
                .replace("%2", format_int(fitting))
            )
        self.reveal_button.setVisible(
            self.model.has_health_reasons() and not self.model.health_revealed
        )
        if suggestions:
            self.table.selectRow(0)
        self._update_buttons()
        self.loaded.emit()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        from vlot_desktop.services.cases import CaseNotFoundError

        if generation != self._generation:
            return
        if isinstance(exc, CaseNotFoundError):
            self._show_gone()
            return
        self.summary_label.setText("")
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _show_gone(self) -> None:
        self.header_label.setText("")
        self.summary_label.setText(
            self.tr("This case no longer exists (erased or removed on another laptop).")
        )
        self._update_buttons()
        self.loaded.emit()

    # -- health needs -------------------------------------------------------------------------

    @Slot()
    def reveal_health(self) -> None:
        """Record the viewing of the case's sensitive data, then show the health reasons."""
        case_id = self.case_id
        if case_id is None or self.model.health_revealed:
            return
        from vlot_desktop.services.cases import record_sensitive_access

        user_id = self.context.settings.user_id
        self.reveal_button.setEnabled(False)
        self.reveal_handle = (
            CollectionOp(
                self.context,
                lambda store: record_sensitive_access(store.engine, case_id, user_id=user_id),
                changes=Changes.of("sensitive_data_access", ids=[case_id]),
                success=lambda _id: self._revealed(case_id),
            )
            .failure(self._reveal_failed)
            .owned_by(self)
            .named("record sensitive access")
            .run()
        )

    def _revealed(self, case_id: str) -> None:
        self.reveal_button.setEnabled(True)
        if case_id != self.case_id:
            return
        self.model.set_health_revealed(True)
        self.reveal_button.hide()
        self._show_reasons()

    def _reveal_failed(self, exc: BaseException) -> None:
        from vlot_desktop.services.cases import CaseNotFoundError

        self.reveal_button.setEnabled(True)
        if isinstance(exc, CaseNotFoundError):
            self._show_gone()
            return
        sys.excepthook(type(exc), exc, exc.__traceback__)

    # -- assigning ----------------------------------------------------------------------------

    def selected_suggestion(self) -> Suggestion | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()
        self._show_reasons()

    def _show_reasons(self) -> None:
        suggestion = self.selected_suggestion()
        if suggestion is None:
            self.reasons_label.clear()
            self.reasons_label.hide()
            return
        title = self.tr("%1 (%2):").replace("%1", suggestion.location_name)
        title = title.replace("%2", suggestion.municipality_name)
        self.reasons_label.setText("\n".join([title, *self.model.reason_lines(suggestion)]))
        self.reasons_label.show()

    def _can_assign(self) -> bool:
        if self.detail is None or self.case_id is None:
            return False
        status = _status(self.detail.status)
        busy = self.assign_handle is not None and not self.assign_handle.is_finished
        suggestion = self.selected_suggestion()
        return (
            status in ASSIGNABLE
            and not busy
            and suggestion is not None
            and bool(suggestion.free_place_ids)
        )

    def _update_buttons(self) -> None:
        self.assign_button.setEnabled(self._can_assign())
        self.reload_button.setEnabled(self.case_id is not None)

    def confirmation_texts(self, suggestion: Suggestion) -> tuple[str, str]:
        assert self.detail is not None
        labels = ", ".join(suggestion.free_place_labels)
        count = len(suggestion.free_place_ids)
        text = (
            (
                self.tr("Assign place %1 of %2 (%3) to case %4?")
                if count == 1
                else self.tr("Assign places %1 of %2 (%3) to case %4?")
            )
            .replace("%1", labels)
            .replace("%2", suggestion.location_name)
            .replace("%3", suggestion.municipality_name)
            .replace("%4", self.detail.reference)
        )
        detail = self.tr(
            "The places are occupied from today and the case gets the status 'solution found'."
        )
        if not suggestion.fits:
            lines = [f"✗ {self.model.reason_text(r)}" for r in suggestion.failed]
            detail += (
                "\n\n" + self.tr("Note: this location does not fit:") + "\n" + "\n".join(lines)
            )
        return text, detail

    @Slot()
    def assign_selected(self) -> bool:
        """Ask, then assign the chosen suggestion's places in a worker; True when started."""
        suggestion = self.selected_suggestion()
        if suggestion is None or not self._can_assign() or self.case_id is None:
            return False
        text, detail = self.confirmation_texts(suggestion)
        if not common.confirm(self, self.tr("Assign place"), text, detail, self.tr("&Assign")):
            return False
        from vlot_desktop.services.matching import assign_places

        case_id = self.case_id
        place_ids = list(suggestion.free_place_ids)
        author_id = self.context.settings.user_id

        def changes(problems: list[Any]) -> Changes:
            if problems:
                return Changes()  # refused: nothing changed
            return Changes.of("case_file", "case_event", "place", "location", ids=[case_id])

        self._show_message("")
        self.assign_handle = (
            CollectionOp(
                self.context,
                lambda store: assign_places(store.engine, case_id, place_ids, author_id=author_id),
                changes=changes,
                success=lambda problems: self._assign_done(case_id, suggestion, problems),
            )
            .failure(self._assign_failed)
            .owned_by(self)
            .named("assign places")
            .run()
        )
        self._update_buttons()
        return True

    def _assign_done(self, case_id: str, suggestion: Suggestion, problems: list[Any]) -> None:
        language = current_language()
        if problems:
            self._show_message("\n".join(p.text(language) for p in problems), error=True)
        else:
            self._show_message(
                self.tr("Assigned: %1 in %2. The case now has the status 'solution found'.")
                .replace("%1", ", ".join(suggestion.free_place_labels))
                .replace("%2", suggestion.location_name),
                done=True,
            )
            self.assigned.emit(case_id)
        if case_id == self.case_id:
            self._load()
        else:
            self._update_buttons()

    def _assign_failed(self, exc: BaseException) -> None:
        from vlot_desktop.services.cases import CaseNotFoundError

        self._update_buttons()
        if isinstance(exc, CaseNotFoundError):
            self._show_gone()
            return
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _show_message(self, text: str, *, error: bool = False, done: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else DONE_STYLE if done else "")
        self.message.setText(text)
        self.message.setVisible(bool(text))


def _suggestions(
    store: Store, case_id: str, today: dt.date
) -> tuple[CaseDetail | None, list[Suggestion]]:
    """The case and the free places that fit it, nearest first (in a worker)."""
    from vlot_desktop.services import case_detail
    from vlot_desktop.services.matching import suggest_places

    detail = store.read(case_detail.detail, case_id, today)
    if detail is None:
        return None, []
    return detail, suggest_places(store.engine, case_id)


def _status(value: str) -> CaseStatus | None:
    try:
        return CaseStatus(value)
    except ValueError:  # a status of a newer version of the app, synced in
        return None
