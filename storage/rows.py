"""The plan as rows of the .tutti tables and back: which entity each table holds, in display order.

Reading assumes the guard (storage/untrusted.py) has checked every cell's type and the plan limits."""

from __future__ import annotations

import sqlite3
from datetime import date
from operator import attrgetter

from domain.entities import Dependency, Goal, Handoff, Initiative, Project, RaciRole, Skill, SkillNeed, Team, TeamSkill
from domain.plan import Plan
from storage.schema import COLUMN_KINDS, COLUMNS, INITIATIVE_LINKS, quoted
from storage.untrusted import Unreadable

ENTITY_TABLES = (
    ("teams", Team),
    ("skills", Skill),
    ("team_skills", TeamSkill),
    ("goals", Goal),
    ("initiatives", Initiative),
    ("dependencies", Dependency),
    ("handoffs", Handoff),
)
# How a link row becomes one item of the initiative's field, and the columns it is made from.
LINK_ITEMS = {"initiative_goals": lambda goal: goal, "initiative_skills": SkillNeed, "initiative_raci": RaciRole}
LINK_COLUMNS = {
    "initiative_goals": ("goal",),
    "initiative_skills": ("skill", "level"),
    "initiative_raci": ("team", "role"),
}


# Reading


def _rows(connection: sqlite3.Connection, table: str, columns: tuple[str, ...], order: str):
    """Values of the given columns in display order; the guard has checked their types."""
    selected = ", ".join(
        f"CAST({quoted(c)} AS REAL)" if COLUMN_KINDS[c] in ("number", "optional number") else quoted(c) for c in columns
    )
    rows = connection.execute(f'SELECT {selected} FROM "{table}" ORDER BY {order}')
    dates = [n for n, c in enumerate(columns) if COLUMN_KINDS[c] == "date"]
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
    """The plan in a checked database; Unreadable for rows that repeat or refer to nothing."""
    plan = Plan()
    for name, description, start in _rows(connection, "project", ("name", "description", "start"), "id LIMIT 1"):
        plan.project = Project(name=name, description=description, start=start)

    links: dict[str, dict[str, list]] = {}
    for table, field in INITIATIVE_LINKS.items():
        items = links[field] = {}
        make = LINK_ITEMS[table]
        for initiative, *values in _rows(
            connection, table, ("initiative", *LINK_COLUMNS[table]), '"initiative", "position"'
        ):
            items.setdefault(initiative, []).append(make(*values))

    for table, kind in ENTITY_TABLES:
        fields = tuple(c for c in COLUMNS[table] if c != "position")
        entities = plan.table(table)
        key = attrgetter("key") if "id" not in fields else attrgetter("id")
        for values in _rows(connection, table, fields, '"position", rowid'):
            arguments = dict(zip(fields, values))
            if kind is Initiative:
                arguments.update((field, tuple(items.get(arguments["id"], ()))) for field, items in links.items())
            entity = kind(**arguments)
            if key(entity) in entities:
                raise Unreadable(f"damaged: the table '{table}' holds the same row twice")
            entities[key(entity)] = entity

    for field, items in links.items():
        if not items.keys() <= plan.initiatives.keys():
            raise Unreadable(f"damaged: initiative {field} refer to an initiative that is not in the file")
    return plan


# Writing


def plan_rows(plan: Plan):
    """(table, columns, rows) for every table, rows in display order."""
    project = plan.project
    yield (
        "project",
        ("id", "name", "description", "start"),
        [(1, project.name, project.description, _stored(project.start))],
    )
    for table, _ in ENTITY_TABLES:
        fields = tuple(c for c in COLUMNS[table] if c != "position")
        dates = [n for n, f in enumerate(fields) if COLUMN_KINDS[f] == "date"]
        rows = []
        for position, entity in enumerate(plan.table(table).values()):
            row = [getattr(entity, f) for f in fields]
            for n in dates:
                row[n] = _stored(row[n])
            rows.append((position, *row))
        yield table, ("position", *fields), rows
    for table, field in INITIATIVE_LINKS.items():
        columns = LINK_COLUMNS[table]
        rows = [
            (initiative.id, position, *((item,) if field == "goals" else (getattr(item, c) for c in columns)))
            for initiative in plan.initiatives.values()
            for position, item in enumerate(getattr(initiative, field))
        ]
        yield table, ("initiative", "position", *columns), rows


def _stored(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
