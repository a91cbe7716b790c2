"""Declared team relations on the team network, each Team Topologies mode drawn its own way and readable in grey:
collaboration a grey two-way band, x-as-a-service a hollow broad arrow from the providing team (`a`) to the team
using it (`b`), facilitating a dashed band without heads."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem

from views.relation_shape import relation_outline

RELATION_INK = QColor(95, 99, 104)
BAND = QColor(95, 99, 104, 80)
HALF, WIDE, HEAD = 7.0, 12.0, 12.0  # half the band's width, half a head's width, a head's length


def relation_item(mode: str, start: QPointF, end: QPointF, start_gap: float, end_gap: float) -> QGraphicsPathItem:
    """The relation's shape between two disc centres, `start_gap` and `end_gap` from them (their rims): a broad
    band under the hand-off arrows, so that both show along the same pair of teams."""
    outline = relation_outline(mode, (start.x(), start.y()), (end.x(), end.y()), start_gap, end_gap, HALF, WIDE, HEAD)
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in outline]))
    path.closeSubpath()
    item = QGraphicsPathItem(path)
    if mode == "collaboration":  # grey, two-way
        item.setPen(QPen(RELATION_INK, 1))
        item.setBrush(BAND)
    elif mode == "x-as-a-service":  # hollow, from the providing team to the one it serves
        item.setPen(QPen(RELATION_INK, 1.5, Qt.SolidLine, Qt.FlatCap, Qt.MiterJoin))
        item.setBrush(QColor(255, 255, 255, 200))
    else:  # facilitating (or a mode this version does not know): a dashed outline, no heads
        item.setPen(QPen(RELATION_INK, 1.5, Qt.DashLine, Qt.FlatCap, Qt.MiterJoin))
    item.setData(1, mode)
    item.setZValue(0.5)
    return item
