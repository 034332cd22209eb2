"""The one editing component of the forms: :class:`RecordEditor` holds the fields of one record
(a location, a case, a helpdesk question), saves what the user types, keeps what it cannot save,
and undoes the last change. docs/adding-a-screen.md ("A form that saves as the user types")
shows how a form uses it.

Saving as the user types
    Typing in a field makes a *draft* of it and (re)starts a short timer (``AUTOSAVE_MS``);
    when it fires, or when the user leaves the field, chooses in a list, ticks a box, or moves
    to another record or screen, the drafts of the record go to **one service call** in a
    worker: ``save(store, record_id, values)``, through ``ui.ops.CollectionOp``, which announces
    ``changes(record_id)`` to every screen. The service checks the whole record and writes all
    or nothing. The writes run one after another in the order they were made, whichever worker
    takes them; ``when_saved`` runs a function once they are done (a pane reads the record
    afresh only then).

What cannot be saved stays, with its message
    A text that is not a value of its kind (31/02/2026) is kept in its field with the message
    under it and is not sent; a value the rules refuse comes back with the rule's message, and
    the whole change stays in the fields (nothing of it is half-saved). Drafts belong to their
    record, not to the form: **moving to another record never drops them**. Coming back to the
    record shows them in their fields, with their messages, exactly as left; meanwhile a notice
    above the pane's tabs (``notice``) says which record holds a change that was not saved,
    with "Weggooien" to give it up (and "Openen" where the screen can go there).

    Why not ask "Terug naar het veld / Wijziging weggooien" when the user leaves? A user moving
    through a list does not expect to be stopped by a question about a field they may no longer
    have in mind, and a question at leaving can only cover what is known to be wrong at that
    moment: the rules check a value in a worker, and their answer often comes after the user
    has moved on. A draft kept with its record covers both, asks nothing, and loses nothing; the
    notice makes sure it is not forgotten. (Closing the window still loses such a draft: it is
    in memory only.)

    Texts have a limit (``fields``): typing or pasting past it is refused in the field, at once,
    with a message, and the field keeps what it held.

Undo (Ctrl+Z, or the pane's button through :meth:`undo`)
    Takes back the record's last change. What is typed and not sent yet (or refused) goes
    first: the fields show the stored values again, nothing is written. Otherwise the values the
    last saved change replaced are written back through the same ``save`` (announced like any
    edit) and shown. Each record shown starts with an empty undo list.

Related records
    :meth:`write` runs another service call of the record in the same queue (e.g. a new owner
    made and chosen in one transaction, ``people.PersonField``); its result says what it
    replaced (``previous``) and what it wrote (``values``), so it is undone the same way.

A service's result has ``saved`` (bool), ``problems`` (``domain.location_rules.Problem``, by
field; warnings do not stop a save), ``previous`` (field -> the value replaced) and, for
:meth:`write`, ``values`` (field -> the value written).
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections import deque
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.location_rules import Problem
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.forms.fields import Field, UndoKeys, Unreadable
from vlot_desktop.ui.forms.messages import message_label, show_message, shown_text
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import CollectionOp

if TYPE_CHECKING:
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.context import AppContext

AUTOSAVE_MS = 700
NOTICE_STYLE = """
QFrame#draftNotice {
    background: #fff4e5;
    border: 1px solid #e0b060;
    border-radius: 4px;
}
"""


class SaveOutcome(Protocol):
    """What a record's service returns (``services.locations.SaveResult``,
    ``services.cases.CaseSaveResult``)."""

    @property
    def saved(self) -> bool: ...

    @property
    def problems(self) -> list[Problem]: ...

    @property
    def previous(self) -> Mapping[str, Any]: ...


@dataclass(eq=False)
class Draft:
    """What a field of a record holds and the database does not (yet)."""

    raw: object  # what the widget held, to show again
    value: object = None  # what is sent (when ``readable``)
    problem: Problem | str | None = None  # why it cannot be saved
    readable: bool = True
    fresh: bool = True  # changed since it was last refused
    sent: int = 0  # the write it went out with (0: none)


@dataclass(eq=False)
class _Write:
    record_id: str
    kind: str  # "save", "undo" or "write"
    values: dict[str, Any]
    call: Callable[[Store], Any]
    done: Callable[[Any], None] | None = None
    seq: int = 0


@dataclass(eq=False)
class _Outcome:
    write: _Write
    result: Any = None
    error: BaseException | None = None


class _Writes:
    """The writes handed to workers and not yet written: plain Python shared with the worker
    threads. Whichever worker comes first writes all of them, one at a time, in order."""

    def __init__(self) -> None:
        self._queue: deque[_Write] = deque()
        self._lock = threading.Lock()
        self._writing = threading.Lock()

    def add(self, write: _Write) -> None:
        with self._lock:
            self._queue.append(write)

    def run(self, store: Store) -> list[_Outcome]:
        outcomes = []
        with self._writing:
            while True:
                with self._lock:
                    if not self._queue:
                        break
                    write = self._queue.popleft()
                outcome = _Outcome(write)
                try:
                    outcome.result = write.call(store)
                except Exception as exc:
                    outcome.error = exc
                outcomes.append(outcome)
        return outcomes


def _differs(old: object, new: object) -> bool:
    def normal(value: object) -> object:
        value = getattr(value, "value", value)
        return None if value == "" else value

    return normal(old) != normal(new)


def _get(record: object, name: str) -> object:
    if isinstance(record, Mapping):
        return record.get(name)
    return getattr(record, name, None)


class RecordEditor(QObject):
    """The fields of one record, saved as typed (see the module docstring).

    Arguments:
        save: ``save(store, record_id, values)`` calls the record's one service in a worker.
        changes: ``changes(record_id)``, what a saved change of the record announces.
        is_gone: tells an exception that means "the record no longer exists" (deleted on
            another laptop); ``gone_text`` is then shown.

    Attributes:
        fields: the fields by name (``add`` puts them there).
        general: the label for problems of the record as a whole (the form places it).
        notice: the notice of changes of other records that were not saved (the pane places
            it where it is seen whichever tab is open, e.g. above its tabs).
        opener: ``opener(record_id)`` shows another record (``None``: the notice offers no
            "Openen").
        target: ``target(problem, names)``, the field a problem belongs to among ``names``
            (default: ``problem.field``); e.g. the places' rule under the capacity.

    Signals:
        saved(str): a change of this record (id) is in the database.
        undo_available(bool): whether the record shown has a saved change to undo.
        state_changed(str): a line for the pane ("Bewaard om 14:03.").
        values_shown(list): these fields (names) now show other stored values (a record shown,
            a change undone or written): e.g. read the choices that depend on them.
    """

    saved = Signal(str)
    undo_available = Signal(bool)
    state_changed = Signal(str)
    values_shown = Signal(list)

    def __init__(
        self,
        context: AppContext,
        *,
        save: Callable[[Store, str, dict[str, Any]], SaveOutcome],
        changes: Callable[[str], Changes],
        is_gone: Callable[[BaseException], bool] = lambda _exc: False,
        gone_text: str = "",
        parent: QObject | None = None,
        delay_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._save = save
        self._changes = changes
        self._is_gone = is_gone
        self._gone_text = gone_text
        self.fields: dict[str, Field] = {}
        self.general = message_label(None)
        self.notice = DraftNotice(self)
        self.opener: Callable[[str], None] | None = None
        self.target: Callable[[Problem, Collection[str]], str] = lambda p, _names: p.field
        self.record_id: str | None = None
        self._titles: dict[str, str] = {}
        self._stored: dict[str, object] = {}
        self._drafts: dict[str, dict[str, Draft]] = {}
        self._general: dict[str, str] = {}  # record -> a refusal not about one field
        self._notes: dict[str, Problem | str] = {}  # the shown record's warnings
        self._hints: dict[str, Problem | str] = {}  # until the field is edited
        self._undo: list[dict[str, Any]] = []
        self._writes = _Writes()
        self._in_flight = 0
        self._seq = 0
        self._waiters: list[Callable[[], None]] = []
        self._keys = UndoKeys(self.undo, self)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    # -- building the form ----------------------------------------------------------------

    def add(self, field_: Field) -> Any:
        """Edit ``field_`` (returned, to lay it out)."""
        self.fields[field_.name] = field_
        field_.edited.connect(lambda f=field_: self._edited(f))
        field_.chosen.connect(lambda f=field_: self._chosen(f))
        field_.refused.connect(lambda text, f=field_: self._refused(f, text))
        for widget in field_.text_editors():
            widget.installEventFilter(self._keys)
        return field_

    def add_rows(self, layout: QFormLayout, names: list[str], parent: QWidget) -> None:
        """One row per field: "Caption:" (its shortcut key goes to the field), the field and
        its message under it."""
        for name in names:
            field_ = self.fields[name]
            label = QLabel(field_.caption + ":", parent)
            label.setBuddy(field_.widget)
            layout.addRow(label, field_.cell(parent))

    # -- showing a record -----------------------------------------------------------------

    def show_record(
        self,
        record_id: str | None,
        record: object = None,
        *,
        title: str = "",
        keep_undo: bool = False,
    ) -> None:
        """Show a record: ``record`` holds the stored value of each field (attributes or a
        mapping, by field name), ``title`` names it in the notice.

        Another record: what is typed for the one shown before goes to a worker first; its
        drafts stay with it. The same record afresh (a change elsewhere): a field with a draft
        keeps what it shows; the others follow, and only where the stored value changed (no
        cursor moved under someone typing). ``keep_undo``: the undo list stays (same record).
        """
        same = record_id is not None and record_id == self.record_id
        if not same:
            self.flush()
            self.timer.stop()
            self._notes.clear()
            self._hints.clear()
        if record_id is None or not same or not keep_undo:
            self._undo.clear()
            self.undo_available.emit(False)
        self.record_id = record_id
        if record_id is None:
            self._stored = {}
            for field_ in self.fields.values():
                show_message(field_.message, None)
            show_message(self.general, None)
            self._update_notice()
            return
        if title:
            self._titles[record_id] = title
        drafts = self._drafts.get(record_id, {})
        self._stored = {name: _get(record, name) for name in self.fields}
        for name, field_ in self.fields.items():
            draft = drafts.get(name)
            stored = self._stored[name]
            if draft is not None:
                if not same:
                    field_.show_raw(draft.raw)  # back to the record: what was left in it
            elif not same or not field_.shows(stored):
                field_.show(stored)
            if same and draft is None:
                self._notes.pop(name, None)
                self._hints.pop(name, None)
            self._render(name)
        if not same:
            show_message(self.general, self._general.get(record_id))
        elif not drafts:
            show_message(self.general, None)
        self._update_notice()
        self.values_shown.emit(list(self.fields))

    def refill(self, name: str, choices: list[tuple[Any, str]]) -> None:
        """New choices for a list field; it shows its draft or its stored value again."""
        field_ = self.fields[name]
        field_.set_choices(choices)  # type: ignore[attr-defined]
        draft = self._drafts.get(self.record_id or "", {}).get(name)
        if draft is not None:
            field_.show_raw(draft.raw)
        else:
            field_.show(self._stored.get(name))

    def stored(self, name: str) -> object:
        """The stored value of field ``name`` of the record shown."""
        return self._stored.get(name)

    def current(self, name: str) -> object:
        """What field ``name`` stands for now: its draft's value, else the stored value."""
        draft = self._drafts.get(self.record_id or "", {}).get(name)
        if draft is not None and draft.readable:
            return draft.value
        return self._stored.get(name)

    # -- drafts ---------------------------------------------------------------------------

    @property
    def pending(self) -> dict[str, Any]:
        """The values of the record shown that are typed or chosen and not in the database:
        waiting, being written, or refused by the rules (``invalid`` holds the unreadable)."""
        drafts = self._drafts.get(self.record_id or "", {})
        return {name: d.value for name, d in drafts.items() if d.readable}

    @property
    def invalid(self) -> set[str]:
        """Fields of the record shown whose text is not a value of their kind."""
        drafts = self._drafts.get(self.record_id or "", {})
        return {name for name, d in drafts.items() if not d.readable}

    def held(self, record_id: str | None = None) -> bool:
        """True when a record (default: the one shown) has drafts."""
        return bool(self._drafts.get(record_id or self.record_id or ""))

    def held_records(self) -> list[str]:
        """The records with drafts, in the order they got them."""
        return [rid for rid, drafts in self._drafts.items() if drafts]

    def set_value(self, name: str, value: object) -> None:
        """A value the form fills in for the user (e.g. the municipality of a postcode typed):
        shown and saved like a choice."""
        if self.record_id is None:
            return
        field_ = self.fields[name]
        field_.show(value)
        self._drafts.setdefault(self.record_id, {})[name] = Draft(field_.raw(), value)
        self._render(name)
        self.timer.start()

    def note(self, name: str, message: Problem | str | None) -> None:
        """A message under field ``name`` until the user edits it or another record is shown."""
        if message is None:
            self._hints.pop(name, None)
        else:
            self._hints[name] = message
        self._render(name)

    def discard(self, record_id: str) -> None:
        """Give up the drafts of a record (nothing is written)."""
        self._drafts.pop(record_id, None)
        self._general.pop(record_id, None)
        if record_id == self.record_id:
            for name, field_ in self.fields.items():
                field_.show(self._stored.get(name))
                self._render(name)
            show_message(self.general, None)
            self.values_shown.emit(list(self.fields))
        self._update_notice()

    def _take(self, field_: Field) -> None:
        record_id = self.record_id
        if record_id is None:
            return
        drafts = self._drafts.setdefault(record_id, {})
        self._hints.pop(field_.name, None)
        self._notes.pop(field_.name, None)
        if field_.name not in drafts and field_.shows(self._stored.get(field_.name)):
            self._render(field_.name)  # left as stored: nothing to save
            return
        try:
            value = field_.value()
        except Unreadable as exc:
            drafts[field_.name] = Draft(field_.raw(), None, exc.message, readable=False)
        else:
            drafts[field_.name] = Draft(field_.raw(), value)
        self._render(field_.name)

    def _edited(self, field_: Field) -> None:
        if self.record_id is None:
            return
        self._take(field_)
        self.timer.start()

    def _chosen(self, field_: Field) -> None:
        if self.record_id is None:
            return
        if field_.at_once:
            self._take(field_)
        self.flush()

    def _refused(self, field_: Field, text: str) -> None:
        if self.record_id is not None:
            self._hints[field_.name] = text
            self._render(field_.name)

    # -- saving ---------------------------------------------------------------------------

    @Slot()
    def flush(self) -> None:
        """Hand the record's readable drafts to a worker now (after the writes before)."""
        self.timer.stop()
        record_id = self.record_id
        if record_id is None or not self.context.is_ready:
            return
        drafts = self._drafts.get(record_id, {})
        ready = {name: d for name, d in drafts.items() if d.readable and not d.sent}
        if not any(d.fresh for d in ready.values()):
            return  # nothing new: what the rules refused is not sent again as it is
        values = {name: d.value for name, d in ready.items()}
        save = self._save
        write = _Write(record_id, "save", values, lambda store: save(store, record_id, values))
        self._start(write)
        for draft in ready.values():
            draft.sent = write.seq

    def write(
        self, call: Callable[[Store], Any], *, done: Callable[[Any], None] | None = None
    ) -> None:
        """Run another service call of the record shown (after what is typed), in the same
        queue. ``done(result)`` runs on the GUI thread first (e.g. a dialog closes, or says
        what is wrong); a saved result's ``values`` are then shown and its ``previous`` can be
        undone."""
        record_id = self.record_id
        if record_id is None:
            return
        self.flush()
        self._start(_Write(record_id, "write", {}, call, done))

    @property
    def is_saving(self) -> bool:
        """True while a write runs or waits."""
        return self._in_flight > 0

    def when_saved(self, then: Callable[[], None]) -> None:
        """Call ``then`` once every write asked for so far is done (at once when none is)."""
        if self._in_flight:
            self._waiters.append(then)
        else:
            then()

    def _start(self, write: _Write) -> None:
        self._seq += 1
        write.seq = self._seq
        self._writes.add(write)
        self._in_flight += 1
        writes = self._writes
        handle = (
            CollectionOp(self.context, writes.run, changes=self._announced, success=self._delivered)
            .failure(self._broke)
            .owned_by(self)
            .named("save")
            .run()
        )
        if handle.cancelled:
            # The task runner refuses work: the window is closing. Write here, now.
            self._delivered(writes.run(self.context.store))

    def _announced(self, outcomes: list[_Outcome]) -> Changes:
        changes: Changes | None = None
        for outcome in outcomes:
            if outcome.error is None and outcome.result.saved:
                made = self._changes(outcome.write.record_id)
                changes = made if changes is None else changes | made
        return changes if changes is not None else Changes()  # refused: nothing changed

    def _broke(self, exc: BaseException) -> None:
        sys.excepthook(type(exc), exc, exc.__traceback__)
        self._finished()

    def _delivered(self, outcomes: list[_Outcome]) -> None:
        for outcome in outcomes:
            write = outcome.write
            if outcome.error is not None:
                self._failed(write, outcome.error)
            elif write.kind == "undo":
                self._undone(write, outcome.result)
            else:
                self._written(write, outcome.result)
        self._update_notice()
        self._finished()

    def _finished(self) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if self._in_flight:
            return
        waiters, self._waiters = self._waiters, []
        for then in waiters:
            then()

    def _failed(self, write: _Write, error: BaseException) -> None:
        drafts = self._drafts.get(write.record_id, {})
        if self._is_gone(error):
            self._drafts.pop(write.record_id, None)
            if write.record_id == self.record_id:
                show_message(self.general, self._gone_text)
            return
        for draft in drafts.values():
            if draft.sent == write.seq:
                draft.sent = 0
        # A bug, not bad input: the crash dialog and log (ui.errors) take it.
        sys.excepthook(type(error), error, error.__traceback__)

    def _written(self, write: _Write, result: Any) -> None:
        record_id = write.record_id
        drafts = self._drafts.get(record_id, {})
        if write.done is not None:
            write.done(result)
        if not result.saved:
            self._refusal(write, result.problems)
            return
        for name in write.values:
            draft = drafts.get(name)
            if draft is not None and draft.sent == write.seq:
                del drafts[name]
        self._general.pop(record_id, None)
        written: dict[str, Any] = dict(write.values)
        if write.kind == "write":
            written = dict(getattr(result, "values", {}) or {})
            for name in written:  # e.g. the owner's name typed that was not in the list
                draft = drafts.get(name)
                if draft is not None and not draft.sent:
                    del drafts[name]
        if record_id == self.record_id:
            self._show_saved(write, written, result, drafts)
        self.saved.emit(record_id)

    def _show_saved(
        self, write: _Write, written: dict[str, Any], result: Any, drafts: dict[str, Draft]
    ) -> None:
        """The record shown: its fields show what was written, its warnings, and "Bewaard"."""
        for name, value in written.items():
            if name in self.fields:
                self._stored[name] = value
                if write.kind == "write" and name not in drafts:
                    self.fields[name].show(value)
        replaced = {k: v for k, v in result.previous.items() if _differs(v, written.get(k))}
        if replaced:
            self._undo.append(replaced)
            self.undo_available.emit(True)
        names = list(written)
        for name in names:
            self._notes.pop(name, None)
        for problem in result.problems:
            target = self.target(problem, names)
            if not problem.is_error and target in self.fields:
                self._notes[target] = problem
        for name in self.fields:
            self._render(name)
        if not any(d.problem for d in drafts.values()):
            show_message(self.general, None)
        now = dt.datetime.now()
        self.state_changed.emit(
            self.tr("Saved at %1.").replace("%1", f"{now.hour:02d}:{now.minute:02d}")
        )
        if write.kind == "write":
            self.values_shown.emit([n for n in written if n in self.fields])

    def _refusal(self, write: _Write, problems: list[Problem]) -> None:
        """The rules refused a change: its drafts stay, with the rules' messages."""
        if write.kind == "write":
            return  # the caller shows what is wrong (``done``: a dialog)
        record_id = write.record_id
        drafts = self._drafts.get(record_id, {})
        names = list(write.values)
        by_field: dict[str, Problem] = {}
        general: list[str] = []
        for problem in problems:
            if not problem.is_error:
                continue
            target = self.target(problem, names)
            if target in names and target in drafts and target not in by_field:
                by_field[target] = problem
            else:
                general.append(problem.text(current_language()))
        for name in names:
            draft = drafts.get(name)
            if draft is not None and draft.sent == write.seq:
                draft.sent = 0
                draft.fresh = False
                draft.problem = by_field.get(name)
        if general:
            self._general[record_id] = "\n".join(general)
        if record_id == self.record_id:
            for name in names:
                if name in self.fields:
                    self._render(name)
            show_message(self.general, self._general.get(record_id))
            self.state_changed.emit(self.tr("Not saved: correct the marked fields."))

    # -- undo -----------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        """Ctrl+Z would do something: drafts to drop, or a saved change to write back."""
        return self.has_saved_change or bool(self._drafts.get(self.record_id or ""))

    @property
    def has_saved_change(self) -> bool:
        """The record shown has a saved change to undo (``undo_available`` says when)."""
        return bool(self._undo)

    @Slot()
    def undo(self) -> None:
        """Take back the last change of the record shown (see the module docstring)."""
        record_id = self.record_id
        if record_id is None:
            return
        self.timer.stop()
        drafts = self._drafts.get(record_id, {})
        unsent = [name for name, d in drafts.items() if not d.sent]
        if unsent:
            for name in unsent:
                del drafts[name]
                self._hints.pop(name, None)
                self.fields[name].show(self._stored.get(name))
                self._render(name)
            self._general.pop(record_id, None)
            show_message(self.general, None)
            self._update_notice()
            self.state_changed.emit(self.tr("The change was undone; it had not been saved."))
            self.values_shown.emit(unsent)
            return
        self.when_saved(self._undo_now)

    def _undo_now(self) -> None:
        record_id = self.record_id
        if record_id is None or not self._undo:
            return
        previous = self._undo[-1]
        save = self._save
        values = dict(previous)
        self._start(_Write(record_id, "undo", values, lambda store: save(store, record_id, values)))

    def _undone(self, write: _Write, result: Any) -> None:
        record_id = write.record_id
        if record_id != self.record_id:
            return
        if not result.saved:
            for problem in result.problems:
                target = self.target(problem, list(write.values))
                if target in self.fields:
                    self._hints[target] = problem
                    self._render(target)
            self.state_changed.emit(self.tr("The change could not be undone."))
            return
        if self._undo and self._undo[-1] == write.values:
            self._undo.pop()
        self.undo_available.emit(bool(self._undo))
        drafts = self._drafts.get(record_id, {})
        for name, value in write.values.items():
            if name not in self.fields:
                continue
            drafts.pop(name, None)
            self._stored[name] = value
            self._notes.pop(name, None)
            self._hints.pop(name, None)
            self.fields[name].show(value)
            self._render(name)
        self.state_changed.emit(self.tr("The last change was undone."))
        self.values_shown.emit([n for n in write.values if n in self.fields])
        self.saved.emit(record_id)

    # -- messages -------------------------------------------------------------------------

    def _render(self, name: str) -> None:
        field_ = self.fields.get(name)
        if field_ is None:
            return
        draft = self._drafts.get(self.record_id or "", {}).get(name)
        message: Problem | str | None = None
        if draft is not None and draft.problem:
            message = draft.problem
        message = message or self._hints.get(name) or self._notes.get(name)
        show_message(field_.message, message)

    def message_text(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none; "general": the record's)."""
        if name == "general":
            return shown_text(self.general)
        field_ = self.fields.get(name)
        return shown_text(field_.message) if field_ is not None else ""

    def _update_notice(self) -> None:
        entries = []
        for record_id, drafts in self._drafts.items():
            if record_id == self.record_id or not drafts:
                continue
            stuck = [(n, d) for n, d in drafts.items() if not d.sent]
            if not stuck:
                continue  # on its way to the database
            captions = [self.fields[n].plain_caption for n, _d in stuck if n in self.fields]
            reason = next((d.problem for _n, d in stuck if d.problem), None)
            reason_text = (
                reason.text(current_language()) if isinstance(reason, Problem) else reason
            ) or self._general.get(record_id, "")
            entries.append((record_id, self._titles.get(record_id, ""), captions, reason_text))
        self.notice.show_entries(entries)


class DraftNotice(QFrame):
    """ "Niet bewaard bij …": the changes of other records that were not saved, each with
    "Weggooien" (and "Openen" when the editor has an ``opener``). Hidden when there are none."""

    MAX_SHOWN = 3

    def __init__(self, editor: RecordEditor) -> None:
        super().__init__(None)
        self._editor = editor
        self.setObjectName("draftNotice")
        self.setStyleSheet(NOTICE_STYLE)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self._layout.setSpacing(4)
        self._rows: list[QWidget] = []
        self._entries: list[tuple[str, str, list[str], str]] = []
        self.texts: list[str] = []
        self.hide()

    def show_entries(self, entries: list[tuple[str, str, list[str], str]]) -> None:
        if entries == self._entries:
            return  # as shown (most saves change nothing here)
        self._entries = entries
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        self.texts = []
        for record_id, title, captions, reason in entries[: self.MAX_SHOWN]:
            text = (
                self.tr("Not saved for %1: %2.")
                .replace("%1", title or self.tr("another record"))
                .replace("%2", ", ".join(captions) or self.tr("a change"))
            )
            if reason:
                text += " " + reason
            self.texts.append(text)
            row = QWidget(self)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            label = QLabel(text, row)
            label.setWordWrap(True)
            line.addWidget(label, 1)
            if self._editor.opener is not None:
                open_button = QPushButton(self.tr("Open"), row)
                open_button.setToolTip(self.tr("Show it again to correct the change"))
                open_button.clicked.connect(lambda _checked=False, rid=record_id: self._open(rid))
                line.addWidget(open_button)
            discard = QPushButton(self.tr("Discard"), row)
            discard.setToolTip(self.tr("Give up this change: the saved values stay"))
            discard.clicked.connect(lambda _checked=False, rid=record_id: self._editor.discard(rid))
            line.addWidget(discard)
            self._layout.addWidget(row)
            self._rows.append(row)
        if len(entries) > self.MAX_SHOWN:
            more = QLabel(
                self.tr("… and %1 more.").replace("%1", str(len(entries) - self.MAX_SHOWN)),
                self,
            )
            self._layout.addWidget(more)
            self._rows.append(more)
        self.setVisible(bool(entries))

    def _open(self, record_id: str) -> None:
        if self._editor.opener is not None:
            self._editor.opener(record_id)
