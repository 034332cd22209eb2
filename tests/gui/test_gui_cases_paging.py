"""The Dossiers list reads 200 cases at a time: "Meer laden" and scrolling read the next page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session
from test_gui_cases_support import TIMEOUT, open_cases_screen, references, wait_idle

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import Case, HouseholdMember
from vlot_desktop.domain.enums import CaseStatus, CaseType, Relation
from vlot_desktop.domain.text import fold_join
from vlot_desktop.ui.cases.cases_view import CasesView

COUNT = 450


@pytest.fixture
def many_dir(prepared_dir: Path) -> Path:
    engine = make_engine(paths.database_path(prepared_dir))
    with Session(engine) as session, session.begin():
        for number in range(1, COUNT + 1):
            case = Case(
                reference=f"HH-2026-{number:05d}",
                case_type=CaseType.REHOUSING,
                status=CaseStatus.NEW,
                team_code="limburg",
                municipality_nis="71072",
                opened_on=dt.date(2026, 1, 5),
                deadline=dt.date(2027, 1, 1) + dt.timedelta(days=number),
                household_size=1,
            )
            session.add(case)
            session.flush()
            first = "Olena" if number % 50 == 0 else "Petro"
            session.add(
                HouseholdMember(
                    case_id=case.id,
                    first_name=first,
                    last_name=f"Nummer{number}",
                    search_names=fold_join(first, f"Nummer{number}"),
                    relation=Relation.CONTACT_PERSON,
                )
            )
    engine.dispose()
    return prepared_dir


@pytest.fixture
def view(qtbot: QtBot, dutch: None, make_window: Any, many_dir: Path) -> CasesView:
    return open_cases_screen(qtbot, make_window, many_dir)


def test_meer_laden_and_scrolling_read_the_next_pages(qtbot: QtBot, view: CasesView) -> None:
    assert view.model.rowCount() == 200
    assert references(view)[:2] == ["HH-2026-00001", "HH-2026-00002"]  # nearest deadline first
    assert view.count_label.text() == "450 dossiers · 200 getoond"
    assert view.more_button.isVisible() and view.more_button.text() == "&Meer laden"
    view.more_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 400, timeout=TIMEOUT)
    assert references(view)[200] == "HH-2026-00201"
    assert view.count_label.text() == "450 dossiers · 400 getoond"
    # Scrolling to the end asks for the rest.
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == COUNT, timeout=TIMEOUT)
    assert len(set(references(view))) == COUNT  # no page twice
    assert view.count_label.text() == "450 dossiers"
    assert not view.more_button.isVisible()
    assert not view.model.canFetchMore()


def test_a_new_search_starts_at_the_first_page_again(qtbot: QtBot, view: CasesView) -> None:
    view.more_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 400, timeout=TIMEOUT)
    view.search_edit.setText("olena")
    wait_idle(qtbot, view)
    assert view.model.rowCount() == 9
    assert view.count_label.text() == "9 dossiers"
    assert not view.more_button.isVisible()
    view.search_edit.clear()
    wait_idle(qtbot, view)
    assert view.model.rowCount() == 200


def test_sorting_descending_reads_from_the_other_end(qtbot: QtBot, view: CasesView) -> None:
    from PySide6.QtCore import Qt

    view.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    wait_idle(qtbot, view)
    assert references(view)[0] == "HH-2026-00450"
    view.load_more()
    qtbot.waitUntil(lambda: view.model.rowCount() == 400, timeout=TIMEOUT)
    assert references(view)[399] == "HH-2026-00051"
