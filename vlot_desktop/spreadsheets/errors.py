"""The file-level problems a user can fix (wrong file, no columns), in Dutch and English."""

from __future__ import annotations


class SpreadsheetError(Exception):
    """A file that cannot be read as a table. ``message_nl`` is what the GUI shows."""

    def __init__(self, message: str, message_nl: str) -> None:
        super().__init__(message)
        self.message_nl = message_nl

    def text(self, language: str) -> str:
        return str(self) if language == "en" else self.message_nl


class CellError(ValueError):
    """One cell that does not hold what its column needs (a date, a whole number, yes/no)."""

    def __init__(self, message: str, message_nl: str) -> None:
        super().__init__(message)
        self.message_nl = message_nl
