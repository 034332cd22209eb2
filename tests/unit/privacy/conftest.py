"""A prepared data folder with the cases of ``privacy_cases`` and an open session on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from privacy_cases import Seeded, seed
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine, make_session_factory


@pytest.fixture
def db_path(prepared_dir: Path) -> Path:
    return paths.database_path(prepared_dir)


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    engine = make_engine(db_path)
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


@pytest.fixture
def seeded(session: Session) -> Seeded:
    return seed(session)
