"""Team load: each initiative's effort, spread over its working days, against team capacity per ISO week.

Effort is in person-days (an initiative without one takes duration x 1 person) and falls on the owner
team; capacity is the team's person-days in a full working week, and a week with fewer working days for
that team (public holidays, closed dates, the team's own days off) has that share of it. Dropped
initiatives and those without an owner add no load.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from domain.analysis.results import WeekLoad
from domain.analysis.schedule import Timeline
from domain.calendar import Calendar
from domain.entities import DayOff, TeamId
from domain.plan import Plan


def team_load(plan: Plan, timeline: Timeline) -> dict[TeamId, tuple[WeekLoad, ...]]:
    """Every team's load per ISO week it has work in, weeks in order (an empty tuple for a team with none)."""
    calendar = timeline.calendar
    labels: dict[int, str] = {}  # working day number -> its ISO week, each looked up once
    weekly: dict[TeamId, dict[str, float]] = {team: defaultdict(float) for team in plan.teams}
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
        for number in range(first, last + 1):
            if number not in labels:
                labels[number] = calendar.iso_week(number)
            weeks[labels[number]] += per_day
    working: dict[str, int] = {}  # ISO week -> the plan's working days in it
    result = {}
    for team_id, weeks in weekly.items():
        team = plan.teams[team_id]
        days_off = _merged(team.days_off)
        loads = []
        for week, load in sorted(weeks.items()):
            monday = _monday(week)
            if week not in working:
                working[week] = calendar.working_days_in(monday, monday + timedelta(days=6))
            available = working[week] - _days_off_in(calendar, days_off, monday)
            capacity = team.capacity
            if available != calendar.days_per_week:
                capacity = capacity * max(available, 0) / calendar.days_per_week
            loads.append(WeekLoad(team_id, week, load, capacity))
        result[team_id] = tuple(loads)
    return result


def _merged(days_off: tuple[DayOff, ...]) -> list[tuple[date, date]]:
    """A team's days off as separate stretches, overlaps joined, so no day counts twice (backwards ones left out)."""
    stretches: list[list[date]] = []
    for start, end in sorted((d.start, d.end) for d in days_off if d.start <= d.end):
        if stretches and start <= stretches[-1][1] + timedelta(days=1):
            stretches[-1][1] = max(stretches[-1][1], end)
        else:
            stretches.append([start, end])
    return [(start, end) for start, end in stretches]


def _days_off_in(calendar: Calendar, days_off: list[tuple[date, date]], monday: date) -> int:
    """The plan's working days in the week from `monday` that a team has off."""
    sunday = monday + timedelta(days=6)
    return sum(
        calendar.working_days_in(max(start, monday), min(end, sunday))
        for start, end in days_off
        if start <= sunday and end >= monday
    )


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
