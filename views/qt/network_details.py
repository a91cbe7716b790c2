"""The Network page's side list: the selected team's hand-offs in and out, or the selected initiative's dependencies."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from domain.analysis.findings import INWARD_DEPARTMENT
from domain.analysis.results import Analysis
from domain.analysis.wording import signed
from domain.plan import Plan
from views.qt.models import literal_tip

TEAMS = "teams"


class NetworkDetails(QWidget):
    """A heading and a two-level list of what links to the selected node.

    Signals
    -------
    picked(key)
        A linked team or initiative was clicked (to select it in the picture).
    opened(key)
        A linked team or initiative was double-clicked or Entered (to edit it).
    """

    picked = Signal(object)
    opened = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel(textFormat=Qt.PlainText, wordWrap=True)
        self.ties = QLabel(textFormat=Qt.PlainText, wordWrap=True)  # a team's department and E-I indices
        self.ties.setToolTip(
            "Krackhardt's E-I index: (ties outside the department − ties inside) / all ties, "
            "from −1 (works only inside its department) to +1 (only with others)"
        )
        self.tree = QTreeWidget()
        self.tree.setIndentation(12)  # one level of groups: the room goes to the text
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.Interactive)  # sized in show_node
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.ties)
        layout.addWidget(self.tree, 1)
        self.tree.itemClicked.connect(lambda item: self.picked.emit(item.data(0, Qt.UserRole)))
        self.tree.itemActivated.connect(lambda item: self.opened.emit(item.data(0, Qt.UserRole)))

    def show_node(self, table: str, key: str | None, plan: Plan, analysis: Analysis | None, linked: bool) -> None:
        """List what links to `key` (None: nothing selected); `linked` when the listed nodes can be picked."""
        self.tree.clear()
        self.ties.setVisible(table == TEAMS and key is not None)
        self.tree.setHeaderLabels(
            ["Hand-off", "Team", "Due"] if table == TEAMS else ["Initiative", "Owner", "Finishes"]
        )
        if key is None:
            self.heading.setText("Select a node to see its links.")
            return
        if table == TEAMS:
            self._show_team(key, plan, analysis)
        else:
            self._show_initiative(key, plan, analysis, linked)
        self.tree.expandAll()
        # the team or owner column as wide as its names, but never more than a quarter: what is handed
        # over (or the initiative's name) is what the list is read for
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(1, min(self.tree.columnWidth(1), max(self.tree.viewport().width() // 4, 60)))

    def _show_team(self, key: str, plan: Plan, analysis: Analysis | None) -> None:
        self.heading.setText(plan.teams[key].name)
        self.ties.setText(_ties(plan, analysis, key))
        for title, ids, other in (
            ("Hands over", _handoffs(plan, analysis, key, out=True), "to_team"),
            ("Receives", _handoffs(plan, analysis, key, out=False), "from_team"),
        ):
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(ids)})"])
            group.setFirstColumnSpanned(True)  # a heading reads across the columns
            for handoff in (plan.handoffs[h] for h in ids):
                team = plan.teams.get(getattr(handoff, other))
                texts = [handoff.what or "(unnamed)", team.name if team else "?", _iso(handoff.due)]
                _row(group, texts, getattr(handoff, other))
        relations = [r for r in plan.relations.values() if key in (r.a, r.b) and r.a != r.b]
        group = QTreeWidgetItem(self.tree, [f"Declared relations ({len(relations)})"])
        group.setFirstColumnSpanned(True)  # a heading reads across the columns
        for relation in relations:
            other = relation.b if relation.a == key else relation.a
            mode = relation.mode
            if mode == "x-as-a-service":
                mode += ": provides to" if relation.a == key else ": uses"
            until = relation.until.isoformat() if relation.until else "open-ended"
            _row(group, [mode, plan.teams[other].name if other in plan.teams else "?", until], other)

    def _show_initiative(self, key: str, plan: Plan, analysis: Analysis | None, linked: bool) -> None:
        self.heading.setText(plan.initiatives[key].name)
        schedule = analysis.schedule if analysis else {}
        for title, ids in (
            ("Waits for", [d.before for d in plan.dependencies.values() if d.after == key]),
            ("Leads to", [d.after for d in plan.dependencies.values() if d.before == key]),
        ):
            ids = [i for i in ids if i in plan.initiatives]
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(ids)})"])
            group.setFirstColumnSpanned(True)  # a heading reads across the columns
            for other in ids:
                owner = plan.teams.get(plan.initiatives[other].owner)
                when = schedule.get(other)
                texts = [plan.initiatives[other].name, owner.name if owner else "—", _iso(when and when.finish)]
                _row(group, texts, other if linked else None)


def _row(group: QTreeWidgetItem, texts: list[str], key: str | None) -> None:
    """A listed link under `group`: its texts (each in full in its tooltip, as columns may cut them) and the
    node it leads to."""
    row = QTreeWidgetItem(group, texts)
    for column, text in enumerate(texts):
        row.setToolTip(column, literal_tip(text))
    row.setData(0, Qt.UserRole, key)


def _iso(day) -> str:
    return day.isoformat() if day else "—"


def _ties(plan: Plan, analysis: Analysis | None, key: str) -> str:
    """'Department: Finance. E-I index −0.40; Finance as a whole −0.71, works mostly inside itself.'"""
    department = plan.teams[key].department.strip()
    if not department:
        return "No department."
    words = f"Department: {department}."
    if analysis is None:
        return words
    index = analysis.network.ei_index.get(key)
    whole = analysis.network.departments.get(department)
    words += f" E-I index {'— (no ties)' if index is None else signed(index)}"
    if whole is not None and whole.ei_index is not None:
        words += f"; {department} as a whole {signed(whole.ei_index)}"
        if whole.ei_index < INWARD_DEPARTMENT:
            words += ", works mostly inside itself"
    return words + "."


def _handoffs(plan: Plan, analysis: Analysis | None, team: str, out: bool) -> list:
    """A team's hand-offs from the analysis when it knows them, else straight from the plan."""
    if analysis is not None:
        ids = (analysis.network.handoffs_out if out else analysis.network.handoffs_in).get(team, ())
        return [h for h in ids if h in plan.handoffs]
    field = "from_team" if out else "to_team"
    return [h.id for h in plan.handoffs.values() if getattr(h, field) == team]
