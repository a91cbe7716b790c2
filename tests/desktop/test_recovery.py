"""A Tutti killed mid-edit leaves a recovery copy; the next start offers it and restoring gives the edits back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.recovery_dialog import DISCARD, LATER, RESTORE, RecoveryDialog
from domain import operations as op
from domain.entities import Team
from storage.demo import demo_plan
from storage.project_file import open_plan, save_plan

ROOT = Path(__file__).resolve().parents[2]

# Opens the file in a real main window, edits it, waits for the recovery copy, then says so and idles.
EDITING_TUTTI = textwrap.dedent(
    """
    import sys
    import time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    from domain import operations as op
    from domain.entities import Team
    from storage.recovery import RecoveryStore

    app = QApplication([])
    config, plan_file = Path(sys.argv[1]), Path(sys.argv[2])
    window = MainWindow(Settings(config), RecoveryStore(config / "recovery"))
    window.show()
    window.start(plan_file)
    document = window.document
    team = next(iter(document.plan.teams))
    document.run(op.update_team, team, name="Renamed before the crash")
    document.run(op.add_team, Team(name="Added before the crash"))
    copy = config / "recovery" / (window.session._recovery.session + ".tutti")
    while not copy.exists():
        app.processEvents()
        time.sleep(0.02)
    window.session.wait_for_recovery()
    print("recovery written", flush=True)
    app.exec()
    """
)


def crash_while_editing(config: Path, plan_file: Path) -> None:
    """Run a Tutti that edits `plan_file`, and kill -9 it once its recovery copy is on disk."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", EDITING_TUTTI, str(config), str(plan_file)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.strip() == "recovery written", process.stderr.read()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def test_after_a_crash_restore_gives_back_the_edits_bound_to_the_original_file(
    make_window, config_dir, tmp_path, monkeypatch
):
    plan_file = tmp_path / "plan.tutti"
    save_plan(demo_plan(), plan_file)
    crash_while_editing(config_dir, plan_file)

    offered = []

    def choose_restore(dialog):
        offered.extend(dialog.list.item(row).text() for row in range(dialog.list.count()))
        dialog.choice = RESTORE

    monkeypatch.setattr(RecoveryDialog, "exec", choose_restore)
    window = make_window()
    assert len(offered) == 1 and offered[0].startswith("plan.tutti — changes from ")
    names = {team.name for team in window.document.plan.teams.values()}
    assert {"Renamed before the crash", "Added before the crash"} <= names
    assert window.session.path == plan_file and window.isWindowModified()

    history_before = open_plan(plan_file).history
    assert window.save()
    opened = open_plan(plan_file)
    saved = {team.name for team in opened.plan.teams.values()}
    assert {"Renamed before the crash", "Added before the crash"} <= saved
    assert opened.history.head_revision.parents == (history_before.head,)  # the file's history goes on
    window.close()
    assert window.recovery.pending() == []


def test_later_keeps_the_copy_and_discard_removes_it(make_window, config_dir, tmp_path, monkeypatch):
    plan_file = tmp_path / "plan.tutti"
    save_plan(demo_plan(), plan_file)
    crash_while_editing(config_dir, plan_file)

    answer = [LATER]
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: setattr(dialog, "choice", answer[0]))
    window = make_window()
    assert not window.isWindowModified() and window.session.path is None
    assert len(window.recovery.pending()) == 1
    window.close()

    answer[0] = DISCARD
    window = make_window()
    assert window.recovery.pending() == []
    assert window.session.path is None


def test_unsaved_changes_are_copied_in_the_background_and_the_copy_goes_on_save(window, qtbot, tmp_path):
    store = window.session._recovery
    copy = store.directory / f"{store.session}.tutti"
    window.document.run(op.add_team, Team(name="Legal"))
    qtbot.waitUntil(copy.exists, timeout=6000)
    window.session.wait_for_recovery()
    assert any(team.name == "Legal" for team in open_plan(copy).plan.teams.values())

    assert window.save_to(tmp_path / "saved.tutti")
    window.session.wait_for_recovery()
    assert not copy.exists()


def test_a_rename_builds_one_recovery_copy_and_edits_in_one_interval_share_one(make_window, qtbot, monkeypatch):
    monkeypatch.setattr("desktop.session.RECOVERY_DELAY_MS", 200)
    window = make_window()
    store = window.session._recovery
    written = []
    monkeypatch.setattr(store, "write", lambda plan, original=None: written.append(plan.project.name))
    team = next(iter(window.document.plan.teams))

    window.document.run(op.update_team, team, name="Renamed once")
    qtbot.wait(1000)  # five recovery intervals
    window.session.wait_for_recovery()
    assert len(written) == 1

    for number in range(3):
        window.document.run(op.update_team, team, name=f"Renamed again {number}")
    qtbot.wait(1000)
    window.session.wait_for_recovery()
    assert len(written) == 2
