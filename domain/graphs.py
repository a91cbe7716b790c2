"""The plan's graphs (initiatives waiting for each other, goals under goals) and the circles in them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.plan import Plan

if TYPE_CHECKING:
    import networkx as nx


def dependency_graph(plan: Plan, *, by_position: bool = False) -> nx.DiGraph:
    """Initiatives in plan order, an edge (with its "lag") from each initiative to the ones waiting for it.

    Dependencies on an initiative that does not exist, and an initiative waiting for itself, are left out
    (validation reports both). With `by_position` the nodes are the initiatives' positions in plan order,
    which the schedule's passes use to index plain lists.

    >>> from domain.entities import Dependency, Initiative
    >>> plan = Plan()
    >>> plan.initiatives = {i: Initiative(id=i, name=i) for i in ("a", "b")}
    >>> plan.dependencies = {("a", "b"): Dependency(before="a", after="b", lag=2)}
    >>> list(dependency_graph(plan).edges(data="lag")), list(dependency_graph(plan, by_position=True).edges)
    ([('a', 'b', 2)], [(0, 1)])
    """
    position = {initiative: n for n, initiative in enumerate(plan.initiatives)}
    node = position.__getitem__ if by_position else _same
    import networkx as nx  # here, not at the top: the window shows before networkx loads

    graph = nx.DiGraph()
    graph.add_nodes_from(position.values() if by_position else position)
    graph.add_edges_from(
        (node(d.before), node(d.after), {"lag": d.lag})
        for d in plan.dependencies.values()
        if d.before != d.after and d.before in position and d.after in position
    )
    return graph


def goal_parent_graph(plan: Plan) -> nx.DiGraph:
    """An edge from each goal to its parent goal (goals under a goal that does not exist have none)."""
    import networkx as nx  # here, not at the top: the window shows before networkx loads

    return nx.DiGraph((g.id, g.parent) for g in plan.goals.values() if g.parent in plan.goals)


def circles(graph: nx.DiGraph) -> list[tuple[set, list]]:
    """Every knot of nodes that reach each other, with one circle through it, in graph order.

    A knot is a strongly connected component of two or more nodes, or one node with a loop. Its circle
    starts at the knot's earliest node in graph order; strongly connected components rather than a
    search for cycles, which is slow on big acyclic graphs.

    >>> import networkx as nx
    >>> [(sorted(knot), circle) for knot, circle in circles(nx.DiGraph([("c", "a"), ("a", "b"), ("b", "c"), ("d", "d")]))]
    [(['a', 'b', 'c'], ['c', 'a', 'b']), (['d'], ['d'])]
    """
    import networkx as nx  # loaded already: the graph is one

    knots = [
        members
        for members in nx.strongly_connected_components(graph)
        if len(members) > 1 or graph.has_edge(*2 * [next(iter(members))])
    ]
    if not knots:
        return []
    order = {node: n for n, node in enumerate(graph)}
    found = []
    for members in knots:
        first = min(members, key=order.__getitem__)
        circle = [edge[0] for edge in nx.find_cycle(graph.subgraph(members), source=first)]
        turn = circle.index(min(circle, key=order.__getitem__))
        found.append((members, circle[turn:] + circle[:turn]))
    return sorted(found, key=lambda knot: order[knot[1][0]])


def _same(node):
    return node
