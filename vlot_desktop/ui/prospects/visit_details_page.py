"""Visit mode's first page: the building and the visit, who took part, and the outcome.

Everything here is saved as typed, like the checklist (see ``autosave``): each edit becomes a
write of ``services.prospects`` that the autosaver runs in a worker. The outcome decides
whether the prospect can become a location; the conversion itself is the visit view's job.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import ParticipantRole, ProspectStatus
from vlot_desktop.domain.location_rules import CAPACITY_MAX
from vlot_desktop.services import prospects as svc
from vlot_desktop.ui.formatting import enum_label
from vlot_desktop.ui.prospects.autosave import Autosaver, Save

if TYPE_CHECKING:
    from vlot_desktop.db.queries.municipalities import MunicipalityRow
    from vlot_desktop.db.queries.prospects import ParticipantRow, VisitDetail
    from vlot_desktop.services.store import Store

NO_DATE = QDate(2000, 1, 1)
EDITABLE_STATUSES = (
    ProspectStatus.PLANNED,
    ProspectStatus.VISITED,
    ProspectStatus.POSITIVE,
    ProspectStatus.NEGATIVE,
    ProspectStatus.ON_HOLD,
)


def to_qdate(value: dt.date | None) -> QDate:
    return NO_DATE if value is None else QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date | None:
    if not value.isValid() or value == NO_DATE:
        return None
    return dt.date(value.year(), value.month(), value.day())


class _Participant:
    """The id of one participant row, shared by its writes: the first (in a worker) creates
    the participant, the later ones update or remove that one."""

    def __init__(self, participant_id: str | None) -> None:
        self.id = participant_id


class ParticipantEditor(QWidget):
    """One participant: role, name, organisation; saved as typed, created on the first name."""

    removed = Signal(QWidget)

    def __init__(
        self,
        visit_id: str,
        saver: Autosaver,
        participant: ParticipantRow | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._visit_id = visit_id
        self._saver = saver
        self._participant = _Participant(participant.id if participant else None)
        # A write with a name was made for this row (it may not be in the database yet).
        self._named = participant is not None
        self.role_combo = QComboBox(self)
        self.role_combo.setAccessibleName(self.tr("Role"))
        self.role_combo.setMinimumHeight(34)
        for member in ParticipantRole:
            self.role_combo.addItem(enum_label(ParticipantRole, member.value), member.value)
        role = participant.role if participant else ParticipantRole.OWNER.value
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))
        self.name_edit = QLineEdit(participant.name if participant else "", self)
        self.name_edit.setPlaceholderText(self.tr("Name"))
        self.name_edit.setAccessibleName(self.tr("Name of the participant"))
        self.name_edit.setMinimumHeight(34)
        self.organisation_edit = QLineEdit(
            (participant.organisation or "") if participant else "", self
        )
        self.organisation_edit.setPlaceholderText(self.tr("Organisation"))
        self.organisation_edit.setAccessibleName(self.tr("Organisation of the participant"))
        self.organisation_edit.setMinimumHeight(34)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAccessibleName(self.tr("Remove this participant"))
        self.remove_button.setMinimumHeight(34)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.role_combo)
        row.addWidget(self.name_edit, 2)
        row.addWidget(self.organisation_edit, 2)
        row.addWidget(self.remove_button)
        self.role_combo.currentIndexChanged.connect(self._edited)
        self.name_edit.textEdited.connect(self._edited)
        self.organisation_edit.textEdited.connect(self._edited)
        self.name_edit.editingFinished.connect(saver.flush)
        self.organisation_edit.editingFinished.connect(saver.flush)
        self.remove_button.clicked.connect(self._remove)

    @property
    def participant_id(self) -> str | None:
        """The participant's id once its first write (with a name) is in the database."""
        return self._participant.id

    @property
    def save_key(self) -> str:
        return f"participant:{id(self)}"

    @Slot()
    def _edited(self) -> None:
        name = self.name_edit.text()
        role = str(self.role_combo.currentData())
        organisation = self.organisation_edit.text()
        participant, visit_id = self._participant, self._visit_id
        if not name.strip() and not self._named:
            return  # nothing to save until it has a name

        def write(store: Store) -> None:
            if participant.id is None:
                participant.id = svc.add_participant(
                    store.engine, visit_id, name, role, organisation
                )
            else:
                svc.update_participant(store.engine, participant.id, name, role, organisation)

        self._named = True
        self._saver.schedule(self.save_key, Save(write, tag=visit_id))

    @Slot()
    def _remove(self) -> None:
        self._saver.discard(self.save_key)
        participant = self._participant

        def remove(store: Store) -> None:
            if participant.id is not None:  # (created by a write made before this one)
                svc.remove_participant(store.engine, participant.id)

        self._saver.save_now(f"remove:{id(self)}", Save(remove, tag=self._visit_id))
        self.removed.emit(self)


