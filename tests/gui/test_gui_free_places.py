"""The Vrije plaatsen screen: free places per province and municipality, drill-down, CSV export."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from gui_waiting import settle
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from vlot_desktop import paths
from vlot_desktop.db.engine import make_engine
from vlot_desktop.db.models import Location, Place
from vlot_desktop.db.queries.free_places import FreeLocation, FreeMunicipality, FreeProvince
from vlot_desktop.domain.enums import LocationStatus, LocationType, PlaceStatus
from vlot_desktop.domain.text import fold_join
from vlot_desktop.ui.free_places.free_places_view import FreePlacesView
from vlot_desktop.ui.locations.locations_view import LocationsView
from vlot_desktop.ui.main_window import MainWindow
from vlot_desktop.ui.models.free_place_tree_model import FreePlaceTreeModel


def _add(
    session: Session,
    name: str,
    nis: str,
    free: int,
    occupied: int,
    *,
    status: LocationStatus = LocationStatus.OPERATIONAL,
    vulnerable: bool = False,
) -> None:
    location = Location(
        name=name,
        search_text=fold_join(name),
        location_type=LocationType.HOUSE,
        status=status,
        street="Kerkstraat",
        house_number="3",
        postcode=None,
        municipality_nis=nis,
        capacity=free + occupied,
        suits_vulnerable_profiles=vulnerable,
    )
    session.add(location)
    session.flush()
    statuses = [PlaceStatus.FREE] * free + [PlaceStatus.OCCUPIED] * occupied
    session.add_all(
        Place(location_id=location.id, label=str(i), status=s, status_since=dt.date(2026, 1, 1))
        for i, s in enumerate(statuses)
    )


@pytest.fixture
def overview(dutch: None, make_window, prepared_dir: Path, qtbot: QtBot) -> FreePlacesView:  # type: ignore[no-untyped-def]
    engine = make_engine(paths.database_path(prepared_dir))
    with Session(engine) as session, session.begin():
        _add(session, "Huis Genk", "71016", 2, 1, vulnerable=True)  # Genk, Limburg
        _add(session, "Huis Hasselt", "71072", 1, 3)
        _add(session, "Woning Brugge", "31005", 4, 0)  # Brugge, West-Vlaanderen
        _add(session, "Vol", "31005", 0, 2)
        _add(session, "Oud", "71072", 5, 0, status=LocationStatus.CLOSED)
    engine.dispose()
    window: MainWindow = make_window(prepared_dir)
    view = window.show_screen("free_places")
    assert isinstance(view, FreePlacesView)
    qtbot.waitUntil(lambda: not view.is_loading and view.model.rowCount() > 0, timeout=10_000)
    return view


def _rows(model: FreePlaceTreeModel, parent: QModelIndex) -> list[list[str]]:
    return [
        [model.index(r, c, parent).data() for c in range(3)] for r in range(model.rowCount(parent))
    ]


def test_free_places_per_province_municipality_and_location(overview: FreePlacesView) -> None:
    model = overview.model
    root = QModelIndex()
    assert _rows(model, root) == [["Limburg", "3", "2"], ["West-Vlaanderen", "4", "1"]]
    limburg = model.index(0, 0, root)
    assert _rows(model, limburg) == [["Genk", "2", "1"], ["Hasselt", "1", "1"]]
    genk = model.index(0, 0, limburg)
    assert [model.index(0, c, genk).data() for c in range(5)] == [
        "Huis Genk",
        "2",
        "",
        "Individuele woning",
        "Kerkstraat 3",
    ]
    assert overview.summary_label.text() == "7 vrije plaatsen in 3 locaties"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == [
        "Provincie / gemeente / locatie",
        "Vrije plaatsen",
        "Locaties",
        "Type",
        "Adres",
    ]


def test_filter_on_vulnerable_profiles(qtbot: QtBot, overview: FreePlacesView) -> None:
    overview.vulnerable_check.setChecked(True)
    qtbot.waitUntil(lambda: overview.summary_label.text() == "2 vrije plaatsen in 1 locaties")
    assert _rows(overview.model, QModelIndex()) == [["Limburg", "2", "1"]]


def test_export_to_csv_for_excel(qtbot: QtBot, overview: FreePlacesView, tmp_path: Path) -> None:
    target = tmp_path / "vrije plaatsen.csv"
    with qtbot.waitSignal(overview.exported, timeout=10_000):
        overview.export_csv(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the accents
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["Provincie", "Gemeente", "NIS-code", "Opvanglocatie"]
    assert rows[1:] == [
        [
            "Limburg",
            "Genk",
            "71016",
            "Huis Genk",
            "Individuele woning",
            "Operationeel",
            "Kerkstraat 3",
            "2",
            "3",
            "ja",
            "nee",
        ],
        [
            "Limburg",
            "Hasselt",
            "71072",
            "Huis Hasselt",
            "Individuele woning",
            "Operationeel",
            "Kerkstraat 3",
            "1",
            "4",
            "nee",
            "nee",
        ],
        [
            "West-Vlaanderen",
            "Brugge",
            "31005",
            "Woning Brugge",
            "Individuele woning",
            "Operationeel",
            "Kerkstraat 3",
            "4",
            "4",
            "nee",
            "nee",
        ],
    ]
    assert overview.message_label.text().startswith("3 locaties geëxporteerd naar ")


def test_opening_a_location_shows_it_on_the_locations_screen(overview: FreePlacesView) -> None:
    model = overview.model
    brugge = model.index(0, 0, model.index(0, 0, model.index(1, 0)))
    overview.tree.setCurrentIndex(brugge)
    assert overview.open_button.isEnabled()
    overview.open_selected()
    window = overview.window()
    assert isinstance(window, MainWindow)
    locations = window.current_screen()
    assert isinstance(locations, LocationsView)
    settle(locations.runner)  # the pane reads the location in a worker
    assert locations.detail.name_label.text() == "Woning Brugge"


def test_free_place_tree_model(qtmodeltester: ModelTester, dutch: None) -> None:
    model = FreePlaceTreeModel()
    qtmodeltester.check(model)
    location = FreeLocation(
        "id-1", "Huis", "individuele_woning", "operationeel", "Dorp", "1", "3500", 3, 2, True, False
    )
    model.set_overview(
        [FreeProvince("limburg", "Limburg", [FreeMunicipality("71072", "Hasselt", [location])])]
    )
    qtmodeltester.check(model)
    assert model.total_free == 2


def test_the_small_demo_set(qtbot: QtBot, dutch: None, make_window, demo_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window: MainWindow = make_window(demo_dir)
    view = window.show_screen("free_places")
    assert isinstance(view, FreePlacesView)
    qtbot.waitUntil(lambda: not view.is_loading and view.model.rowCount() > 0, timeout=10_000)
    assert view.model.rowCount() == 5  # every province has free places
    total = sum(int(p.free) for p in view.provinces)
    assert total == view.model.total_free > 0
    assert view.summary_label.text().startswith(f"{total:,}".replace(",", "."))


def test_a_change_announced_elsewhere_shows_without_a_click(
    overview: FreePlacesView, prepared_dir: Path
) -> None:
    from gui_elsewhere import add_location, synced
    from gui_waiting import settle

    assert overview.summary_label.text() == "7 vrije plaatsen in 3 locaties"
    add_location(prepared_dir, "Opvang Zonnebloem", "71072", free_places=5)
    overview.context.announce(synced("location", "place"))  # a sync round brought it in
    settle(overview.runner)
    assert overview.model.total_free == 12
    assert overview.summary_label.text() == "12 vrije plaatsen in 4 locaties"
