"""The goal tree every view and the alignment analysis walk: parents first, plan order, circles at the top."""

from domain.goal_tree import goal_tree
from tests.domain.analysis_plans import goal, plan_with


def test_the_tree_lists_every_goal_once_under_its_parent_in_plan_order():
    plan = plan_with(
        goal("Grow"),
        goal("Retain", parent="Grow"),
        goal("Cut costs"),
        goal("Win back", parent="Retain"),
        goal("Upsell", parent="Grow"),
        goal("Lost", parent="no such goal"),
    )
    tree = goal_tree(plan)
    assert tree.walk() == [
        ("Grow", 0),
        ("Retain", 1),
        ("Win back", 2),
        ("Upsell", 1),
        ("Cut costs", 0),
        ("Lost", 0),
    ]
    assert sorted(tree.below("Grow")) == ["Retain", "Upsell", "Win back"]
    assert tree.below("Cut costs") == []


def test_goals_in_a_circle_of_parents_and_below_it_come_last_at_the_top():
    plan = plan_with(
        goal("A", parent="C"), goal("Top"), goal("B", parent="A"), goal("C", parent="B"), goal("Under", parent="B")
    )
    assert goal_tree(plan).walk() == [("Top", 0), ("A", 0), ("B", 0), ("C", 0), ("Under", 0)]
