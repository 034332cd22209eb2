"""The detail pane of the Opvanglocaties screen: one location in three tabs.

"Gegevens" saves as the user types (``LocationForm``); "Status" takes workflow steps and holds the
partners; "Plaatsen" has the quick actions and the occupancy history. Hiding the pane (another
screen, the window closing) saves what is still pending.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.locations.details_form import LocationForm
from vlot_desktop.ui.locations.places_panel import PlacesPanel
from vlot_desktop.ui.locations.status_panel import StatusPanel

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import Choice

PANE_STYLE = """
QFrame#locationPane {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
}
"""


class LocationDetailPane(QFrame):
    """Signals:
    changed(str): something of this location (id) changed in the database.
    delete_requested(str, str): the user asked to delete this location (id, name).
    """

    changed = Signal(str)
    delete_requested = Signal(str, str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("locationPane")
        self.setStyleSheet(PANE_STYLE)
        self.location_id: str | None = None

        self.hint = QLabel(
            self.tr("Choose a location in the list to see and edit its details."), self
        )
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        content = QWidget(self)
        self.name_label = QLabel(content)
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.place_label = QLabel(content)
        self.save_label = QLabel(self.tr("Changes are saved automatically."), content)
        self.save_label.setObjectName("saveState")
        self.undo_button = QPushButton(self.tr("&Undo"), content)
        self.undo_button.setToolTip(self.tr("Undo the last change (Ctrl+Z)"))
        self.undo_button.setEnabled(False)
        self.delete_button = QPushButton(self.tr("&Delete…"), content)
        self.delete_button.setToolTip(
            self.tr("Delete a location entered by mistake (a location in use is closed instead)")
        )
        self.delete_button.clicked.connect(self._ask_delete)
        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.undo_action)

        self.form = LocationForm(context, content)
        scroll = self._scrolling(self.form, content)
        self.status_panel = StatusPanel(context, content)
        self.places_panel = PlacesPanel(context, content)
        places_scroll = self._scrolling(self.places_panel, content)
        self.tabs = QTabWidget(content)
        self.tabs.addTab(scroll, self.tr("&Details"))
        lifecycle = QWidget(content)
        lifecycle_layout = QVBoxLayout(lifecycle)
        lifecycle_layout.setContentsMargins(0, 0, 0, 0)
        lifecycle_layout.addWidget(self.status_panel)
        delete_row = QHBoxLayout()
        delete_row.addStretch(1)
        delete_row.addWidget(self.delete_button)
        lifecycle_layout.addLayout(delete_row)
        lifecycle_layout.addStretch(1)
        self.tabs.addTab(self._scrolling(lifecycle, content), self.tr("&Status and partners"))
        self.tabs.addTab(places_scroll, self.tr("&Places"))
        self.tabs.setDocumentMode(True)

        state = QHBoxLayout()
        state.addWidget(self.place_label, 1)
        state.addWidget(self.undo_button)
        self.save_label.setWordWrap(True)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.name_label)
        column.addLayout(state)
        column.addWidget(self.save_label)
        column.addWidget(self.tabs, 1)

        self._stack = QStackedLayout()
        self._stack.addWidget(self.hint)
        self._stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.addLayout(self._stack)

        self.undo_button.clicked.connect(self.form.undo)
        self.undo_action.triggered.connect(self.form.undo)
        self.form.undo_available.connect(self.undo_button.setEnabled)
        self.form.status_changed.connect(self.save_label.setText)
        self.form.saved.connect(self._form_saved)
        self.status_panel.changed.connect(self._reload)
        self.places_panel.changed.connect(self._places_changed)

    @staticmethod
    def _scrolling(widget: QWidget, parent: QWidget) -> QScrollArea:
        """A tab's page scrolls up and down in a low window, never sideways."""
        scroll = QScrollArea(parent)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(widget)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def set_choices(
        self,
        municipalities: list[Choice],
        organisations: list[Choice],
        postcodes: dict[str, set[str]],
    ) -> None:
        self.form.set_choices(municipalities, organisations, postcodes)
        self.status_panel.set_municipalities([(c.key, c.text) for c in municipalities])

    def flush(self) -> bool:
        """Save what is pending; True when nothing is left unsaved."""
        return self.form.flush()

    def show_location(self, location_id: str | None) -> None:
        """Show a location (after saving what is pending for the one shown before, or for the
        same one when it is shown again after a refresh)."""
        if self.location_id is not None:
            self.flush()
        self.location_id = location_id
        self._reload_all(keep_undo=False)

    def _reload_all(self, *, keep_undo: bool) -> None:
        from vlot_desktop.db.queries.locations import location_detail

        detail = None
        if self.location_id is not None and self.context.is_ready:
            with self.context.connection() as conn:
                detail = location_detail(conn, self.location_id)
        if detail is None:
            self.location_id = None
            self.form.show_detail(None)
            self.status_panel.show_location(None)
            self.places_panel.show_location(None)
            self._stack.setCurrentIndex(0)
            return
        if not keep_undo:
            self.save_label.setText(self.tr("Changes are saved automatically."))
        self._show_header(detail.name, detail.municipality_name, detail.province_name)
        self.form.show_detail(detail, keep_undo=keep_undo)
        self.status_panel.show_location(detail.id)
        self.places_panel.show_location(detail.id)
        self._stack.setCurrentIndex(1)

    def _show_header(self, name: str, municipality: str, province: str) -> None:
        self.name_label.setText(name)
        self.place_label.setText(f"{municipality} ({province})")

    @Slot(str)
    def _form_saved(self, location_id: str) -> None:
        from vlot_desktop.db.queries.locations import location_detail

        with self.context.connection() as conn:
            detail = location_detail(conn, location_id)
        if detail is not None:
            self._show_header(detail.name, detail.municipality_name, detail.province_name)
            # A capacity change added or removed places; a new status of the form's record.
            self.places_panel.show_location(location_id)
        self.changed.emit(location_id)

    @Slot(str)
    def _reload(self, location_id: str) -> None:
        """The status or the partners changed: show the new state everywhere."""
        self.flush()
        self._reload_all(keep_undo=True)
        self.changed.emit(location_id)

    @Slot()
    def _ask_delete(self) -> None:
        if self.location_id is not None and self.flush():
            self.delete_requested.emit(self.location_id, self.name_label.text())

    @Slot(str)
    def _places_changed(self, location_id: str) -> None:
        self.changed.emit(location_id)

    def hideEvent(self, event: QHideEvent) -> None:
        # Another screen, or the window closing: nothing typed may be lost.
        self.flush()
        super().hideEvent(event)
