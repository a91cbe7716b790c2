"""The team network: teams as discs sized by headcount, linked by their hand-offs and shared work."""

from __future__ import annotations

import math
from collections import Counter
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QGuiApplication, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
)

from domain.analysis.findings import INWARD_DEPARTMENT
from domain.analysis.organisation import live_relations
from domain.analysis.results import Analysis
from domain.analysis.wording import signed
from domain.plan import Plan
from views.qt.network_relations import relation_item
from views.qt.network_scene import (
    INK,
    LABEL_FONT,
    NO_DEPARTMENT,
    PALETTE,
    QUIET,
    SELECTED,
    TAG_FONT,
    LegendEntry,
    NetworkScene,
    department_colors,
    elide,
    lighter,
    team_colors,
    tooltip,
)
from views.relation_shape import MODE_LEGEND

DEPARTMENT_GAP = 56.0  # between departments' rings: room for a ring's name above it
TEAM_SPACING = 24.0  # between neighbouring teams on a ring
WINDOW_SHAPE = 1.5  # the canvas's width to height, about: the groups are packed to fill it
DEPARTMENT_LEGEND = 10  # departments named in the legend; the rest only on their rings
LEGEND_WIDTH = 360.0  # the longest department entry in the legend, in pixels


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


def build_team_scene(
    plan: Plan, analysis: Analysis | None, only: set[str] | None = None, by_department: bool = False
) -> NetworkScene:
    """Teams (every one, or `only` these) as discs, hand-offs as arrows, shared work as light lines and
    declared relations by their mode. Grouped by community with silos apart and coloured by team, or
    (`by_department`) grouped and coloured by department, each department in a soft ring with its E-I index."""
    scene = NetworkScene("teams")
    scene.setItemIndexMethod(QGraphicsScene.NoIndex)
    network = analysis.network if analysis else None
    teams = [team for team in plan.teams.values() if only is None or team.id in only]
    ids = {team.id for team in teams}
    communities = [[t for t in group if t in ids] for group in network.communities] if network else []
    isolated = [t for t in network.isolated if t in ids] if network else []
    bottlenecks = {t for t, _ in network.bottlenecks} if network else set()
    colors = team_colors(plan)
    departments = department_colors(plan)
    ink = QGuiApplication.palette().color(QPalette.ColorRole.Text)

    items: dict[str, TeamItem] = {}
    for team in teams:
        if by_department:
            color = departments.get(team.department.strip(), NO_DEPARTMENT)
        else:
            color = colors[team.id]
        item = TeamItem(
            scene,
            team.id,
            team.name,
            team_diameter(team.headcount),
            lighter(color, 0.45),
            team.id in isolated,
            team.id in bottlenecks,
            ink,
        )
        facts = [f"Lead: {team.lead}" if team.lead else "", f"Headcount: {team.headcount}"]
        item.setToolTip(tooltip(team.name, facts + [f"Department: {team.department.strip() or 'none'}"]))
        items[team.id] = item
        scene.names[team.id] = team.name
        scene.addItem(item)
    footprint = {
        key: max(2 * item.radius + 14, item.label_width) + 2 * item.label_height for key, item in items.items()
    }
    from domain.analysis.layout import grouped_layout  # loads networkx: not before the window shows

    if by_department:
        groups: dict[str, list[str]] = {name: [] for name in departments}
        groups[""] = []
        for team in teams:
            groups[team.department.strip()].append(team.id)
        groups = {name: members for name, members in groups.items() if members}
        positions = grouped_layout(
            list(items),
            list(groups.values()),
            (),
            footprint,
            gap=DEPARTMENT_GAP,
            spacing=TEAM_SPACING,
            aspect=WINDOW_SHAPE,
        )
    else:
        positions = grouped_layout(list(items), communities, isolated, footprint, gap=TEAM_SPACING, aspect=WINDOW_SHAPE)
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
    modes, ended = _draw_relations(scene, plan, analysis, items)

    if by_department:
        scene.legend = [LegendEntry("disc", "Team (size: headcount; colour and ring: its department)", QColor(QUIET))]
        scene.legend += _draw_departments(scene, network, groups, items, departments, ink)
    else:
        scene.legend = [
            LegendEntry("disc", "Team (size: headcount; colour: the team's; groups: work together)", QColor(PALETTE[0]))
        ]
    scene.legend += [
        LegendEntry("silo", "Silo: no hand-off or shared work"),
        LegendEntry("bottleneck", "Bottleneck: many links pass through it"),
        LegendEntry("arrow", "Hand-off (thicker: more)", QColor(INK)),
        LegendEntry("line", "Shared initiatives"),
    ]
    scene.legend += [LegendEntry(mode, MODE_LEGEND[mode]) for mode in MODE_LEGEND if mode in modes]
    if ended:
        scene.legend.append(LegendEntry("note", f"{ended} ended relation{'s' * (ended != 1)} not drawn"))
    return scene


