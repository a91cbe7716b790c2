"""Noticing that a plan is already open in another Tutti window, through a lock file beside it.

The lock file `.~lock.<name>#` holds the owner's process id and host name, for the message only.
Whether it is held is decided by an advisory lock on it (portalocker: flock on Linux and macOS,
LockFileEx on Windows), which the system releases when the owning process ends in any way (even
`kill -9`), so a lock left behind by a crash is never mistaken for a live one.

The lock file is untrusted like the plan beside it (it may arrive in the same zip): it is never
followed when it is a link, and nothing is written into anything but a regular file of one link.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
from pathlib import Path

from storage.files import FileError, lock_descriptor, shown

NO_LOCKING = "this system cannot lock files here, so another window could open the same file"


class FileInUse(FileError):
    """Another Tutti window has the document open."""


class LockBlocked(FileError):
    """Something that is not a Tutti lock file sits at the lock file's name; it is left alone."""


def lock_path(document: str | os.PathLike) -> Path:
    """The lock file that goes with a document (beside its real target when it is a symlink)."""
    target = Path(os.path.realpath(document))
    return target.with_name(f".~lock.{target.name}#")


class FileLock:
    """Held by the window that has a document open; the command line does not lock.

    After `acquire`, `unsupported` is True when the system could not lock at all (the caller goes on
    without the lock and says so once).
    """

    def __init__(self) -> None:
        self._fd: int | None = None
        self._path: Path | None = None
        self.unsupported = False

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, document: str | os.PathLike) -> bool:
        """Lock the document; True when locked.

        Raises FileInUse when another window holds it and LockBlocked when a link, folder, pipe or
        other foreign thing has the lock file's name. Returns False without locking when nobody may
        write in the document's folder (nobody can save there either) or, with `unsupported` set,
        when the system cannot lock files.
        """
        if self._fd is not None:
            raise RuntimeError("this lock already holds a document; release it first")
        path = lock_path(document)
        for _ in range(10):
            opened = _open_lock_file(document, path)
            if opened is None:
                return False
            fd, created = opened
            taken = lock_descriptor(fd)
            if taken is None:
                # Nothing written: a file we did not make stays as it was, one we made goes.
                if created:
                    path.unlink(missing_ok=True)
                os.close(fd)
                self.unsupported = True
                return False
            if taken is False:
                owner = _read_owner(fd)
                os.close(fd)
                raise FileInUse(document, f"already open in another Tutti window{owner}")
            # The holder before us may have deleted the file between our open and our lock: lock the current one.
            try:
                current = os.lstat(path)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(current, os.fstat(fd)):
                break
            os.close(fd)
        else:
            raise FileInUse(document, "the lock file keeps changing; another program is using it")
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n".encode())
        self._fd, self._path = fd, path
        return True

    def release(self) -> None:
        """Let other windows open the document; safe to call when nothing is held."""
        if self._fd is None:
            return
        fd, path = self._fd, self._path
        self._fd = self._path = None
        if os.name == "nt":  # Windows deletes no open file
            os.close(fd)
            fd = None
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # a stale lock file is harmless: the next window finds it unlocked
        finally:
            if fd is not None:
                os.close(fd)


def _open_lock_file(document, path: Path) -> tuple[int, bool] | None:
    """An open descriptor on the lock file and whether it was created now, or None when the folder is
    not writable."""
    flags = (
        os.O_RDWR
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        if os.path.islink(path):  # O_NOFOLLOW does not exist everywhere
            raise OSError(errno.ELOOP, "a link")
        try:
            fd, created = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o644), True
        except FileExistsError:
            fd, created = os.open(path, flags), False
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and not path.exists():
            return None
        if error.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EACCES, errno.EPERM, errno.EMLINK):
            raise _blocked(document, path) from None
        raise FileError(document, f"cannot create the lock file {path.name} ({error.strerror})") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        raise _blocked(document, path)
    return fd, created


def _blocked(document, path: Path) -> LockBlocked:
    return LockBlocked(
        document,
        f"{shown(path.name)} beside it is not a Tutti lock file, so Tutti cannot tell "
        "whether another window has the plan open; it was left alone",
    )


def _read_owner(fd: int) -> str:
    try:
        owner = os.pread(fd, 1000, 0) if hasattr(os, "pread") else os.read(fd, 1000)
    except OSError:
        return ""
    pid, host = (owner.decode("utf-8", "replace").split("\n") + ["", ""])[:2]
    return f" (process {pid} on {shown(host, 100)})" if pid.isdigit() and len(pid) < 12 and host else ""
