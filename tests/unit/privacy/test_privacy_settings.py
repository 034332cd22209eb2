"""The retention period setting: 1 to 120 months, default 12, kept per laptop."""

from __future__ import annotations

from pathlib import Path

import pytest

from vlot_desktop.services.privacy import (
    PRIVACY_SETTINGS_FILE,
    check_retention_months,
    load_retention_months,
    save_retention_months,
)


def test_default_is_twelve_months(data_dir: Path) -> None:
    assert load_retention_months(data_dir) == 12


def test_saved_period_is_read_back(data_dir: Path) -> None:
    save_retention_months(data_dir, 24)
    assert load_retention_months(data_dir) == 24
    assert not list(data_dir.glob("*.part"))


@pytest.mark.parametrize("text", ["0", "121", "", "twaalf", "1.5", "-3"])
def test_out_of_range_or_not_a_number_is_refused_in_dutch(text: str) -> None:
    months, problem = check_retention_months(text)
    assert months is None and problem is not None
    assert problem.message == "Geef een bewaartermijn van 1 tot 120 maanden (een geheel getal)."


@pytest.mark.parametrize(("text", "months"), [("1", 1), (" 120 ", 120), ("18", 18)])
def test_valid_periods(text: str, months: int) -> None:
    assert check_retention_months(text) == (months, None)


def test_saving_out_of_range_raises_and_writes_nothing(data_dir: Path) -> None:
    with pytest.raises(ValueError):
        save_retention_months(data_dir, 0)
    assert not (data_dir / PRIVACY_SETTINGS_FILE).exists()


def test_a_broken_file_falls_back_to_the_default(data_dir: Path) -> None:
    (data_dir / PRIVACY_SETTINGS_FILE).write_text('{"retention_months": 500}', encoding="utf-8")
    assert load_retention_months(data_dir) == 12
    (data_dir / PRIVACY_SETTINGS_FILE).write_text("not json", encoding="utf-8")
    assert load_retention_months(data_dir) == 12
