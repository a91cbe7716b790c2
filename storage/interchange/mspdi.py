"""MS Project XML (MSPDI): tasks in as initiatives and goals, Tutti's schedule out as tasks MS Project opens.

Facts from Microsoft's MSPDI reference (mspdi_pj12.xsd): link Type 0=FF, 1=FS, 2=SF, 3=SS; LinkLag is in
tenths of a minute with its unit in LagFormat; durations are ISO 8601 (PT16H0M0S) of working time;
ConstraintType 0=as soon as possible, 4=start no earlier than; DayType 1=Sunday ... 7=Saturday; the
elements of a Task are an ordered sequence. What Tutti cannot represent is listed, item by item.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree

from domain.entities import MAX_NAME_LENGTH, Dependency, Goal, Initiative, Project, RaciRole, Team
from domain.limits import MAX_TEXT_LENGTH
from domain.plan import Plan
from storage.files import FileError, shown, write_atomically

NS = "http://schemas.microsoft.com/project"
Q = "{" + NS + "}"
FF, FS, SF, SS = 0, 1, 2, 3
LINK_TYPES = {FF: "finish-to-finish", SF: "start-to-finish", SS: "start-to-start"}
ASAP, SNET = 0, 4
CONSTRAINTS = {
    1: "as late as possible", 2: "must start on", 3: "must finish on", 5: "start no later than",
    6: "finish no earlier than", 7: "finish no later than",
}  # fmt: skip
ELAPSED = {4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52}  # DurationFormat / LagFormat values counting all time
PERCENT = {19, 20, 51, 52}  # a lag in per cent of the predecessor's duration
DAY_FORMAT = 7
MINUTES_PER_DAY = 480
MAX_TASKS = 60_000
MAX_LINKS_PER_TASK = 1_000
DURATION = re.compile(
    r"(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?", re.ASCII
)
WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
MONDAY_TO_FRIDAY = (False, True, True, True, True, True, False)


@dataclass
class Imported:
    """A plan read from MSPDI, with every item Tutti could not represent and the tasks it made inexact."""

    plan: Plan
    notes: list[str] = field(default_factory=list)
    task_of: dict = field(default_factory=dict)  # initiative id -> task UID
    inexact: set = field(default_factory=set)  # task UIDs whose dates Tutti cannot reproduce by its own rules


def read_mspdi(path: Path, data: bytes) -> tuple[Plan, list[str]]:
    """A plan from MS Project XML bytes, and the report of what it could not represent; FileError if unreadable."""
    imported = parse_mspdi(path, data)
    return imported.plan, imported.notes


def parse_mspdi(path: Path, data: bytes) -> Imported:
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        # No DTD at all: that refuses external entities and entity expansion (billion laughs) alike.
        root = SafeTree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FileError(path, "XML with a DTD or entities, which MS Project XML never has; refused") from None
    except ElementTree.ParseError as error:
        raise FileError(path, f"not well-formed XML ({shown(error, 80)})") from None
    if root.tag != Q + "Project":
        raise FileError(path, "XML, but not MS Project XML (no Project element in the MSPDI namespace)")
    try:
        return _Reader(root).read()
    except (ValueError, OverflowError) as error:
        raise FileError(path, f"MS Project XML Tutti cannot read: {shown(error, 200)}") from None


def _text(element, name: str, default: str = "") -> str:
    child = element.find(Q + name)
    return default if child is None or child.text is None else child.text.strip()


def _int(element, name: str, default: int = 0) -> int:
    text = _text(element, name)
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{name} '{shown(text, 20)}' is not a whole number") from None


def _datetime(text: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{shown(text, 30)}' is not a date and time") from None


def _minutes(text: str) -> float:
    match = DURATION.fullmatch(text)
    if not match or text in ("P", "PT"):
        raise ValueError(f"'{shown(text, 30)}' is not a duration")
    sign, years, months, days, hours, minutes, seconds = match.groups()
    if years or months:
        raise ValueError(f"the duration '{shown(text, 30)}' is in years or months")
    total = int(days or 0) * 24 * 60 + int(hours or 0) * 60 + int(minutes or 0) + float(seconds or 0) / 60
    return -total if sign else total


class _Reader:
    def __init__(self, root):
        self.root = root
        self.notes: list[str] = []
        self.inexact: set[int] = set()
        self.own_calendar: set[int] = set()  # resources working to a calendar of their own
        self.minutes_per_day = _int(root, "MinutesPerDay", MINUTES_PER_DAY) or MINUTES_PER_DAY

    def note(self, uid: int | None, text: str) -> None:
        self.notes.append(text)
        if uid is not None:
            self.inexact.add(uid)

    def days(self, minutes: float, what: str, uid: int | None) -> int:
        days = minutes / self.minutes_per_day
        whole = math.ceil(days - 1e-9)
        if abs(days - whole) > 1e-9:
            self.note(uid, f"{what}: {days:g} working days, rounded up to {whole} (Tutti plans in whole days)")
        return whole

    def read(self) -> Imported:
        root = self.root
        start = _datetime(_text(root, "StartDate"))
        name = self.bounded("the project's name", _text(root, "Name") or _text(root, "Title") or "MS Project plan")
        plan = Plan(project=Project(name=name,
                                    start=start.date() if start else None))  # fmt: skip
        self.calendar(root)
        teams = self.resources(root, plan)
        tasks = root.findall(f"{Q}Tasks/{Q}Task")
        if len(tasks) > MAX_TASKS:
            raise ValueError(f"{len(tasks):,} tasks, more than the {MAX_TASKS:,} Tutti reads")
        initiative_of: dict[int, Initiative] = {}
        imported = Imported(plan)
        parents: list[tuple[int, object]] = []  # (outline level, goal id) of the summary tasks above
        names: dict[str, int] = {}
        for task in tasks:
            uid = _int(task, "UID", -1)
            if _text(task, "IsNull") == "1" or _int(task, "OutlineLevel", 1) == 0 or uid == 0:
                continue  # an empty row, or the project's own summary task
            level = _int(task, "OutlineLevel", 1)
            while parents and parents[-1][0] >= level:
                parents.pop()
            name = self.unique_name(
                names, self.bounded(f"task {uid}'s name", _text(task, "Name"), MAX_NAME_LENGTH), uid
            )
            notes = self.bounded(f"task {uid}'s notes", _text(task, "Notes"))
            goal = parents[-1][1] if parents else None
            if _text(task, "Summary") == "1":
                summary = Goal(name=name, parent=goal, description=notes)
                plan.add(summary)
                parents.append((level, summary.id))
                continue
            initiative = self.initiative(task, uid, name, notes, goal)
            plan.add(initiative)
            initiative_of[uid] = initiative
            imported.task_of[initiative.id] = uid
        self.links(tasks, initiative_of, plan)
        self.assignments(root, initiative_of, teams, plan)
        imported.notes, imported.inexact = self.notes, self.inexact
        return imported

    def bounded(self, what: str, text: str, most: int = MAX_TEXT_LENGTH) -> str:
        if len(text) > most:
            self.notes.append(f"{what}: longer than the {most:,} characters Tutti keeps; cut")
            return text[:most]
        return text

    def unique_name(self, names: dict[str, int], name: str, uid: int) -> str:
        name = name or f"Task {uid}"
        if name.casefold() in names:
            renamed = f"{name} [{uid}]"
            self.notes.append(f"task {uid} '{shown(name)}': another task has that name; imported as '{shown(renamed)}'")
            name = renamed
        names[name.casefold()] = uid
        return name

    def initiative(self, task, uid: int, name: str, notes: str, goal) -> Initiative:
        what = f"task {uid} '{shown(name)}'"
        duration_format = _int(task, "DurationFormat", DAY_FORMAT)
        if duration_format in ELAPSED:
            self.note(uid, f"{what}: an elapsed duration (counting nights and weekends); read as working days")
        minutes = _minutes(_text(task, "Duration", "PT0H0M0S"))
        duration = 0 if _text(task, "Milestone") == "1" and minutes == 0 else self.days(minutes, what, uid)
        constraint = _int(task, "ConstraintType", ASAP)
        not_before = None
        if constraint == SNET:
            moment = _datetime(_text(task, "ConstraintDate"))
            not_before = moment.date() if moment else None
        elif constraint in CONSTRAINTS:
            self.note(uid, f"{what}: the constraint '{CONSTRAINTS[constraint]}' has no place in Tutti; left out")
        complete = _int(task, "PercentComplete")
        if complete:
            self.note(None, f"{what}: {complete}% complete; Tutti does not track progress yet")
        status = "dropped" if _text(task, "Active") == "0" else "planned"  # an inactive task takes no time
        return Initiative(name=name, description=notes, goals=(goal,) if goal else (),
                          status=status, start=not_before, duration=duration)  # fmt: skip

    def links(self, tasks, initiative_of: dict, plan: Plan) -> None:
        for task in tasks:
            uid = _int(task, "UID", -1)
            if uid not in initiative_of:
                continue
            links = task.findall(Q + "PredecessorLink")
            if len(links) > MAX_LINKS_PER_TASK:
                raise ValueError(f"task {uid} has {len(links):,} links, more than {MAX_LINKS_PER_TASK:,}")
            after = initiative_of[uid]
            for link in links:
                before_uid = _int(link, "PredecessorUID", -1)
                kind = _int(link, "Type", FS)
                what = f"task {uid} '{shown(after.name)}' after task {before_uid}"
                if before_uid not in initiative_of:
                    self.note(uid, f"{what}: a link to a summary task or a task not in the file; left out")
                    continue
                if kind != FS:
                    self.note(uid, f"{what}: a {LINK_TYPES.get(kind, 'link of type ' + str(kind))} link; "
                                   "Tutti has finish-to-start only; left out")  # fmt: skip
                    continue
                lag_format = _int(link, "LagFormat", DAY_FORMAT)
                lag_minutes = _int(link, "LinkLag") / 10
                if lag_format in PERCENT:
                    self.note(uid, f"{what}: a lag as a share of the earlier task's duration; read as no lag")
                    lag_minutes = 0
                elif lag_format in ELAPSED:
                    self.note(uid, f"{what}: an elapsed lag; read as working days")
                lag = (
                    self.days(lag_minutes, f"{what}, lag", uid)
                    if lag_minutes >= 0
                    else -self.days(-lag_minutes, f"{what}, lag", uid)
                )
                before = initiative_of[before_uid]
                if before.id != after.id and (before.id, after.id) not in plan.dependencies:
                    plan.add(Dependency(before=before.id, after=after.id, lag=lag))

    def calendar(self, root) -> None:
        uid = _int(root, "CalendarUID", 1)
        calendars = {_int(c, "UID", -1): c for c in root.findall(f"{Q}Calendars/{Q}Calendar")}
        calendar = calendars.get(uid)
        if calendar is None:
            return
        name = _text(calendar, "Name") or f"calendar {uid}"
        for day in calendar.findall(f"{Q}WeekDays/{Q}WeekDay"):
            day_type = _int(day, "DayType", -1)
            if 1 <= day_type <= 7:
                working = _text(day, "DayWorking") == "1"
                if working != MONDAY_TO_FRIDAY[day_type - 1]:
                    state = "a working day" if working else "not a working day"
                    self.note(None, f"calendar '{shown(name)}': {WEEKDAYS[day_type - 1]} is {state}; "
                                    "Tutti works Monday to Friday")  # fmt: skip
            elif day_type == 0:  # an exception, as files from MS Project 2003 and before write them
                self.exception(name, day.find(Q + "TimePeriod"), _text(day, "DayWorking") == "1")
        for exception in calendar.findall(f"{Q}Exceptions/{Q}Exception"):
            self.exception(name, exception.find(Q + "TimePeriod"), _text(exception, "DayWorking") == "1",
                           _text(exception, "Name"))  # fmt: skip

    def exception(self, calendar: str, period, working: bool, name: str = "") -> None:
        span = ""
        if period is not None:
            start, finish = _text(period, "FromDate")[:10], _text(period, "ToDate")[:10]
            span = f" {start}" + (f" to {finish}" if finish and finish != start else "")
        label = f" '{shown(name)}'" if name else ""
        kind = "working" if working else "non-working"
        self.note(None, f"calendar '{shown(calendar)}': {kind} exception{label}{span}; Tutti has no calendars "
                        "yet, so its dates ignore it")  # fmt: skip

    def resources(self, root, plan: Plan) -> dict[int, Team]:
        teams = {}
        project_calendar = _int(root, "CalendarUID", 1)
        calendars = {_int(c, "UID", -1): c for c in root.findall(f"{Q}Calendars/{Q}Calendar")}
        for resource in root.findall(f"{Q}Resources/{Q}Resource"):
            uid = _int(resource, "UID", -1)
            name = self.bounded(f"resource {uid}'s name", _text(resource, "Name"), MAX_NAME_LENGTH)
            if not name or _text(resource, "IsNull") == "1":
                continue
            if _int(resource, "Type", 1) != 1:
                self.note(None, f"resource '{shown(name)}': a material or cost resource, not a team; left out")
                continue
            calendar = calendars.get(_int(resource, "CalendarUID", -1))
            if calendar is not None and (
                _int(calendar, "BaseCalendarUID", -1) not in (-1, project_calendar)
                or calendar.find(f"{Q}WeekDays/{Q}WeekDay") is not None
            ):
                self.note(None, f"resource '{shown(name)}': works to its own calendar; Tutti schedules every team "
                                "on the project's week")  # fmt: skip
                self.own_calendar.add(uid)
            teams[uid] = Team(name=name, headcount=1)
            plan.add(teams[uid])
        return teams

    def assignments(self, root, initiative_of: dict, teams: dict, plan: Plan) -> None:
        for assignment in root.findall(f"{Q}Assignments/{Q}Assignment"):
            task, resource = _int(assignment, "TaskUID", -1), _int(assignment, "ResourceUID", -1)
            if task not in initiative_of or resource not in teams:
                continue
            if resource in self.own_calendar:
                self.inexact.add(task)
            initiative = plan.initiatives[initiative_of[task].id]
            team = teams[resource].id
            if initiative.owner is None:
                initiative = replace(initiative, owner=team)
            elif team != initiative.owner and all(r.team != team for r in initiative.raci):
                initiative = replace(initiative, raci=(*initiative.raci, RaciRole(team, "R")))
            plan.initiatives[initiative.id] = initiative
            initiative_of[task] = initiative


# Writing


def export_mspdi(plan: Plan, path: str | Path) -> None:
    """The plan as MS Project XML: goals as summary tasks, initiatives as tasks with Tutti's dates."""
    write_atomically(path, mspdi_bytes(plan))


