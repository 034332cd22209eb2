"""The household of one case (the Gezin tab), with its health column hidden until revealed.

The rows never carry the sensitive fields (``MemberRow`` has none); the pane reads them with
``sensitive_member_data`` only after the viewing was recorded, and hands them to
``show_sensitive``. Until then the health column says "hidden".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont

from vlot_desktop.domain.enums import Relation, Sex
from vlot_desktop.ui.formatting import enum_label
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel, text_column

if TYPE_CHECKING:  # SQLAlchemy is imported only once the database opens
    from vlot_desktop.db.queries.cases import MemberRow, SensitiveMemberData


def latin_name(row: MemberRow) -> str:
    return " ".join(part for part in (row.first_name, row.last_name) if part)


def cyrillic_name(row: MemberRow) -> str:
    return " ".join(part for part in (row.first_name_cyrillic, row.last_name_cyrillic) if part)


def two_line_name(row: MemberRow) -> str:
    """'Olena Kovalenko' with 'Олена Коваленко' on a second line (when known)."""
    cyrillic = cyrillic_name(row)
    return f"{latin_name(row)}\n{cyrillic}" if cyrillic else latin_name(row)


class HouseholdModel(ColumnTableModel["MemberRow"]):
    """Attributes:
    HEALTH_COLUMN: the column of the sensitive fields.
    """

    HEALTH_COLUMN = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sensitive: dict[str, SensitiveMemberData] | None = None
        self._hidden = self.tr("hidden")
        self._none = self.tr("none")
        self._pets = self.tr("pets")
        self._school = self.tr("school-age")
        self._mobility = self.tr("reduced mobility")
        self._medical = self.tr("medical needs")
        # Narrow pane: the Cyrillic name goes under the Latin one, the health column comes
        # right after the relation (it says "verborgen" until shown), sex and language last.
        self.set_columns(
            [
                Column(
                    self.tr("Name"),
                    self.tr("Name in Latin letters, and in Cyrillic below it"),
                    display=two_line_name,
                    sort_key=latin_name,
                    cell_tooltip=lambda r: r.display_name,
                ),
                Column(
                    self.tr("Born"),
                    self.tr("Birth year"),
                    display=lambda r: str(r.birth_year) if r.birth_year else "",
                    sort_key=lambda r: r.birth_year or 0,
                ),
                text_column(
                    self.tr("Relation"),
                    lambda r: enum_label(Relation, r.relation),
                    self.tr("Relation to the contact person"),
                ),
                Column(
                    self.tr("Health"),
                    self.tr(
                        "Sensitive: mobility and medical needs, shown only on request (recorded)"
                    ),
                    display=self._health,
                    cell_tooltip=self._health_tooltip,
                ),
                text_column(self.tr("Needs"), self._needs, self.tr("Needs that are not sensitive")),
                text_column(self.tr("Sex"), lambda r: enum_label(Sex, r.sex)),
                text_column(self.tr("Language"), lambda r: r.language or ""),
            ]
        )

    def row_key(self, row: MemberRow) -> object:
        return row.id

    @property
    def revealed(self) -> bool:
        return self._sensitive is not None

    def show_sensitive(self, data: list[SensitiveMemberData] | None) -> None:
        """Show the health fields (after the viewing was recorded), or hide them (``None``)."""
        self._sensitive = {d.member_id: d for d in data} if data is not None else None
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, self.HEALTH_COLUMN),
                self.index(self.rowCount() - 1, self.HEALTH_COLUMN),
            )

    def sensitive_of(self, member_id: str) -> SensitiveMemberData | None:
        """The health fields of a member, when revealed."""
        return self._sensitive.get(member_id) if self._sensitive is not None else None

    def _needs(self, row: MemberRow) -> str:
        needs = ((row.has_pets, self._pets), (row.school_age, self._school))
        return ", ".join(text for flag, text in needs if flag)

    def _health(self, row: MemberRow) -> str:
        if self._sensitive is None:
            return self._hidden
        data = self._sensitive.get(row.id)
        if data is None:
            return ""
        parts = []
        if data.needs_mobility:
            parts.append(self._mobility)
        if data.needs_medical:
            parts.append(self._medical)
        if data.medical_notes:
            parts.append(data.medical_notes)
        return "; ".join(parts) if parts else self._none

    def _health_tooltip(self, row: MemberRow) -> str | None:
        text = self._health(row)
        return text if self._sensitive is not None and text else None

    def cell_data(self, row: MemberRow, column: Column[MemberRow], role: int) -> object:
        # "hidden" in italics: it is a state, not a value.
        if (
            role == Qt.ItemDataRole.FontRole
            and self._sensitive is None
            and column is self.column_at(self.HEALTH_COLUMN)
        ):
            font = QFont()
            font.setItalic(True)
            return font
        return super().cell_data(row, column, role)
