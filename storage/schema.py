"""The tables of a .tutti file and the numbered migrations that build them, version kept in PRAGMA user_version.

A migration is history: once released it never changes. The current shape of every table,
which the reader and writer use, is `COLUMNS`; a test checks that the migrations produce it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils loads when a file is read or written, not before the window shows
    from sqlite_utils import Database, Migrations

APPLICATION_ID = int.from_bytes(b"TUTI", "big")  # PRAGMA application_id, bytes 68-71 of every .tutti file
MIGRATION_SET = "tutti"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite_utils.Migrations.migrations_table (test_schema.py checks)


def _create(db: Database, name: str, columns: dict, pk, not_null=(), foreign_keys=()) -> None:
    db[name].create(
        columns,
        pk=pk,
        not_null=set(not_null) | set((pk,) if isinstance(pk, str) else pk),
        foreign_keys=list(foreign_keys),
        strict=True,
    )


def m001_plan_tables(db: Database) -> None:
    """The plan: one row per entity with its position in display order; links in their own tables."""
    stamps = {"created": str, "modified": str}
    _create(db, "project", {"id": int, "name": str, "description": str, "start": str}, "id", ("name", "description"))
    _create(
        db,
        "teams",
        {
            "id": str,
            "position": int,
            "name": str,
            "lead": str,
            "headcount": int,
            "capacity": float,
            "color": str,
            **stamps,
        },
        "id",
        ("position", "name", "lead", "headcount", "capacity", "color", *stamps),
    )
    _create(
        db,
        "skills",
        {"id": str, "position": int, "name": str, "category": str, "description": str, **stamps},
        "id",
        ("position", "name", "category", "description", *stamps),
    )
    _create(
        db,
        "team_skills",
        {"team": str, "skill": str, "position": int, "level": int, "people": int},
        ("team", "skill"),
        ("position", "level", "people"),
        [("team", "teams", "id"), ("skill", "skills", "id")],
    )
    _create(
        db,
        "goals",
        {
            "id": str,
            "position": int,
            "name": str,
            "description": str,
            "parent": str,
            "owner": str,
            "metric": str,
            "unit": str,
            "baseline": float,
            "target": float,
            "deadline": str,
            **stamps,
        },
        "id",
        ("position", "name", "description", "metric", "unit", *stamps),
        [("parent", "goals", "id"), ("owner", "teams", "id")],
    )
    _create(
        db,
        "initiatives",
        {
            "id": str,
            "position": int,
            "name": str,
            "description": str,
            "owner": str,
            "status": str,
            "start": str,
            "duration": int,
            "effort": float,
            **stamps,
        },
        "id",
        ("position", "name", "description", "status", "duration", *stamps),
        [("owner", "teams", "id")],
    )
    _create(
        db,
        "initiative_goals",
        {"initiative": str, "position": int, "goal": str},
        ("initiative", "position"),
        ("goal",),
        [("initiative", "initiatives", "id"), ("goal", "goals", "id")],
    )
    _create(
        db,
        "initiative_skills",
        {"initiative": str, "position": int, "skill": str, "level": int},
        ("initiative", "position"),
        ("skill", "level"),
        [("initiative", "initiatives", "id"), ("skill", "skills", "id")],
    )
    _create(
        db,
        "initiative_raci",
        {"initiative": str, "position": int, "team": str, "role": str},
        ("initiative", "position"),
        ("team", "role"),
        [("initiative", "initiatives", "id"), ("team", "teams", "id")],
    )
    _create(
        db,
        "dependencies",
        {"before": str, "after": str, "position": int, "lag": int},
        ("before", "after"),
        ("position", "lag"),
        [("before", "initiatives", "id"), ("after", "initiatives", "id")],
    )
    _create(
        db,
        "handoffs",
        {
            "id": str,
            "position": int,
            "from_team": str,
            "to_team": str,
            "initiative": str,
            "what": str,
            "due": str,
            **stamps,
        },
        "id",
        ("position", "from_team", "to_team", "what", *stamps),
        [("from_team", "teams", "id"), ("to_team", "teams", "id"), ("initiative", "initiatives", "id")],
    )


def m002_one_project_row(db: Database) -> None:
    """The project table holds exactly one row, id 1; version 1 let a second row sit there unread."""
    db.execute(
        'CREATE TABLE "project_v2" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "name" TEXT NOT NULL, '
        '"description" TEXT NOT NULL, "start" TEXT) STRICT'
    )
    db.execute('INSERT INTO "project_v2" SELECT 1, "name", "description", "start" FROM "project" ORDER BY "id" LIMIT 1')
    db.execute('DROP TABLE "project"')
    db.execute('ALTER TABLE "project_v2" RENAME TO "project"')


def m003_history(db: Database) -> None:
    """The file's history: each save's revision, its parents, and the before-images that rebuild each parent."""
    _create(
        db,
        "revisions",
        {"id": str, "saved": str, "author": str, "summary": str, "pruned": int},
        "id",
        ("saved", "author", "summary", "pruned"),
    )
    # Key columns first: SQLite 3.40's integrity_check misreads a WITHOUT ROWID table (m006) whose key is not.
    _create(
        db, "revision_parents", {"revision": str, "position": int, "parent": str}, ("revision", "position"), ("parent",)
    )
    # One reverse delta per parent: a JSON list of [kind, key, before-image] compressed with zlib, since
    # before-images repeat ids and field names and a large plan's file must stay small after many saves.
    _create(db, "revision_deltas", {"revision": str, "parent": str, "delta": bytes}, ("revision", "parent"), ("delta",))


def m004_organisation(db: Database) -> None:
    """The organisation: the project's calendar and closed days, teams' departments and days off, team relations.

    `workdays` NULL means the plan has no calendar (Monday to Friday); otherwise the weekdays worked, "0,1,2,3,4".
    """
    for column in ("workdays", "country", "subdivision"):
        db.execute(f'ALTER TABLE "project" ADD COLUMN "{column}" TEXT')
    db.execute("""ALTER TABLE "teams" ADD COLUMN "department" TEXT NOT NULL DEFAULT ''""")
    _create(db, "closed_days", {"day": str, "position": int}, "day", ("position",))
    _create(
        db,
        "team_days_off",
        {"team": str, "position": int, "first_day": str, "last_day": str},
        ("team", "position"),
        ("first_day", "last_day"),
        [("team", "teams", "id")],
    )
    _create(
        db,
        "relations",
        {"id": str, "position": int, "a": str, "b": str, "mode": str, "until": str, "created": str, "modified": str},
        "id",
        ("position", "a", "b", "mode", "created", "modified"),
        [("a", "teams", "id"), ("b", "teams", "id")],
    )


def m005_measurement(db: Database) -> None:
    """Measurement: goals' check-ins, initiatives' progress, actual dates and gates, the status date, baselines."""
    db.execute('ALTER TABLE "project" ADD COLUMN "status_date" TEXT')
    db.execute('ALTER TABLE "initiatives" ADD COLUMN "progress" INTEGER NOT NULL DEFAULT 0')
    for column in ("actual_start", "actual_finish"):
        db.execute(f'ALTER TABLE "initiatives" ADD COLUMN "{column}" TEXT')
    _create(
        db,
        "goal_checkins",
        {"goal": str, "position": int, "day": str, "value": float, "note": str},
        ("goal", "position"),
        ("day", "value", "note"),
        [("goal", "goals", "id")],
    )
    _create(
        db,
        "gates",
        {
            "initiative": str,
            "gate_goal": str,
            "threshold": float,
            "decide_by": str,
            "decision": str,
            "decided": str,
            "decided_by": str,
            "note": str,
        },
        "initiative",
        ("decision", "decided_by", "note"),
        [("initiative", "initiatives", "id")],
    )
    _create(db, "baselines", {"position": int, "name": str, "set_at": str}, "position", ("name", "set_at"))
    _create(
        db,
        "baseline_finishes",
        {"baseline_position": int, "initiative": str, "finish": str},
        ("baseline_position", "initiative"),
        ("finish",),
        [("baseline_position", "baselines", "position")],
    )


def m006_rows_stored_once(db: Database) -> None:
    """Tables keyed by ids keep each row once, in the order of its key (WITHOUT ROWID), instead of a row plus
    an index repeating its key: a large plan's file is a third smaller. Columns and keys stay as they were."""
    for name in (
        "teams",
        "skills",
        "team_skills",
        "goals",
        "initiatives",
        "initiative_goals",
        "initiative_skills",
        "initiative_raci",
        "dependencies",
        "handoffs",
        "revisions",
        "revision_parents",
        "revision_deltas",
        "closed_days",
        "team_days_off",
        "relations",
        "goal_checkins",
        "gates",
        "baselines",
    ):
        (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone()
        db.execute(sql.replace(f'CREATE TABLE "{name}"', f'CREATE TABLE "{name}_v6"', 1) + ", WITHOUT ROWID")
        db.execute(f'INSERT INTO "{name}_v6" SELECT * FROM "{name}"')
        db.execute(f'DROP TABLE "{name}"')
        db.execute(f'ALTER TABLE "{name}_v6" RENAME TO "{name}"')


MIGRATIONS = (
    m001_plan_tables,
    m002_one_project_row,
    m003_history,
    m004_organisation,
    m005_measurement,
    m006_rows_stored_once,
)
MIGRATION_NAMES = tuple(step.__name__ for step in MIGRATIONS)
SCHEMA_VERSION = len(MIGRATIONS)


@cache
def _migrations() -> Migrations:
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for step in MIGRATIONS:
        migrations()(step)
    return migrations


# The current shape of each table: the columns the reader selects and the writer fills, in this order.
COLUMNS = {
    "project": ("id", "name", "description", "start", "workdays", "country", "subdivision", "status_date"),
    "closed_days": ("day", "position"),
    "teams": ("id", "position", "name", "lead", "headcount", "capacity", "color", "department", "created", "modified"),
    "team_days_off": ("team", "position", "first_day", "last_day"),
    "skills": ("id", "position", "name", "category", "description", "created", "modified"),
    "team_skills": ("team", "skill", "position", "level", "people"),
    "goals": (
        "id",
        "position",
        "name",
        "description",
        "parent",
        "owner",
        "metric",
        "unit",
        "baseline",
        "target",
        "deadline",
        "created",
        "modified",
    ),
    "initiatives": (
        "id",
        "position",
        "name",
        "description",
        "owner",
        "status",
        "start",
        "duration",
        "effort",
        "created",
        "modified",
        "progress",
        "actual_start",
        "actual_finish",
    ),
    "goal_checkins": ("goal", "position", "day", "value", "note"),
    "gates": ("initiative", "gate_goal", "threshold", "decide_by", "decision", "decided", "decided_by", "note"),
    "baselines": ("position", "name", "set_at"),
    "baseline_finishes": ("baseline_position", "initiative", "finish"),
    "initiative_goals": ("initiative", "position", "goal"),
    "initiative_skills": ("initiative", "position", "skill", "level"),
    "initiative_raci": ("initiative", "position", "team", "role"),
    "dependencies": ("before", "after", "position", "lag"),
    "handoffs": ("id", "position", "from_team", "to_team", "initiative", "what", "due", "created", "modified"),
    "relations": ("id", "position", "a", "b", "mode", "until", "created", "modified"),
}
# The history's tables, read by storage.history: damage there leaves the history out, never the plan.
HISTORY_COLUMNS = {
    "revisions": ("id", "saved", "author", "summary", "pruned"),
    "revision_parents": ("revision", "position", "parent"),
    "revision_deltas": ("revision", "parent", "delta"),
}
# The kind of value each column holds (the project's id is a whole number): what the reader checks and converts.
COLUMN_KINDS = {
    "id": "text",
    "position": "whole number",
    "name": "text",
    "description": "text",
    "lead": "text",
    "headcount": "whole number",
    "capacity": "number",
    "color": "text",
    "created": "time",
    "modified": "time",
    "category": "text",
    "team": "text",
    "skill": "text",
    "level": "whole number",
    "people": "whole number",
    "parent": "optional text",
    "owner": "optional text",
    "metric": "text",
    "unit": "text",
    "baseline": "optional number",
    "target": "optional number",
    "deadline": "date",
    "status": "text",
    "start": "date",
    "duration": "whole number",
    "effort": "optional number",
    "initiative": "optional text",
    "goal": "text",
    "role": "text",
    "before": "text",
    "after": "text",
    "lag": "whole number",
    "from_team": "text",
    "to_team": "text",
    "what": "text",
    "due": "date",
    "workdays": "optional text",
    "country": "optional text",
    "subdivision": "optional text",
    "day": "day",
    "department": "text",
    "first_day": "day",
    "last_day": "day",
    "a": "text",
    "b": "text",
    "mode": "text",
    "until": "date",
    "status_date": "date",
    "progress": "whole number",
    "actual_start": "date",
    "actual_finish": "date",
    "value": "number",
    "note": "text",
    "gate_goal": "optional text",
    "threshold": "optional number",
    "decide_by": "date",
    "decision": "text",
    "decided": "date",
    "decided_by": "text",
    "set_at": "time",
    "baseline_position": "whole number",
    "finish": "day",
}

# Tables that list an initiative's links in order, and the initiative's field each one fills.
INITIATIVE_LINKS = {"initiative_goals": "goals", "initiative_skills": "skills", "initiative_raci": "raci"}
# Tables SQLite or sqlite-utils may add on their own; anything else in a file is foreign.
INTERNAL_TABLES = frozenset({MIGRATIONS_TABLE, "sqlite_sequence", "sqlite_stat1", "sqlite_stat4"})


def migrate(db: Database, stop_before: str | None = None) -> None:
    """Bring a database up to the current schema (or to just before one migration), each step in a transaction."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _migrations().apply(db, stop_before=stop_before)
    db.execute(f"PRAGMA user_version = {len(applied_migrations(db))}")


def applied_migrations(db: Database) -> list[str]:
    """The names of the Tutti migrations already applied to a database, in the order they ran."""
    if not db[MIGRATIONS_TABLE].exists():
        return []
    rows = db.execute(
        f'SELECT "name" FROM "{MIGRATIONS_TABLE}" WHERE "migration_set" = ? ORDER BY rowid', [MIGRATION_SET]
    )
    return [name for (name,) in rows]


def column_kind(table: str, column: str) -> str:
    """The kind of value a column holds (see COLUMN_KINDS)."""
    return "whole number" if (table, column) == ("project", "id") else COLUMN_KINDS[column]


def quoted(column: str) -> str:
    """A column or table name quoted for SQL (names come from COLUMNS, never from a file)."""
    return f'"{column}"'
