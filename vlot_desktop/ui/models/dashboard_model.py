"""The dashboard table: one row per regional team, the central team, and the Flemish total."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from vlot_desktop.domain.enums import PlaceStatus
from vlot_desktop.ui.formatting import NOT_APPLICABLE, format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE, wrap_header

if TYPE_CHECKING:
    from vlot_desktop.db.queries.dashboard import DashboardFigures, TeamFigures

AnyIndex = QModelIndex | QPersistentModelIndex

PLACE_STATUS_COLUMNS = (
    PlaceStatus.FREE,
    PlaceStatus.OCCUPIED,
    PlaceStatus.OFFERED_FEDASIL,
    PlaceStatus.IN_PREPARATION,
    PlaceStatus.OUT_OF_USE,
)


def _places_with_status(status: PlaceStatus, figures: TeamFigures) -> int:
    return figures.places(status)


@dataclass(frozen=True)
class _Column:
    header: str
    tooltip: str
    value: Callable[[TeamFigures], int] | None  # None: the name column
    regional_only: bool = False


class DashboardTableModel(QAbstractTableModel):
    """Read-only figures; ``set_figures`` replaces them all."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TeamFigures] = []
        self._total_key = ""
        self._columns = self._make_columns()

    def _make_columns(self) -> list[_Column]:
        language = current_language()
        columns = [
            _Column(self.tr("Team / region"), self.tr("Regional team (province) or team"), None),
            _Column(
                self.tr("Reception locations"),
                self.tr("Operational reception locations"),
                lambda f: f.operational_locations,
                regional_only=True,
            ),
            _Column(
                self.tr("Places"),
                self.tr("All places of locations that are not wound down or closed"),
                lambda f: f.places_total,
                regional_only=True,
            ),
        ]
        for status in PLACE_STATUS_COLUMNS:
            columns.append(
                _Column(
                    status.label(language),
                    self.tr("Places with status: %1").replace("%1", status.label(language)),
                    partial(_places_with_status, status),
                    regional_only=True,
                )
            )
        columns += [
            _Column(
                self.tr("Open cases"),
                self.tr("Cases that are not solved, referred or closed, by handling team"),
                lambda f: f.open_cases,
            ),
            _Column(
                self.tr("Open questions"),
                self.tr("Questions that are new, in progress or dispatched, by handling team"),
                lambda f: f.open_questions,
            ),
            _Column(
                self.tr("Prospects this year"),
                self.tr("Prospect visits this calendar year (by visit date, else creation date)"),
                lambda f: f.prospects_this_year,
                regional_only=True,
            ),
        ]
        return columns

    def set_figures(self, figures: DashboardFigures) -> None:
        self.beginResetModel()
        self._rows = [*figures.rows, figures.total]
        self._total_key = figures.total.key
        self.endResetModel()

    def figures_at(self, row: int) -> TeamFigures | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return wrap_header(column.header) if column.value is not None else column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.value is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if index.column() >= len(self._columns):
            return None
        figures = self._rows[index.row()]
        column = self._columns[index.column()]
        applicable = figures.has_region or not column.regional_only
        if column.value is None:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return figures.name(current_language())
        else:
            value = column.value(figures) if applicable else None
            if role == Qt.ItemDataRole.DisplayRole:
                return format_int(value) if applicable else NOT_APPLICABLE
            if role == SORT_ROLE:
                return value if value is not None else -1
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ToolTipRole and not applicable:
                return self.tr("Not applicable: the central team has no province of its own")
        if role == Qt.ItemDataRole.FontRole and figures.key == self._total_key:
            font = QFont()
            font.setBold(True)
            return font
        if role == KEY_ROLE:
            return figures.key
        return None
