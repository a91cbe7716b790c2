"""The guard for .tutti bytes from anywhere: header, checksums, limits, read deadline, schema and cell checks."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from domain.limits import MAX_CLOSED_DAYS, MAX_LINKS, longest_text
from storage.files import shown
from storage.schema import (
    APPLICATION_ID,
    COLUMNS,
    HISTORY_COLUMNS,
    INITIATIVE_LINKS,
    INTERNAL_TABLES,
    MIGRATION_NAMES,
    MIGRATIONS_TABLE,
    SCHEMA_VERSION,
    applied_migrations,
    column_kind,
    migrate,
    quoted,
)

T = TypeVar("T")

MAX_CELL_BYTES = 64 * 2**20
READ_SECONDS = 5.0  # for the first MB; bigger plans get more (see read_budget)
READ_SECONDS_PER_MB = 0.25
MAX_READ_SECONDS = 60.0
SQLITE_MAGIC = b"SQLite format 3\x00"
CHECKSUM_BYTES = 8
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


class Unreadable(Exception):
    """Why bytes are not a readable plan; becomes a FileError once the file name is known."""


def check_header(data: bytes) -> int:
    """Refuse bytes that are not a Tutti database this version reads; returns the page size."""
    if not data:
        raise Unreadable("not a Tutti file (the file is empty)")
    if not data.startswith(SQLITE_MAGIC):
        raise Unreadable("not a Tutti file")
    if len(data) < 100:
        raise Unreadable("damaged: the file is truncated")
    if int.from_bytes(data[68:72], "big") != APPLICATION_ID:
        raise Unreadable("not a Tutti file (it is an SQLite database from another program)")
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise Unreadable("damaged: the file header is invalid")
    if data[18] not in (1, 2) or data[19] not in (1, 2):
        raise Unreadable("damaged: the file header is invalid")
    pages, extra = divmod(len(data), page_size)
    header_pages = int.from_bytes(data[28:32], "big")
    header_pages_valid = header_pages and data[24:28] == data[92:96]
    if extra or (header_pages_valid and header_pages > pages):
        raise Unreadable("damaged: the file is truncated")
    version = int.from_bytes(data[60:64], "big", signed=True)
    if version > SCHEMA_VERSION:
        raise Unreadable(f"made by a newer Tutti (file format {version}; this Tutti reads up to {SCHEMA_VERSION})")
    if version < 1:
        raise Unreadable("damaged: it has no file format version")
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


def seal(data: bytearray, page_size: int) -> None:
    """Write each page's checksum into the bytes SQLite reserves at the end of every page for such uses."""
    view = memoryview(data)
    for number, start in enumerate(range(0, len(data), page_size), 1):
        view[start + page_size - CHECKSUM_BYTES : start + page_size] = _page_checksum(
            number, view[start : start + page_size]
        )


def _changed_elsewhere(data: bytes, page_size: int) -> bool:
    """True when a page no longer matches the checksum Tutti wrote: another SQLite program changed the file
    (an UPDATE, a VACUUM), or it was damaged in a way the structural checks cannot see. Files without
    checksums (from older Tutti versions) count as unchanged."""
    if data[20] != CHECKSUM_BYTES:
        return False
    view = memoryview(data)
    return any(
        view[start + page_size - CHECKSUM_BYTES : start + page_size]
        != _page_checksum(number, view[start : start + page_size])
        for number, start in enumerate(range(0, len(data), page_size), 1)
    )


def wal_header(data: bytes) -> bool:
    return data[18] == 2 or data[19] == 2


