"""Small dialogs of the Plan menu: a baseline's name, the status date, a pilot's gate and its go/no-go decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
)

from domain.analysis.wording import figure
from domain.entities import GATE_DECISIONS, Gate, InitiativeId
from domain.limits import MAX_SHORT_TEXT_LENGTH
from domain.plan import Plan
from views.qt.forms import parse_number


def _date_edit(parent, value: date) -> QDateEdit:
    editor = QDateEdit(QDate(value), parent)
    editor.setCalendarPopup(True)
    editor.setDisplayFormat("yyyy-MM-dd")
    return editor


def _buttons(dialog: QDialog, layout: QFormLayout) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addRow(buttons)


class BaselineDialog(QDialog):
    """Asks for the name of a new baseline (empty: named by its date)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Set baseline")
        layout = QFormLayout(self)
        note = QLabel("Keep every initiative's finish as scheduled now, to measure slip against.", self)
        note.setWordWrap(True)
        layout.addRow(note)
        self.name = QLineEdit(self)
        self.name.setMaxLength(MAX_SHORT_TEXT_LENGTH)
        self.name.setPlaceholderText("e.g. Board approval (empty: today's date)")
        layout.addRow("Name:", self.name)
        _buttons(self, layout)


class StatusDateDialog(QDialog):
    """Asks for the date progress was last recorded, or none (the schedule then ignores progress)."""

    def __init__(self, current: date | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Status date")
        layout = QFormLayout(self)
        note = QLabel("Work is scheduled from this date on: remaining work after it, work not started no earlier.")
        note.setWordWrap(True)
        layout.addRow(note)
        self.day = _date_edit(self, current or date.today())
        layout.addRow("Status date:", self.day)
        self.clear = QComboBox(self)
        self.clear.addItems(["Use this date", "No status date (ignore progress)"])
        layout.addRow("", self.clear)
        _buttons(self, layout)

    def chosen(self) -> date | None:
        return None if self.clear.currentIndex() == 1 else self.day.date().toPython()


class GateDecisionDialog(QDialog):
    """Records a pilot's go/no-go decision: which pilot, the decision, who took it, when and why."""

    def __init__(self, plan: Plan, selected: InitiativeId | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Decide pilot gate")
        self.plan = plan
        layout = QFormLayout(self)
        self.pilot = QComboBox(self)
        pilots = [i for i in plan.initiatives.values() if i.gate is not None]
        for initiative in pilots:
            self.pilot.addItem(initiative.name, initiative.id)
        if selected is not None and self.pilot.findData(selected) >= 0:
            self.pilot.setCurrentIndex(self.pilot.findData(selected))
        layout.addRow("Pilot:", self.pilot)
        self.reading = QLabel(self)
        self.reading.setTextFormat(Qt.TextFormat.PlainText)
        self.reading.setWordWrap(True)
        layout.addRow("", self.reading)
        self.decision = QComboBox(self)
        self.decision.addItems(GATE_DECISIONS)
        layout.addRow("Decision:", self.decision)
        self.by = QLineEdit(self)
        self.by.setMaxLength(MAX_SHORT_TEXT_LENGTH)
        self.by.setPlaceholderText("Who decided")
        layout.addRow("Decided by:", self.by)
        self.day = _date_edit(self, plan.project.status_date or date.today())
        layout.addRow("On:", self.day)
        self.note = QLineEdit(self)
        self.note.setMaxLength(MAX_SHORT_TEXT_LENGTH)
        self.note.setPlaceholderText("Why")
        layout.addRow("Note:", self.note)
        _buttons(self, layout)
        self.pilot.currentIndexChanged.connect(self._show_gate)
        self._show_gate()

    def _show_gate(self) -> None:
        initiative = self.plan.initiatives.get(self.pilot.currentData())
        if initiative is None:
            self.reading.setText("No initiative has a gate yet.")
            return
        gate = initiative.gate
        goal = self.plan.goals.get(gate.goal) if gate.goal else None
        threshold = "no threshold" if gate.threshold is None else f"threshold {figure(gate.threshold)}"
        due = f", decide by {gate.decide_by}" if gate.decide_by else ""
        self.reading.setText(f"{goal.name if goal else 'No goal'}: {threshold}{due}.")
        self.decision.setCurrentText(gate.decision)
        self.by.setText(gate.by)
        self.note.setText(gate.note)

    def chosen(self) -> dict:
        """The decision as keyword arguments of `operations.decide_gate` (with `initiative_id`)."""
        return {
            "initiative_id": self.pilot.currentData(),
            "decision": self.decision.currentText(),
            "decided": self.day.date().toPython(),
            "by": self.by.text().strip(),
            "note": self.note.text().strip(),
        }


class GateDialog(QDialog):
    """Puts a gate on a pilot, changes it or takes it off: the goal it measures, the threshold, the decision date."""

    def __init__(self, plan: Plan, initiative_id: InitiativeId, parent=None):
        super().__init__(parent)
        initiative = plan.initiatives[initiative_id]
        gate = initiative.gate
        self.setWindowTitle("Pilot gate")
        layout = QFormLayout(self)
        title = QLabel(f"Scale '{initiative.name}' only when its goal reaches the threshold.", self)
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        layout.addRow(title)
        self.gated = QComboBox(self)
        self.gated.addItems(["Gate the work that depends on this pilot", "No gate"])
        self.gated.setCurrentIndex(0)
        layout.addRow("", self.gated)
        self.goal = QComboBox(self)
        self.goal.addItem("(no goal yet)", None)
        for goal in plan.goals.values():
            self.goal.addItem(goal.name, goal.id)
        if gate is not None and self.goal.findData(gate.goal) >= 0:
            self.goal.setCurrentIndex(self.goal.findData(gate.goal))
        layout.addRow("Goal measured:", self.goal)
        self.threshold = QLineEdit("" if gate is None or gate.threshold is None else figure(gate.threshold), self)
        self.threshold.setPlaceholderText("e.g. 10")
        layout.addRow("Threshold:", self.threshold)
        self.decide_by = _date_edit(
            self, (gate.decide_by if gate else None) or plan.project.status_date or date.today()
        )
        layout.addRow("Decide by:", self.decide_by)
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        layout.addRow(self.problem)
        _buttons(self, layout)

    def accept(self) -> None:
        """Qt override."""
        try:
            self.chosen_threshold = parse_number(self.threshold.text(), "The threshold")
        except ValueError as problem:
            self.problem.setText(str(problem))
            return
        super().accept()

    def chosen(self, current: Gate | None) -> Gate | None:
        """The gate as set in the dialog, keeping the decision already taken; None for no gate."""
        if self.gated.currentIndex() == 1:
            return None
        return replace(
            current or Gate(),
            goal=self.goal.currentData(),
            threshold=self.chosen_threshold,
            decide_by=self.decide_by.date().toPython(),
        )
