"""Occupancy over time as stacked monthly bars, painted with QPainter (QtCharts is not shipped).

Each bar is one month's places: occupied (bottom), offered to FEDASIL, free, out of use. The
tooltip of a bar gives its figures, and the accessible description sums up the last month, so
the chart is not only visual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from vlot_desktop.ui.formatting import format_int

if TYPE_CHECKING:
    from vlot_desktop.db.queries.locations import OccupancyPoint

# Colours that stay apart for the common colour-vision deficiencies (Okabe-Ito).
SERIES = (
    ("occupied", QColor("#0072B2")),
    ("offered", QColor("#E69F00")),
    ("free", QColor("#009E73")),
    ("out_of_use", QColor("#999999")),
)


class OccupancyChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[OccupancyPoint] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(150)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Occupancy per month"))
        self.labels = {
            "occupied": self.tr("Occupied"),
            "offered": self.tr("Offered to FEDASIL"),
            "free": self.tr("Free"),
            "out_of_use": self.tr("Out of use"),
        }

    def sizeHint(self) -> QSize:
        return QSize(400, 170)

    def set_points(self, points: list[OccupancyPoint]) -> None:
        self.points = points
        if points:
            last = points[-1]
            self.setAccessibleDescription(
                self.tr("%1: %2 of %3 places occupied")
                .replace("%1", f"{last.month.month:02d}/{last.month.year}")
                .replace("%2", format_int(last.occupied))
                .replace("%3", format_int(last.places))
            )
        else:
            self.setAccessibleDescription(self.tr("No place history yet."))
        self.update()

    def _legend(self) -> list[tuple[str, float, float]]:
        """(series, x, y) of each legend entry, wrapped onto a second line when narrow."""
        fm = self.fontMetrics()
        entries: list[tuple[str, float, float]] = []
        x, y = 4.0, 4.0
        for key, _colour in SERIES:
            width = 14 + fm.horizontalAdvance(self.labels[key]) + 14
            if x > 4 and x + width > self.width():
                x, y = 4.0, y + fm.height() + 2
            entries.append((key, x, y))
            x += width
        return entries

    def _plot_area(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("9999") + 8
        legend = self._legend()[-1][2] + fm.height() + 2
        return QRectF(
            left, legend + 4, self.width() - left - 6, self.height() - legend - fm.height() - 12
        )

    def _bar_at(self, x: float) -> int:
        area = self._plot_area()
        if not self.points or not area.left() <= x <= area.right():
            return -1
        step = area.width() / len(self.points)
        return min(int((x - area.left()) / step), len(self.points) - 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        palette = self.palette()
        fm = self.fontMetrics()
        text_colour = palette.color(palette.ColorRole.WindowText)
        # Legend on top.
        colours = dict(SERIES)
        for key, x, y in self._legend():
            painter.fillRect(QRectF(x, y, 10, 10), colours[key])
            painter.setPen(text_colour)
            painter.drawText(QPoint(int(x + 14), int(y + fm.ascent() - 1)), self.labels[key])
        area = self._plot_area()
        painter.setPen(palette.color(palette.ColorRole.Mid))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if not self.points:
            painter.setPen(text_colour)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No place history yet."))
            return
        top = max(max(p.places for p in self.points), 1)
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(0, area.top() - fm.height() / 2, area.left() - 4, fm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            format_int(top),
        )
        painter.drawText(
            QRectF(0, area.bottom() - fm.height() / 2, area.left() - 4, fm.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            "0",
        )
        step = area.width() / len(self.points)
        width = max(step * 0.7, 1.0)
        for number, point in enumerate(self.points):
            left = area.left() + number * step + (step - width) / 2
            bottom = area.bottom()
            for key, colour in SERIES:
                value = getattr(point, key)
                if not value:
                    continue
                height = area.height() * value / top
                painter.fillRect(QRectF(left, bottom - height, width, height), colour)
                bottom -= height
            if number % max(1, len(self.points) // 6) == 0 or number == len(self.points) - 1:
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(left - step, area.bottom() + 2, width + 2 * step, fm.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    f"{point.month.month:02d}/{point.month.year % 100:02d}",
                )
        painter.end()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent):
            number = self._bar_at(event.x())
            if number >= 0:
                p = self.points[number]
                lines = [f"{p.month.month:02d}/{p.month.year}"] + [
                    f"{self.labels[key]}: {format_int(getattr(p, key))}" for key, _ in SERIES
                ]
                QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
