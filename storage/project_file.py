"""Open and save .tutti files: untrusted bytes are checked and read in memory; saves replace the file atomically."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from pathlib import Path

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
from domain.history import History, recorded
from domain.limits import MAX_CLOSED_DAYS, MAX_LINKS, longest_text
from domain.plan import Plan
from storage.files import FileError, is_read_only, read_user_file, shown, write_atomically
from storage.history import default_author, history_rows, read_history
from storage.schema import (
    APPLICATION_ID,
    COLUMNS,
    HISTORY_COLUMNS,
    INTERNAL_TABLES,
    MIGRATION_NAMES,
    MIGRATIONS_TABLE,
    SCHEMA_VERSION,
    applied_migrations,
    migrate,
)

MAX_FILE_BYTES = 256 * 2**20  # a plan of 5,000 initiatives is 8 MB
MAX_CELL_BYTES = 64 * 2**20
READ_SECONDS = 5.0  # for the first MB; bigger plans get more (see read_budget)
READ_SECONDS_PER_MB = 0.25
MAX_READ_SECONDS = 60.0
SQLITE_MAGIC = b"SQLite format 3\x00"
CHECKSUM_BYTES = 8
SIDE_FILES = ("-wal", "-journal")
# Limits for a file from anywhere: far above what Tutti writes, far below what could hang or exhaust memory.
READ_LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_CELL_BYTES,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    sqlite3.SQLITE_LIMIT_COLUMN: 100,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 100,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 10,
    sqlite3.SQLITE_LIMIT_VDBE_OP: 250_000,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 8,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 100,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 1,
}
ENTITY_TABLES = (
    ("teams", Team), ("skills", Skill), ("team_skills", TeamSkill), ("goals", Goal),
    ("initiatives", Initiative), ("dependencies", Dependency), ("handoffs", Handoff), ("relations", Relation),
)
# Link rows: table, the Initiative field they fill, and how a row becomes one item of it.
LINK_TABLES = (
    ("initiative_goals", "goals", lambda goal: goal),
    ("initiative_skills", "skills", SkillNeed),
    ("initiative_raci", "raci", RaciRole),
)
LINK_COLUMNS = {"initiative_goals": ("goal",), "initiative_skills": ("skill", "level"), "initiative_raci": ("team", "role")}
DATE_COLUMNS = frozenset({"start", "deadline", "due", "until", "actual_start", "actual_finish"})
PROJECT_COLUMNS = ("name", "description", "start", "workdays", "country", "subdivision", "status_date")
GATE_COLUMNS = ("gate_goal", "threshold", "decide_by", "decision", "decided", "decided_by", "note")


@dataclass(frozen=True)
class OpenedPlan:
    """A plan read from a file, whether the file can be written, anything the user should be told, and the
    file's history (None for a file saved before histories, or whose history was damaged)."""

    plan: Plan
    path: Path
    read_only: bool
    notice: str | None
    history: History | None = None


class _Unreadable(Exception):
    """Why bytes are not a readable plan; becomes a FileError once the file name is known."""


# Opening


def open_plan(path: str | os.PathLike, progress: Callable[[int, int], bool] | None = None) -> OpenedPlan:
    """Read a .tutti file. Never writes to it; raises FileError for anything but a readable plan.

    `progress(done, total)` is called while the bytes are read; returning False raises ReadCancelled.
    """
    path = Path(path)
    data = read_user_file(path, MAX_FILE_BYTES, "Tutti file", progress)
    try:
        plan, notices, history = _load(data)
    except _Unreadable as error:
        raise FileError(path, str(error)) from None
    real = Path(os.path.realpath(path))
    side_file = next((real.with_name(real.name + s) for s in SIDE_FILES if _has_content(real.with_name(real.name + s))),
                     None)
    read_only = True
    if side_file is not None:
        notices.insert(0, f"opened read-only: another program left unfinished changes in {side_file.name}")
    elif is_read_only(real):
        notices.insert(0, "opened read-only: you cannot write to this file")
    elif not os.access(real.parent, os.W_OK):
        notices.insert(0, "opened read-only: you cannot write to its folder")
    else:
        read_only = False
        if _wal_header(data):
            notices.append(f"another program kept recent changes in {real.name}-wal, which did not come with "
                           "the file: recent changes may be missing")
    return OpenedPlan(plan, path, read_only, "; ".join(notices) or None, history)


