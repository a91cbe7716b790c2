"""The pictures of the Network view: teams linked by hand-offs, and initiatives by dependencies.

Each builder turns a plan and its analysis into a `NetworkScene` of few, cheap items per node;
positions come from `domain.analysis.layout`, so the same plan always gives the same picture.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
)

from domain.analysis.results import Analysis
from domain.entities import InitiativeId
from domain.plan import Plan
from domain.validation import COLOR

if TYPE_CHECKING:
    import networkx as nx

PALETTE = ("#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#79706E")
INK = QColor("#202124")
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

    symbol: str  # "disc", "silo", "bottleneck", "arrow", "line", "box", "milestone", "critical", "cycle"
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
            _curve(path, self.nodes[before].pos(), self.nodes[after].pos())
        self._overlay = _edge_item(path, QPen(SELECTED, 3), 1.8)
        self.addItem(self._overlay)


# Teams


class TeamItem(QGraphicsItem):
    """A team: a disc sized by headcount, with its name (and silo/bottleneck tag) on a white label."""

    def __init__(
        self,
        scene: NetworkScene,
        key: str,
        name: str,
        diameter: float,
        fill: QColor,
        silo: bool,
        bottleneck: bool,
        ink: QColor,
    ):
        super().__init__()
        self._scene = scene
        self.key = key
        self.ink = ink  # outlines, drawn on the canvas's background: dark on light, light on dark
        self.radius = diameter / 2
        self.fill = fill
        self.silo = silo
        self.bottleneck = bottleneck
        self.name = elide(name)
        self.tag = "silo" if silo else "bottleneck" if bottleneck else ""
        metrics = QFontMetricsF(LABEL_FONT)
        self.label_width = (
            max(metrics.horizontalAdvance(self.name), QFontMetricsF(TAG_FONT).horizontalAdvance(self.tag)) + 8
        )
        self.label_height = metrics.height() + 4 + (QFontMetricsF(TAG_FONT).height() if self.tag else 0)
        self.setData(0, key)
        half = max(self.radius + 7, self.label_width / 2)
        self._bounds = QRectF(-half, -self.radius - 7, 2 * half, 2 * self.radius + 14 + self.label_height)
        self.setZValue(2)

    def boundingRect(self) -> QRectF:
        """Qt override."""
        return self._bounds

    def shape(self) -> QPainterPath:
        """Qt override: clicks hit the disc and the label."""
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), self.radius + 6, self.radius + 6)
        path.addRect(self._label_rect())
        return path

    def _label_rect(self) -> QRectF:
        return QRectF(-self.label_width / 2, self.radius + 8, self.label_width, self.label_height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        """Qt override."""
        selected = self._scene.selected == self.key
        outline = QPen(SELECTED if selected else self.ink, 3 if selected else 1.5)
        if self.silo:
            outline.setStyle(Qt.DashLine)
        painter.setPen(outline)
        painter.setBrush(QBrush(Qt.white if self.silo else self.fill))
        painter.drawEllipse(QPointF(0, 0), self.radius, self.radius)
        if self.bottleneck:
            painter.setBrush(Qt.NoBrush)
            painter.setPen(QPen(SELECTED if selected else self.ink, 1.5))
            painter.drawEllipse(QPointF(0, 0), self.radius + 5, self.radius + 5)
        if not self._scene.details:
            return
        box = self._label_rect()
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(SELECTED if selected else INK)
        painter.setFont(LABEL_FONT)
        line = QFontMetricsF(LABEL_FONT).height()
        painter.drawText(QRectF(box.left(), box.top() + 2, box.width(), line), Qt.AlignCenter, self.name)
        if self.tag:
            painter.setFont(TAG_FONT)
            painter.drawText(
                QRectF(box.left(), box.top() + 2 + line, box.width(), box.height() - line - 2),
                Qt.AlignHCenter | Qt.AlignTop,
                self.tag,
            )


def team_diameter(headcount: int) -> float:
    """Disc size grows with the square root of headcount, so area tracks people."""
    return min(28.0 + 7.0 * math.sqrt(max(headcount, 0)), 96.0)


def build_team_scene(plan: Plan, analysis: Analysis | None) -> NetworkScene:
    """Teams as discs grouped by community, silos apart, hand-offs as arrows, shared work as light lines."""
    scene = NetworkScene("teams")
    scene.setItemIndexMethod(QGraphicsScene.NoIndex)
    network = analysis.network if analysis else None
    teams = list(plan.teams.values())
    ids = set(plan.teams)
    communities = [[t for t in group if t in ids] for group in network.communities] if network else []
    isolated = [t for t in network.isolated if t in ids] if network else []
    bottlenecks = {t for t, _ in network.bottlenecks} if network else set()
    colors = team_colors(plan)
    ink = QGuiApplication.palette().color(QPalette.ColorRole.Text)

    items: dict[str, TeamItem] = {}
    for team in teams:
        fill = lighter(colors[team.id], 0.45)
        item = TeamItem(
            scene,
            team.id,
            team.name,
            team_diameter(team.headcount),
            fill,
            team.id in isolated,
            team.id in bottlenecks,
            ink,
        )
        item.setToolTip(tooltip(team.name, [f"Lead: {team.lead}" if team.lead else "", f"Headcount: {team.headcount}"]))
        items[team.id] = item
        scene.names[team.id] = team.name
        scene.addItem(item)
    footprint = {
        key: max(2 * item.radius + 14, item.label_width) + 2 * item.label_height for key, item in items.items()
    }
    from domain.analysis.layout import grouped_layout  # loads networkx: not before the window shows

    positions = grouped_layout(list(items), communities, isolated, footprint, gap=24.0)
    for key, (x, y) in positions.items():
        items[key].setPos(x, y)
    scene.nodes = dict(items)

    handoffs = Counter(
        (h.from_team, h.to_team)
        for h in plan.handoffs.values()
        if h.from_team in items and h.to_team in items and h.from_team != h.to_team
    )
    by_pair: dict[tuple, list] = {}
    for handoff in plan.handoffs.values():
        by_pair.setdefault((handoff.from_team, handoff.to_team), []).append(handoff)
    for (source, target), count in handoffs.items():
        edge = _arrow(items[source], items[target], count, two_way=(target, source) in handoffs, ink=ink)
        lines = []
        for handoff in by_pair[source, target]:
            initiative = plan.initiatives.get(handoff.initiative)
            due = f" — due {handoff.due.isoformat()}" if handoff.due else " — no due date"
            lines.append((handoff.what or "(unnamed hand-off)") + due + (f" ({initiative.name})" if initiative else ""))
        edge.setToolTip(tooltip(f"{plan.teams[source].name} → {plan.teams[target].name}", lines))
        scene.addItem(edge)
        scene.incident.setdefault(source, []).append(edge)
        scene.incident.setdefault(target, []).append(edge)
    if network:
        for a, b, weight in network.graph.edges(data="weight", default=1):
            shared = weight - handoffs.get((a, b), 0) - handoffs.get((b, a), 0)
            if shared > 0 and a in items and b in items:
                line = _shared_line(items[a], items[b], shared)
                line.setToolTip(
                    tooltip(
                        f"{plan.teams[a].name} and {plan.teams[b].name}",
                        [f"Work together on {shared} initiative{'s' * (shared != 1)}"],
                    )
                )
                scene.addItem(line)

    scene.legend = [
        LegendEntry("disc", "Team (size: headcount; colour: the team's; groups: work together)", QColor(PALETTE[0])),
        LegendEntry("silo", "Silo: no hand-off or shared work"),
        LegendEntry("bottleneck", "Bottleneck: many links pass through it"),
        LegendEntry("arrow", "Hand-off (thicker: more)", QColor(INK)),
        LegendEntry("line", "Shared initiatives"),
    ]
    return scene


def _arrow(source: TeamItem, target: TeamItem, count: int, two_way: bool, ink: QColor) -> QGraphicsPathItem:
    """A straight arrow between two discs; the two directions of a pair run side by side."""
    start, end = source.pos(), target.pos()
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    shift = 5.0 if two_way else 0.0
    nx_, ny_ = -uy * shift, ux * shift
    a = QPointF(start.x() + ux * (source.radius + 2) + nx_, start.y() + uy * (source.radius + 2) + ny_)
    tip = QPointF(
        end.x() - ux * (target.radius + 3 + 5 * target.bottleneck) + nx_,
        end.y() - uy * (target.radius + 3 + 5 * target.bottleneck) + ny_,
    )
    width = min(1.2 + 1.3 * (count - 1), 8.0)
    head = 7.0 + width * 1.5
    path = QPainterPath(a)
    base = QPointF(tip.x() - ux * head, tip.y() - uy * head)
    path.lineTo(base)
    path.moveTo(tip)
    path.lineTo(base.x() - uy * head / 2, base.y() + ux * head / 2)
    path.lineTo(base.x() + uy * head / 2, base.y() - ux * head / 2)
    path.closeSubpath()
    item = QGraphicsPathItem(path)
    item.setPen(QPen(ink, width, Qt.SolidLine, Qt.FlatCap, Qt.MiterJoin))
    item.setBrush(ink)
    item.setZValue(1)
    return item


def _shared_line(a: TeamItem, b: TeamItem, shared: int) -> QGraphicsPathItem:
    path = QPainterPath(a.pos())
    path.lineTo(b.pos())
    item = QGraphicsPathItem(path)
    item.setPen(QPen(QColor(154, 160, 166, 140), min(1.0 + 0.5 * shared, 4.0)))
    item.setZValue(0)
    return item


# Initiatives


Links = tuple[tuple[InitiativeId, ...], tuple[tuple[InitiativeId, InitiativeId], ...]]


def dependency_links(plan: Plan, shown: set[InitiativeId] | None = None) -> Links:
    """The initiatives in plan order (only the `shown` ones, if given) and the dependencies between
    them as (before, after): plain tuples, cheap to compare and safe to hand to another thread."""
    kept = plan.initiatives if shown is None else {i: None for i in plan.initiatives if i in shown}
    return tuple(kept), tuple(
        (d.before, d.after)
        for d in plan.dependencies.values()
        if d.before != d.after and d.before in kept and d.after in kept
    )


def graph_of(links: Links) -> nx.DiGraph:
    """The dependency graph of `dependency_links`: an edge from each initiative to those waiting for it."""
    import networkx as nx  # here, not at the top: the window shows before networkx loads

    graph = nx.DiGraph()
    graph.add_nodes_from(links[0])
    graph.add_edges_from(links[1])
    return graph


def dependency_graph(plan: Plan, shown: set[InitiativeId] | None = None) -> nx.DiGraph:
    """The dependency graph of the plan's initiatives (only the `shown` ones, if given)."""
    return graph_of(dependency_links(plan, shown))


