"""Saved as typed: visit mode's edits reach the database within a second, or at once.

On site the laptop may die at any moment. Every edit schedules a small write under a key (the
field or item it belongs to); a newer edit of the same key replaces the waiting one. The timer
starts with the first waiting write and is not restarted by later ones, so fast typing never
postpones the save by more than ``DELAY_MS``. Leaving a field, choosing an answer or leaving the
visit flushes at once.

A flush hands the waiting writes, oldest first, to a worker (``ui.ops.CollectionOp``, which
announces the visit's changes): the GUI thread never waits for the disk. The writes of all
flushes run one at a time in the order they were made, whichever worker takes them, so a later
edit never lands before an earlier one. What must see them (re-reading the visit, the list, a
report) waits with ``when_saved``. Should the task runner refuse work because the window is
closing, the last writes run there and then: nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from vlot_desktop.services.changes import Changes
from vlot_desktop.services.prospects import ProspectError
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import CollectionOp

if TYPE_CHECKING:
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.context import AppContext

DELAY_MS = 700
# A line edit cuts a longer paste silently at Qt's default 32,767 characters: free text is not
# cut, the service refuses it when too long and the text stays to be shortened (text_limits).
UNCUT = 2**31 - 1


@dataclass(frozen=True)
class Save:
    """One write: ``write(store)`` runs in a worker (it calls a service with
    ``store.engine``); ``then(result)`` runs on the GUI thread once it is in the database.
    ``tag`` says whose write it is (the visit's id), for messages about a refusal."""

    write: Callable[[Store], object]
    then: Callable[[object], None] | None = None
    tag: str | None = None


@dataclass
class _Outcome:
    key: str
    save: Save
    result: object = None
    error: BaseException | None = None


class _WriteQueue:
    """The writes handed to workers and not yet written: plain Python shared with the worker
    threads (never a Qt object, which the GUI thread may delete meanwhile)."""

    def __init__(self) -> None:
        self._queue: deque[tuple[str, Save]] = deque()
        self._lock = threading.Lock()
        self._writing = threading.Lock()  # one write at a time, in order

    def extend(self, saves: list[tuple[str, Save]]) -> None:
        with self._lock:
            self._queue.extend(saves)

    def write(self, store: Store) -> list[_Outcome]:
        """Every write queued so far, in order (another flush's worker may have taken them
        already: then nothing is left)."""
        outcomes = []
        with self._writing:
            while True:
                with self._lock:
                    if not self._queue:
                        break
                    key, save = self._queue.popleft()
                outcome = _Outcome(key, save)
                try:
                    outcome.result = save.write(store)
                except Exception as exc:
                    outcome.error = exc
                outcomes.append(outcome)
        return outcomes


class Autosaver(QObject):
    """Signals:
    saved(str): the write under this key is in the database.
    failed(str, str): the write under this key was refused; the Dutch (or English) message.
    ``last_error`` is then the refusal itself (its ``field`` says where to show it) and
    ``last_failed_tag`` the ``tag`` of the refused write.
    """

    saved = Signal(str)
    failed = Signal(str, str)

    def __init__(
        self,
        context: AppContext,
        changes: Callable[[], Changes],
        parent: QObject | None = None,
        delay_ms: int = DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._changes = changes
        self._pending: dict[str, Save] = {}
        self._queue = _WriteQueue()
        self._in_flight = 0  # flushes whose outcome has not been delivered yet
        self._waiters: list[Callable[[], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self.last_saved: dt.datetime | None = None
        self.last_error: ProspectError | None = None
        self.last_failed_tag: str | None = None

    def changes(self) -> Changes:
        """What a write of this visit changes (announced after each flush)."""
        return self._changes()

    @property
    def has_pending(self) -> bool:
        """Something typed is not in the database yet (waiting, or being written)."""
        return bool(self._pending) or self._in_flight > 0

    def schedule(self, key: str, save: Save | Callable[[Store], object]) -> None:
        """Write soon (within ``delay_ms``); replaces a waiting write of the same key."""
        self._pending.pop(key, None)
        self._pending[key] = save if isinstance(save, Save) else Save(save)
        if not self._timer.isActive():
            self._timer.start()

    def save_now(self, key: str, save: Save | Callable[[Store], object]) -> None:
        """Write this (and whatever else waits) now."""
        self._pending.pop(key, None)
        self._pending[key] = save if isinstance(save, Save) else Save(save)
        self.flush()

    def discard(self, key: str) -> None:
        self._pending.pop(key, None)

    def when_saved(self, then: Callable[[], None]) -> None:
        """``then()`` on the GUI thread once everything typed so far is in the database (at
        once when nothing waits): for reads that must see it."""
        self.flush()
        if self._in_flight:
            self._waiters.append(then)
        else:
            then()

    @Slot()
    def flush(self) -> None:
        """Hand every waiting write to a worker, oldest first."""
        self._timer.stop()
        if not self._pending:
            return
        self._queue.extend(list(self._pending.items()))
        self._pending = {}
        self._in_flight += 1
        queue = self._queue
        handle = (
            CollectionOp(self._context, queue.write, changes=self._changes(), success=self._written)
            .failure(self._broke)
            .owned_by(self)
            .named("autosave")
            .run()
        )
        if handle.cancelled:
            # The task runner refuses work: the window is closing. Write here, now.
            self._written(queue.write(self._context.store))

    def _written(self, outcomes: list[_Outcome]) -> None:
        for outcome in outcomes:
            error = outcome.error
            if isinstance(error, ProspectError):
                self.last_error = error
                self.last_failed_tag = outcome.save.tag
                self.failed.emit(outcome.key, error.text(current_language()))
            elif error is not None:
                # A bug, not bad input: the crash dialog and log (ui.errors) take it.
                sys.excepthook(type(error), error, error.__traceback__)
            else:
                self.last_saved = dt.datetime.now()
                if outcome.save.then is not None:
                    outcome.save.then(outcome.result)
                self.saved.emit(outcome.key)
        self._done()

    def _broke(self, exc: BaseException) -> None:
        sys.excepthook(type(exc), exc, exc.__traceback__)
        self._done()

    def _done(self) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if self._in_flight or self._pending:
            return
        waiters, self._waiters = self._waiters, []
        for then in waiters:
            then()
