"""The dashboard screen: totals as cards, and a table per regional team and the central team.

The figures are read in a worker (``services.dashboard_figures`` through ``ui.ops.QueryOp``), on
start, on F5 and whenever a table they count changes (docs/adding-a-screen.md).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import PlaceStatus
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_date, format_time
from vlot_desktop.ui.models.dashboard_model import DashboardTableModel
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskHandle, TaskRunner
from vlot_desktop.ui.widgets.count_card import CountCard
from vlot_desktop.ui.widgets.screen import Screen, heading

if TYPE_CHECKING:
    from vlot_desktop.db.queries.dashboard import DashboardFigures


class DashboardView(Screen):
    """Figures are computed in a worker (``services.dashboard_figures``) on start and on F5.

    Attributes:
        figures: the figures shown, or None while the first computation runs.
    """

    key = "dashboard"
    shows = frozenset(
        {
            "location",
            "place",
            "case_file",
            "household_member",
            "question",
            "prospect_visit",
            "sync_conflicts",
        }
    )

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self.figures: DashboardFigures | None = None
        self._task: TaskHandle | None = None

        self.heading = heading(self.tr("Dashboard"), self)
        self.subtitle = QLabel(
            self.tr("Key figures per regional team and for Flanders as a whole."), self
        )
        self.subtitle.setWordWrap(True)

        self.card_locations = CountCard(
            self.tr("Operational reception locations"),
            self.tr("Reception locations with status operational, in all of Flanders"),
        )
        self.card_free = CountCard(self.tr("Free places"), self.tr("Places with status free"))
        self.card_occupied = CountCard(
            self.tr("Occupied places"), self.tr("Places with status occupied")
        )
        self.card_cases = CountCard(
            self.tr("Open cases"), self.tr("Cases of all teams that are still open")
        )
        self.card_questions = CountCard(
            self.tr("Open questions"), self.tr("Questions of all teams that are still open")
        )
        self.card_prospects = CountCard(
            self.tr("Prospects this year"), self.tr("Prospect visits in the current calendar year")
        )
        self.cards = [
            self.card_locations,
            self.card_free,
            self.card_occupied,
            self.card_cases,
            self.card_questions,
            self.card_prospects,
        ]
        cards = QGridLayout()
        cards.setHorizontalSpacing(12)
        for column, card in enumerate(self.cards):
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 1)

        self.table_caption = QLabel(self.tr("Per team and region"), self)
        font = self.table_caption.font()
        font.setBold(True)
        self.table_caption.setFont(font)
        self.model = DashboardTableModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Key figures per team and region"))
        self.table_caption.setBuddy(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setMinimumSectionSize(60)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

        self.status_label = QLabel(self.tr("Calculating the figures…"), self)
        self.status_label.setObjectName("dashboardStatus")
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.note_label.setObjectName("dashboardNote")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addLayout(cards)
        layout.addSpacing(6)
        layout.addWidget(self.table_caption)
        layout.addWidget(self.table)
        layout.addWidget(self.note_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        self._fit_table_height()

    def _fit_table_height(self) -> None:
        """As tall as its rows (at most eight): no scroll bar, no empty space under them."""
        rows = max(self.model.rowCount(), 7)
        header = self.table.horizontalHeader().sizeHint().height()
        height = header + rows * self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())

    @property
    def is_loading(self) -> bool:
        return self._task is not None

    def refresh(self) -> None:
        if not self.context.is_ready:
            return
        self.status_label.setText(self.tr("Calculating the figures…"))
        from vlot_desktop.services import dashboard_figures

        teams = self.context.teams
        year = dt.date.today().year
        self._task = (
            QueryOp(
                self.context,
                lambda store: store.read(dashboard_figures.figures, year, teams),
                success=self._show_figures,
            )
            .failure(self._failed)
            .owned_by(self)
            .latest("figures")
            .named("dashboard")
            .run()
        )

    def _show_figures(self, figures: DashboardFigures) -> None:
        self._task = None
        self.figures = figures
        total = figures.total
        self.card_locations.set_value(total.operational_locations)
        self.card_free.set_value(total.places(PlaceStatus.FREE))
        self.card_occupied.set_value(total.places(PlaceStatus.OCCUPIED))
        self.card_cases.set_value(total.open_cases)
        self.card_questions.set_value(total.open_questions)
        self.card_prospects.set_value(total.prospects_this_year)
        self.model.set_figures(figures)
        self._fit_table_height()
        now = dt.datetime.now()
        self.status_label.setText(
            self.tr("Updated on %1 at %2 (F5 to refresh).")
            .replace("%1", format_date(now.date()))
            .replace("%2", format_time(now))
        )
        self.note_label.setText(
            self.tr(
                "Locations, places and prospects count per province; cases and questions per team "
                "that handles them. Places: all places of locations that are not wound down or "
                "closed. Prospects: visits in %1 (or created in %1 when not visited yet)."
            ).replace("%1", str(figures.year))
        )
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        import sys

        self._task = None
        self.status_label.setText(self.tr("The figures could not be calculated."))
        sys.excepthook(type(exc), exc, exc.__traceback__)
