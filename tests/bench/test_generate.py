"""The benchmark plan generator: deterministic plans of the promised size that Tutti can read and analyse."""

import json

import networkx as nx
import pytest

from domain.validation import validate
from storage.exchange import plan_from_json
from tests.bench.generate import SIZES, generate_plan_json, main


def collaborating_teams(plan) -> nx.Graph:
    """Teams linked by a hand-off or by sharing an initiative as owner and R, A or C."""
    graph = nx.Graph()
    graph.add_nodes_from(plan.teams)
    graph.add_edges_from((h.from_team, h.to_team) for h in plan.handoffs.values())
    for initiative in plan.initiatives.values():
        graph.add_edges_from((initiative.owner, r.team) for r in initiative.raci if r.role != "I")
    return graph


def test_the_same_seed_gives_the_same_file_and_another_seed_another(tmp_path):
    first, second, other = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    for path, seed in ((first, 7), (second, 7), (other, 8)):
        assert main(["--size", "small", "--seed", str(seed), "-o", str(path)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8")) == generate_plan_json("small", 7)


@pytest.mark.parametrize("size", ["tiny", "small"])
def test_plan_has_the_promised_size_and_loads_through_the_importer(size):
    shape = SIZES[size]
    plan = plan_from_json(generate_plan_json(size, 3))
    assert (len(plan.teams), len(plan.initiatives), len(plan.dependencies)) == (
        shape.teams,
        shape.initiatives,
        shape.dependencies,
    )
    assert len(plan.goals) == shape.org_goals + shape.objectives + shape.key_results
    assert any(goal.parent for goal in plan.goals.values())
    assert 20 <= len(plan.skills) <= 40
    assert len(plan.handoffs) == shape.initiatives
    assert plan.project.start.isoformat() == "2027-01-04"


@pytest.mark.parametrize("size", ["tiny", "small"])
def test_plan_holds_the_problems_the_analysis_must_find(size):
    shape = SIZES[size]
    plan = plan_from_json(generate_plan_json(size, 5))
    problems = validate(plan)
    circles = [p for p in problems if "wait for each other in a circle" in p.message]
    unaligned = [p for p in problems if p.message.endswith("serves no goal.")]
    assert len(circles) == shape.cycles
    assert len(unaligned) >= 1
    assert {p.severity for p in problems if p not in circles and p not in unaligned} <= {"warning"}

    silos = [team for team, degree in collaborating_teams(plan).degree() if degree == 0]
    assert len(silos) == shape.isolated_teams
    assert all(any(i.owner == team for i in plan.initiatives.values()) for team in silos)


def test_large_plan_loads_and_has_accented_and_long_names_and_milestones():
    plan = generate_plan_json("large", 1)
    assert len(plan_from_json(plan).dependencies) == SIZES["large"].dependencies
    assert any(initiative["duration"] == 0 for initiative in plan["initiatives"])
    names = [i["name"] for i in plan["initiatives"]] + [t["lead"] for t in plan["teams"]]
    assert any(letter in name for name in names for letter in "éüøñ")
    assert any(140 <= len(name) <= 150 for name in names)
    assert len({name.casefold() for name in names[: len(plan["initiatives"])]}) == len(plan["initiatives"])
