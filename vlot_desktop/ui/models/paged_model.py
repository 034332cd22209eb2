"""The one list model of the app: rows known by id, read page by page in a worker, sorted and
filtered in SQL (docs/adding-a-screen.md).

A screen describes its columns (``table_model.Column``, plus the SQL sort key of each) and
gives a :class:`PagedList` two reads: the first page with the total for the filter, and a
further page from an offset. The list runs them through ``ui.ops.QueryOp``; the model never
touches the database. When the view scrolls to the end, Qt asks ``canFetchMore``/``fetchMore``;
the model emits ``more_requested`` and says no more until the page arrives (``append``). A
click on a header sets the order and emits ``sort_requested``: the database sorts, not a proxy.

Rows are keyed by id (``key``), so the screen can re-read one record after an edit
(``update_row``), drop one (``remove_row``) and find the row of a record (``row_of``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from vlot_desktop.services.store import FirstPage
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE, wrap_header
from vlot_desktop.ui.models.table_model import NUMERIC_ALIGNMENT, Column

if TYPE_CHECKING:
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.context import AppContext
    from vlot_desktop.ui.tasks import TaskHandle

AnyIndex = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")
PAGE_SIZE = 200


class PagedTableModel(QAbstractTableModel, Generic[RowT]):
    """Attributes:
    sort_key, descending: the order the rows are read in (an SQL sort key of the screen).

    Signals:
        more_requested(): the view wants the next page (``loaded_count`` is its offset).
        sort_requested(): the user chose another order: read the first page again.
    """

    more_requested = Signal()
    sort_requested = Signal()

    def __init__(
        self, key: Callable[[RowT], str], sort_key: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._key = key
        self._rows: list[RowT] = []
        self._index: dict[str, int] = {}
        self._columns: list[Column[RowT]] = []
        self._sorts: list[str | None] = []
        self._total = 0
        self._waiting = False
        self._announcing = False
        self.sort_key = sort_key
        self.descending = False

    # -- what a screen supplies ----------------------------------------------------------------

    def set_columns(self, columns: Sequence[tuple[Column[RowT], str | None]]) -> None:
        """Each column with the SQL sort key that orders by it (``None``: not sortable)."""
        self.beginResetModel()
        self._columns = [column for column, _ in columns]
        self._sorts = [sort for _, sort in columns]
        self.endResetModel()

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
            return self._key(row)
        return None

    # -- loading -------------------------------------------------------------------------------

    def reset(self, rows: Sequence[RowT], total: int) -> None:
        """A new filter or order: the first page and the number of rows that match."""
        self.beginResetModel()
        self._rows = list(rows)
        self._reindex()
        self._total = max(total, len(self._rows))
        self._waiting = False
        # Listeners of modelReset (a view, the model tester) must not ask for more while the
        # reset is still announced: inserting rows then breaks the reset's contract.
        self._announcing = True
        try:
            self.endResetModel()
        finally:
            self._announcing = False

    def append(self, rows: Sequence[RowT]) -> None:
        """The next page arrived (rows already shown, e.g. after an edit, are skipped)."""
        self._waiting = False
        if not rows:
            self._total = len(self._rows)  # the data shrank since the count: stop asking
            return
        fresh = [row for row in rows if self._key(row) not in self._index]
        if not fresh:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
        self._rows.extend(fresh)
        self._reindex(start)
        self._announcing = True
        try:
            self.endInsertRows()
        finally:
            self._announcing = False

    def fetch_failed(self) -> None:
        """The page could not be read: let the view ask again later."""
        self._waiting = False

    @property
    def total(self) -> int:
        return self._total

    @property
    def loaded_count(self) -> int:
        return len(self._rows)

    @property
    def has_more(self) -> bool:
        return len(self._rows) < self._total

    @property
    def waiting_for_more(self) -> bool:
        return self._waiting

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._announcing and not self._waiting and self.has_more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._waiting = True
        self.more_requested.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._sorts) or self._sorts[column] is None:
            return
        key = self._sorts[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.sort_key and descending == self.descending:
            return
        self.sort_key = str(key)
        self.descending = descending
        self.sort_requested.emit()

    def sort_column(self) -> int:
        """The column that shows the current order (-1: none)."""
        try:
            return self._sorts.index(self.sort_key)
        except ValueError:
            return -1

    # -- rows ------------------------------------------------------------------------------------

    def row_at(self, row: int) -> RowT | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: str) -> int:
        return self._index.get(record_id, -1)

    def update_row(self, updated: RowT) -> None:
        """Show a record's new values (after an edit) where it is, without re-reading."""
        number = self.row_of(self._key(updated))
        if number < 0:
            return
        self._rows[number] = updated
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self._columns) - 1))

    def remove_row(self, record_id: str) -> None:
        """A record left the list (deleted, or no longer matching after an edit)."""
        number = self.row_of(record_id)
        if number < 0:
            return
        self.beginRemoveRows(QModelIndex(), number, number)
        del self._rows[number]
        self._reindex()
        self._total = max(0, self._total - 1)
        self.endRemoveRows()

    def _reindex(self, start: int = 0) -> None:
        if start == 0:
            self._index = {}
        for number in range(start, len(self._rows)):
            self._index[self._key(self._rows[number])] = number

    # -- QAbstractTableModel -------------------------------------------------------------------

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
        if row is None or not 0 <= index.column() < len(self._columns):
            return None
        return self.cell_data(row, self._columns[index.column()], role)


