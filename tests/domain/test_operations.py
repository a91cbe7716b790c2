"""Operations change a plan, say what they did, and undo and redo exactly."""

from datetime import date

import pytest

from domain import operations as op
from domain.entities import Dependency, Goal, Handoff, Initiative, Project, RaciRole, Skill, SkillNeed, Team, TeamSkill
from domain.plan import Plan


def base_plan() -> Plan:
    plan = Plan(project=Project(name="Launch", start=date(2027, 1, 4)))
    for entity in (
        Team(id="sales", name="Sales"),
        Team(id="it", name="IT"),
        Team(id="legal", name="Legal"),
        Skill(id="ml", name="Machine learning"),
        Skill(id="law", name="Privacy law"),
        TeamSkill(team="sales", skill="ml", level=1, people=2),
        TeamSkill(team="it", skill="ml", level=3),
        TeamSkill(team="sales", skill="law", level=2),
        Goal(id="grow", name="Grow", owner="sales"),
        Goal(id="retain", name="Retain", parent="grow"),
        Goal(id="churn", name="Cut churn", parent="retain"),
        Initiative(
            id="crm",
            name="CRM",
            owner="sales",
            goals=("retain",),
            skills=(SkillNeed("ml", 2),),
            raci=(RaciRole("it", "R"), RaciRole("legal", "C")),
        ),
        Initiative(id="app", name="App", owner="it", goals=("grow", "churn"), raci=(RaciRole("sales", "A"),)),
        Initiative(id="ads", name="Ads", owner="sales"),
        Dependency(before="crm", after="app", lag=2),
        Dependency(before="ads", after="crm"),
        Handoff(id="spec", from_team="sales", to_team="it", initiative="crm", what="Spec"),
        Handoff(id="keys", from_team="it", to_team="legal", initiative="app", what="Keys"),
    ):
        plan.add(entity)
    return plan


OPERATIONS = [
    ("Edit project", lambda p: op.set_project(p, name="Relaunch", start=date(2027, 2, 1))),
    ("Add goal 'Save'", lambda p: op.add_goal(p, Goal(id="save", name="Save", parent="grow"))),
    ("Rename goal 'Retain'", lambda p: op.update_goal(p, "retain", name="Keep")),
    ("Edit goal 'Retain'", lambda p: op.update_goal(p, "retain", deadline=date(2027, 6, 1), parent=None)),
    ("Delete goal 'Retain'", lambda p: op.delete_goal(p, "retain")),
    ("Add team 'Data'", lambda p: op.add_team(p, Team(id="data", name="Data"))),
    ("Rename team 'Sales'", lambda p: op.update_team(p, "sales", name="Revenue")),
    ("Edit team 'Sales'", lambda p: op.update_team(p, "sales", capacity=40.0)),
    ("Delete team 'Sales'", lambda p: op.delete_team(p, "sales")),
    ("Add skill 'SEO'", lambda p: op.add_skill(p, Skill(id="seo", name="SEO"))),
    ("Rename skill 'Machine learning'", lambda p: op.update_skill(p, "ml", name="ML")),
    ("Delete skill 'Machine learning'", lambda p: op.delete_skill(p, "ml")),
    ("Set Legal's level in 'Privacy law' to 4", lambda p: op.set_team_skill(p, "legal", "law", level=4, people=1)),
    ("Set Sales's level in 'Machine learning' to 2", lambda p: op.set_team_skill(p, "sales", "ml", level=2)),
    ("Clear IT's level in 'Machine learning'", lambda p: op.remove_team_skill(p, "it", "ml")),
    ("Add initiative 'Pilot'", lambda p: op.add_initiative(p, Initiative(id="pilot", name="Pilot", owner="it"))),
    ("Rename initiative 'CRM'", lambda p: op.update_initiative(p, "crm", name="CRM 2")),
    ("Edit initiative 'CRM'", lambda p: op.update_initiative(p, "crm", duration=12, owner="it")),
    ("Delete initiative 'CRM'", lambda p: op.delete_initiative(p, "crm")),
    ("Link 'Ads' to goal 'Grow'", lambda p: op.link_goal(p, "ads", "grow")),
    ("Unlink 'App' from goal 'Grow'", lambda p: op.unlink_goal(p, "app", "grow")),
    ("Make Legal 'R' in 'CRM'", lambda p: op.set_raci(p, "crm", "legal", "R")),
    ("Make Legal 'I' in 'Ads'", lambda p: op.set_raci(p, "ads", "legal", "I")),
    ("Remove IT's role in 'CRM'", lambda p: op.unset_raci(p, "crm", "it")),
    ("Require 'Privacy law' at level 3 for 'CRM'", lambda p: op.require_skill(p, "crm", "law", 3)),
    ("Require 'Machine learning' at level 4 for 'CRM'", lambda p: op.require_skill(p, "crm", "ml", 4)),
    ("Drop 'Machine learning' from 'CRM'", lambda p: op.unrequire_skill(p, "crm", "ml")),
    ("Make 'App' wait for 'Ads'", lambda p: op.add_dependency(p, "ads", "app", lag=1)),
    ("Set lag after 'CRM' to 5 days", lambda p: op.update_dependency(p, "crm", "app", lag=5)),
    ("Stop 'App' waiting for 'CRM'", lambda p: op.remove_dependency(p, "crm", "app")),
    (
        "Add hand-off 'Brief' from Legal to Sales",
        lambda p: op.add_handoff(p, Handoff(id="brief", from_team="legal", to_team="sales", what="Brief")),
    ),
    ("Edit hand-off 'Spec' from Sales to IT", lambda p: op.update_handoff(p, "spec", due=date(2027, 3, 1))),
    ("Delete hand-off 'Keys' from IT to Legal", lambda p: op.delete_handoff(p, "keys")),
]


