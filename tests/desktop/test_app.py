"""Starting the app: `tutti` shows the demo, `tutti FILE` the file, a bad FILE one message and then the demo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from desktop.app import run_app
from desktop.main_window import MainWindow
from desktop.version import tutti_version
from storage.demo import demo_plan
from storage.project_file import save_plan

ROOT = Path(__file__).resolve().parents[2]


def run_and_get_window(monkeypatch, qtbot, argv) -> MainWindow:
    monkeypatch.setattr(QApplication, "exec", staticmethod(lambda: 0))
    assert run_app(argv) == 0
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    qtbot.addWidget(window)
    return window


def test_tutti_with_a_file_opens_it(config_dir, monkeypatch, qtbot, tmp_path):
    path = tmp_path / "plan.tutti"
    save_plan(demo_plan(), path)
    window = run_and_get_window(monkeypatch, qtbot, [str(path)])
    assert window.session.path == path
    assert QApplication.applicationName() == "Tutti" and not QApplication.windowIcon().isNull()
    assert window.settings.directory == config_dir and window.recovery.directory == config_dir / "recovery"


def test_a_bad_file_at_start_says_why_once_and_shows_the_demo(config_dir, monkeypatch, qtbot, messages, tmp_path):
    bad = tmp_path / "nope.tutti"
    window = run_and_get_window(monkeypatch, qtbot, [str(bad)])
    assert len(messages.shown) == 1 and messages.shown[0][1].startswith(str(bad))
    assert window.windowTitle().startswith("Demo — Untitled") and window.document.plan.initiatives


def test_about_names_the_version(window, messages):
    window.actions.about.trigger()
    assert messages.shown == [("About Tutti", f"Tutti {tutti_version()}")]


def test_the_command_line_does_not_load_qt():
    code = "import sys, desktop.cli, desktop.app; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT).returncode == 0
