"""The main window: one page per part of the plan, menus, toolbar, files, undo history and background analysis."""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from desktop.actions import Actions, PlanUndoKeys, icon
from desktop.background import SerialWorker
from desktop.document import Document
from desktop.file_reading import read_with_progress
from desktop.import_dialog import IMPORT_SUFFIXES
from desktop.plan_menu import PlanMenu
from desktop.recovery_dialog import DISCARD, RESTORE, RecoveryDialog
from desktop.session import Session
from desktop.settings import Settings
from domain import plan as plans
from domain.wording import counted
from storage.exchange import ExchangeError
from storage.files import FileError, ReadCancelled, write_atomically
from storage.recovery import RecoveryEntry, RecoveryStore

ANALYSIS_DELAY_MS = 300
DEFAULT_SIZE = QSize(1280, 800)
PLAN_FILTER = "Tutti plans (*.tutti);;All files (*)"
JSON_FILTER = "Tutti JSON (*.json);;All files (*)"
PAGE_ICONS = {
    "OverviewPage": "overview",
    "GoalsPage": "goals",
    "TeamsPage": "teams",
    "SkillsPage": "skills",
    "InitiativesPage": "initiatives",
    "NetworkPage": "network",
    "ScorePage": "score",
}
# Which page to ask first when something asks to show an entity of a table.
PAGES_FOR_TABLE = {
    "goals": ("GoalsPage",),
    "teams": ("TeamsPage",),
    "skills": ("SkillsPage",),
    "team_skills": ("SkillsPage", "TeamsPage"),
    "initiatives": ("InitiativesPage",),
    "dependencies": ("InitiativesPage",),
    "handoffs": ("InitiativesPage", "NetworkPage", "TeamsPage"),
}


def default_page_types() -> list[type]:
    """The pages of the main window, in sidebar order."""
    from views.qt.goals_page import GoalsPage
    from views.qt.initiatives_page import InitiativesPage
    from views.qt.network_page import NetworkPage
    from views.qt.overview_page import OverviewPage
    from views.qt.score_page import ScorePage
    from views.qt.skills_page import SkillsPage
    from views.qt.teams_page import TeamsPage

    return [OverviewPage, GoalsPage, TeamsPage, SkillsPage, InitiativesPage, ScorePage, NetworkPage]


def _is_plan_file(path: Path) -> bool:
    return path.suffix.lower() in (".tutti", ".json", *IMPORT_SUFFIXES)


