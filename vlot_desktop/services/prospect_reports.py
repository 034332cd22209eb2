"""Prospect reports: read visits into plain data, have :mod:`vlot_desktop.reports.prospect`
lay them out (one visit, or a batch in one PDF or a folder).

The checklist is read from the ``checklist_template`` row of the version the visit was filled
with (stored whole in the database), never from the newest file: a new template version does
not change an old visit's report. Photos are scaled for print here (cached in the data folder);
a photo that is not on this laptop yet is printed as a note.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from vlot_desktop.db import attachment_store
from vlot_desktop.db.models.people import StaffUser
from vlot_desktop.db.models.prospects import (
    Attachment,
    ChecklistAnswer,
    Finding,
    ProspectParticipant,
    ProspectVisit,
)
from vlot_desktop.db.models.reference import ChecklistTemplate as TemplateRow
from vlot_desktop.db.models.reference import Municipality, Province, Team
from vlot_desktop.domain.checklist import ChecklistItem, ChecklistTemplate, ItemKind
from vlot_desktop.domain.checklist import parse_checklist as _parse
from vlot_desktop.domain.enums import FindingKind, ParticipantRole, ProspectStatus
from vlot_desktop.media import images
from vlot_desktop.reports.layout import ReportCancelledError
from vlot_desktop.reports.prospect import write_prospect_report, write_prospect_reports
from vlot_desktop.reports.prospect_data import (
    NOT_ANSWERED,
    AnswerLine,
    FindingLine,
    ParticipantLine,
    PhotoLine,
    ProspectReportData,
    SectionAnswers,
    format_number,
)
from vlot_desktop.services.case_reports import printer_name

_YES_NO_NA = {"ja": "Ja", "nee": "Nee", "nvt": "N.v.t."}

# Which answers count against a building, marked ✗ in the report's checklist. The checklist
# templates do not say it (yet), so it is kept here by item key (keys are stable across
# template versions). A yes/no item is unfavourable when answered "nee", except the items
# where "ja" is the bad news and those that are neither good nor bad; a choice item only for
# the choices listed. An item the visitor marked as a knelpunt is always marked.
_YES_IS_BAD = frozenset(
    {
        "gebouw.asbest",
        "gebouw.vochtproblemen",
        "vergunningen.tijdelijke_vergunning",
        "besluit.nieuw_bezoek_nodig",
    }
)
_YES_NO_NEUTRAL = frozenset({"algemeen.leegstaand", "eigenaar.vergoeding_gevraagd"})
_BAD_CHOICES: dict[str, frozenset[str]] = {
    "algemeen.algemene_indruk": frozenset({"slecht"}),
    "gebouw.brandweeradvies": frozenset({"niet_aangevraagd", "ongunstig"}),
    "gebouw.verwarming_type": frozenset({"geen"}),
    "gebouw.staat_dak_ramen_gevel": frozenset({"slecht"}),
    "gebouw.renovatie_nodig": frozenset({"grondig"}),
    "keuken.type_keuken": frozenset({"geen"}),
    "ligging.frequentie_ov": frozenset({"laag", "geen"}),
    "ligging.draagvlak_buurt": frozenset({"negatief"}),
    "eigenaar.bereidheid": frozenset({"gering"}),
    "besluit.advies": frozenset({"negatief"}),
}


def unfavourable(item: ChecklistItem, answer: ChecklistAnswer | None) -> bool:
    """Whether ``answer`` counts against the building (see the rules above)."""
    if answer is None or not answer.value_choice:
        return False
    if item.kind is ItemKind.YES_NO_NA:
        if item.key in _YES_NO_NEUTRAL:
            return False
        return answer.value_choice == ("ja" if item.key in _YES_IS_BAD else "nee")
    if item.kind is ItemKind.CHOICE:
        return answer.value_choice in _BAD_CHOICES.get(item.key, frozenset())
    return False


class UnknownVisitError(LookupError):
    """No prospect visit with this id in the database."""


class MissingTemplateError(LookupError):
    """The checklist version of a visit is not in this database (reference data not loaded)."""


# -- reading ----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _parsed(content_sha256: str, content_json: str) -> ChecklistTemplate:
    return _parse(json.loads(content_json))


def template_of_visit(session: Session, template: str, version: int) -> ChecklistTemplate:
    """The checklist template of exactly this version, as stored in the database."""
    row = session.get(TemplateRow, (template, version))
    if row is None:
        raise MissingTemplateError(f"checklist {template} v{version} is not in the database")
    return _parsed(row.content_sha256, row.content_json)


def item_reference(template: ChecklistTemplate, key: str | None) -> str | None:
    """'Section › Item' for a checklist item key (the key itself if this version lacks it)."""
    if key is None:
        return None
    try:
        item = template.item(key)
    except KeyError:
        return key
    return f"{template.section(item.section_key).title_nl} › {item.label_nl}"


def _answer_text(item: ChecklistItem, answer: ChecklistAnswer | None, photos: int) -> str:
    if item.kind is ItemKind.PHOTO:
        if photos:
            return f"{photos} foto{'' if photos == 1 else '’s'}"
        return NOT_ANSWERED
    if answer is None:
        return NOT_ANSWERED
    if item.kind is ItemKind.YES_NO_NA:
        choice = answer.value_choice or ""
        return _YES_NO_NA.get(choice, choice or NOT_ANSWERED)
    if item.kind is ItemKind.CHOICE:
        if not answer.value_choice:
            return NOT_ANSWERED
        try:
            return item.choice(answer.value_choice).label_nl
        except KeyError:
            return answer.value_choice
    if item.kind is ItemKind.NUMBER:
        if answer.value_number is None:
            return NOT_ANSWERED
        number = format_number(answer.value_number)
        return f"{number} {item.unit}" if item.unit else number
    return (answer.value_text or "").strip() or NOT_ANSWERED


def _enum_label(enum_type: type[ProspectStatus] | type[ParticipantRole], value: object) -> str:
    try:
        return enum_type(str(value)).label_nl
    except ValueError:
        return str(value)


def _address(visit: ProspectVisit, municipality: str) -> str:
    street = " ".join(part for part in (visit.street, visit.house_number) if part)
    place = " ".join(part for part in (visit.postcode, municipality) if part)
    return ", ".join(part for part in (street, place) if part)


def _photo_lines(
    session: Session, data_dir: Path, visit_id: str, template: ChecklistTemplate
) -> tuple[PhotoLine, ...]:
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.owner_table == "prospect_visit", Attachment.owner_id == visit_id)
        .order_by(Attachment.position, Attachment.created_at, Attachment.id)
    )
    photos = [row for row in rows if row.media_type.startswith("image/")]
    # Scaling a 12-megapixel photo takes ~0.15 s; Pillow releases the GIL, so use every core.
    scaled: list[Path | None] = []
    if photos:
        workers = max(1, min(len(photos), os.cpu_count() or 2))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            scaled = list(pool.map(lambda row: _report_image(data_dir, row.sha256), photos))
    lines = []
    for row, image in zip(photos, scaled, strict=True):
        lines.append(
            PhotoLine(
                image=image,
                caption=row.caption,
                item_key=row.checklist_item_key,
                item_label=item_reference(template, row.checklist_item_key),
                file_name=row.file_name,
                width=row.width,
                height=row.height,
            )
        )
    return tuple(lines)


def _report_image(data_dir: Path, sha256: str) -> Path | None:
    cached = images.cached_copy_path(data_dir, sha256, images.REPORT_PX)
    if cached.is_file() and cached.stat().st_size > 0:
        return cached
    if not attachment_store.has(data_dir, sha256):
        return None  # a synced row whose photo is not downloaded to this laptop yet
    try:
        return images.scaled_copy(
            data_dir, sha256, attachment_store.attachment_path(data_dir, sha256), images.REPORT_PX
        )
    except (images.ImageRefusedError, OSError):
        return None


def prospect_report_data(session: Session, data_dir: Path, visit_id: str) -> ProspectReportData:
    """Read one visit, its checklist (in its own template version), findings and photos.

    Raises :class:`UnknownVisitError` and :class:`MissingTemplateError`.
    """
    visit = session.get(ProspectVisit, visit_id)
    if visit is None:
        raise UnknownVisitError(visit_id)
    template = template_of_visit(session, visit.template, visit.template_version)
    photos = _photo_lines(session, data_dir, visit_id, template)
    counts: dict[str, int] = {}
    for photo in photos:
        if photo.item_key:
            counts[photo.item_key] = counts.get(photo.item_key, 0) + 1

    municipality = session.get(Municipality, visit.municipality_nis)
    municipality_name = municipality.name_nl if municipality else visit.municipality_nis
    province_name: str | None = None
    team_name: str | None = None
    if municipality is not None:
        province = session.get(Province, municipality.province_code)
        if province is not None:
            province_name = province.name_nl
            team = session.get(Team, province.team_code)
            team_name = team.name_nl if team else None

    visitor = session.get(StaffUser, visit.visitor_id) if visit.visitor_id else None

    participants = tuple(
        ParticipantLine(p.name, _enum_label(ParticipantRole, p.role), p.organisation)
        for p in session.scalars(
            select(ProspectParticipant)
            .where(ProspectParticipant.visit_id == visit_id)
            .order_by(ProspectParticipant.created_at, ProspectParticipant.id)
        )
    )

    answers = {
        a.item_key: a
        for a in session.scalars(
            select(ChecklistAnswer).where(ChecklistAnswer.visit_id == visit_id)
        )
    }
    finding_rows = list(
        session.scalars(
            select(Finding)
            .where(Finding.visit_id == visit_id)
            .order_by(Finding.kind, Finding.position, Finding.created_at)
        )
    )
    bottleneck_items = {
        f.item_key for f in finding_rows if f.item_key and str(f.kind) == FindingKind.BOTTLENECK
    }
    sections = tuple(
        SectionAnswers(
            title=section.title_nl,
            lines=tuple(
                AnswerLine(
                    label=item.label_nl,
                    answer=_answer_text(item, answers.get(item.key), counts.get(item.key, 0))
                    + (" (knelpunt)" if item.key in bottleneck_items else ""),
                    remark=(answers[item.key].remark or None) if item.key in answers else None,
                    answered=item.key in answers or counts.get(item.key, 0) > 0,
                    item_key=item.key,
                    unfavourable=unfavourable(item, answers.get(item.key))
                    or item.key in bottleneck_items,
                )
                for item in section.items
            ),
        )
        for section in template.sections
    )

    findings = tuple(
        FindingLine(
            kind=FindingKind(str(f.kind)),
            description=f.description,
            item_label=item_reference(template, f.item_key),
            action=f.action,
            responsible=f.responsible,
            due_on=f.due_on,
        )
        for f in finding_rows
    )

    return ProspectReportData(
        visit_id=visit.id,
        name=visit.name,
        address=_address(visit, municipality_name),
        municipality=municipality_name,
        province=province_name,
        team=team_name,
        visit_date=visit.visit_date,
        status=_enum_label(ProspectStatus, visit.status),
        estimated_places=visit.estimated_places,
        general_impression=visit.general_impression,
        outcome_notes=visit.outcome_notes,
        visitor=visitor.name if visitor else None,
        checklist_title=template.title_nl,
        checklist_version=template.version,
        participants=participants,
        sections=sections,
        findings=findings,
        photos=photos,
    )


def visit_ids_between(conn: Connection, start: dt.date, end: dt.date) -> list[str]:
    """The visits whose visit date lies in [start, end], in date order (for a batch)."""
    return list(
        conn.scalars(
            select(ProspectVisit.id)
            .where(ProspectVisit.visit_date >= start, ProspectVisit.visit_date <= end)
            .order_by(ProspectVisit.visit_date, ProspectVisit.name, ProspectVisit.id)
        )
    )


# -- writing ----------------------------------------------------------------------------------


def make_prospect_report(
    engine: Engine,
    data_dir: Path,
    visit_id: str,
    out: Path,
    *,
    printed_at: dt.datetime | None = None,
    user_id: str | None = None,
) -> None:
    """Write the prospect report of one visit to ``out`` (replaced only when complete),
    printed by ``user_id`` (else the user this laptop writes as).

    Raises :class:`UnknownVisitError`, :class:`MissingTemplateError` (nothing written) and
    ``OSError`` when ``out`` cannot be written.
    """
    with Session(engine) as session:
        data = prospect_report_data(session, data_dir, visit_id)
        printed_by = printer_name(session, user_id)
    write_prospect_report(data, out, printed_at=printed_at, printed_by=printed_by)


def make_prospect_reports(
    engine: Engine,
    data_dir: Path,
    visit_ids: Sequence[str],
    out: Path,
    *,
    one_file: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    title: str = "Prospectieverslagen",
    printed_at: dt.datetime | None = None,
    user_id: str | None = None,
    double_sided: bool = True,
) -> list[Path]:
    """Several reports: one PDF with a table of contents and bookmarks (``one_file``, ``out``
    the PDF; with ``double_sided``, the default, every visit starts on an odd page), or one
    PDF per visit in the folder ``out``. Returns the files written.

    ``progress(done, total)`` is called per visit written; when ``cancelled()`` turns true
    (while reading or writing) the work stops with
    :class:`vlot_desktop.reports.layout.ReportCancelledError` and no file of this run is left.
    """
    reports: list[ProspectReportData] = []
    with Session(engine) as session:
        for visit_id in visit_ids:
            if cancelled is not None and cancelled():
                raise ReportCancelledError()
            reports.append(prospect_report_data(session, data_dir, visit_id))
        printed_by = printer_name(session, user_id)
    return write_prospect_reports(
        reports,
        out,
        one_file=one_file,
        progress=progress,
        cancelled=cancelled,
        title=title,
        printed_at=printed_at,
        printed_by=printed_by,
        double_sided=double_sided,
    )
