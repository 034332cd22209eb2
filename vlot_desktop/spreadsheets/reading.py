"""Open an .xlsx or .csv file as one stream of rows, the way users' files really are.

- Excel files are read with openpyxl in read-only mode (rows are streamed, never all in memory);
  the sheet is the one whose header row scores best (a cover sheet first is skipped).
- CSV files: UTF-8 (with or without BOM) or Windows-1252 (Excel on a Belgian Windows), ``;``,
  ``,`` or tab as separator (sniffed from the header line, or Excel's ``sep=`` line).
- The header row is the best-scoring of the first non-empty rows (a title line above it is
  skipped); empty rows are skipped; text is trimmed.
- Anything else (a PDF renamed to .xlsx, an old .xls, a zip that is no workbook) is a
  ``SpreadsheetError`` with a message that says what to do.

Row numbers are the ones a user sees in Excel or LibreOffice (the header is usually row 1).
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vlot_desktop.spreadsheets.cells import CellValue, is_empty
from vlot_desktop.spreadsheets.errors import SpreadsheetError

HEADER_SEARCH_ROWS = 10
_SNIFF_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
_OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
_DELIMITERS = (";", ",", "\t")
_FIELD_LIMIT = 1024 * 1024

# Scores a candidate header row (higher is better; 0: not a header).
HeaderScore = Callable[[list[str]], int]


@dataclass(frozen=True)
class DataRow:
    """One non-empty row below the header: its number in the file and its cells."""

    number: int
    cells: list[CellValue]


@dataclass
class Table:
    """A file opened as a table: headers and a one-time stream of rows. Close it when done."""

    path: Path
    kind: str  # "xlsx" or "csv"
    headers: list[str]
    header_row: int
    sheet: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    estimated_rows: int | None = None
    _rows: Iterator[tuple[int, list[CellValue]]] = field(default_factory=lambda: iter(()))
    _close: Callable[[], None] = field(default=lambda: None)

    def rows(self) -> Iterator[DataRow]:
        """The non-empty rows after the header, cut or padded to the header's width."""
        width = len(self.headers)
        for number, cells in self._rows:
            if all(is_empty(c) for c in cells):
                continue
            cells = [c.strip() if isinstance(c, str) else c for c in cells[:width]]
            if len(cells) < width:
                cells.extend([None] * (width - len(cells)))
            yield DataRow(number, cells)

    def close(self) -> None:
        self._close()

    def __enter__(self) -> Table:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_table(
    path: Path, *, sheet: str | None = None, header_score: HeaderScore | None = None
) -> Table:
    """Open ``path`` (.xlsx or .csv, decided by its content, not only its name)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except FileNotFoundError:
        raise SpreadsheetError(
            f"{path} does not exist", f"Het bestand {path.name} bestaat niet."
        ) from None
    except OSError as exc:
        raise SpreadsheetError(
            f"{path} cannot be read ({exc.strerror or exc})",
            f"Het bestand {path.name} kan niet gelezen worden ({exc.strerror or exc}).",
        ) from exc
    suffix = path.suffix.lower()
    if head.startswith(_OLE2_MAGIC):
        raise SpreadsheetError(
            f"{path.name} is an old Excel 97-2003 (.xls) file; save it as .xlsx first",
            f"{path.name} is een oud Excel-bestand (.xls). Open het in Excel of LibreOffice "
            "en sla het op als Excel-werkmap (.xlsx).",
        )
    if head.startswith(b"PK"):
        return _open_xlsx(path, sheet, header_score)
    if suffix in (".xlsx", ".xlsm", ".ods", ".xls"):
        raise _not_a_spreadsheet(path)
    if not head:
        raise SpreadsheetError(f"{path.name} is empty", f"Het bestand {path.name} is leeg.")
    return _open_csv(path, head, header_score)


def _not_a_spreadsheet(path: Path) -> SpreadsheetError:
    return SpreadsheetError(
        f"{path.name} is not an Excel (.xlsx) or CSV file",
        f"{path.name} is geen Excel-bestand (.xlsx) of CSV-bestand.",
    )


def _no_header(path: Path, where: str = "", where_nl: str = "") -> SpreadsheetError:
    return SpreadsheetError(
        f"{path.name}: no recognisable column headers found{where}",
        f"{path.name}: geen herkenbare kolomtitels gevonden{where_nl}. "
        "De eerste rij moet de kolomtitels bevatten (bijvoorbeeld Naam, Type, Gemeente).",
    )


def _pick_header(
    rows: list[tuple[int, list[CellValue]]], header_score: HeaderScore | None
) -> tuple[int, int] | None:
    """(index in ``rows``, score) of the header row among the first non-empty rows."""
    best: tuple[int, int] | None = None
    for index, (_number, cells) in enumerate(rows):
        texts = _header_texts(cells)
        if not any(texts):
            continue
        score = header_score(texts) if header_score is not None else 1
        if score > 0 and (best is None or score > best[1]):
            best = (index, score)
        if header_score is None:
            break
    return best


def _header_texts(cells: list[CellValue]) -> list[str]:
    texts = [("" if c is None else str(c)).strip() for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _first_rows(
    rows: Iterator[tuple[int, list[CellValue]]],
) -> list[tuple[int, list[CellValue]]]:
    found: list[tuple[int, list[CellValue]]] = []
    for number, cells in rows:
        found.append((number, cells))
        if sum(1 for _n, c in found if not all(is_empty(v) for v in c)) >= HEADER_SEARCH_ROWS:
            break
    return found


def _chain(
    head: list[tuple[int, list[CellValue]]], rest: Iterator[tuple[int, list[CellValue]]]
) -> Iterator[tuple[int, list[CellValue]]]:
    yield from head
    yield from rest


# -- Excel ----------------------------------------------------------------------------------


def _open_xlsx(path: Path, sheet: str | None, header_score: HeaderScore | None) -> Table:
    import openpyxl

    try:
        workbook: Any = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise _not_a_spreadsheet(path) from exc
    except Exception as exc:  # openpyxl raises its own types for a zip that is no workbook
        raise _not_a_spreadsheet(path) from exc
    try:
        names = [str(n) for n in workbook.sheetnames]
        if sheet is not None and sheet not in names:
            raise SpreadsheetError(
                f"{path.name} has no sheet {sheet!r} (sheets: {', '.join(names)})",
                f"{path.name} heeft geen werkblad '{sheet}' (wel: {', '.join(names)}).",
            )
        candidates = [sheet] if sheet is not None else names
        best: tuple[str, int, list[tuple[int, list[CellValue]]], int] | None = None
        for name in candidates:
            rows = _sheet_rows(workbook[name])
            head = _first_rows(rows)
            picked = _pick_header(head, header_score)
            if picked is not None and (best is None or picked[1] > best[3]):
                best = (name, picked[0], head, picked[1])
        if best is None:
            where = f" in sheet '{sheet}'" if sheet else " in any sheet"
            where_nl = f" in werkblad '{sheet}'" if sheet else " in geen enkel werkblad"
            raise _no_header(path, where, where_nl)
        name, index, head, _score = best
        worksheet = workbook[name]
        # Re-open the chosen sheet's stream: the scoring above consumed its first rows.
        rows = _sheet_rows(worksheet)
        for _ in range(index + 1):
            next(rows)
        number, cells = head[index]
        max_row = getattr(worksheet, "max_row", None)
        return Table(
            path=path,
            kind="xlsx",
            headers=_header_texts(cells),
            header_row=number,
            sheet=name,
            sheet_names=names,
            estimated_rows=max(0, max_row - number) if isinstance(max_row, int) else None,
            _rows=rows,
            _close=workbook.close,
        )
    except BaseException:
        workbook.close()
        raise


def _sheet_rows(worksheet: Any) -> Iterator[tuple[int, list[CellValue]]]:
    # The stored dimension may be wrong (some tools write "A1"); read what is really there.
    if hasattr(worksheet, "reset_dimensions"):
        worksheet.reset_dimensions()
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        yield number, list(values)


# -- CSV ------------------------------------------------------------------------------------


def detect_encoding(path: Path, head: bytes) -> str:
    """utf-8-sig, utf-16, utf-8, or else cp1252 (what Excel on a Belgian Windows writes)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def sniff_delimiter(line: str) -> str:
    """The separator used most often outside quotes in ``line`` (``,`` when none is used)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _open_csv(path: Path, head: bytes, header_score: HeaderScore | None) -> Table:
    encoding = detect_encoding(path, head)
    if encoding != "utf-16" and b"\x00" in head:
        raise _not_a_spreadsheet(path)
    handle = path.open("r", encoding=encoding, errors="replace", newline="")
    try:
        first_line = handle.readline()
        skipped = 0
        delimiter: str | None = None
        if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
            delimiter = first_line.strip()[4]
            skipped = 1
        else:
            lines = [first_line, *(handle.readline() for _ in range(HEADER_SEARCH_ROWS - 1))]
            sample = next((ln for ln in lines if ln.strip()), "")
            delimiter = sniff_delimiter(sample)
            handle.seek(0)
        csv.field_size_limit(_FIELD_LIMIT)
        reader = csv.reader(handle, delimiter=delimiter)
        rows = _csv_rows(path, reader, skipped)
        head_rows = _first_rows(rows)
        picked = _pick_header(head_rows, header_score)
        if picked is None:
            raise _no_header(path)
        index = picked[0]
        number, cells = head_rows[index]
        size = path.stat().st_size
        line_bytes = max(1, len(first_line.encode(encoding, errors="replace")))
        return Table(
            path=path,
            kind="csv",
            headers=_header_texts(cells),
            header_row=number,
            encoding=encoding,
            delimiter=delimiter,
            estimated_rows=max(1, size // line_bytes),
            _rows=_chain(head_rows[index + 1 :], rows),
            _close=handle.close,
        )
    except BaseException:
        handle.close()
        raise


def _csv_rows(path: Path, reader: Any, skipped: int) -> Iterator[tuple[int, list[CellValue]]]:
    number = skipped
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SpreadsheetError(
                f"{path.name}: row {number + 1} cannot be read ({exc})",
                f"{path.name}: rij {number + 1} kan niet gelezen worden ({exc}).",
            ) from exc
        number += 1
        yield number, list(record)
