"""Goal alignment: initiatives that serve no goal, goals nobody works towards, goals whose work ends too late."""

from __future__ import annotations

from domain.analysis.results import GoalAlignment
from domain.analysis.schedule import Timeline
from domain.entities import GoalId, InitiativeId
from domain.goal_tree import goal_tree
from domain.plan import Plan


def alignment(
    plan: Plan, timeline: Timeline
) -> tuple[tuple[InitiativeId, ...], tuple[GoalId, ...], dict[GoalId, GoalAlignment]]:
    """Unaligned initiatives, goals served neither directly nor through a sub-goal, and each goal's alignment.

    A goal's work ends with the last initiative serving it or any goal under it; it is late when that is after
    its deadline. Dropped initiatives are left out: they serve nothing and are not missing a goal.
    """
    serving: dict[GoalId, list[InitiativeId]] = {goal: [] for goal in plan.goals}
    unaligned = []
    for initiative in plan.active_initiatives():
        goals = [g for g in initiative.goals if g in serving]
        if not goals:
            unaligned.append(initiative.id)
        for goal in dict.fromkeys(goals):
            serving[goal].append(initiative.id)

    # sub-goals before their parents, so the work under a goal is known when the goal is reached
    tree = goal_tree(plan)
    last_day: dict[GoalId, int | None] = {}
    late_below: dict[GoalId, int] = {}
    goals = {}
    for goal_id, _ in reversed(tree.walk()):
        sub_goals = tree.sub_goals(goal_id)
        days = [timeline.finish_of(i) for i in serving[goal_id]]
        days += [last_day[g] for g in sub_goals if last_day[g] is not None]
        last_day[goal_id] = max(days, default=None)
        last = None if last_day[goal_id] is None else timeline.calendar.working_date(last_day[goal_id])
        deadline = plan.goals[goal_id].deadline
        late_below[goal_id] = sum(late_below[g] + goals[g].late for g in sub_goals)
        goals[goal_id] = GoalAlignment(
            goal=goal_id,
            initiatives=tuple(serving[goal_id]),
            last_finish=last,
            late=bool(last and deadline and last > deadline),
            late_sub_goals=late_below[goal_id],
        )
    goals = {goal_id: goals[goal_id] for goal_id in plan.goals}  # plan order
    without = tuple(g for g in plan.goals if goals[g].last_finish is None)
    return tuple(unaligned), without, goals
