"""The sync rounds of this session and the change files exchanged with the share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.ui.formatting import format_date, format_time
from vlot_desktop.ui.models.table_model import (
    Column,
    ColumnTableModel,
    number_column,
    text_column,
)
from vlot_desktop.ui.sync_controller import SyncAttempt

if TYPE_CHECKING:
    from vlot_desktop.db.queries.sync import IngestedRow


class SyncAttemptTableModel(ColumnTableModel[SyncAttempt]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        ok = self.tr("Succeeded")
        failed = self.tr("Failed")
        self.set_columns(
            [
                Column(
                    self.tr("When"),
                    display=lambda a: (
                        f"{format_date(a.at.date())} {format_time(a.at)}:{a.at.second:02d}"
                    ),
                    sort_key=lambda a: a.at.isoformat(),
                ),
                text_column(self.tr("Result"), lambda a: ok if a.ok else failed),
                text_column(self.tr("Details"), lambda a: a.text),
            ]
        )


class IngestedTableModel(ColumnTableModel["IngestedRow"]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        statuses = {
            "own": self.tr("Sent by this laptop"),
            "applied": self.tr("Received"),
            "rejected": self.tr("Refused"),
            "held": self.tr("Held back: dated in the future"),
        }
        self.set_columns(
            [
                text_column(
                    self.tr("Colleague"),
                    lambda r: r.user_name or r.device_label or "",
                    self.tr("Who worked on the laptop that wrote the file"),
                ),
                number_column(
                    self.tr("Changes"), self.tr("Changed records in the file"), lambda r: r.records
                ),
                text_column(self.tr("Status"), lambda r: statuses.get(r.status, r.status)),
                Column(
                    self.tr("Reason"),
                    display=self._reason,
                    sort_key=self._reason,
                    cell_tooltip=lambda r: r.reason if r.status == "rejected" else None,
                ),
                text_column(self.tr("File"), lambda r: r.file),
            ]
        )

    def row_key(self, row: IngestedRow) -> object:
        return row.file

    def _reason(self, row: IngestedRow) -> str:
        """Why a file was refused, in plain words; the technical reason is the tooltip."""
        if row.status != "rejected":
            return ""
        reason = (row.reason or "").lower()
        if "refused by the database" in reason:
            return self.tr("A change in it does not fit in the database")
        if "too large" in reason or "larger than" in reason:
            return self.tr("The file is too large")
        if "do not belong" in reason:
            return self.tr("The changes are not from the laptop the file name says")
        if "not a vlot" in reason or reason.startswith("header"):
            return self.tr("Not a VLOT change file")
        if reason.startswith("record"):
            return self.tr("A change in it is not valid")
        return self.tr("The file is damaged or incomplete")
