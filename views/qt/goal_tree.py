"""The goal tree: organisational goals with their objectives beneath, over the goals' parent links."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from domain.goal_tree import goal_tree
from views.qt.models import Column, day, literal_tip, number, team_name

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def _target(model, goal) -> str:
    if goal.baseline is None and goal.target is None:
        return goal.metric
    values = f"{number(goal.baseline) or '?'} → {number(goal.target) or '?'}"
    return " ".join(part for part in (goal.metric + ":" if goal.metric else "", values, goal.unit) if part)


COLUMNS = [
    Column("Goal", lambda m, g: g.name, width=34),
    Column("Owner", lambda m, g: team_name(m.plan, g.owner), width=16),
    Column("Measure", _target, width=26),
    Column("Deadline", lambda m, g: day(g.deadline), width=10),
]


class GoalTreeModel(QAbstractItemModel):
    """Goals as a tree; goals whose parent is missing (or that sit in a parent circle) show at the top."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.columns = COLUMNS
        self._children: dict[object, list] = {}
        self._parent: dict[object, object] = {}
        self._row: dict[object, int] = {}
        self._serial: dict[object, int] = {}
        self._keys: list = []
        self._build()
        document.changed.connect(self._on_changed)

    @property
    def plan(self):
        return self.document.plan

    def _build(self) -> None:
        children = goal_tree(self.plan).children
        self._children = children
        self._parent = {child: parent for parent, keys in children.items() for child in keys}
        self._row = {child: row for keys in children.values() for row, child in enumerate(keys)}
        self._keys = list(self.plan.goals)
        self._serial = {key: n for n, key in enumerate(self._keys)}

    def key(self, index: QModelIndex):
        """The goal shown at an index."""
        return self._keys[index.internalId()] if index.isValid() else None

    def index_of(self, key) -> QModelIndex:
        if key not in self._serial:
            return QModelIndex()
        return self.createIndex(self._row[key], 0, self._serial[key])

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:  # noqa: B008 - Qt signature
        siblings = self._children.get(self.key(parent), [])
        if not (0 <= row < len(siblings) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column, self._serial[siblings[row]])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._parent.get(self.key(index))
        return self.index_of(parent) if parent is not None else QModelIndex()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(self.key(parent), []))

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        goal = self.plan.goals[self.key(index)]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.display(self, goal)
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_tip(goal.description or goal.name if index.column() == 0 else column.display(self, goal))
        if role == KEY_ROLE:
            return goal.id
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _on_changed(self, change) -> None:
        """Repaint the goals an edit touched and those a renamed team owns; rebuild when the tree changed shape."""
        if change is None or any(
            edit.before is None or edit.after is None or edit.before.parent != edit.after.parent
            for edit in change.edits
            if edit.table == "goals"
        ):
            self.beginResetModel()
            self._build()
            self.endResetModel()
            return
        keys = {edit.key for edit in change.edits if edit.table == "goals"}
        teams = {edit.key for edit in change.edits if edit.table == "teams"}
        if teams:
            keys.update(goal.id for goal in self.plan.goals.values() if goal.owner in teams)
        for key in keys:
            index = self.index_of(key)
            self.dataChanged.emit(index, index.siblingAtColumn(len(self.columns) - 1))
