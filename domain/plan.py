"""The plan: the project and every entity in it, keyed by id, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.entities import (
    Dependency,
    Goal,
    GoalId,
    Handoff,
    HandoffId,
    Initiative,
    InitiativeId,
    Project,
    Relation,
    RelationId,
    Skill,
    SkillId,
    Team,
    TeamId,
    TeamSkill,
)

TABLES = ("goals", "teams", "skills", "team_skills", "initiatives", "dependencies", "handoffs", "relations")


@dataclass(eq=True)
class Plan:
    """Everything a .tutti file holds. Dicts keep insertion order, which is the display order.

    Views never mutate a plan; every change goes through `domain.operations`.
    """

    project: Project = field(default_factory=Project)
    goals: dict[GoalId, Goal] = field(default_factory=dict)
    teams: dict[TeamId, Team] = field(default_factory=dict)
    skills: dict[SkillId, Skill] = field(default_factory=dict)
    team_skills: dict[tuple[TeamId, SkillId], TeamSkill] = field(default_factory=dict)
    initiatives: dict[InitiativeId, Initiative] = field(default_factory=dict)
    dependencies: dict[tuple[InitiativeId, InitiativeId], Dependency] = field(default_factory=dict)
    handoffs: dict[HandoffId, Handoff] = field(default_factory=dict)
    relations: dict[RelationId, Relation] = field(default_factory=dict)

    def table(self, name: str) -> dict:
        """The dict holding one kind of entity, by table name."""
        if name not in TABLES:
            raise KeyError(name)
        return getattr(self, name)

    def active_initiatives(self) -> list[Initiative]:
        """The initiatives that still count as work: every one that is not dropped."""
        return [i for i in self.initiatives.values() if not i.dropped]

    def same_as(self, other: Plan) -> bool:
        """True when both plans hold the same entities in the same order."""
        return self.project == other.project and all(
            list(self.table(t).items()) == list(other.table(t).items()) for t in TABLES
        )

    def copy(self) -> Plan:
        """A copy that can be changed without touching this plan (entities are immutable)."""
        return Plan(self.project, *(dict(self.table(t)) for t in TABLES))

    def add(self, entity) -> None:
        """Put an entity in its table (used by loaders; edits go through operations)."""
        table, key = locate(entity)
        self.table(table)[key] = entity


def next_monday(today: date) -> date:
    """The first Monday after `today` (a week later when today is a Monday)."""
    return today + timedelta(days=7 - today.weekday())


def new_plan(today: date | None = None) -> Plan:
    """An empty plan starting on the next Monday, so its schedule lies ahead of the person making it."""
    return Plan(project=Project(start=next_monday(today or date.today())))


def locate(entity) -> tuple[str, object]:
    """The table name and key under which an entity is stored."""
    match entity:
        case Goal():
            return "goals", entity.id
        case Team():
            return "teams", entity.id
        case Skill():
            return "skills", entity.id
        case TeamSkill():
            return "team_skills", entity.key
        case Initiative():
            return "initiatives", entity.id
        case Dependency():
            return "dependencies", entity.key
        case Handoff():
            return "handoffs", entity.id
        case Relation():
            return "relations", entity.id
    raise TypeError(f"not a plan entity: {entity!r}")
