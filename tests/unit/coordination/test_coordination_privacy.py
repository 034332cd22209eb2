"""Contacts and meetings under the GDPR: retention purges the notes and the person of old
contacts and the notes of old meetings (the counts stay), "erase this person" reaches every
contact with them, and the subject-access export lists them (JSON and PDF, read back)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from coordination_fixtures import BART, DAY, HASSELT, PERSON, TODAY, Office
from pypdf import PdfReader
from sqlalchemy.orm import Session

from vlot_desktop.db.models import Base
from vlot_desktop.domain.enums import MeetingKind
from vlot_desktop.services import coordination_privacy, meetings
from vlot_desktop.services.contacts import ContactValues, log_contact
from vlot_desktop.services.meetings import ActionValues

NOON = dt.datetime.combine(TODAY, dt.time(12))


def _contact(office: Office, when: dt.datetime, note: str) -> str:
    result = log_contact(
        office.engine,
        ContactValues(
            municipality_nis=HASSELT,
            channel="telefoon",
            theme_code="onderwijs-inschrijving-school",
            contact_person_id=PERSON,
            subject=note,
            notes=f"{note}: uitgebreid",
            occurred_at=when,
        ),
        author_id=office.user_id,
        today=TODAY,
    )
    assert result.contact_id is not None, result.problems
    return result.contact_id


def test_names_and_notes_are_marked_personal() -> None:
    marked = {
        (t, c.name)
        for t in ("contact_moment", "meeting", "meeting_item", "meeting_action")
        for c in Base.metadata.tables[t].columns
        if c.info.get("personal")
    }
    assert marked == {
        ("contact_moment", "contact_person_id"),
        ("contact_moment", "subject"),
        ("contact_moment", "notes"),
        ("meeting", "notes"),
        ("meeting_item", "notes"),
        ("meeting_action", "notes"),
    }


def test_retention_purges_old_contacts_and_meeting_notes_and_keeps_the_counts(
    office: Office,
) -> None:
    old = _contact(office, NOON - 400 * DAY, "Belde met Els over de school")
    recent = _contact(office, NOON - 10 * DAY, "Recent")
    held = meetings.plan_meeting(
        office.engine,
        meetings.default_series_id(MeetingKind.TEAM),
        held_on=TODAY - 400 * DAY,
        today=TODAY - 400 * DAY,
    )
    assert held.meeting_id is not None
    meetings.update_meeting(
        office.engine,
        held.meeting_id,
        title="Oud overleg",
        held_on=TODAY - 400 * DAY,
        notes="Els Wouters was ziek",
        today=TODAY - 400 * DAY,
    )
    point, _ = meetings.add_point(office.engine, held.meeting_id, "Punt", notes="over Els")
    meetings.add_action(
        office.engine, held.meeting_id, ActionValues("Bellen", BART, None, notes="privé")
    )
    cutoff = TODAY - 365 * DAY
    with Session(office.engine) as session, session.begin():
        dry = coordination_privacy.apply_retention(session, cutoff, dry_run=True)
    assert (dry.contacts, dry.meetings, dry.points, dry.actions) == (1, 1, 1, 1)
    assert office.sql("SELECT subject FROM contact_moment WHERE id = ?", old) != [("",)]
    with Session(office.engine) as session, session.begin():
        done = coordination_privacy.apply_retention(session, cutoff)
    assert done.fields == 3 + 1 + 1 + 1
    assert office.sql(
        "SELECT subject, notes, contact_person_id, municipality_nis, channel, theme_code "
        "FROM contact_moment WHERE id = ?",
        old,
    ) == [("", None, None, HASSELT, "telefoon", "onderwijs-inschrijving-school")]
    assert office.sql("SELECT subject FROM contact_moment WHERE id = ?", recent) == [("Recent",)]
    assert office.sql("SELECT title, notes FROM meeting WHERE id = ?", held.meeting_id) == [
        ("Oud overleg", None)
    ]
    assert office.sql("SELECT notes FROM meeting_item WHERE id = ?", point) == [(None,)]
    assert office.sql("SELECT title, notes FROM meeting_action") == [("Bellen", None)]
    # The erasure travels as purges; a second run finds nothing.
    assert office.sql("SELECT count(*) FROM sync_outbox WHERE op = 'purge'")[0][0] >= 6
    with Session(office.engine) as session, session.begin():
        again = coordination_privacy.apply_retention(session, cutoff)
    assert again.fields == 0


def test_erasing_a_contact_person_reaches_every_contact(office: Office) -> None:
    first = _contact(office, NOON - 3 * DAY, "Eerste")
    second = _contact(office, NOON, "Tweede")
    with Session(office.engine) as session, session.begin():
        erased = coordination_privacy.erase_contact_person(session, PERSON)
    assert erased.contacts == 2
    for contact_id in (first, second):
        assert office.sql(
            "SELECT subject, notes, contact_person_id, municipality_nis FROM contact_moment "
            "WHERE id = ?",
            contact_id,
        ) == [("", None, None, HASSELT)]
    assert office.sql(
        "SELECT first_name, last_name, email, active FROM contact_person WHERE id = ?", PERSON
    ) == [("", "", None, 0)]
    with (
        pytest.raises(coordination_privacy.UnknownContactPersonError),
        Session(office.engine) as session,
    ):
        coordination_privacy.erase_contact_person(session, "nobody")


def test_subject_access_of_a_contact_person(office: Office, tmp_path: Path) -> None:
    _contact(office, NOON - DAY, "Over de schoolinschrijving")
    json_out, pdf_out = tmp_path / "inzage.json", tmp_path / "inzage.pdf"
    count = coordination_privacy.write_contact_access(office.engine, PERSON, json_out, pdf_out)
    assert count == 1
    data = json.loads(json_out.read_text(encoding="utf-8"))
    assert data["person"]["last_name"] == "Wouters"
    assert data["contacts"][0]["subject"] == "Over de schoolinschrijving"
    assert data["contacts"][0]["channel"] == "Telefoon"
    text = " ".join(page.extract_text() for page in PdfReader(pdf_out).pages).split()
    assert "Wouters" in text and "schoolinschrijving" in text


def test_the_retention_period_of_the_cases_also_erases_old_contacts(office: Office) -> None:
    from vlot_desktop.services import privacy

    old = _contact(office, NOON - 400 * DAY, "Oud")
    with Session(office.engine) as session:
        dry = privacy.apply_retention(session, TODAY, 12, dry_run=True)
    assert (dry.contacts, dry.fields) == (1, 3)
    with Session(office.engine) as session:
        done = privacy.apply_retention(session, TODAY, 12)
    assert done.contacts == 1
    assert office.sql("SELECT subject FROM contact_moment WHERE id = ?", old) == [("",)]


def test_the_subject_access_export_of_a_contact_person_lists_their_contacts(
    office: Office, tmp_path: Path
) -> None:
    from vlot_desktop import cli
    from vlot_desktop.services import privacy

    _contact(office, NOON - DAY, "Over de schoolinschrijving")
    with Session(office.engine) as session:
        report = privacy.subject_access(session, PERSON)
    keys = [s.key for s in report.sections]
    assert keys == ["contact_person", "contact_moment"]
    (contact,) = report.sections[1].records
    values = {item.key: item.value for item in contact}
    assert values["municipality"] == "Hasselt" and values["channel"] == "telefoon"
    assert "Over de schoolinschrijving" in str(values["note"])
    out = tmp_path / "inzage.pdf"
    argv = ["--data-dir", str(office.data_dir), "report", "subject-access", PERSON, "-o", str(out)]
    assert cli.main(argv) == 0
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Uw contacten met VLOT" in text and "Wouters" in text
