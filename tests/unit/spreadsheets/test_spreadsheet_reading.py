"""Real-world files open as one stream of rows: encodings, separators, title rows, bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from vlot_desktop.spreadsheets.errors import SpreadsheetError
from vlot_desktop.spreadsheets.reading import open_table, sniff_delimiter


def _score(headers: list[str]) -> int:
    return sum(1 for h in headers if h.lower() in {"naam", "gemeente", "capaciteit"})


def test_belgian_excel_csv_semicolons_and_windows_1252(tmp_path: Path) -> None:
    file = tmp_path / "locaties.csv"
    file.write_bytes("Naam;Gemeente;Capaciteit\r\nRésidence Hélène;Brugge;12\r\n".encode("cp1252"))
    with open_table(file) as table:
        assert (table.encoding, table.delimiter) == ("cp1252", ";")
        assert table.headers == ["Naam", "Gemeente", "Capaciteit"]
        rows = list(table.rows())
    assert [r.cells for r in rows] == [["Résidence Hélène", "Brugge", "12"]]
    assert rows[0].number == 2


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ";"), ("utf-8", "\t")]
)
def test_utf8_with_or_without_bom_and_any_separator(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    file = tmp_path / "x.csv"
    text = delimiter.join(["Naam", "Gemeente"]) + "\n" + delimiter.join(["Олена", "Gent"]) + "\n"
    file.write_text(text, encoding=encoding)
    with open_table(file) as table:
        assert table.headers == ["Naam", "Gemeente"]
        assert [r.cells for r in table.rows()] == [["Олена", "Gent"]]


def test_quoted_separators_do_not_fool_the_sniffer() -> None:
    assert sniff_delimiter('"Naam, voornaam";"Gemeente"') == ";"
    assert sniff_delimiter("Naam") == ","


def test_excel_sep_line_title_rows_empty_rows_and_trailing_spaces(tmp_path: Path) -> None:
    file = tmp_path / "x.csv"
    file.write_text(
        "sep=;\nOpvanglocaties Limburg;;\n;;\nNaam ;Gemeente;Capaciteit\n"
        "  De Linde  ;Hasselt ;3\n;;\n\nZeezicht;De Panne;4;extra zonder titel\n",
        encoding="utf-8",
    )
    with open_table(file, header_score=_score) as table:
        assert table.headers == ["Naam", "Gemeente", "Capaciteit"]
        assert table.header_row == 4
        rows = list(table.rows())
    assert [(r.number, r.cells) for r in rows] == [
        (5, ["De Linde", "Hasselt", "3"]),
        (8, ["Zeezicht", "De Panne", "4"]),
    ]


def test_xlsx_keeps_cell_types_and_finds_the_sheet_with_the_data(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    cover = workbook.active
    cover.title = "Uitleg"
    cover["A1"] = "Dit blad legt uit hoe het werkt."
    data = workbook.create_sheet("Locaties")
    data.append(["Naam", "Gemeente", "Capaciteit", "Geopend op"])
    data.append(["De Linde", "Hasselt", 3, dt.datetime(2025, 3, 1)])
    data.append([None, None, None, None])
    data.append(["Zeezicht", "De Panne", "4", "01/04/2025"])
    file = tmp_path / "x.xlsx"
    workbook.save(file)
    with open_table(file, header_score=_score) as table:
        assert table.sheet == "Locaties"
        assert table.sheet_names == ["Uitleg", "Locaties"]
        rows = list(table.rows())
    assert rows[0].cells == ["De Linde", "Hasselt", 3, dt.datetime(2025, 3, 1)]
    assert (rows[1].number, rows[1].cells[2]) == (4, "4")


def test_a_named_sheet_that_does_not_exist(tmp_path: Path) -> None:
    file = tmp_path / "x.xlsx"
    openpyxl.Workbook().save(file)
    with pytest.raises(SpreadsheetError) as caught:
        open_table(file, sheet="Locaties")
    assert "geen werkblad 'Locaties'" in caught.value.message_nl


def test_no_sheet_with_recognisable_headers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Factuur", "Bedrag"])
    file = tmp_path / "x.xlsx"
    workbook.save(file)
    with pytest.raises(SpreadsheetError) as caught:
        open_table(file, header_score=_score)
    assert "geen herkenbare kolomtitels" in caught.value.message_nl


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("x.xlsx", b"%PDF-1.4 not a workbook", "geen Excel-bestand"),
        ("x.xlsx", b"PK\x03\x04 broken zip", "geen Excel-bestand"),
        ("x.xls", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 100, "oud Excel-bestand (.xls)"),
        ("x.csv", b"\x00\x01\x02binary\x00", "geen Excel-bestand"),
        ("x.csv", b"", "is leeg"),
    ],
)
def test_files_that_are_no_table(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    file = tmp_path / name
    file.write_bytes(content)
    with pytest.raises(SpreadsheetError) as caught:
        open_table(file)
    assert expected in caught.value.message_nl


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError, match="does not exist"):
        open_table(tmp_path / "weg.csv")
