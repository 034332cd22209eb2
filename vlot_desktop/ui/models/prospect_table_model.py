"""The Prospecties list: one row per prospect visit, as ``list_prospects`` returns them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.domain.enums import ProspectStatus
from vlot_desktop.ui.formatting import enum_label, format_date
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel, number_column, text_column

if TYPE_CHECKING:
    from vlot_desktop.db.queries.prospects import ProspectRow


class ProspectTableModel(ColumnTableModel["ProspectRow"]):
    NAME_COLUMN = 0
    DATE_COLUMN = 4

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            [
                text_column(self.tr("Name"), lambda r: r.name, self.tr("Name of the building")),
                text_column(self.tr("Address"), lambda r: r.address, self.tr("Street, postcode")),
                text_column(
                    self.tr("Municipality"),
                    lambda r: r.municipality_name,
                    self.tr("Municipality of the building"),
                ),
                text_column(
                    self.tr("Status"),
                    lambda r: enum_label(ProspectStatus, r.status),
                    self.tr("Where the prospect stands"),
                ),
                Column(
                    self.tr("Date"),
                    self.tr("Date of the site visit"),
                    display=lambda r: format_date(r.visit_date),
                    sort_key=lambda r: r.visit_date.isoformat() if r.visit_date else "",
                ),
                text_column(
                    self.tr("Visitor"),
                    lambda r: r.visitor_name or "",
                    self.tr("Who visits (or visited) the building"),
                ),
                number_column(
                    self.tr("Estimated places"),
                    self.tr("Places the building could give, as estimated at the visit"),
                    lambda r: r.estimated_places,
                ),
            ]
        )

    def row_key(self, row: ProspectRow) -> object:
        return row.id

    def row_of(self, visit_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.id == visit_id:
                return i
        return -1

    def rows(self) -> list[ProspectRow]:
        return list(self._rows)
