"""The screens of the main window's navigation, in order, and how to build each one.

The window shows its frame (navigation, menus, status bar) from this list alone and builds the
screens one event-loop turn later: their modules and Qt classes cost some 60 ms on Python 3.11
(mostly Qt's enums becoming Python enums), which the user should not wait for before seeing a
window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from vlot_desktop.ui.context import AppContext
    from vlot_desktop.ui.tasks import TaskRunner
    from vlot_desktop.ui.widgets.screen import Screen


def _dashboard(context: AppContext, runner: TaskRunner) -> Screen:
    from vlot_desktop.ui.dashboard.dashboard_view import DashboardView

    return DashboardView(context, runner)


def _municipalities(context: AppContext, runner: TaskRunner) -> Screen:
    from vlot_desktop.ui.municipalities.municipalities_view import MunicipalitiesView

    return MunicipalitiesView(context, runner)


def _locations(context: AppContext, runner: TaskRunner) -> Screen:
    from vlot_desktop.ui.locations.locations_view import LocationsView

    return LocationsView(context, runner)


def _free_places(context: AppContext, runner: TaskRunner) -> Screen:
    from vlot_desktop.ui.free_places.free_places_view import FreePlacesView

    return FreePlacesView(context, runner)


def _prospects(context: AppContext, runner: TaskRunner) -> Screen:
    from vlot_desktop.ui.prospects.prospects_view import ProspectsView

    return ProspectsView(context, runner)


def _cases(context: AppContext, runner: TaskRunner) -> Screen:
    from vlot_desktop.ui.cases.cases_view import CasesView

    return CasesView(context, runner)


def _conflicts(context: AppContext, runner: TaskRunner) -> Screen:
    from vlot_desktop.ui.conflicts.conflicts_view import ConflictsView

    return ConflictsView(context, runner)


def _sync(context: AppContext, runner: TaskRunner) -> Screen:
    from vlot_desktop.ui.sync_history.sync_view import SyncView

    return SyncView(context, runner)


@dataclass(frozen=True)
class ScreenEntry:
    key: str
    build: Callable[[AppContext, TaskRunner], Screen]

    def title(self) -> str:
        """The navigation title, in the interface language."""
        return _TITLES[self.key]()


_TITLES: dict[str, Callable[[], str]] = {
    "dashboard": lambda: QCoreApplication.translate("DashboardView", "Dashboard"),
    "municipalities": lambda: QCoreApplication.translate("MunicipalitiesView", "Municipalities"),
    "locations": lambda: QCoreApplication.translate("LocationsView", "Reception locations"),
    "free_places": lambda: QCoreApplication.translate("FreePlacesView", "Free places"),
    "prospects": lambda: QCoreApplication.translate("ProspectsView", "Prospects"),
    "cases": lambda: QCoreApplication.translate("CasesView", "Cases"),
    "conflicts": lambda: QCoreApplication.translate("ConflictsView", "Conflicts"),
    "sync": lambda: QCoreApplication.translate("SyncView", "Synchronisation"),
}

SCREENS: tuple[ScreenEntry, ...] = (
    ScreenEntry("dashboard", _dashboard),
    ScreenEntry("municipalities", _municipalities),
    ScreenEntry("locations", _locations),
    ScreenEntry("free_places", _free_places),
    ScreenEntry("prospects", _prospects),
    ScreenEntry("cases", _cases),
    ScreenEntry("conflicts", _conflicts),
    ScreenEntry("sync", _sync),
)