def mspdi_bytes(plan: Plan) -> bytes:
    from domain.analysis.schedule import schedule, working_date

    timeline = schedule(plan)
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
    _standard_calendar(sub(root, "Calendars"))

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
            first, last = _goal_span(plan, entity, rows, dates)
            fields += [("Start", f"{first}T08:00:00"), ("Finish", f"{last}T17:00:00"),
                       ("Duration", _duration(_working_days(first, last))), ("DurationFormat", DAY_FORMAT),
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


def _working_days(first: date, last: date) -> int:
    from domain.analysis.schedule import working_day

    return working_day(last) - working_day(first) + 1


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


def _goal_span(plan: Plan, goal: Goal, rows, dates) -> tuple[date, date]:
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
        from domain.analysis.schedule import project_start, working_date

        day = working_date(project_start(plan))
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


def _standard_calendar(calendars) -> None:
    sub = ElementTree.SubElement
    calendar = sub(calendars, "Calendar")
    for name, value in (("UID", 1), ("Name", "Standard"), ("IsBaseCalendar", 1), ("BaseCalendarUID", -1)):
        sub(calendar, name).text = str(value)
    week = sub(calendar, "WeekDays")
    for day_type, working in enumerate(MONDAY_TO_FRIDAY, start=1):
        day = sub(week, "WeekDay")
        sub(day, "DayType").text = str(day_type)
        sub(day, "DayWorking").text = str(int(working))
        if working:
            times = sub(day, "WorkingTimes")
            for begin, end in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
                period = sub(times, "WorkingTime")
                sub(period, "FromTime").text = begin
                sub(period, "ToTime").text = end
