"""Other copies of the open plan, for Compare and Merge: chosen by the user, read like any file from outside."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from domain.plan import Plan
from storage.files import FileError, ReadCancelled

PLAN_FILTER = "Tutti plans (*.tutti);;All files (*)"


def choose_copy(window, caption: str) -> Path | None:
    """Ask for a .tutti file, starting in the open plan's folder; None when the user cancels."""
    folder = str(window.session.path.parent) if window.session.path is not None else ""
    path, _ = QFileDialog.getOpenFileName(window, caption, folder, PLAN_FILTER)
    return Path(path) if path else None


def read_copy(window, path: Path) -> Plan | None:
    """The plan in `path`, read through storage's guarded open on a worker with progress and Cancel, as the
    window's Open reads; None (after telling the user why) when it cannot be read or the user cancels."""
    from desktop.file_reading import read_with_progress
    from storage.project_file import open_plan

    try:
        opened = read_with_progress(window, f"Reading {path.name}…", lambda progress: open_plan(path, progress))
    except ReadCancelled:
        return None
    except FileError as error:
        window.show_error("Cannot Read Plan", str(error))
        return None
    return opened.plan
