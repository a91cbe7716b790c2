"""Table models over the plan: columns declared as data, precise updates, fast filtering and sorting.

A model shows the rows of one plan table (optionally only those a predicate keeps), in plan
order or sorted by a column. It listens to the document and turns each domain `Change` into
the smallest Qt signal that describes it: `dataChanged` for an edit, row inserts and removes
for adds and deletes, a layout change when rows only move, and a reset for a whole new plan.
Sorting happens here in Python (one `sorted` call) rather than in the proxy, which would call
back into Python twice per comparison; the proxy only filters, on a cached text per row.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer

from domain import wording

WARM_ROWS_PER_TICK = 500

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def literal_tip(text: str) -> str:
    """A tooltip that shows `text` exactly as typed (Qt renders tooltips as rich text when they look like it)."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"


def day(value: date | None) -> str:
    """A date as shown in tables (ISO, so it sorts and reads the same everywhere)."""
    return wording.day(value, missing="")


def number(value: float | None) -> str:
    """A number without a useless '.0'."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def team_name(plan, team_id) -> str:
    """The name of a team, or '' when there is none."""
    team = plan.teams.get(team_id) if team_id is not None else None
    return team.name if team else ""


@dataclass(frozen=True)
class Column:
    """One column of a table: how to show, sort and (optionally) edit a value of an entity.

    `display(model, entity)` gives the text; `sort` a key that sorts (None sorts last);
    `edit(text)` turns typed text into the keyword arguments of the model's update
    operation, raising ValueError with a sentence for the user when the text is refused.
    """

    header: str
    display: Callable[[Any, Any], str]
    sort: Callable[[Any, Any], Any] | None = None
    edit: Callable[[str], dict] | None = None
    tooltip: Callable[[Any, Any], str] | None = None
    decoration: Callable[[Any, Any], Any] | None = None
    width: int = 14  # default width, in average characters
    numeric: bool = False
    analysed: bool = False  # shows analysis results, so changes with them
    link: Callable[[Any, Any], tuple[str, object] | None] | None = None  # the entity a double-click jumps to
    searchable: bool | None = None  # matched by the filter; by default text columns that are not analysed

    @property
    def filtered(self) -> bool:
        return self.searchable if self.searchable is not None else not (self.numeric or self.analysed)


class EntityTableModel(QAbstractTableModel):
    """The rows of one plan table (those `include` keeps) with the given columns.

    `include(entity)` decides from the entity alone. `uses` names the other tables the columns show,
    each with the keys of that table an entity refers to (e.g. `{"teams": lambda i: (i.owner,)}`), so
    that renaming a team repaints just the rows that show it.
    """

    def __init__(
        self,
        document,
        table: str,
        columns: list[Column],
        *,
        update: Callable | None = None,
        include: Callable[[Any], bool] | None = None,
        uses: Mapping[str, Callable[[Any], Iterable]] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.document = document
        self.table = table
        self.columns = columns
        self.analysis = None
        self._update = update
        self._include = include
        self._uses = dict(uses or {})
        self._sort_column = -1
        self._descending = False
        self._search: dict[object, str] = {}
        self._searched = [column for column in columns if column.filtered]
        self.keys: tuple = ()
        self.rows: dict[object, int] = {}
        self._set_keys(self._ordered_keys())
        # The filter text of every row is prepared a few hundred rows at a time while the app is idle,
        # so the first keystroke in the filter box does not pay for all of them.
        self._warmer = QTimer(self)
        self._warmer.setSingleShot(True)
        self._warmer.timeout.connect(self._warm)
        self._warmer.start()
        document.changed.connect(self._on_changed)

    # Reading

    @property
    def plan(self):
        return self.document.plan

    def key(self, row: int):
        """The key of the entity shown in a row."""
        return self.keys[row]

    def entity(self, row: int):
        return self.plan.table(self.table)[self.keys[row]]

    def row_of(self, key) -> int:
        """The row showing an entity, or -1."""
        return self.rows.get(key, -1)

    def link(self, row: int, column: int) -> tuple[str, object] | None:
        """The (table, key) that activating a cell jumps to, if any."""
        link = self.columns[column].link
        return link(self, self.entity(row)) if link else None

    def search_text(self, row: int) -> str:
        """The text of a row's searchable columns, folded for case-insensitive filtering (cached)."""
        key = self.keys[row]
        text = self._search.get(key)
        if text is None:
            entity = self.plan.table(self.table)[key]
            text = "\n".join(column.display(self, entity) for column in self._searched).casefold()
            self._search[key] = text
        return text

    def search_ready(self) -> bool:
        """True when every row's filter text is prepared."""
        return len(self._search) >= len(self.keys)

    def _warm(self) -> None:
        missing = (row for row, key in enumerate(self.keys) if key not in self._search)
        for count, row in enumerate(missing):
            if count == WARM_ROWS_PER_TICK:
                self._warmer.start()
                return
            self.search_text(row)

    # Qt model interface

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.display(self, self.entity(index.row()))
        if role == Qt.ItemDataRole.ToolTipRole:
            entity = self.entity(index.row())
            return literal_tip(column.tooltip(self, entity) if column.tooltip else column.display(self, entity))
        if role == Qt.ItemDataRole.DecorationRole and column.decoration:
            return column.decoration(self, self.entity(index.row()))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KEY_ROLE:
            return self.keys[index.row()]
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if self._update and self.columns[index.column()].edit:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = self.columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or not column.edit or not self._update:
            return False
        if str(value) == column.display(self, self.entity(index.row())):
            return False
        try:
            changes = column.edit(str(value))
        except ValueError as problem:
            self.document.error.emit(str(problem))
            return False
        return self.document.run(self._update, *self._update_key(self.keys[index.row()]), **changes)

    def _update_key(self, key) -> tuple:
        return key if isinstance(key, tuple) else (key,)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sort rows by a column (-1: plan order), keeping selections on the same entities."""
        self._sort_column = column if 0 <= column < len(self.columns) else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._move_rows(self._ordered_keys())

    # Following the document

    def set_include(self, include: Callable[[Any], bool] | None) -> None:
        """Show other rows (e.g. the hand-offs of another team)."""
        self._include = include
        self.beginResetModel()
        self._search.clear()
        self._set_keys(self._ordered_keys())
        self.endResetModel()

    def set_analysis(self, analysis) -> None:
        """Show new analysis results in the columns that use them."""
        self.analysis = analysis
        analysed = [n for n, column in enumerate(self.columns) if column.analysed]
        if not analysed or not self.keys:
            return
        if self._sort_column in analysed:
            self._move_rows(self._ordered_keys())
        self.dataChanged.emit(self.index(0, min(analysed)), self.index(len(self.keys) - 1, max(analysed)))

    def refresh(self) -> None:
        """Show the plan again from scratch."""
        self._warmer.start()
        self.beginResetModel()
        self._search.clear()
        self._set_keys(self._ordered_keys())
        self.endResetModel()

    def _on_changed(self, change) -> None:
        if change is None:
            self.refresh()
            return
        used = {table: refers for table, refers in self._uses.items() if table in change.tables}
        if self.table not in change.tables and not used:
            return
        edited = {edit.key for edit in change.edits if edit.table == self.table}
        entities = self.plan.table(self.table)
        for table, refers in used.items():
            keys = {edit.key for edit in change.edits if edit.table == table}
            edited.update(key for key in self.keys if key in entities and not keys.isdisjoint(refers(entities[key])))
        for key in edited:
            self._search.pop(key, None)
        if self.table not in change.tables and self._sort_column < 0:
            new = self.keys  # `include` looks at the entity alone: an edit elsewhere keeps the same rows
        else:
            new = self._ordered_keys()
        if new != self.keys and not self._insert_or_remove(new):
            if set(new) == set(self.keys):
                self._move_rows(new)
            else:
                self.beginResetModel()
                self._set_keys(new)
                self.endResetModel()
                return
        for key in edited:
            row = self.rows.get(key)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _ordered_keys(self) -> tuple:
        entities = self.plan.table(self.table)
        include = self._include
        keys = [k for k, e in entities.items() if include(e)] if include else list(entities)
        if self._sort_column < 0:
            return tuple(keys)
        column = self.columns[self._sort_column]
        sort = column.sort or (lambda model, entity: column.display(model, entity).casefold())

        def sort_key(key):
            value = sort(self, entities[key])
            return (value is None, value) if not self._descending else (value is not None, value)

        return tuple(sorted(keys, key=sort_key, reverse=self._descending))

    def _set_keys(self, keys: tuple) -> None:
        self.keys = keys
        self.rows = {key: row for row, key in enumerate(keys)}

    def _insert_or_remove(self, new: tuple) -> bool:
        """Apply `new` as row removals or insertions when that is all it is; False otherwise."""
        old = self.keys
        new_set, old_set = set(new), set(old)
        if new_set < old_set and tuple(k for k in old if k in new_set) == new:
            for row in sorted((self.rows[k] for k in old_set - new_set), reverse=True):
                self.beginRemoveRows(QModelIndex(), row, row)
                self._set_keys(self.keys[:row] + self.keys[row + 1 :])
                self.endRemoveRows()
            return True
        if old_set < new_set and len(new_set - old_set) <= 100 and tuple(k for k in new if k in old_set) == old:
            for row, key in enumerate(new):
                if key not in old_set:
                    self.beginInsertRows(QModelIndex(), row, row)
                    self._set_keys(self.keys[:row] + (key,) + self.keys[row:])
                    self.endInsertRows()
            return True
        return False

    def _move_rows(self, new: tuple) -> None:
        if new == self.keys:
            return
        self.layoutAboutToBeChanged.emit()
        old_keys = self.keys
        self._set_keys(new)
        persistent = self.persistentIndexList()
        moved = []
        for index in persistent:
            row = self.rows.get(old_keys[index.row()], -1) if index.row() < len(old_keys) else -1
            moved.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


class FilterProxy(QSortFilterProxyModel):
    """Keeps the rows whose text contains the filter, ignoring case; sorting is left to the source model."""

    def __init__(self, source, parent=None):
        super().__init__(parent)
        self._needle = ""
        self.setSourceModel(source)

    def set_filter_text(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle == self._needle:
            return
        self._needle = needle
        # One layout change rather than a row signal per hidden range: views relayout once.
        self.invalidate()

    def filter_text(self) -> str:
        return self._needle

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        return not self._needle or self._needle in self.sourceModel().search_text(source_row)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def key(self, index: QModelIndex):
        """The key of the entity at a proxy index."""
        return self.sourceModel().key(self.mapToSource(index).row())

    def index_of(self, key) -> QModelIndex:
        """The proxy index of an entity's first column (invalid when filtered out or absent)."""
        row = self.sourceModel().row_of(key)
        return self.mapFromSource(self.sourceModel().index(row, 0)) if row >= 0 else QModelIndex()
