"""What every `tutti` command shares: exit codes, the one-line error, reading and writing plan files."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


class CommandError(Exception):
    """A command that cannot go on; the message is one line naming the file and the reason."""


def load(path: Path):
    return open_file(path).plan


def open_file(path: Path):
    from storage.project_file import FileError, open_plan

    try:
        return open_plan(path)
    except FileError as error:
        raise CommandError(str(error)) from None


def refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise CommandError(f"{path}: already exists (use --force to replace it)")


def save(plan, path: Path, history=None, merged=None) -> None:
    """Save a new plan file, its history going on from `history` (and `merged`, for a merge); a plan open in
    a Tutti window is never replaced under it."""
    from storage.project_file import save_plan

    write_locked(path, lambda: save_plan(plan, path, history, merged=merged))


def write_locked(path: Path, write) -> None:
    """Run `write()` holding the file's lock: refused while a Tutti window has the file open."""
    from storage.files import FileError
    from storage.locking import FileInUse, FileLock

    lock = FileLock()
    try:
        lock.acquire(path)
    except FileInUse as error:
        raise CommandError(f"{error}; close it there first") from None
    except FileError:
        pass  # no window can hold this lock either; saving says what is wrong, if anything
    try:
        write()
    except FileError as error:
        raise CommandError(str(error)) from None
    finally:
        lock.release()


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector held off for a command that builds whole plans or documents (tens of thousands
    of small objects, next to no garbage) and does nothing else meanwhile, as Mercurial does for its bulk
    reads: the collector's passes over every live object cost `tutti merge` of two large plans a tenth of its
    time. Only for the main thread of a `tutti` command: work on the window's worker threads leaves it on.
    Used on a command's function, it runs again once the function has let go of its plans."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
