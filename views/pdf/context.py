"""What every section of the printed plan needs: the plan, its analysis, the options and the page sizes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from domain.analysis.results import Analysis
from domain.compare import ADDED, REMOVED, Difference, compare
from domain.history import Revision
from domain.plan import Plan
from views.pdf.content import Content, gather, team_name


@dataclass(frozen=True)
class Since:
    """The plan as saved at an earlier revision of its file: the plan prints what changed since, and the
    handouts mark what is new or changed."""

    plan: Plan
    revision: Revision


@dataclass
class Context:
    """The plan being printed, with look-ups shared by the sections."""

    plan: Plan
    analysis: Analysis
    printed: date
    file_name: str
    portrait: tuple[float, float]  # frame width and height, in points
    landscape: tuple[float, float]
    start: date | None = None  # the window the time charts show (None: from the plan's start)
    end: date | None = None  # (None: to the plan's finish)
    since: Since | None = None  # an earlier revision, whose changes the plan lists and the handouts mark

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

    def span(self) -> tuple[date | None, date | None]:
        """The dates the time charts cover: the plan's span, cut to the chosen window."""
        start, finish = self.analysis.start, self.analysis.finish
        if start is None or finish is None:
            return start, finish
        return max(start, self.start or start), min(finish, self.end or finish)

    @cached_property
    def differences(self) -> list[Difference]:
        """What changed since the earlier revision (none without one)."""
        return compare(self.since.plan, self.plan) if self.since is not None else []

    @cached_property
    def marks(self) -> dict[tuple[str, object], str]:
        """(table, key) -> "new" or "changed" for each entity added or changed since the earlier revision."""
        marks: dict[tuple[str, object], str] = {}
        for difference in self.differences:
            if difference.change == ADDED and difference.field is None:
                marks[difference.kind, difference.id] = "new"
            elif difference.change != REMOVED or difference.field is not None:
                marks.setdefault((difference.kind, difference.id), "changed")
        return marks

    def marked(self, table: str, key, text: str) -> str:
        """`text` with a "[new]" or "[changed]" tag in front when the entity is new or changed since."""
        mark = self.marks.get((table, key))
        return f"[{mark}] {text}" if mark else text

    @cached_property
    def content(self) -> Content:
        """What the sections print, gathered once."""
        return gather(self.plan, self.analysis)
