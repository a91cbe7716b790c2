"""Noticing that a plan is already open in another Tutti window, through a lock file beside it.

The lock file `.~lock.<name>#` holds the owner's process id and host name, for the message only.
Whether it is held is decided by an advisory `flock` on it, which the system releases when the
owning process ends in any way (even `kill -9`), so a lock left behind by a crash is never
mistaken for a live one and a reused process id cannot keep a file locked.
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
from pathlib import Path

from storage.project_file import FileError


def lock_path(document: str | os.PathLike) -> Path:
    """The lock file that goes with a document (beside its real target when it is a symlink)."""
    target = Path(os.path.realpath(document))
    return target.with_name(f".~lock.{target.name}#")


class FileLock:
    """Held by the window that has a document open; the command line does not lock."""

    def __init__(self) -> None:
        self._fd: int | None = None
        self._path: Path | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, document: str | os.PathLike) -> bool:
        """Lock the document. Raises FileError when another window holds it.

        Returns False without locking when the lock file cannot be created because nobody may
        write in the document's folder (nobody can save there either, so there is nothing to guard).
        """
        if self._fd is not None:
            raise RuntimeError("this lock already holds a document; release it first")
        path = lock_path(document)
        while True:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            except OSError as error:
                if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    return False
                raise FileError(document, f"cannot create the lock file {path.name} ({error.strerror})") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = os.read(fd, 1000).decode("utf-8", "replace").split("\n")
                os.close(fd)
                pid, host = (owner + ["", ""])[:2]
                who = f" (process {pid} on {host})" if pid.isdigit() and host else ""
                raise FileError(document, f"already open in another Tutti window{who}") from None
            # The holder before us may have deleted the file between our open and our flock: lock the current one.
            try:
                current = os.stat(path)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(current, os.fstat(fd)):
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())
        self._fd, self._path = fd, path
        return True

    def release(self) -> None:
        """Let other windows open the document; safe to call when nothing is held."""
        if self._fd is None:
            return
        try:
            self._path.unlink(missing_ok=True)
        finally:
            os.close(self._fd)
            self._fd = self._path = None
