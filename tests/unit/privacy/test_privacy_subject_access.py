"""Subject access request: everything about one person (JSON and PDF), nobody else."""

from __future__ import annotations

import json
from pathlib import Path

from privacy_cases import Seeded
from pypdf import PdfReader
from sqlalchemy.orm import Session

from vlot_desktop.reports.subject_access import render_subject_access
from vlot_desktop.services.privacy import (
    export_person,
    list_export_columns,
    write_subject_access_json,
)


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
    session: Session, seeded: Seeded, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "inzage.pdf"
    render_subject_access(db_path, out, seeded.olena)
    text = "".join(page.extract_text() or "" for page in PdfReader(out).pages)
    assert "Inzage persoonsgegevens: Olena Kovalenko" in text
    assert "Олена" in text and "Коваленко" in text
    assert "Тарас" not in text and "Svitlana" not in text


def test_the_pdf_speaks_dutch_with_belgian_dates(
    session: Session, seeded: Seeded, db_path: Path, tmp_path: Path
) -> None:
    """The JSON keeps the stored values; the PDF a person reads shows labels and dates."""
    out = tmp_path / "inzage.pdf"
    render_subject_access(db_path, out, seeded.olena)
    text = "".join(page.extract_text() or "" for page in PdfReader(out).pages)
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
