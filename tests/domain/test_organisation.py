"""Departments and their E-I index, team relations, RACI and SMART checks, and the validation of calendars."""

from dataclasses import replace
from datetime import date

import pytest

from domain import operations as op
from domain.analysis.engine import analysis_to_json, analyze
from domain.analysis.wording import describe
from domain.entities import DayOff, Relation, WorkCalendar
from domain.validation import validate
from tests.domain.analysis_plans import MONDAY, RaciRole, goal, handoff, initiative, plan_with, team


def handoffs(source, target, count):
    return [handoff(f"{source}-{target}-{n}", source, target) for n in range(count)]


def three_departments():
    """Finance (F1, F2), Sales (S1, S2) and IT (T1), and N1 in no department. Tie weights:
    F1-F2 7, F1-S1 1, F2-T1 1, S1-S2 2 (a hand-off and a shared initiative), S2-T1 2, N1-T1 1."""
    teams = [team("F1", department="Finance"), team("F2", department="Finance"), team("S1", department="Sales"),
             team("S2", department=" Sales "), team("T1", department="IT"), team("N1")]  # fmt: skip
    ties = [
        *handoffs("F1", "F2", 7),
        *handoffs("F1", "S1", 1),
        *handoffs("F2", "T1", 1),
        *handoffs("S1", "S2", 1),
        *handoffs("S2", "T1", 2),
        *handoffs("N1", "T1", 1),
    ]
    shared = initiative("Quote", owner="S1", raci=(RaciRole("S2", "R"),))
    # F1 and F2 declare how they work, so the only organisation finding is Finance's
    relation = Relation(id="books", a="F1", b="F2", mode="x-as-a-service")
    return plan_with(*teams, *ties, shared, relation)


def test_the_ei_index_of_three_departments_by_hand():
    plan = three_departments()
    network = analyze(plan).network
    # F1: E 1 (S1), I 7 -> -6/8; S1: E 1, I 2 -> -1/3; S2: E 2 (T1), I 2 -> 0; T1: E 4, I 0 -> 1; N1: no department
    assert network.ei_index == pytest.approx({"F1": -0.75, "F2": -0.75, "S1": -1 / 3, "S2": 0.0, "T1": 1.0, "N1": None})
    # Finance: E 1 + 1, I 7 (counted once) -> -5/9; Sales: E 1 + 2, I 2 -> 1/5; IT: E 1 + 2 + 1, I 0 -> 1
    departments = {name: (d.teams, d.ei_index) for name, d in network.departments.items()}
    assert departments == {
        "Finance": (("F1", "F2"), pytest.approx(-5 / 9)),
        "Sales": (("S1", "S2"), pytest.approx(0.2)),
        "IT": (("T1",), 1.0),
    }


def test_a_department_below_minus_a_half_is_a_finding_and_the_json_lists_the_index():
    plan = three_departments()
    analysis = analyze(plan)
    kinds = ("inward_department", "busy_collaborator", "open_collaboration", "undeclared_relation")
    assert [describe(f, plan) for f in analysis.findings if f.kind in kinds] == [
        "Finance works mostly inside itself: E-I \u22120.56"
    ]
    teams = analysis_to_json(plan, analysis)["teams"]
    assert teams["ei_index"]["F1"] == -0.75 and teams["ei_index"]["N1"] is None
    assert teams["departments"]["Finance"] == {"teams": ["F1", "F2"], "ei_index": -0.5556}


def collaborations(*pairs, until=None):
    return [Relation(id=f"{a}+{b}", a=a, b=b, until=until) for a, b in pairs]


def findings(plan, *kinds):
    return [describe(f, plan) for f in analyze(plan).findings if f.kind in kinds]


def test_a_team_in_three_collaborations_at_once_is_one_too_many():
    teams = [team(name) for name in ("Hub", "A", "B", "C")]
    plan = plan_with(*teams, *collaborations(("Hub", "A"), ("Hub", "B"), ("Hub", "C"), until=date(2027, 2, 1)))
    assert findings(plan, "busy_collaborator") == [
        "Hub is in 3 collaborations at once: more than a team can hold in mind (two at most)"
    ]
    # one of them ended before the plan starts: two at once is fine
    plan.relations["Hub+C"] = replace(plan.relations["Hub+C"], until=date(2026, 12, 1))
    assert findings(plan, "busy_collaborator") == []


def test_a_collaboration_needs_an_end_within_a_quarter():
    plan = plan_with(team("A"), team("B"), team("C"), team("D"))
    plan.add(Relation(id="open", a="A", b="B"))
    plan.add(Relation(id="long", a="A", b="C", until=date(2027, 4, 6)))  # 92 days after 4 January
    plan.add(Relation(id="short", a="A", b="D", until=date(2027, 4, 5)))  # 91 days: a quarter
    plan.add(Relation(id="service", a="B", b="C", mode="x-as-a-service"))
    assert findings(plan, "open_collaboration") == [
        "The collaboration of A and B has no end date: decide what becomes a service",
        "The collaboration of A and C runs until 2027-04-06, longer than a quarter: decide what becomes a service",
    ]


