"""Every change to a plan, as an operation that records exactly how to undo it.

The GUI wraps these in undo commands, the CLI and tests call them directly. Each
operation changes the plan in place and returns a `Change`: the label a user sees
("Rename team 'Sales'") and the before/after image of every entity it touched, so
`undo` and `redo` restore the plan exactly, order included.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from domain.entities import (
    RACI_ROLES,
    Dependency,
    Goal,
    GoalId,
    Handoff,
    HandoffId,
    Initiative,
    InitiativeId,
    Project,
    RaciRole,
    Skill,
    SkillId,
    SkillNeed,
    Team,
    TeamId,
    TeamSkill,
    timestamp,
)
from domain.limits import MAX_TEXT_LENGTH
from domain.plan import Plan, locate
from domain.wording import counted

PROJECT = "project"

KIND_NAMES = {
    "goals": ("goal", "goals"),
    "teams": ("team", "teams"),
    "skills": ("skill", "skills"),
    "team_skills": ("skill level", "skill levels"),
    "initiatives": ("initiative", "initiatives"),
    "dependencies": ("dependency", "dependencies"),
    "handoffs": ("hand-off", "hand-offs"),
}


class OperationError(ValueError):
    """An operation that cannot be carried out (unknown id, self-dependency...)."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One entity's state before and after a change (None where it did not exist)."""

    table: str
    key: object
    before: object | None
    after: object | None
    index: int | None = None  # position of a removed entity, to put it back in place


@dataclass(frozen=True, slots=True)
class Change:
    """What one operation did, in the order it did it."""

    label: str
    edits: tuple[Edit, ...]

    @property
    def tables(self) -> frozenset[str]:
        """The kinds of entity this change touched ("teams", "handoffs", "project"...)."""
        return frozenset(edit.table for edit in self.edits)


def undo(plan: Plan, change: Change) -> None:
    """Put the plan back exactly as it was before `change`."""
    for edit in reversed(change.edits):
        _apply(plan, edit.table, edit.key, edit.before, edit.index)


def redo(plan: Plan, change: Change) -> None:
    """Apply `change` again after it was undone."""
    for edit in change.edits:
        _apply(plan, edit.table, edit.key, edit.after, None)


def _apply(plan: Plan, table: str, key, value, index: int | None) -> None:
    if table == PROJECT:
        plan.project = value
        return
    entities = plan.table(table)
    if value is None:
        entities.pop(key, None)
    elif key in entities or index is None or index >= len(entities):
        entities[key] = value
    else:
        items = list(entities.items())
        items.insert(index, (key, value))
        entities.clear()
        entities.update(items)


class _Recorder:
    """Changes a plan and remembers each entity's before-image."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.edits: list[Edit] = []

    def put(self, entity) -> None:
        table, key = locate(entity)
        entities = self.plan.table(table)
        before = entities.get(key)
        if before == entity:
            return
        if before is not None and hasattr(entity, "modified"):
            entity = replace(entity, modified=timestamp())
        entities[key] = entity
        self.edits.append(Edit(table, key, before, entity))

    def remove(self, table: str, key) -> None:
        entities = self.plan.table(table)
        if key not in entities:
            return
        index = list(entities).index(key) if len(entities) > 1 else 0
        before = entities.pop(key)
        self.edits.append(Edit(table, key, before, None, index))

    def set_project(self, project: Project) -> None:
        if project != self.plan.project:
            self.edits.append(Edit(PROJECT, None, self.plan.project, project))
            self.plan.project = project

    def done(self, label: str) -> Change:
        return Change(label, tuple(self.edits))


def _check_fields(kind: type, changes: dict) -> None:
    allowed = {f.name for f in fields(kind)} - {"id", "created", "modified"}
    unknown = set(changes) - allowed
    if unknown:
        raise OperationError(f"{kind.__name__} has no field {', '.join(sorted(unknown))}")
    if any(isinstance(value, str) and len(value) > MAX_TEXT_LENGTH for value in changes.values()):
        raise OperationError(f"a text can have at most {MAX_TEXT_LENGTH:,} characters")


def _get(plan: Plan, table: str, key, what: str):
    if key is None or key not in plan.table(table):
        raise OperationError(f"there is no {what} with id {key!r}")
    return plan.table(table)[key]


def _label(verb: str, kind: str, name: str, changes: dict | None = None) -> str:
    if changes is not None and set(changes) == {"name"}:
        verb = "Rename"
    elif changes is not None:
        verb = "Edit"
    return f"{verb} {kind} '{name}'"


# Project


def set_project(plan: Plan, **changes) -> Change:
    """Change the project's name, description or start date."""
    _check_fields(Project, changes)
    recorder = _Recorder(plan)
    recorder.set_project(replace(plan.project, **changes))
    return recorder.done("Edit project")


