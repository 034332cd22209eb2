"""``vlot-desktop export locations`` and ``import locations``: files, exit codes, messages."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine

from vlot_desktop import cli

from .conftest import location_count, outbox_count, write_csv


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_export_with_filters_then_import_changes_nothing(
    prepared_dir: Path,
    engine: Engine,
    locations: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    file = tmp_path / "limburg.csv"
    args = ["--data-dir", str(prepared_dir), "export", "locations", str(file)]
    assert cli.main([*args, "--team", "limburg", "--status", "Operationeel"]) == 0
    assert capsys.readouterr().out == f"Exported 2 locations to {file}.\n"
    assert sorted(r[1] for r in _csv_rows(file)[1:]) == ["De Linde", "Het Anker"]

    before = outbox_count(engine)
    assert cli.main(["--data-dir", str(prepared_dir), "import", "locations", str(file)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("Imported limburg.csv: 0 new, 0 changed, 2 unchanged (2 rows)")
    assert out.err == ""
    assert outbox_count(engine) == before


def test_unknown_status_filter_and_wrong_file_type(
    prepared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--data-dir", str(prepared_dir), "export", "locations"]
    assert cli.main([*base, str(tmp_path / "x.csv"), "--status", "kapot"]) == 1
    assert capsys.readouterr().err == "vlot-desktop: unknown location status 'kapot'\n"
    assert cli.main([*base, str(tmp_path / "x.pdf")]) == 1
    assert "choose a file name ending in .xlsx or .csv" in capsys.readouterr().err


def test_dry_run_checks_and_writes_nothing(
    prepared_dir: Path, engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write_csv(
        tmp_path / "x.csv", ["Naam;Type;Status;Gemeente", "Anker;Gastgezin;Prospect;Gent"]
    )
    args = ["--data-dir", str(prepared_dir), "import", "locations", str(file), "--dry-run"]
    assert cli.main(args) == 0
    assert (
        capsys.readouterr().out
        == "Dry run: 1 new, 0 changed, 0 unchanged (1 rows); nothing was written.\n"
    )
    assert location_count(engine) == 0


def test_a_bad_row_exits_non_zero_with_the_report(
    prepared_dir: Path, engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write_csv(
        tmp_path / "x.csv",
        ["Naam;Type;Status;Gemeente", "Anker;Gastgezin;Prospect;Gent", "Boei;Boot;Prospect;Gent"],
    )
    report = tmp_path / "rapport.csv"
    args = ["--data-dir", str(prepared_dir), "import", "locations", str(file)]
    assert cli.main([*args, "--report", str(report)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "row 3, column 'Type', value 'Boot': error: Unknown type: Boot.",
        "vlot-desktop: x.csv: 1 error(s) in 1 row(s); nothing was imported",
    ]
    assert _csv_rows(report)[1] == ["3", "Type", "Boot", "Onbekend type: Boot.", "fout"]
    assert location_count(engine) == 0


def test_not_an_excel_file(
    prepared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "x.xlsx"
    file.write_bytes(b"GIF89a not a workbook")
    assert cli.main(["--data-dir", str(prepared_dir), "import", "locations", str(file)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "x.xlsx: error: x.xlsx is not an Excel (.xlsx) or CSV file",
        "vlot-desktop: x.xlsx cannot be imported; nothing was imported",
    ]


def test_no_database_yet(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = write_csv(tmp_path / "x.csv", ["Naam", "Anker"])
    assert cli.main(["--data-dir", str(data_dir), "import", "locations", str(file)]) == 1
    assert "no database in" in capsys.readouterr().err


def test_export_then_import_the_demo_set_changes_nothing(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The round trip on realistic data: every location of the small demo set, both formats."""
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine

    engine = make_engine(paths.database_path(demo_dir))
    try:
        with engine.connect() as conn:
            count = int(conn.exec_driver_sql("SELECT count(*) FROM location").scalar() or 0)
        assert count > 150
        for name in ("demo.xlsx", "demo.csv"):
            file = tmp_path / name
            assert cli.main(["--data-dir", str(demo_dir), "export", "locations", str(file)]) == 0
            before = outbox_count(engine)
            assert cli.main(["--data-dir", str(demo_dir), "import", "locations", str(file)]) == 0
            out = capsys.readouterr()
            assert f": 0 new, 0 changed, {count} unchanged ({count} rows)" in out.out, out.err
            assert out.err == "", out.err
            assert outbox_count(engine) == before
    finally:
        engine.dispose()
