"""Comparing two versions of a plan lists each change once, in words a leader reads, with what the app links to."""

from dataclasses import replace
from datetime import date

from domain import operations as op
from domain.compare import compare, difference_to_json
from domain.entities import Handoff, Initiative
from tests.domain.test_operations import base_plan


def texts(a, b) -> list[str]:
    return [d.text for d in compare(a, b)]


def test_a_plan_compared_with_itself_or_a_reordered_restamped_copy_has_no_differences():
    plan = base_plan()
    other = plan.copy()
    other.teams = dict(reversed(plan.teams.items()))
    other.initiatives["crm"] = replace(
        plan.initiatives["crm"], modified="2030-01-01T00:00:00Z", raci=tuple(reversed(plan.initiatives["crm"].raci))
    )
    assert compare(plan, plan) == [] and compare(plan, other) == []


def test_field_changes_say_entity_field_and_both_values():
    a = base_plan()
    b = a.copy()
    op.update_team(b, "sales", capacity=60.0)
    op.update_team(a, "sales", capacity=72.0)
    op.add_handoff(
        a, Handoff(id="ai", from_team="legal", to_team="it", what="Signed-off AI policy", due=date(2027, 1, 15))
    )
    b.handoffs["ai"] = replace(a.handoffs["ai"], due=date(2027, 1, 22))
    op.update_initiative(b, "crm", owner="it", status="active")
    assert texts(a, b) == [
        "Team 'Sales': capacity 72 → 60",
        "Initiative 'CRM': owner team 'Sales' → 'IT'",
        "Initiative 'CRM': status 'planned' → 'active'",
        "Hand-off 'Signed-off AI policy': due 2027-01-15 → 2027-01-22",
    ]
    capacity = compare(a, b)[0]
    assert (capacity.kind, capacity.id, capacity.field, capacity.before, capacity.after) == (
        "teams",
        "sales",
        "capacity",
        72.0,
        60.0,
    )


def test_added_and_removed_entities_are_named_from_the_plan_that_holds_them():
    a = base_plan()
    b = a.copy()
    op.add_initiative(b, Initiative(id="pilot", name="Pilot churn"))
    op.delete_team(b, "legal")
    found = compare(a, b)
    assert "Initiative 'Pilot churn' added" in [d.text for d in found]
    assert "Team 'Legal' removed" in [d.text for d in found]
    assert "Hand-off 'Keys' removed" in [d.text for d in found]  # deleting the team took its hand-offs
    removed = next(d for d in found if d.kind == "teams")
    assert (removed.change, removed.id, removed.before.name, removed.after) == ("removed", "legal", "Legal", None)


def test_an_initiatives_links_are_compared_one_linked_id_at_a_time():
    a = base_plan()
    b = a.copy()
    op.link_goal(b, "crm", "grow")
    op.unlink_goal(b, "crm", "retain")
    op.set_raci(b, "crm", "it", "A")
    op.unset_raci(b, "crm", "legal")
    op.require_skill(b, "crm", "ml", 4)
    op.require_skill(b, "crm", "law", 1)
    op.update_team(b, "it", name="Platform")
    assert texts(a, b) == [
        "Team 'IT' renamed to 'Platform'",
        "Initiative 'CRM' no longer serves goal 'Retain'",
        "Initiative 'CRM': level needed in 'Machine learning' 2 → 4",
        "Initiative 'CRM': role of team 'Platform' 'R' → 'A'",
        "Initiative 'CRM': team 'Legal' no longer has a role",
        "Initiative 'CRM' now serves goal 'Grow'",
        "Initiative 'CRM' now needs 'Privacy law' at level 1",
    ]
    goal_link = compare(a, b)[1]
    assert (goal_link.change, goal_link.field, goal_link.item) == ("removed", "goals", "retain")


def test_levels_dependencies_and_the_project_are_compared_by_their_keys():
    a = base_plan()
    b = a.copy()
    op.set_team_skill(b, "sales", "ml", level=3)
    op.set_team_skill(b, "legal", "ml", level=2)
    op.remove_team_skill(b, "it", "ml")
    op.add_dependency(b, "ads", "app", lag=1)
    op.update_dependency(b, "crm", "app", lag=5)
    op.remove_dependency(b, "ads", "crm")
    op.set_project(b, start=date(2027, 2, 1))
    assert texts(a, b) == [
        "Project: start 2027-01-04 → 2027-02-01",
        "Skill level of team 'Sales' in 'Machine learning': level 1 → 3",
        "Team 'IT' no longer has a level in 'Machine learning'",
        "Team 'Legal' now has 'Machine learning' at level 2",
        "Dependency of 'App' on 'CRM': lag (days) 2 → 5",
        "Initiative 'CRM' no longer waits for 'Ads'",
        "Initiative 'App' now waits for 'Ads' plus 1 day",
    ]


def test_user_text_is_shown_on_one_line_and_cut_short():
    a = base_plan()
    b = a.copy()
    op.update_team(b, "sales", lead="Ann\nBen " + "x" * 100)
    (difference,) = compare(a, b)
    assert "\n" not in difference.text and difference.text.endswith("…'")
    assert difference.after.startswith("Ann\nBen")  # the value itself is untouched


def test_differences_as_json_keep_ids_values_and_words():
    a = base_plan()
    b = a.copy()
    op.set_project(b, start=date(2027, 2, 1))
    op.set_team_skill(b, "legal", "law", level=4)
    project, level = (difference_to_json(d) for d in compare(a, b))
    assert project == {
        "kind": "project",
        "id": None,
        "change": "changed",
        "field": "start",
        "item": None,
        "before": "2027-01-04",
        "after": "2027-02-01",
        "text": "Project: start 2027-01-04 → 2027-02-01",
    }
    assert level["id"] == ["legal", "law"] and level["after"] == {
        "team": "legal",
        "skill": "law",
        "level": 4,
        "people": 0,
    }
