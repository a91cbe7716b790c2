"""Every change to a plan, as an operation that records exactly how to undo it.

The GUI wraps these in undo commands, the CLI and tests call them directly. Each
operation changes the plan in place and returns a `Change` (domain/changes.py): the label a
user sees ("Rename team 'Sales'") and the before/after image of every entity it touched, so
`undo` and `redo` restore the plan exactly, order included. Goals, teams, skills,
initiatives and hand-offs share one add/update/delete core; what differs by kind (the
references to check, what a delete takes along, the label) is listed in `KINDS`.
"""

from __future__ import annotations

from dataclasses import fields, replace

# The change record, undo/redo, consequences, the kinds' names and OperationError are reached through here too.
from domain.changes import PROJECT, Change, Edit, Recorder, consequences, redo, undo  # noqa: F401
from domain.entities import (
    GATE_DECISIONS,
    Baseline,
    CheckIn,
    Dependency,
    Goal,
    GoalId,
    Handoff,
    HandoffId,
    Initiative,
    InitiativeId,
    Project,
    RaciRole,
    Relation,
    RelationId,
    Skill,
    SkillId,
    SkillNeed,
    Team,
    TeamId,
    TeamSkill,
)
from domain.kinds import KINDS, OperationError, check_fields, check_lengths, check_role, existing
from domain.plan import Plan
from domain.wording import KIND_NAMES, a, counted

# The shared core


def _add(plan: Plan, table: str, entity) -> Change:
    kind = KINDS[table]
    if entity.id in plan.table(table):
        raise OperationError(f"{a(KIND_NAMES[table][0])} with id {entity.id!r} already exists")
    check_lengths({f.name: getattr(entity, f.name) for f in fields(entity)})
    kind.check(plan, entity)
    recorder = Recorder(plan)
    recorder.put(entity)
    return recorder.done(kind.label(plan, "Add", entity, None))


def _update(plan: Plan, table: str, key, changes: dict) -> Change:
    kind = KINDS[table]
    check_fields(kind.type, changes)
    entity = existing(plan, table, key)
    updated = replace(entity, **changes)
    kind.check(plan, updated)
    recorder = Recorder(plan)
    recorder.put(updated)
    return recorder.done(kind.label(plan, "Edit", entity, changes))


def _delete(plan: Plan, table: str, key) -> Change:
    kind = KINDS[table]
    entity = existing(plan, table, key)
    label = kind.label(plan, "Delete", entity, None)
    recorder = Recorder(plan)
    kind.takes_along(plan, recorder, entity)
    recorder.remove(table, key)
    return recorder.done(label)


def _edit_initiative(plan: Plan, initiative_id: InitiativeId, label: str, **changes) -> Change:
    """One change to an initiative's links (goals, RACI roles, skills), recorded under `label`."""
    recorder = Recorder(plan)
    recorder.put(replace(plan.initiatives[initiative_id], **changes))
    return recorder.done(label)


# Project


def set_project(plan: Plan, **changes) -> Change:
    """Change the project's name, description, start date or calendar."""
    check_fields(Project, changes)
    recorder = Recorder(plan)
    recorder.set_project(replace(plan.project, **changes))
    return recorder.done("Edit project")


def set_baseline(plan: Plan, baseline: Baseline) -> Change:
    """Keep a baseline (the schedule's finishes as they stand) after the ones already kept."""
    check_lengths({"name": baseline.name})
    recorder = Recorder(plan)
    recorder.set_project(replace(plan.project, baselines=(*plan.project.baselines, baseline)))
    return recorder.done(f"Set baseline '{baseline.name}'")


# Goals, teams, skills, initiatives, hand-offs, team relations


def add_goal(plan: Plan, goal: Goal) -> Change:
    """Add a goal (or an objective under a parent goal)."""
    return _add(plan, "goals", goal)


def update_goal(plan: Plan, goal_id: GoalId, **changes) -> Change:
    """Change a goal's fields; moving it under its own sub-goal is refused."""
    return _update(plan, "goals", goal_id, changes)


def delete_goal(plan: Plan, goal_id: GoalId) -> Change:
    """Delete a goal: its sub-goals move up to its parent and initiatives stop serving it."""
    return _delete(plan, "goals", goal_id)


def put_checkin(plan: Plan, goal_id: GoalId, checkin: CheckIn, replacing: CheckIn | None = None) -> Change:
    """Record a goal's check-in, or change the one it `replaces`; check-ins stay in date order."""
    goal = existing(plan, "goals", goal_id)
    check_lengths({"note": checkin.note})
    kept = [c for c in goal.checkins if c != replacing]
    if replacing is not None and len(kept) == len(goal.checkins):
        raise OperationError(f"goal '{goal.name}' has no check-in on {replacing.date}")
    checkins = tuple(sorted([*kept, checkin], key=lambda c: c.date))
    recorder = Recorder(plan)
    recorder.put(replace(goal, checkins=checkins))
    verb = "Record" if replacing is None else "Edit"
    return recorder.done(f"{verb} check-in of '{goal.name}' on {checkin.date}")


