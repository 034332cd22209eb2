"""The case summary (dossieroverzicht): case data, household, needs, timeline, outcome.

Plain data in (:class:`CaseSummaryData`), PDF out. Names are printed in Latin and Cyrillic
(DejaVu Sans is embedded). Sensitive needs (mobility, medical) are only printed when the
caller asks for them; the caller (:mod:`vlot_desktop.services.case_reports`) reads the data
and records that printing in ``sensitive_data_access``, like a reveal on screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from vlot_desktop.domain.enums import CaseEventKind, CaseStatus, CaseType, Relation, Sex
from vlot_desktop.domain.times import local_from_utc
from vlot_desktop.reports import layout
from vlot_desktop.reports.layout import (
    CONTENT_WIDTH,
    START_ROOM,
    Heading,
    ReportDocument,
    Styles,
    para,
    start_together,
)

__all__ = [
    "START_ROOM",
    "CaseSummaryData",
    "SummaryCase",
    "SummaryEvent",
    "SummaryMember",
    "household_order",
    "start_together",
    "summary_flowables",
    "write_case_summaries",
    "write_case_summary",
]

REPORT_TITLE = "Dossieroverzicht"
SENSITIVE_LEFT_OUT = (
    "Gevoelige gegevens (mobiliteit, medische noden) zijn niet opgenomen in dit overzicht."
)
SENSITIVE_INCLUDED = (
    "Dit overzicht bevat gevoelige gegevens (gezondheid). Vertrouwelijk: niet doorsturen, "
    "vernietigen na gebruik. Het afdrukken is geregistreerd."
)


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
    """Everything the summary prints: members (printed in :func:`household_order`), events
    newest first."""

    case: SummaryCase
    team: str
    municipality: str
    assigned_to: str
    members: tuple[SummaryMember, ...]
    events: tuple[SummaryEvent, ...]


def household_order(members: Sequence[SummaryMember]) -> list[SummaryMember]:
    """Members in the order every report lists them: the contact person first, then the
    others by age (oldest first, an unknown birth year last), then by name."""

    def key(m: SummaryMember) -> tuple[bool, bool, int, str, str]:
        return (
            m.relation is not Relation.CONTACT_PERSON,
            m.birth_year is None,
            m.birth_year or 0,
            (m.last_name or "").casefold(),
            (m.first_name or "").casefold(),
        )

    return sorted(members, key=key)


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _yes(value: bool) -> str:
    return "ja" if value else "nee"


def _full(first: str | None, last: str | None) -> str:
    return " ".join(p for p in (first, last) if p)


def _name(m: SummaryMember) -> str:
    return _full(m.first_name, m.last_name) or "(gewist)"


def _name_and_year(m: SummaryMember) -> str:
    """ "Olena Kovalenko (1990)": the birth year tells two members of one name apart."""
    return f"{_name(m)} ({m.birth_year})" if m.birth_year else _name(m)


def _household(
    members: Sequence[SummaryMember], styles: Styles, sensitive: bool, level: int
) -> list[Flowable]:
    flow: list[Flowable] = [Heading("Gezin", styles.h1, level)]
    if not members:
        return [*flow, para("Geen gezinsleden geregistreerd.", styles.muted)]
    widths = [44 * mm, 44 * mm, 19 * mm, 19 * mm, 0.0]
    widths[4] = CONTENT_WIDTH - sum(widths)
    rows = layout.Rows(
        widths, styles.cell, ["Naam", "Naam (cyrillisch)", "Geb.jaar", "Geslacht", "Relatie"]
    )
    for m in members:
        rows.add(
            [
                _name(m),
                _full(m.first_name_cyrillic, m.last_name_cyrillic),
                str(m.birth_year or ""),
                m.sex.label_nl if m.sex else "",
                m.relation.label_nl,
            ]
        )
    flow = [start_together(*flow, rows.table())]
    header = ["Naam (geboortejaar)", "Taal", "Huisdieren", "Schoolgaand"]
    if sensitive:
        header += ["Mobiliteit", "Medisch"]
        widths = [44 * mm, 22 * mm, 22 * mm, 25 * mm, 20 * mm, 0.0]
    else:
        widths = [54 * mm, 50 * mm, 30 * mm, 0.0]
    widths[-1] = CONTENT_WIDTH - sum(widths)
    needs = layout.Rows(widths, styles.cell, header)
    for m in members:
        row = [_name_and_year(m), m.language or "", _yes(m.has_pets), _yes(m.school_age)]
        if sensitive:
            medical = _yes(m.needs_medical)
            if m.medical_notes:
                medical += f": {m.medical_notes}"
            row += [_yes(m.needs_mobility), medical]
        needs.add(row)
    flow.append(start_together(Heading("Noden", styles.h1, level), needs.table()))
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


def _timeline(data: CaseSummaryData, styles: Styles, level: int) -> list[Flowable]:
    flow: list[Flowable] = [Heading("Tijdlijn", styles.h1, level)]
    if not data.events:
        return [*flow, para("Nog geen activiteiten.", styles.muted)]
    widths = [31 * mm, 27 * mm, 30 * mm, 0.0]
    widths[3] = CONTENT_WIDTH - sum(widths)
    rows = layout.Rows(widths, styles.cell, ["Wanneer", "Soort", "Door", "Inhoud"])
    for e in data.events:
        rows.add(
            [
                local_from_utc(e.occurred_at).strftime("%d/%m/%Y %H:%M"),
                e.kind.label_nl,
                e.author,
                _event_text(e),
            ]
        )
    table = layout.Continued(rows.table(), f"Tijdlijn {data.case.reference}", styles.h2)
    return [start_together(*flow, table)]


def summary_flowables(
    data: CaseSummaryData, sensitive: bool, *, in_batch: bool = False
) -> list[Flowable]:
    """The summary of one case (in a batch its sections are bookmarks below the case's)."""
    level = 1 if in_batch else 0
    styles = layout.make_styles()
    case = data.case
    flow: list[Flowable] = [
        layout.SetHeader(f"{REPORT_TITLE} · {case.reference}"),
        Heading(f"{REPORT_TITLE} {case.reference}", styles.title, 0),
        para(f"{case.case_type.label_nl} · {data.municipality} · {data.team}", styles.subtitle),
        layout.key_values(
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
    flow += _household(household_order(data.members), styles, sensitive, level)
    flow += _timeline(data, styles, level)
    flow += [
        Heading("Uitkomst", styles.h1, level),
        *_long_paragraphs(case.outcome or "Nog geen uitkomst.", styles),
        Spacer(1, 2 * mm),
    ]
    return flow


def _long_paragraphs(text: str, styles: Styles) -> list[Flowable]:
    """A free text as body paragraphs (one per line of the text: a page can break between)."""
    return [para(line, styles.body) for line in text.split("\n") if line.strip()] or [
        para(text, styles.body)
    ]


def write_case_summary(
    data: CaseSummaryData,
    out: Path,
    *,
    include_sensitive: bool = False,
    printed_at: dt.datetime | None = None,
    printed_by: str | None = None,
) -> None:
    """Write the summary of one case to ``out`` (replaced only when complete).

    With ``include_sensitive`` the sensitive needs are printed. Every page is marked
    confidential, with ``printed_by`` and ``printed_at``. Raises ``OSError`` when ``out``
    cannot be written.
    """

    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=f"{REPORT_TITLE} {data.case.reference}",
            header_text=f"{REPORT_TITLE} · {data.case.reference}",
            header_right=f"VLOT · {data.team}",
            printed_at=printed_at,
            printed_by=printed_by,
            confidential=True,
        )
        doc.build_to(summary_flowables(data, include_sensitive))

    layout.write_atomically(out, build)


def write_case_summaries(
    summaries: Sequence[CaseSummaryData],
    out: Path,
    *,
    include_sensitive: bool = False,
    double_sided: bool = True,
    printed_at: dt.datetime | None = None,
    printed_by: str | None = None,
) -> None:
    """Several case summaries in one PDF (a bookmark per case), for printing in one go.

    With ``double_sided`` (the default for a batch) every summary starts on an odd page, so
    that printed on both sides no sheet holds two cases: it can be handed to the team of
    each case separately. Raises ``OSError`` when ``out`` cannot be written.
    """
    title = f"{REPORT_TITLE}en ({len(summaries)})"
    flow: list[Flowable] = []
    for index, data in enumerate(summaries):
        if index:
            flow.append(layout.OddPageStart() if double_sided else PageBreak())
        flow += summary_flowables(data, include_sensitive, in_batch=True)

    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=title,
            header_text=title,
            printed_at=printed_at,
            printed_by=printed_by,
            confidential=True,
        )
        doc.build_to(flow)

    layout.write_atomically(out, build)
