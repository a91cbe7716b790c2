"""The plan and the rows of a .tutti file: each table read into entities, and the rows a plan is written as."""

from __future__ import annotations

import sqlite3
from datetime import date
from operator import attrgetter

from domain.entities import (
    Baseline,
    CheckIn,
    DayOff,
    Dependency,
    Gate,
    Goal,
    Handoff,
    Initiative,
    Project,
    RaciRole,
    Relation,
    Skill,
    SkillNeed,
    Team,
    TeamSkill,
    WorkCalendar,
)
from domain.history import History
from domain.plan import Plan
from storage.history import history_rows
from storage.schema import COLUMN_KINDS, COLUMNS, quoted
from storage.untrusted import Unreadable

ENTITY_TABLES = (
    ("teams", Team),
    ("skills", Skill),
    ("team_skills", TeamSkill),
    ("goals", Goal),
    ("initiatives", Initiative),
    ("dependencies", Dependency),
    ("handoffs", Handoff),
    ("relations", Relation),
)
# Link rows: table, the Initiative field they fill, and how a row becomes one item of it.
LINK_TABLES = (
    ("initiative_goals", "goals", lambda goal: goal),
    ("initiative_skills", "skills", SkillNeed),
    ("initiative_raci", "raci", RaciRole),
)
LINK_COLUMNS = {
    "initiative_goals": ("goal",),
    "initiative_skills": ("skill", "level"),
    "initiative_raci": ("team", "role"),
}
DATE_COLUMNS = frozenset({"start", "deadline", "due", "until", "actual_start", "actual_finish"})
PROJECT_COLUMNS = ("name", "description", "start", "workdays", "country", "subdivision", "status_date")
GATE_COLUMNS = ("gate_goal", "threshold", "decide_by", "decision", "decided", "decided_by", "note")


def _rows(connection: sqlite3.Connection, table: str, columns: tuple[str, ...], order: str):
    """Values of the given columns in display order; `check_cells` has checked their types."""
    selected = ", ".join(
        f"CAST({quoted(c)} AS REAL)" if COLUMN_KINDS[c] in ("number", "optional number") else quoted(c) for c in columns
    )
    rows = connection.execute(f'SELECT {selected} FROM "{table}" ORDER BY {order}')
    dates = [n for n, c in enumerate(columns) if COLUMN_KINDS[c] in ("date", "day")]
    if not dates:
        return rows
    return (_with_dates(row, dates, table) for row in rows)


def _with_dates(row: tuple, dates: list[int], table: str) -> list:
    row = list(row)
    for n in dates:
        if row[n] is not None:
            try:
                row[n] = date.fromisoformat(row[n])
            except ValueError:
                raise Unreadable(f"damaged: in the table '{table}', a date does not exist ('{row[n]}')") from None
    return row


def read_plan(connection: sqlite3.Connection) -> Plan:
    """The plan in a checked database (see storage.untrusted): every table read into its entities."""
    plan = Plan()
    closed = tuple(day for (day,) in _rows(connection, "closed_days", ("day",), '"position", "day"'))
    for name, description, start, workdays, country, subdivision, status_date in _rows(
        connection, "project", PROJECT_COLUMNS, "id LIMIT 1"
    ):
        calendar = None
        if workdays is not None:
            calendar = WorkCalendar(
                workdays=_weekdays(workdays), country=country, subdivision=subdivision, closed=closed
            )
        plan.project = Project(
            name=name,
            description=description,
            start=start,
            calendar=calendar,
            status_date=status_date,
            baselines=_read_baselines(connection),
        )
    checkins: dict[str, list[CheckIn]] = {}
    for goal, day, value, note in _rows(
        connection, "goal_checkins", ("goal", "day", "value", "note"), '"goal", "position"'
    ):
        checkins.setdefault(goal, []).append(CheckIn(day, value, note))
    gates = {
        initiative: Gate(
            goal=goal, threshold=threshold, decide_by=decide_by, decision=decision, decided=decided, by=by, note=note
        )
        for initiative, goal, threshold, decide_by, decision, decided, by, note in _rows(
            connection, "gates", ("initiative", *GATE_COLUMNS), '"initiative"'
        )
    }
    days_off: dict[str, list[DayOff]] = {}
    for team, first, last in _rows(
        connection, "team_days_off", ("team", "first_day", "last_day"), '"team", "position"'
    ):
        days_off.setdefault(team, []).append(DayOff(first, last))

    links: dict[str, dict[str, list]] = {}
    for table, field, make in LINK_TABLES:
        items = links[field] = {}
        for initiative, *values in _rows(
            connection, table, ("initiative", *LINK_COLUMNS[table]), '"initiative", "position"'
        ):
            items.setdefault(initiative, []).append(make(*values))

    for table, kind in ENTITY_TABLES:
        fields = tuple(c for c in COLUMNS[table] if c != "position")
        entities = plan.table(table)
        key = attrgetter("key") if "id" not in fields else attrgetter("id")
        order = ", ".join(
            quoted(c) for c in ("position", *(f for f in ("id", "team", "skill", "before", "after") if f in fields))
        )
        for values in _rows(connection, table, fields, order):
            arguments = dict(zip(fields, values))
            if kind is Initiative:
                for field, items in links.items():
                    arguments[field] = tuple(items.get(arguments["id"], ()))
                arguments["gate"] = gates.get(arguments["id"])
            elif kind is Team:
                arguments["days_off"] = tuple(days_off.get(arguments["id"], ()))
            elif kind is Goal:
                arguments["checkins"] = tuple(checkins.get(arguments["id"], ()))
            entity = kind(**arguments)
            found = key(entity)
            if found in entities:
                raise Unreadable(f"damaged: the table '{table}' holds the same row twice")
            entities[found] = entity

    for field, items in links.items():
        if not items.keys() <= plan.initiatives.keys():
            raise Unreadable(f"damaged: initiative {field} refer to an initiative that is not in the file")
    if not days_off.keys() <= plan.teams.keys():
        raise Unreadable("damaged: days off refer to a team that is not in the file")
    if not checkins.keys() <= plan.goals.keys() or not gates.keys() <= plan.initiatives.keys():
        raise Unreadable("damaged: check-ins or gates refer to a goal or initiative that is not in the file")
    return plan


