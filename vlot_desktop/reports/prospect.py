"""The prospect report (prospectieverslag): one visit, or a batch in one PDF or a folder.

Printed for the owner and the municipality after a site visit. What they act on comes first:
title block, summary (figures, impression, outcome), then the knelpunten and opportuniteiten
with their action, who takes it up and by when; then the checklist in the template version
the visit was filled with (unfavourable answers marked ✗, the photos of an item referred to
by number), the photos, and a signature block that always shares its page with the end of
the report. In a batch every visit starts on an odd page (double-sided printing).

Plain data in (:class:`ProspectReportData`, read by
:mod:`vlot_desktop.services.prospect_reports`), PDF out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from vlot_desktop.domain.enums import FindingKind
from vlot_desktop.reports import layout
from vlot_desktop.reports.layout import CONTENT_WIDTH, Heading, ReportDocument, Styles, para
from vlot_desktop.reports.prospect_data import (
    NOT_ANSWERED,
    PhotoLine,
    ProspectReportData,
    format_date,
    format_number,
)

__all__ = [
    "ReportCancelledError",
    "report_file_name",
    "visit_flowables",
    "write_prospect_report",
    "write_prospect_reports",
]

ReportCancelledError = layout.ReportCancelledError
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

REPORT_TITLE = "Prospectieverslag"
UNFAVOURABLE_MARK = "✗"
BAD_TEXT = colors.HexColor("#B00020")
BAD_FILL = colors.HexColor("#FBE9E7")
PHOTO_CELL_WIDTH = CONTENT_WIDTH / 2
PHOTO_MAX_WIDTH = PHOTO_CELL_WIDTH - 8
PHOTO_MAX_HEIGHT = 68 * mm


# --- one visit as flowables -----------------------------------------------------------------


def _title_block(
    data: ProspectReportData, styles: Styles, level: int, toc_key: str | None
) -> list[Flowable]:
    flow: list[Flowable] = [
        layout.SetHeader(f"{REPORT_TITLE} · {data.name}"),
        Heading(data.name, styles.title, level, toc_key=toc_key),
        para(f"{REPORT_TITLE} · {data.municipality}", styles.subtitle),
    ]
    municipality = data.municipality + (f" (provincie {data.province})" if data.province else "")
    flow.append(
        layout.key_values(
            [
                ("Locatie", data.name),
                ("Adres", data.address),
                ("Gemeente", municipality),
                ("Datum plaatsbezoek", format_date(data.visit_date) or "nog niet bezocht"),
                ("Regioteam", data.team),
                ("Bezoeker VLOT", data.visitor),
                ("Checklist", f"{data.checklist_title} (versie {data.checklist_version})"),
            ],
            styles,
        )
    )
    flow.append(Paragraph("Aanwezigen", styles.h2))
    if data.participants:
        widths = [60 * mm, 32 * mm, CONTENT_WIDTH - 92 * mm]
        people = layout.Rows(widths, styles.cell, ["Naam", "Rol", "Organisatie"])
        for p in data.participants:
            people.add([p.name, p.role, p.organisation or ""])
        flow.append(people.table())
    else:
        flow.append(para("Geen aanwezigen genoteerd.", styles.muted))
    return flow


def _summary(data: ProspectReportData, styles: Styles, level: int) -> list[Flowable]:
    places = format_number(data.estimated_places) if data.estimated_places is not None else "—"
    big = styles.figure
    cells = [
        [
            para("Geschat aantal opvangplaatsen", styles.small),
            para("Uitkomst / status", styles.small),
            para("Knelpunten", styles.small),
            para("Opportuniteiten", styles.small),
            para(f"Ongunstige antwoorden ({UNFAVOURABLE_MARK})", styles.small),
        ],
        [
            para(places, big),
            para(data.status, big),
            para(str(data.bottlenecks), big),
            para(str(data.opportunities), big),
            para(str(data.unfavourable), big),
        ],
    ]
    box = Table(cells, colWidths=[CONTENT_WIDTH * f for f in (0.25, 0.24, 0.16, 0.17, 0.18)])
    box.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), layout.FONT, 8.5),
            ("BACKGROUND", (0, 0), (-1, -1), layout.LIGHT),
            ("BOX", (0, 0), (-1, -1), 0.8, layout.ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, 0), 5),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 6),
        ]
    )
    flow: list[Flowable] = [Heading("Samenvatting", styles.h1, level), box, Spacer(1, 4)]
    if data.general_impression:
        impression = _paragraphs(data.general_impression, styles)
        flow += [Paragraph("Algemene indruk", styles.h2), *impression]
    if data.outcome_notes:
        flow += [Paragraph("Uitkomst", styles.h2), *_paragraphs(data.outcome_notes, styles)]
    return flow


def _paragraphs(text: str, styles: Styles) -> list[Flowable]:
    """A free text as body paragraphs, one per line of the text (a page may break between)."""
    return [para(line, styles.body) for line in text.split("\n") if line.strip()]


def _checklist(data: ProspectReportData, styles: Styles, level: int) -> list[Flowable]:
    flow: list[Flowable] = [
        CondPageBreak(40 * mm),
        Heading("Checklist", styles.h1, level),
        para(
            f"{data.checklist_title}, versie {data.checklist_version}. "
            f"“{NOT_ANSWERED}” = niet beantwoord; {UNFAVOURABLE_MARK} = ongunstig antwoord of "
            "knelpunt. De foto’s van een vraag staan met hun nummer onder Foto’s.",
            styles.muted,
        ),
    ]
    widths = [CONTENT_WIDTH * 0.42, CONTENT_WIDTH * 0.22, CONTENT_WIDTH * 0.36]
    section_style = ParagraphStyle("section", parent=styles.h2, keepWithNext=False)
    bad_style = ParagraphStyle("unfavourable", parent=styles.cell_bold, textColor=BAD_TEXT)
    for section in data.sections:
        rows = layout.Rows(widths, styles.cell, ["Vraag", "Antwoord", "Opmerking"])
        extra: list[tuple[Any, ...]] = []
        for line in section.lines:
            answer: Any = line.answer
            photos = data.photo_numbers(line.item_key)
            reference = _photo_reference(photos)
            if line.unfavourable or reference:
                parts: list[Flowable] = []
                if line.unfavourable:
                    parts.append(para(f"{UNFAVOURABLE_MARK} {line.answer}", bad_style))
                else:
                    parts.append(para(line.answer, styles.cell))
                if reference:
                    parts.append(para(reference, styles.muted))
                answer = parts
            first, _last = rows.add([line.label, answer, line.remark or ""])
            if line.unfavourable:
                extra.append(("BACKGROUND", (1, first), (1, first), BAD_FILL))
            elif not line.answered:
                extra.append(("TEXTCOLOR", (1, first), (1, first), layout.MUTED))
        # Heading plus a few rows must fit, else a new page; then the table may split (its
        # header repeats) rather than move whole and leave half a page empty.
        flow.append(CondPageBreak(28 * mm))
        flow.append(Heading(section.title, section_style, level + 1))
        flow.append(layout.Continued(rows.table(extra), section.title, styles.h2))
    return flow


def _photo_reference(numbers: Sequence[int]) -> str:
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"zie foto {numbers[0]}"
    return f"zie foto’s {', '.join(str(n) for n in numbers[:-1])} en {numbers[-1]}"


def _findings(data: ProspectReportData, styles: Styles, level: int) -> list[Flowable]:
    flow: list[Flowable] = [
        CondPageBreak(40 * mm),
        Heading("Knelpunten en opportuniteiten", styles.h1, level),
        para(
            "Wat na het bezoek moet gebeuren: de actie, wie ze opneemt en tegen wanneer.",
            styles.muted,
        ),
    ]
    if not data.findings:
        flow.append(para("Geen knelpunten of opportuniteiten genoteerd.", styles.muted))
        return flow
    widths = [CONTENT_WIDTH * f for f in (0.15, 0.29, 0.24, 0.19, 0.13)]
    rows = layout.Rows(
        widths, styles.cell, ["Soort", "Omschrijving", "Actie", "Wie", "Tegen wanneer"]
    )
    colour = {FindingKind.BOTTLENECK: "#FBE9E7", FindingKind.OPPORTUNITY: "#E8F5E9"}
    tints: list[tuple[Any, ...]] = []
    for finding in data.findings:
        first, _last = rows.add(
            [
                finding.kind.label_nl,
                finding.description,
                finding.action or "",
                finding.responsible or "",
                format_date(finding.due_on),
            ]
        )
        if finding.item_label:
            first_ref, last = rows.add(
                ["", para(f"Checklist: {finding.item_label}", styles.muted), "", "", ""]
            )
            rows.commands += [
                ("SPAN", (1, first_ref), (-1, first_ref)),
                ("LINEABOVE", (0, first_ref), (-1, first_ref), 0, colors.white),
                ("LINEABOVE", (0, first_ref), (-1, first_ref), 0.3, layout.LIGHT),
            ]
        else:
            last = _last
        tints.append(("BACKGROUND", (0, first), (0, last), colors.HexColor(colour[finding.kind])))
        tints.append(("FONT", (0, first), (0, first), layout.FONT_BOLD, layout.TABLE_FONT_SIZE))
    flow.append(layout.Continued(rows.table(tints), "Knelpunten en opportuniteiten", styles.h2))
    return flow


def _photo_cell(photo: PhotoLine, number: int, styles: Styles) -> list[Flowable]:
    cell: list[Flowable] = []
    if photo.image is not None:
        width, height = photo.width, photo.height
        if not width or not height:
            from reportlab.lib.utils import ImageReader

            width, height = ImageReader(str(photo.image)).getSize()
        scale = min(PHOTO_MAX_WIDTH / width, PHOTO_MAX_HEIGHT / height)
        cell.append(Image(str(photo.image), width=width * scale, height=height * scale))
    else:
        cell.append(
            para(
                f"Foto ‘{photo.file_name}’ staat nog niet op deze laptop "
                "(hij komt mee bij een volgende synchronisatie).",
                styles.muted,
            )
        )
    caption = f"Foto {number}" + (f": {photo.caption}" if photo.caption else "")
    cell.append(Spacer(1, 2))
    cell.append(para(caption, styles.caption))
    if photo.item_label:
        cell.append(para(f"Bij checklistvraag: {photo.item_label}", styles.muted))
    return cell


def _photos(data: ProspectReportData, styles: Styles, level: int) -> list[Flowable]:
    if not data.photos:
        return []
    rows: list[list[Any]] = []
    for start in range(0, len(data.photos), 2):
        pair = data.photos[start : start + 2]
        row: list[Any] = [_photo_cell(p, start + i + 1, styles) for i, p in enumerate(pair)]
        if len(row) == 1:
            row.append("")
        rows.append(row)
    grid = Table(rows, colWidths=[PHOTO_CELL_WIDTH, PHOTO_CELL_WIDTH], splitByRow=True)
    grid.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), layout.FONT, 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
        ]
    )
    return [CondPageBreak(90 * mm), Heading("Foto’s", styles.h1, level), grid]


def _signatures(data: ProspectReportData, styles: Styles, level: int) -> list[Flowable]:
    def first(role: str) -> str:
        for participant in data.participants:
            if participant.role == role:
                return participant.name
        return ""

    def block(title: str, name: str) -> list[Flowable]:
        lines = layout.table(
            [
                [para("Naam", styles.cell_bold), para(name, styles.cell)],
                [para("Datum", styles.cell_bold), ""],
                [para("Handtekening", styles.cell_bold), ""],
            ],
            [28 * mm, CONTENT_WIDTH / 2 - 34 * mm],
            header=False,
            row_heights=[None, None, 24 * mm],  # room to sign
        )
        return [para(title, styles.h2), lines]

    grid = Table(
        [
            [
                block("Voor de eigenaar", first("Eigenaar")),
                block("Voor de gemeente", first("Gemeente")),
            ]
        ],
        colWidths=[CONTENT_WIDTH / 2, CONTENT_WIDTH / 2],
    )
    grid.setStyle(
        [
            ("FONT", (0, 0), (-1, -1), layout.FONT, 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return [
        Heading("Ondertekening", styles.h1, level),
        para(
            "Voor akkoord met de vaststellingen in dit verslag. Dit verslag is geen "
            "vergunning of keuring; het legt vast wat tijdens het plaatsbezoek werd "
            "besproken.",
            styles.body,
        ),
        Spacer(1, 3),
        grid,
    ]


def visit_flowables(
    data: ProspectReportData, styles: Styles, level: int = 0, toc_key: str | None = None
) -> list[Flowable]:
    """The whole report of one visit; headings at ``level`` (0 alone, 1 inside a batch).

    The signature block keeps the end of the report with it (never alone on a page)."""
    flow = _title_block(data, styles, level, toc_key)
    flow += _summary(data, styles, level + 1)
    flow += _findings(data, styles, level + 1)
    flow += _checklist(data, styles, level + 1)
    flow += _photos(data, styles, level + 1)
    flow[-1] = layout.EndTogether(flow[-1], _signatures(data, styles, level + 1))
    return flow


# --- public API ----------------------------------------------------------------------------


def write_prospect_report(
    data: ProspectReportData,
    out: Path,
    *,
    printed_at: dt.datetime | None = None,
    printed_by: str | None = None,
) -> None:
    """Write the prospect report of one visit to ``out`` (replaced only when complete).

    Raises ``OSError`` when ``out`` cannot be written.
    """
    _write_one(data, out, layout.make_styles(), printed_at, printed_by)


def _write_one(
    data: ProspectReportData,
    out: Path,
    styles: Styles,
    printed_at: dt.datetime | None,
    printed_by: str | None,
) -> None:
    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=f"{REPORT_TITLE} {data.name}",
            header_text=f"{REPORT_TITLE} · {data.name}",
            header_right=f"VLOT · {data.team}" if data.team else "VLOT",
            printed_at=printed_at,
            printed_by=printed_by,
        )
        doc.build_to(visit_flowables(data, styles))

    layout.write_atomically(out, build)


_UNSAFE = re.compile(r'[\x00-\x1f:*?"<>|\\/]+')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)


def report_file_name(data: ProspectReportData) -> str:
    """A readable file name that Windows accepts: '2026-11-20 Hasselt - Klooster.pdf'."""
    day = data.visit_date.isoformat() if data.visit_date else "zonder datum"
    stem = _UNSAFE.sub("-", f"{day} {data.municipality} - {data.name}")
    stem = re.sub(r"\s+", " ", stem).strip().rstrip(". ")[:120].rstrip(". ")
    if _RESERVED.match(stem):
        stem = f"_{stem}"
    return f"{stem or 'prospectie'}.pdf"


def write_prospect_reports(
    reports: Sequence[ProspectReportData],
    out: Path,
    *,
    one_file: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    title: str = "Prospectieverslagen",
    printed_at: dt.datetime | None = None,
    printed_by: str | None = None,
    double_sided: bool = True,
) -> list[Path]:
    """Several reports: one PDF with a table of contents and bookmarks, or one PDF per visit.

    ``out`` is the PDF (``one_file``) or the folder. In one PDF with ``double_sided`` (the
    default) every visit starts on an odd page, so that printed on both sides each report is
    a separate bundle of sheets (a page is left blank where needed). ``progress(done,
    total)`` is called per visit; when ``cancelled()`` turns true the work stops with
    :class:`ReportCancelledError` and no file of this run is left behind. Returns the files
    written.
    """
    styles = layout.make_styles()
    if one_file:
        _render_one_file(
            reports, out, styles, title, progress, cancelled, printed_at, printed_by, double_sided
        )
        return [out]
    return _render_folder(reports, out, styles, progress, cancelled, printed_at, printed_by)


def _render_folder(
    reports: Sequence[ProspectReportData],
    folder: Path,
    styles: Styles,
    progress: Progress | None,
    cancelled: Cancelled | None,
    printed_at: dt.datetime | None,
    printed_by: str | None,
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    # Two visits with the same date, municipality and name get "(2)"; a report from an earlier
    # export with the same name is replaced (it is the same visit, printed again).
    taken: set[str] = set()
    try:
        for index, data in enumerate(reports):
            if cancelled is not None and cancelled():
                raise ReportCancelledError()
            name = report_file_name(data)
            stem, counter = name[:-4], 2
            while name.lower() in taken:
                name = f"{stem} ({counter}).pdf"
                counter += 1
            taken.add(name.lower())
            target = folder / name
            _write_one(data, target, styles, printed_at, printed_by)
            written.append(target)
            if progress is not None:
                progress(index + 1, len(reports))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def _render_one_file(
    reports: Sequence[ProspectReportData],
    out: Path,
    styles: Styles,
    title: str,
    progress: Progress | None,
    cancelled: Cancelled | None,
    printed_at: dt.datetime | None,
    printed_by: str | None,
    double_sided: bool,
) -> None:
    toc = layout.TableOfContents(styles)
    flow: list[Flowable] = [
        layout.SetHeader(title),
        layout.Heading(title, styles.title, 0),
        para(
            f"{len(reports)} prospectieverslag{'' if len(reports) == 1 else 'en'}",
            styles.subtitle,
        ),
        # Not keepWithNext: the contents table is longer than a page and must start here.
        Paragraph("Inhoud", ParagraphStyle("toc_title", parent=styles.h1, keepWithNext=False)),
    ]
    flow += toc.flowables(
        [
            (
                data.name,
                f"{format_date(data.visit_date) or 'zonder datum'} · {data.municipality}",
            )
            for data in reports
        ]
    )
    for index, data in enumerate(reports):
        flow.append(layout.OddPageStart() if double_sided else PageBreak())
        flow += visit_flowables(data, styles, level=1, toc_key=toc.key(index))
    done = 0

    def after(flowable: Flowable) -> None:
        nonlocal done
        if isinstance(flowable, layout.SetHeader) and flowable.text != title:
            done += 1
            if cancelled is not None and cancelled():
                raise ReportCancelledError()
            if progress is not None:
                progress(done, len(reports))

    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=title,
            header_text=title,
            printed_at=printed_at,
            printed_by=printed_by,
            after_flowable=after,
        )
        toc.attach(doc)
        doc.build_to(flow)

    layout.write_atomically(out, build)
