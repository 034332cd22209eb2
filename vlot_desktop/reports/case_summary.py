"""The case summary (dossieroverzicht): case data, household, needs, timeline, outcome.

Names are printed in Latin and Cyrillic (DejaVu Sans is embedded). Sensitive needs (mobility,
medical) are only printed when the user chose to include them; that printing counts as
viewing them and is recorded in ``sensitive_data_access`` like a reveal on screen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from reportlab.platypus.doctemplate import _FrameBreak
from sqlalchemy import select
from sqlalchemy.orm import Session

from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.db.models.base import utc_now
from vlot_desktop.db.models.cases import Case, CaseEvent, HouseholdMember, SensitiveDataAccess
from vlot_desktop.db.models.people import StaffUser
from vlot_desktop.db.models.reference import Municipality, Team
from vlot_desktop.domain.enums import CaseEventKind
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


class UnknownCaseError(LookupError):
    """No case with that id or reference."""


@dataclass(frozen=True)
class CaseSummaryData:
    case: Case
    team: str
    municipality: str
    assigned_to: str
    members: list[HouseholdMember]
    events: list[CaseEvent]
    staff: dict[str, str]


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def find_case(session: Session, case_id: str) -> Case:
    """The case with that id (or, for the user's convenience, that reference)."""
    case = (
        session.get(Case, case_id)
        or session.scalars(
            select(Case).where(Case.reference == case_id).order_by(Case.id).limit(1)
        ).first()
    )
    if case is None:
        raise UnknownCaseError(case_id)
    return case


def load_case_summary(session: Session, case_id: str) -> CaseSummaryData:
    case = find_case(session, case_id)
    staff = {s.id: s.name for s in session.scalars(select(StaffUser))}
    team = session.get(Team, case.team_code)
    municipality = session.get(Municipality, case.municipality_nis)
    members = list(
        session.scalars(
            select(HouseholdMember)
            .where(HouseholdMember.case_id == case.id)
            .order_by(HouseholdMember.created_at, HouseholdMember.id)
        )
    )
    events = list(
        session.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case.id)
            .order_by(CaseEvent.occurred_at.desc(), CaseEvent.id)
        )
    )
    return CaseSummaryData(
        case,
        team.name_nl if team else case.team_code,
        municipality.name_nl if municipality else case.municipality_nis,
        staff.get(case.assigned_to_id or "", ""),
        members,
        events,
        staff,
    )


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


def _event_text(event: CaseEvent) -> str:
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
            data.staff.get(e.author_id or "", ""),
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


def _current_user(session: Session) -> str | None:
    row = session.connection().exec_driver_sql("SELECT user_id FROM sync_clock WHERE id = 1")
    value = row.scalar()
    return str(value) if value else None


def render_case_summary(
    db_path: Path,
    out: Path,
    case_id: str,
    *,
    include_sensitive: bool = False,
    user_id: str | None = None,
    printed_at: dt.datetime | None = None,
) -> None:
    """Write the summary of one case (by id or reference) to ``out``.

    With ``include_sensitive`` the sensitive needs are printed and the printing is recorded
    in ``sensitive_data_access`` (by ``user_id``, else the user the sync clock knows) once
    the file is written. Raises
    :class:`UnknownCaseError` (nothing written) and ``OSError``.
    """
    engine = make_engine(db_path)
    try:
        with make_session_factory(engine)() as session:
            data = load_case_summary(session, case_id)

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
            if include_sensitive:
                session.add(
                    SensitiveDataAccess(
                        case_id=data.case.id,
                        member_id=None,
                        user_id=user_id or _current_user(session),
                        viewed_at=utc_now(),
                    )
                )
                session.commit()
    finally:
        engine.dispose()
