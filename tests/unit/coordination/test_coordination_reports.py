"""The meeting PDF (agenda and minutes, read back), and the contacts export."""

from __future__ import annotations

import csv
from pathlib import Path

from coordination_fixtures import BART, HASSELT, TODAY, Office
from pypdf import PdfReader

from vlot_desktop.domain.enums import MeetingKind
from vlot_desktop.domain.meeting_rules import MeetingStatus
from vlot_desktop.services import coordination_reports, meetings
from vlot_desktop.services.contacts import ContactValues, log_contact
from vlot_desktop.services.meetings import ActionValues


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_agenda_and_minutes_of_a_meeting_read_back(office: Office, tmp_path: Path) -> None:
    series_id = meetings.default_series_id(MeetingKind.REHOUSING)
    planned = meetings.plan_meeting(office.engine, series_id, held_on=TODAY, today=TODAY)
    meeting_id = planned.meeting_id
    assert meeting_id is not None
    point, _ = meetings.add_point(office.engine, meeting_id, "Stand van de herhuisvesting")
    assert point is not None
    meetings.add_action(
        office.engine, meeting_id, ActionValues("Eigenaar contacteren", BART, TODAY, item_id=point)
    )
    agenda = tmp_path / "agenda.pdf"
    coordination_reports.make_meeting_pdf(office.engine, meeting_id, agenda, today=TODAY)
    text = _text(agenda)
    assert "Agenda: Overleg herhuisvesting 26/11/2026" in text
    assert "Stand van de herhuisvesting" in text
    assert "Open dossiers Herhuisvesting" in text  # the weekly case overview
    assert "Eigenaar contacteren" not in text  # the agenda shows no minutes
    meetings.record_decision(office.engine, point, "Twee plaatsen vrijhouden")
    meetings.set_meeting_status(office.engine, meeting_id, MeetingStatus.HELD)
    minutes = tmp_path / "verslag.pdf"
    coordination_reports.make_meeting_pdf(office.engine, meeting_id, minutes, today=TODAY)
    text = _text(minutes)
    assert "Verslag: Overleg herhuisvesting" in text
    assert "Twee plaatsen vrijhouden" in text
    assert "Eigenaar contacteren" in text and "Bart Claes" in text


def test_contacts_export_leaves_personal_data_out_unless_asked(
    office: Office, tmp_path: Path
) -> None:
    import datetime as dt

    from coordination_fixtures import PERSON

    log_contact(
        office.engine,
        ContactValues(
            municipality_nis=HASSELT,
            channel="telefoon",
            contact_person_id=PERSON,
            subject="Belde over de school",
            occurred_at=dt.datetime.combine(TODAY, dt.time(10, 30)),
        ),
        author_id=office.user_id,
        today=TODAY,
    )
    plain = tmp_path / "contacten.csv"
    result = coordination_reports.export_contacts(office.engine, plain, team_code="limburg")
    assert result.rows == 1
    text = plain.read_text(encoding="utf-8-sig")
    assert "Hasselt" in text and "Telefoon" in text and "Wouters" not in text
    full = tmp_path / "volledig.csv"
    coordination_reports.export_contacts(office.engine, full, include_personal=True)
    rows = list(csv.reader(full.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert "Els Wouters" in rows[1] and "Belde over de school" in rows[1]


def test_the_command_line_writes_meeting_flits_and_contacts(
    office: Office, tmp_path: Path, capsys: object
) -> None:
    import email
    from email import policy

    from vlot_desktop import cli
    from vlot_desktop.services import flits

    planned = meetings.plan_meeting(
        office.engine, meetings.default_series_id(MeetingKind.TEAM), held_on=TODAY, today=TODAY
    )
    assert planned.meeting_id is not None
    made = flits.create_edition(office.engine, publication_date=TODAY)
    assert made.edition_id is not None
    flits.add_notice(office.engine, made.edition_id, "Jobbeurs", "In Gent.")
    base = ["--data-dir", str(office.data_dir)]
    pdf = tmp_path / "overleg.pdf"
    assert cli.main([*base, "report", "meeting", planned.meeting_id, "-o", str(pdf)]) == 0
    assert "Agenda: Regio-overleg" in _text(pdf)
    assert cli.main([*base, "report", "meeting", "nope", "-o", str(pdf)]) == 1
    flits_pdf = tmp_path / "flits.pdf"
    assert cli.main([*base, "report", "flits", "1", "-o", str(flits_pdf)]) == 0
    assert "Jobbeurs" in _text(flits_pdf)
    eml = tmp_path / "flits.eml"
    assert cli.main([*base, "report", "flits", "1", "--eml", "-o", str(eml)]) == 0
    assert email.message_from_bytes(eml.read_bytes(), policy=policy.default)["X-Unsent"] == "1"
    assert cli.main([*base, "report", "flits", "7", "-o", str(flits_pdf)]) == 1
    out = tmp_path / "contacten.xlsx"
    argv = [*base, "export", "contacts", str(out), "--from", "2026-01-01", "--team", "limburg"]
    assert cli.main(argv) == 0 and out.exists()
    assert cli.main([*base, "export", "contacts", str(out), "--team", "mars"]) == 1