# Goals


def _check_goal_refs(plan: Plan, goal: Goal) -> None:
    if goal.owner is not None:
        _get(plan, "teams", goal.owner, "team")
    if goal.parent is not None:
        _get(plan, "goals", goal.parent, "goal")
        ancestor = goal.parent
        while ancestor is not None:
            if ancestor == goal.id:
                raise OperationError(f"goal '{goal.name}' cannot be placed under its own sub-goal")
            ancestor = plan.goals[ancestor].parent if ancestor in plan.goals else None


def add_goal(plan: Plan, goal: Goal) -> Change:
    """Add a goal (or an objective under a parent goal)."""
    if goal.id in plan.goals:
        raise OperationError(f"a goal with id {goal.id!r} already exists")
    _check_goal_refs(plan, goal)
    recorder = _Recorder(plan)
    recorder.put(goal)
    return recorder.done(f"Add goal '{goal.name}'")


def update_goal(plan: Plan, goal_id: GoalId, **changes) -> Change:
    """Change a goal's fields; moving it under its own sub-goal is refused."""
    _check_fields(Goal, changes)
    goal = _get(plan, "goals", goal_id, "goal")
    updated = replace(goal, **changes)
    _check_goal_refs(plan, updated)
    recorder = _Recorder(plan)
    recorder.put(updated)
    return recorder.done(_label("Edit", "goal", goal.name, changes))


def delete_goal(plan: Plan, goal_id: GoalId) -> Change:
    """Delete a goal: its sub-goals move up to its parent and initiatives stop serving it."""
    goal = _get(plan, "goals", goal_id, "goal")
    recorder = _Recorder(plan)
    for child in [g for g in plan.goals.values() if g.parent == goal_id]:
        recorder.put(replace(child, parent=goal.parent))
    for initiative in [i for i in plan.initiatives.values() if goal_id in i.goals]:
        recorder.put(replace(initiative, goals=tuple(g for g in initiative.goals if g != goal_id)))
    recorder.remove("goals", goal_id)
    return recorder.done(f"Delete goal '{goal.name}'")


# Teams


def add_team(plan: Plan, team: Team) -> Change:
    """Add a team."""
    if team.id in plan.teams:
        raise OperationError(f"a team with id {team.id!r} already exists")
    recorder = _Recorder(plan)
    recorder.put(team)
    return recorder.done(f"Add team '{team.name}'")


def update_team(plan: Plan, team_id: TeamId, **changes) -> Change:
    """Change a team's name, lead, headcount, capacity or colour."""
    _check_fields(Team, changes)
    team = _get(plan, "teams", team_id, "team")
    recorder = _Recorder(plan)
    recorder.put(replace(team, **changes))
    return recorder.done(_label("Edit", "team", team.name, changes))


def delete_team(plan: Plan, team_id: TeamId) -> Change:
    """Delete a team with its skill levels, RACI roles and hand-offs.

    Its initiatives and goals stay, without an owner: initiatives are never deleted silently.
    """
    team = _get(plan, "teams", team_id, "team")
    recorder = _Recorder(plan)
    for key in [k for k in plan.team_skills if k[0] == team_id]:
        recorder.remove("team_skills", key)
    for initiative in list(plan.initiatives.values()):
        raci = tuple(r for r in initiative.raci if r.team != team_id)
        owner = None if initiative.owner == team_id else initiative.owner
        if raci != initiative.raci or owner != initiative.owner:
            recorder.put(replace(initiative, raci=raci, owner=owner))
    for goal in [g for g in plan.goals.values() if g.owner == team_id]:
        recorder.put(replace(goal, owner=None))
    for handoff in [h for h in plan.handoffs.values() if team_id in (h.from_team, h.to_team)]:
        recorder.remove("handoffs", handoff.id)
    recorder.remove("teams", team_id)
    return recorder.done(f"Delete team '{team.name}'")


# Skills


def add_skill(plan: Plan, skill: Skill) -> Change:
    """Add a skill."""
    if skill.id in plan.skills:
        raise OperationError(f"a skill with id {skill.id!r} already exists")
    recorder = _Recorder(plan)
    recorder.put(skill)
    return recorder.done(f"Add skill '{skill.name}'")


