"""The network layouts: dependencies read left to right with few crossings, and pictures stay put."""

import random

import networkx as nx

from domain.analysis.layout import crossings, grouped_layout, layered_layout


def random_plan_graph(size: int, seed: int) -> nx.DiGraph:
    """Initiatives that each wait for up to two of the 60 before them; a few stand alone."""
    rng = random.Random(seed)
    graph = nx.DiGraph()
    graph.add_nodes_from(f"i{n}" for n in range(size))
    for n in range(1, size):
        for _ in range(rng.choice((0, 1, 1, 2))):
            graph.add_edge(f"i{rng.randrange(max(0, n - 60), n)}", f"i{n}")
    return graph


def test_every_dependency_points_right_and_no_two_nodes_share_a_place():
    graph = random_plan_graph(300, seed=1)
    positions = layered_layout(graph)
    assert set(positions) == set(graph)
    assert all(positions[a][0] < positions[b][0] for a, b in graph.edges)
    assert len(set(positions.values())) == len(positions)


def test_crossings_are_fewer_than_in_plan_order():
    # Two chains listed interleaved so that plan order crosses every pair of edges.
    graph = nx.DiGraph()
    graph.add_nodes_from(["a1", "b1", "a2", "b2", "a3", "b3"])
    graph.add_edges_from([("a1", "b2"), ("b1", "a2"), ("a2", "b3"), ("b2", "a3")])
    positions = layered_layout(graph)
    assert crossings(graph, positions) == 0
    plan_order = {"a1": (0, 0), "b1": (0, 1), "a2": (1, 0), "b2": (1, 1), "a3": (2, 0), "b3": (2, 1)}
    assert crossings(graph, plan_order) == 2


def test_chains_stay_level():
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("x", "y"), ("y", "z")])
    positions = layered_layout(graph)
    assert positions["a"][1] == positions["b"][1] == positions["c"][1]
    assert positions["x"][1] == positions["y"][1] == positions["z"][1]


def test_same_graph_same_picture_and_one_new_initiative_moves_few_others():
    graph = random_plan_graph(500, seed=2)
    positions = layered_layout(graph)
    assert layered_layout(graph.copy()) == positions

    grown = graph.copy()
    grown.add_edge("i250", "new")
    after = layered_layout(grown)
    moved = [n for n in graph if after[n] != positions[n]]
    assert len(moved) < 0.1 * len(graph)

    lone = graph.copy()
    lone.add_node("alone")
    after = layered_layout(lone)
    assert all(after[n] == positions[n] for n in graph)


def test_initiatives_waiting_in_a_circle_are_still_placed():
    graph = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    positions = layered_layout(graph)
    assert positions["a"][0] == positions["b"][0] == positions["c"][0] < positions["d"][0]


def test_teams_group_by_community_and_silos_stand_apart():
    teams = [f"t{n}" for n in range(9)]
    communities = [["t0", "t1", "t2", "t3"], ["t4", "t5", "t6"]]
    silos = ["t7", "t8"]
    size = dict.fromkeys(teams, 40.0)
    positions = grouped_layout(teams, communities, silos, size, gap=20.0)
    assert set(positions) == set(teams)
    distinct = list(positions.values())
    for n, (x, y) in enumerate(distinct):
        assert all((x - u) ** 2 + (y - v) ** 2 >= 40.0**2 for u, v in distinct[n + 1 :])
    right_of_groups = max(positions[t][0] for t in teams[:7])
    assert all(positions[t][0] > right_of_groups for t in silos)
    assert grouped_layout(teams, communities, silos, size, gap=20.0) == positions


def test_one_team_groups_stack_beside_a_big_group_in_a_picture_wider_than_tall():
    big = [f"h{n}" for n in range(7)]
    singles = ["s1", "s2", "s3"]
    size = dict.fromkeys(big + singles, 60.0)
    positions = grouped_layout(
        big + singles, [big, *([s] for s in singles)], (), size, gap=56.0, spacing=24.0, aspect=1.5
    )
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    assert max(xs) - min(xs) > max(ys) - min(ys)  # a window's shape, not a tall column
    assert all(positions[s][0] > max(positions[h][0] for h in big) for s in singles)  # beside it, not below
    assert len({positions[s][0] for s in singles}) < len(singles)  # some stacked in one column
    points = list(positions.values())
    for n, (x, y) in enumerate(points):
        assert all((x - u) ** 2 + (y - v) ** 2 >= 60.0**2 for u, v in points[n + 1 :])
