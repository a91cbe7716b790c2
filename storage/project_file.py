"""Open and save .tutti files: bytes from anywhere pass the guard before the plan is read from them in memory;
a save builds the whole file in memory, checks it opens, and replaces the file atomically (storage/files.py)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from domain.plan import Plan
from storage import untrusted
from storage.files import FileError, is_read_only, read_user_file, write_atomically
from storage.page_checksums import changed_elsewhere, seal, sealable_database
from storage.rows import plan_rows, read_plan
from storage.schema import MIGRATION_NAMES, MIGRATIONS_TABLE, SCHEMA_VERSION, applied_migrations, migrate, quoted
from storage.untrusted import Unreadable

MAX_FILE_BYTES = 256 * 2**20  # a plan of 5,000 initiatives is 8 MB
SIDE_FILES = ("-wal", "-journal")


@dataclass(frozen=True)
class OpenedPlan:
    """A plan read from a file, whether the file can be written, and anything the user should be told."""

    plan: Plan
    path: Path
    read_only: bool
    notice: str | None


# Opening


def open_plan(path: str | os.PathLike, progress: Callable[[int, int], bool] | None = None) -> OpenedPlan:
    """Read a .tutti file. Never writes to it; raises FileError for anything but a readable plan.

    `progress(done, total)` is called while the bytes are read; returning False raises ReadCancelled.
    """
    path = Path(path)
    data = read_user_file(path, MAX_FILE_BYTES, "Tutti file", progress)
    try:
        plan, notices = _load(data)
    except Unreadable as error:
        raise FileError(path, str(error)) from None
    real = Path(os.path.realpath(path))
    side_file = next(
        (real.with_name(real.name + s) for s in SIDE_FILES if _has_content(real.with_name(real.name + s))), None
    )
    read_only = True
    if side_file is not None:
        notices.insert(0, f"opened read-only: another program left unfinished changes in {side_file.name}")
    elif is_read_only(real):
        notices.insert(0, "opened read-only: you cannot write to this file")
    elif not os.access(real.parent, os.W_OK):
        notices.insert(0, "opened read-only: you cannot write to its folder")
    else:
        read_only = False
        if untrusted.wal_header(data):
            notices.append(
                f"another program kept recent changes in {real.name}-wal, which did not come with "
                "the file: recent changes may be missing"
            )
    return OpenedPlan(plan, path, read_only, "; ".join(notices) or None)


def plan_from_sqlite_bytes(data: bytes, name: str | os.PathLike = "<memory>") -> Plan:
    """Read a plan from the bytes of a .tutti file; FileError names `name`."""
    try:
        return _load(data)[0]
    except Unreadable as error:
        raise FileError(name, str(error)) from None


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _load(data: bytes) -> tuple[Plan, list[str]]:
    """The plan in the bytes of a .tutti file, and what the user should be told about it."""
    page_size = untrusted.check_header(data)
    notices = []
    if changed_elsewhere(data, page_size):
        notices.append("changed outside Tutti since it was last saved here (it passed every check)")
    try:
        connection = untrusted.guarded_connection(data)
        try:
            plan, upgraded = _read_checked(connection)
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise Unreadable(untrusted.sqlite_reason(error, len(data))) from None
    except MemoryError:
        raise Unreadable("too large to read into memory") from None
    except UnicodeDecodeError:
        # Checksums no longer refuse damage up front; the structural checks meet it here instead.
        raise Unreadable("damaged: it holds text that is not valid UTF-8") from None
    if upgraded:
        notices.append("upgraded from an older Tutti; saving will write the new format")
    return plan, notices


def _read_checked(connection: sqlite3.Connection) -> tuple[Plan, bool]:
    """The plan in a guarded database, upgraded to the current schema first if it is older."""
    untrusted.refuse_code(connection)
    untrusted.check_integrity(connection)
    from sqlite_utils import Database  # here, not at the top: the window shows before sqlite-utils loads

    db = Database(connection, recursive_triggers=False, execute_plugins=False)
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if db[MIGRATIONS_TABLE].exists():
        untrusted.check_columns(connection, MIGRATIONS_TABLE, ("id", "migration_set", "name", "applied_at"))
    applied = applied_migrations(db)
    if any(name not in MIGRATION_NAMES for name in applied):
        raise Unreadable("made by a newer Tutti (it holds changes this Tutti does not know)")
    if tuple(applied) != MIGRATION_NAMES[:version]:
        raise Unreadable("damaged: its file format version does not match its tables")
    upgraded = version < SCHEMA_VERSION
    if upgraded:
        migrate(db)
    untrusted.check_tables(connection)
    try:
        untrusted.check_cells(connection)
    except Unreadable as error:
        raise Unreadable(f"damaged: {error}") from None
    untrusted.check_bounds(connection)
    return read_plan(connection), upgraded


# Saving


def plan_to_sqlite_bytes(plan: Plan, name: str | os.PathLike = "<memory>") -> bytes:
    """The complete .tutti file for a plan, built in memory through sqlite-utils; FileError names `name`."""
    connection = sealable_database()
    try:
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, untrusted.MAX_CELL_BYTES)
        from sqlite_utils import Database

        db = Database(connection, recursive_triggers=False, execute_plugins=False)
        migrate(db)
        with db.atomic():
            for table, columns, rows in plan_rows(plan):
                names = ", ".join(quoted(c) for c in columns)
                marks = ", ".join("?" for _ in columns)
                connection.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        # What Tutti writes, Tutti must read back: refuse to save a value the reader would refuse.
        untrusted.check_cells(connection)
        untrusted.check_bounds(connection)
        data = bytearray(connection.serialize())
        seal(data, untrusted.check_header(data))
        return bytes(data)
    except Unreadable as error:
        raise FileError(name, f"cannot be saved: {error}") from None
    except (sqlite3.Error, OverflowError, UnicodeEncodeError, TypeError) as error:
        raise FileError(name, f"cannot be saved: {' '.join(str(error).split())[:200]}") from None
    finally:
        connection.close()


def save_plan(plan: Plan, path: str | os.PathLike) -> None:
    """Write the plan to a .tutti file atomically: the file holds either the old or the new plan, never a mix."""
    path = Path(path)
    data = plan_to_sqlite_bytes(plan, path)
    if len(data) >= MAX_FILE_BYTES:
        raise FileError(path, f"cannot be saved: the plan is too large ({MAX_FILE_BYTES // 2**20} MB or more)")

    def check(written: bytes) -> None:
        if written != data:
            raise FileError(path, "cannot be saved: the file read back differs from what was written")
        try:
            untrusted.check_written(written)
        except Unreadable as error:
            raise FileError(path, f"cannot be saved: the written file does not open ({error})") from None

    write_atomically(path, data, check)