def update_skill(plan: Plan, skill_id: SkillId, **changes) -> Change:
    """Change a skill's name, category or description."""
    _check_fields(Skill, changes)
    skill = _get(plan, "skills", skill_id, "skill")
    recorder = _Recorder(plan)
    recorder.put(replace(skill, **changes))
    return recorder.done(_label("Edit", "skill", skill.name, changes))


def delete_skill(plan: Plan, skill_id: SkillId) -> Change:
    """Delete a skill, the teams' levels in it and the initiatives' need for it."""
    skill = _get(plan, "skills", skill_id, "skill")
    recorder = _Recorder(plan)
    for key in [k for k in plan.team_skills if k[1] == skill_id]:
        recorder.remove("team_skills", key)
    for initiative in [i for i in plan.initiatives.values() if any(n.skill == skill_id for n in i.skills)]:
        recorder.put(replace(initiative, skills=tuple(n for n in initiative.skills if n.skill != skill_id)))
    recorder.remove("skills", skill_id)
    return recorder.done(f"Delete skill '{skill.name}'")


def set_team_skill(
    plan: Plan, team_id: TeamId, skill_id: SkillId, *, level: int, people: int | None = None
) -> Change:
    """Set a team's level (0-4) in a skill, and optionally how many of its people have it."""
    team = _get(plan, "teams", team_id, "team")
    skill = _get(plan, "skills", skill_id, "skill")
    current = plan.team_skills.get((team_id, skill_id))
    if people is None:
        people = current.people if current else 0
    recorder = _Recorder(plan)
    recorder.put(TeamSkill(team=team_id, skill=skill_id, level=level, people=people))
    return recorder.done(f"Set {team.name}'s level in '{skill.name}' to {level}")


def remove_team_skill(plan: Plan, team_id: TeamId, skill_id: SkillId) -> Change:
    """Forget a team's level in a skill."""
    team = _get(plan, "teams", team_id, "team")
    skill = _get(plan, "skills", skill_id, "skill")
    recorder = _Recorder(plan)
    recorder.remove("team_skills", (team_id, skill_id))
    return recorder.done(f"Clear {team.name}'s level in '{skill.name}'")


# Initiatives


def _check_initiative_refs(plan: Plan, initiative: Initiative) -> None:
    if initiative.owner is not None:
        _get(plan, "teams", initiative.owner, "team")
    for goal_id in initiative.goals:
        _get(plan, "goals", goal_id, "goal")
    for need in initiative.skills:
        _get(plan, "skills", need.skill, "skill")
    for role in initiative.raci:
        _get(plan, "teams", role.team, "team")
        if role.role not in RACI_ROLES:
            raise OperationError(f"RACI role must be one of R, A, C, I, not {role.role!r}")


def add_initiative(plan: Plan, initiative: Initiative) -> Change:
    """Add an initiative."""
    if initiative.id in plan.initiatives:
        raise OperationError(f"an initiative with id {initiative.id!r} already exists")
    _check_initiative_refs(plan, initiative)
    recorder = _Recorder(plan)
    recorder.put(initiative)
    return recorder.done(f"Add initiative '{initiative.name}'")


def update_initiative(plan: Plan, initiative_id: InitiativeId, **changes) -> Change:
    """Change an initiative's fields (goals, skills and RACI roles included)."""
    _check_fields(Initiative, changes)
    initiative = _get(plan, "initiatives", initiative_id, "initiative")
    updated = replace(initiative, **changes)
    _check_initiative_refs(plan, updated)
    recorder = _Recorder(plan)
    recorder.put(updated)
    return recorder.done(_label("Edit", "initiative", initiative.name, changes))


def delete_initiative(plan: Plan, initiative_id: InitiativeId) -> Change:
    """Delete an initiative and its dependencies; its hand-offs stay, detached from it."""
    initiative = _get(plan, "initiatives", initiative_id, "initiative")
    recorder = _Recorder(plan)
    for key in [k for k in plan.dependencies if initiative_id in k]:
        recorder.remove("dependencies", key)
    for handoff in [h for h in plan.handoffs.values() if h.initiative == initiative_id]:
        recorder.put(replace(handoff, initiative=None))
    recorder.remove("initiatives", initiative_id)
    return recorder.done(f"Delete initiative '{initiative.name}'")


