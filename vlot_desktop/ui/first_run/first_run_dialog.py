"""Asked once per laptop: name, team, share folder, and whether to load demo data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.tasks import TaskContext, TaskHandle, TaskRunner

if TYPE_CHECKING:
    from vlot_desktop.db.queries.reference import TeamRow
    from vlot_desktop.settings import Settings

DEMO_SIZE = "small"
DEMO_SEED = 7


@dataclass(frozen=True)
class FirstRunChoice:
    user_name: str
    team_code: str
    share_path: str | None
    load_demo: bool


def set_up_laptop(
    data_dir: Path, choice: FirstRunChoice, task: TaskContext | None = None
) -> Settings:
    """Do what the dialog asked (in a worker): optional demo data, then the user's own set-up.

    The demo loader writes settings for a demo user; ``initialise_laptop`` runs after it so that
    the name and team typed in the dialog win.
    """
    from vlot_desktop.services.setup import initialise_laptop

    if choice.load_demo:
        from vlot_desktop.demo.loader import load_demo

        if task is not None:
            task.report_progress(0, 0, "demo")
        load_demo(data_dir, size=DEMO_SIZE, seed=DEMO_SEED, today=dt.date.today(), replace=False)
        # The person at the keyboard is a new staff member, not the demo user whose settings
        # load_demo wrote: forget that user so initialise_laptop creates one of their own.
        from vlot_desktop.settings import load_settings, save_settings

        demo_settings = load_settings(data_dir)
        demo_settings.user_id = None
        save_settings(data_dir, demo_settings)
    if task is not None:
        task.raise_if_cancelled()
    return initialise_laptop(data_dir, choice.user_name, choice.team_code, choice.share_path)


class FirstRunDialog(QDialog):
    """Validates the input, then sets the laptop up in a worker; accepted when that succeeded.

    ``choose_folder`` is injectable so tests need no native file dialog.
    """

    def __init__(
        self,
        data_dir: Path,
        teams: list[TeamRow],
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        default_team: str | None = None,
        choose_folder: Callable[[QWidget, str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self.settings: Settings | None = None
        self._task: TaskHandle | None = None
        self._choose_folder = choose_folder or self._native_choose_folder
        self.setWindowTitle(self.tr("Welcome to VLOT Desktop"))
        self.setModal(True)

        intro = QLabel(
            self.tr(
                "VLOT Desktop is used for the first time on this computer. Tell us who you are and "
                "for which team you work. The share folder is optional."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.name_label = QLabel(self.tr("&Name:"), self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(self.tr("Your name"))
        self.name_edit.setPlaceholderText(self.tr("First name and last name"))
        self.name_edit.setMaxLength(120)
        self.name_label.setBuddy(self.name_edit)
        self.name_error = QLabel(self)
        self.name_error.setObjectName("fieldError")
        self.name_error.setStyleSheet("color: #b00020;")
        self.name_error.setVisible(False)

        self.team_label = QLabel(self.tr("&Team:"), self)
        self.team_combo = QComboBox(self)
        self.team_combo.setAccessibleName(self.tr("Your team"))
        self.team_label.setBuddy(self.team_combo)
        self.team_combo.setPlaceholderText(self.tr("Choose your team"))
        language = current_language()
        for team in teams:
            self.team_combo.addItem(team.name(language), team.code)
        # No team chosen for the user: accepting a default by mistake would file their work
        # under another team.
        self.team_combo.setCurrentIndex(
            self.team_combo.findData(default_team) if default_team else -1
        )
        self.team_error = QLabel(self)
        self.team_error.setObjectName("fieldError")
        self.team_error.setStyleSheet("color: #b00020;")
        self.team_error.setVisible(False)

        self.share_label = QLabel(self.tr("&Share folder:"), self)
        self.share_edit = QLineEdit(self)
        self.share_edit.setAccessibleName(self.tr("Share folder (optional)"))
        self.share_edit.setPlaceholderText(
            self.tr("Optional: the VLOT folder on the network drive")
        )
        self.share_label.setBuddy(self.share_edit)
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.setAccessibleName(self.tr("Choose the share folder"))
        self.browse_button.clicked.connect(self._browse)
        share_row = QHBoxLayout()
        share_row.addWidget(self.share_edit, 1)
        share_row.addWidget(self.browse_button)

        self.demo_check = QCheckBox(self.tr("Load &demo data"), self)
        self.demo_check.setToolTip(
            self.tr("Fills this computer with invented example data, to try the application out.")
        )

        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(8)
        form.addWidget(self.name_label, 0, 0)
        form.addWidget(self.name_edit, 0, 1)
        form.addWidget(self.name_error, 1, 1)
        form.addWidget(self.team_label, 2, 0)
        form.addWidget(self.team_combo, 2, 1)
        form.addWidget(self.team_error, 3, 1)
        form.addWidget(self.share_label, 4, 0)
        form.addLayout(share_row, 4, 1)
        form.addWidget(self.demo_check, 5, 1)
        form.setColumnStretch(1, 1)

        self.busy_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setAccessibleName(self.tr("Busy"))
        self.busy_bar.setMaximumHeight(12)
        self._set_busy(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.name_edit.textEdited.connect(self._clear_name_error)
        self.team_combo.activated.connect(self._clear_team_error)

    def choice(self) -> FirstRunChoice:
        share = self.share_edit.text().strip()
        return FirstRunChoice(
            user_name=self.name_edit.text().strip(),
            team_code=str(self.team_combo.currentData() or ""),
            share_path=share or None,
            load_demo=self.demo_check.isChecked(),
        )

    def validate(self) -> bool:
        """Show a message next to each wrong field; True when everything can be saved."""
        choice = self.choice()
        self._set_error(
            self.name_edit,
            self.name_error,
            "" if choice.user_name else self.tr("Please fill in your name."),
        )
        self._set_error(
            self.team_combo,
            self.team_error,
            "" if choice.team_code else self.tr("Please choose your team."),
        )
        if not choice.user_name:
            self.name_edit.setFocus()
        elif not choice.team_code:
            self.team_combo.setFocus()
        return bool(choice.user_name and choice.team_code)

    @Slot()
    def submit(self) -> None:
        if self._task is not None or not self.validate():
            return
        choice = self.choice()
        self._set_busy(True)
        data_dir = self.data_dir

        def work(task: TaskContext) -> Settings:
            return set_up_laptop(data_dir, choice, task)

        self._task = self.runner.run(
            work, on_result=self._done, on_error=self._failed, owner=self, name="first run"
        )

    def _done(self, settings: Settings) -> None:
        self._task = None
        self.settings = settings
        self._set_busy(False)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        message = getattr(exc, "message_nl", "") if current_language() == "nl" else ""
        self.busy_label.setText(
            message or self.tr("Setting up this computer failed. Details are in the log file.")
        )
        self.busy_label.setVisible(True)
        import sys

        if not message:
            sys.excepthook(type(exc), exc, exc.__traceback__)

    def reject(self) -> None:
        if self._task is not None:
            return  # set-up is running; it is short, and half a set-up helps nobody
        super().reject()

    @staticmethod
    def _set_error(field: QWidget, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))
        field.setAccessibleDescription(text)  # screen readers read it with the field

    @Slot()
    def _clear_name_error(self) -> None:
        self._set_error(self.name_edit, self.name_error, "")

    @Slot()
    def _clear_team_error(self) -> None:
        self._set_error(self.team_combo, self.team_error, "")

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.name_edit,
            self.team_combo,
            self.share_edit,
            self.browse_button,
            self.demo_check,
        ):
            widget.setEnabled(not busy)
        if hasattr(self, "buttons"):
            self.buttons.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)
        if busy:
            self.busy_label.setText(
                self.tr("Loading demo data and setting up this computer…")
                if self.demo_check.isChecked()
                else self.tr("Setting up this computer…")
            )

    @Slot()
    def _browse(self) -> None:
        folder = self._choose_folder(self, self.share_edit.text())
        if folder:
            self.share_edit.setText(folder)

    def _native_choose_folder(self, parent: QWidget, start: str) -> str:
        return QFileDialog.getExistingDirectory(parent, self.tr("Choose the share folder"), start)

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]
        # Escape while busy must not close the dialog half-way.
        if self._task is not None and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)
