"""Every table model passes pytest-qt's model tester, empty and filled."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from pytestqt.modeltest import ModelTester

from vlot_desktop.db.queries.dashboard import DashboardFigures, TeamFigures
from vlot_desktop.db.queries.municipalities import (
    ContactPersonRow,
    MunicipalityCounts,
    MunicipalityRow,
)
from vlot_desktop.ui.main_window import MainWindow
from vlot_desktop.ui.models.contact_person_model import ContactPersonTableModel
from vlot_desktop.ui.models.dashboard_model import DashboardTableModel
from vlot_desktop.ui.models.municipality_model import MunicipalityTableModel
from vlot_desktop.ui.models.roles import SORT_ROLE


def _figures() -> DashboardFigures:
    rows = [
        TeamFigures("limburg", "Limburg", "Limburg", True, 3, {"vrij": 1200, "bezet": 4}, 5, 6, 7),
        TeamFigures("centraal", "Centraal team", "Central team", False, 0, {}, 2, 1, 0),
    ]
    total = TeamFigures(
        "vlaanderen", "Vlaanderen (totaal)", "Flanders (total)", True, 3, {"vrij": 1200}, 7, 7, 7
    )
    return DashboardFigures(rows=rows, total=total, year=2026)


def test_dashboard_model(qtmodeltester: ModelTester, dutch: None) -> None:
    model = DashboardTableModel()
    qtmodeltester.check(model)
    model.set_figures(_figures())
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.data(model.index(0, 3)) == "1.200"
    assert model.data(model.index(0, 3), SORT_ROLE) == 1200
    assert model.data(model.index(1, 1)) == "—"
    model.set_figures(_figures())
    qtmodeltester.check(model)


def test_municipality_model(qtmodeltester: ModelTester, dutch: None) -> None:
    model = MunicipalityTableModel()
    qtmodeltester.check(model)
    rows = [
        MunicipalityRow("44021", "Gent", "oost-vlaanderen", "Oost-Vlaanderen", "Gent"),
        MunicipalityRow("71016", "Genk", "limburg", "Limburg", "Hasselt"),
    ]
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.index(0, 4).data() == ""  # counts not loaded yet: empty, not zero
    model.set_counts({"44021": MunicipalityCounts(2, 1234, 10, 3, 4, 5)})
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(4, 10)] == ["2", "1.234", "10", "3", "4", "5"]
    assert model.index(1, 5).data() == "0"
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(5, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    assert proxy.index(0, 0).data() == "Gent"
    model.set_rows(rows[1:])
    qtmodeltester.check(proxy)


def test_contact_person_model(qtmodeltester: ModelTester, dutch: None) -> None:
    model = ContactPersonTableModel()
    qtmodeltester.check(model)
    model.set_rows(
        [
            ContactPersonRow(
                "1", "Els", "Van Damme", "gemeentelijke_coordinator", "els@x.be", None
            ),
            ContactPersonRow("2", "Olena", "Kovalenko", "iets_nieuws", None, "0470 00 00 00"),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "Gemeentelijke coördinator"
    assert model.index(1, 1).data() == "iets_nieuws"  # a role of a newer version: as stored
    assert model.index(1, 2).data() == ""


def test_models_of_the_running_window(qtmodeltester: ModelTester, window: MainWindow) -> None:
    qtmodeltester.check(window.dashboard.model)
    qtmodeltester.check(window.municipalities.model)
    qtmodeltester.check(window.municipalities.proxy)
    window.municipalities.select_municipality("44021")
    qtmodeltester.check(window.municipalities.detail.contacts_model)


def test_pyside_does_not_lose_references_to_none(dutch: None) -> None:
    """PySide6-Essentials 6.12.0 on Python 3.11 drops a reference to None on every void call and
    every None returned by data(); after a few thousand the interpreter aborts ("none_dealloc").
    pyproject.toml excludes that release; this test catches a release with the same bug."""
    import sys

    from PySide6.QtWidgets import QTableView

    model = ContactPersonTableModel()
    view = QTableView()
    view.setModel(model)
    before = sys.getrefcount(None)
    for _ in range(2000):
        view.setVisible(False)  # a void method: returns None to Python
        model.index(0, 0).data(Qt.ItemDataRole.DecorationRole)  # data() returns None to Qt
    assert sys.getrefcount(None) > before - 100, "this PySide6 release loses references to None"