def plan_from_sqlite_bytes(data: bytes, name: str | os.PathLike = "<memory>") -> Plan:
    """Read a plan from the bytes of a .tutti file; FileError names `name`."""
    try:
        return _load(data)[0]
    except _Unreadable as error:
        raise FileError(name, str(error)) from None


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _check_header(data: bytes) -> int:
    """Refuse bytes that are not a Tutti database this version reads; returns the page size."""
    if not data:
        raise _Unreadable("not a Tutti file (the file is empty)")
    if not data.startswith(SQLITE_MAGIC):
        raise _Unreadable("not a Tutti file")
    if len(data) < 100:
        raise _Unreadable("damaged: the file is truncated")
    if int.from_bytes(data[68:72], "big") != APPLICATION_ID:
        raise _Unreadable("not a Tutti file (it is an SQLite database from another program)")
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise _Unreadable("damaged: the file header is invalid")
    if data[18] not in (1, 2) or data[19] not in (1, 2):
        raise _Unreadable("damaged: the file header is invalid")
    pages, extra = divmod(len(data), page_size)
    header_pages = int.from_bytes(data[28:32], "big")
    header_pages_valid = header_pages and data[24:28] == data[92:96]
    if extra or (header_pages_valid and header_pages > pages):
        raise _Unreadable("damaged: the file is truncated")
    version = int.from_bytes(data[60:64], "big", signed=True)
    if version > SCHEMA_VERSION:
        raise _Unreadable(f"made by a newer Tutti (file format {version}; this Tutti reads up to {SCHEMA_VERSION})")
    if version < 1:
        raise _Unreadable("damaged: it has no file format version")
    return page_size


def _page_checksum(number: int, page: memoryview) -> bytes:
    checksum = hashlib.blake2b(number.to_bytes(4, "big"), digest_size=CHECKSUM_BYTES)
    if number == 1:
        # Leave out the header fields any SQLite program rewrites without changing the content:
        # journal mode (18-19), change counter (24-27), and the SQLite version that wrote it (92-99).
        page = bytearray(page)
        page[18:20], page[24:28], page[92:100] = bytes(2), bytes(4), bytes(8)
    checksum.update(page[:-CHECKSUM_BYTES])
    return checksum.digest()


def _seal(data: bytearray, page_size: int) -> None:
    """Write each page's checksum into the bytes SQLite reserves at the end of every page for such uses."""
    view = memoryview(data)
    for number, start in enumerate(range(0, len(data), page_size), 1):
        view[start + page_size - CHECKSUM_BYTES:start + page_size] = _page_checksum(number, view[start:start + page_size])


def _changed_elsewhere(data: bytes, page_size: int) -> bool:
    """True when a page no longer matches the checksum Tutti wrote: another SQLite program changed the file
    (an UPDATE, a VACUUM), or it was damaged in a way the structural checks cannot see. Files without
    checksums (from older Tutti versions) count as unchanged."""
    if data[20] != CHECKSUM_BYTES:
        return False
    view = memoryview(data)
    return any(view[start + page_size - CHECKSUM_BYTES:start + page_size]
               != _page_checksum(number, view[start:start + page_size])
               for number, start in enumerate(range(0, len(data), page_size), 1))


def _wal_header(data: bytes) -> bool:
    return data[18] == 2 or data[19] == 2


def _load(data: bytes) -> tuple[Plan, list[str], History | None]:
    """The plan in the bytes of a .tutti file, what the user should be told about it, and its history."""
    page_size = _check_header(data)
    notices = []
    if _changed_elsewhere(data, page_size):
        notices.append("changed outside Tutti since it was last saved here (it passed every check)")
    if _wal_header(data):
        # WAL mode in the header: read what the main file holds, as a rollback-journal database.
        data = bytearray(data)
        data[18:20] = b"\x01\x01"
    connection = sqlite3.connect(":memory:")
    try:
        for limit, value in READ_LIMITS.items():
            connection.setlimit(limit, value)
        budget = read_budget(len(data))
        deadline = time.monotonic() + budget
        connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        connection.deserialize(data)
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA cell_size_check = ON")
        plan, upgraded, (history, history_notice) = _read_checked(connection)
    except sqlite3.Error as error:
        raise _Unreadable(_sqlite_reason(error, budget)) from None
    except MemoryError:
        raise _Unreadable("too large to read into memory") from None
    except UnicodeDecodeError:
        # Checksums no longer refuse damage up front; the structural checks meet it here instead.
        raise _Unreadable("damaged: it holds text that is not valid UTF-8") from None
    finally:
        connection.close()
    if upgraded:
        notices.append("upgraded from an older Tutti; saving will write the new format")
    if history_notice:
        notices.append(history_notice)
    return plan, notices, history


