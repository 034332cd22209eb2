"""A case's timeline (the Tijdlijn tab): notes, contact moments, status changes and place
assignments, newest first, each with its time, kind and author.

Times are stored in UTC (``occurred_at``) and shown in the laptop's local time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from vlot_desktop.domain.enums import CaseEventKind, CaseStatus
from vlot_desktop.domain.times import local_from_utc, utc_from_local
from vlot_desktop.ui.formatting import enum_label, format_date, format_time
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel, text_column

if TYPE_CHECKING:  # SQLAlchemy is imported only once the database opens
    from vlot_desktop.db.queries.cases import EventRow


local_time = local_from_utc
utc_of_local = utc_from_local


def format_moment(utc: dt.datetime) -> str:
    moment = local_time(utc)
    return f"{format_date(moment.date())} {format_time(moment)}"


class TimelineModel(ColumnTableModel["EventRow"]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._places: dict[str, str] = {}
        self._unknown_author = self.tr("(unknown)")
        self._status_step = self.tr("%1 → %2")
        self._first_status = self.tr("Case opened: %1")
        self.set_columns(
            [
                Column(
                    self.tr("When"),
                    display=lambda e: format_moment(e.occurred_at),
                    sort_key=lambda e: e.occurred_at.isoformat(),
                ),
                text_column(self.tr("Entry type"), lambda e: enum_label(CaseEventKind, e.kind)),
                text_column(self.tr("By"), lambda e: e.author_name or self._unknown_author),
                Column(
                    self.tr("What"),
                    display=self.describe,
                    sort_key=self.describe,
                    cell_tooltip=self.describe,
                ),
            ]
        )

    def set_events(self, events: list[EventRow], places: dict[str, str]) -> None:
        """The events (newest first, as the query returns them) and the places they name."""
        self._places = dict(places)
        self.set_rows(events)

    def row_key(self, row: EventRow) -> object:
        return row.id

    def describe(self, event: EventRow) -> str:
        """The line under "What": the step, the place or the text itself."""
        parts: list[str] = []
        if event.kind == CaseEventKind.STATUS_CHANGE.value and event.to_status:
            to_status = enum_label(CaseStatus, event.to_status)
            if event.from_status:
                parts.append(
                    self._status_step.replace(
                        "%1", enum_label(CaseStatus, event.from_status)
                    ).replace("%2", to_status)
                )
            else:
                parts.append(self._first_status.replace("%1", to_status))
        if event.place_id:
            parts.append(self._places.get(event.place_id, ""))
        if event.text:
            parts.append(event.text)
        return " · ".join(part for part in parts if part)

    def cell_data(self, row: EventRow, column: Column[EventRow], role: int) -> object:
        if role == Qt.ItemDataRole.AccessibleTextRole and column is self.column_at(0):
            # The list shows the first column with the others drawn in: read them all out.
            kind = enum_label(CaseEventKind, row.kind)
            author = row.author_name or self._unknown_author
            return f"{format_moment(row.occurred_at)}, {kind}, {author}: {self.describe(row)}"
        return super().cell_data(row, column, role)
