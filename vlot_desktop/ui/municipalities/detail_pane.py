"""The details of the selected municipality: where it lies, its figures, its contact persons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.ui.formatting import format_int
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.models.contact_person_model import ContactPersonTableModel

if TYPE_CHECKING:
    from vlot_desktop.db.queries.municipalities import (
        ContactPersonRow,
        MunicipalityCounts,
        MunicipalityDetail,
    )


def _value_label(parent: QWidget, *, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _compact_form() -> QFormLayout:
    form = QFormLayout()
    form.setContentsMargins(0, 0, 0, 0)
    form.setVerticalSpacing(4)
    form.setHorizontalSpacing(12)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


PANE_STYLE = """
QFrame#detailPane {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
}
"""


class MunicipalityDetailPane(QFrame):
    """Shows one municipality; ``show_municipality(None, ...)`` shows the hint instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setStyleSheet(PANE_STYLE)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail: MunicipalityDetail | None = None

        self.hint = QLabel(self.tr("Choose a municipality in the list to see its details."), self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        content = QWidget(self)
        self.name_label = QLabel(content)
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name_label.setFont(font)

        self.province_value = _value_label(content)
        self.arrondissement_value = _value_label(content)
        self.team_value = _value_label(content)
        self.postcodes_value = _value_label(content, wrap=True)
        self.postcodes_value.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("9000, 9030, 9031, 9032,")
        )
        self.nis_value = _value_label(content)
        place = _compact_form()
        place.addRow(self.tr("Province:"), self.province_value)
        place.addRow(self.tr("Arrondissement:"), self.arrondissement_value)
        place.addRow(self.tr("Team:"), self.team_value)
        place.addRow(self.tr("Postcodes:"), self.postcodes_value)
        place.addRow(self.tr("NIS code:"), self.nis_value)

        self.count_values: dict[str, QLabel] = {}
        figures = _compact_form()
        for key, caption in (
            ("operational_locations", self.tr("Operational reception locations:")),
            ("places", self.tr("Places:")),
            ("free_places", self.tr("Free places:")),
            ("open_cases", self.tr("Open cases:")),
            ("open_questions", self.tr("Open questions:")),
            ("contacts_12_months", self.tr("Contact moments (12 months):")),
        ):
            value = _value_label(content)
            self.count_values[key] = value
            figures.addRow(caption, value)

        self.contacts_caption = QLabel(self.tr("Contact persons"), content)
        bold = self.contacts_caption.font()
        bold.setBold(True)
        self.contacts_caption.setFont(bold)
        self.contacts_model = ContactPersonTableModel(self)
        self.contacts_table = QTableView(content)
        self.contacts_table.setModel(self.contacts_model)
        self.contacts_table.setAccessibleName(self.tr("Contact persons of the municipality"))
        self.contacts_caption.setBuddy(self.contacts_table)
        self.contacts_table.verticalHeader().setVisible(False)
        self.contacts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contacts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.contacts_table.setAlternatingRowColors(True)
        self.contacts_table.setWordWrap(False)
        self.contacts_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.contacts_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contacts_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        contacts_header = self.contacts_table.horizontalHeader()
        contacts_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # A long e-mail address is elided in the middle (the tooltip has it whole).
        contacts_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.no_contacts = QLabel(
            self.tr("No contact persons known for this municipality."), content
        )
        self.no_contacts.setWordWrap(True)
        self.no_contacts.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        left = QVBoxLayout()
        left.setSpacing(6)
        left.addWidget(self.name_label)
        left.addLayout(place)
        left.addStretch(1)
        middle = QVBoxLayout()
        middle.setSpacing(6)
        figures_caption = QLabel(self.tr("Figures"), content)
        figures_caption.setFont(bold)
        # Same height as the name on the left, so that both forms start on one line.
        figures_caption.setMinimumHeight(self.name_label.sizeHint().height())
        middle.addWidget(figures_caption)
        middle.addLayout(figures)
        middle.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(6)
        self.contacts_caption.setMinimumHeight(self.name_label.sizeHint().height())
        right.addWidget(self.contacts_caption)
        right.addWidget(self.contacts_table, 1)
        right.addWidget(self.no_contacts)
        right.addStretch(0)
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(24)
        # Place and figures as wide as they need; the contact persons get the rest.
        columns.addLayout(left, 0)
        columns.addLayout(middle, 0)
        columns.addLayout(right, 1)

        self._stack = QStackedLayout()
        self._stack.addWidget(self.hint)
        self._stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 10)
        outer.addLayout(self._stack)

    def show_municipality(
        self,
        detail: MunicipalityDetail | None,
        counts: MunicipalityCounts | None,
        contacts: list[ContactPersonRow],
    ) -> None:
        self.detail = detail
        if detail is None:
            self.contacts_model.set_rows([])
            self._stack.setCurrentIndex(0)
            return
        row = detail.row
        self.name_label.setText(row.name)
        self.province_value.setText(row.province_name)
        self.arrondissement_value.setText(row.arrondissement_name)
        self.team_value.setText(
            detail.team_name_en if current_language() == "en" else detail.team_name_nl
        )
        self.postcodes_value.setText(", ".join(detail.postcodes) or "—")
        self.nis_value.setText(row.nis_code)
        self.set_counts(counts)
        self.contacts_model.set_rows(contacts)
        has_contacts = bool(contacts)
        self.contacts_table.setVisible(has_contacts)
        self.no_contacts.setVisible(not has_contacts)
        self._stack.setCurrentIndex(1)

    def set_counts(self, counts: MunicipalityCounts | None) -> None:
        for key, label in self.count_values.items():
            label.setText(format_int(getattr(counts, key)) if counts is not None else "…")
