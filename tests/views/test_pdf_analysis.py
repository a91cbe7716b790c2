"""The printed plan says what the analysis says: overloaded stretches, goals' work rolled up, counted nouns."""

from __future__ import annotations

from datetime import date

from domain.entities import Initiative, Project, Team
from domain.plan import Plan
from tests.views.test_pdf import export, flat, page_texts


def test_a_handout_lists_overload_in_w01_and_w03_as_two_stretches_like_the_findings():
    plan = Plan(project=Project(name="Sprints", start=date(2027, 1, 4)))
    data = Team(name="Data", capacity=3)
    plan.add(data)
    plan.add(Initiative(name="Sprint 1", owner=data.id, duration=5, effort=10))
    plan.add(Initiative(name="Sprint 2", owner=data.id, duration=5, effort=10, start=date(2027, 1, 18)))
    handout = flat(" ".join(page_texts(export(plan, handouts_only=True))))
    assert "2027-W01to2027-W03" not in handout
    assert handout.count("2027-W01") >= 1 and handout.count("2027-W03") >= 1
    assert "2of2weekswithworkareovercapacity" in handout
