"""The Network page's filters of the dependency graph: by team, goal and status, and what leads to or follows the selection."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from domain.entities import STATUSES
from domain.plan import Plan
from views.qt.dependency_network import dependency_graph

EVERYTHING, LEADS_TO, FOLLOWS = "everything", "ancestors", "descendants"


class NetworkFilters(QWidget):
    """Four drop-down lists; `changed` when the user picks in one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.team_filter, self.goal_filter, self.status_filter, self.reach = (QComboBox() for _ in range(4))
        self.reach.addItem("Show everything", EVERYTHING)
        self.reach.addItem("Only what leads to the selection", LEADS_TO)
        self.reach.addItem("Only what the selection leads to", FOLLOWS)
        self.status_filter.addItem("All statuses", None)
        for status in STATUSES:
            self.status_filter.addItem(status, status)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for combo in (self.team_filter, self.goal_filter, self.status_filter, self.reach):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            layout.addWidget(combo)
            combo.activated.connect(self.changed)

    def refill(self, plan: Plan) -> None:
        """Offer the plan's teams and goals, keeping the ones picked."""
        for combo, everything, entities in (
            (self.team_filter, "All teams", plan.teams),
            (self.goal_filter, "All goals", plan.goals),
        ):
            current = combo.currentData()
            combo.clear()
            combo.addItem(everything, None)
            for key, entity in entities.items():
                combo.addItem(entity.name, key)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def follows_selection(self) -> bool:
        """True when what is shown depends on the selected initiative."""
        return self.reach.currentData() != EVERYTHING

    def shown_initiatives(self, plan: Plan, selected: str | None) -> set | None:
        """The initiatives the filters keep (None: all of them)."""
        team, goal, status = (c.currentData() for c in (self.team_filter, self.goal_filter, self.status_filter))
        reach = self.reach.currentData()
        if team is None and goal is None and status is None and reach == EVERYTHING:
            return None
        shown = {
            key
            for key, initiative in plan.initiatives.items()
            if (team is None or initiative.owner == team or any(r.team == team for r in initiative.raci))
            and (goal is None or goal in initiative.goals)
            and (status is None or initiative.status == status)
        }
        if reach != EVERYTHING and selected in plan.initiatives:
            from networkx import ancestors, descendants

            related = (ancestors if reach == LEADS_TO else descendants)(dependency_graph(plan), selected)
            shown &= related | {selected}
        return shown
