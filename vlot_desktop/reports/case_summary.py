"""The case summary (dossieroverzicht): case data, household, needs, timeline, outcome.

Plain data in (:class:`CaseSummaryData`), PDF out. Names are printed in Latin and Cyrillic
(DejaVu Sans is embedded). Sensitive needs (mobility, medical) are only printed when the
caller asks for them; the caller (:mod:`vlot_desktop.services.case_reports`) reads the data
and records that printing in ``sensitive_data_access``, like a reveal on screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from reportlab.platypus.doctemplate import _FrameBreak

from vlot_desktop.domain.enums import CaseEventKind, CaseStatus, CaseType, Relation, Sex
from vlot_desktop.domain.times import local_from_utc
from vlot_desktop.reports import layout
from vlot_desktop.reports.layout import CONTENT_WIDTH, Heading, ReportDocument, Styles, para

REPORT_TITLE = "Dossieroverzicht"
SENSITIVE_LEFT_OUT = (
    "Gevoelige gegevens (mobiliteit, medische noden) zijn niet opgenomen in dit overzicht."
)
SENSITIVE_INCLUDED = (
    "Dit overzicht bevat gevoelige gegevens (gezondheid). Vertrouwelijk: niet doorsturen, "
    "vernietigen na gebruik. Het afdrukken is geregistreerd."
)


START_ROOM = 40 * mm
"""Below this much room on a page, a heading and the start of its table go to the next page."""


class _StartTogether(KeepTogether):  # type: ignore[misc]  # reportlab has no type hints
    """Headings with the table they introduce, without reportlab's keepWithNext flaw: that
    moves a heading with a table longer than a page to a new page and leaves the rest of the
    page empty. Here the group moves only when less than ``START_ROOM`` is left; otherwise
    the table starts right below its heading and continues on the next page."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if avail_height >= START_ROOM and parts and isinstance(parts[0], _FrameBreak):
            return parts[1:]
        return parts


def start_together(*flowables: Flowable) -> Flowable:
    """Keep ``flowables`` (headings, then a table) together at the start (see above)."""
    for flowable in flowables[:-1]:
        flowable.keepWithNext = False  # else the document groups them again, the old way
    return _StartTogether(list(flowables))


@dataclass(frozen=True)
class SummaryCase:
    """The case's own fields, as printed."""

    reference: str
    case_type: CaseType
    status: CaseStatus
    opened_on: dt.date
    deadline: dt.date | None
    closed_on: dt.date | None
    household_size: int
    summary: str | None
    outcome: str | None
    personal_data_erased_on: dt.date | None


@dataclass(frozen=True)
class SummaryMember:
    """One household member (the sensitive needs are printed only when asked for)."""

    first_name: str
    last_name: str
    first_name_cyrillic: str | None
    last_name_cyrillic: str | None
    birth_year: int | None
    sex: Sex | None
    relation: Relation
    language: str | None
    has_pets: bool
    school_age: bool
    needs_mobility: bool
    needs_medical: bool
    medical_notes: str | None


@dataclass(frozen=True)
class SummaryEvent:
    """One timeline entry; ``occurred_at`` in UTC, ``author`` the staff member's name."""

    occurred_at: dt.datetime
    kind: CaseEventKind
    author: str
    text: str | None
    from_status: CaseStatus | None = None
    to_status: CaseStatus | None = None


@dataclass(frozen=True)
class CaseSummaryData:
    """Everything the summary prints: members in household order, events newest first."""

    case: SummaryCase
    team: str
    municipality: str
    assigned_to: str
    members: tuple[SummaryMember, ...]
    events: tuple[SummaryEvent, ...]


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _key_values(rows: list[tuple[str, str]], styles: Styles) -> Flowable:
    return layout.table(
        [(para(k, styles.cell_bold), para(v or "—", styles.cell)) for k, v in rows],
        [42 * mm, CONTENT_WIDTH - 42 * mm],
        header=False,
        extra_style=[("BACKGROUND", (0, 0), (0, -1), layout.LIGHT)],
    )


def _yes(value: bool) -> str:
    return "ja" if value else "nee"


def _full(first: str | None, last: str | None) -> str:
    return " ".join(p for p in (first, last) if p)


