"""The import preview: the file's rows as text, rows with problems marked and explained."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

if TYPE_CHECKING:  # SQLAlchemy is imported only when an import starts
    from vlot_desktop.services.location_import import PreviewRow, RowProblem

AnyIndex = QModelIndex | QPersistentModelIndex

ERROR_ROW = QColor("#fde2e1")
ERROR_CELL = QColor("#f5a9a5")
WARNING_ROW = QColor("#fff4d6")
WARNING_CELL = QColor("#ffe08a")
# The role that tells a test (or a screen reader hint) what a row will do.
ACTION_ROLE = int(Qt.ItemDataRole.UserRole) + 10


class ImportPreviewModel(QAbstractTableModel):
    """Column 0 is the row number in the file; then the file's columns, as the user typed them.

    Rows with an error have a red background (the cell at fault darker), rows with only
    warnings a yellow one; the tooltip lists the row's problems in the interface language.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[PreviewRow] = []
        self._problems: dict[int, list[RowProblem]] = {}
        self._language = "nl"

    def set_preview(
        self,
        headers: Sequence[str],
        rows: Sequence[PreviewRow],
        problems: Sequence[RowProblem],
        language: str,
    ) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = sorted(rows, key=lambda r: r.number)
        self._problems = {}
        for problem in problems:
            self._problems.setdefault(problem.row, []).append(problem)
        self._language = language
        self.endResetModel()

    def row_of_file_row(self, number: int) -> int:
        """The model row showing file row ``number`` (-1 when it is not in the preview)."""
        for index, row in enumerate(self._rows):
            if row.number == number:
                return index
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("Row")
        if 0 < section <= len(self._headers):
            return self._headers[section - 1]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if not 0 <= column <= len(self._headers):
            return None
        problems = self._problems.get(row.number, [])
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(row.number)
            return row.cells[column - 1] if column - 1 < len(row.cells) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and problems:
            return "\n".join(self._problem_line(p) for p in problems)
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return QBrush(self._colour(problems, column))
        if role == ACTION_ROLE:
            return row.action
        return None

    def _problem_line(self, problem: RowProblem) -> str:
        text = problem.text(self._language)
        return f"{problem.column}: {text}" if problem.column else text

    def _colour(self, problems: list[RowProblem], column: int) -> QColor:
        header = self._headers[column - 1] if column > 0 else None
        has_error = any(p.is_error for p in problems)
        at_fault = [p for p in problems if header is not None and p.column == header]
        if has_error:
            return ERROR_CELL if any(p.is_error for p in at_fault) else ERROR_ROW
        return WARNING_CELL if at_fault else WARNING_ROW
