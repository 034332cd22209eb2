"""A problem with what a user typed or imported: the field, the message in Dutch and English,
and whether it stops the change (``error``) or is only shown (``warning``).

Shared by the rules of every record (``location_rules``, ``text_limits``, ...), which is why it
lives apart from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something wrong with one field (or, with ``field`` "", with the record as a whole)."""

    field: str
    message: str
    message_en: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self, language: str) -> str:
        return self.message_en if language == "en" else self.message
