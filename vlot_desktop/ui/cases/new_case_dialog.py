"""A new case: its type, team, municipality and deadline, and the household's contact person.

The case starts as "nieuw", opened today; the rest of the household and the details follow in
the detail pane. Choosing a municipality proposes its province's regional team. Its reference
carries this laptop's code, made from the settings' ``device_id``.

"Dossier aanmaken" hands the case to ``services.cases.create_case`` in a worker
(``ui.ops.CollectionOp``, which announces it); the dialog closes when it is made, or shows the
rules' messages next to the fields. Meanwhile its buttons wait.
"""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.case_rules import MemberValues
from vlot_desktop.domain.enums import CaseType, Relation
from vlot_desktop.domain.location_rules import Problem, not_a_date
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.cases.field_messages import message_label, show_problem, shown_text
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.inputs import InputError, parse_date
from vlot_desktop.ui.ops import CollectionOp
from vlot_desktop.ui.tasks import TaskHandle

CASE_FIELDS = ("case_type", "team_code", "municipality_nis", "deadline")
MEMBER_FIELDS = ("first_name", "last_name", "first_name_cyrillic", "last_name_cyrillic")


class NewCaseDialog(QDialog):
    """Attributes:
    case_id: the id of the created case (after ``accept``), else ``None``.
    """

    def __init__(
        self,
        context: AppContext,
        teams: list[tuple[str, str]],
        municipalities: list[tuple[str, str]],
        municipality_teams: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id: str | None = None
        self.handle: TaskHandle | None = None
        self._municipality_teams = municipality_teams
        self.setWindowTitle(self.tr("New case"))

        self.type_combo = QComboBox(self)
        self.type_combo.addItem(self.tr("(choose)"), None)
        for case_type in CaseType:
            self.type_combo.addItem(case_type.label(current_language()), case_type.value)
        self.municipality_combo = QComboBox(self)
        self.municipality_combo.addItem(self.tr("(choose)"), None)
        for nis, name in municipalities:
            self.municipality_combo.addItem(name, nis)
        self.team_combo = QComboBox(self)
        self.team_combo.addItem(self.tr("(choose)"), None)
        for code, name in teams:
            self.team_combo.addItem(name, code)
        own_team = context.settings.team_code
        self.team_combo.setCurrentIndex(max(0, self.team_combo.findData(own_team)))
        self.deadline_edit = QLineEdit(self)
        self.deadline_edit.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.deadline_edit.setToolTip(
            self.tr("The date a solution is needed by, e.g. when the host family stops")
        )
        self.lines = {name: QLineEdit(self) for name in MEMBER_FIELDS}
        self.lines["first_name_cyrillic"].setPlaceholderText(self.tr("optional, e.g. Олена"))
        self.lines["last_name_cyrillic"].setPlaceholderText(self.tr("optional"))
        self.assign_check = QCheckBox(self.tr("Assign the case to &me"), self)
        self.assign_check.setChecked(bool(context.settings.user_id))
        self.assign_check.setEnabled(bool(context.settings.user_id))
        self.messages = {name: message_label(self) for name in (*CASE_FIELDS, *MEMBER_FIELDS)}
        self.general_message = message_label(self)

        captions: dict[str, tuple[str, QWidget]] = {
            "case_type": (self.tr("&Type:"), self.type_combo),
            "municipality_nis": (self.tr("&Municipality:"), self.municipality_combo),
            "team_code": (self.tr("T&eam:"), self.team_combo),
            "deadline": (self.tr("&Deadline:"), self.deadline_edit),
            "first_name": (self.tr("&First name:"), self.lines["first_name"]),
            "last_name": (self.tr("&Last name:"), self.lines["last_name"]),
            "first_name_cyrillic": (
                self.tr("First name (C&yrillic):"),
                self.lines["first_name_cyrillic"],
            ),
            "last_name_cyrillic": (
                self.tr("Last name (Cy&rillic):"),
                self.lines["last_name_cyrillic"],
            ),
        }
        case_form = QFormLayout()
        contact_form = QFormLayout()
        for name, (caption, editor) in captions.items():
            editor.setAccessibleName(caption.replace("&", "").rstrip(":"))
            cell = QVBoxLayout()
            cell.setSpacing(1)
            cell.addWidget(editor)
            cell.addWidget(self.messages[name])
            label = QLabel(caption, self)
            label.setBuddy(editor)
            (case_form if name in CASE_FIELDS else contact_form).addRow(label, cell)
        case_form.addRow(self.assign_check)

        contact_title = QLabel(self.tr("Contact person of the household"), self)
        font = contact_title.font()
        font.setBold(True)
        contact_title.setFont(font)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Create case"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The case starts as \u201cnew\u201d, opened today."), self))
        layout.addLayout(case_form)
        layout.addSpacing(6)
        layout.addWidget(contact_title)
        layout.addLayout(contact_form)
        layout.addWidget(self.general_message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

        self.municipality_combo.currentIndexChanged.connect(self._municipality_chosen)

    @Slot()
    def _municipality_chosen(self) -> None:
        """Propose the regional team of the municipality's province."""
        team = self._municipality_teams.get(self.municipality_combo.currentData() or "")
        index = self.team_combo.findData(team) if team else -1
        if index >= 0:
            self.team_combo.setCurrentIndex(index)

    @property
    def busy(self) -> bool:
        """True while the case is being made."""
        return self.handle is not None and not self.handle.is_finished

    def accept(self) -> None:
        """Check the typed date, then make the case in a worker (it closes once made)."""
        from vlot_desktop.services.cases import NewCase, create_case

        if self.busy:
            return
        for label in (*self.messages.values(), self.general_message):
            show_problem(label, None)
        try:
            deadline = parse_date(self.deadline_edit.text())
        except InputError:
            show_problem(self.messages["deadline"], not_a_date("deadline"))
            return
        settings = self.context.settings

        def text(name: str) -> str | None:
            return self.lines[name].text().strip() or None

        contact = MemberValues(
            first_name=text("first_name"),
            last_name=text("last_name"),
            first_name_cyrillic=text("first_name_cyrillic"),
            last_name_cyrillic=text("last_name_cyrillic"),
            relation=Relation.CONTACT_PERSON.value,
        )
        new_case = NewCase(
            case_type=self.type_combo.currentData(),
            team_code=self.team_combo.currentData(),
            municipality_nis=self.municipality_combo.currentData(),
            opened_on=dt.date.today(),
            deadline=deadline,
            assigned_to_id=settings.user_id if self.assign_check.isChecked() else None,
        )
        author_id, device_id = settings.user_id, settings.device_id

        def changes(result: tuple[str | None, list[Problem]]) -> Changes:
            case_id = result[0]
            if case_id is None:
                return Changes()  # refused: nothing made
            return Changes.of("case_file", "household_member", "case_event", ids=[case_id])

        self.buttons.setEnabled(False)
        self.handle = (
            CollectionOp(
                self.context,
                lambda store: create_case(
                    store.engine,
                    new_case,
                    [contact],
                    author_id=author_id,
                    # The reference's laptop code comes from this laptop's id
                    # (docs/case-references.md).
                    device_id=device_id,
                ),
                changes=changes,
                success=self._created,
            )
            .failure(self._failed)
            .owned_by(self)
            .named("create case")
            .run()
        )

    def _created(self, result: tuple[str | None, list[Problem]]) -> None:
        self.handle = None
        self.buttons.setEnabled(True)
        case_id, problems = result
        if case_id is None:
            self._show_problems(problems)
            return
        self.case_id = case_id
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.handle = None
        self.buttons.setEnabled(True)
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def reject(self) -> None:
        if not self.busy:  # the case is being made: it is there in a moment
            super().reject()

    def _show_problems(self, problems: list[Problem]) -> None:
        general = []
        for problem in problems:
            name = problem.field.removeprefix("members[0].")
            label = self.messages.get(name)
            if label is not None:
                show_problem(label, problem)
            elif problem.is_error:
                general.append(problem.text(current_language()))
        self.general_message.setText("\n".join(general))
        self.general_message.setVisible(bool(general))

    def message_text(self, name: str) -> str:
        label = self.messages.get(name)
        return shown_text(label) if label is not None else ""