def read_guarded(data: bytes, read: Callable[[sqlite3.Connection], T]) -> tuple[T, list[str]]:
    """`read(connection)` over the checked bytes of a .tutti file, and what the user should be told about them."""
    page_size = check_header(data)
    notices = []
    if _changed_elsewhere(data, page_size):
        notices.append("changed outside Tutti since it was last saved here (it passed every check)")
    if wal_header(data):
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
        upgraded = _check_and_upgrade(connection)
        result = read(connection)
    except sqlite3.Error as error:
        raise Unreadable(_sqlite_reason(error, budget)) from None
    except MemoryError:
        raise Unreadable("too large to read into memory") from None
    except UnicodeDecodeError:
        # Checksums no longer refuse damage up front; the structural checks meet it here instead.
        raise Unreadable("damaged: it holds text that is not valid UTF-8") from None
    finally:
        connection.close()
    if upgraded:
        notices.append("upgraded from an older Tutti; saving will write the new format")
    return result, notices


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


def _check_and_upgrade(connection: sqlite3.Connection) -> bool:
    """Check everything the reader relies on, upgrading an older file in memory; True when it was upgraded."""
    refuse_code(connection)
    (result,) = connection.execute("PRAGMA integrity_check(1)").fetchone()
    if result != "ok":
        raise Unreadable("damaged: the database fails its integrity check")
    from sqlite_utils import Database  # here, not at the top: the window shows before sqlite-utils loads

    db = Database(connection, recursive_triggers=False, execute_plugins=False)
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if db[MIGRATIONS_TABLE].exists():
        _check_columns(connection, MIGRATIONS_TABLE, ("id", "migration_set", "name", "applied_at"))
    applied = applied_migrations(db)
    if any(name not in MIGRATION_NAMES for name in applied):
        raise Unreadable("made by a newer Tutti (it holds changes this Tutti does not know)")
    if tuple(applied) != MIGRATION_NAMES[:version]:
        raise Unreadable("damaged: its file format version does not match its tables")
    upgraded = version < SCHEMA_VERSION
    if upgraded:
        migrate(db)
    _check_tables(connection)
    try:
        check_cells(connection)
    except Unreadable as error:
        raise Unreadable(f"damaged: {error}") from None
    check_bounds(connection)
    return upgraded


def refuse_code(connection: sqlite3.Connection) -> None:
    """Refuse anything in the schema that could run code or loop when touched: Tutti files never have it."""
    for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master"):
        if kind in ("trigger", "view"):
            raise Unreadable(f"refused: it contains a {kind} ('{shown(name)}'), which Tutti files never have")
        if kind == "table" and isinstance(sql, str) and sql.lstrip().upper().startswith("CREATE VIRTUAL"):
            raise Unreadable(f"refused: it contains a virtual table ('{shown(name)}'), which Tutti files never have")
        # integrity_check would compute generated columns, which can take seconds each.
        computed = (
            kind == "table"
            and connection.execute("SELECT name FROM pragma_table_xinfo(?) WHERE hidden != 0", [name]).fetchone()
        )
        if computed:
            raise Unreadable(
                f"refused: it contains a computed column ('{shown(computed[0])}'), which Tutti files never have"
            )


def _check_tables(connection: sqlite3.Connection) -> None:
    """Foreign tables are refused rather than ignored: saving would silently drop what they hold."""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for name in sorted(tables - set(COLUMNS) - set(HISTORY_COLUMNS) - INTERNAL_TABLES):
        raise Unreadable(f"refused: it contains a table Tutti does not know ('{shown(name)}')")
    for name, columns in COLUMNS.items():
        if name not in tables:
            raise Unreadable(f"damaged: the table '{name}' is missing")
        _check_columns(connection, name, columns)


def _check_columns(connection: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> None:
    found = connection.execute(f'SELECT name, hidden FROM pragma_table_xinfo("{table}")').fetchall()
    if sorted(name for name, _ in found) != sorted(columns) or any(hidden for _, hidden in found):
        raise Unreadable(f"damaged: the table '{table}' does not have the columns Tutti expects")


# Every cell is checked in SQL before it is read, since a hostile file can hold any type in any column.

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
    "text": "is not text",
    "optional text": "is not text",
    "whole number": "is not a whole number",
    "number": "is not a finite number",
    "optional number": "is not a finite number",
    "date": "is not a date YYYY-MM-DD",
    "day": "is not a date YYYY-MM-DD",
    "time": "is not a UTC time YYYY-MM-DDTHH:MM:SSZ",
}


