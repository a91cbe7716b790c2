"""Goal alignment: initiatives that serve no goal, goals nobody works towards, goals whose work ends too late."""

from __future__ import annotations

from domain.analysis.results import GoalAlignment
from domain.analysis.schedule import Timeline, working_date
from domain.entities import GoalId, InitiativeId
from domain.plan import Plan


def alignment(
    plan: Plan, timeline: Timeline
) -> tuple[tuple[InitiativeId, ...], tuple[GoalId, ...], dict[GoalId, GoalAlignment]]:
    """Unaligned initiatives, goals served neither directly nor through a sub-goal, and each goal's alignment.

    Dropped initiatives are left out: they serve nothing and are not missing a goal.
    """
    serving: dict[GoalId, list[InitiativeId]] = {goal: [] for goal in plan.goals}
    unaligned = []
    for initiative in plan.active_initiatives():
        goals = [g for g in initiative.goals if g in serving]
        if not goals:
            unaligned.append(initiative.id)
        for goal in dict.fromkeys(goals):
            serving[goal].append(initiative.id)

    served: set[GoalId] = set()
    for goal, initiatives in serving.items():
        # mark the goal and its ancestors; stopping at a marked goal also stops circles of parents
        while initiatives and goal in plan.goals and goal not in served:
            served.add(goal)
            goal = plan.goals[goal].parent

    goals = {}
    for goal_id, initiatives in serving.items():
        finishes = [timeline.finish_of(i) for i in initiatives]
        last = working_date(max(finishes)) if finishes else None
        deadline = plan.goals[goal_id].deadline
        goals[goal_id] = GoalAlignment(
            goal=goal_id,
            initiatives=tuple(initiatives),
            last_finish=last,
            late=bool(last and deadline and last > deadline),
        )
    without = tuple(g for g in plan.goals if g not in served)
    return tuple(unaligned), without, goals
