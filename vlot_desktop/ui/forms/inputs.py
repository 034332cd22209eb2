"""Reading what the user typed: Belgian dates (26/11/2026) and whole numbers."""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


class InputError(ValueError):
    """The text is not what the field needs."""


def parse_date(text: str) -> dt.date | None:
    """``"26/11/2026"`` (also with ``-`` or ``.``) -> a date; empty -> ``None``."""
    if not text.strip():
        return None
    match = _DATE.match(text)
    if match is None:
        raise InputError(text)
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise InputError(text) from exc


def parse_int(text: str) -> int | None:
    """``"12"`` -> 12, ``"-3"`` -> -3 (the rules say why that is wrong); empty -> ``None``."""
    stripped = text.strip().replace(".", "")
    if not stripped:
        return None
    if not re.fullmatch(r"[-+]?\d+", stripped):
        raise InputError(text)
    return int(stripped)
