"""Small models for what one initiative is linked to: goals served, RACI roles of teams, skills required.

Each lists every goal, team or skill, those the initiative has first (sorted when another initiative
is shown, not while the user ticks, so a row does not jump away from the pointer).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from domain import operations
from domain.entities import MAX_LEVEL, RACI_ROLES
from domain.goal_tree import goal_tree
from views.qt.models import literal_tip

NONE = "—"


def goals_in_tree_order(plan) -> list[tuple[object, int]]:
    """Every goal with its depth, parents before their objectives (goals in a parent cycle at the top)."""
    return goal_tree(plan).walk()


class _InitiativeLinks:
    """Shared by the link models: which initiative they describe, refreshed from the document."""

    last_column = 0

    def _watch(self, document, tables: set[str]) -> None:
        self.document = document
        self.initiative = None
        self._tables = tables
        document.changed.connect(self._on_changed)

    def set_initiative(self, key) -> None:
        self.beginResetModel()
        self.initiative = key
        self._load()
        self.endResetModel()

    def current(self):
        return self.document.plan.initiatives.get(self.initiative) if self.initiative is not None else None

    def _on_changed(self, change) -> None:
        if change is None or change.tables & self._tables:
            self.set_initiative(self.initiative)
        elif (
            any(edit.table == "initiatives" and edit.key == self.initiative for edit in change.edits)
            and self.rowCount()
        ):
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.last_column))


class GoalChecklist(_InitiativeLinks, QAbstractListModel):
    """Every goal, indented under its parent, ticked when the initiative serves it."""

    def __init__(self, document, parent=None):
        QAbstractListModel.__init__(self, parent)
        self._goals: list[tuple[object, int]] = []
        self._watch(document, {"goals"})
        self._load()

    def _load(self) -> None:
        initiative = self.current()
        if initiative is None:
            self._goals = []
            return
        served, ordered = set(initiative.goals), goals_in_tree_order(self.document.plan)
        # Served goals lead, flush left: their parents may be further down.
        self._goals = [(key, 0) for key, _ in ordered if key in served] + [
            (key, depth) for key, depth in ordered if key not in served
        ]

    def key(self, row: int):
        return self._goals[row][0]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._goals)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key, depth = self._goals[index.row()]
        goal = self.document.plan.goals[key]
        if role == Qt.ItemDataRole.DisplayRole:
            return "    " * depth + goal.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_tip(goal.name)
        if role == Qt.ItemDataRole.CheckStateRole:
            initiative = self.current()
            served = initiative is not None and key in initiative.goals
            return Qt.CheckState.Checked if served else Qt.CheckState.Unchecked
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | (Qt.ItemFlag.ItemNeverHasChildren)
        )

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or self.initiative is None:
            return False
        operation = operations.link_goal if Qt.CheckState(value) == Qt.CheckState.Checked else operations.unlink_goal
        return self.document.run(operation, self.initiative, self.key(index.row()))


class Assignments(_InitiativeLinks, QAbstractTableModel):
    """Every team (or skill) with the initiative's value for it: a RACI role or a required level.

    `value(initiative, key)` reads the value as text ('' for none); `assign(initiative_id, key, text)`
    returns the operation and arguments that set it ('' removes it).
    """

    def __init__(
        self,
        document,
        table: str,
        headers: tuple[str, str],
        choices: tuple[str, ...],
        value: Callable[[object, object], str],
        assign: Callable[[object, object, str], tuple],
        parent=None,
    ):
        QAbstractTableModel.__init__(self, parent)
        self.last_column = 1
        self.table = table
        self.headers = headers
        self.choices = choices
        self._value = value
        self._assign = assign
        self.keys: list = []
        self._watch(document, {table})

    def _load(self) -> None:
        initiative = self.current()
        keys = self.document.plan.table(self.table)
        self.keys = sorted(keys, key=lambda key: self._value(initiative, key) == "") if initiative else []

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def value(self, row: int) -> str:
        initiative = self.current()
        return self._value(initiative, self.keys[row]) if initiative else ""

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        name = self.document.plan.table(self.table)[self.keys[index.row()]].name
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return name
            if role == Qt.ItemDataRole.ToolTipRole:
                return literal_tip(name)
            return None
        value = self.value(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return value or NONE
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        text = "" if value in (None, NONE) else str(value)
        if role != Qt.ItemDataRole.EditRole or index.column() != 1 or self.initiative is None:
            return False
        if text == self.value(index.row()) or (text and text not in self.choices):
            return False
        operation, *args = self._assign(self.initiative, self.keys[index.row()], text)
        return self.document.run(operation, *args)


def raci_roles(document, parent=None) -> Assignments:
    """Every team with its RACI role in the initiative."""
    return Assignments(
        document,
        "teams",
        ("Team", "Role"),
        RACI_ROLES,
        lambda initiative, team: next((r.role for r in initiative.raci if r.team == team), ""),
        lambda initiative, team, role: (
            (operations.set_raci, initiative, team, role) if role else (operations.unset_raci, initiative, team)
        ),
        parent,
    )


def skill_needs(document, parent=None) -> Assignments:
    """Every skill with the level the initiative requires."""
    return Assignments(
        document,
        "skills",
        ("Skill", "Required level"),
        tuple(str(n) for n in range(1, MAX_LEVEL + 1)),
        lambda initiative, skill: next((str(n.level) for n in initiative.skills if n.skill == skill), ""),
        lambda initiative, skill, level: (
            (operations.require_skill, initiative, skill, int(level))
            if level
            else (operations.unrequire_skill, initiative, skill)
        ),
        parent,
    )


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a drop-down of the choices plus '—' for none; picking commits at once."""

    def __init__(self, choices: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):
        editor = QComboBox(parent)
        editor.addItems([NONE, *self.choices])
        editor.activated.connect(lambda _: self.commitData.emit(editor))
        editor.activated.connect(lambda _: self.closeEditor.emit(editor))
        return editor

    def setEditorData(self, editor: QComboBox, index) -> None:
        editor.setCurrentText(index.data(Qt.ItemDataRole.EditRole) or NONE)

    def setModelData(self, editor: QComboBox, model, index) -> None:
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
