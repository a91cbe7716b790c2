"""The Initiatives page: a sortable, filterable table of all initiatives and an editor for the selected one."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from domain import operations
from domain.entities import STATUSES, Initiative
from domain.validation import name_problem
from domain.wording import counted
from views.qt import forms
from views.qt.assignments import ChoiceDelegate, GoalChecklist, raci_roles, skill_needs
from views.qt.dependency_editor import DependencyEditor
from views.qt.handoffs import HandoffPanel
from views.qt.models import Column, EntityTableModel, FilterProxy, day, number, team_name
from views.qt.page import Page
from views.qt.tables import FilterBox, make_table, selected_keys
from views.qt.when_shown import WhenShown

CRITICAL = "●"


def _name(text: str) -> dict:
    if problem := name_problem("initiative", text):
        raise ValueError(problem)
    return {"name": text}


def _goal_names(model, initiative: Initiative) -> str:
    goals = model.plan.goals
    return ", ".join(goals[g].name for g in initiative.goals if g in goals)


def _scheduled(model, initiative: Initiative):
    return model.analysis.schedule.get(initiative.id) if model.analysis else None


def _when(field: str):
    def display(model, initiative):
        scheduled = _scheduled(model, initiative)
        return day(getattr(scheduled, field)) if scheduled else ""

    def sort(model, initiative):
        scheduled = _scheduled(model, initiative)
        return getattr(scheduled, field) if scheduled else None

    return display, sort


def _slack(model, initiative) -> int | None:
    scheduled = _scheduled(model, initiative)
    return scheduled.slack if scheduled else None


def _critical(model, initiative) -> bool:
    scheduled = _scheduled(model, initiative)
    return bool(scheduled and scheduled.critical)


COLUMNS = [
    Column("Name", lambda m, i: i.name, edit=_name, width=26),
    Column("Owner", lambda m, i: team_name(m.plan, i.owner), width=14, link=lambda m, i: ("teams", i.owner)),
    Column("Goals", _goal_names, width=18),
    Column("Status", lambda m, i: i.status, sort=lambda m, i: (STATUSES + (i.status,)).index(i.status), width=7),
    Column("Not before", lambda m, i: day(i.start), sort=lambda m, i: i.start, searchable=False, width=10),
    Column("Duration", lambda m, i: str(i.duration), sort=lambda m, i: i.duration, numeric=True, width=7),
    Column("Effort", lambda m, i: number(i.effort), sort=lambda m, i: i.effort, numeric=True, width=6),
    Column("Start", *_when("start"), analysed=True, width=10),
    Column("Finish", *_when("finish"), analysed=True, width=10),
    Column(
        "Slack",
        lambda m, i: "" if _slack(m, i) is None else str(_slack(m, i)),
        sort=_slack,
        numeric=True,
        analysed=True,
        width=5,
    ),
    Column(
        "Critical",
        lambda m, i: CRITICAL if _critical(m, i) else "",
        sort=_critical,
        analysed=True,
        width=6,
        tooltip=lambda m, i: "On the critical path: any delay delays the whole plan" if _critical(m, i) else "",
    ),
]


class InitiativesPage(Page):
    """All initiatives with their schedule, and an editor for the current one."""

    title = "Initiatives"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.filter_box.setPlaceholderText("Filter initiatives (Ctrl+F)")
        self.model = EntityTableModel(
            document,
            "initiatives",
            COLUMNS,
            update=operations.update_initiative,
            uses={"teams": lambda i: (i.owner,), "goals": lambda i: i.goals},
            parent=self,
        )
        self.proxy = FilterProxy(self.model, self)
        self.view = make_table(self.proxy, self, stretch=0)
        self.filter_box.filter_changed.connect(self._filter)
        self.view.customContextMenuRequested.connect(self._menu)
        self.follow_links(self.view)
        self.count = QLabel(self)

        add = QPushButton("Add initiative", self)
        self.duplicate_button = QPushButton("Duplicate", self)
        self.delete_button = QPushButton("Delete", self)
        add.clicked.connect(self.add_item)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.count)
        for button in (add, self.duplicate_button, self.delete_button):
            bar.addWidget(button)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.view)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._general_tab(), "General")
        self.goals = GoalChecklist(document, self)
        self.goals_view = QListView(self)
        self.goals_view.setModel(self._searchable(self.goals))
        self.tabs.addTab(self._filtered(self.goals_view, "goals"), "Goals")
        self.raci = raci_roles(document, self)
        self.roles_view = self._assignment_view(self.raci)
        self.tabs.addTab(self._filtered(self.roles_view, "teams"), "Roles (RACI)")
        self.skills = skill_needs(document, self)
        self.skills_view = self._assignment_view(self.skills)
        self.tabs.addTab(self._filtered(self.skills_view, "skills"), "Skills")
        self.dependencies = DependencyEditor(document, self.model, self)
        self.dependencies.follow.connect(lambda key: self.show_key(self.view, key))
        self.tabs.addTab(self.dependencies, "Dependencies")
        self.handoffs = HandoffPanel(document, "initiative", self)
        self.handoffs.navigate.connect(self.navigate)
        self.tabs.addTab(self.handoffs, "Hand-offs")

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.remember("splitter", self.splitter)
        self.remember("initiatives", self.view)

        QShortcut(QKeySequence(Qt.Key.Key_Insert), self.view, self.add_item, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete), self.view, self.delete_selected, context=Qt.ShortcutContext.WidgetShortcut
        )
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.model.modelReset.connect(self._show_current)
        self.model.modelReset.connect(lambda: self.select_first(self.view))
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._count)
        WhenShown(self, document, self._changed)
        self.select_first(self.view)
        self._show_current()
        self._count()

    # Building the editor

    def _general_tab(self) -> QWidget:
        self.form = forms.Form(self)
        self.form.add("name", "Name:", forms.LineField(lambda text: name_problem("initiative", text)))
        self.form.add("description", "Description:", forms.TextField(3))
        self.owner = self.form.add("owner", "Owner team:", forms.ChoiceField())
        status = self.form.add("status", "Status:", forms.ChoiceField())
        status.set_choices((s.capitalize(), s) for s in STATUSES)
        self.form.add("start", "Not before:", forms.DateField())
        self.form.add("duration", "Duration:", forms.IntField(0, 100_000, " working days"))
        self.form.add("effort", "Effort (person-days):", forms.NumberField("Effort", 0, "not estimated"))
        self.form.edited.connect(self._edit)
        self.schedule = QLabel(self)
        self.schedule.setTextFormat(Qt.TextFormat.PlainText)
        self.schedule.setWordWrap(True)
        self.form.layout_.addRow("Schedule:", self.schedule)
        return self.form

    def _searchable(self, model) -> QSortFilterProxyModel:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        return proxy

    def _filtered(self, view, what: str) -> QWidget:
        """The view over every goal, team or skill, with a box to filter them by name (a big plan has hundreds)."""
        box = FilterBox(parent=self)
        box.setPlaceholderText(f"Filter {what}")
        box.filter_changed.connect(lambda text: view.model().setFilterFixedString(text.strip()))
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(box)
        layout.addWidget(view, 1)
        return tab

    def _assignment_view(self, model) -> QTableView:
        view = QTableView(self)
        view.setModel(self._searchable(model))
        view.setItemDelegateForColumn(1, ChoiceDelegate(model.choices, view))
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setAlternatingRowColors(True)
        view.setTabKeyNavigation(False)
        view.horizontalHeader().setStretchLastSection(False)
        view.setColumnWidth(0, view.fontMetrics().averageCharWidth() * 36)
        view.setColumnWidth(1, view.fontMetrics().averageCharWidth() * 14)
        return view

    # The page contract

    def select(self, table: str, key) -> bool:
        plan = self.document.plan
        if table == "initiatives":
            return self.show_key(self.view, key)
        if table == "dependencies" and key in plan.dependencies and self.show_key(self.view, key[1]):
            self.tabs.setCurrentWidget(self.dependencies)
            return self.dependencies.select(key)
        handoff = plan.handoffs.get(key) if table == "handoffs" else None
        if handoff is not None and handoff.initiative is not None and self.show_key(self.view, handoff.initiative):
            self.tabs.setCurrentWidget(self.handoffs)
            return self.handoffs.select(key)
        return False

    def has_selection(self) -> bool:
        return self.view.selectionModel().hasSelection()

    def add_item(self) -> None:
        """Add 'New initiative' (numbered if taken) and put the cursor in its name."""
        name = forms.new_name("New initiative", (i.name for i in self.document.plan.initiatives.values()))
        self._add(Initiative(name=name))

    def duplicate_selected(self) -> None:
        """Add a copy of the current initiative (same owner, goals, roles and skills; no dependencies)."""
        self.duplicate_current("initiatives")

    def delete_selected(self) -> None:
        """Delete the selected initiatives, asking once when dependencies or hand-offs involve them."""
        keys = selected_keys(self.view)
        what = f"initiative '{self.document.plan.initiatives[keys[0]].name}'" if len(keys) == 1 else ""
        self.delete_keys(operations.delete_initiative, keys, what, "initiatives")

    def show_analysis(self) -> None:
        self.model.set_analysis(self.analysis)
        self._show_schedule()

    # Inner workings

    def current_key(self):
        index = self.view.currentIndex()
        return self.proxy.key(index) if index.isValid() else None

    def _filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._count()

    def _count(self, *_) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total}" if shown != total else counted(total, "initiative"))

    def _add(self, initiative: Initiative) -> None:
        if self.document.run(operations.add_initiative, initiative):
            self.show_key(self.view, initiative.id)
            self.tabs.setCurrentIndex(0)
            editor = self.form.fields["name"].editor
            editor.setFocus()
            editor.selectAll()

    def _edit(self, name: str, value) -> None:
        key = self.current_key()
        if key is not None and not self.document.run(operations.update_initiative, key, **{name: value}):
            self._show_current()

    def _selection_changed(self) -> None:
        has = self.has_selection()
        self.duplicate_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.selection_changed.emit()

    def _changed(self, change) -> None:
        if change is None or change.tables & {"teams", "initiatives"}:
            self._show_current(keep_lists=change is not None)

    def _show_current(self, keep_lists: bool = False) -> None:
        key = self.current_key()
        plan = self.document.plan
        initiative = plan.initiatives.get(key) if key is not None else None
        self.owner.set_choices([("(no owner)", None), *((t.name, t.id) for t in plan.teams.values())])
        self.form.show_entity(initiative)
        self._show_schedule()
        if keep_lists and key == self.goals.initiative:
            return
        self.tabs.setEnabled(initiative is not None)
        for model in (self.goals, self.raci, self.skills):
            model.set_initiative(key)
        self.dependencies.set_initiative(key)
        self.handoffs.set_owner(key)

    def _show_schedule(self) -> None:
        key = self.current_key()
        scheduled = self.analysis.schedule.get(key) if self.analysis and key is not None else None
        if scheduled is None:
            self.schedule.setText(
                "Shown once the plan has been analysed." if self.analysis is None else "Not scheduled."
            )
            return
        critical = "on the critical path" if scheduled.critical else f"{scheduled.slack} working days of slack"
        self.schedule.setText(f"{scheduled.start} → {scheduled.finish}, {critical}.")

    def _menu(self, position) -> None:
        menu = QMenu(self)
        menu.addAction("Add initiative", self.add_item)
        menu.addAction("Duplicate", self.duplicate_selected).setEnabled(self.has_selection())
        menu.addAction("Delete", self.delete_selected).setEnabled(self.has_selection())
        menu.exec(self.view.viewport().mapToGlobal(position))
