"""Export the (filtered) locations list to .xlsx or .csv, in the format the import reads back.

One row per location, with Dutch headers, Dutch labels for type and status, numbers as numbers
and dates as dates. The ``ID`` column makes a round trip possible: importing an export of the
same data changes nothing. The place counts (occupied, free, offered, out of use) are shown for
information; the import ignores them.

``LOCATION_COLUMNS`` is the file format, shared with ``location_import``: each column's Dutch
and English header and the other names users give it, so the import recognises them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, case, func, select

from vlot_desktop.db.models import Location, Municipality, Place
from vlot_desktop.db.queries._common import raw_text
from vlot_desktop.db.queries.location_filter import LocationFilter, location_conditions
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold
from vlot_desktop.spreadsheets.cells import CellValue
from vlot_desktop.spreadsheets.writing import ColumnKind, OutputColumn, WriteCancelled, write_table

SHEET_TITLE = "Opvanglocaties"


@dataclass(frozen=True)
class LocationColumn:
    """One column of the locations file.

    ``key``: the field (a ``location`` column, or a derived one); ``kind``: how cells are typed
    ("text", "integer", "date", "flag", "type", "status"); ``read_only``: exported for
    information, ignored by the import; ``aliases``: other headers that mean this column.
    """

    key: str
    header_nl: str
    header_en: str
    kind: str = "text"
    read_only: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 14

    def header(self, language: str) -> str:
        return self.header_en if language == "en" else self.header_nl


LOCATION_COLUMNS: tuple[LocationColumn, ...] = (
    LocationColumn("id", "ID", "ID", aliases=("locatie id", "location id", "uuid"), width=38),
    LocationColumn(
        "name",
        "Naam",
        "Name",
        aliases=("naam locatie", "locatienaam", "location name", "opvanglocatie", "locatie"),
        width=32,
    ),
    LocationColumn(
        "location_type",
        "Type",
        "Type",
        "type",
        aliases=("soort", "type locatie", "locatietype", "location type", "soort opvang"),
        width=20,
    ),
    LocationColumn(
        "status", "Status", "Status", "status", aliases=("locatiestatus", "location status")
    ),
    LocationColumn(
        "status_since",
        "Status sinds",
        "Status since",
        "date",
        aliases=("statusdatum", "sinds", "status date", "datum status"),
    ),
    LocationColumn("street", "Straat", "Street", aliases=("straatnaam", "street name"), width=24),
    LocationColumn(
        "house_number",
        "Huisnummer",
        "House number",
        aliases=("nummer", "nr", "huisnr", "number", "no", "house no"),
        width=10,
    ),
    LocationColumn(
        "postcode",
        "Postcode",
        "Postcode",
        aliases=("post code", "postal code", "zip", "zip code", "postnummer"),
        width=10,
    ),
    LocationColumn(
        "municipality_name",
        "Gemeente",
        "Municipality",
        aliases=("gemeentenaam", "lokaal bestuur", "stad", "city", "municipality name", "town"),
        width=22,
    ),
    LocationColumn(
        "municipality_nis",
        "NIS-code",
        "NIS code",
        aliases=("nis", "niscode gemeente", "refnis", "nis code municipality"),
        width=10,
    ),
    LocationColumn(
        "capacity",
        "Capaciteit",
        "Capacity",
        "integer",
        aliases=("aantal plaatsen", "plaatsen", "places", "number of places"),
        width=11,
    ),
    LocationColumn(
        "occupied",
        "Bezet",
        "Occupied",
        "integer",
        read_only=True,
        aliases=("bezette plaatsen", "occupied places"),
        width=9,
    ),
    LocationColumn(
        "free",
        "Vrij",
        "Free",
        "integer",
        read_only=True,
        aliases=("vrije plaatsen", "free places"),
        width=9,
    ),
    LocationColumn(
        "offered",
        "Aangeboden aan FEDASIL",
        "Offered to FEDASIL",
        "integer",
        read_only=True,
        aliases=("aangeboden fedasil", "fedasil", "offered"),
        width=12,
    ),
    LocationColumn(
        "out_of_use",
        "Buiten gebruik",
        "Out of use",
        "integer",
        read_only=True,
        aliases=("out of use places",),
        width=10,
    ),
    LocationColumn(
        "wheelchair_accessible",
        "Rolstoeltoegankelijk",
        "Wheelchair accessible",
        "flag",
        aliases=("rolstoel", "wheelchair", "toegankelijk voor rolstoelen"),
    ),
    LocationColumn(
        "suits_families",
        "Geschikt voor gezinnen",
        "Suits families",
        "flag",
        aliases=("gezinnen", "families", "suitable for families"),
    ),
    LocationColumn(
        "suits_singles",
        "Geschikt voor alleenstaanden",
        "Suits singles",
        "flag",
        aliases=("alleenstaanden", "singles", "suitable for singles"),
    ),
    LocationColumn(
        "suits_medical_needs",
        "Geschikt voor medische noden",
        "Suits medical needs",
        "flag",
        aliases=("medische noden", "medical needs", "suitable for medical needs"),
    ),
    LocationColumn(
        "suits_vulnerable_profiles",
        "Geschikt voor kwetsbare profielen",
        "Suits vulnerable profiles",
        "flag",
        aliases=(
            "kwetsbare profielen",
            "kwetsbaar profiel",
            "vulnerable profiles",
            "suitable for vulnerable profiles",
        ),
    ),
    LocationColumn(
        "subsidy_scheme",
        "Subsidieregeling",
        "Subsidy scheme",
        aliases=("subsidie", "subsidy", "regeling"),
        width=28,
    ),
    LocationColumn(
        "subsidy_reference",
        "Subsidiereferentie",
        "Subsidy reference",
        aliases=("subsidienummer", "referentie subsidie", "dossiernummer subsidie"),
        width=16,
    ),
    LocationColumn(
        "opened_on",
        "Geopend op",
        "Opened on",
        "date",
        aliases=("openingsdatum", "geopend", "opened", "datum opening", "open sinds"),
    ),
    LocationColumn(
        "closed_on",
        "Gesloten op",
        "Closed on",
        "date",
        aliases=("sluitingsdatum", "gesloten", "closed", "datum sluiting"),
    ),
    LocationColumn(
        "notes",
        "Opmerkingen",
        "Notes",
        aliases=("opmerking", "notities", "notitie", "remarks", "comments", "note"),
        width=40,
    ),
)

COLUMNS_BY_KEY = {c.key: c for c in LOCATION_COLUMNS}
_OUTPUT_KIND = {"integer": ColumnKind.INTEGER, "date": ColumnKind.DATE}


@lru_cache(maxsize=4096)  # an import looks up the same few types, statuses and names
def header_key(header: str) -> str:
    """A header reduced to letters and digits, folded: "NIS-code " and "nis code" match."""
    return "".join(ch for ch in fold(header) if ch.isalnum())


def yes_no(value: bool | None) -> str | None:
    if value is None:
        return None
    return "ja" if value else "nee"


def type_label(value: str) -> str:
    """The Dutch label of a stored type; an unknown (newer) value as stored."""
    try:
        return LocationType(value).label_nl
    except ValueError:
        return value


def status_label(value: str) -> str:
    try:
        return LocationStatus(value).label_nl
    except ValueError:
        return value


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


# Called with (rows written, rows in total); returns True to stop.
ExportProgress = Callable[[int, int], bool]


def _place_counts() -> Any:
    def count(status: PlaceStatus) -> Any:
        return func.sum(case((Place.status == status, 1), else_=0))

    return (
        select(
            Place.location_id.label("location_id"),
            count(PlaceStatus.OCCUPIED).label("occupied"),
            count(PlaceStatus.FREE).label("free"),
            count(PlaceStatus.OFFERED_FEDASIL).label("offered"),
            count(PlaceStatus.OUT_OF_USE).label("out_of_use"),
        )
        .group_by(Place.location_id)
        .subquery("place_counts")
    )


def location_rows_query(location_filter: LocationFilter) -> Any:
    """The rows of the export, in ``LOCATION_COLUMNS`` order, sorted by municipality and name."""
    counts = _place_counts()
    return (
        select(
            Location.id,
            Location.name,
            raw_text(Location.location_type),
            raw_text(Location.status),
            Location.status_since,
            Location.street,
            Location.house_number,
            Location.postcode,
            Municipality.name_nl,
            Location.municipality_nis,
            Location.capacity,
            func.coalesce(counts.c.occupied, 0),
            func.coalesce(counts.c.free, 0),
            func.coalesce(counts.c.offered, 0),
            func.coalesce(counts.c.out_of_use, 0),
            Location.wheelchair_accessible,
            Location.suits_families,
            Location.suits_singles,
            Location.suits_medical_needs,
            Location.suits_vulnerable_profiles,
            Location.subsidy_scheme,
            Location.subsidy_reference,
            Location.opened_on,
            Location.closed_on,
            Location.notes,
        )
        .join(Municipality, Municipality.nis_code == Location.municipality_nis)
        .outerjoin(counts, counts.c.location_id == Location.id)
        .where(*location_conditions(location_filter))
        .order_by(Municipality.name_nl, Location.name, Location.id)
    )


def _cells(row: Sequence[Any]) -> list[CellValue]:
    """A query row as typed cells: labels for type and status, ja/nee for the flags."""
    cells: list[CellValue] = []
    for column, value in zip(LOCATION_COLUMNS, row, strict=True):
        if value is None:
            cells.append(None)
        elif column.kind == "type":
            cells.append(type_label(str(value)))
        elif column.kind == "status":
            cells.append(status_label(str(value)))
        elif column.kind == "flag":
            cells.append(yes_no(bool(value)))
        elif column.kind == "integer":
            cells.append(int(value))
        elif column.kind == "date":
            cells.append(value if isinstance(value, dt.date) else dt.date.fromisoformat(value))
        else:
            cells.append(str(value))
    return cells


def count_locations(engine: Engine, location_filter: LocationFilter) -> int:
    query = select(func.count()).select_from(Location).where(*location_conditions(location_filter))
    with engine.connect() as conn:
        return int(conn.scalar(query) or 0)


def export_locations(
    engine: Engine,
    path: Path,
    location_filter: LocationFilter | None = None,
    *,
    on_progress: ExportProgress | None = None,
) -> ExportResult | None:
    """Write the locations matching ``location_filter`` to ``path`` (.xlsx or .csv).

    Returns ``None`` when ``on_progress`` asked to stop (the target file is then untouched).
    Raises ``SpreadsheetError`` when the file cannot be written.
    """
    location_filter = location_filter or LocationFilter()
    total = count_locations(engine, location_filter)
    output = [
        OutputColumn(c.header_nl, _OUTPUT_KIND.get(c.kind, ColumnKind.TEXT), c.width)
        for c in LOCATION_COLUMNS
    ]

    def progress(done: int) -> bool:
        return on_progress(done, total) if on_progress is not None else False

    with engine.connect() as conn:
        result = conn.execution_options(yield_per=1000).execute(
            location_rows_query(location_filter)
        )

        def rows() -> Iterator[list[CellValue]]:
            for row in result:
                yield _cells(row)

        try:
            written = write_table(
                path, output, rows(), sheet_title=SHEET_TITLE, on_progress=progress
            )
        except WriteCancelled:
            return None
    if on_progress is not None:
        on_progress(written, total)
    return ExportResult(path, written)
