"""The editable details of one location, saved as the user types.

Every edit goes into ``pending`` and (re)starts a short timer; when it fires, or when the user
leaves the field, switches location or screen, or closes the window, ``flush`` hands the
pending changes to ``services.locations.update_location`` in one transaction, in a worker
(``ui.ops.CollectionOp``, which announces it). The service checks the whole record with the
domain rules: on an error nothing is saved, the message appears under the field and the
changes stay pending (the user sees what they typed and what is wrong with it); warnings show
under their field but do not stop the save. Each save pushes the replaced values on an undo
stack; ``undo`` writes them back.

Saves run one after another, in the order they were asked for; ``when_saved`` runs a function
once they are done (the pane reads the location afresh only then). A location shown afresh (a
change elsewhere) keeps what is typed and not saved yet, and a value the rules refused, with
its message: only the other fields follow, and only where the stored value changed. The
contact persons offered are read in a worker too (``services.location_detail.contacts``).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import LocationType
from vlot_desktop.domain.location_rules import (
    Problem,
    municipality_from_postcode,
    not_a_date,
    not_a_whole_number,
)
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_date
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.inputs import InputError, parse_date, parse_int
from vlot_desktop.ui.ops import CollectionOp, QueryOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import Choice, LocationDetail
    from vlot_desktop.services.location_detail import ContactChoices
    from vlot_desktop.services.locations import SaveResult
    from vlot_desktop.ui.tasks import TaskHandle

AUTOSAVE_MS = 700
# A line edit cuts a longer paste silently at Qt's default 32,767 characters: free text is not
# cut, the service refuses it when too long and the text stays to be shortened (text_limits).
UNCUT = 2**31 - 1
ERROR_STYLE = "color: #b00020;"
# The key of the Opvanglocaties screen: it shows its own changes (the pane re-reads them).
SCREEN = "locations"
# What a field holds when its text cannot be read as its kind (a date, a number).
UNREADABLE = object()
WARNING_STYLE = "color: #8a5300;"
LINE_FIELDS = (
    "name",
    "street",
    "house_number",
    "postcode",
    "capacity",
    "opened_on",
    "closed_on",
    "subsidy_scheme",
    "subsidy_reference",
)
COMBO_FIELDS = (
    "location_type",
    "municipality_nis",
    "owner_organisation_id",
    "owner_contact_id",
    "municipal_contact_id",
)
FLAG_FIELDS = (
    "wheelchair_accessible",
    "suits_families",
    "suits_singles",
    "suits_medical_needs",
    "suits_vulnerable_profiles",
)


class LocationForm(QWidget):
    """Signals:
    saved(str): a change of this location (id) is in the database.
    undo_available(bool): whether there is a change to undo.
    status_changed(str): a line for the pane's status text ("Bewaard om 14:03").
    """

    saved = Signal(str)
    undo_available = Signal(bool)
    status_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.location_id: str | None = None
        self.detail: LocationDetail | None = None
        self.pending: dict[str, Any] = {}
        # Fields whose text cannot be read (e.g. "31/02/2026"): kept, with their message.
        self._invalid: set[str] = set()
        self._undo: list[dict[str, Any]] = []
        # Writes run one at a time: the one running, those waiting, what waits for them all.
        self._saving: TaskHandle | None = None
        self._queue: list[Callable[[], TaskHandle | None]] = []
        self._when_saved: list[Callable[[], None]] = []
        self._postcodes: dict[str, set[str]] = {}
        self._municipality_names: dict[str, str] = {}
        self._loading = False

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)

        self.lines: dict[str, QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self.flags: dict[str, QCheckBox] = {}
        self.messages: dict[str, QLabel] = {}

        captions = {
            "name": self.tr("&Name"),
            "location_type": self.tr("&Type"),
            "street": self.tr("&Street"),
            "house_number": self.tr("Number"),
            "postcode": self.tr("&Postcode"),
            "municipality_nis": self.tr("&Municipality"),
            "owner_organisation_id": self.tr("&Owner"),
            "owner_contact_id": self.tr("Owner's contact person"),
            "municipal_contact_id": self.tr("Municipal contact person"),
            "capacity": self.tr("&Capacity (places)"),
            "opened_on": self.tr("Opened on"),
            "closed_on": self.tr("Closed on"),
            "subsidy_scheme": self.tr("Subsidy scheme"),
            "subsidy_reference": self.tr("Subsidy reference"),
        }
        self.captions = captions
        for name in LINE_FIELDS:
            edit = QLineEdit(self)
            edit.setAccessibleName(captions[name].replace("&", ""))
            edit.textEdited.connect(self._line_edited)
            edit.editingFinished.connect(self.flush)
            edit.setProperty("field", name)
            self.lines[name] = edit
        for name in ("opened_on", "closed_on"):
            self.lines[name].setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.lines["postcode"].setMaxLength(4)
        self.lines["house_number"].setMaximumWidth(90)
        self.lines["postcode"].setMaximumWidth(70)
        self.lines["capacity"].setMaximumWidth(90)
        for name in COMBO_FIELDS:
            combo = QComboBox(self)
            combo.setAccessibleName(captions[name].replace("&", ""))
            combo.setProperty("field", name)
            combo.activated.connect(self._combo_activated)
            self.combos[name] = combo
        for location_type in LocationType:
            self.combos["location_type"].addItem(
                location_type.label(current_language()), location_type.value
            )
        owner = self.combos["owner_organisation_id"]
        owner.setEditable(True)
        owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(owner.model(), owner)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        owner.setCompleter(completer)
        for combo in self.combos.values():
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)

        flag_captions = {
            "wheelchair_accessible": self.tr("Wheelchair accessible"),
            "suits_families": self.tr("Suits families"),
            "suits_singles": self.tr("Suits singles"),
            "suits_medical_needs": self.tr("Suits medical needs"),
            "suits_vulnerable_profiles": self.tr("Suits vulnerable profiles"),
        }
        for name, caption in flag_captions.items():
            box = QCheckBox(caption, self)
            box.setProperty("field", name)
            box.clicked.connect(self._flag_clicked)
            self.flags[name] = box

        self.notes = QPlainTextEdit(self)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 5)
        self.notes.textChanged.connect(self._notes_edited)
        self.notes.installEventFilter(self)

        self.general_message = QLabel(self)
        self.general_message.setWordWrap(True)
        self.general_message.setStyleSheet(ERROR_STYLE)
        self.general_message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.general_message)
        layout.addWidget(
            self._group(
                self.tr("Location"),
                ["name", "location_type", "street", "house_number", "postcode", "municipality_nis"],
            )
        )
        layout.addWidget(
            self._group(
                self.tr("Owner and contacts"),
                ["owner_organisation_id", "owner_contact_id", "municipal_contact_id"],
            )
        )
        layout.addWidget(
            self._group(self.tr("Capacity and dates"), ["capacity", "opened_on", "closed_on"])
        )

        suitability = QGroupBox(self.tr("Suitable for"), self)
        grid = QGridLayout(suitability)
        for number, box in enumerate(self.flags.values()):
            grid.addWidget(box, number // 2, number % 2)
        layout.addWidget(suitability)

        layout.addWidget(self._group(self.tr("Subsidy"), ["subsidy_scheme", "subsidy_reference"]))
        notes_box = QGroupBox(self.tr("Notes"), self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes)
        notes_message = QLabel(notes_box)  # e.g. notes too long to save (text_limits)
        notes_message.setWordWrap(True)
        notes_message.hide()
        self.messages["notes"] = notes_message
        notes_layout.addWidget(notes_message)
        layout.addWidget(notes_box)
        layout.addStretch(1)

    def _group(self, title: str, names: list[str]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A narrow pane puts a long label above its field instead of scrolling sideways.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(4)
        for name in names:
            editor: QWidget = self.lines[name] if name in self.lines else self.combos[name]
            message = QLabel(box)
            message.setWordWrap(True)
            message.hide()
            self.messages[name] = message
            cell = QVBoxLayout()
            cell.setSpacing(1)
            row = QHBoxLayout()
            row.addWidget(editor, 0 if name in ("house_number", "postcode", "capacity") else 1)
            if name in ("house_number", "postcode", "capacity"):
                row.addStretch(1)
            cell.addLayout(row)
            cell.addWidget(message)
            label = QLabel(self.captions[name] + ":", box)
            label.setBuddy(editor)
            form.addRow(label, cell)
        return box

    # -- choices -----------------------------------------------------------------------------

    def set_choices(
        self,
        municipalities: list[Choice],
        organisations: list[Choice],
        postcodes: dict[str, set[str]],
    ) -> None:
        """The reference lists (once, when the database is ready)."""
        self._postcodes = postcodes
        self._municipality_names = {c.key: c.text for c in municipalities}
        self._fill(self.combos["municipality_nis"], municipalities, empty=None)
        self._fill(self.combos["owner_organisation_id"], organisations, empty=self.tr("(none)"))

    @staticmethod
    def _fill(combo: QComboBox, choices: list[Choice], *, empty: str | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        if empty is not None:
            combo.addItem(empty, None)
        for choice in choices:
            combo.addItem(choice.text, choice.key)
        combo.blockSignals(False)

    def _load_contacts(self) -> None:
        """Read the contact persons of the owner and the municipality chosen (in a worker)."""
        from vlot_desktop.services import location_detail

        location_id = self.location_id
        if location_id is None or not self.context.is_ready:
            return
        owner_org = self.combos["owner_organisation_id"].currentData()
        nis = self.combos["municipality_nis"].currentData()
        owner_contact = self._current_key("owner_contact_id")
        municipal_contact = self._current_key("municipal_contact_id")
        QueryOp(
            self.context,
            lambda store: store.read(
                location_detail.contacts, owner_org, nis, owner_contact, municipal_contact
            ),
            success=lambda choices: self._contacts_read(location_id, choices),
        ).owned_by(self).latest("contacts").run()

    def _contacts_read(self, location_id: str, choices: ContactChoices) -> None:
        if location_id != self.location_id:
            return
        for name, offered in (
            ("owner_contact_id", choices.owners),
            ("municipal_contact_id", choices.municipal),
        ):
            combo = self.combos[name]
            self._fill(combo, offered, empty=self.tr("(none)"))
            self._select(combo, self._current_key(name))

    def _current_key(self, name: str) -> str | None:
        if name in self.pending:
            value = self.pending[name]
            return str(value) if value else None
        if self.detail is None:
            return None
        value = getattr(self.detail, name)
        return str(value) if value else None

    @staticmethod
    def _select(combo: QComboBox, key: object) -> None:
        combo.blockSignals(True)
        index = combo.findData(key)
        combo.setCurrentIndex(index if index >= 0 else 0)
        line = combo.lineEdit() if combo.isEditable() else None
        if line is not None:
            line.setCursorPosition(0)  # the start of a long name, not its end
        combo.blockSignals(False)

    # -- showing a location ----------------------------------------------------------------

    def show_detail(self, detail: LocationDetail | None, *, keep_undo: bool = False) -> None:
        """Show ``detail``. Another location: what is still typed for the one shown before is
        saved first. The same one afresh: typed and refused values stay, with their messages."""
        same = detail is not None and detail.id == self.location_id
        if not same:
            if self.pending and self.location_id is not None and self.context.is_ready:
                location_id, values = self.location_id, dict(self.pending)
                self._run_next(lambda: self._save(location_id, values))
            self.timer.stop()
            self.pending.clear()
            self._invalid.clear()
        if detail is None or not same or not keep_undo:
            self._undo.clear()
            self.undo_available.emit(False)
        self.location_id = detail.id if detail is not None else None
        self.detail = detail
        held = set(self.pending) | self._invalid
        if not same:
            self._clear_messages()
        else:
            for name in self.messages:
                if name not in held:
                    self._set_message(name, None)
            if not self.pending:
                self.general_message.hide()
        if detail is None:
            return
        self._loading = True
        texts = {
            "name": detail.name,
            "street": detail.street or "",
            "house_number": detail.house_number or "",
            "postcode": detail.postcode or "",
            "capacity": str(detail.capacity),
            "opened_on": format_date(detail.opened_on),
            "closed_on": format_date(detail.closed_on),
            "subsidy_scheme": detail.subsidy_scheme or "",
            "subsidy_reference": detail.subsidy_reference or "",
        }
        # The same location afresh: a field changes only where the stored value differs from
        # what it shows (no cursor moved under someone typing).
        for name, text in texts.items():
            stored = getattr(detail, name)
            if not same or (name not in held and self._line_value(name) != (stored or None)):
                self.lines[name].setText(text)
                self.lines[name].setCursorPosition(0)
        for name in ("location_type", "municipality_nis", "owner_organisation_id"):
            combo = self.combos[name]
            if not same or (name not in held and combo.currentData() != getattr(detail, name)):
                self._select(combo, getattr(detail, name))
        for name, box in self.flags.items():
            if not same or (name not in held and box.isChecked() != bool(getattr(detail, name))):
                box.setChecked(bool(getattr(detail, name)))
        notes = detail.notes or ""
        if not same or ("notes" not in held and self.notes.toPlainText() != notes):
            self.notes.blockSignals(True)
            self.notes.setPlainText(notes)
            self.notes.blockSignals(False)
        self._loading = False
        self._load_contacts()

    def _line_value(self, name: str) -> object:
        """What line ``name`` holds, as stored (``UNREADABLE``: it holds no date or number)."""
        text = self.lines[name].text()
        try:
            if name in ("opened_on", "closed_on"):
                return parse_date(text)
            if name == "capacity":
                return parse_int(text)
        except InputError:
            return UNREADABLE
        return text.strip() or None

    # -- edits ---------------------------------------------------------------------------------

    @Slot(str)
    def _line_edited(self, text: str) -> None:
        sender = self.sender()
        name = str(sender.property("field")) if sender is not None else ""
        if name not in self.lines or self.location_id is None:
            return
        problem: Problem | None = None
        value: Any = text
        try:
            if name in ("opened_on", "closed_on"):
                value = parse_date(text)
            elif name == "capacity":
                value = parse_int(text)
        except InputError:
            problem = not_a_date(name) if name != "capacity" else not_a_whole_number(name)
        if problem is not None:
            self.pending.pop(name, None)
            self._invalid.add(name)
            self._show_problems([problem], [name])
            return
        self._invalid.discard(name)
        self._set_message(name, None)
        self.pending[name] = value
        if name == "postcode":
            self._fill_municipality_from_postcode(text.strip())
        self.timer.start()

    def _fill_municipality_from_postcode(self, postcode: str) -> None:
        served = self._postcodes.get(postcode)
        combo = self.combos["municipality_nis"]
        if not served or combo.currentData() in served or len(served) != 1:
            return
        nis = next(iter(served))
        self._select(combo, nis)
        self.pending["municipality_nis"] = nis
        self._load_contacts()
        self._set_message(
            "municipality_nis",
            municipality_from_postcode(postcode, self._municipality_names.get(nis, nis)),
        )

    @Slot(int)
    def _combo_activated(self, index: int) -> None:
        sender = self.sender()
        if not isinstance(sender, QComboBox) or self.location_id is None:
            return
        name = str(sender.property("field"))
        self.pending[name] = sender.itemData(index)
        if name in ("owner_organisation_id", "municipality_nis"):
            self._load_contacts()
        self.flush()

    @Slot(bool)
    def _flag_clicked(self, checked: bool) -> None:
        sender = self.sender()
        if sender is None or self.location_id is None:
            return
        self.pending[str(sender.property("field"))] = checked
        self.flush()

    @Slot()
    def _notes_edited(self) -> None:
        if self._loading or self.location_id is None:
            return
        self.pending["notes"] = self.notes.toPlainText()
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Leaving the notes saves them at once, as leaving a line edit does.
        if watched is self.notes and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    # -- saving --------------------------------------------------------------------------------

    @Slot()
    def flush(self) -> None:
        """Hand what is pending to a worker now (after the saves asked for before)."""
        self.timer.stop()
        if not self.pending or self.location_id is None or not self.context.is_ready:
            return
        if self._save_shown not in self._queue:
            self._run_next(self._save_shown)

    @property
    def is_saving(self) -> bool:
        """True while a save (or an undo) runs or waits."""
        return self._saving is not None or bool(self._queue)

    def when_saved(self, then: Callable[[], None]) -> None:
        """Call ``then`` once every save asked for so far is done (at once when none is)."""
        if self.is_saving:
            self._when_saved.append(then)
        else:
            then()

    def _run_next(self, job: Callable[[], TaskHandle | None] | None = None) -> None:
        """Queue ``job`` (it starts a write and returns its handle), and start the next job
        when none runs; with nothing left, call what waits for the saves."""
        if job is not None:
            self._queue.append(job)
        while self._saving is None and self._queue:
            self._saving = self._queue.pop(0)()
        if self._saving is None:
            waiting, self._when_saved = self._when_saved, []
            for then in waiting:
                then()

    def _done(self) -> None:
        self._saving = None
        self._run_next()

    def _save_shown(self) -> TaskHandle | None:
        """Save what is pending for the location shown now (its turn came)."""
        if not self.pending or self.location_id is None:
            return None
        return self._save(self.location_id, dict(self.pending))

    def _save(
        self, location_id: str, values: dict[str, Any], *, undoing: bool = False
    ) -> TaskHandle:
        from vlot_desktop.services.locations import update_location

        author_id = self.context.settings.user_id
        today = dt.date.today()

        def changes(result: SaveResult) -> Changes:
            if not result.saved:
                return Changes()  # refused: nothing changed
            # A new capacity adds or removes places.
            return Changes.of(
                "location", "place", "capacity_change", ids=[location_id], source=SCREEN
            )

        def saved(result: SaveResult) -> None:
            if undoing:
                self._undone(location_id, values, result)
            else:
                self._saved(location_id, values, result)
            self._done()

        return (
            CollectionOp(
                self.context,
                lambda store: update_location(
                    store.engine, location_id, values, author_id=author_id, today=today
                ),
                changes=changes,
                success=saved,
            )
            .failure(lambda exc: self._save_failed(location_id, exc))
            .owned_by(self)
            .run()
        )

    def _saved(self, location_id: str, values: dict[str, Any], result: SaveResult) -> None:
        if location_id != self.location_id:
            if result.saved:
                self.saved.emit(location_id)
            return
        if not result.saved:
            self._show_problems(result.problems, list(values))
            self.status_changed.emit(self.tr("Not saved: correct the marked fields."))
            return
        for name in values:
            if name in self.pending and self.pending[name] is values[name]:
                del self.pending[name]
        replaced = {k: v for k, v in result.previous.items() if _differs(v, values.get(k))}
        if replaced:
            self._undo.append(replaced)
            self.undo_available.emit(True)
        self._after_save(result, [n for n in values if n not in self.pending])

    def _save_failed(self, location_id: str, exc: BaseException) -> None:
        from vlot_desktop.services.locations import LocationNotFoundError

        if not shiboken6.isValid(self):
            return
        if isinstance(exc, LocationNotFoundError):
            if location_id == self.location_id:
                self.pending.clear()
                self.general_message.setText(self.tr("This location no longer exists."))
                self.general_message.show()
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        self._done()

    def _after_save(self, result: SaveResult, fields: list[str]) -> None:
        keep = {"municipality_nis"} if "municipality_nis" in fields else set()
        for name in fields:
            if name not in keep and name not in self._invalid:
                self._set_message(name, None)
        self.general_message.hide()
        self._show_problems(result.warnings, fields, clear=False)
        now = dt.datetime.now()
        self.status_changed.emit(
            self.tr("Saved at %1.").replace("%1", f"{now.hour:02d}:{now.minute:02d}")
        )
        assert self.location_id is not None
        self.saved.emit(self.location_id)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @Slot()
    def undo(self) -> None:
        """Write back the values the last saved change replaced (after what is typed)."""
        self.flush()
        self._run_next(self._undo_last)

    def _undo_last(self) -> TaskHandle | None:
        if not self._undo or self.location_id is None:
            return None
        return self._save(self.location_id, dict(self._undo[-1]), undoing=True)

    def _undone(self, location_id: str, previous: dict[str, Any], result: SaveResult) -> None:
        from vlot_desktop.services import location_detail

        if location_id != self.location_id:
            return
        if not result.saved:
            self._show_problems(result.problems, list(previous))
            self.status_changed.emit(self.tr("The change could not be undone."))
            return
        self._undo.pop()
        self.undo_available.emit(bool(self._undo))
        for name in previous:  # the fields show the values written back
            self.pending.pop(name, None)
            self._invalid.discard(name)

        def show(detail: LocationDetail | None) -> None:
            if detail is None or detail.id != self.location_id:
                return
            self.show_detail(detail, keep_undo=True)
            self.status_changed.emit(self.tr("The last change was undone."))
            self.saved.emit(location_id)

        QueryOp(
            self.context,
            lambda store: store.read(location_detail.header, location_id),
            success=show,
        ).owned_by(self).latest("undone").run()

    # -- messages --------------------------------------------------------------------------------

    def _clear_messages(self) -> None:
        for name in self.messages:
            self._set_message(name, None)
        self.general_message.hide()

    def _set_message(self, name: str, problem: Problem | None) -> None:
        label = self.messages.get(name)
        if label is None:
            return
        if problem is None:
            label.clear()
            label.hide()
            return
        label.setText(problem.text(current_language()))
        label.setStyleSheet(ERROR_STYLE if problem.is_error else WARNING_STYLE)
        label.setAccessibleName(problem.text(current_language()))
        label.show()

    def _show_problems(
        self, problems: list[Problem], fields: list[str], *, clear: bool = True
    ) -> None:
        if clear:
            for name in fields:
                self._set_message(name, None)
        general: list[str] = []
        for problem in problems:
            target = (
                "capacity" if problem.field == "places" and "capacity" in fields else problem.field
            )
            if target in self.messages:
                self._set_message(target, problem)
            elif problem.is_error:
                general.append(problem.text(current_language()))
        if general:
            self.general_message.setText("\n".join(general))
            self.general_message.show()

    def message_text(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none)."""
        label = self.messages.get(name)
        return label.text() if label is not None and not label.isHidden() else ""


def _differs(old: object, new: object) -> bool:
    normal: Callable[[object], object] = lambda v: None if v == "" else v  # noqa: E731
    return normal(old) != normal(new)
