"""The import's problems, one per line: row, column, value, problem (the saved report's lines)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush

from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations_io.preview_model import ERROR_ROW, WARNING_ROW
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel, number_column, text_column

if TYPE_CHECKING:  # SQLAlchemy is imported only when an import starts
    from vlot_desktop.services.location_import import RowProblem


class ProblemTableModel(ColumnTableModel["RowProblem"]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            [
                number_column(
                    self.tr("Row"), self.tr("Row number in the file"), lambda p: p.row or None
                ),
                text_column(self.tr("Column"), lambda p: p.column),
                text_column(self.tr("Value"), lambda p: p.value),
                text_column(self.tr("Problem"), self._message),
            ]
        )

    def _message(self, problem: RowProblem) -> str:
        text = problem.text(current_language())
        return text if problem.is_error else self.tr("Warning: %1").replace("%1", text)

    def cell_data(self, row: RowProblem, column: Column[RowProblem], role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(ERROR_ROW if row.is_error else WARNING_ROW)
        return super().cell_data(row, column, role)
