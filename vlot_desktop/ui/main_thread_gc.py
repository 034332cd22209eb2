"""Python's garbage collector runs on the GUI thread only.

Automatic collection runs in whatever thread happens to allocate when a threshold is crossed:
often a worker of ``ui.tasks`` in the middle of a query. If the garbage then holds a Qt
object owned by Python (a closed dialog, a screen in the tests), Qt destroys it on that worker
thread, and the process crashes (a segfault in "Garbage-collecting", found by
``tests/benchmarks/filter_bench.py``). Anki has the same rule for the same reason.

:class:`MainThreadCollector` switches automatic collection off and collects on a timer in the
GUI thread, by generation as the interpreter itself would, so memory use stays as before.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """While installed, garbage is collected only on the thread that owns this object."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._was_enabled = gc.isenabled()

    def install(self) -> None:
        gc.disable()
        self._timer.start()

    def uninstall(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def collect(self) -> int:
        """Collect the generations whose thresholds are crossed; returns objects freed."""
        first, second, third = gc.get_threshold()
        young, middle, old = gc.get_count()
        if old > third:
            return gc.collect(2)
        if middle > second:
            return gc.collect(1)
        if young > first:
            return gc.collect(0)
        return 0
