"""The agenda of the weekly case meeting (herhuisvesting, kwetsbare profielen, FEDASIL).

Lists the open cases per team, grouped by type, most urgent deadline first, overdue ones
marked. Data minimisation: the agenda names no household member and holds no health data,
only the reference, deadline, municipality, status, assigned staff member and household size;
the details are in the application (or in a case summary printed on purpose).

Plain data in (:class:`CaseAgenda`), PDF out; :mod:`vlot_desktop.services.case_reports`
reads the open cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from vlot_desktop.domain.enums import CaseStatus, CaseType
from vlot_desktop.reports import layout
from vlot_desktop.reports.layout import (
    CONTENT_WIDTH,
    Heading,
    ReportDocument,
    para,
    start_together,
)

REPORT_TITLE = "Agenda wekelijks overleg dossiers"
MINIMISATION_NOTE = (
    "Dataminimalisatie: deze agenda vermeldt geen namen van gezinsleden en geen "
    "gezondheidsgegevens. Details staan in het dossier in VLOT Desktop."
)
OVERDUE = "te laat"
OVERDUE_COLOR = colors.HexColor("#B00020")


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
    """One team's open cases, most urgent deadline first (no deadline last)."""

    code: str
    name: str
    lines: tuple[AgendaLine, ...]


@dataclass(frozen=True)
class CaseAgenda:
    """The agenda of one team (``all_teams`` false) or of every team, as of ``today``."""

    teams: tuple[TeamAgenda, ...]
    today: dt.date
    all_teams: bool

    @property
    def open_cases(self) -> int:
        return sum(len(t.lines) for t in self.teams)


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _flowables(agenda: CaseAgenda) -> list[Flowable]:
    styles = layout.make_styles()
    today = agenda.today
    total = agenda.open_cases
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
    widths = [35 * mm, 37 * mm, 31 * mm, 29 * mm, 0.0, 13 * mm]
    widths[4] = CONTENT_WIDTH - sum(widths)
    header: list[object] = [
        "Referentie",
        "Deadline",
        "Gemeente",
        "Status",
        "Toegewezen aan",
        "Gezin",
    ]
    for team in agenda.teams:
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
            grid = layout.table(rows, widths, extra_style=marks)
            caption = f"{team.name} · {kind.label_nl}"
            flow.append(start_together(*headings, layout.Continued(grid, caption, styles.h2)))
            headings = []
    return flow


def write_case_agenda(
    agenda: CaseAgenda,
    out: Path,
    *,
    printed_at: dt.datetime | None = None,
    printed_by: str | None = None,
) -> None:
    """Write the meeting agenda to ``out`` (replaced only when complete). Every page is marked
    confidential (it names no one, but tells which households need a place where) with who
    printed it; a table continued on the next page repeats its team and type above its
    header. Raises ``OSError`` when ``out`` cannot be written."""
    today = agenda.today
    teams = "alle teams" if agenda.all_teams else agenda.teams[0].name

    def build(target: str) -> None:
        doc = ReportDocument(
            target,
            title=f"{REPORT_TITLE} {_date(today)}",
            header_text=f"{REPORT_TITLE} · {teams}",
            printed_at=printed_at,
            printed_by=printed_by,
            confidential=True,
        )
        doc.build_to(_flowables(agenda))

    layout.write_atomically(out, build)
