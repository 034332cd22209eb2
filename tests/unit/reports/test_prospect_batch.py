"""Batches of prospect reports: one PDF with contents and bookmarks, or a folder of PDFs."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from tests.conftest import DEMO_TODAY
from vlot_desktop.reports.prospect import ReportCancelledError, report_file_name
from vlot_desktop.reports.prospect_data import ProspectReportData
from vlot_desktop.services.prospect_reports import make_prospect_reports, visit_ids_between


def _visits(engine: Engine, count: int) -> list[str]:
    with engine.connect() as conn:
        ids = visit_ids_between(conn, DEMO_TODAY - dt.timedelta(days=400), DEMO_TODAY)
    assert len(ids) >= count
    return ids[:count]


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    entries: list[tuple[int, str, int]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item) + 1))  # type: ignore[attr-defined, arg-type]

    walk(reader.outline, 0)
    return entries


def test_one_pdf_has_contents_with_the_right_pages_and_bookmarks(
    demo_dir: Path, demo_engine: Engine, tmp_path: Path
) -> None:
    visit_ids = _visits(demo_engine, 6)
    out = tmp_path / "verslagen.pdf"
    calls: list[tuple[int, int]] = []

    make_prospect_reports(
        demo_engine,
        demo_dir,
        visit_ids,
        out,
        progress=lambda done, total: calls.append((done, total)),
    )

    reader = PdfReader(out)
    pages = [page.extract_text() or "" for page in reader.pages]
    assert calls == [(i, 6) for i in range(1, 7)]
    assert "Inhoud" in pages[0]
    visits = [(title, page) for depth, title, page in _outline(reader) if depth == 1]
    assert len(visits) == 6
    for title, page in visits:
        # The visit starts on the page its bookmark points to ...
        assert title in pages[page - 1]
        # ... and the contents line of that visit shows that page number.
        lines = pages[0].splitlines()
        index = next(i for i, line in enumerate(lines) if line.startswith(title))
        assert lines[index + 1].strip() == str(page), lines[index : index + 2]
    assert f"pagina 1 van {len(pages)}" in pages[0]


def test_a_folder_gets_one_readable_windows_safe_file_per_visit(
    demo_dir: Path, demo_engine: Engine, tmp_path: Path
) -> None:
    visit_ids = _visits(demo_engine, 3)
    folder = tmp_path / "verslagen"

    written = make_prospect_reports(demo_engine, demo_dir, visit_ids, folder, one_file=False)

    assert sorted(written) == sorted(folder.iterdir())
    assert len(written) == 3
    # Printing the same visits again replaces their files instead of adding copies.
    again = make_prospect_reports(demo_engine, demo_dir, visit_ids, folder, one_file=False)
    assert sorted(again) == sorted(written) == sorted(folder.iterdir())
    for path in written:
        assert re.match(r"^\d{4}-\d{2}-\d{2} .+ - .+\.pdf$", path.name), path.name
        reader = PdfReader(path)
        assert path.stem.split(" - ", 1)[1] in (reader.pages[0].extract_text() or "")


def _data(name: str, municipality: str = "Hasselt") -> ProspectReportData:
    return ProspectReportData(
        visit_id="x",
        name=name,
        address="",
        municipality=municipality,
        province=None,
        team=None,
        visit_date=dt.date(2026, 11, 20),
        status="Positief",
        estimated_places=None,
        general_impression=None,
        outcome_notes=None,
        visitor=None,
        checklist_title="Checklist",
        checklist_version=1,
        participants=(),
        sections=(),
        findings=(),
        photos=(),
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            'School "De Regenboog": blok A/B',
            "2026-11-20 Hasselt - School -De Regenboog- blok A-B.pdf",
        ),
        ("Hoeve <oud> | nieuw?*", "2026-11-20 Hasselt - Hoeve -oud- - nieuw-.pdf"),
        ("Pand\\achter...", "2026-11-20 Hasselt - Pand-achter.pdf"),
    ],
)
def test_file_names_avoid_characters_windows_refuses(name: str, expected: str) -> None:
    assert report_file_name(_data(name)) == expected


def test_cancelling_leaves_no_file_behind(
    demo_dir: Path, demo_engine: Engine, tmp_path: Path
) -> None:
    visit_ids = _visits(demo_engine, 4)
    done: list[int] = []

    def stop_after_two() -> bool:
        return len(done) >= 2

    out = tmp_path / "verslagen.pdf"
    with pytest.raises(ReportCancelledError):
        make_prospect_reports(
            demo_engine,
            demo_dir,
            visit_ids,
            out,
            progress=lambda i, n: done.append(i),
            cancelled=stop_after_two,
        )
    assert list(tmp_path.iterdir()) == [demo_dir]

    done.clear()
    folder = tmp_path / "map"
    with pytest.raises(ReportCancelledError):
        make_prospect_reports(
            demo_engine,
            demo_dir,
            visit_ids,
            folder,
            one_file=False,
            progress=lambda i, n: done.append(i),
            cancelled=stop_after_two,
        )
    assert list(folder.iterdir()) == []