def link_goal(plan: Plan, initiative_id: InitiativeId, goal_id: GoalId) -> Change:
    """Make an initiative serve a goal."""
    initiative = _get(plan, "initiatives", initiative_id, "initiative")
    goal = _get(plan, "goals", goal_id, "goal")
    recorder = _Recorder(plan)
    if goal_id not in initiative.goals:
        recorder.put(replace(initiative, goals=initiative.goals + (goal_id,)))
    return recorder.done(f"Link '{initiative.name}' to goal '{goal.name}'")


def unlink_goal(plan: Plan, initiative_id: InitiativeId, goal_id: GoalId) -> Change:
    """Stop an initiative serving a goal."""
    initiative = _get(plan, "initiatives", initiative_id, "initiative")
    goal = _get(plan, "goals", goal_id, "goal")
    recorder = _Recorder(plan)
    recorder.put(replace(initiative, goals=tuple(g for g in initiative.goals if g != goal_id)))
    return recorder.done(f"Unlink '{initiative.name}' from goal '{goal.name}'")


def set_raci(plan: Plan, initiative_id: InitiativeId, team_id: TeamId, role: str) -> Change:
    """Give a team a RACI role (R, A, C or I) in an initiative, replacing any role it had."""
    initiative = _get(plan, "initiatives", initiative_id, "initiative")
    team = _get(plan, "teams", team_id, "team")
    if role not in RACI_ROLES:
        raise OperationError(f"RACI role must be one of R, A, C, I, not {role!r}")
    raci = [r for r in initiative.raci if r.team != team_id]
    position = next((n for n, r in enumerate(initiative.raci) if r.team == team_id), len(raci))
    raci.insert(position, RaciRole(team_id, role))
    recorder = _Recorder(plan)
    recorder.put(replace(initiative, raci=tuple(raci)))
    return recorder.done(f"Make {team.name} '{role}' in '{initiative.name}'")


def unset_raci(plan: Plan, initiative_id: InitiativeId, team_id: TeamId) -> Change:
    """Remove a team's RACI role in an initiative."""
    initiative = _get(plan, "initiatives", initiative_id, "initiative")
    team = _get(plan, "teams", team_id, "team")
    recorder = _Recorder(plan)
    recorder.put(replace(initiative, raci=tuple(r for r in initiative.raci if r.team != team_id)))
    return recorder.done(f"Remove {team.name}'s role in '{initiative.name}'")


def require_skill(plan: Plan, initiative_id: InitiativeId, skill_id: SkillId, level: int) -> Change:
    """Require a skill at a level (1-4) for an initiative, replacing any earlier level."""
    initiative = _get(plan, "initiatives", initiative_id, "initiative")
    skill = _get(plan, "skills", skill_id, "skill")
    needs = [n for n in initiative.skills if n.skill != skill_id]
    position = next((n for n, s in enumerate(initiative.skills) if s.skill == skill_id), len(needs))
    needs.insert(position, SkillNeed(skill_id, level))
    recorder = _Recorder(plan)
    recorder.put(replace(initiative, skills=tuple(needs)))
    return recorder.done(f"Require '{skill.name}' at level {level} for '{initiative.name}'")


def unrequire_skill(plan: Plan, initiative_id: InitiativeId, skill_id: SkillId) -> Change:
    """Stop requiring a skill for an initiative."""
    initiative = _get(plan, "initiatives", initiative_id, "initiative")
    skill = _get(plan, "skills", skill_id, "skill")
    recorder = _Recorder(plan)
    recorder.put(replace(initiative, skills=tuple(n for n in initiative.skills if n.skill != skill_id)))
    return recorder.done(f"Drop '{skill.name}' from '{initiative.name}'")


# Dependencies


def add_dependency(plan: Plan, before: InitiativeId, after: InitiativeId, lag: int = 0) -> Change:
    """Make `after` wait for `before` (plus `lag` working days). Cycles are allowed in a draft
    and reported by validation; an initiative waiting for itself is refused."""
    first = _get(plan, "initiatives", before, "initiative")
    second = _get(plan, "initiatives", after, "initiative")
    if before == after:
        raise OperationError(f"'{first.name}' cannot depend on itself")
    if (before, after) in plan.dependencies:
        raise OperationError(f"'{second.name}' already depends on '{first.name}'")
    recorder = _Recorder(plan)
    recorder.put(Dependency(before=before, after=after, lag=lag))
    return recorder.done(f"Make '{second.name}' wait for '{first.name}'")


