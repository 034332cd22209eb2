"""'Erase this person': one member's personal data purged, the household still counts."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from privacy_cases import Seeded, query
from sqlalchemy.orm import Session

from vlot_desktop.services.privacy import UnknownMemberError, erase_member


def test_erasing_a_member_purges_their_fields_and_mentions_only(
    session: Session, seeded: Seeded, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    summary = erase_member(session, seeded.olena)
    assert (summary.members, summary.events) == (1, 1)
    assert query(
        db_path,
        "SELECT first_name, last_name, first_name_cyrillic, search_names, birth_year, "
        "needs_mobility, medical_notes, relation FROM household_member WHERE id = ?",
        seeded.olena,
    ) == [("", "", None, "", None, 0, None, "contactpersoon")]
    # The note naming her lost its text; the status change and Taras stay.
    events = query(
        db_path,
        "SELECT kind, text, to_status FROM case_event WHERE case_id = ? ORDER BY occurred_at",
        seeded.open_case,
    )
    assert events == [("notitie", None, None), ("statuswijziging", None, "in_behandeling")]
    assert query(db_path, "SELECT first_name FROM household_member WHERE id = ?", seeded.taras) == [
        ("Taras",)
    ]
    assert query(
        db_path, "SELECT household_size FROM case_file WHERE id = ?", seeded.open_case
    ) == [(2,)]
    outbox = repr(query(db_path, "SELECT * FROM sync_outbox"))
    for word in ("Olena", "Олена", "Rolstoel"):
        assert word not in outbox
        assert word not in caplog.text
    assert "Taras" in outbox  # the check can find a name that is still there


def test_an_unknown_member_changes_nothing(session: Session, seeded: Seeded, db_path: Path) -> None:
    before = query(db_path, "SELECT * FROM sync_outbox")
    with pytest.raises(UnknownMemberError):
        erase_member(session, "no-such-member")
    assert query(db_path, "SELECT * FROM sync_outbox") == before


def test_erasing_twice_is_harmless(session: Session, seeded: Seeded, db_path: Path) -> None:
    erase_member(session, seeded.taras)
    erase_member(session, seeded.taras)
    assert query(db_path, "SELECT first_name FROM household_member WHERE id = ?", seeded.taras) == [
        ("",)
    ]
