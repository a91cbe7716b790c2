"""What arrives around a plan and what happens to it: planted lock files, pipes and endless files named for
import, values too big to show, systems that cannot lock, old recovery copies, files edited by other SQLite
tools, leftovers of killed saves. Driven through the real main window, as a user would meet them."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from domain import operations as op
from domain.entities import Team
from storage.demo import demo_plan
from storage.exchange import dumps
from storage.files import FileError
from storage.project_file import open_plan, save_plan

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 5.0
LOCK_NAME = ".~lock.plan.tutti#"


@pytest.fixture
def shown(monkeypatch):
    """(title, text, format) of every message box, recorded instead of shown; recovery is never offered."""
    from PySide6.QtWidgets import QMessageBox

    from desktop.recovery_dialog import RecoveryDialog

    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append((box.windowTitle(), box.text())) or 0)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: None)
    return boxes


@pytest.fixture
def make_window(qtbot, tmp_path, shown):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from storage.recovery import RecoveryStore

    def make():
        window = MainWindow(Settings(tmp_path / "config"), RecoveryStore(tmp_path / "recovery"))
        qtbot.addWidget(window)
        window.show()
        window.start()
        return window

    return make


@pytest.fixture
def window(make_window):
    return make_window()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def timed(record, name: str, action):
    started = time.monotonic()
    try:
        result = action()
    except Exception:
        record(name, "window", time.monotonic() - started, True, False)
        raise
    elapsed = time.monotonic() - started
    assert elapsed < TIME_LIMIT, f"{name} took {elapsed:.1f} s"
    return result, elapsed


@pytest.fixture
def plan_in_mail(tmp_path):
    """mail/plan/plan.tutti, as unzipped from an e-mail, and notes.txt two folders up."""
    folder = tmp_path / "mail" / "plan"
    folder.mkdir(parents=True)
    save_plan(demo_plan(), folder / "plan.tutti")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    return folder / "plan.tutti", notes


# 1. The lock file is untrusted


@pytest.mark.parametrize("planted", ["symlink", "named pipe", "folder"])
def test_a_planted_lock_file_is_never_written_and_the_plan_opens_read_only(
    window, plan_in_mail, shown, planted, record_hostile_run
):
    plan, notes = plan_in_mail
    lock = plan.with_name(LOCK_NAME)
    {
        "symlink": lambda: lock.symlink_to("../../notes.txt"),
        "named pipe": lambda: os.mkfifo(lock),
        "folder": lock.mkdir,
    }[planted]()
    before = digest(plan)
    opened, elapsed = timed(record_hostile_run, f"lock file: {planted}", lambda: window.open_path(plan))
    assert opened and shown == []
    assert window.session.read_only and window.banner.isVisible()
    assert f"{LOCK_NAME} beside it is not a Tutti lock file" in window.banner_text.text()
    window.close_plan()
    assert notes.read_text() == "my notes\n" and digest(plan) == before
    assert lock.is_symlink() if planted == "symlink" else lock.exists()
    record_hostile_run(f"lock file: {planted}", "window", elapsed, False, notes.read_text() != "my notes\n")


def test_save_as_into_a_folder_with_a_planted_lock_link_refuses_and_writes_nothing(
    window, tmp_path, shown, record_hostile_run
):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / LOCK_NAME).symlink_to(notes)
    saved, elapsed = timed(record_hostile_run, "save as: lock link", lambda: window.save_to(folder / "plan.tutti"))
    assert not saved
    assert [title for title, _ in shown] == ["Cannot Save Plan"]
    assert shown[0][1].startswith(f"{folder / 'plan.tutti'}: {LOCK_NAME} beside it is not a Tutti lock file")
    assert notes.read_text() == "my notes\n" and sorted(p.name for p in folder.iterdir()) == [LOCK_NAME]
    record_hostile_run("save as: lock link", "window", elapsed, False, notes.read_text() != "my notes\n")


def test_the_window_checks_that_a_file_is_a_plan_before_writing_a_lock_beside_it(window, tmp_path, shown):
    letter = tmp_path / "mail" / "letter.tutti"
    letter.parent.mkdir()
    letter.write_text("Dear team,\n")
    assert not window.open_path(letter)
    assert [title for title, _ in shown] == ["Cannot Open Plan"]
    assert [p.name for p in letter.parent.iterdir()] == ["letter.tutti"]


# 2. Where the system cannot lock files


@pytest.fixture
def no_lock_manager(monkeypatch):
    """flock fails with ENOLCK, as on an NFS home folder without a lock manager."""
    import portalocker

    def refuse(*args, **kwargs):
        raise portalocker.LockException(OSError(errno.ENOLCK, "No locks available"))

    monkeypatch.setattr(portalocker, "lock", refuse)


def test_without_locks_the_window_opens_saves_and_keeps_recovery_copies_and_says_so_once(
    no_lock_manager, make_window, plan_in_mail, qtbot, tmp_path
):
    plan, _ = plan_in_mail
    window = make_window()
    assert window.open_path(plan)
    assert "another window could open the same file" in window.banner_text.text()
    window.document.run(op.add_team, Team(name="Legal"))
    store = window.session._recovery
    copy = store.directory / f"{store.session}.tutti"
    qtbot.waitUntil(copy.exists, timeout=8000)
    window.session.wait_for_recovery()
    assert any(team.name == "Legal" for team in open_plan(copy).plan.teams.values())
    assert window.save_to(tmp_path / "elsewhere.tutti")
    assert not window.banner.isVisible(), "said once, not again"
    assert any(team.name == "Legal" for team in open_plan(tmp_path / "elsewhere.tutti").plan.teams.values())


# 3. Imports that could hang


@pytest.mark.parametrize("source", ["named pipe", "/dev/zero"])
def test_import_json_of_a_pipe_or_an_endless_device_is_refused_at_once(
    window, tmp_path, shown, source, record_hostile_run
):
    path = Path("/dev/zero") if source == "/dev/zero" else tmp_path / "plan.json"
    if source == "named pipe":
        os.mkfifo(path)
    imported, elapsed = timed(record_hostile_run, f"import: {source}", lambda: window.import_json_path(path))
    assert not imported
    assert shown == [("Cannot Import JSON", f"{path}: not a Tutti JSON file (not a regular file)")]
    record_hostile_run(f"import: {source}", "window", elapsed, False, False)


def test_a_slow_import_shows_progress_keeps_the_window_alive_and_can_be_cancelled(window, tmp_path, monkeypatch, shown):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from storage import exchange, files

    def slow_disk(path, limit, what, progress):
        return files.read_user_file(path, limit, what, lambda done, total: time.sleep(0.01) or progress(done, total))

    monkeypatch.setattr(exchange, "read_user_file", slow_disk)  # 20 MB in 1 MB steps of 10 ms: far from instant
    monkeypatch.setattr(files, "READ_CHUNK", 2**16)
    path = tmp_path / "big.json"
    path.write_text(dumps(demo_plan()) + " " * (20 * 2**20))
    before = window.document.plan
    seen = []

    def cancel_once_shown():
        dialog = window.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible() and not seen:
            seen.append(dialog.labelText())
            dialog.findChild(QPushButton).click()  # as the user does

    timer = QTimer(window, interval=50)
    timer.timeout.connect(cancel_once_shown)
    timer.start()
    started = time.monotonic()
    assert not window.import_json_path(path)
    timer.stop()
    assert seen == ["Importing big.json…"], "the window kept running and showed progress while the file was read"
    assert time.monotonic() - started < 2
    assert window.document.plan is before and shown == []


# 4. Values that pass every check but would freeze the window


def test_a_json_plan_with_a_ten_megabyte_unknown_key_is_refused_in_one_short_line(
    window, tmp_path, shown, record_hostile_run
):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"format": "tutti", "version": 1, "k" * 10_000_000: 1}))
    imported, elapsed = timed(record_hostile_run, "json: 10 MB key", lambda: window.import_json_path(path))
    assert not imported
    ((title, text),) = shown
    assert title == "Cannot Import JSON" and text.startswith(f"{path}: $.kkkk") and len(text) < 400
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "import", str(path), str(tmp_path / "out.tutti")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    cli_seconds = time.monotonic() - started
    assert result.returncode == 2 and len(result.stderr) < 400 and result.stderr.endswith(": unknown field\n")
    record_hostile_run("json: 10 MB key", "window", elapsed, False, False)
    record_hostile_run("json: 10 MB key", "cli", cli_seconds, "Traceback" in result.stderr, False)


@pytest.mark.parametrize("what", ["description", "links"])
def test_a_json_plan_beyond_the_plan_limits_is_refused(window, tmp_path, shown, what, record_hostile_run):
    document = json.loads(dumps(demo_plan()))
    initiative = document["initiatives"][0]
    if what == "description":
        initiative["description"] = "x" * 50_000_000
    else:
        initiative["goals"] = [document["goals"][0]["id"]] * 2_000_000
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document))
    imported, elapsed = timed(record_hostile_run, f"json: huge {what}", lambda: window.import_json_path(path))
    assert not imported
    ((_, text),) = shown
    expected = "longer than 20,000 characters" if what == "description" else "more than 1,000 items"
    assert expected in text and len(text) < 400
    record_hostile_run(f"json: huge {what}", "window", elapsed, False, False)


# 5. An old recovery copy never silently discards work saved since


def test_restoring_a_copy_older_than_the_file_opens_it_as_a_separate_plan(make_window, tmp_path, monkeypatch):
    from desktop.recovery_dialog import RESTORE, RecoveryDialog

    plan_file = tmp_path / "plan.tutti"
    save_plan(demo_plan(), plan_file)
    crashed = demo_plan()
    op.add_team(crashed, Team(name="Kept by the crashed window"))
    (tmp_path / "crashed.json").write_text(dumps(crashed))
    gone_window = (
        "import sys; from storage.exchange import read_json_file; from storage.recovery import RecoveryStore; "
        "RecoveryStore(sys.argv[1]).write(read_json_file(sys.argv[2]), sys.argv[3])"
    )
    subprocess.run(
        [sys.executable, "-c", gone_window, str(tmp_path / "recovery"), str(tmp_path / "crashed.json"), str(plan_file)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        timeout=60,
    )
    time.sleep(0.05)
    saved_since = demo_plan()
    op.add_team(saved_since, Team(name="Saved since, one"))
    op.add_team(saved_since, Team(name="Saved since, two"))
    save_plan(saved_since, plan_file)

    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: setattr(dialog, "choice", RESTORE))
    window = make_window()
    assert window.session.path is None and window.session.display_name() == "plan (recovered) — Untitled"
    assert "plan.tutti was saved after these changes were kept" in window.banner_text.text()
    assert any(team.name == "Kept by the crashed window" for team in window.document.plan.teams.values())
    assert open_plan(plan_file).plan.same_as(saved_since)


# 6. Files edited by other SQLite tools open, with one notice


@pytest.mark.parametrize("edit", ["UPDATE", "VACUUM"])
def test_a_plan_edited_with_another_sqlite_tool_opens_with_one_notice(window, tmp_path, shown, edit):
    plan_file = tmp_path / "plan.tutti"
    save_plan(demo_plan(), plan_file)
    connection = sqlite3.connect(plan_file, isolation_level=None)
    connection.execute("UPDATE teams SET name = 'Typo fixed' WHERE position = 0")
    if edit == "VACUUM":
        connection.execute("VACUUM")
    connection.close()
    assert window.open_path(plan_file) and shown == []
    assert "changed outside Tutti" in window.banner_text.text()
    assert any(team.name == "Typo fixed" for team in window.document.plan.teams.values())
    dump = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "dump", str(plan_file)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert dump.returncode == 0 and "Typo fixed" in dump.stdout


def test_a_wal_plan_without_its_wal_says_recent_changes_may_be_missing(window, tmp_path, shown):
    plan_file = tmp_path / "plan.tutti"
    save_plan(demo_plan(), plan_file)
    connection = sqlite3.connect(plan_file, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    assert not Path(f"{plan_file}-wal").exists()
    assert window.open_path(plan_file) and shown == []
    assert "recent changes may be missing" in window.banner_text.text()


# 7. Leftovers of killed saves


def test_opening_a_plan_removes_the_leftovers_of_a_killed_save_beside_it(window, tmp_path):
    plan_file = tmp_path / "plan.tutti"
    save_plan(demo_plan(), plan_file)
    leftover = tmp_path / ".plan.tutti.1a2b3c4d.saving"
    leftover.write_bytes(plan_file.read_bytes())
    foreign = tmp_path / ".plan.tutti.backup.saving"
    foreign.write_bytes(b"not ours")
    assert window.open_path(plan_file)
    assert not leftover.exists() and foreign.exists()


# 8. Smaller things


def test_a_failed_recovery_copy_shows_a_lasting_warning_until_a_copy_is_written(window, qtbot, monkeypatch):
    from storage.recovery import RecoveryStore

    real_write = RecoveryStore.write

    def disk_full(self, plan, original=None):
        raise FileError(self.directory / "copy.tutti", "no space left on device")

    monkeypatch.setattr(RecoveryStore, "write", disk_full)
    window.document.run(op.add_team, Team(name="Legal"))
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=8000)
    assert "No recovery copy of your unsaved changes" in window.banner_text.text()
    assert "no space left on device" in window.banner_text.text()
    qtbot.wait(300)
    assert window.banner.isVisible()
    monkeypatch.setattr(RecoveryStore, "write", real_write)
    window.document.run(op.add_team, Team(name="Finance"))
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=8000)


HOLDER = """
import sys
from storage.locking import FileLock
FileLock().acquire(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.mark.parametrize("command", ["import", "new"])
def test_force_never_replaces_a_plan_open_in_a_window(tmp_path, command):
    plan_file = tmp_path / "plan.tutti"
    save_plan(demo_plan(), plan_file)
    before = digest(plan_file)
    source = tmp_path / "other.json"
    source.write_text(dumps(demo_plan()))
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(plan_file)],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        arguments = ["import", str(source), str(plan_file)] if command == "import" else ["new", str(plan_file)]
        result = subprocess.run(
            [sys.executable, "-m", "desktop.cli", *arguments, "--force"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    finally:
        holder.communicate()
    assert result.returncode == 2
    assert result.stderr.startswith(f"tutti: {plan_file}: already open in another Tutti window (process {holder.pid}")
    assert result.stderr.endswith("; close it there first\n")
    assert digest(plan_file) == before


def test_saving_an_untitled_plan_without_a_name_is_a_clear_message(window):
    with pytest.raises(FileError) as error:
        window.session.save()
    assert str(error.value) == "Demo — Untitled: choose where to save it (Save As)"