class MainWindow(QMainWindow):
    """The Tutti window over one open `Document`; every file command goes through its `Session`."""

    def __init__(
        self,
        settings: Settings | None = None,
        recovery: RecoveryStore | None = None,
        page_types: list[type] | None = None,
    ):
        super().__init__()
        self.settings = settings if settings is not None else Settings()
        self.recovery = recovery
        self.document = Document(parent=self)
        self.session = Session(self.document, recovery, self, author=self.settings.author)
        self.actions = Actions(self, self.document.undo_stack)
        self.pages = [page_type(self.document) for page_type in (page_types or default_page_types())]
        self._analysis_worker = SerialWorker(self)
        self._analysis_timer = QTimer(self, singleShot=True, interval=ANALYSIS_DELAY_MS)
        self._analysis_generation = 0
        self._analysis_running = False
        self._analysis_wanted = False
        self.analysis = None

        self.setAcceptDrops(True)
        self.setUnifiedTitleAndToolBarOnMac(True)
        self._build_central()
        self._build_undo_dock()
        self._build_menus()
        self._build_toolbar()
        self._analysis_label = QLabel(self)
        self._analysis_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self._analysis_label)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy, without a known end
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self._connect()
        self._restore_settings()
        self._update_title()
        self._update_edit_actions()

    # Building

    def _build_central(self) -> None:
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("views")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setSpacing(2)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setFixedWidth(184)
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.stack = QStackedWidget(self)
        for page in self.pages:
            item = QListWidgetItem(icon(PAGE_ICONS.get(type(page).__name__, "overview")), page.title)
            item.setSizeHint(QSize(0, 36))
            self.sidebar.addItem(item)
            self.stack.addWidget(page)

        self.banner = QFrame(self)
        self.banner.setObjectName("notice")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAutoFillBackground(True)
        self.banner.setBackgroundRole(self.banner.palette().ColorRole.ToolTipBase)
        self.banner.setForegroundRole(self.banner.palette().ColorRole.ToolTipText)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setTextFormat(Qt.TextFormat.PlainText)
        self.banner_text.setWordWrap(True)
        # Grow with the wrapped text: notices can run to three lines and must be read whole.
        self.banner_text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
        banner_save_as = QPushButton("Save As…", self.banner)
        banner_save_as.clicked.connect(self.save_as)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 6, 10, 6)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(banner_save_as)
        self.banner.hide()

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.stack, 1)
        # Stands in for the pages while a file is read, so the old plan is not taken for the new one.
        self.opening = QLabel(self)
        self.opening.setTextFormat(Qt.TextFormat.PlainText)
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.hide()
        right_layout.addWidget(self.opening, 1)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        separator = QFrame(central)
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(separator)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

    def _build_undo_dock(self) -> None:
        self.undo_view = QUndoView(self.document.undo_stack)
        self.undo_view.setEmptyLabel("Opened plan")
        self.undo_dock = QDockWidget("Undo History", self)
        self.undo_dock.setObjectName("undo_history")
        self.undo_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.resizeDocks([self.undo_dock], [240], Qt.Orientation.Horizontal)
        self.undo_dock.hide()

    def _build_menus(self) -> None:
        a = self.actions
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([a.new, a.new_demo, a.open])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([a.save, a.save_as])
        file_menu.addSeparator()
        file_menu.addActions([a.import_file, a.export_json, a.export_pdf])
        file_menu.addSeparator()
        file_menu.addActions([a.compare, a.merge])
        file_menu.addSeparator()
        file_menu.addActions([a.close, a.quit])

        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addActions([a.undo, a.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([a.add, a.duplicate, a.delete])
        edit_menu.addSeparator()
        edit_menu.addAction(a.find)

        view_menu = self.menuBar().addMenu("&View")
        self.view_actions = QActionGroup(self)
        for number, page in enumerate(self.pages, start=1):
            action = QAction(page.title, self, checkable=True)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, index=number - 1: self.show_page(index))
            self.view_actions.addAction(action)
            view_menu.addAction(action)
        view_menu.addSeparator()
        history = self.undo_dock.toggleViewAction()
        history.setText("Undo &History")
        history.setShortcut(QKeySequence("Ctrl+Shift+H"))
        view_menu.addAction(history)

        self.plan_menu = PlanMenu(self)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addActions([a.shortcuts, a.about])

    def _build_toolbar(self) -> None:
        a = self.actions
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(22, 22))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        toolbar.addActions([a.new, a.open, a.save])
        toolbar.addSeparator()
        toolbar.addActions([a.undo, a.redo])
        toolbar.addSeparator()
        toolbar.addActions([a.add, a.duplicate, a.delete])
        toolbar.addSeparator()
        toolbar.addAction(a.find)
        # The undo actions' text grows with the command name; the toolbar shows just the verb.
        for action, verb in ((a.undo, "Undo"), (a.redo, "Redo")):
            button = toolbar.widgetForAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setToolTip(verb)

    def _connect(self) -> None:
        a = self.actions
        a.new.triggered.connect(self.new_plan)
        a.new_demo.triggered.connect(self.new_from_demo)
        a.open.triggered.connect(self.open_dialog)
        a.save.triggered.connect(self.save)
        a.save_as.triggered.connect(self.save_as)
        a.import_file.triggered.connect(self.import_dialog)
        a.export_json.triggered.connect(self.export_json_dialog)
        a.export_pdf.triggered.connect(self.export_pdf)
        a.compare.triggered.connect(self.compare_with)
        a.merge.triggered.connect(self.merge_from_copy)
        a.close.triggered.connect(self.close_plan)
        a.quit.triggered.connect(self.close)
        a.clear_recent.triggered.connect(self.settings.clear_recent_files)
        a.undo.triggered.connect(lambda: self._say(f"Undid {self._stack_text(0)}"))
        a.redo.triggered.connect(lambda: self._say(f"Redid {self._stack_text(-1)}"))
        a.add.triggered.connect(lambda: self.current_page().add_item())
        a.duplicate.triggered.connect(lambda: self.current_page().duplicate_selected())
        a.delete.triggered.connect(lambda: self.current_page().delete_selected())
        a.find.triggered.connect(lambda: self.current_page().focus_filter())
        a.about.triggered.connect(self.about)
        a.shortcuts.triggered.connect(self.show_shortcuts)

        self.sidebar.currentRowChanged.connect(self.show_page)
        for page in self.pages:
            page.selection_changed.connect(self._update_edit_actions)
            page.navigate.connect(self.navigate)
            if hasattr(page, "shared_selection"):
                page.shared_selection.connect(self.share_selection)
        self.document.changed.connect(self._on_document_changed)
        self.document.error.connect(self._on_document_error)
        self.session.state_changed.connect(self._update_title)
        self.session.problem.connect(self._say)
        self._analysis_timer.timeout.connect(self._start_analysis)
        self._analysis_worker.failed.connect(self._on_analysis_failed)
        self._window_keys = {action: action.shortcuts() for action in (a.add, a.duplicate, a.delete, a.find)}
        QApplication.instance().focusChanged.connect(self._yield_keys)
        self._plan_undo_keys = PlanUndoKeys(a.undo, a.redo)
        QApplication.instance().focusChanged.connect(self._plan_undo_keys.watch)

    # Pages

    def current_page(self):
        """The page shown now."""
        return self.pages[self.stack.currentIndex()]

    def show_page(self, index: int) -> None:
        """Show the page at `index` (0-based, sidebar order)."""
        if not 0 <= index < len(self.pages):
            return
        self.stack.setCurrentIndex(index)
        self.sidebar.setCurrentRow(index)
        self.view_actions.actions()[index].setChecked(True)
        self._update_edit_actions()
        self._yield_keys()

    def navigate(self, table: str, key) -> bool:
        """Show the entity `key` of `table` on the page best suited to it; False if no page has it."""
        preferred = PAGES_FOR_TABLE.get(table, ())
        ordered = sorted(
            range(len(self.pages)),
            key=lambda i: (
                preferred.index(type(self.pages[i]).__name__)
                if type(self.pages[i]).__name__ in preferred
                else len(preferred) + i
            ),
        )
        for index in ordered:
            if self.pages[index].select(table, key):
                self.show_page(index)
                return True
        return False

    def share_selection(self, table: str, key) -> None:
        """Select an entity on the pages that list it, staying on the page shown (the Score selects on the
        Initiatives and Teams pages as the user clicks)."""
        preferred = PAGES_FOR_TABLE.get(table, ())
        for page in self.pages:
            if type(page).__name__ in preferred and page is not self.current_page():
                page.select(table, key)

    def _yield_keys(self, *_focus) -> None:
        """Let a page's own shortcut for Insert, Delete... win while it is active.

        Qt runs neither of two active shortcuts for one key ("ambiguous"), so the window's action
        steps back for keys the focused view (or the page, window-wide) handles itself.
        """
        taken = set()
        focus = QApplication.focusWidget()
        if self.pages:
            for shortcut in self.current_page().findChildren(QShortcut):
                widget = shortcut.parent()
                context = shortcut.context()
                active = (
                    context == Qt.ShortcutContext.WindowShortcut
                    or (context == Qt.ShortcutContext.WidgetShortcut and widget is focus)
                    or (
                        context == Qt.ShortcutContext.WidgetWithChildrenShortcut
                        and focus is not None
                        and (widget is focus or widget.isAncestorOf(focus))
                    )
                )
                if active and shortcut.isEnabled():
                    taken.update(key.toString() for key in shortcut.keys())  # noqa: SIM118 - QShortcut.keys(), not a dict
        for action, keys in self._window_keys.items():
            action.setShortcuts([key for key in keys if key.toString() not in taken])

    def _update_edit_actions(self) -> None:
        has_selection = bool(self.pages) and self.current_page().has_selection()
        self.actions.duplicate.setEnabled(has_selection)
        self.actions.delete.setEnabled(has_selection)

    # Opening

    def start(self, path: Path | None = None) -> None:
        """Open `path`, or the demo when there is none or it cannot be opened; then offer recovery copies."""
        if path is None or not self._open(Path(path)):
            self._start_demo()
        self.check_recovery()

    def _start_demo(self) -> None:
        from storage.demo import demo_plan

        self.session.start_new(demo_plan(), "Demo")

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; False when the user cancels."""
        if not self.session.is_dirty():
            return True
        answer = QMessageBox.question(
            self,
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
        self._say("New plan.")
        return True

    def new_from_demo(self) -> bool:
        """Start an untitled copy of the demo plan (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self._start_demo()
        self._say("New plan from the demo.")
        return True

    def close_plan(self) -> bool:
        """Close the open plan and leave an empty untitled one."""
        if not self.maybe_save():
            return False
        name = self.session.display_name()
        self.session.start_new(plans.new_plan())
        self._say(f"Closed {name}.")
        return True

    def open_dialog(self) -> None:
        """Ask for a plan file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, "Open Plan", self._dialog_folder(), PLAN_FILTER)
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> bool:
        """Open a .tutti file (after asking about unsaved changes); on failure the open plan stays as it was."""
        return self.maybe_save() and self._open(Path(path))

    @contextmanager
    def _working(self, what: str, name: str) -> Iterator[None]:
        """Show the file's name in the title, what is being done and a busy bar, painted before the work
        starts (a big plan takes seconds to open); the title follows the plan again afterwards."""
        self.setWindowTitle(f"{name} — Tutti")
        self.statusBar().showMessage(what)
        self.opening.setText(what)
        self.stack.hide()
        self.opening.show()
        self.progress.show()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self.opening.hide()
            self.stack.show()
            self.progress.hide()
            self.statusBar().clearMessage()
            self._update_title()

    def _open(self, path: Path) -> bool:
        from storage.project_file import open_plan

        try:
            with self._working(f"Opening {path.name}…", path.name):
                opened = read_with_progress(self, f"Opening {path.name}…", lambda progress: open_plan(path, progress))
                self.session.show_opened(opened)
        except ReadCancelled:
            return False
        except FileError as error:
            self.show_error("Cannot Open Plan", str(error))
            return False
        self.settings.add_recent_file(self.session.path)
        self._say(f"Opened {self.session.display_name()}" + (" (read-only)." if self.session.read_only else "."))
        return True

    def import_dialog(self) -> None:
        """Ask for a file to import (Tutti JSON, workbook, CSV, MS Project XML) and import it, with a preview."""
        from desktop.import_dialog import IMPORT_FILTER

        path, _ = QFileDialog.getOpenFileName(self, "Import", self._dialog_folder(), IMPORT_FILTER)
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> bool:
        """Import a file into the open plan (one undoable step) or as a new plan, as the user chooses."""
        from desktop.import_dialog import import_file

        return import_file(self, path)

    def import_json_path(self, path: Path) -> bool:
        """Open a Tutti JSON plan as a new untitled plan with unsaved changes."""
        from storage.exchange import read_json_file

        if not self.maybe_save():
            return False
        path = Path(path)
        try:
            with self._working(f"Importing {path.name}…", path.name):
                plan = read_with_progress(
                    self, f"Importing {path.name}…", lambda progress: read_json_file(path, progress)
                )
                self.session.show_imported(plan, path)
        except ReadCancelled:
            return False
        except ExchangeError as error:
            message = str(error)
            self.show_error("Cannot Import JSON", message if message.startswith(str(path)) else f"{path}: {message}")
            return False
        self._say(f"Imported {path.name}.")
        return True

    def open_any(self, path: Path) -> bool:
        """Open a .tutti file, open a .json one as a new plan, import a workbook, CSV or MS Project XML."""
        path = Path(path)
        if path.suffix.lower() in IMPORT_SUFFIXES:
            return self.import_path(path)
        return self.import_json_path(path) if path.suffix.lower() == ".json" else self.open_path(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for number, path in enumerate(self.settings.recent_files(), start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.actions.clear_recent)

    def _dialog_folder(self) -> str:
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
        suggested = self.session.path or Path(self._dialog_folder() or ".") / f"{self.session.untitled_name}.tutti"
        path, _ = QFileDialog.getSaveFileName(self, "Save Plan As", str(suggested), PLAN_FILTER)
        if not path:
            return False
        path = Path(path)
        return self.save_to(path if path.suffix else path.with_suffix(".tutti"))

    def save_to(self, path: Path) -> bool:
        """Save the plan in `path`, which becomes the plan's file; False (with a message) on failure."""
        try:
            self.session.save(path)
        except FileError as error:
            self.show_error("Cannot Save Plan", str(error))
            return False
        self.settings.add_recent_file(self.session.path)
        self._say(f"Saved {self.session.display_name()}.")
        return True

    def export_json_dialog(self) -> None:
        """Ask for a file name and write the plan there as Tutti JSON."""
        stem = self.session.path.stem if self.session.path else self.session.untitled_name
        suggested = Path(self._dialog_folder() or ".") / f"{stem}.json"
        path, _ = QFileDialog.getSaveFileName(self, "Export JSON", str(suggested), JSON_FILTER)
        if path:
            self.export_json_to(Path(path))

    def export_json_to(self, path: Path) -> bool:
        """Write the plan as Tutti JSON; the file is replaced whole or not at all."""
        from storage.exchange import dumps

        path = Path(path)
        try:
            write_atomically(path, dumps(self.document.plan).encode("utf-8"))
        except FileError as error:
            self.show_error("Cannot Export JSON", str(error))
            return False
        self._say(f"Exported {path.name}.")
        return True

    def export_pdf(self) -> None:
        """Print the orchestration plan to a PDF chosen by the user."""
        from desktop.pdf_export import export_pdf_dialog

        export_pdf_dialog(self, self.document, self.session.path)

    def compare_with(self):
        """File → Compare with…: list how a copy chosen by the user differs from the open plan."""
        from desktop.compare_dialog import compare_with

        return compare_with(self)

    def merge_from_copy(self) -> bool:
        """File → Merge changes from a copy…: review a copy's changes and take them in as one undoable step."""
        from desktop.merge_dialog import merge_from_copy

        return merge_from_copy(self)

    # Recovery

    def check_recovery(self) -> None:
        """Offer the recovery copies left by a Tutti that did not close properly."""
        if self.recovery is None:
            return
        entries = self.recovery.pending()
        while entries:
            dialog = RecoveryDialog(entries, self)
            dialog.exec()
            entry = dialog.selected_entry()
            if dialog.choice == RESTORE:
                self.restore_recovery(entry)
                return
            if dialog.choice != DISCARD:
                return
            self.recovery.discard(entry)
            entries = [e for e in entries if e is not entry]

    def restore_recovery(self, entry: RecoveryEntry) -> bool:
        """Open a recovery copy as unsaved changes to its original file."""
        if not self.maybe_save():
            return False
        try:
            self.session.restore(entry)
        except (FileError, ExchangeError, OSError) as error:
            self.show_error("Cannot Restore Changes", str(error))
            return False
        self._say(f"Restored unsaved changes to {self.session.display_name()}.")
        return True

    # Changes and analysis

    def _on_document_changed(self, change) -> None:
        if change is not None:
            self._say(change.label)
        self._analysis_generation += 1
        self._analysis_timer.start()
        self._update_edit_actions()

    def _on_document_error(self, message: str) -> None:
        self._say(message)
        self.show_error("Cannot Do That", message)

    def _start_analysis(self) -> None:
        if self._analysis_running:
            self._analysis_wanted = True
            return
        from domain.analysis.engine import analyze

        plan, generation = self.document.plan.copy(), self._analysis_generation
        self._analysis_running = True
        self._analysis_label.setText("Analysing…")
        self._analysis_worker.submit(lambda: analyze(plan), lambda result: self._on_analysis(generation, result))

    def _on_analysis(self, generation: int, analysis) -> None:
        self._analysis_running = False
        if generation == self._analysis_generation:
            self.analysis = analysis
            for page in self.pages:
                page.set_analysis(analysis)
            self._analysis_label.setText(counted(len(analysis.own_findings), "finding"))
        if self._analysis_wanted or generation != self._analysis_generation:
            self._analysis_wanted = False
            self._start_analysis()

    def _on_analysis_failed(self, message: str) -> None:
        self._analysis_running = False
        self._analysis_label.setText("Analysis failed")
        self._say(f"Analysis failed: {message}")

    def wait_for_analysis(self, milliseconds: int = -1) -> bool:
        """Block until background analysis jobs are done (tests and shutdown)."""
        return self._analysis_worker.wait(milliseconds)

    # Messages

    def _stack_text(self, offset: int) -> str:
        stack = self.document.undo_stack
        return stack.text(stack.index() + offset)

    def _say(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def show_error(self, title: str, message: str) -> None:
        """One clear message box, its text shown literally, and the same line in the status bar."""
        self._say(message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def about(self) -> None:
        """Show the version, the licence and (on request) the third-party notices."""
        from desktop.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def show_shortcuts(self) -> None:
        """Help → Keyboard Shortcuts: every key of the menus and the pages, in one list."""
        from desktop.shortcuts import ShortcutsDialog

        # A page may have taken a key from the window's command for now (see `_yield_keys`): list the command's own.
        ShortcutsDialog(self.menuBar(), lambda action: self._window_keys.get(action, action.shortcuts()), self).open()

    def _update_title(self) -> None:
        read_only = " (read-only)" if self.session.read_only else ""
        self.setWindowTitle(f"{self.session.display_name()}[*]{read_only} — Tutti")
        self.setWindowModified(self.session.is_dirty())
        notice = f"{self.session.display_name()} — {self.session.notice}." if self.session.notice else ""
        if self.session.read_only:
            notice = notice or f"{self.session.display_name()} is read-only."
            notice += " Save As keeps your changes in another file."
        if self.session.recovery_problem:
            notice = "\n".join(filter(None, [notice, f"{self.session.recovery_problem}. Save often until this goes."]))
        self.banner_text.setText(notice)
        self.banner.setVisible(bool(notice))

    # Window

    def _restore_settings(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry().size()
            self.resize(DEFAULT_SIZE.boundedTo(screen))
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        names = [type(page).__name__ for page in self.pages]
        for name, page in zip(names, self.pages):
            state = self.settings.page_state(name)
            if state:
                page.restore_state(state)
        last = self.settings.last_view()
        self.show_page(names.index(last) if last in names else 0)

    def _save_settings(self) -> None:
        self.settings.set_window_layout(self.saveGeometry(), self.saveState())
        self.settings.set_last_view(type(self.current_page()).__name__)
        for page in self.pages:
            self.settings.set_page_state(type(page).__name__, page.state())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Qt override: ask about unsaved changes, then remember the layout and let go of the file."""
        if not self.maybe_save():
            event.ignore()
            return
        self._save_settings()
        self._analysis_timer.stop()
        self.session.close()
        self.wait_for_analysis()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        """Qt override: redraw icons when the system switches between light and dark."""
        if event.type() == QEvent.Type.PaletteChange:
            self.actions.retint()
            for item_index, page in enumerate(self.pages):
                name = PAGE_ICONS.get(type(page).__name__, "overview")
                self.sidebar.item(item_index).setIcon(icon(name))
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Qt override: accept a dragged plan, or a file to import."""
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Qt override: open a dropped .tutti file, import a dropped .json, workbook, CSV or MS Project file."""
        path = self._dropped_file(event)
        if path is None:
            return
        event.acceptProposedAction()
        # Opened after the drop has finished, so the source application is not kept waiting on dialogs.
        QTimer.singleShot(0, lambda: self.open_any(path))

    @staticmethod
    def _dropped_file(event) -> Path | None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and _is_plan_file(Path(url.toLocalFile())):
                return Path(url.toLocalFile())
        return None
