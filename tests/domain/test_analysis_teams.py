"""Goal alignment, the team network, skill gaps, team load, findings and the JSON form, on hand-made plans."""

import json
from datetime import date

from domain.analysis.engine import analysis_to_json, analyze
from domain.analysis.load import overloaded_stretches
from domain.analysis.skills import gaps_by_skill, gaps_by_team
from domain.analysis.wording import describe
from domain.operations import update_team
from tests.domain.analysis_plans import (
    RaciRole,
    SkillNeed,
    goal,
    handoff,
    initiative,
    level,
    plan_with,
    skill,
    team,
    wait,
)


def test_alignment_counts_work_on_sub_goals_for_their_parents():
    plan = plan_with(
        goal("Grow"),
        goal("Retain", parent="Grow"),
        goal("Cut costs"),
        goal("Orphan sub", parent="Cut costs"),
        initiative("Loyalty app", goals=("Retain",)),
        initiative("New T-shirts"),
        initiative("Old idea", status="dropped"),
    )
    analysis = analyze(plan)
    assert analysis.unaligned_initiatives == ("New T-shirts",)  # a dropped initiative is not missing a goal
    assert analysis.goals_without_initiatives == ("Cut costs", "Orphan sub")
    assert analysis.goals["Retain"].initiatives == ("Loyalty app",)
    assert analysis.goals["Grow"].initiatives == ()  # only direct work is listed per goal


def test_a_goal_is_late_when_its_last_initiative_finishes_after_the_deadline():
    plan = plan_with(
        goal("Spring", deadline=date(2027, 1, 12)),
        goal("Summer", deadline=date(2027, 1, 15)),
        initiative("Design", goals=("Spring", "Summer")),
        initiative("Build", goals=("Spring", "Summer")),
        wait("Design", "Build"),
    )
    analysis = analyze(plan)
    assert analysis.goals["Spring"].last_finish == date(2027, 1, 15)
    assert analysis.late_goals == ("Spring",)
    assert any(
        "Goal 'Spring' is due on 2027-01-12" in describe(f, plan) and f.severity == "high" for f in analysis.findings
    )


def test_a_goal_s_work_ends_with_the_last_work_under_its_sub_goals_and_lateness_rolls_up():
    plan = plan_with(
        goal("Grow", deadline=date(2027, 1, 12)),
        goal("Retain", parent="Grow", deadline=date(2027, 1, 29)),
        goal("Win back", parent="Retain", deadline=date(2027, 1, 7)),
        goal("Someday", parent="Grow"),
        initiative("Design", goals=("Win back",)),  # 4th to 8th
        initiative("Build", goals=("Retain",)),  # 11th to 15th
        wait("Design", "Build"),
    )
    goals = analyze(plan).goals
    assert [(goals[g].last_finish, goals[g].late, goals[g].late_sub_goals) for g in ("Win back", "Retain", "Grow")] == [
        (date(2027, 1, 8), True, 0),
        (date(2027, 1, 15), False, 1),
        (date(2027, 1, 15), True, 1),  # no work of its own, yet its work ends after its deadline
    ]
    assert goals["Grow"].initiatives == ()
    assert (goals["Someday"].last_finish, goals["Someday"].late) == (None, False)
    assert analyze(plan).late_goals == ("Grow", "Win back")


def test_goals_in_a_circle_of_parents_are_each_counted_once_and_only_for_their_own_work():
    plan = plan_with(goal("A", parent="B"), goal("B", parent="A"), initiative("Work", goals=("A",)))
    analysis = analyze(plan)
    assert analysis.goals["A"].last_finish == date(2027, 1, 8)
    assert analysis.goals_without_initiatives == ("B",)


def network_plan():
    return plan_with(
        team("Sales"),
        team("IT"),
        team("Legal"),
        team("Finance"),
        team("Quiet"),
        initiative("CRM", owner="Sales", raci=(RaciRole("Legal", "C"), RaciRole("Finance", "I"))),
        initiative("Portal", owner="IT", raci=(RaciRole("Sales", "R"),)),
        handoff("Spec", "Sales", "IT", due=date(2027, 2, 1), initiative="CRM"),
        handoff("Build", "IT", "Sales"),
        handoff("Data", "Sales", "IT", due=date(2027, 2, 1)),
    )


def test_team_links_weigh_hand_offs_both_ways_plus_shared_initiatives_but_not_informed_teams():
    network = analyze(network_plan()).network
    assert network.graph["Sales"]["IT"]["weight"] == 4  # three hand-offs and the Portal
    assert network.graph["Sales"]["Legal"]["weight"] == 1  # consulted on CRM
    assert not network.graph.has_edge("Sales", "Finance")  # only informed
    assert network.isolated == ("Finance", "Quiet")


