"""Team load: each initiative's effort, spread over its working days, against team capacity per ISO week.

Effort is in person-days (an initiative without one takes duration x 1 person) and falls on the owner
team; capacity is the team's person-days per week. Dropped initiatives and those without an owner add no load.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from domain.analysis.results import WeekLoad
from domain.analysis.schedule import Timeline, iso_week
from domain.entities import TeamId
from domain.plan import Plan


def team_load(plan: Plan, timeline: Timeline) -> dict[TeamId, tuple[WeekLoad, ...]]:
    """Every team's load per ISO week it has work in, weeks in order (an empty tuple for a team with none)."""
    weekly: dict[TeamId, dict[int, float]] = {team: defaultdict(float) for team in plan.teams}
    for initiative in plan.active_initiatives():
        if initiative.owner not in weekly:
            continue
        effort = initiative.effort if initiative.effort is not None else max(initiative.duration, 0)
        if effort <= 0:
            continue
        first = timeline.earliest[initiative.id]
        last = timeline.finish_of(initiative.id)
        per_day = effort / (last - first + 1)
        weeks = weekly[initiative.owner]
        for week in range(first // 5, last // 5 + 1):
            days = min(last, week * 5 + 4) - max(first, week * 5) + 1
            weeks[week] += per_day * days
    labels = {week: iso_week(week * 5) for week in {week for weeks in weekly.values() for week in weeks}}
    result = {}
    for team_id, weeks in weekly.items():
        capacity = plan.teams[team_id].capacity
        result[team_id] = tuple(
            WeekLoad(team_id, labels[week], load, capacity)
            for week, load in sorted(weeks.items())
        )
    return result


def overloaded_stretches(weeks: Iterable[WeekLoad]) -> list[tuple[WeekLoad, ...]]:
    """A team's overloaded weeks grouped into stretches of consecutive calendar weeks.

    A week within capacity ends a stretch, and so does a week with no work at all: overload in W01 and W03
    is two stretches, whatever W02 held.
    """
    stretches: list[list[WeekLoad]] = []
    follows = None  # the Monday after the last overloaded week
    for week in weeks:
        if not week.overloaded:
            continue
        monday = _monday(week.week)
        if monday == follows:
            stretches[-1].append(week)
        else:
            stretches.append([week])
        follows = monday + timedelta(days=7)
    return [tuple(stretch) for stretch in stretches]


def _monday(week: str) -> date:
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)
