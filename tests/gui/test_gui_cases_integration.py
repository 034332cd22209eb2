"""The Dossiers screen with its case actions: "Plaatsen zoeken", the "Acties" menu, and the
agenda and retention buttons (``ui.case_actions`` plugged into ``ui.cases``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session
from test_gui_cases_support import (
    HASSELT,
    TIMEOUT,
    Cases,
    add_cases,
    open_cases_screen,
    row_cells,
    select_contact,
)

from vlot_desktop.db.models import Location, Place
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold_join
from vlot_desktop.ui.case_actions import common
from vlot_desktop.ui.cases.cases_view import CasesView


@pytest.fixture
def cases(prepared_dir: Path) -> Cases:
    return add_cases(prepared_dir)


@pytest.fixture
def view(
    qtbot: QtBot, dutch: None, make_window: Any, prepared_dir: Path, cases: Cases
) -> CasesView:
    return open_cases_screen(qtbot, make_window, prepared_dir)


def _add_free_location(view: CasesView, free: int) -> str:
    with Session(view.context.engine) as session, session.begin():
        location = Location(
            name="De Linde",
            search_text=fold_join("De Linde"),
            location_type=LocationType.COLLECTIVE,
            status=LocationStatus.OPERATIONAL,
            status_since=dt.date(2025, 1, 1),
            municipality_nis=HASSELT,
            capacity=free,
        )
        session.add(location)
        session.flush()
        for number in range(1, free + 1):
            session.add(
                Place(location_id=location.id, label=f"Plaats {number}", status=PlaceStatus.FREE)
            )
        return location.id


def test_the_case_actions_are_in_the_actions_menu_and_need_a_case(
    view: CasesView, cases: Cases
) -> None:
    texts = [a.text() for a in view.case_action_list]
    assert texts == [
        "&Dossieroverzicht (PDF)…",
        "&Inzage-export van een persoon…",
        "Persoon &wissen…",
    ]
    assert view.detail.actions_menu.actions() == view.case_action_list
    assert not any(a.isEnabled() for a in view.case_action_list)
    select_contact(view, "Olena")
    assert all(a.isEnabled() for a in view.case_action_list)
    assert view.agenda_action.text() == "&Agenda wekelijks overleg (PDF)…"
    assert view.retention_action.text() == "&Bewaartermijn toepassen…"


def test_places_are_looked_for_only_when_the_tab_is_open_and_follow_the_case(
    qtbot: QtBot, view: CasesView, cases: Cases
) -> None:
    tabs = view.detail.tabs
    assert tabs.tabText(view.matching_tab) == "&Plaatsen zoeken"
    select_contact(view, "Olena")
    assert view.matching.case_id is None  # not looked for while another tab shows
    with qtbot.waitSignal(view.matching.loaded, timeout=TIMEOUT):
        tabs.setCurrentIndex(view.matching_tab)
    assert view.matching.case_id == cases.olena
    with qtbot.waitSignal(view.matching.loaded, timeout=TIMEOUT):
        select_contact(view, "Mykola")
    assert view.matching.case_id == cases.mykola


def test_assigning_a_place_updates_the_case_in_the_list_and_its_timeline(
    qtbot: QtBot, view: CasesView, cases: Cases, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "ask_confirmation", lambda *_args: True)
    _add_free_location(view, 4)
    view.apply_filter()
    qtbot.waitUntil(lambda: not view.is_loading, timeout=TIMEOUT)
    select_contact(view, "Olena")
    with qtbot.waitSignal(view.matching.loaded, timeout=TIMEOUT):
        view.detail.tabs.setCurrentIndex(view.matching_tab)
    assert view.matching.assign_button.isEnabled()
    with qtbot.waitSignal(view.matching.assigned, timeout=TIMEOUT):
        assert view.matching.assign_selected()
    row = next(r for r in range(view.model.rowCount()) if view.model.row_at(r).id == cases.olena)
    qtbot.waitUntil(lambda: "Oplossing gevonden" in row_cells(view, row), timeout=TIMEOUT)
    timeline = view.detail.timeline.model
    kinds = [timeline.index(r, 1).data() for r in range(timeline.rowCount())]
    assert "Toewijzing" in kinds


def _sheet_rows(path: Path) -> list[list[Any]]:
    import openpyxl

    sheet = openpyxl.load_workbook(path).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _viewings(view: CasesView) -> int:
    with view.context.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM sensitive_data_access").scalar())


def test_export_leaves_health_needs_out_unless_chosen(
    qtbot: QtBot, view: CasesView, cases: Cases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    target = tmp_path / "dossiers.xlsx"
    monkeypatch.setattr(view.exporter, "inform", told.append)
    monkeypatch.setattr(view.exporter, "ask_path", lambda: target)
    monkeypatch.setattr(view.exporter, "ask_sensitive", lambda: False)
    assert view.export_button.text() == "&Exporteren…"
    shown = view.model.rowCount()
    with qtbot.waitSignal(view.exporter.done, timeout=TIMEOUT):
        view.export_button.click()
    assert told == [f"{shown} dossiers geëxporteerd naar dossiers.xlsx."]
    rows = _sheet_rows(target)
    assert rows[0][:3] == ["Referentie", "Type", "Status"]
    assert not any("noden" in str(h) for h in rows[0])
    assert len(rows) == shown + 1
    assert any("Olena" in str(r[9]) for r in rows[1:])
    assert _viewings(view) == 0

    monkeypatch.setattr(view.exporter, "ask_sensitive", lambda: True)
    with qtbot.waitSignal(view.exporter.done, timeout=TIMEOUT):
        view.export_button.click()
    rows = _sheet_rows(target)
    assert rows[0][-2:] == ["Personen met mobiliteitsnoden", "Personen met medische noden"]
    assert told[-1].endswith("de inzage is geregistreerd.")
    assert _viewings(view) == shown  # one viewing per exported case
