"""The Overview page: the project at a glance and one list of every problem and finding in the plan."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
)

from domain import operations
from domain.validation import name_problem, validate
from domain.wording import counted
from views.qt import forms
from views.qt.calendar_field import CalendarField
from views.qt.models import literal_tip
from views.qt.page import Page
from views.qt.when_shown import WhenShown

VALIDATION_DELAY_MS = 250
SEVERITIES = {  # severity: (rank, label, icon)
    "error": (0, "Error", QStyle.StandardPixmap.SP_MessageBoxCritical),
    "high": (1, "High", QStyle.StandardPixmap.SP_MessageBoxCritical),
    "warning": (2, "Warning", QStyle.StandardPixmap.SP_MessageBoxWarning),
    "medium": (3, "Medium", QStyle.StandardPixmap.SP_MessageBoxWarning),
    "low": (4, "Low", QStyle.StandardPixmap.SP_MessageBoxInformation),
}
KINDS = {"project": "Project", **{table: names[0].capitalize() for table, names in operations.KIND_NAMES.items()}}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class Issue:
    """A validation problem or an analysis finding, with the entity it points at."""

    severity: str
    message: str
    table: str
    key: object


def _described(finding, plan) -> str:
    from domain.analysis.wording import describe  # loads with the first finding, after the window shows

    return describe(finding, plan)


class IssuesModel(QAbstractTableModel):
    """Problems from validation and findings from analysis, most severe first."""

    HEADERS = ("Severity", "Problem", "Concerns")

    def __init__(self, style: QStyle, parent=None):
        super().__init__(parent)
        self.issues: list[Issue] = []
        self._problems: list[Issue] = []
        self._findings: list[Issue] = []
        self._icons = {name: style.standardIcon(icon) for name, (_, _, icon) in SEVERITIES.items()}

    def set_problems(self, problems) -> None:
        self._problems = [Issue(p.severity, p.message, p.table, p.key) for p in problems]
        self._rebuild()

    def set_findings(self, findings, plan) -> None:
        self._findings = [
            Issue(f.severity, _described(f, plan), f.table, f.keys[0] if f.keys else None) for f in findings
        ]
        self._rebuild()

    def _rebuild(self) -> None:
        self.beginResetModel()
        self.issues = sorted(self._problems + self._findings, key=lambda i: SEVERITIES.get(i.severity, (9,))[0])
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.issues)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        issue = self.issues[index.row()]
        rank, label, _ = SEVERITIES.get(issue.severity, (9, issue.severity.capitalize(), None))
        text = (label, issue.message, KINDS.get(issue.table, issue.table))[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_tip(issue.message)
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self._icons.get(issue.severity)
        if role == SORT_ROLE:
            return rank if index.column() == 0 else text.casefold()
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class OverviewPage(Page):
    """Project name, description, start and calendar; counts and span; every problem with a jump to it."""

    title = "Overview"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.filter_box.setPlaceholderText("Filter problems (Ctrl+F)")
        self.form = forms.Form(self)
        self.form.add("name", "Project name:", forms.LineField(lambda text: name_problem("project", text)))
        self.form.add("description", "Description:", forms.TextField(3))
        self.form.add("start", "Start:", forms.DateField())
        self.calendar = self.form.add("calendar", "Working days:", CalendarField())
        self.form.edited.connect(lambda name, value: self._edit(name, value))
        project = QGroupBox("Project", self)
        QVBoxLayout(project).addWidget(self.form)

        numbers = QGroupBox("At a glance", self)
        grid = QGridLayout(numbers)
        self.counts: dict[str, QLabel] = {}
        for row, (table, label) in enumerate(
            (
                ("goals", "Goals"),
                ("teams", "Teams"),
                ("skills", "Skills"),
                ("initiatives", "Initiatives"),
                ("dependencies", "Dependencies"),
                ("handoffs", "Hand-offs"),
                ("relations", "Team relations"),
            )
        ):
            grid.addWidget(QLabel(label + ":", numbers), row, 0)
            self.counts[table] = QLabel(numbers)
            self.counts[table].setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(self.counts[table], row, 1)
        self.span = QLabel(numbers)
        self.span.setTextFormat(Qt.TextFormat.PlainText)
        self.span.setWordWrap(True)
        grid.addWidget(self.span, len(self.counts), 0, 1, 2)
        grid.setColumnStretch(2, 1)

        self.issues = IssuesModel(self.style(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.issues)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter_box.filter_changed.connect(lambda text: self.proxy.setFilterFixedString(text.strip()))
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(0, self.fontMetrics().averageCharWidth() * 12 + 24)
        self.view.setColumnWidth(2, self.fontMetrics().averageCharWidth() * 14)
        self.view.activated.connect(self._jump)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        top = QHBoxLayout()
        top.addWidget(project, 3)
        top.addWidget(numbers, 2)
        problems_bar = QHBoxLayout()
        problems_bar.addWidget(self.summary, 1)
        problems_bar.addWidget(self.filter_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(problems_bar)
        layout.addWidget(self.view, 1)
        hint = QLabel("Double-click a problem or press Enter to go to what it concerns.", self)
        hint.setEnabled(False)
        layout.addWidget(hint)
        self.remember("problems", self.view)

        self._validation = QTimer(self)
        self._validation.setSingleShot(True)
        self._validation.setInterval(VALIDATION_DELAY_MS)
        self._validation.timeout.connect(self._validate)
        self._stale = True
        WhenShown(self, document, self._changed)
        self._changed(None)
        self._validate()
        self._show_span()

    def select(self, table: str, key) -> bool:
        return table == "project"

    def show_analysis(self) -> None:
        self.issues.set_findings(self.analysis.own_findings if self.analysis else (), self.document.plan)
        self._show_span()
        self._show_summary()

    def _edit(self, name: str, value) -> None:
        if not self.document.run(operations.set_project, **{name: value}):
            self.form.show_entity(self.document.plan.project)

    def _changed(self, change) -> None:
        plan = self.document.plan
        if change is None or "project" in change.tables:
            self.form.show_entity(plan.project)
        for table, label in self.counts.items():
            label.setText(f"{len(plan.table(table)):,}")
        self._stale = True
        if self.isVisible():
            self._validation.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._validation.start()

    def _validate(self) -> None:
        """Check the plan again (linear in its size; batched after a burst of edits)."""
        self._stale = False
        self.issues.set_problems(validate(self.document.plan))
        # the findings again too, worded with today's names (a rename does not re-run the analysis)
        self.issues.set_findings(self.analysis.own_findings if self.analysis else (), self.document.plan)
        self._show_summary()

    def _show_span(self) -> None:
        analysis = self.analysis
        if analysis is None:
            self.span.setText("The schedule appears once the plan has been analysed.")
        elif analysis.finish is None:
            self.span.setText(f"Starts {analysis.start}; nothing scheduled yet.")
        else:
            weeks = (analysis.finish - analysis.start).days // 7 + 1
            self.span.setText(f"Runs from {analysis.start} to {analysis.finish} (about {counted(weeks, 'week')}).")

    def _show_summary(self) -> None:
        counts = {"error": 0, "warning": 0}
        for issue in self.issues.issues:
            if issue.severity in counts:
                counts[issue.severity] += 1
        findings = len(self.analysis.own_findings) if self.analysis else 0  # the count the status bar shows
        self.summary.setText(
            f"{counted(counts['error'], 'error')}, {counted(counts['warning'], 'warning')}, "
            f"{counted(findings, 'finding')} from the analysis."
        )

    def _jump(self, index: QModelIndex) -> None:
        issue = self.issues.issues[self.proxy.mapToSource(index).row()]
        if issue.key is not None and issue.table in operations.KIND_NAMES:
            self.navigate.emit(issue.table, issue.key)