def test_many_hand_offs_between_teams_that_declare_no_relation():
    plan = plan_with(team("A"), team("B"), team("C"), *handoffs("A", "B", 2), *handoffs("B", "A", 1))
    plan.add(handoff("C-A", "C", "A"))
    assert findings(plan, "undeclared_relation") == [
        "A and B exchange 3 hand-offs but declare no way of working together"
    ]
    plan.add(Relation(id="r", a="B", b="A", mode="facilitating"))
    assert findings(plan, "undeclared_relation") == []


def test_raci_checks_one_accountable_and_at_most_four_consulted():
    teams = [team(name) for name in ("Owner", "A", "B", "C", "D", "E")]
    two_accountable = initiative("Launch", owner="Owner", raci=(RaciRole("A", "A"), RaciRole("B", "A")))
    five_consulted = initiative("Review", owner="Owner", raci=tuple(RaciRole(t, "C") for t in "ABCDE"))
    four_consulted = initiative("Check", owner="Owner", raci=tuple(RaciRole(t, "C") for t in "ABCD"))
    plan = plan_with(*teams, two_accountable, five_consulted, four_consulted)
    assert findings(plan, "accountable_twice", "widely_consulted") == [
        "'Launch' has 2 Accountable teams: name one",
        "'Review' consults 5 teams: more than four slows every decision",
    ]


def test_a_goal_without_a_metric_target_or_deadline_is_not_measurable_yet():
    plan = plan_with(
        goal("Grow", metric="Revenue", target=10, deadline=date(2027, 12, 31)),
        goal("Delight", metric="NPS"),
        goal("Be better"),
    )
    assert findings(plan, "not_measurable") == [
        "Goal 'Delight' is not measurable yet: it has no target or deadline",
        "Goal 'Be better' is not measurable yet: it has no metric, target or deadline",
    ]


def test_a_team_serving_no_goal_through_live_work():
    plan = plan_with(
        goal("Grow"),
        team("Dreamers"),
        team("Doers"),
        team("Helpers"),
        team("Informed"),
        initiative("Someday", owner="Dreamers", goals=("Grow",), status="idea"),
        initiative("Now", owner="Doers", goals=("Grow",), raci=(RaciRole("Helpers", "R"), RaciRole("Informed", "I"))),
    )
    assert findings(plan, "team_without_goal") == [
        "Dreamers serves no goal through any live work",
        "Informed serves no goal through any live work",
    ]


@pytest.mark.parametrize(
    ("calendar", "message"),
    [
        (WorkCalendar(country="XX"), "The calendar's country 'XX' is not one Tutti knows the holidays of."),
        (WorkCalendar(country="DE", subdivision="ZZ"), "'ZZ' is not a region of DE Tutti knows the holidays of."),
        (
            WorkCalendar(workdays=()),
            "The calendar has no working weekday: choose at least one day of the week to work on.",
        ),
    ],
)
def test_a_calendar_that_cannot_count_is_a_problem_in_words_and_the_schedule_still_runs(calendar, message):
    plan = plan_with(initiative("Build"))
    plan.project = replace(plan.project, calendar=calendar)
    assert [p.message for p in validate(plan)] == [message, "'Build' serves no goal.", "'Build' has no owner team."]
    assert analyze(plan).schedule["Build"].start == MONDAY  # Monday to Friday, no holidays, meanwhile


def test_days_off_backwards_and_a_relation_with_itself_are_problems():
    plan = plan_with(team("A", days_off=(DayOff(date(2027, 3, 5), date(2027, 3, 1)),)))
    plan.add(Relation(id="self", a="A", b="A"))
    assert [p.message for p in validate(plan)] == [
        "Team 'A' has days off that end on 2027-03-01, before they start on 2027-03-05.",
        "A is declared in a relation with itself.",
    ]
    analyze(plan)  # and the analysis runs


def test_relations_are_added_edited_and_deleted_through_operations_and_go_with_their_team():
    plan = plan_with(team("A"), team("B"))
    before = plan.copy()
    change = op.add_relation(plan, Relation(id="r", a="A", b="B"))
    assert change.label == "Add relation between A and B"
    edit = op.update_relation(plan, "r", mode="facilitating", until=date(2027, 6, 30))
    assert plan.relations["r"].mode == "facilitating"
    gone = op.delete_team(plan, "B")
    assert plan.relations == {}
    for step in (gone, edit, change):
        op.undo(plan, step)
    assert plan.same_as(before)
    with pytest.raises(op.OperationError, match="mode must be one of"):
        op.add_relation(plan, Relation(a="A", b="B", mode="friends"))
