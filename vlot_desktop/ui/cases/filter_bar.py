"""The filters above the Dossiers list: search, type, status or state, team, municipality,
"assigned to me" and "overdue only".

The status combo holds both the open/closed states and the single statuses: "Open cases" is the
default, because closed cases are rarely what a team member looks for.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.enums import CaseStatus, CaseType
from vlot_desktop.ui.i18n import current_language

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseFilter

STATE_PREFIX = "state:"
STATUS_PREFIX = "status:"


class CaseFilterBar(QWidget):
    """Signals:
    changed(): the user changed a filter (every keystroke of the search).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(
            self.tr("Name (Latin or Cyrillic) or reference, e.g. olen, Олена, HH-2026")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("Search a case by name or reference"))
        self.search_edit.setMinimumWidth(260)
        search_label = QLabel(self.tr("&Search:"), self)
        search_label.setBuddy(self.search_edit)

        def combo(caption: str, accessible: str, chars: int) -> tuple[QLabel, QComboBox]:
            box = QComboBox(self)
            box.setAccessibleName(accessible)
            # A fixed width in characters: 285 municipality names must not widen the screen.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(chars)
            label = QLabel(caption, self)
            label.setBuddy(box)
            return label, box

        type_label, self.type_combo = combo(self.tr("&Type:"), self.tr("Filter by type"), 14)
        status_label, self.status_combo = combo(
            self.tr("S&tatus:"), self.tr("Filter by status"), 16
        )
        team_label, self.team_combo = combo(self.tr("T&eam:"), self.tr("Filter by team"), 14)
        municipality_label, self.municipality_combo = combo(
            self.tr("&Municipality:"), self.tr("Filter by municipality"), 14
        )
        self.municipality_combo.setMaxVisibleItems(20)
        self.mine_check = QCheckBox(self.tr("Assigned to m&e"), self)
        self.overdue_check = QCheckBox(self.tr("&Overdue only"), self)

        language = current_language()
        self.type_combo.addItem(self.tr("All types"), None)
        for case_type in CaseType:
            self.type_combo.addItem(case_type.label(language), case_type.value)
        self.status_combo.addItem(self.tr("Open cases"), STATE_PREFIX + "open")
        self.status_combo.addItem(self.tr("Closed cases"), STATE_PREFIX + "closed")
        self.status_combo.addItem(self.tr("All cases"), None)
        self.status_combo.insertSeparator(self.status_combo.count())
        for status in CaseStatus:
            self.status_combo.addItem(status.label(language), STATUS_PREFIX + status.value)
        self.team_combo.addItem(self.tr("All teams"), None)
        self.municipality_combo.addItem(self.tr("All municipalities"), None)

        first = QHBoxLayout()
        first.setSpacing(8)
        first.addWidget(search_label)
        first.addWidget(self.search_edit, 1)
        first.addSpacing(8)
        first.addWidget(type_label)
        first.addWidget(self.type_combo)
        first.addSpacing(8)
        first.addWidget(status_label)
        first.addWidget(self.status_combo)
        second = QHBoxLayout()
        second.setSpacing(8)
        second.addWidget(team_label)
        second.addWidget(self.team_combo)
        second.addSpacing(8)
        second.addWidget(municipality_label)
        second.addWidget(self.municipality_combo)
        second.addSpacing(12)
        second.addWidget(self.mine_check)
        second.addWidget(self.overdue_check)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(first)
        layout.addLayout(second)

        self.search_edit.textChanged.connect(self.changed)
        for box in (self.type_combo, self.status_combo, self.team_combo, self.municipality_combo):
            box.currentIndexChanged.connect(self.changed)
        self.mine_check.toggled.connect(self.changed)
        self.overdue_check.toggled.connect(self.changed)

    def fill(self, teams: list[tuple[str, str]], municipalities: list[tuple[str, str]]) -> None:
        """The team and municipality choices (once the database is open); keeps the selection."""
        for box, choices in ((self.team_combo, teams), (self.municipality_combo, municipalities)):
            current = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for key, text in choices:
                box.addItem(text, key)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)

    def set_user(self, user_id: str | None) -> None:
        """ "Assigned to me" needs a user (set up on first run)."""
        self.mine_check.setEnabled(bool(user_id))
        if not user_id:
            self.mine_check.setChecked(False)

    def case_filter(self, user_id: str | None, today: dt.date) -> CaseFilter:
        from vlot_desktop.db.queries.cases import CaseFilter, CaseState

        choice = self.status_combo.currentData() or ""
        status = state = None
        if choice.startswith(STATE_PREFIX):
            state = CaseState(choice.removeprefix(STATE_PREFIX))
        elif choice.startswith(STATUS_PREFIX):
            status = CaseStatus(choice.removeprefix(STATUS_PREFIX))
        case_type = self.type_combo.currentData()
        return CaseFilter(
            search=self.search_edit.text(),
            case_type=CaseType(case_type) if case_type else None,
            status=status,
            state=state,
            team_code=self.team_combo.currentData(),
            municipality_nis=self.municipality_combo.currentData(),
            assigned_to_id=user_id if self.mine_check.isChecked() and user_id else None,
            overdue_only=self.overdue_check.isChecked(),
            today=today,
        )
