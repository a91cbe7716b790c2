"""The same plan opened twice is noticed, and a lock left by a crashed window does not get in the way."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from storage.locking import FileLock, LockBlocked, lock_path
from storage.project_file import FileError

ROOT = Path(__file__).resolve().parents[2]
HOLD = "import sys; from storage.locking import FileLock; FileLock().acquire(sys.argv[1]); print('locked', flush=True); sys.stdin.read()"


def _holder(document: Path) -> subprocess.Popen:
    """Another Tutti process that holds the document's lock until its stdin closes."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(document)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout.readline() == "locked\n"
    return process


def test_a_second_window_on_the_same_file_is_told_who_has_it_open(tmp_path):
    document = tmp_path / "plan.tutti"
    first = FileLock()
    assert first.acquire(document)
    assert lock_path(document) == tmp_path / ".~lock.plan.tutti#" and lock_path(document).exists()
    with pytest.raises(FileError) as error:
        FileLock().acquire(document)
    assert str(error.value) == (
        f"{document}: already open in another Tutti window (process {os.getpid()} on {socket.gethostname()})"
    )
    first.release()
    assert not lock_path(document).exists()
    second = FileLock()
    assert second.acquire(document)
    second.release()


def test_a_lock_held_by_another_process_is_respected_and_freed_when_that_process_is_killed(tmp_path):
    document = tmp_path / "plan.tutti"
    holder = _holder(document)
    try:
        with pytest.raises(FileError, match=f"already open in another Tutti window \\(process {holder.pid} on "):
            FileLock().acquire(document)
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate()
    assert lock_path(document).exists()  # left behind by the crash, and stale
    lock = FileLock()
    assert lock.acquire(document)
    assert lock_path(document).read_text().split("\n")[:2] == [str(os.getpid()), socket.gethostname()]
    lock.release()


def test_a_symlink_and_its_target_are_the_same_document(tmp_path):
    document = tmp_path / "plan.tutti"
    (tmp_path / "link.tutti").symlink_to(document)
    lock = FileLock()
    lock.acquire(tmp_path / "link.tutti")
    with pytest.raises(FileError):
        FileLock().acquire(document)
    lock.release()


# The lock file arrives with the plan (a zip, a shared folder): it is untrusted too.


def _blocked_and_left_alone(document: Path) -> None:
    with pytest.raises(LockBlocked) as error:
        FileLock().acquire(document)
    assert str(error.value) == (
        f"{document}: .~lock.plan.tutti# beside it is not a Tutti lock file, so Tutti cannot tell whether "
        "another window has the plan open; it was left alone"
    )


def test_a_planted_symlink_at_the_lock_name_is_never_followed(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    folder = tmp_path / "mail" / "plan"
    folder.mkdir(parents=True)
    (folder / ".~lock.plan.tutti#").symlink_to("../../notes.txt")
    _blocked_and_left_alone(folder / "plan.tutti")
    assert notes.read_text() == "my notes\n"
    assert (folder / ".~lock.plan.tutti#").is_symlink()


def test_a_dangling_symlink_at_the_lock_name_creates_nothing(tmp_path):
    (tmp_path / ".~lock.plan.tutti#").symlink_to(tmp_path / "created-by-tutti.txt")
    _blocked_and_left_alone(tmp_path / "plan.tutti")
    assert not (tmp_path / "created-by-tutti.txt").exists()


def test_a_hard_link_at_the_lock_name_is_not_written(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    os.link(notes, tmp_path / ".~lock.plan.tutti#")
    _blocked_and_left_alone(tmp_path / "plan.tutti")
    assert notes.read_text() == "my notes\n"


def test_a_named_pipe_or_a_folder_at_the_lock_name_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / ".~lock.plan.tutti#")
    _blocked_and_left_alone(tmp_path / "plan.tutti")
    (tmp_path / ".~lock.plan.tutti#").unlink()
    (tmp_path / ".~lock.plan.tutti#").mkdir()
    _blocked_and_left_alone(tmp_path / "plan.tutti")


def test_a_stale_lock_file_from_a_zip_is_reused_without_harm(tmp_path):
    (tmp_path / ".~lock.plan.tutti#").write_text("4242\nsomeone-else\n")
    lock = FileLock()
    assert lock.acquire(tmp_path / "plan.tutti")
    lock.release()
    assert not lock_path(tmp_path / "plan.tutti").exists()


def test_where_the_system_cannot_lock_the_lock_is_skipped_and_nothing_is_written(tmp_path, monkeypatch):
    import portalocker

    def no_lock_manager(*args, **kwargs):
        raise portalocker.LockException(OSError(errno.ENOLCK, "No locks available"))

    monkeypatch.setattr(portalocker, "lock", no_lock_manager)
    lock = FileLock()
    assert lock.acquire(tmp_path / "plan.tutti") is False
    assert lock.unsupported and not lock.held
    lock.release()
    assert list(tmp_path.iterdir()) == []