def delete_checkin(plan: Plan, goal_id: GoalId, checkin: CheckIn) -> Change:
    """Delete one of a goal's check-ins."""
    goal = existing(plan, "goals", goal_id)
    if checkin not in goal.checkins:
        raise OperationError(f"goal '{goal.name}' has no check-in on {checkin.date}")
    recorder = Recorder(plan)
    recorder.put(replace(goal, checkins=tuple(c for c in goal.checkins if c != checkin)))
    return recorder.done(f"Delete check-in of '{goal.name}' on {checkin.date}")


def decide_gate(plan: Plan, initiative_id: InitiativeId, *, decision: str, decided, by: str, note: str) -> Change:
    """Record the go/no-go decision of a pilot's gate, who took it, when and why, in one step."""
    initiative = existing(plan, "initiatives", initiative_id)
    if initiative.gate is None:
        raise OperationError(f"'{initiative.name}' has no gate to decide")
    if decision not in GATE_DECISIONS:
        raise OperationError(f"a gate's decision must be one of {', '.join(GATE_DECISIONS)}, not {decision!r}")
    check_lengths({"by": by, "note": note})
    gate = replace(initiative.gate, decision=decision, decided=decided, by=by, note=note)
    return _edit_initiative(plan, initiative_id, f"Decide {decision} for '{initiative.name}'", gate=gate)


def add_team(plan: Plan, team: Team) -> Change:
    """Add a team."""
    return _add(plan, "teams", team)


def update_team(plan: Plan, team_id: TeamId, **changes) -> Change:
    """Change a team's name, lead, headcount, capacity or colour."""
    return _update(plan, "teams", team_id, changes)


def delete_team(plan: Plan, team_id: TeamId) -> Change:
    """Delete a team with its skill levels, RACI roles and hand-offs.

    Its initiatives and goals stay, without an owner: initiatives are never deleted silently.
    """
    return _delete(plan, "teams", team_id)


def add_skill(plan: Plan, skill: Skill) -> Change:
    """Add a skill."""
    return _add(plan, "skills", skill)


def update_skill(plan: Plan, skill_id: SkillId, **changes) -> Change:
    """Change a skill's name, category or description."""
    return _update(plan, "skills", skill_id, changes)


def delete_skill(plan: Plan, skill_id: SkillId) -> Change:
    """Delete a skill, the teams' levels in it and the initiatives' need for it."""
    return _delete(plan, "skills", skill_id)


def add_initiative(plan: Plan, initiative: Initiative) -> Change:
    """Add an initiative."""
    return _add(plan, "initiatives", initiative)


def update_initiative(plan: Plan, initiative_id: InitiativeId, **changes) -> Change:
    """Change an initiative's fields (goals, skills and RACI roles included)."""
    return _update(plan, "initiatives", initiative_id, changes)


def delete_initiative(plan: Plan, initiative_id: InitiativeId) -> Change:
    """Delete an initiative and its dependencies; its hand-offs stay, detached from it."""
    return _delete(plan, "initiatives", initiative_id)


def add_handoff(plan: Plan, handoff: Handoff) -> Change:
    """Add a hand-off between two teams."""
    return _add(plan, "handoffs", handoff)


def update_handoff(plan: Plan, handoff_id: HandoffId, **changes) -> Change:
    """Change a hand-off's teams, initiative, what is handed over or due date."""
    return _update(plan, "handoffs", handoff_id, changes)


def delete_handoff(plan: Plan, handoff_id: HandoffId) -> Change:
    """Delete a hand-off."""
    return _delete(plan, "handoffs", handoff_id)


def add_relation(plan: Plan, relation: Relation) -> Change:
    """Declare how two teams work together (collaboration, x-as-a-service or facilitating)."""
    return _add(plan, "relations", relation)


def update_relation(plan: Plan, relation_id: RelationId, **changes) -> Change:
    """Change a team relation's teams, mode or end date."""
    return _update(plan, "relations", relation_id, changes)


def delete_relation(plan: Plan, relation_id: RelationId) -> Change:
    """Delete a team relation."""
    return _delete(plan, "relations", relation_id)


# Skill levels


def set_team_skill(plan: Plan, team_id: TeamId, skill_id: SkillId, *, level: int, people: int | None = None) -> Change:
    """Set a team's level (0-4) in a skill, and optionally how many of its people have it."""
    team, skill = existing(plan, "teams", team_id), existing(plan, "skills", skill_id)
    current = plan.team_skills.get((team_id, skill_id))
    if people is None:
        people = current.people if current else 0
    recorder = Recorder(plan)
    recorder.put(TeamSkill(team=team_id, skill=skill_id, level=level, people=people))
    return recorder.done(f"Set {team.name}'s level in '{skill.name}' to {level}")


def remove_team_skill(plan: Plan, team_id: TeamId, skill_id: SkillId) -> Change:
    """Forget a team's level in a skill."""
    team, skill = existing(plan, "teams", team_id), existing(plan, "skills", skill_id)
    recorder = Recorder(plan)
    recorder.remove("team_skills", (team_id, skill_id))
    return recorder.done(f"Clear {team.name}'s level in '{skill.name}'")


