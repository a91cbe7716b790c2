"""The team network: who works with whom, silos, communities, bottlenecks, hand-offs per team and departments' E-I index."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx

from domain.analysis.results import Department, TeamNetwork
from domain.plan import Plan

SEED = 7
# Exact betweenness costs one breadth-first search from every team over the whole graph. The budget
# bounds searches x (teams + links) to about 0.3 s here: a 200-team plan (about 2,000 links) gets
# about 130 sampled teams, a 1,000-team plan (about 18,000 links) the minimum 30, enough to rank the
# few teams that stand out, which is all the findings use. Small plans are computed exactly.
BETWEENNESS_BUDGET = 300_000
BETWEENNESS_MIN_SAMPLES = 30
WORKING_ROLES = ("R", "A", "C")
TOP_BOTTLENECKS = 5
# Below this share of shortest paths between other teams, a team is not in the way: in a well-knit plan
# every team has a little betweenness, and marking them all would hide the one that matters.
BOTTLENECK_BETWEENNESS = 0.1


def collaboration(plan: Plan) -> nx.Graph:
    """Teams linked by a weight: hand-offs between them (either way) plus initiatives both take part in.

    Taking part means owning the initiative or being R, A or C in it (I, informed, does not count).
    """
    order = {team: n for n, team in enumerate(plan.teams)}
    weights: Counter = Counter()
    for handoff in plan.handoffs.values():
        if handoff.from_team in order and handoff.to_team in order and handoff.from_team != handoff.to_team:
            weights[tuple(sorted((handoff.from_team, handoff.to_team), key=order.__getitem__))] += 1
    for initiative in plan.active_initiatives():
        teams = [initiative.owner] + [r.team for r in initiative.raci if r.role in WORKING_ROLES]
        taking_part = sorted({t for t in teams if t in order}, key=order.__getitem__)
        weights.update(combinations(taking_part, 2))
    graph = nx.Graph()
    graph.add_nodes_from(plan.teams)
    graph.add_weighted_edges_from((a, b, weight) for (a, b), weight in weights.items())
    return graph


def ei_index(plan: Plan, graph: nx.Graph) -> tuple[dict, dict[str, Department]]:
    """Krackhardt's E-I index of every team and every department on the collaboration graph's weights.

    A team's E is the weight of its ties to teams of other departments (or of none), I to teams of its
    own; E-I = (E - I) / (E + I). A department's counts every tie with at least one end in it once: a
    tie inside it is internal, a tie out of it external. None when there is no tie to count, and for a
    team with no department.

    >>> from domain.entities import Team
    >>> plan = Plan()
    >>> for name, department in (("a", "Finance"), ("b", "Finance"), ("c", "Sales")):
    ...     plan.add(Team(id=name, name=name, department=department))
    >>> graph = nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1})])
    >>> teams, departments = ei_index(plan, graph)
    >>> teams["a"], teams["b"], teams["c"], departments["Finance"].ei_index, departments["Sales"].ei_index
    (-1.0, -0.5, 1.0, -0.5, 1.0)
    """
    department = {team.id: team.department.strip() for team in plan.teams.values()}
    members: dict[str, list] = {}
    for team, name in department.items():
        if name:
            members.setdefault(name, []).append(team)
    team_ties = {team: [0, 0] for team in plan.teams}  # external, internal
    department_ties = {name: [0, 0] for name in members}
    for a, b, weight in graph.edges(data="weight"):
        inside = bool(department[a]) and department[a] == department[b]
        for team in (a, b):
            team_ties[team][inside] += weight
        for name in {department[a], department[b]} - {""}:
            department_ties[name][inside] += weight

    def index(external: float, internal: float) -> float | None:
        return (external - internal) / (external + internal) if external + internal else None

    teams = {team: index(*team_ties[team]) if department[team] else None for team in plan.teams}
    departments = {name: Department(tuple(ids), index(*department_ties[name])) for name, ids in members.items()}
    return teams, departments


def team_network(plan: Plan) -> TeamNetwork:
    """Silos (teams with no link), Louvain communities, betweenness bottlenecks and each team's hand-offs."""
    order = {team: n for n, team in enumerate(plan.teams)}
    graph = collaboration(plan)

    handoffs_in: dict = {team: [] for team in plan.teams}
    handoffs_out: dict = {team: [] for team in plan.teams}
    routes: dict[tuple, list] = {}
    for handoff in plan.handoffs.values():
        if handoff.from_team in order and handoff.to_team in order:
            handoffs_out[handoff.from_team].append(handoff.id)
            handoffs_in[handoff.to_team].append(handoff.id)
            routes.setdefault((handoff.from_team, handoff.to_team), []).append(handoff.id)
    handoff_graph = nx.DiGraph()
    handoff_graph.add_nodes_from(plan.teams)
    handoff_graph.add_edges_from(
        (source, target, {"handoffs": tuple(ids), "weight": len(ids)}) for (source, target), ids in routes.items()
    )
    loose = tuple(h.id for h in plan.handoffs.values() if h.due is None or h.initiative is None)

    isolated = tuple(team for team in plan.teams if graph.degree(team) == 0)
    communities = []
    if graph.number_of_edges():
        for community in nx.community.louvain_communities(graph, weight="weight", seed=SEED):
            if len(community) > 1:
                communities.append(tuple(sorted(community, key=order.__getitem__)))
    communities.sort(key=lambda c: (-len(c), order[c[0]]))

    samples = max(
        BETWEENNESS_MIN_SAMPLES, BETWEENNESS_BUDGET // (graph.number_of_nodes() + graph.number_of_edges() or 1)
    )
    sampled = graph.number_of_nodes() > samples
    betweenness = nx.betweenness_centrality(graph, k=samples if sampled else None, seed=SEED)
    ranked = sorted(
        (team for team in plan.teams if betweenness[team] >= BOTTLENECK_BETWEENNESS),
        key=lambda t: (-betweenness[t], order[t]),
    )

    teams_ei, departments = ei_index(plan, graph)
    return TeamNetwork(
        graph=graph,
        handoff_graph=handoff_graph,
        isolated=isolated,
        communities=tuple(communities),
        bottlenecks=tuple((team, betweenness[team]) for team in ranked[:TOP_BOTTLENECKS]),
        handoffs_in={team: tuple(ids) for team, ids in handoffs_in.items()},
        handoffs_out={team: tuple(ids) for team, ids in handoffs_out.items()},
        loose_handoffs=loose,
        betweenness_sampled=sampled,
        betweenness=betweenness,
        ei_index=teams_ei,
        departments=departments,
    )
