"""`vlot-desktop report prospect|prospects`: files written, one-line errors, non-zero exits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import DEMO_TODAY
from vlot_desktop import paths
from vlot_desktop.cli import main
from vlot_desktop.db.engine import make_engine
from vlot_desktop.services.prospect_reports import visit_ids_between


def _visit_ids(demo_dir: Path, start: dt.date, end: dt.date) -> list[str]:
    engine = make_engine(paths.database_path(demo_dir))
    try:
        with engine.connect() as conn:
            return visit_ids_between(conn, start, end)
    finally:
        engine.dispose()


def _one_visit(demo_dir: Path) -> str:
    return _visit_ids(demo_dir, DEMO_TODAY.replace(month=1), DEMO_TODAY)[0]


def test_report_prospect_writes_the_pdf(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "verslag.pdf"
    code = main(
        ["--data-dir", str(demo_dir), "report", "prospect", _one_visit(demo_dir), "-o", str(out)]
    )

    assert code == 0
    assert "Prospectieverslag" in (PdfReader(out).pages[0].extract_text() or "")
    assert f"Wrote {out}." in capsys.readouterr().out


def test_report_prospects_for_a_period_to_one_file_and_to_a_folder(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "alle.pdf"
    args = [
        "--data-dir",
        str(demo_dir),
        "report",
        "prospects",
        "--from",
        "2026-10-01",
        "--to",
        "26/11/2026",
    ]
    expected = _visit_ids(demo_dir, DEMO_TODAY.replace(month=10, day=1), DEMO_TODAY)
    assert expected

    assert main([*args, "-o", str(out)]) == 0
    assert "Inhoud" in (PdfReader(out).pages[0].extract_text() or "")
    assert main([*args, "-o", str(tmp_path / "map"), "--folder"]) == 0
    assert len(list((tmp_path / "map").glob("*.pdf"))) == len(expected)
    assert f"Wrote {len(expected)} prospect reports" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            ["prospect", "bestaat-niet", "-o", "{tmp}/x.pdf"],
            "no prospect visit with id 'bestaat-niet'",
        ),
        (
            ["prospects", "--from", "2026-02-30", "--to", "2026-03-01", "-o", "{tmp}/x.pdf"],
            "--from '2026-02-30' is not a date",
        ),
        (
            ["prospects", "--from", "2026-03-01", "--to", "2026-02-01", "-o", "{tmp}/x.pdf"],
            "--to lies before --from",
        ),
        (
            ["prospects", "--from", "2001-01-01", "--to", "2001-12-31", "-o", "{tmp}/x.pdf"],
            "no prospect visits between 01/01/2001 and 31/12/2001",
        ),
        (["prospect", "{visit}", "-o", "{tmp}/een-bestand.txt/x.pdf"], "cannot write"),
    ],
)
def test_errors_are_one_line_and_exit_non_zero(
    demo_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    (tmp_path / "een-bestand.txt").write_text("geen map", encoding="utf-8")
    visit = _one_visit(demo_dir)
    argv = [a.format(tmp=tmp_path, visit=visit) for a in extra]

    code = main(["--data-dir", str(demo_dir), "report", *argv])

    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and message in err, err
    assert not (tmp_path / "x.pdf").exists()
