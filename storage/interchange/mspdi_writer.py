"""MS Project XML (MSPDI) out: goals as summary tasks, initiatives as tasks with the schedule Tutti computed,
in a file MS Project, ProjectLibre and GanttProject open."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

from domain.entities import Goal, Initiative
from domain.plan import Plan
from storage.files import write_atomically
from storage.interchange.mspdi import ASAP, DAY_FORMAT, FS, MINUTES_PER_DAY, NS, SNET


def export_mspdi(plan: Plan, path: str | Path) -> None:
    """The plan as MS Project XML: goals as summary tasks, initiatives as tasks with Tutti's dates."""
    write_atomically(path, mspdi_bytes(plan))


def mspdi_bytes(plan: Plan) -> bytes:
    from domain.analysis.schedule import schedule

    timeline = schedule(plan)
    working_date = timeline.calendar.working_date
    dates = timeline.scheduled()
    element = ElementTree.Element
    sub = ElementTree.SubElement
    root = element("Project", xmlns=NS)
    start = working_date(timeline.start)
    finish = working_date(timeline.finish) if timeline.finish is not None else start
    for name, value in (
        ("SaveVersion", "14"), ("Name", plan.project.name), ("Title", plan.project.name),
        ("ScheduleFromStart", "1"), ("StartDate", f"{start}T08:00:00"), ("FinishDate", f"{finish}T17:00:00"),
        ("CalendarUID", "1"), ("DefaultStartTime", "08:00:00"), ("DefaultFinishTime", "17:00:00"),
        ("MinutesPerDay", str(MINUTES_PER_DAY)), ("MinutesPerWeek", str(5 * MINUTES_PER_DAY)),
        ("DaysPerMonth", "20"), ("DurationFormat", str(DAY_FORMAT)),
    ):  # fmt: skip
        sub(root, name).text = _xml_text(value)
    _standard_calendar(sub(root, "Calendars"), timeline.calendar, start, finish)

    tasks = sub(root, "Tasks")
    uid = {}
    rows = _outline(plan)
    for number, (entity, level, outline) in enumerate(rows, start=1):
        uid[entity.id] = number
    waits_for = _links(plan)
    for entity, level, outline in rows:
        task = sub(tasks, "Task")
        number = uid[entity.id]
        is_goal = isinstance(entity, Goal)
        fields = [("UID", number), ("ID", number), ("Name", entity.name), ("Type", 1), ("IsNull", 0),
                  ("OutlineNumber", outline), ("OutlineLevel", level)]  # fmt: skip
        if is_goal:
            first, last = _goal_span(timeline, entity, rows, dates)
            fields += [("Start", f"{first}T08:00:00"), ("Finish", f"{last}T17:00:00"),
                       ("Duration", _duration(timeline.calendar.working_days_in(first, last))), ("DurationFormat", DAY_FORMAT),
                       ("Milestone", 0), ("Summary", 1), ("Critical", 0), ("ConstraintType", ASAP)]  # fmt: skip
        else:
            scheduled = dates[entity.id]
            duration = 0 if entity.dropped else max(entity.duration, 0)
            begin, end = _task_times(duration, bool(waits_for.get(entity.id)), scheduled)
            fields += [("Start", begin), ("Finish", end), ("Duration", _duration(duration)),
                       ("DurationFormat", DAY_FORMAT), ("Milestone", int(duration == 0)), ("Summary", 0),
                       ("Critical", int(scheduled.critical))]  # fmt: skip
            if entity.start is not None:
                fields += [("ConstraintType", SNET), ("ConstraintDate", f"{entity.start}T08:00:00")]
            else:
                fields += [("ConstraintType", ASAP)]
        if entity.description:
            fields.append(("Notes", entity.description))
        for name, value in fields:
            sub(task, name).text = _xml_text(value)
        if not is_goal:
            for before, lag in waits_for.get(entity.id, ()):
                link = sub(task, "PredecessorLink")
                for name, value in (("PredecessorUID", uid[before]), ("Type", FS), ("CrossProject", 0),
                                    ("LinkLag", lag * MINUTES_PER_DAY * 10), ("LagFormat", DAY_FORMAT)):  # fmt: skip
                    sub(link, name).text = str(value)

    resources = sub(root, "Resources")
    team_uid = {}
    for number, team in enumerate(plan.teams.values(), start=1):
        team_uid[team.id] = number
        resource = sub(resources, "Resource")
        for name, value in (("UID", number), ("ID", number), ("Name", team.name), ("Type", 1), ("IsNull", 0),
                            ("MaxUnits", max(team.headcount, 1))):  # fmt: skip
            sub(resource, name).text = _xml_text(value)
    assignments = sub(root, "Assignments")
    count = 0
    for initiative in plan.initiatives.values():
        if initiative.dropped:
            continue
        teams = ([initiative.owner] if initiative.owner else []) + [
            r.team for r in initiative.raci if r.role == "R" and r.team != initiative.owner
        ]
        for team in teams:
            count += 1
            assignment = sub(assignments, "Assignment")
            for name, value in (("UID", count), ("TaskUID", uid[initiative.id]), ("ResourceUID", team_uid[team]),
                                ("Units", 1)):  # fmt: skip
                sub(assignment, name).text = str(value)
    ElementTree.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ElementTree.tostring(root, encoding="utf-8")


