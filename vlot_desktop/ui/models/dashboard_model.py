"""The dashboard table: one row per regional team, the central team, and the Flemish total."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont

from vlot_desktop.domain.enums import PlaceStatus
from vlot_desktop.ui.formatting import NOT_APPLICABLE, format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel, text_column

if TYPE_CHECKING:
    from vlot_desktop.db.queries.dashboard import DashboardFigures, TeamFigures

PLACE_STATUS_COLUMNS = (
    PlaceStatus.FREE,
    PlaceStatus.OCCUPIED,
    PlaceStatus.OFFERED_FEDASIL,
    PlaceStatus.IN_PREPARATION,
    PlaceStatus.OUT_OF_USE,
)


def _places_with_status(status: PlaceStatus, figures: TeamFigures) -> int:
    return figures.places(status)


class DashboardTableModel(ColumnTableModel["TeamFigures"]):
    """Read-only figures; ``set_figures`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._total_key = ""
        self.set_columns(self._make_columns())

    def _make_columns(self) -> list[Column[TeamFigures]]:
        language = current_language()
        columns = [
            text_column(
                self.tr("Team / region"),
                lambda f: f.name(current_language()),
                self.tr("Regional team (province) or team"),
            ),
            self._figure_column(
                self.tr("Reception locations"),
                self.tr("Operational reception locations"),
                lambda f: f.operational_locations,
                regional_only=True,
            ),
            self._figure_column(
                self.tr("Places"),
                self.tr("All places of locations that are not wound down or closed"),
                lambda f: f.places_total,
                regional_only=True,
            ),
        ]
        for status in PLACE_STATUS_COLUMNS:
            columns.append(
                self._figure_column(
                    status.label(language),
                    self.tr("Places with status: %1").replace("%1", status.label(language)),
                    partial(_places_with_status, status),
                    regional_only=True,
                )
            )
        columns += [
            self._figure_column(
                self.tr("Open cases"),
                self.tr("Cases that are not solved, referred or closed, by handling team"),
                lambda f: f.open_cases,
            ),
            self._figure_column(
                self.tr("Open questions"),
                self.tr("Questions that are new, in progress or dispatched, by handling team"),
                lambda f: f.open_questions,
            ),
            self._figure_column(
                self.tr("Prospects this year"),
                self.tr("Prospect visits this calendar year (by visit date, else creation date)"),
                lambda f: f.prospects_this_year,
                regional_only=True,
            ),
        ]
        return columns

    def _figure_column(
        self,
        header: str,
        tooltip: str,
        value: Callable[[TeamFigures], int],
        *,
        regional_only: bool = False,
    ) -> Column[TeamFigures]:
        """A number column; ``regional_only``: not applicable to a team without a province
        (shown as a dash, sorted before every number, explained in the tooltip)."""

        def applicable(figures: TeamFigures) -> bool:
            return figures.has_region or not regional_only

        return Column(
            header,
            tooltip,
            display=lambda f: format_int(value(f)) if applicable(f) else NOT_APPLICABLE,
            sort_key=lambda f: value(f) if applicable(f) else -1,
            cell_tooltip=lambda f: (
                None
                if applicable(f)
                else self.tr("Not applicable: the central team has no province of its own")
            ),
            numeric=True,
        )

    def set_figures(self, figures: DashboardFigures) -> None:
        self._total_key = figures.total.key
        self.set_rows([*figures.rows, figures.total])

    def figures_at(self, row: int) -> TeamFigures | None:
        return self.row_at(row)

    def row_key(self, row: TeamFigures) -> object:
        return row.key

    def cell_data(self, row: TeamFigures, column: Column[TeamFigures], role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            if row.key != self._total_key:
                return None
            font = QFont()
            font.setBold(True)  # the Flemish total
            return font
        return super().cell_data(row, column, role)