def _household(data: CaseSummaryData, styles: Styles, sensitive: bool) -> list[Flowable]:
    flow: list[Flowable] = [Heading("Gezin", styles.h1, 0)]
    if not data.members:
        return [*flow, para("Geen gezinsleden geregistreerd.", styles.muted)]
    widths = [42 * mm, 42 * mm, 19 * mm, 19 * mm, 0.0]
    widths[4] = CONTENT_WIDTH - sum(widths)
    rows: list[list[object]] = [["Naam", "Naam (cyrillisch)", "Geb.jaar", "Geslacht", "Relatie"]]
    for m in data.members:
        rows.append(
            [
                para(_full(m.first_name, m.last_name) or "(gewist)", styles.cell),
                para(_full(m.first_name_cyrillic, m.last_name_cyrillic), styles.cell),
                str(m.birth_year or ""),
                m.sex.label_nl if m.sex else "",
                para(m.relation.label_nl, styles.cell),
            ]
        )
    flow = [start_together(*flow, layout.table(rows, widths))]
    needs_heading = Heading("Noden", styles.h1, 0)
    header: list[object] = ["Naam", "Taal", "Huisdieren", "Schoolgaand"]
    if sensitive:
        header += ["Mobiliteit", "Medisch"]
    need_rows: list[list[object]] = [header]
    for m in data.members:
        row: list[object] = [
            para(_full(m.first_name, m.last_name) or "(gewist)", styles.cell),
            m.language or "",
            _yes(m.has_pets),
            _yes(m.school_age),
        ]
        if sensitive:
            medical = _yes(m.needs_medical)
            if m.medical_notes:
                medical += f": {m.medical_notes}"
            row += [_yes(m.needs_mobility), para(medical, styles.cell)]
        need_rows.append(row)
    if sensitive:
        widths = [40 * mm, 20 * mm, 23 * mm, 26 * mm, 23 * mm, 0.0]
    else:
        widths = [44 * mm, 40 * mm, 26 * mm, 0.0]
    widths[-1] = CONTENT_WIDTH - sum(widths)
    flow.append(start_together(needs_heading, layout.table(need_rows, widths)))
    flow.append(para(SENSITIVE_INCLUDED if sensitive else SENSITIVE_LEFT_OUT, styles.muted))
    return flow


def _event_text(event: SummaryEvent) -> str:
    parts = []
    if event.kind is CaseEventKind.STATUS_CHANGE and event.to_status is not None:
        before = event.from_status.label_nl if event.from_status else "—"
        parts.append(f"{before} → {event.to_status.label_nl}")
    if event.text:
        parts.append(event.text)
    return "\n".join(parts)


def _timeline(data: CaseSummaryData, styles: Styles) -> list[Flowable]:
    flow: list[Flowable] = [Heading("Tijdlijn", styles.h1, 0)]
    if not data.events:
        return [*flow, para("Nog geen activiteiten.", styles.muted)]
    widths = [30 * mm, 30 * mm, 32 * mm, 0.0]
    widths[3] = CONTENT_WIDTH - sum(widths)
    rows: list[list[object]] = [["Wanneer", "Soort", "Door", "Inhoud"]]
    for e in data.events:
        texts = [
            local_from_utc(e.occurred_at).strftime("%d/%m/%Y %H:%M"),
            e.kind.label_nl,
            e.author,
            _event_text(e),
        ]
        rows += layout.text_rows(texts, styles.cell, widths)
    return [start_together(*flow, layout.table(rows, widths))]


def summary_flowables(data: CaseSummaryData, sensitive: bool) -> list[Flowable]:
    styles = layout.make_styles()
    case = data.case
    flow: list[Flowable] = [
        Heading(f"{REPORT_TITLE} {case.reference}", styles.title, 0),
        para(f"{case.case_type.label_nl} · {data.municipality} · {data.team}", styles.subtitle),
        _key_values(
            [
                ("Referentie", case.reference),
                ("Soort", case.case_type.label_nl),
                ("Status", case.status.label_nl),
                ("Team", data.team),
                ("Gemeente", data.municipality),
                ("Toegewezen aan", data.assigned_to),
                ("Geopend op", _date(case.opened_on)),
                ("Deadline", _date(case.deadline)),
                ("Afgesloten op", _date(case.closed_on)),
                ("Gezinsgrootte", str(case.household_size)),
                ("Samenvatting", case.summary or ""),
            ],
            styles,
        ),
    ]
    if case.personal_data_erased_on is not None:
        flow.append(
            para(
                f"De persoonsgegevens van dit dossier zijn gewist op "
                f"{_date(case.personal_data_erased_on)} (bewaartermijn).",
                styles.muted,
            )
        )
    flow += _household(data, styles, sensitive)
    flow += _timeline(data, styles)
    flow += [
        Heading("Uitkomst", styles.h1, 0),
        para(case.outcome or "Nog geen uitkomst.", styles.body),
        Spacer(1, 2 * mm),
    ]
    return flow


def write_case_summary(
    data: CaseSummaryData,
    out: Path,
    *,
    include_sensitive: bool = False,
    printed_at: dt.datetime | None = None,
) -> None:
    """Write the summary of one case to ``out`` (replaced only when complete).

    With ``include_sensitive`` the sensitive needs are printed. Raises ``OSError`` when
    ``out`` cannot be written.
    """

    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=f"{REPORT_TITLE} {data.case.reference}",
            header_text=f"{REPORT_TITLE} · {data.case.reference}",
            header_right=f"VLOT · {data.team}",
            printed_at=printed_at,
        )
        doc.build_to(summary_flowables(data, include_sensitive))

    layout.write_atomically(out, build)
