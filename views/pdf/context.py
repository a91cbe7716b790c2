"""What every section of the printed plan needs: the plan, its analysis, the options and the page sizes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from domain import wording
from domain.analysis.results import Analysis
from domain.plan import Plan

NO_TEAM = "(no team)"


@dataclass
class Context:
    """The plan being printed, with look-ups shared by the sections."""

    plan: Plan
    analysis: Analysis
    printed: date
    file_name: str
    portrait: tuple[float, float]  # frame width and height, in points
    landscape: tuple[float, float]
    _owned: dict | None = field(default=None, repr=False)

    def team(self, team_id) -> str:
        """A team's name, or a stand-in when the initiative or goal has none."""
        team = self.plan.teams.get(team_id)
        return team.name if team else NO_TEAM

    def initiative(self, initiative_id) -> str:
        initiative = self.plan.initiatives.get(initiative_id)
        return initiative.name if initiative else "(deleted initiative)"

    def skill(self, skill_id) -> str:
        skill = self.plan.skills.get(skill_id)
        return skill.name if skill else "(deleted skill)"

    def goal(self, goal_id) -> str:
        goal = self.plan.goals.get(goal_id)
        return goal.name if goal else "(deleted goal)"

    def owned(self) -> dict:
        """Initiative ids by owning team id (None for no owner), in plan order."""
        if self._owned is None:
            self._owned = {team: [] for team in self.plan.teams}
            for initiative in self.plan.initiatives.values():
                self._owned.setdefault(initiative.owner if initiative.owner in self.plan.teams else None, []).append(
                    initiative.id
                )
        return self._owned


def day(value: date | None) -> str:
    """A date as printed in tables."""
    return wording.day(value)


def long_day(value: date | None) -> str:
    """A date as printed in prose: 25 November 2026."""
    return f"{value.day} {value:%B %Y}" if value else "not set"


def number(value: float | None) -> str:
    """A number without a needless .0."""
    if value is None:
        return "—"
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.3g}"
