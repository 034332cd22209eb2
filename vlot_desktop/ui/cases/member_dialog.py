"""Adding or editing one household member, checked with ``domain.case_rules.check_member``.

The health fields (sensitive) are part of the dialog only when the user may see them: for a new
member (the user types them in), or for an existing one after "Gevoelige gegevens tonen" (the
viewing is then already recorded). Otherwise the dialog says they are hidden and the save keeps
the stored values (``services.cases.update_member_details``).

"Bewaren" checks the form with the rules at once; the service then saves in a worker
(``ui.ops.CollectionOp``, which announces it) and the dialog closes once it is saved, or shows
the service's messages. Meanwhile its buttons wait.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.case_rules import MemberValues, check_member
from vlot_desktop.domain.enums import Relation, Sex
from vlot_desktop.domain.location_rules import Problem, not_a_whole_number
from vlot_desktop.services.changes import Changes
from vlot_desktop.ui.cases.field_messages import message_label, show_problem, shown_text
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.locations.inputs import InputError, parse_int
from vlot_desktop.ui.ops import CollectionOp

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import MemberRow, SensitiveMemberData
    from vlot_desktop.services.store import Store
    from vlot_desktop.ui.tasks import TaskHandle

LINE_FIELDS = (
    "first_name",
    "last_name",
    "first_name_cyrillic",
    "last_name_cyrillic",
    "birth_year",
    "phone",
    "language",
)
FIELDS = (*LINE_FIELDS, "sex", "relation", "medical_notes")


class MemberDialog(QDialog):
    """Attributes:
    member_id: the member's id after a successful save (the new id when added), else ``None``.
    """

    def __init__(
        self,
        context: AppContext,
        case_id: str,
        member: MemberRow | None = None,
        *,
        sensitive: SensitiveMemberData | None = None,
        show_sensitive: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.member = member
        self.member_id: str | None = None
        self.handle: TaskHandle | None = None
        self.with_sensitive = show_sensitive or member is None
        self.setWindowTitle(
            self.tr("Household member") if member is not None else self.tr("New household member")
        )

        captions = {
            "first_name": self.tr("&First name:"),
            "last_name": self.tr("&Last name:"),
            "first_name_cyrillic": self.tr("First name (C&yrillic):"),
            "last_name_cyrillic": self.tr("Last name (Cy&rillic):"),
            "birth_year": self.tr("&Birth year:"),
            "sex": self.tr("&Sex:"),
            "relation": self.tr("Relation to the &contact person:"),
            "phone": self.tr("&Phone:"),
            "language": self.tr("Lan&guage:"),
        }
        self.lines = {name: QLineEdit(self) for name in LINE_FIELDS}
        self.lines["first_name_cyrillic"].setPlaceholderText(self.tr("optional, e.g. Олена"))
        self.lines["last_name_cyrillic"].setPlaceholderText(self.tr("optional"))
        self.lines["birth_year"].setMaxLength(4)
        self.lines["birth_year"].setMaximumWidth(80)
        self.lines["language"].setPlaceholderText(self.tr("e.g. Ukrainian, Russian, English"))
        self.sex_combo = QComboBox(self)
        self.sex_combo.addItem(self.tr("(not given)"), None)
        for sex in Sex:
            self.sex_combo.addItem(sex.label(current_language()), sex.value)
        self.relation_combo = QComboBox(self)
        for relation in Relation:
            self.relation_combo.addItem(relation.label(current_language()), relation.value)
        self.pets_check = QCheckBox(self.tr("Has &pets"), self)
        self.school_check = QCheckBox(self.tr("School-&age child"), self)
        self.messages = {name: message_label(self) for name in FIELDS}
        self.general_message = message_label(self)

        editors: dict[str, QWidget] = {
            **self.lines,
            "sex": self.sex_combo,
            "relation": self.relation_combo,
        }
        form = QFormLayout()
        for name in (
            "first_name",
            "last_name",
            "first_name_cyrillic",
            "last_name_cyrillic",
            "birth_year",
            "sex",
            "relation",
            "phone",
            "language",
        ):
            editor = editors[name]
            editor.setAccessibleName(captions[name].replace("&", "").rstrip(":"))
            cell = QVBoxLayout()
            cell.setSpacing(1)
            cell.addWidget(editor)
            cell.addWidget(self.messages[name])
            label = QLabel(captions[name], self)
            label.setBuddy(editor)
            form.addRow(label, cell)
        form.addRow(self.pets_check)
        form.addRow(self.school_check)

        self.health_box = QGroupBox(self.tr("Health (sensitive)"), self)
        health = QVBoxLayout(self.health_box)
        self.mobility_check = QCheckBox(self.tr("Reduced &mobility (e.g. wheelchair)"), self)
        self.medical_check = QCheckBox(self.tr("Medical &needs"), self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setAccessibleName(self.tr("Medical notes"))
        self.notes_edit.setPlaceholderText(self.tr("Only what the search for a place needs"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 3 + 12)
        self.hidden_note = QLabel(
            self.tr(
                "Hidden. Choose \u201cShow sensitive data\u201d in the Household tab to see or "
                "change these fields; they are kept as they are."
            ),
            self,
        )
        self.hidden_note.setWordWrap(True)
        health.addWidget(self.mobility_check)
        health.addWidget(self.medical_check)
        health.addWidget(self.notes_edit)
        health.addWidget(self.messages["medical_notes"])
        health.addWidget(self.hidden_note)
        for widget in (self.mobility_check, self.medical_check, self.notes_edit):
            widget.setVisible(self.with_sensitive)
        self.hidden_note.setVisible(not self.with_sensitive)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.health_box)
        layout.addWidget(self.general_message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

        if member is not None:
            self._show_member(member, sensitive)
        else:
            self.relation_combo.setCurrentIndex(
                max(0, self.relation_combo.findData(Relation.OTHER.value))
            )

    def _show_member(self, member: MemberRow, sensitive: SensitiveMemberData | None) -> None:
        texts = {
            "first_name": member.first_name,
            "last_name": member.last_name,
            "first_name_cyrillic": member.first_name_cyrillic or "",
            "last_name_cyrillic": member.last_name_cyrillic or "",
            "birth_year": str(member.birth_year) if member.birth_year else "",
            "phone": member.phone or "",
            "language": member.language or "",
        }
        for name, text in texts.items():
            self.lines[name].setText(text)
        self.sex_combo.setCurrentIndex(max(0, self.sex_combo.findData(member.sex)))
        self.relation_combo.setCurrentIndex(max(0, self.relation_combo.findData(member.relation)))
        self.pets_check.setChecked(member.has_pets)
        self.school_check.setChecked(member.school_age)
        if sensitive is not None:
            self.mobility_check.setChecked(sensitive.needs_mobility)
            self.medical_check.setChecked(sensitive.needs_medical)
            self.notes_edit.setPlainText(sensitive.medical_notes or "")

    # -- checking and saving ---------------------------------------------------------------

    def values(self) -> tuple[MemberValues | None, list[Problem]]:
        """What the form holds, or ``None`` and the problem when the birth year is no number."""
        try:
            birth_year = parse_int(self.lines["birth_year"].text())
        except InputError:
            return None, [not_a_whole_number("birth_year")]

        def text(name: str) -> str | None:
            return self.lines[name].text().strip() or None

        return (
            MemberValues(
                first_name=text("first_name"),
                last_name=text("last_name"),
                first_name_cyrillic=text("first_name_cyrillic"),
                last_name_cyrillic=text("last_name_cyrillic"),
                birth_year=birth_year,
                sex=self.sex_combo.currentData(),
                relation=self.relation_combo.currentData(),
                phone=text("phone"),
                language=text("language"),
                needs_mobility=self.mobility_check.isChecked(),
                needs_medical=self.medical_check.isChecked(),
                medical_notes=self.notes_edit.toPlainText().strip() or None,
                has_pets=self.pets_check.isChecked(),
                school_age=self.school_check.isChecked(),
            ),
            [],
        )

    @property
    def busy(self) -> bool:
        """True while the member is being saved."""
        return self.handle is not None and not self.handle.is_finished

    def accept(self) -> None:
        """Check the form, then save in a worker (the dialog closes once it is saved)."""
        if self.busy:
            return
        values, problems = self.values()
        if values is not None:
            problems = check_member(values, today=dt.date.today())
        if values is None or any(p.is_error for p in problems):
            self.show_problems(problems)
            return
        case_id = self.case_id

        def changes(result: tuple[str | None, list[Problem]]) -> Changes:
            if result[0] is None:
                return Changes()  # refused: nothing saved
            return Changes.of("household_member", "case_file", ids=[case_id])

        self.buttons.setEnabled(False)
        self.handle = (
            CollectionOp(self.context, self._save(values), changes=changes, success=self._saved)
            .failure(self._failed)
            .owned_by(self)
            .named("save household member")
            .run()
        )

    def _save(self, values: MemberValues) -> Callable[[Store], tuple[str | None, list[Problem]]]:
        """The service call (in a worker): the member's id, or ``None``, and the problems."""
        from vlot_desktop.services.cases import add_member, update_member, update_member_details

        case_id, member, with_sensitive = self.case_id, self.member, self.with_sensitive

        def save(store: Store) -> tuple[str | None, list[Problem]]:
            if member is None:
                return add_member(store.engine, case_id, values)
            if with_sensitive:
                problems = update_member(store.engine, member.id, values)
            else:
                problems = update_member_details(store.engine, member.id, values)
            return (None if any(p.is_error for p in problems) else member.id), problems

        return save

    def _saved(self, result: tuple[str | None, list[Problem]]) -> None:
        self.handle = None
        self.buttons.setEnabled(True)
        member_id, problems = result
        if member_id is None or any(p.is_error for p in problems):
            self.show_problems(problems)
            return
        self.member_id = member_id
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.handle = None
        self.buttons.setEnabled(True)
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def reject(self) -> None:
        if not self.busy:  # being saved: it is there in a moment
            super().reject()

    def show_problems(self, problems: list[Problem]) -> None:
        for label in self.messages.values():
            show_problem(label, None)
        general: list[str] = []
        for problem in problems:
            field_label = self.messages.get(problem.field)
            if field_label is not None:
                show_problem(field_label, problem)
            elif problem.is_error:
                general.append(problem.text(current_language()))
        self.general_message.setText("\n".join(general))
        self.general_message.setVisible(bool(general))

    def message_text(self, name: str) -> str:
        label = self.messages.get(name)
        return shown_text(label) if label is not None else ""
