"""The dependency graph: initiatives in columns of dependency depth, the critical path and cycles marked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from domain.analysis.results import Analysis
from domain.entities import InitiativeId
from domain.plan import Plan

if TYPE_CHECKING:
    import networkx as nx

from views.qt.network_scene import (
    BOX_HEIGHT,
    BOX_WIDTH,
    COLUMN_SPACING,
    CRITICAL,
    INK,
    LABEL_FONT,
    QUIET,
    ROW_SPACING,
    WARNING,
    LegendEntry,
    NetworkScene,
    curve,
    edge_item,
    elide,
    lighter,
    team_colors,
    tooltip,
)

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
                scene.addItem(edge_item(curve(QPainterPath(), start, end), critical, 1.5))
            elif (before, after) in cycle_edges:
                scene.addItem(edge_item(curve(QPainterPath(), start, end), cycle, 1.5))
            else:
                curve(out, start, end)
        if not out.isEmpty():
            scene.addItem(edge_item(out, plain, 0.0))
