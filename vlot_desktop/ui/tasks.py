"""Slow work off the GUI thread: a QThreadPool, with results delivered on the GUI thread.

Usage::

    runner.run(work, on_result=self._show, on_error=self._failed, owner=self)

``work(context)`` runs on a pool thread. It must not touch widgets; it may call
``context.report_progress(done, total, text)`` and should return early when
``context.cancelled`` is True (or call ``context.raise_if_cancelled()``). Its return value
goes to ``on_result`` and an exception to ``on_error``, both called on the GUI thread. A
cancelled task delivers nothing. Without ``on_error`` an exception goes to ``sys.excepthook``
(the crash log and dialog of ``ui.errors``).

Lifetimes, because getting them wrong crashes the process: pool threads only ever emit on the
runner's one :class:`_Dispatcher`, which lives as long as the runner (its pool is destroyed,
and so waited for, first). A :class:`TaskHandle` is referenced only from the GUI thread and
is dropped there, after its last delivery, never from inside one of its own slots. An earlier
design gave every task its own signal object held by the pool thread; the last reference then
sometimes went away on the pool thread, deleting a GUI-thread QObject there (a rare segfault).

``TaskRunner.shutdown()`` cancels everything and waits for the pool: closing the window while a
task runs is safe.
"""

from __future__ import annotations

import itertools
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

MAX_THREADS = 4


class Cancelled(Exception):
    """Raised inside work functions by ``TaskContext.raise_if_cancelled``."""


class _Dispatcher(QObject):
    """Carries every task's results from the pool threads to the GUI thread, by task id.

    Signals (emitted on pool threads, delivered queued on the GUI thread):
        result(int, object), error(int, object), progress(int, int, int, str), finished(int).
    """

    result = Signal(int, object)
    error = Signal(int, object)
    progress = Signal(int, int, int, str)
    finished = Signal(int)


class TaskContext:
    """What a work function gets: the cancellation flag and a progress reporter."""

    def __init__(self, task_id: int, dispatcher: _Dispatcher) -> None:
        self._cancelled = threading.Event()
        self._task_id = task_id
        self._dispatcher = dispatcher

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
            self._dispatcher.progress.emit(self._task_id, done, total, text)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[TaskContext], Any], context: TaskContext) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._context = context

    def run(self) -> None:
        context = self._context
        dispatcher = context._dispatcher
        task_id = context._task_id
        try:
            value = self._work(context)
        except Cancelled:
            pass
        except Exception as exc:
            if not context.cancelled:
                dispatcher.error.emit(task_id, exc)
        else:
            if not context.cancelled:
                dispatcher.result.emit(task_id, value)
            del value
        finally:
            self._work = None  # type: ignore[assignment]  # free the closure on this thread
            dispatcher.finished.emit(task_id)


class TaskHandle(QObject):
    """One submitted task, living in the GUI thread.

    Signals:
        done(): after the result or error was delivered (or the task ended cancelled).
    """

    done = Signal()

    def __init__(
        self,
        name: str,
        context: TaskContext,
        on_result: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
    ) -> None:
        super().__init__()
        self.name = name
        self.context = context
        self._on_result = on_result
        self._on_error = on_error
        self._on_progress = on_progress
        self.is_finished = False

    @property
    def cancelled(self) -> bool:
        return self.context.cancelled

    @Slot()
    def cancel(self) -> None:
        """Ask the work to stop, and drop whatever it still delivers."""
        self.context.cancel()

    def _deliver_result(self, value: object) -> None:
        if not self.cancelled and self._on_result is not None:
            self._on_result(value)

    def _deliver_error(self, exc: object) -> None:
        if self.cancelled or not isinstance(exc, BaseException):
            return
        if self._on_error is not None:
            self._on_error(exc)
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def _deliver_progress(self, done: int, total: int, text: str) -> None:
        if not self.cancelled and self._on_progress is not None:
            self._on_progress(done, total, text)

    def _deliver_finished(self) -> None:
        self.is_finished = True
        self._on_result = self._on_error = self._on_progress = None
        self.done.emit()


class TaskRunner(QObject):
    """Runs work functions on its own thread pool (see the module docstring)."""

    def __init__(self, parent: QObject | None = None, max_threads: int = MAX_THREADS) -> None:
        super().__init__(parent)
        # Created before the dispatcher, so destroyed (and waited for) before it.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(
            max(1, min(max_threads, QThreadPool.globalInstance().maxThreadCount()))
        )
        self._dispatcher = _Dispatcher(self)
        self._dispatcher.result.connect(self._on_result)
        self._dispatcher.error.connect(self._on_error)
        self._dispatcher.progress.connect(self._on_progress)
        self._dispatcher.finished.connect(self._on_finished)
        self._ids = itertools.count(1)
        self._active: dict[int, TaskHandle] = {}
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
        task_id = next(self._ids)
        context = TaskContext(task_id, self._dispatcher)
        handle = TaskHandle(
            name or getattr(work, "__name__", "task"), context, on_result, on_error, on_progress
        )
        if self._closed:
            handle.cancel()
            return handle
        if owner is not None:
            owner.destroyed.connect(handle.cancel)
        self._active[task_id] = handle
        self._pool.start(_Runnable(work, context))
        return handle

    @Slot(int, object)
    def _on_result(self, task_id: int, value: object) -> None:
        handle = self._active.get(task_id)
        if handle is not None:
            handle._deliver_result(value)

    @Slot(int, object)
    def _on_error(self, task_id: int, exc: object) -> None:
        handle = self._active.get(task_id)
        if handle is not None:
            handle._deliver_error(exc)

    @Slot(int, int, int, str)
    def _on_progress(self, task_id: int, done: int, total: int, text: str) -> None:
        handle = self._active.get(task_id)
        if handle is not None:
            handle._deliver_progress(done, total, text)

    @Slot(int)
    def _on_finished(self, task_id: int) -> None:
        handle = self._active.pop(task_id, None)
        if handle is not None:
            handle._deliver_finished()

    @property
    def active_count(self) -> int:
        return len(self._active)

    def cancel_all(self) -> None:
        for handle in list(self._active.values()):
            handle.cancel()

    def wait_for_done(self, timeout_ms: int = -1) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 30_000) -> bool:
        """Cancel every task, refuse new ones and wait for the pool threads to finish."""
        self._closed = True
        self.cancel_all()
        return self._pool.waitForDone(timeout_ms)
