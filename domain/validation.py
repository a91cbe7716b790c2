"""Problems in a plan, in sentences a leader understands. A draft with problems is normal."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from domain.calendar import calendar_problems
from domain.entities import GATE_DECISIONS, MAX_LEVEL, MAX_NAME_LENGTH, RACI_ROLES, RELATION_MODES, STATUSES
from domain.graphs import circles, dependency_graph, goal_parent_graph
from domain.plan import Plan

ERROR = "error"
WARNING = "warning"
COLOR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a plan, and the entity it concerns (table and key)."""

    severity: str
    table: str
    key: object
    message: str


def name_problem(kind: str, name: str) -> str | None:
    """Why a name cannot be used, or None when it can."""
    if not name.strip():
        return f"A {kind} needs a name."
    if len(name) > MAX_NAME_LENGTH:
        return f"A {kind} name can have at most {MAX_NAME_LENGTH} characters (this one has {len(name)})."
    return None


def validate(plan: Plan, *, dependency_cycles: list[list] | None = None) -> list[Problem]:
    """Every problem in the plan: errors first, then warnings, each in plan order.

    `dependency_cycles`, when given, are the circles of waiting initiatives already found (one list of
    initiative ids per circle, self-dependencies left out), so a big plan's dependencies are not searched twice.
    """
    problems: list[Problem] = []
    add = problems.append
    project_start = plan.project.start
    if plan.project.calendar is not None:
        problems.extend(
            Problem(ERROR, "project", None, message) for message in calendar_problems(plan.project.calendar)
        )

    for table, kind in (("goals", "goal"), ("teams", "team"), ("skills", "skill"), ("initiatives", "initiative")):
        entities = plan.table(table)
        counts = Counter(e.name.strip().casefold() for e in entities.values())
        for key, entity in entities.items():
            if message := name_problem(kind, entity.name):
                add(Problem(ERROR, table, key, message))
            elif counts[entity.name.strip().casefold()] > 1:
                add(Problem(WARNING, table, key, f"There is more than one {kind} called '{entity.name}'."))

    for goal in plan.goals.values():
        if goal.parent is not None and goal.parent not in plan.goals:
            add(Problem(ERROR, "goals", goal.id, f"Goal '{goal.name}' sits under a goal that does not exist."))
        if goal.owner is not None and goal.owner not in plan.teams:
            add(Problem(ERROR, "goals", goal.id, f"Goal '{goal.name}' is owned by a team that does not exist."))
        if goal.deadline and project_start and goal.deadline < project_start:
            add(
                Problem(
                    ERROR,
                    "goals",
                    goal.id,
                    f"Goal '{goal.name}' is due on {goal.deadline}, before the project starts on {project_start}.",
                )
            )
        problems.extend(Problem(ERROR, "goals", goal.id, m) for m in checkin_problems(goal, project_start))
    # Graphs (and networkx) only where there are links: the window validates its first plan before it shows.
    goal_circles = circles(goal_parent_graph(plan)) if any(g.parent for g in plan.goals.values()) else []
    for _, cycle in goal_circles:
        names = " → ".join(plan.goals[g].name for g in cycle)
        add(Problem(ERROR, "goals", cycle[0], f"Goals sit under each other in a circle: {names}."))

    for team in plan.teams.values():
        if team.headcount < 0:
            add(Problem(ERROR, "teams", team.id, f"Team '{team.name}' has a negative headcount."))
        if team.capacity < 0:
            add(Problem(ERROR, "teams", team.id, f"Team '{team.name}' has a negative capacity."))
        if team.color and not COLOR.fullmatch(team.color):
            add(Problem(WARNING, "teams", team.id, f"Team '{team.name}' has a colour that is not #RRGGBB."))
        for off in team.days_off:
            if off.end < off.start:
                add(
                    Problem(
                        ERROR,
                        "teams",
                        team.id,
                        f"Team '{team.name}' has days off that end on {off.end}, before they start on {off.start}.",
                    )
                )

    for key, level in plan.team_skills.items():
        team, skill = plan.teams.get(key[0]), plan.skills.get(key[1])
        if team is None or skill is None:
            add(Problem(ERROR, "team_skills", key, "A skill level refers to a team or skill that does not exist."))
            continue
        if not 0 <= level.level <= MAX_LEVEL:
            add(
                Problem(
                    ERROR,
                    "team_skills",
                    key,
                    f"{team.name}'s level in '{skill.name}' is {level.level}; levels go from 0 to {MAX_LEVEL}.",
                )
            )
        if level.people < 0:
            add(Problem(ERROR, "team_skills", key, f"{team.name} has a negative number of people with '{skill.name}'."))

    waited_for = {before for before, _ in plan.dependencies}
    for initiative in plan.initiatives.values():
        name = initiative.name
        if initiative.owner is not None and initiative.owner not in plan.teams:
            add(Problem(ERROR, "initiatives", initiative.id, f"'{name}' is owned by a team that does not exist."))
        if initiative.status not in STATUSES:
            add(Problem(ERROR, "initiatives", initiative.id, f"'{name}' has an unknown status '{initiative.status}'."))
        if initiative.duration < 0:
            add(Problem(ERROR, "initiatives", initiative.id, f"'{name}' has a negative duration."))
        if initiative.effort is not None and initiative.effort < 0:
            add(Problem(ERROR, "initiatives", initiative.id, f"'{name}' has a negative effort."))
        if any(g not in plan.goals for g in initiative.goals):
            add(Problem(ERROR, "initiatives", initiative.id, f"'{name}' serves a goal that does not exist."))
        for need in initiative.skills:
            if need.skill not in plan.skills:
                add(Problem(ERROR, "initiatives", initiative.id, f"'{name}' requires a skill that does not exist."))
            elif not 1 <= need.level <= MAX_LEVEL:
                add(
                    Problem(
                        ERROR,
                        "initiatives",
                        initiative.id,
                        f"'{name}' requires '{plan.skills[need.skill].name}' at level {need.level}; "
                        f"required levels go from 1 to {MAX_LEVEL}.",
                    )
                )
        for role in initiative.raci:
            if role.team not in plan.teams:
                add(
                    Problem(
                        ERROR, "initiatives", initiative.id, f"'{name}' gives a role to a team that does not exist."
                    )
                )
            elif role.role not in RACI_ROLES:
                add(Problem(ERROR, "initiatives", initiative.id, f"'{name}' has an unknown RACI role '{role.role}'."))
        problems.extend(Problem(ERROR, "initiatives", initiative.id, m) for m in progress_problems(initiative))
        if initiative.gate is not None:
            problems.extend(
                Problem(ERROR, "initiatives", initiative.id, m) for m in gate_problems(plan, initiative, waited_for)
            )
        if not initiative.goals and not initiative.dropped:
            add(Problem(WARNING, "initiatives", initiative.id, f"'{name}' serves no goal."))
        if initiative.owner is None:
            add(Problem(WARNING, "initiatives", initiative.id, f"'{name}' has no owner team."))

    for key, dependency in plan.dependencies.items():
        before, after = plan.initiatives.get(dependency.before), plan.initiatives.get(dependency.after)
        if before is None or after is None:
            add(Problem(ERROR, "dependencies", key, "A dependency refers to an initiative that does not exist."))
        elif dependency.before == dependency.after:
            add(Problem(ERROR, "dependencies", key, f"'{before.name}' depends on itself."))
        elif dependency.lag < 0:
            add(
                Problem(
                    WARNING, "dependencies", key, f"The lag between '{before.name}' and '{after.name}' is negative."
                )
            )
    if dependency_cycles is None and plan.dependencies:
        dependency_cycles = [cycle for _, cycle in circles(dependency_graph(plan))]
    for cycle in dependency_cycles or []:
        names = " → ".join(plan.initiatives[i].name for i in cycle + [cycle[0]])
        add(Problem(ERROR, "initiatives", cycle[0], f"These initiatives wait for each other in a circle: {names}."))

    for handoff in plan.handoffs.values():
        source, target = plan.teams.get(handoff.from_team), plan.teams.get(handoff.to_team)
        what = f"The hand-off '{handoff.what}'" if handoff.what else "A hand-off"
        if source is None or target is None:
            add(Problem(ERROR, "handoffs", handoff.id, f"{what} involves a team that does not exist."))
        elif handoff.from_team == handoff.to_team:
            add(Problem(ERROR, "handoffs", handoff.id, f"{what} goes from {source.name} to itself."))
        if handoff.initiative is not None and handoff.initiative not in plan.initiatives:
            add(Problem(ERROR, "handoffs", handoff.id, f"{what} belongs to an initiative that does not exist."))

    for relation in plan.relations.values():
        a, b = plan.teams.get(relation.a), plan.teams.get(relation.b)
        if a is None or b is None:
            add(Problem(ERROR, "relations", relation.id, "A team relation involves a team that does not exist."))
        elif relation.a == relation.b:
            add(Problem(ERROR, "relations", relation.id, f"{a.name} is declared in a relation with itself."))
        if relation.mode not in RELATION_MODES:
            add(
                Problem(
                    ERROR,
                    "relations",
                    relation.id,
                    f"A team relation has the unknown mode '{relation.mode[:40]}' "
                    "(collaboration, x-as-a-service or facilitating).",
                )
            )

    problems.sort(key=lambda p: p.severity != ERROR)
    return problems


