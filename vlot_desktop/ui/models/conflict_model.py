"""The open sync conflicts, each from this laptop's point of view: my value and theirs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.ui.formatting import format_date, format_time
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel, text_column
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
    # Deleted here, changed later there: the record came back ("(deleted)").
    is_deleted_row: bool
    # Deleted by someone who had not seen an edit: the delete won, the edit waits ("(edited)").
    is_edited_row: bool = False
    # (for an edited row) the delete was made on this laptop
    deleted_here: bool = False


def _same_device(device: str | None, device_id: str | None) -> bool:
    return bool(device_id) and (device or "").lower() == str(device_id).lower()


def make_items(rows: list[ConflictRow], device_id: str | None) -> list[ConflictItem]:
    from vlot_desktop.db.queries.sync import (
        is_deleted_record,
        is_edited_record,
        mine_and_theirs,
    )

    items = []
    for row in rows:
        mine, theirs = mine_and_theirs(row, device_id)
        edited = is_edited_record(row)
        items.append(
            ConflictItem(
                row,
                mine,
                theirs,
                is_deleted_record(row),
                edited,
                edited and _same_device(row.current.device_id, device_id),
            )
        )
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
            if item.is_edited_row:
                if side is item.conflict.current:
                    return self.deleted_text(side)
                return self.edit_text(item, "; ")
            return value_text(side.value)

        def full_value(item: ConflictItem, side: ConflictSide) -> str | None:
            """The whole value as the cell's tooltip (a column is at most 260 px wide)."""
            if item.is_edited_row and side is item.conflict.other:
                return self.edit_text(item, "\n")
            return value(item, side) or None

        def value_column(title: str, tip: str, side: str) -> Column[ConflictItem]:
            def shown(item: ConflictItem) -> str:
                return value(item, getattr(item, side))

            return Column(
                title,
                tip,
                display=shown,
                sort_key=shown,
                cell_tooltip=lambda i: full_value(i, getattr(i, side)),
            )

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
                value_column(
                    self.tr("My value"),
                    self.tr("The value written on this laptop (or shown now)"),
                    "mine",
                ),
                text_column(self.tr("By, when"), lambda i: _who_when(i.mine)),
                value_column(
                    self.tr("Their value"), self.tr("The value a colleague wrote"), "theirs"
                ),
                text_column(self.tr("By, when"), lambda i: _who_when(i.theirs)),
            ]
        )

    def deleted_text(self, side: ConflictSide) -> str:
        """The delete that won over an edit: "deleted by An on 26/11/2026"."""
        day = format_date(side.written_at.date()) if side.written_at is not None else ""
        if side.user_name and day:
            return self.tr("deleted by %1 on %2").replace("%1", side.user_name).replace("%2", day)
        if side.user_name:
            return self.tr("deleted by %1").replace("%1", side.user_name)
        if day:
            return self.tr("deleted on %1").replace("%1", day)
        return self.tr("deleted")

    def edit_text(self, item: ConflictItem, separator: str) -> str:
        """The edit a delete won over: its fields and values, "Notes: new phone number"."""
        from vlot_desktop.db.queries.sync import edit_text, edited_values

        return edit_text(edited_values(item.conflict), field_label, value_text, separator)

    def row_key(self, row: ConflictItem) -> object:
        return row.conflict.id
