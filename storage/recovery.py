"""Copies of unsaved work, written every few seconds, so that a crash loses almost nothing.

Each open document has a session: `<session>.tutti` (the plan, written with the same atomic save
as any plan file, so a crash mid-write leaves the previous copy whole) and `<session>.json` (the
file it belongs to, and the process that writes it). A live session holds a FileLock on its copy,
so `pending` offers only the copies of sessions whose window has gone; where the system cannot lock
files, copies are written all the same and a copy counts as live while its process runs.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from domain.plan import Plan
from storage.files import FileError, write_atomically
from storage.locking import FileInUse, FileLock, LockBlocked


@dataclass(frozen=True)
class RecoveryEntry:
    """A recovery copy left by a window that is gone."""

    path: Path
    original: Path | None
    saved_at: datetime
    session: str

    def original_is_newer(self) -> bool:
        """True when the original file was saved after this copy was written: restoring into it would
        discard what was saved since."""
        try:
            return self.original is not None and self.original.stat().st_mtime > self.saved_at.timestamp()
        except OSError:
            return False


class RecoveryStore:
    """The recovery copies in one folder; this store writes the copy of one session (one open document).

    `write` is meant to run in a background thread: pass it a copy of the plan (`plan.copy()`),
    which is cheap, so that edits meanwhile cannot change it mid-write.
    """

    def __init__(self, directory: str | os.PathLike, session: str | None = None):
        self.directory = Path(directory)
        self.session = session or os.urandom(16).hex()  # as unique as a uuid4, without loading uuid at start
        self._lock = FileLock()
        self._original: str | None = None
        self._busy = threading.Lock()

    @property
    def _copy(self) -> Path:
        return self.directory / f"{self.session}.tutti"

    def write(self, plan: Plan, original: str | os.PathLike | None = None) -> None:
        """Replace this session's recovery copy with `plan`, atomically. Raises FileError."""
        with self._busy:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not self._lock.held and not self._lock.unsupported:
                try:
                    self._lock.acquire(self._copy)
                except LockBlocked:
                    pass  # something odd at the lock's name: the copy matters more than the lock
            original = None if original is None else str(Path(original).absolute())
            if original != self._original or not self._copy.with_suffix(".json").exists():
                writer = {"pid": os.getpid(), "host": socket.gethostname()}
                about = json.dumps({"original": original, **writer}).encode()
                write_atomically(self._copy.with_suffix(".json"), about)
                self._original = original
            from storage.project_file import save_plan  # (sqlite3 and history) loaded after the window shows

            save_plan(plan, self._copy)

    def pending(self) -> list[RecoveryEntry]:
        """The copies left by windows that are gone (crashed or killed), newest first."""
        entries = []
        for path in self.directory.glob("*.tutti"):
            session = path.stem
            if session == self.session or _in_use(path, _about(path.with_suffix(".json"))):
                continue
            try:
                saved_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            except OSError:
                continue
            entries.append(RecoveryEntry(path, _original(_about(path.with_suffix(".json"))), saved_at, session))
        return sorted(entries, key=lambda entry: entry.saved_at, reverse=True)

    def adopt(self, other: str | os.PathLike) -> None:
        """Move into this store the copies another folder holds for windows that are gone (where an
        earlier Tutti kept them), so that an upgrade never hides work from before it."""
        if Path(other) == self.directory or not Path(other).is_dir():
            return
        for entry in RecoveryStore(other).pending():
            self.directory.mkdir(parents=True, exist_ok=True)
            for path in (entry.path, entry.path.with_suffix(".json")):
                if path.is_file() and not path.is_symlink():
                    shutil.move(path, self.directory / path.name)

    def load(self, entry: RecoveryEntry) -> Plan:
        """The plan in a recovery copy. Raises FileError."""
        from storage.project_file import open_plan

        return open_plan(entry.path).plan

    def discard(self, entry: RecoveryEntry | str | None = None) -> None:
        """Delete a recovery copy: the given entry or session, or this store's own session (then stop locking)."""
        session = self.session if entry is None else entry if isinstance(entry, str) else entry.session
        with self._busy:
            copy = self.directory / f"{session}.tutti"
            for path in (copy, copy.with_suffix(".json"), *self.directory.glob(f".{copy.name}.*.saving")):
                path.unlink(missing_ok=True)
            if session == self.session:
                self._lock.release()
                self._original = None


def _in_use(copy: Path, about: dict) -> bool:
    probe = FileLock()
    try:
        held = probe.acquire(copy)
    except FileInUse:
        return True
    except FileError:
        held = False
    if held:
        probe.release()
        return False
    return about.get("host") == socket.gethostname() and _running(about.get("pid"))


def _running(pid) -> bool:
    """Whether a process of this computer still runs (where the lock could not tell)."""
    if not isinstance(pid, int) or pid <= 0 or os.name == "nt":  # Windows always locks; os.kill would end it
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _about(path: Path) -> dict:
    try:
        about = json.loads(path.read_bytes()[:100_000])
    except (OSError, ValueError):
        return {}
    return about if isinstance(about, dict) else {}


def _original(about: dict) -> Path | None:
    original = about.get("original")
    return Path(original) if isinstance(original, str) else None
