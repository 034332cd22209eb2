"""Instellingen: the interface language (applied at the next start)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.settings import load_settings, save_settings

# Each language in its own name, so that someone who cannot read the current one finds theirs.
LANGUAGE_NAMES = (("nl", "Nederlands"), ("en", "English"))


class PreferencesDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Settings"))
        settings = load_settings(data_dir)
        self._original_language = settings.language

        self.language_combo = QComboBox(self)
        self.language_combo.setAccessibleName(self.tr("Language of the application"))
        for code, name in LANGUAGE_NAMES:
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        self.language_label = QLabel(self.tr("&Language:"), self)
        self.language_label.setBuddy(self.language_combo)
        form = QFormLayout()
        form.addRow(self.language_label, self.language_combo)
        # The retention period of personal data (issue 6; its strings are in case_actions).
        from vlot_desktop.ui.case_actions.retention_setting import RetentionMonthsField

        self.retention_field = RetentionMonthsField(data_dir, self)
        form.addRow(self.retention_field.label, self.retention_field)

        self.restart_note = QLabel(
            self.tr("A new language takes effect the next time you start VLOT Desktop."), self
        )
        self.restart_note.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.restart_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def chosen_language(self) -> str:
        return str(self.language_combo.currentData())

    @property
    def language_changed(self) -> bool:
        return self.chosen_language() != self._original_language

    @Slot()
    def save(self) -> None:
        if not self.retention_field.save():
            return  # the Dutch message is shown under the field
        # Read again: the settings file may have changed since the dialog opened.
        settings = load_settings(self.data_dir)
        settings.language = self.chosen_language()
        save_settings(self.data_dir, settings)
        self.accept()
