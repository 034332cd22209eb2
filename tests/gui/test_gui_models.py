"""Every table model passes pytest-qt's model tester, empty and filled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
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
from vlot_desktop.ui.models.roles import KEY_ROLE, SORT_ROLE
from vlot_desktop.ui.models.table_model import (
    NUMERIC_ALIGNMENT,
    Column,
    ColumnTableModel,
    number_column,
    text_column,
)


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


@dataclass(frozen=True)
class _Thing:
    id: str
    name: str
    count: int | None


class _ThingModel(ColumnTableModel[_Thing]):
    """The smallest subclass: columns, a key and one extra role."""

    def __init__(self) -> None:
        super().__init__()
        self.set_columns(
            [
                text_column("Name", lambda t: t.name, "The name"),
                number_column("Number of things", None, lambda t: t.count),
                Column("Code", display=lambda t: t.id.upper(), cell_tooltip=lambda t: t.id),
            ]
        )

    def row_key(self, row: _Thing) -> object:
        return row.id

    def cell_data(self, row: _Thing, column: Column[_Thing], role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column.numeric:
            return Qt.CheckState.Checked.value if row.count else Qt.CheckState.Unchecked.value
        return super().cell_data(row, column, role)


def test_column_table_model(qtmodeltester: ModelTester, dutch: None) -> None:
    model = _ThingModel()
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (0, 3)
    model.set_rows([_Thing("a", "Aap", 1234), _Thing("b", "Beer", None)])
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert model.rowCount(model.index(0, 0)) == 0 and model.columnCount(model.index(0, 0)) == 0
    assert model.row_at(1) == _Thing("b", "Beer", None)
    assert model.row_at(2) is None and model.row_at(-1) is None
    assert model.column_at(3) is None and model.column_at(-1) is None

    def header(section: int, role: Qt.ItemDataRole) -> Any:
        return model.headerData(section, Qt.Orientation.Horizontal, role)

    display, tooltip, align = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
    )
    assert [header(c, display) for c in range(3)] == ["Name", "Number of\nthings", "Code"]
    assert [header(c, tooltip) for c in range(3)] == ["The name", None, None]
    assert [header(c, align) for c in range(3)] == [None, NUMERIC_ALIGNMENT, None]
    assert header(3, display) is None
    assert model.headerData(0, Qt.Orientation.Vertical, display) is None

    def cells(row: int, role: int) -> list[Any]:
        return [model.index(row, c).data(role) for c in range(3)]

    assert cells(0, display) == ["Aap", "1.234", "A"]
    assert cells(0, SORT_ROLE) == ["Aap", 1234, None]
    assert cells(0, align) == [None, NUMERIC_ALIGNMENT, None]
    assert cells(0, tooltip) == [None, None, "a"]
    assert cells(0, KEY_ROLE) == ["a", "a", "a"]
    assert cells(1, display) == ["Beer", "", "B"]  # an unknown number: empty, not zero
    assert cells(1, SORT_ROLE) == ["Beer", None, None]
    assert cells(0, Qt.ItemDataRole.CheckStateRole) == [None, Qt.CheckState.Checked.value, None]
    assert cells(0, Qt.ItemDataRole.DecorationRole) == [None, None, None]
    assert model.data(QModelIndex()) is None

    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    model.set_rows([_Thing("a", "Aap", 1234), _Thing("c", "Cavia", 999)])
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)
    assert [proxy.index(r, 0).data() for r in range(2)] == ["Cavia", "Aap"]  # 999 < 1.234


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
