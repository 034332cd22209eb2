"""``vlot-desktop retention --dry-run | --apply``: counts only, never names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from privacy_cases import Seeded, query

from vlot_desktop import cli


def test_retention_dry_run_then_apply(
    prepared_dir: Path, seeded: Seeded, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The CLI uses the real date: the old case (closed 01/06/2025) is expired by then anyway.
    assert dt.date.today() >= dt.date(2026, 6, 2)
    assert cli.main(["--data-dir", str(prepared_dir), "retention", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Dry run, nothing changed. Would erase: 1 cases" in out
    assert "2 household members, 1 timeline entries" in out
    assert query(db_path, "SELECT count(*) FROM household_member WHERE first_name = ''") == [(0,)]
    assert cli.main(["--data-dir", str(prepared_dir), "retention", "--apply"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Erased: 1 cases")
    assert "Svitlana" not in out and "Shevchuk" not in out
    assert query(db_path, "SELECT count(*) FROM household_member WHERE first_name = ''") == [(2,)]
    assert cli.main(["--data-dir", str(prepared_dir), "retention", "--apply"]) == 0
    assert capsys.readouterr().out.startswith("Erased: 0 cases")


def test_retention_needs_a_mode_and_a_sane_period(
    prepared_dir: Path, seeded: Seeded, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--data-dir", str(prepared_dir), "retention"])
    assert exc.value.code != 0
    assert "one of the arguments --dry-run --apply is required" in capsys.readouterr().err
    assert cli.main(["--data-dir", str(prepared_dir), "retention", "--apply", "--months", "0"]) == 1
    assert capsys.readouterr().err.strip() == "vlot-desktop: --months must be at least 1"
    assert query(db_path, "SELECT count(*) FROM household_member WHERE first_name = ''") == [(0,)]


def test_retention_uses_the_period_set_in_instellingen(
    prepared_dir: Path, seeded: Seeded, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from vlot_desktop.services.privacy import save_retention_months

    # The old case was closed on 01/06/2025: a period of 120 months keeps it.
    save_retention_months(prepared_dir, 120)
    assert cli.main(["--data-dir", str(prepared_dir), "retention", "--dry-run"]) == 0
    assert "Would erase: 0 cases" in capsys.readouterr().out
    assert (
        cli.main(["--data-dir", str(prepared_dir), "retention", "--dry-run", "--months", "12"]) == 0
    )
    assert "Would erase: 1 cases" in capsys.readouterr().out