def read_budget(size: int) -> float:
    """Seconds SQLite may spend checking and reading a file of `size` bytes before it counts as hostile.

    Honest files take well under a second per 10 MB; the budget grows with size so a 50,000-initiative
    plan always opens, while a small file built to make SQLite loop is still stopped in seconds."""
    return min(READ_SECONDS + READ_SECONDS_PER_MB * size / 2**20, MAX_READ_SECONDS)


def _sqlite_reason(error: sqlite3.Error, budget: float) -> str:
    message = str(error)
    if message == "interrupted":
        return f"damaged or hostile: reading it took longer than {budget:.0f} seconds"
    if "too big" in message:
        return f"holds a value larger than Tutti reads ({MAX_CELL_BYTES // 2**20} MB)"
    return f"damaged ({message})"


def _read_checked(connection: sqlite3.Connection) -> tuple[Plan, bool, tuple[History | None, str | None]]:
    _refuse_code(connection)
    (result,) = connection.execute("PRAGMA integrity_check(1)").fetchone()
    if result != "ok":
        raise _Unreadable("damaged: the database fails its integrity check")
    from sqlite_utils import Database  # here, not at the top: the window shows before sqlite-utils loads

    db = Database(connection, recursive_triggers=False, execute_plugins=False)
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if db[MIGRATIONS_TABLE].exists():
        _check_columns(connection, MIGRATIONS_TABLE, ("id", "migration_set", "name", "applied_at"))
    applied = applied_migrations(db)
    if any(name not in MIGRATION_NAMES for name in applied):
        raise _Unreadable("made by a newer Tutti (it holds changes this Tutti does not know)")
    if tuple(applied) != MIGRATION_NAMES[:version]:
        raise _Unreadable("damaged: its file format version does not match its tables")
    upgraded = version < SCHEMA_VERSION
    if upgraded:
        migrate(db)
    _check_tables(connection)
    try:
        _check_cells(connection)
    except _Unreadable as error:
        raise _Unreadable(f"damaged: {error}") from None
    _check_bounds(connection)
    plan = _read_plan(connection)
    return plan, upgraded, read_history(connection, plan)


def _refuse_code(connection: sqlite3.Connection) -> None:
    """Refuse anything in the schema that could run code or loop when touched: Tutti files never have it."""
    for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master"):
        if kind in ("trigger", "view"):
            raise _Unreadable(f"refused: it contains a {kind} ('{shown(name)}'), which Tutti files never have")
        if kind == "table" and isinstance(sql, str) and sql.lstrip().upper().startswith("CREATE VIRTUAL"):
            raise _Unreadable(f"refused: it contains a virtual table ('{shown(name)}'), which Tutti files never have")
        # integrity_check would compute generated columns, which can take seconds each.
        computed = kind == "table" and connection.execute(
            "SELECT name FROM pragma_table_xinfo(?) WHERE hidden != 0", [name]).fetchone()
        if computed:
            raise _Unreadable(f"refused: it contains a computed column ('{shown(computed[0])}'), "
                              "which Tutti files never have")


def _check_tables(connection: sqlite3.Connection) -> None:
    """Foreign tables are refused rather than ignored: saving would silently drop what they hold."""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for name in sorted(tables - set(COLUMNS) - set(HISTORY_COLUMNS) - INTERNAL_TABLES):
        raise _Unreadable(f"refused: it contains a table Tutti does not know ('{shown(name)}')")
    for name, columns in COLUMNS.items():
        if name not in tables:
            raise _Unreadable(f"damaged: the table '{name}' is missing")
        _check_columns(connection, name, columns)


