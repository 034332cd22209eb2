"""Fixtures of the prospect tests: an engine on a prepared data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine


@pytest.fixture
def engine(prepared_dir: Path) -> Iterator[Engine]:
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine

    eng = make_engine(paths.database_path(prepared_dir))
    yield eng
    eng.dispose()
