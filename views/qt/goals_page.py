"""The Goals page: the goal tree, a SMART editor for the selected goal and the initiatives serving it."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from domain import operations
from domain.entities import Goal
from domain.goal_tree import goal_tree
from domain.validation import name_problem
from domain.wording import counted
from views.qt import forms
from views.qt.goal_tree import GoalTreeModel
from views.qt.models import Column, EntityTableModel, FilterProxy, day, team_name
from views.qt.page import Page
from views.qt.tables import make_table
from views.qt.when_shown import WhenShown


class _RoomyDelegate(QStyledItemDelegate):
    """Tree rows as tall as the table rows on the other pages."""

    def sizeHint(self, option, index):
        hint = super().sizeHint(option, index)
        return hint.grownBy(QMargins(0, 3, 0, 3))


class GoalsPage(Page):
    """Goals and objectives as a tree, with a form and the initiatives that serve the current goal."""

    title = "Goals"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.filter_box.setPlaceholderText("Filter goals (Ctrl+F)")
        self.model = GoalTreeModel(document, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.filter_box.filter_changed.connect(self._filter)
        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setItemDelegate(_RoomyDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        char = max(self.fontMetrics().averageCharWidth(), self.fontMetrics().horizontalAdvance("0"))
        for n, column in enumerate(self.model.columns):
            self.view.setColumnWidth(n, column.width * char + 16)

        add = QPushButton("Add goal", self)
        self.objective_button = QPushButton("Add objective", self)
        self.objective_button.setToolTip("Add an objective under the selected goal")
        self.duplicate_button = QPushButton("Duplicate", self)
        self.delete_button = QPushButton("Delete", self)
        add.clicked.connect(self.add_item)
        self.objective_button.clicked.connect(self.add_objective)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (add, self.objective_button, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_box)
        left_layout.addWidget(self.view, 1)
        left_layout.addLayout(buttons)

        self.form = forms.Form(self)
        self.form.add("name", "Name:", forms.LineField(lambda text: name_problem("goal", text)))
        self.form.add("description", "Description:", forms.TextField(2))
        self.parent_goal = self.form.add("parent", "Under goal:", forms.ChoiceField())
        self.owner = self.form.add("owner", "Owner team:", forms.ChoiceField())
        self.form.add("metric", "Metric:", forms.LineField(placeholder="What is measured, e.g. Net revenue"))
        self.form.add("unit", "Unit:", forms.LineField(placeholder="e.g. %, M€, leads"))
        self.form.add("baseline", "Baseline:", forms.NumberField("The baseline"))
        self.form.add("target", "Target:", forms.NumberField("The target"))
        self.form.add("deadline", "Deadline:", forms.DateField())
        self.form.edited.connect(self._edit)

        self.serving = EntityTableModel(
            document,
            "initiatives",
            [
                Column("Serving initiative", lambda m, i: i.name, width=30, link=lambda m, i: ("initiatives", i.id)),
                Column(
                    "Owner", lambda m, i: team_name(m.plan, i.owner), width=14, link=lambda m, i: ("teams", i.owner)
                ),
                Column("Finish", self._finish, sort=self._finish_date, analysed=True, width=10),
                Column("On time", self._on_time, analysed=True, width=14),
            ],
            include=lambda i: False,
            uses={"teams": lambda i: (i.owner,), "goals": lambda i: i.goals},
            parent=self,
        )
        self.serving_view = make_table(FilterProxy(self.serving, self), self)
        self.follow_links(self.serving_view)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.form)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.serving_view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([640, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.remember("splitter", self.splitter)
        self.remember("goals", self.view)
        self.remember("serving", self.serving_view)

        QShortcut(QKeySequence(Qt.Key.Key_Insert), self.view, self.add_item, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete), self.view, self.delete_selected, context=Qt.ShortcutContext.WidgetShortcut
        )
        self._remembered = None
        self._shown = None
        self.model.modelAboutToBeReset.connect(lambda: setattr(self, "_remembered", self.current_key()))
        self.model.modelReset.connect(self._after_reset)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        WhenShown(self, document, self._changed)
        self._after_reset()

    # The page contract

    def select(self, table: str, key) -> bool:
        if table != "goals" or key not in self.document.plan.goals:
            return False
        index = self.proxy.mapFromSource(self.model.index_of(key))
        if not index.isValid():
            self.filter_box.clear()
            self._filter("")
            index = self.proxy.mapFromSource(self.model.index_of(key))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def has_selection(self) -> bool:
        return self.view.selectionModel().hasSelection()

    def add_item(self) -> None:
        """Add a top-level goal called 'New goal' (numbered if taken)."""
        self._add(Goal(name=self._new_name("New goal")))

    def add_objective(self) -> None:
        """Add an objective under the current goal."""
        parent = self.current_key()
        self._add(
            Goal(
                name=self._new_name("New objective"),
                parent=parent,
                owner=self.document.plan.goals[parent].owner if parent else None,
            )
        )

    def duplicate_selected(self) -> None:
        """Add a copy of the current goal under the same parent."""
        self.duplicate_current("goals")

    def delete_selected(self) -> None:
        """Delete the selected goals; their objectives move up and initiatives stop serving them (asked once)."""
        keys = [self.model.key(self.proxy.mapToSource(i)) for i in self.view.selectionModel().selectedRows()]
        what = f"goal '{self.document.plan.goals[keys[0]].name}'" if len(keys) == 1 else ""
        self.delete_keys(operations.delete_goal, keys, what, "goals")

    def show_analysis(self) -> None:
        self.serving.set_analysis(self.analysis)
        self._show_summary()

    # Inner workings

    def current_key(self):
        return self.model.key(self.proxy.mapToSource(self.view.currentIndex()))

    def _new_name(self, base: str) -> str:
        return forms.new_name(base, (g.name for g in self.document.plan.goals.values()))

    def _add(self, goal: Goal) -> None:
        if self.document.run(operations.add_goal, goal):
            self.select("goals", goal.id)
            editor = self.form.fields["name"].editor
            editor.setFocus()
            editor.selectAll()

    def _edit(self, name: str, value) -> None:
        key = self.current_key()
        if key is not None and not self.document.run(operations.update_goal, key, **{name: value}):
            self._show_current()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.view.expandAll()

    def _after_reset(self) -> None:
        self.view.expandAll()
        key = self._remembered if self._remembered in self.document.plan.goals else None
        if key is not None:
            self.select("goals", key)
        elif self.proxy.rowCount() > 0:
            self.view.setCurrentIndex(self.proxy.index(0, 0))
        self._show_current()

    def _selection_changed(self) -> None:
        has = self.has_selection()
        for button in (self.duplicate_button, self.delete_button, self.objective_button):
            button.setEnabled(has)
        self.selection_changed.emit()

    def _changed(self, change) -> None:
        if change is None or change.tables & {"goals", "teams", "initiatives"}:
            self._show_current(keep_lists=change is not None)

    def _show_current(self, keep_lists: bool = False) -> None:
        key = self.current_key()
        plan = self.document.plan
        goal = plan.goals.get(key) if key is not None else None
        self.owner.set_choices([("(no owner)", None), *((t.name, t.id) for t in plan.teams.values())])
        self.parent_goal.set_choices([("(top level)", None), *self._parent_choices(key)])
        self.form.show_entity(goal)
        if not keep_lists or self._shown != key:
            self._shown = key
            self.serving.set_include((lambda i: key in i.goals) if key is not None else (lambda i: False))
        self._show_summary()

    def _parent_choices(self, key):
        """Goals this goal may sit under: not itself nor any of its objectives."""
        below = {key, *goal_tree(self.document.plan).below(key)}
        return [(goal.name, goal.id) for goal in self.document.plan.goals.values() if goal.id not in below]

    def _scheduled(self, initiative):
        return self.analysis.schedule.get(initiative.id) if self.analysis else None

    def _finish_date(self, model, initiative):
        scheduled = self._scheduled(initiative)
        return scheduled.finish if scheduled else None

    def _finish(self, model, initiative) -> str:
        return day(self._finish_date(model, initiative))

    def _on_time(self, model, initiative) -> str:
        goal = self.document.plan.goals.get(self.current_key())
        finish = self._finish_date(model, initiative)
        if goal is None or goal.deadline is None or finish is None:
            return ""
        return "⚠ after deadline" if finish > goal.deadline else "on time"

    def _show_summary(self) -> None:
        key = self.current_key()
        goal = self.document.plan.goals.get(key) if key is not None else None
        if goal is None:
            self.summary.setText("")
            return
        count = self.serving.rowCount()
        text = f"{counted(count, 'initiative')} serve{'s' if count == 1 else ''} this goal directly."
        alignment = self.analysis.goals.get(key) if self.analysis else None
        if alignment and alignment.last_finish:
            # the same roll-up as the printed goals table: work under the goal's sub-goals counts too
            text += f" Work ends {alignment.last_finish}" + (" — after the deadline." if alignment.late else ".")
        if alignment and alignment.late_sub_goals:
            text += f" Late below it: {counted(alignment.late_sub_goals, 'sub-goal')}."
        self.summary.setText(text)

    def _menu(self, position) -> None:
        menu = QMenu(self)
        menu.addAction("Add goal", self.add_item)
        menu.addAction("Add objective", self.add_objective).setEnabled(self.has_selection())
        menu.addAction("Duplicate", self.duplicate_selected).setEnabled(self.has_selection())
        menu.addAction("Delete", self.delete_selected).setEnabled(self.has_selection())
        menu.exec(self.view.viewport().mapToGlobal(position))
