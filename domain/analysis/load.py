"""Team load: each initiative's effort, spread over its working days, against team capacity per ISO week.

Effort is in person-days (an initiative without one takes duration x 1 person) and falls on the owner
team; capacity is the team's person-days in a full working week, and a week with fewer working days for
that team (public holidays, closed dates, the team's own days off) has that share of it. Dropped
initiatives and those without an owner add no load.
"""

from __future__ import annotations

from bisect import bisect_right
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
    work = []
    for initiative in plan.active_initiatives():
        if initiative.owner not in plan.teams:
            continue
        effort = initiative.effort if initiative.effort is not None else max(initiative.duration, 0)
        if effort > 0:
            work.append((initiative.owner, effort, timeline.earliest[initiative.id], timeline.finish_of(initiative.id)))
    weeks = _weeks(calendar, min((w[2] for w in work), default=0), max((w[3] for w in work), default=-1))
    starts = [week[0] for week in weeks]
    weekly: dict[TeamId, dict[int, float]] = {team: defaultdict(float) for team in plan.teams}
    for team, effort, first, last in work:
        per_day = effort / (last - first + 1)
        loads = weekly[team]
        week = bisect_right(starts, first) - 1
        while week < len(weeks) and weeks[week][0] <= last:
            begins, ends, _, _ = weeks[week]
            loads[week] += per_day * (min(last, ends - 1) - max(first, begins) + 1)
            week += 1
    result = {}
    for team_id, loads in weekly.items():
        team = plan.teams[team_id]
        days_off = _merged(team.days_off)
        found = []
        for week, load in sorted(loads.items()):
            begins, ends, label, monday = weeks[week]
            available = ends - begins - (_days_off_in(calendar, days_off, monday) if days_off else 0)
            capacity = team.capacity
            if available != calendar.days_per_week:
                capacity = capacity * max(available, 0) / calendar.days_per_week
            found.append(WeekLoad(team_id, label, load, capacity))
        result[team_id] = tuple(found)
    return result


def _weeks(calendar: Calendar, first: int, last: int) -> list[tuple[int, int, str, date]]:
    """The ISO weeks holding working days `first` to `last`: (first working day, the one after its last, label, Monday)."""
    weeks = []
    if first > last:
        return weeks
    day = calendar.working_date(first)
    monday = day - timedelta(days=day.weekday())
    begins = calendar.working_day(monday)
    while begins <= last:
        following = monday + timedelta(days=7)
        ends = calendar.working_day(following)
        if ends > begins:
            year, number, _ = monday.isocalendar()
            weeks.append((begins, ends, f"{year}-W{number:02d}", monday))
        monday, begins = following, ends
    return weeks


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