@pytest.mark.parametrize("label, operation", OPERATIONS, ids=[label for label, _ in OPERATIONS])
def test_each_operation_is_labelled_and_undoes_and_redoes_exactly(label, operation):
    plan = base_plan()
    before = plan.copy()
    change = operation(plan)
    after = plan.copy()
    assert change.label == label
    assert change.edits and not plan.same_as(before)
    op.undo(plan, change)
    assert plan.same_as(before)
    op.redo(plan, change)
    assert plan.same_as(after)
    op.undo(plan, change)
    assert plan.same_as(before)


def test_undoing_every_operation_in_turn_returns_to_the_start():
    plan = base_plan()
    start = plan.copy()
    # deletions last, so every other operation still finds what it works on
    ordered = sorted(OPERATIONS, key=lambda item: item[0].startswith("Delete"))
    changes = [operation(plan) for _, operation in ordered]
    for change in reversed(changes):
        op.undo(plan, change)
    assert plan.same_as(start)


def test_an_update_marks_the_entity_modified_and_keeps_its_place():
    plan = base_plan()
    op.update_team(plan, "sales", name="Revenue")
    assert list(plan.teams) == ["sales", "it", "legal"]
    assert plan.teams["sales"].name == "Revenue"


def test_deleting_a_team_removes_its_levels_roles_and_hand_offs_but_keeps_its_initiatives():
    plan = base_plan()
    change = op.delete_team(plan, "sales")
    assert "sales" not in plan.teams
    assert all(key[0] != "sales" for key in plan.team_skills)
    assert set(plan.initiatives) == {"crm", "app", "ads"}
    assert plan.initiatives["crm"].owner is None and plan.initiatives["ads"].owner is None
    assert plan.initiatives["app"].raci == ()
    assert plan.goals["grow"].owner is None
    assert list(plan.handoffs) == ["keys"]
    assert op.consequences(change) == [
        "2 skill levels will be removed",
        "1 hand-off will be removed",
        "3 initiatives will have no owner team or lose a role",
        "1 goal will have no owner team",
    ]


