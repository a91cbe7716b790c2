"""Where to draw the nodes of the network pictures: a layered dependency graph and grouped teams.

Pure geometry over networkx graphs, without numpy: deterministic (ties are broken by the
graph's node order, which is the plan's order) and fast enough for thousands of nodes.
"""

from __future__ import annotations

import math
from bisect import bisect_right, insort
from collections.abc import Hashable, Mapping, Sequence

import networkx as nx

Node = Hashable
SWEEPS = 4
SLACK = 4


def layered_layout(graph: nx.DiGraph, sweeps: int = SWEEPS) -> dict[Node, tuple[float, float]]:
    """(column, row) of every node, dependencies running left to right.

    Columns are topological generations (the strongly connected parts of a cycle share one);
    rows come from barycenter sweeps that reduce edge crossings, then each node is moved
    level with its predecessors where there is room, so chains read as straight lines.
    Nodes without any edge go in a grid below the rest.
    """
    order = {node: n for n, node in enumerate(graph)}
    linked = [node for node in graph if graph.degree(node) > 0]
    alone = [node for node in graph if graph.degree(node) == 0]
    # A plain copy: networkx subgraph views filter every lookup, which costs more than the layout.
    links = nx.DiGraph()
    links.add_nodes_from(linked)
    links.add_edges_from(graph.edges)
    layers = _layers(links, order)
    _reduce_crossings(graph, layers, sweeps)
    positions = _rows(graph, layers)
    top = max((row for _, row in positions.values()), default=-2.0) + 2
    width = max(len(layers), math.ceil(math.sqrt(len(alone))), 1)
    for n, node in enumerate(alone):
        positions[node] = (float(n % width), top + n // width)
    return positions


def _layers(graph: nx.DiGraph, order: Mapping[Node, int]) -> list[list[Node]]:
    """Nodes by topological generation of the graph's condensation, each layer in plan order."""
    condensed = nx.condensation(graph)
    members = condensed.graph["mapping"]
    layer_of = {}
    for depth, generation in enumerate(nx.topological_generations(condensed)):
        for component in generation:
            layer_of[component] = depth
    layers: list[list[Node]] = [[] for _ in range(len(set(layer_of.values())))]
    for node in sorted(graph, key=order.__getitem__):
        layers[layer_of[members[node]]].append(node)
    return layers


def _reduce_crossings(graph: nx.DiGraph, layers: list[list[Node]], sweeps: int) -> None:
    """Reorder each layer by the mean relative height of its neighbours, sweeping right then left;
    keep the order with the fewest crossings seen."""
    height = {node: (n + 0.5) / len(layer) for layer in layers for n, node in enumerate(layer)}
    best, fewest = [list(layer) for layer in layers], _crossings(graph, height, layers)
    for sweep in range(sweeps):
        forward = sweep % 2 == 0
        neighbours = graph.predecessors if forward else graph.successors
        for index in range(1, len(layers)) if forward else range(len(layers) - 2, -1, -1):
            layer = layers[index]
            weight = {}
            for node in layer:
                heights = [height[other] for other in neighbours(node) if other != node]
                weight[node] = sum(heights) / len(heights) if heights else height[node]
            layer.sort(key=lambda node: (weight[node], height[node]))
            for n, node in enumerate(layer):
                height[node] = (n + 0.5) / len(layer)
        count = _crossings(graph, height, layers)
        if count < fewest:
            best, fewest = [list(layer) for layer in layers], count
    layers[:] = best


def _crossings(graph: nx.DiGraph, height: Mapping[Node, float], layers: list[list[Node]]) -> int:
    column = {node: float(c) for c, layer in enumerate(layers) for node in layer}
    return crossings(graph, {node: (column[node], height[node]) for node in column})


def _rows(graph: nx.DiGraph, layers: list[list[Node]]) -> dict[Node, tuple[float, float]]:
    """Positions that keep each layer's order, each node level with its predecessors' median where
    that is at most SLACK rows below its place in the packed layer (so the picture cannot drift down)."""
    y: dict[Node, float] = {}
    for column, layer in enumerate(layers):
        floor = -1.0
        for index, node in enumerate(layer):
            placed = sorted(y[other] for other in graph.predecessors(node) if other in y)
            wish = min(placed[len(placed) // 2], index + SLACK) if placed else floor + 1
            y[node] = floor = max(floor + 1, wish)
    return {node: (float(column), y[node]) for column, layer in enumerate(layers) for node in layer}


def crossings(graph: nx.DiGraph, positions: Mapping[Node, tuple[float, float]]) -> int:
    """How many pairs of edges between neighbouring columns cross each other."""
    between: dict[float, list[tuple[float, float]]] = {}
    for before, after in graph.edges:
        (x1, y1), (x2, y2) = positions[before], positions[after]
        if x2 == x1 + 1:
            between.setdefault(x1, []).append((y1, y2))
    total = 0
    for edges in between.values():
        edges.sort()
        targets: list[float] = []
        for _, target in edges:
            total += len(targets) - bisect_right(targets, target)
            insort(targets, target)
    return total


def grouped_layout(
    nodes: Sequence[Node],
    groups: Sequence[Sequence[Node]],
    apart: Sequence[Node],
    size: Mapping[Node, float],
    gap: float,
    spacing: float | None = None,
    aspect: float | None = None,
) -> dict[Node, tuple[float, float]]:
    """Centres of nodes drawn as discs of diameter `size`: each group on its own circle (members
    `spacing` apart, `gap` by default), the circles packed in rows `gap` apart, and the `apart` nodes in a
    separate column grid to the right.

    Given an `aspect` (width to height, a window's shape), small circles after a tall one stack in a
    column beside it and the row width is the one that makes the whole closest to that shape; without,
    rows are about as wide as the square root of the circles' area (what the printed pictures expect).
    Nodes in no group and not apart form one more group. Groups keep the given order and
    members keep the order of `nodes`, so the same input always gives the same picture.
    """
    order = {node: n for n, node in enumerate(nodes)}
    apart_set = set(apart) & order.keys()
    grouped: set[Node] = set()
    circles = []
    for group in groups:
        members = sorted(
            (n for n in set(group) if n in order and n not in apart_set and n not in grouped), key=order.__getitem__
        )
        grouped.update(members)
        if members:
            circles.append(members)
    rest = [n for n in nodes if n not in grouped and n not in apart_set]
    if rest:
        circles.append(rest)

    placed = [_circle(members, size, gap if spacing is None else spacing) for members in circles]
    lonely = [n for n in nodes if n in apart_set]
    cell = max(size[n] for n in lonely) + gap if lonely else 0.0
    widest = max([w for _, w, _ in placed], default=0.0)
    # Every row width at which the rows break differently: the running widths of the circles in order.
    candidates = {widest}
    running = 0.0
    for _, w, _ in placed:
        running += w + gap
        candidates.add(max(running - gap, widest))
    if aspect is None:
        candidates = {max([math.sqrt(sum(w * h for _, w, h in placed) * 1.6), widest])}
    best = None
    for row_width in sorted(candidates):
        corners, width, height = _pack(placed, row_width, gap, stack=aspect is not None)
        height = max(height, cell, 1.0)
        columns = math.ceil(len(lonely) / max(1, int(height // cell))) if lonely else 0
        whole = width + (2 * gap + columns * cell if lonely else 0.0)
        fitted = max(whole / (aspect or 1.0), height)  # the smaller this, the larger the picture in the window
        if best is None or fitted < best[0] - 1e-9:
            best = (fitted, corners, width, height)
    _, corners, width, height = best if best else (0.0, [], 0.0, max(cell, 1.0))
    positions: dict[Node, tuple[float, float]] = {}
    for (offsets, w, h), (x, y) in zip(placed, corners, strict=True):
        for node, (dx, dy) in offsets.items():
            positions[node] = (x + w / 2 + dx, y + h / 2 + dy)

    if lonely:
        per_column = max(1, int(height // cell))
        left = width + 2 * gap
        for n, node in enumerate(lonely):
            positions[node] = (left + (n // per_column + 0.5) * cell, (n % per_column + 0.5) * cell)
    return positions


def _pack(placed: list, row_width: float, gap: float, stack: bool) -> tuple[list[tuple[float, float]], float, float]:
    """Top-left corners of boxes packed in rows no wider than `row_width` (unless one box is) and the width
    and height of the whole; with `stack`, a box goes under the previous one, in its column, while the
    row's height has room for it."""
    corners: list[tuple[float, float]] = []
    x = y = row_height = width = 0.0
    column_left = column_width = column_bottom = 0.0
    for _, w, h in placed:
        if (
            stack
            and corners
            and column_bottom + gap + h <= y + row_height
            and (w <= column_width or column_left + w <= row_width)
        ):
            corners.append((column_left, column_bottom + gap))  # stacked under the last box of this column
            column_bottom += gap + h
            column_width = max(column_width, w)
            width = max(width, column_left + column_width)
            continue
        x = column_left + column_width + gap if corners else 0.0
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        corners.append((x, y))
        column_left, column_width, column_bottom = x, w, y + h
        row_height = max(row_height, h)
        width = max(width, x + w)
    return corners, width, y + row_height


def _circle(members: list[Node], size: Mapping[Node, float], gap: float):
    """Offsets of members around a circle, their box width and height."""
    if len(members) == 1:
        d = size[members[0]] + gap
        return {members[0]: (0.0, 0.0)}, d, d
    arcs = [size[n] + gap for n in members]
    radius = max(sum(arcs) / (2 * math.pi), max(arcs) / 2)
    offsets, angle = {}, -math.pi / 2
    for node, arc in zip(members, arcs, strict=True):
        angle += arc / (2 * radius)
        offsets[node] = (radius * math.cos(angle), radius * math.sin(angle))
        angle += arc / (2 * radius)
    box = 2 * radius + max(arcs)
    return offsets, box, box
