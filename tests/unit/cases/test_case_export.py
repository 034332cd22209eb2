"""The Dossiers list export: the filtered cases, health needs only when chosen (and recorded)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vlot_desktop.db.models import SensitiveDataAccess
from vlot_desktop.db.queries.cases import CaseFilter, CaseState
from vlot_desktop.services.case_export import export_cases

from .conftest import TODAY, member, new_case


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def _viewings(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(SensitiveDataAccess)) or 0)


@pytest.fixture
def two_cases(engine: Engine, author_id: str) -> tuple[str, str]:
    olena = new_case(
        engine,
        author_id,
        [
            member(mobility=True),
            member("Taras", "Kovalenko", "Тарас", None, relation="kind", medical=True),
        ],
    )
    mykola = new_case(engine, author_id, [member("Mykola", "Bondarenko", None, None)])
    return olena, mykola


def test_without_the_choice_no_health_data_and_no_viewing(
    engine: Engine, two_cases: tuple[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "dossiers.csv"
    count = export_cases(engine, CaseFilter(state=CaseState.OPEN, today=TODAY), out)
    rows = _csv(out)
    assert count == 2 and len(rows) == 3
    assert rows[0] == [
        "Referentie",
        "Type",
        "Status",
        "Geopend op",
        "Deadline",
        "Team",
        "Gemeente",
        "Toegewezen aan",
        "Gezinsleden",
        "Contactpersoon",
    ]
    assert rows[1][1:4] == ["Herhuisvesting", "Nieuw", "02/11/2026"]
    assert {r[9] for r in rows[1:]} == {"Olena Kovalenko (Олена Коваленко)", "Mykola Bondarenko"}
    assert _viewings(engine) == 0


def test_with_the_choice_the_counts_are_added_and_each_case_viewing_recorded(
    engine: Engine, two_cases: tuple[str, str], tmp_path: Path, author_id: str
) -> None:
    out = tmp_path / "dossiers.csv"
    export_cases(
        engine,
        CaseFilter(search="olena", today=TODAY),
        out,
        include_sensitive=True,
        user_id=author_id,
    )
    rows = _csv(out)
    assert rows[0][-2:] == ["Personen met mobiliteitsnoden", "Personen met medische noden"]
    assert len(rows) == 2 and rows[1][-2:] == ["1", "1"]
    assert _viewings(engine) == 1