# An initiative's links


def link_goal(plan: Plan, initiative_id: InitiativeId, goal_id: GoalId) -> Change:
    """Make an initiative serve a goal."""
    initiative, goal = existing(plan, "initiatives", initiative_id), existing(plan, "goals", goal_id)
    goals = initiative.goals if goal_id in initiative.goals else initiative.goals + (goal_id,)
    return _edit_initiative(plan, initiative_id, f"Link '{initiative.name}' to goal '{goal.name}'", goals=goals)


def unlink_goal(plan: Plan, initiative_id: InitiativeId, goal_id: GoalId) -> Change:
    """Stop an initiative serving a goal."""
    initiative, goal = existing(plan, "initiatives", initiative_id), existing(plan, "goals", goal_id)
    goals = tuple(g for g in initiative.goals if g != goal_id)
    return _edit_initiative(plan, initiative_id, f"Unlink '{initiative.name}' from goal '{goal.name}'", goals=goals)


def set_raci(plan: Plan, initiative_id: InitiativeId, team_id: TeamId, role: str) -> Change:
    """Give a team a RACI role (R, A, C or I) in an initiative, replacing any role it had."""
    initiative, team = existing(plan, "initiatives", initiative_id), existing(plan, "teams", team_id)
    check_role(role)
    raci = [r for r in initiative.raci if r.team != team_id]
    position = next((n for n, r in enumerate(initiative.raci) if r.team == team_id), len(raci))
    raci.insert(position, RaciRole(team_id, role))
    return _edit_initiative(plan, initiative_id, f"Make {team.name} '{role}' in '{initiative.name}'", raci=tuple(raci))


def unset_raci(plan: Plan, initiative_id: InitiativeId, team_id: TeamId) -> Change:
    """Remove a team's RACI role in an initiative."""
    initiative, team = existing(plan, "initiatives", initiative_id), existing(plan, "teams", team_id)
    raci = tuple(r for r in initiative.raci if r.team != team_id)
    return _edit_initiative(plan, initiative_id, f"Remove {team.name}'s role in '{initiative.name}'", raci=raci)


def require_skill(plan: Plan, initiative_id: InitiativeId, skill_id: SkillId, level: int) -> Change:
    """Require a skill at a level (1-4) for an initiative, replacing any earlier level."""
    initiative, skill = existing(plan, "initiatives", initiative_id), existing(plan, "skills", skill_id)
    needs = [n for n in initiative.skills if n.skill != skill_id]
    position = next((n for n, s in enumerate(initiative.skills) if s.skill == skill_id), len(needs))
    needs.insert(position, SkillNeed(skill_id, level))
    label = f"Require '{skill.name}' at level {level} for '{initiative.name}'"
    return _edit_initiative(plan, initiative_id, label, skills=tuple(needs))


def unrequire_skill(plan: Plan, initiative_id: InitiativeId, skill_id: SkillId) -> Change:
    """Stop requiring a skill for an initiative."""
    initiative, skill = existing(plan, "initiatives", initiative_id), existing(plan, "skills", skill_id)
    needs = tuple(n for n in initiative.skills if n.skill != skill_id)
    return _edit_initiative(plan, initiative_id, f"Drop '{skill.name}' from '{initiative.name}'", skills=needs)


# Dependencies


def add_dependency(plan: Plan, before: InitiativeId, after: InitiativeId, lag: int = 0) -> Change:
    """Make `after` wait for `before` (plus `lag` working days). Cycles are allowed in a draft
    and reported by validation; an initiative waiting for itself is refused."""
    first, second = existing(plan, "initiatives", before), existing(plan, "initiatives", after)
    if before == after:
        raise OperationError(f"'{first.name}' cannot depend on itself")
    if (before, after) in plan.dependencies:
        raise OperationError(f"'{second.name}' already depends on '{first.name}'")
    recorder = Recorder(plan)
    recorder.put(Dependency(before=before, after=after, lag=lag))
    return recorder.done(f"Make '{second.name}' wait for '{first.name}'")


def update_dependency(plan: Plan, before: InitiativeId, after: InitiativeId, *, lag: int) -> Change:
    """Change the lag of a dependency."""
    dependency = existing(plan, "dependencies", (before, after))
    recorder = Recorder(plan)
    recorder.put(replace(dependency, lag=lag))
    return recorder.done(f"Set lag after '{plan.initiatives[before].name}' to {counted(lag, 'day')}")


def remove_dependency(plan: Plan, before: InitiativeId, after: InitiativeId) -> Change:
    """Remove a dependency."""
    existing(plan, "dependencies", (before, after))
    recorder = Recorder(plan)
    recorder.remove("dependencies", (before, after))
    names = [plan.initiatives[i].name for i in (after, before)]
    return recorder.done("Stop '{}' waiting for '{}'".format(*names))
