"""The same plan opened twice is noticed, and a lock left by a crashed window does not get in the way."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from storage.locking import FileLock, lock_path
from storage.project_file import FileError

ROOT = Path(__file__).resolve().parents[2]
HOLD = "import sys; from storage.locking import FileLock; FileLock().acquire(sys.argv[1]); print('locked', flush=True); sys.stdin.read()"


def _holder(document: Path) -> subprocess.Popen:
    """Another Tutti process that holds the document's lock until its stdin closes."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(document)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
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
