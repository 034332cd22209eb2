"""A prepared data folder (An Peeters, regional team Limburg) and a second staff member, for
the contact, meeting and VLOT-flits services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.settings import load_settings

TODAY = dt.date(2026, 11, 26)  # a Thursday
DAY = dt.timedelta(days=1)
HASSELT = "71072"
GENK = "71016"
STAMP = "2026-01-05 09:00:00.000000"
BART = "0196a000-0000-7000-8000-0000000b0001"  # a colleague in Limburg
PERSON = "0196a000-0000-7000-8000-0000000c0001"  # municipal coordinator of Hasselt


@dataclass(frozen=True)
class Office:
    engine: Engine
    data_dir: Path
    user_id: str

    def sql(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        with self.engine.begin() as conn:
            result = conn.exec_driver_sql(sql, params)
            return [tuple(r) for r in result.fetchall()] if result.returns_rows else []


@pytest.fixture
def office(prepared_dir: Path) -> Iterator[Office]:
    engine = make_engine(paths.database_path(prepared_dir))
    user_id = load_settings(prepared_dir).user_id
    assert user_id
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO staff_user (id, name, email, team_code, active, created_at, "
            "updated_at) VALUES (?, 'Bart Claes', NULL, 'limburg', 1, ?, ?)",
            (BART, STAMP, STAMP),
        )
        conn.exec_driver_sql(
            "INSERT INTO contact_person (id, first_name, last_name, role, municipality_nis, "
            "active, created_at, updated_at) VALUES (?, 'Els', 'Wouters', "
            "'gemeentelijke_coordinator', ?, 1, ?, ?)",
            (PERSON, HASSELT, STAMP, STAMP),
        )
    yield Office(engine, prepared_dir, user_id)
    engine.dispose()
