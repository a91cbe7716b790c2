"""A goal's check-ins on the Goals page: its trend chart, the list of measurements and a form to record and edit them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from domain import operations
from domain.analysis.kpis import Kpi, measure
from domain.analysis.wording import figure
from domain.entities import CheckIn, Goal
from views.qt import forms
from views.qt.trend_chart import TrendChart

HEADERS = ("Date", "Value", "Note")
ROOT = QModelIndex()


class CheckInModel(QAbstractTableModel):
    """The check-ins of one goal, in date order; read-only (edits go through the form)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.checkins: tuple[CheckIn, ...] = ()

    def set_checkins(self, checkins: tuple[CheckIn, ...]) -> None:
        self.beginResetModel()
        self.checkins = checkins
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        """Qt override."""
        return 0 if parent.isValid() else len(self.checkins)

    def columnCount(self, parent=ROOT) -> int:
        """Qt override."""
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        """Qt override."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        """Qt override."""
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        checkin = self.checkins[index.row()]
        return (str(checkin.date), figure(checkin.value), checkin.note)[index.column()]


def status_sentence(goal: Goal, kpi: Kpi) -> str:
    """Where a goal stands by its check-ins, in one sentence."""
    unit = f" {goal.unit}" if goal.unit else ""
    if kpi.latest is None:
        return "Not measured yet."
    latest = f"Latest {figure(kpi.latest.value)}{unit} on {kpi.latest.date}."
    if kpi.trend_per_week is None:
        return f"{latest} Record a second check-in to see the trend."
    trend = f" Trend {figure(kpi.trend_per_week)}{unit} a week."
    if kpi.on_track is None:
        return latest + trend + " A target and a deadline tell whether it is on track."
    verdict = "On track" if kpi.on_track else "Off track"
    return (
        f"{verdict}: forecast {figure(kpi.forecast)}{unit} by {goal.deadline} against a target of "
        f"{figure(goal.target)}{unit}. {latest}{trend}"
    )


class CheckInPanel(QWidget):
    """The trend and check-ins of the goal the page shows; every change is one undo step."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.goal: Goal | None = None
        self.chart = TrendChart(self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.model = CheckInModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(84)
        self.table.setMaximumHeight(150)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.form = forms.Form(self)
        self.form.add("date", "Check-in date:", forms.DateField())
        self.form.add("value", "Value:", forms.NumberField("The value"))
        self.form.add("note", "Note:", forms.LineField(placeholder="What was measured, by whom"))
        self.form.edited.connect(self._edit)
        self.record_button = QPushButton("Record check-in", self)
        self.delete_button = QPushButton("Delete check-in", self)
        self.record_button.clicked.connect(self.record)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.chart, self.status, self.table):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.form)
        layout.addStretch()

    def show_goal(self, goal: Goal | None) -> None:
        """Show a goal's trend and check-ins, keeping the selected check-in's date selected."""
        kept = self.selected()
        self.goal = goal
        kpi = measure(goal) if goal is not None else None
        self.chart.show_goal(goal, kpi.on_track if kpi else None)
        self.status.setText(status_sentence(goal, kpi) if goal is not None else "")
        self.model.set_checkins(goal.checkins if goal is not None else ())
        self.record_button.setEnabled(goal is not None)
        row = next((n for n, c in enumerate(self.model.checkins) if kept and c.date == kept.date), None)
        if row is None and self.model.checkins:
            row = len(self.model.checkins) - 1
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_selected()

    def selected(self) -> CheckIn | None:
        row = self.table.currentIndex().row()
        return self.model.checkins[row] if 0 <= row < len(self.model.checkins) else None

    def record(self) -> None:
        """Record a check-in on the status date (or today), or the day after the latest one when that is taken."""
        if self.goal is None:
            return
        day = self.document.plan.project.status_date or date.today()
        taken = {c.date for c in self.goal.checkins}
        while day in taken:
            day += timedelta(days=1)
        latest = max(self.goal.checkins, key=lambda c: c.date, default=None)
        value = latest.value if latest else self.goal.baseline if self.goal.baseline is not None else 0.0
        if self.document.run(operations.put_checkin, self.goal.id, CheckIn(day, value)):
            self._select(day)

    def delete_selected(self) -> None:
        checkin = self.selected()
        if self.goal is not None and checkin is not None:
            self.document.run(operations.delete_checkin, self.goal.id, checkin)

    def _select(self, day: date) -> None:
        for row, checkin in enumerate(self.model.checkins):
            if checkin.date == day:
                self.table.setCurrentIndex(self.model.index(row, 0))

    def _show_selected(self) -> None:
        checkin = self.selected()
        self.form.show_entity(checkin)
        self.delete_button.setEnabled(checkin is not None)

    def _edit(self, name: str, value) -> None:
        checkin = self.selected()
        if self.goal is None or checkin is None:
            return
        if value is None and name in ("date", "value"):
            self.form.refuse(f"A check-in needs a {name}.")
            self._show_selected()
            return
        if name == "date" and value != checkin.date and any(c.date == value for c in self.goal.checkins):
            self.form.refuse(f"There is already a check-in on {value}.")
            self._show_selected()
            return
        changed = replace(checkin, **{name: value})
        if self.document.run(operations.put_checkin, self.goal.id, changed, replacing=checkin):
            self._select(changed.date)
