"""The printed plan says what the analysis says: overloaded stretches, goals' work rolled up, counted nouns."""

from __future__ import annotations

from datetime import date

from domain.entities import Goal, Initiative, Project, Team
from domain.plan import Plan
from tests.views.test_pdf import export, flat, outline, page_texts


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


def test_a_top_goal_whose_work_sits_under_its_sub_goal_prints_when_that_work_ends_and_that_it_is_late():
    plan = Plan(project=Project(name="Goals", start=date(2027, 1, 4)))
    grow = Goal(name="Grow revenue", deadline=date(2027, 1, 6))
    retain = Goal(name="Retain customers", parent=grow.id, deadline=date(2027, 1, 29))
    for entity in (grow, retain, Initiative(name="Loyalty app", goals=(retain.id,), duration=5)):
        plan.add(entity)
    reader = export(plan)
    page = next(page for level, title, page in outline(reader) if title == "Summary")
    summary = flat(page_texts(reader)[page - 1])
    assert "GrowrevenueWorkends" not in summary
    assert "2027-01-062027-01-08LATE" in summary  # deadline, then when the work ends
    assert "1sub-goalunderthese" in summary
