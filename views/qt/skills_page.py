"""The Skills page: the list of skills and the teams × skills matrix of levels, with gaps marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSplitter, QVBoxLayout, QWidget

from domain import operations
from domain.entities import Skill
from domain.validation import name_problem
from domain.wording import counted
from views.qt import forms
from views.qt.models import Column, EntityTableModel, FilterProxy
from views.qt.page import Page
from views.qt.skill_matrix import LEVEL_NAMES, SkillMatrixModel, SkillMatrixView
from views.qt.tables import make_table, selected_keys


def _name(text: str) -> dict:
    if problem := name_problem("skill", text):
        raise ValueError(problem)
    return {"name": text}


COLUMNS = [
    Column("Name", lambda m, s: s.name, edit=_name, width=24),
    Column("Category", lambda m, s: s.category, edit=lambda text: {"category": text}, width=12),
    Column("Description", lambda m, s: s.description, edit=lambda text: {"description": text}, width=30),
]


class SkillsPage(Page):
    """Skills on the left, the matrix of team levels on the right."""

    title = "Skills"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.filter_box.setPlaceholderText("Filter skills (Ctrl+F)")
        self.model = EntityTableModel(document, "skills", COLUMNS, update=operations.update_skill, parent=self)
        self.proxy = FilterProxy(self.model, self)
        self.view = make_table(self.proxy, self)
        self.view.customContextMenuRequested.connect(self._menu)
        self.filter_box.filter_changed.connect(self._filter)

        add = QPushButton("Add skill", self)
        self.duplicate_button = QPushButton("Duplicate", self)
        self.delete_button = QPushButton("Delete", self)
        add.clicked.connect(self.add_item)
        self.duplicate_button.clicked.connect(self.duplicate_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (add, self.duplicate_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch()
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_box)
        left_layout.addWidget(self.view)
        left_layout.addLayout(buttons)

        self.matrix = SkillMatrixModel(document, self)
        self.matrix_view = SkillMatrixView(self.matrix, self)
        legend = QLabel(self)
        legend.setTextFormat(Qt.TextFormat.PlainText)
        legend.setText(
            "Levels: "
            + ", ".join(f"{n} {name}" for n, name in enumerate(LEVEL_NAMES))
            + ".  Type a digit, + or -, Delete to clear.  A red corner marks a team short of a needed level."
        )
        legend.setWordWrap(True)
        self.gap_count = QLabel(self)
        self.gap_count.setTextFormat(Qt.TextFormat.PlainText)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(legend)
        right_layout.addWidget(self.matrix_view, 1)
        right_layout.addWidget(self.gap_count)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([480, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.remember("splitter", self.splitter)
        self.remember("skills", self.view)

        QShortcut(QKeySequence(Qt.Key.Key_Insert), self.view, self.add_item, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete), self.view, self.delete_selected, context=Qt.ShortcutContext.WidgetShortcut
        )
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._reveal_column())
        self.matrix.modelReset.connect(self._hide_filtered_columns)
        self.select_first(self.view)
        self._selection_changed()

    # The page contract

    def select(self, table: str, key) -> bool:
        if table == "skills":
            return self.show_key(self.view, key)
        if table == "team_skills" and isinstance(key, tuple) and len(key) == 2:
            team, skill = key
            if team in self.matrix.teams and skill in self.matrix.skills:
                self.show_key(self.view, skill)
                cell = self.matrix.index(self.matrix.teams.index(team), self.matrix.skills.index(skill))
                self.matrix_view.setCurrentIndex(cell)
                self.matrix_view.scrollTo(cell)
                return True
        return False

    def has_selection(self) -> bool:
        return self.view.selectionModel().hasSelection()

    def add_item(self) -> None:
        """Add 'New skill' (numbered if taken) and start typing its name."""
        name = forms.new_name("New skill", (s.name for s in self.document.plan.skills.values()))
        self._add(Skill(name=name))

    def duplicate_selected(self) -> None:
        """Add a copy of the current skill."""
        self.duplicate_current("skills")

    def delete_selected(self) -> None:
        """Delete the selected skills, asking once when teams' levels or initiatives' needs go with them."""
        keys = selected_keys(self.view)
        what = f"skill '{self.document.plan.skills[keys[0]].name}'" if len(keys) == 1 else ""
        self.delete_keys(operations.delete_skill, keys, what, "skills")

    def show_analysis(self) -> None:
        self.matrix.set_analysis(self.analysis)
        if self.analysis is None:
            self.gap_count.setText("")
            return
        count = len(self.analysis.skill_gaps)
        self.gap_count.setText(
            f"{counted(count, 'skill gap')} in the plan."
            if count
            else "No skill gaps: every needed level is met by a team doing the work."
        )

    # Inner workings

    def current_key(self):
        index = self.view.currentIndex()
        return self.proxy.key(index) if index.isValid() else None

    def _add(self, skill: Skill) -> None:
        if self.document.run(operations.add_skill, skill):
            index = self.proxy.index_of(skill.id)
            self.show_key(self.view, skill.id)
            self.view.edit(index)

    def _filter(self, text: str) -> None:
        self.proxy.set_filter_text(text)
        self._hide_filtered_columns()

    def _hide_filtered_columns(self) -> None:
        for column, key in enumerate(self.matrix.skills):
            self.matrix_view.setColumnHidden(column, not self.proxy.index_of(key).isValid())

    def _reveal_column(self) -> None:
        key = self.current_key()
        if key in self.matrix.skills:
            column = self.matrix.skills.index(key)
            self.matrix_view.scrollTo(self.matrix.index(max(self.matrix_view.rowAt(0), 0), column))

    def _selection_changed(self) -> None:
        has = self.has_selection()
        self.duplicate_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.selection_changed.emit()

    def _menu(self, position) -> None:
        menu = QMenu(self)
        menu.addAction("Add skill", self.add_item)
        menu.addAction("Duplicate", self.duplicate_selected).setEnabled(self.has_selection())
        menu.addAction("Delete", self.delete_selected).setEnabled(self.has_selection())
        menu.exec(self.view.viewport().mapToGlobal(position))
