"""The Network page's filters of the dependency graph: by team, goal and status, and what leads to or follows
the selection. A graph too big to read opens on the selection's neighbourhood (n steps up and down its chain)
with the rest collapsed, and says so."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QWidget

from domain.entities import STATUSES
from domain.plan import Plan
from views.qt.dependency_network import dependency_graph
from views.qt.forms import refill_choices

EVERYTHING, LEADS_TO, FOLLOWS, NEAR = "everything", "ancestors", "descendants", "near"
NEIGHBOURHOOD_ABOVE = 300  # initiatives: a bigger graph opens on the selection's neighbourhood


class NetworkFilters(QWidget):
    """Four drop-down lists and the neighbourhood's steps; `changed` when the user picks in one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.team_filter, self.goal_filter, self.status_filter, self.reach = (QComboBox() for _ in range(4))
        self.reach.addItem("Show everything", EVERYTHING)
        self.reach.addItem("Only what leads to the selection", LEADS_TO)
        self.reach.addItem("Only what the selection leads to", FOLLOWS)
        self.reach.addItem("Only the selection's neighbourhood", NEAR)
        self.steps = QSpinBox()
        self.steps.setRange(1, 20)
        self.steps.setValue(2)
        self.steps.setSuffix(" steps")
        self.steps.setToolTip("How far up and down the chain the neighbourhood reaches")
        self.steps.valueChanged.connect(self.changed)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the window
        self.note.setVisible(False)  # the page shows it under its bar
        self.centre: str | None = None  # the initiative the neighbourhood is around
        self.picked = False  # the user chose what to show: a big plan no longer opens on the neighbourhood
        self.reach.activated.connect(self._picked)
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
        layout.addWidget(self.steps)

    def _picked(self) -> None:
        self.picked = True

    def refill(self, plan: Plan) -> None:
        """Offer the plan's teams and goals, keeping the ones picked; a big plan opens on a neighbourhood."""
        if not self.picked:
            big = len(plan.initiatives) > NEIGHBOURHOOD_ABOVE
            self.reach.setCurrentIndex(self.reach.findData(NEAR if big else EVERYTHING))
        refill_choices(self.team_filter, "All teams", plan.teams)
        refill_choices(self.goal_filter, "All goals", plan.goals)

    def follows_selection(self) -> bool:
        """True when what is shown depends on the selected initiative."""
        return self.reach.currentData() != EVERYTHING

    def shown_initiatives(self, plan: Plan, selected: str | None) -> set | None:
        """The initiatives the filters keep (None: all of them)."""
        team, goal, status = (c.currentData() for c in (self.team_filter, self.goal_filter, self.status_filter))
        reach = self.reach.currentData()
        self.steps.setVisible(reach == NEAR)
        self.note.setText("")
        self.centre = None
        if team is None and goal is None and status is None and reach == EVERYTHING:
            return None
        shown = {
            key
            for key, initiative in plan.initiatives.items()
            if (team is None or initiative.owner == team or any(r.team == team for r in initiative.raci))
            and (goal is None or goal in initiative.goals)
            and (status is None or initiative.status == status)
        }
        if reach == NEAR:
            return self._neighbourhood(plan, selected, shown)
        if reach != EVERYTHING and selected in plan.initiatives:
            from networkx import ancestors, descendants

            related = (ancestors if reach == LEADS_TO else descendants)(dependency_graph(plan), selected)
            shown &= related | {selected}
        return shown

    def _neighbourhood(self, plan: Plan, selected: str | None, kept: set) -> set:
        """The initiatives up to n steps before and after the selection (without one: the initiative with
        the most dependencies), among those the other filters keep; the note says what is collapsed."""
        from networkx import single_source_shortest_path_length as within

        graph = dependency_graph(plan, kept)
        if selected not in graph:
            selected = max(graph, key=graph.degree, default=None)
        if selected is None:
            return set()
        steps = self.steps.value()
        near = set(within(graph, selected, cutoff=steps)) | set(
            within(graph.reverse(copy=False), selected, cutoff=steps)
        )
        name = plan.initiatives[selected].name
        self.note.setText(
            f"{len(near):,} of {len(kept):,} initiatives: {steps} step{'s' * (steps != 1)} up and down from "
            f"“{name[:60]}”; {len(kept) - len(near):,} more collapsed"
        )
        self.note.setToolTip(self.note.text() + ". Click an initiative to move there, or show everything.")
        self.centre = selected
        return near
