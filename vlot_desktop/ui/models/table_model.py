"""A read-only table model described by a list of columns, the base of every table model.

A subclass supplies the translated columns (``tr()`` stays in the subclass: the translation
context is its class name) and, if its rows have one, a key::

    class LocationTableModel(ColumnTableModel["LocationRow"]):
        def __init__(self, parent: QObject | None = None) -> None:
            super().__init__(parent)
            self.set_columns([
                text_column(self.tr("Name"), lambda r: r.name, self.tr("Name of the location")),
                number_column(self.tr("Places"), self.tr("All places"), lambda r: r.places),
            ])

        def row_key(self, row: LocationRow) -> object:
            return row.id

The base answers the roles every table needs:

* ``DisplayRole``: ``Column.display`` (a number column's text is formatted, ``1.234``);
* ``SORT_ROLE``: ``Column.sort_key``, the raw value (``1234`` sorts after ``999``);
* ``TextAlignmentRole``: right-aligned for ``Column.numeric``;
* ``ToolTipRole``: ``Column.cell_tooltip``;
* ``KEY_ROLE``: ``row_key()`` on every cell of the row;

and ``None`` for the rest. Per-model extras (a bold total row, a special not-applicable cell)
override ``cell_data()`` and call ``super().cell_data()`` for what they leave alone. The
horizontal header shows ``Column.header`` (wrapped over two lines above a number column),
``Column.tooltip`` and the column's alignment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE, wrap_header

AnyIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")

NUMERIC_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """One column: its header and how a row's cell shows, sorts and explains itself.

    The getters may close over the model (e.g. counts loaded later than the rows).
    """

    header: str
    tooltip: str | None = None  # of the header; None: none
    _: KW_ONLY
    display: Callable[[RowT], str]  # DisplayRole
    sort_key: Callable[[RowT], Any] | None = None  # SORT_ROLE; None: the cell has none
    cell_tooltip: Callable[[RowT], str | None] | None = None  # ToolTipRole; None: none
    numeric: bool = False  # right-aligned cells and header; the header may wrap


def text_column(
    header: str, text: Callable[[RowT], str], tooltip: str | None = None
) -> Column[RowT]:
    """A left-aligned column that shows and sorts by ``text``."""
    return Column(header, tooltip, display=text, sort_key=text)


def number_column(
    header: str, tooltip: str | None, value: Callable[[RowT], int | None]
) -> Column[RowT]:
    """A right-aligned integer column, ``1.234``, sorted by the number.

    ``value`` returns ``None`` for a number that is not known (yet): the cell is empty, not zero
    (zero would be a claim), and has no sort value.
    """

    def display(row: RowT) -> str:
        number = value(row)
        return "" if number is None else format_int(number)

    return Column(header, tooltip, display=display, sort_key=value, numeric=True)


class ColumnTableModel(QAbstractTableModel, Generic[RowT]):
    """A flat, read-only table of ``RowT`` rows (lightweight query rows, never ORM objects)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._columns: list[Column[RowT]] = []

    # -- what a subclass supplies ----------------------------------------------------------

    def set_columns(self, columns: Sequence[Column[RowT]]) -> None:
        """Set the columns (normally once, in the subclass's ``__init__``)."""
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def row_key(self, row: RowT) -> object:
        """The value of ``KEY_ROLE`` (the record's key); ``None`` if the rows have none."""
        return None

    def cell_data(self, row: RowT, column: Column[RowT], role: int) -> Any:
        """The data of one cell for ``role``: override for extra roles or special cells."""
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMERIC_ALIGNMENT if column.numeric else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.cell_tooltip(row) if column.cell_tooltip is not None else None
        if role == KEY_ROLE:
            return self.row_key(row)
        return None

    # -- rows and columns --------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RowT]) -> None:
        """Replace all rows (a model reset: views keep their sort column)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT | None:
        """The row at ``row`` (a source-model row number), ``None`` outside the table."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def column_at(self, column: int) -> Column[RowT] | None:
        """The description of column ``column``, ``None`` outside the table."""
        return self._columns[column] if 0 <= column < len(self._columns) else None

    # -- QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        column = self.column_at(section)
        if orientation != Qt.Orientation.Horizontal or column is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return wrap_header(column.header) if column.numeric else column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return NUMERIC_ALIGNMENT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = self.column_at(index.column())
        if row is None or column is None:
            return None
        return self.cell_data(row, column, role)
