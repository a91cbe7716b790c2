"""The main window: the pages with their sidebar, menus, toolbar, notices and status bar, wired to the open plan.

Its jobs live in their own modules: file commands (file_commands), recovery at start (recovery_flow),
background analysis (analysis_runner), the pages (pages), menus (menus) and shared keys (key_sharing).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from desktop import recovery_flow
from desktop.actions import Actions, icon
from desktop.analysis_runner import AnalysisRunner
from desktop.document import Document
from desktop.file_commands import FileCommands, dropped_plan_file
from desktop.key_sharing import PageKeys, PlanUndoKeys
from desktop.menus import build_menus, build_toolbar
from desktop.notice_banner import NoticeBanner, notice_for
from desktop.pages import PAGE_KINDS, Pages, asking_order, listing
from desktop.session import Session
from desktop.settings import Settings
from domain.wording import counted
from storage.recovery import RecoveryStore

DEFAULT_SIZE = QSize(1280, 800)


class MainWindow(QMainWindow):
    """The Tutti window over one open `Document`; every file command goes through its `Session`."""

    def __init__(self, settings: Settings | None = None, recovery: RecoveryStore | None = None):
        super().__init__()
        self.settings = settings if settings is not None else Settings()
        self.recovery = recovery
        self.document = Document(parent=self)
        self.session = Session(self.document, recovery, self, author=self.settings.author)
        self.actions = Actions(self, self.document.undo_stack)
        self.files = FileCommands(self)
        self.analysis_runner = AnalysisRunner(self.document, self)
        # Each page is built when first shown or asked for (see _build_page), so the window opens fast.
        self.pages = Pages(PAGE_KINDS, self._build_page)
        self._waiting_selection: dict[int, tuple[str, object]] = {}

        self.setAcceptDrops(True)
        self.setUnifiedTitleAndToolBarOnMac(True)
        self._build_central()
        self._build_undo_dock()
        self.recent_menu, self.view_actions = build_menus(
            self, self.actions, [kind.title for kind in self.pages.kinds], self.show_page, self.undo_dock
        )
        build_toolbar(self, self.actions)
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
        self.update_title()
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
        for kind in self.pages.kinds:
            item = QListWidgetItem(icon(kind.icon), kind.title)
            item.setSizeHint(QSize(0, 36))
            self.sidebar.addItem(item)

        self.banner = NoticeBanner(self)
        self.banner.save_as_clicked.connect(self.save_as)
        self.banner_text = self.banner.text

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

    def _connect(self) -> None:
        a, files = self.actions, self.files
        a.new.triggered.connect(files.new_plan)
        a.new_demo.triggered.connect(files.new_from_demo)
        a.open.triggered.connect(files.open_dialog)
        a.save.triggered.connect(files.save)
        a.save_as.triggered.connect(files.save_as)
        a.import_file.triggered.connect(files.import_dialog)
        a.export_json.triggered.connect(files.export_json_dialog)
        a.export_pdf.triggered.connect(files.export_pdf)
        a.compare.triggered.connect(self.compare_with)
        a.merge.triggered.connect(self.merge_from_copy)
        a.close.triggered.connect(files.close_plan)
        a.quit.triggered.connect(self.close)
        a.clear_recent.triggered.connect(self.settings.clear_recent_files)
        self.recent_menu.aboutToShow.connect(lambda: files.fill_recent_menu(self.recent_menu))
        a.undo.triggered.connect(lambda: self.say(f"Undid {self._stack_text(0)}"))
        a.redo.triggered.connect(lambda: self.say(f"Redid {self._stack_text(-1)}"))
        a.add.triggered.connect(lambda: self.current_page().add_item())
        a.duplicate.triggered.connect(lambda: self.current_page().duplicate_selected())
        a.delete.triggered.connect(lambda: self.current_page().delete_selected())
        a.find.triggered.connect(lambda: self.current_page().focus_filter())
        a.about.triggered.connect(self.about)
        a.shortcuts.triggered.connect(self.show_shortcuts)

        self.sidebar.currentRowChanged.connect(self.show_page)
        self.document.changed.connect(self._on_document_changed)
        self.document.error.connect(self._on_document_error)
        self.session.state_changed.connect(self.update_title)
        self.session.problem.connect(self.say)
        self.analysis_runner.started.connect(lambda: self._analysis_label.setText("Analysing…"))
        self.analysis_runner.finished.connect(self._on_analysis)
        self.analysis_runner.failed.connect(self._on_analysis_failed)
        self._page_keys = PageKeys([a.add, a.duplicate, a.delete, a.find])
        QApplication.instance().focusChanged.connect(self._yield_keys)
        self._plan_undo_keys = PlanUndoKeys(a.undo, a.redo)
        QApplication.instance().focusChanged.connect(self._plan_undo_keys.watch)

    # Pages

    def _build_page(self, index: int):
        """The page at `index`, new, caught up with what the window gave the pages built before it:
        its saved view settings, the latest analysis and a selection shared while it did not exist."""
        kind = self.pages.kinds[index]
        page = kind.load()(self.document)
        self.stack.addWidget(page)
        page.selection_changed.connect(self._update_edit_actions)
        page.navigate.connect(self.navigate)
        if hasattr(page, "shared_selection"):
            page.shared_selection.connect(self.share_selection)
        state = self.settings.page_state(kind.name)
        if state:
            page.restore_state(state)
        if self.analysis is not None:
            page.set_analysis(self.analysis)
        if index in self._waiting_selection:
            page.select(*self._waiting_selection.pop(index))
        return page

    def current_page(self):
        """The page shown now (None only while the first page is built)."""
        return self.stack.currentWidget()

    def show_page(self, index: int) -> None:
        """Show the page at `index` (0-based, sidebar order)."""
        if not 0 <= index < len(self.pages):
            return
        self.stack.setCurrentWidget(self.pages[index])
        self.sidebar.setCurrentRow(index)
        self.view_actions.actions()[index].setChecked(True)
        self._update_edit_actions()
        self._yield_keys()

    def navigate(self, table: str, key) -> bool:
        """Show the entity `key` of `table` on the page best suited to it; False if no page has it."""
        for index in asking_order(self.pages.kinds, table):
            if self.pages[index].select(table, key):
                self.show_page(index)
                return True
        return False

    def share_selection(self, table: str, key) -> None:
        """Select an entity on the pages that list it, staying on the page shown (the Score selects on the
        Initiatives and Teams pages as the user clicks). A page not built yet selects it once built."""
        for index in listing(self.pages.kinds, table):
            if not self.pages.is_built(index):
                self._waiting_selection[index] = (table, key)
            elif self.pages[index] is not self.current_page():
                self.pages[index].select(table, key)

    def _yield_keys(self, *_focus) -> None:
        self._page_keys.yield_to(self.current_page())

    def _update_edit_actions(self) -> None:
        page = self.current_page()
        has_selection = page is not None and page.has_selection()
        self.actions.duplicate.setEnabled(has_selection)
        self.actions.delete.setEnabled(has_selection)

    # File commands (see file_commands.py)

    def start(self, path: Path | None = None) -> None:
        """Open `path`, or the demo when there is none or it cannot be opened; then offer recovery copies."""
        self.files.start(path)
        recovery_flow.offer_recovery(self)

    def new_plan(self) -> bool:
        """Start an empty untitled plan (after asking about unsaved changes)."""
        return self.files.new_plan()

    def new_from_demo(self) -> bool:
        """Start an untitled copy of the demo plan (after asking about unsaved changes)."""
        return self.files.new_from_demo()

    def close_plan(self) -> bool:
        """Close the open plan and leave an empty untitled one."""
        return self.files.close_plan()

    def open_path(self, path: Path) -> bool:
        """Open a .tutti file (after asking about unsaved changes); on failure the open plan stays as it was."""
        return self.files.open_path(path)

    def import_json_path(self, path: Path) -> bool:
        """Open a Tutti JSON plan as a new untitled plan with unsaved changes."""
        return self.files.import_json_path(path)

    def import_path(self, path: Path) -> bool:
        """Import a file into the open plan (one undoable step) or as a new plan, as the user chooses."""
        return self.files.import_path(path)

    def save(self) -> bool:
        """Save to the plan's file; an untitled or read-only plan asks where (Save As)."""
        return self.files.save()

    def save_as(self) -> bool:
        """Ask for a file name and save there."""
        return self.files.save_as()

    def save_to(self, path: Path) -> bool:
        """Save the plan in `path`, which becomes the plan's file; False (with a message) on failure."""
        return self.files.save_to(path)

    def export_json_to(self, path: Path) -> bool:
        """Write the plan as Tutti JSON; the file is replaced whole or not at all."""
        return self.files.export_json_to(path)

    def compare_with(self):
        """File → Compare with…: list how a copy chosen by the user differs from the open plan."""
        from desktop.compare_dialog import compare_with

        return compare_with(self)

    def merge_from_copy(self) -> bool:
        """File → Merge changes from a copy…: review a copy's changes and take them in as one undoable step."""
        from desktop.merge_dialog import merge_from_copy

        return merge_from_copy(self)

    # Changes and analysis

    @property
    def analysis(self):
        """The analysis of the plan as last finished (None until the first one)."""
        return self.analysis_runner.analysis

    def wait_for_analysis(self, milliseconds: int = -1) -> bool:
        """Block until background analysis jobs are done (tests and the benchmark); False on timeout."""
        return self.analysis_runner.wait(milliseconds)

    def _on_document_changed(self, change) -> None:
        if change is not None:
            self.say(change.label)
        else:  # a new plan: what was selected on the old one is no longer waiting to be shown
            self._waiting_selection.clear()
        self._update_edit_actions()

    def _on_document_error(self, message: str) -> None:
        self.say(message)
        self.show_error("Cannot Do That", message)

    def _on_analysis(self, analysis) -> None:
        for _index, page in self.pages.built():
            page.set_analysis(analysis)
        self._analysis_label.setText(counted(len(analysis.own_findings), "finding"))

    def _on_analysis_failed(self, message: str) -> None:
        self._analysis_label.setText("Analysis failed")
        self.say(f"Analysis failed: {message}")

    # Messages

    def _stack_text(self, offset: int) -> str:
        stack = self.document.undo_stack
        return stack.text(stack.index() + offset)

    def say(self, message: str) -> None:
        """A line in the status bar, for a few seconds."""
        self.statusBar().showMessage(message, 8000)

    def show_error(self, title: str, message: str) -> None:
        """One clear message box, its text shown literally, and the same line in the status bar."""
        self.say(message)
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

        # A page may have taken a key from the window's command for now (see PageKeys): list the command's own.
        ShortcutsDialog(self.menuBar(), self._page_keys.own_keys, self).open()

    def update_title(self) -> None:
        """The title and the notice banner, after the file, its state or its unsaved changes changed."""
        read_only = " (read-only)" if self.session.read_only else ""
        self.setWindowTitle(f"{self.session.display_name()}[*]{read_only} — Tutti")
        self.setWindowModified(self.session.is_dirty())
        self.banner.show_notice(notice_for(self.session))

    # Window

    def _restore_settings(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry().size()
            self.resize(DEFAULT_SIZE.boundedTo(screen))
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        # Saved settings name pages by class name: they outlive any one version of the window.
        names = [kind.name for kind in self.pages.kinds]
        last = self.settings.last_view()
        self.show_page(names.index(last) if last in names else 0)

    def _save_settings(self) -> None:
        self.settings.set_window_layout(self.saveGeometry(), self.saveState())
        self.settings.set_last_view(self.pages.kinds[self.pages.index(self.current_page())].name)
        for index, page in self.pages.built():  # a page never built keeps the state saved before
            self.settings.set_page_state(self.pages.kinds[index].name, page.state())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Qt override: ask about unsaved changes, then remember the layout and let go of the file."""
        if not self.files.maybe_save():
            event.ignore()
            return
        self._save_settings()
        self.analysis_runner.stop()
        self.session.close()
        self.analysis_runner.wait()
        event.accept()

    def changeEvent(self, event: QEvent) -> None:
        """Qt override: redraw icons when the system switches between light and dark."""
        if event.type() == QEvent.Type.PaletteChange:
            self.actions.retint()
            for index, kind in enumerate(self.pages.kinds):
                self.sidebar.item(index).setIcon(icon(kind.icon))
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Qt override: accept a dragged .tutti or .json file."""
        if dropped_plan_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Qt override: open a dropped .tutti file, import a dropped .json file."""
        path = dropped_plan_file(event.mimeData())
        if path is None:
            return
        event.acceptProposedAction()
        # Opened after the drop has finished, so the source application is not kept waiting on dialogs.
        QTimer.singleShot(0, lambda: self.files.open_any(path))
