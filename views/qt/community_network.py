"""The team network of a large plan: each community of teams as one disc, with the hand-offs between
communities; a double-click opens a community as an ordinary team network of its members."""

from __future__ import annotations

import math
from collections import Counter

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QGraphicsScene

from domain.analysis.results import Analysis
from domain.plan import Plan
from views.qt.network_scene import INK, PALETTE, LegendEntry, NetworkScene, lighter, tooltip
from views.qt.team_network import TeamItem, _arrow

AGGREGATE_ABOVE = 40  # teams: beyond this the network opens on its communities
FLOWS = 60  # the heaviest flows between communities drawn; more would hide them all
PREFIX = "community:"  # the key of a community's disc: PREFIX and its number


def aggregated(plan: Plan, analysis: Analysis | None) -> bool:
    """True when the team network is too big to read team by team."""
    return analysis is not None and len(plan.teams) > AGGREGATE_ABOVE and bool(analysis.network.communities)


def community_of(key: str | None) -> int | None:
    """The community a disc stands for, or None for a team's disc."""
    return int(key[len(PREFIX) :]) if isinstance(key, str) and key.startswith(PREFIX) else None


def members(plan: Plan, analysis: Analysis, number: int) -> set[str]:
    """The teams of a community (the isolated teams form the last one)."""
    groups = [set(group) for group in analysis.network.communities]
    rest = set(plan.teams) - set().union(*groups)
    groups += [rest] if rest else []
    return groups[number] if 0 <= number < len(groups) else set()


def community_name(plan: Plan, analysis: Analysis, number: int) -> str:
    """'Community 3: Sales DACH, IT DACH and 6 more' (biggest teams first)."""
    teams = sorted(members(plan, analysis, number), key=lambda t: (-plan.teams[t].headcount, plan.teams[t].name))
    if number >= len(analysis.network.communities):
        return f"Isolated teams ({len(teams)})"
    names = ", ".join(plan.teams[t].name for t in teams[:2])
    return f"Community {number + 1}: {names}" + (f" and {len(teams) - 2} more" if len(teams) > 2 else "")


def build_community_scene(plan: Plan, analysis: Analysis) -> NetworkScene:
    """One disc per community (size: people), arrows for the hand-offs between them (thicker: more)."""
    scene = NetworkScene("teams")
    scene.setItemIndexMethod(QGraphicsScene.NoIndex)
    ink = QGuiApplication.palette().color(QPalette.ColorRole.Text)
    count = len(analysis.network.communities) + (1 if members(plan, analysis, len(analysis.network.communities)) else 0)
    of = {team: n for n in range(count) for team in members(plan, analysis, n)}
    between, within = Counter(), Counter()
    for sender, receiver, weight in analysis.network.handoff_graph.edges(data="weight", default=1):
        if sender in of and receiver in of:
            pair = (of[sender], of[receiver])
            if pair[0] == pair[1]:
                within[pair[0]] += weight
            else:
                between[pair] += weight
    items = {}
    ring = max(count * 150 / (2 * math.pi), 200.0)
    for n in range(count):
        teams = members(plan, analysis, n)
        people = sum(plan.teams[t].headcount for t in teams)
        name = community_name(plan, analysis, n)
        isolated = n >= len(analysis.network.communities)
        item = TeamItem(
            scene,
            f"{PREFIX}{n}",
            name,
            min(30 + 4 * math.sqrt(people), 110),
            lighter(QColor(PALETTE[n % len(PALETTE)]), 0.45),
            isolated,
            False,
            ink,
        )
        item.setToolTip(
            tooltip(
                name, [f"{len(teams)} teams, {people} people", f"{within[n]} hand-offs within", "Double-click to open"]
            )
        )
        angle = 2 * math.pi * n / count - math.pi / 2
        item.setPos(ring * math.cos(angle), ring * math.sin(angle))
        items[n] = item
        scene.names[item.key] = name
        scene.addItem(item)
    scene.nodes = {item.key: item for item in items.values()}
    top = max(between.values(), default=1)
    heaviest = dict(sorted(between.items(), key=lambda item: -item[1])[:FLOWS])
    for (a, b), handoffs in heaviest.items():
        edge = _arrow(items[a], items[b], 1 + round(4 * handoffs / top), two_way=(b, a) in heaviest, ink=ink)
        edge.setToolTip(
            tooltip(
                f"{scene.names[items[a].key]} → {scene.names[items[b].key]}",
                [f"{handoffs} hand-off{'s' * (handoffs != 1)}"],
            )
        )
        scene.addItem(edge)
        scene.incident.setdefault(items[a].key, []).append(edge)
        scene.incident.setdefault(items[b].key, []).append(edge)
    scene.legend = [
        LegendEntry(
            "disc", f"Community of teams ({len(plan.teams)} teams in {count}); double-click to open", QColor(PALETTE[0])
        ),
        LegendEntry(
            "arrow",
            f"Hand-offs between communities (thicker: more; the {len(heaviest)} heaviest of {len(between)})",
            QColor(INK),
        ),
    ]
    return scene
