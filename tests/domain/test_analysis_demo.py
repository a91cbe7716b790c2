"""The demo plan shows every kind of finding a leader should see, and the text report names them plainly."""

from domain.analysis.engine import analyze
from storage.demo import demo_plan
from views.text_report import text_report


def test_the_demo_has_a_silo_a_critical_skill_gap_an_unaligned_initiative_and_a_neglected_goal():
    plan = demo_plan()
    analysis = analyze(plan)
    names = lambda table, keys: [plan.table(table)[k].name for k in keys]
    assert names("teams", analysis.network.isolated) == ["Store Operations"]
    assert any(gap.critical for gap in analysis.skill_gaps)
    assert names("initiatives", analysis.unaligned_initiatives) == ["Refresh the brand's social media avatars"]
    assert names("goals", analysis.goals_without_initiatives) == ["Cut paid-media cost per new customer"]
    assert analysis.cycles == ()


def test_the_text_report_has_headed_sections_with_names_not_ids():
    plan = demo_plan()
    report = text_report(plan, analyze(plan))
    for heading in ("Findings", "Schedule", "Goals", "Teams", "Skill gaps", "Team load"):
        assert f"\n{heading}\n{'-' * len(heading)}\n" in report
    assert "Store Operations" in report
    assert "HIGH    'Pilot churn prediction for loyalty members' needs Machine learning at level 3" in report
    assert not any(entity_id in report for entity_id in list(plan.teams) + list(plan.initiatives))
