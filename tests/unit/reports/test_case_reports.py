"""Case summary and weekly meeting agenda as printed (read back from the PDF), the record of a
printing of sensitive data, and their CLI."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from vlot_desktop import cli
from vlot_desktop.db.models.base import utc_now
from vlot_desktop.db.models.cases import Case, SensitiveDataAccess
from vlot_desktop.db.models.people import StaffUser
from vlot_desktop.db.models.sync_state import SyncClock
from vlot_desktop.domain.enums import CaseEventKind, CaseStatus, CaseType, Relation, Sex
from vlot_desktop.domain.times import local_from_utc
from vlot_desktop.reports.case_agenda import MINIMISATION_NOTE
from vlot_desktop.reports.case_summary import (
    CaseSummaryData,
    SummaryCase,
    SummaryEvent,
    SummaryMember,
    write_case_summary,
)
from vlot_desktop.reports.layout import ReportDocument
from vlot_desktop.services.case_reports import (
    UnknownCaseError,
    UnknownTeamError,
    make_case_agenda,
    make_case_summary,
)
from vlot_desktop.settings import load_settings

# The households of the privacy tests (Latin and Cyrillic names, health needs).
sys.path.insert(0, str(Path(__file__).parents[1] / "privacy"))
from privacy_cases import OLD_NAMES, OPEN_NAMES, TODAY, Seeded, seed

MEMBER_WORDS = (*OLD_NAMES, *OPEN_NAMES, "Mykola", "Bondarenko", "Микола", "Iryna", "Ірина")


@pytest.fixture
def seeded(session: Session) -> Seeded:
    result = seed(session)
    # Two more open cases: a FEDASIL intake without deadline, a vulnerable profile elsewhere.
    for ref, kind, team, nis, deadline in (
        ("D-2026-0300", CaseType.FEDASIL_INTAKE, "limburg", "71072", None),
        ("D-2026-0400", CaseType.VULNERABLE, "antwerpen", "11002", dt.date(2026, 12, 15)),
    ):
        session.add(
            Case(
                reference=ref,
                case_type=kind,
                status=CaseStatus.WAITING_FOR_PLACE,
                team_code=team,
                municipality_nis=nis,
                opened_on=dt.date(2026, 11, 1),
                deadline=deadline,
                household_size=4,
                summary="Iryna en drie kinderen",
            )
        )
    session.commit()
    return result


def pdf_text(path: Path) -> str:
    """The text of every page, with line breaks (wrapped cells) as single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def assert_fonts_embedded(path: Path) -> None:
    fonts: dict[str, Any] = {}
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert "DejaVuSans" in name
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), f"{name} is not embedded"


def accesses(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(SensitiveDataAccess)) or 0


# --- case summary -------------------------------------------------------------------------


def test_the_summary_prints_the_household_in_latin_and_cyrillic(
    seeded: Seeded, engine: Engine, session: Session, tmp_path: Path
) -> None:
    out = tmp_path / "dossier.pdf"
    before = accesses(session)
    make_case_summary(engine, out, seeded.open_case)
    text = pdf_text(out)
    assert "Dossieroverzicht D-2026-0200" in text
    assert "Olena Kovalenko" in text and "Taras Kovalenko" in text
    assert "Олена Коваленко" in text and "Тарас Коваленко" in text
    assert "Hasselt" in text and "In behandeling" in text
    assert "Olena Kovalenko vraagt een woning" in text  # the timeline
    assert "Nieuw → In behandeling" in text
    assert "pagina 1 van 1" in text
    # Sensitive needs stay out unless chosen; without them no viewing is recorded.
    assert "Rolstoel" not in text and "Medisch" not in text
    assert "Gevoelige gegevens (mobiliteit, medische noden) zijn niet opgenomen" in text
    assert accesses(session) == before
    assert_fonts_embedded(out)


def test_sensitive_needs_are_printed_when_chosen_and_that_is_recorded(
    seeded: Seeded, engine: Engine, session: Session, tmp_path: Path
) -> None:
    out = tmp_path / "dossier-volledig.pdf"
    before = accesses(session)
    make_case_summary(engine, out, "D-2026-0200", include_sensitive=True)
    text = pdf_text(out)
    assert "ja: Rolstoel, gelijkvloers nodig" in text and "Mobiliteit" in text
    assert "Het afdrukken is geregistreerd" in text
    assert accesses(session) == before + 1
    latest = session.scalars(
        select(SensitiveDataAccess).order_by(SensitiveDataAccess.viewed_at.desc()).limit(1)
    ).one()
    assert latest.case_id == seeded.open_case and latest.member_id is None


