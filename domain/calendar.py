"""The working-day calendar every date in Tutti is counted on: the schedule, lags, load weeks and printed dates.

Working days are numbered: a day's number is how many working days come before it, counted from an
anchor Monday, so a working day's number is its place in the sequence and a day off takes the number
of the next working day (it "rolls forward"). With no calendar the numbers are Monday-to-Friday weeks
(Monday 0001-01-01 is day 0), as Tutti counted before calendars existed.

Public holidays come from the `holidays` package, year by year as dates are asked for. The years known
always reach from the anchor's year to the plan's, and a year is added only beyond them, so the number of
a day from the anchor on never changes once counted. They count from 1970 to 2100 (HOLIDAY_YEARS).

>>> from domain.entities import WorkCalendar
>>> calendar = Calendar(WorkCalendar(closed=(date(2027, 1, 4),)))
>>> calendar.next_working_day(date(2027, 1, 2))  # Saturday, then the closed Monday
datetime.date(2027, 1, 5)
>>> calendar.add_working_days(date(2027, 1, 1), 1), calendar.working_days_between(date(2027, 1, 1), date(2027, 1, 8))
(datetime.date(2027, 1, 5), 4)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, timedelta
from typing import TYPE_CHECKING

from domain.entities import WEEKDAYS, WorkCalendar

if TYPE_CHECKING:
    from domain.plan import Plan

ORIGIN = date(1, 1, 1)  # a Monday: day numbers count from here
ANCHOR = date(2000, 1, 3)  # holidays before and after this Monday shift numbers only on their own side
HOLIDAY_YEARS_AHEAD = 2  # years of holidays looked up past the last date the plan names, before any are asked for
# Public holidays count in these years only: a plan dated in year 9999 (a typo, a hostile file) must not look up
# eight thousand years of them. Outside, weekdays are worked; within, 130 years take about 40 ms.
HOLIDAY_YEARS = range(1970, 2101)


def supported_countries() -> dict[str, list[str]]:
    """Country codes the holidays package knows, each with its subdivision codes."""
    import holidays  # about 0.25 s: only plans with a country load it

    return dict(holidays.list_supported_countries(include_aliases=False))


def country_names() -> dict[str, str]:
    """Country code -> English name ("DE" -> "Germany"), for the calendar editor's list, sorted by name."""
    from holidays.registry import COUNTRIES

    # registry names are class names: "AlandIslands" reads "Aland Islands"
    names = {entry[1]: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", entry[0]) for entry in COUNTRIES.values()}
    return dict(sorted(((code, names.get(code, code)) for code in supported_countries()), key=lambda item: item[1]))


def calendar_problems(calendar: WorkCalendar) -> list[str]:
    """What is wrong with a calendar, in words: each problem stops the part it concerns from counting."""
    problems = []
    workdays = [d for d in calendar.workdays if 0 <= d <= 6]
    if not workdays:
        problems.append("The calendar has no working weekday: choose at least one day of the week to work on.")
    if len(workdays) != len(calendar.workdays):
        problems.append("The calendar names a weekday that does not exist (weekdays go from 0, Monday, to 6, Sunday).")
    if calendar.country is not None:
        countries = supported_countries()
        if calendar.country not in countries:
            problems.append(f"The calendar's country '{calendar.country[:20]}' is not one Tutti knows the holidays of.")
        elif calendar.subdivision is not None and calendar.subdivision not in countries[calendar.country]:
            problems.append(
                f"'{calendar.subdivision[:20]}' is not a region of {calendar.country} Tutti knows the holidays of."
            )
    elif calendar.subdivision is not None:
        problems.append("The calendar names a region but no country.")
    return problems


def describe_calendar(calendar: WorkCalendar | None) -> str:
    """The calendar in one line, for printed plans: "Monday to Friday, public holidays in Germany, 5 closed days"."""
    if calendar is None:
        return "Monday to Friday, no public holidays"
    days = sorted({d for d in calendar.workdays if 0 <= d <= 6})
    if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        worked = f"{WEEKDAYS[days[0]]} to {WEEKDAYS[days[-1]]}"
    else:
        worked = ", ".join(WEEKDAYS[d] for d in days) or "no weekday"
    parts = [worked]
    if calendar.country:
        region = f" ({calendar.subdivision})" if calendar.subdivision else ""
        country = country_names().get(calendar.country, calendar.country[:20])
        parts.append(f"public holidays in {country}{region}")
    else:
        parts.append("no public holidays")
    if calendar.closed:
        parts.append(f"{len(calendar.closed)} closed day{'s' if len(calendar.closed) != 1 else ''}")
    return ", ".join(parts)


class Calendar:
    """Working days as numbers and back, for one plan's calendar (None: Monday to Friday)."""

    def __init__(self, settings: WorkCalendar | None = None, years: tuple[int, int] | None = None):
        settings = settings or WorkCalendar()
        workdays = sorted({d for d in settings.workdays if 0 <= d <= 6}) or [0, 1, 2, 3, 4]
        self.settings = settings
        self._workdays = workdays
        self.days_per_week = len(workdays)  # a full working week, which a team's weekly capacity is for
        # for each weekday, how many workdays come before it in a week
        self._before = [sum(1 for w in workdays if w < weekday) for weekday in range(7)]
        # an unknown country or region counts no holidays: validation says so in words
        known = settings.country is not None and not calendar_problems(
            WorkCalendar(country=settings.country, subdivision=settings.subdivision)
        )
        self._holidays = (settings.country, settings.subdivision) if known else None
        self._closed = {d for d in settings.closed if d.weekday() in workdays}
        self._off: list[date] = sorted(self._closed)  # days off that fall on workdays, in order
        self._anchored = bisect_left(self._off, ANCHOR)
        self._years: tuple[int, int] | None = None
        if self._holidays is not None:
            first, last = years or (ANCHOR.year, ANCHOR.year)
            # from the anchor's year on, so that a year added later is always beyond the known ones
            self._cover(min(first, ANCHOR.year))
            self._cover(last + HOLIDAY_YEARS_AHEAD)

    # the days off

    def _cover(self, year: int) -> None:
        """Know the holidays of `year` and every year between it and those already known (within HOLIDAY_YEARS)."""
        if self._holidays is None:
            return
        year = min(max(year, HOLIDAY_YEARS.start), HOLIDAY_YEARS.stop - 1)
        if self._years is None:
            wanted = range(year, year + 1)
        elif year < self._years[0]:
            wanted = range(year, self._years[0])
        elif year > self._years[1]:
            wanted = range(self._years[1] + 1, year + 1)
        else:
            return
        import holidays

        country, subdivision = self._holidays
        found = holidays.country_holidays(country, subdiv=subdivision, years=wanted)
        added = {day for day in found if day.weekday() in self._workdays and day not in self._closed}
        self._off = sorted(set(self._off) | added)
        self._anchored = bisect_left(self._off, ANCHOR)
        low, high = (wanted.start, wanted.stop - 1) if self._years is None else self._years
        self._years = (min(low, wanted.start), max(high, wanted.stop - 1))

    def _weekly(self, day: date) -> int:
        """Workdays before `day` counted from ORIGIN, as if no day were off."""
        week, weekday = divmod(day.toordinal() - 1, 7)
        return week * self.days_per_week + self._before[weekday]

    def _from_weekly(self, number: int) -> date:
        week, place = divmod(number, self.days_per_week)
        return date.fromordinal(week * 7 + self._workdays[place] + 1)

    # numbers

    def working_day(self, day: date) -> int:
        """The number of the working day `day` falls on, rolled forward to the next working day when it is none."""
        self._cover(day.year)
        return self._weekly(day) - bisect_left(self._off, day) + self._anchored

    def working_date(self, number: int) -> date:
        """The date of a working day number."""
        day = self._from_weekly(number)
        while True:
            self._cover(day.year)
            found = self.working_day(day)
            if found == number and self.is_working(day):
                return day
            if found < number:
                day = self._from_weekly(self._weekly(day) + number - found)
            elif found > number:
                day = self._from_weekly(self._weekly(day) - (found - number))
            else:  # a day off: the next workday has its number
                day = self._from_weekly(self._weekly(day) + 1)

    # dates

    def is_working(self, day: date) -> bool:
        """True on a workday that is neither a public holiday nor a closed date."""
        if day.weekday() not in self._workdays:
            return False
        self._cover(day.year)
        index = bisect_left(self._off, day)
        return index == len(self._off) or self._off[index] != day

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the next one."""
        return self.working_date(self.working_day(day))

    def add_working_days(self, day: date, count: int) -> date:
        """The working day `count` working days after `day` (rolled forward first)."""
        return self.working_date(self.working_day(day) + count)

    def working_days_between(self, first: date, last: date) -> int:
        """How many working days there are from `first` up to, not including, `last`."""
        return self.working_day(last) - self.working_day(first)

    def working_days_in(self, first: date, last: date) -> int:
        """How many working days there are from `first` to `last`, both included."""
        return max(self.working_days_between(first, last + timedelta(days=1)), 0)


MONDAY_TO_FRIDAY = Calendar()


def plan_calendar(plan: Plan) -> Calendar:
    """The calendar of a plan, with the holidays of the years its dates name looked up at once."""
    settings = plan.project.calendar
    if settings is None:
        return MONDAY_TO_FRIDAY
    days = [d for d in (plan.project.start, *settings.closed) if d is not None]
    days += [i.start for i in plan.initiatives.values() if i.start is not None]
    days += [g.deadline for g in plan.goals.values() if g.deadline is not None]
    years = (min(days).year, max(days).year) if days else None
    return Calendar(settings, years)
