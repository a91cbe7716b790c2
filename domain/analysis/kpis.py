"""Goals as measured: each goal's latest check-in, trend and forecast at its deadline, and whether it is on track.

The forecast is the least-squares straight line through a goal's check-ins (dates counted in days), read at the
deadline. A goal is on track when the forecast reaches the target in the target's direction (target above the
baseline: forecast >= target; below: <=), off track otherwise, and unknown with fewer than two check-ins on
different dates, or without a target or a deadline. With no baseline, the first check-in gives the direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from domain.entities import CheckIn, Goal, GoalId
from domain.plan import Plan


@dataclass(frozen=True, slots=True)
class Kpi:
    """How one goal is measured so far; `sub_goals_on_track` of its `sub_goals` (direct ones) are on track, of the
    `sub_goals_measured` whose check-ins say whether they are."""

    latest: CheckIn | None
    trend_per_week: float | None
    forecast: float | None
    on_track: bool | None
    sub_goals_on_track: int = 0
    sub_goals: int = 0
    sub_goals_measured: int = 0


def line(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The least-squares line (slope, value at x = 0) through points (x, y); None unless two x differ.

    >>> line([(0, 1), (7, 2), (14, 6)])
    (0.35714285714285715, 0.5)
    """
    count = len(points)
    if count < 2:
        return None
    mean_x = sum(x for x, _ in points) / count
    mean_y = sum(y for _, y in points) / count
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope, mean_y - slope * mean_x


def rising(goal: Goal) -> bool:
    """True when the goal's target lies above where it started (its baseline, else its first check-in)."""
    start = goal.baseline if goal.baseline is not None else goal.checkins[0].value if goal.checkins else None
    return start is None or goal.target is None or goal.target >= start


def reaches(goal: Goal, value: float, mark: float) -> bool:
    """True when `value` reaches `mark` in the direction the goal moves."""
    return value >= mark - 1e-9 if rising(goal) else value <= mark + 1e-9


def measure(goal: Goal) -> Kpi:
    """One goal's KPI, leaving its sub-goals to `kpis`."""
    if not goal.checkins:
        return Kpi(None, None, None, None)
    latest = max(goal.checkins, key=lambda c: c.date)
    first = goal.checkins[0].date
    fitted = line([((c.date - first).days, c.value) for c in goal.checkins])
    if fitted is None:
        return Kpi(latest, None, None, None)
    slope, intercept = fitted
    forecast = None if goal.deadline is None else intercept + slope * (goal.deadline - first).days
    if not all(math.isfinite(value) for value in (slope, intercept, forecast or 0.0)):
        return Kpi(latest, None, None, None)  # values near the largest float: no line can be drawn through them
    on_track = None if forecast is None or goal.target is None else reaches(goal, forecast, goal.target)
    return Kpi(latest, slope * 7, forecast, on_track)


def kpis(plan: Plan) -> dict[GoalId, Kpi]:
    """Every goal's KPI in plan order, with how many of its direct sub-goals are on track."""
    measured = {goal_id: measure(goal) for goal_id, goal in plan.goals.items()}
    children: dict[GoalId, list[GoalId]] = {}
    for goal in plan.goals.values():
        if goal.parent in measured:
            children.setdefault(goal.parent, []).append(goal.id)
    for parent, under in children.items():
        kpi = measured[parent]
        on_track = [measured[c].on_track for c in under]
        measured[parent] = replace(
            kpi,
            sub_goals_on_track=on_track.count(True),
            sub_goals=len(under),
            sub_goals_measured=len(under) - on_track.count(None),
        )
    return measured


def latest_by(goal: Goal, day: date) -> CheckIn | None:
    """The goal's last check-in on or before `day`."""
    return max((c for c in goal.checkins if c.date <= day), key=lambda c: c.date, default=None)
