"""Skill gaps: required skill levels that none of the teams doing an initiative's work reaches."""

from __future__ import annotations

from collections import defaultdict

from domain.analysis.results import SkillGap
from domain.entities import SkillId, TeamId
from domain.plan import Plan


def doing_teams(plan: Plan, initiative) -> tuple[TeamId, ...]:
    """The teams doing an initiative's work: its owner, then every team Responsible in it."""
    teams = [initiative.owner] + [r.team for r in initiative.raci if r.role == "R"]
    return tuple(dict.fromkeys(t for t in teams if t in plan.teams))


def skill_gaps(plan: Plan, critical: set) -> tuple[SkillGap, ...]:
    """Every gap, in plan order; a team with no level recorded has level 0.

    `critical` holds the initiatives whose delay would move the project finish.
    Dropped initiatives and needs for unknown skills (a validation error) give no gap.
    """
    gaps = []
    for initiative in plan.active_initiatives():
        if not initiative.skills:
            continue
        teams = doing_teams(plan, initiative)
        for need in initiative.skills:
            if need.skill not in plan.skills:
                continue
            levels = [plan.team_skills[t, need.skill].level for t in teams if (t, need.skill) in plan.team_skills]
            available = max(levels, default=0)
            if available < need.level:
                gaps.append(
                    SkillGap(initiative.id, need.skill, need.level, available, teams, initiative.id in critical)
                )
    return tuple(gaps)


def gaps_by_team(gaps: tuple[SkillGap, ...]) -> dict[TeamId, tuple[SkillGap, ...]]:
    """The gaps each team is involved in (a gap with no team doing the work is under no team)."""
    result = defaultdict(list)
    for gap in gaps:
        for team in gap.teams:
            result[team].append(gap)
    return {team: tuple(found) for team, found in result.items()}


def gaps_by_skill(gaps: tuple[SkillGap, ...]) -> dict[SkillId, tuple[SkillGap, ...]]:
    """The gaps in each skill, skills with the most gaps first."""
    result = defaultdict(list)
    for gap in gaps:
        result[gap.skill].append(gap)
    return {skill: tuple(found) for skill, found in sorted(result.items(), key=lambda item: -len(item[1]))}
