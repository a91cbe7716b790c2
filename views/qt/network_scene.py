"""What the Network page's pictures share: the scene with its selection, colours, fonts, labels and curves.

The builders in `team_network` and `dependency_network` turn a plan and its analysis into a `NetworkScene`
of few, cheap items per node; positions come from `domain.analysis.layout`, so the same plan always gives
the same picture.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
)

from domain.plan import Plan
from domain.validation import COLOR

if TYPE_CHECKING:
    import networkx as nx

PALETTE = ("#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#79706E")
INK = QColor("#202124")
NO_DEPARTMENT = QColor("#BDC1C6")
QUIET = QColor("#9AA0A6")
SELECTED = QColor("#1A73E8")
CRITICAL = QColor("#B3261E")
WARNING = QColor("#E8710A")
LABEL_FONT = QFont("DejaVu Sans", 9)
TAG_FONT = QFont("DejaVu Sans", 7, italic=True)
LABEL_WIDTH = 150.0
# Below this scale labels would be under about 4 px high: they are hidden, shapes stay.
LABEL_MIN_SCALE = 0.45
MAX_TOOLTIP_LINES = 12
ELIDE_RIGHT = Qt.ElideRight  # looked up once: PySide's enum attribute costs show in a loop over 5,000 names

BOX_WIDTH, BOX_HEIGHT = 170.0, 38.0
COLUMN_SPACING, ROW_SPACING = 250.0, 54.0


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a small symbol and what it means."""

    # "disc", "silo", "bottleneck", "arrow", "line", "box", "milestone", "critical", "cycle", a relation's mode
    # ("collaboration", "x-as-a-service", "facilitating"), or "note" (text only)
    symbol: str
    text: str
    color: QColor = field(default_factory=lambda: QColor(QUIET))


def lighter(color: QColor, amount: float = 0.72) -> QColor:
    """The colour mixed with white, so dark text stays readable on it."""
    return QColor.fromRgbF(*(c + (1 - c) * amount for c in (color.redF(), color.greenF(), color.blueF())))


def team_colors(plan: Plan) -> dict:
    """Each team's own colour when it has a valid one, else one from the palette by plan order."""
    return {
        team.id: QColor(team.color) if COLOR.fullmatch(team.color or "") else QColor(PALETTE[n % len(PALETTE)])
        for n, team in enumerate(plan.teams.values())
    }


def department_colors(plan: Plan) -> dict[str, QColor]:
    """A palette colour for each department, in order of its first team in the plan."""
    colors: dict[str, QColor] = {}
    for team in plan.teams.values():
        name = team.department.strip()
        if name and name not in colors:
            colors[name] = QColor(PALETTE[len(colors) % len(PALETTE)])
    return colors


@lru_cache(maxsize=50_000)
def elide(text: str, width: float = LABEL_WIDTH) -> str:
    """One line of text cut with an ellipsis to fit the width in the label font (remembered: a big
    graph is redrawn after every analysis, and measuring 5,000 names again costs a tenth of a second)."""
    return QFontMetricsF(LABEL_FONT).elidedText(" ".join(text.split()), ELIDE_RIGHT, width)


def tooltip(title: str, lines: list[str]) -> str:
    """Rich-text tooltip with every piece of user text escaped."""
    shown = lines[:MAX_TOOLTIP_LINES]
    if len(lines) > len(shown):
        shown.append(f"and {len(lines) - len(shown)} more")
    body = "".join(f"<br>{html.escape(line)}" for line in shown)
    return f"<qt><b>{html.escape(title)}</b>{body}</qt>"


