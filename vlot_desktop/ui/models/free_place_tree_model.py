"""The Vrije plaatsen tree: province -> municipality -> location, with the free places of each.

A ``QStandardItemModel``: the tree is small (at most a few thousand locations with free places)
and rebuilt as a whole when the data changes. Location rows carry the location id in
``KEY_ROLE``; numbers carry their value in ``SORT_ROLE``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from vlot_desktop.domain.enums import LocationType
from vlot_desktop.ui.formatting import enum_label, format_int
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE
from vlot_desktop.ui.models.table_model import NUMERIC_ALIGNMENT

if TYPE_CHECKING:
    from vlot_desktop.db.queries.free_places import FreeProvince

NAME, FREE, LOCATIONS, TYPE, ADDRESS = range(5)
LEVEL_ROLE = int(Qt.ItemDataRole.UserRole) + 10  # "province", "municipality" or "location"


def _text(text: str, *, bold: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(text, SORT_ROLE)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item


def _number(value: int, *, bold: bool = False) -> QStandardItem:
    item = _text(format_int(value), bold=bold)
    item.setData(value, SORT_ROLE)
    item.setData(NUMERIC_ALIGNMENT, Qt.ItemDataRole.TextAlignmentRole)
    return item


class FreePlaceTreeModel(QStandardItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.total_free = 0
        self.total_locations = 0
        self._set_headers()

    def _set_headers(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                self.tr("Province / municipality / location"),
                self.tr("Free places"),
                self.tr("Locations"),
                self.tr("Type"),
                self.tr("Address"),
            ]
        )
        for column in (FREE, LOCATIONS):
            self.setHeaderData(
                column,
                Qt.Orientation.Horizontal,
                NUMERIC_ALIGNMENT,
                Qt.ItemDataRole.TextAlignmentRole,
            )

    def set_overview(self, provinces: list[FreeProvince]) -> None:
        self.clear()
        self._set_headers()
        root = self.invisibleRootItem()
        for province in provinces:
            p_row = [
                _text(province.name, bold=True),
                _number(province.free, bold=True),
                _number(province.location_count, bold=True),
                _text(""),
                _text(""),
            ]
            p_row[NAME].setData("province", LEVEL_ROLE)
            p_row[NAME].setData(province.code, KEY_ROLE)
            for municipality in province.municipalities:
                m_row = [
                    _text(municipality.name),
                    _number(municipality.free),
                    _number(len(municipality.locations)),
                    _text(""),
                    _text(""),
                ]
                m_row[NAME].setData("municipality", LEVEL_ROLE)
                m_row[NAME].setData(municipality.nis_code, KEY_ROLE)
                for location in municipality.locations:
                    l_row = [
                        _text(location.name),
                        _number(location.free),
                        _text(""),
                        _text(enum_label(LocationType, location.location_type)),
                        _text(location.address),
                    ]
                    l_row[NAME].setData("location", LEVEL_ROLE)
                    for item in l_row:
                        item.setData(location.id, KEY_ROLE)
                    m_row[NAME].appendRow(l_row)
                p_row[NAME].appendRow(m_row)
            root.appendRow(p_row)
        self.total_free = sum(p.free for p in provinces)
        self.total_locations = sum(p.location_count for p in provinces)
