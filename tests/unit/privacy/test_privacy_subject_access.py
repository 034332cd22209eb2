"""Subject access request (GDPR art. 15): a readable Dutch PDF and the same as JSON about one
person, with the purposes, sources, recipients, retention and rights; nothing about the other
members of the household, no internal ids, times in local time said as such."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from privacy_cases import Seeded, query
from pypdf import PdfReader
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vlot_desktop import cli
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import Base
from vlot_desktop.db.models.cases import CaseEvent, HouseholdMember, SensitiveDataAccess
from vlot_desktop.reports.layout import ReportDocument
from vlot_desktop.reports.subject_access import Item, Section
from vlot_desktop.services import privacy
from vlot_desktop.services.case_reports import export_subject_access
from vlot_desktop.services.privacy import UnknownMemberError, list_export_columns
from vlot_desktop.settings import load_settings

TARAS_HEALTH = "Astma, inhalator altijd bij zich"
TARAS_PHONE = "+32 470 99 88 77"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    engine = make_engine(db_path)
    yield engine
    engine.dispose()


@pytest.fixture
def brussels(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The laptop's clock in Belgian time (the tests otherwise run in UTC)."""
    monkeypatch.setenv("TZ", "Europe/Brussels")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def household(session: Session, seeded: Seeded) -> Seeded:
    """Taras (Olena's son) gets health needs and a phone, and notes about him alone, one
    naming both of them, and one about the whole family."""
    taras = session.get(HouseholdMember, seeded.taras)
    assert taras is not None
    taras.needs_medical = True
    taras.medical_notes = TARAS_HEALTH
    taras.phone = TARAS_PHONE
    olena = session.get(CaseEvent, _event(session, seeded, "Olena Kovalenko vraagt"))
    assert olena is not None
    for minute, text in (
        (1, f"Taras Kovalenko: {TARAS_HEALTH.lower()}; huisarts gebeld op {TARAS_PHONE}"),
        (2, f"Olena belde over haar zoon Taras ({TARAS_HEALTH}); Тарас mist school"),
        (3, "Gesprek met het gezin via een tolk Oekraïens."),
    ):
        session.add(
            CaseEvent(
                case_id=seeded.open_case,
                kind=olena.kind,
                occurred_at=olena.occurred_at.replace(minute=minute),
                author_id=olena.author_id,
                text=text,
            )
        )
    session.commit()
    return seeded


def _event(session: Session, seeded: Seeded, start: str) -> str:
    return next(
        e.id
        for e in session.scalars(select(CaseEvent).where(CaseEvent.case_id == seeded.open_case))
        if (e.text or "").startswith(start)
    )


def _export(engine: Engine, member_id: str, folder: Path, **kwargs: Any) -> tuple[str, str]:
    """The PDF's text (spaces normalised) and the JSON file's text of an export."""
    pdf, data = folder / "inzage.pdf", folder / "inzage.json"
    export_subject_access(engine, member_id, pdf, data, user_id=kwargs.pop("user_id", None))
    pages = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    return " ".join(" ".join(pages).split()), data.read_text(encoding="utf-8")


def _other_members_words() -> tuple[str, ...]:
    return ("Taras", "Тарас", "Astma", "astma", "inhalator", "470 99", "Svitlana", "Mykola")


def test_the_export_of_one_member_holds_nothing_of_the_other_members(
    household: Seeded, engine: Engine, tmp_path: Path
) -> None:
    text, data = _export(engine, household.olena, tmp_path)
    for word in _other_members_words():
        assert word not in text, word
        assert word not in data, word
    # Her own data is all there, her health needs included (it is her data).
    for value in ("Olena", "Kovalenko", "Олена", "Коваленко", "Rolstoel, gelijkvloers nodig"):
        assert value in text and value in data
    # A note naming her comes in with her son's name masked; notes about him alone, or
    # about the family without naming her, stay out and are counted.
    assert "dicht bij de school van [ander gezinslid]" in text
    assert "Olena belde over haar zoon [ander gezinslid] ([weggelaten]); [ander gezinslid]" in (
        text
    )
    assert "2 notitie(s) over het gezin noemen u niet bij naam" in text
    assert "Gesprek met het gezin via een tolk" not in text
    # The case summary is about the whole family and does not name her: out, and said so.
    assert "Gastgezin stopt eind november" not in text
    assert "De samenvatting van het dossier gaat over het hele gezin" in text

    # And the other way round: Taras' export holds his data, not his mother's.
    text, data = _export(engine, household.taras, tmp_path)
    assert TARAS_HEALTH in text and "Taras" in data
    for word in ("Olena", "Олена", "Rolstoel", "gelijkvloers"):
        assert word not in text, word
        assert word not in data, word


