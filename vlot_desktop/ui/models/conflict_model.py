"""The open sync conflicts, each from this laptop's point of view: my value and theirs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.ui.formatting import format_date, format_time
from vlot_desktop.ui.models.table_model import ColumnTableModel, text_column
from vlot_desktop.ui.sync_labels import field_label, table_label, value_text

if TYPE_CHECKING:
    from vlot_desktop.db.queries.sync import ConflictRow, ConflictSide


@dataclass(frozen=True)
class ConflictItem:
    """A conflict with its sides named for this laptop.

    "Mine" is the write made on this laptop; when neither write was, it is the value this
    laptop shows now (the winner), and "theirs" the one that was overwritten.
    """

    conflict: ConflictRow
    mine: ConflictSide
    theirs: ConflictSide
    is_deleted_row: bool


def make_items(rows: list[ConflictRow], device_id: str | None) -> list[ConflictItem]:
    items = []
    for row in rows:
        if row.is_mine_other(device_id):
            mine, theirs = row.other, row.current
        else:
            mine, theirs = row.current, row.other
        items.append(ConflictItem(row, mine, theirs, row.field == "(deleted)"))
    return items


def _who_when(side: ConflictSide) -> str:
    parts = [side.user_name or ""]
    if side.written_at is not None:
        parts.append(f"{format_date(side.written_at.date())} {format_time(side.written_at)}")
    return ", ".join(p for p in parts if p)


class ConflictTableModel(ColumnTableModel[ConflictItem]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        deleted = self.tr("deleted")
        kept = self.tr("kept (edited)")

        def value(item: ConflictItem, side: ConflictSide) -> str:
            if item.is_deleted_row:
                return deleted if side is item.conflict.other else kept
            return value_text(side.value)

        self.set_columns(
            [
                text_column(
                    self.tr("Kind"),
                    lambda i: table_label(i.conflict.table),
                    self.tr("The kind of record"),
                ),
                text_column(
                    self.tr("Record"),
                    lambda i: i.conflict.record_name or i.conflict.pk[:8],
                    self.tr("The record both edited"),
                ),
                text_column(self.tr("Field"), lambda i: field_label(i.conflict.field)),
                text_column(
                    self.tr("My value"),
                    lambda i: value(i, i.mine),
                    self.tr("The value written on this laptop (or shown now)"),
                ),
                text_column(self.tr("By, when"), lambda i: _who_when(i.mine)),
                text_column(
                    self.tr("Their value"),
                    lambda i: value(i, i.theirs),
                    self.tr("The value a colleague wrote"),
                ),
                text_column(self.tr("By, when"), lambda i: _who_when(i.theirs)),
            ]
        )

    def row_key(self, row: ConflictItem) -> object:
        return row.conflict.id
