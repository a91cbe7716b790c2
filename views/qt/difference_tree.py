"""A tree of changes between two plans, grouped under headings, each marked added, removed or changed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from domain.compare import ADDED, CHANGED, REMOVED, Difference
from views.qt.models import literal_tip

CONFLICT = "conflict"
MARKS = {  # change: (word, colour); mid tones that read on light and dark backgrounds
    ADDED: ("Added", "#2e9e44"),
    REMOVED: ("Removed", "#d64541"),
    CHANGED: ("Changed", "#3b78c2"),
    CONFLICT: ("Conflict", "#d9822b"),
}
MARK, TEXT = 0, 1


class ChangeRow(QTreeWidgetItem):
    """One change; `entity` is the (table, key) it is about, None for the project."""

    def __init__(self, heading: QTreeWidgetItem, texts: list[str], entity: tuple[str, object] | None):
        super().__init__(heading, texts)
        self.entity = entity


class DifferenceTree(QTreeWidget):
    """Rows of changes under group headings; activating a row (double click, Enter) emits its entity.

    Signals
    -------
    entity_activated(table, key)
        The user asked to see the entity a change is about.
    """

    entity_activated = Signal(str, object)

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.setHeaderLabels(headers)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(MARK, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self._on_activated)

    def group(self, title: str) -> QTreeWidgetItem:
        """A heading row that the rows added under it belong to; `open_groups` spans and expands it."""
        heading = QTreeWidgetItem(self, [title])
        font = QFont(heading.font(MARK))
        font.setBold(True)
        heading.setFont(MARK, font)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return heading

    def open_groups(self) -> None:
        """Span every heading across the columns and expand every row; once, after filling, as spanning a
        row lays out the whole tree first (hundreds of headings took seconds one by one)."""
        for index in range(self.topLevelItemCount()):
            self.topLevelItem(index).setFirstColumnSpanned(True)
        self.expandAll()

    def add_row(self, heading: QTreeWidgetItem, change: str, text: str, entity: tuple[str, object] | None) -> ChangeRow:
        """A row under `heading` saying `text`, marked as `change` (ADDED, REMOVED, CHANGED or CONFLICT)."""
        word, colour = MARKS[change]
        row = ChangeRow(heading, [word, text], entity)
        row.setForeground(MARK, QBrush(QColor(colour)))
        font = QFont(row.font(MARK))
        font.setBold(True)
        row.setFont(MARK, font)
        row.setToolTip(TEXT, literal_tip(text))
        return row

    def add_difference(self, heading: QTreeWidgetItem, difference: Difference, *, checkable: bool = False) -> ChangeRow:
        """A row for one difference; checkable rows start ticked."""
        entity = None if difference.kind == "project" else (difference.kind, difference.id)
        row = self.add_row(heading, difference.change, difference.text, entity)
        if checkable:
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(MARK, Qt.CheckState.Checked)
        return row

    def _on_activated(self, row: QTreeWidgetItem, _column: int) -> None:
        if isinstance(row, ChangeRow) and row.entity is not None:
            self.entity_activated.emit(*row.entity)