def check_cells(connection: sqlite3.Connection) -> None:
    """Check the type of every cell Tutti reads, in SQL, which is far faster than in Python."""
    for table, columns in COLUMNS.items():
        checks = " ".join(
            f"WHEN NOT ({CELL_KINDS[column_kind(table, c)].format(c=quoted(c))}) THEN {n}"
            for n, c in enumerate(columns)
        )
        query = f'SELECT bad FROM (SELECT CASE {checks} END AS bad FROM "{table}") WHERE bad IS NOT NULL LIMIT 1'
        if (bad := connection.execute(query).fetchone()) is not None:
            column = columns[bad[0]]
            raise Unreadable(f"in the table '{table}', a {column} {CELL_MEANINGS[column_kind(table, column)]}")


def check_bounds(connection: sqlite3.Connection) -> None:
    """Refuse what no person types and no window can show quickly: texts and link lists beyond the plan limits."""
    for table, columns in COLUMNS.items():
        texts = [c for c in columns if column_kind(table, c) in ("text", "optional text")]
        if not texts:
            continue
        longest = " OR ".join(f"length({quoted(c)}) > {longest_text(c)}" for c in texts)
        row = connection.execute(f'SELECT {", ".join(map(quoted, texts))} FROM "{table}" WHERE {longest} LIMIT 1')
        for column, value in zip(texts, row.fetchone() or ()):
            if isinstance(value, str) and len(value) > longest_text(column):
                raise Unreadable(
                    f"refused: in the table '{table}', a {column} is longer than "
                    f"{longest_text(column):,} characters, the most a Tutti plan holds"
                )
    for table, field in INITIATIVE_LINKS.items():
        query = f'SELECT 1 FROM "{table}" GROUP BY "initiative" HAVING count(*) > {MAX_LINKS} LIMIT 1'
        if connection.execute(query).fetchone() is not None:
            raise Unreadable(
                f"refused: an initiative has more than {MAX_LINKS:,} {field} in the table '{table}', "
                "the most a Tutti plan holds"
            )
    if (
        connection.execute(
            f'SELECT 1 FROM "team_days_off" GROUP BY "team" HAVING count(*) > {MAX_LINKS} LIMIT 1'
        ).fetchone()
        is not None
    ):
        raise Unreadable(
            f"refused: a team has more than {MAX_LINKS:,} stretches of days off, the most a Tutti plan holds"
        )
    if (
        connection.execute(
            f'SELECT 1 FROM "goal_checkins" GROUP BY "goal" HAVING count(*) > {MAX_LINKS} LIMIT 1'
        ).fetchone()
        is not None
    ):
        raise Unreadable(f"refused: a goal has more than {MAX_LINKS:,} check-ins, the most a Tutti plan holds")
    if connection.execute('SELECT count(*) FROM "baselines"').fetchone()[0] > MAX_LINKS:
        raise Unreadable(f"refused: the plan keeps more than {MAX_LINKS:,} baselines, the most a Tutti plan holds")
    if connection.execute('SELECT count(*) FROM "closed_days"').fetchone()[0] > MAX_CLOSED_DAYS:
        raise Unreadable(
            f"refused: the calendar has more than {MAX_CLOSED_DAYS:,} closed days, the most a Tutti plan holds"
        )


def verify_written(data: bytes) -> None:
    """The first steps of opening, enough to know a written file will open: header, schema and integrity."""
    check_header(data)
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        refuse_code(connection)
        _check_tables(connection)
        (result,) = connection.execute("PRAGMA integrity_check(1)").fetchone()
        if result != "ok":
            raise Unreadable("it fails its integrity check")
    except sqlite3.Error as error:
        raise Unreadable(_sqlite_reason(error, read_budget(len(data)))) from None
    finally:
        connection.close()
