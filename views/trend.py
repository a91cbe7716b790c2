"""A goal's trend as points on a chart, shared by the app and the printed plan: check-ins, baseline, target, forecast.

x runs over days from the first date shown to the last, y over the values shown with a little room; both come out
between 0 and 1 (y upwards), so each view scales them to its own box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from domain.analysis.kpis import line
from domain.entities import Goal

ROOM = 0.08  # of the value range, above and below


@dataclass(frozen=True, slots=True)
class Trend:
    """What a trend chart draws, each point (x, y) in 0..1."""

    checkins: tuple[tuple[float, float], ...]
    baseline: float | None  # y of the baseline, drawn across
    target: tuple[float, float] | None  # the target at the deadline (x 1 when there is no deadline)
    forecast: tuple[tuple[float, float], tuple[float, float]] | None  # from the first check-in to the deadline
    first: date
    last: date


def trend(goal: Goal) -> Trend | None:
    """The goal's trend chart, or None when it has nothing to draw (no check-in)."""
    if not goal.checkins:
        return None
    days = [c.date for c in goal.checkins]
    first, last = min(days), max(days + ([goal.deadline] if goal.deadline else []))
    origin = goal.checkins[0].date
    fitted = line([((c.date - origin).days, c.value) for c in goal.checkins])
    ends = None
    if fitted is not None and goal.deadline is not None:
        slope, at_origin = fitted
        ends = [(d, at_origin + slope * (d - origin).days) for d in (first, goal.deadline)]
    values = [c.value for c in goal.checkins]
    values += [v for v in (goal.baseline, goal.target) if v is not None]
    values += [v for _, v in ends or ()]
    low, high = min(values), max(values)
    spread = (high - low) or abs(high) or 1.0
    if not math.isfinite(spread * (1 + 2 * ROOM)):  # values near the largest float cannot be scaled to a chart
        return None
    low, high = low - ROOM * spread, high + ROOM * spread
    span = max((last - first).days, 1)

    def point(day: date, value: float) -> tuple[float, float]:
        return (day - first).days / span, (value - low) / (high - low)

    return Trend(
        checkins=tuple(point(c.date, c.value) for c in sorted(goal.checkins, key=lambda c: c.date)),
        baseline=None if goal.baseline is None else point(first, goal.baseline)[1],
        target=None if goal.target is None else point(goal.deadline or last, goal.target),
        forecast=None if ends is None else (point(*ends[0]), point(*ends[1])),
        first=first,
        last=last,
    )
