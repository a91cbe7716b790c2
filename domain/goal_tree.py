"""The goal tree: every goal under its parent, once, in plan order; the one shape every view and analysis walks."""

from __future__ import annotations

from dataclasses import dataclass

from domain.entities import GoalId
from domain.plan import Plan


@dataclass(frozen=True)
class GoalTree:
    """Goals by parent, `None` holding the top goals, siblings in plan order.

    A goal whose parent does not exist is a top goal; so is a goal in a circle of parents, or under one
    (a draft can hold such a circle: validation reports it, and the tree still shows every goal once).
    """

    children: dict[GoalId | None, tuple[GoalId, ...]]

    def sub_goals(self, goal: GoalId | None) -> tuple[GoalId, ...]:
        """The goals directly under `goal` (the top goals for None)."""
        return self.children.get(goal, ())

    def walk(self) -> list[tuple[GoalId, int]]:
        """Every goal with its depth (0 at the top), each goal before its sub-goals."""
        ordered = []
        stack = [(goal, 0) for goal in reversed(self.sub_goals(None))]
        while stack:
            goal, depth = stack.pop()
            ordered.append((goal, depth))
            stack.extend((child, depth + 1) for child in reversed(self.sub_goals(goal)))
        return ordered

    def below(self, goal: GoalId) -> list[GoalId]:
        """The sub-goals of `goal`, theirs, and so on down."""
        found, stack = [], list(self.sub_goals(goal))
        while stack:
            child = stack.pop()
            found.append(child)
            stack.extend(self.sub_goals(child))
        return found


def goal_tree(plan: Plan) -> GoalTree:
    """The plan's goals as a tree (see `GoalTree` for goals whose parent is missing or in a circle)."""
    goals = plan.goals
    children: dict[GoalId | None, list[GoalId]] = {None: []}
    for goal in goals.values():
        children.setdefault(goal.parent if goal.parent in goals else None, []).append(goal.id)
    reached, stack = set(), list(children[None])
    while stack:
        goal = stack.pop()
        reached.add(goal)
        stack.extend(children.get(goal, ()))
    for goal in goals:
        if goal not in reached:
            children[goals[goal].parent].remove(goal)
            children[None].append(goal)
    return GoalTree({parent: tuple(keys) for parent, keys in children.items()})