def _draw_relations(scene: NetworkScene, plan: Plan, analysis: Analysis | None, items: dict) -> tuple[set, int]:
    """Draw the live declared relations between the shown teams; returns the modes drawn and how many ended."""
    today = analysis.start if analysis else date.today()
    relations, ended = live_relations(plan, items, today)
    for relation in relations:
        a, b = items[relation.a], items[relation.b]
        item = relation_item(relation.mode, a.pos(), b.pos(), a.radius + 2, b.radius + 3 + 5 * b.bottleneck)
        names = plan.teams[relation.a].name, plan.teams[relation.b].name
        if relation.mode == "x-as-a-service":
            title = f"{names[0]} provides a service to {names[1]}"
        else:
            title = f"{names[0]} and {names[1]}: {relation.mode}"
        item.setToolTip(tooltip(title, [f"Until {relation.until.isoformat()}" if relation.until else "Open-ended"]))
        scene.addItem(item)
        scene.relations[relation.id] = item
        scene.incident.setdefault(relation.a, []).append(item)
        scene.incident.setdefault(relation.b, []).append(item)
    return {relation.mode for relation in relations}, ended


def _draw_departments(
    scene: NetworkScene, network, groups: dict[str, list[str]], items: dict, colors: dict, ink: QColor
) -> list[LegendEntry]:
    """A soft ring around each department's teams, named with its E-I index in `ink` (the canvas's text colour,
    as the name is on the canvas itself); returns the legend's entries."""
    for name, members in groups.items():
        color = colors.get(name, NO_DEPARTMENT)
        points = [items[key].pos() for key in members]
        cx = sum(p.x() for p in points) / len(points)
        cy = sum(p.y() for p in points) / len(points)
        radius = max(
            math.hypot(p.x() - cx, p.y() - cy) + items[key].radius + items[key].label_height + 10
            for key, p in zip(members, points, strict=True)
        )
        ring = QGraphicsEllipseItem(cx - radius, cy - radius, 2 * radius, 2 * radius)
        fill = QColor(color)
        fill.setAlpha(36)
        ring.setBrush(fill)
        ring.setPen(QPen(color.darker(120), 1, Qt.DotLine if not name else Qt.SolidLine))
        ring.setZValue(-1)
        scene.addItem(ring)
        scene.departments[name] = ring
        label = QGraphicsSimpleTextItem(elide(department_words(network, name), max(2 * radius + 40, 260.0)))
        label.setFont(LABEL_FONT)
        label.setBrush(ink)
        box = label.boundingRect()
        label.setPos(cx - box.width() / 2, cy - radius - box.height() - 2)
        label.setZValue(3)
        scene.addItem(label)
        scene.labels.append(label)
    return department_legend(network, list(groups), colors)


def department_words(network, name: str) -> str:
    """'Finance · E-I −0.71 · works mostly inside itself', 'Sales', or 'No department'."""
    index = network.departments[name].ei_index if network and name in network.departments else None
    words = name or "No department"
    if index is not None:
        words += f" · E-I {signed(index)}" + (" · works mostly inside itself" if index < INWARD_DEPARTMENT else "")
    return words


def department_legend(network, names: list[str], colors: dict) -> list[LegendEntry]:
    """A legend entry for each department (the first DEPARTMENT_LEGEND), in its colour with its E-I index."""
    legend = [
        LegendEntry("disc", elide(department_words(network, name), LEGEND_WIDTH), colors.get(name, NO_DEPARTMENT))
        for name in names[:DEPARTMENT_LEGEND]
    ]
    if len(names) > DEPARTMENT_LEGEND:
        legend.append(
            LegendEntry("note", f"and {len(names) - DEPARTMENT_LEGEND} more departments (named on their discs)")
        )
    return legend


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