def _box(milestone: bool) -> QPainterPath:
    """A rounded box, or for a milestone a box with diamond points at both ends."""
    path = QPainterPath()
    w, h = BOX_WIDTH / 2, BOX_HEIGHT / 2
    if milestone:
        path.moveTo(-w, 0)
        for x, y in ((-w + h, -h), (w - h, -h), (w, 0), (w - h, h), (-w + h, h)):
            path.lineTo(x, y)
        path.closeSubpath()
    else:
        path.addRoundedRect(QRectF(-w, -h, 2 * w, 2 * h), 6, 6)
    return path


def build_initiative_scene(
    plan: Plan,
    analysis: Analysis | None,
    shown: set[InitiativeId] | None = None,
    laid_out: tuple[nx.DiGraph, Mapping[InitiativeId, tuple[float, float]]] | None = None,
) -> NetworkScene:
    """Initiatives left to right in columns of dependency depth (each after everything it waits
    for), coloured by owner team, with the critical path drawn thick and red and dependency cycles
    dashed orange.

    `shown` limits the picture to some initiatives (filters); the layout is made for them alone.
    `laid_out`, the `dependency_graph` of the same plan and `shown` with its `layered_layout`,
    saves making them again.
    """
    scene = NetworkScene("initiatives")
    scene.setItemIndexMethod(QGraphicsScene.NoIndex)
    if laid_out is None:
        from domain.analysis.layout import layered_layout  # loads networkx: not before the window shows

        graph = dependency_graph(plan, shown)
        laid_out = (graph, layered_layout(graph))
    graph, positions = laid_out
    colors = team_colors(plan)
    schedule = analysis.schedule if analysis else {}
    critical = set(analysis.critical_path) if analysis else set()
    critical_edges = set(zip(analysis.critical_path, analysis.critical_path[1:], strict=False)) if analysis else set()
    cycle_edges = set()
    for cycle in analysis.cycles if analysis else ():
        cycle_edges.update(zip(cycle, cycle[1:] + cycle[:1], strict=True))
    in_cycle = {i for edge in cycle_edges for i in edge}
    shapes = {False: _box(False), True: _box(True)}

    fills = {team: QBrush(lighter(color)) for team, color in colors.items()}
    outlines = {team: QPen(color.darker(130), 1.5) for team, color in colors.items()}
    no_owner_fill, no_owner_outline = QBrush(lighter(QUIET)), QPen(QUIET.darker(130), 1.5)
    critical_pen, cycle_pen = QPen(CRITICAL, 4), QPen(WARNING, 3, Qt.DashLine)

    for key in graph:
        initiative = plan.initiatives[key]
        box = QGraphicsPathItem(shapes[initiative.duration <= 0])
        x, y = positions[key]
        box.setPos(x * COLUMN_SPACING, y * ROW_SPACING)
        box.setBrush(fills.get(initiative.owner, no_owner_fill))
        if key in critical:
            box.setPen(critical_pen)
        elif key in in_cycle:
            box.setPen(cycle_pen)
        else:
            box.setPen(outlines.get(initiative.owner, no_owner_outline))
        box.setZValue(2)
        box.setData(0, key)
        label = QGraphicsSimpleTextItem(elide(initiative.name), box)
        label.setFont(LABEL_FONT)
        label.setBrush(INK)
        bounds = label.boundingRect()
        label.setPos(-bounds.width() / 2, -bounds.height() / 2)
        scene.labels.append(label)
        scene.addItem(box)
        scene.nodes[key] = box
        scene.names[key] = initiative.name

    def initiative_tooltip(key: str) -> str:
        if key not in plan.initiatives:  # deleted since; the picture is about to be redrawn
            return ""
        initiative, owner, when = plan.initiatives[key], plan.teams.get(plan.initiatives[key].owner), schedule.get(key)
        return tooltip(
            initiative.name,
            [
                f"Owner: {owner.name if owner else 'none'}",
                f"Status: {initiative.status}",
                (
                    f"Scheduled {when.start.isoformat()} to {when.finish.isoformat()}, slack {when.slack} days"
                    if when
                    else "Not scheduled"
                ),
            ]
            + (["On the critical path"] if key in critical else [])
            + (["Part of a dependency cycle"] if key in in_cycle else []),
        )

    scene.tooltip_for = initiative_tooltip
    scene.dependencies = graph
    _add_dependencies(scene, graph, critical_edges, cycle_edges)
    owners = Counter(plan.initiatives[i].owner for i in graph if plan.initiatives[i].owner in plan.teams)
    scene.legend = [LegendEntry("box", plan.teams[team].name, colors[team]) for team, _ in owners.most_common(6)]
    if len(owners) > 6:
        scene.legend.append(LegendEntry("box", f"{len(owners) - 6} more teams", QUIET))
    scene.legend += [
        LegendEntry("milestone", "Milestone"),
        LegendEntry("arrow", "Dependency", QColor(QUIET)),
        LegendEntry("critical", "Critical path", QColor(CRITICAL)),
        LegendEntry("cycle", "Waiting in a circle", QColor(WARNING)),
    ]
    return scene


