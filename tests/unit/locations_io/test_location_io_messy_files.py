"""Files as they come from the field: odd headers, extra and missing columns, dates as text
and as Excel dates, empty rows, trailing spaces, Windows-1252 with ``;``, LibreOffice, bad files.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Location
from vlot_desktop.services.location_import import import_locations

from .conftest import TODAY, capacity_matches_places, location_count, outbox_count, write_csv


def _locations(engine: Engine) -> dict[str, Location]:
    with Session(engine) as session:
        return {loc.name: loc for loc in session.scalars(select(Location))}


def test_belgian_excel_csv_with_accents_extra_columns_and_empty_rows(
    engine: Engine, tmp_path: Path
) -> None:
    """Windows-1252, ';', headers in other words and with accents, text dates, empty rows."""
    file = write_csv(
        tmp_path / "aanbod.csv",
        [
            "Overzicht aanbod Limburg;;;;;;;;",
            "NAAM LOCATIE ; Soort ;Statùs;Gemeente;Aantal plaatsen;Géopend op;Rolstoel;"
            "Verantwoordelijke;Opmerking",
            ";;;;;;;;",
            "  Résidence Hélène  ;Collectieve opvang;operationeel;Sint-Truiden ;12,0;"
            "1-3-2025;ja;Jan Janssens;Tweede verdieping ",
            "",
            "Kamer Rode;individuele_woning;In Voorbereiding;sint genesius rode;2;2025-04-01;nee;;",
            "Gastgezin Peeters;GASTGEZIN;Prospect;Hasselt;0;;;;",
        ],
        encoding="cp1252",
    )
    summary = import_locations(engine, file, today=TODAY)
    assert summary.problems == []
    assert (summary.applied, summary.created, summary.rows) == (True, 3, 3)
    found = _locations(engine)
    helene = found["Résidence Hélène"]
    assert (helene.location_type, helene.status, helene.capacity) == (
        "collectieve_opvang",
        "operationeel",
        12,
    )
    assert (helene.municipality_nis, helene.opened_on) == ("71053", dt.date(2025, 3, 1))
    assert helene.wheelchair_accessible is True
    assert helene.notes == "Tweede verdieping"
    rode = found["Kamer Rode"]
    assert (rode.municipality_nis, rode.status) == ("23101", "in_voorbereiding")
    assert rode.opened_on == dt.date(2025, 4, 1)
    assert found["Gastgezin Peeters"].location_type == "gastgezin"
    assert capacity_matches_places(engine)


def test_xlsx_with_real_dates_excel_serials_numbers_as_text_and_english_headers(
    engine: Engine, tmp_path: Path
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Location type", "Status", "NIS code", "Capacity", "Opened on", "Notes"])
    sheet.append(
        ["Het Veer", "Modular unit", "Operational", 44021, "4", dt.datetime(2025, 5, 2), None]
    )
    sheet.append([None] * 7)
    sheet.append(["De Haven ", "modulaire unit", "operationeel", "44021", 6.0, 45779, "  "])
    file = tmp_path / "english.xlsx"
    workbook.save(file)
    summary = import_locations(engine, file, today=TODAY)
    assert summary.problems == []
    found = _locations(engine)
    assert found["Het Veer"].opened_on == dt.date(2025, 5, 2)
    assert found["De Haven"].opened_on == dt.date(2025, 5, 2)  # Excel serial 45779
    assert (found["De Haven"].capacity, found["De Haven"].notes) == (6, None)


def test_municipality_from_the_postcode_and_a_name_that_disagrees_with_the_nis_code(
    engine: Engine, tmp_path: Path
) -> None:
    file = write_csv(
        tmp_path / "x.csv",
        [
            "Naam;Type;Status;Postcode;Gemeente;NIS-code",
            "Via postcode;Gastgezin;Operationeel;3500;;",
            "Tegenspraak;Gastgezin;Operationeel;;Gent;71072",
        ],
    )
    summary = import_locations(engine, file, today=TODAY)
    assert summary.applied and summary.error_count == 0
    assert [(p.row, p.column, p.severity.value, p.message_nl) for p in summary.problems] == [
        (
            3,
            "Gemeente",
            "warning",
            "De gemeente Gent past niet bij NIS-code 71072 (Hasselt); Hasselt wordt gebruikt.",
        )
    ]
    found = _locations(engine)
    assert found["Via postcode"].municipality_nis == "71072"
    assert found["Tegenspraak"].municipality_nis == "71072"


def test_bad_dates_numbers_and_flags_are_reported_per_cell(engine: Engine, tmp_path: Path) -> None:
    file = write_csv(
        tmp_path / "x.csv",
        [
            "Naam;Type;Status;Gemeente;Capaciteit;Geopend op;Gesloten op;Rolstoeltoegankelijk",
            "A;Gastgezin;Operationeel;Gent;2,5;31/02/2025;;misschien",
            "B;Gastgezin;Gesloten;Gent;1;01/05/2025;01/04/2025;nee",
        ],
    )
    summary = import_locations(engine, file, today=TODAY)
    assert location_count(engine) == 0
    assert [(p.row, p.column, p.value, p.message_nl) for p in summary.problems] == [
        (2, "Capaciteit", "2,5", "'2,5' is geen geheel getal."),
        (
            2,
            "Geopend op",
            "31/02/2025",
            "'31/02/2025' is geen datum (schrijf dd/mm/jjjj, bijvoorbeeld 26/11/2026).",
        ),
        (2, "Rolstoeltoegankelijk", "misschien", "'misschien' is geen ja of nee."),
        (3, "Gesloten op", "01/04/2025", "De sluitingsdatum ligt vóór de openingsdatum."),
    ]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("lijst.xlsx", b"%PDF-1.7 this is a PDF", "geen Excel-bestand (.xlsx) of CSV-bestand"),
        ("lijst.csv", b"Factuur;Bedrag\r\n12;100\r\n", "geen herkenbare kolomtitels"),
        ("lijst.csv", b"Naam;Gemeente\r\nAnker;Gent\r\n", "Deze kolommen ontbreken: Type, Status."),
    ],
)
def test_bad_files_give_a_file_problem_and_import_nothing(
    engine: Engine, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    file = tmp_path / name
    file.write_bytes(content)
    before = outbox_count(engine)
    summary = import_locations(engine, file)
    assert not summary.applied
    assert summary.problems[0].row == 0
    assert expected in summary.problems[0].message_nl
    assert (location_count(engine), outbox_count(engine)) == (0, before)


def test_a_workbook_whose_sheets_hold_no_locations(engine: Engine, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Factuurnummer", "Bedrag"])
    workbook.create_sheet("Leeg")
    file = tmp_path / "facturen.xlsx"
    workbook.save(file)
    summary = import_locations(engine, file)
    assert not summary.applied
    assert "geen herkenbare kolomtitels gevonden in geen enkel werkblad" in (
        summary.problems[0].message_nl
    )


def test_the_data_on_the_second_sheet_is_found(engine: Engine, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Uitleg"
    workbook.active.append(["Vul het tweede blad in."])
    data = workbook.create_sheet("Locaties")
    data.append(["Naam", "Type", "Status", "Gemeente"])
    data.append(["Anker", "Gastgezin", "Prospect", "Gent"])
    file = tmp_path / "twee.xlsx"
    workbook.save(file)
    assert import_locations(engine, file).created == 1


def test_an_xlsx_written_by_libreoffice(engine: Engine, tmp_path: Path) -> None:
    """LibreOffice writes its own .xlsx flavour (shared strings, its own dimensions)."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    source = write_csv(
        tmp_path / "libre.csv",
        [
            "Naam,Type,Status,Gemeente,Capaciteit,Geopend op",
            "Libre Huis,Individuele woning,Operationeel,Leuven,3,2025-06-01",
            ",,,,,",
            "Calc Hof,Collectieve opvang,Operationeel,Brugge,10,2025-06-02",
        ],
    )
    result = subprocess.run(
        [
            office,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    converted = tmp_path / "out" / "libre.xlsx"
    assert result.returncode == 0 and converted.exists(), result.stderr
    summary = import_locations(engine, converted, today=TODAY)
    assert summary.problems == []
    assert summary.created == 2
    found = _locations(engine)
    # LibreOffice turns 2025-06-01 into a real date cell and 3 into a number.
    assert found["Libre Huis"].opened_on == dt.date(2025, 6, 1)
    assert (found["Calc Hof"].capacity, found["Calc Hof"].municipality_nis) == (10, "31005")