def _read_baselines(connection: sqlite3.Connection) -> tuple[Baseline, ...]:
    finishes: dict[int, list] = {}
    for position, initiative, finish in _rows(
        connection, "baseline_finishes", ("baseline_position", "initiative", "finish"), '"baseline_position", rowid'
    ):
        finishes.setdefault(position, []).append((initiative, finish))
    return tuple(
        Baseline(name=name, set=set_at, finishes=tuple(finishes.get(position, ())))
        for position, name, set_at in _rows(connection, "baselines", ("position", "name", "set_at"), '"position"')
    )


def _weekdays(text: str) -> tuple[int, ...]:
    """The stored weekdays "0,1,2,3,4" (empty: none) as numbers."""
    days = text.split(",") if text else []
    if any(day not in "0123456" or len(day) != 1 for day in days) or len(set(days)) != len(days):
        raise Unreadable("damaged: the calendar's weekdays are not weekdays")
    return tuple(sorted(int(day) for day in days))


def plan_rows(plan: Plan, history: History | None = None):
    """(table, columns, rows) for every table, rows in display order, then the history's."""
    project = plan.project
    calendar = project.calendar
    settings = (
        (None, None, None)
        if calendar is None
        else (",".join(str(day) for day in calendar.workdays), calendar.country, calendar.subdivision)
    )
    yield (
        "project",
        ("id", *PROJECT_COLUMNS),
        [(1, project.name, project.description, _stored(project.start), *settings, _stored(project.status_date))],
    )
    yield "baselines", COLUMNS["baselines"], [(position, b.name, b.set) for position, b in enumerate(project.baselines)]
    yield (
        "baseline_finishes",
        COLUMNS["baseline_finishes"],
        [
            (position, initiative, _stored(finish))
            for position, b in enumerate(project.baselines)
            for initiative, finish in b.finishes
        ],
    )
    closed = calendar.closed if calendar is not None else ()
    yield "closed_days", ("day", "position"), [(_stored(day), position) for position, day in enumerate(closed)]
    yield (
        "team_days_off",
        COLUMNS["team_days_off"],
        [
            (team.id, position, _stored(off.start), _stored(off.end))
            for team in plan.teams.values()
            for position, off in enumerate(team.days_off)
        ],
    )
    for table, _ in ENTITY_TABLES:
        fields = tuple(c for c in COLUMNS[table] if c != "position")
        dates = [n for n, f in enumerate(fields) if f in DATE_COLUMNS]
        values = attrgetter(*fields)
        rows = []
        for position, entity in enumerate(plan.table(table).values()):
            row = values(entity)
            if dates:
                row = list(row)
                for n in dates:
                    row[n] = _stored(row[n])
            rows.append((position, *row))
        yield table, ("position", *fields), rows
    yield (
        "goal_checkins",
        COLUMNS["goal_checkins"],
        [
            (goal.id, position, _stored(c.date), c.value, c.note)
            for goal in plan.goals.values()
            for position, c in enumerate(goal.checkins)
        ],
    )
    yield (
        "gates",
        COLUMNS["gates"],
        [
            (i.id, g.goal, g.threshold, _stored(g.decide_by), g.decision, _stored(g.decided), g.by, g.note)
            for i in plan.initiatives.values()
            if (g := i.gate) is not None
        ],
    )
    for table, field, _ in LINK_TABLES:
        columns = LINK_COLUMNS[table]
        rows = [
            (initiative.id, position, *((item,) if field == "goals" else (getattr(item, c) for c in columns)))
            for initiative in plan.initiatives.values()
            for position, item in enumerate(getattr(initiative, field))
        ]
        yield table, ("initiative", "position", *columns), rows
    if history is not None:
        yield from history_rows(history)


def _stored(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
