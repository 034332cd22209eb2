"""The Vrije plaatsen screen: free places now per province and municipality, down to locations.

When a host family stops, a municipality asks where in the province there is room: this screen
answers that at a glance, and exports the answer as a CSV file for Excel. The overview is read
in a worker (one grouped query, through ``ui.ops.QueryOp``), again whenever locations or places
change anywhere; a double click on a location opens it on the Opvanglocaties screen.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.models.free_place_tree_model import (
    FREE,
    LEVEL_ROLE,
    LOCATIONS,
    NAME,
    TYPE,
    FreePlaceTreeModel,
)
from vlot_desktop.ui.models.roles import KEY_ROLE
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskContext, TaskHandle, TaskRunner
from vlot_desktop.ui.widgets.screen import Screen, heading

if TYPE_CHECKING:
    from vlot_desktop.db.queries.free_places import FreeProvince


class FreePlacesView(Screen):
    """Signals:
    loaded(): the overview shows fresh figures (inherited).
    exported(str): the CSV file (path) was written.
    """

    key = "free_places"
    shows = frozenset({"location", "place"})
    exported = Signal(str)

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self.provinces: list[FreeProvince] = []
        self._task: TaskHandle | None = None
        self._export_task: TaskHandle | None = None

        self.heading = heading(self.tr("Free places"), self)
        self.export_button = QPushButton(self.tr("&Export to CSV…"), self)
        self.export_button.clicked.connect(self.choose_export_file)
        self.open_button = QPushButton(self.tr("&Open location"), self)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.open_button)
        top.addWidget(self.export_button)

        self.vulnerable_check = QCheckBox(self.tr("Only locations for &vulnerable profiles"), self)
        self.wheelchair_check = QCheckBox(self.tr("Only &wheelchair accessible locations"), self)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("freePlacesSummary")
        filters = QHBoxLayout()
        filters.addWidget(self.vulnerable_check)
        filters.addSpacing(12)
        filters.addWidget(self.wheelchair_check)
        filters.addSpacing(24)
        filters.addWidget(self.summary_label)
        filters.addStretch(1)

        self.model = FreePlaceTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(self.tr("Free places per province, municipality and location"))
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message_label)

        self.vulnerable_check.toggled.connect(self.refresh)
        self.wheelchair_check.toggled.connect(self.refresh)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.tree.doubleClicked.connect(self._double_clicked)

    @property
    def is_loading(self) -> bool:
        return self._task is not None

    def refresh(self) -> None:
        if not self.context.is_ready:
            return
        from vlot_desktop.db.queries.free_places import FreePlacesFilter, free_places_overview

        overview_filter = FreePlacesFilter(
            suits_vulnerable_profiles=self.vulnerable_check.isChecked(),
            wheelchair_accessible=self.wheelchair_check.isChecked(),
        )
        self._task = (
            QueryOp(
                self.context,
                lambda store: store.read(free_places_overview, overview_filter),
                success=self._show,
            )
            .failure(self._failed)
            .owned_by(self)
            .latest("overview")
            .named("free places")
            .run()
        )

    def _size_columns(self) -> None:
        # After every rebuild: clearing the model also resets the header's sections.
        header = self.tree.header()
        fm = self.fontMetrics()
        header.resizeSection(NAME, fm.horizontalAdvance("Collectieve opvang Sint-Martinus") + 80)
        header.resizeSection(FREE, fm.horizontalAdvance("Vrije plaatsen") + 24)
        header.resizeSection(LOCATIONS, fm.horizontalAdvance("Locaties") + 24)
        header.resizeSection(TYPE, fm.horizontalAdvance("Individuele woning") + 24)

    def _show(self, provinces: list[FreeProvince]) -> None:
        self._task = None
        self.provinces = provinces
        self.model.set_overview(provinces)
        self._size_columns()
        for row in range(self.model.rowCount()):
            self.tree.expand(self.model.index(row, 0))
        self.summary_label.setText(
            self.tr("%1 free places in %2 locations")
            .replace("%1", format_int(self.model.total_free))
            .replace("%2", format_int(self.model.total_locations))
        )
        self.export_button.setEnabled(bool(provinces))
        self.open_button.setEnabled(False)
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        sys.excepthook(type(exc), exc, exc.__traceback__)

    # -- opening a location --------------------------------------------------------------------

    def _location_id(self, index: QModelIndex) -> str | None:
        if not index.isValid():
            return None
        name_index = index.siblingAtColumn(NAME)
        if name_index.data(LEVEL_ROLE) != "location":
            return None
        value = name_index.data(KEY_ROLE)
        return str(value) if value else None

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.open_button.setEnabled(self._location_id(current) is not None)

    @Slot(QModelIndex)
    def _double_clicked(self, index: QModelIndex) -> None:
        location_id = self._location_id(index)
        if location_id is not None:
            self.open_location(location_id)

    @Slot()
    def open_selected(self) -> None:
        location_id = self._location_id(self.tree.currentIndex())
        if location_id is not None:
            self.open_location(location_id)

    def open_location(self, location_id: str) -> bool:
        """Show the location on the Opvanglocaties screen (the window's navigation)."""
        window = self.window()
        show_screen = getattr(window, "show_screen", None)
        if show_screen is None:
            return False
        screen = show_screen("locations")
        open_location = getattr(screen, "open_location", None)
        if open_location is None:
            return False
        open_location(location_id)
        return True

    # -- export ----------------------------------------------------------------------------------

    @Slot()
    def choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export free places"),
            str(Path.home() / "vrije-plaatsen.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if path:
            if not path.lower().endswith(".csv"):
                path += ".csv"
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        """Write the overview as shown to ``path`` in a worker; ``exported`` says when."""
        from vlot_desktop.services.places import write_free_places_csv

        provinces = list(self.provinces)
        self.export_button.setEnabled(False)

        def work(_task: TaskContext) -> int:
            return write_free_places_csv(path, provinces)

        def done(rows: int) -> None:
            self._export_task = None
            self.export_button.setEnabled(True)
            self.message_label.setText(
                self.tr("%1 locations exported to %2.")
                .replace("%1", format_int(rows))
                .replace("%2", str(path))
            )
            self.exported.emit(str(path))

        def failed(exc: BaseException) -> None:
            self._export_task = None
            self.export_button.setEnabled(True)
            self.message_label.setText(
                self.tr("The file could not be written: %1").replace("%1", str(exc))
            )

        self._export_task = self.runner.run(
            work, on_result=done, on_error=failed, owner=self, name="free places export"
        )
