"""Retention: personal data of cases closed longer than the period is purged, counts stay."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from privacy_cases import OLD_MEDICAL, OLD_NAMES, OPEN_NAMES, TODAY, Seeded, query
from sqlalchemy.orm import Session

from vlot_desktop.services.privacy import (
    apply_retention,
    find_expired_cases,
    retention_cutoff,
)


def everything(db_path: Path) -> str:
    """The text of every row of the case tables and the sync outbox."""
    tables = ["case_file", "household_member", "case_event", "sync_outbox", "sync_field_clock"]
    return repr([query(db_path, f"SELECT * FROM {t} ORDER BY 1") for t in tables])


def test_the_cutoff_counts_calendar_months() -> None:
    assert retention_cutoff(dt.date(2026, 11, 26)) == dt.date(2025, 11, 26)
    assert retention_cutoff(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert retention_cutoff(dt.date(2026, 1, 15), 18) == dt.date(2024, 7, 15)
    with pytest.raises(ValueError):
        retention_cutoff(TODAY, 0)


def test_only_cases_closed_longer_than_the_period_are_found(
    session: Session, seeded: Seeded
) -> None:
    assert [c.id for c in find_expired_cases(session, TODAY)] == [seeded.old_case]
    # With a shorter period the recently closed case is due too; the open one never.
    assert [c.id for c in find_expired_cases(session, TODAY, months=1)] == [
        seeded.old_case,
        seeded.recent_case,
    ]


def test_a_dry_run_counts_and_changes_nothing(
    session: Session, seeded: Seeded, db_path: Path
) -> None:
    before = everything(db_path)
    summary = apply_retention(session, TODAY, dry_run=True)
    assert (summary.cases, summary.members, summary.events) == (1, 2, 1)
    assert summary.fields == 1 + 2 * 11 + 1  # summary; 11 personal member columns; event text
    assert summary.dry_run
    assert everything(db_path) == before
    assert "Svitlana" in before


def test_apply_erases_personal_values_everywhere_and_keeps_the_counts(
    session: Session, seeded: Seeded, db_path: Path
) -> None:
    summary = apply_retention(session, TODAY)
    assert (summary.cases, summary.members, summary.events) == (1, 2, 1)
    assert query(
        db_path,
        "SELECT case_type, status, household_size, opened_on, closed_on, outcome, summary, "
        "personal_data_erased_on FROM case_file WHERE id = ?",
        seeded.old_case,
    ) == [
        (
            "herhuisvesting",
            "afgesloten",
            2,
            "2025-03-01",
            "2025-06-01",
            "Woning gevonden in Genk",
            None,
            "2026-11-26",
        )
    ]
    members = query(
        db_path,
        "SELECT first_name, last_name, first_name_cyrillic, last_name_cyrillic, search_names, "
        "birth_year, sex, phone, needs_medical, medical_notes, relation, school_age "
        "FROM household_member WHERE case_id = ? ORDER BY relation",
        seeded.old_case,
    )
    assert members == [
        ("", "", None, None, "", None, None, None, 0, None, "contactpersoon", 0),
        ("", "", None, None, "", None, None, None, 0, None, "kind", 1),
    ]
    assert query(db_path, "SELECT text FROM case_event WHERE case_id = ?", seeded.old_case) == [
        (None,)
    ]
    dump = everything(db_path)
    for word in (*OLD_NAMES, OLD_MEDICAL, "+32 470 11 22 33", "Gezin Shevchuk"):
        assert word not in dump, word
    # The purge travels as operations in the outbox; the other cases are untouched.
    purges = query(db_path, "SELECT count(*) FROM sync_outbox WHERE op = 'purge'")[0][0]
    assert purges == summary.fields
    for word in OPEN_NAMES:
        assert word in dump
    assert "Mykola" in dump


def test_apply_is_idempotent(session: Session, seeded: Seeded, db_path: Path) -> None:
    apply_retention(session, TODAY)
    after_first = everything(db_path)
    again = apply_retention(session, TODAY)
    assert (again.cases, again.members, again.fields) == (0, 0, 0)
    assert everything(db_path) == after_first


def test_retention_logs_no_personal_data(
    session: Session, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    apply_retention(session, TODAY, dry_run=True)
    apply_retention(session, TODAY)
    assert "retention applied: 1 cases, 2 members" in caplog.text
    for word in (*OLD_NAMES, OLD_MEDICAL):
        assert word not in caplog.text