def test_hand_offs_per_team_and_loose_hand_offs():
    network = analyze(network_plan()).network
    assert network.handoffs_out["Sales"] == ("Spec", "Data")
    assert network.handoffs_in["Sales"] == ("Build",)
    assert network.handoffs_in["Quiet"] == ()
    assert network.loose_handoffs == ("Build", "Data")
    assert sorted(network.handoff_graph.edges(data="handoffs")) == [
        ("IT", "Sales", ("Build",)),
        ("Sales", "IT", ("Spec", "Data")),
    ]
    assert network.handoff_graph["Sales"]["IT"]["weight"] == 2


def test_communities_and_bottlenecks_are_stable():
    plan = plan_with(
        *(team(name) for name in ("A", "B", "C", "X", "Y", "Z")),
        *(
            handoff(f"{a}{b}{n}", a, b)
            for a, b in [("A", "B"), ("B", "C"), ("A", "C"), ("X", "Y"), ("Y", "Z"), ("X", "Z")]
            for n in range(3)
        ),
        handoff("bridge", "C", "X"),
    )
    first, second = analyze(plan).network, analyze(plan).network
    assert first.communities == second.communities == (("A", "B", "C"), ("X", "Y", "Z"))
    assert [team for team, _ in first.bottlenecks] == ["C", "X"], "only the bridge's ends stand in the way"
    assert not first.betweenness_sampled


def test_isolated_teams_become_findings():
    plan = network_plan()
    findings = analyze(plan).findings
    assert any(
        describe(f, plan) == "Quiet has no hand-offs and no shared initiatives with any team" and f.keys == ("Quiet",)
        for f in findings
    )


def gap_plan():
    return plan_with(
        team("Marketing"),
        team("Data"),
        team("Advisors"),
        skill("Machine learning"),
        skill("Copywriting"),
        level("Marketing", "Machine learning", 1),
        level("Data", "Machine learning", 3),
        level("Advisors", "Machine learning", 4),
        initiative(
            "Lead scoring",
            owner="Marketing",
            skills=(SkillNeed("Machine learning", 3), SkillNeed("Copywriting", 1)),
            raci=(RaciRole("Data", "R"), RaciRole("Advisors", "C")),
        ),
        initiative("Churn model", owner="Marketing", skills=(SkillNeed("Machine learning", 3),)),
        initiative("Later", 1),
        wait("Churn model", "Later"),
    )


def test_a_gap_is_a_level_no_owner_or_responsible_team_reaches():
    gaps = analyze(gap_plan()).skill_gaps
    found = {(g.initiative, g.skill): g for g in gaps}
    # Data (R) reaches level 3 for Lead scoring; the consulted Advisors do not count.
    assert ("Lead scoring", "Machine learning") not in found
    copy = found["Lead scoring", "Copywriting"]
    assert (copy.required, copy.available, copy.teams) == (1, 0, ("Marketing", "Data"))  # no level recorded = 0
    churn = found["Churn model", "Machine learning"]
    assert (churn.available, churn.teams, churn.critical) == (1, ("Marketing",), True)
    assert not copy.critical


def test_renaming_a_team_after_analysis_words_its_findings_with_the_new_name_without_analysing_again():
    plan = network_plan()
    findings = analyze(plan).findings
    quiet = next(f for f in findings if f.kind == "isolated_team" and f.keys == ("Quiet",))
    update_team(plan, "Quiet", name="Hushed")
    assert describe(quiet, plan) == "Hushed has no hand-offs and no shared initiatives with any team"


def test_gap_findings_name_the_team_and_the_critical_path():
    plan = gap_plan()
    findings = analyze(plan).findings
    assert any(
        f.severity == "high"
        and describe(f, plan)
        == "'Churn model' needs Machine learning at level 3; Marketing has level 1 and it is on the critical path"
        for f in findings
    )


def test_gaps_are_summed_up_per_team_and_per_skill():
    gaps = analyze(gap_plan()).skill_gaps
    assert {team: len(found) for team, found in gaps_by_team(gaps).items()} == {"Marketing": 2, "Data": 1}
    assert {skill: len(found) for skill, found in gaps_by_skill(gaps).items()} == {
        "Copywriting": 1,
        "Machine learning": 1,
    }


