"""Written files have typed cells, Belgian dates, and never half a file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from vlot_desktop.spreadsheets.errors import SpreadsheetError
from vlot_desktop.spreadsheets.writing import (
    ColumnKind,
    OutputColumn,
    WriteCancelled,
    write_table,
)

COLUMNS = [
    OutputColumn("Naam"),
    OutputColumn("Capaciteit", ColumnKind.INTEGER),
    OutputColumn("Geopend op", ColumnKind.DATE),
]
ROWS = [["=SUM(A1)", 12, dt.date(2026, 11, 26)], ["Zeezicht\x0b", None, None]]


def test_xlsx_numbers_are_numbers_and_dates_are_dates(tmp_path: Path) -> None:
    file = tmp_path / "out.xlsx"
    assert write_table(file, COLUMNS, ROWS) == 2
    sheet = openpyxl.load_workbook(file).active
    assert [c.value for c in sheet[1]] == ["Naam", "Capaciteit", "Geopend op"]
    assert sheet[1][0].font.b
    name, capacity, opened = sheet[2]
    assert (name.value, name.data_type) == ("=SUM(A1)", "s")  # text, never a formula
    assert capacity.value == 12 and capacity.data_type == "n"
    assert opened.value == dt.datetime(2026, 11, 26)
    assert opened.number_format == "DD/MM/YYYY"
    assert sheet["A3"].value == "Zeezicht"  # the control character an .xlsx cannot hold
    assert sheet.freeze_panes == "A2"


def test_csv_for_excel_on_a_belgian_windows(tmp_path: Path) -> None:
    file = tmp_path / "out.csv"
    write_table(file, COLUMNS, ROWS)
    raw = file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").split("\r\n") == [
        "Naam;Capaciteit;Geopend op",
        "'=SUM(A1);12;26/11/2026",  # Excel shows the text, never runs it
        "Zeezicht\x0b;;",
        "",
    ]


def test_a_cancelled_write_leaves_the_old_file(tmp_path: Path) -> None:
    file = tmp_path / "out.csv"
    file.write_text("old", encoding="utf-8")
    rows = ([f"Locatie {i}", i, None] for i in range(2000))
    with pytest.raises(WriteCancelled):
        write_table(file, COLUMNS, rows, on_progress=lambda done: done >= 1000)
    assert file.read_text(encoding="utf-8") == "old"
    assert list(tmp_path.iterdir()) == [file]


def test_only_xlsx_and_csv(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        write_table(tmp_path / "out.ods", COLUMNS, ROWS)
    assert ".xlsx of .csv" in caught.value.message_nl


def test_an_unwritable_folder(tmp_path: Path) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        write_table(tmp_path / "missing" / "out.csv", COLUMNS, ROWS)
    assert "kan niet geschreven worden" in caught.value.message_nl
