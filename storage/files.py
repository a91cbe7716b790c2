"""Reading files the user names and writing files atomically: the one guard and the one writer for every format.

Every reader of a user-named path (a .tutti plan, JSON, and any import format to come) goes through
`read_user_file`, which refuses anything that is not a regular file and bounds what it reads by stat();
every writer (plan, recovery copy, JSON, PDF) goes through `write_atomically`.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

MAX_MESSAGE = 400  # characters of a message; untrusted text inside it is cut far shorter by `shown`
READ_CHUNK = 2**20
LEFTOVER_SUFFIX = ".saving"


class FileError(Exception):
    """A file that cannot be opened or saved; str() is one line: "<path>: <reason>"."""

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(one_line(f"{path}: {reason}"))


class ReadCancelled(Exception):
    """The user cancelled a read through its progress callback."""


def one_line(message: str) -> str:
    """A message on one line and of a length a message box can show."""
    message = " ".join(message.splitlines())
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def shown(text, limit: int = 60) -> str:
    """A short, printable prefix of untrusted text, to quote in a message."""
    text = str(text)
    return "".join(c if c.isprintable() else "?" for c in text[:limit]) + ("…" if len(text) > limit else "")


def os_reason(error: OSError) -> str:
    return error.strerror.lower() if error.strerror else str(error)


def read_user_file(
    path: str | os.PathLike,
    limit: int,
    what: str = "file",
    progress: Callable[[int, int], bool] | None = None,
) -> bytes:
    """The bytes of a regular file smaller than `limit` bytes; FileError for anything else.

    Never blocks on a named pipe or device and never reads more than `limit` bytes, whatever the
    file claims. `progress(done, total)` returning False raises ReadCancelled.
    """
    path = Path(path)
    too_large = f"too large for a {what} ({limit // 2**20} MB or more)"
    try:
        # O_NONBLOCK so that a named pipe cannot block the open forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise FileError(path, f"is a folder, not a {what}") from None
    except OSError as error:
        raise FileError(path, os_reason(error)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileError(path, f"is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise FileError(path, f"not a {what} (not a regular file)")
        if info.st_size >= limit:
            raise FileError(path, too_large)
        chunks, done = [], 0
        while done < limit:
            if progress is not None and progress(done, info.st_size) is False:
                raise ReadCancelled()
            chunk = os.read(fd, min(READ_CHUNK, limit - done))
            if not chunk:
                break
            chunks.append(chunk)
            done += len(chunk)
    except OSError as error:
        raise FileError(path, os_reason(error)) from None
    finally:
        os.close(fd)
    if done >= limit:
        raise FileError(path, too_large)
    return b"".join(chunks)


def is_read_only(path: Path) -> bool:
    """True when nobody may write the file (a cleared write bit counts, even for an administrator)."""
    try:
        return not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK)
    except OSError:
        return False


def write_atomically(
    path: str | os.PathLike,
    content: bytes | Callable[[BinaryIO], None],
    check: Callable[[bytes], None] | None = None,
) -> None:
    """Replace (or create) the file at `path`: temp file beside it, fsync, check, rename, fsync folder.

    `content` is the bytes, or a function that writes them to a binary stream (it may raise to abandon
    the write). A new file gets the usual permissions (0666 less the umask, applied by the system);
    an existing file keeps its permission bits. A symlink is followed so that its target is replaced;
    a read-only file is refused. `check(bytes_read_back)` may raise FileError to abandon the save.
    Raises FileError for what the system refuses.
    """
    target = Path(os.path.realpath(path))
    folder = target.parent
    try:
        existing = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise FileError(path, os_reason(error)) from None
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise FileError(path, "is a folder")
        if not stat.S_ISREG(existing.st_mode):
            raise FileError(path, "is not a regular file")
        if is_read_only(target):
            raise FileError(path, "the file is read-only")
    if not folder.is_dir():
        raise FileError(path, f"the folder {folder} does not exist")
    remove_leftovers(target)
    # os.urandom(4).hex() is secrets.token_hex(4) without loading hashlib, which would slow the start
    temp = folder / f".{target.name}.{os.urandom(4).hex()}{LEFTOVER_SUFFIX}"
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(temp, flags, 0o666)
    except PermissionError:
        raise FileError(path, f"you cannot write to the folder {folder}") from None
    except OSError as error:
        raise FileError(path, os_reason(error)) from None
    # Locked while in use, so that another Tutti cleaning leftovers beside this file leaves it alone.
    lock_descriptor(fd)
    try:
        try:
            if existing is not None:
                os.chmod(temp, stat.S_IMODE(existing.st_mode))
            with open(fd, "wb", closefd=False) as stream:
                if callable(content):
                    content(stream)
                else:
                    stream.write(content)
            os.fsync(fd)
            if check is not None:
                check(_read_back(fd))
            if os.name == "nt":  # Windows renames no file that is open
                os.close(fd)
                fd = None
            os.replace(temp, target)
        finally:
            if fd is not None:
                os.close(fd)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise FileError(path, os_reason(error)) from None
        raise
    _fsync_folder(folder)


def _read_back(fd: int) -> bytes:
    """What the file now holds, read through the descriptor that wrote it (Windows locks are mandatory)."""
    os.lseek(fd, 0, os.SEEK_SET)
    with open(fd, "rb", closefd=False) as stream:
        return stream.read()


def remove_leftovers(document: str | os.PathLike) -> int:
    """Delete the temp copies a killed save left beside `document`; returns how many.

    Only Tutti's own names (`.NAME.<8 hex>.saving`), only regular files of this user, and only those
    no running save holds locked; anything else is left alone.
    """
    target = Path(os.path.realpath(document))
    pattern = re.compile(re.escape(f".{target.name}.") + r"[0-9a-f]{8}" + re.escape(LEFTOVER_SUFFIX))
    removed = 0
    try:
        names = [name for name in os.listdir(target.parent) if pattern.fullmatch(name)]
    except OSError:
        return 0
    for name in names:
        leftover = target.parent / name
        if os.path.islink(leftover):
            continue
        try:
            fd = os.open(leftover, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            ours = stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and info.st_uid == getattr(os, "getuid", int)()
            if ours and lock_descriptor(fd) is not False and os.path.samestat(info, os.lstat(leftover)):
                if os.name == "nt":  # Windows deletes no open file
                    os.close(fd)
                    fd = None
                leftover.unlink()
                removed += 1
        except OSError:
            pass
        finally:
            if fd is not None:
                os.close(fd)
    return removed


def lock_descriptor(fd: int) -> bool | None:
    """Take an exclusive lock on an open file without waiting: True when taken, False when another
    process holds it, None when this system cannot lock files (a network folder without a lock
    manager, or no locking library). The lock goes with the descriptor and ends when it is closed."""
    try:
        import portalocker
    except ImportError:
        return None
    try:
        portalocker.lock(fd, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING)
    except portalocker.AlreadyLocked:
        return False
    except (portalocker.LockException, OSError):
        return None
    return True


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not every system can open a folder for this."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
