"""Fixtures for main-window tests: a private settings folder, recorded message boxes, no blocking dialogs."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.main_window import MainWindow
from desktop.recovery_dialog import RecoveryDialog
from desktop.settings import Settings
from storage.recovery import RecoveryStore


class Messages:
    """What the window told the user, and how the test answers its questions."""

    def __init__(self):
        self.shown: list[tuple[str, str]] = []  # (title, text) of message boxes
        self.questions: list[str] = []
        self.answer = QMessageBox.StandardButton.Discard
        self.save_as: list = []  # paths QFileDialog.getSaveFileName returns, in order
        self.open: list = []


@pytest.fixture
def config_dir(tmp_path, monkeypatch):
    """TUTTI_CONFIG_DIR pointing at a fresh folder."""
    directory = tmp_path / "config"
    directory.mkdir()
    monkeypatch.setenv("TUTTI_CONFIG_DIR", str(directory))
    QStandardPaths.setTestModeEnabled(True)
    return directory


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    """Message boxes are recorded instead of shown; questions get `messages.answer`; file dialogs use the lists."""
    record = Messages()

    def exec_box(box):
        record.shown.append((box.windowTitle(), box.text()))
        return QMessageBox.StandardButton.Ok

    def question(parent, title, text, *args, **kwargs):
        record.questions.append(text)
        return record.answer

    def get_save(*args, **kwargs):
        assert record.save_as, "unexpected Save dialog"
        return str(record.save_as.pop(0)), ""

    def get_open(*args, **kwargs):
        assert record.open, "unexpected Open dialog"
        return str(record.open.pop(0)), ""

    def exec_recovery(dialog):
        raise AssertionError("unexpected recovery dialog")

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(get_open))
    monkeypatch.setattr(RecoveryDialog, "exec", exec_recovery)
    return record


@pytest.fixture
def make_window(qtbot, config_dir):
    """Builds main windows over the test's settings folder, as `tutti` would; each is closed and deleted at
    the end of its test, and what referred to it collected then, while no analysis runs (not at some
    moment of a later test, with that test's analysis under way on its worker thread)."""
    made: list[MainWindow] = []

    def make(path=None) -> MainWindow:
        window = MainWindow(Settings(config_dir), RecoveryStore(config_dir / "recovery"))
        qtbot.addWidget(window)
        made.append(window)
        window.show()
        window.start(path)
        return window

    yield make
    for window in made:
        window.close()
        window.analysis_runner.wait()
        window.deleteLater()
    made.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def window(make_window) -> MainWindow:
    """A main window on the demo, as `tutti` starts."""
    return make_window()
