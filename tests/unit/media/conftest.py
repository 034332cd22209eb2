"""Fixtures for the photo tests: a prepared data folder with one prospect visit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine, make_session_factory
from vlot_desktop.db.models.prospects import ProspectVisit
from vlot_desktop.domain.enums import ProspectStatus


@pytest.fixture
def session(prepared_dir: Path) -> Iterator[Session]:
    engine = make_engine(paths.database_path(prepared_dir))
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


@pytest.fixture
def visit_id(session: Session) -> str:
    visit = ProspectVisit(
        name="Klooster Sint-Jozef",
        street="Kerkstraat",
        house_number="12",
        postcode="3500",
        municipality_nis="71072",
        status=ProspectStatus.VISITED,
        visit_date=dt.date(2026, 11, 20),
        template="prospect",
        template_version=1,
    )
    session.add(visit)
    session.commit()
    return visit.id
