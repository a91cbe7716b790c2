"""What the printed plan's sections print, gathered once from the plan and its analysis (no layout here).

Sections and handouts lay these lines out; a name, a date or a team's share of the work is looked up
here once, however many tables and handouts print it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from domain.analysis.results import Analysis
from domain.plan import Plan

NO_TEAM = "(no team)"


@dataclass(frozen=True, slots=True)
class GoalLine:
    """A goal as the goal tables print it."""

    id: str
    name: str
    metric: str  # with its unit; empty when the goal has none
    baseline: float | None
    target: float | None
    deadline: date | None
    owner: str | None  # team id
    work_ends: date | None  # the last finish of the work serving it or a goal under it
    late: bool
    initiatives: tuple[str, ...]  # the initiatives serving it directly


@dataclass(frozen=True, slots=True)
class WorkLine:
    """An initiative as the tables print it: its owner and, when scheduled, its planned dates."""

    id: str
    name: str
    owner: str | None  # team id
    owner_name: str
    status: str
    start: date | None = None
    finish: date | None = None
    slack: int | None = None
    critical: bool = False


@dataclass
class TeamWork:
    """A team's part in other teams' work, for its handout."""

    roles: list[tuple[WorkLine, str]] = field(default_factory=list)  # other teams' initiatives and its role
    gaps: list = field(default_factory=list)  # skill gaps in work it does
    waits_on: list = field(default_factory=list)  # dependencies on other teams' work
    awaited_by: list = field(default_factory=list)  # other teams' work waiting on this team


@dataclass
class Content:
    goals: dict[str, GoalLine]
    work: dict[str, WorkLine]
    owned: dict[str | None, list[str]]  # initiative ids by owning team id (None: no owner), in plan order
    teams: defaultdict[str, TeamWork]
    roles: dict[str, dict[str, str]]  # each initiative's RACI cells by team id: "R", "O" (owner), "O/A"...


def team_name(plan: Plan, team_id) -> str:
    """A team's name, or a stand-in when the initiative or goal has none."""
    team = plan.teams.get(team_id)
    return team.name if team else NO_TEAM


def gather(plan: Plan, analysis: Analysis) -> Content:
    """Every line the sections print, built once."""
    goals = {}
    for goal in plan.goals.values():
        alignment = analysis.goals.get(goal.id)
        goals[goal.id] = GoalLine(
            goal.id,
            goal.name,
            goal.metric + (f" ({goal.unit})" if goal.unit else ""),
            goal.baseline,
            goal.target,
            goal.deadline,
            goal.owner,
            alignment.last_finish if alignment else None,
            alignment is not None and alignment.late,
            alignment.initiatives if alignment else (),
        )
    work, owned = {}, {team: [] for team in plan.teams}
    for initiative in plan.initiatives.values():
        scheduled = analysis.schedule.get(initiative.id)
        dates = (scheduled.start, scheduled.finish, scheduled.slack, scheduled.critical) if scheduled else ()
        owner = initiative.owner
        work[initiative.id] = WorkLine(
            initiative.id, initiative.name, owner, team_name(plan, owner), initiative.status, *dates
        )
        owned.setdefault(initiative.owner if initiative.owner in plan.teams else None, []).append(initiative.id)
    teams: defaultdict[str, TeamWork] = defaultdict(TeamWork)
    roles = {}
    for initiative in plan.initiatives.values():
        for role in initiative.raci:
            if role.team != initiative.owner:
                teams[role.team].roles.append((work[initiative.id], role.role))
        cells = {r.team: r.role for r in initiative.raci if r.team in plan.teams}
        if initiative.owner in plan.teams:
            cells[initiative.owner] = "O" + (f"/{cells[initiative.owner]}" if initiative.owner in cells else "")
        roles[initiative.id] = cells
    for gap in analysis.skill_gaps:
        for team in gap.teams:
            teams[team].gaps.append(gap)
    for dependency in plan.dependencies.values():
        before, after = plan.initiatives.get(dependency.before), plan.initiatives.get(dependency.after)
        if before and after and before.owner != after.owner:
            teams[after.owner].waits_on.append(dependency)
            teams[before.owner].awaited_by.append(dependency)
    return Content(goals, work, owned, teams, roles)
