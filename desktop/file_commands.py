"""The File menu's commands: new, open, import, save, export and the questions they ask on the way."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEventLoop, QMimeData, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QMessageBox

from desktop.file_reading import read_with_progress
from domain import plan as plans
from storage.exchange import ExchangeError
from storage.files import FileError, ReadCancelled, write_atomically

PLAN_FILTER = "Tutti plans (*.tutti);;All files (*)"
JSON_FILTER = "Tutti JSON (*.json);;All files (*)"
IMPORT_FILTER = (
    "Plans, workbooks and schedules (*.json *.xlsx *.xls *.csv *.xml);;"
    "Tutti JSON (*.json);;Workbooks (*.xlsx *.xls);;CSV (*.csv);;MS Project XML (*.xml);;All files (*)"
)
IMPORT_SUFFIXES = (".xlsx", ".xls", ".csv", ".xml")  # a dropped file of these goes through Import


def dropped_plan_file(mime: QMimeData) -> Path | None:
    """The first local .tutti or .json file among dragged data, if any."""
    for url in mime.urls():
        path = Path(url.toLocalFile())
        if url.isLocalFile() and path.suffix.lower() in (".tutti", ".json", *IMPORT_SUFFIXES):
            return path
    return None


class FileCommands:
    """Runs the file commands of the main window through its session; failures become one message box each."""

    def __init__(self, window: QMainWindow):
        self.window = window
        self.session = window.session
        self.settings = window.settings

    # Starting over

    def start(self, path: Path | None = None) -> None:
        """Open `path`, or the demo when there is none or it cannot be opened."""
        if path is None or not self._open(Path(path)):
            self.start_demo()

    def start_demo(self) -> None:
        from storage.demo import demo_plan

        self.session.start_new(demo_plan(), "Demo")

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; False when the user cancels."""
        if not self.session.is_dirty():
            return True
        answer = QMessageBox.question(
            self.window,
            "Unsaved Changes",
            # Rich text made explicit so a file name is shown literally, whatever characters it has.
            f"<p>Save the changes to {html.escape(self.session.display_name())}?</p>",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_plan(self) -> bool:
        """Start an empty untitled plan (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self.session.start_new(plans.new_plan())
        self.window.say("New plan.")
        return True

    def new_from_demo(self) -> bool:
        """Start an untitled copy of the demo plan (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self.start_demo()
        self.window.say("New plan from the demo.")
        return True

    def close_plan(self) -> bool:
        """Close the open plan and leave an empty untitled one."""
        if not self.maybe_save():
            return False
        name = self.session.display_name()
        self.session.start_new(plans.new_plan())
        self.window.say(f"Closed {name}.")
        return True

    # Opening

    def open_dialog(self) -> None:
        """Ask for a plan file and open it."""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open Plan", self.dialog_folder(), PLAN_FILTER)
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open a .tutti file (after asking about unsaved changes); on failure the open plan stays as it was."""
        return self.maybe_save() and self._open(Path(path))

    @contextmanager
    def _working(self, what: str, name: str) -> Iterator[None]:
        """Show the file's name in the title, what is being done and a busy bar, painted before the work
        starts (a big plan takes seconds to open); the title follows the plan again afterwards."""
        window = self.window
        window.setWindowTitle(f"{name} — Tutti")
        window.statusBar().showMessage(what)
        window.opening.setText(what)
        window.stack.hide()
        window.opening.show()
        window.progress.show()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            window.opening.hide()
            window.stack.show()
            window.progress.hide()
            window.statusBar().clearMessage()
            window.update_title()

    def _open(self, path: Path) -> bool:
        from storage.project_file import open_plan

        try:
            with self._working(f"Opening {path.name}…", path.name):
                opened = read_with_progress(
                    self.window, f"Opening {path.name}…", lambda progress: open_plan(path, progress)
                )
                self.session.show_opened(opened)
        except ReadCancelled:
            return False
        except FileError as error:
            self.window.show_error("Cannot Open Plan", str(error))
            return False
        self.settings.add_recent_file(self.session.path)
        read_only = " (read-only)." if self.session.read_only else "."
        self.window.say(f"Opened {self.session.display_name()}{read_only}")
        return True

    def import_dialog(self) -> None:
        """Ask for a file to import (Tutti JSON, workbook, CSV, MS Project XML) and import it, with a preview."""
        path, _ = QFileDialog.getOpenFileName(self.window, "Import", self.dialog_folder(), IMPORT_FILTER)
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> bool:
        """Import a file into the open plan (one undoable step) or as a new plan, as the user chooses."""
        from desktop.import_dialog import import_file

        return import_file(self.window, path)

    def import_json_path(self, path: Path) -> bool:
        """Open a Tutti JSON plan as a new untitled plan with unsaved changes."""
        from storage.exchange import read_json_file

        if not self.maybe_save():
            return False
        path = Path(path)
        try:
            with self._working(f"Importing {path.name}…", path.name):
                plan = read_with_progress(
                    self.window, f"Importing {path.name}…", lambda progress: read_json_file(path, progress)
                )
                self.session.show_imported(plan, path)
        except ReadCancelled:
            return False
        except ExchangeError as error:
            message = str(error)
            self.window.show_error(
                "Cannot Import JSON", message if message.startswith(str(path)) else f"{path}: {message}"
            )
            return False
        self.window.say(f"Imported {path.name}.")
        return True

    def open_any(self, path: Path) -> bool:
        """Open a .tutti file, open a .json one as a new plan, import a workbook, CSV or MS Project XML."""
        path = Path(path)
        if path.suffix.lower() in IMPORT_SUFFIXES:
            return self.import_path(path)
        return self.import_json_path(path) if path.suffix.lower() == ".json" else self.open_path(path)

    def fill_recent_menu(self, menu: QMenu) -> None:
        """List the recently used files in `menu`, with the action that forgets them."""
        menu.clear()
        for number, path in enumerate(self.settings.recent_files(), start=1):
            action = menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if menu.isEmpty():
            menu.addAction("No recent files").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction(self.window.actions.clear_recent)

    def dialog_folder(self) -> str:
        """Where file dialogs start: the plan's folder, else the most recent file's."""
        if self.session.path is not None:
            return str(self.session.path.parent)
        recent = self.settings.recent_files()
        return str(recent[0].parent) if recent else ""

    # Saving

    def save(self) -> bool:
        """Save to the plan's file; an untitled or read-only plan asks where (Save As)."""
        if self.session.needs_save_as():
            return self.save_as()
        return self.save_to(self.session.path)

    def save_as(self) -> bool:
        """Ask for a file name and save there."""
        suggested = self.session.path or Path(self.dialog_folder() or ".") / f"{self.session.untitled_name}.tutti"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save Plan As", str(suggested), PLAN_FILTER)
        if not path:
            return False
        path = Path(path)
        return self.save_to(path if path.suffix else path.with_suffix(".tutti"))

    def save_to(self, path: Path) -> bool:
        """Save the plan in `path`, which becomes the plan's file; False (with a message) on failure."""
        try:
            self.session.save(path)
        except FileError as error:
            self.window.show_error("Cannot Save Plan", str(error))
            return False
        self.settings.add_recent_file(self.session.path)
        self.window.say(f"Saved {self.session.display_name()}.")
        return True

    # Exporting

    def export_json_dialog(self) -> None:
        """Ask for a file name and write the plan there as Tutti JSON."""
        stem = self.session.path.stem if self.session.path else self.session.untitled_name
        suggested = Path(self.dialog_folder() or ".") / f"{stem}.json"
        path, _ = QFileDialog.getSaveFileName(self.window, "Export JSON", str(suggested), JSON_FILTER)
        if path:
            self.export_json_to(Path(path))

    def export_json_to(self, path: Path) -> bool:
        """Write the plan as Tutti JSON; the file is replaced whole or not at all."""
        from storage.exchange import dumps

        path = Path(path)
        try:
            write_atomically(path, dumps(self.session.document.plan).encode("utf-8"))
        except FileError as error:
            self.window.show_error("Cannot Export JSON", str(error))
            return False
        self.window.say(f"Exported {path.name}.")
        return True

    def export_pdf(self) -> None:
        """Print the orchestration plan to a PDF chosen by the user."""
        from desktop.pdf_export import export_pdf_dialog

        session = self.session
        export_pdf_dialog(self.window, session.document, session.path, session.history, session.is_dirty())
