"""The Gegevens tab of a location: its fields on the editing component (``ui.forms``).

The fields save as the user types through ``services.locations.update_location`` (one
transaction, checked against the whole record with the domain rules); what cannot be saved
stays in its field with its message, also when the user moves to another location and back;
Ctrl+Z takes back the last change (``ui.forms.record_editor`` says how). A postcode typed fills
in its municipality when only one has it. The owner and the contact persons are chosen from
lists read in a worker (``services.location_detail.contacts``), and "Nieuw…" next to each adds
someone who is not in them yet: ``services.locations.add_owner`` or ``add_contact_person`` makes
them and chooses them in one transaction. An owner's name typed that is not in the list stays,
with a message, until the user adds the owner (Enter or "Nieuw…") or chooses another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import ContactRole, LocationType
from vlot_desktop.domain.location_rules import (
    HOUSE_NUMBER_MAX,
    NAME_MAX,
    STREET_MAX,
    Problem,
    municipality_from_postcode,
)
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.forms import (
    ChoiceField,
    DateField,
    Entry,
    FlagField,
    NewPersonDialog,
    NotesField,
    NumberField,
    PersonField,
    RecordEditor,
    TextField,
)
from vlot_desktop.ui.forms.messages import ERROR_STYLE, WARNING_STYLE
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import QueryOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import Choice, LocationDetail
    from vlot_desktop.services.location_detail import ContactChoices
    from vlot_desktop.services.locations import SaveResult
    from vlot_desktop.services.store import Store

__all__ = ["ERROR_STYLE", "UNCUT", "WARNING_STYLE", "LocationForm"]

# A line edit cuts a longer paste silently at Qt's default 32,767 characters: a field that
# leaves the limit to the service sets this (the status panel's remark).
UNCUT = 2**31 - 1
# The key of the Opvanglocaties screen: it shows its own changes (the pane re-reads them).
SCREEN = "locations"
# The lengths of the subsidy columns (db/models/housing.py).
SUBSIDY_SCHEME_MAX = 200
SUBSIDY_REFERENCE_MAX = 100
ORGANISATION_NAME_MAX = 200  # services.locations: the columns' lengths
PERSON_NAME_MAX = 100
EMAIL_MAX = 200
PHONE_MAX = 50
PEOPLE = ("owner_organisation_id", "owner_contact_id", "municipal_contact_id")
# The roles a municipality's new contact person may have.
MUNICIPAL_ROLES = (
    ContactRole.MUNICIPAL_COORDINATOR,
    ContactRole.GENERAL_DIRECTOR,
    ContactRole.MAYOR,
    ContactRole.ALDERMAN,
    ContactRole.STAFF,
    ContactRole.OTHER,
)


def _target(problem: Problem, names: Collection[str]) -> str:
    """The rule of the places in use shows under the capacity that broke it."""
    if problem.field == "places" and "capacity" in names:
        return "capacity"
    return problem.field


def _saver(context: AppContext) -> Callable[[Store, str, dict[str, Any]], SaveResult]:
    """The one service of the fields, called in a worker (it holds no widget)."""

    def save(store: Store, location_id: str, values: dict[str, Any]) -> SaveResult:
        from vlot_desktop.services.locations import update_location

        return update_location(
            store.engine,
            location_id,
            values,
            author_id=context.settings.user_id,
            today=dt.date.today(),
        )

    return save


def _gone(exc: BaseException) -> bool:
    from vlot_desktop.services.locations import LocationNotFoundError

    return isinstance(exc, LocationNotFoundError)


class LocationForm(QWidget):
    """Attributes (for the pane and the tests):
    editor: the ``RecordEditor`` (the pane places its ``notice``); ``lines``, ``combos``,
    ``flags``, ``notes`` and ``messages`` are its widgets by field name; ``people`` the three
    person fields.
    open_dialog: how a "Nieuw…" dialog is shown (``exec``); tests replace it.

    Signals:
        saved(str): a change of this location (id) is in the database.
        undo_available(bool): whether there is a saved change to undo.
        status_changed(str): a line for the pane's status text ("Bewaard om 14:03").
        open_requested(str): the user asked to see another location again (the notice's
            "Openen": it holds a change that was not saved).
    """

    saved = Signal(str)
    undo_available = Signal(bool)
    status_changed = Signal(str)
    open_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._postcodes: dict[str, set[str]] = {}
        self._municipality_names: dict[str, str] = {}
        self.open_dialog: Callable[[NewPersonDialog], int] = NewPersonDialog.exec

        editor = RecordEditor(
            context,
            save=_saver(context),
            changes=lambda location_id: Changes.of(
                # A new capacity adds or removes places; a new owner or contact person is a
                # new organisation or person.
                "location",
                "place",
                "capacity_change",
                "organisation",
                "contact_person",
                ids=[location_id],
                source=SCREEN,
            ),
            is_gone=_gone,
            gone_text=self.tr("This location no longer exists."),
            parent=self,
        )
        editor.target = _target
        editor.opener = self.open_requested.emit
        self.editor = editor
        none = self.tr("(none)")
        add = editor.add
        self.name_field = add(TextField("name", self.tr("&Name"), limit=NAME_MAX))
        location_type = add(ChoiceField("location_type", self.tr("&Type")))
        location_type.set_choices([(t.value, t.label(current_language())) for t in LocationType])
        add(TextField("street", self.tr("&Street"), limit=STREET_MAX))
        add(TextField("house_number", self.tr("Number"), limit=HOUSE_NUMBER_MAX, narrow=90))
        self.postcode = add(TextField("postcode", self.tr("&Postcode"), limit=4, narrow=70))
        self.municipality = add(ChoiceField("municipality_nis", self.tr("&Municipality")))
        self.people: dict[str, PersonField] = {
            "owner_organisation_id": add(
                PersonField("owner_organisation_id", self.tr("&Owner"), empty=none, editable=True)
            ),
            "owner_contact_id": add(
                PersonField("owner_contact_id", self.tr("Owner's contact person"), empty=none)
            ),
            "municipal_contact_id": add(
                PersonField("municipal_contact_id", self.tr("Municipal contact person"), empty=none)
            ),
        }
        add(NumberField("capacity", self.tr("&Capacity (places)")))
        add(DateField("opened_on", self.tr("Opened on")))
        add(DateField("closed_on", self.tr("Closed on")))
        flags = {
            "wheelchair_accessible": self.tr("Wheelchair accessible"),
            "suits_families": self.tr("Suits families"),
            "suits_singles": self.tr("Suits singles"),
            "suits_medical_needs": self.tr("Suits medical needs"),
            "suits_vulnerable_profiles": self.tr("Suits vulnerable profiles"),
        }
        for name, caption in flags.items():
            add(FlagField(name, caption))
        add(TextField("subsidy_scheme", self.tr("Subsidy scheme"), limit=SUBSIDY_SCHEME_MAX))
        add(
            TextField(
                "subsidy_reference", self.tr("Subsidy reference"), limit=SUBSIDY_REFERENCE_MAX
            )
        )
        notes = add(NotesField("notes", self.tr("Notes")))

        fields = editor.fields
        self.lines = {
            n: f.edit
            for n, f in fields.items()
            if isinstance(f, TextField | NumberField | DateField)
        }
        self.combos = {n: f.combo for n, f in fields.items() if isinstance(f, ChoiceField)}
        self.flags = {n: f.box for n, f in fields.items() if isinstance(f, FlagField)}
        self.notes = notes.edit
        self.messages = {n: f.message for n, f in fields.items()}
        self.general_message = editor.general

        self.postcode.edited.connect(self._postcode_typed)
        self.municipality.chosen.connect(self._load_contacts)
        self.people["owner_organisation_id"].chosen.connect(self._load_contacts)
        self.people["owner_organisation_id"].new_requested.connect(self._new_owner)
        self.people["owner_contact_id"].new_requested.connect(
            lambda typed: self._new_contact("owner_contact_id", typed)
        )
        self.people["municipal_contact_id"].new_requested.connect(
            lambda typed: self._new_contact("municipal_contact_id", typed)
        )
        editor.values_shown.connect(self._values_shown)
        editor.saved.connect(self.saved)
        editor.undo_available.connect(self.undo_available)
        editor.state_changed.connect(self.status_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        editor.general.setParent(self)
        layout.addWidget(editor.general)
        layout.addWidget(
            self._group(
                self.tr("Location"),
                ["name", "location_type", "street", "house_number", "postcode", "municipality_nis"],
            )
        )
        layout.addWidget(self._group(self.tr("Owner and contacts"), list(PEOPLE)))
        layout.addWidget(
            self._group(self.tr("Capacity and dates"), ["capacity", "opened_on", "closed_on"])
        )
        suitability = QGroupBox(self.tr("Suitable for"), self)
        grid = QGridLayout(suitability)
        for number, name in enumerate(flags):
            grid.addWidget(fields[name].widget, number // 2, number % 2)
        layout.addWidget(suitability)
        layout.addWidget(self._group(self.tr("Subsidy"), ["subsidy_scheme", "subsidy_reference"]))
        notes_box = QGroupBox(self.tr("Notes"), self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addLayout(notes.cell(notes_box))
        layout.addWidget(notes_box)
        layout.addStretch(1)

    def _group(self, title: str, names: list[str]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A narrow pane puts a long label above its field instead of scrolling sideways.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(4)
        self.editor.add_rows(form, names, box)
        return box

    # -- what the pane asks ------------------------------------------------------------------

    @property
    def location_id(self) -> str | None:
        return self.editor.record_id

    @property
    def pending(self) -> dict[str, Any]:
        """Typed or chosen, not in the database yet (waiting, being written, or refused)."""
        return self.editor.pending

    @property
    def is_saving(self) -> bool:
        return self.editor.is_saving

    @property
    def can_undo(self) -> bool:
        return self.editor.can_undo

    def flush(self) -> None:
        """Hand what is typed to a worker now (``when_saved`` says when it is written)."""
        self.editor.flush()

    def when_saved(self, then: Callable[[], None]) -> None:
        self.editor.when_saved(then)

    @Slot()
    def undo(self) -> None:
        self.editor.undo()

    def message_text(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none)."""
        return self.editor.message_text(name)

    def set_choices(
        self,
        municipalities: list[Choice],
        organisations: list[Choice],
        postcodes: dict[str, set[str]],
    ) -> None:
        """The reference lists (when the database is ready, and after they changed)."""
        self._postcodes = postcodes
        self._municipality_names = {c.key: c.text for c in municipalities}
        self.editor.refill("municipality_nis", [(c.key, c.text) for c in municipalities])
        self.editor.refill("owner_organisation_id", [(c.key, c.text) for c in organisations])

    def show_detail(self, detail: LocationDetail | None, *, keep_undo: bool = False) -> None:
        """Show ``detail``. Another location: what is typed for the one shown before is saved
        first, and what cannot be saved stays with it. The same one afresh: what is typed and
        refused stays, with its messages."""
        if detail is None:
            self.editor.show_record(None)
            return
        self.editor.show_record(detail.id, detail, title=detail.name, keep_undo=keep_undo)

    # -- the municipality of a postcode, and the contact persons it offers -------------------

    @Slot()
    def _postcode_typed(self) -> None:
        postcode = self.lines["postcode"].text().strip()
        served = self._postcodes.get(postcode)
        if not served or len(served) != 1 or self.editor.current("municipality_nis") in served:
            return
        nis = next(iter(served))
        self.editor.set_value("municipality_nis", nis)
        self.editor.note(
            "municipality_nis",
            municipality_from_postcode(postcode, self._municipality_names.get(nis, nis)),
        )
        self._load_contacts()

    @Slot(list)
    def _values_shown(self, names: list[str]) -> None:
        if {"owner_organisation_id", "municipality_nis", *PEOPLE[1:]} & set(names):
            self._load_contacts()

    @Slot()
    def _load_contacts(self) -> None:
        """Read the contact persons of the owner and the municipality chosen (in a worker)."""
        from vlot_desktop.services import location_detail

        location_id = self.editor.record_id
        if location_id is None or not self.context.is_ready:
            return

        def current(name: str) -> str | None:
            value = self.editor.current(name)
            return str(value) if value else None

        owner, nis = current("owner_organisation_id"), current("municipality_nis")
        owner_contact = current("owner_contact_id")
        municipal_contact = current("municipal_contact_id")
        QueryOp(
            self.context,
            lambda store: store.read(
                location_detail.contacts, owner, nis, owner_contact, municipal_contact
            ),
            success=lambda choices: self._contacts_read(location_id, choices),
        ).owned_by(self).latest("contacts").run()

    def _contacts_read(self, location_id: str, choices: ContactChoices) -> None:
        if location_id != self.editor.record_id:
            return
        self.editor.refill("owner_contact_id", [(c.key, c.text) for c in choices.owners])
        self.editor.refill("municipal_contact_id", [(c.key, c.text) for c in choices.municipal])

    # -- new people ---------------------------------------------------------------------------

    @Slot(str)
    def _new_owner(self, typed: str) -> None:
        if self.editor.record_id is None:
            return
        dialog = NewPersonDialog(
            self.tr("New owner"),
            [
                Entry("name", self.tr("&Name"), ORGANISATION_NAME_MAX),
                Entry("email", self.tr("&E-mail"), EMAIL_MAX),
                Entry("phone", self.tr("&Phone"), PHONE_MAX),
            ],
            {"name": typed},
            self._add_owner,
            self,
        )
        try:
            self.open_dialog(dialog)
        finally:
            dialog.deleteLater()

    def _add_owner(self, values: dict[str, Any], answer: Callable[[Any], None]) -> None:
        from vlot_desktop.services import locations

        location_id = self.editor.record_id
        if location_id is None:
            return
        name = str(values["name"]).strip()
        owner = self.people["owner_organisation_id"]

        def done(result: SaveResult) -> None:
            if result.saved and result.created_id:
                owner.add_choice(result.created_id, name)
            answer(result)

        self.editor.write(
            lambda store: locations.add_owner(
                store.engine,
                location_id,
                name=name,
                email=values.get("email"),
                phone=values.get("phone"),
            ),
            done=done,
        )

    def _new_contact(self, field_name: str, typed: str) -> None:
        if self.editor.record_id is None:
            return
        owner_contact = field_name == "owner_contact_id"
        if owner_contact and not self.editor.current("owner_organisation_id"):
            self.editor.note(
                field_name,
                self.tr("Choose the owner first: the contact person belongs to the owner."),
            )
            return
        first, _space, last = typed.partition(" ")
        entries = [
            Entry("first_name", self.tr("&First name"), PERSON_NAME_MAX),
            Entry("last_name", self.tr("&Last name"), PERSON_NAME_MAX),
        ]
        if not owner_contact:
            language = current_language()
            entries.append(
                Entry(
                    "role",
                    self.tr("&Role"),
                    choices=tuple((r.value, r.label(language)) for r in MUNICIPAL_ROLES),
                )
            )
        entries += [
            Entry("email", self.tr("&E-mail"), EMAIL_MAX),
            Entry("phone", self.tr("&Phone"), PHONE_MAX),
        ]
        dialog = NewPersonDialog(
            self.tr("New contact person of the owner")
            if owner_contact
            else self.tr("New contact person of the municipality"),
            entries,
            {"first_name": first, "last_name": last},
            lambda values, answer: self._add_contact(field_name, values, answer),
            self,
        )
        try:
            self.open_dialog(dialog)
        finally:
            dialog.deleteLater()

    def _add_contact(
        self, field_name: str, values: dict[str, Any], answer: Callable[[Any], None]
    ) -> None:
        from vlot_desktop.services import locations

        location_id = self.editor.record_id
        if location_id is None:
            return
        person = self.people[field_name]
        text = f"{str(values.get('first_name') or '').strip()} {values['last_name']}".strip()

        def done(result: SaveResult) -> None:
            if result.saved and result.created_id:
                person.add_choice(result.created_id, text)
            answer(result)

        self.editor.write(
            lambda store: locations.add_contact_person(
                store.engine,
                location_id,
                field_name,
                first_name=values.get("first_name"),
                last_name=values.get("last_name"),
                role=values.get("role"),
                email=values.get("email"),
                phone=values.get("phone"),
            ),
            done=done,
        )
