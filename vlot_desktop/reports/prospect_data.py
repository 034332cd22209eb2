"""Everything the prospect report prints, as plain values.

:mod:`vlot_desktop.services.prospect_reports` reads a visit into :class:`ProspectReportData`:
the checklist in the template version the visit was filled with (a new template version does
not change an old visit's report), answers as text, photos scaled for print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from vlot_desktop.domain.enums import FindingKind

NOT_ANSWERED = "—"


@dataclass(frozen=True, slots=True)
class ParticipantLine:
    name: str
    role: str
    organisation: str | None


@dataclass(frozen=True, slots=True)
class AnswerLine:
    """One checklist item as printed. ``unfavourable``: the answer counts against the building
    (or the visitor marked the item as a knelpunt); the report marks it. ``item_key`` ties
    the photos linked to the item to it (the report refers to them by number)."""

    label: str
    answer: str
    remark: str | None
    answered: bool
    item_key: str | None = None
    unfavourable: bool = False


@dataclass(frozen=True, slots=True)
class SectionAnswers:
    title: str
    lines: tuple[AnswerLine, ...]


@dataclass(frozen=True, slots=True)
class FindingLine:
    kind: FindingKind
    description: str
    item_label: str | None
    action: str | None
    responsible: str | None
    due_on: dt.date | None


@dataclass(frozen=True, slots=True)
class PhotoLine:
    """A photo to print: ``image`` is None when the photo is not on this laptop yet."""

    image: Path | None
    caption: str | None
    item_key: str | None
    item_label: str | None
    file_name: str
    width: int | None
    height: int | None


@dataclass(frozen=True, slots=True)
class ProspectReportData:
    visit_id: str
    name: str
    address: str
    municipality: str
    province: str | None
    team: str | None
    visit_date: dt.date | None
    status: str
    estimated_places: int | None
    general_impression: str | None
    outcome_notes: str | None
    visitor: str | None
    checklist_title: str
    checklist_version: int
    participants: tuple[ParticipantLine, ...]
    sections: tuple[SectionAnswers, ...]
    findings: tuple[FindingLine, ...]
    photos: tuple[PhotoLine, ...]

    @property
    def bottlenecks(self) -> int:
        return sum(1 for f in self.findings if f.kind is FindingKind.BOTTLENECK)

    @property
    def opportunities(self) -> int:
        return sum(1 for f in self.findings if f.kind is FindingKind.OPPORTUNITY)

    @property
    def unfavourable(self) -> int:
        """Checklist answers marked as unfavourable."""
        return sum(1 for s in self.sections for line in s.lines if line.unfavourable)

    def photo_numbers(self, item_key: str | None) -> list[int]:
        """The numbers (as printed under the photos, from 1) of the photos of an item."""
        if item_key is None:
            return []
        return [n for n, photo in enumerate(self.photos, start=1) if photo.item_key == item_key]


def format_number(value: float) -> str:
    """Belgian notation: 12.500 and 12,5 (no separator in four digits: a year stays 1983)."""
    grouping = "," if abs(value) >= 10_000 else ""
    if float(value).is_integer():
        text = f"{int(value):{grouping}d}"
    else:
        text = f"{value:{grouping}.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
