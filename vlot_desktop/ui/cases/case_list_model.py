"""The Dossiers list: pages of cases read in a worker, sorted in SQL.

The model holds the rows read so far and the total for the filter. When the view scrolls to the
end, Qt asks ``canFetchMore``/``fetchMore``; the model does not read the database itself (that
would block the GUI thread) but emits ``more_requested``, and the screen reads the next page in
a worker and hands it to ``append``. Until then ``canFetchMore`` says no, so the view asks once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from vlot_desktop.domain.case_rules import Urgency
from vlot_desktop.domain.enums import CaseStatus, CaseType
from vlot_desktop.ui.formatting import enum_label, format_date, format_int
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE
from vlot_desktop.ui.models.table_model import NUMERIC_ALIGNMENT

if TYPE_CHECKING:  # SQLAlchemy is imported only once the database opens
    from vlot_desktop.db.queries.cases import CaseRow

AnyIndex = QModelIndex | QPersistentModelIndex
OVERDUE_COLOUR = QColor("#b00020")
DUE_SOON_COLOUR = QColor("#8a5300")


class CaseColumn:
    """The columns, by key; ``SORTS`` maps a key to its ``db.queries.cases.CaseSort`` value."""

    REFERENCE = "reference"
    CONTACT = "contact"
    TYPE = "type"
    STATUS = "status"
    DEADLINE = "deadline"
    MUNICIPALITY = "municipality"
    TEAM = "team"
    ASSIGNED = "assigned"
    HOUSEHOLD = "household"


# The most telling first: the pane beside the list leaves room for about five columns on a
# 1366-pixel laptop; the rest is a scroll away.
COLUMNS: tuple[str, ...] = (
    CaseColumn.REFERENCE,
    CaseColumn.CONTACT,
    CaseColumn.DEADLINE,
    CaseColumn.STATUS,
    CaseColumn.TYPE,
    CaseColumn.MUNICIPALITY,
    CaseColumn.TEAM,
    CaseColumn.ASSIGNED,
    CaseColumn.HOUSEHOLD,
)
# The contact name is not a column of the case table: sorting on it would read every member.
SORTS: dict[str, str] = {
    CaseColumn.REFERENCE: "reference",
    CaseColumn.TYPE: "type",
    CaseColumn.STATUS: "status",
    CaseColumn.DEADLINE: "deadline",
    CaseColumn.MUNICIPALITY: "municipality",
    CaseColumn.TEAM: "team",
    CaseColumn.ASSIGNED: "assigned",
    CaseColumn.HOUSEHOLD: "household",
}


class CaseListModel(QAbstractTableModel):
    """Attributes:
    sort_key, descending: the order of the rows (a ``CaseSort`` value).

    Signals:
        more_requested(): the view wants the next page (``loaded_count`` is its offset).
    """

    more_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self._total = 0
        self._waiting_for_more = False
        self._announcing = False
        self._team_names: dict[str, str] = {}
        self.sort_key = "deadline"
        self.descending = False
        self._headers: dict[str, tuple[str, str | None]] = {
            CaseColumn.REFERENCE: (self.tr("Reference"), None),
            CaseColumn.CONTACT: (
                self.tr("Contact person"),
                self.tr("The household's contact person (Latin and Cyrillic)"),
            ),
            CaseColumn.TYPE: (self.tr("Type"), None),
            CaseColumn.STATUS: (self.tr("Status"), None),
            CaseColumn.DEADLINE: (
                self.tr("Deadline"),
                self.tr("The date a solution is needed by; overdue cases are marked"),
            ),
            CaseColumn.MUNICIPALITY: (self.tr("Municipality"), None),
            CaseColumn.TEAM: (self.tr("Team"), None),
            CaseColumn.ASSIGNED: (self.tr("Assigned to"), self.tr("Staff member handling it")),
            CaseColumn.HOUSEHOLD: (self.tr("Persons"), self.tr("Household size")),
        }
        self._overdue_text = self.tr("%1 (overdue)")
        self._soon_text = self.tr("%1 (soon)")
        self._overdue_tip = self.tr("Overdue: the deadline has passed and the case is open")
        self._soon_tip = self.tr("The deadline falls within a week")

    # -- loading -------------------------------------------------------------------------------

    def set_team_names(self, names: dict[str, str]) -> None:
        """Team code -> the short name the Team column shows ("Limburg", "Centraal team")."""
        self._team_names = dict(names)

    def reset(self, rows: list[CaseRow], total: int) -> None:
        """A new filter or order: the first page and the number of matching cases."""
        self.beginResetModel()
        self._rows = list(rows)
        self._total = max(total, len(rows))
        self._waiting_for_more = False
        # Listeners of modelReset (the view) must not ask for more while it is announced.
        self._announcing = True
        try:
            self.endResetModel()
        finally:
            self._announcing = False

    def append(self, rows: list[CaseRow]) -> None:
        """The next page arrived (rows already shown, e.g. after an edit, are skipped)."""
        self._waiting_for_more = False
        known = {row.id for row in self._rows}
        fresh = [row for row in rows if row.id not in known]
        if not rows:
            self._total = len(self._rows)  # the data shrank since the count: stop asking
            return
        if not fresh:
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
        self._rows.extend(fresh)
        self._announcing = True
        try:
            self.endInsertRows()
        finally:
            self._announcing = False

    def fetch_failed(self) -> None:
        """The page could not be read: let the view ask again later."""
        self._waiting_for_more = False

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
        return self._waiting_for_more

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self._announcing
            and not self._waiting_for_more
            and self.has_more
        )

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._waiting_for_more = True
        self.more_requested.emit()

    # -- rows ------------------------------------------------------------------------------------

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: str) -> int:
        for number, row in enumerate(self._rows):
            if row.id == case_id:
                return number
        return -1

    def update_row(self, updated: CaseRow) -> None:
        """Show a case's new values (after an edit) where it is, without re-reading the list."""
        number = self.row_of(updated.id)
        if number < 0:
            return
        self._rows[number] = updated
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))

    # -- QAbstractTableModel -----------------------------------------------------------------

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
            return header
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column == CaseColumn.HOUSEHOLD:
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
        if role == KEY_ROLE:
            return row.id
        if role == SORT_ROLE:
            return self._value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMERIC_ALIGNMENT if column == CaseColumn.HOUSEHOLD else None
        if column == CaseColumn.DEADLINE:
            return self._deadline_data(row, role)
        if role == Qt.ItemDataRole.ToolTipRole and column == CaseColumn.CONTACT:
            return row.contact_name or None
        return None

    def _deadline_data(self, row: CaseRow, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.urgency is Urgency.OVERDUE:
                return QBrush(OVERDUE_COLOUR)
            if row.urgency is Urgency.DUE_SOON:
                return QBrush(DUE_SOON_COLOUR)
            return None
        if role == Qt.ItemDataRole.FontRole and row.urgency is Urgency.OVERDUE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.urgency is Urgency.OVERDUE:
                return self._overdue_tip
            if row.urgency is Urgency.DUE_SOON:
                return self._soon_tip
        return None

    @staticmethod
    def _value(row: CaseRow, column: str) -> Any:
        return {
            CaseColumn.REFERENCE: row.reference,
            CaseColumn.CONTACT: row.contact_name,
            CaseColumn.TYPE: row.case_type,
            CaseColumn.STATUS: row.status,
            CaseColumn.DEADLINE: row.deadline.isoformat() if row.deadline else "",
            CaseColumn.MUNICIPALITY: row.municipality_name,
            CaseColumn.TEAM: row.team_code,
            CaseColumn.ASSIGNED: row.assigned_to_name or "",
            CaseColumn.HOUSEHOLD: row.household_size,
        }[column]

    def _display(self, row: CaseRow, column: str) -> str:
        if column == CaseColumn.TYPE:
            return enum_label(CaseType, row.case_type)
        if column == CaseColumn.STATUS:
            return enum_label(CaseStatus, row.status)
        if column == CaseColumn.DEADLINE:
            text = format_date(row.deadline)
            if row.urgency is Urgency.OVERDUE:
                return self._overdue_text.replace("%1", text)
            if row.urgency is Urgency.DUE_SOON:
                return self._soon_text.replace("%1", text)
            return text
        if column == CaseColumn.TEAM:
            return self._team_names.get(row.team_code, row.team_code)
        if column == CaseColumn.HOUSEHOLD:
            return format_int(row.household_size)
        value = self._value(row, column)
        return str(value)