class VisitDetailsPage(QWidget):
    """Signals:
    header_changed(): name, address or date changed (the visit view's title follows).
    status_changed(str): the outcome was set (a ProspectStatus value).
    convert_requested(): the user asked to make the prospect a location.
    """

    header_changed = Signal()
    status_changed = Signal(str)
    convert_requested = Signal()

    def __init__(
        self,
        saver: Autosaver,
        municipalities: list[MunicipalityRow],
        postcodes: dict[str, list[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._saver = saver
        self._postcodes = postcodes  # postcode -> the NIS codes it serves
        self._visit_id = ""
        self._status = ""
        self._loading = False

        def line(name: str) -> QLineEdit:
            edit = QLineEdit(self)
            edit.setAccessibleName(name)
            edit.setMinimumHeight(34)
            edit.textEdited.connect(self._fields_edited)
            edit.editingFinished.connect(saver.flush)
            return edit

        self.name_edit = line(self.tr("Name of the building"))
        self.street_edit = line(self.tr("Street"))
        self.number_edit = line(self.tr("House number"))
        self.number_edit.setMaximumWidth(120)
        self.postcode_edit = line(self.tr("Postcode"))
        self.postcode_edit.setMaximumWidth(120)
        self.postcode_edit.setMaxLength(4)
        self.postcode_edit.textEdited.connect(self._postcode_edited)
        self.municipality_combo = QComboBox(self)
        self.municipality_combo.setAccessibleName(self.tr("Municipality"))
        self.municipality_combo.setMinimumHeight(34)
        for m in municipalities:
            self.municipality_combo.addItem(m.name, m.nis_code)
        self.municipality_combo.currentIndexChanged.connect(self._fields_edited_now)
        self.date_edit = QDateEdit(self)
        self.date_edit.setAccessibleName(self.tr("Date of the visit"))
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(NO_DATE)
        self.date_edit.setSpecialValueText(self.tr("no date"))
        self.date_edit.setMinimumHeight(34)
        self.date_edit.dateChanged.connect(self._fields_edited)
        self.visitor_label = QLabel(self)
        self.template_label = QLabel(self)
        self.places_spin = QSpinBox(self)
        self.places_spin.setAccessibleName(self.tr("Estimated number of places"))
        self.places_spin.setRange(-1, CAPACITY_MAX)
        self.places_spin.setSpecialValueText(self.tr("not filled in"))
        self.places_spin.setMinimumHeight(34)
        self.places_spin.setMaximumWidth(160)
        self.places_spin.valueChanged.connect(self._fields_edited)
        self.places_spin.editingFinished.connect(saver.flush)

        self.impression_edit = QPlainTextEdit(self)
        self.impression_edit.setAccessibleName(self.tr("General impression"))
        self.impression_edit.setFixedHeight(80)
        self.impression_edit.textChanged.connect(self._fields_edited)
        self.impression_edit.installEventFilter(self)

        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(self.tr("Outcome"))
        self.status_combo.setMinimumHeight(34)
        self.status_combo.currentIndexChanged.connect(self._status_chosen)
        self.outcome_edit = QPlainTextEdit(self)
        self.outcome_edit.setAccessibleName(self.tr("Explanation of the outcome"))
        self.outcome_edit.setFixedHeight(70)
        self.outcome_edit.textChanged.connect(self._fields_edited)
        self.outcome_edit.installEventFilter(self)
        self.convert_button = QPushButton(self.tr("Convert to reception location…"), self)
        self.convert_button.setMinimumHeight(40)
        self.convert_button.setToolTip(
            self.tr(
                "A positive prospect becomes a reception location in preparation, "
                "with its estimated places"
            )
        )
        self.convert_button.clicked.connect(self.convert_requested)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("detailsMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        # Under a text field: why what is typed there was not saved (e.g. too long).
        self.field_messages: dict[str, QLabel] = {}
        for name in ("general_impression", "outcome_notes"):
            label = QLabel(self)
            label.setWordWrap(True)
            label.setStyleSheet("color: #b3261e;")
            label.hide()
            self.field_messages[name] = label

        building = QGroupBox(self.tr("Building and visit"), self)
        form = QFormLayout(building)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Name:"), self.name_edit)
        address = QHBoxLayout()
        address.addWidget(self.street_edit, 1)
        address.addWidget(self.number_edit)
        form.addRow(self.tr("&Street and number:"), address)
        place = QHBoxLayout()
        place.addWidget(self.postcode_edit)
        place.addWidget(self.municipality_combo, 1)
        form.addRow(self.tr("&Postcode and municipality:"), place)
        form.addRow(self.tr("&Date of the visit:"), self.date_edit)
        form.addRow(self.tr("Visitor:"), self.visitor_label)
        form.addRow(self.tr("Checklist:"), self.template_label)
        self._label_buddies(form)

        outcome = QGroupBox(self.tr("Outcome"), self)
        outcome_form = QFormLayout(outcome)
        outcome_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        outcome_form.addRow(self.tr("Estimated &places:"), self.places_spin)
        outcome_form.addRow(
            self.tr("General &impression:"),
            self._with_message(self.impression_edit, "general_impression"),
        )
        outcome_form.addRow(self.tr("O&utcome:"), self.status_combo)
        outcome_form.addRow(
            self.tr("E&xplanation:"), self._with_message(self.outcome_edit, "outcome_notes")
        )
        outcome_form.addRow("", self.convert_button)
        outcome_form.addRow("", self.message_label)
        self._label_buddies(outcome_form)

        participants = QGroupBox(self.tr("Participants"), self)
        self.participant_rows = QVBoxLayout()
        self.participant_rows.setSpacing(6)
        self.add_participant_button = QPushButton(self.tr("Add participant"), self)
        self.add_participant_button.setMinimumHeight(36)
        self.add_participant_button.clicked.connect(lambda: self.add_participant_row(None, True))
        participants_layout = QVBoxLayout(participants)
        participants_layout.addLayout(self.participant_rows)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_participant_button)
        add_row.addStretch(1)
        participants_layout.addLayout(add_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(12)
        layout.addWidget(building)
        layout.addWidget(participants)
        layout.addWidget(outcome)
        layout.addStretch(1)

    def _with_message(self, editor: QWidget, name: str) -> QVBoxLayout:
        cell = QVBoxLayout()
        cell.setSpacing(1)
        cell.addWidget(editor)
        cell.addWidget(self.field_messages[name])
        return cell

    @staticmethod
    def _label_buddies(form: QFormLayout) -> None:
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is None or field is None:
                continue
            widget = label.widget()
            target = field.widget()
            inner = field.layout()
            if target is None and inner is not None:
                first = inner.itemAt(0)
                target = first.widget() if first is not None else None
            if isinstance(widget, QLabel) and target is not None:
                widget.setBuddy(target)

    # -- loading ---------------------------------------------------------------------------

    def show_visit(self, visit: VisitDetail, template_title: str) -> None:
        self._loading = True
        self._visit_id = visit.id
        self.name_edit.setText(visit.name)
        self.street_edit.setText(visit.street or "")
        self.number_edit.setText(visit.house_number or "")
        self.postcode_edit.setText(visit.postcode or "")
        self.municipality_combo.setCurrentIndex(
            max(0, self.municipality_combo.findData(visit.municipality_nis))
        )
        self.date_edit.setDate(to_qdate(visit.visit_date))
        self.visitor_label.setText(visit.visitor_name or "—")
        self.template_label.setText(
            self.tr("%1, version %2")
            .replace("%1", template_title)
            .replace("%2", str(visit.template_version))
        )
        self.places_spin.setValue(-1 if visit.estimated_places is None else visit.estimated_places)
        self.impression_edit.setPlainText(visit.general_impression or "")
        self.outcome_edit.setPlainText(visit.outcome_notes or "")
        self._fill_status(visit.status)
        while self.participant_rows.count():
            item = self.participant_rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for participant in visit.participants:
            self.add_participant_row(participant, False)
        self.show_message(None)
        self.clear_field_messages()
        self._loading = False

    def _fill_status(self, status: str) -> None:
        self._status = status
        self.status_combo.blockSignals(True)
        self.status_combo.clear()
        converted = status == ProspectStatus.CONVERTED.value
        statuses = [ProspectStatus.CONVERTED] if converted else list(EDITABLE_STATUSES)
        for member in statuses:
            self.status_combo.addItem(enum_label(ProspectStatus, member.value), member.value)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        self.status_combo.setEnabled(not converted)
        self.status_combo.blockSignals(False)
        self.convert_button.setEnabled(status == ProspectStatus.POSITIVE.value)
        self.convert_button.setVisible(not converted)

    @property
    def status(self) -> str:
        return self._status

    def add_participant_row(
        self, participant: ParticipantRow | None, focus: bool
    ) -> ParticipantEditor:
        row = ParticipantEditor(self._visit_id, self._saver, participant, self)
        row.removed.connect(self._participant_removed)
        self.participant_rows.addWidget(row)
        if focus:
            row.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def participant_editors(self) -> list[ParticipantEditor]:
        rows = []
        for i in range(self.participant_rows.count()):
            item = self.participant_rows.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, ParticipantEditor):
                rows.append(widget)
        return rows

    @Slot(QWidget)
    def _participant_removed(self, row: QWidget) -> None:
        self.participant_rows.removeWidget(row)
        row.deleteLater()

    def show_message(self, text: str | None, error: bool = False) -> None:
        self.message_label.setText(text or "")
        self.message_label.setStyleSheet("color: #b3261e;" if error else "color: #1b5e20;")
        self.message_label.setVisible(bool(text))

    def show_field_message(self, name: str | None, text: str) -> bool:
        """Show ``text`` under the field ``name``; False when this page has no such field."""
        label = self.field_messages.get(name or "")
        if label is None:
            return False
        label.setText(text)
        label.setAccessibleName(text)
        label.show()
        return True

    def clear_field_messages(self) -> None:
        for label in self.field_messages.values():
            label.clear()
            label.setAccessibleName("")
            label.hide()

    def field_message(self, name: str) -> str:
        """The message shown under field ``name`` ("" when none)."""
        label = self.field_messages.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    # -- saving ----------------------------------------------------------------------------

    def fields(self) -> svc.VisitFields:
        places = self.places_spin.value()
        return svc.VisitFields(
            name=self.name_edit.text(),
            street=self.street_edit.text(),
            house_number=self.number_edit.text(),
            postcode=self.postcode_edit.text(),
            municipality_nis=self.municipality_combo.currentData(),
            visit_date=from_qdate(self.date_edit.date()),
            estimated_places=None if places < 0 else places,
            general_impression=self.impression_edit.toPlainText(),
            outcome_notes=self.outcome_edit.toPlainText(),
        )

    def set_estimated_places(self, value: int | None) -> None:
        """Follow the checklist's estimate without writing it back."""
        self._loading = True
        self.places_spin.setValue(-1 if value is None else value)
        self._loading = False

    @Slot()
    def _fields_edited(self) -> None:
        if self._loading or not self._visit_id:
            return
        fields = self.fields()
        visit_id = self._visit_id
        self._saver.schedule(
            "visit",
            Save(lambda store: svc.update_visit(store.engine, visit_id, fields), tag=visit_id),
        )
        self.header_changed.emit()

    @Slot()
    def _fields_edited_now(self) -> None:
        self._fields_edited()
        if not self._loading:
            self._saver.flush()

    @Slot(str)
    def _postcode_edited(self, text: str) -> None:
        if len(text) != 4 or not text.isdigit():
            return
        served = self._postcodes.get(text, [])
        if served and self.municipality_combo.currentData() not in served:
            self.municipality_combo.setCurrentIndex(
                max(0, self.municipality_combo.findData(served[0]))
            )

    @Slot(int)
    def _status_chosen(self, index: int) -> None:
        status = self.status_combo.itemData(index)
        if self._loading or not status or status == self._status:
            return
        visit_id = self._visit_id
        self._status = status
        self.convert_button.setEnabled(status == ProspectStatus.POSITIVE.value)
        self._saver.save_now(
            "status",
            Save(lambda store: svc.set_status(store.engine, visit_id, status), tag=visit_id),
        )
        self.status_changed.emit(status)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._saver.flush()
        return super().eventFilter(watched, event)
