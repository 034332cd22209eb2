"""A meeting as an A4 PDF: its agenda (before) or its minutes (after: decisions and actions).

Plain data in (:class:`MeetingReport`, gathered by ``services.coordination_reports``), PDF out.
The agenda lists the points in order with their kind; the minutes add each point's decision
and actions (owner, due date, done), then the actions not on a point, and the open actions of
the series after the meeting. A case meeting (the weekly case meeting of before) adds its
case overview: the open cases of its type per team, most urgent deadline first, with no
household member named (data minimisation, as the case agenda did).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from vlot_desktop.reports import layout
from vlot_desktop.reports.layout import CONTENT_WIDTH, Heading, ReportDocument, para

AGENDA_TITLE = "Agenda"
MINUTES_TITLE = "Verslag"
MINIMISATION_NOTE = (
    "Dataminimalisatie: dit document vermeldt geen namen van gezinsleden en geen "
    "gezondheidsgegevens. Details staan in VLOT Desktop."
)


@dataclass(frozen=True)
class ReportAction:
    title: str
    owner: str
    due_on: dt.date | None
    done_on: dt.date | None
    link: str | None = None  # what it is about ("Dossier HH-2026-…"), or None


@dataclass(frozen=True)
class ReportPoint:
    position: int
    kind_label: str
    title: str
    notes: str | None
    decision: str | None
    actions: tuple[ReportAction, ...] = ()
    link_missing: bool = False  # the linked record was deleted


@dataclass(frozen=True)
class ReportCase:
    reference: str
    team: str
    municipality: str
    status: str
    deadline: dt.date | None
    household_size: int


@dataclass(frozen=True)
class MeetingReport:
    title: str
    series_name: str
    kind_label: str
    held_on: dt.date
    status_label: str
    participants: tuple[str, ...]
    notes: str | None
    points: tuple[ReportPoint, ...]
    loose_actions: tuple[ReportAction, ...]
    minutes: bool  # the minutes (decisions, actions) rather than the agenda
    today: dt.date
    case_type_label: str | None = None  # a case meeting: the type of its case overview
    cases: tuple[ReportCase, ...] = ()


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _actions_table(actions: Sequence[ReportAction], today: dt.date) -> Flowable:
    styles = layout.make_styles()
    widths = [0.0, 38 * mm, 22 * mm, 24 * mm]
    widths[0] = CONTENT_WIDTH - sum(widths)
    rows: list[list[object]] = [["Actiepunt", "Eigenaar", "Termijn", "Gedaan"]]
    for action in actions:
        title = action.title + (f" ({action.link})" if action.link else "")
        due = _date(action.due_on)
        if action.done_on is None and action.due_on is not None and action.due_on < today:
            due += " (te laat)"
        texts = [title, action.owner or "—", due, _date(action.done_on) if action.done_on else ""]
        rows += layout.text_rows(texts, styles.cell, widths)
    return layout.table(rows, widths)


def _point_flowables(point: ReportPoint, report: MeetingReport) -> list[Flowable]:
    styles = layout.make_styles()
    missing = " (het gekoppelde record bestaat niet meer)" if point.link_missing else ""
    flow: list[Flowable] = [
        Heading(f"{point.position + 1}. {point.title}", styles.h2, 1),
        para(f"{point.kind_label}{missing}", styles.muted),
    ]
    if point.notes:
        flow.append(para(point.notes, styles.body))
    if report.minutes:
        flow.append(para(f"Beslissing: {point.decision or '—'}", styles.body))
        if point.actions:
            flow.append(_actions_table(point.actions, report.today))
    return flow


def _case_overview(report: MeetingReport) -> list[Flowable]:
    styles = layout.make_styles()
    flow: list[Flowable] = [
        Heading(f"Open dossiers {report.case_type_label or ''}".strip(), styles.h1, 0),
        para(MINIMISATION_NOTE, styles.muted),
    ]
    if not report.cases:
        return [*flow, para("Geen open dossiers.", styles.muted)]
    widths = [28 * mm, 0.0, 36 * mm, 30 * mm, 30 * mm, 11 * mm]
    widths[1] = CONTENT_WIDTH - sum(widths)
    rows: list[list[object]] = [["Referentie", "Team", "Gemeente", "Status", "Deadline", "Gezin"]]
    for case in report.cases:
        deadline = _date(case.deadline)
        if case.deadline is not None and case.deadline < report.today:
            deadline += " (te laat)"
        texts = [
            case.reference,
            case.team,
            case.municipality,
            case.status,
            deadline,
            str(case.household_size),
        ]
        rows += layout.text_rows(texts, styles.cell, widths)
    return [*flow, layout.table(rows, widths)]


def meeting_flowables(report: MeetingReport) -> list[Flowable]:
    styles = layout.make_styles()
    kind = MINUTES_TITLE if report.minutes else AGENDA_TITLE
    flow: list[Flowable] = [
        Heading(f"{kind}: {report.title}", styles.title, 0),
        para(
            " · ".join(
                dict.fromkeys(
                    [
                        report.series_name,
                        report.kind_label,
                        _date(report.held_on),
                        report.status_label,
                    ]
                )
            ),
            styles.subtitle,
        ),
    ]
    if report.participants:
        flow.append(para("Deelnemers: " + ", ".join(report.participants), styles.body))
    if report.notes:
        flow.append(para(report.notes, styles.body))
    flow += [Spacer(1, 2 * mm), Heading("Agendapunten", styles.h1, 0)]
    if not report.points:
        flow.append(para("Geen agendapunten.", styles.muted))
    for point in report.points:
        flow += _point_flowables(point, report)
    if report.minutes and report.loose_actions:
        flow += [
            Heading("Andere actiepunten", styles.h1, 0),
            _actions_table(report.loose_actions, report.today),
        ]
    if report.case_type_label is not None:
        flow += _case_overview(report)
    return flow


def write_meeting_pdf(
    report: MeetingReport, out: Path, *, printed_at: dt.datetime | None = None
) -> None:
    """Write the agenda or minutes to ``out`` (replaced only when complete). Raises
    ``OSError`` when ``out`` cannot be written."""
    kind = MINUTES_TITLE if report.minutes else AGENDA_TITLE

    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=f"{kind}: {report.title}",
            header_text=f"{kind} · {report.series_name}",
            printed_at=printed_at,
        )
        doc.build_to(meeting_flowables(report))

    layout.write_atomically(out, build)
