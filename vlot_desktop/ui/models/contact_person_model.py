"""The contact persons of one municipality (detail pane of the municipalities screen)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.domain.enums import ContactRole
from vlot_desktop.ui.formatting import enum_label
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel

if TYPE_CHECKING:
    from vlot_desktop.db.queries.municipalities import ContactPersonRow


def _column(header: str, text: Callable[[ContactPersonRow], str]) -> Column[ContactPersonRow]:
    # The cell's tooltip repeats its text (a narrow pane cuts long e-mail addresses).
    return Column(header, display=text, cell_tooltip=text)


class ContactPersonTableModel(ColumnTableModel["ContactPersonRow"]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            [
                _column(self.tr("Name"), lambda p: p.full_name),
                _column(self.tr("Role"), lambda p: enum_label(ContactRole, p.role)),
                _column(self.tr("E-mail"), lambda p: p.email or ""),
                _column(self.tr("Phone"), lambda p: p.phone or ""),
            ]
        )

    def row_key(self, row: ContactPersonRow) -> object:
        return row.id
