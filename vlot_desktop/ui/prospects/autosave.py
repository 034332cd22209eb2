"""Saved as typed: visit mode's edits reach the database within a second, or at once.

On site the laptop may die at any moment. Every edit schedules a small write under a key (the
field or item it belongs to); a newer edit of the same key replaces the waiting one. The timer
starts with the first waiting write and is not restarted by later ones, so fast typing never
postpones the save by more than ``DELAY_MS``. Leaving a field, choosing an answer or leaving the
visit flushes at once.

Each write is one short SQLite transaction (a few milliseconds), run on the GUI thread so that
what the user sees and what is stored never race.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from vlot_desktop.services.prospects import ProspectError
from vlot_desktop.ui.i18n import current_language

DELAY_MS = 700
# A line edit cuts a longer paste silently at Qt's default 32,767 characters: free text is not
# cut, the service refuses it when too long and the text stays to be shortened (text_limits).
UNCUT = 2**31 - 1


class Autosaver(QObject):
    """Signals:
    saved(str): the write under this key is in the database.
    failed(str, str): the write under this key was refused; the Dutch (or English) message.
    ``last_error`` is then the refusal itself (its ``field`` says where to show it).
    """

    saved = Signal(str)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None, delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self._pending: dict[str, Callable[[], object]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.last_saved: dt.datetime | None = None
        self.last_error: ProspectError | None = None

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def schedule(self, key: str, write: Callable[[], object]) -> None:
        """Write soon (within ``delay_ms``); replaces a waiting write of the same key."""
        self._pending.pop(key, None)
        self._pending[key] = write
        if not self._timer.isActive():
            self._timer.start()

    def save_now(self, key: str, write: Callable[[], object]) -> None:
        """Write this (and whatever else waits) now."""
        self._pending.pop(key, None)
        self._pending[key] = write
        self.flush()

    def discard(self, key: str) -> None:
        self._pending.pop(key, None)

    @Slot()
    def flush(self) -> None:
        """Run every waiting write, oldest first."""
        self._timer.stop()
        while self._pending:
            key = next(iter(self._pending))
            write = self._pending.pop(key)
            try:
                write()
            except ProspectError as exc:
                self.last_error = exc
                self.failed.emit(key, exc.text(current_language()))
            except Exception:
                # A bug, not bad input: the crash dialog and log (ui.errors) take it.
                sys.excepthook(*sys.exc_info())
            else:
                self.last_saved = dt.datetime.now()
                self.saved.emit(key)
