"""The team network of a large plan: each community of teams (or each department) as one disc, with the
hand-offs between them; a double-click opens one as an ordinary team network of its members."""

from __future__ import annotations

import math
from collections import Counter

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QGraphicsScene

from domain.analysis.results import Analysis
from domain.analysis.wording import signed
from domain.plan import Plan
from views.qt.network_scene import (
    INK,
    NO_DEPARTMENT,
    PALETTE,
    QUIET,
    LegendEntry,
    NetworkScene,
    department_colors,
    lighter,
    tooltip,
)
from views.qt.team_network import TeamItem, _arrow, department_legend, department_words

AGGREGATE_ABOVE = 40  # teams: beyond this the network opens on its communities
FLOWS = 60  # the heaviest flows between communities drawn; more would hide them all
PREFIX = "community:"  # the key of a community's disc: PREFIX and its number


def aggregated(plan: Plan, analysis: Analysis | None) -> bool:
    """True when the team network is too big to read team by team."""
    return analysis is not None and len(plan.teams) > AGGREGATE_ABOVE and bool(analysis.network.communities)


def community_of(key: str | None) -> int | None:
    """The community a disc stands for, or None for a team's disc."""
    return int(key[len(PREFIX) :]) if isinstance(key, str) and key.startswith(PREFIX) else None


def groups(plan: Plan, analysis: Analysis, by_department: bool = False) -> list[tuple[str, set[str], bool]]:
    """The discs of the overview: (name, teams, apart) for each community, the isolated teams last, apart; or
    (`by_department`) for each department, in order of its first team, the teams with none last, apart."""
    network = analysis.network
    if by_department:
        found = [(name, set(department.teams), False) for name, department in network.departments.items()]
    else:
        found = [(f"Community {n + 1}", set(group), False) for n, group in enumerate(network.communities)]
    rest = set(plan.teams) - set().union(*(teams for _, teams, _ in found))
    if rest:
        found.append(("No department" if by_department else "Isolated teams", rest, True))
    return found


def members(plan: Plan, analysis: Analysis, number: int, by_department: bool = False) -> set[str]:
    """The teams of a community or department, by its number in `groups`."""
    found = groups(plan, analysis, by_department)
    return found[number][1] if 0 <= number < len(found) else set()


def group_name(plan: Plan, name: str, teams: set[str], apart: bool) -> str:
    """'Community 3: Sales DACH, IT DACH and 6 more' (biggest teams first), 'Isolated teams (4)', or a department."""
    if apart:
        return f"{name} ({len(teams)})"
    if not name.startswith("Community "):
        return f"{name} ({len(teams)} teams)"
    biggest = sorted(teams, key=lambda t: (-plan.teams[t].headcount, plan.teams[t].name))
    names = ", ".join(plan.teams[t].name for t in biggest[:2])
    return f"{name}: {names}" + (f" and {len(teams) - 2} more" if len(teams) > 2 else "")


def build_community_scene(plan: Plan, analysis: Analysis, by_department: bool = False) -> NetworkScene:
    """One disc per community or department (size: people), arrows for the hand-offs between them (thicker: more)."""
    scene = NetworkScene("teams")
    scene.setItemIndexMethod(QGraphicsScene.NoIndex)
    ink = QGuiApplication.palette().color(QPalette.ColorRole.Text)
    parts = groups(plan, analysis, by_department)
    count = len(parts)
    of = {team: n for n, (_, teams, _) in enumerate(parts) for team in teams}
    between, within = Counter(), Counter()
    for sender, receiver, weight in analysis.network.handoff_graph.edges(data="weight", default=1):
        if sender in of and receiver in of:
            pair = (of[sender], of[receiver])
            if pair[0] == pair[1]:
                within[pair[0]] += weight
            else:
                between[pair] += weight
    colors = department_colors(plan)
    items = {}
    ring = max(count * 150 / (2 * math.pi), 200.0)
    for n, (title, teams, apart) in enumerate(parts):
        people = sum(plan.teams[t].headcount for t in teams)
        name = group_name(plan, title, teams, apart)
        lines = [f"{len(teams)} teams, {people} people", f"{within[n]} hand-offs within", "Double-click to open"]
        if by_department:
            color = colors.get(title, NO_DEPARTMENT)
            index = analysis.network.departments[title].ei_index if title in analysis.network.departments else None
            if index is not None:
                name = f"{title} · E-I {signed(index)}"
            lines.insert(0, department_words(analysis.network, "" if apart else title))
        else:
            color = QColor(PALETTE[n % len(PALETTE)])
        item = TeamItem(
            scene,
            f"{PREFIX}{n}",
            name,
            min(30 + 4 * math.sqrt(people), 110),
            lighter(color, 0.45),
            apart and not by_department,
            False,
            ink,
        )
        item.setToolTip(tooltip(name, lines))
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
    kind = "department" if by_department else "community"
    plural = "departments" if by_department else "communities"
    scene.legend = [
        LegendEntry(
            "disc", f"A {kind} of teams ({len(plan.teams)} teams in {count}); double-click to open", QColor(QUIET)
        ),
        *(
            department_legend(analysis.network, [t for t, _, apart in parts if not apart], colors)
            if by_department
            else []
        ),
        LegendEntry(
            "arrow",
            f"Hand-offs between {plural} (thicker: more; the {len(heaviest)} heaviest of {len(between)})",
            QColor(INK),
        ),
    ]
    return scene
