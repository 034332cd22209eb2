"""The editable details of one location, saved as the user types.

Every edit goes into ``pending`` and (re)starts a short timer; when it fires, or when the user
leaves the field, switches location or screen, or closes the window, ``flush`` hands the
pending changes to ``services.locations.update_location`` in one transaction. The service
checks the whole record with the domain rules: on an error nothing is saved, the message
appears under the field and the changes stay pending (the user sees what they typed and what
is wrong with it); warnings show under their field but do not stop the save. Each save pushes
the replaced values on an undo stack; ``undo`` writes them back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

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
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.formatting import format_date
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.inputs import InputError, parse_date, parse_int

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import Choice, LocationDetail
    from vlot_desktop.services.locations import SaveResult

AUTOSAVE_MS = 700
# A line edit cuts a longer paste silently at Qt's default 32,767 characters: free text is not
# cut, the service refuses it when too long and the text stays to be shortened (text_limits).
UNCUT = 2**31 - 1
ERROR_STYLE = "color: #b00020;"
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
        self._undo: list[dict[str, Any]] = []
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
        from vlot_desktop.db.queries.locations import contact_choices

        owner_org = self.combos["owner_organisation_id"].currentData()
        nis = self.combos["municipality_nis"].currentData()
        owner_contact = self._current_key("owner_contact_id")
        municipal_contact = self._current_key("municipal_contact_id")
        with self.context.connection() as conn:
            owners = contact_choices(conn, organisation_id=owner_org, include_id=owner_contact)
            municipal = contact_choices(conn, municipality_nis=nis, include_id=municipal_contact)
        for name, choices, key in (
            ("owner_contact_id", owners, owner_contact),
            ("municipal_contact_id", municipal, municipal_contact),
        ):
            combo = self.combos[name]
            self._fill(combo, choices, empty=self.tr("(none)"))
            self._select(combo, key)

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
        """Show ``detail`` (the caller flushed the previous location first)."""
        self.timer.stop()
        self.pending.clear()
        if detail is None or detail.id != self.location_id or not keep_undo:
            self._undo.clear()
            self.undo_available.emit(False)
        self.location_id = detail.id if detail is not None else None
        self.detail = detail
        self._clear_messages()
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
        for name, text in texts.items():
            self.lines[name].setText(text)
            self.lines[name].setCursorPosition(0)
        for name in ("location_type", "municipality_nis", "owner_organisation_id"):
            self._select(self.combos[name], getattr(detail, name))
        self._load_contacts()
        for name, box in self.flags.items():
            box.setChecked(bool(getattr(detail, name)))
        self.notes.blockSignals(True)
        self.notes.setPlainText(detail.notes or "")
        self.notes.blockSignals(False)
        self._loading = False

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
            self._show_problems([problem], [name])
            return
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
    def flush(self) -> bool:
        """Save what is pending now; True when nothing is left unsaved."""
        self.timer.stop()
        if not self.pending or self.location_id is None or not self.context.is_ready:
            return not self.pending
        changes = dict(self.pending)
        result = self._save(changes)
        if result is None:
            return False
        if not result.saved:
            self._show_problems(result.problems, list(changes))
            self.status_changed.emit(self.tr("Not saved: correct the marked fields."))
            return False
        for name in changes:
            if self.pending.get(name) is changes[name]:
                del self.pending[name]
        replaced = {k: v for k, v in result.previous.items() if _differs(v, changes.get(k))}
        if replaced:
            self._undo.append(replaced)
            self.undo_available.emit(True)
        self._after_save(result, list(changes))
        return not self.pending

    def _save(self, changes: dict[str, Any]) -> SaveResult | None:
        from vlot_desktop.services.locations import LocationNotFoundError, update_location

        assert self.location_id is not None
        try:
            return update_location(
                self.context.engine,
                self.location_id,
                changes,
                author_id=self.context.settings.user_id,
                today=dt.date.today(),
            )
        except LocationNotFoundError:
            self.pending.clear()
            self.general_message.setText(self.tr("This location no longer exists."))
            self.general_message.show()
            return None

    def _after_save(self, result: SaveResult, fields: list[str]) -> None:
        keep = {"municipality_nis"} if "municipality_nis" in fields else set()
        for name in fields:
            if name not in keep:
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
        """Write back the values the last saved change replaced."""
        from vlot_desktop.db.queries.locations import location_detail

        self.flush()
        if not self._undo or self.location_id is None:
            return
        previous = self._undo[-1]
        result = self._save(dict(previous))
        if result is None:
            return
        if not result.saved:
            self._show_problems(result.problems, list(previous))
            self.status_changed.emit(self.tr("The change could not be undone."))
            return
        self._undo.pop()
        self.undo_available.emit(bool(self._undo))
        with self.context.connection() as conn:
            detail = location_detail(conn, self.location_id)
        self.show_detail(detail, keep_undo=True)
        self.status_changed.emit(self.tr("The last change was undone."))
        self.saved.emit(self.location_id)

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
