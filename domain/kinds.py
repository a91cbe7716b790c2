"""Each kind of entity the operations add, update and delete: the references to check, what a delete
takes along, and the label of the change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace

from domain.changes import Recorder
from domain.entities import RACI_ROLES, RELATION_MODES, Goal, Handoff, Initiative, Relation, Skill, Team
from domain.limits import longest_text
from domain.plan import Plan, locate
from domain.wording import KIND_NAMES


class OperationError(ValueError):
    """An operation that cannot be carried out (unknown id, self-dependency...)."""


def check_fields(kind: type, changes: dict) -> None:
    """Refuse a change to a field the entity does not have, or to one no edit may touch (id, timestamps)."""
    allowed = {f.name for f in fields(kind)} - {"id", "created", "modified"}
    unknown = set(changes) - allowed
    if unknown:
        raise OperationError(f"{kind.__name__} has no field {', '.join(sorted(unknown))}")
    check_lengths(changes)


def check_lengths(values: dict) -> None:
    """Refuse text longer than a plan may hold (domain.limits), so that no edit makes a plan that cannot open."""
    for field, value in values.items():
        if isinstance(value, str) and len(value) > longest_text(field):
            raise OperationError(f"a {field} can have at most {longest_text(field):,} characters")


def existing(plan: Plan, table: str, key):
    """The entity `key` in `table`; OperationError when there is none."""
    if key is None or key not in plan.table(table):
        raise OperationError(f"there is no {KIND_NAMES[table][0]} with id {key!r}")
    return plan.table(table)[key]


def _check_goal_refs(plan: Plan, goal: Goal) -> None:
    if goal.owner is not None:
        existing(plan, "teams", goal.owner)
    if goal.parent is not None:
        existing(plan, "goals", goal.parent)
        ancestor = goal.parent
        while ancestor is not None:
            if ancestor == goal.id:
                raise OperationError(f"goal '{goal.name}' cannot be placed under its own sub-goal")
            ancestor = plan.goals[ancestor].parent if ancestor in plan.goals else None


def _check_initiative_refs(plan: Plan, initiative: Initiative) -> None:
    if initiative.owner is not None:
        existing(plan, "teams", initiative.owner)
    for goal_id in initiative.goals:
        existing(plan, "goals", goal_id)
    for need in initiative.skills:
        existing(plan, "skills", need.skill)
    for role in initiative.raci:
        existing(plan, "teams", role.team)
        check_role(role.role)
    if initiative.gate is not None and initiative.gate.goal is not None:
        existing(plan, "goals", initiative.gate.goal)


def check_role(role: str) -> None:
    if role not in RACI_ROLES:
        raise OperationError(f"RACI role must be one of R, A, C, I, not {role!r}")


def _check_handoff_refs(plan: Plan, handoff: Handoff) -> None:
    existing(plan, "teams", handoff.from_team)
    existing(plan, "teams", handoff.to_team)
    if handoff.initiative is not None:
        existing(plan, "initiatives", handoff.initiative)


def _check_relation_refs(plan: Plan, relation: Relation) -> None:
    existing(plan, "teams", relation.a)
    existing(plan, "teams", relation.b)
    if relation.mode not in RELATION_MODES:
        raise OperationError(
            f"a team relation's mode must be one of {', '.join(RELATION_MODES)}, not {relation.mode!r}"
        )


def _no_refs(plan: Plan, entity) -> None:
    """Teams and skills refer to nothing else."""


def _goal_goes(plan: Plan, recorder: Recorder, goal: Goal) -> None:
    for child in [g for g in plan.goals.values() if g.parent == goal.id]:
        recorder.put(replace(child, parent=goal.parent))
    for initiative in [i for i in plan.initiatives.values() if goal.id in i.goals]:
        recorder.put(replace(initiative, goals=tuple(g for g in initiative.goals if g != goal.id)))
    for initiative in [i for i in plan.initiatives.values() if i.gate is not None and i.gate.goal == goal.id]:
        recorder.put(replace(initiative, gate=replace(initiative.gate, goal=None)))


def _team_goes(plan: Plan, recorder: Recorder, team: Team) -> None:
    for key in [k for k in plan.team_skills if k[0] == team.id]:
        recorder.remove("team_skills", key)
    for initiative in list(plan.initiatives.values()):
        raci = tuple(r for r in initiative.raci if r.team != team.id)
        owner = None if initiative.owner == team.id else initiative.owner
        if raci != initiative.raci or owner != initiative.owner:
            recorder.put(replace(initiative, raci=raci, owner=owner))
    for goal in [g for g in plan.goals.values() if g.owner == team.id]:
        recorder.put(replace(goal, owner=None))
    for handoff in [h for h in plan.handoffs.values() if team.id in (h.from_team, h.to_team)]:
        recorder.remove("handoffs", handoff.id)
    for relation in [r for r in plan.relations.values() if team.id in (r.a, r.b)]:
        recorder.remove("relations", relation.id)


def _skill_goes(plan: Plan, recorder: Recorder, skill: Skill) -> None:
    for key in [k for k in plan.team_skills if k[1] == skill.id]:
        recorder.remove("team_skills", key)
    for initiative in [i for i in plan.initiatives.values() if any(n.skill == skill.id for n in i.skills)]:
        recorder.put(replace(initiative, skills=tuple(n for n in initiative.skills if n.skill != skill.id)))


def _initiative_goes(plan: Plan, recorder: Recorder, initiative: Initiative) -> None:
    for key in [k for k in plan.dependencies if initiative.id in k]:
        recorder.remove("dependencies", key)
    for handoff in [h for h in plan.handoffs.values() if h.initiative == initiative.id]:
        recorder.put(replace(handoff, initiative=None))


def _nothing_goes(plan: Plan, recorder: Recorder, entity) -> None:
    """A hand-off or a team relation takes nothing along."""


def _named_label(plan: Plan, verb: str, entity, changes: dict | None) -> str:
    if changes is not None:
        verb = "Rename" if set(changes) == {"name"} else "Edit"
    return f"{verb} {KIND_NAMES[locate(entity)[0]][0]} '{entity.name}'"


def _handoff_label(plan: Plan, verb: str, handoff: Handoff, changes: dict | None) -> str:
    source, target = plan.teams.get(handoff.from_team), plan.teams.get(handoff.to_team)
    if source is None or target is None:
        return f"{verb} hand-off"
    return f"{verb} hand-off '{handoff.what}' from {source.name} to {target.name}"


def _relation_label(plan: Plan, verb: str, relation: Relation, changes: dict | None) -> str:
    a, b = plan.teams.get(relation.a), plan.teams.get(relation.b)
    if a is None or b is None:
        return f"{verb} team relation"
    return f"{verb} relation between {a.name} and {b.name}"


@dataclass(frozen=True)
class Kind:
    """What the shared add/update/delete core needs to know about one kind of entity."""

    type: type
    check: Callable[[Plan, object], None]  # raises OperationError for a reference to nothing
    takes_along: Callable[[Plan, Recorder, object], None]  # the other edits a delete makes first
    label: Callable[[Plan, str, object, dict | None], str]  # (plan, verb, entity before, changes or None)


KINDS = {
    "goals": Kind(Goal, _check_goal_refs, _goal_goes, _named_label),
    "teams": Kind(Team, _no_refs, _team_goes, _named_label),
    "skills": Kind(Skill, _no_refs, _skill_goes, _named_label),
    "initiatives": Kind(Initiative, _check_initiative_refs, _initiative_goes, _named_label),
    "handoffs": Kind(Handoff, _check_handoff_refs, _nothing_goes, _handoff_label),
    "relations": Kind(Relation, _check_relation_refs, _nothing_goes, _relation_label),
}
