"""Numbers and dates the Belgian way: 1.234 and 26/11/2026, in both interface languages."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from vlot_desktop.ui.i18n import belgian_locale, current_language

NOT_APPLICABLE = "—"


def format_int(value: int | None) -> str:
    """``1234`` -> ``"1.234"``; ``None`` (not applicable) -> an em dash."""
    if value is None:
        return NOT_APPLICABLE
    return belgian_locale().toString(int(value))


def format_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_time(value: dt.datetime | dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def enum_label(enum_type: type[Enum], value: str | None) -> str:
    """The label of a stored enum value in the interface language; unknown values as stored."""
    if value is None:
        return ""
    try:
        member = enum_type(value)
    except ValueError:
        return value
    label = getattr(member, "label", None)
    return str(label(current_language())) if callable(label) else str(value)
