"""A few cases for the Dossiers screen tests, built with the services as a user would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gui_waiting import settle
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import HouseholdMember
from vlot_desktop.domain.case_rules import MemberValues
from vlot_desktop.domain.enums import CaseStatus
from vlot_desktop.services.cases import NewCase, change_status, create_case
from vlot_desktop.settings import load_settings
from vlot_desktop.ui.cases.cases_view import CasesView

HASSELT = "71072"
GENT = "44021"
ANTWERPEN = "11002"
TIMEOUT = 20_000
TODAY = dt.date.today()


@dataclass(frozen=True)
class Cases:
    olena: str  # herhuisvesting, Hasselt, in behandeling, overdue, assigned to the user
    mykola: str  # kwetsbaar profiel, Gent, nieuw, household of three, health needs
    iryna: str  # FEDASIL-instroom, Antwerpen, afgesloten


def person(
    first: str,
    last: str,
    first_cyr: str | None = None,
    last_cyr: str | None = None,
    *,
    relation: str = "contactpersoon",
    birth_year: int | None = 1985,
    **extra: Any,
) -> MemberValues:
    return MemberValues(
        first_name=first,
        last_name=last,
        first_name_cyrillic=first_cyr,
        last_name_cyrillic=last_cyr,
        birth_year=birth_year,
        relation=relation,
        **extra,
    )


def _create(
    engine: Engine,
    user_id: str | None,
    case_type: str,
    team: str,
    nis: str,
    members: list[MemberValues],
    *,
    deadline: dt.date | None,
    assigned: bool = False,
    steps: tuple[CaseStatus, ...] = (),
) -> str:
    case_id, problems = create_case(
        engine,
        NewCase(
            case_type=case_type,
            team_code=team,
            municipality_nis=nis,
            opened_on=TODAY - dt.timedelta(days=40),
            deadline=deadline,
            assigned_to_id=user_id if assigned else None,
        ),
        members,
        author_id=user_id,
    )
    assert case_id is not None, problems
    for step in steps:
        assert change_status(engine, case_id, step, author_id=user_id) == []
    return case_id


def add_cases(data_dir: Path) -> Cases:
    user_id = load_settings(data_dir).user_id
    engine = make_engine(paths.database_path(data_dir))
    try:
        olena = _create(
            engine,
            user_id,
            "herhuisvesting",
            "limburg",
            HASSELT,
            [person("Olena", "Kovalenko", "Олена", "Коваленко")],
            deadline=TODAY - dt.timedelta(days=3),
            assigned=True,
            steps=(CaseStatus.IN_PROGRESS,),
        )
        mykola = _create(
            engine,
            user_id,
            "kwetsbaar_profiel",
            "oost-vlaanderen",
            GENT,
            [
                person("Mykola", "Shevchenko", "Микола", "Шевченко", language="Oekraïens"),
                person(
                    "Sofiia",
                    "Shevchenko",
                    "Софія",
                    "Шевченко",
                    relation="kind",
                    birth_year=2016,
                    school_age=True,
                ),
                person(
                    "Hanna",
                    "Shevchenko",
                    relation="grootouder",
                    birth_year=1950,
                    needs_medical=True,
                    needs_mobility=True,
                    medical_notes="Insuline",
                    has_pets=True,
                ),
            ],
            deadline=TODAY + dt.timedelta(days=60),
        )
        iryna = _create(
            engine,
            user_id,
            "fedasil_instroom",
            "antwerpen",
            ANTWERPEN,
            [person("Iryna", "Bondarenko", "Ірина", "Бондаренко")],
            deadline=TODAY - dt.timedelta(days=10),
            steps=(CaseStatus.IN_PROGRESS, CaseStatus.CLOSED),
        )
    finally:
        engine.dispose()
    return Cases(olena, mykola, iryna)


def member_id(engine: Engine, case_id: str, first_name: str) -> str:
    with Session(engine) as session:
        return session.scalars(
            select(HouseholdMember.id).where(
                HouseholdMember.case_id == case_id, HouseholdMember.first_name == first_name
            )
        ).one()


def open_cases_screen(qtbot: QtBot, make_window: Any, data_dir: Path) -> CasesView:
    window = make_window(data_dir)
    view = window.screen_by_key("cases")
    assert isinstance(view, CasesView)
    window.show_screen("cases")
    wait_idle(qtbot, view)
    return view


def wait_idle(qtbot: QtBot, view: CasesView) -> None:
    """Until the list shows the current filter (the worker delivered its page)."""
    qtbot.waitUntil(lambda: not view.is_loading and view.count_label.text() != "", timeout=TIMEOUT)


def column_texts(view: CasesView, column: int) -> list[str]:
    settle(view.runner)  # the list shows what the workers read
    model = view.model
    return [model.index(r, column).data() for r in range(model.rowCount(QModelIndex()))]


def references(view: CasesView) -> list[str]:
    return column_texts(view, 0)


def contacts(view: CasesView) -> list[str]:
    return column_texts(view, 1)


def row_cells(view: CasesView, row: int) -> list[str]:
    settle(view.runner)
    return [view.model.index(row, c).data() for c in range(view.model.columnCount())]


def select_contact(view: CasesView, name_start: str) -> str:
    """Select the line whose contact starts with ``name_start``; returns the case id."""
    row = next(i for i, name in enumerate(contacts(view)) if name.startswith(name_start))
    view.table.selectRow(row)
    case = view.model.row_at(row)
    assert case is not None and view.detail.case_id == case.id
    settle(view.runner)  # the pane reads the case in a worker
    return case.id


def header_texts(view: CasesView) -> list[str]:
    return [
        view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())
    ]
