"""Open and save .tutti files: the guard checks untrusted bytes in memory, the rows become a plan and back,
and a save replaces the file atomically."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from domain.history import History, recorded
from domain.plan import Plan
from storage.files import FileError, is_read_only, read_user_file, write_atomically
from storage.history import default_author, read_history
from storage.rows import plan_rows, read_plan
from storage.schema import APPLICATION_ID, migrate, quoted
from storage.untrusted import (
    CHECKSUM_BYTES,
    MAX_CELL_BYTES,
    Unreadable,
    check_bounds,
    check_cells,
    check_header,
    read_guarded,
    seal,
    verify_written,
    wal_header,
)

MAX_FILE_BYTES = 256 * 2**20  # a plan of 5,000 initiatives is 8 MB
SIDE_FILES = ("-wal", "-journal")


@dataclass(frozen=True)
class OpenedPlan:
    """A plan read from a file, whether the file can be written, anything the user should be told, and the
    file's history (None for a file saved before histories, or whose history was damaged)."""

    plan: Plan
    path: Path
    read_only: bool
    notice: str | None
    history: History | None = None


# Opening


def open_plan(path: str | os.PathLike, progress: Callable[[int, int], bool] | None = None) -> OpenedPlan:
    """Read a .tutti file. Never writes to it; raises FileError for anything but a readable plan.

    `progress(done, total)` is called while the bytes are read; returning False raises ReadCancelled.
    """
    path = Path(path)
    data = read_user_file(path, MAX_FILE_BYTES, "Tutti file", progress)
    try:
        plan, notices, history = _load(data)
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
        if wal_header(data):
            notices.append(
                f"another program kept recent changes in {real.name}-wal, which did not come with "
                "the file: recent changes may be missing"
            )
    return OpenedPlan(plan, path, read_only, "; ".join(notices) or None, history)


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


def _load(data: bytes) -> tuple[Plan, list[str], History | None]:
    """The plan in the bytes of a .tutti file, what the user should be told about it, and its history."""

    def read(connection: sqlite3.Connection) -> tuple[Plan, tuple[History | None, str | None]]:
        plan = read_plan(connection)
        return plan, read_history(connection, plan)

    (plan, (history, history_notice)), notices = read_guarded(data, read)
    if history_notice:
        notices.append(history_notice)
    return plan, notices, history


# Writing


def plan_to_sqlite_bytes(plan: Plan, name: str | os.PathLike = "<memory>", history: History | None = None) -> bytes:
    """The complete .tutti file for a plan (and its history), built in memory; FileError names `name`."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(_empty_file())
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_CELL_BYTES)
        with connection:
            for table, columns, rows in plan_rows(plan, history):
                names = ", ".join(quoted(c) for c in columns)
                marks = ", ".join("?" for _ in columns)
                connection.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        # What Tutti writes, Tutti must read back: refuse to save a value the reader would refuse.
        check_cells(connection)
        check_bounds(connection)
        # Rows arrive in display order, not key order, which leaves key-ordered tables' pages half full.
        connection.execute("VACUUM")
        data = bytearray(connection.serialize())
        seal(data, check_header(data))
        return bytes(data)
    except Unreadable as error:
        raise FileError(name, f"cannot be saved: {error}") from None
    except (sqlite3.Error, OverflowError, UnicodeEncodeError, TypeError) as error:
        raise FileError(name, f"cannot be saved: {' '.join(str(error).split())[:200]}") from None
    finally:
        connection.close()


@cache
def _empty_file() -> bytes:
    """An empty .tutti database with every table, its pages keeping CHECKSUM_BYTES free at their end for
    `seal`: made once, as running the migrations for every save costs as much as the rows of a small plan."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        page = bytearray(connection.serialize())
        # The header's reserved-space byte, and where the empty first page's cell content starts (its usable end).
        page[20] = CHECKSUM_BYTES
        page[105:107] = (len(page) - CHECKSUM_BYTES).to_bytes(2, "big")
        connection.deserialize(bytes(page))
        from sqlite_utils import Database

        migrate(Database(connection, recursive_triggers=False, execute_plugins=False))
        return connection.serialize()
    finally:
        connection.close()


def save_plan(
    plan: Plan,
    path: str | os.PathLike,
    history: History | None = None,
    author: str | None = None,
    merged: History | None = None,
) -> History:
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
            verify_written(written)
        except Unreadable as error:
            raise FileError(path, f"cannot be saved: the written file does not open ({error})") from None

    write_atomically(path, data, check)
