"""The Dependencies tab of the initiative editor: what the initiative waits for and what follows it, with lags."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QHBoxLayout, QPushButton, QTableView, QWidget

from domain import operations
from views.qt import forms
from views.qt.models import Column, EntityTableModel, FilterProxy
from views.qt.tables import make_table, selected_keys
from views.qt.when_shown import WhileShown


def _lag(text: str) -> dict:
    value = forms.parse_number(text, "Lag")
    if value is None or not value.is_integer():
        raise ValueError("Lag must be a whole number of working days.")
    return {"lag": int(value)}


def _other(field: str):
    def display(model, dependency) -> str:
        initiative = model.plan.initiatives.get(getattr(dependency, field))
        return initiative.name if initiative else ""

    return display


class OtherInitiatives(QSortFilterProxyModel):
    """The initiatives the dependency picker offers: every one but the initiative being edited."""

    def __init__(self, source: EntityTableModel, parent=None):
        super().__init__(parent)
        self.setSourceModel(source)
        self._left_out = None

    def leave_out(self, key) -> None:
        if key != self._left_out:
            self._left_out = key
            self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        return self.sourceModel().key(source_row) != self._left_out

    def key(self, row: int):
        """The initiative in a row of this list."""
        return self.sourceModel().key(self.mapToSource(self.index(row, 0)).row())


class DependencyEditor(QWidget):
    """Two lists (waits for, followed by) of the current initiative, and a name picker to add to them.

    Signals
    -------
    follow(key)
        The user activated a listed initiative, to go to it.
    """

    follow = Signal(object)

    def _side(self, header: str, side: str) -> EntityTableModel:
        """The dependencies on one side of the current initiative, with their editable lag."""
        return EntityTableModel(
            self.document,
            "dependencies",
            [
                Column(header, _other(side), width=34, link=lambda m, d: ("initiatives", getattr(d, side))),
                Column(
                    "Lag (days)", lambda m, d: str(d.lag), sort=lambda m, d: d.lag, edit=_lag, numeric=True, width=8
                ),
            ],
            update=operations.update_dependency,
            include=lambda d: False,
            uses={"initiatives": lambda d: (d.before, d.after)},
            parent=self,
        )

    def __init__(self, document, initiatives: EntityTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.initiative = None
        tab = self
        grid = QGridLayout(self)
        self.before_model = self._side("Waits for", "before")
        self.after_model = self._side("Followed by", "after")
        self.before_view = make_table(FilterProxy(self.before_model, self), tab)
        self.after_view = make_table(FilterProxy(self.after_model, self), tab)
        for view in (self.before_view, self.after_view):
            view.activated.connect(lambda index, view=view: self._follow_dependency(view, index))
            QShortcut(
                QKeySequence(Qt.Key.Key_Delete),
                view,
                lambda view=view: self._remove_dependencies(view),
                context=Qt.ShortcutContext.WidgetShortcut,
            )

        self.other = QComboBox(tab)
        self.other.setEditable(True)
        self.other.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.other.setMinimumContentsLength(30)
        self.other.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.others = OtherInitiatives(initiatives, self)
        self.other.setModel(self.others)
        self.other.setModelColumn(0)
        self.other.lineEdit().setPlaceholderText("Type an initiative's name")
        completer = QCompleter(self.other)
        completer.setCompletionColumn(0)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.other.setCompleter(completer)
        # A completer reads every name again on any change to one: it has them only while the tab is shown.
        WhileShown(tab, lambda: completer.setModel(self.others), lambda: completer.setModel(None))
        self.other.setCurrentIndex(-1)
        wait = QPushButton("This waits for it", tab)
        follow = QPushButton("It waits for this", tab)
        remove = QPushButton("Remove selected", tab)
        wait.clicked.connect(lambda: self._add_dependency(waits=True))
        follow.clicked.connect(lambda: self._add_dependency(waits=False))
        remove.clicked.connect(
            lambda: self._remove_dependencies(
                self.before_view if self.before_view.selectionModel().hasSelection() else self.after_view
            )
        )
        adder = QHBoxLayout()
        adder.addWidget(self.other, 1)
        for button in (wait, follow, remove):
            adder.addWidget(button)
        grid.addLayout(adder, 0, 0, 1, 2)
        grid.addWidget(self.before_view, 1, 0)
        grid.addWidget(self.after_view, 1, 1)

    def set_initiative(self, key) -> None:
        """Show the dependencies of this initiative (None: none)."""
        self.initiative = key
        self.before_model.set_include((lambda d: d.after == key) if key is not None else (lambda d: False))
        self.after_model.set_include((lambda d: d.before == key) if key is not None else (lambda d: False))
        self.others.leave_out(key)

    def select(self, key) -> bool:
        """Select a dependency (before, after) of the current initiative in the list of what it waits for."""
        index = self.before_view.model().index_of(key)
        self.before_view.setCurrentIndex(index)
        return True

    def _add_dependency(self, waits: bool) -> None:
        key = self.initiative
        row = self.other.currentIndex()
        other = self.others.key(row) if row >= 0 else None
        if key is None or other is None or self.other.currentText() != self.document.plan.initiatives[other].name:
            self.document.error.emit("Pick an initiative from the list first.")
            return
        before, after = (other, key) if waits else (key, other)
        self.document.run(operations.add_dependency, before, after)

    def _remove_dependencies(self, view: QTableView) -> None:
        keys = selected_keys(view)
        self.document.run_many(
            f"Remove {len(keys)} dependencies",
            [partial(operations.remove_dependency, before=before, after=after) for before, after in keys],
        )

    def _follow_dependency(self, view: QTableView, index) -> None:
        proxy: QSortFilterProxyModel = view.model()
        source = proxy.mapToSource(index)
        target = proxy.sourceModel().link(source.row(), source.column())
        if target:
            self.follow.emit(target[1])
