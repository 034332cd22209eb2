"""Custom item data roles shared by the table models."""

from __future__ import annotations

from PySide6.QtCore import Qt

# The raw value behind a cell (int, str) for sorting: 1.234 must sort after 999.
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
# The record's key (e.g. a municipality's NIS code), on every cell of its row.
KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 2


def wrap_header(text: str, width: int = 12) -> str:
    """Break a long header over two lines at the space nearest its middle."""
    if len(text) <= width or " " not in text:
        return text
    middle = len(text) // 2
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    split = min(spaces, key=lambda i: abs(i - middle))
    return text[:split] + "\n" + text[split + 1 :]
