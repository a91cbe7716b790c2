"""Validation finds each kind of problem in a draft plan and says it in a sentence."""

from datetime import date

import pytest

from domain.entities import (
    MAX_NAME_LENGTH,
    Dependency,
    Goal,
    Handoff,
    Initiative,
    Project,
    RaciRole,
    Skill,
    SkillNeed,
    Team,
    TeamSkill,
)
from domain.plan import Plan
from domain.validation import ERROR, WARNING, name_problem, validate


def plan_of(*entities, start=date(2027, 1, 4)) -> Plan:
    plan = Plan(project=Project(name="Check", start=start))
    plan.add(Team(id="sales", name="Sales"))
    plan.add(Goal(id="grow", name="Grow"))
    for entity in entities:
        plan.add(entity)
    return plan


def problems(plan, severity=None):
    return [(p.table, p.key, p.message) for p in validate(plan) if severity in (None, p.severity)]


def test_a_sound_plan_has_no_problems():
    plan = plan_of(Initiative(id="crm", name="CRM", owner="sales", goals=("grow",)))
    assert validate(plan) == []


def test_names_must_not_be_empty_or_too_long():
    assert name_problem("team", "   ") == "A team needs a name."
    long = "x" * (MAX_NAME_LENGTH + 1)
    assert (
        name_problem("goal", long)
        == f"A goal name can have at most {MAX_NAME_LENGTH} characters (this one has {MAX_NAME_LENGTH + 1})."
    )
    assert name_problem("skill", "SEO") is None
    plan = plan_of(Team(id="blank", name=" "), Skill(id="long", name=long))
    assert ("teams", "blank", "A team needs a name.") in problems(plan, ERROR)
    assert any(p[:2] == ("skills", "long") for p in problems(plan, ERROR))


def test_duplicate_names_are_warnings_ignoring_case_and_spaces():
    plan = plan_of(Team(id="sales2", name=" SALES "))
    assert problems(plan) == [
        ("teams", "sales", "There is more than one team called 'Sales'."),
        ("teams", "sales2", "There is more than one team called ' SALES '."),
    ]


@pytest.mark.parametrize("value", [-1, 5])
def test_skill_levels_out_of_range_are_errors(value):
    plan = plan_of(Skill(id="ml", name="ML"), TeamSkill(team="sales", skill="ml", level=value))
    assert problems(plan, ERROR) == [
        ("team_skills", ("sales", "ml"), f"Sales's level in 'ML' is {value}; levels go from 0 to 4.")
    ]


@pytest.mark.parametrize("value", [0, 5])
def test_required_levels_out_of_range_are_errors(value):
    plan = plan_of(
        Skill(id="ml", name="ML"),
        Initiative(id="crm", name="CRM", owner="sales", goals=("grow",), skills=(SkillNeed("ml", value),)),
    )
    assert problems(plan, ERROR) == [
        ("initiatives", "crm", f"'CRM' requires 'ML' at level {value}; required levels go from 1 to 4.")
    ]


def test_negative_numbers_are_errors():
    plan = plan_of(
        Team(id="it", name="IT", headcount=-1, capacity=-2.0),
        Initiative(id="crm", name="CRM", owner="sales", goals=("grow",), duration=-1, effort=-3.0),
    )
    assert [p[2] for p in problems(plan, ERROR)] == [
        "Team 'IT' has a negative headcount.",
        "Team 'IT' has a negative capacity.",
        "'CRM' has a negative duration.",
        "'CRM' has a negative effort.",
    ]


def test_a_deadline_before_the_project_start_is_an_error():
    plan = plan_of(Goal(id="q4", name="Q4", deadline=date(2026, 12, 31)))
    assert problems(plan, ERROR) == [
        ("goals", "q4", "Goal 'Q4' is due on 2026-12-31, before the project starts on 2027-01-04.")
    ]
    assert problems(plan_of(Goal(id="q4", name="Q4", deadline=date(2026, 12, 31)), start=None), ERROR) == []


