"""The municipalities table: the rows of the name filter, joined with the cached counts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.ui.models.table_model import (
    Column,
    ColumnTableModel,
    number_column,
    text_column,
)

if TYPE_CHECKING:
    from vlot_desktop.db.queries.municipalities import MunicipalityCounts, MunicipalityRow


class MunicipalityTableModel(ColumnTableModel["MunicipalityRow"]):
    """Rows come from ``search_municipalities``; counts from ``municipality_counts``.

    Until the counts are loaded their cells are empty (not zero: zero would be a claim).
    """

    NAME_COLUMN = 0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: Mapping[str, MunicipalityCounts] | None = None
        self.set_columns(
            [
                text_column(
                    self.tr("Municipality"), lambda r: r.name, self.tr("Name of the municipality")
                ),
                text_column(self.tr("NIS code"), lambda r: r.nis_code, self.tr("Statbel NIS code")),
                text_column(self.tr("Province"), lambda r: r.province_name, self.tr("Province")),
                text_column(
                    self.tr("Arrondissement"),
                    lambda r: r.arrondissement_name,
                    self.tr("Administrative arrondissement"),
                ),
                self._count_column(
                    self.tr("Reception locations"),
                    self.tr("Operational reception locations"),
                    lambda c: c.operational_locations,
                ),
                self._count_column(
                    self.tr("Places"),
                    self.tr("All places of locations that are not wound down or closed"),
                    lambda c: c.places,
                ),
                self._count_column(
                    self.tr("Free places"),
                    self.tr("Places with status free"),
                    lambda c: c.free_places,
                ),
                self._count_column(
                    self.tr("Open cases"),
                    self.tr("Cases that are not solved, referred or closed"),
                    lambda c: c.open_cases,
                ),
                self._count_column(
                    self.tr("Open questions"),
                    self.tr("Questions that are new, in progress or dispatched"),
                    lambda c: c.open_questions,
                ),
                self._count_column(
                    self.tr("Contacts (12 months)"),
                    self.tr("Contact moments in the last twelve months"),
                    lambda c: c.contacts_12_months,
                ),
            ]
        )
        self._first_count_column = next(i for i, c in enumerate(self._columns) if c.numeric)

    def _count_column(
        self, header: str, tooltip: str, count: Callable[[MunicipalityCounts], int]
    ) -> Column[MunicipalityRow]:
        def value(row: MunicipalityRow) -> int | None:
            counts = self.counts_for(row.nis_code)
            return None if counts is None else count(counts)

        return number_column(header, tooltip, value)

    @property
    def has_counts(self) -> bool:
        return self._counts is not None

    def set_counts(self, counts: Mapping[str, MunicipalityCounts]) -> None:
        self._counts = counts
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self._first_count_column),
                self.index(len(self._rows) - 1, len(self._columns) - 1),
            )

    def counts_for(self, nis_code: str) -> MunicipalityCounts | None:
        if self._counts is None:
            return None
        from vlot_desktop.db.queries.municipalities import NO_COUNTS

        return self._counts.get(nis_code, NO_COUNTS)

    def is_count_column(self, column: int) -> bool:
        description = self.column_at(column)
        return description is not None and description.numeric

    def column_texts(self, column: int) -> list[str]:
        """The texts of a text column for all rows (for sizing the column)."""
        description = self._columns[column]
        return [] if description.numeric else [description.display(row) for row in self._rows]

    def row_of(self, nis_code: str) -> int:
        for i, row in enumerate(self._rows):
            if row.nis_code == nis_code:
                return i
        return -1

    def row_key(self, row: MunicipalityRow) -> object:
        return row.nis_code
