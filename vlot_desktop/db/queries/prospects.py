"""The Prospecties screen and visit mode: the filtered list, one visit in full, its progress.

The list is filtered in SQL. Prospect visits have no stored search column, so the name and
address are folded (lower case, no accents) by a small SQLite function registered on the
connection; a few thousand visits fold in a few milliseconds.

A visit is always shown with the template version it was filled with (``template`` and
``template_version`` of the visit), read from the ``checklist_template`` table, never the newest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import Connection, func, or_, select

from vlot_desktop.db.models import (
    Attachment,
    ChecklistAnswer,
    ChecklistTemplate,
    Finding,
    Municipality,
    Postcode,
    ProspectParticipant,
    ProspectVisit,
    Province,
    StaffUser,
)
from vlot_desktop.db.queries._common import raw_text
from vlot_desktop.domain.checklist import ChecklistTemplate as Template
from vlot_desktop.domain.checklist import ItemKind, parse_checklist
from vlot_desktop.domain.text import fold, like_pattern

PROSPECT_TEMPLATE = "prospect"
FOLD_FUNCTION = "vlot_fold"


@dataclass(frozen=True)
class ProspectFilter:
    """Empty fields do not filter; dates are inclusive; ``search`` matches name and address."""

    search: str = ""
    status: str | None = None
    team_code: str | None = None
    municipality_nis: str | None = None
    visitor_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class ProspectRow:
    id: str
    name: str
    street: str | None
    house_number: str | None
    postcode: str | None
    municipality_nis: str
    municipality_name: str
    status: str
    visit_date: dt.date | None
    visitor_name: str | None
    estimated_places: int | None
    location_id: str | None

    @property
    def address(self) -> str:
        return format_address(self.street, self.house_number, self.postcode, None)


def format_address(
    street: str | None, number: str | None, postcode: str | None, municipality: str | None
) -> str:
    """``Kerkstraat 12, 3500 Hasselt`` from whatever parts are known."""
    first = " ".join(p for p in (street, number) if p)
    second = " ".join(p for p in (postcode, municipality) if p)
    return ", ".join(p for p in (first, second) if p)


def _register_fold(conn: Connection) -> None:
    """Make ``vlot_fold(text)`` available on this connection (idempotent, cheap)."""
    raw = conn.connection.driver_connection
    if raw is not None:
        raw.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


def list_prospects(conn: Connection, prospect_filter: ProspectFilter) -> list[ProspectRow]:
    """The visits that match ``prospect_filter``, newest visit date first."""
    f = prospect_filter
    stmt = (
        select(
            ProspectVisit.id,
            ProspectVisit.name,
            ProspectVisit.street,
            ProspectVisit.house_number,
            ProspectVisit.postcode,
            ProspectVisit.municipality_nis,
            Municipality.name_nl,
            raw_text(ProspectVisit.status),
            ProspectVisit.visit_date,
            StaffUser.name,
            ProspectVisit.estimated_places,
            ProspectVisit.location_id,
        )
        .join(Municipality, Municipality.nis_code == ProspectVisit.municipality_nis)
        .outerjoin(StaffUser, StaffUser.id == ProspectVisit.visitor_id)
        .order_by(ProspectVisit.visit_date.desc().nulls_last(), ProspectVisit.name)
    )
    if f.search.strip():
        _register_fold(conn)
        pattern = like_pattern(f.search)
        folded = getattr(func, FOLD_FUNCTION)(
            func.coalesce(ProspectVisit.name, "")
            + " "
            + func.coalesce(ProspectVisit.street, "")
            + " "
            + func.coalesce(ProspectVisit.house_number, "")
            + " "
            + func.coalesce(ProspectVisit.postcode, "")
        )
        stmt = stmt.where(
            or_(
                folded.like(pattern, escape="\\"),
                Municipality.search_name.like(pattern, escape="\\"),
            )
        )
    if f.status:
        stmt = stmt.where(raw_text(ProspectVisit.status) == f.status)
    if f.municipality_nis:
        stmt = stmt.where(ProspectVisit.municipality_nis == f.municipality_nis)
    if f.team_code:
        stmt = stmt.where(
            Municipality.province_code.in_(
                select(Province.code).where(Province.team_code == f.team_code)
            )
        )
    if f.visitor_id:
        stmt = stmt.where(ProspectVisit.visitor_id == f.visitor_id)
    if f.date_from:
        stmt = stmt.where(ProspectVisit.visit_date >= f.date_from)
    if f.date_to:
        stmt = stmt.where(ProspectVisit.visit_date <= f.date_to)
    return [ProspectRow(*tuple(row)) for row in conn.execute(stmt)]


@dataclass(frozen=True)
class StaffRow:
    id: str
    name: str
    team_code: str


def list_visitors(conn: Connection) -> list[StaffRow]:
    """Staff members who visited (or will visit) at least one prospect, by name."""
    stmt = (
        select(StaffUser.id, StaffUser.name, StaffUser.team_code)
        .where(StaffUser.id.in_(select(ProspectVisit.visitor_id)))
        .order_by(StaffUser.name)
    )
    return [StaffRow(*row) for row in conn.execute(stmt)]


def municipalities_of_postcode(conn: Connection, postcode: str) -> list[str]:
    """The NIS codes a postcode serves (usually one, sometimes two; none if unknown)."""
    stmt = select(Postcode.municipality_nis).where(Postcode.postcode == postcode.strip())
    return [str(nis) for nis in conn.scalars(stmt)]


# -- templates -------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _parse_template(content_sha256: str, content_json: str) -> Template:
    return parse_checklist(json.loads(content_json))


def load_template(conn: Connection, template: str, version: int) -> Template:
    """The stored template version (raises LookupError if this database does not have it)."""
    row = conn.execute(
        select(ChecklistTemplate.content_sha256, ChecklistTemplate.content_json).where(
            ChecklistTemplate.template == template, ChecklistTemplate.version == version
        )
    ).first()
    if row is None:
        raise LookupError(f"checklist template {template} v{version} is not loaded")
    return _parse_template(row[0], row[1])


def newest_template_version(conn: Connection, template: str = PROSPECT_TEMPLATE) -> int | None:
    stmt = select(func.max(ChecklistTemplate.version)).where(ChecklistTemplate.template == template)
    value = conn.scalar(stmt)
    return int(value) if value is not None else None


# -- one visit -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    item_key: str
    value_choice: str | None
    value_number: float | None
    value_text: str | None
    remark: str | None

    @property
    def has_value(self) -> bool:
        return (
            bool(self.value_choice)
            or self.value_number is not None
            or bool((self.value_text or "").strip())
        )


@dataclass(frozen=True)
class FindingRow:
    id: str
    item_key: str | None
    kind: str
    description: str
    action: str | None
    position: int


@dataclass(frozen=True)
class ParticipantRow:
    id: str
    name: str
    role: str
    organisation: str | None


@dataclass(frozen=True)
class VisitDetail:
    id: str
    name: str
    street: str | None
    house_number: str | None
    postcode: str | None
    municipality_nis: str
    municipality_name: str
    status: str
    visit_date: dt.date | None
    visitor_id: str | None
    visitor_name: str | None
    owner_organisation_id: str | None
    template: str
    template_version: int
    estimated_places: int | None
    general_impression: str | None
    outcome_notes: str | None
    location_id: str | None
    answers: dict[str, AnswerRow] = field(default_factory=dict)
    findings: list[FindingRow] = field(default_factory=list)
    participants: list[ParticipantRow] = field(default_factory=list)
    photo_items: frozenset[str] = frozenset()

    @property
    def address(self) -> str:
        return format_address(self.street, self.house_number, self.postcode, self.municipality_name)

    def finding_for(self, item_key: str) -> FindingRow | None:
        """The first finding on ``item_key`` (the one the item's marker edits)."""
        for finding in self.findings:
            if finding.item_key == item_key:
                return finding
        return None


def visit_detail(conn: Connection, visit_id: str) -> VisitDetail | None:
    """The visit with its answers, findings, participants and photo-linked items."""
    row = conn.execute(
        select(
            ProspectVisit.id,
            ProspectVisit.name,
            ProspectVisit.street,
            ProspectVisit.house_number,
            ProspectVisit.postcode,
            ProspectVisit.municipality_nis,
            Municipality.name_nl,
            raw_text(ProspectVisit.status),
            ProspectVisit.visit_date,
            ProspectVisit.visitor_id,
            StaffUser.name,
            ProspectVisit.owner_organisation_id,
            ProspectVisit.template,
            ProspectVisit.template_version,
            ProspectVisit.estimated_places,
            ProspectVisit.general_impression,
            ProspectVisit.outcome_notes,
            ProspectVisit.location_id,
        )
        .join(Municipality, Municipality.nis_code == ProspectVisit.municipality_nis)
        .outerjoin(StaffUser, StaffUser.id == ProspectVisit.visitor_id)
        .where(ProspectVisit.id == visit_id)
    ).first()
    if row is None:
        return None
    answers = {
        r[0]: AnswerRow(*r)
        for r in conn.execute(
            select(
                ChecklistAnswer.item_key,
                ChecklistAnswer.value_choice,
                ChecklistAnswer.value_number,
                ChecklistAnswer.value_text,
                ChecklistAnswer.remark,
            ).where(ChecklistAnswer.visit_id == visit_id)
        )
    }
    findings = [
        FindingRow(*r)
        for r in conn.execute(
            select(
                Finding.id,
                Finding.item_key,
                raw_text(Finding.kind),
                Finding.description,
                Finding.action,
                Finding.position,
            )
            .where(Finding.visit_id == visit_id)
            .order_by(Finding.position, Finding.id)
        )
    ]
    participants = [
        ParticipantRow(*r)
        for r in conn.execute(
            select(
                ProspectParticipant.id,
                ProspectParticipant.name,
                raw_text(ProspectParticipant.role),
                ProspectParticipant.organisation,
            )
            .where(ProspectParticipant.visit_id == visit_id)
            .order_by(ProspectParticipant.created_at, ProspectParticipant.id)
        )
    ]
    photo_items = frozenset(
        str(key)
        for key in conn.scalars(
            select(Attachment.checklist_item_key).where(
                Attachment.owner_table == "prospect_visit",
                Attachment.owner_id == visit_id,
                Attachment.checklist_item_key.is_not(None),
            )
        )
    )
    base = VisitDetail(*tuple(row))
    return dataclasses.replace(
        base, answers=answers, findings=findings, participants=participants, photo_items=photo_items
    )


# -- progress ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionProgress:
    section_key: str
    answered: int
    total: int
    required_open: int  # required items without an answer

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def is_answered(kind: ItemKind, answer: AnswerRow | None, has_photo: bool = False) -> bool:
    """A photo item counts as answered once a photo is linked to it; others need a value."""
    if kind is ItemKind.PHOTO:
        return has_photo
    return answer is not None and answer.has_value


def section_progress(
    template: Template, answers: Mapping[str, AnswerRow], photo_items: frozenset[str]
) -> list[SectionProgress]:
    """Answered/total and open required items per section, in template order."""
    result = []
    for section in template.sections:
        answered = 0
        required_open = 0
        for item in section.items:
            done = is_answered(item.kind, answers.get(item.key), item.key in photo_items)
            answered += done
            if item.required and not done:
                required_open += 1
        result.append(SectionProgress(section.key, answered, len(section.items), required_open))
    return result