def test_the_pdf_says_why_from_where_to_whom_how_long_and_the_rights(
    household: Seeded, engine: Engine, prepared_dir: Path, tmp_path: Path
) -> None:
    user = load_settings(prepared_dir).user_id
    text, _data = _export(engine, household.olena, tmp_path, user_id=user)
    assert "Inzage in uw persoonsgegevens: Olena Kovalenko" in text
    assert "Dossier D-2026-0200" in text
    for heading in (
        "Uw persoonsgegevens",
        "Uw dossier",
        "Notities, contacten en statuswijzigingen in uw dossier",
        "Wie uw gezondheidsgegevens inkeek",
        "Uw rechten",
    ):
        assert heading in text, heading
    for label in ("Waarvoor", "Herkomst", "Ontvangers", "Bewaartermijn"):
        assert text.count(label) >= 4, label  # one block per section
    assert "Tot 12 maanden nadat uw dossier werd afgesloten" in text
    assert "klacht indienen bij de Vlaamse Toezichtcommissie" in text
    assert "neem contact op met Regioteam Limburg, met vermelding van dossier D-2026-0200" in text
    # Dutch labels and Belgian dates, not stored values.
    assert "Contactpersoon" in text and "Vrouw" in text and "In behandeling" in text
    assert "Nieuw → In behandeling" in text and "in_behandeling" not in text
    assert "20/11/2026" in text and "2026-11-20" not in text  # the deadline
    # Who viewed her health data: hers and the whole case's, not her son's viewing.
    viewings = text[text.index("Wie uw gezondheidsgegevens inkeek") :]
    assert "uw gegevens" in viewings


def test_every_page_is_marked_confidential_with_who_made_it(
    household: Seeded, engine: Engine, prepared_dir: Path, tmp_path: Path
) -> None:
    user = load_settings(prepared_dir).user_id
    export_subject_access(engine, household.olena, tmp_path / "a.pdf", None, user_id=user)
    reader = PdfReader(tmp_path / "a.pdf")
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    assert len(pages) >= 2
    for page in pages:
        assert re.search(r"Vertrouwelijk · afgedrukt door An Peeters op \d\d/\d\d/\d{4}", page)


def test_no_internal_ids_anywhere(
    household: Seeded, engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    text, data = _export(engine, household.olena, tmp_path)
    tables = ("household_member", "case_file", "case_event", "staff_user", "sensitive_data_access")
    ids = {row[0] for table in tables for row in query(db_path, f"SELECT id FROM {table}")}
    assert ids
    for value in ids:
        assert value not in text and value not in data, value
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text + data)
    assert '"id"' not in data and "_id" not in data


def test_times_are_local_and_labelled_as_such(
    household: Seeded, engine: Engine, tmp_path: Path, brussels: None
) -> None:
    """The status change was stored at 14:30 UTC on 12 November: 15:30 in Belgium (CET)."""
    text, data = _export(engine, household.olena, tmp_path)
    assert "12/11/2026 15:30" in text and "14:30" not in text
    assert "(UTC)" not in text and "UTC+01:00" in text and "CET" in text
    exported = json.loads(data)
    assert "CET, UTC+01:00" in exported["time_zones"]
    events = next(s for s in exported["sections"] if s["key"] == "case_event")
    assert "2026-11-12T15:30:00+01:00" in [r["occurred_at"] for r in events["records"]]
    assert exported["made_at"].endswith(("+01:00", "+02:00"))


def test_the_json_holds_the_same_as_the_pdf_machine_readable(
    household: Seeded, engine: Engine, tmp_path: Path
) -> None:
    _text, data = _export(engine, household.olena, tmp_path)
    exported = json.loads(data)
    assert exported["format"] == "vlot-subject-access/2"
    assert exported["person"] == "Olena Kovalenko" and exported["reference"] == "D-2026-0200"
    keys = [s["key"] for s in exported["sections"]]
    assert keys == ["household_member", "case_file", "case_event", "sensitive_data_access"]
    person = exported["sections"][0]
    assert person["fields"]["medical_notes"] == "Toelichting bij de medische noden"
    (record,) = person["records"]
    assert record["first_name"] == "Olena" and record["last_name_cyrillic"] == "Коваленко"
    assert record["birth_year"] == 1990 and record["needs_mobility"] is True
    assert record["sex"] == "v" and record["relation"] == "contactpersoon"
    for section in exported["sections"]:
        assert all(section[k] for k in ("purpose", "source", "recipients", "retention"))
    assert exported["rights"] and "D-2026-0200" in exported["contact"]


def test_the_export_is_recorded_as_a_viewing_of_that_person_once_written(
    seeded: Seeded, session: Session, engine: Engine, tmp_path: Path
) -> None:
    def viewings() -> list[tuple[str, str | None]]:
        rows = session.execute(
            select(SensitiveDataAccess.case_id, SensitiveDataAccess.member_id).order_by(
                SensitiveDataAccess.viewed_at, SensitiveDataAccess.id
            )
        )
        return [(case_id, member_id) for case_id, member_id in rows]

    before = viewings()
    _export(engine, seeded.olena, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "inzage.json", "inzage.pdf"]
    assert viewings() == [*before, (seeded.open_case, seeded.olena)]


