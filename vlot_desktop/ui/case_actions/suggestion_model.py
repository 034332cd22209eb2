"""The table of suggested places: one row per location, in the service's order.

The order is the ranking of ``services.matching``: locations that fit first, each group nearest
first (same municipality, arrondissement, province, elsewhere in Flanders). Whether a location
fits is a word and a mark (✓/✗), never colour alone. Reasons about health needs (wheelchair,
medical) are hidden until the user chose to see the sensitive data (``reveal_health``): they
say something about a person's health.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.models.table_model import Column, ColumnTableModel, number_column

if TYPE_CHECKING:
    from vlot_desktop.services.matching import Reason, Suggestion


def capitalised(text: str) -> str:
    """ "elders in Vlaanderen" -> "Elders in Vlaanderen" (``str.capitalize`` lowers the rest)."""
    return text[:1].upper() + text[1:]


HEALTH_CRITERIA = frozenset({"wheelchair", "medical"})
YES, NO = "✓", "✗"


class SuggestionTableModel(ColumnTableModel["Suggestion"]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.health_revealed = False
        self.set_columns(
            [
                number_column(self.tr("No."), self.tr("Rank of the suggestion"), lambda s: s.rank),
                Column(
                    self.tr("Fits"),
                    self.tr("Whether the location meets every criterion of the household"),
                    display=self._fits_text,
                    sort_key=lambda s: s.fits,
                ),
                Column(
                    self.tr("Distance"),
                    self.tr("How near the location is to the case's municipality"),
                    display=lambda s: (
                        capitalised(s.proximity.label_en)
                        if current_language() == "en"
                        else capitalised(s.proximity.label_nl)
                    ),
                    sort_key=lambda s: int(s.proximity),
                ),
                Column(
                    self.tr("Location"),
                    self.tr("Reception location"),
                    display=lambda s: s.location_name,
                    sort_key=lambda s: s.location_name.casefold(),
                ),
                Column(
                    self.tr("Municipality"),
                    None,
                    display=lambda s: s.municipality_name,
                    sort_key=lambda s: s.municipality_name.casefold(),
                ),
                number_column(
                    self.tr("Free places"),
                    self.tr("Free places in the location now"),
                    lambda s: s.free_places,
                ),
                Column(
                    self.tr("Why"),
                    self.tr("Why the location fits (✓) or not (✗)"),
                    display=lambda s: "  ".join(self.reason_lines(s)),
                    cell_tooltip=lambda s: "\n".join(self.reason_lines(s)),
                ),
            ]
        )

    def row_key(self, row: Suggestion) -> object:
        return row.location_id

    def _fits_text(self, suggestion: Suggestion) -> str:
        if suggestion.fits:
            return YES + " " + self.tr("fits")
        return NO + " " + self.tr("does not fit")

    def set_health_revealed(self, revealed: bool) -> None:
        """Show (or hide again) the health reasons; the rows and the selection stay."""
        if revealed == self.health_revealed:
            return
        self.health_revealed = revealed
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def has_health_reasons(self) -> bool:
        return any(r.criterion in HEALTH_CRITERIA for s in self._rows for r in s.reasons)

    def reason_text(self, reason: Reason) -> str:
        if reason.criterion in HEALTH_CRITERIA and not self.health_revealed:
            if reason.ok:
                return self.tr("Meets the household's health needs (hidden).")
            return self.tr("Does not meet a health need of the household (hidden).")
        return reason.text(current_language())

    def reason_lines(self, suggestion: Suggestion) -> list[str]:
        """Failed criteria first, each with its mark (the distance has its own column)."""
        reasons = [r for r in suggestion.reasons if r.criterion != "proximity"]
        ordered = sorted(reasons, key=lambda r: r.ok)
        return [f"{YES if r.ok else NO} {self.reason_text(r)}" for r in ordered]

    def cell_data(self, row: Suggestion, column: Column[Suggestion], role: int) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return column.display(row)
        return super().cell_data(row, column, role)
