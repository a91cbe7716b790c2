"""Starting the app: `tutti` shows the demo, `tutti FILE` the file, a bad FILE one message and then the demo."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.about_dialog import third_party_notices
from desktop.app import run_app
from desktop.main_window import MainWindow
from desktop.pages import PAGE_KINDS
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


def test_about_names_the_version_and_shows_the_notices_as_plain_text(window, qtbot):
    seen = {}

    def read_the_dialog():
        dialog = QApplication.activeModalWidget()
        seen["title"], seen["version"] = dialog.windowTitle(), dialog.version.text()
        seen["hidden before"] = dialog.notices.isHidden()
        qtbot.mouseClick(dialog.notices_button, Qt.MouseButton.LeftButton)
        seen["notices"] = dialog.notices.toPlainText() if dialog.notices.isVisible() else ""
        dialog.reject()

    QTimer.singleShot(0, read_the_dialog)
    window.actions.about.trigger()
    assert seen["title"] == "About Tutti" and seen["version"] == f"Tutti {tutti_version()}"
    assert seen["hidden before"]
    # Shown literally: the notices' <...> e-mail addresses and URLs stay text.
    assert seen["notices"] == third_party_notices()
    for component in ("GNU LESSER GENERAL PUBLIC LICENSE", "ReportLab", "NetworkX", "Apache License", "Bitstream Vera"):
        assert component in seen["notices"]
    assert "https://code.qt.io/cgit/pyside/pyside-setup.git/" in seen["notices"]


def test_the_bundled_fonts_are_used_where_the_system_has_none(tmp_path):
    # A fontconfig with no fonts at all, as on a Windows or macOS machine without DejaVu.
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><cachedir>{tmp_path}</cachedir></fontconfig>", encoding="utf-8")
    code = (
        "from PySide6.QtGui import QFont, QFontInfo; from PySide6.QtWidgets import QApplication;"
        "from desktop.app import register_fonts; app = QApplication([]); before = QFontInfo(QFont('DejaVu Sans'));"
        "print(before.family() == 'DejaVu Sans'); register_fonts(); print(QFontInfo(QFont('DejaVu Sans')).family())"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert result.stdout.split() == ["False", "DejaVu", "Sans"]


def test_the_command_line_does_not_load_qt():
    code = "import sys, desktop.cli, desktop.app; sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT).returncode == 0


def test_the_window_shows_the_demo_before_loading_the_heavy_libraries(tmp_path):
    # Issue 12: the window must open fast, so printing, analysis, the file layer and the pages not shown
    # load after it shows.
    later = ["reportlab", "networkx", "sqlite_utils", "sqlite3", "domain.analysis", "desktop.import_dialog"]
    later += [kind.module for kind in PAGE_KINDS if kind.title != "Overview"]
    code = (
        "import sys; from PySide6.QtWidgets import QApplication; app = QApplication([]);"
        "from desktop.main_window import MainWindow; window = MainWindow(); window.show(); window.start();"
        "app.processEvents(); assert window.document.plan.initiatives;"
        f"print(' '.join(m for m in {later!r} if m in sys.modules))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TUTTI_CONFIG_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    assert result.stdout.split() == []


# Calls that change state the whole process shares, whichever thread makes them.
PROCESS_WIDE = (
    "gc.disable",
    "gc.freeze",
    "os.umask",
    "locale.setlocale",
    "rl_config",
    "sys.setrecursionlimit",
    "signal.signal",
    "os.chdir",
    "sys.setswitchinterval",
    "socket.setdefaulttimeout",
)


def test_only_the_main_thread_of_a_starting_window_or_a_cli_export_changes_process_wide_state():
    """desktop/ and storage/ run code on worker threads (reading, analysis, recovery copies, PDF export): none of
    it may change what the whole process shares. Only two places pause the collector, both on the main thread:
    the window's start-up, before the first paint, and the commands that build whole plans or documents
    (`tutti export`, `diff`, `merge`), processes that do nothing else."""
    found = [
        f"{path.relative_to(ROOT)}: {call}"
        for package in ("desktop", "storage")
        for path in sorted((ROOT / package).rglob("*.py"))
        for call in PROCESS_WIDE
        if call in path.read_text(encoding="utf-8")
    ]
    assert found == ["desktop/app.py: gc.disable", "desktop/cli_support.py: gc.disable"]