class NetworkScene(QGraphicsScene):
    """A drawn graph: node items by entity id, the edges touching each node, and a legend."""

    def __init__(self, table: str):
        super().__init__()
        self.table = table
        self.nodes: dict[str, QGraphicsItem] = {}
        self.names: dict[str, str] = {}
        self.incident: dict[str, list[QGraphicsPathItem]] = {}
        self.labels: list[QGraphicsItem] = []
        self.relations: dict[str, QGraphicsPathItem] = {}  # declared relations drawn, by relation id
        self.departments: dict[str, QGraphicsItem] = {}  # each department's ring, by name ("": no department)
        self.legend: list[LegendEntry] = []
        self.selected: str | None = None
        self.dependencies: nx.DiGraph | None = None
        # Made when first hovered: 5,000 tooltips written up front cost a noticeable part of a second.
        self.tooltip_for: Callable[[str], str] | None = None
        self._overlay: QGraphicsPathItem | None = None
        self._details = True
        self._bounds: QRectF | None = None
        self._highlight: list[tuple[QGraphicsPathItem, QPen]] = []

    def itemsBoundingRect(self) -> QRectF:
        """The picture's extent, measured once (walking 20,000 items takes a while): nothing in it
        moves, and the selection's highlight stays inside it."""
        if self._bounds is None:
            self._bounds = super().itemsBoundingRect()
        return self._bounds

    def helpEvent(self, event) -> None:
        """Qt override: write a node's tooltip the first time the pointer rests on it."""
        if self.tooltip_for is not None:
            for item in self.items(event.scenePos()):
                key = item.data(0)
                if isinstance(key, str) and key in self.nodes and not item.toolTip():
                    item.setToolTip(self.tooltip_for(key))
        super().helpEvent(event)

    def show_details(self, shown: bool) -> None:
        """Show or hide the labels (for far zoom levels); cheap when nothing changes."""
        if shown != self._details:
            self._details = shown
            for label in self.labels:
                label.setVisible(shown)
            for node in self.nodes.values():
                node.update()

    @property
    def details(self) -> bool:
        return self._details

    def set_selected(self, key: str | None) -> None:
        """Mark one node and the edges touching it."""
        for item, pen in self._highlight:
            item.setPen(pen)
            item.setZValue(item.zValue() - 0.5)
        self._highlight = []
        if self._overlay is not None:
            self.removeItem(self._overlay)
            self._overlay = None
        for previous in (self.selected, key):
            if previous in self.nodes:
                self.nodes[previous].update()
        self.selected = key if key in self.nodes else None
        if self.selected is None:
            return
        for item in self.incident.get(self.selected, []):
            pen = item.pen()
            self._highlight.append((item, QPen(pen)))
            pen.setColor(SELECTED)
            pen.setWidthF(max(pen.widthF(), 2.5))
            item.setPen(pen)
            item.setZValue(item.zValue() + 0.5)
        if self.dependencies is not None:
            self._mark_dependencies(self.selected)

    def _mark_dependencies(self, key: str) -> None:
        """Outline the selected initiative and draw its dependencies over the others."""
        box = self.nodes[key]
        self._highlight.append((box, QPen(box.pen())))
        box.setPen(QPen(SELECTED, 4))
        box.setZValue(box.zValue() + 0.5)
        path = QPainterPath()
        for before, after in (*self.dependencies.in_edges(key), *self.dependencies.out_edges(key)):
            curve(path, self.nodes[before].pos(), self.nodes[after].pos())
        self._overlay = edge_item(path, QPen(SELECTED, 3), 1.8)
        self.addItem(self._overlay)


def edge_item(path: QPainterPath, pen: QPen, z: float) -> QGraphicsPathItem:
    item = QGraphicsPathItem(path)
    item.setPen(pen)
    item.setZValue(z)
    return item


def curve(path: QPainterPath, start: QPointF, end: QPointF) -> QPainterPath:
    """Add a smooth dependency line from the right of one box to the left of the next, with an open
    arrowhead, to the path. Boxes in the same column (a cycle) are joined by a loop out to the right."""
    ax, ay = start.x() + BOX_WIDTH / 2, start.y()
    path.moveTo(ax, ay)
    if end.x() > start.x():
        tx, direction = end.x() - BOX_WIDTH / 2 - 1, -1
        bend = (tx - ax) / 2
        path.cubicTo(ax + bend, ay, tx - bend, end.y(), tx, end.y())
    else:
        tx, direction = end.x() + BOX_WIDTH / 2 + 1, 1
        path.cubicTo(ax + 70, ay, tx + 70, end.y(), tx, end.y())
    path.moveTo(tx + direction * 8, end.y() - 5)
    path.lineTo(tx, end.y())
    path.lineTo(tx + direction * 8, end.y() + 5)
    return path
