"""The printed coordination documents: a meeting's agenda or minutes (PDF), a VLOT-flits edition
(PDF and ``.eml`` draft), and the contacts export (.xlsx or .csv).

Reads the data, hands plain dataclasses to :mod:`vlot_desktop.reports.meeting` and
:mod:`vlot_desktop.reports.flits`. A case meeting (rehousing, vulnerable profiles, FEDASIL
places) prints the weekly case overview of its case type, read as the case agenda reads it
(:func:`vlot_desktop.services.case_reports.case_agenda`): the case agenda is one kind of
meeting now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from vlot_desktop.domain.enums import ContactChannel
from vlot_desktop.domain.meeting_rules import CASE_TYPE_OF, EditionItemKind, MeetingStatus
from vlot_desktop.reports.flits import FlitsEdition, FlitsItem, write_flits_eml, write_flits_pdf
from vlot_desktop.reports.meeting import (
    MeetingReport,
    ReportAction,
    ReportCase,
    ReportPoint,
    write_meeting_pdf,
)
from vlot_desktop.services import contact_list, flits, meeting_list
from vlot_desktop.services.case_reports import case_agenda
from vlot_desktop.services.meeting_list import ActionLine, MeetingDetail
from vlot_desktop.spreadsheets.cells import CellValue
from vlot_desktop.spreadsheets.writing import ColumnKind, OutputColumn, write_table


class UnknownMeetingError(LookupError):
    """No meeting with that id."""


_LINK_NAMES = {
    "case_file": "dossier",
    "question": "vraag",
    "question_dispatch": "doorverwijzing",
    "location": "locatie",
    "prospect_visit": "prospectie",
    "meeting_action": "actiepunt",
}


def _report_action(action: ActionLine) -> ReportAction:
    link = _LINK_NAMES.get(action.link_table or "") if action.link_id else None
    return ReportAction(action.title, action.owner_name or "", action.due_on, action.done_on, link)


def meeting_report(
    conn: Connection, meeting_id: str, today: dt.date, *, minutes: bool | None = None
) -> MeetingReport:
    """What the meeting's PDF prints: the minutes once it is held (or as asked), else the
    agenda. Raises :class:`UnknownMeetingError`."""
    detail = meeting_list.meeting_detail(conn, meeting_id)
    if detail is None:
        raise UnknownMeetingError(meeting_id)
    as_minutes = detail.status is MeetingStatus.HELD if minutes is None else minutes
    case_type = CASE_TYPE_OF.get(detail.kind)
    return MeetingReport(
        title=detail.title,
        series_name=detail.series_name or detail.kind_label,
        kind_label=detail.kind_label,
        held_on=detail.held_on,
        status_label=detail.status.label_nl,
        participants=detail.participants,
        notes=detail.notes,
        points=tuple(
            ReportPoint(
                position=p.position,
                kind_label=p.kind_label,
                title=p.title,
                notes=p.notes,
                decision=p.decision,
                actions=tuple(_report_action(a) for a in p.actions),
                link_missing=not p.link_exists,
            )
            for p in _numbered(detail)
        ),
        loose_actions=tuple(_report_action(a) for a in detail.loose_actions),
        minutes=as_minutes,
        today=today,
        case_type_label=case_type.label_nl if case_type else None,
        cases=_cases(conn, detail, today) if case_type else (),
    )


def _numbered(detail: MeetingDetail) -> list[meeting_list.PointLine]:
    """Points numbered 0.. in their order (positions may have gaps after a removal)."""
    from dataclasses import replace

    return [replace(p, position=n) for n, p in enumerate(detail.points)]


def _cases(conn: Connection, detail: MeetingDetail, today: dt.date) -> tuple[ReportCase, ...]:
    case_type = CASE_TYPE_OF[detail.kind]
    team = detail.team_code if detail.team_code not in (None, "centraal") else None
    with Session(bind=conn) as session:
        agenda = case_agenda(session, team, today)
    return tuple(
        ReportCase(
            line.reference,
            t.name,
            line.municipality,
            line.status.label_nl,
            line.deadline,
            line.household_size,
        )
        for t in agenda.teams
        for line in t.lines
        if line.case_type is case_type
    )


def make_meeting_pdf(
    engine: Engine,
    meeting_id: str,
    out: Path,
    *,
    minutes: bool | None = None,
    today: dt.date | None = None,
    printed_at: dt.datetime | None = None,
) -> MeetingReport:
    """Write a meeting's agenda or minutes to ``out``. Raises :class:`UnknownMeetingError`
    (nothing written) and ``OSError``."""
    with engine.connect() as conn:
        report = meeting_report(conn, meeting_id, today or dt.date.today(), minutes=minutes)
    write_meeting_pdf(report, out, printed_at=printed_at)
    return report


# -- VLOT-flits ---------------------------------------------------------------------------------


def flits_edition(conn: Connection, key: str | int) -> FlitsEdition:
    """An edition (by number or id) as the reports print it. Raises
    ``flits.EditionNotFoundError``."""
    detail = flits.edition_detail(conn, key)
    return FlitsEdition(
        number=detail.line.number,
        title=detail.line.title,
        publication_date=detail.line.publication_date,
        intro=detail.intro,
        items=tuple(
            FlitsItem(EditionItemKind(i.kind).label_nl, i.title, i.body) for i in detail.items
        ),
        sent=detail.line.sent,
    )


def make_flits_pdf(engine: Engine, key: str | int, out: Path) -> FlitsEdition:
    with engine.connect() as conn:
        edition = flits_edition(conn, key)
    write_flits_pdf(edition, out)
    return edition


def make_flits_eml(
    engine: Engine,
    key: str | int,
    out: Path,
    *,
    sender: str | None = None,
    recipients: Sequence[str] = (),
) -> int:
    """Write the edition as an ``.eml`` draft; returns its size in bytes."""
    with engine.connect() as conn:
        edition = flits_edition(conn, key)
    if sender:
        return write_flits_eml(edition, out, sender=sender, recipients=recipients)
    return write_flits_eml(edition, out, recipients=recipients)


# -- contacts export ---------------------------------------------------------------------------


CONTACT_COLUMNS: tuple[OutputColumn, ...] = (
    OutputColumn("Datum", ColumnKind.DATE, 12),
    OutputColumn("Uur", ColumnKind.TEXT, 6),
    OutputColumn("Team", ColumnKind.TEXT, 16),
    OutputColumn("Medewerker", ColumnKind.TEXT, 22),
    OutputColumn("Gemeente", ColumnKind.TEXT, 20),
    OutputColumn("NIS-code", ColumnKind.TEXT, 9),
    OutputColumn("Kanaal", ColumnKind.TEXT, 12),
    OutputColumn("Thema", ColumnKind.TEXT, 30),
    OutputColumn("Duur (min)", ColumnKind.INTEGER, 9),
    OutputColumn("Over", ColumnKind.TEXT, 14),
)
PERSONAL_COLUMNS: tuple[OutputColumn, ...] = (
    OutputColumn("Contactpersoon", ColumnKind.TEXT, 24),
    OutputColumn("Notitie", ColumnKind.TEXT, 50),
)


@dataclass(frozen=True)
class ContactExport:
    path: Path
    rows: int


def export_contacts(
    engine: Engine,
    path: Path,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    team_code: str | None = None,
    include_personal: bool = False,
) -> ContactExport:
    """The contacts of a period and team to .xlsx or .csv, oldest first: who, when, which
    municipality, channel and theme (the parliament's questions 4 and 5). The person and the
    note (personal data) only with ``include_personal``. Raises ``SpreadsheetError``."""
    with engine.connect() as conn:
        lines = contact_list.between(conn, start, end, team_code)
        teams: dict[str, str] = {
            str(c): str(n) for c, n in conn.exec_driver_sql("SELECT code, name_nl FROM team")
        }
    columns = list(CONTACT_COLUMNS) + (list(PERSONAL_COLUMNS) if include_personal else [])

    def rows() -> Iterator[list[CellValue]]:
        for line in lines:
            try:
                channel = ContactChannel(line.channel).label_nl
            except ValueError:
                channel = line.channel
            cells: list[CellValue] = [
                line.occurred_at.date(),
                line.occurred_at.strftime("%H:%M"),
                teams.get(line.team_code, line.team_code),
                line.staff_name,
                line.municipality_name,
                line.municipality_nis,
                channel,
                line.theme_name,
                line.duration_minutes,
                _LINK_NAMES.get(line.link_table or "") if line.link_id else None,
            ]
            if include_personal:
                cells += [line.person_name, line.subject or line.notes]
            yield cells

    written = write_table(path, columns, rows(), sheet_title="Contactmomenten")
    return ContactExport(path, written)
