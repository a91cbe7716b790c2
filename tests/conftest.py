"""Test configuration: Qt runs offscreen and never touches the user's settings or recovery files."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TUTTI_CONFIG_DIR"] = tempfile.mkdtemp(prefix="tutti-test-config-")

# Scripts, not test modules: --doctest-modules would import them as top-level modules.
collect_ignore = ["bench/run.py", "bench/generate.py", "reliability/saving_child.py"]


def pytest_configure(config):
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:
        return
    QStandardPaths.setTestModeEnabled(True)


def pytest_addoption(parser):
    parser.addoption(
        "--soak", action="store_true", default=False, help="run reliability tests at soak strength (slow)"
    )
