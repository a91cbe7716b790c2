"""The one guard for files the user names and the one atomic writer: no hangs, bounded reads, usual permissions."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import project_file, untrusted
from storage.demo import demo_plan
from storage.exchange import ExchangeError, read_json_file
from storage.files import FileError, ReadCancelled, read_user_file, remove_leftovers, write_atomically
from storage.project_file import save_plan

ROOT = Path(__file__).resolve().parents[2]
# A save in progress in another Tutti: it holds its temp file locked.
HOLD_LOCK = (
    "import sys, fcntl; f = open(sys.argv[1], 'rb'); fcntl.flock(f, fcntl.LOCK_EX); "
    "print('held', flush=True); sys.stdin.read()"
)


def test_a_named_pipe_and_a_device_are_refused_unread_by_every_reader(tmp_path):
    os.mkfifo(tmp_path / "plan.json")  # a blocking open would wait for a writer forever
    for path in (tmp_path / "plan.json", Path("/dev/zero")):
        with pytest.raises(ExchangeError) as error:
            read_json_file(path)
        assert str(error.value) == f"{path}: not a Tutti JSON file (not a regular file)"
        with pytest.raises(FileError) as error:
            project_file.open_plan(path)
        assert error.value.reason == "not a Tutti file (not a regular file)"


def test_the_size_bound_comes_from_stat_and_is_a_strict_upper_bound(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b"x" * 1000)
    with pytest.raises(FileError) as error:
        read_user_file(path, 1000, "Tutti JSON file")
    assert error.value.reason == "too large for a Tutti JSON file (0 MB or more)"
    assert read_user_file(path, 1001) == b"x" * 1000


def test_a_file_that_grows_while_read_is_cut_at_the_bound(tmp_path):
    path = tmp_path / "growing.json"
    path.write_bytes(b"")
    grower = subprocess.Popen(
        [sys.executable, "-c", f"f = open({str(path)!r}, 'ab')\nwhile True: f.write(b'x' * 65536); f.flush()"]
    )
    try:
        time.sleep(0.2)
        with pytest.raises(FileError):
            read_user_file(path, 2**20)
    finally:
        grower.kill()
        grower.wait()


def test_reading_can_be_cancelled_through_progress(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b"x" * (3 * 2**20))
    reports = []
    with pytest.raises(ReadCancelled):
        read_user_file(path, 2**30, progress=lambda done, total: reports.append((done, total)) or done < 2**20)
    assert reports[-1] == (2**20, 3 * 2**20)


def test_the_cli_import_of_a_pipe_or_dev_zero_ends_at_once_with_one_line(tmp_path):
    os.mkfifo(tmp_path / "plan.json")
    for source in (tmp_path / "plan.json", Path("/dev/zero")):
        result = subprocess.run(
            [sys.executable, "-m", "desktop.cli", "import", str(source), str(tmp_path / "out.tutti")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        assert result.returncode == 2
        assert result.stderr == f"tutti: {source}: not a file to import (not a regular file)\n"
    assert not (tmp_path / "out.tutti").exists()


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_plans_json_and_pdfs_get_the_usual_permissions_and_replaced_files_keep_theirs(tmp_path, umask_022):
    from desktop.printing import write_pdf
    from storage.exchange import dumps
    from views.pdf.render import ExportOptions

    writers = {
        "plan.tutti": lambda path: save_plan(demo_plan(), path),
        "plan.json": lambda path: write_atomically(path, dumps(demo_plan()).encode()),
        "plan.pdf": lambda path: write_pdf(demo_plan(), path, ExportOptions()),
    }
    for name, write in writers.items():
        write(tmp_path / name)
        assert _mode(tmp_path / name) == 0o644, name
        os.chmod(tmp_path / name, 0o640)
        write(tmp_path / name)
        assert _mode(tmp_path / name) == 0o640, name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(writers)


def test_a_writer_that_fails_leaves_the_old_file_and_no_temp_file(tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(b"old")

    def fail(stream):
        stream.write(b"half")
        raise ValueError("stopped")

    with pytest.raises(ValueError):
        write_atomically(path, fail)
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_read_back_that_sqlite_rejects_is_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(untrusted, "refuse_code", lambda connection: connection.execute("SELECT * FROM nowhere"))
    with pytest.raises(FileError) as error:
        save_plan(demo_plan(), tmp_path / "plan.tutti")
    assert str(error.value) == (
        f"{tmp_path / 'plan.tutti'}: cannot be saved: the written file does not open (damaged (no such table: nowhere))"
    )
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_killed_saves_are_removed_and_nothing_else(tmp_path):
    plan = tmp_path / "plan.tutti"
    ours = [tmp_path / ".plan.tutti.0123abcd.saving", tmp_path / ".plan.tutti.ffffffff.saving"]
    for leftover in ours:
        leftover.write_bytes(b"half a plan")
    others = {
        ".other.tutti.0123abcd.saving": b"another plan's",
        ".plan.tutti.notours.saving": b"not our name",
        "plan.tutti.0123abcd.saving": b"not hidden",
    }
    for name, content in others.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / ".plan.tutti.deadbeef.saving").symlink_to(tmp_path / "elsewhere")
    save_plan(demo_plan(), plan)
    assert not any(leftover.exists() for leftover in ours)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*others, ".plan.tutti.deadbeef.saving", "plan.tutti"])


def test_a_save_in_progress_elsewhere_keeps_its_temp_file(tmp_path):
    in_use = tmp_path / ".plan.tutti.0123abcd.saving"
    in_use.write_bytes(b"being written")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            HOLD_LOCK,
            str(in_use),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        assert remove_leftovers(tmp_path / "plan.tutti") == 0
        assert in_use.exists()
    finally:
        holder.communicate()
    assert remove_leftovers(tmp_path / "plan.tutti") == 1
