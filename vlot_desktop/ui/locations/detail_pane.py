"""The detail pane of the Opvanglocaties screen: one location in three tabs.

"Gegevens" saves as the user types (``LocationForm``, on the editing component ``ui.forms``);
"Status" takes workflow steps and holds the partners; "Plaatsen" has the quick actions and the
occupancy history. Hiding the pane (another screen) or closing the window saves what is still
pending. Ctrl+Z (and "Ongedaan maken") takes back the last change of the Gegevens tab, or, on
the Plaatsen tab, the last quick action.

The location is read in a worker (``services.location_detail``, through ``ui.ops.QueryOp``; the
newest read wins), once the form's saves are done: what is typed is saved before another
location is shown, and before the same one is shown afresh after a change elsewhere (a sync,
another screen); what is typed meanwhile, and edits the rules refused, stay in the form with
their messages while the rest of the pane shows the new state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
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
from vlot_desktop.ui.ops import QueryOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import Choice, LocationDetail
    from vlot_desktop.services.location_detail import LocationShown

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
    open_requested(str): show this location again (it holds a change that was not saved).
    """

    changed = Signal(str)
    delete_requested = Signal(str, str)
    open_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("locationPane")
        self.setStyleSheet(PANE_STYLE)
        self.location_id: str | None = None
        self._window: QObject | None = None

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
        # Changes of other locations that were not saved: seen whichever tab is open.
        self.form.editor.notice.setParent(content)
        column.addWidget(self.form.editor.notice)
        column.addWidget(self.tabs, 1)

        self._stack = QStackedLayout()
        self._stack.addWidget(self.hint)
        self._stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.addLayout(self._stack)

        self.undo_button.clicked.connect(self.undo)
        self.undo_action.triggered.connect(self.undo)
        self.form.undo_available.connect(self._update_undo)
        self.places_panel.undo_offer.available_changed.connect(self._update_undo)
        self.tabs.currentChanged.connect(self._update_undo)
        self.form.open_requested.connect(self.open_requested)
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

    def flush(self) -> None:
        """Hand what is pending to a worker (``form.when_saved`` tells when it is saved)."""
        self.form.flush()

    def _places_undo(self) -> bool:
        return self.tabs.currentIndex() == 2 and self.places_panel.can_undo

    @Slot()
    def undo(self) -> None:
        """The last quick action on the Plaatsen tab, else the last change of the details."""
        if self._places_undo():
            self.places_panel.undo()
        else:
            self.form.undo()

    @Slot()
    def _update_undo(self, *_args: object) -> None:
        """The button undoes what Ctrl+Z undoes: enabled when there is something."""
        self.undo_button.setEnabled(self._places_undo() or self.form.editor.has_saved_change)

    def show_location(self, location_id: str | None) -> None:
        """Show a location (after saving what is pending for the one shown before, or for the
        same one when it is shown again after a change elsewhere: then the undo stays)."""
        same = location_id is not None and location_id == self.location_id
        if self.location_id is not None:
            self.flush()
        self.location_id = location_id
        self._load(keep_undo=same)

    def _load(self, *, keep_undo: bool) -> None:
        """Read the location shown in a worker; ``_loaded`` shows it."""
        from vlot_desktop.services import location_detail

        location_id = self.location_id
        if location_id is None or not self.context.is_ready:
            self._show_none()
            return

        def read() -> None:
            QueryOp(
                self.context,
                lambda store: store.read(location_detail.shown, location_id),
                success=lambda shown: self._loaded(location_id, shown, keep_undo),
            ).failure(self._read_failed).owned_by(self).latest("location").run()

        self.form.when_saved(read)

    def _loaded(self, location_id: str, shown: LocationShown | None, keep_undo: bool) -> None:
        if location_id != self.location_id:
            return  # another location was chosen meanwhile: its own read shows it
        if shown is None:
            self._show_none()
            return
        detail = shown.detail
        if not keep_undo:
            self.save_label.setText(self.tr("Changes are saved automatically."))
        self._show_header(detail)
        self.form.show_detail(detail, keep_undo=keep_undo)
        self.status_panel.show_location(shown)
        self.places_panel.show_location(detail.id)
        self._stack.setCurrentIndex(1)

    def _show_none(self) -> None:
        self.location_id = None
        self.form.show_detail(None)
        self.status_panel.show_location(None)
        self.places_panel.show_location(None)
        self._stack.setCurrentIndex(0)

    def _read_failed(self, exc: BaseException) -> None:
        from vlot_desktop.ui.errors import show_read_error

        show_read_error(self, exc)

    def _show_header(self, detail: LocationDetail) -> None:
        self.name_label.setText(detail.name)
        self.place_label.setText(f"{detail.municipality_name} ({detail.province_name})")

    @Slot(str)
    def _form_saved(self, location_id: str) -> None:
        """A field was saved: the header may show it, and a capacity change added or removed
        places (read in a worker; the form keeps its text)."""
        from vlot_desktop.services import location_detail

        def show(detail: LocationDetail | None) -> None:
            if detail is not None and detail.id == self.location_id:
                self._show_header(detail)
                self.places_panel.show_location(location_id)

        QueryOp(
            self.context,
            lambda store: store.read(location_detail.header, location_id),
            success=show,
        ).failure(self._read_failed).owned_by(self).latest("header").run()
        self.changed.emit(location_id)

    @Slot(str)
    def _reload(self, location_id: str) -> None:
        """The status or the partners changed: show the new state everywhere."""
        if location_id == self.location_id:
            self.flush()
            self._load(keep_undo=True)
        self.changed.emit(location_id)

    @Slot()
    def _ask_delete(self) -> None:
        """Once what is typed is saved (a refused edit stays: then nothing is asked)."""
        location_id = self.location_id
        if location_id is None:
            return
        self.flush()

        def ask() -> None:
            if self.location_id == location_id and not self.form.editor.held():
                self.delete_requested.emit(location_id, self.name_label.text())

        self.form.when_saved(ask)

    @Slot(str)
    def _places_changed(self, location_id: str) -> None:
        self.changed.emit(location_id)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._window:
            # The window's close event reaches this filter before the window stops the
            # workers: what is typed is handed to a worker while one still runs.
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        # Another screen: nothing typed may be lost.
        self.flush()
        super().hideEvent(event)