def test_the_service_records_who_printed_which_case_and_when(
    seeded: Seeded, engine: Engine, session: Session, prepared_dir: Path, tmp_path: Path
) -> None:
    """The record is the service's: the report only lays out data (it has no database)."""
    user_id = load_settings(prepared_dir).user_id
    before = utc_now()
    make_case_summary(
        engine, tmp_path / "a.pdf", "D-2026-0200", include_sensitive=True, user_id=user_id
    )
    # Without a user the sync clock's user (who writes on this laptop) is recorded.
    colleague = StaffUser(name="Els Janssens", team_code="limburg")
    session.add(colleague)
    session.flush()
    session.execute(update(SyncClock).where(SyncClock.id == 1).values(user_id=colleague.id))
    session.commit()
    make_case_summary(engine, tmp_path / "b.pdf", seeded.open_case, include_sensitive=True)
    records = session.scalars(
        select(SensitiveDataAccess)
        .where(SensitiveDataAccess.viewed_at >= before)
        .order_by(SensitiveDataAccess.viewed_at)
    ).all()
    assert [(r.case_id, r.member_id, r.user_id) for r in records] == [
        (seeded.open_case, None, user_id),
        (seeded.open_case, None, colleague.id),
    ]
    assert all(before <= r.viewed_at <= utc_now() for r in records)


