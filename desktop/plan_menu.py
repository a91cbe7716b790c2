"""The Plan menu: set a baseline, record the status date, gate a pilot and decide it; each one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog


class PlanMenu(QObject):
    """Adds the Plan menu to a main window and runs its commands on the window's document (a child of it)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        menu = window.menuBar().addMenu("&Plan")
        self.set_baseline = QAction("Set &Baseline…", window)
        self.set_baseline.setStatusTip("Keep the schedule as it stands, to measure slip against")
        self.status_date = QAction("&Status Date…", window)
        self.status_date.setStatusTip("The date progress was last recorded")
        self.set_gate = QAction("Pilot &Gate…", window)
        self.set_gate.setStatusTip("Gate the work depending on the selected initiative on a goal's threshold")
        self.decide_gate = QAction("&Decide Pilot Gate…", window)
        self.decide_gate.setStatusTip("Record a pilot's go or no-go: who, when and why")
        menu.addActions([self.set_baseline, self.status_date, self.set_gate, self.decide_gate])
        menu.aboutToShow.connect(self._enable)
        self.set_baseline.triggered.connect(self.ask_baseline)
        self.status_date.triggered.connect(self.ask_status_date)
        self.set_gate.triggered.connect(self.ask_gate)
        self.decide_gate.triggered.connect(self.ask_gate_decision)

    @property
    def document(self):
        return self.window.document

    def _enable(self) -> None:
        self.set_gate.setEnabled(self._selected_initiative() is not None)
        self.decide_gate.setEnabled(any(i.gate is not None for i in self.document.plan.initiatives.values()))

    def _selected_initiative(self):
        """The initiative selected on the Initiatives page, when that page shows."""
        page = self.window.current_page()
        key = page.current_key() if page.title == "Initiatives" else None
        return key if key in self.document.plan.initiatives else None

    def ask_baseline(self) -> None:
        from domain import operations
        from domain.analysis.gates import baseline_now
        from domain.analysis.schedule import schedule
        from views.qt.plan_dialogs import BaselineDialog

        dialog = BaselineDialog(self.window)
        dialog.deleteLater()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        plan = self.document.plan
        self.document.run(operations.set_baseline, baseline_now(plan, schedule(plan), dialog.name.text()))

    def ask_status_date(self) -> None:
        from domain import operations
        from views.qt.plan_dialogs import StatusDateDialog

        dialog = StatusDateDialog(self.document.plan.project.status_date, self.window)
        dialog.deleteLater()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.document.run(operations.set_project, status_date=dialog.chosen())

    def ask_gate(self) -> None:
        from domain import operations
        from views.qt.plan_dialogs import GateDialog

        key = self._selected_initiative()
        if key is None:
            return
        dialog = GateDialog(self.document.plan, key, self.window)
        dialog.deleteLater()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            gate = dialog.chosen(self.document.plan.initiatives[key].gate)
            self.document.run(operations.update_initiative, key, gate=gate)

    def ask_gate_decision(self) -> None:
        from domain import operations
        from views.qt.plan_dialogs import GateDecisionDialog

        dialog = GateDecisionDialog(self.document.plan, self._selected_initiative(), self.window)
        dialog.deleteLater()
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.pilot.currentData() is None:
            return
        chosen = dialog.chosen()
        self.document.run(operations.decide_gate, chosen.pop("initiative_id"), **chosen)