def test_effort_spreads_evenly_over_working_days_and_iso_weeks():
    plan = plan_with(
        team("Data", capacity=5),
        initiative("Model", 5, owner="Data", effort=10, start=date(2027, 1, 7)),  # Thu 7th to Wed 13th
        initiative("Report", 2, owner="Data", start=date(2027, 1, 25)),  # no effort: 2 days x 1 person
    )
    weeks = analyze(plan).load["Data"]
    assert [(w.week, w.load, w.capacity) for w in weeks] == [
        ("2027-W01", 4.0, 5),
        ("2027-W02", 6.0, 5),
        ("2027-W04", 2.0, 5),
    ]
    assert [w.week for w in weeks if w.overloaded] == ["2027-W02"]
    assert weeks[1].ratio == 1.2


def test_consecutive_overloaded_weeks_make_one_finding():
    plan = plan_with(team("Data Science", capacity=25), initiative("Big", 15, owner="Data Science", effort=120))
    overloads = [f for f in analyze(plan).findings if "overloaded" in describe(f, plan)]
    assert [describe(f, plan) for f in overloads] == ["Data Science is overloaded 160% in weeks 2027-W01 to W03"]
    assert overloads[0].severity == "high"


def test_overload_in_two_calendar_weeks_with_a_week_without_work_between_is_two_stretches():
    plan = plan_with(
        team("Data", capacity=3),
        initiative("Sprint 1", 5, owner="Data", effort=10),
        initiative("Sprint 2", 5, owner="Data", effort=10, start=date(2027, 1, 18)),
    )
    analysis = analyze(plan)
    assert [w.week for w in analysis.load["Data"]] == ["2027-W01", "2027-W03"]  # nothing at all in W02
    assert [[w.week for w in run] for run in overloaded_stretches(analysis.load["Data"])] == [
        ["2027-W01"],
        ["2027-W03"],
    ]
    assert [describe(f, plan) for f in analysis.findings if "overloaded" in describe(f, plan)] == [
        "Data is overloaded 333% in week 2027-W01",
        "Data is overloaded 333% in week 2027-W03",
    ]


def test_teams_without_capacity_with_work_are_flagged_and_dropped_work_adds_no_load():
    plan = plan_with(
        team("New"),
        team("Idle", capacity=5),
        initiative("Pilot", 1, owner="New"),
        initiative("Gone", 5, owner="Idle", status="dropped"),
    )
    analysis = analyze(plan)
    assert analysis.load["Idle"] == ()
    assert "New has work planned in week 2027-W01 but no capacity set" in [describe(f, plan) for f in analysis.findings]


def test_many_unaligned_initiatives_are_summed_up_in_one_finding():
    plan = plan_with(*(initiative(f"Task {n}") for n in range(45)))
    unaligned = [f for f in analyze(plan).findings if "serve" in describe(f, plan)]
    assert len(unaligned) == 6
    assert describe(unaligned[-1], plan) == "…and 40 more initiatives serve no goal"
    assert len(unaligned[-1].keys) == 40


def test_findings_come_high_severity_first_and_include_validation_errors():
    plan = network_plan()
    plan.add(handoff("Self", "IT", "IT"))
    findings = analyze(plan).findings
    order = ["high", "medium", "low"]
    assert [order.index(f.severity) for f in findings] == sorted(order.index(f.severity) for f in findings)
    assert describe(findings[0], plan) == "The hand-off 'Self' goes from IT to itself."


def test_json_holds_every_section_with_ids_and_iso_dates():
    plan = gap_plan()
    result = analysis_to_json(plan, analyze(plan))
    assert {
        "schedule",
        "finish",
        "critical_path",
        "cycles",
        "alignment",
        "teams",
        "skill_gaps",
        "load",
        "findings",
    } <= set(result)
    assert result["schedule"]["Later"] == {
        "start": "2027-01-11",
        "finish": "2027-01-11",
        "latest_start": "2027-01-11",
        "latest_finish": "2027-01-11",
        "slack": 0,
        "critical": True,
    }
    assert result["finish"] == "2027-01-11"
    assert result["critical_path"] == ["Churn model", "Later"]
    assert set(result["alignment"]) >= {"unaligned_initiatives", "goals_without_initiatives", "late_goals"}
    assert set(result["teams"]) >= {"isolated", "communities", "bottlenecks", "handoffs"}
    assert result["teams"]["handoffs"]["Data"] == {"in": [], "out": []}
    assert {
        "initiative": "Churn model",
        "skill": "Machine learning",
        "required": 3,
        "available": 1,
        "teams": ["Marketing"],
        "critical": True,
    } in result["skill_gaps"]
    assert result["findings"][0]["severity"] == "high"
    json.dumps(result, allow_nan=False)