def _check_columns(connection: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> None:
    found = connection.execute(f'SELECT name, hidden FROM pragma_table_xinfo("{table}")').fetchall()
    if sorted(name for name, _ in found) != sorted(columns) or any(hidden for _, hidden in found):
        raise _Unreadable(f"damaged: the table '{table}' does not have the columns Tutti expects")


# Reading rows: every cell is checked in SQL first, since a hostile file can hold any type in any column.

_ASCII_DATE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
CELL_KINDS = {
    "text": "typeof({c}) = 'text'",
    "optional text": "typeof({c}) IN ('text', 'null')",
    "whole number": "typeof({c}) = 'integer'",
    "number": "typeof({c}) IN ('integer', 'real') AND abs({c}) <= 1.7976931348623157e308",
    "optional number": "{c} IS NULL OR typeof({c}) IN ('integer', 'real') AND abs({c}) <= 1.7976931348623157e308",
    "date": f"{{c}} IS NULL OR typeof({{c}}) = 'text' AND {{c}} GLOB '{_ASCII_DATE}'",
    "day": f"typeof({{c}}) = 'text' AND {{c}} GLOB '{_ASCII_DATE}'",
    "time": f"typeof({{c}}) = 'text' AND {{c}} GLOB '{_ASCII_DATE}T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'",
}
CELL_MEANINGS = {
    "text": "is not text", "optional text": "is not text", "whole number": "is not a whole number",
    "number": "is not a finite number", "optional number": "is not a finite number",
    "date": "is not a date YYYY-MM-DD", "day": "is not a date YYYY-MM-DD", "time": "is not a UTC time YYYY-MM-DDTHH:MM:SSZ",
}
COLUMN_KINDS = {
    "id": "text", "position": "whole number", "name": "text", "description": "text", "lead": "text",
    "headcount": "whole number", "capacity": "number", "color": "text", "created": "time", "modified": "time",
    "category": "text", "team": "text", "skill": "text", "level": "whole number", "people": "whole number",
    "parent": "optional text", "owner": "optional text", "metric": "text", "unit": "text",
    "baseline": "optional number", "target": "optional number", "deadline": "date", "status": "text",
    "start": "date", "duration": "whole number", "effort": "optional number", "initiative": "optional text",
    "goal": "text", "role": "text", "before": "text", "after": "text", "lag": "whole number", "from_team": "text",
    "to_team": "text", "what": "text", "due": "date",
    "workdays": "optional text", "country": "optional text", "subdivision": "optional text", "day": "day",
    "department": "text", "first_day": "day", "last_day": "day", "a": "text", "b": "text", "mode": "text",
    "until": "date", "status_date": "date", "progress": "whole number", "actual_start": "date",
    "actual_finish": "date", "value": "number", "note": "text", "gate_goal": "optional text",
    "threshold": "optional number", "decide_by": "date", "decision": "text", "decided": "date", "decided_by": "text",
    "set_at": "time", "baseline_position": "whole number", "finish": "day",
}


def _check_cells(connection: sqlite3.Connection) -> None:
    """Check the type of every cell Tutti reads, in SQL, which is far faster than in Python."""
    for table, columns in COLUMNS.items():
        checks = " ".join(
            f"WHEN NOT ({CELL_KINDS[_kind(table, c)].format(c=_quoted(c))}) THEN {n}" for n, c in enumerate(columns)
        )
        query = f'SELECT bad FROM (SELECT CASE {checks} END AS bad FROM "{table}") WHERE bad IS NOT NULL LIMIT 1'
        if (bad := connection.execute(query).fetchone()) is not None:
            column = columns[bad[0]]
            raise _Unreadable(f"in the table '{table}', a {column} {CELL_MEANINGS[_kind(table, column)]}")


def _check_bounds(connection: sqlite3.Connection) -> None:
    """Refuse what no person types and no window can show quickly: texts and link lists beyond the plan limits."""
    for table, columns in COLUMNS.items():
        texts = [c for c in columns if _kind(table, c) in ("text", "optional text")]
        if not texts:
            continue
        longest = " OR ".join(f"length({_quoted(c)}) > {longest_text(c)}" for c in texts)
        row = connection.execute(f'SELECT {", ".join(map(_quoted, texts))} FROM "{table}" WHERE {longest} LIMIT 1')
        for column, value in zip(texts, row.fetchone() or ()):
            if isinstance(value, str) and len(value) > longest_text(column):
                raise _Unreadable(f"refused: in the table '{table}', a {column} is longer than "
                                  f"{longest_text(column):,} characters, the most a Tutti plan holds")
    for table, field, _ in LINK_TABLES:
        query = f'SELECT 1 FROM "{table}" GROUP BY "initiative" HAVING count(*) > {MAX_LINKS} LIMIT 1'
        if connection.execute(query).fetchone() is not None:
            raise _Unreadable(f"refused: an initiative has more than {MAX_LINKS:,} {field} in the table '{table}', "
                              "the most a Tutti plan holds")
    if connection.execute(f'SELECT 1 FROM "team_days_off" GROUP BY "team" HAVING count(*) > {MAX_LINKS} LIMIT 1'
                          ).fetchone() is not None:
        raise _Unreadable(f"refused: a team has more than {MAX_LINKS:,} stretches of days off, the most a Tutti plan holds")
    if connection.execute(f'SELECT 1 FROM "goal_checkins" GROUP BY "goal" HAVING count(*) > {MAX_LINKS} LIMIT 1'
                          ).fetchone() is not None:
        raise _Unreadable(f"refused: a goal has more than {MAX_LINKS:,} check-ins, the most a Tutti plan holds")
    if connection.execute('SELECT count(*) FROM "baselines"').fetchone()[0] > MAX_LINKS:
        raise _Unreadable(f"refused: the plan keeps more than {MAX_LINKS:,} baselines, the most a Tutti plan holds")
    if connection.execute('SELECT count(*) FROM "closed_days"').fetchone()[0] > MAX_CLOSED_DAYS:
        raise _Unreadable(f"refused: the calendar has more than {MAX_CLOSED_DAYS:,} closed days, "
                          "the most a Tutti plan holds")


def _kind(table: str, column: str) -> str:
    return "whole number" if (table, column) == ("project", "id") else COLUMN_KINDS[column]


def _rows(connection: sqlite3.Connection, table: str, columns: tuple[str, ...], order: str):
    """Values of the given columns in display order; `_check_cells` has checked their types."""
    selected = ", ".join(
        f"CAST({_quoted(c)} AS REAL)" if COLUMN_KINDS[c] in ("number", "optional number") else _quoted(c)
        for c in columns
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
                raise _Unreadable(f"damaged: in the table '{table}', a date does not exist ('{row[n]}')") from None
    return row


def _quoted(column: str) -> str:
    return f'"{column}"'


def _read_plan(connection: sqlite3.Connection) -> Plan:
    plan = Plan()
    closed = tuple(day for (day,) in _rows(connection, "closed_days", ("day",), '"position", "day"'))
    for name, description, start, workdays, country, subdivision, status_date in _rows(
        connection, "project", PROJECT_COLUMNS, "id LIMIT 1"
    ):
        calendar = None
        if workdays is not None:
            calendar = WorkCalendar(workdays=_weekdays(workdays), country=country, subdivision=subdivision,
                                    closed=closed)
        plan.project = Project(name=name, description=description, start=start, calendar=calendar,
                               status_date=status_date, baselines=_read_baselines(connection))
    checkins: dict[str, list[CheckIn]] = {}
    for goal, day, value, note in _rows(connection, "goal_checkins", ("goal", "day", "value", "note"),
                                        '"goal", "position"'):
        checkins.setdefault(goal, []).append(CheckIn(day, value, note))
    gates = {initiative: Gate(goal=goal, threshold=threshold, decide_by=decide_by, decision=decision,
                              decided=decided, by=by, note=note)
             for initiative, goal, threshold, decide_by, decision, decided, by, note
             in _rows(connection, "gates", ("initiative", *GATE_COLUMNS), '"initiative"')}
    days_off: dict[str, list[DayOff]] = {}
    for team, first, last in _rows(connection, "team_days_off", ("team", "first_day", "last_day"),
                                   '"team", "position"'):
        days_off.setdefault(team, []).append(DayOff(first, last))

    links: dict[str, dict[str, list]] = {}
    for table, field, make in LINK_TABLES:
        items = links[field] = {}
        for initiative, *values in _rows(connection, table, ("initiative", *LINK_COLUMNS[table]),
                                         '"initiative", "position"'):
            items.setdefault(initiative, []).append(make(*values))

    for table, kind in ENTITY_TABLES:
        fields = tuple(c for c in COLUMNS[table] if c != "position")
        entities = plan.table(table)
        key = attrgetter("key") if "id" not in fields else attrgetter("id")
        order = ", ".join(_quoted(c) for c in ("position", *(f for f in ("id", "team", "skill", "before", "after")
                                                               if f in fields)))
        for values in _rows(connection, table, fields, order):
            arguments = dict(zip(fields, values))
            if kind is Initiative:
                arguments.update((field, tuple(items.get(arguments["id"], ()))) for field, items in links.items())
                arguments["gate"] = gates.get(arguments["id"])
            if kind is Team:
                arguments["days_off"] = tuple(days_off.get(arguments["id"], ()))
            if kind is Goal:
                arguments["checkins"] = tuple(checkins.get(arguments["id"], ()))
            entity = kind(**arguments)
            if key(entity) in entities:
                raise _Unreadable(f"damaged: the table '{table}' holds the same row twice")
            entities[key(entity)] = entity

    for field, items in links.items():
        if not items.keys() <= plan.initiatives.keys():
            raise _Unreadable(f"damaged: initiative {field} refer to an initiative that is not in the file")
    if not days_off.keys() <= plan.teams.keys():
        raise _Unreadable("damaged: days off refer to a team that is not in the file")
    if not checkins.keys() <= plan.goals.keys() or not gates.keys() <= plan.initiatives.keys():
        raise _Unreadable("damaged: check-ins or gates refer to a goal or initiative that is not in the file")
    return plan


def _read_baselines(connection: sqlite3.Connection) -> tuple[Baseline, ...]:
    finishes: dict[int, list] = {}
    for position, initiative, finish in _rows(connection, "baseline_finishes",
                                              ("baseline_position", "initiative", "finish"),
                                              '"baseline_position", rowid'):
        finishes.setdefault(position, []).append((initiative, finish))
    return tuple(Baseline(name=name, set=set_at, finishes=tuple(finishes.get(position, ())))
                 for position, name, set_at in _rows(connection, "baselines", ("position", "name", "set_at"),
                                                     '"position"'))


def _weekdays(text: str) -> tuple[int, ...]:
    """The stored weekdays "0,1,2,3,4" (empty: none) as numbers."""
    days = text.split(",") if text else []
    if any(day not in "0123456" or len(day) != 1 for day in days) or len(set(days)) != len(days):
        raise _Unreadable("damaged: the calendar's weekdays are not weekdays")
    return tuple(sorted(int(day) for day in days))


# Writing


def plan_to_sqlite_bytes(plan: Plan, name: str | os.PathLike = "<memory>", history: History | None = None) -> bytes:
    """The complete .tutti file for a plan (and its history), built in memory; FileError names `name`."""
    connection = _sealable_database()
    try:
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_CELL_BYTES)
        from sqlite_utils import Database

        db = Database(connection, recursive_triggers=False, execute_plugins=False)
        migrate(db)
        with db.atomic():
            for table, columns, rows in _plan_rows(plan, history):
                names = ", ".join(_quoted(c) for c in columns)
                marks = ", ".join("?" for _ in columns)
                connection.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        # What Tutti writes, Tutti must read back: refuse to save a value the reader would refuse.
        _check_cells(connection)
        _check_bounds(connection)
        # Rows arrive in display order, not key order, which leaves key-ordered tables' pages half full.
        connection.execute("VACUUM")
        data = bytearray(connection.serialize())
        _seal(data, _check_header(data))
        return bytes(data)
    except _Unreadable as error:
        raise FileError(name, f"cannot be saved: {error}") from None
    except (sqlite3.Error, OverflowError, UnicodeEncodeError, TypeError) as error:
        raise FileError(name, f"cannot be saved: {' '.join(str(error).split())[:200]}") from None
    finally:
        connection.close()


def _sealable_database() -> sqlite3.Connection:
    """An empty in-memory database whose pages keep CHECKSUM_BYTES free at their end for `_seal`."""
    connection = sqlite3.connect(":memory:")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    page = bytearray(connection.serialize())
    # The header's reserved-space byte, and where the empty first page's cell content starts (its usable end).
    page[20] = CHECKSUM_BYTES
    page[105:107] = (len(page) - CHECKSUM_BYTES).to_bytes(2, "big")
    connection.deserialize(bytes(page))
    return connection


def _plan_rows(plan: Plan, history: History | None = None):
    """(table, columns, rows) for every table, rows in display order, then the history's."""
    project = plan.project
    calendar = project.calendar
    settings = (None, None, None) if calendar is None else (
        ",".join(str(day) for day in calendar.workdays), calendar.country, calendar.subdivision)
    yield "project", ("id", *PROJECT_COLUMNS), [(1, project.name, project.description, _stored(project.start),
                                                 *settings, _stored(project.status_date))]
    yield "baselines", COLUMNS["baselines"], [(position, b.name, b.set)
                                              for position, b in enumerate(project.baselines)]
    yield "baseline_finishes", COLUMNS["baseline_finishes"], [
        (position, initiative, _stored(finish))
        for position, b in enumerate(project.baselines) for initiative, finish in b.finishes
    ]
    closed = calendar.closed if calendar is not None else ()
    yield "closed_days", ("day", "position"), [(_stored(day), position) for position, day in enumerate(closed)]
    yield "team_days_off", COLUMNS["team_days_off"], [
        (team.id, position, _stored(off.start), _stored(off.end))
        for team in plan.teams.values() for position, off in enumerate(team.days_off)
    ]
    for table, _ in ENTITY_TABLES:
        fields = tuple(c for c in COLUMNS[table] if c != "position")
        dates = [n for n, f in enumerate(fields) if f in DATE_COLUMNS]
        rows = []
        for position, entity in enumerate(plan.table(table).values()):
            row = [getattr(entity, f) for f in fields]
            for n in dates:
                row[n] = _stored(row[n])
            rows.append((position, *row))
        yield table, ("position", *fields), rows
    yield "goal_checkins", COLUMNS["goal_checkins"], [
        (goal.id, position, _stored(c.date), c.value, c.note)
        for goal in plan.goals.values() for position, c in enumerate(goal.checkins)
    ]
    yield "gates", COLUMNS["gates"], [
        (i.id, g.goal, g.threshold, _stored(g.decide_by), g.decision, _stored(g.decided), g.by, g.note)
        for i in plan.initiatives.values() if (g := i.gate) is not None
    ]
    for table, field, _ in LINK_TABLES:
        columns = LINK_COLUMNS[table]
        rows = [(initiative.id, position, *((item,) if field == "goals" else (getattr(item, c) for c in columns)))
                for initiative in plan.initiatives.values()
                for position, item in enumerate(getattr(initiative, field))]
        yield table, ("initiative", "position", *columns), rows
    if history is not None:
        yield from history_rows(history)


def _stored(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def save_plan(plan: Plan, path: str | os.PathLike, history: History | None = None, author: str | None = None,
              merged: History | None = None) -> History:
    """Write the plan to a .tutti file atomically: the file holds either the old or the new plan, never a mix.

    The save is recorded as a new revision after the head of `history` (the file's history as opened or last
    saved; None starts a new one) by `author` (default: the user logged in), and also after the head of
    `merged` when the plan is a merge. Returns the history now in the file.
    """
    history = recorded(history, plan, author=author or default_author(), merged=merged)
    write_plan(plan, path, history)
    return history


def write_plan(plan: Plan, path: str | os.PathLike, history: History | None) -> None:
    """Write the plan and exactly this history (no new revision) atomically, as `save_plan` does."""
    path = Path(path)
    data = plan_to_sqlite_bytes(plan, path, history)
    if len(data) >= MAX_FILE_BYTES:
        raise FileError(path, f"cannot be saved: the plan is too large ({MAX_FILE_BYTES // 2**20} MB or more)")

    def check(written: bytes) -> None:
        if written != data:
            raise FileError(path, "cannot be saved: the file read back differs from what was written")
        try:
            _verify(written)
        except _Unreadable as error:
            raise FileError(path, f"cannot be saved: the written file does not open ({error})") from None

    write_atomically(path, data, check)


def _verify(data: bytes) -> None:
    """The first steps of opening, enough to know a written file will open: header, schema and integrity."""
    _check_header(data)
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        _refuse_code(connection)
        _check_tables(connection)
        (result,) = connection.execute("PRAGMA integrity_check(1)").fetchone()
        if result != "ok":
            raise _Unreadable("it fails its integrity check")
    except sqlite3.Error as error:
        raise _Unreadable(_sqlite_reason(error, read_budget(len(data)))) from None
    finally:
        connection.close()
