"""The Opvanglocaties list: a lazily paged model whose sorting happens in SQL.

The model holds the rows read so far and the total for the filter. The view scrolls towards the
end, Qt asks ``canFetchMore``/``fetchMore``, and the next page (``PAGE_SIZE`` rows) is read with
the same filter and order. A click on a header calls ``sort``, which re-reads the first page in
the new order: the database sorts, not the proxy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from vlot_desktop.domain.enums import LocationStatus, LocationType
from vlot_desktop.ui.formatting import enum_label, format_int
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE, wrap_header
from vlot_desktop.ui.models.table_model import NUMERIC_ALIGNMENT

if TYPE_CHECKING:  # SQLAlchemy is imported only once the database opens
    from vlot_desktop.db.queries.locations import LocationRow

AnyIndex = QModelIndex | QPersistentModelIndex
# (sort column, descending, offset, limit) -> rows; the sort column is a
# ``db.queries.locations.SortColumn`` value ("name", "free", ...).
PageLoader = Callable[[str, bool, int, int], "list[LocationRow]"]
PAGE_SIZE = 200


class ColumnKey:
    """The sort keys of the columns (the values of ``db.queries.locations.SortColumn``)."""

    NAME = "name"
    MUNICIPALITY = "municipality"
    TYPE = "type"
    STATUS = "status"
    CAPACITY = "capacity"
    OCCUPIED = "occupied"
    FREE = "free"
    OFFERED = "offered"


COLUMNS: tuple[str, ...] = (
    ColumnKey.NAME,
    ColumnKey.MUNICIPALITY,
    ColumnKey.TYPE,
    ColumnKey.STATUS,
    ColumnKey.CAPACITY,
    ColumnKey.OCCUPIED,
    ColumnKey.FREE,
    ColumnKey.OFFERED,
)
_NUMERIC = {ColumnKey.CAPACITY, ColumnKey.OCCUPIED, ColumnKey.FREE, ColumnKey.OFFERED}


class LocationTableModel(QAbstractTableModel):
    """Attributes:
    sort_column, descending: the order the rows are read in.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LocationRow] = []
        self._total = 0
        self._loader: PageLoader | None = None
        self._announcing = False
        self.sort_column = ColumnKey.NAME
        self.descending = False
        self._headers = {
            ColumnKey.NAME: (self.tr("Name"), self.tr("Name of the reception location")),
            ColumnKey.MUNICIPALITY: (self.tr("Municipality"), None),
            ColumnKey.TYPE: (self.tr("Type"), None),
            ColumnKey.STATUS: (self.tr("Status"), None),
            ColumnKey.CAPACITY: (self.tr("Capacity"), self.tr("Number of places")),
            ColumnKey.OCCUPIED: (self.tr("Occupied"), self.tr("Occupied places")),
            ColumnKey.FREE: (self.tr("Free"), self.tr("Free places")),
            ColumnKey.OFFERED: (
                self.tr("Offered to FEDASIL"),
                self.tr("Places offered to FEDASIL"),
            ),
        }

    # -- loading -------------------------------------------------------------------------------

    def load(self, loader: PageLoader, total: int) -> None:
        """Start over with a new filter: ``total`` rows match, the first page is read now."""
        self.beginResetModel()
        self._loader = loader
        self._total = total
        self._rows = loader(self.sort_column, self.descending, 0, PAGE_SIZE) if total else []
        # Listeners of modelReset (a view, the model tester) must not fetch more while the
        # reset is still being announced: inserting rows then breaks the reset's contract.
        # (The same for rowsInserted in fetchMore.)
        self._announcing = True
        try:
            self.endResetModel()
        finally:
            self._announcing = False

    @property
    def total(self) -> int:
        return self._total

    @property
    def loaded_count(self) -> int:
        return len(self._rows)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self._announcing
            and self._loader is not None
            and len(self._rows) < self._total
        )

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._loader is None:
            return
        more = self._loader(self.sort_column, self.descending, len(self._rows), PAGE_SIZE)
        if not more:
            self._total = len(self._rows)  # the data shrank since the count: stop asking
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self._announcing = True
        try:
            self.endInsertRows()
        finally:
            self._announcing = False

    def fetch_all(self) -> None:
        while self.canFetchMore():
            before = len(self._rows)
            self.fetchMore()
            if len(self._rows) == before:
                break

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_column = COLUMNS[column]
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self._loader is not None:
            self.load(self._loader, self._total)

    # -- rows ------------------------------------------------------------------------------------

    def row_at(self, row: int) -> LocationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, location_id: str) -> int:
        for number, row in enumerate(self._rows):
            if row.id == location_id:
                return number
        return -1

    def update_row(self, updated: LocationRow) -> None:
        """Show a location's new values (after an edit) where it is, without re-reading."""
        number = self.row_of(updated.id)
        if number < 0:
            return
        self._rows[number] = updated
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        header, tooltip = self._headers[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return wrap_header(header) if column in _NUMERIC else header
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return NUMERIC_ALIGNMENT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(COLUMNS):
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMERIC_ALIGNMENT if column in _NUMERIC else None
        if role == KEY_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and column == ColumnKey.NAME:
            return row.name
        return None

    @staticmethod
    def _value(row: LocationRow, column: str) -> Any:
        return {
            ColumnKey.NAME: row.name,
            ColumnKey.MUNICIPALITY: row.municipality_name,
            ColumnKey.TYPE: row.location_type,
            ColumnKey.STATUS: row.status,
            ColumnKey.CAPACITY: row.capacity,
            ColumnKey.OCCUPIED: row.occupied,
            ColumnKey.FREE: row.free,
            ColumnKey.OFFERED: row.offered,
        }[column]

    def _display(self, row: LocationRow, column: str) -> str:
        if column == ColumnKey.TYPE:
            return enum_label(LocationType, row.location_type)
        if column == ColumnKey.STATUS:
            return enum_label(LocationStatus, row.status)
        value = self._value(row, column)
        return format_int(value) if isinstance(value, int) else str(value)
