"""How one timeline entry looks in the list: a line with time, kind and author, the text below.

The pane is narrow (about 420 pixels): four table columns left the text a word wide. A list with
the text wrapped over the full width reads like a log. The delegate reads the four columns of
``TimelineModel`` through the row's siblings.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

MARGIN = 6
GAP = 2
TEXT_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)

AnyIndex = QModelIndex | QPersistentModelIndex


def _cell(index: AnyIndex, column: int) -> str:
    model = index.model()
    value = model.index(index.row(), column).data() if model is not None else None
    return str(value or "")


def _meta(index: AnyIndex) -> str:
    parts = [_cell(index, column) for column in range(3)]
    return "  ·  ".join(part for part in parts if part)


def _text(index: AnyIndex) -> str:
    return _cell(index, 3)


class TimelineDelegate(QStyledItemDelegate):
    """Paints an entry as two blocks; its height follows the wrapped text."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def _width(self, option: QStyleOptionViewItem) -> int:
        width = self._view.viewport().width() or option.rect.width()
        return max(width - 2 * MARGIN, 80)

    @staticmethod
    def _meta_font(option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setBold(True)
        return font

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        width = self._width(option)
        meta = QFontMetrics(self._meta_font(option))
        body = QFontMetrics(option.font)
        text = _text(index)
        height = MARGIN * 2 + meta.height()
        if text:
            bounds = body.boundingRect(QRect(0, 0, width, 100_000), TEXT_FLAGS, text)
            height += GAP + bounds.height()
        return QSize(width + 2 * MARGIN, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        self.initStyleOption(option, index)
        style = self._view.style()
        # The background (selection, alternating rows) the style would paint, without the text.
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, self._view)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(option.palette.color(role))
        area = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        meta_font = self._meta_font(option)
        painter.setFont(meta_font)
        meta_height = QFontMetrics(meta_font).height()
        painter.drawText(
            QRect(area.left(), area.top(), area.width(), meta_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            _meta(index),
        )
        painter.setFont(option.font)
        text_area = QRect(
            area.left(), area.top() + meta_height + GAP, area.width(), area.height() - meta_height
        )
        painter.drawText(text_area, TEXT_FLAGS, _text(index))
        painter.restore()
