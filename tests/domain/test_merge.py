"""Merging two edited copies of one plan: what each side changed is kept, and every clash is told in words."""

from datetime import date

from domain import operations as op
from domain.entities import Goal, Handoff, Initiative, Team
from domain.merge import merge
from domain.validation import ERROR, validate
from tests.domain.test_operations import base_plan


def copies():
    base = base_plan()
    return base, base.copy(), base.copy()


def test_changes_to_different_fields_are_all_taken_and_a_change_made_on_both_sides_once():
    base, mine, theirs = copies()
    op.update_team(mine, "sales", capacity=60.0)
    op.update_team(theirs, "sales", headcount=9)
    op.update_initiative(mine, "crm", status="active")
    op.update_initiative(theirs, "crm", status="active")
    op.require_skill(theirs, "crm", "law", 3)
    result = merge(base, mine, theirs)
    assert result.conflicts == [] and result.notes == []
    sales, crm = result.plan.teams["sales"], result.plan.initiatives["crm"]
    assert (sales.capacity, sales.headcount, crm.status) == (60.0, 9, "active")
    assert [n.skill for n in crm.skills] == ["ml", "law"]
    assert [d.text for d in result.taken] == [  # what merging brings into my copy
        "Team 'Sales': headcount 0 → 9",
        "Initiative 'CRM' now needs 'Privacy law' at level 3",
    ]


def test_two_different_changes_to_one_field_are_a_conflict_resolved_towards_the_preferred_side():
    base, mine, theirs = copies()
    op.update_team(base, "sales", capacity=72.0)
    mine, theirs = base.copy(), base.copy()
    op.update_team(mine, "sales", capacity=60.0)
    op.update_team(theirs, "sales", capacity=80.0)
    for prefer, capacity in ((None, 60.0), ("mine", 60.0), ("theirs", 80.0)):
        result = merge(base, mine, theirs, prefer)
        (conflict,) = result.conflicts
        assert conflict.text == "Team 'Sales': capacity: mine 60, theirs 80 (was 72)"
        assert (conflict.kind, conflict.id, conflict.field, conflict.mine, conflict.theirs) == (
            "teams",
            "sales",
            "capacity",
            60.0,
            80.0,
        )
        assert result.plan.teams["sales"].capacity == capacity


def test_an_edit_against_a_delete_is_a_conflict_that_says_what_was_edited():
    base, mine, theirs = copies()
    op.update_handoff(mine, "keys", due=date(2027, 3, 1))
    op.delete_handoff(theirs, "keys")
    result = merge(base, mine, theirs)
    assert [c.text for c in result.conflicts] == [
        "Hand-off 'Keys': mine changed it (due none → 2027-03-01), theirs deleted it"
    ]
    assert result.plan.handoffs["keys"].due == date(2027, 3, 1)
    assert "keys" not in merge(base, mine, theirs, prefer="theirs").plan.handoffs


def test_additions_on_both_sides_are_kept_and_a_name_now_used_twice_is_noted():
    base, mine, theirs = copies()
    op.add_team(mine, Team(id="data-1", name="Data"))
    op.add_team(theirs, Team(id="data-2", name="Data"))
    result = merge(base, mine, theirs)
    assert result.conflicts == []
    assert [t.name for t in result.plan.teams.values()][-2:] == ["Data", "Data"]
    assert result.notes == ["There are now 2 teams called 'Data'."]


def test_a_link_to_something_the_other_side_deleted_is_a_conflict_never_a_dangling_link():
    base, mine, theirs = copies()
    op.add_handoff(mine, Handoff(id="brief", from_team="legal", to_team="sales", what="Legal brief"))
    op.set_raci(mine, "ads", "legal", "C")
    op.delete_team(theirs, "legal")
    kept = merge(base, mine, theirs, prefer="mine")
    assert sorted(c.text for c in kept.conflicts) == [
        "Hand-off 'Legal brief': mine links it to team 'Legal', which theirs deleted",
        "Initiative 'Ads': mine links it to team 'Legal', which theirs deleted",
    ]
    assert "legal" in kept.plan.teams and "brief" in kept.plan.handoffs  # the team comes back for mine's links
    assert "keys" not in kept.plan.handoffs  # the hand-off theirs deleted with the team, mine never touched
    dropped = merge(base, mine, theirs, prefer="theirs")
    assert "legal" not in dropped.plan.teams and "brief" not in dropped.plan.handoffs
    assert dropped.plan.initiatives["ads"].raci == ()
    for result in (kept, dropped):
        assert not [p for p in validate(result.plan) if p.severity == ERROR]


def test_goals_each_side_moved_under_the_other_do_not_end_in_a_circle():
    base, mine, theirs = copies()
    op.add_goal(base, Goal(id="save", name="Save"))
    mine, theirs = base.copy(), base.copy()
    op.update_goal(mine, "save", parent="grow")
    op.update_goal(theirs, "grow", parent="save")
    result = merge(base, mine, theirs)
    assert [c.text for c in result.conflicts] == [
        "Goal 'Grow': parent goal: mine none, theirs 'Save' (together they put goals under each other in a circle)"
    ]
    assert (result.plan.goals["save"].parent, result.plan.goals["grow"].parent) == ("grow", None)
    result = merge(base, mine, theirs, prefer="theirs")
    assert (result.plan.goals["save"].parent, result.plan.goals["grow"].parent) == (None, "save")


def test_the_ancestors_goal_tree_decides_where_a_sub_goal_of_a_deleted_goal_goes():
    base, mine, theirs = copies()
    op.add_goal(mine, Goal(id="save", name="Save", parent="retain"))
    op.delete_goal(theirs, "retain")
    result = merge(base, mine, theirs, prefer="theirs")
    assert result.plan.goals["save"].parent == "grow"  # as deleting 'Retain' moved its sub-goals up


def test_order_changes_are_not_conflicts():
    base, mine, theirs = copies()
    mine.teams = dict(reversed(mine.teams.items()))
    op.unset_raci(theirs, "crm", "it")
    op.set_raci(theirs, "crm", "it", "R")  # the role is back, now after Legal's
    result = merge(base, mine, theirs)
    assert result.conflicts == [] and result.taken == []


def test_draft_problems_only_the_two_copies_together_make_are_noted():
    base, mine, theirs = copies()
    op.remove_dependency(mine, "crm", "app")  # mine: App -> Ads -> CRM
    op.add_dependency(mine, "app", "ads")
    op.add_initiative(theirs, Initiative(id="pilot", name="Pilot"))  # theirs: Ads -> CRM -> Pilot -> App
    op.add_dependency(theirs, "crm", "pilot")
    op.add_dependency(theirs, "pilot", "app")
    op.update_handoff(mine, "spec", to_team="legal")
    op.update_handoff(theirs, "spec", from_team="legal")
    assert merge(base, mine, theirs).notes == [
        "Hand-off 'Spec' now goes from team 'Legal' to itself (each copy changed one end).",
        "Together the two copies make initiatives wait for each other in a circle; 'tutti check' shows where.",
    ]


def test_a_circle_one_copy_made_alone_is_not_noted_as_made_together():
    base, mine, theirs = copies()
    op.add_dependency(mine, "app", "ads")  # mine alone: Ads -> CRM -> App -> Ads
    op.update_team(theirs, "sales", capacity=60.0)
    assert merge(base, mine, theirs).notes == [] and merge(base, theirs, mine).notes == []
