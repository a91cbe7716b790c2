"""The guard for .tutti bytes from anywhere: header, limits and a deadline, integrity, no code in the schema,
the expected tables and columns, the type of every cell and the plan limits. Nothing here reads the plan."""

from __future__ import annotations

import sqlite3
import time

from domain.limits import MAX_LINKS, longest_text
from storage.files import shown
from storage.schema import (
    APPLICATION_ID,
    COLUMNS,
    INITIATIVE_LINKS,
    INTERNAL_TABLES,
    SCHEMA_VERSION,
    column_kind,
    quoted,
)

MAX_CELL_BYTES = 64 * 2**20
READ_SECONDS = 5.0  # for the first MB; bigger plans get more (see read_budget)
READ_SECONDS_PER_MB = 0.25
MAX_READ_SECONDS = 60.0
SQLITE_MAGIC = b"SQLite format 3\x00"
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


def wal_header(data: bytes) -> bool:
    """True when the header says WAL mode: the file came without (or apart from) its -wal side file."""
    return data[18] == 2 or data[19] == 2


def guarded_connection(data: bytes) -> sqlite3.Connection:
    """An in-memory database of the bytes, with limits and a deadline set before SQLite reads any of them.

    A header in WAL mode is read as what the main file holds, as a rollback-journal database."""
    if wal_header(data):
        data = bytearray(data)
        data[18:20] = b"\x01\x01"
    connection = sqlite3.connect(":memory:")
    try:
        for limit, value in READ_LIMITS.items():
            connection.setlimit(limit, value)
        deadline = time.monotonic() + read_budget(len(data))
        connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
        connection.deserialize(data)
        connection.execute("PRAGMA trusted_schema = OFF")
        connection.execute("PRAGMA cell_size_check = ON")
    except BaseException:
        connection.close()
        raise
    return connection


def read_budget(size: int) -> float:
    """Seconds SQLite may spend checking and reading a file of `size` bytes before it counts as hostile.

    Honest files take well under a second per 10 MB; the budget grows with size so a 50,000-initiative
    plan always opens, while a small file built to make SQLite loop is still stopped in seconds."""
    return min(READ_SECONDS + READ_SECONDS_PER_MB * size / 2**20, MAX_READ_SECONDS)


def sqlite_reason(error: sqlite3.Error, size: int) -> str:
    """Why SQLite stopped reading a file of `size` bytes, in words for the user."""
    message = str(error)
    if message == "interrupted":
        return f"damaged or hostile: reading it took longer than {read_budget(size):.0f} seconds"
    if "too big" in message:
        return f"holds a value larger than Tutti reads ({MAX_CELL_BYTES // 2**20} MB)"
    return f"damaged ({message})"


def check_integrity(
    connection: sqlite3.Connection, damaged: str = "damaged: the database fails its integrity check"
) -> None:
    """SQLite's full integrity check (quick_check misses an index that disagrees with its table)."""
    (result,) = connection.execute("PRAGMA integrity_check(1)").fetchone()
    if result != "ok":
        raise Unreadable(damaged)


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


def check_tables(connection: sqlite3.Connection) -> None:
    """Foreign tables are refused rather than ignored: saving would silently drop what they hold."""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for name in sorted(tables - set(COLUMNS) - INTERNAL_TABLES):
        raise Unreadable(f"refused: it contains a table Tutti does not know ('{shown(name)}')")
    for name, columns in COLUMNS.items():
        if name not in tables:
            raise Unreadable(f"damaged: the table '{name}' is missing")
        check_columns(connection, name, columns)


def check_columns(connection: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> None:
    """Refuse a table whose columns are not exactly `columns` (or that has hidden ones)."""
    found = connection.execute(f'SELECT name, hidden FROM pragma_table_xinfo("{table}")').fetchall()
    if sorted(name for name, _ in found) != sorted(columns) or any(hidden for _, hidden in found):
        raise Unreadable(f"damaged: the table '{table}' does not have the columns Tutti expects")


# Every cell is checked in SQL first, since a hostile file can hold any type in any column.

_ASCII_DATE = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
CELL_KINDS = {
    "text": "typeof({c}) = 'text'",
    "optional text": "typeof({c}) IN ('text', 'null')",
    "whole number": "typeof({c}) = 'integer'",
    "number": "typeof({c}) IN ('integer', 'real') AND abs({c}) <= 1.7976931348623157e308",
    "optional number": "{c} IS NULL OR typeof({c}) IN ('integer', 'real') AND abs({c}) <= 1.7976931348623157e308",
    "date": f"{{c}} IS NULL OR typeof({{c}}) = 'text' AND {{c}} GLOB '{_ASCII_DATE}'",
    "time": f"typeof({{c}}) = 'text' AND {{c}} GLOB '{_ASCII_DATE}T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'",
}
CELL_MEANINGS = {
    "text": "is not text",
    "optional text": "is not text",
    "whole number": "is not a whole number",
    "number": "is not a finite number",
    "optional number": "is not a finite number",
    "date": "is not a date YYYY-MM-DD",
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


def check_written(data: bytes) -> None:
    """The first steps of opening, enough to know a written file will open: header, schema and integrity."""
    check_header(data)
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        refuse_code(connection)
        check_tables(connection)
        check_integrity(connection, "it fails its integrity check")
    except sqlite3.Error as error:
        raise Unreadable(sqlite_reason(error, len(data))) from None
    finally:
        connection.close()
