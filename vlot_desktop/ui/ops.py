"""The one way a screen reads and writes: :class:`QueryOp` and :class:`CollectionOp`.

Modelled on Anki's ``QueryOp``/``CollectionOp`` (aqt/operations). Both run their work on the
task runner's pool, never on the GUI thread, and hand a plain result to a callback on the GUI
thread::

    QueryOp(self.context, lambda store: store.read(list_locations, my_filter),
            success=self.model.reset).owned_by(self).latest("list").run()

    CollectionOp(self.context, lambda store: places.change_capacity(store.engine, loc, 12),
                 changes=Changes.of("location", "place", ids=[loc]),
                 success=self._saved).owned_by(self).run()

A ``CollectionOp`` announces its :class:`~vlot_desktop.services.changes.Changes` through
``AppContext.announce`` once the write is done, so every open screen that shows those tables
re-reads them (docs/adding-a-screen.md). A failure goes to ``failure`` if given, else to the
application's error handler (a crash dialog and log). ``latest(slot)`` keeps only the newest
op of one owner and slot: when the user types fast, the older reads are dropped, not shown.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject

from vlot_desktop.services.changes import Changes

if TYPE_CHECKING:
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.context import AppContext
    from vlot_desktop.ui.tasks import TaskContext, TaskHandle

T = TypeVar("T")

# owner -> slot -> the handle of its newest op (the others are cancelled when it starts).
_latest: weakref.WeakKeyDictionary[QObject, dict[str, TaskHandle]] = weakref.WeakKeyDictionary()


class _Op(Generic[T]):
    def __init__(
        self,
        context: AppContext,
        op: Callable[[Store], T],
        *,
        success: Callable[[T], None] | None = None,
    ) -> None:
        self._context = context
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._owner: QObject | None = None
        self._slot: str | None = None
        self._name = getattr(op, "__name__", type(self).__name__)

    def failure(self, callback: Callable[[BaseException], None]) -> _Op[T]:
        """Called on the GUI thread with the exception, instead of the crash handler."""
        self._failure = callback
        return self

    def owned_by(self, owner: QObject) -> _Op[T]:
        """Deleting ``owner`` (closing its screen or dialog) drops the result."""
        self._owner = owner
        return self

    def latest(self, slot: str) -> _Op[T]:
        """Only the newest op of this owner and slot delivers; starting one drops the older."""
        self._slot = slot
        return self

    def named(self, name: str) -> _Op[T]:
        self._name = name
        return self

    def _deliver(self, value: T) -> None:
        if self._success is not None:
            self._success(value)

    def run(self) -> TaskHandle:
        """Start the work on the pool and return its handle (``cancel()`` drops the result)."""
        context = self._context
        store = context.store
        op = self._op
        runner = context.task_runner
        if runner is None:
            raise RuntimeError("no task runner: the main window (or a Screen) attaches one")

        def work(_task: TaskContext) -> T:
            return op(store)

        if self._owner is not None and self._slot is not None:
            slots = _latest.setdefault(self._owner, {})
            previous = slots.get(self._slot)
            if previous is not None and not previous.is_finished:
                previous.cancel()
        handle = runner.run(
            work,
            on_result=self._deliver,
            on_error=self._failure,
            owner=self._owner,
            name=self._name,
        )
        if self._owner is not None and self._slot is not None:
            _latest[self._owner][self._slot] = handle
        return handle


class QueryOp(_Op[T]):
    """A read: ``op(store)`` in a worker, its result to ``success`` on the GUI thread."""


class CollectionOp(_Op[T]):
    """A write: ``op(store)`` calls one service in a worker; then ``changes`` is announced.

    ``changes`` is a :class:`Changes` or a function of the result (e.g. the id of a new record).
    The announcement comes first, then ``success``: by the time the caller's callback runs,
    the other screens have been told.
    """

    def __init__(
        self,
        context: AppContext,
        op: Callable[[Store], T],
        *,
        changes: Changes | Callable[[T], Changes],
        success: Callable[[T], None] | None = None,
    ) -> None:
        super().__init__(context, op, success=success)
        self._changes = changes
        self._owner_ref: weakref.ref[QObject] | None = None

    def run(self) -> TaskHandle:
        # The write happens whatever becomes of the owner: its changes must be announced even
        # when the dialog that asked for it closed meanwhile. Only ``success`` needs the owner.
        owner, self._owner = self._owner, None
        self._owner_ref = None if owner is None else weakref.ref(owner)
        return super().run()

    def _deliver(self, value: T) -> None:
        changes = self._changes(value) if callable(self._changes) else self._changes
        self._context.announce(changes)
        owner = None if self._owner_ref is None else self._owner_ref()
        if self._owner_ref is not None and (owner is None or not shiboken6.isValid(owner)):
            return
        super()._deliver(value)
