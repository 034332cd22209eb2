"""The main window: navigation on the left, the current screen on the right, a status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from vlot_desktop import paths
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.screens import SCREENS
from vlot_desktop.ui.sync_controller import SyncController
from vlot_desktop.ui.sync_history.demo_notice import DemoNotice
from vlot_desktop.ui.tasks import TaskRunner
from vlot_desktop.ui.widgets.screen import Screen

if TYPE_CHECKING:
    from vlot_desktop.ui.dashboard.dashboard_view import DashboardView
    from vlot_desktop.ui.municipalities.municipalities_view import MunicipalitiesView

NAV_WIDTH = 190

# On the navigation only: a style sheet on the whole window would make Qt style every widget
# through style sheets, which cost ~20 ms before the window first shows.
NAVIGATION_STYLE = """
QListWidget#navigation {
    border: none;
    background: palette(window);
    font-size: 11pt;
    padding-top: 8px;
}
QListWidget#navigation::item {
    padding: 8px 10px;
    border-radius: 4px;
    margin: 1px 6px;
}
QListWidget#navigation::item:selected {
    background: palette(highlight);
    color: palette(highlighted-text);
}
"""


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons`` (an empty icon when the file is missing)."""
    file = paths.resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(file)) if file.exists() else QIcon()


class MainWindow(QMainWindow):
    """Signals:
    screen_changed(str): the key of the screen now shown.
    """

    screen_changed = Signal(str)

    def __init__(
        self, context: AppContext, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        context.task_runner = runner
        self.setWindowTitle(self.tr("VLOT Desktop"))
        self.setWindowIcon(icon("vlot"))
        self.setMinimumSize(QSize(1000, 600))

        self._screens: list[Screen] = []

        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.navigation.setFixedWidth(NAV_WIDTH)
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setFrameShape(QFrame.Shape.NoFrame)
        self.stack = QStackedWidget(self)
        for number, entry in enumerate(SCREENS, start=1):
            item = QListWidgetItem(icon(entry.key), entry.title())
            item.setToolTip(f"{entry.title()} (Ctrl+{number})")
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._nav_row_changed)

        separator = QFrame(self)
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(separator)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._make_status_bar()
        self.sync = SyncController(context, runner, self.statusBar(), self)
        # "Demo data, not shared" / "Training share", first of the status bar's fixed labels.
        self.demo_notice = DemoNotice(context, runner, compact=True, parent=self)
        self.statusBar().insertPermanentWidget(0, self.demo_notice)
        # Colleagues' records arrived: every screen that shows them re-reads (ui.widgets.screen).
        self.sync.applied.connect(self._sync_applied)
        context.data_changed.connect(self.sync.refresh_pending)
        self._make_actions()
        self._make_menus()

        context.database_ready.connect(self._database_ready)
        context.settings_changed.connect(self.update_status_bar)

    # -- actions and menus -------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.action_preferences = QAction(self.tr("&Settings…"), self)
        self.action_preferences.setShortcut(QKeySequence("Ctrl+,"))
        self.action_preferences.triggered.connect(self.show_preferences)
        self.action_quit = QAction(self.tr("&Quit"), self)
        self.action_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.action_quit.triggered.connect(self.close)
        self.action_about = QAction(self.tr("&About VLOT Desktop"), self)
        self.action_about.triggered.connect(self.show_about)
        self.action_refresh = QAction(self.tr("&Refresh"), self)
        self.action_refresh.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.action_refresh.triggered.connect(self.refresh_current)
        self.action_find = QAction(self.tr("&Search"), self)
        self.action_find.setShortcut(QKeySequence("Ctrl+F"))
        self.action_find.triggered.connect(self.focus_search)
        self.screen_actions: list[QAction] = []
        for number, entry in enumerate(SCREENS, start=1):
            action = QAction(entry.title(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(entry.key)
            action.triggered.connect(self._screen_action_triggered)
            self.screen_actions.append(action)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.action_preferences)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        view_menu = bar.addMenu(self.tr("&View"))
        for action in self.screen_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.action_find)
        view_menu.addAction(self.action_refresh)
        sync_menu = bar.addMenu(self.tr("S&ync"))
        sync_menu.addAction(self.sync.action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.action_about)

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.user_label = QLabel(self)
        self.team_label = QLabel(self)
        self.folder_label = QLabel(self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.user_label, self.team_label, self.folder_label):
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)
        bar.showMessage(self.tr("Opening the data folder…"))
        self.update_status_bar()

    @Slot()
    def update_status_bar(self) -> None:
        settings = self.context.settings
        not_set = self.tr("(not set up)")
        self.user_label.setText(self.tr("User: %1").replace("%1", settings.user_name or not_set))
        team = (
            self.context.team_name(settings.team_code, current_language())
            if settings.team_code
            else not_set
        )
        self.team_label.setText(self.tr("Team: %1").replace("%1", team))
        folder = str(self.context.data_dir)
        shown = folder if len(folder) <= 24 else "…" + folder[-23:]
        self.folder_label.setText(self.tr("Data folder: %1").replace("%1", shown))
        self.folder_label.setToolTip(folder)

    # -- navigation ----------------------------------------------------------------------------

    def build_screens(self) -> None:
        """Build every screen (once). ``run_gui`` calls it right after the window is shown;
        anything that needs a screen earlier builds them through ``screens``."""
        if self._screens:
            return
        self._screens = [entry.build(self.context, self.runner) for entry in SCREENS]
        for screen in self._screens:
            self.stack.addWidget(screen)
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)
        else:
            self.stack.setCurrentIndex(self.navigation.currentRow())
        if self.context.is_ready:
            for screen in self._screens:
                screen.refresh()

    @property
    def screens(self) -> list[Screen]:
        self.build_screens()
        return self._screens

    @property
    def dashboard(self) -> DashboardView:
        return cast("DashboardView", self.screen_by_key("dashboard"))

    @property
    def municipalities(self) -> MunicipalitiesView:
        return cast("MunicipalitiesView", self.screen_by_key("municipalities"))

    def current_screen(self) -> Screen:
        screen = self.stack.currentWidget()
        assert isinstance(screen, Screen)
        return screen

    def screen_by_key(self, key: str) -> Screen:
        for screen in self.screens:
            if screen.key == key:
                return screen
        raise KeyError(key)

    def show_screen(self, key: str) -> Screen:
        screen = self.screen_by_key(key)
        self.navigation.setCurrentRow(self.screens.index(screen))
        return screen

    @Slot(int)
    def _nav_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.screens):
            self.stack.setCurrentIndex(row)
            self.screen_changed.emit(self.screens[row].key)

    @Slot()
    def _screen_action_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_screen(str(action.data()))

    @Slot()
    def focus_search(self) -> None:
        """Ctrl+F: the current screen's search field, else the first screen that has one."""
        screen = self.current_screen()
        if screen.search_field() is None:
            screen = next((s for s in self.screens if s.search_field() is not None), screen)
            self.show_screen(screen.key)
        field = screen.search_field()
        if field is not None:
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            field.selectAll()

    @Slot()
    def refresh_current(self) -> None:
        self.current_screen().refresh()
        self.sync.refresh_pending()

    @Slot()
    def _sync_applied(self) -> None:
        from vlot_desktop.services.changes import SYNC, Changes

        self.context.announce(Changes.all(origin=SYNC))

    @Slot()
    def refresh_all(self) -> None:
        """Reload every screen built so far (after a sync brought in colleagues' changes)."""
        for screen in self._screens:
            screen.refresh()

    @Slot()
    def _database_ready(self) -> None:
        self.statusBar().clearMessage()
        self.update_status_bar()
        for screen in self._screens:  # screens built later refresh themselves
            screen.refresh()

    # -- dialogs -------------------------------------------------------------------------------

    @Slot()
    def show_about(self) -> None:
        # Dialogs are imported when first opened: nothing extra before the window shows.
        from vlot_desktop.ui.about.about_dialog import AboutDialog

        AboutDialog(self).exec()

    @Slot()
    def show_preferences(self) -> None:
        from vlot_desktop.ui.preferences.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.context.data_dir, self)
        if dialog.exec() and dialog.language_changed:
            self.statusBar().showMessage(
                self.tr("The new language takes effect after a restart."), 10_000
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Workers may still be reading the database: stop and wait for them before it closes.
        self.runner.shutdown()
        super().closeEvent(event)