def test_nothing_is_recorded_when_the_pdf_cannot_be_written(
    seeded: Seeded,
    engine: Engine,
    session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "pdf"
    out.mkdir()
    blocker = out / "een-bestand"
    blocker.write_text("geen map", encoding="utf-8")
    before = accesses(session)
    with pytest.raises(OSError):
        make_case_summary(engine, blocker / "dossier.pdf", seeded.open_case, include_sensitive=True)
    with pytest.raises(UnknownCaseError):
        make_case_summary(engine, out / "niets.pdf", "no-such-case", include_sensitive=True)

    def broken(self: ReportDocument, flowables: list[object]) -> None:
        raise RuntimeError("the layout failed halfway")

    monkeypatch.setattr(ReportDocument, "build_to", broken)
    with pytest.raises(RuntimeError):
        make_case_summary(engine, out / "half.pdf", seeded.open_case, include_sensitive=True)
    assert accesses(session) == before
    assert sorted(p.name for p in out.iterdir()) == ["een-bestand"]


def test_the_summary_is_laid_out_from_plain_data(tmp_path: Path) -> None:
    """No database: an erased member, a timeline longer than a page."""
    member = SummaryMember(
        first_name="",
        last_name="",
        first_name_cyrillic=None,
        last_name_cyrillic=None,
        birth_year=1980,
        sex=Sex.FEMALE,
        relation=Relation.CONTACT_PERSON,
        language="Oekraïens",
        has_pets=True,
        school_age=False,
        needs_mobility=True,
        needs_medical=True,
        medical_notes="Insuline",
    )
    event = SummaryEvent(
        occurred_at=dt.datetime(2026, 11, 12, 13, 30),
        kind=CaseEventKind.STATUS_CHANGE,
        author="An Peeters",
        text="Gesprek met de gemeente",
        from_status=CaseStatus.NEW,
        to_status=CaseStatus.IN_PROGRESS,
    )
    data = CaseSummaryData(
        case=SummaryCase(
            reference="D-2026-0999",
            case_type=CaseType.REHOUSING,
            status=CaseStatus.IN_PROGRESS,
            opened_on=dt.date(2026, 11, 1),
            deadline=None,
            closed_on=None,
            household_size=1,
            summary=None,
            outcome=None,
            personal_data_erased_on=dt.date(2026, 11, 20),
        ),
        team="Regioteam Limburg",
        municipality="Hasselt",
        assigned_to="",
        members=(member,),
        events=(event,) * 60,
    )
    out = tmp_path / "plain.pdf"
    write_case_summary(data, out, printed_at=dt.datetime(2026, 11, 27, 9, 30))
    text = pdf_text(out)
    assert "Dossieroverzicht D-2026-0999" in text and "(gewist)" in text
    assert "zijn gewist op 20/11/2026 (bewaartermijn)" in text
    shown = local_from_utc(event.occurred_at)  # UTC in the data, the laptop's time on paper
    assert f"{shown:%d/%m/%Y %H:%M}" in text
    assert "Nieuw → In behandeling" in text and "Nog geen uitkomst." in text
    assert "Insuline" not in text and "Vertrouwelijk · afgedrukt op 27/11/2026 09:30" in text
    pages = len(PdfReader(out).pages)
    assert pages > 1 and f"pagina {pages} van {pages}" in text  # the table continues
    write_case_summary(data, out, include_sensitive=True)
    assert "ja: Insuline" in pdf_text(out)


def test_a_closed_case_shows_its_outcome_and_an_unknown_case_writes_nothing(
    seeded: Seeded, engine: Engine, tmp_path: Path
) -> None:
    out = tmp_path / "oud.pdf"
    make_case_summary(engine, out, seeded.old_case)
    text = pdf_text(out)
    assert "Woning gevonden in Genk" in text and "Світлана Шевчук" in text
    missing = tmp_path / "niets.pdf"
    with pytest.raises(UnknownCaseError):
        make_case_summary(engine, missing, "no-such-case")
    assert not missing.exists()


# --- weekly meeting agenda -----------------------------------------------------------------


def test_the_agenda_lists_open_cases_per_type_without_any_member_name(
    seeded: Seeded, engine: Engine, tmp_path: Path
) -> None:
    out = tmp_path / "agenda.pdf"
    assert make_case_agenda(engine, out, team_code=None, today=TODAY) == 3
    text = pdf_text(out)
    assert "Agenda wekelijks overleg dossiers" in text
    assert MINIMISATION_NOTE in text
    assert "Regioteam Limburg (2)" in text and "Regioteam Antwerpen (1)" in text
    assert "Herhuisvesting (1, waarvan 1 te laat)" in text
    assert "D-2026-0200" in text and "20/11/2026 (te laat)" in text
    assert "D-2026-0300" in text and "Fedasil-instroom" in text.replace("FEDASIL", "Fedasil")
    assert "D-2026-0400" in text and "15/12/2026" in text and "15/12/2026 (te laat)" not in text
    # Closed cases are not on it; nor is any name of a household member or health data.
    assert "D-2025-0007" not in text and "D-2026-0100" not in text
    for word in (*MEMBER_WORDS, "Rolstoel", "Gastgezin stopt"):
        assert word not in text, word
    assert_fonts_embedded(out)


def test_the_agenda_of_one_team_and_of_an_unknown_team(
    seeded: Seeded, engine: Engine, tmp_path: Path
) -> None:
    out = tmp_path / "antwerpen.pdf"
    assert make_case_agenda(engine, out, team_code="antwerpen", today=TODAY) == 1
    text = pdf_text(out)
    assert "D-2026-0400" in text and "D-2026-0200" not in text
    assert "Regioteam Limburg" not in text
    missing = tmp_path / "niets.pdf"
    with pytest.raises(UnknownTeamError):
        make_case_agenda(engine, missing, team_code="gent", today=TODAY)
    assert not missing.exists()


# --- command line ----------------------------------------------------------------------------


def test_report_case_and_agenda_from_the_command_line(
    seeded: Seeded,
    session: Session,
    prepared_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = ["--data-dir", str(prepared_dir), "report"]
    case_pdf = tmp_path / "case.pdf"
    assert cli.main([*base, "case", seeded.open_case, "-o", str(case_pdf)]) == 0
    assert "Олена Коваленко" in pdf_text(case_pdf)
    assert "Rolstoel" not in pdf_text(case_pdf)
    full_pdf = tmp_path / "full.pdf"
    assert (
        cli.main([*base, "case", seeded.open_case, "-o", str(full_pdf), "--include-sensitive"]) == 0
    )
    assert "Rolstoel" in pdf_text(full_pdf)
    # The printing of sensitive data is recorded with this laptop's user.
    viewer = session.scalars(
        select(SensitiveDataAccess.user_id).where(SensitiveDataAccess.member_id.is_(None))
    ).all()
    assert viewer == [load_settings(prepared_dir).user_id] and viewer[0]
    agenda_pdf = tmp_path / "agenda.pdf"
    assert cli.main([*base, "agenda", "--team", "limburg", "-o", str(agenda_pdf)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert "D-2026-0200" in pdf_text(agenda_pdf)
    assert cli.main([*base, "case", "nope", "-o", str(tmp_path / "x.pdf")]) == 1
    assert capsys.readouterr().err == "vlot-desktop: no case with id 'nope'\n"
    assert cli.main([*base, "agenda", "--team", "gent", "-o", str(tmp_path / "y.pdf")]) == 1
    assert capsys.readouterr().err == "vlot-desktop: no team with code 'gent'\n"
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.pdf").exists()