def _add_dependencies(scene: NetworkScene, graph: nx.DiGraph, critical_edges: set, cycle_edges: set) -> None:
    """One item for the plain dependencies out of each initiative, one for each critical or cycle one:
    antialiased stroking costs the whole length of a path even when most of it is off screen, so
    small local paths keep panning smooth when zoomed in, and a third as many items as dependencies
    build faster."""
    # Width 0 is a one-pixel cosmetic line, which Qt draws on a fast path (about 6 times faster here).
    plain, critical, cycle = QPen(QUIET, 0), QPen(CRITICAL, 4), QPen(WARNING, 3, Qt.DashLine)
    for before in graph:
        start, out = scene.nodes[before].pos(), QPainterPath()
        for after in graph.successors(before):
            end = scene.nodes[after].pos()
            if (before, after) in critical_edges:
                scene.addItem(_edge_item(_curve(QPainterPath(), start, end), critical, 1.5))
            elif (before, after) in cycle_edges:
                scene.addItem(_edge_item(_curve(QPainterPath(), start, end), cycle, 1.5))
            else:
                _curve(out, start, end)
        if not out.isEmpty():
            scene.addItem(_edge_item(out, plain, 0.0))


def _edge_item(path: QPainterPath, pen: QPen, z: float) -> QGraphicsPathItem:
    item = QGraphicsPathItem(path)
    item.setPen(pen)
    item.setZValue(z)
    return item


def _curve(path: QPainterPath, start: QPointF, end: QPointF) -> QPainterPath:
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
