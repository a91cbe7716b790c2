"""A small chart of a goal's trend: baseline, check-ins, the target at the deadline and the forecast line."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from domain.analysis.wording import figure
from domain.entities import Goal
from views.trend import Trend, trend

ON_TRACK, OFF_TRACK, UNKNOWN = QColor("#2e7d32"), QColor("#c62828"), QColor("#757575")
MARGIN = 8


class TrendChart(QWidget):
    """Draws one goal's trend; empty with a sentence when the goal has no check-in yet."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.trend: Trend | None = None
        self.on_track: bool | None = None
        self.target_label = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(120)

    def show_goal(self, goal: Goal | None, on_track: bool | None) -> None:
        """Draw `goal`'s trend, coloured by whether it is on track."""
        self.trend = trend(goal) if goal is not None else None
        self.on_track = on_track
        self.target_label = "" if goal is None or goal.target is None else figure(goal.target)
        self.update()

    def sizeHint(self) -> QSize:
        """Qt override."""
        return QSize(320, 130)

    def paintEvent(self, event) -> None:
        """Qt override."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line_height = self.fontMetrics().height()
        frame = QRectF(self.rect()).adjusted(1, 1, -1, -1 - line_height)
        box = frame.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)  # room for the markers at the edges
        text = self.palette().color(QPalette.ColorRole.Text)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(frame)
        if self.trend is None:
            painter.setPen(text)
            painter.drawText(frame, Qt.AlignmentFlag.AlignCenter, "No check-ins yet: record one to see the trend")
            return

        def at(point: tuple[float, float]) -> QPointF:
            return QPointF(box.left() + point[0] * box.width(), box.bottom() - point[1] * box.height())

        colour = {True: ON_TRACK, False: OFF_TRACK}.get(self.on_track, UNKNOWN)
        if self.trend.baseline is not None:
            painter.setPen(QPen(UNKNOWN, 1, Qt.PenStyle.DotLine))
            y = at((0, self.trend.baseline)).y()
            painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))
        if self.trend.forecast is not None:
            painter.setPen(QPen(colour, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(at(self.trend.forecast[0]), at(self.trend.forecast[1]))
        path = QPainterPath(at(self.trend.checkins[0]))
        for point in self.trend.checkins[1:]:
            path.lineTo(at(point))
        painter.setPen(QPen(text, 1.5))
        painter.drawPath(path)
        painter.setBrush(text)
        for point in self.trend.checkins:
            painter.drawEllipse(at(point), 3, 3)
        if self.trend.target is not None:
            target = at(self.trend.target)
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon([target + QPointF(0, -6), target + QPointF(6, 0), target + QPointF(0, 6),
                                 target + QPointF(-6, 0)])  # fmt: skip
            painter.drawText(
                QRectF(box.left(), target.y() - line_height / 2, target.x() - box.left() - 10, line_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"target {self.target_label}",
            )
        painter.setPen(text)
        dates = QRectF(frame.left(), frame.bottom() + 1, frame.width(), line_height)
        painter.drawText(dates, Qt.AlignmentFlag.AlignLeft, str(self.trend.first))
        painter.drawText(dates, Qt.AlignmentFlag.AlignRight, str(self.trend.last))
