"""Screens stay true: a change made in one screen, or brought in by a sync, shows in every open
screen without a click (issue "One way to build a screen", item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_waiting import settle
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session
from test_gui_locations import _add as add_location
from test_gui_sync import Laptop, sync_in_window

from vlot_desktop.db.engine import make_engine
from vlot_desktop.domain.enums import PlaceStatus
from vlot_desktop.services.locations import create_location
from vlot_desktop.ui.free_places.free_places_view import FreePlacesView
from vlot_desktop.ui.locations.locations_view import LocationsView
from vlot_desktop.ui.main_window import MainWindow

HASSELT = "71072"


@pytest.fixture
def an(tmp_path: Path) -> Laptop:
    (tmp_path / "share").mkdir()
    return Laptop(tmp_path, "an", tmp_path / "share", create=True)


@pytest.fixture
def bart(tmp_path: Path, an: Laptop) -> Laptop:
    return Laptop(tmp_path, "bart", tmp_path / "share")


def _names(view: LocationsView) -> list[str]:
    settle(view.runner)
    return [view.model.index(r, 0).data() for r in range(view.model.rowCount())]


def test_a_location_made_on_another_laptop_appears_in_the_open_list_after_the_sync(
    qtbot: QtBot,
    dutch: None,
    make_window,
    an: Laptop,
    bart: Laptop,  # type: ignore[no-untyped-def]
) -> None:
    window: MainWindow = make_window(bart.dir)
    view = window.show_screen("locations")
    assert isinstance(view, LocationsView)
    assert _names(view) == []
    engine = make_engine(an.db)
    try:
        location_id, problems = create_location(
            engine,
            name="Opvang Zonnebloem",
            location_type="collectieve_opvang",
            municipality_nis=HASSELT,
            author_id=None,
        )
    finally:
        engine.dispose()
    assert location_id is not None and not [p for p in problems if p.is_error]
    an.sync()
    sync_in_window(qtbot, window)  # no click on the list, no F5
    assert _names(view) == ["Opvang Zonnebloem"]
    assert view.totals_label.text().startswith("1 locatie")


def test_an_edit_in_opvanglocaties_shows_in_vrije_plaatsen_and_a_hidden_screen_catches_up(
    qtbot: QtBot,
    dutch: None,
    make_window,
    an: Laptop,  # type: ignore[no-untyped-def]
) -> None:
    engine = make_engine(an.db)
    try:
        with Session(engine) as session, session.begin():
            add_location(session, "De Linde", HASSELT, [PlaceStatus.FREE] * 3, town="Hasselt")
    finally:
        engine.dispose()
    window: MainWindow = make_window(an.dir)
    free_places = window.show_screen("free_places")
    assert isinstance(free_places, FreePlacesView)
    settle(window.runner)
    before = free_places.model.total_free
    view = window.show_screen("locations")
    assert isinstance(view, LocationsView)
    assert _names(view) == ["De Linde"]
    view.table.selectRow(0)
    settle(window.runner)  # the pane reads the location in a worker
    panel = view.detail.places_panel
    panel.table.selectRow(0)
    assert panel.set_status(PlaceStatus.OCCUPIED)
    settle(window.runner)
    # Vrije plaatsen was hidden: it re-reads when shown, without F5.
    window.show_screen("free_places")
    settle(window.runner)
    assert before == 3 and free_places.model.total_free == 2
