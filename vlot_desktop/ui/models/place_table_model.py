"""The places of one location (the Plaatsen tab): label, status, since when, offered on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.domain.enums import PlaceStatus
from vlot_desktop.ui.formatting import enum_label, format_date
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel, text_column

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import PlaceRow


def _date_column(header: str, value: object) -> Column[PlaceRow]:
    getter = value  # a callable PlaceRow -> date | None

    def display(row: PlaceRow) -> str:
        return format_date(getter(row))  # type: ignore[operator]

    def sort_key(row: PlaceRow) -> str:
        day = getter(row)  # type: ignore[operator]
        return day.isoformat() if day else ""

    return Column(header, display=display, sort_key=sort_key)


class PlaceTableModel(ColumnTableModel["PlaceRow"]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            [
                text_column(self.tr("Place"), lambda p: p.label),
                text_column(self.tr("Status"), lambda p: enum_label(PlaceStatus, p.status)),
                _date_column(self.tr("Since"), lambda p: p.status_since),
                _date_column(self.tr("Offered to FEDASIL on"), lambda p: p.offered_to_fedasil_on),
            ]
        )

    def row_key(self, row: PlaceRow) -> object:
        return row.id
