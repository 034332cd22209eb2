"""A big number with a caption under it, for the dashboard's totals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from vlot_desktop.ui.formatting import format_int

LOADING = "…"


CARD_STYLE = """
QFrame#countCard {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
}
QLabel#countCardValue { color: #1f4e79; }
QLabel#countCardCaption { color: palette(window-text); }
"""


class CountCard(QFrame):
    def __init__(self, caption: str, tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countCard")
        self.setStyleSheet(CARD_STYLE)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Preferred height: the cards of one row grow to the tallest (a caption on two lines).
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip(tooltip)
        self._caption = caption
        self.value_label = QLabel(LOADING, self)
        self.value_label.setObjectName("countCardValue")
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.caption_label = QLabel(caption, self)
        self.caption_label.setObjectName("countCardCaption")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)
        self.setAccessibleName(caption)
        self.value: int | None = None

    def set_value(self, value: int | None) -> None:
        self.value = value
        text = format_int(value) if value is not None else LOADING
        self.value_label.setText(text)
        self.setAccessibleDescription(text)
