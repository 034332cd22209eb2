"""The municipalities table: the rows of the name filter, joined with the cached counts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE, wrap_header

if TYPE_CHECKING:
    from vlot_desktop.db.queries.municipalities import MunicipalityCounts, MunicipalityRow

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Column:
    header: str
    tooltip: str
    text: Callable[[MunicipalityRow], str] | None = None
    count: Callable[[MunicipalityCounts], int] | None = None


class MunicipalityTableModel(QAbstractTableModel):
    """Rows come from ``search_municipalities``; counts from ``municipality_counts``.

    Until the counts are loaded their cells are empty (not zero: zero would be a claim).
    """

    NAME_COLUMN = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MunicipalityRow] = []
        self._counts: Mapping[str, MunicipalityCounts] | None = None
        self._columns = [
            _Column(self.tr("Municipality"), self.tr("Name of the municipality"), lambda r: r.name),
            _Column(self.tr("NIS code"), self.tr("Statbel NIS code"), lambda r: r.nis_code),
            _Column(self.tr("Province"), self.tr("Province"), lambda r: r.province_name),
            _Column(
                self.tr("Arrondissement"),
                self.tr("Administrative arrondissement"),
                lambda r: r.arrondissement_name,
            ),
            _Column(
                self.tr("Reception locations"),
                self.tr("Operational reception locations"),
                count=lambda c: c.operational_locations,
            ),
            _Column(
                self.tr("Places"),
                self.tr("All places of locations that are not wound down or closed"),
                count=lambda c: c.places,
            ),
            _Column(
                self.tr("Free places"),
                self.tr("Places with status free"),
                count=lambda c: c.free_places,
            ),
            _Column(
                self.tr("Open cases"),
                self.tr("Cases that are not solved, referred or closed"),
                count=lambda c: c.open_cases,
            ),
            _Column(
                self.tr("Open questions"),
                self.tr("Questions that are new, in progress or dispatched"),
                count=lambda c: c.open_questions,
            ),
            _Column(
                self.tr("Contacts (12 months)"),
                self.tr("Contact moments in the last twelve months"),
                count=lambda c: c.contacts_12_months,
            ),
        ]
        self._first_count_column = next(i for i, c in enumerate(self._columns) if c.count)

    @property
    def has_counts(self) -> bool:
        return self._counts is not None

    def set_rows(self, rows: list[MunicipalityRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_counts(self, counts: Mapping[str, MunicipalityCounts]) -> None:
        self._counts = counts
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self._first_count_column),
                self.index(len(self._rows) - 1, len(self._columns) - 1),
            )

    def counts_for(self, nis_code: str) -> MunicipalityCounts | None:
        if self._counts is None:
            return None
        from vlot_desktop.db.queries.municipalities import NO_COUNTS

        return self._counts.get(nis_code, NO_COUNTS)

    def is_count_column(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column].count is not None

    def column_texts(self, column: int) -> list[str]:
        """The texts of a text column for all rows (for sizing the column)."""
        text = self._columns[column].text
        return [text(row) for row in self._rows] if text is not None else []

    def row_at(self, row: int) -> MunicipalityRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, nis_code: str) -> int:
        for i, row in enumerate(self._rows):
            if row.nis_code == nis_code:
                return i
        return -1

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
            return wrap_header(column.header) if column.count else column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.count is not None:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if index.column() >= len(self._columns):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == KEY_ROLE:
            return row.nis_code
        if column.text is not None:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return column.text(row)
            return None
        assert column.count is not None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        counts = self.counts_for(row.nis_code)
        if counts is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        value = column.count(counts)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_int(value)
        if role == SORT_ROLE:
            return value
        return None
