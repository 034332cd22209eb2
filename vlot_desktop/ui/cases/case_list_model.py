"""The Dossiers list: a :class:`PagedTableModel` of ``CaseRow``, sorted in SQL.

Pages are read in a worker by the screen's ``PagedList`` (``ui.models.paged_model``). The
contact name has no SQL sort (it is not a column of the case table; sorting on it would read
every member): a click on its header keeps the current order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from vlot_desktop.domain.case_rules import Urgency
from vlot_desktop.domain.enums import CaseStatus, CaseType
from vlot_desktop.ui.formatting import enum_label, format_date, format_int
from vlot_desktop.ui.models.paged_model import PagedTableModel
from vlot_desktop.ui.models.table_model import Column

if TYPE_CHECKING:  # SQLAlchemy is imported only once the database opens
    from vlot_desktop.db.queries.cases import CaseRow

_DEADLINE_ROLES = (
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.ToolTipRole,
)
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


def _id(row: CaseRow) -> str:
    return row.id


class CaseListModel(PagedTableModel["CaseRow"]):
    """The columns of the Dossiers list, in the order of ``COLUMNS``; the deadline cell is
    coloured and bold when overdue."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_id, "deadline", parent)
        self._team_names: dict[str, str] = {}
        self._overdue_text = self.tr("%1 (overdue)")
        self._soon_text = self.tr("%1 (soon)")
        self._overdue_tip = self.tr("Overdue: the deadline has passed and the case is open")
        self._soon_tip = self.tr("The deadline falls within a week")
        headers: dict[str, tuple[str, str | None]] = {
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
        columns: list[tuple[Column[CaseRow], str | None]] = []
        for key in COLUMNS:
            header, tooltip = headers[key]
            columns.append((self._column(key, header, tooltip), SORTS.get(key)))
        self._deadline_column = columns[COLUMNS.index(CaseColumn.DEADLINE)][0]
        self.set_columns(columns)

    def _column(self, key: str, header: str, tooltip: str | None) -> Column[CaseRow]:
        def display(row: CaseRow) -> str:
            return self._display(row, key)

        def value(row: CaseRow) -> Any:
            return self._value(row, key)

        def contact(row: CaseRow) -> str | None:
            return row.contact_name or None

        return Column(
            header,
            tooltip,
            display=display,
            sort_key=value,
            cell_tooltip=contact if key == CaseColumn.CONTACT else None,
            numeric=key == CaseColumn.HOUSEHOLD,
        )

    def set_team_names(self, names: dict[str, str]) -> None:
        """Team code -> the short name the Team column shows ("Limburg", "Centraal team")."""
        self._team_names = dict(names)

    def cell_data(self, row: CaseRow, column: Column[CaseRow], role: int) -> Any:
        if column is self._deadline_column and role in _DEADLINE_ROLES:
            return self._deadline_data(row, role)
        return super().cell_data(row, column, role)

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