def checkin_problems(goal, project_start) -> list[str]:
    """What is wrong with a goal's check-ins: dates before the project starts, two on one date."""
    found, seen = [], set()
    for checkin in goal.checkins:
        if project_start and checkin.date < project_start:
            found.append(
                f"Goal '{goal.name}' has a check-in on {checkin.date}, before the project starts on {project_start}."
            )
        if checkin.date in seen:
            found.append(f"Goal '{goal.name}' has more than one check-in on {checkin.date}.")
        seen.add(checkin.date)
    return found


def progress_problems(initiative) -> list[str]:
    """What is wrong with an initiative's progress and actual dates."""
    name, found = initiative.name, []
    if not 0 <= initiative.progress <= 100:
        found.append(f"'{name}' is {initiative.progress}% done; progress goes from 0 to 100.")
    start, finish = initiative.actual_start, initiative.actual_finish
    if start and finish and finish < start:
        found.append(f"'{name}' actually finished on {finish}, before it actually started on {start}.")
    return found


def gate_problems(plan: Plan, initiative, waited_for: set) -> list[str]:
    """What is wrong with a pilot's gate: an unknown goal or decision, no decision date, nothing waiting for it."""
    name, gate, found = initiative.name, initiative.gate, []
    if gate.goal is not None and gate.goal not in plan.goals:
        found.append(f"The gate of '{name}' measures a goal that does not exist.")
    if gate.decision not in GATE_DECISIONS:
        found.append(f"The gate of '{name}' has the unknown decision '{gate.decision[:40]}' (pending, go or no-go).")
    if gate.decide_by is None:
        found.append(f"The gate of '{name}' has no date by which to decide.")
    if initiative.id not in waited_for:
        found.append(f"'{name}' has a gate, but no initiative depends on it: nothing waits for the decision.")
    return found
