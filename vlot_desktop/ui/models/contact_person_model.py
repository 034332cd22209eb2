"""The contact persons of one municipality (detail pane of the municipalities screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from vlot_desktop.domain.enums import ContactRole
from vlot_desktop.ui.formatting import enum_label
from vlot_desktop.ui.models.roles import KEY_ROLE

if TYPE_CHECKING:
    from vlot_desktop.db.queries.municipalities import ContactPersonRow

AnyIndex = QModelIndex | QPersistentModelIndex


class ContactPersonTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ContactPersonRow] = []
        self._headers = [self.tr("Name"), self.tr("Role"), self.tr("E-mail"), self.tr("Phone")]

    def set_rows(self, rows: list[ContactPersonRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ContactPersonRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        person = self._rows[index.row()]
        if role == KEY_ROLE:
            return person.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == 0:
            return person.full_name
        if column == 1:
            return enum_label(ContactRole, person.role)
        if column == 2:
            return person.email or ""
        if column == 3:
            return person.phone or ""
        return None
