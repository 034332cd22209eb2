"""The Opvanglocaties list: a :class:`PagedTableModel` of ``LocationRow``, sorted in SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from vlot_desktop.domain.enums import LocationStatus, LocationType
from vlot_desktop.ui.formatting import enum_label
from vlot_desktop.ui.models.paged_model import PAGE_SIZE, PagedTableModel
from vlot_desktop.ui.models.table_model import Column, number_column, text_column

if TYPE_CHECKING:  # SQLAlchemy is imported only once the database opens
    from vlot_desktop.db.queries.locations import LocationRow

__all__ = ["COLUMNS", "PAGE_SIZE", "ColumnKey", "LocationTableModel"]


class ColumnKey:
    """The sort keys of the columns (the values of ``db.queries.locations.SortColumn``)."""

    NAME = "name"
    MUNICIPALITY = "municipality"
    TYPE = "type"
    STATUS = "status"
    CAPACITY = "capacity"
    OCCUPIED = "occupied"
    FREE = "free"
    OFFERED = "offered"


COLUMNS: tuple[str, ...] = (
    ColumnKey.NAME,
    ColumnKey.MUNICIPALITY,
    ColumnKey.TYPE,
    ColumnKey.STATUS,
    ColumnKey.CAPACITY,
    ColumnKey.OCCUPIED,
    ColumnKey.FREE,
    ColumnKey.OFFERED,
)


def _id(row: LocationRow) -> str:
    return row.id


class LocationTableModel(PagedTableModel["LocationRow"]):
    """The columns of the Opvanglocaties list, in the order of ``COLUMNS``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(_id, ColumnKey.NAME, parent)
        name: Column[LocationRow] = Column(
            self.tr("Name"),
            self.tr("Name of the reception location"),
            display=lambda r: r.name,
            sort_key=lambda r: r.name,
            cell_tooltip=lambda r: r.name,
        )
        self.set_columns(
            [
                (name, ColumnKey.NAME),
                (
                    text_column(self.tr("Municipality"), lambda r: r.municipality_name),
                    ColumnKey.MUNICIPALITY,
                ),
                (
                    Column(
                        self.tr("Type"),
                        display=lambda r: enum_label(LocationType, r.location_type),
                        sort_key=lambda r: r.location_type,
                    ),
                    ColumnKey.TYPE,
                ),
                (
                    Column(
                        self.tr("Status"),
                        display=lambda r: enum_label(LocationStatus, r.status),
                        sort_key=lambda r: r.status,
                    ),
                    ColumnKey.STATUS,
                ),
                (
                    number_column(
                        self.tr("Capacity"), self.tr("Number of places"), lambda r: r.capacity
                    ),
                    ColumnKey.CAPACITY,
                ),
                (
                    number_column(
                        self.tr("Occupied"), self.tr("Occupied places"), lambda r: r.occupied
                    ),
                    ColumnKey.OCCUPIED,
                ),
                (
                    number_column(self.tr("Free"), self.tr("Free places"), lambda r: r.free),
                    ColumnKey.FREE,
                ),
                (
                    number_column(
                        self.tr("Offered to FEDASIL"),
                        self.tr("Places offered to FEDASIL"),
                        lambda r: r.offered,
                    ),
                    ColumnKey.OFFERED,
                ),
            ]
        )
