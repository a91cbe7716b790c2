"""Declared team relations on the team network, each Team Topologies mode drawn its own way and readable in grey:
collaboration a grey two-way band, x-as-a-service a hollow broad arrow from the providing team (`a`) to the team
using it (`b`), facilitating a dashed band without heads."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsPathItem

from domain.entities import Relation
from domain.plan import Plan

RELATION_INK = QColor(95, 99, 104)
BAND = QColor(95, 99, 104, 80)
HALF, WIDE, HEAD = 7.0, 12.0, 12.0  # half the band's width, half a head's width, a head's length
MODE_LEGEND = {
    "collaboration": "Collaboration (two-way band)",
    "x-as-a-service": "X-as-a-service (from the providing team)",
    "facilitating": "Facilitating (dashed band)",
}


def drawn_relations(plan: Plan, shown, today: date) -> tuple[list[Relation], int]:
    """The relations between two different shown teams that have not ended by `today`, and how many have.

    Ended relations are left out of the picture, not drawn faded: the picture shows how teams work now.
    """
    between = [r for r in plan.relations.values() if r.a != r.b and r.a in shown and r.b in shown]
    live = [r for r in between if r.until is None or r.until >= today]
    return live, len(between) - len(live)


def relation_item(mode: str, start: QPointF, end: QPointF, start_gap: float, end_gap: float) -> QGraphicsPathItem:
    """The relation's shape between two disc centres, `start_gap` and `end_gap` from them (their rims): a broad
    band under the hand-off arrows, so that both show along the same pair of teams."""
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    a = QPointF(start.x() + ux * start_gap, start.y() + uy * start_gap)
    b = QPointF(end.x() - ux * end_gap, end.y() - uy * end_gap)

    def at(point: QPointF, along: float, across: float) -> QPointF:
        return QPointF(point.x() + ux * along - uy * across, point.y() + uy * along + ux * across)

    def end_of(point: QPointF, inward: float, headed: bool) -> list[QPointF]:
        """One end of the band, left side to right side: a head reaching `point`, or a square end."""
        if not headed:
            return [at(point, 0, -HALF), at(point, 0, HALF)]
        return [
            at(point, inward, -HALF),
            at(point, inward, -WIDE),
            point,
            at(point, inward, WIDE),
            at(point, inward, HALF),
        ]

    headed_start, headed_end = mode == "collaboration", mode in ("collaboration", "x-as-a-service")
    outline = end_of(a, HEAD, headed_start)[::-1] + end_of(b, -HEAD, headed_end)
    path = QPainterPath()
    path.addPolygon(QPolygonF(outline))
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
