"""The bundled demo project: a complete, valid plan that shows every finding the analysis can make."""

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from domain.analysis.engine import analyze
from domain.validation import validate
from storage.demo import demo_plan
from storage.exchange import dumps


@pytest.fixture(scope="module")
def demo():
    return demo_plan()


@pytest.fixture(scope="module")
def analysis(demo):
    return analyze(demo)


def test_demo_is_a_year_of_work_for_ten_teams(demo):
    assert demo.project.start == date(2027, 1, 4)
    assert len(demo.teams) == 10
    assert 12 <= len(demo.skills) <= 15
    assert 30 <= len(demo.initiatives) <= 40
    assert 40 <= len(demo.dependencies) <= 50
    assert 15 <= len(demo.handoffs) <= 25
    assert any(i.duration == 0 for i in demo.initiatives.values())
    assert any(d.lag > 0 for d in demo.dependencies.values())
    assert any(i.start for i in demo.initiatives.values())


def test_goals_are_two_company_goals_with_smart_objectives_under_them(demo):
    company = [g for g in demo.goals.values() if g.parent is None]
    objectives = [g for g in demo.goals.values() if g.parent is not None]
    assert len(company) == 2
    assert 3 <= len(objectives) <= 5
    for goal in objectives:
        assert goal.metric and goal.unit and goal.baseline is not None and goal.target is not None
        assert goal.deadline.year == 2027


def test_demo_file_is_fixed_and_written_as_tutti_writes_it(demo):
    shipped = (Path(__file__).parents[2] / "resources" / "demo.json").read_text(encoding="utf-8")
    assert dumps(demo) == shipped


def test_teams_have_readable_capacity_and_distinct_colours(demo):
    teams = list(demo.teams.values())
    assert all(t.lead and t.capacity == t.headcount * 4 for t in teams)
    assert len({t.color.upper() for t in teams}) == len(teams)


def test_demo_has_no_errors_and_only_the_deliberate_warning(demo):
    problems = validate(demo)
    assert [(p.severity, p.key) for p in problems] == [("warning", "init-avatars")]
    assert problems[0].message.endswith("serves no goal.")


def test_names_are_unique_within_each_kind(demo):
    for table in ("goals", "teams", "skills", "initiatives"):
        counts = Counter(e.name.casefold() for e in demo.table(table).values())
        assert counts.most_common(1)[0][1] == 1, table


def test_analysis_finds_one_silo_one_unaligned_initiative_and_one_goal_nobody_serves(demo, analysis):
    assert [demo.teams[t].name for t in analysis.network.isolated] == ["Store Operations"]
    assert [demo.initiatives[i].name for i in analysis.unaligned_initiatives] == [
        "Refresh the brand's social media avatars"
    ]
    assert [demo.goals[g].name for g in analysis.goals_without_initiatives] == ["Cut paid-media cost per new customer"]
    assert analysis.cycles == ()


def test_the_long_data_chain_decides_the_finish_and_lacks_a_skill(demo, analysis):
    assert analysis.critical_path[0] == "init-kickoff"
    assert {"init-data-cleanup", "init-churn-pilot"} <= set(analysis.critical_path)
    assert analysis.finish.year == 2027
    critical_gaps = [g for g in analysis.skill_gaps if g.critical]
    assert [(g.initiative, demo.skills[g.skill].name) for g in critical_gaps] == [
        ("init-churn-pilot", "Machine learning")
    ]


def test_data_science_is_overloaded_in_some_weeks(demo, analysis):
    overloaded = {demo.teams[w.team].name for w in analysis.overloaded_weeks}
    assert "Data Science" in overloaded
    assert len(overloaded) < len(demo.teams)


def test_one_goal_is_late_and_two_hand_offs_have_no_due_date(demo, analysis):
    assert [demo.goals[g].name for g in analysis.late_goals] == ["Answer customers faster"]
    loose = analysis.network.loose_handoffs
    assert len(loose) == 2 and all(demo.handoffs[h].due is None for h in loose)
