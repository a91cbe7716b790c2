"""File → Export PDF…: choose paper, contents and teams, then print on a worker thread with progress and cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from domain.history import History
from domain.plan import Plan

RUNNING: set = set()
SECTION_LABELS = {
    "cover": "Cover and contents",
    "summary": "Summary",
    "goals": "Goals",
    "score": "Score overview",
    "wallchart": "Score wall chart (poster)",
    "network": "Team network",
    "skills": "Skills",
    "raci": "RACI",
    "handouts": "Team handouts",
    "appendix": "Appendix",
}


class ExportOptionsDialog(QDialog):
    """Paper size, the sections (or handouts only), the time window and which teams get a handout."""

    def __init__(self, plan: Plan, parent: QWidget | None = None, history: History | None = None):
        from domain.history import newest_first
        from views.pdf.render import WHOLE_PLAN

        super().__init__(parent)
        self.setWindowTitle("Export PDF")
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("A3", "a3")
        self.paper.addItem("US Letter", "letter")
        self.sections = {}
        grid = QGridLayout()
        for n, (name, label) in enumerate(SECTION_LABELS.items()):
            box = QCheckBox(label)
            box.setChecked(name in WHOLE_PLAN)
            self.sections[name] = box
            grid.addWidget(box, n // 3, n % 3)
        self.limit = QCheckBox("Only work between")
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit, day in ((self.start, QDate.currentDate()), (self.end, QDate.currentDate().addMonths(3))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(day)
            edit.setEnabled(False)
            self.limit.toggled.connect(edit.setEnabled)
        window = QHBoxLayout()
        window.addWidget(self.limit)
        window.addWidget(self.start)
        window.addWidget(QLabel("and"))
        window.addWidget(self.end)
        window.addStretch()
        self.whole = QRadioButton("The orchestration plan, with these sections:")
        self.handouts_only = QRadioButton("The team handouts, a document of their own (each from an odd page)")
        self.whole.setChecked(True)
        contents = QButtonGroup(self)
        contents.addButton(self.whole)
        contents.addButton(self.handouts_only)
        self.teams = QListWidget()
        self.teams.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for team in plan.teams.values():
            item = QListWidgetItem(team.name or "(unnamed team)")  # list items show plain text
            item.setData(Qt.ItemDataRole.UserRole, team.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.teams.addItem(item)
        hint = QLabel("Handouts for the checked teams (all teams when none is checked).")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)

        self.since = QComboBox()
        self.since.addItem("(none)", None)
        for revision in newest_first(history) if history is not None else ():
            if not revision.pruned:  # a compacted revision's plan cannot be rebuilt
                saved = revision.saved.replace("T", " ").rstrip("Z")[:16]
                label = f"{revision.short_id}  {saved}  {revision.author}  {revision.summary}"
                self.since.addItem(" ".join(label.split())[:120], revision.id)  # combo items show plain text
        self.since.setEnabled(self.since.count() > 1)
        self.since.setToolTip(
            "Add a section listing what changed since this saved revision; handouts mark new and changed items."
        )
        form = QFormLayout()
        form.addRow("Paper:", self.paper)
        form.addRow("Changes since:", self.since)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.whole)
        layout.addLayout(grid)
        layout.addLayout(window)
        layout.addWidget(self.handouts_only)
        layout.addWidget(hint)
        layout.addWidget(self.teams)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        for box in self.sections.values():
            box.toggled.connect(self._check)
        self.whole.toggled.connect(self._check)
        self.whole.toggled.connect(self._enable)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _enable(self, whole: bool) -> None:
        """Handouts only: no sections and no time window to choose."""
        for widget in (*self.sections.values(), self.limit):
            widget.setEnabled(whole)
        for edit in (self.start, self.end):
            edit.setEnabled(whole and self.limit.isChecked())

    def _check(self) -> None:
        """Printing nothing is not an export: the whole plan needs at least one section."""
        self.ok.setEnabled(not self.whole.isChecked() or bool(self.chosen_sections()))

    def chosen_sections(self) -> tuple[str, ...]:
        return tuple(name for name, box in self.sections.items() if box.isChecked())

    def window(self) -> tuple[date | None, date | None]:
        """The time window chosen, earlier date first, or (None, None) when not limited."""
        if not self.limit.isChecked():
            return None, None
        first, last = sorted((self.start.date().toPython(), self.end.date().toPython()))
        return first, last

    def chosen_teams(self) -> tuple[str, ...]:
        """The checked teams, or () when every team is checked (or none)."""
        items = [self.teams.item(n) for n in range(self.teams.count())]
        checked = [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]
        return () if len(checked) == len(items) else tuple(checked)


class ExportWorker(QObject):
    """Writes the PDF on the export thread; a cancelled or failed export leaves no file."""

    progressed = Signal(int, int)
    finished = Signal(str)  # an error message, or "" on success
    cancelled = Signal()

    def __init__(self, plan: Plan, target: Path, options):
        super().__init__()
        self.plan, self.target, self.options = plan, target, options
        self.cancel_requested = False

    def run(self) -> None:
        """Thread entry point."""
        from desktop.printing import write_pdf
        from storage.files import FileError
        from views.pdf.render import ExportCancelled

        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not self.cancel_requested

        try:
            write_pdf(self.plan, self.target, self.options, progress=progress)
        except ExportCancelled:
            self.cancelled.emit()
            return
        except FileError as error:
            self.finished.emit(str(error))
            return
        except Exception as error:  # noqa: BLE001 - any failure is reported in the window, never a crash
            message = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.finished.emit(f"{self.target}: {message or type(error).__name__}")
            return
        self.finished.emit("")


class PdfExport(QObject):
    """One running export: its thread, worker and progress dialog."""

    done = Signal(bool)  # True when a PDF was written

    def __init__(self, parent: QWidget, plan: Plan, target: Path, options):
        super().__init__(parent)
        self.parent_widget, self.target = parent, target
        self.thread = QThread(self)
        self.worker = ExportWorker(plan, target, options)
        self.worker.moveToThread(self.thread)
        self.progress = QProgressDialog("Printing the plan…", "Cancel", 0, 100, parent)
        self.progress.setWindowTitle("Export PDF")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.canceled.connect(self.cancel)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished.connect(self._finished)
        self.worker.cancelled.connect(self._cancelled)
        self.message: QMessageBox | None = None

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        """Ask the worker to stop at its next progress report."""
        self.worker.cancel_requested = True

    def _progressed(self, done: int, total: int) -> None:
        if not self.worker.cancel_requested:
            self.progress.setMaximum(total)
            self.progress.setValue(min(done, total - 1))

    def _stop_thread(self) -> None:
        self.progress.reset()
        self.thread.quit()
        self.thread.wait()

    def _cancelled(self) -> None:
        self._stop_thread()
        self.done.emit(False)

    def _finished(self, error: str) -> None:
        self._stop_thread()
        if error:
            box = QMessageBox(QMessageBox.Icon.Warning, "Cannot Export PDF", error, parent=self.parent_widget)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.open()
            self.message = box
            self.done.emit(False)
            return
        box = QMessageBox(
            QMessageBox.Icon.Information, "PDF Exported", f"Wrote {self.target.name}.", parent=self.parent_widget
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        open_button = box.addButton("Open PDF", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.target))))
        box.open()
        self.message = box
        self.done.emit(True)


def suggested_path(file_path: str | Path | None, plan: Plan) -> str:
    """Where the save dialog starts: beside the open file, named after it (or the project)."""
    if file_path:
        path = Path(file_path)
        return str(path.with_suffix(".pdf"))
    name = "".join(c if c.isalnum() or c in " -_" else "_" for c in (plan.project.name or "plan")).strip()
    return str(Path.home() / f"{name or 'plan'}.pdf")


def export_pdf_dialog(
    parent: QWidget, document, file_path: str | Path | None, history: History | None = None, unsaved: bool = False
) -> PdfExport | None:
    """Ask for options and a target, then export a copy of the document's plan without freezing the window.
    `history` is the file's (its head is the revision every page names), `unsaved` whether the plan has
    edits since.

    Returns the running export (tests wait on its `done` signal), or None when the user gave up.
    """
    from domain.history import version_stamp
    from storage.history import ancestor_plan
    from views.pdf.render import ExportOptions, Since

    plan = document.plan.copy()
    options_dialog = ExportOptionsDialog(plan, parent, history)
    if options_dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    since = None
    chosen = options_dialog.since.currentData()
    if chosen is not None:
        earlier = ancestor_plan(history, chosen)
        if earlier is None:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Cannot Export PDF",
                f"The plan as saved at revision {chosen[:8]} cannot be rebuilt from the file's history.",
                parent=parent,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return None
        since = Since(earlier, history.revisions[chosen])
    target, _ = QFileDialog.getSaveFileName(parent, "Export PDF", suggested_path(file_path, plan), "PDF (*.pdf)")
    if not target:
        return None
    target_path = Path(target)
    if target_path.suffix.lower() != ".pdf":
        target_path = target_path.with_name(target_path.name + ".pdf")
    start, end = options_dialog.window()
    options = ExportOptions(
        paper=options_dialog.paper.currentData(),
        sections=options_dialog.chosen_sections(),
        start=start,
        end=end,
        teams=options_dialog.chosen_teams(),
        handouts_only=options_dialog.handouts_only.isChecked(),
        file_name=Path(file_path).name if file_path else "",
        printed=date.today(),
        revision=version_stamp(history),
        unsaved=unsaved and version_stamp(history) is not None,
        since=since,
    )
    export = PdfExport(parent, plan, target_path, options)
    RUNNING.add(export)  # held until it ends, whatever Python does with the caller's reference
    export.done.connect(lambda _: RUNNING.discard(export))
    export.start()
    return export
