"""The Opvanglocaties screen: filters, the paged list, the totals line and the detail pane.

Every keystroke in the search field and every filter change reads the first page of the list
and the totals for the filter in a worker (``ui.ops``; the newest read wins, older ones are
dropped), about 30 ms on the large demo set with 5,000 locations and 40,000 places
(``tests/benchmarks/locations_bench.py``). Further pages are read as the user scrolls.

For the import and export buttons (``ui/locations_io``): ``add_toolbar_widget`` puts a button
on the heading row, next to "Nieuwe locatie"; ``current_filter()`` is what the list shows and
``refresh()`` re-reads it after an import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import LocationStatus, LocationType
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.delete_location import LocationDeleter
from vlot_desktop.ui.locations.detail_pane import LocationDetailPane
from vlot_desktop.ui.models.location_table_model import COLUMNS, ColumnKey, LocationTableModel
from vlot_desktop.ui.models.paged_model import PagedList
from vlot_desktop.ui.models.roles import KEY_ROLE
from vlot_desktop.ui.ops import QueryOp
from vlot_desktop.ui.tasks import TaskRunner
from vlot_desktop.ui.widgets.screen import Screen, heading

if TYPE_CHECKING:  # SQLAlchemy is imported only once the database opens
    from vlot_desktop.db.queries.location_filter import LocationFilter
    from vlot_desktop.db.queries.locations import LocationRow, LocationTotals
    from vlot_desktop.services.location_list import LocationChoices
    from vlot_desktop.services.store import Store


def _combo(parent: QWidget, accessible: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


class LocationsView(Screen):
    """Signals (inherited):
    loaded(): the list shows the current filter.
    """

    key = "locations"
    shows = frozenset(
        {
            "location",
            "place",
            "location_partner",
            "location_status_change",
            "place_status_change",
            "capacity_change",
            "organisation",
            "contact_person",
            "municipality",
        }
    )

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        self._choices_loaded = False
        self._choices_loading = False
        self._selected_id: str | None = None
        self.totals: LocationTotals | None = None

        self.heading = heading(self.tr("Reception locations"), self)
        self.new_button = QPushButton(self.tr("&New location…"), self)
        self.new_button.clicked.connect(self.new_location)
        # The heading row: title left, the screen's actions right (import/export go here too).
        self.toolbar = QHBoxLayout()
        self.toolbar.setSpacing(8)
        self.toolbar.addWidget(self.heading)
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.new_button)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.setToolTip(self.tr("Import locations from Excel (.xlsx) or CSV"))
        self.import_button.clicked.connect(self.import_locations)
        self.toolbar.addWidget(self.import_button)
        self.export_button = QPushButton(self.tr("E&xport…"), self)
        self.export_button.setToolTip(self.tr("Export the locations shown to Excel or CSV"))
        self.export_button.clicked.connect(self.export_locations)
        self.toolbar.addWidget(self.export_button)

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Name, street or municipality"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search a location"))
        self.search_edit.setMinimumWidth(220)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search_edit)
        self.province_combo = _combo(self, self.tr("Filter by region"))
        self.province_combo.addItem(self.tr("All regions"), None)
        province_label = QLabel(self.tr("&Region:"), self)
        province_label.setBuddy(self.province_combo)
        self.municipality_combo = _combo(self, self.tr("Filter by municipality"))
        self.municipality_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.municipality_combo.setMinimumContentsLength(16)
        self.municipality_combo.addItem(self.tr("All municipalities"), None)
        municipality_label = QLabel(self.tr("&Municipality:"), self)
        municipality_label.setBuddy(self.municipality_combo)
        self.type_combo = _combo(self, self.tr("Filter by type"))
        self.type_combo.addItem(self.tr("All types"), None)
        self.status_combo = _combo(self, self.tr("Filter by status"))
        self.status_combo.addItem(self.tr("All statuses"), None)
        language = current_language()
        for location_type in LocationType:
            self.type_combo.addItem(location_type.label(language), location_type.value)
        for status in LocationStatus:
            self.status_combo.addItem(status.label(language), status.value)
        type_label = QLabel(self.tr("&Type:"), self)
        type_label.setBuddy(self.type_combo)
        status_label = QLabel(self.tr("S&tatus:"), self)
        status_label.setBuddy(self.status_combo)
        self.free_check = QCheckBox(self.tr("With &free places"), self)
        self.vulnerable_check = QCheckBox(self.tr("Suits &vulnerable profiles"), self)

        first = QHBoxLayout()
        first.setSpacing(8)
        first.addWidget(search_label)
        first.addWidget(self.search_edit, 1)
        first.addSpacing(8)
        first.addWidget(province_label)
        first.addWidget(self.province_combo)
        first.addSpacing(8)
        first.addWidget(municipality_label)
        first.addWidget(self.municipality_combo)
        second = QHBoxLayout()
        second.setSpacing(8)
        second.addWidget(type_label)
        second.addWidget(self.type_combo)
        second.addSpacing(8)
        second.addWidget(status_label)
        second.addWidget(self.status_combo)
        second.addSpacing(8)
        second.addWidget(self.free_check)
        second.addWidget(self.vulnerable_check)
        second.addStretch(1)

        self.model = LocationTableModel(self)
        self.pages: PagedList[LocationRow] = PagedList(context, self.model)
        self.pages.loaded.connect(self._first_page_shown)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Reception locations"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        self._size_columns()

        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totalsLine")
        self.totals_label.setWordWrap(True)
        self.totals_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.totals_label)

        self.detail = LocationDetailPane(context, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        # The list gets what the detail pane (about 370 pixels wide) leaves: on a 1366-pixel
        # laptop screen that is just enough for all eight columns.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.detail.setMinimumWidth(360)
        self.splitter.setSizes([780, 370])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(8)
        layout.addLayout(self.toolbar)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.splitter, 1)

        self.search_edit.textChanged.connect(self.apply_filter)
        self.province_combo.currentIndexChanged.connect(self._province_changed)
        for combo in (self.municipality_combo, self.type_combo, self.status_combo):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.free_check.toggled.connect(self.apply_filter)
        self.vulnerable_check.toggled.connect(self.apply_filter)
        header.sortIndicatorChanged.connect(self.model.sort)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.changed.connect(self._location_changed)
        self.detail.open_requested.connect(self.open_location)
        self.deleter = LocationDeleter(context, runner, self)
        self.detail.delete_requested.connect(self.deleter.ask)
        self.deleter.deleted.connect(self._location_deleted)

    # -- for the other parts of the screen (and the import/export buttons) ----------------------

    def add_toolbar_widget(self, widget: QWidget) -> None:
        """Put ``widget`` (e.g. an "Exporteren…" button) on the heading row, after the others."""
        widget.setParent(self)
        self.toolbar.addWidget(widget)

    def search_field(self) -> QLineEdit:
        return self.search_edit

    def import_locations(self) -> None:
        """The import wizard; the list refreshes when an import changed data."""
        from vlot_desktop.ui.locations_io import open_import_dialog

        dialog = open_import_dialog(self, self.context, self.runner)
        dialog.imported.connect(lambda _summary: self.refresh())

    def export_locations(self) -> None:
        """Export what the list shows now (the current filter) to .xlsx or .csv."""
        from vlot_desktop.ui.locations_io import run_export

        run_export(self, self.context, self.runner, self.current_filter())

    def current_filter(self) -> LocationFilter:
        """What the list shows now, for the export of the filtered list."""
        from vlot_desktop.db.queries.location_filter import LocationFilter

        return LocationFilter(
            search=self.search_edit.text(),
            province_code=self.province_combo.currentData(),
            municipality_nis=self.municipality_combo.currentData(),
            location_type=self.type_combo.currentData(),
            status=self.status_combo.currentData(),
            has_free_places=self.free_check.isChecked(),
            suits_vulnerable_profiles=self.vulnerable_check.isChecked(),
        )

    def current_sort(self) -> tuple[str, bool]:
        """The order of the list: a ``db.queries.locations.SortColumn`` value, descending."""
        return self.model.sort_key, self.model.descending

    @property
    def is_loading(self) -> bool:
        """True while the list or its choices are being read."""
        return self.pages.is_loading or self._choices_loading

    def refresh(self) -> None:
        """Re-read the list, the totals and the location shown (after a sync or an import)."""
        if not self.context.is_ready:
            return
        self._load_choices()
        self.apply_filter()
        self.detail.show_location(self.detail.location_id)

    def show_changes(self, changes: Changes) -> None:
        """Records changed elsewhere (a sync, the import, another screen): re-read the list and
        the location shown. Typed text in the pane is saved first (``show_location``)."""
        if changes.touches({"organisation", "contact_person", "municipality"}):
            self._choices_loaded = False
            self._load_choices()
        self.apply_filter()
        if changes.names(self.detail.location_id):
            self.detail.show_location(self.detail.location_id)

    # -- loading ---------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        if self._choices_loaded or self._choices_loading:
            return
        from vlot_desktop.services import location_list

        self._choices_loading = True
        QueryOp(
            self.context,
            lambda store: store.read(location_list.choices),
            success=self._choices_read,
        ).failure(self._read_failed).owned_by(self).latest("choices").run()

    def _choices_read(self, choices: LocationChoices) -> None:
        self._choices_loading = False
        self._municipalities = choices.municipalities
        self._province_of = choices.province_of
        self.detail.set_choices(choices.municipalities, choices.organisations, choices.postcodes)
        self.province_combo.blockSignals(True)
        while self.province_combo.count() > 1:
            self.province_combo.removeItem(1)
        for province in self.context.provinces:
            self.province_combo.addItem(province.name_nl, province.code)
        self.province_combo.blockSignals(False)
        self._choices_loaded = True
        self._fill_municipalities()

    def _read_failed(self, exc: BaseException) -> None:
        self._choices_loading = False
        from vlot_desktop.ui.errors import show_read_error

        show_read_error(self, exc)

    def _fill_municipalities(self) -> None:
        province = self.province_combo.currentData()
        current = self.municipality_combo.currentData()
        combo = self.municipality_combo
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for choice in self._municipalities:
            if province is None or self._province_of.get(choice.key) == province:
                combo.addItem(choice.text, choice.key)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    @Slot()
    def _province_changed(self) -> None:
        if self._choices_loaded:
            self._fill_municipalities()
        self.apply_filter()

    @Slot()
    def apply_filter(self) -> None:
        """Read the first page and the totals for the current filter in a worker (every
        keystroke: the newest read wins); ``loaded`` is emitted when the list shows them."""
        if not self.context.is_ready:
            return
        from vlot_desktop.services import location_list

        location_filter = self.current_filter()

        def first(store: Store, sort: str, descending: bool, limit: int) -> object:
            return store.read(location_list.first_page, location_filter, sort, descending, limit)

        def page(store: Store, sort: str, descending: bool, offset: int, limit: int) -> object:
            return store.read(
                location_list.next_page, location_filter, sort, descending, offset, limit
            )

        self.pages.show(first, page)  # type: ignore[arg-type]

    @Slot(object)
    def _first_page_shown(self, totals: LocationTotals) -> None:
        self.totals = totals
        self._show_totals()
        self._reselect()
        self.loaded.emit()

    def _show_totals(self) -> None:
        t = self.totals
        if t is None:
            self.totals_label.clear()
            return
        count = (
            self.tr("1 location")
            if t.locations == 1
            else self.tr("%1 locations").replace("%1", format_int(t.locations))
        )
        self.totals_label.setText(
            self.tr("%1 · capacity %2 · occupied %3 · free %4 · offered to FEDASIL %5")
            .replace("%1", count)
            .replace("%2", format_int(t.capacity))
            .replace("%3", format_int(t.occupied))
            .replace("%4", format_int(t.free))
            .replace("%5", format_int(t.offered))
        )

    def _size_columns(self) -> None:
        """Widths from the font (never from the cells: that would read every row)."""
        header = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        bold = header.fontMetrics()
        widths = {
            ColumnKey.NAME: fm.horizontalAdvance("Opvangwoning Kerkstraat 168") + 12,
            ColumnKey.MUNICIPALITY: fm.horizontalAdvance("Merelbeke-Melle") + 8,
            ColumnKey.TYPE: fm.horizontalAdvance("Collectieve opvang") + 8,
            ColumnKey.STATUS: fm.horizontalAdvance("Operationeel") + 10,
        }
        for column, key in enumerate(COLUMNS):
            if key in widths:
                header.resizeSection(column, widths[key])
                continue
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max(bold.horizontalAdvance(line) for line in text.split("\n"))
            # Room for the sort arrow and the header's own margins.
            header.resizeSection(column, max(widest, fm.horizontalAdvance("9.999")) + 16)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    # -- selection and changes ---------------------------------------------------------------------

    def _reselect(self) -> None:
        if self._selected_id is None:
            return
        row = self.model.row_of(self._selected_id)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        selection.blockSignals(False)
        self.table.viewport().update()

    def select_location(self, location_id: str) -> bool:
        """Select a location in the list if it is shown, and show it in the detail pane."""
        row = self.model.row_of(location_id)
        if row < 0:
            self.open_location(location_id)
            return False
        self._selected_id = location_id
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def open_location(self, location_id: str) -> None:
        """Show a location in the detail pane, whether or not the filter lists it."""
        self._selected_id = location_id
        self.detail.show_location(location_id)
        self._reselect()

    @Slot(QItemSelection, QItemSelection)
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        location_id = rows[0].data(KEY_ROLE)
        if location_id == self._selected_id and self.detail.location_id == location_id:
            return
        self._selected_id = str(location_id)
        self.detail.show_location(self._selected_id)

    @Slot(str)
    def _location_deleted(self, location_id: str) -> None:
        if self._selected_id == location_id:
            self._selected_id = None
        self.detail.show_location(None)
        self.apply_filter()

    @Slot(str)
    def _location_changed(self, location_id: str) -> None:
        """A change in the pane: update its line in the list and the totals (not the whole
        list), and tell the other screens."""
        from vlot_desktop.services import location_list

        location_filter = self.current_filter()

        def shown(result: tuple[LocationRow | None, LocationTotals]) -> None:
            row, totals = result
            if row is not None:
                self.model.update_row(row)
            self.totals = totals
            self._show_totals()

        QueryOp(
            self.context,
            lambda store: store.read(location_list.changed_line, location_id, location_filter),
            success=shown,
        ).failure(self._read_failed).owned_by(self).latest("line").run()
        self.context.announce(
            Changes.of("location", "place", "location_partner", ids=[location_id], source=self.key)
        )

    @Slot()
    def new_location(self) -> None:
        from vlot_desktop.ui.locations.new_location_dialog import NewLocationDialog

        if not self.context.is_ready:
            return
        self._load_choices()
        dialog = NewLocationDialog(self.context, self._municipalities, self)
        if dialog.exec() and dialog.location_id is not None:
            self.context.announce(
                Changes.of("location", "place", ids=[dialog.location_id], source=self.key)
            )
            self._selected_id = dialog.location_id
            self.open_location(dialog.location_id)
            self.apply_filter()
