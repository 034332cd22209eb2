"""The partner municipalities of a location (intergemeentelijke samenwerking)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.ui.models.table_model import ColumnTableModel, text_column

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import PartnerRow


class PartnerTableModel(ColumnTableModel["PartnerRow"]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            [
                text_column(self.tr("Municipality"), lambda p: p.municipality_name),
                text_column(self.tr("Role"), lambda p: p.role or ""),
            ]
        )

    def row_key(self, row: PartnerRow) -> object:
        return row.id
