"""The agenda of the weekly case meeting (herhuisvesting, kwetsbare profielen, FEDASIL).

Lists the open cases per team, grouped by type, most urgent deadline first, overdue ones
marked. Data minimisation: the agenda names no household member and holds no health data,
only the reference, deadline, municipality, status, assigned staff member and household size;
the details are in the application (or in a case summary printed on purpose).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlalchemy import select
from sqlalchemy.orm import Session

from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.db.models.cases import Case
from vlot_desktop.db.models.people import StaffUser
from vlot_desktop.db.models.reference import Municipality, Team
from vlot_desktop.domain.enums import CaseStatus, CaseType
from vlot_desktop.reports import layout
from vlot_desktop.reports.case_summary import start_together
from vlot_desktop.reports.layout import CONTENT_WIDTH, Heading, ReportDocument, para

REPORT_TITLE = "Agenda wekelijks overleg dossiers"
MINIMISATION_NOTE = (
    "Dataminimalisatie: deze agenda vermeldt geen namen van gezinsleden en geen "
    "gezondheidsgegevens. Details staan in het dossier in VLOT Desktop."
)
OVERDUE = "te laat"
OVERDUE_COLOR = colors.HexColor("#B00020")


class UnknownTeamError(LookupError):
    """No team with that code."""


@dataclass(frozen=True)
class AgendaLine:
    reference: str
    case_type: CaseType
    deadline: dt.date | None
    municipality: str
    status: CaseStatus
    assigned_to: str
    household_size: int

    def overdue(self, today: dt.date) -> bool:
        return self.deadline is not None and self.deadline < today


@dataclass(frozen=True)
class TeamAgenda:
    code: str
    name: str
    lines: list[AgendaLine]


def load_agenda(session: Session, team_code: str | None) -> list[TeamAgenda]:
    """The open cases of one team (or of every team, in the teams' order).

    Raises :class:`UnknownTeamError` for an unknown team code.
    """
    teams = list(session.scalars(select(Team).order_by(Team.sort_order, Team.code)))
    if team_code is not None:
        teams = [t for t in teams if t.code == team_code]
        if not teams:
            raise UnknownTeamError(team_code)
    open_statuses = [s for s in CaseStatus if s.is_open]
    rows = session.execute(
        select(
            Case.team_code,
            Case.reference,
            Case.case_type,
            Case.deadline,
            Municipality.name_nl,
            Case.status,
            StaffUser.name,
            Case.household_size,
        )
        .join(Municipality, Municipality.nis_code == Case.municipality_nis)
        .outerjoin(StaffUser, StaffUser.id == Case.assigned_to_id)
        .where(
            Case.status.in_(open_statuses),
            Case.team_code.in_([t.code for t in teams]),
        )
        .order_by(Case.deadline.is_(None), Case.deadline, Case.reference)
    ).all()
    by_team: dict[str, list[AgendaLine]] = {t.code: [] for t in teams}
    for team, reference, kind, deadline, municipality, status, staff, size in rows:
        by_team[team].append(
            AgendaLine(reference, kind, deadline, municipality, status, staff or "", size)
        )
    return [TeamAgenda(t.code, t.name_nl, by_team[t.code]) for t in teams]


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _flowables(agenda: list[TeamAgenda], today: dt.date) -> list[Flowable]:
    styles = layout.make_styles()
    total = sum(len(t.lines) for t in agenda)
    flow: list[Flowable] = [
        Heading(REPORT_TITLE, styles.title, 0),
        para(
            f"Week van {_date(today - dt.timedelta(days=today.weekday()))} · "
            f"{total} open dossiers · toestand op {_date(today)}",
            styles.subtitle,
        ),
        para(MINIMISATION_NOTE, styles.muted),
        Spacer(1, 3 * mm),
    ]
    widths = [27 * mm, 37 * mm, 39 * mm, 28 * mm, 0.0, 11 * mm]
    widths[4] = CONTENT_WIDTH - sum(widths)
    header: list[object] = [
        "Referentie",
        "Deadline",
        "Gemeente",
        "Status",
        "Toegewezen aan",
        "Gezin",
    ]
    for team in agenda:
        team_heading = Heading(f"{team.name} ({len(team.lines)})", styles.h1, 0)
        if not team.lines:
            flow += [team_heading, para("Geen open dossiers.", styles.muted)]
            continue
        headings: list[Flowable] = [team_heading]
        for kind in CaseType:
            lines = [line for line in team.lines if line.case_type is kind]
            if not lines:
                continue
            overdue = sum(1 for line in lines if line.overdue(today))
            title = f"{kind.label_nl} ({len(lines)}" + (
                f", waarvan {overdue} {OVERDUE})" if overdue else ")"
            )
            headings.append(Heading(title, styles.h2, 1))
            rows: list[list[object]] = [header]
            marks: list[tuple[object, ...]] = []
            for number, line in enumerate(lines, start=1):
                deadline = _date(line.deadline)
                if line.overdue(today):
                    deadline = f"{deadline} ({OVERDUE})"
                    marks += [
                        ("TEXTCOLOR", (1, number), (1, number), OVERDUE_COLOR),
                        ("FONT", (1, number), (1, number), layout.FONT_BOLD, 8.5, 10.5),
                    ]
                rows.append(
                    [
                        line.reference,
                        deadline,
                        layout.cell(line.municipality, styles.cell, widths[2]),
                        layout.cell(line.status.label_nl, styles.cell, widths[3]),
                        layout.cell(line.assigned_to or "—", styles.cell, widths[4]),
                        str(line.household_size),
                    ]
                )
            flow.append(start_together(*headings, layout.table(rows, widths, extra_style=marks)))
            headings = []
    return flow


def render_case_agenda(
    db_path: Path,
    out: Path,
    *,
    team_code: str | None,
    today: dt.date | None = None,
    printed_at: dt.datetime | None = None,
) -> int:
    """Write the meeting agenda of ``team_code`` (None: all teams) to ``out``; returns the
    number of open cases on it. Raises :class:`UnknownTeamError` (nothing written) and
    ``OSError`` when ``out`` cannot be written."""
    today = today or dt.date.today()
    engine = make_engine(db_path)
    try:
        with make_session_factory(engine)() as session:
            agenda = load_agenda(session, team_code)
    finally:
        engine.dispose()
    teams = agenda[0].name if team_code is not None else "alle teams"

    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=f"{REPORT_TITLE} {_date(today)}",
            header_text=f"{REPORT_TITLE} · {teams}",
            printed_at=printed_at,
        )
        doc.build_to(_flowables(agenda, today))

    layout.write_atomically(out, build)
    return sum(len(t.lines) for t in agenda)
