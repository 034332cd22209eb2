"""Cell values as users type them, turned into dates, whole numbers, yes/no and text.

A CSV file only has text, and an Excel file may hold a date as a real date, as a serial number
(a column formatted as "Standaard") or as text; a number may be ``12``, ``12.0``, ``"12"`` or
``"12,0"``. Every parser accepts all of these and raises ``CellError`` (Dutch and English) for
anything else.
"""

from __future__ import annotations

import datetime as dt
import re

from vlot_desktop.spreadsheets.errors import CellError

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None

# Excel's day 0 is 30/12/1899 (its 1900 leap-year bug included); serials up to 31/12/9999.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2_958_465
# Dates typed as text: day first (Belgian), or ISO; an optional time after the date is ignored.
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T].*)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")

_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0", "niet", "neen"}


def cell_text(value: CellValue) -> str:
    """The cell as a user would read it (for messages, previews and text fields)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d} {value:%H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return str(value).strip()


def is_empty(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_text(value: CellValue) -> str | None:
    """Trimmed text; ``None`` for an empty cell. Numbers keep their plain form (``3500``).

    The apostrophe our CSV export puts before text that starts like a formula ("'=A1") is
    taken off again.
    """
    text = cell_text(value)
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:].strip()
    return text or None


def parse_date(value: CellValue) -> dt.date | None:
    """A date from a date cell, an Excel serial number or text (26/11/2026, 2026-11-26)."""
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_serial(value)
    text = cell_text(value)
    day_first = _DAY_FIRST.match(text)
    iso = _ISO.match(text)
    try:
        if day_first:
            day, month, year = (int(part) for part in day_first.groups())
            if year < 100:
                year += 2000
            return dt.date(year, month, day)
        if iso:
            year, month, day = (int(part) for part in iso.groups())
            return dt.date(year, month, day)
    except ValueError:
        raise _not_a_date(text) from None
    if _NUMBER.match(text):
        return _from_serial(float(text.replace(",", ".")))
    raise _not_a_date(text)


def _from_serial(serial: float) -> dt.date:
    if not 1 <= serial <= _EXCEL_MAX_SERIAL or not float(serial).is_integer():
        raise _not_a_date(cell_text(serial))
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _not_a_date(text: str) -> CellError:
    return CellError(
        f"{text!r} is not a date (use dd/mm/yyyy, e.g. 26/11/2026)",
        f"'{text}' is geen datum (schrijf dd/mm/jjjj, bijvoorbeeld 26/11/2026).",
    )


def parse_int(value: CellValue) -> int | None:
    """A whole number from a number cell or text: ``12``, ``"12"``, ``"12,0"``, ``"1.234"``."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise _not_a_number(cell_text(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _not_whole(cell_text(value))
    if isinstance(value, (dt.date, dt.time)):
        raise _not_a_number(cell_text(value))
    typed = cell_text(value)
    text = typed.replace(" ", "").replace("\u00a0", "")
    if _THOUSANDS.match(text):  # Belgian thousands separator: 1.234
        return int(text.replace(".", ""))
    if not _NUMBER.match(text):
        raise _not_a_number(typed)
    number = float(text.replace(",", "."))
    if not number.is_integer():
        raise _not_whole(typed)
    return int(number)


def _not_a_number(text: str) -> CellError:
    return CellError(f"{text!r} is not a number", f"'{text}' is geen getal.")


def _not_whole(text: str) -> CellError:
    return CellError(f"{text!r} is not a whole number", f"'{text}' is geen geheel getal.")


def parse_bool(value: CellValue) -> bool | None:
    """Yes/no: ja/nee, yes/no, waar/onwaar, true/false, 1/0, x; an empty cell is ``None``."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = cell_text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"{text!r} is not yes or no", f"'{cell_text(value)}' is geen ja of nee.")
