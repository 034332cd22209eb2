"""An erased name is not in the database file or its WAL, without anyone running VACUUM.

(The sync tests vacuum first; a real laptop never does, so the app must not rely on it.)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from privacy_cases import Seeded
from sqlalchemy.orm import Session

from vlot_desktop.services.privacy import apply_retention, erase_member


def _raw(db_path: Path) -> bytes:
    wal = db_path.with_name(db_path.name + "-wal")
    return db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_an_erased_member_leaves_no_bytes_behind(
    session: Session, seeded: Seeded, db_path: Path
) -> None:
    assert "Олена".encode() in _raw(db_path) or b"Olena" in _raw(db_path)
    erase_member(session, seeded.olena)
    raw = _raw(db_path)
    # Also folded, as the name search index holds them ("olena" is not checked: the
    # municipality Olen followed by its province spells it in the reference data).
    for word in ("Olena", "Олена", "олена", "Rolstoel"):
        assert word.encode() not in raw, word
    assert b"Taras" in raw  # the check finds a name that is still there


def test_retention_leaves_no_bytes_behind(session: Session, seeded: Seeded, db_path: Path) -> None:
    assert b"Svitlana" in _raw(db_path)
    apply_retention(session, dt.date(2026, 11, 27), 12)
    raw = _raw(db_path)
    for word in ("Svitlana", "Shevchuk", "svitlana", "shevchuk"):
        assert word.encode() not in raw, word
