"""The prospect report as printed: content read back from the PDF, fonts, images, pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.unit.reports.conftest import (
    BOTTLENECKS,
    CYRILLIC_NAME,
    OPPORTUNITIES,
    PRINTED_AT,
    FilledVisit,
    add_visit,
    pdf_text,
)
from vlot_desktop import paths
from vlot_desktop.db.models.prospects import ChecklistAnswer
from vlot_desktop.db.reference_data import ensure_reference_data
from vlot_desktop.services.prospect_reports import UnknownVisitError, make_prospect_report


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_report_shows_the_visit_findings_people_and_page_numbers(
    filled_visit: FilledVisit, engine: Engine, tmp_path: Path
) -> None:
    out = tmp_path / "verslag.pdf"
    make_prospect_report(engine, filled_visit.data_dir, filled_visit.visit_id, out)

    pages = pdf_text(out)
    text = _flat("\n".join(pages))
    assert "Klooster Sint-Jozef" in pages[0]
    assert "Kerkstraat 12, 3500 Hasselt" in text
    assert "Regioteam Limburg" in text
    assert CYRILLIC_NAME in text
    for finding in BOTTLENECKS + OPPORTUNITIES:
        assert _flat(finding) in text
    # Answers as the visitor gave them, in Dutch and in Belgian notation.
    assert "Klooster" in text and "Sinds de zomer van 2025." in text
    assert "1250,5 m²" in text
    for answer in ("Ja", "Nee", "N.v.t."):
        assert answer in text
    assert "Foto 1: Voorgevel aan de Kerkstraat" in text
    assert "Bij checklistvraag: Algemeen › Foto's gevel" in text.replace("’", "'")
    assert "van-collega.jpg" in text and "staat nog niet op deze laptop" in text
    # Summary box: places, outcome, counts.
    assert "24 Positief 2 1" in text
    # Every page: "pagina x van N" and the print date.
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        assert f"pagina {number} van {total}" in page
        assert "Afgedrukt door An Peeters op" in page


def test_photos_are_embedded_once_each_and_only_dejavu_is_used(
    filled_visit: FilledVisit, engine: Engine, tmp_path: Path
) -> None:
    out = tmp_path / "verslag.pdf"
    make_prospect_report(engine, filled_visit.data_dir, filled_visit.visit_id, out)

    reader = PdfReader(out)
    images = sum(len(page.images) for page in reader.pages)
    assert images == filled_visit.photo_count

    fonts: dict[str, Any] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts, "no fonts found"
    for name, font in fonts.items():
        assert "DejaVuSans" in name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_an_old_visit_keeps_its_report_after_a_new_template_version(
    filled_visit: FilledVisit, session: Session, engine: Engine, tmp_path: Path
) -> None:
    before = tmp_path / "voor.pdf"
    make_prospect_report(
        engine,
        filled_visit.data_dir,
        filled_visit.visit_id,
        before,
        printed_at=PRINTED_AT,
    )

    # Ship version 2: same keys, other labels, one section more.
    data = tmp_path / "resources-data"
    shutil.copytree(paths.reference_data_dir(), data)
    v1 = json.loads((data / "checklists" / "prospect_v1.json").read_text(encoding="utf-8"))
    v2 = dict(v1, version=2)
    v2["sections"][0]["items"][0]["label_nl"] = "Soort gebouw (versie 2)"
    v2["sections"].append(
        {
            "key": "energie",
            "title_nl": "Energie (nieuw in versie 2)",
            "title_en": "Energy",
            "items": [
                {
                    "key": "energie.zonnepanelen",
                    "label_nl": "Zonnepanelen aanwezig",
                    "label_en": "Solar panels",
                    "kind": "yes_no_na",
                    "required": False,
                }
            ],
        }
    )
    (data / "checklists" / "prospect_v2.json").write_text(
        json.dumps(v2, ensure_ascii=False), encoding="utf-8"
    )
    assert ensure_reference_data(filled_visit.db_path, folder=data)

    after = tmp_path / "na.pdf"
    make_prospect_report(
        engine,
        filled_visit.data_dir,
        filled_visit.visit_id,
        after,
        printed_at=PRINTED_AT,
    )
    assert pdf_text(after) == pdf_text(before)
    assert "Type gebouw" in "".join(pdf_text(after))

    # A visit filled with version 2 prints version 2.
    new_visit = add_visit(session, "Nieuwe school", version=2)
    newer = tmp_path / "nieuw.pdf"
    make_prospect_report(engine, filled_visit.data_dir, new_visit, newer)
    text = _flat("\n".join(pdf_text(newer)))
    assert "Soort gebouw (versie 2)" in text
    assert "Energie (nieuw in versie 2)" in text
    assert "versie 2" in text


def test_long_texts_wrap_and_checklist_headers_repeat_on_each_page(
    filled_visit: FilledVisit, session: Session, engine: Engine, tmp_path: Path
) -> None:
    answer = session.get(
        ChecklistAnswer,
        next(
            a.id
            for a in session.query(ChecklistAnswer).filter_by(visit_id=filled_visit.visit_id)
            if a.item_key == "algemeen.leegstaand"
        ),
    )
    assert answer is not None
    long_remark = " ".join(f"Opmerking{n} over de staat van het gebouw." for n in range(220))
    answer.remark = long_remark + " EINDE-OPMERKING"
    session.commit()

    out = tmp_path / "lang.pdf"
    make_prospect_report(engine, filled_visit.data_dir, filled_visit.visit_id, out)

    pages = pdf_text(out)
    assert "EINDE-OPMERKING" in "".join(pages)
    with_rows = [i for i, page in enumerate(pages) if "Opmerking1" in page]
    assert len(with_rows) >= 2, "the long remark should run over more than one page"
    for index in with_rows:
        assert "Vraag" in pages[index] and "Antwoord" in pages[index]


def test_an_unknown_visit_is_refused_and_nothing_is_written(
    prepared_dir: Path, engine: Engine, tmp_path: Path
) -> None:
    out = tmp_path / "verslag.pdf"
    with pytest.raises(UnknownVisitError):
        make_prospect_report(engine, prepared_dir, "onbekend", out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [prepared_dir]
