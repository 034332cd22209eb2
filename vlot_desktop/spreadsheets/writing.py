"""Write a table to .xlsx or .csv with typed cells: numbers as numbers, dates as dates.

Rows come from an iterator and are written as they come (openpyxl's write-only mode), so an
export of 100,000 rows needs little memory. The file is written under a temporary name in the
target folder and renamed over the target only when complete: a cancelled or failed export
leaves the old file (or none), never half a file.

- .xlsx: a bold, frozen header row with an auto-filter; dates with the format dd/mm/yyyy; text
  that starts with "=" stays text (never a formula).
- .csv: what Excel on a Belgian Windows opens without a wizard: UTF-8 with a BOM, ``;`` as
  separator, dates as 26/11/2026. Text that Excel would take for a formula (starting with
  ``= + - @``, a tab or a carriage return) gets a leading apostrophe, as OWASP advises against
  CSV injection; ``cells.parse_text`` takes it off again, so re-importing changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from vlot_desktop.spreadsheets.cells import CellValue
from vlot_desktop.spreadsheets.errors import SpreadsheetError

BELGIAN_DATE_FORMAT = "DD/MM/YYYY"
CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"
# How a cell that a spreadsheet would evaluate as a formula starts (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters an .xlsx file cannot hold (control characters other than tab and newlines).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f]")


class ColumnKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    DATE = "date"


@dataclass(frozen=True)
class OutputColumn:
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    width: int = 14  # characters, for .xlsx


class WriteCancelled(Exception):
    """The caller asked to stop; the target file was not touched."""


# Called every ``PROGRESS_EVERY`` rows with the rows written so far; returns True to stop.
RowsWritten = Callable[[int], bool]
PROGRESS_EVERY = 500


def file_format(path: Path) -> str:
    """ "xlsx" or "csv", from the file name (anything else is refused)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    raise SpreadsheetError(
        f"{path.name}: choose a file name ending in .xlsx or .csv",
        f"{path.name}: kies een bestandsnaam die eindigt op .xlsx of .csv.",
    )


def write_table(
    path: Path,
    columns: Sequence[OutputColumn],
    rows: Iterable[Sequence[CellValue]],
    *,
    sheet_title: str = "Blad1",
    on_progress: RowsWritten | None = None,
) -> int:
    """Write ``rows`` under ``columns`` to ``path`` (.xlsx or .csv); returns the row count.

    Raises ``WriteCancelled`` when ``on_progress`` returns True, ``SpreadsheetError`` when the
    file cannot be written.
    """
    kind = file_format(path)
    folder = path.parent
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    os.close(fd)
    temp = Path(temp_name)
    try:
        if kind == "xlsx":
            count = _write_xlsx(temp, columns, rows, sheet_title, on_progress)
        else:
            count = _write_csv(temp, columns, rows, on_progress)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _cannot_write(path, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count


def _cannot_write(path: Path, exc: OSError) -> SpreadsheetError:
    reason = exc.strerror or str(exc)
    return SpreadsheetError(
        f"{path} cannot be written ({reason})",
        f"{path.name} kan niet geschreven worden ({reason}). Is het bestand nog open in Excel?",
    )


def _tick(count: int, on_progress: RowsWritten | None) -> None:
    if on_progress is not None and count % PROGRESS_EVERY == 0 and on_progress(count):
        raise WriteCancelled


def _write_xlsx(
    path: Path,
    columns: Sequence[OutputColumn],
    rows: Iterable[Sequence[CellValue]],
    sheet_title: str,
    on_progress: RowsWritten | None,
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet: Any = workbook.create_sheet(title=sheet_title[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    try:
        for row in rows:
            sheet.append([_xlsx_cell(sheet, c, v) for c, v in zip(columns, row, strict=True)])
            count += 1
            _tick(count, on_progress)
    except BaseException:
        sheet.close()  # ends openpyxl's row writer, which would complain when collected
        raise
    last = get_column_letter(max(1, len(columns)))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    workbook.save(path)
    return count


def _xlsx_cell(sheet: Any, column: OutputColumn, value: CellValue) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if column.kind is ColumnKind.DATE and isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = BELGIAN_DATE_FORMAT
        return cell
    if isinstance(value, str):
        text = _ILLEGAL.sub("", value)
        if text.startswith("="):
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"  # text, not a formula
            return cell
        return text
    return value


def _write_csv(
    path: Path,
    columns: Sequence[OutputColumn],
    rows: Iterable[Sequence[CellValue]],
    on_progress: RowsWritten | None,
) -> int:
    count = 0
    with path.open("w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle, delimiter=CSV_DELIMITER, lineterminator="\r\n")
        writer.writerow([c.header for c in columns])
        for row in rows:
            writer.writerow(
                [_csv_text(value, column.kind) for column, value in zip(columns, row, strict=True)]
            )
            count += 1
            _tick(count, on_progress)
        handle.flush()
        os.fsync(handle.fileno())
    return count


def _csv_text(value: CellValue, kind: ColumnKind = ColumnKind.TEXT) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and kind is ColumnKind.TEXT and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d} {value:%H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return str(value)
