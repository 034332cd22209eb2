"""``vlot-desktop --self-test``: start, wait for the data, visit every screen, search, exit.

Exit code 0 when every step passed within the time limit; 1 with a message otherwise. It also
prints how long the window and the dashboard figures took to appear.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

from vlot_desktop.ui.main_window import MainWindow
from vlot_desktop.ui.startup import Startup

TIMEOUT_SECONDS = 30.0
SEARCH_TEXT = "gent"


class SelfTest(QObject):
    def __init__(
        self,
        window: MainWindow,
        startup: Startup,
        *,
        started_at: float,
        window_shown_at: float,
        timeout_seconds: float = TIMEOUT_SECONDS,
        out: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.startup = startup
        self.started_at = started_at
        self.window_shown_at = window_shown_at
        self.out = out or (lambda text: print(text, flush=True))
        self.step = "waiting for the data folder"
        self.failures: list[str] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(timeout_seconds * 1000))
        self.timer.timeout.connect(self._timed_out)
        self._finished = False
        self._dashboard_done = False
        self._municipalities_done = False
        self._total = 0
        self._visiting = False

    def _ms(self, moment: float) -> str:
        return f"{(moment - self.started_at) * 1000:.0f} ms"

    def start(self) -> None:
        self.out(f"self-test: window shown after {self._ms(self.window_shown_at)}")
        self.window.dashboard.loaded.connect(self._dashboard_loaded)
        self.window.municipalities.loaded.connect(self._municipalities_loaded)
        self.startup.ready.connect(self._ready)
        self.timer.start()

    @Slot()
    def _ready(self) -> None:
        self.out(f"self-test: data folder ready after {self._ms(time.perf_counter())}")
        self.step = "waiting for the dashboard figures and the municipality figures"

    @Slot()
    def _dashboard_loaded(self) -> None:
        if self._dashboard_done:
            return
        self._dashboard_done = True
        figures = self.window.dashboard.figures
        self.out(f"self-test: dashboard figures shown after {self._ms(time.perf_counter())}")
        if figures is None or self.window.dashboard.model.rowCount() != len(figures.rows) + 1:
            self._fail("the dashboard shows no figures")
            return
        self.out(
            "self-test: Flanders: "
            f"{figures.total.operational_locations} operational locations, "
            f"{figures.total.places_total} places, {figures.total.open_cases} open cases, "
            f"{figures.total.open_questions} open questions"
        )
        self._continue()

    @Slot()
    def _municipalities_loaded(self) -> None:
        self._municipalities_done = True
        self._continue()

    def _continue(self) -> None:
        if not (self._dashboard_done and self._municipalities_done) or self._finished:
            return
        if self._visiting:
            return  # the screens signal ``loaded`` again on every read (the search below)
        self._visiting = True
        # Let the event loop breathe between steps, as a user would.
        QTimer.singleShot(0, self._visit_screens)

    @Slot()
    def _visit_screens(self) -> None:
        for screen in self.window.screens:
            self.step = f"visiting {screen.key}"
            self.window.show_screen(screen.key)
            if self.window.current_screen() is not screen:
                self._fail(f"cannot show the screen {screen.key}")
                return
        self.step = "searching municipalities"
        view = self.window.municipalities
        self.window.show_screen(view.key)
        self._total = view.model.rowCount()
        self.window.focus_search()
        view.search_edit.setText(SEARCH_TEXT)
        self._when_idle(self._searched)  # the list is read in a worker

    def _when_idle(self, then: Callable[[], None]) -> None:
        """``then()`` once the window's workers are done (and their results shown)."""
        if self._finished:
            return
        if self.window.runner.active_count:
            QTimer.singleShot(20, lambda: self._when_idle(then))
        else:
            then()

    def _searched(self) -> None:
        view = self.window.municipalities
        total = self._total
        found = [view.model.row_at(i) for i in range(view.model.rowCount())]
        names = [row.name for row in found if row is not None]
        if not names or len(names) >= total or not any(n.lower() == SEARCH_TEXT for n in names):
            self._fail(f"searching {SEARCH_TEXT!r} gave {names[:5]} of {total}")
            return
        self.step = "showing a municipality"
        view.select_municipality(found[0].nis_code if found[0] else "")
        self._when_idle(self._shown)  # the details are read in a worker

    def _shown(self) -> None:
        view = self.window.municipalities
        if view.detail.detail is None:
            self._fail("selecting a municipality shows no details")
            return
        view.search_edit.clear()
        self.window.show_screen(self.window.dashboard.key)
        self._succeed()

    def _succeed(self) -> None:
        self._finished = True
        self.timer.stop()
        self.out(f"self-test: all screens visited after {self._ms(time.perf_counter())}; OK")
        QCoreApplication.exit(0)

    def _fail(self, reason: str) -> None:
        if self._finished:
            return
        self._finished = True
        self.timer.stop()
        print(f"vlot-desktop: self-test failed: {reason}", file=sys.stderr, flush=True)
        QCoreApplication.exit(1)

    @Slot()
    def _timed_out(self) -> None:
        self._fail(f"timed out after {self.timer.interval() / 1000:.0f} s while {self.step}")