def update_dependency(plan: Plan, before: InitiativeId, after: InitiativeId, *, lag: int) -> Change:
    """Change the lag of a dependency."""
    dependency = _get(plan, "dependencies", (before, after), "dependency")
    recorder = _Recorder(plan)
    recorder.put(replace(dependency, lag=lag))
    return recorder.done(f"Set lag after '{plan.initiatives[before].name}' to {counted(lag, 'day')}")


def remove_dependency(plan: Plan, before: InitiativeId, after: InitiativeId) -> Change:
    """Remove a dependency."""
    _get(plan, "dependencies", (before, after), "dependency")
    recorder = _Recorder(plan)
    recorder.remove("dependencies", (before, after))
    names = [plan.initiatives[i].name for i in (after, before)]
    return recorder.done("Stop '{}' waiting for '{}'".format(*names))


# Hand-offs


def _check_handoff_refs(plan: Plan, handoff: Handoff) -> None:
    _get(plan, "teams", handoff.from_team, "team")
    _get(plan, "teams", handoff.to_team, "team")
    if handoff.initiative is not None:
        _get(plan, "initiatives", handoff.initiative, "initiative")


def _handoff_label(plan: Plan, verb: str, handoff: Handoff) -> str:
    return f"{verb} hand-off '{handoff.what}' from {plan.teams[handoff.from_team].name} to {plan.teams[handoff.to_team].name}"


def add_handoff(plan: Plan, handoff: Handoff) -> Change:
    """Add a hand-off between two teams."""
    if handoff.id in plan.handoffs:
        raise OperationError(f"a hand-off with id {handoff.id!r} already exists")
    _check_handoff_refs(plan, handoff)
    recorder = _Recorder(plan)
    recorder.put(handoff)
    return recorder.done(_handoff_label(plan, "Add", handoff))


def update_handoff(plan: Plan, handoff_id: HandoffId, **changes) -> Change:
    """Change a hand-off's teams, initiative, what is handed over or due date."""
    _check_fields(Handoff, changes)
    handoff = _get(plan, "handoffs", handoff_id, "hand-off")
    updated = replace(handoff, **changes)
    _check_handoff_refs(plan, updated)
    recorder = _Recorder(plan)
    recorder.put(updated)
    return recorder.done(_handoff_label(plan, "Edit", handoff))


def delete_handoff(plan: Plan, handoff_id: HandoffId) -> Change:
    """Delete a hand-off."""
    handoff = _get(plan, "handoffs", handoff_id, "hand-off")
    label = _handoff_label(plan, "Delete", handoff) if handoff.from_team in plan.teams and handoff.to_team in plan.teams else "Delete hand-off"
    recorder = _Recorder(plan)
    recorder.remove("handoffs", handoff_id)
    return recorder.done(label)


# Consequences


def consequences(change: Change) -> list[str]:
    """Sentences saying what a change does besides its main edit, to confirm a delete.

    >>> from domain.plan import Plan
    >>> plan = Plan()
    >>> sales = Team(name="Sales")
    >>> _ = add_team(plan, sales)
    >>> _ = add_initiative(plan, Initiative(name="Pilot", owner=sales.id))
    >>> consequences(delete_team(plan.copy(), sales.id))
    ['1 initiative will have no owner team']
    """
    removed: dict[str, int] = {}
    changed: dict[str, int] = {}
    for edit in change.edits[:-1]:
        counts = removed if edit.after is None else changed
        counts[edit.table] = counts.get(edit.table, 0) + 1
    sentences = []
    for table, count in removed.items():
        singular, plural = KIND_NAMES[table]
        sentences.append(f"{counted(count, singular, plural)} will be removed")
    main = change.edits[-1].table if change.edits else None
    for table, count in changed.items():
        singular, plural = KIND_NAMES[table]
        what = {
            ("teams", "initiatives"): "will have no owner team or lose a role",
            ("teams", "goals"): "will have no owner team",
            ("goals", "goals"): "will move up to the parent goal",
            ("goals", "initiatives"): "will no longer serve this goal",
            ("skills", "initiatives"): "will no longer require this skill",
            ("initiatives", "handoffs"): "will no longer belong to an initiative",
        }.get((main, table), "will change")
        if (main, table) == ("teams", "initiatives"):
            what = "will have no owner team" if _all_lose_owner(change) else what
        sentences.append(f"{counted(count, singular, plural)} {what}")
    return sentences


def _all_lose_owner(change: Change) -> bool:
    return all(
        e.before.owner is not None and e.after.owner is None
        for e in change.edits
        if e.table == "initiatives" and e.after is not None
    )