# (store, sort key, descending, limit) -> the first page; (store, sort, descending, offset,
# limit) -> a further page. Both run in a worker.
FirstRead = Callable[["Store", str, bool, int], FirstPage[RowT]]
PageRead = Callable[["Store", str, bool, int, int], list[RowT]]


class PagedList(QObject, Generic[RowT]):
    """Runs a :class:`PagedTableModel`'s reads through ``ui.ops`` (the newest read wins).

    Signals:
        loaded(object): the first page is shown; the argument is ``FirstPage.summary``.
        failed(object): a read failed (the exception); the list keeps what it showed.
    """

    loaded = Signal(object)
    failed = Signal(object)

    def __init__(self, context: AppContext, model: PagedTableModel[RowT]) -> None:
        super().__init__(model)
        self.context = context
        self.model = model
        self._first: FirstRead[RowT] | None = None
        self._page: PageRead[RowT] | None = None
        self.is_loading = False
        self._more: TaskHandle | None = None
        model.more_requested.connect(self._read_more)
        model.sort_requested.connect(self.reload)

    def show(self, first: FirstRead[RowT], page: PageRead[RowT]) -> None:
        """Show what ``first``/``page`` read (a new filter): the first page is read now."""
        self._first, self._page = first, page
        self.reload()

    def reload(self) -> None:
        """Read the first page again (same filter), e.g. after other records changed."""
        from vlot_desktop.ui.ops import QueryOp

        first = self._first
        if first is None or not self.context.is_ready:
            return
        sort, descending = self.model.sort_key, self.model.descending
        self.is_loading = True
        if self._more is not None:  # a page of the old filter or order must not arrive
            self._more.cancel()
            self._more = None
        QueryOp(
            self.context,
            lambda store: first(store, sort, descending, PAGE_SIZE),
            success=self._first_read,
        ).failure(self._failed).owned_by(self).latest("page").run()

    def _first_read(self, page: FirstPage[RowT]) -> None:
        self.is_loading = False
        self.model.reset(page.rows, page.total)
        self.loaded.emit(page.summary)

    def _read_more(self) -> None:
        from vlot_desktop.ui.ops import QueryOp

        read = self._page
        if read is None:
            self.model.fetch_failed()
            return
        sort, descending = self.model.sort_key, self.model.descending
        offset = self.model.loaded_count
        self._more = (
            QueryOp(
                self.context,
                lambda store: read(store, sort, descending, offset, PAGE_SIZE),
                success=self.model.append,
            )
            .failure(self._more_failed)
            .owned_by(self)
            .latest("more")
            .run()
        )

    def _failed(self, exc: BaseException) -> None:
        self.is_loading = False
        self.failed.emit(exc)

    def _more_failed(self, exc: BaseException) -> None:
        self.model.fetch_failed()
        self.failed.emit(exc)
