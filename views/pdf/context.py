"""What every section of the printed plan needs: the plan, its analysis, the options and the page sizes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from domain.analysis.results import Analysis
from domain.plan import Plan
from views.pdf.content import Content, gather, team_name


@dataclass
class Context:
    """The plan being printed, with look-ups shared by the sections."""

    plan: Plan
    analysis: Analysis
    printed: date
    file_name: str
    portrait: tuple[float, float]  # frame width and height, in points
    landscape: tuple[float, float]

    def team(self, team_id) -> str:
        """A team's name, or a stand-in when the initiative or goal has none."""
        return team_name(self.plan, team_id)

    def initiative(self, initiative_id) -> str:
        initiative = self.plan.initiatives.get(initiative_id)
        return initiative.name if initiative else "(deleted initiative)"

    def skill(self, skill_id) -> str:
        skill = self.plan.skills.get(skill_id)
        return skill.name if skill else "(deleted skill)"

    def goal(self, goal_id) -> str:
        goal = self.plan.goals.get(goal_id)
        return goal.name if goal else "(deleted goal)"

    @cached_property
    def content(self) -> Content:
        """What the sections print, gathered once."""
        return gather(self.plan, self.analysis)
