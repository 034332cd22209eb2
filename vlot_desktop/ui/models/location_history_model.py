"""A location's history tables: the status steps and the capacity changes, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.domain.enums import LocationStatus
from vlot_desktop.ui.formatting import enum_label, format_date
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel, number_column

if TYPE_CHECKING:  # SQLAlchemy is imported only once the database opens
    from vlot_desktop.db.queries.locations import CapacityChangeRow, StatusChangeRow  # noqa: F401


class StatusHistoryModel(ColumnTableModel["StatusChangeRow"]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            [
                Column(
                    self.tr("Date"),
                    display=lambda r: format_date(r.changed_on),
                    sort_key=lambda r: r.changed_on.isoformat(),
                ),
                Column(
                    self.tr("From"),
                    display=lambda r: enum_label(LocationStatus, r.from_status),
                ),
                Column(self.tr("To"), display=lambda r: enum_label(LocationStatus, r.to_status)),
                Column(self.tr("By"), display=lambda r: r.author_name or ""),
                Column(
                    self.tr("Remark"),
                    display=lambda r: r.remark or "",
                    cell_tooltip=lambda r: r.remark,
                ),
            ]
        )


class CapacityHistoryModel(ColumnTableModel["CapacityChangeRow"]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            [
                Column(
                    self.tr("Date"),
                    display=lambda r: format_date(r.changed_on),
                    sort_key=lambda r: r.changed_on.isoformat(),
                ),
                number_column(self.tr("Before"), None, lambda r: r.old_capacity),
                number_column(self.tr("After"), None, lambda r: r.new_capacity),
                Column(self.tr("By"), display=lambda r: r.author_name or ""),
                Column(
                    self.tr("Reason"),
                    display=lambda r: r.reason or "",
                    cell_tooltip=lambda r: r.reason,
                ),
            ]
        )