def test_deleting_a_goal_moves_its_sub_goals_up_and_unlinks_its_initiatives():
    plan = base_plan()
    change = op.delete_goal(plan, "retain")
    assert plan.goals["churn"].parent == "grow"
    assert plan.initiatives["crm"].goals == ()
    assert set(plan.initiatives) == {"crm", "app", "ads"}
    assert op.consequences(change) == [
        "1 goal will move up to the parent goal",
        "1 initiative will no longer serve this goal",
    ]


def test_deleting_an_initiative_removes_its_dependencies_and_detaches_its_hand_offs():
    plan = base_plan()
    change = op.delete_initiative(plan, "crm")
    assert plan.dependencies == {}
    assert plan.handoffs["spec"].initiative is None
    assert op.consequences(change) == [
        "2 dependencies will be removed",
        "1 hand-off will no longer belong to an initiative",
    ]


def test_deleting_a_skill_forgets_levels_and_needs():
    plan = base_plan()
    change = op.delete_skill(plan, "ml")
    assert list(plan.team_skills) == [("sales", "law")]
    assert plan.initiatives["crm"].skills == ()
    assert op.consequences(change) == [
        "2 skill levels will be removed",
        "1 initiative will no longer require this skill",
    ]


def test_a_delete_with_no_side_effects_has_no_consequences():
    assert op.consequences(op.delete_initiative(base_plan(), "ads")) == ["1 dependency will be removed"]
    assert op.consequences(op.delete_handoff(base_plan(), "keys")) == []


def test_raci_roles_keep_their_position_when_changed():
    plan = base_plan()
    op.set_raci(plan, "crm", "it", "A")
    assert plan.initiatives["crm"].raci == (RaciRole("it", "A"), RaciRole("legal", "C"))


@pytest.mark.parametrize(
    "operation, message",
    [
        (lambda p: op.add_dependency(p, "crm", "crm"), "'CRM' cannot depend on itself"),
        (lambda p: op.add_dependency(p, "crm", "app"), "'App' already depends on 'CRM'"),
        (lambda p: op.add_dependency(p, "crm", "nope"), "there is no initiative with id 'nope'"),
        (lambda p: op.update_team(p, "nope", name="X"), "there is no team with id 'nope'"),
        (lambda p: op.update_team(p, "sales", id="x"), "Team has no field id"),
        (lambda p: op.update_goal(p, "grow", parent="churn"), "goal 'Grow' cannot be placed under its own sub-goal"),
        (lambda p: op.update_goal(p, "grow", parent="grow"), "goal 'Grow' cannot be placed under its own sub-goal"),
        (lambda p: op.add_goal(p, Goal(id="x", name="X", parent="nope")), "there is no goal with id 'nope'"),
        (lambda p: op.add_team(p, Team(id="sales", name="Sales again")), "a team with id 'sales' already exists"),
        (lambda p: op.add_initiative(p, Initiative(name="X", owner="nope")), "there is no team with id 'nope'"),
        (lambda p: op.set_raci(p, "crm", "legal", "X"), "RACI role must be one of R, A, C, I, not 'X'"),
        (lambda p: op.update_initiative(p, "crm", raci=(RaciRole("it", "Z"),)), "RACI role must be one of"),
        (lambda p: op.require_skill(p, "crm", "nope", 2), "there is no skill with id 'nope'"),
        (lambda p: op.add_handoff(p, Handoff(from_team="sales", to_team="nope")), "there is no team with id 'nope'"),
        (lambda p: op.remove_dependency(p, "app", "crm"), "there is no dependency with id ('app', 'crm')"),
        (lambda p: op.delete_handoff(p, "nope"), "there is no hand-off with id 'nope'"),
    ],
)
def test_refused_operations_leave_the_plan_alone(operation, message):
    plan = base_plan()
    before = plan.copy()
    with pytest.raises(op.OperationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        operation(plan)
    assert plan.same_as(before)


def test_change_tables_say_what_kinds_were_touched():
    change = op.delete_team(base_plan(), "sales")
    assert change.tables == {"team_skills", "initiatives", "goals", "handoffs", "teams"}
