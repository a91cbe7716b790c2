"""The Network page's legend: drawn in a box, pinned to the canvas corner whatever the zoom, and on exports."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

from views.qt.network_relations import relation_item
from views.qt.network_scene import CRITICAL, INK, LABEL_FONT, WARNING, LegendEntry, lighter


def paint_legend(painter: QPainter, entries: list[LegendEntry], top_left: QPointF) -> QRectF:
    """Draw the legend in a white box; returns the box (also to size an overlay)."""
    metrics = QFontMetricsF(LABEL_FONT)
    line = max(metrics.height(), 16.0) + 4
    width = 44 + max((metrics.horizontalAdvance(e.text) for e in entries), default=0)
    box = QRectF(top_left, top_left + QPointF(width + 12, line * len(entries) + 12))
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(QPen(QColor("#DADCE0"), 1))
    painter.setBrush(QColor(255, 255, 255, 235))
    painter.drawRoundedRect(box, 6, 6)
    painter.setFont(LABEL_FONT)
    for n, entry in enumerate(entries):
        y = box.top() + 6 + line * n + line / 2
        x = box.left() + 8
        _symbol(painter, entry, QRectF(x, y - 7, 30, 14))
        painter.setPen(INK)
        painter.drawText(QRectF(x + 36, y - line / 2, width, line), Qt.AlignVCenter | Qt.AlignLeft, entry.text)
    painter.restore()
    return box


def _symbol(painter: QPainter, entry: LegendEntry, r: QRectF) -> None:
    centre = r.center()
    painter.setBrush(Qt.NoBrush)
    match entry.symbol:
        case "disc" | "silo" | "bottleneck":
            dashed = entry.symbol == "silo"
            painter.setPen(QPen(INK, 1.5, Qt.DashLine if dashed else Qt.SolidLine))
            painter.setBrush(Qt.white if dashed else lighter(entry.color, 0.45))
            painter.drawEllipse(centre, 5, 5)
            if entry.symbol == "bottleneck":
                painter.setBrush(Qt.NoBrush)
                painter.drawEllipse(centre, 8, 8)
        case "critical":
            painter.setPen(QPen(CRITICAL, 3))
            painter.drawLine(QPointF(r.left(), centre.y()), QPointF(r.right(), centre.y()))
        case "box" | "milestone":
            painter.setPen(QPen(entry.color.darker(130), 1.2))
            painter.setBrush(lighter(entry.color))
            if entry.symbol == "milestone":
                painter.drawPolygon(
                    [
                        QPointF(r.left(), centre.y()),
                        QPointF(r.left() + 7, r.top()),
                        QPointF(r.right() - 7, r.top()),
                        QPointF(r.right(), centre.y()),
                        QPointF(r.right() - 7, r.bottom()),
                        QPointF(r.left() + 7, r.bottom()),
                    ]
                )
            else:
                painter.drawRoundedRect(r, 3, 3)
        case "collaboration" | "x-as-a-service" | "facilitating":
            shape = relation_item(entry.symbol, QPointF(-25, 0), QPointF(25, 0), 0, 0)
            painter.save()
            painter.translate(centre)
            painter.scale(0.6, 0.6)  # the band at its size in the picture would not fit a legend line
            painter.setPen(shape.pen())
            painter.setBrush(shape.brush())
            painter.drawPath(shape.path())
            painter.restore()
        case "arrow" | "line" | "cycle":
            pen = QPen(entry.color, 1.5)
            if entry.symbol == "line":
                pen = QPen(QColor(154, 160, 166, 160), 2)
            elif entry.symbol == "cycle":
                pen = QPen(WARNING, 2.5, Qt.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(r.left(), centre.y()), QPointF(r.right(), centre.y()))
            if entry.symbol != "line":
                painter.drawLine(QPointF(r.right(), centre.y()), QPointF(r.right() - 6, centre.y() - 4))
                painter.drawLine(QPointF(r.right(), centre.y()), QPointF(r.right() - 6, centre.y() + 4))


class LegendOverlay(QWidget):
    """The legend, pinned to the canvas corner whatever the zoom."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.entries = []
        self.wanted = True

    def set_wanted(self, wanted: bool) -> None:
        """Show or hide the legend (the Legend button)."""
        self.wanted = wanted
        self.set_entries(self.entries)

    def set_entries(self, entries: list) -> None:
        self.entries = entries
        image = QImage(1, 1, QImage.Format_ARGB32)
        painter = QPainter(image)
        box = paint_legend(painter, entries, QPointF(0, 0))
        painter.end()
        self.resize(QSize(int(box.width()) + 2, int(box.height()) + 2))
        self.move(self.parentWidget().viewport().geometry().topLeft() + QPoint(8, 8))
        self.setVisible(self.wanted and bool(entries))
        self.parentWidget().reserved = (
            self.size() + QSize(8, 8) if self.isVisibleTo(self.parentWidget()) else QSize(0, 0)
        )
        self.update()

    def paintEvent(self, event) -> None:
        """Qt override."""
        painter = QPainter(self)
        paint_legend(painter, self.entries, QPointF(0, 0))
        painter.end()