def test_an_export_that_fails_records_nothing(
    seeded: Seeded,
    session: Session,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    count = session.scalar(select(func.count()).select_from(SensitiveDataAccess))
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map", encoding="utf-8")
    with pytest.raises(OSError):
        export_subject_access(
            engine, seeded.olena, blocker / "a.pdf", blocker / "a.json", user_id=None
        )
    with pytest.raises(UnknownMemberError):
        _export(engine, "no-such-member", tmp_path)

    def broken(self: ReportDocument, flowables: list[object]) -> None:
        raise RuntimeError("the layout failed halfway")

    monkeypatch.setattr(ReportDocument, "build_to", broken)
    with pytest.raises(RuntimeError):
        _export(engine, seeded.olena, tmp_path)
    assert session.scalar(select(func.count()).select_from(SensitiveDataAccess)) == count
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "een-bestand"]


def test_from_the_command_line(
    household: Seeded,
    prepared_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = ["--data-dir", str(prepared_dir), "report", "subject-access"]
    pdf = tmp_path / "uit" / "inzage.pdf"
    assert cli.main([*base, household.olena, "-o", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert out == f"Wrote {pdf} and {pdf.with_suffix('.json')}.\n"  # no personal data
    assert "Olena" in json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["person"]
    other = tmp_path / "elders.json"
    assert cli.main([*base, household.taras, "-o", str(pdf), "--json", str(other)]) == 0
    capsys.readouterr()
    assert "Taras" in other.read_text(encoding="utf-8")
    assert cli.main([*base, "nope", "-o", str(tmp_path / "x.pdf")]) == 1
    assert capsys.readouterr().err == "vlot-desktop: no person with id 'nope'\n"
    assert not (tmp_path / "x.pdf").exists()


# --- the registry ------------------------------------------------------------------------------


def test_a_kind_of_record_adds_its_section_through_the_registry(
    household: Seeded, engine: Engine, tmp_path: Path
) -> None:
    """What another module does to add its records (docs/privacy.md)."""

    @privacy.subject_access_section("test_contact_note", order=60)
    def notes(session: Session, subject: privacy.Subject) -> list[Section]:
        mentioned = subject.names_me("Gesprek met Olena Kovalenko over school")
        return [
            Section(
                key="test_contact_note",
                title="Contactnotities",
                purpose="Test",
                source="Test",
                recipients="Test",
                retention="Test",
                records=((Item("text", "Notitie", subject.mask("Olena en Taras")),),)
                if mentioned
                else (),
            )
        ]

    try:
        assert privacy.registered_sections()[-1] == "test_contact_note"
        text, data = _export(engine, household.olena, tmp_path)
        assert "Contactnotities" in text and "Olena en [ander gezinslid]" in text
        section = json.loads(data)["sections"][-1]
        assert section["key"] == "test_contact_note"
        assert section["records"] == [{"text": "Olena en [ander gezinslid]"}]
    finally:
        privacy._SECTIONS.pop("test_contact_note")


# Tables with personal columns that the export of a household member does not cover (yet),
# and why. A new table with personal data registers its section (docs/privacy.md) or is
# added here with its reason.
NOT_ABOUT_HOUSEHOLD_MEMBERS = {
    "staff_user": "VLOT staff, not the people VLOT helps",
    "organisation": "organisations' contact data",
    "contact_person": "local coordinators and owners (contacts engineer: their section)",
    "contact_moment": "contacts with coordinators (contacts engineer: their section)",
    "meeting": "meeting notes (no household data by rule)",
    "meeting_item": "meeting notes (no household data by rule)",
    "meeting_action": "meeting notes (no household data by rule)",
    "question": "helpdesk askers: export_asker today, their section to come",
    "prospect_participant": "people present at a site visit",
}


def test_every_table_with_personal_data_is_in_the_export_or_said_why_not() -> None:
    personal = {t.name for t in Base.metadata.sorted_tables if privacy.personal_columns(t)}
    covered = set(privacy.registered_sections())
    missing = personal - covered - set(NOT_ABOUT_HOUSEHOLD_MEMBERS)
    assert not missing, (
        f"{sorted(missing)} hold personal data: register a subject-access section for them "
        "(docs/privacy.md) or list them above with the reason"
    )


def test_list_exports_leave_sensitive_columns_out_unless_chosen() -> None:
    columns = list_export_columns("household_member")
    assert "first_name" in columns and "has_pets" in columns
    assert not {"needs_mobility", "needs_medical", "medical_notes"} & set(columns)
    assert "updated_at" not in columns
    chosen = list_export_columns("household_member", include_sensitive=True)
    assert {"needs_mobility", "needs_medical", "medical_notes"} <= set(chosen)
