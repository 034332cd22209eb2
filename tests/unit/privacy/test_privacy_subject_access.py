"""Subject access request: everything about one person (JSON and PDF), nobody else."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from privacy_cases import Seeded
from pypdf import PdfReader
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models.cases import SensitiveDataAccess
from vlot_desktop.reports.layout import ReportDocument
from vlot_desktop.services.case_reports import export_subject_access
from vlot_desktop.services.privacy import (
    UnknownMemberError,
    export_person,
    list_export_columns,
    write_subject_access_json,
)


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    engine = make_engine(db_path)
    yield engine
    engine.dispose()


def _pdf(engine: Engine, member_id: str, folder: Path) -> str:
    """The text of the PDF of an export (the JSON is written beside it)."""
    export_subject_access(
        engine, member_id, folder / "inzage.pdf", folder / "inzage.json", user_id=None
    )
    return "".join(page.extract_text() or "" for page in PdfReader(folder / "inzage.pdf").pages)


def _viewings(session: Session) -> list[tuple[str, str | None]]:
    rows = session.execute(
        select(SensitiveDataAccess.case_id, SensitiveDataAccess.member_id).order_by(
            SensitiveDataAccess.viewed_at, SensitiveDataAccess.id
        )
    )
    return [(case_id, member_id) for case_id, member_id in rows]


def test_the_json_holds_the_person_and_not_the_other_members(
    session: Session, seeded: Seeded, tmp_path: Path
) -> None:
    out = tmp_path / "inzage.json"
    write_subject_access_json(export_person(session, seeded.olena), out)
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["person"]["first_name"] == "Olena"
    assert data["person"]["last_name_cyrillic"] == "Коваленко"
    assert data["person"]["medical_notes"] == "Rolstoel, gelijkvloers nodig"
    assert data["case"]["reference"] == "D-2026-0200"
    assert data["case"]["municipality_name"] == "Hasselt"
    assert [e["kind"] for e in data["timeline"]] == ["statuswijziging", "notitie"]
    # Only the viewing of her own sensitive data, not of Taras'.
    assert [a["member_id"] for a in data["sensitive_data_access"]] == [seeded.olena]
    assert "Тарас" not in text and '"Taras"' not in text
    assert "Svitlana" not in text and "Mykola" not in text


def test_the_pdf_holds_the_person_in_cyrillic(
    session: Session, seeded: Seeded, engine: Engine, tmp_path: Path
) -> None:
    text = _pdf(engine, seeded.olena, tmp_path)
    assert "Inzage persoonsgegevens: Olena Kovalenko" in text
    assert "Олена" in text and "Коваленко" in text
    assert "Тарас" not in text and "Svitlana" not in text


def test_the_pdf_speaks_dutch_with_belgian_dates(
    session: Session, seeded: Seeded, engine: Engine, tmp_path: Path
) -> None:
    """The JSON keeps the stored values; the PDF a person reads shows labels and dates."""
    text = _pdf(engine, seeded.olena, tmp_path)
    assert "In behandeling" in text and "in_behandeling" not in text
    assert "Nieuw → In behandeling" in text
    assert "Contactpersoon" in text and "Vrouw" in text
    assert "12/11/2026 14:30" in text and "2026-11-12" not in text
    assert "20/11/2026" in text  # the deadline


def test_list_exports_leave_sensitive_columns_out_unless_chosen() -> None:
    columns = list_export_columns("household_member")
    assert "first_name" in columns and "has_pets" in columns
    assert not {"needs_mobility", "needs_medical", "medical_notes"} & set(columns)
    assert "updated_at" not in columns
    chosen = list_export_columns("household_member", include_sensitive=True)
    assert {"needs_mobility", "needs_medical", "medical_notes"} <= set(chosen)


def test_the_export_is_recorded_as_a_viewing_of_that_person_once_written(
    session: Session, seeded: Seeded, engine: Engine, tmp_path: Path
) -> None:
    before = _viewings(session)
    _pdf(engine, seeded.olena, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "inzage.json", "inzage.pdf"]
    assert _viewings(session) == [*before, (seeded.open_case, seeded.olena)]
    # The next export lists that viewing among the viewings of her data.
    assert "Inzage van gevoelige gegevens" in _pdf(engine, seeded.olena, tmp_path)


def test_an_export_that_fails_records_nothing(
    session: Session,
    seeded: Seeded,
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
        _pdf(engine, "no-such-member", tmp_path)

    def broken(self: ReportDocument, flowables: list[object]) -> None:
        raise RuntimeError("the layout failed halfway")

    monkeypatch.setattr(ReportDocument, "build_to", broken)
    with pytest.raises(RuntimeError):
        _pdf(engine, seeded.olena, tmp_path)
    assert session.scalar(select(func.count()).select_from(SensitiveDataAccess)) == count
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "een-bestand"]