def _xml_text(value) -> str:
    """Text XML 1.0 can carry: characters it forbids (most control characters) become spaces."""
    text = str(value)
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", " ", text)


def _duration(days: int) -> str:
    return f"PT{days * MINUTES_PER_DAY // 60}H0M0S"


def _task_times(duration: int, waits: bool, scheduled) -> tuple[str, str]:
    """Start and finish as MS Project shows them: work from 8:00 to 17:00; a milestone after work at 17:00."""
    if duration:
        return f"{scheduled.start}T08:00:00", f"{scheduled.finish}T17:00:00"
    moment = f"{scheduled.start}T17:00:00" if waits else f"{scheduled.start}T08:00:00"
    return moment, moment


def _outline(plan: Plan) -> list[tuple[object, int, str]]:
    """Goals as a tree of summary tasks, each initiative under its first goal; the rest at the top level.
    Dropped initiatives are left out: they take no time, and links through them pass to what they waited for.

    Rows of (goal or initiative, outline level, outline number), in the order MS Project lists them."""
    from domain.goal_tree import goal_tree

    under: dict = {}
    for initiative in plan.active_initiatives():
        goal = next((g for g in initiative.goals if g in plan.goals), None)
        under.setdefault(goal, []).append(initiative)
    counts: dict = {}
    outline_of = {None: ""}

    def number(parent) -> str:
        counts[parent] = counts.get(parent, 0) + 1
        prefix = outline_of[parent]
        return f"{prefix}.{counts[parent]}" if prefix else str(counts[parent])

    rows = []
    for goal, depth in goal_tree(plan).walk():
        outline_of[goal] = number(plan.goals[goal].parent if depth else None)
        rows.append((plan.goals[goal], depth + 1, outline_of[goal]))
        rows.extend((initiative, depth + 2, number(goal)) for initiative in under.get(goal, ()))
    rows.extend((initiative, 1, number(None)) for initiative in under.get(None, ()))
    return rows


def _goal_span(timeline, goal: Goal, rows, dates) -> tuple[date, date]:
    """The first start and last finish of the work under a goal's summary task."""
    index = next(n for n, row in enumerate(rows) if row[0] is goal)
    level = rows[index][1]
    starts, finishes = [], []
    for entity, depth, _ in rows[index + 1 :]:
        if depth <= level:
            break
        if isinstance(entity, Initiative):
            starts.append(dates[entity.id].start)
            finishes.append(dates[entity.id].finish)
    if not starts:
        day = timeline.calendar.working_date(timeline.start)
        return day, day
    return min(starts), max(finishes)


def _links(plan: Plan) -> dict:
    """Each initiative's predecessors with lags, passing through dropped initiatives as Tutti's schedule does."""
    before: dict = {}
    for dependency in plan.dependencies.values():
        before.setdefault(dependency.after, []).append((dependency.before, dependency.lag))

    def live(initiative, lag: int, seen: frozenset) -> list[tuple[object, int]]:
        if not plan.initiatives[initiative].dropped:
            return [(initiative, lag)]
        if initiative in seen:
            return []
        return [
            found
            for earlier, more in before.get(initiative, ())
            for found in live(earlier, lag + more, seen | {initiative})
        ]

    result = {}
    for initiative, predecessors in before.items():
        if plan.initiatives[initiative].dropped:
            continue
        merged: dict = {}
        for earlier, lag in predecessors:
            for found, total in live(earlier, lag, frozenset()):
                merged[found] = max(merged.get(found, total), total)
        result[initiative] = [(found, lag) for found, lag in merged.items() if found != initiative]
    return result


def _standard_calendar(calendars, plan_calendar, first: date, last: date) -> None:
    """The plan's working week, and each day off on a workday from `first` to `last` (a public holiday, a
    closure) as a non-working exception, so MS Project counts the same working days as Tutti."""
    sub = ElementTree.SubElement
    calendar = sub(calendars, "Calendar")
    for name, value in (("UID", 1), ("Name", "Standard"), ("IsBaseCalendar", 1), ("BaseCalendarUID", -1)):
        sub(calendar, name).text = str(value)
    week = sub(calendar, "WeekDays")
    workdays = plan_calendar.settings.workdays
    for day_type in range(1, 8):  # Sunday first
        working = (day_type - 2) % 7 in workdays
        day = sub(week, "WeekDay")
        sub(day, "DayType").text = str(day_type)
        sub(day, "DayWorking").text = str(int(working))
        if working:
            times = sub(day, "WorkingTimes")
            for begin, end in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
                period = sub(times, "WorkingTime")
                sub(period, "FromTime").text = begin
                sub(period, "ToTime").text = end
    days_off = []
    day = first
    while day <= last:
        if day.weekday() in workdays and not plan_calendar.is_working(day):
            days_off.append(day)
        day += timedelta(days=1)
    if days_off:
        exceptions = sub(calendar, "Exceptions")
        for day in days_off:
            exception = sub(exceptions, "Exception")
            sub(exception, "EnteredByOccurrences").text = "0"
            period = sub(exception, "TimePeriod")
            sub(period, "FromDate").text = f"{day}T00:00:00"
            sub(period, "ToDate").text = f"{day}T23:59:00"
            sub(exception, "Occurrences").text = "1"
            sub(exception, "Name").text = "Day off"
            sub(exception, "Type").text = "1"
            sub(exception, "DayWorking").text = "0"
