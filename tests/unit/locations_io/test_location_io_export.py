"""The export: Dutch headers, Dutch labels, typed cells, and only what the filter shows."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from vlot_desktop.db.queries.location_filter import LocationFilter
from vlot_desktop.services.location_export import LOCATION_COLUMNS, export_locations

HEADERS = [c.header_nl for c in LOCATION_COLUMNS]


def _by_name(rows: list[list[object]]) -> dict[object, dict[str, object]]:
    return {row[1]: dict(zip(HEADERS, row, strict=True)) for row in rows}


def test_xlsx_export_has_dutch_headers_labels_and_typed_cells(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    file = tmp_path / "locaties.xlsx"
    result = export_locations(engine, file)
    assert result is not None and result.rows == 3
    sheet = openpyxl.load_workbook(file).active
    assert sheet.title == "Opvanglocaties"
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADERS
    assert rows[0][:4] == ["ID", "Naam", "Type", "Status"]
    linde = _by_name(rows[1:])["De Linde"]
    assert linde["ID"] == locations["De Linde"]
    assert (linde["Type"], linde["Status"]) == ("Collectieve opvang", "Operationeel")
    assert (linde["Gemeente"], linde["NIS-code"], linde["Postcode"]) == ("Hasselt", "71072", "3500")
    assert (linde["Capaciteit"], linde["Bezet"], linde["Vrij"]) == (5, 3, 2)
    assert linde["Geopend op"] == dt.datetime(2022, 4, 1)
    assert linde["Geschikt voor kwetsbare profielen"] == "ja"
    assert linde["Rolstoeltoegankelijk"] == "nee"
    assert linde["Opmerkingen"] == "Lift naar de eerste verdieping;\ntweede lijn"
    # Sorted by municipality, then name: Gent before Hasselt.
    assert [row[1] for row in rows[1:]] == ["Zonnehof", "De Linde", "Het Anker"]
    opened = sheet.cell(row=3, column=HEADERS.index("Geopend op") + 1)
    assert opened.number_format == "DD/MM/YYYY"
    zonnehof = _by_name(rows[1:])["Zonnehof"]
    assert (zonnehof["Type"], zonnehof["Status"]) == ("Individuele woning", "In voorbereiding")
    assert zonnehof["Status sinds"] == dt.datetime(2026, 10, 1)
    anker = _by_name(rows[1:])["Het Anker"]
    assert (anker["Aangeboden aan FEDASIL"], anker["Geopend op"]) == (1, None)


def test_csv_export_is_semicolon_separated_with_belgian_dates(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    file = tmp_path / "locaties.csv"
    export_locations(engine, file)
    with file.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == HEADERS
    linde = _by_name(rows[1:])["De Linde"]  # type: ignore[arg-type]
    assert (linde["Geopend op"], linde["Capaciteit"], linde["Bezet"]) == ("01/04/2022", "5", "3")


def test_the_export_follows_the_filter(
    engine: Engine, locations: dict[str, str], tmp_path: Path
) -> None:
    file = tmp_path / "gent.csv"
    result = export_locations(
        engine, file, LocationFilter(team_code="oost-vlaanderen", has_free_places=True)
    )
    assert result is not None and result.rows == 1
    assert "Zonnehof" in file.read_text(encoding="utf-8-sig")
    assert "De Linde" not in file.read_text(encoding="utf-8-sig")


def test_a_cancelled_export_writes_nothing(
    engine: Engine, locations: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vlot_desktop.spreadsheets import writing

    monkeypatch.setattr(writing, "PROGRESS_EVERY", 1)
    out = tmp_path / "out"
    out.mkdir()
    assert export_locations(engine, out / "x.xlsx", on_progress=lambda done, total: True) is None
    assert list(out.iterdir()) == []  # no file, no temporary file left behind
