"""Slow work off the GUI thread: a QThreadPool, with results delivered on the GUI thread.

Usage::

    runner.run(work, on_result=self._show, on_error=self._failed, owner=self)

``work(context)`` runs on a pool thread. It must not touch widgets; it may call
``context.report_progress(done, total, text)`` and should return early when
``context.cancelled`` is True (or call ``context.raise_if_cancelled()``). Its return value
goes to ``on_result`` and an exception to ``on_error``, both called on the GUI thread. A
cancelled task delivers nothing. Without ``on_error`` an exception goes to ``sys.excepthook``
(the crash log and dialog of ``ui.errors``).

``TaskRunner.shutdown()`` cancels everything and waits for the pool: closing the window while a
task runs is safe.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

MAX_THREADS = 4


class Cancelled(Exception):
    """Raised inside work functions by ``TaskContext.raise_if_cancelled``."""


class TaskContext:
    """What a work function gets: the cancellation flag and a progress reporter."""

    def __init__(self, signals: TaskSignals) -> None:
        self._cancelled = threading.Event()
        self._signals = signals

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def raise_if_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled

    def report_progress(self, done: int, total: int, text: str = "") -> None:
        if not self._cancelled.is_set():
            self._signals.progress.emit(done, total, text)


class TaskSignals(QObject):
    """Carrier of a task's signals; lives in the GUI thread, emitted from the pool thread.

    Signals:
        result(object): the work function's return value.
        error(object): the exception it raised.
        progress(int, int, str): done, total, text.
        finished(): after result or error (also when cancelled).
    """

    result = Signal(object)
    error = Signal(object)
    progress = Signal(int, int, str)
    finished = Signal()


class _Runnable(QRunnable):
    def __init__(
        self, work: Callable[[TaskContext], Any], context: TaskContext, signals: TaskSignals
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._context = context
        self._signals = signals

    def run(self) -> None:
        try:
            value = self._work(self._context)
        except Cancelled:
            pass
        except Exception as exc:
            if not self._context.cancelled:
                self._signals.error.emit(exc)
        else:
            if not self._context.cancelled:
                self._signals.result.emit(value)
        finally:
            self._signals.finished.emit()


class TaskHandle(QObject):
    """One submitted task, living in the GUI thread; its slots call the callbacks there.

    Signals:
        done(): after the result or error was delivered (or the task ended cancelled).
    """

    done = Signal()

    def __init__(
        self,
        name: str,
        on_result: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
    ) -> None:
        super().__init__()
        self.name = name
        self.signals = TaskSignals()
        self.context = TaskContext(self.signals)
        self._on_result = on_result
        self._on_error = on_error
        self._on_progress = on_progress
        self.is_finished = False
        # Connected to our own slots: the handle lives in the GUI thread, so Qt queues the
        # emissions from the pool thread and runs these slots in the GUI thread.
        self.signals.result.connect(self._deliver_result)
        self.signals.error.connect(self._deliver_error)
        self.signals.progress.connect(self._deliver_progress)
        self.signals.finished.connect(self._deliver_finished)

    @property
    def cancelled(self) -> bool:
        return self.context.cancelled

    @Slot()
    def cancel(self) -> None:
        """Ask the work to stop, and drop whatever it still delivers."""
        self.context.cancel()

    @Slot(object)
    def _deliver_result(self, value: object) -> None:
        if not self.cancelled and self._on_result is not None:
            self._on_result(value)

    @Slot(object)
    def _deliver_error(self, exc: object) -> None:
        if self.cancelled or not isinstance(exc, BaseException):
            return
        if self._on_error is not None:
            self._on_error(exc)
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, text: str) -> None:
        if not self.cancelled and self._on_progress is not None:
            self._on_progress(done, total, text)

    @Slot()
    def _deliver_finished(self) -> None:
        self.is_finished = True
        self._on_result = self._on_error = self._on_progress = None
        self.done.emit()


class TaskRunner(QObject):
    """Runs work functions on its own thread pool (see the module docstring)."""

    def __init__(self, parent: QObject | None = None, max_threads: int = MAX_THREADS) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(
            max(1, min(max_threads, QThreadPool.globalInstance().maxThreadCount()))
        )
        self._active: set[TaskHandle] = set()
        self._closed = False

    def run(
        self,
        work: Callable[[TaskContext], Any],
        *,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        owner: QObject | None = None,
        name: str = "",
    ) -> TaskHandle:
        """Start ``work`` on the pool. With ``owner``, deleting the owner cancels the task."""
        handle = TaskHandle(
            name or getattr(work, "__name__", "task"), on_result, on_error, on_progress
        )
        if self._closed:
            handle.cancel()
            return handle
        if owner is not None:
            owner.destroyed.connect(handle.cancel)
        self._active.add(handle)
        handle.done.connect(self._forget)
        self._pool.start(_Runnable(work, handle.context, handle.signals))
        return handle

    @Slot()
    def _forget(self) -> None:
        handle = self.sender()
        if isinstance(handle, TaskHandle):
            self._active.discard(handle)

    @property
    def active_count(self) -> int:
        return len(self._active)

    def cancel_all(self) -> None:
        for handle in list(self._active):
            handle.cancel()

    def wait_for_done(self, timeout_ms: int = -1) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel every task, refuse new ones and wait for the pool threads to finish."""
        self._closed = True
        self.cancel_all()
        return self._pool.waitForDone(timeout_ms)
