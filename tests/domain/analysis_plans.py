"""Small hand-made plans for the analysis tests."""

from __future__ import annotations

from datetime import date

from domain.entities import Dependency, Goal, Handoff, Initiative, Project, RaciRole, Skill, SkillNeed, Team, TeamSkill
from domain.plan import Plan

MONDAY = date(2027, 1, 4)


def plan_with(*entities, start: date | None = MONDAY) -> Plan:
    """A plan starting on `start` holding the given entities, in order."""
    plan = Plan(project=Project(name="Test", start=start))
    for entity in entities:
        plan.add(entity)
    return plan


def initiative(name: str, duration: int = 5, **fields) -> Initiative:
    """An initiative whose id is its name, so tests read like the plan."""
    return Initiative(id=name, name=name, duration=duration, **fields)


def team(name: str, **fields) -> Team:
    return Team(id=name, name=name, **fields)


def goal(name: str, **fields) -> Goal:
    return Goal(id=name, name=name, **fields)


def skill(name: str) -> Skill:
    return Skill(id=name, name=name)


def wait(before: str, after: str, lag: int = 0) -> Dependency:
    return Dependency(before=before, after=after, lag=lag)


def level(team_id: str, skill_id: str, value: int) -> TeamSkill:
    return TeamSkill(team=team_id, skill=skill_id, level=value)


def handoff(name: str, source: str, target: str, **fields) -> Handoff:
    return Handoff(id=name, from_team=source, to_team=target, what=name, **fields)


__all__ = [
    "MONDAY",
    "RaciRole",
    "SkillNeed",
    "goal",
    "handoff",
    "initiative",
    "level",
    "plan_with",
    "skill",
    "team",
    "wait",
]