def test_references_to_missing_entities_are_errors():
    plan = plan_of(
        Goal(id="sub", name="Sub", parent="gone", owner="gone"),
        Initiative(
            id="crm",
            name="CRM",
            owner="gone",
            goals=("gone",),
            skills=(SkillNeed("gone", 2),),
            raci=(RaciRole("gone", "R"),),
        ),
        TeamSkill(team="sales", skill="gone", level=1),
        Dependency(before="crm", after="gone"),
        Handoff(id="h", from_team="sales", to_team="gone", initiative="gone", what="Spec"),
    )
    assert [p[2] for p in problems(plan, ERROR)] == [
        "Goal 'Sub' sits under a goal that does not exist.",
        "Goal 'Sub' is owned by a team that does not exist.",
        "A skill level refers to a team or skill that does not exist.",
        "'CRM' is owned by a team that does not exist.",
        "'CRM' serves a goal that does not exist.",
        "'CRM' requires a skill that does not exist.",
        "'CRM' gives a role to a team that does not exist.",
        "A dependency refers to an initiative that does not exist.",
        "The hand-off 'Spec' involves a team that does not exist.",
        "The hand-off 'Spec' belongs to an initiative that does not exist.",
    ]


def test_an_initiative_depending_on_itself_is_an_error():
    plan = plan_of(
        Initiative(id="crm", name="CRM", owner="sales", goals=("grow",)), Dependency(before="crm", after="crm")
    )
    assert problems(plan, ERROR) == [("dependencies", ("crm", "crm"), "'CRM' depends on itself.")]


def test_each_dependency_cycle_is_listed_with_its_names():
    plan = plan_of(
        *(Initiative(id=n, name=n.upper(), owner="sales", goals=("grow",)) for n in "abcde"),
        Dependency(before="a", after="b"),
        Dependency(before="b", after="c"),
        Dependency(before="c", after="a"),
        Dependency(before="d", after="e"),
        Dependency(before="e", after="d"),
    )
    messages = [p[2] for p in problems(plan, ERROR)]
    assert messages == [
        "These initiatives wait for each other in a circle: A → B → C → A.",
        "These initiatives wait for each other in a circle: D → E → D.",
    ]


def test_cycles_found_elsewhere_are_reported_without_searching_again():
    plan = plan_of(*(Initiative(id=n, name=n.upper(), owner="sales", goals=("grow",)) for n in "ab"))
    messages = [p.message for p in validate(plan, dependency_cycles=[["a", "b"]])]
    assert messages == ["These initiatives wait for each other in a circle: A → B → A."]


def test_goals_under_each_other_in_a_circle_are_an_error():
    plan = plan_of(Goal(id="x", name="X", parent="y"), Goal(id="y", name="Y", parent="x"))
    assert [p[2] for p in problems(plan, ERROR)] == ["Goals sit under each other in a circle: X → Y."]


def test_a_hand_off_to_the_same_team_is_an_error():
    plan = plan_of(Handoff(id="h", from_team="sales", to_team="sales"))
    assert problems(plan, ERROR) == [("handoffs", "h", "A hand-off goes from Sales to itself.")]


def test_unknown_status_role_and_colour():
    plan = plan_of(
        Team(id="it", name="IT", color="red"),
        Initiative(id="crm", name="CRM", owner="sales", goals=("grow",), status="maybe", raci=(RaciRole("it", "Z"),)),
    )
    assert [p[2] for p in problems(plan)] == [
        "'CRM' has an unknown status 'maybe'.",
        "'CRM' has an unknown RACI role 'Z'.",
        "Team 'IT' has a colour that is not #RRGGBB.",
    ]


def test_initiatives_serving_no_goal_or_without_owner_are_warnings_unless_dropped():
    plan = plan_of(
        Initiative(id="shirts", name="New T-shirts"), Initiative(id="old", name="Old", status="dropped", owner="sales")
    )
    assert problems(plan, WARNING) == [
        ("initiatives", "shirts", "'New T-shirts' serves no goal."),
        ("initiatives", "shirts", "'New T-shirts' has no owner team."),
    ]


def test_a_negative_lag_is_a_warning_and_errors_come_before_warnings():
    plan = plan_of(
        Initiative(id="a", name="A", goals=("grow",), owner="sales"),
        Initiative(id="b", name="B", goals=("grow",)),
        Dependency(before="a", after="b", lag=-2),
        Team(id="bad", name=""),
    )
    severities = [p.severity for p in validate(plan)]
    assert severities == [ERROR, WARNING, WARNING]
    assert "The lag between 'A' and 'B' is negative." in [p[2] for p in problems(plan, WARNING)]
