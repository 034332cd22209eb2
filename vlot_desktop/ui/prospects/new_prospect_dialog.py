"""Plan a new prospect: the building's name and address, the date; the visitor is the user.

The visit is created in a worker (``services.prospects.create_visit`` through
``ui.ops.CollectionOp``, which announces it); a refusal shows in the dialog.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.services import prospects as svc
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import CollectionOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.municipalities import MunicipalityRow


class NewProspectDialog(QDialog):
    """On OK the visit is created (``visit_id``); a refusal shows in the dialog, in Dutch."""

    def __init__(
        self,
        context: AppContext,
        municipalities: list[MunicipalityRow],
        postcodes: dict[str, list[str]],
        visitor_id: str | None,
        visitor_name: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._postcodes = postcodes  # postcode -> the NIS codes it serves
        self._visitor_id = visitor_id
        self.visit_id: str | None = None
        self.setWindowTitle(self.tr("New prospect"))
        self.setMinimumWidth(520)

        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Name of the building"))
        self.name_edit.setPlaceholderText(self.tr("e.g. Klooster Sint-Jozef"))
        self.street_edit = QLineEdit(self)
        self.street_edit.setAccessibleName(self.tr("Street"))
        self.number_edit = QLineEdit(self)
        self.number_edit.setAccessibleName(self.tr("House number"))
        self.number_edit.setMaximumWidth(100)
        self.postcode_edit = QLineEdit(self)
        self.postcode_edit.setAccessibleName(self.tr("Postcode"))
        self.postcode_edit.setMaxLength(4)
        self.postcode_edit.setMaximumWidth(100)
        self.postcode_edit.textEdited.connect(self._postcode_edited)
        self.municipality_combo = QComboBox(self)
        self.municipality_combo.setAccessibleName(self.tr("Municipality"))
        self.municipality_combo.addItem(self.tr("(choose a municipality)"), None)
        for m in municipalities:
            self.municipality_combo.addItem(m.name, m.nis_code)
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setAccessibleName(self.tr("Date of the visit"))
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.visitor_label = QLabel(visitor_name or self.tr("(no user set up)"), self)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        name_label = QLabel(self.tr("&Name:"), self)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)
        address = QHBoxLayout()
        address.addWidget(self.street_edit, 1)
        address.addWidget(self.number_edit)
        street_label = QLabel(self.tr("&Street and number:"), self)
        street_label.setBuddy(self.street_edit)
        form.addRow(street_label, address)
        place = QHBoxLayout()
        place.addWidget(self.postcode_edit)
        place.addWidget(self.municipality_combo, 1)
        place_label = QLabel(self.tr("&Postcode and municipality:"), self)
        place_label.setBuddy(self.postcode_edit)
        form.addRow(place_label, place)
        date_label = QLabel(self.tr("&Date of the visit:"), self)
        date_label.setBuddy(self.date_edit)
        form.addRow(date_label, self.date_edit)
        form.addRow(self.tr("Visitor:"), self.visitor_label)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create"))
        self.create_button = ok
        buttons.accepted.connect(self.create_visit)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    @Slot(str)
    def _postcode_edited(self, text: str) -> None:
        if len(text) != 4 or not text.isdigit():
            return
        served = self._postcodes.get(text, [])
        if served and self.municipality_combo.currentData() not in served:
            self.municipality_combo.setCurrentIndex(
                max(0, self.municipality_combo.findData(served[0]))
            )

    @Slot()
    def create_visit(self) -> None:
        date = self.date_edit.date()
        new = svc.NewVisit(
            name=self.name_edit.text(),
            municipality_nis=self.municipality_combo.currentData(),
            street=self.street_edit.text(),
            house_number=self.number_edit.text(),
            postcode=self.postcode_edit.text(),
            visit_date=dt.date(date.year(), date.month(), date.day()),
            visitor_id=self._visitor_id,
        )
        self.create_button.setEnabled(False)  # one visit per click
        CollectionOp(
            self._context,
            lambda store: svc.create_visit(store.engine, new),
            changes=lambda visit_id: Changes.of("prospect_visit", ids=[visit_id]),
            success=self._created,
        ).failure(self._refused).owned_by(self).named("create prospect visit").run()

    def _created(self, visit_id: str) -> None:
        self.visit_id = visit_id
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        if not isinstance(exc, svc.ProspectError):
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        self.error_label.setText(exc.text(current_language()))
        self.error_label.show()
