"""File → Import…: read a Tutti JSON, workbook, CSV or MS Project XML file off the GUI thread, preview what
it would add, change and refuse, and only on Import apply it: into the open plan as one undoable step, or as
a new plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.file_reading import read_with_progress
from domain import operations
from domain.changes import Change
from domain.plan import TABLES, Plan
from domain.wording import KIND_NAMES, counted
from storage.files import FileError, ReadCancelled
from views.qt.models import literal_tip

if TYPE_CHECKING:
    from storage.interchange.applying import Outcome
    from storage.interchange.source import Source

INTO, NEW = "into", "new"
COLUMN_WIDTHS = {2: (160,), 5: (110, 50, 120, 330)}  # by the number of columns; the last one stretches


def import_file(window, path: Path) -> bool:
    """Import `path` into `window`'s plan or as a new plan, after a preview the user confirms; False when
    nothing changed (cancelled, or the file could not be read: then one line in an error box)."""
    from storage.interchange.source import new_plan_from, preview, read_source

    path = Path(path)
    plan = window.document.plan
    destination = ask_destination(window, path.name) if any(plan.table(t) for t in TABLES) else NEW
    if destination is None:
        return False
    target = plan.copy() if destination == INTO else Plan()  # the worker reads a copy the window cannot change

    def read(progress) -> tuple[Source, Outcome]:
        source = read_source(path, progress)
        return source, preview(source, target) if destination == INTO else new_plan_from(source)

    try:
        source, outcome = read_with_progress(window, f"Reading {path.name}…", read)
    except ReadCancelled:
        return False
    except FileError as error:
        window.show_error("Cannot Import", str(error))
        return False
    dialog = ImportPreviewDialog(source, outcome, target, destination, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    if destination == INTO:
        return window.document.run(_apply, outcome.change)
    if not window.files.maybe_save():
        return False
    window.session.show_imported(outcome.plan, path)
    window.statusBar().showMessage(f"Imported {path.name} as a new plan.", 8000)
    return True


def _apply(plan: Plan, change: Change) -> Change:
    """The previewed import as an operation: its edits were found on a copy of this very plan."""
    operations.redo(plan, change)
    return change


def ask_destination(parent: QWidget, name: str) -> str | None:
    """INTO the open plan, as a NEW plan, or None (cancelled)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Import", "", QMessageBox.StandardButton.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"Import {name} into the open plan, or as a new plan?")
    box.setInformativeText(
        "Into the open plan adds its rows and updates those with the same names, as one step you can undo."
    )
    into = box.addButton("Into This Plan", QMessageBox.ButtonRole.AcceptRole)
    new = box.addButton("As a New Plan", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(into)
    box.exec()
    return {into: INTO, new: NEW}.get(box.clickedButton())


class ImportPreviewDialog(QDialog):
    """What an import would do, tab by tab; Import stays disabled while cells are refused, unless the user
    chooses to import the valid rows only."""

    def __init__(self, source: Source, outcome: Outcome, target: Plan, destination: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"Import {source.path.name}")
        self.outcome = outcome
        self.new_rows = new_rows(outcome.plan, target)
        self.changed_rows = [] if destination == NEW else [_where_and_what(line) for line in outcome.changes]
        self.refused_rows = [(r.sheet, str(r.row), r.column, r.reason, r.suggestion) for r in outcome.refused]

        summary = QLabel(self)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        summary.setText(self._summary(source, destination))
        self.tabs = QTabWidget(self)
        for title, headers, rows in (
            ("New", ("Kind", "Name"), self.new_rows),
            ("Changed", ("Where", "Change"), self.changed_rows),
            ("Refused", ("Sheet", "Row", "Column", "Reason", "Suggestion"), self.refused_rows),
            ("Report", ("What Tutti cannot represent, ignored or adjusted",), [(n,) for n in outcome.notes]),
        ):
            self.tabs.addTab(_table(headers, rows, self), f"{title} ({len(rows):,})")
        if self.refused_rows:
            self.tabs.setCurrentIndex(2)
        self.valid_only = QCheckBox("Import the valid rows only", self)
        self.valid_only.setToolTip("Rows with a refused cell are left out; the others are imported")
        self.valid_only.setVisible(bool(self.refused_rows))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.valid_only.toggled.connect(self._update_import)
        self._update_import()

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.valid_only)
        layout.addWidget(self.buttons)
        self.resize(820, 480)

    def _summary(self, source: Source, destination: str) -> str:
        where = "into the open plan" if destination == INTO else "as a new plan"
        counts = f"{counted(len(self.new_rows), 'new row')}, {counted(len(self.changed_rows), 'changed row')}"
        lines = [f"{source.path.name} ({source.format}) {where}: {counts}."]
        if self.outcome.refused:
            lines.append(
                f"Refused: {counted(len(self.outcome.refused), 'cell')} in {counted(self.outcome.refused_rows, 'row')}"
                " — correct the file, or import the valid rows only."
            )
        if destination == INTO and not self.outcome.change.edits:
            lines.append("Nothing to change: the plan already holds what the file says.")
        return "\n".join(lines)

    def _update_import(self) -> None:
        nothing = not self.outcome.change.edits and not self.new_rows
        self.import_button.setEnabled(not nothing and (not self.refused_rows or self.valid_only.isChecked()))


def new_rows(plan: Plan, target: Plan) -> list[tuple[str, str]]:
    """(kind, name) of each entity `plan` holds that `target` does not; hand-offs by what they hand over."""
    rows = []
    for table in ("goals", "teams", "skills", "initiatives", "handoffs"):
        word = KIND_NAMES[table][0].capitalize()
        for key, entity in plan.table(table).items():
            if key not in target.table(table):
                rows.append((word, entity.what if table == "handoffs" else entity.name))
    return rows


def _where_and_what(change: str) -> tuple[str, str]:
    """ "Teams row 4: team 'Sales': lead 'A' -> 'B'" as its place and what changes there."""
    where, _, what = change.partition(": ")
    return where, what


def _table(headers: tuple[str, ...], rows: list, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(RowsModel(headers, rows, view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(COLUMN_WIDTHS.get(len(headers), ())):
        view.setColumnWidth(column, width)
    return view


class RowsModel(QAbstractTableModel):
    """Read-only rows of text under fixed headers (a preview can list tens of thousands of refused cells)."""

    def __init__(self, headers: tuple[str, ...], rows: list, parent=None):
        super().__init__(parent)
        self.headers, self.rows = headers, rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Qt override."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        """Qt override."""
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        """Qt override."""
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_tip(self.rows[index.row()][index.column()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        """Qt override."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None
